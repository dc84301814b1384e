/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moi-service-harness.h"

#define API "/byoa/api/v1"

typedef MoiServiceHarness Harness;

#define object_of moi_service_harness_object

static const char *
row_id (JsonNode   *data,
        const char *key)
{
  return json_object_get_string_member (object_of (data), key);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* Creates a workflow over @volume_id; returns its id. */
static char *
create_workflow (Harness    *h,
                 const char *name,
                 const char *source,
                 const char *extra_fields,
                 const char *workflow)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"source_volume_ids\": [\"%s\"], "
                                           "\"file_types\": [1], \"process_mode\": {\"interval\": "
                                           "0, \"offset\": 0}, \"create_target_volume_name\": "
                                           "\"%s-out\", %s \"workflow\": %s}", name, source, name,
                                           extra_fields ? extra_fields : "", workflow);
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);

  return g_strdup (json_object_get_string_member (object_of (data), "id"));
}

static void
test_volumes (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *folder = moi_service_harness_make_folder (h, "docs", "a.txt", "alpha",
                                                             "sub/b.txt", "beta", NULL);
  g_autofree char *id = moi_service_harness_add_volume (h, "docs", folder);
  g_autofree char *path = g_strdup_printf (API "/explore/volumes/%s", id);
  g_autoptr(JsonNode) one = moi_service_harness_ok (h, "GET", path, NULL);
  g_autoptr(JsonNode) by_name = moi_service_harness_get (h, API "/explore/volumes/docs");
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) gone = NULL;
  JsonArray *items;

  g_assert_cmpstr (json_object_get_string_member (object_of (one), "name"), ==, "docs");
  g_assert_cmpstr (json_object_get_string_member (object_of (one), "path"), ==, folder);
  g_assert_cmpint (json_object_get_int_member (object_of (one), "file_count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object_of (one), "created_at"), >, 1600000000000);
  g_assert_cmpstr (json_object_get_string_member (object_of (by_name), "id"), ==, id);
  /* MOI's volume ids are 19-digit numbers as strings. */
  g_assert_cmpuint (strlen (id), ==, 19);

  g_free (moi_service_harness_add_volume (h, "second", folder));
  list = moi_service_harness_ok (h, "GET", API "/explore/volumes", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 2);
  items = json_object_get_array_member (object_of (list), "list");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_ok (h, "GET", API "/explore/volumes?limit=1&offset=1", NULL);
  items = json_object_get_array_member (object_of (list), "list");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"),
                   ==, "second");

  gone = moi_service_harness_ok (h, "DELETE", path, NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (gone));
  moi_service_harness_error (h, "GET", path, NULL, 404, "ErrNotFound", id);
  moi_service_harness_free (h);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A volume created without a path is an empty folder of the service's own,
 * and serves as a workflow's target. */
static void
test_empty_volume (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *source = moi_service_harness_add_folder_volume (h, "src", "a.txt", "alpha",
                                                                   NULL);
  g_autofree char *volumes = g_build_filename (moi_service_harness_get_dir (h), "volumes", NULL);
  g_autoptr(JsonNode) created = moi_service_harness_ok (h, "POST", API "/explore/volumes",
                                                        "{\"name\": \"results\"}");
  g_autoptr(JsonNode) blank = moi_service_harness_ok (h, "POST", API "/explore/volumes",
                                                      "{\"name\": \"blank\", \"path\": \"\"}");
  const char *id = row_id (created, "id");
  const char *path = row_id (created, "path");
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  g_autofree char *target = g_strdup_printf ("\"target_volume_id\": \"%s\",", id);
  g_autofree char *wid = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *files_path = g_strdup_printf (API "/explore/volumes/%s/files", id);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) blocks = NULL;
  g_autoptr(JsonNode) detail = NULL;
  JsonObject *file;

  g_assert_cmpstr (parent, ==, volumes);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (path), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (created), "file_count"), ==, 0);
  g_assert_cmpstr (row_id (created, "name"), ==, "results");
  g_assert_cmpstr (row_id (blank, "path"), !=, path);
  g_assert_true (g_file_test (row_id (blank, "path"), G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (volumes), ==, 2);

  /* A taken name: 409, and no folder is left behind. */
  moi_service_harness_error (h, "POST", API "/explore/volumes", "{\"name\": \"results\"}", 409,
                             "ErrConflict", "results");
  g_assert_cmpuint (count_entries (volumes), ==, 2);

  /* As a target: the documents written for a.txt are read through it. */
  wid = create_workflow (h, "to-results", source, target, workflow);
  detail = moi_service_harness_get (h, API "/workflow_meta/%s", wid);
  g_assert_cmpstr (row_id (detail, "target_volume_id"), ==, id);
  job_id = moi_service_harness_latest_job (h, wid);
  status = moi_service_harness_wait_job (h, job_id, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  files = moi_service_harness_ok (h, "POST", files_path, "{}");
  g_assert_cmpint (json_object_get_int_member (object_of (files), "total"), ==, 1);
  file = moi_service_harness_element (files, "list", 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file_name"), ==, "a.txt");
  blocks = moi_service_harness_get (h, API "/explore/volumes/%s/files/%s/blocks", id,
                                    json_object_get_string_member (file, "id"));
  g_assert_cmpstr (json_object_get_string_member (moi_service_harness_element (blocks, "list", 0),
                                                  "content"), ==, "alpha");
  moi_service_harness_free (h);
}

static void
symlink_at (const char *target,
            const char *folder,
            const char *name)
{
  g_autofree char *link = g_build_filename (folder, name, NULL);

  g_assert_cmpint (symlink (target, link), ==, 0);
}

/* No request reads or lists a file outside a volume's folder: not through
 * "..", an absolute path, or a symlink inside the volume pointing out,
 * whether the path is given (files) or found (scan, file listing). */
static void
test_paths_stay_inside (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *outside = moi_service_harness_make_folder (h, "outside", "secret.txt",
                                                              "SECRET", NULL);
  g_autofree char *folder = moi_service_harness_make_folder (h, "vol", "a.txt", "alpha",
                                                             "sub/b.txt", "beta",
                                                             "c.txt", "gamma", NULL);
  g_autofree char *secret = g_build_filename (outside, "secret.txt", NULL);
  g_autofree char *c_path = g_build_filename (folder, "c.txt", NULL);
  g_autofree char *vid = NULL;
  g_autofree char *workflow = moi_service_harness_text_workflow ("OVERWRITE");
  g_autofree char *wid = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *vfiles_path = NULL;
  g_autoptr(JsonNode) volume = NULL;
  g_autoptr(JsonNode) jobs_before = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) vfiles = NULL;
  g_autofree char *given = NULL;
  JsonArray *list;
  const char *escapes[] = {
    "../outside/secret.txt", "sub/../../outside/secret.txt", secret, "escape.txt",
    "escape-dir/secret.txt", "sub", "missing.txt",
  };

  symlink_at (secret, folder, "escape.txt");
  symlink_at (outside, folder, "escape-dir");
  symlink_at ("../../outside/secret.txt", folder, "sub/relative-escape.txt");
  vid = moi_service_harness_add_volume (h, "vol", folder);
  volume = moi_service_harness_get (h, API "/explore/volumes/%s", vid);
  /* Symlinks are not the volume's files. */
  g_assert_cmpint (json_object_get_int_member (object_of (volume), "file_count"), ==, 3);

  /* Given paths that leave the folder (or name no file) are refused, and
   * nothing is created. */
  jobs_before = moi_service_harness_get (h, API "/workflow_meta");
  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *field = g_strdup_printf ("\"files\": [{\"file_path\": \"%s\"}],",
                                                escapes[i]);
      g_autofree char *body = g_strdup_printf ("{\"name\": \"escape\", \"source_volume_ids\": "
                                               "[\"%s\"], \"file_types\": [1], "
                                               "\"process_mode\": {\"interval\": 0}, "
                                               "\"create_target_volume_name\": \"escape-out\", "
                                               "%s \"workflow\": %s}", vid, field, workflow);
      g_autoptr(JsonNode) after = NULL;

      g_test_message ("file_path %s", escapes[i]);
      moi_service_harness_error (h, "POST", API "/workflow_meta", body, 400, "ErrBadRequest",
                                 "files[0].file_path");
      after = moi_service_harness_get (h, API "/workflow_meta");
      g_assert_cmpint (json_object_get_int_member (object_of (after), "total"), ==,
                       json_object_get_int_member (object_of (jobs_before), "total"));
    }

  /* A scan of the volume finds only its own three files. */
  wid = create_workflow (h, "scan", vid, NULL, workflow);
  job_id = moi_service_harness_latest_job (h, wid);
  status = moi_service_harness_wait_job (h, job_id, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  files = moi_service_harness_get (h, API "/workflow_job/%s/files?page_size=50", job_id);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "total"), ==, 3);
  list = json_object_get_array_member (object_of (files), "files");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *f = json_array_get_object_element (list, i);
      const char *name = json_object_get_string_member (f, "file_name");
      g_autoptr(JsonNode) blocks = NULL;

      g_assert_true (g_str_equal (name, "a.txt") || g_str_equal (name, "b.txt")
                     || g_str_equal (name, "c.txt"));
      blocks = moi_service_harness_get (h, API "/explore/volumes/any/files/%s/blocks",
                                        json_object_get_string_member (f, "id"));
      g_assert_cmpstr (json_object_get_string_member (moi_service_harness_element (blocks,
                                                                                   "list", 0),
                                                      "content"), !=, "SECRET");
    }
  vfiles_path = g_strdup_printf (API "/explore/volumes/%s/files", vid);
  vfiles = moi_service_harness_ok (h, "POST", vfiles_path, "{\"limit\": 50}");
  g_assert_cmpint (json_object_get_int_member (object_of (vfiles), "total"), ==, 3);

  /* Blocks are looked up by id: a path in its place finds nothing (libsoup
   * itself refuses some of these with a bare 400). */
  {
    const char *ids[] = { "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..", "secret.txt" };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autofree char *path = g_strdup_printf ("%s" API "/explore/volumes/%s/files/%s/blocks",
                                                 moi_service_harness_get_url (h), vid, ids[i]);
        g_autoptr(SoupSession) session = soup_session_new ();
        g_autoptr(SoupMessage) msg = soup_message_new ("GET", path);
        g_autoptr(GBytes) reply = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *text = NULL;

        soup_message_headers_replace (soup_message_get_request_headers (msg), "moi-key",
                                      moi_service_harness_get_key (h));
        reply = soup_session_send_and_read (session, msg, NULL, &error);
        g_assert_no_error (error);
        text = g_strndup (g_bytes_get_size (reply) ? g_bytes_get_data (reply, NULL) : "",
                          g_bytes_get_size (reply));
        g_test_message ("blocks of %s: %u %s", ids[i], soup_message_get_status (msg), text);
        g_assert_cmpuint (soup_message_get_status (msg), >=, 400);
        g_assert_null (strstr (text, "SECRET"));
        g_assert_null (strstr (text, "root:"));
      }
  }

  /* A file that became a symlink out of the volume since the workflow was
   * made is not found by a new scan, and fails where it was given by path;
   * nothing is read through it. */
  given = create_workflow (h, "given", vid, "\"files\": [{\"file_path\": \"c.txt\"}],",
                           workflow);
  g_clear_pointer (&job_id, g_free);
  job_id = moi_service_harness_latest_job (h, given);
  g_clear_pointer (&status, json_object_unref);
  status = moi_service_harness_wait_job (h, job_id, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  g_assert_cmpint (g_unlink (c_path), ==, 0);
  symlink_at (secret, folder, "c.txt");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) rerun = moi_service_harness_put (h, API "/workflow_meta/%s/rerun",
                                                           i == 0 ? wid : given);
      g_autoptr(JsonObject) rerun_status = moi_service_harness_wait_job (h, row_id (rerun,
                                                                                    "job_id"),
                                                                         20000);
      g_autoptr(JsonNode) rerun_files = moi_service_harness_get (h, API "/workflow_job/%s/files",
                                                                 row_id (rerun, "job_id"));
      JsonObject *counts = object_of (rerun_files);

      g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, i == 0 ? 2 : 1);
      g_assert_cmpint (json_object_get_int_member (counts, "failed"), ==, i == 0 ? 0 : 1);
      if (i == 1)
        {
          JsonObject *f = moi_service_harness_element (rerun_files, "files", 0);

          g_assert_nonnull (strstr (json_object_get_string_member (f, "error_message"),
                                    "outside"));
          g_assert_cmpint (json_object_get_int_member (rerun_status, "status"), ==, 1);
        }
    }
  moi_service_harness_free (h);
}

