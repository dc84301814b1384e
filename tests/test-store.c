/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MoiStore's group commit: finished files are committed by a writer thread
 * in batches, and each file of a batch must still come out exactly as if it
 * had been committed alone (its documents whole or absent, a FAIL duplicate
 * failing only that file, a stopped file's result dropped, nothing lost when
 * the store is closed with results queued). */
#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "moi-store.h"
#include "moi-test-db.h"

typedef struct
{
  char     *dir;
  MoiStore *store;
  char     *workflow_id;
  char     *target_id;
  char     *job_id;
  guint     n_files;
} Fixture;

#define N_FILES 8

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(JsonObject) workflow = NULL;
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *target_dir = NULL;

  f->dir = g_dir_make_tmp ("moi-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "moi.db", NULL);
  target_dir = g_build_filename (f->dir, "target", NULL);
  g_assert_cmpint (g_mkdir (target_dir, 0700), ==, 0);
  f->store = moi_store_new (db, &error);
  g_assert_no_error (error);
  source = moi_store_create_volume (f->store, "source", f->dir, &error);
  g_assert_no_error (error);
  target = moi_store_create_volume (f->store, "target", target_dir, &error);
  g_assert_no_error (error);
  f->target_id = g_strdup (json_object_get_string_member (target, "id"));

  ids = g_strdup_printf ("[\"%s\"]", json_object_get_string_member (source, "id"));
  json_object_set_string_member (row, "name", "group commit");
  json_object_set_string_member (row, "source_volume_ids", ids);
  json_object_set_string_member (row, "source_volume_names", "[\"source\"]");
  json_object_set_string_member (row, "file_types", "[1]");
  json_object_set_int_member (row, "flow_interval", 0);
  json_object_set_int_member (row, "flow_offset", 0);
  json_object_set_int_member (row, "priority", 300);
  json_object_set_string_member (row, "target_volume_id", f->target_id);
  json_object_set_string_member (row, "target_volume_name", "target");
  json_object_set_int_member (row, "status", MOI_WORKFLOW_STATUS_RUNNING);
  workflow = moi_store_create_workflow (f->store, row, "main", "{}", &error);
  g_assert_no_error (error);
  f->workflow_id = g_strdup (json_object_get_string_member (workflow, "id"));

  f->n_files = data != NULL ? GPOINTER_TO_UINT (data) : N_FILES;
  for (guint i = 0; i < f->n_files; i++)
    {
      MoiStoreNewFile *file = g_new0 (MoiStoreNewFile, 1);
      char *name = g_strdup_printf ("f%u.txt", i);

      g_ptr_array_add (names, name);
      file->source_volume_id = json_object_get_string_member (source, "id");
      file->file_path = name;
      file->file_type = MOI_FILE_TYPE_TXT;
      file->file_size = 1;
      g_ptr_array_add (files, file);
    }
  f->job_id = moi_store_create_job (f->store, f->workflow_id, "job", files, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *target = g_build_filename (f->dir, "target", NULL);

  g_autofree char *content = g_strconcat (db, "-content", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (target);
  if ((listing = g_dir_open (content, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (content, name, NULL);

        g_assert_cmpint (g_remove (path), ==, 0);
      }
  g_rmdir (content);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  g_free (f->workflow_id);
  g_free (f->target_id);
  g_free (f->job_id);
}

/* Claims every file of the job; returns their ids in file order. */
static GPtrArray *
claim_all (Fixture *f)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonObject *file;

  while ((file = moi_store_claim_next_file (f->store)) != NULL)
    {
      g_assert_cmpint (json_object_get_int_member (file, "status"), ==,
                       MOI_JOB_STATUS_PROCESSING);
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (file, "id")));
      json_object_unref (file);
    }
  g_assert_cmpuint (ids->len, ==, f->n_files);
  return ids;
}

/* Documents "@prefix@from" to "@prefix@to" (inclusive), as a file's run
 * produced them: "content of <id>", or about @size bytes of content
 * (unicode too) when @size is not 0. */
static GPtrArray *
make_documents (const char *prefix,
                guint       from,
                guint       to,
                gsize       size)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_store_document_free);

  for (guint i = from; i <= to && to != G_MAXUINT; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);
      g_autoptr(GString) content = g_string_new (size == 0 ? "content of " : NULL);

      if (size == 0)
        g_string_append (content, id);
      while (content->len < size)
        g_string_append_printf (content, "%s 文档 %u\n", id, (guint) content->len);
      g_ptr_array_add (docs, moi_store_document_new (id, content->str,
                                                     size == 0 ? "{}" : "{\"k\": 1}"));
    }
  return docs;
}

#define documents_range(prefix, from, to) make_documents (prefix, from, to, 0)
#define documents(prefix, n) documents_range (prefix, 0, (n) - 1)

static JsonObject *
file_row (Fixture    *f,
          const char *file_id)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  rows = moi_store_list_job_files (f->store, f->job_id, NULL, 0, 100, &total, &counts,
                                   &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (json_object_get_string_member (rows->pdata[i], "id"), file_id) == 0)
      return json_object_ref (rows->pdata[i]);
  g_assert_not_reached ();
}

