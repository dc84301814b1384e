/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_JOB (moi_job_get_type ())
G_DECLARE_FINAL_TYPE (MoiJob, moi_job, MOI, JOB, GObject)

/* A job (JobListItem; the job detail adds fields kept in the extra
 * object). Times are ms since the epoch, 0 when not set. */
MoiJob     *moi_job_new                    (void);
MoiJob     *moi_job_new_from_json          (JsonNode  *node,
                                            GError   **error);
JsonNode   *moi_job_to_json                (MoiJob *self);
JsonObject *moi_job_get_extra              (MoiJob *self);
const char *moi_job_get_id                 (MoiJob *self);
const char *moi_job_get_name               (MoiJob *self);
gint64      moi_job_get_created_at         (MoiJob *self);
const char *moi_job_get_creator            (MoiJob *self);
gint64      moi_job_get_updated_at         (MoiJob *self);
const char *moi_job_get_modifier           (MoiJob *self);
int         moi_job_get_status             (MoiJob *self);
const char *moi_job_get_version            (MoiJob *self);
const char *moi_job_get_workflow_meta_id   (MoiJob *self);
const char *moi_job_get_workflow_branch_id (MoiJob *self);

/* The job-detail shape of the spec's example (MOI_RECORD_STYLE_FLAT). */
JsonNode *moi_job_to_json_flat (MoiJob *self);

G_END_DECLS
