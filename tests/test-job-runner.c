/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "moi-service-harness.h"
#include "moi-test-db.h"
#include "moi-store.h"

#define API "/byoa/api/v1"

typedef MoiServiceHarness Harness;

#define object_of moi_service_harness_object

static char *
create_workflow (Harness    *h,
                 const char *name,
                 const char *volume_id,
                 const char *target,
                 int         priority,
                 int         interval,
                 const char *policy)
{
  g_autofree char *workflow = moi_service_harness_text_workflow (policy);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"source_volume_ids\": [\"%s\"], "
                                           "\"file_types\": [1], \"priority\": %d, "
                                           "\"process_mode\": {\"interval\": %d, \"offset\": 0},"
                                           " \"create_target_volume_name\": \"%s\", "
                                           "\"workflow\": %s}", name, volume_id, priority,
                                           interval, target, workflow);
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);

  return g_strdup (json_object_get_string_member (object_of (data), "id"));
}

static JsonNode *
job_files (Harness    *h,
           const char *job_id)
{
  g_autofree char *path = g_strdup_printf (API "/workflow_job/%s/files?page_size=1000", job_id);

  return moi_service_harness_ok (h, "GET", path, NULL);
}

/* Number of documents stored for each file of the job, checked against
 * @expected (-1: don't check); returns the sum. */
static gint64
count_documents (Harness    *h,
                 const char *job_id,
                 gint64      expected)
{
  g_autoptr(JsonNode) files = job_files (h, job_id);
  JsonArray *list = json_object_get_array_member (object_of (files), "files");
  gint64 sum = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *f = json_array_get_object_element (list, i);
      g_autofree char *path = g_strdup_printf (API "/explore/volumes/any/files/%s/blocks",
                                               json_object_get_string_member (f, "id"));
      g_autoptr(JsonNode) blocks = moi_service_harness_ok (h, "GET", path, NULL);
      gint64 n = json_object_get_int_member (object_of (blocks), "total");

      if (expected >= 0)
        g_assert_cmpint (n, ==, expected);
      sum += n;
    }
  return sum;
}

/* With one worker, a high-priority job overtakes a low one queued first. */
static void
test_priority (void)
{
  Harness *h;
  g_autofree char *low_dir = NULL, *high_dir = NULL, *low_vid = NULL, *high_vid = NULL;
  g_autofree char *low = NULL, *high = NULL, *low_job = NULL, *high_job = NULL;
  g_autoptr(JsonObject) high_status = NULL;
  g_autoptr(JsonObject) low_status = NULL;
  g_autoptr(JsonNode) low_files = NULL;

  g_setenv ("MOI_SERVER_FILE_DELAY_MS", "40", TRUE);
  h = moi_service_harness_new (1);
  g_unsetenv ("MOI_SERVER_FILE_DELAY_MS");
  low_dir = moi_service_harness_make_folder (h, "low", "1.txt", "l1", "2.txt", "l2", "3.txt", "l3",
                                             "4.txt", "l4", "5.txt", "l5", "6.txt", "l6",
                                             "7.txt", "l7", "8.txt", "l8", "9.txt", "l9",
                                             "10.txt", "l10", "11.txt", "l11", "12.txt", "l12",
                                             NULL);
  high_dir = moi_service_harness_make_folder (h, "high", "a.txt", "h1", "b.txt", "h2", NULL);
  low_vid = moi_service_harness_add_volume (h, "low", low_dir);
  high_vid = moi_service_harness_add_volume (h, "high", high_dir);
  low = create_workflow (h, "low", low_vid, "low-out", 100, 0, "NONE");
  high = create_workflow (h, "high", high_vid, "high-out", 500, 0, "NONE");
  low_job = moi_service_harness_latest_job (h, low);
  high_job = moi_service_harness_latest_job (h, high);

  high_status = moi_service_harness_wait_job (h, high_job, 20000);
  g_assert_cmpint (json_object_get_int_member (high_status, "status"), ==, 2);
  low_files = job_files (h, low_job);
  g_assert_cmpint (json_object_get_int_member (object_of (low_files), "pending"), >, 0);

  low_status = moi_service_harness_wait_job (h, low_job, 30000);
  g_assert_cmpint (json_object_get_int_member (low_status, "status"), ==, 2);
  g_assert_cmpint (count_documents (h, low_job, 1), ==, 12);
  moi_service_harness_free (h);
}

