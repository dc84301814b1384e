/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
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

static void
print_ready_line (const char *url,
                  const char *key_file)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "key_file");
  json_builder_add_string_value (builder, key_file);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  /* The app and scripts read this first line to find the service. */
  fprintf (stdout, "%s\n", line);
  fflush (stdout);
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
  if ((store = moi_store_new (db_path, &error)) == NULL)
    {
      g_printerr ("moi-server: %s\n", error->message);
      return 1;
    }
  runner = moi_job_runner_new (store, workers);
  service = moi_service_new (store, runner, key, data_dir);
  moi_service_set_max_body_size (service, (gsize) max_body_size);
  if (!moi_service_listen (service, listen ? listen : "127.0.0.1", port, &error))
    {
      g_printerr ("moi-server: %s\n", error->message);
      return 1;
    }
  url = moi_service_dup_url (service);
  print_ready_line (url, key_file);
  memset (key, 0, strlen (key));

  moi_job_runner_start (runner);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  moi_service_disconnect (service);
  moi_job_runner_shutdown (runner);
  return 0;
}