static gint64
n_documents (Fixture    *f,
             const char *file_id)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  rows = moi_store_list_file_documents (f->store, f->target_id, file_id, 0, 100, &total,
                                        &error);
  g_assert_no_error (error);
  return total;
}

static void
assert_file (Fixture    *f,
             const char *file_id,
             int         status,
             gint64      documents_written,
             const char *message_part)
{
  g_autoptr(JsonObject) row = file_row (f, file_id);

  g_assert_cmpint (json_object_get_int_member (row, "status"), ==, status);
  g_assert_cmpint (n_documents (f, file_id), ==, documents_written);
  /* A file that ran has its claim's start time, before its end. */
  if (status == MOI_JOB_STATUS_COMPLETED || status == MOI_JOB_STATUS_FAILED)
    {
      g_assert_false (json_object_get_null_member (row, "start_time"));
      g_assert_false (json_object_get_null_member (row, "end_time"));
      g_assert_cmpint (json_object_get_int_member (row, "start_time"), <=,
                       json_object_get_int_member (row, "end_time"));
    }
  if (message_part != NULL)
    g_assert_nonnull (strstr (json_object_get_string_member (row, "error_message"),
                              message_part));
}

/* The job ended with @status, its message containing @message_part. */
static void
assert_job (Fixture    *f,
            int         status,
            const char *message_part)
{
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(GError) error = NULL;

  job = moi_store_get_job (f->store, f->job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (job, "status"), ==, status);
  g_assert_nonnull (strstr (json_object_get_string_member (job, "message"), message_part));
}

/* Files queued together: a FAIL duplicate of another file of the same batch
 * fails that file alone; OVERWRITE and SKIP pass; the job is recomputed. */
static void
test_batch_policies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);

  /* f0 writes a0..a2; f1 (FAIL) collides on a1; f2 (OVERWRITE) rewrites
   * a2; f3 (SKIP) keeps a0 and adds nothing; f4 failed in its pipeline;
   * f5..f7 write their own. */
  moi_store_submit_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                         documents ("a", 3), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_submit_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED, NULL,
                         documents ("a", 2), MOI_STORE_POLICY_FAIL, "my_writer");
  moi_store_submit_file (f->store, ids->pdata[2], MOI_JOB_STATUS_COMPLETED, NULL,
                         documents_range ("a", 2, 2), MOI_STORE_POLICY_OVERWRITE, "writer");
  moi_store_submit_file (f->store, ids->pdata[3], MOI_JOB_STATUS_COMPLETED, NULL,
                         documents ("a", 1), MOI_STORE_POLICY_SKIP, "writer");
  moi_store_submit_file (f->store, ids->pdata[4], MOI_JOB_STATUS_FAILED,
                         "component “cleaner”: broken", NULL, MOI_STORE_POLICY_FAIL, NULL);
  for (guint i = 5; i < N_FILES; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("f%u-", i);

      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                             documents (prefix, i), MOI_STORE_POLICY_FAIL, "writer");
    }
  moi_store_flush (f->store);

  /* a0, a1 stay f0's; a2 moved to f2 (OVERWRITE); f3's a0 was skipped. */
  assert_file (f, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, 2, NULL);
  assert_file (f, ids->pdata[1], MOI_JOB_STATUS_FAILED, 0,
               "component “my_writer”: document a0 already exists in volume");
  assert_file (f, ids->pdata[2], MOI_JOB_STATUS_COMPLETED, 1, NULL);
  assert_file (f, ids->pdata[3], MOI_JOB_STATUS_COMPLETED, 0, NULL);
  assert_file (f, ids->pdata[4], MOI_JOB_STATUS_FAILED, 0, "broken");
  for (guint i = 5; i < N_FILES; i++)
    assert_file (f, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, i, NULL);

  assert_job (f, MOI_JOB_STATUS_COMPLETED, "2 of 8");
}

/* moi_store_finish_file() returns once its file is committed, with the
 * commit's outcome; a rerun of the file replaces what it wrote before. */
static void
test_finish_waits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) first = documents ("x", 4);
  const char *file_ids[] = { ids->pdata[0], NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) again = NULL;

  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_FAILED,
                                        "first run failed", NULL, MOI_STORE_POLICY_FAIL,
                                        "writer", &error));
  g_assert_no_error (error);
  assert_file (f, ids->pdata[0], MOI_JOB_STATUS_FAILED, 0, "first run failed");

  g_assert_true (moi_store_retry_files (f->store, f->job_id, file_ids, &error));
  g_assert_no_error (error);
  again = moi_store_claim_next_file (f->store);
  g_assert_cmpstr (json_object_get_string_member (again, "id"), ==, ids->pdata[0]);
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                        NULL, first, MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);
  assert_file (f, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, 4, NULL);
}

/* A result the database refuses even alone (here a document without an
 * id) fails its file with the reason; the rest of its batch is committed
 * and the job ends instead of waiting for that file for ever. */