/* Create (by ids, target created from create_target_volume_name), the
 * job it starts, its files and the documents they produced. */
static void
test_create_and_run (void)
{
  Harness *h = moi_service_harness_new (2);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", "one.txt", "first file",
                                                                "two.txt", "second file",
                                                                "skip.csv", "a,b\n1,2\n", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"wf\", \"source_volume_ids\": [%s], "
                                           "\"file_types\": \"[1]\", \"process_mode\": "
                                           "{\"interval\": \"0\", \"offset\": 0}, "
                                           "\"target_volume_id\": \"\", "
                                           "\"create_target_volume_name\": \"out\", "
                                           "\"content\": {\"processScope\": \"byFileType\"}, "
                                           "\"workflow\": %s}", vid, workflow);
  g_autoptr(JsonNode) created = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);
  JsonObject *c = object_of (created);
  g_autofree char *job_id = NULL;
  g_autofree char *files_path = NULL;
  g_autofree char *detail_path = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(JsonNode) target = NULL;
  g_autoptr(JsonNode) ids = NULL;
  JsonArray *file_list;
  const char *target_id;

  /* The create response's shape: arrays as JSON text, ISO times. */
  g_assert_cmpstr (json_object_get_string_member (c, "file_types"), ==, "[1]");
  g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, "wf");
  g_assert_cmpint (json_object_get_int_member (c, "flow_interval"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (c, "priority"), ==, 300);
  g_assert_cmpstr (json_object_get_string_member (c, "target_volume_name"), ==, "out");
  g_assert_nonnull (strchr (json_object_get_string_member (c, "created_at"), 'T'));
  ids = parse (json_object_get_string_member (c, "source_volume_ids"));
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (ids), 0), ==, vid);
  target_id = json_object_get_string_member (c, "target_volume_id");
  {
    g_autofree char *tpath = g_strdup_printf (API "/explore/volumes/%s", target_id);
    target = moi_service_harness_ok (h, "GET", tpath, NULL);
    g_assert_cmpstr (json_object_get_string_member (object_of (target), "name"), ==, "out");
    g_assert_true (g_file_test (json_object_get_string_member (object_of (target), "path"),
                                G_FILE_TEST_IS_DIR));
  }

  job_id = moi_service_harness_latest_job (h, json_object_get_string_member (c, "id"));
  status = moi_service_harness_wait_job (h, job_id, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (status, "progress"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (status, "end_time"), >=,
                   json_object_get_int_member (status, "start_time"));

  files_path = g_strdup_printf (API "/workflow_job/%s/files?page_size=10", job_id);
  files = moi_service_harness_ok (h, "GET", files_path, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "completed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "failed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "file_total"), ==, 2);
  file_list = json_object_get_array_member (object_of (files), "files");
  g_assert_cmpuint (json_array_get_length (file_list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *f = json_array_get_object_element (file_list, i);
      const char *name = json_object_get_string_member (f, "file_name");
      g_autofree char *blocks_path = g_strdup_printf (API "/explore/volumes/%s/files/%s/blocks",
                                                      target_id,
                                                      json_object_get_string_member (f, "id"));
      g_autoptr(JsonNode) blocks = moi_service_harness_ok (h, "GET", blocks_path, NULL);
      JsonArray *list = json_object_get_array_member (object_of (blocks), "list");
      JsonObject *block;

      g_assert_cmpint (json_object_get_int_member (f, "file_status"), ==, 2);
      g_assert_cmpint (json_object_get_int_member (f, "file_type"), ==, 1);
      g_assert_nonnull (strchr (json_object_get_string_member (f, "start_time"), 'T'));
      g_assert_true (g_str_equal (name, "one.txt") || g_str_equal (name, "two.txt"));
      g_assert_cmpint (json_object_get_int_member (object_of (blocks), "total"), ==, 1);
      block = json_array_get_object_element (list, 0);
      g_assert_cmpstr (json_object_get_string_member (block, "content"), ==,
                       g_str_equal (name, "one.txt") ? "first file" : "second file");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (block, "meta"),
                                                      "file_path"), ==, name);
    }

  /* The volume's files, as MOI's explore API lists them. */
  {
    g_autofree char *vpath = g_strdup_printf (API "/explore/volumes/%s/files", vid);
    g_autoptr(JsonNode) vfiles = moi_service_harness_ok (h, "POST", vpath,
                                                         "{\"filters\": {\"status\": [2]}, "
                                                         "\"sorter\": {\"sort_by\": "
                                                         "\"file_name\", \"is_desc\": false}, "
                                                         "\"offset\": 0, \"limit\": 30}");
    JsonArray *list = json_object_get_array_member (object_of (vfiles), "list");
    g_autoptr(JsonNode) none = moi_service_harness_ok (h, "POST", vpath,
                                                       "{\"filters\": {\"types\": [2]}}");

    g_assert_cmpint (json_object_get_int_member (object_of (vfiles), "total"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                    "file_name"), ==, "one.txt");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                    "job_id"), ==, job_id);
    g_assert_cmpint (json_object_get_int_member (object_of (none), "total"), ==, 0);
  }

  /* Job detail: the create response's flat shape, for the job. */
  detail_path = g_strdup_printf (API "/workflow_job/%s", job_id);
  detail = moi_service_harness_ok (h, "GET", detail_path, NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (detail), "id"), ==, job_id);
  g_assert_cmpstr (json_object_get_string_member (object_of (detail), "file_types"), ==, "[1]");
  g_assert_cmpstr (json_object_get_string_member (object_of (detail), "workflow_meta_id"), ==,
                   json_object_get_string_member (c, "id"));
  g_assert_nonnull (strchr (json_object_get_string_member (object_of (detail), "created_at"), 'T'));
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "status"), ==, 2);

  moi_service_harness_free (h);
}

