/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-enums.h"

G_BEGIN_DECLS

/* The user_version of a store this build writes; older stores are migrated. */
#define MOI_STORE_SCHEMA_VERSION 5

#define MOI_STORE_ERROR (moi_store_error_quark ())

/**
 * MoiStoreError:
 * @MOI_STORE_ERROR_NOT_FOUND: no row has that id
 * @MOI_STORE_ERROR_EXISTS: a unique name is already taken
 * @MOI_STORE_ERROR_INVALID: the change is not allowed in the current state
 * @MOI_STORE_ERROR_DB: SQLite failed (message has SQLite's words)
 */
typedef enum
{
  MOI_STORE_ERROR_NOT_FOUND,
  MOI_STORE_ERROR_EXISTS,
  MOI_STORE_ERROR_INVALID,
  MOI_STORE_ERROR_DB,
} MoiStoreError;

GQuark moi_store_error_quark (void);

/* How a writer treats a document whose id the target volume already holds
 * (Haystack's DuplicatePolicy). */
typedef enum
{
  MOI_STORE_POLICY_OVERWRITE,
  MOI_STORE_POLICY_SKIP,
  MOI_STORE_POLICY_FAIL,
} MoiStorePolicy;

/* A document as the store keeps it. Made by the workers, with what the
 * group commit needs worked out beforehand (lengths, the id's bytes). */
typedef struct
{
  char *id;
  char *content;
  char *meta;       /* JSON object text */
  /*< private >*/
  gsize    content_length;
  gsize    meta_length;
  gboolean id_is_hash;     /* id is 64 hex digits, kept as id_bytes */
  guint8   id_bytes[32];
  gint64   segment;        /* where the group commit staged content and meta; */
  gint64   offset;         /* offset -1: not staged */
  gpointer       content_owner;   /* holds content, when it is not owned */
  GDestroyNotify content_release;
} MoiStoreDocument;

MoiStoreDocument *moi_store_document_new  (const char       *id,
                                           const char       *content,
                                           const char       *meta);
/* Without copies: @content stays @owner's, let go with @release when the
 * document is freed, and @meta (JSON object text) is taken. */
MoiStoreDocument *moi_store_document_new_full (const char       *id,
                                               const char       *content,
                                               gpointer          owner,
                                               GDestroyNotify    release,
                                               char             *meta);
void              moi_store_document_free (MoiStoreDocument *doc);

/* Filters of the workflow list; NULL / -1 / empty arrays mean "any". */
typedef struct
{
  const char *name_search;
  const char *creator;
  gint64      start_time;      /* ms, -1 for none */
  gint64      end_time;        /* ms, -1 for none */
  GArray     *process_modes;   /* of gint64 */
  GArray     *status;
  GArray     *file_types;
  GArray     *priority;
  const char *sort_field;      /* created_at, updated_at, name, priority */
  gboolean    descending;
  gint64      offset;
  gint64      limit;
} MoiStoreWorkflowQuery;

typedef struct
{
  const char *workflow_id;
  const char *name_search;
  GArray     *file_types;
  GArray     *priority;
  GArray     *status;
  gint64      count_le;        /* -1 for none */
  gint64      count_ge;
  const char *sort_field;      /* NULL: created_at descending */
  gboolean    descending;
  gint64      offset;
  gint64      limit;
} MoiStoreJobQuery;

/* A file a new job will process. */
typedef struct
{
  const char *source_volume_id;
  const char *file_path;        /* relative to the volume's folder */
  gint64      file_type;
  gint64      file_size;
} MoiStoreNewFile;

#define MOI_TYPE_STORE (moi_store_get_type ())
G_DECLARE_FINAL_TYPE (MoiStore, moi_store, MOI, STORE, GObject)

/* Rows come back as JSON objects keyed by column name (TEXT -> string,
 * INTEGER -> int, NULL -> null), so the service writes the wire format
 * from them in one place per record. Every call is thread safe. */
