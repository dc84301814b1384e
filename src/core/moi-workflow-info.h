/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-branch-info.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_TYPE_WORKFLOW_INFO (moi_workflow_info_get_type ())
G_DECLARE_FINAL_TYPE (MoiWorkflowInfo, moi_workflow_info, MOI, WORKFLOW_INFO, GObject)

/* A workflow as the API describes it: a list item (WorkflowListItem), a
 * detail (adds "workflow" and "branches"), a branch list item or detail,
 * and the create response. The create request body is written from the
 * same object. Times are ms since the epoch, 0 when not set; interval and
 * offset are process_mode's (also read from flow_interval / flow_offset).
 * Volume ids are strings: the API's examples show both numbers and
 * strings, and the numbers exceed what JSON doubles hold exactly. */
MoiWorkflowInfo    *moi_workflow_info_new                           (void);
MoiWorkflowInfo    *moi_workflow_info_new_from_json                 (JsonNode  *node,
                                                                     GError   **error);
JsonNode           *moi_workflow_info_to_json                       (MoiWorkflowInfo *self);
/* moi_workflow_info_to_json()'s object as compact JSON text, appended to
 * @out without building the object (a list page writes hundreds). */
void                moi_workflow_info_append_json                   (MoiWorkflowInfo *self,
                                                                     GString         *out);
JsonObject         *moi_workflow_info_get_extra                     (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_id                        (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_name                      (MoiWorkflowInfo *self);
gint64              moi_workflow_info_get_created_at                (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_creator                   (MoiWorkflowInfo *self);
gint64              moi_workflow_info_get_updated_at                (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_modifier                  (MoiWorkflowInfo *self);
const char * const *moi_workflow_info_get_source_volume_ids         (MoiWorkflowInfo *self);
const char * const *moi_workflow_info_get_source_volume_names       (MoiWorkflowInfo *self);
const int          *moi_workflow_info_get_file_types                (MoiWorkflowInfo *self,
                                                                     guint           *n_values);
const char         *moi_workflow_info_get_target_volume_id          (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_target_volume_name        (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_interval                  (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_offset                    (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_priority                  (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_status                    (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_version                   (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_branch_total              (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_branch_id                 (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_branch_name               (MoiWorkflowInfo *self);
int                 moi_workflow_info_get_branch_status             (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_branch_volume_id          (MoiWorkflowInfo *self);
MoiWorkflow        *moi_workflow_info_get_workflow                  (MoiWorkflowInfo *self);
GListModel         *moi_workflow_info_get_branches                  (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_create_target_volume_name (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_user_id                   (MoiWorkflowInfo *self);
const char         *moi_workflow_info_get_group_id                  (MoiWorkflowInfo *self);
JsonNode           *moi_workflow_info_get_files                     (MoiWorkflowInfo *self);
JsonNode           *moi_workflow_info_get_content                   (MoiWorkflowInfo *self);

/* The create / job-detail response shape (MOI_RECORD_STYLE_FLAT): arrays as
 * JSON strings, ISO times, flow_interval / flow_offset. */
JsonNode *moi_workflow_info_to_json_flat    (MoiWorkflowInfo *self);
/* The body of POST /workflow_meta and PUT /workflow_meta/{id}/base_info:
 * only the request's keys, branch_name defaulting to "main". */
JsonNode *moi_workflow_info_to_request_json (MoiWorkflowInfo *self);

G_END_DECLS
