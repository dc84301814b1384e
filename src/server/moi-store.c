/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-store"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "moi-document.h"
#include "moi-json-writer.h"
#include "moi-segments.h"
#include "moi-store.h"

/* One SQLite connection shared by the HTTP thread's writes, the workers
 * and the group-commit writer; @lock makes each public call (and so each
 * transaction, a writer's batch included) atomic. Workers claim files from
 * memory (see moi_store_claim_next_file()), so they seldom need it. The
 * service's GETs go through a reader (moi_store_new_reader()): a second
 * MoiStore on a read-only connection, with its own lock. */
struct _MoiStore
{
  GObject     parent_instance;

  GMutex      lock;
  /* Claims are served from memory, under queue_lock (see
   * moi_store_claim_next_file()). */
  GQueue      claimable;      /* JsonObject file rows, in claim order */
  GHashTable *in_flight;      /* ids of files handed out whose result is not in */
  gboolean    claims_stale;   /* the database changed: load again first */
  gboolean    claims_more;    /* the last load stopped at CLAIM_CHUNK files */
  GHashTable *claim_workflows; /* job id -> workflow text of the queued files */
  char       *claim_tail_job;  /* the last queued file's job and seq: a load */
  gint64      claim_tail_seq;  /* while not stale goes on from there */
  sqlite3    *db;
  char       *path;
  GHashTable *statements;  /* SQL text -> sqlite3_stmt */
  GHashTable *statements_at; /* SQL text's address -> sqlite3_stmt, checked */
  MoiSegments *segments;   /* document content; NULL for a database in memory */
  gint64      placed_bytes;   /* staged before the batch's inserts... */
  gint64      placed_used;    /* ...and of those, what the inserted rows use */
  gint64      placed_segment; /* a segment the placing started, or 0 */

  /* Group commit: finished files wait here for the writer thread. */
  GMutex      queue_lock;
  GCond       queue_cond;
  GQueue      pending;     /* PendingFile */
  GThread    *writer;
  sqlite3    *checkpoint_db;  /* the writer's own connection, for checkpoints */
  gint        wal_frames;     /* frames in the WAL after the last commit */
  GThread    *checkpointer;   /* runs checkpoints on checkpoint_db */
  gboolean    checkpoint_wanted;
  gboolean    writer_stopping;
  guint64     n_submitted;
  guint64     n_committed;
  guint       n_waiting;   /* threads waiting for a commit */
  /* Documents of committed results (GPtrArray each): freed by the next
   * worker that submits, or by the writer when it has nothing to do, so
   * the writer, the pipeline's bottleneck, does not spend its time in
   * free(). */
  GPtrArray  *spent;
};

