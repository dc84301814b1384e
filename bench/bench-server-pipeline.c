/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-server-pipeline [CACHE_DIR] [--threads N] [--files N] [--keep]
 *
 * The bench/server figure: the word-default workflow
 * (tests/fixtures/haystack-reference/word-default.json: TextFileToDocument →
 * DocumentCleaner → DocumentSplitter (word, 200, overlap 20) →
 * DocumentWriter) over the 2,000-file reference corpus, the way the service
 * runs a job: the files are a job in a MoiStore (SQLite, WAL), N worker
 * threads claim them one by one, run them through one shared MoiPipeline
 * with moi_pipeline_run_file() and hand each file's documents to the
 * store's group commit through the job runner's own sink (MoiStoreFileRun);
 * the clock stops when the last file is committed.
 *
 * CACHE_DIR (default $XDG_CACHE_HOME/moi-studio-bench) keeps the corpus,
 * made once with make_corpus.py; each run writes a fresh database in a
 * temporary folder inside it (kept with --keep).
 *
 * Prints files, MB, wall and CPU seconds, files/s, MB/s (wall and per CPU
 * second), peak RSS, documents written, and checks what the store holds
 * for the first 200 files against Haystack's own output
 * (expected-200.jsonl.gz). Haystack 2.x: about 8 MB/s, 600 MiB peak. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "bench-corpus.h"
#include "bench-rusage.h"
#include "moi-enums.h"
#include "moi-json-writer.h"
#include "moi-pipeline.h"
#include "moi-store.h"
#include "moi-store-sink.h"
#include "moi-workflow.h"

#define CHECKED_FILES   200

typedef struct
{
  MoiStore     *store;
  MoiPipeline  *pipeline;
  GMutex        lock;
  GHashTable   *file_ids;   /* file_path -> job_files id */
  guint         done;       /* atomic */
  guint         failed;     /* atomic */
  guint         documents;  /* atomic */
  /* µs spent in the store's calls, summed over threads (atomic) */
  gssize        claim_us;
  gssize        commit_us;
} Bench;

static void
add_elapsed (gssize *total,
             gint64  since)
{
  g_atomic_pointer_add (total, g_get_monotonic_time () - since);
}

