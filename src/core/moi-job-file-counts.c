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

G_DEFINE_FINAL_TYPE (MoiJobFileCounts, moi_job_file_counts, G_TYPE_OBJECT)

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

static void
moi_job_file_counts_finalize (GObject *object)
{
  moi_record_clear (&record_info, object);

  G_OBJECT_CLASS (moi_job_file_counts_parent_class)->finalize (object);
}

static void
moi_job_file_counts_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  moi_record_get_property (&record_info, object, prop_id, value);
}

static void
moi_job_file_counts_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  moi_record_set_property (&record_info, object, prop_id, value);
}

static void
moi_job_file_counts_class_init (MoiJobFileCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_job_file_counts_finalize;
  object_class->get_property = moi_job_file_counts_get_property;
  object_class->set_property = moi_job_file_counts_set_property;

  moi_record_install_properties (object_class, &record_info);
}

static void
moi_job_file_counts_init (MoiJobFileCounts *self)
{
  moi_record_init (&record_info, self);
}

MoiJobFileCounts *
moi_job_file_counts_new (void)
{
  return g_object_new (MOI_TYPE_JOB_FILE_COUNTS, NULL);
}

MoiJobFileCounts *
moi_job_file_counts_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(MoiJobFileCounts) self = moi_job_file_counts_new ();

  if (!moi_record_read (&record_info, self, node, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
moi_job_file_counts_to_json (MoiJobFileCounts *self)
{
  g_return_val_if_fail (MOI_IS_JOB_FILE_COUNTS (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_CANONICAL);
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