G_DEFINE_FINAL_TYPE (MoiStore, moi_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (moi-store-error-quark, moi_store_error)

#define SCHEMA_VERSION MOI_STORE_SCHEMA_VERSION

static const char *schema_v1 =
  "CREATE TABLE volumes ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE TABLE workflows ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, user_id TEXT, group_id TEXT,"
  "  creator TEXT, modifier TEXT, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, source_volume_ids TEXT NOT NULL,"
  "  source_volume_names TEXT NOT NULL, file_types TEXT NOT NULL,"
  "  flow_interval INTEGER NOT NULL, flow_offset INTEGER NOT NULL,"
  "  priority INTEGER NOT NULL, target_volume_id TEXT, target_volume_name TEXT,"
  "  status INTEGER NOT NULL, version TEXT, files TEXT, content TEXT,"
  "  main_branch_id TEXT);"
  "CREATE INDEX workflows_created ON workflows (created_at);"
  "CREATE INDEX workflows_updated ON workflows (updated_at);"
  "CREATE INDEX workflows_name ON workflows (name);"
  "CREATE INDEX workflows_priority ON workflows (priority);"
  "CREATE TABLE branches ("
  "  id TEXT PRIMARY KEY,"
  "  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0,"
  "  workflow TEXT NOT NULL, target_volume_id TEXT, creator TEXT,"
  "  modifier TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
  "  UNIQUE (workflow_id, name));"
  "CREATE TABLE jobs ("
  "  id TEXT PRIMARY KEY,"
  "  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,"
  "  branch_id TEXT, name TEXT NOT NULL, creator TEXT, modifier TEXT,"
  "  status INTEGER NOT NULL, version TEXT, priority INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
  "  start_time INTEGER, end_time INTEGER, message TEXT,"
  "  file_total INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX jobs_workflow ON jobs (workflow_id);"
  "CREATE INDEX jobs_created ON jobs (created_at);"
  "CREATE TABLE job_files ("
  "  id TEXT PRIMARY KEY,"
  "  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL, source_volume_id TEXT, target_volume_id TEXT,"
  "  file_name TEXT NOT NULL, file_path TEXT NOT NULL, file_type INTEGER,"
  "  file_size INTEGER, status INTEGER NOT NULL,"
  "  error_message TEXT, start_time INTEGER, end_time INTEGER,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE INDEX job_files_job ON job_files (job_id, seq);"
  "CREATE INDEX job_files_status ON job_files (status);"
  "CREATE TABLE documents ("
  "  target_volume_id TEXT NOT NULL, id TEXT NOT NULL,"
  "  job_file_id TEXT NOT NULL, position INTEGER NOT NULL, content TEXT,"
  "  meta TEXT, created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (target_volume_id, id));"
  "CREATE INDEX documents_file ON documents (job_file_id, position);";

/* v2: list pages in index order (every sort key ends with the id, so the
 * indexes must too), and file types as a bit mask kept by triggers so the
 * file_types filter needs no JSON parsing per row. */
static const char *schema_v2 =
  "DROP INDEX workflows_created;"
  "DROP INDEX workflows_updated;"
  "DROP INDEX workflows_name;"
  "DROP INDEX workflows_priority;"
  "CREATE INDEX workflows_created ON workflows (created_at, id);"
  "CREATE INDEX workflows_updated ON workflows (updated_at, id);"
  "CREATE INDEX workflows_name ON workflows (name, id);"
  "CREATE INDEX workflows_priority ON workflows (priority, id);"
  "CREATE INDEX workflows_creator ON workflows (creator);"
  "CREATE INDEX workflows_status ON workflows (status);"
  "DROP INDEX jobs_created;"
  "CREATE INDEX jobs_created ON jobs (created_at, id);"
  "ALTER TABLE workflows ADD COLUMN file_types_mask INTEGER NOT NULL DEFAULT 0;"
  "CREATE TRIGGER workflows_mask_insert AFTER INSERT ON workflows BEGIN"
  "  UPDATE workflows SET file_types_mask = (SELECT coalesce (sum (1 << value), 0) FROM"
  "  (SELECT DISTINCT value FROM json_each (NEW.file_types) WHERE value BETWEEN 0 AND 62))"
  "  WHERE id = NEW.id; END;"
  "CREATE TRIGGER workflows_mask_update AFTER UPDATE OF file_types ON workflows BEGIN"
  "  UPDATE workflows SET file_types_mask = (SELECT coalesce (sum (1 << value), 0) FROM"
  "  (SELECT DISTINCT value FROM json_each (NEW.file_types) WHERE value BETWEEN 0 AND 62))"
  "  WHERE id = NEW.id; END;"
  "UPDATE workflows SET file_types = file_types;";

/* v3: the runner's hot paths in O(log n). Per-job file counts kept by
 * triggers (a job's status and progress no longer count its files on every
 * finished file), a partial index of the files waiting to run (claiming no
 * longer sorts every pending file), and an index on the source file so a
 * rerun finds what earlier runs wrote without scanning every job file. */
static const char *schema_v3 =
  "CREATE TABLE job_file_counts ("
  "  job_id TEXT NOT NULL, status INTEGER NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (job_id, status)) WITHOUT ROWID;"
  "INSERT INTO job_file_counts SELECT job_id, status, count(*) FROM job_files"
  "  GROUP BY job_id, status;"
  "CREATE TRIGGER job_files_count_insert AFTER INSERT ON job_files BEGIN"
  "  INSERT INTO job_file_counts VALUES (NEW.job_id, NEW.status, 1)"
  "  ON CONFLICT (job_id, status) DO UPDATE SET n = n + 1; END;"
  "CREATE TRIGGER job_files_count_delete AFTER DELETE ON job_files BEGIN"
  "  UPDATE job_file_counts SET n = n - 1 WHERE job_id = OLD.job_id AND status = OLD.status;"
  "  END;"
  "CREATE TRIGGER job_files_count_update AFTER UPDATE OF status ON job_files"
  "  WHEN OLD.status IS NOT NEW.status BEGIN"
  "  UPDATE job_file_counts SET n = n - 1 WHERE job_id = OLD.job_id AND status = OLD.status;"
  "  INSERT INTO job_file_counts VALUES (NEW.job_id, NEW.status, 1)"
  "  ON CONFLICT (job_id, status) DO UPDATE SET n = n + 1; END;"
  "CREATE TRIGGER jobs_counts_delete AFTER DELETE ON jobs BEGIN"
  "  DELETE FROM job_file_counts WHERE job_id = OLD.id; END;"
  "CREATE INDEX job_files_waiting ON job_files (job_id, seq) WHERE status IN (3, 5);"
  "CREATE INDEX job_files_source ON job_files (file_path, source_volume_id);"
  "CREATE INDEX jobs_active ON jobs (priority DESC, created_at) WHERE status = 0;";

/* v4: document content in segment files beside the database (see
 * moi-segments.c): each document records where its bytes are, each segment
 * its committed size and how many of its bytes belong to deleted documents
 * (kept by a trigger; REPLACE deletes fire it with recursive_triggers on).
 * A document's meta follows its content there (meta_length bytes): at
 * ~400 bytes of sha256 ids it was most of the row, and rows that size
 * doubled SQLite's work per document.
 * Documents written before keep their content inline. The creator index
 * carries the creation time, so a list filtered by both counts its
 * matches from the index alone. */
static const char *schema_v4 =
  "ALTER TABLE documents ADD COLUMN content_segment INTEGER;"
  "ALTER TABLE documents ADD COLUMN content_offset INTEGER;"
  "ALTER TABLE documents ADD COLUMN content_length INTEGER;"
  "ALTER TABLE documents ADD COLUMN meta_length INTEGER;"
  "CREATE TABLE content_segments ("
  "  id INTEGER PRIMARY KEY, size INTEGER NOT NULL, dead INTEGER NOT NULL DEFAULT 0);"
  "CREATE TRIGGER documents_content_dead AFTER DELETE ON documents"
  "  WHEN OLD.content_segment IS NOT NULL BEGIN"
  "  UPDATE content_segments SET dead = dead + OLD.content_length"
  "  + coalesce (OLD.meta_length, 0)"
  "  WHERE id = OLD.content_segment; END;"
  "DROP INDEX workflows_creator;"
  "CREATE INDEX workflows_creator ON workflows (creator, created_at);";

/* v5: small document keys. Every document's row and both its index
 * entries repeated the volume's and the job file's 36-character ids and
 * its own 64 hex digits; inserting them was most of the group commit's
 * SQLite time. Volumes and job files now stand for themselves by an
 * integer from document_owners (never reused: AUTOINCREMENT), and a
 * sha256 id (64 lower-case hex digits, as Haystack makes them) is kept as
 * its 32 bytes; any other id stays text (moi_doc_id(), doc_id_bytes()).
 * A document's key (its rowid, declared so that no copy or VACUUM
 * renumbers it) is its job file's key << 24 | its position there: a
 * file's documents are one stretch of the table, found and deleted
 * without an index of their own. */
static const char *schema_v5 =
  "CREATE TABLE document_owners ("
  "  key INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT NOT NULL UNIQUE);"
  "INSERT OR IGNORE INTO document_owners (owner)"
  "  SELECT DISTINCT target_volume_id FROM documents;"
  "INSERT OR IGNORE INTO document_owners (owner) SELECT DISTINCT job_file_id FROM documents;"
  "CREATE TABLE documents_v5 ("
  "  key INTEGER PRIMARY KEY, volume INTEGER NOT NULL, id NOT NULL, content TEXT,"
  "  meta TEXT, created_at INTEGER NOT NULL, content_segment INTEGER,"
  "  content_offset INTEGER, content_length INTEGER, meta_length INTEGER,"
  "  UNIQUE (volume, id));"
  "INSERT INTO documents_v5 (rowid, volume, id, content, meta, created_at, content_segment,"
  "  content_offset, content_length, meta_length) SELECT f.key << 24 | d.position, v.key,"
  "  moi_doc_id (d.id), d.content, d.meta, d.created_at, d.content_segment,"
  "  d.content_offset, d.content_length, d.meta_length FROM documents d"
  "  JOIN document_owners v ON v.owner = d.target_volume_id"
  "  JOIN document_owners f ON f.owner = d.job_file_id;"
  "DROP TRIGGER documents_content_dead;"
  "DROP TABLE documents;"
  "ALTER TABLE documents_v5 RENAME TO documents;"
  "CREATE TRIGGER documents_content_dead AFTER DELETE ON documents"
  "  WHEN OLD.content_segment IS NOT NULL BEGIN"
  "  UPDATE content_segments SET dead = dead + OLD.content_length"
  "  + coalesce (OLD.meta_length, 0)"
  "  WHERE id = OLD.content_segment; END;"
  /* Keys are made with their volume or job file, off the group commit's
   * path (it reads them with the file's row); a job file's key goes with
   * it (documents it wrote may stay). */
  "INSERT OR IGNORE INTO document_owners (owner) SELECT id FROM volumes;"
  "INSERT OR IGNORE INTO document_owners (owner) SELECT id FROM job_files;"
  "CREATE TRIGGER volumes_document_owner AFTER INSERT ON volumes BEGIN"
  "  INSERT OR IGNORE INTO document_owners (owner) VALUES (NEW.id); END;"
  "CREATE TRIGGER job_files_document_owner_insert AFTER INSERT ON job_files BEGIN"
  "  INSERT OR IGNORE INTO document_owners (owner) VALUES (NEW.id); END;"
  "CREATE TRIGGER job_files_document_owner AFTER DELETE ON job_files BEGIN"
  "  DELETE FROM document_owners WHERE owner = OLD.id; END;";

/* Documents' rowids: the job file's key, then the position (24 bits). */
#define DOC_POSITION_BITS 24
#define DOC_MAX_POSITION  ((1 << DOC_POSITION_BITS) - 1)
/* The documents of the job file whose key @key (SQL) gives: a rowid range. */
#define FILE_DOCUMENTS(key) \
  "rowid BETWEEN (" key ") << 24 AND ((" key ") << 24 | 16777215)"
/* The SQL above, the list's "rowid & 16777215" and schema_v5 spell them out. */
G_STATIC_ASSERT (DOC_POSITION_BITS == 24 && DOC_MAX_POSITION == 16777215);
#define OWNER_KEY "SELECT key FROM document_owners WHERE owner = ?1"


static void
bind_doc_id (sqlite3_stmt *stmt,
             int           col,
             const char   *id)
{
  guint8 bytes[32];

  if (id != NULL && moi_document_id_to_bytes (id, bytes))
    sqlite3_bind_blob (stmt, col, bytes, sizeof bytes, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (stmt, col, id, -1, SQLITE_TRANSIENT);
}

/* moi_doc_id(text): the stored form of a document id (migration v5). */
static void
sql_doc_id (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  const char *id = (const char *) sqlite3_value_text (argv[0]);
  guint8 bytes[32];

  if (id != NULL && moi_document_id_to_bytes (id, bytes))
    sqlite3_result_blob (context, bytes, sizeof bytes, SQLITE_TRANSIENT);
  else
    sqlite3_result_value (context, argv[0]);
}

MoiStoreDocument *
moi_store_document_new (const char *id,
                        const char *content,
                        const char *meta)
{
  return moi_store_document_new_full (id, g_strdup (content), NULL, NULL,
                                      g_strdup (meta != NULL ? meta : "{}"));
}

MoiStoreDocument *
moi_store_document_new_full (const char     *id,
                             const char     *content,
                             gpointer        owner,
                             GDestroyNotify  release,
                             char           *meta)
{
  MoiStoreDocument *doc = g_new0 (MoiStoreDocument, 1);

  doc->id = g_strdup (id);
  doc->id_is_hash = id != NULL && moi_document_id_to_bytes (id, doc->id_bytes);
  doc->content = (char *) content;
  doc->content_length = content != NULL ? strlen (content) : 0;
  doc->content_owner = owner;
  doc->content_release = release;
  doc->meta = meta != NULL ? meta : g_strdup ("{}");
  doc->meta_length = strlen (doc->meta);
  doc->offset = -1;
  return doc;
}

void
moi_store_document_free (MoiStoreDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  if (doc->content_release != NULL)
    doc->content_release (doc->content_owner);
  else
    g_free (doc->content);
  g_free (doc->meta);
  g_free (doc);
}

gint64
moi_store_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static gboolean
set_db_error (MoiStore  *self,
              GError   **error)
{
  g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_DB,
               _("Database %s: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (MoiStore    *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  return TRUE;
}

/* Binds "s" string, "i" gint64, "d" int, "n" null, "j" JsonArray (as text,
 * for json_each), "S" string or null when empty. Strings are copied unless
 * @copy is FALSE (the statement is reset before they go). */
static void
bind_valist (sqlite3_stmt *stmt,
             gboolean      copy,
             const char   *types,
             va_list       ap)
{
  sqlite3_destructor_type keep = copy ? SQLITE_TRANSIENT : SQLITE_STATIC;

  for (int i = 0; types[i]; i++)
    {
      int col = i + 1;

      switch (types[i])
        {
        case 's':
          sqlite3_bind_text (stmt, col, va_arg (ap, const char *), -1, keep);
          break;
        case 't':
          /* Large text alive until the statement is reset: not copied. */
          sqlite3_bind_text (stmt, col, va_arg (ap, const char *), -1, SQLITE_STATIC);
          break;
        case 'S':
          {
            const char *s = va_arg (ap, const char *);
            if (s != NULL && *s)
              sqlite3_bind_text (stmt, col, s, -1, keep);
            else
              sqlite3_bind_null (stmt, col);
          }
          break;
        case 'i':
          sqlite3_bind_int64 (stmt, col, va_arg (ap, gint64));
          break;
        case 'd':
          sqlite3_bind_int (stmt, col, va_arg (ap, int));
          break;
        case 'D':
          bind_doc_id (stmt, col, va_arg (ap, const char *));
          break;
        case 'B':
          /* The 32 bytes of a sha256 id (MoiStoreDocument.id_bytes). */
          sqlite3_bind_blob (stmt, col, va_arg (ap, const guint8 *), 32, SQLITE_TRANSIENT);
          break;
        case 'n':
          sqlite3_bind_null (stmt, col);
          break;
        case 'a':
          {
            GArray *array = va_arg (ap, GArray *);
            g_autoptr(GString) text = g_string_new ("[");

            for (guint k = 0; array != NULL && k < array->len; k++)
              g_string_append_printf (text, "%s%" G_GINT64_FORMAT, k ? "," : "",
                                      g_array_index (array, gint64, k));
            g_string_append_c (text, ']');
            sqlite3_bind_text (stmt, col, text->str, -1, SQLITE_TRANSIENT);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Statements are cached by SQL text: the list queries only vary in which
 * filters are present (array filters bind one JSON text), so the cache
 * stays small. */
static sqlite3_stmt *
prepare (MoiStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements_at, sql);

  /* Most SQL is a literal, found by its address without hashing a few
   * hundred bytes; a built text may come back at another's address, so
   * the text is compared. */
  if (stmt == NULL || strcmp (sqlite3_sql (stmt), sql) != 0)
    {
      /* Built texts leave addresses behind: forget them now and then. */
      if (g_hash_table_size (self->statements_at) > 1024)
        g_hash_table_remove_all (self->statements_at);
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt == NULL)
        {
          if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
            {
              set_db_error (self, error);
              return NULL;
            }
          g_hash_table_insert (self->statements, g_strdup (sql), stmt);
          g_hash_table_insert (self->statements_at, (gpointer) sql, stmt);
          return stmt;
        }
      g_hash_table_insert (self->statements_at, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static sqlite3_stmt *
query (MoiStore    *self,
       GError     **error,
       const char  *sql,
       const char  *types,
       ...)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  va_list ap;

  if (stmt == NULL)
    return NULL;
  va_start (ap, types);
  bind_valist (stmt, TRUE, types, ap);
  va_end (ap);
  return stmt;
}

/* Runs a statement that returns no rows; returns the number of changes or
 * -1 on error. */
static int
run (MoiStore    *self,
     GError     **error,
     const char  *sql,
     const char  *types,
     ...)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  va_list ap;
  int rc;

  if (stmt == NULL)
    return -1;
  va_start (ap, types);
  bind_valist (stmt, FALSE, types, ap);
  va_end (ap);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_errcode (self->db) == SQLITE_CONSTRAINT)
        g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS,
                     "%s", sqlite3_errmsg (self->db));
      else
        set_db_error (self, error);
      return -1;
    }
  return sqlite3_changes (self->db);
}

static JsonObject *
row_to_object (sqlite3_stmt *stmt)
{
  JsonObject *row = json_object_new ();
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (row, name, sqlite3_column_double (stmt, i));
          break;
        case SQLITE_NULL:
          json_object_set_null_member (row, name);
          break;
        case SQLITE_BLOB:
          {
            /* Only document ids are blobs: their hex digits. */
            g_autofree char *hex =
              moi_document_id_from_bytes (sqlite3_column_blob (stmt, i),
                                          (gsize) sqlite3_column_bytes (stmt, i));

            json_object_set_string_member (row, name, hex);
          }
          break;
        default:
          json_object_set_string_member (row, name,
                                         (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
  return row;
}

/* Steps @stmt to the end, collecting rows (JSON objects, or with
 * @first_column the first column's text); NULL on error. */
static GPtrArray *
collect (MoiStore     *self,
         sqlite3_stmt *stmt,
         gboolean      first_column,
         GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (first_column ? g_free
                                                      : (GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, first_column ? g_strdup ((const char *) sqlite3_column_text (stmt, 0))
                                        : (gpointer) row_to_object (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

#define collect_rows(self, stmt, error) collect (self, stmt, FALSE, error)
#define collect_strings(self, stmt, error) collect (self, stmt, TRUE, error)

static JsonObject *
first_row (MoiStore     *self,
           sqlite3_stmt *stmt)
{
  JsonObject *row = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = row_to_object (stmt);
  sqlite3_reset (stmt);
  return row;
}

static gint64
single_int (MoiStore     *self,
            sqlite3_stmt *stmt)
{
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Every change made through begin() may change which files wait to run:
 * the claim queue is loaded again before the next claim. (The writer's
 * batches only record results and claims, and begin on their own.) */
static void
mark_claims_stale (MoiStore *self)
{
  g_mutex_lock (&self->queue_lock);
  self->claims_stale = TRUE;
  g_mutex_unlock (&self->queue_lock);
}

static gboolean
begin (MoiStore  *self,
       GError   **error)
{
  mark_claims_stale (self);
  return exec (self, "BEGIN IMMEDIATE", error);
}

/* The transaction's staged document content goes to its segment (synced)
 * before the commit that records it. Content staged for rows that were
 * not inserted after all is dead from the start. */
static gboolean
write_content (MoiStore  *self,
               GError   **error)
{
  gint64 segment, size;

  if (self->segments == NULL || !moi_segments_has_staged (self->segments))
    return TRUE;
  return moi_segments_finish_write (self->segments, &segment, &size, error)
         && run (self, error, "INSERT INTO content_segments (id, size, dead) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT (id) DO UPDATE SET size = ?2, dead = dead + ?3", "iii", segment,
                 size, self->placed_bytes - self->placed_used) >= 0;
}

static gboolean
commit_or_rollback (MoiStore  *self,
                    gboolean   ok,
                    GError   **error)
{
  gboolean committed = ok && write_content (self, error) && exec (self, "COMMIT", error);

  /* A failed COMMIT may leave the transaction open: close it. */
  if (!committed && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (self->segments != NULL)
    moi_segments_end (self->segments, committed);
  self->placed_bytes = self->placed_used = 0;
  return committed;
}

static gboolean
not_found (GError     **error,
           const char  *what,
           const char  *id)
{
  /* Translators: "Workflow 1234 not found" */
  g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_NOT_FOUND,
               _("%s %s not found"), what, id);
  return FALSE;
}

/* The row @sql (one "?" for @id) finds, or NULL and "@what @id not found". */
static JsonObject *
get_one (MoiStore    *self,
         const char  *sql,
         const char  *id,
         const char  *what,
         GError     **error)
{
  JsonObject *row = first_row (self, query (self, error, sql, "s", id));

  if (row == NULL && error != NULL && *error == NULL)
    not_found (error, what, id);
  return row;
}

/* A LIKE pattern finding @text anywhere, taking its %, _ and \\ literally. */
static char *
like_pattern (const char *text)
{
  g_autoptr(GString) escaped = g_string_new (text);

  g_string_replace (escaped, "\\", "\\\\", 0);
  g_string_replace (escaped, "%", "\\%", 0);
  g_string_replace (escaped, "_", "\\_", 0);
  return g_strdup_printf ("%%%s%%", escaped->str);
}

static gboolean
migrate (MoiStore  *self,
         GError   **error)
{
  const char *steps[] = { schema_v1, schema_v2, schema_v3, schema_v4, schema_v5 };
  gint64 version = single_int (self, query (self, NULL, "PRAGMA user_version", ""));

  G_STATIC_ASSERT (G_N_ELEMENTS (steps) == SCHEMA_VERSION);
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_DB,
                   _("Database %s has schema version %d, newer than this "
                     "moi-server understands (%d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }
  for (gint64 v = MAX (version, 0); v < SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", (int) v + 1);

      /* Each step is one transaction: a crash leaves the last whole version. */
      if (!begin (self, error))
        return FALSE;
      if (!exec (self, steps[v], error) || !exec (self, bump, error))
        return commit_or_rollback (self, FALSE, NULL);
      if (!commit_or_rollback (self, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* Checkpoints copy the WAL into the database and fsync it. The writer
 * thread runs them on its own connection after a batch, outside the locks,
 * once the WAL holds WAL_CHECKPOINT_FRAMES; SQLite's passive checkpoint lets
 * the main connection go on reading and writing meanwhile. Without the
 * writer (no job running) a commit past WAL_FORCE_FRAMES checkpoints itself. */
#define WAL_CHECKPOINT_FRAMES 1024    /* 16 MB of 16 KB pages */
#define WAL_FORCE_FRAMES      4096

static int
wal_hook (gpointer    data,
          sqlite3    *db,
          const char *name,
          int         n_frames)
{
  MoiStore *self = data;

  g_atomic_int_set (&self->wal_frames, n_frames);
  if (n_frames >= WAL_FORCE_FRAMES)
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return SQLITE_OK;
}

static gboolean
checkpoint_once (MoiStore *self)
{
  if (self->checkpoint_db == NULL)
    {
      /* A connection only knows the database is in WAL mode once it has
       * read it; until then a checkpoint on it does nothing. */
      if (sqlite3_open_v2 (self->path, &self->checkpoint_db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
          || sqlite3_exec (self->checkpoint_db, "PRAGMA schema_version", NULL, NULL, NULL)
             != SQLITE_OK)
        {
          g_warning ("Cannot open %s to checkpoint it: %s; SQLite will checkpoint it while "
                     "committing", self->path, sqlite3_errmsg (self->checkpoint_db));
          g_clear_pointer (&self->checkpoint_db, sqlite3_close);
          return FALSE;
        }
      sqlite3_busy_timeout (self->checkpoint_db, 5000);
    }
  sqlite3_wal_checkpoint_v2 (self->checkpoint_db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return TRUE;
}

/* The checkpointer thread: copies the WAL back while the writer goes on
 * committing (a passive checkpoint never blocks it), so the fsyncs do not
 * hold up the batches. */
static gpointer
checkpointer_main (gpointer data)
{
  MoiStore *self = data;
  gboolean ok = TRUE;

  g_mutex_lock (&self->queue_lock);
  while (ok)
    {
      while (!self->checkpoint_wanted && !self->writer_stopping)
        g_cond_wait (&self->queue_cond, &self->queue_lock);
      if (!self->checkpoint_wanted)
        break;
      self->checkpoint_wanted = FALSE;
      g_mutex_unlock (&self->queue_lock);
      ok = checkpoint_once (self);
      g_mutex_lock (&self->queue_lock);
    }
  g_mutex_unlock (&self->queue_lock);
  return NULL;
}

/* Called by the writer after a batch: asks for a checkpoint once the WAL
 * holds WAL_CHECKPOINT_FRAMES. */
static void
writer_checkpoint (MoiStore *self)
{
  if (g_atomic_int_get (&self->wal_frames) < WAL_CHECKPOINT_FRAMES)
    return;
  g_atomic_int_set (&self->wal_frames, 0);
  g_mutex_lock (&self->queue_lock);
  if (self->checkpointer == NULL)
    self->checkpointer = g_thread_new ("moi-store-checkpoint", checkpointer_main, self);
  self->checkpoint_wanted = TRUE;
  g_cond_broadcast (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);
}

static void
moi_store_finalize (GObject *object)
{
  MoiStore *self = (MoiStore *) object;

  /* The writer holds no reference: commit what is queued, then stop it. */
  if (self->writer != NULL)
    {
      g_mutex_lock (&self->queue_lock);
      self->writer_stopping = TRUE;
      g_cond_broadcast (&self->queue_cond);
      g_mutex_unlock (&self->queue_lock);
      g_thread_join (self->writer);
    }
  if (self->checkpointer != NULL)
    g_thread_join (self->checkpointer);
  g_clear_pointer (&self->checkpoint_db, sqlite3_close);
  g_clear_pointer (&self->spent, g_ptr_array_unref);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->queue_cond);

  g_clear_pointer (&self->statements_at, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->segments, moi_segments_free);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  g_queue_clear_full (&self->claimable, (GDestroyNotify) json_object_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->claim_workflows, g_hash_table_unref);
  g_clear_pointer (&self->claim_tail_job, g_free);

  G_OBJECT_CLASS (moi_store_parent_class)->finalize (object);
}

static void
moi_store_class_init (MoiStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moi_store_finalize;
}

static void
moi_store_init (MoiStore *self)
{
  g_queue_init (&self->claimable);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->claims_stale = TRUE;
  g_mutex_init (&self->lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->queue_cond);
  g_queue_init (&self->pending);
  self->spent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->statements_at = g_hash_table_new (NULL, NULL);
}

/* Moves the live content of segment @id (half dead or more) into a new
 * one, one transaction per COMPACT_BYTES, then drops it. */
#define COMPACT_BYTES (16 * 1024 * 1024)

static gboolean
compact_segment (MoiStore  *self,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint next = 0;

  rows = collect_rows (self, query (self, error, "SELECT rowid AS doc_key, content_offset, "
                                    "content_length + coalesce (meta_length, 0) AS length "
                                    "FROM documents WHERE content_segment = ?", "i", id),
                       error);
  if (rows == NULL)
    return FALSE;

  moi_segments_rotate (self->segments);
  while (next < rows->len)
    {
      g_autoptr(GPtrArray) buffers = g_ptr_array_new_with_free_func (g_free);
      gint64 staged = 0;
      gboolean ok = begin (self, error);

      for (; ok && next < rows->len && staged < COMPACT_BYTES; next++)
        {
          JsonObject *row = rows->pdata[next];
          gint64 len = json_object_get_int_member (row, "length");
          gint64 segment, offset;
          char *data = moi_segments_read (self->segments, id,
                                          json_object_get_int_member (row, "content_offset"),
                                          len, error);

          if (data == NULL)
            {
              ok = FALSE;
              break;
            }
          g_ptr_array_add (buffers, data);
          moi_segments_stage (self->segments, data, len, &segment, &offset);
          staged += len;
          ok = run (self, error, "UPDATE documents SET content_segment = ?, content_offset = ? "
                    "WHERE rowid = ?", "iii", segment, offset,
                    json_object_get_int_member (row, "doc_key")) >= 0
               && run (self, error, "UPDATE content_segments SET dead = dead + ? WHERE id = ?",
                       "ii", len, id) >= 0;
        }
      if (!commit_or_rollback (self, ok, ok ? error : NULL))
        return FALSE;
    }

  if (run (self, error, "DELETE FROM content_segments WHERE id = ?", "i", id) < 0)
    return FALSE;
  /* Commits are durable only once the WAL is synced (synchronous =
   * NORMAL): the old file goes only after a full checkpoint, else a power
   * cut could bring back rows pointing into it. Left behind, it is deleted
   * at the next open as unrecorded. */
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error);
  moi_segments_remove (self->segments, id);
  return TRUE;
}

/* The document content folder beside the database: cut off what commits
 * that never happened left behind, then give back the room of deleted
 * documents (segments at least half dead). Problems with single segments
 * are logged: the rest of the store still works. */
static gboolean
open_segments (MoiStore  *self,
               GError   **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) compact = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  if (g_str_has_prefix (self->path, ":memory:") || g_str_has_prefix (self->path, "file:"))
    return TRUE;
  dir = g_strconcat (self->path, "-content", NULL);
  if ((self->segments = moi_segments_open (dir, error)) == NULL
      || (rows = collect_rows (self, query (self, error, "SELECT id, size, dead FROM "
                                            "content_segments ORDER BY id", ""),
                               error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = json_object_get_int_member (rows->pdata[i], "id");
      gint64 size = json_object_get_int_member (rows->pdata[i], "size");
      gint64 dead = json_object_get_int_member (rows->pdata[i], "dead");
      g_autoptr(GError) segment_error = NULL;

      if (!moi_segments_declare (self->segments, id, size, &segment_error))
        g_warning ("%s", segment_error->message);
      else if (size > 0 && dead * 2 >= size)
        g_array_append_val (compact, id);
    }
  moi_segments_forget_undeclared (self->segments);
  /* One segment at a time: a document that cannot be read keeps only its
   * own segment from being compacted. */
  for (guint i = 0; i < compact->len; i++)
    if (!compact_segment (self, g_array_index (compact, gint64, i), &local_error))
      {
        g_warning (_("Could not give back the room of deleted documents: %s"),
                   local_error->message);
        g_clear_error (&local_error);
      }
  return TRUE;
}

MoiStore *
moi_store_new (const char  *path,
               GError     **error)
{
  g_autoptr(MoiStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the data folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }

  self = g_object_new (MOI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  /* Documents are a few KB each: 16 KB pages hold several per page and
   * halve the writes of 4 KB ones. Only a new database takes this. */
  if (!exec (self, "PRAGMA page_size = 16384", error)
      || !exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = NORMAL", error)
      /* Lists scan whole tables for counts: keep them in memory. */
      || !exec (self, "PRAGMA cache_size = -32768", error)
      || !exec (self, "PRAGMA mmap_size = 268435456", error)
      /* Checkpoints: see wal_hook(). Past one, the WAL file shrinks back. */
      || !exec (self, "PRAGMA journal_size_limit = 67108864", error)
      /* Temporary b-trees (sorts, statement journals) stay in memory. */
      || !exec (self, "PRAGMA temp_store = MEMORY", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      /* REPLACE's deletes count dead content too (schema v4). */
      || !exec (self, "PRAGMA recursive_triggers = ON", error)
      || sqlite3_create_function (self->db, "moi_doc_id", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_doc_id, NULL,
                                  NULL) != SQLITE_OK
      || !migrate (self, error)
      || !open_segments (self, error))
    return NULL;
  sqlite3_wal_hook (self->db, wal_hook, self);

  return g_steal_pointer (&self);
}

MoiStore *
moi_store_new_reader (MoiStore  *store,
                      GError   **error)
{
  g_autoptr(MoiStore) self = NULL;

  g_return_val_if_fail (MOI_IS_STORE (store), NULL);

  if (store->segments == NULL)
    return g_object_ref (store);
  self = g_object_new (MOI_TYPE_STORE, NULL);
  self->path = g_strdup (store->path);
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!exec (self, "PRAGMA cache_size = -16384", error)
      || !exec (self, "PRAGMA mmap_size = 268435456", error)
      || !exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;
  self->segments = moi_segments_open_reader (moi_segments_get_dir (store->segments));
  return g_steal_pointer (&self);
}

const char *
moi_store_get_path (MoiStore *self)
{
  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  return self->path;
}

#define LOCK(self) \
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&(self)->lock)

/* Volumes ----------------------------------------------------------------- */

static char *
new_volume_id (void)
{
  /* MOI's volume ids are 19-digit integers sent as strings; they stay
   * below G_MAXINT64 so clients may send them back as JSON numbers. */
  guint64 value = ((guint64) g_random_int () << 31) ^ g_random_int ();

  return g_strdup_printf ("%" G_GUINT64_FORMAT,
                          (guint64) (value % G_GUINT64_CONSTANT (8000000000000000000)
                                     + G_GUINT64_CONSTANT (1000000000000000000)));
}

static JsonObject *
get_volume_locked (MoiStore    *self,
                   const char  *id_or_name,
                   GError     **error)
{
  return get_one (self, "SELECT * FROM volumes WHERE id = ?1 OR name = ?1 "
                  "ORDER BY id = ?1 DESC LIMIT 1", id_or_name, _("Volume"), error);
}

JsonObject *
moi_store_create_volume (MoiStore    *self,
                         const char  *name,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *id = new_volume_id ();
  gint64 now = moi_store_now_ms ();
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL && path != NULL, NULL);

  if (single_int (self, query (self, error, "SELECT count(*) FROM volumes WHERE name = ?",
                               "s", name)) > 0)
    {
      g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS,
                   _("A volume named “%s” already exists"), name);
      return NULL;
    }
  if (run (self, error, "INSERT INTO volumes VALUES (?, ?, ?, ?, ?)", "sssii",
           id, name, path, now, now) < 0)
    return NULL;
  return get_volume_locked (self, id, error);
}

JsonObject *
moi_store_get_volume (MoiStore    *self,
                      const char  *id_or_name,
                      GError     **error)
{
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);
  return get_volume_locked (self, id_or_name, error);
}

GPtrArray *
moi_store_list_volumes (MoiStore *self,
                        gint64    offset,
                        gint64    limit,
                        gint64   *total)
{
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  *total = single_int (self, query (self, NULL, "SELECT count(*) FROM volumes", ""));
  return collect_rows (self, query (self, NULL,
                                    "SELECT * FROM volumes ORDER BY created_at, id "
                                    "LIMIT ? OFFSET ?", "ii", limit, offset), NULL);
}

gboolean
moi_store_delete_volume (MoiStore    *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(JsonObject) user = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  user = first_row (self, query (self, error,
                                 "SELECT w.name FROM workflows w WHERE w.target_volume_id = ?1 "
                                 "OR EXISTS (SELECT 1 FROM json_each (w.source_volume_ids) "
                                 "WHERE value = ?1) LIMIT 1", "s", id));
  if (user != NULL)
    {
      g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_INVALID,
                   _("Volume %s is used by workflow “%s”; delete the workflow first"),
                   id, json_object_get_string_member (user, "name"));
      return FALSE;
    }
  mark_claims_stale (self);
  switch (run (self, error, "DELETE FROM volumes WHERE id = ?", "s", id))
    {
    case -1:
      return FALSE;
    case 0:
      return not_found (error, _("Volume"), id);
    default:
      return TRUE;
    }
}

static const char *
file_sort_column (const char *sort_by)
{
  static const char *allowed[] = {
    "file_name", "file_type", "file_size", "file_status", "start_time", "end_time",
    "created_at", "updated_at", "duration", "priority",
  };

  for (guint i = 0; sort_by != NULL && i < G_N_ELEMENTS (allowed); i++)
    if (g_str_equal (sort_by, allowed[i]))
      return allowed[i];
  return NULL;
}

#define VOLUME_FILE_COLUMNS \
  "f.id, f.source_volume_id, f.id AS source_file_id, f.target_volume_id, f.file_name," \
  " f.file_type, f.file_size, f.file_path, f.status AS file_status," \
  " j.workflow_id AS workflow_meta_id, j.branch_id AS workflow_branch_id, f.job_id," \
  " f.error_message, (f.end_time - f.start_time) AS duration, f.start_time, f.end_time," \
  " 0 AS delete_status, j.priority, f.created_at, f.updated_at"

GPtrArray *
moi_store_list_volume_files (MoiStore    *self,
                             const char  *volume_id,
                             GArray      *types,
                             GArray      *status,
                             GArray      *exclude_status,
                             const char  *sort_by,
                             gboolean     descending,
                             gint64       offset,
                             gint64       limit,
                             gint64      *total,
                             GError     **error)
{
  g_autoptr(GString) where = g_string_new (" FROM job_files f JOIN jobs j ON j.id = f.job_id "
                                           "WHERE (?1 = 'any' OR f.source_volume_id = ?1 "
                                           "OR f.target_volume_id = ?1)");
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  const char *column = file_sort_column (sort_by);
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if (!g_str_equal (volume_id, "any"))
    {
      g_autoptr(JsonObject) volume = get_volume_locked (self, volume_id, error);
      if (volume == NULL)
        return NULL;
    }

  if (types != NULL && types->len > 0)
    g_string_append (where, " AND f.file_type IN (SELECT value FROM json_each (?2))");
  if (status != NULL && status->len > 0)
    g_string_append (where, " AND f.status IN (SELECT value FROM json_each (?3))");
  if (exclude_status != NULL && exclude_status->len > 0)
    g_string_append (where, " AND f.status NOT IN (SELECT value FROM json_each (?4))");

  count_sql = g_strconcat ("SELECT count(*)", where->str, NULL);
  list_sql = g_strdup_printf ("SELECT " VOLUME_FILE_COLUMNS "%s ORDER BY %s %s, f.seq "
                              "LIMIT ?5 OFFSET ?6", where->str,
                              column ? column : "f.created_at",
                              descending ? "DESC" : "ASC");
  *total = single_int (self, query (self, error, count_sql, "saaa",
                                    volume_id, types, status, exclude_status));
  return collect_rows (self, query (self, error, list_sql, "saaaii", volume_id, types, status,
                                    exclude_status, limit, offset), error);
}

/* A documents row as the API shows it: content and meta read from its
 * segment. */
static gboolean
read_content (MoiStore    *self,
              JsonObject  *row,
              GError     **error)
{
  gboolean stored = json_object_get_int_member_with_default (row, "content_segment", 0) > 0;
  gint64 content_length = json_object_get_int_member_with_default (row, "content_length", 0);
  gint64 meta_length = json_object_get_int_member_with_default (row, "meta_length", -1);
  g_autofree char *data = NULL;

  if (stored
      && (data = moi_segments_read (self->segments,
                                    json_object_get_int_member (row, "content_segment"),
                                    json_object_get_int_member (row, "content_offset"),
                                    content_length + MAX (meta_length, 0), error)) == NULL)
    return FALSE;
  if (stored && meta_length >= 0)
    {
      json_object_set_string_member (row, "meta", data + content_length);
      data[content_length] = '\0';
    }
  if (stored)
    json_object_set_string_member (row, "content", data);
  json_object_remove_member (row, "content_segment");
  json_object_remove_member (row, "content_offset");
  json_object_remove_member (row, "content_length");
  json_object_remove_member (row, "meta_length");
  return TRUE;
}

GPtrArray *
moi_store_list_file_documents (MoiStore    *self,
                               const char  *volume_id,
                               const char  *file_id,
                               gint64       offset,
                               gint64       limit,
                               gint64      *total,
                               GError     **error)
{
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  file = first_row (self, query (self, error,
                                 "SELECT id FROM job_files WHERE id = ?1 AND (?2 = 'any' "
                                 "OR source_volume_id = ?2 OR target_volume_id = ?2)",
                                 "ss", file_id, volume_id));
  if (file == NULL)
    {
      not_found (error, _("File"), file_id);
      return NULL;
    }
  *total = single_int (self, query (self, error,
                                    "SELECT count(*) FROM documents WHERE "
                                    FILE_DOCUMENTS (OWNER_KEY), "s", file_id));
  rows = collect_rows (self, query (self, error,
                                    "SELECT id, content, meta, ?1 AS file_id, "
                                    "rowid & 16777215 AS position, content_segment, "
                                    "content_offset, content_length, meta_length FROM documents "
                                    "WHERE " FILE_DOCUMENTS (OWNER_KEY) " ORDER BY rowid "
                                    "LIMIT ? OFFSET ?", "sii", file_id, limit, offset), error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (!read_content (self, rows->pdata[i], error))
      g_clear_pointer (&rows, g_ptr_array_unref);
  return g_steal_pointer (&rows);
}

/* Workflows --------------------------------------------------------------- */

static const char *workflow_columns[] = {
  "name", "user_id", "group_id", "creator", "modifier", "source_volume_ids",
  "source_volume_names", "file_types", "flow_interval", "flow_offset", "priority",
  "target_volume_id", "target_volume_name", "status", "version", "files", "content",
};

static gboolean
is_workflow_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (workflow_columns); i++)
    if (g_str_equal (name, workflow_columns[i]))
      return TRUE;
  return FALSE;
}

static void
bind_node (sqlite3_stmt *stmt,
           int           col,
           JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, col);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, col, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, col, json_node_get_boolean (node));
  else if (JSON_NODE_HOLDS_VALUE (node))
    sqlite3_bind_text (stmt, col, json_node_get_string (node), -1, SQLITE_TRANSIENT);
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);
      sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
    }
}

static gboolean
workflow_name_taken (MoiStore   *self,
                     const char *name,
                     const char *exclude_id)
{
  return single_int (self, query (self, NULL,
                                  "SELECT count(*) FROM workflows WHERE name = ? AND id != ?",
                                  "ss", name, exclude_id ? exclude_id : "")) > 0;
}

static gboolean
name_taken_error (GError     **error,
                  const char  *name)
{
  g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS,
               _("A workflow named “%s” already exists"), name);
  return FALSE;
}

/* A workflow's main branch, as its rows show it (b joined on it). */
#define WORKFLOW_BRANCH_COLUMNS \
  " b.id AS branch_id, b.name AS branch_name, b.status AS branch_status," \
  " b.target_volume_id AS branch_volume_id," \
  " (SELECT count(*) FROM branches c WHERE c.workflow_id = w.id) AS branch_total"
#define WORKFLOW_COLUMNS "SELECT w.*," WORKFLOW_BRANCH_COLUMNS
#define WORKFLOW_SELECT \
  WORKFLOW_COLUMNS ", b.workflow AS workflow FROM workflows w" \
  " LEFT JOIN branches b ON b.id = w.main_branch_id"
/* List items carry no workflow, and exactly the columns a WorkflowListItem
 * reads (under its keys, process mode by its flat aliases), so a row is
 * read as it is. The page's ids come first from the sort index alone; only
 * they are joined. */
#define WORKFLOW_PAGE_SELECT \
  "SELECT w.id, w.name, w.user_id, w.group_id, w.creator, w.modifier, w.created_at," \
  " w.updated_at, w.source_volume_ids, w.source_volume_names, w.file_types," \
  " w.flow_interval, w.flow_offset, w.priority, w.target_volume_id, w.target_volume_name," \
  " w.status, w.version, w.files, w.content," WORKFLOW_BRANCH_COLUMNS \
  " FROM page JOIN workflows w ON w.id = page.id" \
  " LEFT JOIN branches b ON b.id = w.main_branch_id"

static JsonObject *
get_workflow_locked (MoiStore    *self,
                     const char  *id,
                     GError     **error)
{
  return get_one (self, WORKFLOW_SELECT " WHERE w.id = ?", id, _("Workflow"), error);
}

/* A new enabled branch writing to its workflow's target volume; returns
 * run()'s count. */
static int
insert_branch (MoiStore    *self,
               const char  *branch_id,
               const char  *workflow_id,
               const char  *name,
               const char  *workflow_text,
               GError     **error)
{
  gint64 now = moi_store_now_ms ();

  return run (self, error,
              "INSERT INTO branches (id, workflow_id, name, status, workflow, target_volume_id, "
              "creator, modifier, created_at, updated_at) SELECT ?, id, ?, 0, ?, "
              "target_volume_id, creator, creator, ?, ? FROM workflows WHERE id = ?",
              "sssiis", branch_id, name, workflow_text, now, now, workflow_id);
}

JsonObject *
moi_store_create_workflow (MoiStore    *self,
                           JsonObject  *row,
                           const char  *branch_name,
                           const char  *workflow_text,
                           GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *branch_id = g_uuid_string_random ();
  g_autoptr(GString) sql = g_string_new ("INSERT INTO workflows (id, created_at, updated_at, "
                                         "main_branch_id");
  g_autoptr(GString) values = g_string_new (") VALUES (?, ?, ?, ?");
  g_autoptr(GList) members = json_object_get_members (row);
  gint64 now = moi_store_now_ms ();
  sqlite3_stmt *stmt;
  gboolean ok;
  int col = 5;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  g_return_val_if_fail (json_object_has_member (row, "name"), NULL);

  if (workflow_name_taken (self, json_object_get_string_member (row, "name"), NULL))
    {
      name_taken_error (error, json_object_get_string_member (row, "name"));
      return NULL;
    }

  for (GList *l = members; l; l = l->next)
    {
      g_return_val_if_fail (is_workflow_column (l->data), NULL);
      g_string_append_printf (sql, ", %s", (const char *) l->data);
      g_string_append (values, ", ?");
    }
  g_string_append (sql, values->str);
  g_string_append_c (sql, ')');

  if (!begin (self, error))
    return NULL;
  ok = (stmt = prepare (self, sql->str, error)) != NULL;
  if (ok)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, branch_id, -1, SQLITE_TRANSIENT);
      for (GList *l = members; l; l = l->next)
        bind_node (stmt, col++, json_object_get_member (row, l->data));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        ok = set_db_error (self, error);
    }
  ok = ok && insert_branch (self, branch_id, id, branch_name, workflow_text, error) == 1;
  if (!commit_or_rollback (self, ok, error))
    return NULL;
  return get_workflow_locked (self, id, error);
}

JsonObject *
moi_store_get_workflow (MoiStore    *self,
                        const char  *id,
                        GError     **error)
{
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  return get_workflow_locked (self, id, error);
}

/* Matches the triggers' file_types_mask. */
static gint64
file_types_mask (GArray *types)
{
  guint64 mask = 0;

  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      gint64 t = g_array_index (types, gint64, i);

      if (t >= 0 && t <= 62)
        mask |= G_GUINT64_CONSTANT (1) << t;
    }
  return (gint64) mask;
}

static const char *
workflow_sort_column (const char *field)
{
  static const char *allowed[] = { "created_at", "updated_at", "name", "priority" };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (allowed); i++)
    if (g_str_equal (field, allowed[i]))
      return allowed[i];
  return "created_at";
}

GPtrArray *
moi_store_list_workflows (MoiStore                    *self,
                          const MoiStoreWorkflowQuery *q,
                          gint64                      *total)
{
  g_autoptr(GString) where = g_string_new (" WHERE 1");
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  g_autofree char *pattern = NULL;
  const char *column;
  const char *order;
  const char *plus = "\x01";
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if (q->name_search != NULL && *q->name_search)
    {
      pattern = like_pattern (q->name_search);
      g_string_append (where, " AND w.name LIKE ?1 ESCAPE '\\'");
    }
  if (q->creator != NULL && *q->creator)
    g_string_append_printf (where, " AND %sw.creator = ?2", plus);
  if (q->start_time >= 0)
    g_string_append_printf (where, " AND %sw.created_at >= ?3", plus);
  if (q->end_time >= 0)
    g_string_append_printf (where, " AND %sw.created_at <= ?4", plus);
  if (q->process_modes != NULL && q->process_modes->len > 0)
    g_string_append_printf (where, " AND %sw.flow_interval IN (SELECT value FROM "
                            "json_each (?5))", plus);
  if (q->status != NULL && q->status->len > 0)
    g_string_append_printf (where, " AND %sw.status IN (SELECT value FROM json_each (?6))", plus);
  if (q->file_types != NULL && q->file_types->len > 0)
    g_string_append (where, " AND (w.file_types_mask & ?7) != 0");
  if (q->priority != NULL && q->priority->len > 0)
    g_string_append_printf (where, " AND %sw.priority IN (SELECT value FROM json_each (?8))", plus);

  {
    g_autoptr(GString) counted = g_string_new (where->str);

    g_string_replace (counted, "\x01", "", 0);
    count_sql = g_strconcat ("SELECT count(*) FROM workflows w", counted->str, NULL);
  }
  /* The page walks the sort index and filters as it goes ("+" keeps the
   * filters off their own indexes, which would need a sort of every match);
   * the count uses those indexes. */
  g_string_replace (where, "\x01", "+", 0);
  column = workflow_sort_column (q->sort_field);
  order = q->descending ? "DESC" : "ASC";
  list_sql = g_strdup_printf ("WITH page AS (SELECT w.id, w.%s AS sort_key FROM workflows w%s "
                              "ORDER BY w.%s %s, w.id %s LIMIT ?9 OFFSET ?10) "
                              WORKFLOW_PAGE_SELECT " ORDER BY page.sort_key %s, page.id %s",
                              column, where->str, column, order, order, order, order);

  *total = single_int (self, query (self, NULL, count_sql, "SSiiaaia", pattern, q->creator,
                                    q->start_time, q->end_time, q->process_modes, q->status,
                                    file_types_mask (q->file_types), q->priority));
  return collect_rows (self, query (self, NULL, list_sql, "SSiiaaiaii", pattern, q->creator,
                                    q->start_time, q->end_time, q->process_modes, q->status,
                                    file_types_mask (q->file_types), q->priority, q->limit,
                                    q->offset), NULL);
}

gboolean
moi_store_update_workflow (MoiStore    *self,
                           const char  *id,
                           JsonObject  *changes,
                           GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE workflows SET updated_at = ?");
  g_autoptr(GList) members = json_object_get_members (changes);
  sqlite3_stmt *stmt;
  gboolean ok;
  int col = 2;
  int rc;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if (json_object_has_member (changes, "name")
      && workflow_name_taken (self, json_object_get_string_member (changes, "name"), id))
    return name_taken_error (error, json_object_get_string_member (changes, "name"));

  for (GList *l = members; l; l = l->next)
    {
      g_return_val_if_fail (is_workflow_column (l->data), FALSE);
      g_string_append_printf (sql, ", %s = ?", (const char *) l->data);
    }
  g_string_append (sql, " WHERE id = ?");

  if (!begin (self, error))
    return FALSE;
  ok = (stmt = prepare (self, sql->str, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, moi_store_now_ms ());
      for (GList *l = members; l; l = l->next)
        bind_node (stmt, col++, json_object_get_member (changes, l->data));
      sqlite3_bind_text (stmt, col, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        ok = set_db_error (self, error);
      else if (sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("Workflow"), id);
    }
  /* The main branch follows the workflow's target volume. */
  ok = ok && run (self, error,
                  "UPDATE branches SET target_volume_id = (SELECT target_volume_id "
                  "FROM workflows WHERE id = ?1) WHERE id = (SELECT main_branch_id "
                  "FROM workflows WHERE id = ?1)", "s", id) >= 0;
  return commit_or_rollback (self, ok, error);
}

/* Deletes the documents of each job file whose key @stmt's rows give. */
static gboolean
delete_files_documents (MoiStore      *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (keys, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return FALSE;
    }
  for (guint i = 0; i < keys->len; i++)
    if (run (self, error, "DELETE FROM documents WHERE " FILE_DOCUMENTS ("?1"), "i",
             g_array_index (keys, gint64, i)) < 0)
      return FALSE;
  return TRUE;
}

gboolean
moi_store_delete_workflow (MoiStore    *self,
                           const char  *id,
                           gboolean     delete_data,
                           GError     **error)
{
  gboolean ok;
  int changes = 0;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  ok = !delete_data
       || delete_files_documents (self, query (self, error, "SELECT o.key FROM "
                                               "document_owners o JOIN job_files f ON "
                                               "f.id = o.owner JOIN jobs j ON j.id = f.job_id "
                                               "WHERE j.workflow_id = ?", "s", id), error);
  ok = ok && (changes = run (self, error, "DELETE FROM workflows WHERE id = ?", "s", id)) >= 0;
  if (ok && changes == 0)
    ok = not_found (error, _("Workflow"), id);
  return commit_or_rollback (self, ok, error);
}

gboolean
moi_store_workflow_name_exists (MoiStore   *self,
                                const char *name)
{
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);
  return workflow_name_taken (self, name, NULL);
}

GPtrArray *
moi_store_list_workflow_ids (MoiStore *self,
                             int       status)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  rows = collect_rows (self, query (self, NULL, "SELECT id FROM workflows WHERE status = ?",
                                    "d", status), NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (rows->pdata[i], "id")));
  return ids;
}

/* Branches ---------------------------------------------------------------- */

static gboolean
branch_name_taken_error (GError     **error,
                         const char  *name)
{
  g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS,
               _("This workflow already has a branch named “%s”"), name);
  return FALSE;
}

