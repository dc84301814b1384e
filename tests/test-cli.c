/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The `moi` executable: output, --json, exit codes, URL/key resolution,
 * against the real local service and an in-test server for the errors. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "moi-enums.h"
#include "moi-service-harness.h"
#include "moi-test-client-util.h"

static char *moi_path;

typedef struct
{
  MoiServiceHarness *harness;
  SoupServer *fake;
  char *fake_url;
  const char *fake_mode;
  char *home;
  /* The last run's output. */
  char *out;
  char *err;
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
  else if (g_str_equal (f->fake_mode, "400"))
    status = 400, body = "{\"code\":\"ErrParam\",\"msg\":\"bad page_size\",\"data\":null}";
  else if (g_str_equal (f->fake_mode, "html"))
    type = "text/html", body = "<html><body>proxy login</body></html>";
  else if (g_str_equal (f->fake_mode, "api-error"))
    body = "{\"code\":\"ErrBusy\",\"msg\":\"try later\",\"data\":null,\"request_id\":\"r9\"}";

  moi_test_respond (msg, status, type, body);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->harness = moi_service_harness_new (1);
  f->fake_mode = "ok";
  f->fake = moi_test_server_new (fake_handler, f, &f->fake_url);
  f->home = g_dir_make_tmp ("moi-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moi_test_server_clear (&f->fake);
  g_free (f->fake_url);
  moi_service_harness_free (f->harness);
  moi_service_harness_remove_tree (f->home);
  g_free (f->home);
  g_free (f->out);
  g_free (f->err);
}

/* Runs moi with @url and @key in the environment (NULL: unset) and the
 * NULL-terminated arguments; returns the exit status, with its output in
 * f->out and f->err. The main loop runs meanwhile, for the in-test server. */
static int
run_moi (Fixture    *f,
         const char *url,
         const char *key,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autofree char *config = g_build_filename (f->home, "config", NULL);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, moi_path);
  va_start (args, key);
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

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, moi_test_store_result, &r);
  g_subprocess_communicate_utf8_finish (process, moi_test_wait_for (&r), &f->out, &f->err,
                                        &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* f->out as one JSON object. */
static JsonObject *
out_object (Fixture *f)
{
  g_autoptr(JsonNode) node = parse_json (f->out);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* f->out as a JSON array of @n objects (-1: any number), as every list
 * prints with --json. */
static JsonArray *
out_array (Fixture *f,
           int      n)
{
  g_autoptr(JsonNode) node = parse_json (f->out);
  JsonArray *array;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  if (n >= 0)
    g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)));
  return json_array_ref (array);
}