/* DocumentWriter policies against documents another workflow wrote to the
 * same target volume. */
static void
test_writer_policies (void)
{
  Harness *h = moi_service_harness_new (2);
  g_autofree char *dir = moi_service_harness_make_folder (h, "in", "a.txt", "same a",
                                                          "b.txt", "same b", NULL);
  g_autofree char *vid = moi_service_harness_add_volume (h, "in", dir);
  g_autofree char *first = create_workflow (h, "first", vid, "shared", 300, 0, "NONE");
  g_autofree char *first_job = moi_service_harness_latest_job (h, first);
  g_autoptr(JsonObject) s1 = moi_service_harness_wait_job (h, first_job, 20000);
  g_autofree char *fail = create_workflow (h, "fail", vid, "shared", 300, 0, "FAIL");
  g_autofree char *fail_job = moi_service_harness_latest_job (h, fail);
  g_autoptr(JsonObject) s2 = moi_service_harness_wait_job (h, fail_job, 20000);
  g_autofree char *skip = create_workflow (h, "skip", vid, "shared", 300, 0, "SKIP");
  g_autofree char *skip_job = moi_service_harness_latest_job (h, skip);
  g_autoptr(JsonObject) s3 = moi_service_harness_wait_job (h, skip_job, 20000);
  g_autoptr(JsonNode) failed = job_files (h, fail_job);
  JsonObject *failed_file = moi_service_harness_element (failed, "files", 0);
  g_autofree char *over = NULL;
  g_autofree char *over_job = NULL;
  g_autoptr(JsonObject) s4 = NULL;

  g_assert_cmpint (json_object_get_int_member (s1, "status"), ==, 2);
  g_assert_cmpint (count_documents (h, first_job, 1), ==, 2);
  /* FAIL: every file fails, naming the writer, and writes nothing. */
  g_assert_cmpint (json_object_get_int_member (s2, "status"), ==, 1);
  {
    /* The message is stored as the pipeline gave it: the component named
     * once, the duplicate's id and the volume. */
    g_autoptr(JsonNode) first_files = job_files (h, first_job);
    JsonObject *first_file = moi_service_harness_element (first_files, "files", 0);
    g_autofree char *blocks_path =
      g_strdup_printf (API "/explore/volumes/any/files/%s/blocks",
                       json_object_get_string_member (first_file, "id"));
    g_autoptr(JsonNode) blocks = moi_service_harness_ok (h, "GET", blocks_path, NULL);
    JsonObject *block = moi_service_harness_element (blocks, "list", 0);
    g_autofree char *detail_path = g_strdup_printf (API "/workflow_meta/%s", first);
    g_autoptr(JsonNode) detail = moi_service_harness_ok (h, "GET", detail_path, NULL);
    g_autofree char *expected =
      g_strdup_printf ("component “DocumentWriter”: document %s already exists in volume %s "
                       "(policy FAIL)", json_object_get_string_member (block, "id"),
                       json_object_get_string_member (object_of (detail), "target_volume_id"));

    g_assert_cmpstr (json_object_get_string_member (first_file, "file_name"), ==,
                     json_object_get_string_member (failed_file, "file_name"));
    g_assert_cmpstr (json_object_get_string_member (failed_file, "error_message"), ==, expected);
  }
  g_assert_cmpint (count_documents (h, fail_job, 0), ==, 0);
  /* SKIP: completes without writing the duplicates. */
  g_assert_cmpint (json_object_get_int_member (s3, "status"), ==, 2);
  g_assert_cmpint (count_documents (h, skip_job, 0), ==, 0);
  /* OVERWRITE: the documents move to the new files. */
  over = create_workflow (h, "over", vid, "shared", 300, 0, "OVERWRITE");
  over_job = moi_service_harness_latest_job (h, over);
  s4 = moi_service_harness_wait_job (h, over_job, 20000);
  g_assert_cmpint (json_object_get_int_member (s4, "status"), ==, 2);
  g_assert_cmpint (count_documents (h, over_job, 1), ==, 2);
  g_assert_cmpint (count_documents (h, first_job, 0), ==, 0);
  moi_service_harness_free (h);
}