static void
test_refused_result_fails_file (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  GPtrArray *bad = documents ("ok", 2);

  g_ptr_array_add (bad, moi_store_document_new (NULL, "no id", "{}"));
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("r%u-", i);

      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                             i == 3 ? g_steal_pointer (&bad) : documents (prefix, 2),
                             MOI_STORE_POLICY_OVERWRITE, "writer");
    }
  moi_store_flush (f->store);

  for (guint i = 0; i < N_FILES; i++)
    if (i == 3)
      assert_file (f, ids->pdata[i], MOI_JOB_STATUS_FAILED, 0,
                   "Could not store the file's documents");
    else
      assert_file (f, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, 2, NULL);
  assert_job (f, MOI_JOB_STATUS_COMPLETED, "1 of 8");
}

typedef struct
{
  Fixture    *f;
  GMutex      lock;
  GHashTable *claimed;   /* file id -> times handed out */
  guint       n_bad;
} Workers;

/* Claims files until none is left and submits a result for each at once;
 * every seventh has a document the database refuses, so batches fail and
 * are retried file by file while the other workers go on claiming. */
static gpointer
claim_and_submit (gpointer data)
{
  Workers *w = data;
  JsonObject *file;

  while ((file = moi_store_claim_next_file (w->f->store)) != NULL)
    {
      const char *id = json_object_get_string_member (file, "id");
      guint seq = (guint) json_object_get_int_member (file, "seq");
      GPtrArray *docs = documents (id, 1);
      gpointer times;

      g_mutex_lock (&w->lock);
      times = g_hash_table_lookup (w->claimed, id);
      g_hash_table_insert (w->claimed, g_strdup (id), GUINT_TO_POINTER (GPOINTER_TO_UINT (times) + 1));
      if (seq % 7 == 3)
        {
          g_ptr_array_add (docs, moi_store_document_new (NULL, "no id", "{}"));
          w->n_bad++;
        }
      g_mutex_unlock (&w->lock);
      moi_store_submit_file (w->f->store, id, MOI_JOB_STATUS_COMPLETED, NULL, docs,
                             MOI_STORE_POLICY_OVERWRITE, "writer");
      json_object_unref (file);
    }
  return NULL;
}

/* Workers claiming while batches fail and roll back (taking claim records
 * with them): no file is handed out twice, each ends completed or failed,
 * and the job ends. */
static void
test_claims_survive_rollback (Fixture       *f,
                              gconstpointer  data)
{
  Workers w = { f, };
  GThread *threads[3];
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer times;
  gint64 total = 0;
  guint failed = 0;

  g_mutex_init (&w.lock);
  w.claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("claimer", claim_and_submit, &w);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  moi_store_flush (f->store);

  g_assert_cmpuint (g_hash_table_size (w.claimed), ==, f->n_files);
  g_hash_table_iter_init (&iter, w.claimed);
  while (g_hash_table_iter_next (&iter, NULL, &times))
    g_assert_cmpuint (GPOINTER_TO_UINT (times), ==, 1);

  rows = moi_store_list_job_files (f->store, f->job_id, NULL, 0, f->n_files, &total, &counts,
                                   &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 status = json_object_get_int_member (rows->pdata[i], "status");

      g_assert_true (status == MOI_JOB_STATUS_COMPLETED || status == MOI_JOB_STATUS_FAILED);
      failed += status == MOI_JOB_STATUS_FAILED;
    }
  g_assert_cmpuint (failed, ==, w.n_bad);
  assert_job (f, MOI_JOB_STATUS_COMPLETED, "files failed");
  g_hash_table_unref (w.claimed);
  g_mutex_clear (&w.lock);
}

/* More files than one load of the claim queue holds: the writer tops the
 * queue up after its last file, a change loads it again from the start;
 * either way every file is handed out once, in order. */
static void
test_claims_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *second_job = NULL;
  JsonObject *file;
  guint n = 0;

  while ((file = moi_store_claim_next_file (f->store)) != NULL)
    {
      g_autofree char *expected = n < f->n_files ? g_strdup_printf ("f%u.txt", n)
                                                 : g_strdup_printf ("g%u.txt", n - f->n_files);

      g_assert_cmpstr (json_object_get_string_member (file, "file_path"), ==, expected);
      g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (file,
                                                                                      "id"))));
      moi_store_submit_file (f->store, json_object_get_string_member (file, "id"),
                             MOI_JOB_STATUS_COMPLETED, NULL, documents (expected, 1),
                             MOI_STORE_POLICY_FAIL, "writer");
      json_object_unref (file);
      /* Half-way, a second job: queued after the first one's files. */
      if (++n == f->n_files / 2)
        {
          for (guint i = 0; i < 3; i++)
            {
              MoiStoreNewFile *new_file = g_new0 (MoiStoreNewFile, 1);

              new_file->file_path = g_strdup_printf ("g%u.txt", i);
              new_file->file_type = MOI_FILE_TYPE_TXT;
              new_file->file_size = 1;
              g_ptr_array_add (more, new_file);
            }
          second_job = moi_store_create_job (f->store, f->workflow_id, "second", more, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < more->len; i++)
            g_free ((char *) ((MoiStoreNewFile *) more->pdata[i])->file_path);
        }
    }
  g_assert_cmpuint (n, ==, f->n_files + 3);
  moi_store_flush (f->store);
  assert_job (f, MOI_JOB_STATUS_COMPLETED, "2600 files processed");
}

/* A workflow stopped while a file is out with a worker (its claim perhaps
 * not yet recorded): the stop leaves that file to the worker, a retry
 * waits for its result, and once the stopped result is in, a retry runs
 * the file again. */