JsonObject *
moi_store_create_branch (MoiStore    *self,
                         const char  *workflow_id,
                         const char  *name,
                         const char  *workflow_text,
                         GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *generated = NULL;
  g_autoptr(JsonObject) workflow = NULL;
  int rc;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if ((workflow = get_workflow_locked (self, workflow_id, error)) == NULL)
    return NULL;
  if (name == NULL || *name == '\0')
    {
      gint64 n = json_object_get_int_member (workflow, "branch_total");

      /* An unnamed branch gets the first free "branch-N". */
      do
        {
          g_free (generated);
          generated = g_strdup_printf ("branch-%" G_GINT64_FORMAT, ++n);
        }
      while (single_int (self, query (self, NULL, "SELECT count(*) FROM branches WHERE "
                                      "workflow_id = ? AND name = ?", "ss",
                                      workflow_id, generated)) > 0);
      name = generated;
    }
  rc = insert_branch (self, id, workflow_id, name, workflow_text, error);
  if (rc < 0)
    {
      if (g_error_matches (*error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS))
        {
          g_clear_error (error);
          branch_name_taken_error (error, name);
        }
      return NULL;
    }
  return first_row (self, query (self, error, "SELECT id AS branch_id, name AS branch_name "
                                 "FROM branches WHERE id = ?", "s", id));
}