static const char *
element_string (JsonArray  *array,
                guint       index,
                const char *key)
{
  return json_object_get_string_member (json_array_get_object_element (array, index), key);
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
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_moi (f, url, key, "--json", "volume", "create", "docs", folder, NULL),
                   ==, 0);
  object = out_object (f);
  volume_id = g_strdup (json_object_get_string_member (object, "id"));
  g_clear_pointer (&object, json_object_unref);

  /* Every list prints an array of objects with --json. */
  g_assert_cmpint (run_moi (f, url, key, "--json", "volume", "list", NULL), ==, 0);
  array = out_array (f, 1);
  g_assert_cmpstr (element_string (array, 0, "id"), ==, volume_id);
  g_assert_cmpstr (element_string (array, 0, "name"), ==, "docs");
  g_clear_pointer (&array, json_array_unref);

  /* A create body as the spec shows it, read from a file. */
  body = g_strdup_printf ("{\"name\": \"cli-flow\", \"source_volume_ids\": [\"%s\"],"
                          " \"file_types\": \"[1]\", \"process_mode\": {\"interval\": 0,"
                          " \"offset\": 0}, \"create_target_volume_name\": \"cli-out\","
                          " \"workflow\": %s}", volume_id, workflow);
  g_file_set_contents (body_path, body, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_moi (f, url, key, "workflow", "create", body_path, NULL), ==, 0);
  workflow_id = g_strstrip (g_strdup (f->out));
  g_assert_cmpuint (strlen (workflow_id), >, 0);

  /* check-name: 1 once taken, 0 while free. */
  g_assert_cmpint (run_moi (f, url, key, "workflow", "check-name", "cli-flow", NULL), ==, 1);
  g_assert_nonnull (strstr (f->out, "Taken"));
  g_assert_cmpint (run_moi (f, url, key, "--json", "workflow", "check-name", "new", NULL), ==, 0);
  object = out_object (f);
  g_assert_true (json_object_get_boolean_member (object, "available"));
  g_clear_pointer (&object, json_object_unref);

  /* The table names the workflow and counts it; JSON lists it. */
  g_assert_cmpint (run_moi (f, url, key, "workflow", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "NAME"));
  g_assert_nonnull (strstr (f->out, "cli-flow"));
  g_assert_nonnull (strstr (f->out, workflow_id));
  g_assert_nonnull (strstr (f->out, "1 of 1 workflow\n"));
  g_assert_cmpint (run_moi (f, url, key, "--json", "workflow", "list", "--search", "cli", NULL),
                   ==, 0);
  array = out_array (f, 1);
  g_assert_cmpstr (element_string (array, 0, "id"), ==, workflow_id);
  g_assert_cmpstr (element_string (array, 0, "name"), ==, "cli-flow");
  g_clear_pointer (&array, json_array_unref);
  g_assert_cmpint (run_moi (f, url, key, "--json", "workflow", "list", "--search", "nothing",
                            NULL), ==, 0);
  array = out_array (f, 0);
  g_clear_pointer (&array, json_array_unref);

  g_assert_cmpint (run_moi (f, url, key, "workflow", "show", workflow_id, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^Components +2$", f->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Connections +1$", f->out, G_REGEX_MULTILINE, 0));
  g_assert_cmpint (run_moi (f, url, key, "--json", "workflow", "show", workflow_id, NULL), ==, 0);
  object = out_object (f);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, workflow_id);
  g_clear_pointer (&object, json_object_unref);

  g_assert_cmpint (run_moi (f, url, key, "--json", "branch", "list", workflow_id, NULL), ==, 0);
  array = out_array (f, -1);
  g_clear_pointer (&array, json_array_unref);

  g_assert_cmpint (run_moi (f, url, key, "--json", "job", "list", "--workflow", workflow_id,
                            NULL), ==, 0);
  array = out_array (f, 1);
  job_id = g_strdup (element_string (array, 0, "id"));
  g_assert_cmpstr (element_string (array, 0, "workflow_meta_id"), ==, workflow_id);
  g_clear_pointer (&array, json_array_unref);

  /* watch follows the job to its end: exit 0 for completed. */
  g_assert_cmpint (run_moi (f, url, key, "job", "watch", job_id, "--interval", "20", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "completed: 2/2"));
  /* With --json, one object a line; the last says completed. */
  g_assert_cmpint (run_moi (f, url, key, "--json", "job", "watch", job_id, "--interval", "20",
                            NULL), ==, 0);
  lines = g_strsplit (g_strstrip (f->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = parse_json (lines[i]);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      if (lines[i + 1] == NULL)
        g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "status"), ==,
                         MOI_JOB_STATUS_COMPLETED);
    }

  g_assert_cmpint (run_moi (f, url, key, "--json", "job", "show", job_id, NULL), ==, 0);
  object = out_object (f);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, job_id);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "status_info")));
  g_clear_pointer (&object, json_object_unref);

  g_assert_cmpint (run_moi (f, url, key, "job", "files", job_id, "--status", "completed", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (f->out, "a.txt"));
  g_assert_nonnull (strstr (f->out, "2 files: 2 completed"));
  g_assert_cmpint (run_moi (f, url, key, "--json", "job", "files", job_id, NULL), ==, 0);
  array = out_array (f, 2);
  g_clear_pointer (&array, json_array_unref);

  /* The source volume's files are the ones the job read; their blocks hold
   * the text the DocumentWriter stored. */
  g_assert_cmpint (run_moi (f, url, key, "--json", "volume", "files", volume_id, NULL), ==, 0);
  array = out_array (f, 2);
  file_id = g_strdup (element_string (array, 0, "id"));
  g_clear_pointer (&array, json_array_unref);
  g_assert_cmpint (run_moi (f, url, key, "volume", "blocks", volume_id, file_id, NULL), ==, 0);
  g_assert_true (strstr (f->out, "alpha") != NULL || strstr (f->out, "beta") != NULL);
  g_assert_cmpint (run_moi (f, url, key, "--json", "volume", "blocks", volume_id, file_id, NULL),
                   ==, 0);
  array = out_array (f, -1);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  g_clear_pointer (&array, json_array_unref);

  /* An action says what it did to which id. */
  g_assert_cmpint (run_moi (f, url, key, "--json", "workflow", "delete", workflow_id, NULL), ==, 0);
  object = out_object (f);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, workflow_id);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_clear_pointer (&object, json_object_unref);
  g_assert_cmpint (run_moi (f, url, key, "workflow", "show", workflow_id, NULL), ==, 5);
  g_assert_nonnull (strstr (f->err, "moi: "));
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
    { "400", 1, "bad page_size" },
    { "html", 6, "HTML" },
    { "api-error", 1, "try later" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      f->fake_mode = cases[i].mode;
      g_assert_cmpint (run_moi (f, f->fake_url, "k", "job", "show", "j1", NULL), ==,
                       cases[i].status);
      g_assert_nonnull (strstr (f->err, cases[i].fragment));
      g_assert_cmpstr (f->out, ==, "");
      /* --json changes nothing for errors: stdout stays empty. */
      g_assert_cmpint (run_moi (f, f->fake_url, "k", "--json", "job", "show", "j1", NULL), ==,
                       cases[i].status);
      g_assert_cmpstr (f->out, ==, "");
    }
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *config_dir = g_build_filename (f->home, "config", "moi-studio", NULL);
  g_autofree char *key_file = g_build_filename (config_dir, "server-key", NULL);
  g_autofree char *unreachable = moi_test_unused_url ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_moi (f, NULL, "k", "workflow", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "MOI_URL"));

  g_assert_cmpint (run_moi (f, f->fake_url, "k", "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "frobnicate"));

  g_assert_cmpint (run_moi (f, f->fake_url, "k", "job", "show", NULL), ==, 2);
  g_assert_cmpint (run_moi (f, "ftp://example.com", "k", "job", "list", NULL), ==, 2);

  /* No key for a loopback URL: the local server's key file is used. */
  g_assert_cmpint (run_moi (f, f->fake_url, NULL, "job", "show", "j", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "MOI_KEY"));
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);
  g_file_set_contents (key_file, moi_service_harness_get_key (f->harness), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_moi (f, moi_service_harness_get_url (f->harness), NULL, "volume", "list",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "VOLUME ID"));

  /* Nothing listens: exit 3. */
  g_assert_cmpint (run_moi (f, unreachable, "k", "workflow", "list", NULL), ==, 3);
  g_assert_nonnull (strstr (f->err, "127.0.0.1"));
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
