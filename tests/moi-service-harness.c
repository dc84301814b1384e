/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gstdio.h>

#include "moi-job-runner.h"
#include "moi-service.h"
#include "moi-service-harness.h"
#include "moi-store.h"

struct _MoiServiceHarness
{
  char          *dir;
  char          *url;
  char          *key;
  guint          n_workers;
  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GMutex         lock;
  GCond          cond;
  gboolean       ready;
  SoupSession   *session;
  GSubprocess   *process;    /* moi_service_harness_spawn() */
  gboolean       owns_dir;
};

static gpointer
server_thread (gpointer data)
{
  MoiServiceHarness *self = data;
  g_autofree char *db = g_build_filename (self->dir, "moi-server.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = NULL;
  g_autoptr(MoiJobRunner) runner = NULL;
  g_autoptr(MoiService) service = NULL;

  g_main_context_push_thread_default (self->context);
  store = moi_store_new (db, &error);
  g_assert_no_error (error);
  runner = moi_job_runner_new (store, self->n_workers);
  service = moi_service_new (store, runner, self->key, self->dir);
  moi_service_listen (service, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  moi_job_runner_start (runner);

  g_mutex_lock (&self->lock);
  self->url = moi_service_dup_url (service);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  moi_service_disconnect (service);
  moi_job_runner_shutdown (runner);
  g_clear_object (&service);
  g_clear_object (&runner);
  g_clear_object (&store);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

MoiServiceHarness *
moi_service_harness_new (guint n_workers)
{
  MoiServiceHarness *self = g_new0 (MoiServiceHarness, 1);
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("moi-service-XXXXXX", &error);
  self->owns_dir = TRUE;
  g_assert_no_error (error);
  self->key = g_strdup_printf ("test-key-%08x%08x", g_random_int (), g_random_int ());
  self->n_workers = n_workers;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("moi-service", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  return self;
}

MoiServiceHarness *
moi_service_harness_connect (const char *url,
                             const char *key,
                             const char *dir)
{
  MoiServiceHarness *self = g_new0 (MoiServiceHarness, 1);

  self->url = g_strdup (url);
  self->key = g_strdup (key);
  self->dir = g_strdup (dir);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  return self;
}

MoiServiceHarness *
moi_service_harness_spawn (const char         *dir,
                           const char * const *args)
{
  MoiServiceHarness *self = g_new0 (MoiServiceHarness, 1);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "server",
                                                   "moi-server", NULL);
  g_autofree char *key_file = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) command = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonNode) ready = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  self->owns_dir = dir == NULL;
  self->dir = dir ? g_strdup (dir) : g_dir_make_tmp ("moi-server-XXXXXX", &error);
  g_assert_no_error (error);
  key_file = g_build_filename (self->dir, "server-key", NULL);
  g_strv_builder_add_many (argv, binary, "--port", "0", "--data-dir", self->dir,
                           "--key-file", key_file, NULL);
  if (args != NULL)
    g_strv_builder_addv (argv, (const char **) args);
  command = g_strv_builder_end (argv);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Tests compare messages with English text. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) command,
                                                &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  ready = json_from_string (line, &error);
  g_assert_no_error (error);
  self->url = g_strdup (json_object_get_string_member (json_node_get_object (ready), "url"));
  g_file_get_contents (key_file, &self->key, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (self->key);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  return self;
}

GSubprocess *
moi_service_harness_get_process (MoiServiceHarness *self)
{
  return self->process;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
moi_service_harness_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        moi_service_harness_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
moi_service_harness_free (MoiServiceHarness *self)
{
  g_clear_object (&self->session);
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
      g_main_loop_unref (self->loop);
      g_main_context_unref (self->context);
      g_mutex_clear (&self->lock);
      g_cond_clear (&self->cond);
    }
  if (self->owns_dir)
    moi_service_harness_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->url);
  g_free (self->key);
  g_free (self);
}

const char *
moi_service_harness_get_url (MoiServiceHarness *self)
{
  return self->url;
}

const char *
moi_service_harness_get_key (MoiServiceHarness *self)
{
  return self->key;
}

const char *
moi_service_harness_get_dir (MoiServiceHarness *self)
{
  return self->dir;
}