#define BRANCH_SELECT \
  "SELECT w.*, b.id AS branch_id, b.name AS branch_name, b.status AS branch_status," \
  " b.target_volume_id AS branch_volume_id, b.workflow AS workflow," \
  " b.created_at AS branch_created_at, b.updated_at AS branch_updated_at," \
  " b.creator AS branch_creator, b.modifier AS branch_modifier," \
  " (b.id = w.main_branch_id) AS is_main," \
  " (SELECT count(*) FROM branches c WHERE c.workflow_id = w.id) AS branch_total" \
  " FROM branches b JOIN workflows w ON w.id = b.workflow_id"

GPtrArray *
moi_store_list_branches (MoiStore    *self,
                         const char  *workflow_id,
                         GArray      *status_in,
                         GArray      *branch_status,
                         GError     **error)
{
  g_autoptr(JsonObject) workflow = NULL;
  g_autoptr(GString) sql = g_string_new (BRANCH_SELECT " WHERE b.workflow_id = ?1");
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if ((workflow = get_workflow_locked (self, workflow_id, error)) == NULL)
    return NULL;
  if (status_in != NULL && status_in->len > 0)
    g_string_append (sql, " AND w.status IN (SELECT value FROM json_each (?2))");
  if (branch_status != NULL && branch_status->len > 0)
    g_string_append (sql, " AND b.status IN (SELECT value FROM json_each (?3))");
  /* Creation order, even within one millisecond. */
  g_string_append (sql, " ORDER BY is_main DESC, b.created_at, b.rowid");
  return collect_rows (self, query (self, error, sql->str, "saa", workflow_id, status_in,
                                    branch_status), error);
}

