/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-job.h"

struct _MoiJob
{
  GObject parent_instance;

  char *id;
  char *name;
  gint64 created_at;
  char *creator;
  gint64 updated_at;
  char *modifier;
  int status;
  char *version;
  char *workflow_meta_id;
  char *workflow_branch_id;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, id) },
  { "name", "name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, name) },
  { "created_at", "created-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, created_at) },
  { "creator", "creator", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, creator) },
  { "updated_at", "updated-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, updated_at) },
  { "modifier", "modifier", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJob, modifier) },
  { "status", "status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, status) },
  { "version", "version", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJob, version) },
  { "workflow_meta_id", "workflow-meta-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, workflow_meta_id) },
  { "workflow_branch_id", "workflow-branch-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJob, workflow_branch_id) },
};

static MoiRecordClassInfo record_info = {
  N_("Job"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiJob, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiJob, moi_job, record_info)

static void
moi_job_init (MoiJob *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_job_get_extra (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->extra;
}

const char *
moi_job_get_id (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->id;
}

const char *
moi_job_get_name (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->name;
}

gint64
moi_job_get_created_at (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), 0);

  return self->created_at;
}

const char *
moi_job_get_creator (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->creator;
}

gint64
moi_job_get_updated_at (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), 0);

  return self->updated_at;
}

const char *
moi_job_get_modifier (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->modifier;
}

int
moi_job_get_status (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), 0);

  return self->status;
}

const char *
moi_job_get_version (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->version;
}

const char *
moi_job_get_workflow_meta_id (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->workflow_meta_id;
}

const char *
moi_job_get_workflow_branch_id (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return self->workflow_branch_id;
}

JsonNode *
moi_job_to_json_flat (MoiJob *self)
{
  g_return_val_if_fail (MOI_IS_JOB (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_FLAT);
}
