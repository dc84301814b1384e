/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "moi-job-runner.h"
#include "moi-run-cli.h"
#include "moi-service.h"
#include "moi-store.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

/* Reads the key, or makes a random one (32 bytes, hex) readable by the
 * user only. The key itself is never logged. */
static char *
load_or_create_key (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GString) key = NULL;
  struct stat st;
  int fd;

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (*contents == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The key file %s is empty"), path);
          return NULL;
        }
      if (stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
        g_warning ("The key file %s can be read by other users; run chmod 600 on it", path);
      return g_steal_pointer (&contents);
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  key = g_string_new (NULL);
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (key, "%08x", g_random_int ());
  g_string_append_c (key, '\n');

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 || write (fd, key->str, key->len) != (gssize) key->len)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the key file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  g_string_truncate (key, key->len - 1);
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* {"url", "key_file", "pid"}: the first line a started service prints, and
 * what it keeps in moi-server.json beside its database while it runs, so
 * that a second start on the same data folder (refused: one service per
 * folder) can say where the running one is. */
static char *
ready_text (const char *url,
            const char *key_file)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "key_file");
  json_builder_add_string_value (builder, key_file);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
print_line (const char *line)
{
  /* The app and scripts read this first line to find the service. */
  fprintf (stdout, "%s\n", line);
  fflush (stdout);
}

/* Whether the process a record names still runs. */
static gboolean
record_alive (JsonObject *record)
{
  gint64 pid = json_object_get_int_member_with_default (record, "pid", 0);

  return pid > 0 && pid <= G_MAXINT && (kill ((pid_t) pid, 0) == 0 || errno == EPERM);
}

/* The data folder is another service's: say so, on stdout as JSON
 * ({"error": "busy"} plus that service's url, key_file and pid when it
 * has recorded them) and on stderr in words. */
static int
report_busy (const char *server_file,
             GError     *error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  JsonObject *object = NULL;
  const char *url = NULL;

  /* The service holding the folder may be starting and not have written
   * its record yet (or a killed one's may still be there): wait a little
   * for a record whose process is alive. */
  for (guint tries = 0; object == NULL && tries < 30; tries++)
    {
      if (tries > 0)
        g_usleep (100 * 1000);
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&running, json_node_unref);
      if (!g_file_get_contents (server_file, &text, NULL, NULL)
          || (running = json_from_string (text, NULL)) == NULL
          || !JSON_NODE_HOLDS_OBJECT (running))
        continue;
      if (record_alive (json_node_get_object (running)))
        object = json_node_get_object (running);
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, "busy");
  for (guint i = 0; object != NULL && i < 3; i++)
    {
      static const char * const keys[] = { "url", "key_file", "pid" };
      JsonNode *value = json_object_get_member (object, keys[i]);

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
        continue;
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_value (builder, json_node_copy (value));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  print_line (line);

  if (object != NULL)
    url = json_object_get_string_member_with_default (object, "url", NULL);
  if (url != NULL)
    g_printerr ("moi-server: %s (%s)\n", error->message, url);
  else
    g_printerr ("moi-server: %s\n", error->message);
  return 3;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = NULL;
  g_autoptr(MoiJobRunner) runner = NULL;
  g_autoptr(MoiService) service = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *key = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *server_file = NULL;
  g_autofree char *ready = NULL;
  int port = 0;
  int workers = 0;
  gint64 max_body_size = MOI_SERVICE_DEFAULT_MAX_BODY;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port (0, the default, picks a free one)"), N_("N") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Address to listen on (default 127.0.0.1)"), N_("ADDR") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Folder of the database and created volumes (default $XDG_DATA_HOME/moi-studio)"),
      N_("DIR") },
    { "key-file", 'k', 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("File holding the moi-key (default $XDG_CONFIG_HOME/moi-studio/server-key; made "
         "on first start)"), N_("FILE") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      N_("Files processed at once (default: one per core)"), N_("N") },
    { "max-body-size", 0, 0, G_OPTION_ARG_INT64, &max_body_size,
      N_("Largest request body accepted, in bytes (default 16 MiB); larger ones get HTTP 413"),
      N_("BYTES") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc > 1 && g_str_equal (argv[1], "run"))
    return moi_run_cli_main (argc - 1, argv + 1);

  context = g_option_context_new (_("— the local MOI service (or: run WORKFLOW.json FILE…)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("moi-server: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || workers < 0 || workers > 256)
    {
      g_printerr ("moi-server: %s\n", _("--port must be 0–65535 and --workers 0–256"));
      return 2;
    }
  if (max_body_size < 1 || (guint64) max_body_size > G_MAXSIZE)
    {
      g_printerr ("moi-server: %s\n", _("--max-body-size must be a number of bytes above 0"));
      return 2;
    }

  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "moi-studio", NULL);
  if (key_file == NULL)
    key_file = g_build_filename (g_get_user_config_dir (), "moi-studio", "server-key", NULL);
  if ((key = load_or_create_key (key_file, &error)) == NULL)
    {
      g_printerr ("moi-server: %s\n", error->message);
      return 1;
    }

  db_path = g_build_filename (data_dir, "moi-server.db", NULL);
  server_file = g_build_filename (data_dir, "moi-server.json", NULL);
  if ((store = moi_store_new (db_path, &error)) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        return report_busy (server_file, error);
      g_printerr ("moi-server: %s\n", error->message);
      return 1;
    }
  /* The folder is ours now: what a service before us recorded is stale. */
  g_unlink (server_file);
  runner = moi_job_runner_new (store, workers);
  service = moi_service_new (store, runner, key, data_dir);
  moi_service_set_max_body_size (service, (gsize) max_body_size);
  if (!moi_service_listen (service, listen ? listen : "127.0.0.1", port, &error))
    {
      g_printerr ("moi-server: %s\n", error->message);
      return 1;
    }
  url = moi_service_dup_url (service);
  ready = ready_text (url, key_file);
  /* Ready (and recorded) only once a stop request would be handled:
   * whoever reads the line or the record may send SIGTERM at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (!g_file_set_contents_full (server_file, ready, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  print_line (ready);
  memset (key, 0, strlen (key));

  moi_job_runner_start (runner);
  g_main_loop_run (loop);

  /* No longer to be used: gone before the (maybe slow) shutdown. */
  g_unlink (server_file);
  moi_service_disconnect (service);
  moi_job_runner_shutdown (runner);
  return 0;
}