static JsonObject *
get_branch_locked (MoiStore    *self,
                   const char  *branch_id,
                   GError     **error)
{
  return get_one (self, BRANCH_SELECT " WHERE b.id = ?", branch_id, _("Branch"), error);
}

JsonObject *
moi_store_get_branch (MoiStore    *self,
                      const char  *branch_id,
                      GError     **error)
{
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);
  return get_branch_locked (self, branch_id, error);
}

gboolean
moi_store_update_branch (MoiStore    *self,
                         const char  *branch_id,
                         const char  *name,
                         const char  *workflow_text,
                         GError     **error)
{
  g_autoptr(JsonObject) branch = NULL;
  int rc;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if ((branch = get_branch_locked (self, branch_id, error)) == NULL)
    return FALSE;
  if (name == NULL || *name == '\0')
    name = json_object_get_string_member (branch, "branch_name");
  if (workflow_text == NULL)
    workflow_text = json_object_get_string_member (branch, "workflow");
  /* Files queued to run carry the branch's workflow: load them again. */
  mark_claims_stale (self);
  rc = run (self, error, "UPDATE branches SET name = ?, workflow = ?, updated_at = ? "
            "WHERE id = ?", "ssis", name, workflow_text, moi_store_now_ms (), branch_id);
  if (rc < 0 && g_error_matches (*error, MOI_STORE_ERROR, MOI_STORE_ERROR_EXISTS))
    {
      g_clear_error (error);
      return branch_name_taken_error (error, name);
    }
  return rc >= 0;
}

gboolean
moi_store_set_branch_status (MoiStore    *self,
                             const char  *branch_id,
                             int          status,
                             GError     **error)
{
  int rc;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  rc = run (self, error, "UPDATE branches SET status = ?, updated_at = ? WHERE id = ?",
            "dis", status, moi_store_now_ms (), branch_id);
  if (rc == 0)
    return not_found (error, _("Branch"), branch_id);
  return rc > 0;
}

gboolean
moi_store_delete_branch (MoiStore    *self,
                         const char  *branch_id,
                         gboolean     delete_data,
                         GError     **error)
{
  g_autoptr(JsonObject) branch = NULL;
  gboolean ok;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if ((branch = get_branch_locked (self, branch_id, error)) == NULL)
    return FALSE;
  if (json_object_get_int_member (branch, "is_main"))
    {
      g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_INVALID,
                   _("Branch “%s” is the workflow's main branch and cannot be deleted"),
                   json_object_get_string_member (branch, "branch_name"));
      return FALSE;
    }
  if (!begin (self, error))
    return FALSE;
  ok = !delete_data
       || delete_files_documents (self, query (self, error, "SELECT o.key FROM "
                                               "document_owners o JOIN job_files f ON "
                                               "f.id = o.owner JOIN jobs j ON j.id = f.job_id "
                                               "WHERE j.branch_id = ?", "s", branch_id), error);
  ok = ok && (!delete_data || run (self, error, "DELETE FROM jobs WHERE branch_id = ?", "s",
                                   branch_id) >= 0);
  ok = ok && run (self, error, "DELETE FROM branches WHERE id = ?", "s", branch_id) >= 0;
  return commit_or_rollback (self, ok, error);
}

/* Jobs -------------------------------------------------------------------- */

/* Recomputes a job's status from its files, then its workflow's status.
 * Called inside the transaction that changed the files. */
static gboolean
recompute_job (MoiStore    *self,
               const char  *job_id,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) job = NULL;
  gint64 counts[6] = { 0, };
  gint64 total = 0, active, status;
  gint64 now = moi_store_now_ms ();
  g_autofree char *message = NULL;
  const char *workflow_id;

  rows = collect_rows (self, query (self, error, "SELECT status, n FROM job_file_counts "
                                    "WHERE job_id = ?", "s", job_id), error);
  job = first_row (self, query (self, error, "SELECT j.workflow_id, w.flow_interval, w.status "
                                "AS wf_status FROM jobs j JOIN workflows w ON "
                                "w.id = j.workflow_id WHERE j.id = ?", "s", job_id));
  if (rows == NULL || job == NULL)
    return error == NULL || *error != NULL ? FALSE : not_found (error, _("Job"), job_id);

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 s = json_object_get_int_member (rows->pdata[i], "status");
      gint64 n = json_object_get_int_member (rows->pdata[i], "n");

      if (s >= 0 && s < 6)
        counts[s] += n;
      total += n;
    }
  active = counts[MOI_JOB_STATUS_PROCESSING] + counts[MOI_JOB_STATUS_PENDING]
           + counts[MOI_JOB_STATUS_RETRYING];
  if (active > 0)
    {
      status = MOI_JOB_STATUS_PROCESSING;
      message = g_strdup_printf (_("%lld of %lld files done"),
                                 (long long) (total - active), (long long) total);
    }
  else if (counts[MOI_JOB_STATUS_STOPPED] > 0)
    {
      status = MOI_JOB_STATUS_STOPPED;
      message = g_strdup_printf (_("Stopped: %lld of %lld files not processed"),
                                 (long long) counts[MOI_JOB_STATUS_STOPPED], (long long) total);
    }
  else if (total > 0 && counts[MOI_JOB_STATUS_FAILED] == total)
    {
      status = MOI_JOB_STATUS_FAILED;
      message = g_strdup_printf (_("All %lld files failed"), (long long) total);
    }
  else
    {
      status = MOI_JOB_STATUS_COMPLETED;
      if (counts[MOI_JOB_STATUS_FAILED] > 0)
        message = g_strdup_printf (_("Completed; %lld of %lld files failed"),
                                   (long long) counts[MOI_JOB_STATUS_FAILED], (long long) total);
      else if (total == 0)
        message = g_strdup (_("Completed: no file matched the workflow's file types"));
      else
        message = g_strdup_printf (_("Completed: %lld files processed"), (long long) total);
    }

  if (run (self, error, "UPDATE jobs SET status = ?, message = ?, file_total = ?, "
           "updated_at = ?, end_time = CASE WHEN ?1 = 0 THEN NULL ELSE ? END WHERE id = ?",
           "isiiis", status, message, total, now, now, job_id) < 0)
    return FALSE;

  /* Workflow: running while any job runs; a run-once workflow completes
   * after; a stopped one stays stopped until rerun. */
  workflow_id = json_object_get_string_member (job, "workflow_id");
  if (json_object_get_int_member (job, "wf_status") == MOI_WORKFLOW_STATUS_STOPPED)
    return TRUE;
  return run (self, error,
              "UPDATE workflows SET status = CASE WHEN EXISTS (SELECT 1 FROM jobs "
              "WHERE workflow_id = ?1 AND status = 0) THEN 1 WHEN flow_interval = 0 "
              "THEN 2 ELSE 1 END WHERE id = ?1", "s", workflow_id) >= 0;
}

char *
moi_store_create_job (MoiStore    *self,
                      const char  *workflow_id,
                      const char  *name,
                      GPtrArray   *files,
                      GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonObject) workflow = NULL;
  gint64 now = moi_store_now_ms ();
  gboolean ok;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if ((workflow = get_workflow_locked (self, workflow_id, error)) == NULL)
    return NULL;
  if (!begin (self, error))
    return NULL;
  ok = run (self, error, "UPDATE workflows SET status = 1 WHERE id = ?", "s", workflow_id) >= 0;
  ok = ok && run (self, error,
                  "INSERT INTO jobs (id, workflow_id, branch_id, name, creator, modifier, "
                  "status, version, priority, created_at, updated_at, start_time, file_total) "
                  "SELECT ?, w.id, w.main_branch_id, ?, w.creator, w.creator, 0, w.version, "
                  "w.priority, ?, ?, ?, ? FROM workflows w WHERE w.id = ?", "ssiiiis",
                  id, name, now, now, now, (gint64) files->len, workflow_id) == 1;
  for (guint i = 0; ok && i < files->len; i++)
    {
      const MoiStoreNewFile *f = files->pdata[i];
      g_autofree char *file_id = g_uuid_string_random ();
      g_autofree char *file_name = g_path_get_basename (f->file_path);

      ok = run (self, error,
                "INSERT INTO job_files (id, job_id, seq, source_volume_id, target_volume_id, "
                "file_name, file_path, file_type, file_size, status, created_at, updated_at) "
                "SELECT ?, ?, ?, ?, target_volume_id, ?, ?, ?, ?, 3, ?, ? FROM workflows "
                "WHERE id = ?", "ssisssiiiis", file_id, id, (gint64) i, f->source_volume_id,
                file_name, f->file_path, f->file_type, f->file_size, now, now,
                workflow_id) == 1;
    }
  ok = ok && recompute_job (self, id, error);
  if (!commit_or_rollback (self, ok, error))
    return NULL;
  return g_steal_pointer (&id);
}

static const char *
job_sort_column (const char *field)
{
  static const char *allowed[] = {
    "created_at", "updated_at", "name", "priority", "status", "file_total",
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (allowed); i++)
    if (g_str_equal (field, allowed[i]))
      return allowed[i];
  return "created_at";
}