static void
test_stop_while_claimed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) first = moi_store_claim_next_file (f->store);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = json_object_get_string_member (first, "id");
  const char *file_ids[] = { id, NULL };

  g_assert_true (moi_store_stop_workflow (f->store, f->workflow_id, &error));
  g_assert_no_error (error);
  g_assert_false (moi_store_retry_files (f->store, f->job_id, file_ids, &error));
  g_assert_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The job runner cancels the worker; its result says stopped. */
  moi_store_submit_file (f->store, id, MOI_JOB_STATUS_STOPPED, NULL, NULL,
                         MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  assert_file (f, id, MOI_JOB_STATUS_STOPPED, 0, NULL);

  g_assert_true (moi_store_retry_files (f->store, f->job_id, file_ids, &error));
  g_assert_no_error (error);
  again = moi_store_claim_next_file (f->store);
  g_assert_nonnull (again);
  g_assert_cmpstr (json_object_get_string_member (again, "id"), ==, id);
}

/* A disk that fills up while results are committed (simulated with
 * RLIMIT_FSIZE: the database's files cannot grow past a limit): the files
 * fail with the reason, nothing half-written stays, and once there is room
 * again a retry runs them to completion. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *big = g_strnfill (8 * 1024, 'x');
  struct rlimit saved, limit;
  GStatBuf st_db, st_wal;

  /* The claims are on disk first; then no file may grow by more than the
   * small updates that record a failure need. */
  moi_store_flush (f->store);
  g_assert_cmpint (g_stat (db, &st_db), ==, 0);
  g_assert_cmpint (g_stat (wal, &st_wal), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = (rlim_t) MAX (st_db.st_size, st_wal.st_size) + 1536 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  /* Each file's content alone is more than any file may grow by. */
  for (guint i = 0; i < f->n_files; i++)
    {
      GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        moi_store_document_free);

      for (guint k = 0; k <= limit.rlim_cur / strlen (big); k++)
        {
          g_autofree char *id = g_strdup_printf ("big-%u-%u", i, k);

          g_ptr_array_add (docs, moi_store_document_new (id, big, "{}"));
        }
      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL, docs,
                             MOI_STORE_POLICY_FAIL, "writer");
    }
  moi_store_flush (f->store);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  for (guint i = 0; i < f->n_files; i++)
    assert_file (f, ids->pdata[i], MOI_JOB_STATUS_FAILED, 0,
                 "Could not store the file's documents");
  {
    g_autoptr(JsonObject) row = file_row (f, ids->pdata[0]);

    g_test_message ("disk full: %s", json_object_get_string_member (row, "error_message"));
  }
  assert_job (f, MOI_JOB_STATUS_FAILED, "All 8 files failed");

  /* Room again: retrying runs every file to completion. */
  g_ptr_array_add (ids, NULL);
  g_assert_true (moi_store_retry_files (f->store, f->job_id,
                                        (const char * const *) ids->pdata, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (ids, ids->len - 1);
  again = claim_all (f);
  for (guint i = 0; i < again->len; i++)
    moi_store_submit_file (f->store, again->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                           documents (again->pdata[i], 3), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  for (guint i = 0; i < again->len; i++)
    assert_file (f, again->pdata[i], MOI_JOB_STATUS_COMPLETED, 3, NULL);
  assert_job (f, MOI_JOB_STATUS_COMPLETED, "8 files processed");
}

/* A file whose job was deleted while its result waited in the queue: the
 * result belongs to no one and is dropped, and the queue goes on. */
static void
test_deleted_result_dropped (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  g_assert_true (moi_store_delete_workflow (f->store, f->workflow_id, TRUE, &error));
  g_assert_no_error (error);
  moi_store_submit_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                         documents ("d", 3), MOI_STORE_POLICY_OVERWRITE, "writer");
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED,
                                        NULL, NULL, MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);

  listed = moi_store_list_volume_files (f->store, f->target_id, NULL, NULL, NULL, NULL, FALSE,
                                        0, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 0);
  g_assert_null (moi_store_list_file_documents (f->store, "any", ids->pdata[0], 0, 10, &total,
                                                &error));
  g_assert_error (error, MOI_STORE_ERROR, MOI_STORE_ERROR_NOT_FOUND);
}

/* Results still queued when the store is closed are committed first. */
static void
test_close_commits_queue (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("c%u-", i);

      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                             documents (prefix, 5), MOI_STORE_POLICY_FAIL, "writer");
    }
  g_clear_object (&f->store);

  f->store = moi_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moi_store_requeue_processing (f->store), ==, 0);
  for (guint i = 0; i < N_FILES; i++)
    assert_file (f, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, 5, NULL);
}

/* Document content ------------------------------------------------------ */

static char *
content_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, "moi.db-content", name, NULL);
}

/* Bytes in the document content folder. */
static gint64
content_on_disk (Fixture *f)
{
  g_autofree char *dir = content_path (f, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 total = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      total += st.st_size;
    }
  return total;
}

/* @file_id's documents read back, in order, are @docs; returns the bytes
 * of their content and meta. */