static guint
count_jobs (Harness    *h,
            const char *workflow_id)
{
  g_autofree char *path = g_strdup_printf (API "/workflow_job?workflow_id=%s", workflow_id);
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "GET", path, NULL);

  return json_object_get_int_member (object_of (data), "total");
}

/* interval -1: the folder is watched; a new file makes a job for it. */
static void
test_watch_folder (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *dir = moi_service_harness_make_folder (h, "watched", "old.txt", "old", NULL);
  g_autofree char *vid = moi_service_harness_add_volume (h, "watched", dir);
  g_autofree char *id = create_workflow (h, "watcher", vid, "watch-out", 300, -1, "OVERWRITE");
  g_autofree char *first = moi_service_harness_latest_job (h, id);
  g_autoptr(JsonObject) s1 = moi_service_harness_wait_job (h, first, 20000);
  g_autofree char *new_file = g_build_filename (dir, "new.txt", NULL);
  g_autofree char *ignored = g_build_filename (dir, "new.pdf", NULL);
  g_autofree char *second = NULL;
  g_autoptr(JsonObject) s2 = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) detail = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_TIME_SPAN_SECOND;
  JsonArray *list;

  g_assert_cmpint (json_object_get_int_member (s1, "status"), ==, 2);
  g_assert_cmpuint (count_jobs (h, id), ==, 1);
  /* A watched workflow keeps running after its first job. */
  detail = moi_service_harness_ok (h, "GET", g_strdup_printf (API "/workflow_meta/%s", id), NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "status"), ==, 1);

  g_assert_true (g_file_set_contents (ignored, "%PDF", -1, NULL));
  g_assert_true (g_file_set_contents (new_file, "brand new", -1, NULL));
  while (count_jobs (h, id) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  second = moi_service_harness_latest_job (h, id);
  s2 = moi_service_harness_wait_job (h, second, 20000);
  g_assert_cmpint (json_object_get_int_member (s2, "status"), ==, 2);
  files = job_files (h, second);
  list = json_object_get_array_member (object_of (files), "files");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                  "file_name"), ==, "new.txt");

  /* Stopped: no more watching. */
  json_node_unref (moi_service_harness_put (h, API "/workflow_meta/%s/stop", id));
  g_assert_true (g_file_set_contents (new_file, "changed after stop", -1, NULL));
  g_usleep (1500 * 1000);
  g_assert_cmpuint (count_jobs (h, id), ==, 2);
  moi_service_harness_free (h);
}

/* interval > 0: a job every interval after the offset (minutes shortened
 * to 200 ms for the test). */