GPtrArray *
moi_store_list_jobs (MoiStore               *self,
                     const MoiStoreJobQuery *q,
                     gint64                 *total)
{
  g_autoptr(GString) where = g_string_new (" FROM jobs j JOIN workflows w ON "
                                           "w.id = j.workflow_id WHERE 1");
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  g_autofree char *pattern = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if (q->workflow_id != NULL && *q->workflow_id)
    g_string_append (where, " AND j.workflow_id = ?1");
  if (q->name_search != NULL && *q->name_search)
    {
      pattern = like_pattern (q->name_search);
      g_string_append (where, " AND (w.name LIKE ?2 ESCAPE '\\' OR j.name LIKE ?2 ESCAPE '\\')");
    }
  if (q->file_types != NULL && q->file_types->len > 0)
    g_string_append (where, " AND (w.file_types_mask & ?3) != 0");
  if (q->priority != NULL && q->priority->len > 0)
    g_string_append (where, " AND j.priority IN (SELECT value FROM json_each (?4))");
  if (q->status != NULL && q->status->len > 0)
    g_string_append (where, " AND j.status IN (SELECT value FROM json_each (?5))");
  if (q->count_le >= 0)
    g_string_append (where, " AND j.file_total <= ?6");
  if (q->count_ge >= 0)
    g_string_append (where, " AND j.file_total >= ?7");

  count_sql = g_strconcat ("SELECT count(*)", where->str, NULL);
  list_sql = g_strdup_printf ("SELECT j.*%s ORDER BY j.%s %s, j.id LIMIT ?8 OFFSET ?9",
                              where->str, job_sort_column (q->sort_field),
                              q->descending ? "DESC" : "ASC");
  *total = single_int (self, query (self, NULL, count_sql, "SSiaaii", q->workflow_id, pattern,
                                    file_types_mask (q->file_types), q->priority, q->status,
                                    q->count_le, q->count_ge));
  return collect_rows (self, query (self, NULL, list_sql, "SSiaaiiii", q->workflow_id, pattern,
                                    file_types_mask (q->file_types), q->priority, q->status,
                                    q->count_le, q->count_ge, q->limit, q->offset), NULL);
}

JsonObject *
moi_store_get_job (MoiStore    *self,
                   const char  *job_id,
                   GError     **error)
{
  JsonObject *row;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  row = first_row (self, query (self, error,
                                "SELECT j.*, w.user_id, w.group_id, w.flow_interval, "
                                "w.flow_offset, w.file_types, w.target_volume_id, "
                                "w.target_volume_name, w.source_volume_ids, "
                                "w.source_volume_names, w.name AS workflow_name, "
                                "(SELECT coalesce (sum (n), 0) FROM job_file_counts c WHERE "
                                "c.job_id = j.id AND c.status IN (1, 2, 4)) AS files_done, "
                                "(SELECT json_group_array (file_path) FROM (SELECT file_path "
                                "FROM job_files f WHERE f.job_id = j.id ORDER BY seq)) "
                                "AS file_paths FROM jobs j JOIN workflows w ON "
                                "w.id = j.workflow_id WHERE j.id = ?", "s", job_id));
  if (row == NULL && (error == NULL || *error == NULL))
    not_found (error, _("Job"), job_id);
  return row;
}

GPtrArray *
moi_store_list_job_files (MoiStore    *self,
                          const char  *job_id,
                          GArray      *statuses,
                          gint64       offset,
                          gint64       limit,
                          gint64      *filtered_total,
                          JsonObject **counts,
                          GError     **error)
{
  g_autoptr(GString) where = g_string_new (" FROM job_files WHERE job_id = ?1");
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  if (single_int (self, query (self, error, "SELECT count(*) FROM jobs WHERE id = ?", "s",
                               job_id)) == 0)
    {
      not_found (error, _("Job"), job_id);
      return NULL;
    }
  if (statuses != NULL && statuses->len > 0)
    g_string_append (where, " AND status IN (SELECT value FROM json_each (?2))");
  count_sql = g_strconcat ("SELECT count(*)", where->str, NULL);
  list_sql = g_strdup_printf ("SELECT *%s ORDER BY seq LIMIT ?3 OFFSET ?4", where->str);

  *filtered_total = single_int (self, query (self, error, count_sql, "sa", job_id, statuses));
  *counts = first_row (self, query (self, error,
                                    "SELECT coalesce (sum (n), 0) AS total, "
                                    "coalesce (sum (n) FILTER (WHERE status = 2), 0) AS completed, "
                                    "coalesce (sum (n) FILTER (WHERE status = 1), 0) AS failed, "
                                    "coalesce (sum (n) FILTER (WHERE status = 0), 0) AS processing, "
                                    "coalesce (sum (n) FILTER (WHERE status IN (3, 5)), 0) "
                                    "AS pending, "
                                    "coalesce (sum (n) FILTER (WHERE status = 4), 0) AS stopped "
                                    "FROM job_file_counts WHERE job_id = ?", "s", job_id));
  return collect_rows (self, query (self, error, list_sql, "saii", job_id, statuses, limit,
                                    offset), error);
}

gboolean
moi_store_retry_files (MoiStore            *self,
                       const char          *job_id,
                       const char * const  *file_ids,
                       GError             **error)
{
  gboolean ok = TRUE;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if (single_int (self, query (self, error, "SELECT count(*) FROM jobs WHERE id = ?", "s",
                               job_id)) == 0)
    return not_found (error, _("Job"), job_id);
  /* Check every id first so a bad one changes nothing. */
  for (guint i = 0; file_ids[i]; i++)
    {
      g_autoptr(JsonObject) file = first_row (self, query (self, error,
                                                           "SELECT status, file_name FROM "
                                                           "job_files WHERE id = ? AND "
                                                           "job_id = ?", "ss",
                                                           file_ids[i], job_id));
      gint64 status;
      gboolean running;

      if (file == NULL)
        {
          g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_NOT_FOUND,
                       _("File %s is not a file of job %s"), file_ids[i], job_id);
          return FALSE;
        }
      status = json_object_get_int_member (file, "status");
      g_mutex_lock (&self->queue_lock);
      running = g_hash_table_contains (self->in_flight, file_ids[i]);
      g_mutex_unlock (&self->queue_lock);
      if (running)
        {
          g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_INVALID,
                       _("File %s (%s) is still running, so it cannot be retried yet"),
                       file_ids[i], json_object_get_string_member (file, "file_name"));
          return FALSE;
        }
      if (status != MOI_JOB_STATUS_FAILED && status != MOI_JOB_STATUS_STOPPED)
        {
          g_set_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_INVALID,
                       _("File %s (%s) has neither failed nor stopped, so it cannot be "
                         "retried"), file_ids[i],
                       json_object_get_string_member (file, "file_name"));
          return FALSE;
        }
    }
  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; ok && file_ids[i]; i++)
    ok = run (self, error, "UPDATE job_files SET status = 3, error_message = NULL, "
              "start_time = NULL, end_time = NULL, updated_at = ? WHERE id = ?", "is",
              moi_store_now_ms (), file_ids[i]) >= 0;
  /* A retry revives a stopped workflow: the user asked for work. */
  ok = ok && run (self, error, "UPDATE workflows SET status = 1 WHERE id = (SELECT "
                  "workflow_id FROM jobs WHERE id = ?)", "s", job_id) >= 0;
  ok = ok && recompute_job (self, job_id, error);
  return commit_or_rollback (self, ok, error);
}

/* The ids of the files handed out to workers, as a JSON array. */
static char *
in_flight_json (MoiStore *self)
{
  g_autoptr(GString) json = g_string_new ("[");
  GHashTableIter iter;
  gpointer id;

  g_mutex_lock (&self->queue_lock);
  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      if (json->len > 1)
        g_string_append_c (json, ',');
      moi_json_append_string (json, id);
    }
  g_mutex_unlock (&self->queue_lock);
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

gboolean
moi_store_stop_workflow (MoiStore    *self,
                         const char  *workflow_id,
                         GError     **error)
{
  g_autofree char *in_flight = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  gboolean ok;
  int changes = 0;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  ok = (changes = run (self, error, "UPDATE workflows SET status = 3, updated_at = ? "
                       "WHERE id = ?", "is", moi_store_now_ms (), workflow_id)) >= 0;
  if (ok && changes == 0)
    ok = not_found (error, _("Workflow"), workflow_id);
  /* Files handed out to workers may still read pending (their claim not
   * yet recorded): they are left to the worker, whom the job runner
   * cancels, and end stopped through its result. */
  in_flight = in_flight_json (self);
  ok = ok && run (self, error, "UPDATE job_files SET status = 4, updated_at = ? WHERE "
                  "status IN (3, 5) AND job_id IN (SELECT id FROM jobs WHERE "
                  "workflow_id = ?) AND id NOT IN (SELECT value FROM json_each (?))", "iss",
                  moi_store_now_ms (), workflow_id, in_flight) >= 0;
  ok = ok && (jobs = collect_rows (self, query (self, error, "SELECT id FROM jobs WHERE "
                                                "workflow_id = ? AND status = 0", "s",
                                                workflow_id), error)) != NULL;
  for (guint i = 0; ok && i < jobs->len; i++)
    ok = recompute_job (self, json_object_get_string_member (jobs->pdata[i], "id"), error);
  return commit_or_rollback (self, ok, error);
}

/* Runner side ------------------------------------------------------------- */

/* Documents that earlier runs of the same workflow wrote for the same
 * source file: a rerun replaces them instead of colliding with them. */
#define EARLIER_RUNS \
  "SELECT e.id FROM job_files e JOIN jobs ej ON ej.id = e.job_id, job_files f " \
  "JOIN jobs fj ON fj.id = f.job_id WHERE f.id = ?1 AND ej.workflow_id = fj.workflow_id " \
  "AND e.source_volume_id IS f.source_volume_id AND e.file_path = f.file_path"

/* Whether @target holds @document_id written by a file other than the
 * runs in @earlier (one primary-key lookup). A document whose job file is
 * gone is another file's. */
static gboolean
held_by_other_file (MoiStore   *self,
                    const char *target,
                    const char *document_id,
                    GPtrArray  *earlier)
{
  sqlite3_stmt *stmt = query (self, NULL, "SELECT o.owner FROM documents d LEFT JOIN "
                              "document_owners o ON o.key = d.rowid >> 24 WHERE d.volume = "
                              "(SELECT key FROM document_owners WHERE owner = ?) AND d.id = ?",
                              "sD", target, document_id);
  gboolean other = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);

      other = TRUE;
      for (guint i = 0; other && i < earlier->len; i++)
        other = g_strcmp0 (owner, earlier->pdata[i]) != 0;
    }
  sqlite3_reset (stmt);
  return other;
}

gboolean
moi_store_has_document (MoiStore   *self,
                        const char *file_id,
                        const char *document_id)
{
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(JsonObject) file = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);

  /* The same rule as a batch's FAIL check (finish_one()). */
  file = first_row (self, query (self, NULL, "SELECT coalesce (target_volume_id, '') AS "
                                 "target FROM job_files WHERE id = ?", "s", file_id));
  earlier = collect_strings (self, query (self, NULL, EARLIER_RUNS, "s", file_id), NULL);
  return file != NULL && earlier != NULL
         && held_by_other_file (self, json_object_get_string_member (file, "target"),
                                document_id, earlier);
}

/* Files are claimed from a queue in memory, loaded CLAIM_CHUNK at a time in
 * claim order (highest priority, then oldest job, then file order) and
 * loaded again whenever a change through begin() may have changed that
 * order or the set of waiting files. A claim hands the file out at once and
 * queues a claim record for the writer, which marks the file "processing"
 * in its next batch; so a worker never waits for the connection, and a file
 * whose claim was not yet written when the process died is simply still
 * pending. @in_flight keeps a file handed out from being loaded again until
 * its result is committed. */
#define CLAIM_CHUNK 1024

/* The queued rows leave out the workflow text (kept once per job in
 * claim_workflows, set on the row when it is taken). */
#define CLAIM_ROW \
  "SELECT f.*, j.workflow_id, v.path AS volume_path, w.name AS workflow_name " \
  "FROM job_files f JOIN jobs j ON j.id = f.job_id " \
  "JOIN workflows w ON w.id = j.workflow_id " \
  "LEFT JOIN volumes v ON v.id = f.source_volume_id "

/* Loads the claim queue; the store lock is held. While nothing changed the
 * order or the set of waiting files (not stale), the queued files stay
 * and the load goes on after the last of them: the writer tops the queue
 * up as it runs low without reading each row twice. */