static gint64
assert_documents (Fixture    *f,
                  const char *file_id,
                  GPtrArray  *docs)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1, bytes = 0;

  rows = moi_store_list_file_documents (f->store, f->target_id, file_id, 0, 1000, &total,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, docs->len);
  for (guint i = 0; i < docs->len; i++)
    {
      MoiStoreDocument *doc = docs->pdata[i];

      g_assert_cmpstr (json_object_get_string_member (rows->pdata[i], "id"), ==, doc->id);
      g_assert_cmpstr (json_object_get_string_member (rows->pdata[i], "content"), ==,
                       doc->content);
      g_assert_cmpstr (json_object_get_string_member (rows->pdata[i], "meta"), ==, doc->meta);
      /* Where the bytes are is the store's business. */
      g_assert_false (json_object_has_member (rows->pdata[i], "content_segment"));
      g_assert_false (json_object_has_member (rows->pdata[i], "meta_length"));
      bytes += strlen (doc->content) + strlen (doc->meta);
    }
  return bytes;
}

/* @n_docs documents of about @size bytes of content each. */
#define big_documents(prefix, n_docs, size) make_documents (prefix, 0, (n_docs) - 1, size)

static void
reopen (Fixture *f)
{
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = moi_store_new (db, &error);
  g_assert_no_error (error);
}

static void
append_bytes (const char *path,
              const char *bytes)
{
  FILE *file = fopen (path, "ab");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (bytes, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Content lives in segment files beside the database: read back whole
 * after a reopen; a SKIP duplicate leaves no bytes behind; what a commit
 * that never happened wrote past the recorded end is cut off, and a
 * segment the database never recorded is deleted. */
static void
test_content_segments (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *segment = content_path (f, "000001.content");
  g_autofree char *stray = content_path (f, "000042.content");
  gint64 live = 0;

  /* The last file's documents are the second's, under SKIP: the volume's
   * stay, and their bytes are not written again. */
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("s%u-", i);
      gboolean last = i == N_FILES - 1;

      g_ptr_array_add (expected, big_documents (prefix, last ? 0 : i + 1, 3000 + i * 1000));
      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                             last ? big_documents ("s1-", 2, 4000)
                                  : big_documents (prefix, i + 1, 3000 + i * 1000),
                             MOI_STORE_POLICY_SKIP, "writer");
    }
  moi_store_flush (f->store);
  for (guint i = 0; i < N_FILES; i++)
    live += assert_documents (f, ids->pdata[i], expected->pdata[i]);
  g_assert_cmpint (content_on_disk (f), ==, live);

  append_bytes (segment, "half a commit");
  append_bytes (stray, "never recorded");
  reopen (f);
  g_assert_cmpint (content_on_disk (f), ==, live);
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < N_FILES; i++)
    assert_documents (f, ids->pdata[i], expected->pdata[i]);
}

/* @file_id's documents are @docs, and more than @dead bytes beside them
 * are dead: the next open gives that room back, and they read the same. */
static void
assert_room_given_back (Fixture    *f,
                        const char *file_id,
                        GPtrArray  *docs,
                        gint64      dead)
{
  gint64 live = assert_documents (f, file_id, docs);

  g_assert_cmpint (content_on_disk (f), >, live + dead);
  reopen (f);
  g_assert_cmpint (content_on_disk (f), ==, live);
  assert_documents (f, file_id, docs);
}

/* Content written before its rows are inserted, for rows that never were
 * (here policy FAIL fails the file whose document the volume already
 * holds), counts as dead from the start: the next open gives it back. */
static void
test_content_unused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) kept = big_documents ("u-", 2, 1000);

  moi_store_submit_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("u-", 2, 1000), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  moi_store_submit_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("u-", 2, 100000), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  assert_file (f, ids->pdata[1], MOI_JOB_STATUS_FAILED, 0, "already exists");
  assert_room_given_back (f, ids->pdata[0], kept, 150000);
}

/* A caller may hand the same documents in again (here: a result the
 * database refused, retried under another policy). Where an earlier,
 * rolled-back transaction placed their content means nothing now: they
 * are written again, and read back as they are, not as whatever a later
 * transaction wrote at that place. (Found by review.) */
static void
test_content_reused_documents (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) docs = big_documents ("st-", 2, 2000);
  g_autoptr(GPtrArray) expected = big_documents ("st-", 2, 2000);
  g_autoptr(GPtrArray) others = big_documents ("other-", 2, 2000);
  g_autoptr(GError) error = NULL;
  const char *file_ids[2] = { NULL, NULL };
  JsonObject *file;

  /* A document without an id: the whole result is refused, rolled back. */
  g_ptr_array_add (docs, moi_store_document_new (NULL, "no id", "{}"));
  g_assert_false (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                         NULL, docs,
                                         MOI_STORE_POLICY_OVERWRITE, "writer", &error));
  g_clear_error (&error);
  g_ptr_array_remove_index (docs, 2);
  file_ids[0] = ids->pdata[0];
  g_assert_true (moi_store_retry_files (f->store, f->job_id, file_ids, &error));
  g_assert_no_error (error);
  file = moi_store_claim_next_file (f->store);
  g_assert_cmpstr (json_object_get_string_member (file, "id"), ==, ids->pdata[0]);
  json_object_unref (file);
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                        NULL, docs, MOI_STORE_POLICY_SKIP,
                                        "writer", &error));
  g_assert_no_error (error);
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED,
                                        NULL, others,
                                        MOI_STORE_POLICY_OVERWRITE, "writer", &error));
  g_assert_no_error (error);

  assert_documents (f, ids->pdata[0], expected);
  assert_documents (f, ids->pdata[1], others);
  reopen (f);
  assert_documents (f, ids->pdata[0], expected);
  assert_documents (f, ids->pdata[1], others);
}

