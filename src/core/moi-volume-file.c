/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-volume-file.h"

struct _MoiVolumeFile
{
  GObject parent_instance;

  char *id;
  char *file_name;
  int file_type;
  gint64 file_size;
  char *file_path;
  int file_status;
  char *source_volume_id;
  char *source_file_id;
  char *target_volume_id;
  char *workflow_meta_id;
  char *workflow_branch_id;
  char *job_id;
  char *error_message;
  gint64 duration;
  gint64 start_time;
  gint64 end_time;
  int delete_status;
  int priority;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, id) },
  { "file_name", "file-name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, file_name) },
  { "file_type", "file-type", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, file_type) },
  { "file_size", "file-size", MOI_RECORD_INT64, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, file_size) },
  { "file_path", "file-path", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, file_path) },
  { "file_status", "file-status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, file_status) },
  { "source_volume_id", "source-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, source_volume_id) },
  { "source_file_id", "source-file-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, source_file_id) },
  { "target_volume_id", "target-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, target_volume_id) },
  { "workflow_meta_id", "workflow-meta-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, workflow_meta_id) },
  { "workflow_branch_id", "workflow-branch-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, workflow_branch_id) },
  { "job_id", "job-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, job_id) },
  { "error_message", "error-message", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, error_message) },
  { "duration", "duration", MOI_RECORD_INT64, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, duration) },
  { "start_time", "start-time", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, start_time) },
  { "end_time", "end-time", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolumeFile, end_time) },
  { "delete_status", "delete-status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, delete_status) },
  { "priority", "priority", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolumeFile, priority) },
};

static MoiRecordClassInfo record_info = {
  N_("Volume file"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiVolumeFile, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiVolumeFile, moi_volume_file, record_info)

static void
moi_volume_file_init (MoiVolumeFile *self)
{
  moi_record_init (&record_info, self);

  self->priority = 300;
}

JsonObject *
moi_volume_file_get_extra (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->extra;
}

const char *
moi_volume_file_get_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->id;
}

const char *
moi_volume_file_get_file_name (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->file_name;
}

int
moi_volume_file_get_file_type (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->file_type;
}

gint64
moi_volume_file_get_file_size (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->file_size;
}

const char *
moi_volume_file_get_file_path (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->file_path;
}

int
moi_volume_file_get_file_status (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->file_status;
}

const char *
moi_volume_file_get_source_volume_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->source_volume_id;
}

const char *
moi_volume_file_get_source_file_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->source_file_id;
}

const char *
moi_volume_file_get_target_volume_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->target_volume_id;
}

const char *
moi_volume_file_get_workflow_meta_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->workflow_meta_id;
}

const char *
moi_volume_file_get_workflow_branch_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->workflow_branch_id;
}

const char *
moi_volume_file_get_job_id (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->job_id;
}

const char *
moi_volume_file_get_error_message (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), NULL);

  return self->error_message;
}

gint64
moi_volume_file_get_duration (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->duration;
}

gint64
moi_volume_file_get_start_time (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->start_time;
}

gint64
moi_volume_file_get_end_time (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->end_time;
}

int
moi_volume_file_get_delete_status (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->delete_status;
}

int
moi_volume_file_get_priority (MoiVolumeFile *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME_FILE (self), 0);

  return self->priority;
}
