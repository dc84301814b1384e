/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client against a small in-test server that answers like the real
 * cloud does: the spec's own examples, string-encoded arrays, mixed time
 * formats, "OK", HTML error pages, 401/404, slowness, dropped connections,
 * truncated bodies. */
#include "config.h"

#include <libsoup/soup.h>

#include "moi-client.h"
#include "moi-test-client-util.h"

#define TEST_KEY "sk-test-0123456789abcdef"

typedef struct
{
  SoupServer *server;
  char *base_url;
  MoiClient *client;
  const char *mode;
  guint n_requests;
  guint n_failures_left;
  guint status;              /* mode "status": answer this with an error envelope */
  char *last_method;
  char *last_path;
  char *last_query;
  char *last_key;
  char *last_user_agent;
  char *last_body;
  GPtrArray *paused;
} Fixture;

static GPtrArray *debug_lines;

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "client", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
respond_fixture (SoupServerMessage *msg,
                 const char        *name)
{
  g_autofree char *text = fixture_text (name);

  moi_test_respond (msg, 200, "application/json", text);
}

static const char *
spec_fixture_for (const char *method,
                  const char *path)
{
  const char *rest;

  if (g_str_has_prefix (path, "/byoa/api/v1/workflow_meta"))
    {
      rest = path + strlen ("/byoa/api/v1/workflow_meta");
      if (g_str_equal (method, "POST") && *rest == '\0')
        return "create-response.json";
      if (!g_str_equal (method, "GET"))
        return "ok-null.json";
      if (*rest == '\0')
        return "workflow-list.json";
      if (g_str_has_prefix (rest, "/branch/"))
        return "branch-detail.json";
      if (g_str_has_suffix (rest, "/branch"))
        return "branch-list.json";
      return "workflow-detail.json";
    }
  if (g_str_has_prefix (path, "/byoa/api/v1/workflow_job"))
    {
      rest = path + strlen ("/byoa/api/v1/workflow_job");
      if (!g_str_equal (method, "GET"))
        return "ok-null.json";
      if (*rest == '\0')
        return "job-list.json";
      if (g_str_has_suffix (rest, "/files"))
        return "job-files.json";
      if (g_str_has_suffix (rest, "/status"))
        return "job-status.json";
      return "job-detail.json";
    }
  return NULL;
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  moi_test_respond (msg, 200, "application/json", "{\"code\":\"ok\",\"msg\":\"ok\",\"data\":null}");
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *fixture;

  f->n_requests++;
  g_free (f->last_method);
  f->last_method = g_strdup (method);
  g_free (f->last_path);
  f->last_path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  g_free (f->last_query);
  f->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  g_free (f->last_key);
  f->last_key = g_strdup (soup_message_headers_get_one (headers, "moi-key"));
  g_free (f->last_user_agent);
  f->last_user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (f->last_body);
  f->last_body = body->length > 0 ? g_strndup (body->data, body->length) : NULL;

  if (g_str_equal (f->mode, "api-error"))
    moi_test_respond (msg, 200, "application/json",
             "{\"code\": \"ErrInternal\", \"msg\": \"the volume is busy\", \"data\": null,"
             " \"request_id\": \"req-42\"}");
  else if (g_str_equal (f->mode, "upper-ok"))
    moi_test_respond (msg, 200, "application/json",
             "{\"code\": \"OK\", \"msg\": \"OK\", \"data\": {\"job_id\": \"j\", \"status\": \"0\","
             " \"progress\": \"40\", \"start_time\": \"2025-02-12T17:20:15.000000+0000\","
             " \"end_time\": null}}");
  else if (g_str_equal (f->mode, "html-500"))
    moi_test_respond (msg, 500, "text/html",
             "<html><head><title>500 Internal Server Error</title></head>"
             "<body><center><h1>500 Internal Server Error</h1></center><hr>nginx</body></html>");
  else if (g_str_equal (f->mode, "html-200"))
    moi_test_respond (msg, 200, "text/html", "<!DOCTYPE html><html><body>Login</body></html>");
  else if (g_str_equal (f->mode, "401"))
    moi_test_respond (msg, 401, "application/json",
             "{\"code\": \"ErrUnauthorized\", \"msg\": \"invalid moi-key\", \"data\": null,"
             " \"request_id\": \"req-401\"}");
  else if (g_str_equal (f->mode, "status"))
    moi_test_respond (msg, f->status, "application/json",
                      "{\"code\": \"ErrRequest\", \"msg\": \"field name must not be empty\","
                      " \"data\": null, \"request_id\": \"req-77\"}");
  else if (g_str_equal (f->mode, "status-empty"))
    soup_server_message_set_status (msg, f->status, NULL);
  else if (g_str_equal (f->mode, "404"))
    moi_test_respond (msg, 404, "application/json",
             "{\"code\": \"ErrNotFound\", \"msg\": \"workflow nope not found\", \"data\": null,"
             " \"request_id\": \"req-404\"}");
  else if (g_str_equal (f->mode, "truncated"))
    moi_test_respond (msg, 200, "application/json",
             "{\"code\": \"ok\", \"msg\": \"ok\","
             " \"data\": {\"total\": 3, \"workflows\": [{\"id\"");
  else if (g_str_equal (f->mode, "no-envelope"))
    moi_test_respond (msg, 200, "application/json", "{\"workflows\": []}");
  else if (g_str_equal (f->mode, "204"))
    soup_server_message_set_status (msg, 204, NULL);
  else if (g_str_equal (f->mode, "volumes-array"))
    moi_test_respond (msg, 200, "application/json",
             "{\"code\": \"ok\", \"data\": [{\"id\": 7, \"name\": \"a\","
             " \"created_at\": \"2025-02-12T17:20:15Z\"}, {\"id\": \"8\", \"name\": \"b\"}]}");
  else if (g_str_equal (f->mode, "volumes-list"))
    moi_test_respond (msg, 200, "application/json",
             "{\"code\": \"ok\", \"data\": {\"total\": \"12\", \"list\":"
             " \"[{\\\"id\\\": \\\"v1\\\"}]\"}}");
  else if (g_str_equal (f->mode, "cut-body"))
    {
      /* Headers promise 200 bytes; 20 come, then the connection drops. */
      GIOStream *stream = soup_server_message_steal_connection (msg);
      const char raw[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Content-Length: 200\r\n\r\n{\"code\": \"ok\", \"da";

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                                 NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_equal (f->mode, "drop"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_equal (f->mode, "503-then-ok") && f->n_failures_left > 0)
    {
      f->n_failures_left--;
      moi_test_respond (msg, 503, "text/plain", "busy");
    }
  else if (g_str_equal (f->mode, "pause"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
      g_timeout_add_seconds (3, unpause_cb, msg);
    }
  else if ((fixture = spec_fixture_for (method, path)) != NULL)
    respond_fixture (msg, fixture);
  else
    moi_test_respond (msg, 404, "application/json",
             "{\"code\": \"ErrNotFound\", \"msg\": \"no route\", \"data\": null}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->mode = "spec";
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = moi_test_server_new (handler, f, &f->base_url);
  f->client = moi_client_new (f->base_url, TEST_KEY);
  moi_client_set_retry_delay (f->client, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  /* A paused message's unpause timer must not outlive it: it would fire in
   * a later test, on a message the server has freed. */
  for (guint i = 0; i < f->paused->len; i++)
    g_source_remove_by_user_data (g_ptr_array_index (f->paused, i));
  moi_test_server_clear (&f->server);
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_free (f->base_url);
  g_free (f->last_method);
  g_free (f->last_path);
  g_free (f->last_query);
  g_free (f->last_key);
  g_free (f->last_user_agent);
  g_free (f->last_body);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- the spec's own examples ---------------------------------------------- */

static void
test_spec_examples (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiListQuery) query = moi_list_query_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(MoiWorkflowInfo) branch = NULL;
  g_autoptr(MoiJob) job = NULL;
  g_autoptr(MoiJobStatusInfo) status = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  GAsyncResult *r = NULL;
  guint total = 0;
  const int *types;
  guint n;

  moi_list_query_add_status (query, 1);
  moi_list_query_add_status (query, 2);
  moi_list_query_set_name_search (query, "al pha");
  moi_list_query_set_sort (query, "name", FALSE);
  moi_client_list_workflows_async (f->client, query, 0, 5, NULL, moi_test_store_result, &r);
  items = moi_client_list_workflows_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 20);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (moi_workflow_info_get_name (g_ptr_array_index (items, 0)), ==,
                   "Alpha Workflow");
  /* Arrays go as repeated keys; the key goes in its header. */
  g_assert_nonnull (strstr (f->last_query, "status=1&status=2"));
  g_assert_nonnull (strstr (f->last_query, "name_search=al%20pha"));
  g_assert_nonnull (strstr (f->last_query, "sort_order=ascend"));
  g_assert_nonnull (strstr (f->last_query, "limit=5"));
  g_assert_cmpstr (f->last_key, ==, TEST_KEY);
  g_assert_true (g_str_has_prefix (f->last_user_agent, "moi-studio/"));
  g_clear_pointer (&items, g_ptr_array_unref);

  moi_client_get_workflow_async (f->client, "YOUR_WORKFLOW_ID", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (moi_workflow_info_get_branches (info)), ==, 2);
  g_assert_cmpstr (f->last_path, ==, "/byoa/api/v1/workflow_meta/YOUR_WORKFLOW_ID");

  /* Create: the request body is the spec's, the answer its string-encoded form. */
  moi_client_create_workflow_async (f->client, info, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_method, ==, "POST");
  g_assert_nonnull (strstr (f->last_body, "\"process_mode\":{\"interval\":5,\"offset\":0}"));
  g_assert_null (strstr (f->last_body, "\"branches\""));
  types = moi_workflow_info_get_file_types (created, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpint (types[2], ==, 4);

  moi_client_list_branches_async (f->client, "w1", (const int[]) { 0 }, 1, NULL,
                                  moi_test_store_result, &r);
  items = moi_client_list_branches_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (g_ptr_array_index (items, 1)), ==,
                   "beta-experiment");
  g_assert_cmpstr (f->last_query, ==, "status_in=0");
  g_clear_pointer (&items, g_ptr_array_unref);

  moi_client_get_branch_async (f->client, "your_branch_id", NULL, moi_test_store_result, &r);
  branch = moi_client_get_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (branch), ==, "feature-x");
  g_assert_null (moi_workflow_info_get_workflow (branch));
  g_assert_cmpstr (f->last_path, ==, "/byoa/api/v1/workflow_meta/branch/your_branch_id");

  moi_client_list_jobs_async (f->client, NULL, 2, 10, NULL, moi_test_store_result, &r);
  items = moi_client_list_jobs_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 20);
  g_assert_cmpstr (moi_job_get_id (g_ptr_array_index (items, 0)), ==, "job_uuid_1");
  g_assert_cmpstr (f->last_query, ==, "page_num=2&page_size=10");
  g_clear_pointer (&items, g_ptr_array_unref);

  moi_client_get_job_async (f->client, "cf68", NULL, moi_test_store_result, &r);
  job = moi_client_get_job_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_get_created_at (job), >, 0);

  moi_client_list_job_files_async (f->client, "j1", NULL, 1, 10, NULL, moi_test_store_result, &r);
  items = moi_client_list_job_files_finish (f->client, moi_test_wait_for (&r), &total, &counts,
                                            &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 5);
  g_assert_nonnull (counts);
  g_assert_cmpint (moi_job_file_counts_get_processing (counts), ==, 2);
  g_assert_cmpstr (moi_job_file_get_file_name (g_ptr_array_index (items, 0)), ==,
                   "document_part_1.pdf");
  g_clear_pointer (&items, g_ptr_array_unref);

  moi_client_get_job_status_async (f->client, "j1", NULL, moi_test_store_result, &r);
  status = moi_client_get_job_status_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_status_info_get_status (status), ==, 2);

  moi_client_retry_job_files_async (f->client, "j1", (const char * const[]) { "a", "b", NULL },
                                    NULL, moi_test_store_result, &r);
  g_assert_true (moi_client_retry_job_files_finish (f->client, moi_test_wait_for (&r), &error));
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_body, ==, "{\"files\":[\"a\",\"b\"]}");

  moi_client_delete_workflow_async (f->client, "w1", TRUE, NULL, moi_test_store_result, &r);
  g_assert_true (moi_client_delete_workflow_finish (f->client, moi_test_wait_for (&r), &error));
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_method, ==, "DELETE");
  g_assert_cmpstr (f->last_path, ==, "/byoa/api/v1/workflow_meta/w1");
  g_assert_cmpstr (f->last_query, ==, "delete_data=true");

  moi_client_stop_workflow_async (f->client, "w1", NULL, moi_test_store_result, &r);
  g_assert_true (moi_client_stop_workflow_finish (f->client, moi_test_wait_for (&r), &error));
  g_clear_object (&r);
  g_assert_cmpstr (f->last_path, ==, "/byoa/api/v1/workflow_meta/w1/stop");
  g_assert_cmpstr (f->last_method, ==, "PUT");
}