/* In one batch, a result dropped at commit (its file is gone) was placed
 * first, at the start of a new segment; another file's documents replace
 * a third's there. Every byte that died is counted, so the next open
 * gives the room back. (Found by review: the segment's row was made only
 * by the first document inserted into it.) */
static void
test_content_dead_in_new_segment (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) expected = big_documents ("r-", 3, 500);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  moi_store_submit_file (f->store, "no-such-file", MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("gone-", 1, 100), MOI_STORE_POLICY_OVERWRITE, "writer");
  moi_store_submit_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("r-", 3, 20000), MOI_STORE_POLICY_OVERWRITE, "writer");
  moi_store_submit_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("r-", 3, 500), MOI_STORE_POLICY_OVERWRITE, "writer");
  moi_store_flush (f->store);
  assert_documents (f, ids->pdata[0], none);
  assert_room_given_back (f, ids->pdata[1], expected, 60000);
}

/* Content of documents replaced or deleted is given back at the next open
 * once it is half of a segment; the documents that stay read the same. */
static void
test_content_compaction (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  gint64 live = 0, before;

  /* The second half of the files overwrite the first half's documents
   * with smaller ones. */
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("x%u-", i % (N_FILES / 2));
      gboolean second = i >= N_FILES / 2;

      g_ptr_array_add (expected, big_documents (prefix, second ? 6 : 0, 2000));
      moi_store_submit_file (f->store, ids->pdata[i], MOI_JOB_STATUS_COMPLETED, NULL,
                             big_documents (prefix, 6, second ? 2000 : 5000),
                             MOI_STORE_POLICY_OVERWRITE, "writer");
    }
  moi_store_flush (f->store);
  before = content_on_disk (f);
  for (guint i = 0; i < N_FILES; i++)
    live += assert_documents (f, ids->pdata[i], expected->pdata[i]);
  g_assert_cmpint (before, >, 3 * live);

  reopen (f);
  g_assert_cmpint (content_on_disk (f), ==, live);
  for (guint i = 0; i < N_FILES; i++)
    assert_documents (f, ids->pdata[i], expected->pdata[i]);

  /* Moved by the compaction, still read after another open. */
  reopen (f);
  for (guint i = 0; i < N_FILES; i++)
    assert_documents (f, ids->pdata[i], expected->pdata[i]);

  /* Deleting the workflow with its data leaves no content behind. */
  g_assert_true (moi_store_delete_workflow (f->store, f->workflow_id, TRUE, &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpint (content_on_disk (f), ==, 0);
}

/* A segment file cut short behind the store's back: the open says so, the
 * documents stored past its end fail to read with a clear error, and the
 * ones before it still read. */
static void
test_content_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) first = big_documents ("d0-", 2, 1000);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *segment = content_path (f, "000001.content");
  gint64 total = 0;

  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                        NULL, big_documents ("d0-", 2, 1000),
                                        MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED,
                                        NULL, big_documents ("d1-", 2, 1000),
                                        MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_assert_cmpint (truncate (segment, 2500), ==, 0);

  g_test_expect_message ("moi-store", G_LOG_LEVEL_WARNING, "*shorter than the database records*");
  reopen (f);
  g_test_assert_expected_messages ();

  assert_documents (f, ids->pdata[0], first);
  rows = moi_store_list_file_documents (f->store, f->target_id, ids->pdata[1], 0, 10, &total,
                                        &error);
  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "000001.content is damaged"));
  g_clear_error (&error);

  /* New documents go to a new segment, not past the hole. */
  {
    g_autoptr(GPtrArray) later = big_documents ("d2-", 2, 1000);
    g_autofree char *next = content_path (f, "000002.content");
    GStatBuf st;

    g_assert_true (moi_store_finish_file (f->store, ids->pdata[2], MOI_JOB_STATUS_COMPLETED,
                                          NULL, big_documents ("d2-", 2, 1000),
                                          MOI_STORE_POLICY_FAIL, "writer", &error));
    g_assert_no_error (error);
    assert_documents (f, ids->pdata[2], later);
    g_assert_cmpint (g_stat (segment, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 2500);
    g_assert_true (g_file_test (next, G_FILE_TEST_EXISTS));
  }
}

/* Documents with empty content need no bytes, even as the first ones of
 * a store. */
static void
test_content_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               moi_store_document_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (empty, moi_store_document_new ("e0", "", "{}"));
  g_ptr_array_add (empty, moi_store_document_new ("e1", "", "{}"));
  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                        NULL, empty, MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);
  assert_documents (f, ids->pdata[0], empty);
  reopen (f);
  assert_documents (f, ids->pdata[0], empty);
}

/* A second store on the same folder is refused: it would write over the
 * first one's content. Once the first is closed, it opens. */
