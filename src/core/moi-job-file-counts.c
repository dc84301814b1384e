/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-job-file-counts.h"

struct _MoiJobFileCounts
{
  GObject parent_instance;

  int file_total;
  int total;
  int completed;
  int failed;
  int processing;
  int pending;
  int stopped;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "file_total", "file-total", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, file_total) },
  { "total", "total", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, total) },
  { "completed", "completed", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, completed) },
  { "failed", "failed", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, failed) },
  { "processing", "processing", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, processing) },
  { "pending", "pending", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, pending) },
  { "stopped", "stopped", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiJobFileCounts, stopped) },
};

static const char * const ignored_keys[] = { "files", NULL };

static MoiRecordClassInfo record_info = {
  N_("Job file counts"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiJobFileCounts, extra), ignored_keys, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiJobFileCounts, moi_job_file_counts, record_info)

static void
moi_job_file_counts_init (MoiJobFileCounts *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_job_file_counts_get_extra (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), NULL);

  return self->extra;
}

int
moi_job_file_counts_get_file_total (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->file_total;
}

int
moi_job_file_counts_get_total (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->total;
}

int
moi_job_file_counts_get_completed (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->completed;
}

int
moi_job_file_counts_get_failed (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->failed;
}

int
moi_job_file_counts_get_processing (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->processing;
}

int
moi_job_file_counts_get_pending (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->pending;
}

int
moi_job_file_counts_get_stopped (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), 0);

  return self->stopped;
}