static void
test_workflow_detail_lossless (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("SKIP");
  g_autofree char *id = create_workflow (h, "lossless", vid, "\"branch_name\": \"trunk\",",
                                         workflow);
  g_autofree char *path = g_strdup_printf (API "/workflow_meta/%s", id);
  g_autoptr(JsonNode) detail = moi_service_harness_ok (h, "GET", path, NULL);
  g_autoptr(JsonNode) sent = parse (workflow);
  JsonObject *d = object_of (detail);
  JsonArray *branches = json_object_get_array_member (d, "branches");
  JsonObject *mode = json_object_get_object_member (d, "process_mode");
  JsonObject *main_branch;

  g_assert_true (json_node_equal (sent, json_object_get_member (d, "workflow")));
  g_assert_cmpstr (json_object_get_string_member (d, "branch_name"), ==, "trunk");
  g_assert_cmpint (json_object_get_int_member (d, "branch_total"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (mode, "interval"), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (d, "file_types")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d, "created_at"), >, 1600000000000);
  g_assert_cmpuint (json_array_get_length (branches), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (branches, 0),
                                                  "branch_id"), ==,
                   json_object_get_string_member (d, "branch_id"));
  main_branch = moi_service_harness_element (detail, "branches", 0);
  g_assert_true (json_node_equal (sent, json_object_get_member (main_branch, "workflow")));
  moi_service_harness_free (h);
}