static void
process_file (Bench      *bench,
              JsonObject *file)
{
  const char *file_id = json_object_get_string_member (file, "id");
  const char *relative = json_object_get_string_member (file, "file_path");
  g_autofree char *path = g_build_filename (json_object_get_string_member (file, "volume_path"),
                                            relative, NULL);
  g_autoptr(MoiStoreFileRun) run =
    moi_store_file_run_new (bench->store, file_id,
                            json_object_get_string_member (file, "target_volume_id"));
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(GError) error = NULL;
  int status = MOI_JOB_STATUS_COMPLETED;
  guint n_documents;
  gint64 since;

  /* As the job runner: the file's meta names its source volume. */
  json_object_set_string_member (meta, "source_volume_id",
                                 json_object_get_string_member (file, "source_volume_id"));
  if (!moi_pipeline_run_file (bench->pipeline, path, meta, moi_store_file_run_get_sink (run),
                              NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", relative, error->message);
      g_atomic_int_inc (&bench->failed);
      status = MOI_JOB_STATUS_FAILED;
    }

  since = g_get_monotonic_time ();
  n_documents = moi_store_file_run_get_n_documents (run);
  moi_store_file_run_submit (run, status, error != NULL ? error->message : NULL);
  add_elapsed (&bench->commit_us, since);

  g_atomic_int_add (&bench->documents, status == MOI_JOB_STATUS_COMPLETED ? n_documents : 0);
  g_atomic_int_inc (&bench->done);
  g_mutex_lock (&bench->lock);
  g_hash_table_insert (bench->file_ids, g_strdup (relative), g_strdup (file_id));
  g_mutex_unlock (&bench->lock);
}

static gpointer
worker (gpointer data)
{
  Bench *bench = data;

  for (;;)
    {
      gint64 since = g_get_monotonic_time ();
      g_autoptr(JsonObject) file = NULL;

      file = moi_store_claim_next_file (bench->store);
      add_elapsed (&bench->claim_us, since);
      if (file == NULL)
        return NULL;
      process_file (bench, file);
    }
}

static MoiStore *
make_job (const char  *run_dir,
          const char  *corpus,
          const char  *workflow_text,
          guint        n_files,
          Bench       *bench)
{
  g_autofree char *db = g_build_filename (run_dir, "moi.db", NULL);
  g_autofree char *target_dir = g_build_filename (run_dir, "target", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(JsonObject) workflow = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ids = NULL;
  g_autofree char *job_id = NULL;

  g_mkdir_with_parents (target_dir, 0700);
  if ((store = moi_store_new (db, &error)) == NULL
      || (source = moi_store_create_volume (store, "corpus", corpus, &error)) == NULL
      || (target = moi_store_create_volume (store, "chunks", target_dir, &error)) == NULL)
    g_error ("%s", error->message);

  ids = g_strdup_printf ("[\"%s\"]", json_object_get_string_member (source, "id"));
  json_object_set_string_member (row, "name", "bench word-default");
  json_object_set_string_member (row, "source_volume_ids", ids);
  json_object_set_string_member (row, "source_volume_names", "[\"corpus\"]");
  json_object_set_string_member (row, "file_types", "[1]");
  json_object_set_int_member (row, "flow_interval", 0);
  json_object_set_int_member (row, "flow_offset", 0);
  json_object_set_int_member (row, "priority", 0);
  json_object_set_string_member (row, "target_volume_id",
                                 json_object_get_string_member (target, "id"));
  json_object_set_string_member (row, "target_volume_name", "chunks");
  json_object_set_int_member (row, "status", MOI_WORKFLOW_STATUS_RUNNING);
  json_object_set_string_member (row, "version", "1");
  if ((workflow = moi_store_create_workflow (store, row, "main", workflow_text, &error)) == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < n_files; i++)
    {
      MoiStoreNewFile *file = g_new0 (MoiStoreNewFile, 1);
      char *name = g_strdup_printf ("doc-%05u.txt", i);
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        g_error ("%s is missing", path);
      file->source_volume_id = json_object_get_string_member (source, "id");
      file->file_path = name;
      file->file_type = MOI_FILE_TYPE_TXT;
      file->file_size = st.st_size;
      g_ptr_array_add (names, name);
      g_ptr_array_add (files, file);
    }
  job_id = moi_store_create_job (store, json_object_get_string_member (workflow, "id"),
                                 "bench", files, &error);
  if (job_id == NULL)
    g_error ("%s", error->message);

  bench->store = store;
  return g_steal_pointer (&store);
}

/* expected-200.jsonl.gz's word-default lines, in file then chunk order. */
static GPtrArray *
load_expected (void)
{
  g_autofree char *path = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                            "haystack-reference", "expected-200.jsonl.gz",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, &error);
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *expected = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  char *line;

  if (raw == NULL)
    g_error ("%s", error->message);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  lines = g_data_input_stream_new (plain);
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      JsonObject *object;

      if (!json_parser_load_from_data (parser, line, -1, &error))
        g_error ("%s", error->message);
      g_free (line);
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_str_equal (json_object_get_string_member (object, "config"), "word-default"))
        g_ptr_array_add (expected, json_object_ref (object));
    }
  if (error != NULL)
    g_error ("%s", error->message);
  return expected;
}

/* Describes the first difference between the stored chunk @row (of the
 * file's @rows) and Haystack's @want, or returns NULL. */
static char *
compare_chunk (GPtrArray  *rows,
               JsonObject *row,
               JsonObject *want)
{
  static const char * const ints[] = { "split_id", "page_number", "split_idx_start" };
  g_autoptr(JsonNode) meta_node = json_from_string (json_object_get_string_member (row, "meta"),
                                                    NULL);
  JsonObject *meta = meta_node != NULL ? json_node_get_object (meta_node) : NULL;
  JsonArray *want_overlap = json_object_get_array_member (want, "split_overlap");
  JsonArray *overlap;

  if (meta == NULL)
    return g_strdup ("stored meta is not a JSON object");
  if (g_strcmp0 (json_object_get_string_member (row, "content"),
                 json_object_get_string_member (want, "content")) != 0)
    return g_strdup ("content differs");
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    if (json_object_get_int_member_with_default (meta, ints[i], -1)
        != json_object_get_int_member (want, ints[i]))
      return g_strdup_printf ("%s differs", ints[i]);
  if (g_strcmp0 (json_object_get_string_member_with_default (meta, "file_path", NULL),
                 json_object_get_string_member (want, "file")) != 0)
    return g_strdup ("file_path differs");

  overlap = json_object_get_array_member (meta, "_split_overlap");
  if ((overlap != NULL ? json_array_get_length (overlap) : 0)
      != json_array_get_length (want_overlap))
    return g_strdup ("number of overlaps differs");
  for (guint i = 0; overlap != NULL && i < json_array_get_length (overlap); i++)
    {
      JsonObject *got = json_array_get_object_element (overlap, i);
      JsonObject *expected = json_array_get_object_element (want_overlap, i);
      JsonArray *got_range = json_object_get_array_member (got, "range");
      JsonArray *want_range = json_object_get_array_member (expected, "range");
      const char *doc_id = json_object_get_string_member (got, "doc_id");
      gint64 split_id = -1;

      /* Overlaps name the other chunk by id: the stored chunk with that id
       * must be the split Haystack names. */
      for (guint j = 0; j < rows->len && split_id < 0; j++)
        if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (rows, j), "id"),
                       doc_id) == 0)
          split_id = json_object_get_int_member (g_ptr_array_index (rows, j), "position");
      if (split_id != json_object_get_int_member (expected, "split_id")
          || json_array_get_int_element (got_range, 0)
             != json_array_get_int_element (want_range, 0)
          || json_array_get_int_element (got_range, 1)
             != json_array_get_int_element (want_range, 1))
        return g_strdup_printf ("overlap %u differs", i);
    }
  return NULL;
}

