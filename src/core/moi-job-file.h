/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_JOB_FILE (moi_job_file_get_type ())
G_DECLARE_FINAL_TYPE (MoiJobFile, moi_job_file, MOI, JOB_FILE, GObject)

/* One file of a job (FileInfo in GET /workflow_job/{id}/files). Set fields
 * with g_object_set (); file-status uses the job/file statuses of
 * moi-enums.h. */
MoiJobFile *moi_job_file_new                  (void);
MoiJobFile *moi_job_file_new_from_json        (JsonNode  *node,
                                               GError   **error);
JsonNode   *moi_job_file_to_json              (MoiJobFile *self);
JsonObject *moi_job_file_get_extra            (MoiJobFile *self);
const char *moi_job_file_get_id               (MoiJobFile *self);
const char *moi_job_file_get_file_name        (MoiJobFile *self);
int         moi_job_file_get_file_type        (MoiJobFile *self);
int         moi_job_file_get_file_status      (MoiJobFile *self);
const char *moi_job_file_get_error_message    (MoiJobFile *self);
gint64      moi_job_file_get_start_time       (MoiJobFile *self);
gint64      moi_job_file_get_end_time         (MoiJobFile *self);
const char *moi_job_file_get_source_id        (MoiJobFile *self);
const char *moi_job_file_get_ref_file_id      (MoiJobFile *self);
const char *moi_job_file_get_target_volume_id (MoiJobFile *self);

G_END_DECLS
