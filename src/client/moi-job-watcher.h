/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-client.h"

G_BEGIN_DECLS

#define MOI_TYPE_JOB_WATCHER (moi_job_watcher_get_type ())
G_DECLARE_FINAL_TYPE (MoiJobWatcher, moi_job_watcher, MOI, JOB_WATCHER, GObject)

/* Follows a running job: polls its status and its file counters, quickly
 * while they change and backing off (doubling up to max-interval) while
 * they don't or while the service fails. Properties notify on change; it
 * stops by itself when the job reaches a final status (completed, failed,
 * stopped — "finished" is emitted once), on 401/404, on stop (), and when
 * the last reference goes. */
MoiJobWatcher    *moi_job_watcher_new              (MoiClient     *client,
                                                    const char    *job_id);
const char       *moi_job_watcher_get_job_id       (MoiJobWatcher *self);
/* -1 until the first answer. */
int               moi_job_watcher_get_status       (MoiJobWatcher *self);
int               moi_job_watcher_get_progress     (MoiJobWatcher *self);
const char       *moi_job_watcher_get_message      (MoiJobWatcher *self);
/* The job's counters, one object updated in place. */
MoiJobFileCounts *moi_job_watcher_get_counts       (MoiJobWatcher *self);
gboolean          moi_job_watcher_get_running      (MoiJobWatcher *self);
gboolean          moi_job_watcher_get_finished     (MoiJobWatcher *self);
const GError     *moi_job_watcher_get_error        (MoiJobWatcher *self);
/* Milliseconds; defaults 1000 and 10000. */
void              moi_job_watcher_set_intervals    (MoiJobWatcher *self,
                                                    guint          min_interval,
                                                    guint          max_interval);
guint             moi_job_watcher_get_interval     (MoiJobWatcher *self);
/* Starts (or restarts after a retry of failed files) polling now. */
void              moi_job_watcher_start            (MoiJobWatcher *self);
void              moi_job_watcher_stop             (MoiJobWatcher *self);

G_END_DECLS