/* Returns the number of mismatching files among the first CHECKED_FILES. */
static guint
check_against_haystack (Bench *bench,
                        guint  n_files,
                        guint *n_chunks)
{
  g_autoptr(GPtrArray) expected = load_expected ();
  guint line = 0, mismatches = 0;

  *n_chunks = 0;
  for (guint f = 0; f < MIN (n_files, CHECKED_FILES); f++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%05u.txt", f);
      const char *file_id = g_hash_table_lookup (bench->file_ids, name);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *diff = NULL;
      guint first = line;
      gint64 total = 0;

      while (line < expected->len
             && g_str_equal (json_object_get_string_member (g_ptr_array_index (expected, line),
                                                            "file"), name))
        line++;
      if (file_id != NULL)
        rows = moi_store_list_file_documents (bench->store, "any", file_id, 0, G_MAXINT,
                                              &total, &error);
      if (rows == NULL)
        diff = g_strdup_printf ("not in the store (%s)", error != NULL ? error->message : "?");
      else if (rows->len != line - first)
        diff = g_strdup_printf ("%u chunks instead of Haystack's %u", rows->len, line - first);
      for (guint c = 0; diff == NULL && c < rows->len; c++)
        diff = compare_chunk (rows, g_ptr_array_index (rows, c),
                              g_ptr_array_index (expected, first + c));
      if (diff != NULL && mismatches++ < 5)
        printf ("  MISMATCH %s: %s\n", name, diff);
      *n_chunks += rows != NULL ? rows->len : 0;
    }
  return mismatches;
}

static gint64
tree_size (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gint64 total = 0;
  GStatBuf st;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_stat (child, &st) == 0)
        total += st.st_size;
    }
  return total;
}

/* The database as written: documents and their bytes, read back with SQL;
 * the size counts the WAL and the content segments. */