static GError *get_workflow_error (Fixture *f);

static void
test_volume_list_shapes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) volumes = NULL;
  GAsyncResult *r = NULL;
  guint total = 0;

  /* data as a bare array: the total is its length. */
  f->mode = "volumes-array";
  moi_client_list_volumes_async (f->client, NULL, moi_test_store_result, &r);
  volumes = moi_client_list_volumes_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpstr (moi_volume_get_id (g_ptr_array_index (volumes, 0)), ==, "7");
  g_assert_cmpint (moi_volume_get_created_at (g_ptr_array_index (volumes, 0)), >, 0);
  g_clear_pointer (&volumes, g_ptr_array_unref);

  /* {total: "12", list: "[...]"}: a string total and a string-encoded list. */
  f->mode = "volumes-list";
  moi_client_list_volumes_async (f->client, NULL, moi_test_store_result, &r);
  volumes = moi_client_list_volumes_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 1);
  g_assert_cmpuint (total, ==, 12);
  g_assert_cmpstr (moi_volume_get_id (g_ptr_array_index (volumes, 0)), ==, "v1");
}

static void
test_cut_body (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new ();
  g_autoptr(MoiWorkflowInfo) created = NULL;
  GAsyncResult *r = NULL;

  f->mode = "cut-body";
  moi_client_set_max_retries (f->client, 1);
  {
    g_autoptr(GError) get_error = get_workflow_error (f);

    g_assert_error (get_error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK);
    /* A GET is retried once more. */
    g_assert_cmpuint (f->n_requests, ==, 2);
  }

  /* A POST cut off mid-answer is not sent again: it may have been done. */
  f->n_requests = 0;
  moi_client_create_workflow_async (f->client, info, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (created);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (f->n_requests, ==, 1);
}

static void
test_no_content (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = NULL;
  GAsyncResult *r = NULL;

  /* The spec allows DELETE to answer 204 with no body. */
  f->mode = "204";
  moi_client_delete_workflow_async (f->client, "w1", FALSE, NULL, moi_test_store_result, &r);
  g_assert_true (moi_client_delete_workflow_finish (f->client, moi_test_wait_for (&r), &error));
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_query, ==, "delete_data=false");

  /* A read that gets no body has nothing to show: that is an error. */
  moi_client_get_workflow_async (f->client, "w1", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (info);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNPARSEABLE);
}

