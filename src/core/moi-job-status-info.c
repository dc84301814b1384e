/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-job-status-info.h"

struct _MoiJobStatusInfo
{
  GObject parent_instance;

  char *job_id;
  int status;
  char *message;
  int progress;
  gint64 start_time;
  gint64 end_time;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "job_id", "job-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, job_id) },
  { "status", "status", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, status) },
  { "message", "message", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, message) },
  { "progress", "progress", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, progress) },
  { "start_time", "start-time", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, start_time) },
  { "end_time", "end-time", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiJobStatusInfo, end_time) },
};

static MoiRecordClassInfo record_info = {
  N_("Job status"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiJobStatusInfo, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiJobStatusInfo, moi_job_status_info, record_info)

static void
moi_job_status_info_init (MoiJobStatusInfo *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_job_status_info_get_extra (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), NULL);

  return self->extra;
}

const char *
moi_job_status_info_get_job_id (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), NULL);

  return self->job_id;
}

int
moi_job_status_info_get_status (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), 0);

  return self->status;
}

const char *
moi_job_status_info_get_message (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), NULL);

  return self->message;
}

int
moi_job_status_info_get_progress (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), 0);

  return self->progress;
}

gint64
moi_job_status_info_get_start_time (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), 0);

  return self->start_time;
}

gint64
moi_job_status_info_get_end_time (MoiJobStatusInfo *self)
{
  g_return_val_if_fail (MOI_IS_JOB_STATUS_INFO (self), 0);

  return self->end_time;
}