static void
test_content_one_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) second = moi_store_new (db, &error);

  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another MOI service"));
  reopen (f);
}

/* Documents written before content moved to segments (schema 3) keep it
 * inline in their row, and read the same. */
static void
test_content_inline (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) expected = big_documents ("i-", 3, 100);
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *conn = NULL;

  g_assert_true (moi_store_finish_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED,
                                        NULL, big_documents ("i-", 3, 100),
                                        MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "UPDATE documents SET content = 'inline ' || id, "
                                 "meta = '{\"k\": 1}', content_segment = NULL, "
                                 "content_offset = NULL, content_length = NULL, "
                                 "meta_length = NULL WHERE id <> 'i-0'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (conn);
  for (guint i = 1; i < expected->len; i++)
    {
      MoiStoreDocument *doc = expected->pdata[i];

      g_free (doc->content);
      doc->content = g_strdup_printf ("inline %s", doc->id);
    }

  reopen (f);
  assert_documents (f, ids->pdata[0], expected);
}

/* @n documents with sha256 ids, as Haystack makes them. */
static GPtrArray *
hashed_documents (const char *prefix,
                  guint       n)
{
  GPtrArray *docs = big_documents (prefix, n, 500);

  for (guint i = 0; i < n; i++)
    {
      MoiStoreDocument *doc = docs->pdata[i];
      char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, doc->id, -1);

      g_free (doc->id);
      doc->id = id;
    }
  return docs;
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);

  return moi_test_db_count (db, sql);
}

/* Schema 5 keys documents by small integers and keeps sha256 ids as their
 * 32 bytes. A schema 4 database (rebuilt here from a schema 5 one: text
 * ids and owners, some content inline) comes back with every document
 * readable, ids as they were, the volume's ids still unique and deletes
 * still reaching them. */