MoiStore   *moi_store_new                  (const char            *path,
                                            GError               **error);
/* A second connection to @store's database, for the get, list and exists
 * calls only: its reads never wait behind @store's commits (WAL readers
 * run beside the writer). A store in memory gives itself. */
MoiStore   *moi_store_new_reader           (MoiStore              *store,
                                            GError               **error);
const char *moi_store_get_path             (MoiStore              *self);
gint64      moi_store_now_ms               (void);

/* Volumes */
JsonObject *moi_store_create_volume        (MoiStore              *self,
                                            const char            *name,
                                            const char            *path,
                                            GError               **error);
JsonObject *moi_store_get_volume           (MoiStore              *self,
                                            const char            *id_or_name,
                                            GError               **error);
GPtrArray  *moi_store_list_volumes         (MoiStore              *self,
                                            gint64                 offset,
                                            gint64                 limit,
                                            gint64                *total);
gboolean    moi_store_delete_volume        (MoiStore              *self,
                                            const char            *id,
                                            GError               **error);
/* Job files whose source or target volume is @volume_id ("any": all). */
GPtrArray  *moi_store_list_volume_files    (MoiStore              *self,
                                            const char            *volume_id,
                                            GArray                *types,
                                            GArray                *status,
                                            GArray                *exclude_status,
                                            const char            *sort_by,
                                            gboolean               descending,
                                            gint64                 offset,
                                            gint64                 limit,
                                            gint64                *total,
                                            GError               **error);
GPtrArray  *moi_store_list_file_documents  (MoiStore              *self,
                                            const char            *volume_id,
                                            const char            *file_id,
                                            gint64                 offset,
                                            gint64                 limit,
                                            gint64                *total,
                                            GError               **error);

/* Workflows. @row holds workflows columns (see moi-store.c's schema);
 * the main branch is created in the same transaction. */
JsonObject *moi_store_create_workflow      (MoiStore              *self,
                                            JsonObject            *row,
                                            const char            *branch_name,
                                            const char            *workflow_text,
                                            GError               **error);
/* The workflow row plus its main branch (branch_id, branch_name,
 * branch_status, branch_volume_id, workflow) and branch_total. */
JsonObject *moi_store_get_workflow         (MoiStore              *self,
                                            const char            *id,
                                            GError               **error);
GPtrArray  *moi_store_list_workflows       (MoiStore              *self,
                                            const MoiStoreWorkflowQuery *query,
                                            gint64                *total);
gboolean    moi_store_update_workflow      (MoiStore              *self,
                                            const char            *id,
                                            JsonObject            *changes,
                                            GError               **error);
gboolean    moi_store_delete_workflow      (MoiStore              *self,
                                            const char            *id,
                                            gboolean               delete_data,
                                            GError               **error);
gboolean    moi_store_workflow_name_exists (MoiStore              *self,
                                            const char            *name);
/* Ids of workflows with the given status (for the runner's timers). */
GPtrArray  *moi_store_list_workflow_ids    (MoiStore              *self,
                                            int                    status);

/* Branches */
JsonObject *moi_store_create_branch        (MoiStore              *self,
                                            const char            *workflow_id,
                                            const char            *name,
                                            const char            *workflow_text,
                                            GError               **error);
GPtrArray  *moi_store_list_branches        (MoiStore              *self,
                                            const char            *workflow_id,
                                            GArray                *status_in,
                                            GArray                *branch_status,
                                            GError               **error);
/* The parent workflow row with this branch's columns. */
JsonObject *moi_store_get_branch           (MoiStore              *self,
                                            const char            *branch_id,
                                            GError               **error);
gboolean    moi_store_update_branch        (MoiStore              *self,
                                            const char            *branch_id,
                                            const char            *name,
                                            const char            *workflow_text,
                                            GError               **error);
gboolean    moi_store_set_branch_status    (MoiStore              *self,
                                            const char            *branch_id,
                                            int                    status,
                                            GError               **error);
