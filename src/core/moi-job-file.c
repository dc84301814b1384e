/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-job-file.h"

struct _MoiJobFile
{
  GObject parent_instance;

  char *id;
  char *file_name;
  int file_type;
  int file_status;
  char *error_message;
  gint64 start_time;
  gint64 end_time;
  char *source_id;
  char *ref_file_id;
  char *target_volume_id;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFile, id) },
  { "file_name", "file-name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFile, file_name) },
  { "file_type", "file-type", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFile, file_type) },
  { "file_status", "file-status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFile, file_status) },
  { "error_message", "error-message", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, error_message) },
  { "start_time", "start-time", MOI_RECORD_TIME_ISO, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, start_time) },
  { "end_time", "end-time", MOI_RECORD_TIME_ISO, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, end_time) },
  { "source_id", "source-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, source_id) },
  { "ref_file_id", "ref-file-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, ref_file_id) },
  { "target_volume_id", "target-volume-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobFile, target_volume_id) },
};

static MoiRecordClassInfo record_info = {
  N_("Job file"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiJobFile, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiJobFile, moi_job_file, record_info)

static void
moi_job_file_init (MoiJobFile *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_job_file_get_extra (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->extra;
}

const char *
moi_job_file_get_id (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->id;
}

const char *
moi_job_file_get_file_name (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->file_name;
}

int
moi_job_file_get_file_type (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), 0);

  return self->file_type;
}

int
moi_job_file_get_file_status (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), 0);

  return self->file_status;
}

const char *
moi_job_file_get_error_message (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->error_message;
}

gint64
moi_job_file_get_start_time (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), 0);

  return self->start_time;
}

gint64
moi_job_file_get_end_time (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), 0);

  return self->end_time;
}

const char *
moi_job_file_get_source_id (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->source_id;
}

const char *
moi_job_file_get_ref_file_id (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->ref_file_id;
}

const char *
moi_job_file_get_target_volume_id (MoiJobFile *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE (self), NULL);

  return self->target_volume_id;
}
