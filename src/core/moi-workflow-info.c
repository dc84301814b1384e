/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-json-writer.h"
#include "moi-record-fields.h"
#include "moi-workflow-info.h"

struct _MoiWorkflowInfo
{
  GObject parent_instance;

  char *id;
  char *name;
  gint64 created_at;
  char *creator;
  gint64 updated_at;
  char *modifier;
  char **source_volume_ids;
  char **source_volume_names;
  GArray *file_types;
  char *target_volume_id;
  char *target_volume_name;
  int interval;
  int offset;
  int priority;
  int status;
  char *version;
  int branch_total;
  char *branch_id;
  char *branch_name;
  int branch_status;
  char *branch_volume_id;
  MoiWorkflow *workflow;
  GListStore *branches;
  char *create_target_volume_name;
  char *user_id;
  char *group_id;
  JsonNode *files;
  JsonNode *content;
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

static gpointer
branch_from_node (JsonNode  *node,
                  GError   **error)
{
  return moi_branch_info_new_from_json (node, error);
}

static JsonNode *
branch_to_node (gpointer object)
{
  return moi_branch_info_to_json (object);
}

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, id) },
  { "name", "name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, name) },
  { "created_at", "created-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, created_at) },
  { "creator", "creator", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, creator) },
  { "updated_at", "updated-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, updated_at) },
  { "modifier", "modifier", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, modifier) },
  { "source_volume_ids", "source-volume-ids", MOI_RECORD_STRV, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, source_volume_ids) },
  { "source_volume_names", "source-volume-names", MOI_RECORD_STRV, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, source_volume_names) },
  { "file_types", "file-types", MOI_RECORD_INT_ARRAY, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, file_types) },
  { "target_volume_id", "target-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, target_volume_id) },
  { "target_volume_name", "target-volume-name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, target_volume_name) },
  { "interval", "interval", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, interval), "process_mode", "flow_interval" },
  { "offset", "offset", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, offset), "process_mode", "flow_offset" },
  { "priority", "priority", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, priority) },
  { "status", "status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, status) },
  { "version", "version", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, version) },
  { "branch_total", "branch-total", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branch_total) },
  { "branch_id", "branch-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branch_id) },
  { "branch_name", "branch-name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branch_name) },
  { "branch_status", "branch-status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branch_status) },
  { "branch_volume_id", "branch-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branch_volume_id) },
  { "workflow", "workflow", MOI_RECORD_OBJECT, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, workflow), NULL, NULL,
    moi_workflow_get_type, workflow_from_node, workflow_to_node },
  { "branches", "branches", MOI_RECORD_LIST, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, branches), NULL, NULL,
    moi_branch_info_get_type, branch_from_node, branch_to_node },
  { "create_target_volume_name", "create-target-volume-name", MOI_RECORD_STRING,
    MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, create_target_volume_name) },
  { "user_id", "user-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, user_id) },
  { "group_id", "group-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, group_id) },
  { "files", "files", MOI_RECORD_JSON, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, files) },
  { "content", "content", MOI_RECORD_JSON, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiWorkflowInfo, content) },
};

static MoiRecordClassInfo record_info = {
  N_("Workflow"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiWorkflowInfo, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiWorkflowInfo, moi_workflow_info, record_info)

static void
moi_workflow_info_init (MoiWorkflowInfo *self)
{
  moi_record_init (&record_info, self);

  self->priority = 300;
}

JsonObject *
moi_workflow_info_get_extra (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->extra;
}

const char *
moi_workflow_info_get_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->id;
}

const char *
moi_workflow_info_get_name (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->name;
}

gint64
moi_workflow_info_get_created_at (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->created_at;
}

const char *
moi_workflow_info_get_creator (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->creator;
}

gint64
moi_workflow_info_get_updated_at (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->updated_at;
}

const char *
moi_workflow_info_get_modifier (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->modifier;
}

const char * const *
moi_workflow_info_get_source_volume_ids (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return (const char * const *) self->source_volume_ids;
}

const char * const *
moi_workflow_info_get_source_volume_names (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return (const char * const *) self->source_volume_names;
}

const int *
moi_workflow_info_get_file_types (MoiWorkflowInfo *self,
                                  guint            *n_values)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return moi_record_int_array_get (self->file_types, n_values);
}

const char *
moi_workflow_info_get_target_volume_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->target_volume_id;
}

const char *
moi_workflow_info_get_target_volume_name (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->target_volume_name;
}

int
moi_workflow_info_get_interval (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->interval;
}

int
moi_workflow_info_get_offset (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->offset;
}

int
moi_workflow_info_get_priority (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->priority;
}

int
moi_workflow_info_get_status (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->status;
}

const char *
moi_workflow_info_get_version (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->version;
}

int
moi_workflow_info_get_branch_total (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->branch_total;
}

const char *
moi_workflow_info_get_branch_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->branch_id;
}

const char *
moi_workflow_info_get_branch_name (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->branch_name;
}

int
moi_workflow_info_get_branch_status (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), 0);

  return self->branch_status;
}

const char *
moi_workflow_info_get_branch_volume_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->branch_volume_id;
}

MoiWorkflow *
moi_workflow_info_get_workflow (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->workflow;
}

GListModel *
moi_workflow_info_get_branches (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return G_LIST_MODEL (self->branches);
}

const char *
moi_workflow_info_get_create_target_volume_name (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->create_target_volume_name;
}

const char *
moi_workflow_info_get_user_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->user_id;
}

const char *
moi_workflow_info_get_group_id (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->group_id;
}

JsonNode *
moi_workflow_info_get_files (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->files;
}

JsonNode *
moi_workflow_info_get_content (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return self->content;
}

void
moi_workflow_info_append_json (MoiWorkflowInfo *self,
                               GString         *out)
{
  g_return_if_fail (MOI_IS_WORKFLOW_INFO (self));
  g_return_if_fail (out != NULL);

  moi_record_append (&record_info, self, MOI_RECORD_STYLE_CANONICAL, out);
}

JsonNode *
moi_workflow_info_to_json_flat (MoiWorkflowInfo *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_FLAT);
}

JsonNode *
moi_workflow_info_to_request_json (MoiWorkflowInfo *self)
{
  static const char * const request_keys[] = {
    "name", "source_volume_names", "source_volume_ids", "file_types", "process_mode",
    "priority", "target_volume_id", "target_volume_name", "create_target_volume_name",
    "workflow", "branch_name", "files", "content",
  };
  g_autoptr(JsonNode) full = NULL;
  JsonObject *all;
  JsonObject *request;
  JsonNode *node;

  g_return_val_if_fail (MOI_IS_WORKFLOW_INFO (self), NULL);

  full = moi_record_write (&record_info, self, MOI_RECORD_STYLE_CANONICAL);
  all = json_node_get_object (full);
  request = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (request_keys); i++)
    {
      JsonNode *value = json_object_get_member (all, request_keys[i]);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        json_object_set_member (request, request_keys[i], moi_json_node_deep_copy (value));
    }
  /* Both are required by the table even when empty. */
  if (!json_object_has_member (request, "create_target_volume_name"))
    json_object_set_string_member (request, "create_target_volume_name", "");
  if (!json_object_has_member (request, "branch_name"))
    json_object_set_string_member (request, "branch_name", "main");

  node = json_node_init_object (json_node_alloc (), request);
  json_object_unref (request);
  return node;
}