static guint
list_total (Harness    *h,
            const char *query)
{
  g_autofree char *path = g_strdup_printf (API "/workflow_meta?%s", query);
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "GET", path, NULL);
  JsonObject *o = object_of (data);
  guint total = json_object_get_int_member (o, "total");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "workflows")), <=,
                    total);
  return total;
}

static char *
list_first_name (Harness    *h,
                 const char *query)
{
  g_autofree char *path = g_strdup_printf (API "/workflow_meta?%s", query);
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "GET", path, NULL);
  JsonArray *list = json_object_get_array_member (object_of (data), "workflows");

  g_assert_cmpuint (json_array_get_length (list), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (list, 0), "name"));
}

static void
test_workflow_list_filters (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  struct { const char *name; int priority; const char *types; int interval; } wf[] = {
    { "alpha report", 100, "[1]", 0 },
    { "beta_pdf", 500, "[2, 6]", 60 },
    { "gamma", 300, "[6]", 0 },
    { "Alpha two", 500, "[1, 2]", -1 },
  };
  g_autofree char *first = NULL;
  g_autofree char *stopped_id = NULL;
  g_autofree char *stop_path = NULL;
  gint64 now = g_get_real_time () / 1000;

  for (guint i = 0; i < G_N_ELEMENTS (wf); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"source_volume_names\": "
                                               "[\"in\"], \"file_types\": %s, \"priority\": %d, "
                                               "\"process_mode\": {\"interval\": %d, "
                                               "\"offset\": 0}, \"create_target_volume_name\": "
                                               "\"out\", \"workflow\": %s}", wf[i].name,
                                               wf[i].types, wf[i].priority, wf[i].interval,
                                               workflow);
      g_autoptr(JsonNode) data = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);

      if (i == 2)
        stopped_id = g_strdup (json_object_get_string_member (object_of (data), "id"));
      g_usleep (3000);
    }
  stop_path = g_strdup_printf (API "/workflow_meta/%s/stop", stopped_id);
  g_clear_pointer (&first, g_free);
  json_node_unref (moi_service_harness_ok (h, "PUT", stop_path, NULL));

  g_assert_cmpuint (list_total (h, ""), ==, 4);
  /* LIKE is case-insensitive for ASCII; "_" is a literal, not a wildcard. */
  g_assert_cmpuint (list_total (h, "name_search=alpha"), ==, 2);
  g_assert_cmpuint (list_total (h, "name_search=a_p"), ==, 1);
  g_assert_cmpuint (list_total (h, "name_search=%25"), ==, 0);
  g_assert_cmpuint (list_total (h, "priority=500"), ==, 2);
  g_assert_cmpuint (list_total (h, "priority=100&priority=300"), ==, 2);
  g_assert_cmpuint (list_total (h, "priority[]=100&priority[]=500"), ==, 3);
  g_assert_cmpuint (list_total (h, "priority=100,300,500"), ==, 4);
  g_assert_cmpuint (list_total (h, "file_types=6"), ==, 2);
  g_assert_cmpuint (list_total (h, "file_types=1&file_types=2"), ==, 3);
  g_assert_cmpuint (list_total (h, "process_modes=-1"), ==, 1);
  g_assert_cmpuint (list_total (h, "process_modes=0,60"), ==, 3);
  g_assert_cmpuint (list_total (h, "status=3"), ==, 1);
  g_assert_cmpuint (list_total (h, "status=1,2"), ==, 3);
  g_assert_cmpuint (list_total (h, "creator=nobody-at-all"), ==, 0);
  {
    g_autofree char *q = g_strdup_printf ("creator=%s", g_get_user_name ());
    g_assert_cmpuint (list_total (h, q), ==, 4);
  }
  {
    g_autofree char *q = g_strdup_printf ("start_time=%" G_GINT64_FORMAT, now + 3600 * 1000);
    g_autofree char *q2 = g_strdup_printf ("start_time=%" G_GINT64_FORMAT "&end_time=%"
                                           G_GINT64_FORMAT, now - 60000, now + 60000);
    g_autofree char *q3 = g_strdup_printf ("end_time=%" G_GINT64_FORMAT, now - 60000);
    g_assert_cmpuint (list_total (h, q), ==, 0);
    g_assert_cmpuint (list_total (h, q2), ==, 4);
    g_assert_cmpuint (list_total (h, q3), ==, 0);
  }

  first = list_first_name (h, "sort_field=name&sort_order=ascend");
  g_assert_cmpstr (first, ==, "Alpha two");
  g_free (first);
  first = list_first_name (h, "sort_field=name&sort_order=descend");
  g_assert_cmpstr (first, ==, "gamma");
  g_free (first);
  first = list_first_name (h, "sort_field=priority&sort_order=ascend");
  g_assert_cmpstr (first, ==, "alpha report");
  g_free (first);
  /* Default: newest first. */
  first = list_first_name (h, "");
  g_assert_cmpstr (first, ==, "Alpha two");
  g_free (first);
  first = list_first_name (h, "sort_field=created_at&sort_order=ascend&limit=1&offset=1");
  g_assert_cmpstr (first, ==, "beta_pdf");

  {
    g_autoptr(JsonNode) page = moi_service_harness_ok (h, "GET", API "/workflow_meta?limit=3"
                                                       "&offset=2", NULL);
    JsonArray *list = json_object_get_array_member (object_of (page), "workflows");
    JsonObject *item = json_array_get_object_element (list, 0);

    g_assert_cmpint (json_object_get_int_member (object_of (page), "total"), ==, 4);
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    /* WorkflowListItem fields. */
    g_assert_true (json_object_has_member (item, "branch_id"));
    g_assert_cmpstr (json_object_get_string_member (item, "branch_name"), ==, "main");
    g_assert_cmpint (json_object_get_int_member (item, "branch_total"), ==, 1);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, "source_volume_ids")));
    JsonArray *names = json_object_get_array_member (item, "source_volume_names");

    g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "in");
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "process_mode")));
    g_assert_false (json_object_has_member (item, "workflow"));
  }
  moi_service_harness_free (h);
}