static void
count_stored (const char *run_dir,
              gint64     *documents,
              gint64     *content_bytes,
              gint64     *db_bytes)
{
  g_autofree char *path = g_build_filename (run_dir, "moi.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *content = g_strconcat (path, "-content", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  *documents = *content_bytes = *db_bytes = 0;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "SELECT count(*), coalesce (sum (coalesce (content_length, "
                             "length (CAST (content AS BLOB)))), 0) FROM documents", -1, &stmt,
                             NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *documents = sqlite3_column_int64 (stmt, 0);
      *content_bytes = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (g_stat (path, &st) == 0)
    *db_bytes += st.st_size;
  if (g_stat (wal, &st) == 0)
    *db_bytes += st.st_size;
  *db_bytes += tree_size (content);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  int n_threads = (int) g_get_num_processors ();
  int n_files = BENCH_CORPUS_FILES;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, "Worker threads (default: cores)", "N" },
    { "files", 'n', 0, G_OPTION_ARG_INT, &n_files, "Run the first N files (default 2000)", "N" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the database", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[CACHE_DIR]");
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *run_dir = NULL;
  g_autofree char *template = NULL;
  g_autofree char *workflow_path = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                                     "haystack-reference", "word-default.json",
                                                     NULL);
  g_autofree char *workflow_text = NULL;
  g_autofree char *loadavg = NULL;
  g_autofree char *loadavg_before = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autoptr(MoiStore) store = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Bench bench = { 0 };
  guint64 bytes = 0;
  gint64 start, workers_done, stored_docs, stored_bytes, db_bytes;
  double wall, cpu_start, cpu, rss;
  guint mismatches, checked_chunks;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  n_threads = CLAMP (n_threads, 1, 64);
  n_files = CLAMP (n_files, 1, BENCH_CORPUS_FILES);

  cache = argc > 1 ? g_strdup (argv[1])
                   : g_build_filename (g_get_user_cache_dir (), "moi-studio-bench", NULL);
  corpus = bench_corpus (cache);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%05d.txt", i);
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        bytes += st.st_size;
      g_ptr_array_add (paths, g_steal_pointer (&name));
    }

  template = g_build_filename (cache, "run-XXXXXX", NULL);
  if ((run_dir = g_mkdtemp (g_strdup (template))) == NULL)
    g_error ("cannot create a folder in %s", cache);
  if (!g_file_get_contents (workflow_path, &workflow_text, NULL, &error)
      || (workflow = moi_workflow_new_from_data (workflow_text, -1, &error)) == NULL
      || (pipeline = moi_pipeline_new (workflow, &error)) == NULL)
    g_error ("%s", error->message);

  g_mutex_init (&bench.lock);
  bench.pipeline = pipeline;
  bench.file_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store = make_job (run_dir, corpus, workflow_text, (guint) n_files, &bench);

  /* Read the corpus once so the timed run does not wait for the disk. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%05d.txt", i);
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *data = NULL;

      g_file_get_contents (path, &data, NULL, NULL);
    }

  g_file_get_contents ("/proc/loadavg", &loadavg_before, NULL, NULL);
  start = g_get_monotonic_time ();
  cpu_start = bench_cpu_seconds ();
  for (int t = 0; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("bench-worker", worker, &bench));
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  workers_done = g_get_monotonic_time ();
  /* Timed until the last file's documents are committed. */
  moi_store_flush (store);
  wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = bench_cpu_seconds () - cpu_start;
  rss = bench_peak_rss_mib ();

  count_stored (run_dir, &stored_docs, &stored_bytes, &db_bytes);
  mismatches = check_against_haystack (&bench, (guint) n_files, &checked_chunks);
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);

  printf ("bench-server-pipeline: word-default (TextFileToDocument → DocumentCleaner → "
          "DocumentSplitter word/200/20 → DocumentWriter → MoiStore/SQLite)\n");
  printf ("  %d threads on %u cores; /proc/loadavg before: %s", n_threads,
          g_get_num_processors (), loadavg_before != NULL ? loadavg_before : "?\n");
  printf ("  /proc/loadavg after: %s", loadavg != NULL ? loadavg : "?\n");
  printf ("  files         %u (%u failed)\n", bench.done, bench.failed);
  printf ("  MB            %.1f\n", bytes / 1e6);
  printf ("  seconds       %.3f wall, %.3f CPU\n", wall, cpu);
  printf ("  files/s       %.0f wall\n", bench.done / wall);
  printf ("  MB/s          %.1f wall, %.1f per CPU second\n", bytes / 1e6 / wall,
          bytes / 1e6 / cpu);
  printf ("  in the store  %.2f s getting files, %.2f s handing results to "
          "the group commit (wall, summed over threads)\n", bench.claim_us / 1e6, bench.commit_us / 1e6);
  printf ("  last commit   %.3f s after the workers ran the last file\n",
          (start + wall * G_USEC_PER_SEC - workers_done) / (double) G_USEC_PER_SEC);
  printf ("  peak RSS      %.1f MiB\n", rss);
  printf ("  documents     %u written, %" G_GINT64_FORMAT " in the store "
          "(%.1f MB of content, database %.1f MB)\n", bench.documents, stored_docs,
          stored_bytes / 1e6, db_bytes / 1e6);
  printf ("  vs Haystack   first %u files: %u chunks from the store compared, %s\n",
          MIN ((guint) n_files, CHECKED_FILES), checked_chunks,
          mismatches == 0 ? "all identical" : "MISMATCHES");

  g_clear_object (&store);
  bench.store = NULL;
  if (!keep)
    remove_tree (run_dir);
  else
    printf ("  database kept in %s\n", run_dir);
  g_hash_table_unref (bench.file_ids);
  g_mutex_clear (&bench.lock);
  return mismatches == 0 && bench.failed == 0 && stored_docs == bench.documents ? 0 : 1;
}