static void
test_upper_case_ok (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiJobStatusInfo) status = NULL;
  GAsyncResult *r = NULL;

  f->mode = "upper-ok";
  moi_client_get_job_status_async (f->client, "j", NULL, moi_test_store_result, &r);
  status = moi_client_get_job_status_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_status_info_get_progress (status), ==, 40);
  g_assert_cmpint (moi_job_status_info_get_start_time (status), >, 0);
  g_assert_cmpint (moi_job_status_info_get_end_time (status), ==, 0);
}

/* --- errors --------------------------------------------------------------- */

static GError *
get_workflow_error (Fixture *f)
{
  g_autoptr(MoiWorkflowInfo) info = NULL;
  GAsyncResult *r = NULL;
  GError *error = NULL;

  moi_client_get_workflow_async (f->client, "w1", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (info);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", f->mode, error->message);
  return error;
}

static void
test_api_error (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "api-error";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_API);
  g_assert_nonnull (strstr (error->message, "the volume is busy"));
  g_assert_nonnull (strstr (error->message, "req-42"));
  g_assert_nonnull (strstr (error->message, "ErrInternal"));
  /* An API error is an answer: no retry even for a GET. */
  g_assert_cmpuint (f->n_requests, ==, 1);
}

static void
test_html_500 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "html-500";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_null (strstr (error->message, "<html"));
  g_assert_cmpuint (f->n_requests, ==, 1);
}