static void
test_workflow_update_and_name_check (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  g_autofree char *id = create_workflow (h, "before", vid, NULL, workflow);
  g_autofree char *path = g_strdup_printf (API "/workflow_meta/%s", id);
  g_autofree char *base = g_strdup_printf (API "/workflow_meta/%s/base_info", id);
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(JsonNode) check = NULL;
  JsonObject *mode;
  g_autofree char *other = moi_service_harness_text_workflow ("OVERWRITE");
  g_autofree char *old_body = g_strdup_printf ("{\"workflow\": %s, \"priority\": \"100\"}", other);

  json_node_unref (moi_service_harness_ok (h, "PUT", base,
                                           "{\"name\": \"after\", \"priority\": 500, "
                                           "\"file_types\": [1, 6], \"process_mode\": "
                                           "{\"interval\": 30, \"offset\": 5}}"));
  detail = moi_service_harness_ok (h, "GET", path, NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (detail), "name"), ==, "after");
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "priority"), ==, 500);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object_of (detail),
                                                                        "file_types")), ==, 2);
  mode = json_object_get_object_member (object_of (detail), "process_mode");
  g_assert_cmpint (json_object_get_int_member (mode, "interval"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "updated_at"), >=,
                   json_object_get_int_member (object_of (detail), "created_at"));

  /* The older PUT /{id} also takes the workflow. */
  json_node_unref (moi_service_harness_ok (h, "PUT", path, old_body));
  g_clear_pointer (&detail, json_node_unref);
  detail = moi_service_harness_ok (h, "GET", path, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "priority"), ==, 100);
  {
    g_autoptr(JsonNode) expected = parse (other);
    g_assert_true (json_node_equal (expected,
                                    json_object_get_member (object_of (detail), "workflow")));
  }

  check = moi_service_harness_ok (h, "GET", API "/workflow_meta/name/check?name=after", NULL);
  g_assert_true (json_object_get_boolean_member (object_of (check), "exists"));
  g_clear_pointer (&check, json_node_unref);
  check = moi_service_harness_ok (h, "GET", API "/workflow_meta/name/check?name=before", NULL);
  g_assert_false (json_object_get_boolean_member (object_of (check), "exists"));

  /* Delete with its data: the workflow and its documents go. */
  json_node_unref (moi_service_harness_ok (h, "DELETE",
                                           g_strdup_printf ("%s?delete_data=true", path), NULL));
  moi_service_harness_error (h, "GET", path, NULL, 404, "ErrNotFound", id);
  g_assert_cmpuint (list_total (h, ""), ==, 0);
  moi_service_harness_free (h);
}