static void
test_periodic (void)
{
  Harness *h;
  g_autofree char *dir = NULL, *vid = NULL, *id = NULL;
  g_autoptr(JsonNode) list = NULL;
  gint64 started, deadline;
  guint n;

  g_setenv ("MOI_SERVER_MINUTE_MS", "200", TRUE);
  h = moi_service_harness_new (1);
  g_unsetenv ("MOI_SERVER_MINUTE_MS");
  dir = moi_service_harness_make_folder (h, "periodic", "p.txt", "periodic", NULL);
  vid = moi_service_harness_add_volume (h, "periodic", dir);
  started = g_get_monotonic_time ();
  {
    g_autofree char *workflow = moi_service_harness_text_workflow ("OVERWRITE");
    g_autofree char *body = g_strdup_printf ("{\"name\": \"every\", \"source_volume_ids\": "
                                             "[\"%s\"], \"file_types\": [1], \"process_mode\": "
                                             "{\"interval\": 2, \"offset\": 1}, "
                                             "\"create_target_volume_name\": \"p-out\", "
                                             "\"workflow\": %s}", vid, workflow);
    g_autoptr(JsonNode) data = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);

    id = g_strdup (json_object_get_string_member (object_of (data), "id"));
  }
  /* Nothing before the offset (200 ms)... */
  if (g_get_monotonic_time () - started < 150 * 1000)
    g_assert_cmpuint (count_jobs (h, id), ==, 0);
  /* ...then one job, and one more every 400 ms. */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while ((n = count_jobs (h, id)) < 3)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 200 * 1000 + 2 * 400 * 1000);
  list = moi_service_harness_ok (h, "GET", g_strdup_printf (API "/workflow_meta/%s", id), NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "status"), ==, 1);

  json_node_unref (moi_service_harness_put (h, API "/workflow_meta/%s/stop", id));
  n = count_jobs (h, id);
  g_usleep (1000 * 1000);
  g_assert_cmpuint (count_jobs (h, id), ==, n);
  moi_service_harness_free (h);
}

/* The real binary ------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  char        *url;
} Server;

static Server *
server_start (const char *dir,
              const char *delay_ms)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "server",
                                                   "moi-server", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *key_file = g_build_filename (dir, "key", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ready = NULL;
  g_autofree char *line = NULL;
  Server *server = g_new0 (Server, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (delay_ms != NULL)
    g_subprocess_launcher_setenv (launcher, "MOI_SERVER_FILE_DELAY_MS", delay_ms, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "MOI_SERVER_FILE_DELAY_MS");
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--port", "0",
                                                 "--data-dir", data_dir, "--key-file", key_file,
                                                 "--workers", "2", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  ready = json_from_string (line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (object_of (ready), "key_file"), ==, key_file);
  server->url = g_strdup (json_object_get_string_member (object_of (ready), "url"));
  g_assert_true (g_str_has_prefix (server->url, "http://127.0.0.1:"));
  return server;
}

static void
server_free (Server *server)
{
  g_clear_object (&server->process);
  g_free (server->url);
  g_free (server);
}

/* SIGTERM, as the app stops it: the service must exit cleanly. */
static void
server_stop (Server *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_check (server->process, NULL, &error);
  g_assert_no_error (error);
  server_free (server);
}


/* kill -9 the service mid-job, start it again on the same data: every file
 * is processed exactly once, no document is lost or duplicated. */