static void
test_html_200 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "html-200";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNPARSEABLE);
  g_assert_nonnull (strstr (error->message, "HTML"));
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "401";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "invalid moi-key"));
  g_assert_null (strstr (error->message, TEST_KEY));
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "404";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "workflow nope not found"));
  g_assert_nonnull (strstr (error->message, "req-404"));
}

/* Each class of HTTP status has its own code and advice, and every message
 * carries what the service said. */
static void
test_status_classes (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    guint status;
    int code;
    const char *advice;
  } cases[] = {
    { 400, MOI_CLIENT_ERROR_BAD_REQUEST, "Correct what it points to" },
    { 422, MOI_CLIENT_ERROR_BAD_REQUEST, "Correct what it points to" },
    { 409, MOI_CLIENT_ERROR_BAD_REQUEST, "conflicts with what is already there" },
    { 413, MOI_CLIENT_ERROR_BAD_REQUEST, "size limit for one request" },
    { 429, MOI_CLIENT_ERROR_RATE_LIMITED, "Wait a minute" },
    { 500, MOI_CLIENT_ERROR_HTTP, "Try again later" },
    { 503, MOI_CLIENT_ERROR_HTTP, "Try again later" },
  };
  g_autofree char *message_400 = NULL;
  g_autofree char *message_500 = NULL;

  /* 503 would be retried: once is enough here. */
  moi_client_set_max_retries (f->client, 0);
  f->mode = "status";
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *status = g_strdup_printf ("HTTP %u", cases[i].status);

      f->status = cases[i].status;
      error = get_workflow_error (f);
      g_assert_error (error, MOI_CLIENT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, status));
      g_assert_nonnull (strstr (error->message, "“field name must not be empty”"));
      g_assert_nonnull (strstr (error->message, "req-77"));
      g_assert_nonnull (strstr (error->message, cases[i].advice));
      g_assert_nonnull (strstr (error->message, "GET /byoa/api/v1/workflow_meta/w1"));
      if (cases[i].status == 400)
        message_400 = g_strdup (error->message);
      else if (cases[i].status == 500)
        message_500 = g_strdup (error->message);
    }
  g_assert_cmpstr (message_400, !=, message_500);
  /* The request's fault is not presented as the service's, nor the reverse. */
  g_assert_null (strstr (message_400, "Try again later"));
  g_assert_null (strstr (message_500, "Correct"));

  /* No body at all: the same advice without a quote. */
  f->mode = "status-empty";
  f->status = 400;
  {
    g_autoptr(GError) error = get_workflow_error (f);

    g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_BAD_REQUEST);
    g_assert_nonnull (strstr (error->message, "(HTTP 400)"));
    g_assert_null (strstr (error->message, "“"));
    g_assert_null (strstr (error->message, "request id"));
  }
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "truncated";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNPARSEABLE);
  g_assert_nonnull (strstr (error->message, "GET /byoa/api/v1/workflow_meta/w1"));
}