gboolean    moi_store_delete_branch        (MoiStore              *self,
                                            const char            *branch_id,
                                            gboolean               delete_data,
                                            GError               **error);

/* Jobs. Creates the job and its files (pending) in one transaction and
 * sets the workflow running; a job without files is completed at once. */
char       *moi_store_create_job           (MoiStore              *self,
                                            const char            *workflow_id,
                                            const char            *name,
                                            GPtrArray             *files,
                                            GError               **error);
GPtrArray  *moi_store_list_jobs            (MoiStore              *self,
                                            const MoiStoreJobQuery *query,
                                            gint64                *total);
/* The job row with its workflow's columns (prefixed "wf_") and counts. */
JsonObject *moi_store_get_job              (MoiStore              *self,
                                            const char            *job_id,
                                            GError               **error);
/* @counts: total, completed, failed, processing, pending, stopped. */
GPtrArray  *moi_store_list_job_files       (MoiStore              *self,
                                            const char            *job_id,
                                            GArray                *statuses,
                                            gint64                 offset,
                                            gint64                 limit,
                                            gint64                *filtered_total,
                                            JsonObject           **counts,
                                            GError               **error);
/* Failed or stopped files back to pending; the job back to processing. */
gboolean    moi_store_retry_files          (MoiStore              *self,
                                            const char            *job_id,
                                            const char * const    *file_ids,
                                            GError               **error);
/* Workflow stopped; its pending files stopped; jobs recomputed. */
gboolean    moi_store_stop_workflow        (MoiStore              *self,
                                            const char            *workflow_id,
                                            GError               **error);

/* Runner side. Claims the next pending file of the highest priority (then
 * oldest) job and returns the file row with workflow_text, volume_path,
 * target_volume_id, workflow_id. Claims are served from memory; the file
 * shows as processing once the writer's next batch records the claim (a
 * file whose claim was never recorded is simply still pending after a
 * crash). */
JsonObject *moi_store_claim_next_file      (MoiStore              *self);
/* Records a file's documents and final status. A writer thread commits
 * finished files in batches, one transaction per batch: each file is whole
 * or absent, never half written, and a file whose result was not committed
 * when the process died is still "processing", so the next start runs it
 * again. With MOI_STORE_POLICY_FAIL a duplicate document makes the file
 * fail, with a message naming @writer_name (the DocumentWriter component).
 *
 * moi_store_submit_file() queues the result (taking @documents) and returns
 * at once, waiting only while the queue is full; moi_store_finish_file()
 * waits for the commit and reports its error; moi_store_flush() waits until
 * every result submitted so far is committed. */
void        moi_store_submit_file          (MoiStore              *self,
                                            const char            *file_id,
                                            int                    status,
                                            const char            *error_message,
                                            GPtrArray             *documents,
                                            MoiStorePolicy         policy,
                                            const char            *writer_name);
gboolean    moi_store_finish_file          (MoiStore              *self,
                                            const char            *file_id,
                                            int                    status,
                                            const char            *error_message,
                                            GPtrArray             *documents,
                                            MoiStorePolicy         policy,
                                            const char            *writer_name,
                                            GError               **error);
void        moi_store_flush                (MoiStore              *self);
/* Whether the file's target volume already holds a document with this id
 * (not counting what earlier runs of the same file wrote: those are
 * replaced when the file commits). */
gboolean    moi_store_has_document         (MoiStore              *self,
                                            const char            *file_id,
                                            const char            *document_id);
/* After a crash: files left processing go back to pending. Returns how
 * many. */
guint       moi_store_requeue_processing   (MoiStore              *self);
/* The files a workflow's jobs already took, as a set of "vid\npath" keys,
 * so a watch catching up after a restart runs only the new ones. */
GHashTable *moi_store_get_seen_files       (MoiStore              *self,
                                            const char            *workflow_id);

G_END_DECLS