static void
test_migration_v5 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) hashed = hashed_documents ("h-", 3);
  g_autoptr(GPtrArray) named = big_documents ("t-", 2, 300);
  g_autoptr(GPtrArray) clash = hashed_documents ("h-", 1);
  g_autofree char *db = g_build_filename (f->dir, "moi.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *conn = NULL;
  char *message = NULL;

  moi_store_submit_file (f->store, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                         hashed_documents ("h-", 3), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_submit_file (f->store, ids->pdata[1], MOI_JOB_STATUS_COMPLETED, NULL,
                         big_documents ("t-", 2, 300), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM documents WHERE typeof (id) = 'blob' "
                                  "AND length (id) = 32"), ==, 3);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
  sqlite3_exec (conn,
                "BEGIN;"
                "CREATE TABLE documents_v4 (target_volume_id TEXT NOT NULL, id TEXT NOT NULL,"
                "  job_file_id TEXT NOT NULL, position INTEGER NOT NULL, content TEXT, meta TEXT,"
                "  created_at INTEGER NOT NULL, content_segment INTEGER, content_offset INTEGER,"
                "  content_length INTEGER, meta_length INTEGER,"
                "  PRIMARY KEY (target_volume_id, id));"
                "INSERT INTO documents_v4 SELECT v.owner, CASE WHEN typeof (d.id) = 'blob'"
                "  THEN lower (hex (d.id)) ELSE d.id END, f.owner, d.rowid & 16777215,"
                "  d.content, d.meta, d.created_at, d.content_segment, d.content_offset,"
                "  d.content_length, d.meta_length FROM documents d"
                "  JOIN document_owners v ON v.key = d.volume"
                "  JOIN document_owners f ON f.key = d.rowid >> 24;"
                "DROP TRIGGER documents_content_dead; DROP TRIGGER job_files_document_owner;"
                "DROP TRIGGER job_files_document_owner_insert;"
                "DROP TRIGGER volumes_document_owner;"
                "DROP TABLE documents; DROP TABLE document_owners;"
                "ALTER TABLE documents_v4 RENAME TO documents;"
                "CREATE INDEX documents_file ON documents (job_file_id, position);"
                "CREATE TRIGGER documents_content_dead AFTER DELETE ON documents"
                "  WHEN OLD.content_segment IS NOT NULL BEGIN"
                "  UPDATE content_segments SET dead = dead + OLD.content_length"
                "  + coalesce (OLD.meta_length, 0) WHERE id = OLD.content_segment; END;"
                "UPDATE documents SET content = 'inline ' || id, meta = '{}', content_segment ="
                "  NULL, content_offset = NULL, content_length = NULL, meta_length = NULL"
                "  WHERE id = 't-1';"
                "PRAGMA user_version = 4;"
                "COMMIT;", NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (conn);
  {
    MoiStoreDocument *doc = named->pdata[1];

    g_free (doc->content);
    doc->content = g_strdup ("inline t-1");
    g_free (doc->meta);
    doc->meta = g_strdup ("{}");
  }

  reopen (f);
  assert_documents (f, ids->pdata[0], hashed);
  assert_documents (f, ids->pdata[1], named);
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), ==, MOI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM documents WHERE typeof (id) = 'blob'"),
                   ==, 3);

  /* Still the volume's: a FAIL writer of another file cannot write it. */
  moi_store_submit_file (f->store, ids->pdata[2], MOI_JOB_STATUS_COMPLETED, NULL,
                         g_steal_pointer (&clash), MOI_STORE_POLICY_FAIL, "writer");
  moi_store_flush (f->store);
  assert_file (f, ids->pdata[2], MOI_JOB_STATUS_FAILED, 0, "already exists");

  g_assert_true (moi_store_delete_workflow (f->store, f->workflow_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM documents"), ==, 0);
  /* The job files' keys went with them; the volumes' stay. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM document_owners WHERE owner NOT IN "
                                  "(SELECT id FROM volumes)"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM document_owners"), ==,
                   count_rows (f, "SELECT count(*) FROM volumes"));
}

/* A reader (a second connection) sees what the store commits, including
 * content in segments created after it opened, and needs no lock of its
 * own on the folder. */
static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = claim_all (f);
  g_autoptr(GPtrArray) first = big_documents ("r0-", 3, 2000);
  g_autoptr(GPtrArray) second = big_documents ("r1-", 2, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) reader = moi_store_new_reader (f->store, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(JsonObject) counts = NULL;
  MoiStore *writer = f->store;
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_true (reader != f->store);

  g_assert_true (moi_store_finish_file (writer, ids->pdata[0], MOI_JOB_STATUS_COMPLETED, NULL,
                                        first, MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_true (moi_store_finish_file (writer, ids->pdata[1], MOI_JOB_STATUS_COMPLETED, NULL,
                                        second, MOI_STORE_POLICY_FAIL, "writer", &error));
  g_assert_no_error (error);

  f->store = reader;
  assert_documents (f, ids->pdata[0], first);
  assert_documents (f, ids->pdata[1], second);
  f->store = writer;

  job = moi_store_get_job (reader, f->job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (job, "status"), ==, MOI_JOB_STATUS_PROCESSING);
  rows = moi_store_list_job_files (reader, f->job_id, NULL, 0, 100, &total, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, f->n_files);
  g_assert_cmpint (json_object_get_int_member (counts, "completed"), ==, 2);
}

/* A store in memory has no second connection: its reader is itself. */
static void
test_reader_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = moi_store_new (":memory:", &error);
  g_autoptr(MoiStore) reader = NULL;

  g_assert_no_error (error);
  reader = moi_store_new_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (reader == store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/group-commit/policies", Fixture, NULL, fixture_set_up,
              test_batch_policies, fixture_tear_down);
  g_test_add ("/store/group-commit/finish-waits", Fixture, NULL, fixture_set_up,
              test_finish_waits, fixture_tear_down);
  g_test_add ("/store/group-commit/refused-result-fails-file", Fixture, NULL, fixture_set_up,
              test_refused_result_fails_file, fixture_tear_down);
  g_test_add ("/store/group-commit/claims-survive-rollback", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_claims_survive_rollback, fixture_tear_down);
  g_test_add ("/store/claims/many", Fixture, GUINT_TO_POINTER (2600), fixture_set_up,
              test_claims_many, fixture_tear_down);
  g_test_add ("/store/claims/stop-while-claimed", Fixture, NULL, fixture_set_up,
              test_stop_while_claimed, fixture_tear_down);
  g_test_add ("/store/group-commit/disk-full", Fixture, NULL, fixture_set_up,
              test_disk_full, fixture_tear_down);
  g_test_add ("/store/group-commit/deleted-result-dropped", Fixture, NULL, fixture_set_up,
              test_deleted_result_dropped, fixture_tear_down);
  g_test_add ("/store/group-commit/close-commits-queue", Fixture, NULL, fixture_set_up,
              test_close_commits_queue, fixture_tear_down);
  g_test_add ("/store/content/segments", Fixture, NULL, fixture_set_up,
              test_content_segments, fixture_tear_down);
  g_test_add ("/store/content/compaction", Fixture, NULL, fixture_set_up,
              test_content_compaction, fixture_tear_down);
  g_test_add ("/store/content/reused-documents", Fixture, NULL, fixture_set_up,
              test_content_reused_documents, fixture_tear_down);
  g_test_add ("/store/content/dead-in-new-segment", Fixture, NULL, fixture_set_up,
              test_content_dead_in_new_segment, fixture_tear_down);
  g_test_add ("/store/content/unused", Fixture, NULL, fixture_set_up,
              test_content_unused, fixture_tear_down);
  g_test_add ("/store/migration/v5", Fixture, NULL, fixture_set_up,
              test_migration_v5, fixture_tear_down);
  g_test_add ("/store/content/inline", Fixture, NULL, fixture_set_up,
              test_content_inline, fixture_tear_down);
  g_test_add ("/store/content/damaged", Fixture, NULL, fixture_set_up,
              test_content_damaged, fixture_tear_down);
  g_test_add ("/store/content/empty", Fixture, NULL, fixture_set_up,
              test_content_empty, fixture_tear_down);
  g_test_add ("/store/content/one-store", Fixture, NULL, fixture_set_up,
              test_content_one_store, fixture_tear_down);
  g_test_add ("/store/reader/sees-commits", Fixture, NULL, fixture_set_up,
              test_reader, fixture_tear_down);
  g_test_add_func ("/store/reader/memory", test_reader_memory);
  return g_test_run ();
}