static void
test_no_envelope (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "no-envelope";
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNPARSEABLE);
  g_assert_nonnull (strstr (error->message, "code"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  f->mode = "pause";
  moi_client_set_timeout (f->client, 1);
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "within 1 second."));
  /* Timeouts are not retried: one request, about one second. */
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2900 * 1000);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mode = "drop";
  moi_client_set_max_retries (f->client, 2);
  error = get_workflow_error (f);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK);
  /* A GET is retried after a connection error. */
  g_assert_cmpuint (f->n_requests, >=, 3);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MoiClient) client = NULL;
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = moi_test_unused_url ();
  GAsyncResult *r = NULL;

  client = moi_client_new (url, TEST_KEY);
  moi_client_set_retry_delay (client, 1);
  moi_client_get_workflow_async (client, "w1", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* Answers every connection with plain-text bytes, as a misconfigured
 * endpoint on an https:// address would. */
static gboolean
on_plain_incoming (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  const char reply[] = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), reply,
                             strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_tls_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketService) plain = g_socket_service_new ();
  g_autoptr(MoiClient) client = NULL;
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *https = NULL;
  GAsyncResult *r = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (plain, "incoming", G_CALLBACK (on_plain_incoming), NULL);
  g_socket_service_start (plain);
  https = g_strdup_printf ("https://127.0.0.1:%u", port);
  client = moi_client_new (https, TEST_KEY);
  moi_client_set_timeout (client, 5);

  /* The handshake meets plain text (or, without a TLS backend, TLS is
   * unavailable): either way a TLS error. */
  moi_client_get_workflow_async (client, "w1", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (info);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "https"));
  g_test_message ("%s", error->message);
}