static void
test_branches (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  g_autofree char *variant = moi_service_harness_text_workflow ("SKIP");
  g_autofree char *id = create_workflow (h, "branched", vid, NULL, workflow);
  g_autofree char *branches_path = g_strdup_printf (API "/workflow_meta/%s/branch", id);
  g_autofree char *body = g_strdup_printf ("{\"branch_name\": \"dev\", \"workflow\": %s}", variant);
  g_autofree char *unnamed = g_strdup_printf ("{\"workflow\": %s}", workflow);
  g_autoptr(JsonNode) created = moi_service_harness_ok (h, "POST", branches_path, body);
  g_autoptr(JsonNode) second = moi_service_harness_ok (h, "POST", branches_path, unnamed);
  const char *bid = json_object_get_string_member (object_of (created), "branch_id");
  g_autofree char *branch_path = g_strdup_printf (API "/workflow_meta/branch/%s", bid);
  g_autoptr(JsonNode) list = moi_service_harness_ok (h, "GET", branches_path, NULL);
  g_autoptr(JsonNode) got = moi_service_harness_ok (h, "GET", branch_path, NULL);
  g_autoptr(JsonNode) sent = parse (variant);
  g_autoptr(JsonNode) detail = NULL;
  JsonArray *items = json_object_get_array_member (object_of (list), "workflows");
  g_autofree char *update = g_strdup_printf ("{\"branch_name\": \"dev-2\", \"workflow\": %s}",
                                             workflow);

  g_assert_cmpstr (json_object_get_string_member (object_of (second), "branch_name"), ==,
                   "branch-3");
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "branch_name"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1),
                                                  "branch_name"), ==, "dev");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "id"),
                   ==, id);

  g_assert_cmpstr (json_object_get_string_member (object_of (got), "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object_of (got), "branch_id"), ==, bid);
  g_assert_true (json_node_equal (sent, json_object_get_member (object_of (got), "workflow")));
  g_assert_true (json_object_get_null_member (object_of (got), "branches"));

  json_node_unref (moi_service_harness_ok (h, "PUT", branch_path, update));
  json_node_unref (moi_service_harness_put (h, "%s/disable", branch_path));
  g_clear_pointer (&got, json_node_unref);
  got = moi_service_harness_ok (h, "GET", branch_path, NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (got), "branch_name"), ==, "dev-2");
  g_assert_cmpint (json_object_get_int_member (object_of (got), "branch_status"), ==, 1);
  {
    g_autoptr(JsonNode) expected = parse (workflow);
    g_assert_true (json_node_equal (expected,
                                    json_object_get_member (object_of (got), "workflow")));
  }
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_get (h, "%s?branch_status=1", branches_path);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 1);
  json_node_unref (moi_service_harness_put (h, "%s/enable", branch_path));
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_get (h, "%s?branch_status=1", branches_path);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 0);

  detail = moi_service_harness_ok (h, "GET", g_strdup_printf (API "/workflow_meta/%s", id), NULL);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object_of (detail),
                                                                        "branches")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "branch_total"), ==, 3);

  json_node_unref (moi_service_harness_ok (h, "DELETE", branch_path, NULL));
  moi_service_harness_error (h, "GET", branch_path, NULL, 404, "ErrNotFound", bid);
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_ok (h, "GET", branches_path, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 2);
  moi_service_harness_free (h);
}

static gint64
job_total (Harness    *h,
           const char *path)
{
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "GET", path, NULL);

  return json_object_get_int_member (object_of (data), "total");
}