static void
test_crash_resume (void)
{
  const guint n_files = 40;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("moi-crash-XXXXXX", &error);
  g_autofree char *key_file = g_build_filename (dir, "key", NULL);
  g_autofree char *db_path = g_build_filename (dir, "data", "moi-server.db", NULL);
  g_autofree char *key = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *vid = NULL;
  g_autofree char *id = NULL;
  g_autofree char *job = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  Server *server;
  Harness *h;
  gint64 completed = 0;
  gint64 deadline;
  JsonArray *list;
  struct stat st;

  g_assert_no_error (error);
  server = server_start (dir, "50");
  g_assert_true (g_file_get_contents (key_file, &key, NULL, NULL));
  g_strstrip (key);
  /* The key file is made private on first start. */
  g_assert_cmpint (g_stat (key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (strlen (key), ==, 64);

  h = moi_service_harness_connect (server->url, key, dir);
  folder = moi_service_harness_make_folder (h, "in", NULL);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u.txt", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *content = g_strdup_printf ("content of file %u", i);

      g_assert_true (g_file_set_contents (path, content, -1, NULL));
    }
  vid = moi_service_harness_add_volume (h, "in", folder);
  id = create_workflow (h, "crashy", vid, "crash-out", 300, 0, "NONE");
  job = moi_service_harness_latest_job (h, id);

  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (completed < 6)
    {
      g_autoptr(JsonNode) data = job_files (h, job);

      completed = json_object_get_int_member (object_of (data), "completed");
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (server->process));
  moi_service_harness_free (h);
  server_free (server);

  /* Mid-job: some files done, some not. */
  completed = moi_test_db_count (db_path, "SELECT count(*) FROM job_files WHERE status = 2");
  g_assert_cmpint (completed, >=, 6);
  g_assert_cmpint (completed, <, n_files);
  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(*) FROM documents"), ==, completed);

  server = server_start (dir, NULL);
  h = moi_service_harness_connect (server->url, key, dir);
  status = moi_service_harness_wait_job (h, job, 30000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (status, "progress"), ==, 100);
  files = job_files (h, job);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "total"), ==, n_files);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "completed"), ==, n_files);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "failed"), ==, 0);

  /* Each file has exactly its own document. */
  list = json_object_get_array_member (object_of (files), "files");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *f = json_array_get_object_element (list, i);
      g_autofree char *path = g_strdup_printf (API "/explore/volumes/any/files/%s/blocks",
                                               json_object_get_string_member (f, "id"));
      g_autoptr(JsonNode) blocks = moi_service_harness_ok (h, "GET", path, NULL);
      JsonArray *docs = json_object_get_array_member (object_of (blocks), "list");
      const char *name = json_object_get_string_member (f, "file_name");
      g_autofree char *expected = g_strdup_printf ("content of file %d", atoi (name + 1));

      g_assert_cmpuint (json_array_get_length (docs), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0),
                                                      "content"), ==, expected);
    }
  moi_service_harness_free (h);

  /* A clean stop (SIGTERM) exits 0. */
  server_stop (server);

  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(*) FROM job_files"), ==, n_files);
  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(DISTINCT file_path) FROM job_files"), ==,
                   n_files);
  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(*) FROM documents"), ==, n_files);
  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(DISTINCT rowid >> 24) FROM documents"), ==,
                   n_files);
  g_assert_cmpint (moi_test_db_count (db_path, "SELECT count(*) FROM jobs"), ==, 1);
  g_assert_cmpint (moi_test_db_count (db_path, "PRAGMA user_version"), ==, MOI_STORE_SCHEMA_VERSION);
  moi_service_harness_remove_tree (dir);
}

/* A watched folder that changed while the service was down: the next start
 * runs the new file, and only it. */
