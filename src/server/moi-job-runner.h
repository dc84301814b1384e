/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "moi-store.h"

G_BEGIN_DECLS

#define MOI_TYPE_JOB_RUNNER (moi_job_runner_get_type ())
G_DECLARE_FINAL_TYPE (MoiJobRunner, moi_job_runner, MOI, JOB_RUNNER, GObject)

/* Runs jobs: a pool of worker threads takes pending files from the store,
 * highest priority first, runs each through its workflow's pipeline and
 * commits the file's documents and status in one transaction. Timers
 * (interval > 0) and folder monitors (interval -1) live in the thread-default
 * main context of the thread that created the runner. */
MoiJobRunner *moi_job_runner_new            (MoiStore      *store,
                                             guint          n_workers);
/* Puts files a crash left "processing" back to pending, arms the timers
 * and monitors of running workflows and starts the workers. */
void          moi_job_runner_start          (MoiJobRunner  *self);
/* Stops the workers (cancelling files in flight, which stay "processing"
 * in the store and are re-queued on the next start) and the timers. */
void          moi_job_runner_shutdown       (MoiJobRunner  *self);

/* Creates a job over the workflow's files (its "files" list if it has
 * one, else the source volumes' files whose type is in file_types) and
 * wakes the workers. Returns the job id. */
char         *moi_job_runner_run_workflow   (MoiJobRunner  *self,
                                             const char    *workflow_id,
                                             GError       **error);
/* Re-reads the workflow and re-arms (or disarms) its timer or monitor;
 * call after create, update, stop, rerun and delete. */
void          moi_job_runner_reschedule     (MoiJobRunner  *self,
                                             const char    *workflow_id);
/* Stops the workflow in the store and cancels its files in flight. */
gboolean      moi_job_runner_stop_workflow  (MoiJobRunner  *self,
                                             const char    *workflow_id,
                                             GError       **error);
/* Cancels the workflow's files in flight (before deleting it). */
void          moi_job_runner_cancel_workflow (MoiJobRunner *self,
                                             const char    *workflow_id);
/* New pending files exist (retry): wake the workers. */
void          moi_job_runner_wake           (MoiJobRunner  *self);

G_END_DECLS