static void
test_jobs_list (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", "a.txt", "a",
                                                                "b.txt", "b", "c.txt", "c", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("OVERWRITE");
  g_autofree char *a = create_workflow (h, "jobs-a", vid, "\"priority\": 100,", workflow);
  g_autofree char *b = create_workflow (h, "jobs-b", vid, "\"priority\": 500,", workflow);
  g_autofree char *job_a = moi_service_harness_latest_job (h, a);
  g_autofree char *job_b = moi_service_harness_latest_job (h, b);
  g_autofree char *rerun_path = g_strdup_printf (API "/workflow_meta/%s/rerun", a);
  g_autoptr(JsonNode) rerun = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonObject) s1 = moi_service_harness_wait_job (h, job_a, 20000);
  g_autoptr(JsonObject) s2 = moi_service_harness_wait_job (h, job_b, 20000);
  g_autoptr(JsonObject) s3 = NULL;
  JsonArray *jobs;

  rerun = moi_service_harness_ok (h, "PUT", rerun_path, NULL);
  s3 = moi_service_harness_wait_job (h, row_id (rerun, "job_id"), 20000);
  g_assert_cmpint (json_object_get_int_member (s3, "status"), ==, 2);

  list = moi_service_harness_ok (h, "GET", API "/workflow_job", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 3);
  jobs = json_object_get_array_member (object_of (list), "jobs");
  /* Default order: newest first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (jobs, 0),
                                                  "workflow_meta_id"), ==, a);
  g_assert_true (json_object_has_member (json_array_get_object_element (jobs, 0),
                                         "workflow_branch_id"));
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_get (h, API "/workflow_job?workflow_id=%s", a);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 2);
  g_assert_cmpint (job_total (h, API "/workflow_job?name_search=jobs-b"), ==, 1);
  g_assert_cmpint (job_total (h, API "/workflow_job?priority=500&priority=100"), ==, 3);
  g_assert_cmpint (job_total (h, API "/workflow_job?priority[]=500"), ==, 1);
  g_assert_cmpint (job_total (h, API "/workflow_job?count_ge=3&count_le=3"), ==, 3);
  g_assert_cmpint (job_total (h, API "/workflow_job?count_ge=4"), ==, 0);
  g_assert_cmpint (job_total (h, API "/workflow_job?file_types=6"), ==, 0);
  g_assert_cmpint (job_total (h, API "/workflow_job?status=2"), ==, 3);
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_ok (h, "GET", API "/workflow_job?page_num=2&page_size=2", NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 3);
  jobs = json_object_get_array_member (object_of (list), "jobs");
  g_assert_cmpuint (json_array_get_length (jobs), ==, 1);
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_ok (h, "GET", API "/workflow_job?sort_field=priority", NULL);
  jobs = json_object_get_array_member (object_of (list), "jobs");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (jobs, 0),
                                                  "workflow_meta_id"), ==, a);
  g_clear_pointer (&list, json_node_unref);
  list = moi_service_harness_get (h, API "/workflow_job?sort_field=priority&sort_order=desc");
  jobs = json_object_get_array_member (object_of (list), "jobs");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (jobs, 0),
                                                  "workflow_meta_id"), ==, b);

  /* The rerun replaced the first run's documents instead of colliding. */
  {
    g_autoptr(JsonNode) data = moi_service_harness_get (h, API "/workflow_job/%s/files?statuses=2",
                                                        row_id (rerun, "job_id"));
    g_assert_cmpint (json_object_get_int_member (object_of (data), "completed"), ==, 3);
  }
  moi_service_harness_free (h);
}

/* A workflow whose only component the service cannot run: every file
 * fails, naming the component; retry after fixing the branch succeeds. */
static void
test_fail_and_retry (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *vid = moi_service_harness_add_folder_volume (h, "in", "a.txt", "alpha",
                                                                "b.txt", "beta", NULL);
  g_autofree char *bad = moi_service_harness_json (
    "{'components': [{'name': 'OCR', 'type': "
    "'byoa.integrations.components.converters.image_ocr_to_document.ImageOCRToDocument', "
    "'component_id': 'OCR_1', 'intro': 'OCR', 'position': {'x': 0, 'y': 0}, "
    "'input_keys': {}, 'output_keys': {}, 'init_parameters': {}}], 'connections': []}");
  g_autofree char *good = moi_service_harness_text_workflow ("NONE");
  g_autofree char *id = create_workflow (h, "failing", vid, NULL, bad);
  g_autofree char *job = moi_service_harness_latest_job (h, id);
  g_autoptr(JsonObject) status = moi_service_harness_wait_job (h, job, 20000);
  g_autofree char *files_path = g_strdup_printf (API "/workflow_job/%s/files", job);
  g_autoptr(JsonNode) files = moi_service_harness_ok (h, "GET", files_path, NULL);
  g_autoptr(JsonNode) detail = moi_service_harness_get (h, API "/workflow_meta/%s", id);
  JsonArray *list = json_object_get_array_member (object_of (files), "files");
  const char *msg = json_object_get_string_member (json_array_get_object_element (list, 0),
                                                   "error_message");
  g_autofree char *retry = NULL;
  g_autofree char *fix = g_strdup_printf ("{\"workflow\": %s}", good);
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *branch_path = NULL;

  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "failed"), ==, 2);
  /* Stored as the pipeline gave it, the component named once. */
  g_assert_cmpstr (msg, ==, "component “OCR” (type byoa.integrations.components.converters."
                   "image_ocr_to_document.ImageOCRToDocument) cannot run in the local service: "
                   "OCR needs the GOT-OCR2 model, which only MOI's cloud runs");
  /* A run-once workflow is completed once its job is done. */
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "status"), ==, 2);

  branch_path = g_strdup_printf (API "/workflow_meta/branch/%s", row_id (detail, "branch_id"));
  json_node_unref (moi_service_harness_ok (h, "PUT", branch_path, fix));
  retry = g_strdup_printf ("{\"files\": [\"%s\"]}",
                           json_object_get_string_member (json_array_get_object_element (list, 0),
                                                          "id"));
  json_node_unref (moi_service_harness_ok (h, "POST", files_path, retry));
  g_clear_pointer (&status, json_object_unref);
  status = moi_service_harness_wait_job (h, job, 20000);
  after = moi_service_harness_ok (h, "GET", files_path, NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (after), "completed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (after), "failed"), ==, 1);
  /* Some files completed: the job is completed, its message counts failures. */
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (status, "message"), "1 of 2"));
  {
    g_autoptr(JsonNode) failed = moi_service_harness_get (h, "%s?statuses=1", files_path);
    g_assert_cmpint (json_object_get_int_member (object_of (failed), "file_total"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object_of (failed), "total"), ==, 2);
  }
  moi_service_harness_free (h);
}