static void
test_watch_catch_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("moi-watch-XXXXXX", &error);
  g_autofree char *key_file = g_build_filename (dir, "key", NULL);
  g_autofree char *key = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *vid = NULL;
  g_autofree char *id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *late = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  Server *server;
  Harness *h;
  gint64 deadline;

  g_assert_no_error (error);
  server = server_start (dir, NULL);
  g_assert_true (g_file_get_contents (key_file, &key, NULL, NULL));
  g_strstrip (key);
  h = moi_service_harness_connect (server->url, key, dir);
  folder = moi_service_harness_make_folder (h, "watched", "early.txt", "early", NULL);
  vid = moi_service_harness_add_volume (h, "watched", folder);
  id = create_workflow (h, "catch-up", vid, "catch-out", 300, -1, "OVERWRITE");
  first = moi_service_harness_latest_job (h, id);
  status = moi_service_harness_wait_job (h, first, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  moi_service_harness_free (h);
  server_stop (server);

  late = g_build_filename (folder, "late.txt", NULL);
  g_assert_true (g_file_set_contents (late, "arrived while down", -1, NULL));

  server = server_start (dir, NULL);
  h = moi_service_harness_connect (server->url, key, dir);
  deadline = g_get_monotonic_time () + 15 * G_TIME_SPAN_SECOND;
  while (count_jobs (h, id) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  second = moi_service_harness_latest_job (h, id);
  g_clear_pointer (&status, json_object_unref);
  status = moi_service_harness_wait_job (h, second, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  files = job_files (h, second);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "total"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (moi_service_harness_element (files, "files", 0),
                                                  "file_name"), ==, "late.txt");
  moi_service_harness_free (h);
  server_stop (server);
  moi_service_harness_remove_tree (dir);
}

/* One service per data folder: a second start on it exits with status 3,
 * saying on its first line (JSON) where the running one listens, so the
 * app can use it instead. The running one's record goes when it stops;
 * one left by a killed service is replaced by the next. */
static void
test_second_server_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("moi-busy-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *key_file = g_build_filename (dir, "key", NULL);
  g_autofree char *record = g_build_filename (data_dir, "moi-server.json", NULL);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "server",
                                                   "moi-server", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(JsonNode) line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first_line = NULL;
  Server *server;

  g_assert_no_error (error);
  server = server_start (dir, NULL);
  g_assert_true (g_file_test (record, G_FILE_TEST_EXISTS));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  second = g_subprocess_launcher_spawn (launcher, &error, binary, "--port", "0", "--data-dir",
                                        data_dir, "--key-file", key_file, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (second, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 3);
  first_line = g_strndup (out, strcspn (out, "\n"));
  line = json_from_string (first_line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (object_of (line), "error"), ==, "busy");
  g_assert_cmpstr (json_object_get_string_member (object_of (line), "url"), ==, server->url);
  g_assert_cmpstr (json_object_get_string_member (object_of (line), "key_file"), ==, key_file);
  g_assert_cmpint (json_object_get_int_member (object_of (line), "pid"), ==,
                   atoi (g_subprocess_get_identifier (server->process)));
  g_assert_nonnull (strstr (err, "is in use by another MOI service"));
  g_assert_nonnull (strstr (err, server->url));

  /* A record naming a process that is gone is not passed on. */
  {
    g_autofree char *ready = NULL;
    g_autoptr(GSubprocess) third = NULL;
    g_autofree char *out3 = NULL;

    g_assert_true (g_file_get_contents (record, &ready, NULL, NULL));
    g_assert_true (g_file_set_contents (record, "{\"url\":\"http://127.0.0.1:1\","
                                        "\"pid\":2147483646}", -1, NULL));
    third = g_subprocess_launcher_spawn (launcher, &error, binary, "--port", "0", "--data-dir",
                                         data_dir, "--key-file", key_file, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (third, NULL, NULL, &out3, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (third), ==, 3);
    g_assert_cmpstr (out3, ==, "{\"error\":\"busy\"}\n");
    g_assert_true (g_file_set_contents (record, ready, -1, NULL));
  }

  /* Stopped, it takes its record along. */
  server_stop (server);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));

  /* Killed, it leaves it; the next service writes its own. */
  server = server_start (dir, NULL);
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  server_free (server);
  g_assert_true (g_file_test (record, G_FILE_TEST_EXISTS));
  server = server_start (dir, NULL);
  {
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) recorded = NULL;

    g_assert_true (g_file_get_contents (record, &text, NULL, NULL));
    recorded = json_from_string (text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (object_of (recorded), "url"), ==,
                     server->url);
  }
  server_stop (server);
  moi_service_harness_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/job-runner/priority", test_priority);
  g_test_add_func ("/moi/job-runner/writer-policies", test_writer_policies);
  g_test_add_func ("/moi/job-runner/watch-folder", test_watch_folder);
  g_test_add_func ("/moi/job-runner/periodic", test_periodic);
  g_test_add_func ("/moi/job-runner/crash-resume", test_crash_resume);
  g_test_add_func ("/moi/job-runner/second-server-busy", test_second_server_busy);
  g_test_add_func ("/moi/job-runner/watch-catch-up", test_watch_catch_up);

  return g_test_run ();
}
