/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_JOB_STATUS_INFO (moi_job_status_info_get_type ())
G_DECLARE_FINAL_TYPE (MoiJobStatusInfo, moi_job_status_info, MOI, JOB_STATUS_INFO, GObject)

/* GET /workflow_job/{id}/status: status (moi-enums.h job statuses),
 * message, progress 0-100, start and end times (ms, 0 when not set). */
MoiJobStatusInfo *moi_job_status_info_new            (void);
MoiJobStatusInfo *moi_job_status_info_new_from_json  (JsonNode  *node,
                                                      GError   **error);
JsonNode         *moi_job_status_info_to_json        (MoiJobStatusInfo *self);
JsonObject       *moi_job_status_info_get_extra      (MoiJobStatusInfo *self);
const char       *moi_job_status_info_get_job_id     (MoiJobStatusInfo *self);
int               moi_job_status_info_get_status     (MoiJobStatusInfo *self);
const char       *moi_job_status_info_get_message    (MoiJobStatusInfo *self);
int               moi_job_status_info_get_progress   (MoiJobStatusInfo *self);
gint64            moi_job_status_info_get_start_time (MoiJobStatusInfo *self);
gint64            moi_job_status_info_get_end_time   (MoiJobStatusInfo *self);

G_END_DECLS