static void
test_stop_and_rerun (void)
{
  Harness *h;
  g_autofree char *vid = NULL;
  g_autofree char *workflow = moi_service_harness_text_workflow ("OVERWRITE");
  g_autofree char *id = NULL;
  g_autofree char *job = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) rerun = NULL;
  g_autoptr(JsonObject) status = NULL;

  g_setenv ("MOI_SERVER_FILE_DELAY_MS", "100", TRUE);
  h = moi_service_harness_new (1);
  g_unsetenv ("MOI_SERVER_FILE_DELAY_MS");
  vid = moi_service_harness_add_folder_volume (h, "in", "1.txt", "1", "2.txt", "2", "3.txt", "3",
                                               "4.txt", "4", "5.txt", "5", "6.txt", "6", NULL);
  id = create_workflow (h, "stoppable", vid, NULL, workflow);
  job = moi_service_harness_latest_job (h, id);
  json_node_unref (moi_service_harness_put (h, API "/workflow_meta/%s/stop", id));

  status = moi_service_harness_wait_job (h, job, 20000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 4);
  detail = moi_service_harness_ok (h, "GET", g_strdup_printf (API "/workflow_meta/%s", id), NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "status"), ==, 3);
  files = moi_service_harness_get (h, API "/workflow_job/%s/files", job);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "stopped"), >, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "pending"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (files), "processing"), ==, 0);

  rerun = moi_service_harness_put (h, API "/workflow_meta/%s/rerun", id);
  g_clear_pointer (&status, json_object_unref);
  status = moi_service_harness_wait_job (h, row_id (rerun, "job_id"), 30000);
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
  g_clear_pointer (&detail, json_node_unref);
  detail = moi_service_harness_ok (h, "GET", g_strdup_printf (API "/workflow_meta/%s", id), NULL);
  g_assert_cmpint (json_object_get_int_member (object_of (detail), "status"), ==, 2);
  moi_service_harness_free (h);
}

static void
test_auth (void)
{
  Harness *h = moi_service_harness_new (1);
  g_autofree char *wrong = g_strdup (moi_service_harness_get_key (h));
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(JsonObject) prefix = NULL;

  wrong[strlen (wrong) - 1] ^= 1;
  missing = moi_service_harness_call_full (h, "GET", API "/workflow_meta", NULL, "", 401);
  bad = moi_service_harness_call_full (h, "GET", API "/explore/volumes", NULL, wrong, 401);
  prefix = moi_service_harness_call_full (h, "GET", API "/workflow_job", NULL, "test-key", 401);
  g_assert_cmpstr (json_object_get_string_member (missing, "code"), ==, "ErrUnauthorized");
  g_assert_true (json_object_get_null_member (missing, "data"));
  g_assert_true (json_object_get_null_member (bad, "data"));
  g_assert_cmpstr (json_object_get_string_member (prefix, "code"), ==, "ErrUnauthorized");
  g_assert_nonnull (strstr (json_object_get_string_member (bad, "msg"), "moi-key"));
  moi_service_harness_free (h);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/service/volumes", test_volumes);
  g_test_add_func ("/moi/service/empty-volume", test_empty_volume);
  g_test_add_func ("/moi/service/paths-stay-inside", test_paths_stay_inside);
  g_test_add_func ("/moi/service/create-and-run", test_create_and_run);
  g_test_add_func ("/moi/service/detail-lossless", test_workflow_detail_lossless);
  g_test_add_func ("/moi/service/list-filters", test_workflow_list_filters);
  g_test_add_func ("/moi/service/update-and-name-check", test_workflow_update_and_name_check);
  g_test_add_func ("/moi/service/branches", test_branches);
  g_test_add_func ("/moi/service/jobs", test_jobs_list);
  g_test_add_func ("/moi/service/fail-and-retry", test_fail_and_retry);
  g_test_add_func ("/moi/service/stop-and-rerun", test_stop_and_rerun);
  g_test_add_func ("/moi/service/auth", test_auth);

  return g_test_run ();
}