static void
load_claimable_locked (MoiStore *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                json_object_unref);
  g_autoptr(GHashTable) workflows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autofree char *tail_job = NULL;
  gint64 tail_seq = 0;
  gboolean more = FALSE, append;
  gint64 limit;

  g_mutex_lock (&self->queue_lock);
  append = !self->claims_stale && self->claim_tail_job != NULL;
  if (append)
    {
      tail_job = g_strdup (self->claim_tail_job);
      tail_seq = self->claim_tail_seq;
      limit = CLAIM_CHUNK - (gint64) g_queue_get_length (&self->claimable);
    }
  else
    limit = CLAIM_CHUNK + g_hash_table_size (self->in_flight);
  g_mutex_unlock (&self->queue_lock);
  if (limit <= 0)
    return;

  /* Both steps walk an index (a job with waiting files is processing). */
  jobs = collect_rows (self, query (self, NULL, "SELECT j.id, b.workflow FROM jobs j "
                                    "LEFT JOIN branches b ON b.id = j.branch_id WHERE "
                                    "j.status = 0 ORDER BY j.priority DESC, j.created_at, j.id",
                                    ""),
                       NULL);
  for (guint i = 0; !more && limit > 0 && jobs != NULL && i < jobs->len; i++)
    {
      const char *job_id = json_object_get_string_member (jobs->pdata[i], "id");
      const char *workflow = json_object_get_string_member_with_default (jobs->pdata[i],
                                                                         "workflow", NULL);
      g_autoptr(GPtrArray) rows = NULL;

      /* Appending: the jobs before the last queued file's are done. */
      if (tail_job != NULL && !g_str_equal (job_id, tail_job))
        continue;
      rows = collect_rows (self, query (self, NULL, CLAIM_ROW "WHERE f.job_id = ? AND "
                                        "f.status IN (3, 5) AND f.seq > ? ORDER BY f.seq "
                                        "LIMIT ?", "sii", job_id,
                                        tail_job != NULL ? tail_seq : G_MININT64,
                                        limit - (gint64) loaded->len), NULL);
      g_clear_pointer (&tail_job, g_free);
      if (workflow != NULL)
        g_hash_table_insert (workflows, g_strdup (job_id), g_strdup (workflow));
      for (guint k = 0; rows != NULL && k < rows->len; k++)
        g_ptr_array_add (loaded, json_object_ref (rows->pdata[k]));
      more = (gint64) loaded->len >= limit;
    }
  /* The last queued file's job is no longer running: load it all again. */
  if (tail_job != NULL)
    {
      g_mutex_lock (&self->queue_lock);
      self->claims_stale = TRUE;
      g_mutex_unlock (&self->queue_lock);
      load_claimable_locked (self);
      return;
    }

  g_mutex_lock (&self->queue_lock);
  if (!append)
    {
      g_queue_clear_full (&self->claimable, (GDestroyNotify) json_object_unref);
      g_clear_pointer (&self->claim_workflows, g_hash_table_unref);
      g_clear_pointer (&self->claim_tail_job, g_free);
    }
  for (guint i = 0; i < loaded->len; i++)
    if (!g_hash_table_contains (self->in_flight,
                                json_object_get_string_member (loaded->pdata[i], "id")))
      g_queue_push_tail (&self->claimable, json_object_ref (loaded->pdata[i]));
  if (loaded->len > 0)
    {
      JsonObject *last = loaded->pdata[loaded->len - 1];

      g_free (self->claim_tail_job);
      self->claim_tail_job = g_strdup (json_object_get_string_member (last, "job_id"));
      self->claim_tail_seq = json_object_get_int_member (last, "seq");
    }
  if (self->claim_workflows == NULL)
    self->claim_workflows = g_steal_pointer (&workflows);
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, workflows);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (self->claim_workflows, key, value);
        }
    }
  self->claims_stale = FALSE;
  self->claims_more = more;
  g_mutex_unlock (&self->queue_lock);
}

/* Group commit ------------------------------------------------------------ */

/* A finished file waiting for the writer thread. */
typedef struct
{
  char           *file_id;
  int             status;
  char           *error_message;
  GPtrArray      *documents;   /* MoiStoreDocument, owned */
  MoiStorePolicy  policy;
  char           *writer_name;
  gboolean        claim;       /* a claim record: mark the file processing */
  gboolean        folded;      /* a claim record whose result is in the batch */
  gint64          claimed_at;  /* for a result: when its claim was folded in */
  gboolean        waited;      /* a moi_store_finish_file() caller frees it */
  gboolean        failed_instead; /* not committed, but the file failed with why */
  gboolean        done;
  GError         *error;
} PendingFile;

static void
pending_file_free (PendingFile *p)
{
  g_free (p->file_id);
  g_free (p->error_message);
  g_clear_pointer (&p->documents, g_ptr_array_unref);
  g_free (p->writer_name);
  g_clear_error (&p->error);
  g_free (p);
}

/* The statuses of a file handed out to a worker: processing, or still
 * waiting while its claim record is not written. */
static gboolean
status_is_claimed (gint64 status)
{
  return status == MOI_JOB_STATUS_PROCESSING || status == MOI_JOB_STATUS_PENDING
         || status == MOI_JOB_STATUS_RETRYING;
}

#define DOCUMENT_COLUMNS \
  "(volume, id, rowid, content, meta, created_at, " \
  "content_segment, content_offset, content_length, meta_length) " \
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* The key of @owner (a volume's or job file's id) in document_owners:
 * @known if the file's row came with it, else added (no volume at all,
 * say); 0 on error. Not cached: a key added in a batch that rolls back is
 * gone. */
static gint64
owner_key (MoiStore    *self,
           gint64       known,
           const char  *owner,
           GError     **error)
{
  if (known > 0)
    return known;
  if (run (self, error, "INSERT OR IGNORE INTO document_owners (owner) VALUES (?)", "s",
           owner) < 0)
    return 0;
  return single_int (self, query (self, error, "SELECT key FROM document_owners WHERE owner = ?",
                                  "s", owner));
}

/* The content goes to the segment staged for this transaction; in a
 * database in memory, into the row. */
static gboolean
insert_document (MoiStore               *self,
                 const char             *insert,
                 gint64                  volume,
                 gint64                  file,
                 guint                   position,
                 const MoiStoreDocument *doc,
                 gint64                  now,
                 GError                **error)
{
  gint64 rowid = file << DOC_POSITION_BITS | position;
  gint64 segment = doc->segment, offset = doc->offset;
  gint64 len = (gint64) doc->content_length, meta_len = (gint64) doc->meta_length;
  gboolean placed = offset >= 0;
  guint mark = 0;
  int changes;

  if (self->segments == NULL || doc->content == NULL)
    return doc->id_is_hash
           ? run (self, error, insert, "iBittinnnn", volume, doc->id_bytes, rowid,
                  doc->content, doc->meta, now) >= 0
           : run (self, error, insert, "iDittinnnn", volume, doc->id, rowid,
                  doc->content, doc->meta, now) >= 0;
  if (!placed)
    {
      mark = moi_segments_get_staged_mark (self->segments);
      moi_segments_stage (self->segments, doc->content, len, &segment, &offset);
      moi_segments_stage (self->segments, doc->meta, meta_len, NULL, NULL);
    }
  /* A new segment is recorded before anything in it can die (the trigger
   * counts dead bytes in its row); its size is set at commit. (Placed
   * content's new segment was recorded after BEGIN.) */
  if (offset == 0 && !placed
      && run (self, error, "INSERT OR IGNORE INTO content_segments (id, size) VALUES (?, 0)",
              "i", segment) < 0)
    return FALSE;
  changes = doc->id_is_hash
            ? run (self, error, insert, "iBinniiiii", volume, doc->id_bytes, rowid, now,
                   segment, offset, len, meta_len)
            : run (self, error, insert, "iDinniiiii", volume, doc->id, rowid, now, segment,
                   offset, len, meta_len);
  /* INSERT OR IGNORE kept the volume's document: its bytes are not
   * needed (and if already written, dead). */
  if (changes == 0 && !placed)
    moi_segments_unstage_to (self->segments, mark);
  if (changes > 0 && placed)
    self->placed_used += len + meta_len;
  return changes >= 0;
}

/* Writes one file's result inside the open batch transaction: the file's
 * documents and status, or none of its documents and "failed" when policy
 * FAIL meets a duplicate. */
static gboolean
finish_one (MoiStore    *self,
            PendingFile *p,
            GHashTable  *touched_jobs,
            gboolean     alone,
            GError     **error)
{
  g_autoptr(GPtrArray) earlier = NULL;
  g_autofree char *message = NULL;
  g_autofree char *target = NULL;
  const MoiStoreDocument *doc = NULL;
  const char *error_message = p->error_message;
  const char *insert;
  sqlite3_stmt *stmt;
  int status = p->status, rc;
  gint64 now = moi_store_now_ms (), file_key, volume_key;
  gboolean ok;

  /* A claim record; the file may have been stopped or deleted meanwhile. */
  if (p->claim && p->folded)
    return TRUE;
  if (p->claim)
    return run (self, error, "UPDATE job_files SET status = 0, start_time = ?1, end_time = "
                "NULL, updated_at = ?1 WHERE id = ?2 AND status IN (3, 5)", "is",
                p->claimed_at, p->file_id) >= 0;

  /* Read as they come: a JSON object per file showed in the profile. */
  stmt = query (self, error, "SELECT f.status, f.job_id, f.target_volume_id, o.key, v.key "
                "FROM job_files f LEFT JOIN document_owners o ON o.owner = f.id "
                "LEFT JOIN document_owners v ON v.owner = f.target_volume_id "
                "WHERE f.id = ?", "s", p->file_id);
  if (stmt == NULL)
    return FALSE;
  /* Deleted or stopped meanwhile: the run's result no longer belongs to
   * anyone. Still pending is fine: its claim record was lost with a
   * rolled-back batch. */
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW
      || !status_is_claimed (sqlite3_column_int64 (stmt, 0)))
    {
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        set_db_error (self, error);
      sqlite3_reset (stmt);
      return rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
  g_hash_table_add (touched_jobs, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  target = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  file_key = sqlite3_column_int64 (stmt, 3);
  volume_key = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);
  switch (p->policy)
    {
    case MOI_STORE_POLICY_SKIP:
      insert = "INSERT OR IGNORE INTO documents " DOCUMENT_COLUMNS;
      break;
    case MOI_STORE_POLICY_FAIL:
      insert = "INSERT INTO documents " DOCUMENT_COLUMNS;
      break;
    case MOI_STORE_POLICY_OVERWRITE:
    default:
      insert = "INSERT OR REPLACE INTO documents " DOCUMENT_COLUMNS;
      break;
    }

  /* A retried or rerun file replaces what its earlier runs wrote. */
  if (status == MOI_JOB_STATUS_COMPLETED
      && (earlier = collect_strings (self, query (self, error, EARLIER_RUNS, "s", p->file_id),
                                     error)) == NULL)
    return FALSE;

  /* A document's rowid holds its position in 24 bits. */
  if (status == MOI_JOB_STATUS_COMPLETED && p->documents != NULL
      && p->documents->len > DOC_MAX_POSITION + 1)
    {
      message = g_strdup_printf (_("The file gave %u documents; the local service keeps at "
                                   "most %d per file"), p->documents->len, DOC_MAX_POSITION + 1);
      status = MOI_JOB_STATUS_FAILED;
      error_message = message;
    }

  /* Policy FAIL: a document the volume already holds (not from an earlier
   * run of this file) fails the file before it writes anything. Duplicates
   * within the file were refused by its sink. In a batch nothing is probed:
   * once earlier runs are deleted, the insert itself finds the clash,
   * which fails the batch, committed again file by file, probing. */
  for (guint i = 0; alone && status == MOI_JOB_STATUS_COMPLETED
                    && p->policy == MOI_STORE_POLICY_FAIL
                    && p->documents != NULL && i < p->documents->len; i++)
    {
      doc = p->documents->pdata[i];
      if (!held_by_other_file (self, target ? target : "", doc->id, earlier))
        continue;
      message = g_strdup_printf (_("component “%s”: document %s already exists in volume %s "
                                   "(policy %s)"),
                                 p->writer_name ? p->writer_name : "DocumentWriter", doc->id,
                                 target ? target : "", "FAIL");
      status = MOI_JOB_STATUS_FAILED;
      error_message = message;
    }

  /* One indexed delete per earlier run: "IN (subquery)" would build a
   * temporary table for every file. Any error fails the batch, which is
   * then committed file by file. */
  ok = TRUE;
  for (guint i = 0; ok && status == MOI_JOB_STATUS_COMPLETED && i < earlier->len; i++)
    ok = run (self, error, "DELETE FROM documents WHERE " FILE_DOCUMENTS (OWNER_KEY), "s",
              earlier->pdata[i]) >= 0;
  if (ok && status == MOI_JOB_STATUS_COMPLETED && p->documents != NULL && p->documents->len > 0)
    {
      volume_key = owner_key (self, volume_key, target ? target : "", error);
      file_key = volume_key > 0 ? owner_key (self, file_key, p->file_id, error) : 0;

      ok = file_key > 0;
      for (guint i = 0; ok && i < p->documents->len; i++)
        ok = insert_document (self, insert, volume_key, file_key, i, p->documents->pdata[i], now,
                              error);
    }
  return ok && run (self, error, "UPDATE job_files SET status = ?, error_message = ?, "
                    "start_time = CASE WHEN ?3 > 0 THEN ?3 ELSE start_time END, "
                    "end_time = ?, updated_at = ? WHERE id = ?", "dSiiis", status,
                    error_message, p->claimed_at, now, now, p->file_id) == 1;
}

/* Whether the claim queue will soon need loading: the writer, which holds
 * the connection anyway, loads it then, so workers seldom wait for a
 * batch to load it themselves. Half a chunk lasts longer than a batch of
 * BATCH_FILES takes to commit. */
static gboolean
claims_running_low (MoiStore *self)
{
  gboolean low;

  g_mutex_lock (&self->queue_lock);
  low = self->claims_stale
        || (self->claims_more && g_queue_get_length (&self->claimable) < CLAIM_CHUNK / 2);
  g_mutex_unlock (&self->queue_lock);
  return low;
}

/* A file whose result cannot be committed even alone (a document the
 * database refuses, say) fails with that error instead of staying
 * "processing" for ever. */
static gboolean
fail_uncommitted (MoiStore    *self,
                  PendingFile *p)
{
  g_autofree char *message = g_strdup_printf (_("Could not store the file's documents: %s"),
                                              p->error->message);
  g_autoptr(JsonObject) file = NULL;
  gint64 now = moi_store_now_ms ();
  gboolean ok;

  if (!begin (self, NULL))
    return FALSE;
  file = first_row (self, query (self, NULL, "SELECT job_id FROM job_files WHERE id = ? AND "
                                 "status IN (0, 3, 5)", "s", p->file_id));
  ok = file != NULL
       && run (self, NULL, "UPDATE job_files SET status = ?, error_message = ?, start_time = "
               "CASE WHEN ?3 > 0 THEN ?3 ELSE start_time END, end_time = ?, updated_at = ? "
               "WHERE id = ?", "dsiiis", MOI_JOB_STATUS_FAILED, message, p->claimed_at, now, now,
               p->file_id) == 1
       && recompute_job (self, json_object_get_string_member (file, "job_id"), NULL);
  return commit_or_rollback (self, ok, NULL);
}

/* The batch's document contents are written before its rows are inserted,
 * so the disk syncs them while SQLite works. Files under SKIP are left to
 * their inserts: a duplicate's bytes would be written for nothing. */