static void
test_retry_then_ok (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(MoiWorkflowInfo) created = NULL;
  GAsyncResult *r = NULL;

  f->mode = "503-then-ok";
  f->n_failures_left = 2;
  moi_client_get_workflow_async (f->client, "w1", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpuint (f->n_requests, ==, 3);

  /* A POST never retries by itself. */
  f->n_requests = 0;
  f->n_failures_left = 2;
  moi_client_create_workflow_async (f->client, info, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (f->n_requests, ==, 1);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *r = NULL;
  gint64 start = g_get_monotonic_time ();

  f->mode = "pause";
  moi_client_get_workflow_async (f->client, "w1", cancellable, moi_test_store_result, &r);
  g_timeout_add (100, cancel_cb, cancellable);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_CANCELLED);
  g_assert_true (moi_client_error_is_cancelled (error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_debug_log_hides_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MoiJobStatusInfo) status = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *r = NULL;
  gboolean seen = FALSE;

  g_ptr_array_set_size (debug_lines, 0);
  moi_client_get_job_status_async (f->client, "j1", NULL, moi_test_store_result, &r);
  status = moi_client_get_job_status_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);

  for (guint i = 0; i < debug_lines->len; i++)
    {
      const char *line = g_ptr_array_index (debug_lines, i);

      g_assert_null (strstr (line, TEST_KEY));
      if (strstr (line, "GET /byoa/api/v1/workflow_job/j1/status") && strstr (line, "200") &&
          strstr (line, " ms"))
        seen = TRUE;
    }
  g_assert_true (seen);
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if (g_strcmp0 (domain, "moi-client") == 0 && message != NULL)
    g_ptr_array_add (debug_lines, g_strdup (message));
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  debug_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/moi/client-quirks/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("spec-examples", test_spec_examples);
  ADD ("upper-case-ok", test_upper_case_ok);
  ADD ("no-content", test_no_content);
  ADD ("volume-list-shapes", test_volume_list_shapes);
  ADD ("cut-body", test_cut_body);
  ADD ("api-error", test_api_error);
  ADD ("html-500", test_html_500);
  ADD ("html-200", test_html_200);
  ADD ("unauthorized", test_unauthorized);
  ADD ("not-found", test_not_found);
  ADD ("status-classes", test_status_classes);
  ADD ("truncated", test_truncated);
  ADD ("no-envelope", test_no_envelope);
  ADD ("timeout", test_timeout);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("unreachable", test_unreachable);
  ADD ("tls-failure", test_tls_failure);
  ADD ("retry-then-ok", test_retry_then_ok);
  ADD ("cancel-mid-request", test_cancel_mid_request);
  ADD ("debug-log-hides-key", test_debug_log_hides_key);
#undef ADD

  return g_test_run ();
}
