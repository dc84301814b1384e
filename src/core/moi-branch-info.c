/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-branch-info.h"

struct _MoiBranchInfo
{
  GObject parent_instance;

  char *branch_id;
  gint64 created_at;
  char *creator;
  gint64 updated_at;
  char *modifier;
  int status;
  MoiWorkflow *workflow;
  char *branch_name;
  int branch_status;
  char *branch_volume_id;
  JsonObject *extra;
};

static gpointer
workflow_from_node (JsonNode  *node,
                    GError   **error)
{
  return moi_workflow_new_from_node (node, error);
}

static JsonNode *
workflow_to_node (gpointer object)
{
  return moi_workflow_to_node (object);
}

static const MoiRecordField fields[] = {
  { "branch_id", "branch-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, branch_id) },
  { "created_at", "created-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, created_at) },
  { "creator", "creator", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, creator) },
  { "updated_at", "updated-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, updated_at) },
  { "modifier", "modifier", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiBranchInfo, modifier) },
  { "status", "status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, status) },
  { "workflow", "workflow", MOI_RECORD_OBJECT, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiBranchInfo, workflow), NULL, NULL,
    moi_workflow_get_type, workflow_from_node, workflow_to_node },
  { "branch_name", "branch-name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, branch_name) },
  { "branch_status", "branch-status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiBranchInfo, branch_status) },
  { "branch_volume_id", "branch-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiBranchInfo, branch_volume_id) },
};

static MoiRecordClassInfo record_info = {
  N_("Branch"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiBranchInfo, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiBranchInfo, moi_branch_info, record_info)

static void
moi_branch_info_init (MoiBranchInfo *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_branch_info_get_extra (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->extra;
}

const char *
moi_branch_info_get_branch_id (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->branch_id;
}

gint64
moi_branch_info_get_created_at (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), 0);

  return self->created_at;
}

const char *
moi_branch_info_get_creator (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->creator;
}

gint64
moi_branch_info_get_updated_at (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), 0);

  return self->updated_at;
}

const char *
moi_branch_info_get_modifier (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->modifier;
}

int
moi_branch_info_get_status (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), 0);

  return self->status;
}

MoiWorkflow *
moi_branch_info_get_workflow (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->workflow;
}

const char *
moi_branch_info_get_branch_name (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->branch_name;
}

int
moi_branch_info_get_branch_status (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), 0);

  return self->branch_status;
}

const char *
moi_branch_info_get_branch_volume_id (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return self->branch_volume_id;
}
