/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_JOB_FILE_COUNTS (moi_job_file_counts_get_type ())
G_DECLARE_FINAL_TYPE (MoiJobFileCounts, moi_job_file_counts, MOI, JOB_FILE_COUNTS, GObject)

/* The counters beside the files of GET /workflow_job/{id}/files:
 * file_total (after the statuses filter), total, and per status. */
MoiJobFileCounts *moi_job_file_counts_new            (void);
MoiJobFileCounts *moi_job_file_counts_new_from_json  (JsonNode  *node,
                                                      GError   **error);
JsonNode         *moi_job_file_counts_to_json        (MoiJobFileCounts *self);
JsonObject       *moi_job_file_counts_get_extra      (MoiJobFileCounts *self);
int               moi_job_file_counts_get_file_total (MoiJobFileCounts *self);
int               moi_job_file_counts_get_total      (MoiJobFileCounts *self);
int               moi_job_file_counts_get_completed  (MoiJobFileCounts *self);
int               moi_job_file_counts_get_failed     (MoiJobFileCounts *self);
int               moi_job_file_counts_get_processing (MoiJobFileCounts *self);
int               moi_job_file_counts_get_pending    (MoiJobFileCounts *self);
int               moi_job_file_counts_get_stopped    (MoiJobFileCounts *self);

G_END_DECLS
