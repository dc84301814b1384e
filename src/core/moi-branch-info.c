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

G_DEFINE_FINAL_TYPE (MoiBranchInfo, moi_branch_info, G_TYPE_OBJECT)

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

static void
moi_branch_info_finalize (GObject *object)
{
  moi_record_clear (&record_info, object);

  G_OBJECT_CLASS (moi_branch_info_parent_class)->finalize (object);
}

static void
moi_branch_info_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  moi_record_get_property (&record_info, object, prop_id, value);
}

static void
moi_branch_info_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  moi_record_set_property (&record_info, object, prop_id, value);
}

static void
moi_branch_info_class_init (MoiBranchInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_branch_info_finalize;
  object_class->get_property = moi_branch_info_get_property;
  object_class->set_property = moi_branch_info_set_property;

  moi_record_install_properties (object_class, &record_info);
}

static void
moi_branch_info_init (MoiBranchInfo *self)
{
  moi_record_init (&record_info, self);
}

MoiBranchInfo *
moi_branch_info_new (void)
{
  return g_object_new (MOI_TYPE_BRANCH_INFO, NULL);
}

MoiBranchInfo *
moi_branch_info_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(MoiBranchInfo) self = moi_branch_info_new ();

  if (!moi_record_read (&record_info, self, node, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
moi_branch_info_to_json (MoiBranchInfo *self)
{
  g_return_val_if_fail (MOI_IS_BRANCH_INFO (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_CANONICAL);
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