char *
moi_service_harness_json (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

JsonObject *
moi_service_harness_call_full (MoiServiceHarness *self,
                               const char        *method,
                               const char        *path,
                               const char        *body,
                               const char        *key,
                               guint              status)
{
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *envelope;

  g_assert_nonnull (msg);
  if (key == NULL || *key)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "moi-key",
                                  key ? key : self->key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  response = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != status)
    g_error ("%s %s: HTTP %u, expected %u: %.*s", method, path, soup_message_get_status (msg),
             status, (int) g_bytes_get_size (response),
             (const char *) g_bytes_get_data (response, NULL));
  root = json_from_string (g_bytes_get_data (response, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  envelope = json_node_get_object (root);
  g_assert_true (json_object_has_member (envelope, "code"));
  g_assert_true (json_object_has_member (envelope, "msg"));
  g_assert_true (json_object_has_member (envelope, "data"));
  g_assert_cmpuint (strlen (json_object_get_string_member (envelope, "request_id")), ==, 36);
  return json_object_ref (envelope);
}

JsonNode *
moi_service_harness_ok (MoiServiceHarness *self,
                        const char        *method,
                        const char        *path,
                        const char        *body)
{
  g_autoptr(JsonObject) envelope = moi_service_harness_call_full (self, method, path, body,
                                                                  NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (envelope, "code"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (envelope, "msg"), ==, "ok");
  return json_node_copy (json_object_get_member (envelope, "data"));
}

JsonNode *
moi_service_harness_request (MoiServiceHarness *self,
                             const char        *method,
                             const char        *format,
                             ...)
{
  g_autofree char *path = NULL;
  va_list ap;

  va_start (ap, format);
  path = g_strdup_vprintf (format, ap);
  va_end (ap);
  return moi_service_harness_ok (self, method, path, NULL);
}

JsonObject *
moi_service_harness_element (JsonNode   *data,
                             const char *array_key,
                             guint       index)
{
  JsonArray *array;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));
  array = json_object_get_array_member (json_node_get_object (data), array_key);
  g_assert_nonnull (array);
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

void
moi_service_harness_error (MoiServiceHarness *self,
                           const char        *method,
                           const char        *path,
                           const char        *body,
                           guint              status,
                           const char        *code,
                           const char        *fragment)
{
  g_autoptr(JsonObject) envelope = moi_service_harness_call_full (self, method, path, body,
                                                                  NULL, status);
  const char *msg = json_object_get_string_member (envelope, "msg");

  g_assert_cmpstr (json_object_get_string_member (envelope, "code"), ==, code);
  g_assert_true (json_object_get_null_member (envelope, "data"));
  if (fragment != NULL && strstr (msg, fragment) == NULL)
    g_error ("%s %s: message “%s” does not mention “%s”", method, path, msg, fragment);
}

static char *
make_folder_valist (MoiServiceHarness *self,
                    const char        *folder,
                    va_list            ap)
{
  g_autofree char *path = g_build_filename (self->dir, folder, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *content = va_arg (ap, const char *);
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *parent = g_path_get_dirname (file);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_file_set_contents (file, content, -1, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&path);
}

char *
moi_service_harness_make_folder (MoiServiceHarness *self,
                                 const char        *folder,
                                 ...)
{
  char *path;
  va_list ap;

  va_start (ap, folder);
  path = make_folder_valist (self, folder, ap);
  va_end (ap);
  return path;
}

char *
moi_service_harness_add_folder_volume (MoiServiceHarness *self,
                                       const char        *folder,
                                       ...)
{
  g_autofree char *path = NULL;
  va_list ap;

  va_start (ap, folder);
  path = make_folder_valist (self, folder, ap);
  va_end (ap);
  return moi_service_harness_add_volume (self, folder, path);
}

char *
moi_service_harness_add_volume (MoiServiceHarness *self,
                                const char        *name,
                                const char        *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  text = json_to_string (body, FALSE);
  data = moi_service_harness_ok (self, "POST", "/byoa/api/v1/explore/volumes", text);
  return g_strdup (json_object_get_string_member (json_node_get_object (data), "id"));
}

JsonObject *
moi_service_harness_wait_job (MoiServiceHarness *self,
                              const char        *job_id,
                              guint              timeout_ms)
{
  g_autofree char *path = g_strdup_printf ("/byoa/api/v1/workflow_job/%s/status", job_id);
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      g_autoptr(JsonNode) data = moi_service_harness_ok (self, "GET", path, NULL);
      JsonObject *status = json_node_get_object (data);

      if (json_object_get_int_member (status, "status") != 0)
        return json_object_ref (status);
      if (g_get_monotonic_time () > deadline)
        g_error ("Job %s still processing after %u ms", job_id, timeout_ms);
      g_usleep (20 * 1000);
    }
}

char *
moi_service_harness_latest_job (MoiServiceHarness *self,
                                const char        *workflow_id)
{
  g_autofree char *path = g_strdup_printf ("/byoa/api/v1/workflow_job?workflow_id=%s"
                                           "&page_size=1", workflow_id);
  g_autoptr(JsonNode) data = moi_service_harness_ok (self, "GET", path, NULL);
  JsonArray *jobs = json_object_get_array_member (json_node_get_object (data), "jobs");

  g_assert_cmpuint (json_array_get_length (jobs), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (jobs, 0), "id"));
}

char *
moi_service_harness_text_workflow (const char *policy)
{
  g_autofree char *text = g_strdup_printf (
    "{'components': ["
    "  {'name': 'TextFileToDocument',"
    "   'type': 'haystack.components.converters.txt.TextFileToDocument',"
    "   'component_id': 'TextFileToDocument_1', 'intro': 'TextFileToDocument',"
    "   'position': {'x': 0, 'y': 0}, 'input_keys': {}, 'output_keys': {},"
    "   'init_parameters': {'encoding': 'utf-8'}},"
    "  {'name': 'DocumentWriter',"
    "   'type': 'haystack.components.writers.document_writer.DocumentWriter',"
    "   'component_id': 'DocumentWriter_1', 'intro': 'DocumentWriter',"
    "   'position': {'x': 300, 'y': 0}, 'input_keys': {}, 'output_keys': {},"
    "   'init_parameters': {'document_store': {'type': "
    "'byoa.integrations.document_stores.mo_document_store.MOIDocumentStore', "
    "'init_parameters': {}}, 'policy': '%s'}}],"
    " 'connections': [{'sender': 'TextFileToDocument.documents',"
    "                  'receiver': 'DocumentWriter.documents'}],"
    " 'edges': [], 'extra_components': [], 'unknown_key': {'kept': [1, 2.5, true]}}",
    policy);

  return moi_service_harness_json (text);
}
