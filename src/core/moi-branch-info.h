/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_TYPE_BRANCH_INFO (moi_branch_info_get_type ())
G_DECLARE_FINAL_TYPE (MoiBranchInfo, moi_branch_info, MOI, BRANCH_INFO, GObject)

/* One item of a workflow detail's "branches" (WorkflowBranchItem). */
MoiBranchInfo *moi_branch_info_new                  (void);
MoiBranchInfo *moi_branch_info_new_from_json        (JsonNode  *node,
                                                     GError   **error);
JsonNode      *moi_branch_info_to_json              (MoiBranchInfo *self);
JsonObject    *moi_branch_info_get_extra            (MoiBranchInfo *self);
const char    *moi_branch_info_get_branch_id        (MoiBranchInfo *self);
gint64         moi_branch_info_get_created_at       (MoiBranchInfo *self);
const char    *moi_branch_info_get_creator          (MoiBranchInfo *self);
gint64         moi_branch_info_get_updated_at       (MoiBranchInfo *self);
const char    *moi_branch_info_get_modifier         (MoiBranchInfo *self);
int            moi_branch_info_get_status           (MoiBranchInfo *self);
MoiWorkflow   *moi_branch_info_get_workflow         (MoiBranchInfo *self);
const char    *moi_branch_info_get_branch_name      (MoiBranchInfo *self);
int            moi_branch_info_get_branch_status    (MoiBranchInfo *self);
const char    *moi_branch_info_get_branch_volume_id (MoiBranchInfo *self);

G_END_DECLS
