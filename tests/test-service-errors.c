/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "moi-service-harness.h"

#define API "/byoa/api/v1"

typedef MoiServiceHarness Harness;

static Harness *harness;
static char *source_id;
static char *good_workflow;

/* A create body with fields replaced (@value "" removes one; a field not in
 * the base body is added). */
static char *
create_body_pairs (const char * const *pairs)
{
  g_autofree char *workflow_text = moi_service_harness_text_workflow ("NONE");
  g_autofree char *ids = g_strdup_printf ("[\"%s\"]", source_id);
  const char *keys[16] = {
    "name", "source_volume_ids", "file_types", "process_mode", "create_target_volume_name",
    "workflow",
  };
  const char *values[16] = {
    "\"errors-wf\"", ids, "[1]", "{\"interval\": 0, \"offset\": 0}", "\"errors-out\"",
    workflow_text,
  };
  guint n = 6;
  g_autoptr(GString) body = g_string_new ("{");

  for (guint p = 0; pairs[p] != NULL; p += 2)
    {
      guint i;

      for (i = 0; i < n && !g_str_equal (keys[i], pairs[p]); i++)
        ;
      if (i == n)
        keys[n++] = pairs[p];
      values[i] = pairs[p + 1];
    }
  for (guint i = 0; i < n; i++)
    if (*values[i])
      g_string_append_printf (body, "%s\"%s\": %s", body->len > 1 ? ", " : "", keys[i],
                              values[i]);
  g_string_append_c (body, '}');
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static char *
create_body (const char *field,
             const char *value)
{
  const char *pairs[] = { field, value ? value : "", NULL };

  return create_body_pairs (field ? pairs : pairs + 2);
}

static guint
count (const char *path,
       const char *key)
{
  g_autoptr(JsonNode) data = moi_service_harness_ok (harness, "GET", path, NULL);

  return json_object_get_int_member (json_node_get_object (data), key);
}

static void
bad_body (const char *body,
          guint       status,
          const char *code,
          const char *fragment)
{
  guint workflows = count (API "/workflow_meta", "total");
  guint volumes = count (API "/explore/volumes", "total");

  g_test_message ("create with %.300s", body);
  moi_service_harness_error (harness, "POST", API "/workflow_meta", body, status, code, fragment);
  /* Nothing changes on a bad request: no workflow, no target volume. */
  g_assert_cmpuint (count (API "/workflow_meta", "total"), ==, workflows);
  g_assert_cmpuint (count (API "/explore/volumes", "total"), ==, volumes);
}

static void
bad_create (const char *field,
            const char *value,
            guint       status,
            const char *code,
            const char *fragment)
{
  g_autofree char *body = create_body (field, value);

  bad_body (body, status, code, fragment);
}

static void
test_malformed_bodies (void)
{
  moi_service_harness_error (harness, "POST", API "/workflow_meta", "{\"name\": ", 400,
                             "ErrBadRequest", "1:");
  moi_service_harness_error (harness, "POST", API "/workflow_meta", "[1, 2]", 400,
                             "ErrBadRequest", "object");
  moi_service_harness_error (harness, "POST", API "/workflow_meta", "", 400,
                             "ErrBadRequest", "body");
  moi_service_harness_error (harness, "POST", API "/workflow_meta", "{\"a\": 1,,}", 400,
                             "ErrBadRequest", "JSON");
}

static void
test_create_fields (void)
{
  bad_create ("name", NULL, 400, "ErrBadRequest", "name");
  bad_create ("name", "[1]", 400, "ErrBadRequest", "name");
  bad_create ("name", "\"  \"", 400, "ErrBadRequest", "name");
  bad_create ("source_volume_ids", NULL, 400, "ErrBadRequest", "source_volume");
  bad_create ("source_volume_ids", "[\"1234\"]", 400, "ErrBadRequest", "source_volume_ids[0]");
  bad_create ("source_volume_ids", "[{}]", 400, "ErrBadRequest", "source_volume_ids[0]");
  bad_create ("source_volume_ids", "7", 400, "ErrBadRequest", "source_volume_ids");
  bad_create ("source_volume_names", "[\"nope\"]", 400, "ErrBadRequest", "source_volume_names[0]");
  bad_create ("file_types", NULL, 400, "ErrBadRequest", "file_types");
  bad_create ("file_types", "[]", 400, "ErrBadRequest", "file_types");
  bad_create ("file_types", "[99]", 400, "ErrBadRequest", "file_types[0]");
  bad_create ("file_types", "[1, 26]", 400, "ErrBadRequest", "file_types[1]");
  bad_create ("file_types", "[\"pdf\"]", 400, "ErrBadRequest", "file_types[0]");
  bad_create ("file_types", "\"[1, \"", 400, "ErrBadRequest", "file_types");
  bad_create ("process_mode", NULL, 400, "ErrBadRequest", "process_mode");
  bad_create ("process_mode", "{\"offset\": 0}", 400, "ErrBadRequest", "process_mode.interval");
  bad_create ("process_mode", "{\"interval\": \"soon\"}", 400, "ErrBadRequest",
              "process_mode.interval");
  bad_create ("process_mode", "{\"interval\": -5}", 400, "ErrBadRequest", "process_mode.interval");
  bad_create ("process_mode", "{\"interval\": 0, \"offset\": -1}", 400, "ErrBadRequest",
              "process_mode.offset");
  bad_create ("process_mode", "[0]", 400, "ErrBadRequest", "process_mode");
  bad_create ("priority", "-1", 400, "ErrBadRequest", "priority");
  bad_create ("priority", "\"high\"", 400, "ErrBadRequest", "priority");
  bad_create ("priority", "true", 400, "ErrBadRequest", "priority");
  bad_create ("create_target_volume_name", NULL, 400, "ErrBadRequest", "target_volume");
  {
    const char *by_id[] = { "create_target_volume_name", "", "target_volume_id", "424242", NULL };
    const char *by_name[] = { "create_target_volume_name", "", "target_volume_name",
                              "\"missing\"", NULL };
    g_autofree char *id_body = create_body_pairs (by_id);
    g_autofree char *name_body = create_body_pairs (by_name);

    bad_body (id_body, 400, "ErrBadRequest", "target_volume_id");
    bad_body (name_body, 400, "ErrBadRequest", "target_volume_name");
  }
  bad_create ("workflow", NULL, 400, "ErrBadRequest", "workflow");
  bad_create ("workflow", "[]", 400, "ErrBadRequest", "workflow");
  bad_create ("workflow", "\"{not json\"", 400, "ErrBadRequest", "workflow");
  bad_create ("content", "[1]", 400, "ErrBadRequest", "content");
  bad_create ("files", "{}", 400, "ErrBadRequest", "files");
  bad_create ("files", "[7]", 400, "ErrBadRequest", "files[0]");
  bad_create ("files", "[{}]", 400, "ErrBadRequest", "files[0].file_path");
  bad_create ("files", "[{\"file_path\": \"../outside.txt\"}]", 400, "ErrBadRequest",
              "files[0].file_path");
  bad_create ("files", "[{\"file_path\": \"/etc/passwd\"}]", 400, "ErrBadRequest",
              "files[0].file_path");
  bad_create ("files", "[{\"file_path\": \"link.txt\"}]", 400, "ErrBadRequest",
              "files[0].file_path");
  bad_create ("files", "[{\"file_path\": \"a.txt\", \"source_volume_id\": \"1\"}]", 400,
              "ErrBadRequest", "files[0].source_volume_id");
}

/* The workflow itself is checked with the core model and the pipeline. */
static void
test_invalid_workflows (void)
{
  g_autofree char *cycle = moi_service_harness_json (
    "{'components': ["
    " {'name': 'A', 'type': 'haystack.components.preprocessors.document_cleaner.DocumentCleaner',"
    "  'component_id': 'A_1', 'init_parameters': {}},"
    " {'name': 'B', 'type': 'haystack.components.preprocessors.document_cleaner.DocumentCleaner',"
    "  'component_id': 'B_1', 'init_parameters': {}}],"
    " 'connections': [{'sender': 'A.documents', 'receiver': 'B.documents'},"
    "                 {'sender': 'B.documents', 'receiver': 'A.documents'}]}");
  g_autofree char *dangling = moi_service_harness_json (
    "{'components': ["
    " {'name': 'A', 'type': 'haystack.components.converters.txt.TextFileToDocument',"
    "  'component_id': 'A_1', 'init_parameters': {}}],"
    " 'connections': [{'sender': 'A.documents', 'receiver': 'Ghost.documents'}]}");
  g_autofree char *bad_type = moi_service_harness_json (
    "{'components': [{'name': 'A', 'type': 7, 'init_parameters': {}}], 'connections': []}");

  bad_create ("workflow", cycle, 400, "ErrBadRequest", "workflow");
  bad_create ("workflow", dangling, 400, "ErrBadRequest", "Ghost");
  bad_create ("workflow", bad_type, 400, "ErrBadRequest", "workflow");
}

static char *
create_ok (const char *name)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);
  g_autofree char *body = create_body ("name", quoted);
  g_autoptr(JsonNode) data = moi_service_harness_ok (harness, "POST", API "/workflow_meta", body);

  return g_strdup (json_object_get_string_member (json_node_get_object (data), "id"));
}

