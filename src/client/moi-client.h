/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "moi-client-error.h"
#include "moi-list-query.h"
#include "moi-records.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_TYPE_CLIENT (moi_client_get_type ())
G_DECLARE_FINAL_TYPE (MoiClient, moi_client, MOI, CLIENT, GObject)

/* One MOI endpoint (cloud or the local moi-server): one SoupSession with
 * user agent "moi-studio/VERSION", the system proxy, a timeout, and the
 * "moi-key" header. Every endpoint is an _async/_finish pair; failures are
 * MOI_CLIENT_ERRORs. GETs are retried on connection errors and
 * 502/503/504 (max-retries times, doubling retry-delay); other methods never
 * retry. G_MESSAGES_DEBUG=moi-client logs method, path, status and time,
 * never the key. */
MoiClient   *moi_client_new                  (const char           *base_url,
                                              const char           *key);
const char  *moi_client_get_base_url         (MoiClient            *self);
void         moi_client_set_base_url         (MoiClient            *self,
                                              const char           *base_url);
void         moi_client_set_key              (MoiClient            *self,
                                              const char           *key);
guint        moi_client_get_timeout          (MoiClient            *self);
void         moi_client_set_timeout          (MoiClient            *self,
                                              guint                 seconds);
guint        moi_client_get_max_retries      (MoiClient            *self);
void         moi_client_set_max_retries      (MoiClient            *self,
                                              guint                 max_retries);
guint        moi_client_get_retry_delay      (MoiClient            *self);
void         moi_client_set_retry_delay      (MoiClient            *self,
                                              guint                 milliseconds);
SoupSession *moi_client_get_session          (MoiClient            *self);

/* Workflows. The list pages with offset/limit; its finish returns a
 * GPtrArray of MoiWorkflowInfo and the total matching. */
void         moi_client_list_workflows_async (MoiClient            *self,
                                              MoiListQuery         *query,
                                              guint                 offset,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_workflows_finish (MoiClient           *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);
void         moi_client_get_workflow_async   (MoiClient            *self,
                                              const char           *workflow_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiWorkflowInfo *moi_client_get_workflow_finish (MoiClient         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* @request: name, volumes, file_types, process mode, priority, target,
 * workflow... (moi_workflow_info_to_request_json). Returns the created
 * workflow as the service describes it, or a new reference to @request
 * when the service answers "data": null. */
void         moi_client_create_workflow_async (MoiClient           *self,
                                              MoiWorkflowInfo      *request,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiWorkflowInfo *moi_client_create_workflow_finish (MoiClient      *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_update_workflow_async (MoiClient           *self,
                                              const char           *workflow_id,
                                              MoiWorkflowInfo      *request,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_update_workflow_finish (MoiClient          *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_delete_workflow_async (MoiClient           *self,
                                              const char           *workflow_id,
                                              gboolean              delete_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_delete_workflow_finish (MoiClient          *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_stop_workflow_async  (MoiClient            *self,
                                              const char           *workflow_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_stop_workflow_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_rerun_workflow_async (MoiClient            *self,
                                              const char           *workflow_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_rerun_workflow_finish (MoiClient           *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* GET /workflow_meta/name/check (local service, ROBO): whether @name is
 * free. */
void         moi_client_check_workflow_name_async (MoiClient      *self,
                                              const char           *name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_check_workflow_name_finish (MoiClient     *self,
                                              GAsyncResult         *result,
                                              gboolean             *available,
                                              GError              **error);

/* Branches. The list's items are MoiWorkflowInfo (the spec's
 * WorkflowListItem with branch_* set); @statuses filters status_in. */
void         moi_client_create_branch_async  (MoiClient            *self,
                                              const char           *workflow_id,
                                              const char           *branch_name,
                                              MoiWorkflow          *workflow,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* @branch_id: the new branch's id when the service returns one, else NULL. */
gboolean     moi_client_create_branch_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              char                **branch_id,
                                              GError              **error);
void         moi_client_list_branches_async  (MoiClient            *self,
                                              const char           *workflow_id,
                                              const int            *statuses,
                                              guint                 n_statuses,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_branches_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);
void         moi_client_get_branch_async     (MoiClient            *self,
                                              const char           *branch_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiWorkflowInfo *moi_client_get_branch_finish (MoiClient           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* @branch_name may be NULL to keep the name. */
void         moi_client_update_branch_async  (MoiClient            *self,
                                              const char           *branch_id,
                                              const char           *branch_name,
                                              MoiWorkflow          *workflow,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_update_branch_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_delete_branch_async  (MoiClient            *self,
                                              const char           *branch_id,
                                              gboolean              delete_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_delete_branch_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* PUT /workflow_meta/branch/{id}/enable or /disable (2025 docs). */
void         moi_client_set_branch_enabled_async (MoiClient        *self,
                                              const char           *branch_id,
                                              gboolean              enabled,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_set_branch_enabled_finish (MoiClient       *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Jobs. Pages are numbered from 1 as the API does. */
void         moi_client_list_jobs_async      (MoiClient            *self,
                                              MoiListQuery         *query,
                                              guint                 page_num,
                                              guint                 page_size,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_jobs_finish     (MoiClient            *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);
void         moi_client_get_job_async        (MoiClient            *self,
                                              const char           *job_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiJob      *moi_client_get_job_finish       (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* @query: only its statuses are used (may be NULL). @total is file_total
 * (after the filter); @counts the per-status counters. */
void         moi_client_list_job_files_async (MoiClient            *self,
                                              const char           *job_id,
                                              MoiListQuery         *query,
                                              guint                 page_num,
                                              guint                 page_size,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_job_files_finish (MoiClient           *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              MoiJobFileCounts    **counts,
                                              GError              **error);
void         moi_client_retry_job_files_async (MoiClient           *self,
                                              const char           *job_id,
                                              const char * const   *file_ids,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_retry_job_files_finish (MoiClient          *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_get_job_status_async (MoiClient            *self,
                                              const char           *job_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiJobStatusInfo *moi_client_get_job_status_finish (MoiClient      *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Volumes (MOI's explore API; local folders on moi-server). */
void         moi_client_list_volumes_async   (MoiClient            *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_volumes_finish  (MoiClient            *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);
/* @path: the folder, for the local service; NULL for the cloud. */
void         moi_client_create_volume_async  (MoiClient            *self,
                                              const char           *name,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiVolume   *moi_client_create_volume_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_get_volume_async     (MoiClient            *self,
                                              const char           *volume_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MoiVolume   *moi_client_get_volume_finish    (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_delete_volume_async  (MoiClient            *self,
                                              const char           *volume_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     moi_client_delete_volume_finish (MoiClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         moi_client_list_volume_files_async (MoiClient         *self,
                                              const char           *volume_id,
                                              guint                 offset,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_volume_files_finish (MoiClient        *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);
/* The blocks (chunks) the jobs wrote for one file of a volume: a GPtrArray
 * of MoiDocumentBlock. */
void         moi_client_list_file_blocks_async (MoiClient          *self,
                                              const char           *volume_id,
                                              const char           *file_id,
                                              guint                 offset,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *moi_client_list_file_blocks_finish (MoiClient         *self,
                                              GAsyncResult         *result,
                                              guint                *total,
                                              GError              **error);

G_END_DECLS