static void
place_contents (MoiStore     *self,
                PendingFile **files,
                guint         n)
{
  g_autoptr(GError) error = NULL;

  if (self->segments == NULL)
    return;
  self->placed_segment = 0;
  for (guint i = 0; i < n; i++)
    {
      PendingFile *p = files[i];

      if (p->claim || p->documents == NULL)
        continue;
      /* Where an earlier transaction (rolled back) placed them is void. */
      for (guint k = 0; k < p->documents->len; k++)
        ((MoiStoreDocument *) p->documents->pdata[k])->offset = -1;
      if (p->status != MOI_JOB_STATUS_COMPLETED || p->policy == MOI_STORE_POLICY_SKIP)
        continue;
      for (guint k = 0; k < p->documents->len; k++)
        {
          MoiStoreDocument *doc = p->documents->pdata[k];

          if (doc->content == NULL)
            continue;
          moi_segments_stage (self->segments, doc->content, doc->content_length, &doc->segment,
                              &doc->offset);
          if (doc->offset == 0)
            self->placed_segment = doc->segment;
          moi_segments_stage (self->segments, doc->meta, doc->meta_length, NULL, NULL);
          self->placed_bytes += doc->content_length + doc->meta_length;
        }
    }
  /* A failed write fails the commit, which writes again and reports it. */
  if (moi_segments_has_staged (self->segments)
      && !moi_segments_write_staged (self->segments, &error))
    g_debug ("%s", error->message);
}

/* Commits @n files in one transaction, recomputing each job they touch once.
 * If the batch fails, each file is tried alone so one bad file sinks only
 * itself; its error is kept in its PendingFile. */
static void
commit_batch (MoiStore     *self,
              PendingFile **files,
              guint         n)
{
  g_autoptr(GHashTable) touched_jobs = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer job_id;
  gboolean ok, committed;

  g_mutex_lock (&self->lock);
  place_contents (self, files, n);
  /* Not begin(): results and claims do not change what waits to run. */
  ok = exec (self, "BEGIN IMMEDIATE", &error);
  /* A new segment is recorded before anything in it can die (the trigger
   * counts dead bytes in its row), whichever file's rows come first. */
  ok = ok && (self->placed_segment == 0
              || run (self, &error, "INSERT OR IGNORE INTO content_segments (id, size) "
                      "VALUES (?, 0)", "i", self->placed_segment) >= 0);
  for (guint i = 0; ok && i < n; i++)
    ok = finish_one (self, files[i], touched_jobs, n == 1, &error);
  g_hash_table_iter_init (&iter, touched_jobs);
  while (ok && g_hash_table_iter_next (&iter, &job_id, NULL))
    ok = recompute_job (self, job_id, &error);
  committed = commit_or_rollback (self, ok, ok ? &error : NULL);
  if (!committed && n == 1 && files[0]->claim)
    {
      /* The file stays pending; the worker's result will still be taken. */
      g_clear_error (&error);
    }
  else if (!committed && n == 1)
    {
      if (error == NULL)
        g_set_error_literal (&error, MOI_STORE_ERROR, MOI_STORE_ERROR_DB,
                             _("The database refused the change"));
      files[0]->error = g_steal_pointer (&error);
      files[0]->failed_instead = fail_uncommitted (self, files[0]);
    }
  /* Results in (or dropped for good): their files may be loaded again, say
   * once retried. Done before the connection is let go, so a retry cannot
   * slip between the commit and this. */
  if (committed || n == 1)
    {
      g_mutex_lock (&self->queue_lock);
      for (guint i = 0; i < n; i++)
        if (!files[i]->claim)
          g_hash_table_remove (self->in_flight, files[i]->file_id);
      g_mutex_unlock (&self->queue_lock);
    }
  if (committed && claims_running_low (self))
    load_claimable_locked (self);
  g_mutex_unlock (&self->lock);
  if (!committed && n > 1)
    for (guint i = 0; i < n; i++)
      commit_batch (self, files + i, 1);
}

/* At most this many files per transaction, and this many waiting: a slow
 * disk holds the workers back instead of filling the memory. */
#define BATCH_FILES   512
#define MAX_PENDING   (2 * BATCH_FILES)
#define COMMIT_DELAY_US (20 * 1000)

/* A claim and its file's result in the same batch: the result's update
 * records the claim's start time, and the claim's own update is skipped. */
static void
fold_claims (GPtrArray *batch)
{
  g_autoptr(GHashTable) results = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < batch->len; i++)
    {
      PendingFile *p = batch->pdata[i];

      if (!p->claim)
        g_hash_table_insert (results, p->file_id, p);
    }
  for (guint i = 0; i < batch->len; i++)
    {
      PendingFile *p = batch->pdata[i];
      PendingFile *result;

      if (p->claim && (result = g_hash_table_lookup (results, p->file_id)) != NULL)
        {
          result->claimed_at = p->claimed_at;
          p->folded = TRUE;
        }
    }
}

/* Frees the spent documents; called with the queue lock held, which it
 * lets go meanwhile. */
static void
take_spent_locked (MoiStore *self)
{
  GPtrArray *spent = self->spent;

  self->spent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_mutex_unlock (&self->queue_lock);
  g_ptr_array_unref (spent);
  g_mutex_lock (&self->queue_lock);
}

static gpointer
writer_main (gpointer data)
{
  MoiStore *self = data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  gint64 deadline;

  g_mutex_lock (&self->queue_lock);
  for (;;)
    {
      while (g_queue_is_empty (&self->pending) && !self->writer_stopping)
        {
          if (self->spent->len > 0)
            {
              take_spent_locked (self);
              continue;
            }
          g_cond_wait (&self->queue_cond, &self->queue_lock);
        }
      if (g_queue_is_empty (&self->pending))
        break;
      /* Group commit: a few more milliseconds of results make a bigger
       * batch, unless someone waits for this one. Each transaction
       * rewrites the job's pages and indexes whatever its size. */
      deadline = g_get_monotonic_time () + COMMIT_DELAY_US;
      while (g_queue_get_length (&self->pending) < BATCH_FILES && self->n_waiting == 0
             && !self->writer_stopping
             && g_cond_wait_until (&self->queue_cond, &self->queue_lock, deadline))
        ;
      while (batch->len < BATCH_FILES && !g_queue_is_empty (&self->pending))
        g_ptr_array_add (batch, g_queue_pop_head (&self->pending));
      g_cond_broadcast (&self->queue_cond);
      g_mutex_unlock (&self->queue_lock);

      {
        fold_claims (batch);
        commit_batch (self, (PendingFile **) batch->pdata, batch->len);
        writer_checkpoint (self);
      }

      /* Results nobody waits for are freed outside the queue lock. */
      for (guint i = 0; i < batch->len; i++)
        {
          PendingFile *p = batch->pdata[i];

          if (p->waited)
            continue;
          if (p->error != NULL && !p->failed_instead)
            g_warning ("Could not record the result of file %s: %s", p->file_id,
                       p->error->message);
        }
      g_mutex_lock (&self->queue_lock);
      for (guint i = 0; i < batch->len; i++)
        {
          PendingFile *p = batch->pdata[i];

          if (!p->waited && p->documents != NULL)
            g_ptr_array_add (self->spent, g_steal_pointer (&p->documents));
        }
      for (guint i = 0; i < batch->len; i++)
        {
          PendingFile *p = batch->pdata[i];

          self->n_committed++;
          if (p->waited)
            p->done = TRUE;
          else
            pending_file_free (p);
        }
      g_ptr_array_set_size (batch, 0);
      g_cond_broadcast (&self->queue_cond);
    }
  g_mutex_unlock (&self->queue_lock);
  return NULL;
}

/* Queues @p for the writer thread (started on first use); called with the
 * queue lock held. */
static void
enqueue_locked (MoiStore    *self,
                PendingFile *p)
{
  while (g_queue_get_length (&self->pending) >= MAX_PENDING)
    g_cond_wait (&self->queue_cond, &self->queue_lock);
  if (self->writer == NULL)
    self->writer = g_thread_new ("moi-store-writer", writer_main, self);
  g_queue_push_tail (&self->pending, p);
  self->n_submitted++;
  g_cond_broadcast (&self->queue_cond);
}

static PendingFile *
pending_file_new (const char     *file_id,
                  int             status,
                  const char     *error_message,
                  GPtrArray      *documents,
                  MoiStorePolicy  policy,
                  const char     *writer_name)
{
  PendingFile *p = g_new0 (PendingFile, 1);

  p->file_id = g_strdup (file_id);
  p->status = status;
  p->error_message = g_strdup (error_message);
  p->documents = documents;
  p->policy = policy;
  p->writer_name = g_strdup (writer_name);
  return p;
}

void
moi_store_submit_file (MoiStore       *self,
                       const char     *file_id,
                       int             status,
                       const char     *error_message,
                       GPtrArray      *documents,
                       MoiStorePolicy  policy,
                       const char     *writer_name)
{
  PendingFile *p;

  g_return_if_fail (MOI_IS_STORE (self));
  g_return_if_fail (file_id != NULL);

  p = pending_file_new (file_id, status, error_message, documents, policy, writer_name);
  g_mutex_lock (&self->queue_lock);
  enqueue_locked (self, p);
  if (self->spent->len > 0)
    take_spent_locked (self);
  g_mutex_unlock (&self->queue_lock);
}

gboolean
moi_store_finish_file (MoiStore       *self,
                       const char     *file_id,
                       int             status,
                       const char     *error_message,
                       GPtrArray      *documents,
                       MoiStorePolicy  policy,
                       const char     *writer_name,
                       GError        **error)
{
  PendingFile *p;
  gboolean ok;

  g_return_val_if_fail (MOI_IS_STORE (self), FALSE);
  g_return_val_if_fail (file_id != NULL, FALSE);

  p = pending_file_new (file_id, status, error_message,
                        documents != NULL ? g_ptr_array_ref (documents) : NULL, policy,
                        writer_name);
  p->waited = TRUE;
  g_mutex_lock (&self->queue_lock);
  self->n_waiting++;
  enqueue_locked (self, p);
  while (!p->done)
    g_cond_wait (&self->queue_cond, &self->queue_lock);
  self->n_waiting--;
  g_mutex_unlock (&self->queue_lock);

  ok = p->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&p->error));
  pending_file_free (p);
  return ok;
}

void
moi_store_flush (MoiStore *self)
{
  guint64 target;

  g_return_if_fail (MOI_IS_STORE (self));

  g_mutex_lock (&self->queue_lock);
  target = self->n_submitted;
  self->n_waiting++;
  g_cond_broadcast (&self->queue_cond);
  while (self->n_committed < target)
    g_cond_wait (&self->queue_cond, &self->queue_lock);
  self->n_waiting--;
  g_mutex_unlock (&self->queue_lock);
}

/* A claim record: the writer marks the file processing in its next batch. */
static PendingFile *
claim_record_new (const char *file_id,
                  gint64      claimed_at)
{
  PendingFile *p = g_new0 (PendingFile, 1);

  p->claim = TRUE;
  p->file_id = g_strdup (file_id);
  p->claimed_at = claimed_at;
  return p;
}

JsonObject *
moi_store_claim_next_file (MoiStore *self)
{
  JsonObject *row = NULL;

  g_return_val_if_fail (MOI_IS_STORE (self), NULL);

  /* A change racing each load could make this load for ever: after a few
   * tries, take what the last load found. */
  for (guint tries = 0; ; tries++)
    {
      gboolean load;
      const char *workflow;
      gint64 now;

      g_mutex_lock (&self->queue_lock);
      load = tries < 3 && (self->claims_stale
                           || (g_queue_is_empty (&self->claimable) && self->claims_more));
      if (!load && (row = g_queue_pop_head (&self->claimable)) != NULL)
        {
          const char *id = json_object_get_string_member (row, "id");

          now = moi_store_now_ms ();
          g_hash_table_add (self->in_flight, g_strdup (id));
          json_object_set_int_member (row, "status", MOI_JOB_STATUS_PROCESSING);
          json_object_set_int_member (row, "start_time", now);
          if (self->claim_workflows != NULL
              && (workflow = g_hash_table_lookup (self->claim_workflows,
                                                  json_object_get_string_member (row,
                                                                                 "job_id")))
                 != NULL)
            json_object_set_string_member (row, "workflow_text", workflow);
          enqueue_locked (self, claim_record_new (id, now));
        }
      g_mutex_unlock (&self->queue_lock);
      if (!load)
        return row;

      {
        LOCK (self);

        /* Another worker may have loaded it while this one waited. */
        g_mutex_lock (&self->queue_lock);
        load = self->claims_stale
               || (g_queue_is_empty (&self->claimable) && self->claims_more);
        g_mutex_unlock (&self->queue_lock);
        if (load)
          load_claimable_locked (self);
      }
    }
}


guint
moi_store_requeue_processing (MoiStore *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  int changes;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), 0);

  if (!begin (self, NULL))
    return 0;
  changes = run (self, NULL, "UPDATE job_files SET status = 3, start_time = NULL "
                 "WHERE status = 0", "");
  /* Uncommitted documents never reached the database; committed ones belong
   * to completed files only, so nothing else needs cleaning. */
  jobs = collect_rows (self, query (self, NULL, "SELECT id FROM jobs WHERE status = 0", ""),
                       NULL);
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    recompute_job (self, json_object_get_string_member (jobs->pdata[i], "id"), NULL);
  commit_or_rollback (self, changes >= 0, NULL);
  return MAX (changes, 0);
}

GHashTable *
moi_store_get_seen_files (MoiStore   *self,
                          const char *workflow_id)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  LOCK (self);

  g_return_val_if_fail (MOI_IS_STORE (self), seen);

  rows = collect_rows (self, query (self, NULL,
                                    "SELECT DISTINCT f.source_volume_id, f.file_path "
                                    "FROM job_files f "
                                    "JOIN jobs j ON j.id = f.job_id WHERE j.workflow_id = ? "
                                    "", "s",
                                    workflow_id), NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = rows->pdata[i];

      g_hash_table_insert (seen,
                           g_strdup_printf ("%s\n%s",
                                            json_object_get_string_member (row, "source_volume_id"),
                                            json_object_get_string_member (row, "file_path")),
                           GINT_TO_POINTER (1));
    }
  return seen;
}