static void
test_duplicates (void)
{
  g_autofree char *id = create_ok ("unique-name");
  g_autofree char *other = create_ok ("other-name");
  g_autofree char *base = g_strdup_printf (API "/workflow_meta/%s/base_info", other);
  g_autofree char *branch = g_strdup_printf (API "/workflow_meta/%s/branch", id);
  g_autofree char *branch_body = g_strdup_printf ("{\"branch_name\": \"main\", \"workflow\": %s}",
                                                  good_workflow);
  g_autofree char *volume = g_strdup_printf ("{\"name\": \"src\", \"path\": \"%s\"}",
                                             moi_service_harness_get_dir (harness));

  bad_create ("name", "\"unique-name\"", 409, "ErrConflict", "unique-name");
  moi_service_harness_error (harness, "PUT", base, "{\"name\": \"unique-name\"}", 409,
                             "ErrConflict", "unique-name");
  moi_service_harness_error (harness, "POST", branch, branch_body, 409, "ErrConflict", "main");
  moi_service_harness_error (harness, "POST", API "/explore/volumes", volume, 409, "ErrConflict",
                             "src");
}

static void
test_unknown_ids (void)
{
  const char *ghost = "00000000-0000-0000-0000-000000000000";
  g_autofree char *update = g_strdup_printf ("{\"workflow\": %s}", good_workflow);
  struct { const char *method; const char *path; const char *body; } cases[] = {
    { "GET", API "/workflow_meta/%s", NULL },
    { "PUT", API "/workflow_meta/%s", "{\"priority\": 1}" },
    { "PUT", API "/workflow_meta/%s/base_info", "{\"priority\": 1}" },
    { "DELETE", API "/workflow_meta/%s", NULL },
    { "PUT", API "/workflow_meta/%s/stop", NULL },
    { "PUT", API "/workflow_meta/%s/rerun", NULL },
    { "GET", API "/workflow_meta/%s/branch", NULL },
    { "POST", API "/workflow_meta/%s/branch", update },
    { "GET", API "/workflow_meta/branch/%s", NULL },
    { "PUT", API "/workflow_meta/branch/%s", update },
    { "DELETE", API "/workflow_meta/branch/%s", NULL },
    { "PUT", API "/workflow_meta/branch/%s/enable", NULL },
    { "PUT", API "/workflow_meta/branch/%s/disable", NULL },
    { "GET", API "/workflow_job/%s", NULL },
    { "GET", API "/workflow_job/%s/files", NULL },
    { "POST", API "/workflow_job/%s/files", "{\"files\": [\"x\"]}" },
    { "GET", API "/workflow_job/%s/status", NULL },
    { "GET", API "/explore/volumes/%s", NULL },
    { "DELETE", API "/explore/volumes/%s", NULL },
    { "POST", API "/explore/volumes/%s/files", "{}" },
    { "GET", API "/explore/volumes/any/files/%s/blocks", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (cases[i].path, "%s", 2);
      g_autofree char *path = g_strjoinv (ghost, parts);

      moi_service_harness_error (harness, cases[i].method, path, cases[i].body, 404,
                                 "ErrNotFound", ghost);
    }
}

static void
test_bad_paging_and_queries (void)
{
  struct { const char *path; const char *fragment; } cases[] = {
    { API "/workflow_meta?limit=0", "limit" },
    { API "/workflow_meta?limit=abc", "limit" },
    { API "/workflow_meta?limit=100000", "limit" },
    { API "/workflow_meta?offset=-1", "offset" },
    { API "/workflow_meta?sort_order=sideways", "sort_order" },
    { API "/workflow_meta?sort_field=color", "sort_field" },
    { API "/workflow_meta?status=running", "status" },
    { API "/workflow_meta?priority[]=x", "priority" },
    { API "/workflow_meta?start_time=yesterday", "start_time" },
    { API "/workflow_meta?process_modes=1,two", "process_modes" },
    { API "/workflow_meta?file_types=1.5", "file_types" },
    { API "/workflow_job?page_num=0", "page_num" },
    { API "/workflow_job?page_size=-3", "page_size" },
    { API "/workflow_job?count_le=many", "count_le" },
    { API "/workflow_job?sort_field=colour", "sort_field" },
    { API "/workflow_job?sort_order=up", "sort_order" },
    { API "/workflow_meta/name/check", "name" },
    { API "/explore/volumes?limit=0", "limit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    moi_service_harness_error (harness, "GET", cases[i].path, NULL, 400, "ErrBadRequest",
                               cases[i].fragment);
}

static void
test_methods_and_paths (void)
{
  moi_service_harness_error (harness, "DELETE", API "/workflow_meta", NULL, 405,
                             "ErrMethodNotAllowed", "DELETE");
  moi_service_harness_error (harness, "PATCH", API "/explore/volumes", NULL, 405,
                             "ErrMethodNotAllowed", "GET, POST");
  moi_service_harness_error (harness, "POST", API "/workflow_job", "{}", 405,
                             "ErrMethodNotAllowed", "GET");
  moi_service_harness_error (harness, "GET", API "/nothing/here", NULL, 404, "ErrNotFound",
                             "/nothing/here");
  moi_service_harness_error (harness, "GET", "/other", NULL, 404, "ErrNotFound", "/other");
}

/* JsonParser overflows the stack on deep nesting; the service must answer
 * 400 naming the place and keep serving. */
static void
test_deep_nesting (void)
{
  const guint levels = 100000;
  g_autoptr(GString) value = g_string_sized_new (2 * levels);
  g_autofree char *body = NULL;

  for (guint i = 0; i < levels; i++)
    g_string_append_c (value, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (value, ']');
  body = create_body ("name", value->str);
  bad_body (body, 400, "ErrBadRequest", "nested deeper than");
  /* The position of the first level too deep, as line:column. */
  moi_service_harness_error (harness, "POST", API "/workflow_meta", body, 400, "ErrBadRequest",
                             "1:");
  /* Nested JSON text inside a string field goes through the same parser. */
  g_string_prepend_c (value, '"');
  g_string_append_c (value, '"');
  g_clear_pointer (&body, g_free);
  body = create_body ("file_types", value->str);
  bad_body (body, 400, "ErrBadRequest", "file_types");
}

/* Numbers JSON allows but no double or 64-bit integer holds: 1e400 is
 * refused, an integer field beyond 64 bits is refused (it is not wrapped),
 * and inside the workflow, which is stored as received, such numbers are
 * kept and sent back digit for digit. */
static void
test_huge_numbers (void)
{
  g_autofree char *workflow = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *text = NULL;

  bad_create ("priority", "1e400", 400, "ErrBadRequest", "out of range");
  bad_create ("priority", "99999999999999999999", 400, "ErrBadRequest", "priority");
  bad_create ("priority", "-99999999999999999999", 400, "ErrBadRequest", "priority");

  workflow = g_strconcat ("{\"x_big\": 99999999999999999999, "
                          "\"x_tiny\": 1.000000000000000000001, ", good_workflow + 1, NULL);
  body = create_body_pairs ((const char *[]) { "name", "\"huge-numbers\"",
                                               "create_target_volume_name", "\"huge-out\"",
                                               "workflow", workflow, NULL });
  created = moi_service_harness_ok (harness, "POST", API "/workflow_meta", body);
  url = g_strdup_printf ("%s" API "/workflow_meta/%s", moi_service_harness_get_url (harness),
                         json_object_get_string_member (json_node_get_object (created), "id"));
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "moi-key",
                                moi_service_harness_get_key (harness));
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  g_assert_nonnull (strstr (text, "\"x_big\": 99999999999999999999,"));
  g_assert_nonnull (strstr (text, "\"x_tiny\": 1.000000000000000000001,"));
}

static void
test_too_large (void)
{
  gsize size = 17 * 1024 * 1024;
  g_autofree char *body = g_malloc (size + 1);

  memset (body, ' ', size);
  body[0] = '{';
  body[size - 1] = '}';
  body[size] = '\0';
  moi_service_harness_error (harness, "POST", API "/workflow_meta", body, 413,
                             "ErrRequestTooLarge", "bytes");
  /* The service is still fine afterwards. */
  g_assert_cmpuint (count (API "/workflow_meta", "total"), >=, 0);
}

static guint
volume_total (Harness *h)
{
  g_autoptr(JsonNode) data = moi_service_harness_ok (h, "GET", API "/explore/volumes", NULL);

  return json_object_get_int_member (json_node_get_object (data), "total");
}

/* A volume create body of @size bytes, padded by an unknown field. */
static char *
padded_volume_body (const char *name,
                    gsize       size)
{
  g_autofree char *head = g_strdup_printf ("{\"name\": \"%s\", \"pad\": \"", name);
  g_autoptr(GString) body = g_string_new (head);

  while (body->len + 2 < size)
    g_string_append_c (body, 'x');
  g_string_append (body, "\"}");
  g_assert_cmpuint (body->len, ==, size);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* POSTs @body chunked (no Content-Length); returns the envelope. */
static JsonObject *
post_chunked (Harness    *h,
              const char *path,
              const char *body,
              guint       status)
{
  g_autofree char *url = g_strconcat (moi_service_harness_get_url (h), path, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (body, strlen (body),
                                                                        NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "moi-key",
                                moi_service_harness_get_key (h));
  soup_message_set_request_body (msg, "application/json", stream, -1);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  root = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (root));
}

/* moi-server --max-body-size: the real binary answers a larger body, with or
 * without a Content-Length, with 413 and an envelope naming the limit, and
 * keeps nothing of it; a body within the limit still works. */
static void
test_max_body_option (void)
{
  const char *args[] = { "--max-body-size", "4096", NULL };
  Harness *server = moi_service_harness_spawn (NULL, args);
  g_autofree char *over = padded_volume_body ("over", 4097);
  g_autofree char *limit = padded_volume_body ("at-limit", 4096);
  g_autoptr(JsonObject) chunked = NULL;
  g_autoptr(JsonNode) created = NULL;

  moi_service_harness_error (server, "POST", API "/explore/volumes", over, 413,
                             "ErrRequestTooLarge", "4096 bytes");
  moi_service_harness_error (server, "POST", API "/explore/volumes", over, 413,
                             "ErrRequestTooLarge", "--max-body-size");
  g_assert_cmpuint (volume_total (server), ==, 0);

  chunked = post_chunked (server, API "/explore/volumes", over, 413);
  g_assert_cmpstr (json_object_get_string_member (chunked, "code"), ==, "ErrRequestTooLarge");
  g_assert_true (json_object_get_null_member (chunked, "data"));
  g_assert_nonnull (strstr (json_object_get_string_member (chunked, "msg"), "4096"));
  g_assert_cmpuint (volume_total (server), ==, 0);

  created = moi_service_harness_ok (server, "POST", API "/explore/volumes", limit);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (created), "name"), ==,
                   "at-limit");
  g_assert_cmpuint (volume_total (server), ==, 1);
  moi_service_harness_free (server);
}

static void
test_max_body_option_invalid (void)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "server",
                                                   "moi-server", NULL);
  const char *values[] = { "0", "-5", "lots" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *argv[] = { binary, "--max-body-size", values[i], NULL };
      const char *envp[] = { "LC_ALL=C", NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, (char **) envp,
                    G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 2);
      g_assert_nonnull (strstr (err, "max-body-size"));
    }
}

