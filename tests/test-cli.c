/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The `moi` executable: output, --json, exit codes, URL/key resolution,
 * against the real local service and an in-test server for the errors. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "moi-service-harness.h"

static char *moi_path;

typedef struct
{
  MoiServiceHarness *harness;
  SoupServer *fake;
  char *fake_url;
  const char *fake_mode;
  char *home;
} Fixture;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;
  const char *body = "{\"code\":\"ok\",\"msg\":\"ok\",\"data\":null}";
  guint status = 200;
  const char *type = "application/json";

  if (g_str_equal (f->fake_mode, "401"))
    status = 401, body = "{\"code\":\"ErrAuth\",\"msg\":\"bad key\",\"data\":null}";
  else if (g_str_equal (f->fake_mode, "404"))
    status = 404, body = "{\"code\":\"ErrNotFound\",\"msg\":\"no such job\",\"data\":null}";
  else if (g_str_equal (f->fake_mode, "html"))
    type = "text/html", body = "<html><body>proxy login</body></html>";
  else if (g_str_equal (f->fake_mode, "api-error"))
    body = "{\"code\":\"ErrBusy\",\"msg\":\"try later\",\"data\":null,\"request_id\":\"r9\"}";

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->harness = moi_service_harness_new (1);
  f->fake = soup_server_new (NULL, NULL);
  f->fake_mode = "ok";
  soup_server_add_handler (f->fake, NULL, fake_handler, f, NULL);
  soup_server_listen_local (f->fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->fake);
  f->fake_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->home = g_dir_make_tmp ("moi-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->fake);
  g_clear_object (&f->fake);
  g_free (f->fake_url);
  moi_service_harness_free (f->harness);
  moi_service_harness_remove_tree (f->home);
  g_free (f->home);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs moi with @url and @key in the environment (NULL: unset) and the
 * NULL-terminated arguments; returns the exit status. The main loop runs
 * meanwhile, for the in-test server. */
static int
run_moi (Fixture     *f,
         const char  *url,
         const char  *key,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (f->home, "config", NULL);
  GAsyncResult *r = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, moi_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (url)
    g_subprocess_launcher_setenv (launcher, "MOI_URL", url, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "MOI_URL");
  if (key)
    g_subprocess_launcher_setenv (launcher, "MOI_KEY", key, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "MOI_KEY");
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, store_result, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, r, out, err, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_against_service (Fixture       *f,
                      gconstpointer  data)
{
  const char *url = moi_service_harness_get_url (f->harness);
  const char *key = moi_service_harness_get_key (f->harness);
  g_autofree char *folder = moi_service_harness_make_folder (f->harness, "docs", "a.txt", "alpha",
                                                             "b.txt", "beta", NULL);
  g_autofree char *workflow = moi_service_harness_text_workflow ("NONE");
  g_autofree char *body_path = g_build_filename (f->home, "create.json", NULL);
  g_autofree char *body = NULL;
  g_autofree char *volume_id = NULL;
  g_autofree char *workflow_id = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *file_id = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  char *err = NULL;
  int status;

  status = run_moi (f, url, key, &out, &err, "--json", "volume", "create", "docs", folder, NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  volume_id = g_strdup (json_object_get_string_member (object, "id"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A create body as the spec shows it, read from a file. */
  body = g_strdup_printf ("{\"name\": \"cli-flow\", \"source_volume_ids\": [\"%s\"],"
                          " \"file_types\": \"[1]\", \"process_mode\": {\"interval\": 0,"
                          " \"offset\": 0}, \"create_target_volume_name\": \"cli-out\","
                          " \"workflow\": %s}", volume_id, workflow);
  g_file_set_contents (body_path, body, -1, &error);
  g_assert_no_error (error);
  status = run_moi (f, url, key, &out, &err, "workflow", "create", body_path, NULL);
  g_assert_cmpint (status, ==, 0);
  workflow_id = g_strstrip (g_strdup (out));
  g_assert_cmpuint (strlen (workflow_id), >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* check-name: 1 once taken, 0 while free. */
  g_assert_cmpint (run_moi (f, url, key, &out, &err, "workflow", "check-name", "cli-flow", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "Taken"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_moi (f, url, key, &out, &err, "--json", "workflow", "check-name", "new",
                            NULL), ==, 0);
  object = parse_object (out);
  g_assert_true (json_object_get_boolean_member (object, "available"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The table names the workflow; JSON carries the total. */
  status = run_moi (f, url, key, &out, &err, "workflow", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "NAME"));
  g_assert_nonnull (strstr (out, "cli-flow"));
  g_assert_nonnull (strstr (out, workflow_id));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_moi (f, url, key, &out, &err, "--json", "workflow", "list", "--search", "cli", NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 1);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_moi (f, url, key, &out, &err, "workflow", "show", workflow_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "2 components, 1 connections"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_moi (f, url, key, &out, &err, "--json", "job", "list", "--workflow", workflow_id,
                    NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  job_id = g_strdup (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (object, "jobs"), 0), "id"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* watch follows the job to its end: exit 0 for completed. */
  status = run_moi (f, url, key, &out, &err, "job", "watch", job_id, "--interval", "20", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "2/2 completed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_moi (f, url, key, &out, &err, "job", "files", job_id, "--status", "completed",
                    NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "a.txt"));
  g_assert_nonnull (strstr (out, "2 files: 2 completed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The source volume's files are the ones the job read; their blocks hold
   * the text the DocumentWriter stored. */
  status = run_moi (f, url, key, &out, &err, "--json", "volume", "files", volume_id, NULL);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 2);
  file_id = g_strdup (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (object, "files"), 0), "id"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_moi (f, url, key, &out, &err, "volume", "blocks", volume_id, file_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (strstr (out, "alpha") != NULL || strstr (out, "beta") != NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_moi (f, url, key, &out, &err, "workflow", "delete", workflow_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_moi (f, url, key, &out, &err, "workflow", "show", workflow_id, NULL);
  g_assert_cmpint (status, ==, 5);
  g_assert_nonnull (strstr (err, "moi: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *mode;
    int status;
    const char *fragment;
  } cases[] = {
    { "401", 4, "bad key" },
    { "404", 5, "no such job" },
    { "html", 6, "HTML" },
    { "api-error", 1, "try later" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      f->fake_mode = cases[i].mode;
      status = run_moi (f, f->fake_url, "k", &out, &err, "job", "show", "j1", NULL);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].fragment));
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *config_dir = g_build_filename (f->home, "config", "moi-studio", NULL);
  g_autofree char *key_file = g_build_filename (config_dir, "server-key", NULL);
  g_autofree char *unreachable = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (run_moi (f, NULL, "k", &out, &err, "workflow", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "MOI_URL"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_moi (f, f->fake_url, "k", &out, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_moi (f, f->fake_url, "k", &out, &err, "job", "show", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_moi (f, "ftp://example.com", "k", &out, &err, "job", "list", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No key for a loopback URL: the local server's key file is used. */
  g_assert_cmpint (run_moi (f, f->fake_url, NULL, &out, &err, "job", "show", "j", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "MOI_KEY"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);
  g_file_set_contents (key_file, moi_service_harness_get_key (f->harness), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_moi (f, moi_service_harness_get_url (f->harness), NULL, &out, &err,
                            "volume", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "VOLUME ID"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing listens: exit 3. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, &error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  unreachable = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);
  g_assert_cmpint (run_moi (f, unreachable, "k", &out, &err, "workflow", "list", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "127.0.0.1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

int
main (int   argc,
      char *argv[])
{
  /* meson passes the built executable as --moi=PATH. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--moi="))
      {
        moi_path = g_strdup (argv[i] + strlen ("--moi="));
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        break;
      }

  g_test_init (&argc, &argv, NULL);
  if (moi_path == NULL)
    {
      g_test_skip ("run with --moi=PATH to the moi executable");
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add ("/moi/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("against-service", test_against_service);
  ADD ("exit-codes", test_exit_codes);
  ADD ("usage", test_usage);
#undef ADD

  return g_test_run ();
}