static void
test_volume_inputs (void)
{
  g_autofree char *file = g_build_filename (moi_service_harness_get_dir (harness), "src",
                                            "a.txt", NULL);
  g_autofree char *not_dir = g_strdup_printf ("{\"name\": \"f\", \"path\": \"%s\"}", file);
  g_autofree char *in_use = g_strdup_printf (API "/explore/volumes/%s", source_id);

  moi_service_harness_error (harness, "POST", API "/explore/volumes",
                             "{\"name\": \"x\", \"path\": [\"/tmp\"]}", 400, "ErrBadRequest",
                             "path");
  moi_service_harness_error (harness, "POST", API "/explore/volumes",
                             "{\"name\": \"x\", \"path\": \"relative/dir\"}", 400,
                             "ErrBadRequest", "path");
  moi_service_harness_error (harness, "POST", API "/explore/volumes",
                             "{\"name\": \"x\", \"path\": \"/no/such/folder\"}", 400,
                             "ErrBadRequest", "/no/such/folder");
  moi_service_harness_error (harness, "POST", API "/explore/volumes", not_dir, 400,
                             "ErrBadRequest", "a.txt");
  moi_service_harness_error (harness, "POST", API "/explore/volumes",
                             "{\"name\": \"\", \"path\": \"/tmp\"}", 400, "ErrBadRequest", "name");
  moi_service_harness_error (harness, "DELETE", in_use, NULL, 400, "ErrBadRequest", "workflow");
  {
    g_autofree char *files = g_strdup_printf (API "/explore/volumes/%s/files", source_id);

    moi_service_harness_error (harness, "POST", files, "{\"limit\": 0}", 400, "ErrBadRequest",
                               "limit");
    moi_service_harness_error (harness, "POST", files, "{\"filters\": {\"types\": \"x\"}}", 400,
                               "ErrBadRequest", "types");
    moi_service_harness_error (harness, "POST", files, "{\"sorter\": {\"is_desc\": 3}}", 400,
                               "ErrBadRequest", "is_desc");
  }
}

static void
test_branch_and_retry_rules (void)
{
  /* Its own target volume: the other workflows already wrote a.txt's
   * document to errors-out, and policy NONE would fail the file. */
  const char *pairs[] = { "name", "\"rules\"", "create_target_volume_name", "\"rules-out\"",
                          NULL };
  g_autofree char *create = create_body_pairs (pairs);
  g_autoptr(JsonNode) created = moi_service_harness_ok (harness, "POST", API "/workflow_meta",
                                                        create);
  g_autofree char *id = g_strdup (json_object_get_string_member (json_node_get_object (created),
                                                                 "id"));
  g_autofree char *detail_path = g_strdup_printf (API "/workflow_meta/%s", id);
  g_autofree char *bad_delete = g_strdup_printf ("%s?delete_data=maybe", detail_path);
  g_autoptr(JsonNode) detail = moi_service_harness_ok (harness, "GET", detail_path, NULL);
  const char *main_branch = json_object_get_string_member (json_node_get_object (detail),
                                                           "branch_id");
  g_autofree char *main_path = g_strdup_printf (API "/workflow_meta/branch/%s", main_branch);
  g_autofree char *branches = g_strdup_printf (API "/workflow_meta/%s/branch", id);
  g_autofree char *jobs = g_strdup_printf (API "/workflow_job?workflow_id=%s", id);
  g_autoptr(JsonNode) job_list = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonNode) files = NULL;
  const char *job_id;
  g_autofree char *files_path = NULL;
  g_autofree char *retry_done = NULL;

  moi_service_harness_error (harness, "DELETE", main_path, NULL, 400, "ErrBadRequest", "main");
  moi_service_harness_error (harness, "PUT", main_path, "{\"branch_name\": \"x\"}", 400,
                             "ErrBadRequest", "workflow");
  moi_service_harness_error (harness, "POST", branches, "{\"branch_name\": \"x\"}", 400,
                             "ErrBadRequest", "workflow");
  moi_service_harness_error (harness, "DELETE", bad_delete, NULL, 400, "ErrBadRequest",
                             "delete_data");

  job_list = moi_service_harness_ok (harness, "GET", jobs, NULL);
  job_id = json_object_get_string_member (moi_service_harness_element (job_list, "jobs", 0), "id");
  status = moi_service_harness_wait_job (harness, job_id, 20000);
  files_path = g_strdup_printf (API "/workflow_job/%s/files", job_id);
  files = moi_service_harness_ok (harness, "GET", files_path, NULL);
  retry_done = g_strdup_printf ("{\"files\": [\"%s\"]}",
                                json_object_get_string_member (moi_service_harness_element (files,
                                                                                            "files",
                                                                                            0),
                                                               "id"));

  moi_service_harness_error (harness, "POST", files_path, "{\"files\": []}", 400,
                             "ErrBadRequest", "files");
  moi_service_harness_error (harness, "POST", files_path, "{}", 400, "ErrBadRequest", "files");
  moi_service_harness_error (harness, "POST", files_path, "{\"files\": \"nope\"}", 400,
                             "ErrBadRequest", "files");
  /* A completed file cannot be retried; an unknown one is not found. */
  moi_service_harness_error (harness, "POST", files_path, retry_done, 400, "ErrBadRequest",
                             "neither failed nor stopped");
  moi_service_harness_error (harness, "POST", files_path, "{\"files\": [\"zzz\"]}", 404,
                             "ErrNotFound", "zzz");
  g_assert_cmpint (json_object_get_int_member (status, "status"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *link = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  harness = moi_service_harness_new (1);
  folder = moi_service_harness_make_folder (harness, "src", "a.txt", "some text", NULL);
  link = g_build_filename (folder, "link.txt", NULL);
  g_assert_cmpint (symlink ("/etc/hostname", link), ==, 0);
  source_id = moi_service_harness_add_volume (harness, "src", folder);
  good_workflow = moi_service_harness_text_workflow ("NONE");

  g_test_add_func ("/moi/service-errors/malformed-bodies", test_malformed_bodies);
  g_test_add_func ("/moi/service-errors/create-fields", test_create_fields);
  g_test_add_func ("/moi/service-errors/invalid-workflows", test_invalid_workflows);
  g_test_add_func ("/moi/service-errors/duplicates", test_duplicates);
  g_test_add_func ("/moi/service-errors/unknown-ids", test_unknown_ids);
  g_test_add_func ("/moi/service-errors/bad-paging-and-queries", test_bad_paging_and_queries);
  g_test_add_func ("/moi/service-errors/methods-and-paths", test_methods_and_paths);
  g_test_add_func ("/moi/service-errors/too-large", test_too_large);
  g_test_add_func ("/moi/service-errors/max-body-option", test_max_body_option);
  g_test_add_func ("/moi/service-errors/max-body-option-invalid", test_max_body_option_invalid);
  g_test_add_func ("/moi/service-errors/deep-nesting", test_deep_nesting);
  g_test_add_func ("/moi/service-errors/huge-numbers", test_huge_numbers);
  g_test_add_func ("/moi/service-errors/volume-inputs", test_volume_inputs);
  g_test_add_func ("/moi/service-errors/branch-and-retry-rules", test_branch_and_retry_rules);

  ret = g_test_run ();
  moi_service_harness_free (harness);
  g_free (source_id);
  g_free (good_workflow);
  return ret;
}
