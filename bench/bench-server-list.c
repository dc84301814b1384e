/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GET /byoa/api/v1/workflow_meta over real HTTP against 10,000 workflows:
 * p50 / p99 latency per query shape (target: p99 < 20 ms). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "moi-job-runner.h"
#include "moi-service.h"
#include "moi-store.h"

#define N_WORKFLOWS 10000
#define N_REQUESTS  300

typedef struct
{
  char         *dir;
  char         *key;
  char         *url;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
} Bench;

static gpointer
server_thread (gpointer data)
{
  Bench *b = data;
  g_autofree char *db = g_build_filename (b->dir, "moi-server.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = NULL;
  g_autoptr(MoiJobRunner) runner = NULL;
  g_autoptr(MoiService) service = NULL;

  g_main_context_push_thread_default (b->context);
  if ((store = moi_store_new (db, &error)) == NULL)
    g_error ("%s", error->message);
  runner = moi_job_runner_new (store, 1);
  service = moi_service_new (store, runner, b->key, b->dir);
  if (!moi_service_listen (service, "127.0.0.1", 0, &error))
    g_error ("%s", error->message);
  moi_job_runner_start (runner);
  g_mutex_lock (&b->lock);
  b->url = moi_service_dup_url (service);
  g_cond_signal (&b->cond);
  g_mutex_unlock (&b->lock);
  g_main_loop_run (b->loop);
  moi_job_runner_shutdown (runner);
  g_main_context_pop_thread_default (b->context);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
populate (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "moi-server.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiStore) store = moi_store_new (db, &error);
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(JsonObject) target = NULL;
  const char *workflow = "{\"components\": [], \"connections\": []}";
  static const int priorities[] = { 100, 300, 500 };
  static const char *types[] = { "[1]", "[2]", "[1, 2, 6]", "[6, 7]" };
  gint64 start = g_get_monotonic_time ();

  if (store == NULL)
    g_error ("%s", error->message);
  source = moi_store_create_volume (store, "source", dir, &error);
  target = moi_store_create_volume (store, "target", dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_WORKFLOWS; i++)
    {
      g_autoptr(JsonObject) row = json_object_new ();
      g_autoptr(JsonObject) created = NULL;
      g_autofree char *name = g_strdup_printf ("workflow %05u %s", (i * 7919) % N_WORKFLOWS,
                                               i % 10 == 0 ? "report" : "batch");
      g_autofree char *ids = g_strdup_printf ("[\"%s\"]",
                                              json_object_get_string_member (source, "id"));

      json_object_set_string_member (row, "name", name);
      json_object_set_string_member (row, "creator", i % 2 ? "alice" : "bob");
      json_object_set_string_member (row, "modifier", "alice");
      json_object_set_string_member (row, "source_volume_ids", ids);
      json_object_set_string_member (row, "source_volume_names", "[\"source\"]");
      json_object_set_string_member (row, "file_types", types[i % G_N_ELEMENTS (types)]);
      json_object_set_int_member (row, "flow_interval", i % 5 == 0 ? 60 : 0);
      json_object_set_int_member (row, "flow_offset", 0);
      json_object_set_int_member (row, "priority", priorities[i % 3]);
      json_object_set_string_member (row, "target_volume_id",
                                     json_object_get_string_member (target, "id"));
      json_object_set_string_member (row, "target_volume_name", "target");
      json_object_set_int_member (row, "status", 2 + (i % 7 == 0));
      json_object_set_string_member (row, "version", "1");
      json_object_set_string_member (row, "files", "[]");
      if ((created = moi_store_create_workflow (store, row, "main", workflow, &error)) == NULL)
        g_error ("%s", error->message);
    }
  printf ("insert %d workflows: %.2f s\n", N_WORKFLOWS,
          (g_get_monotonic_time () - start) / 1e6);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
measure (SoupSession *session,
         Bench       *b,
         const char  *label,
         const char  *query,
         GArray      *all)
{
  g_autofree char *url = g_strdup_printf ("%s/byoa/api/v1/workflow_meta%s", b->url, query);
  double times[N_REQUESTS];
  gint64 total = -1;

  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "moi-key", b->key);
      t0 = g_get_monotonic_time ();
      body = soup_session_send_and_read (session, msg, NULL, &error);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("%s: %s", url, error ? error->message : "HTTP error");
      if (i == 0)
        {
          g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
          JsonObject *data = json_object_get_object_member (json_node_get_object (root), "data");

          total = json_object_get_int_member (data, "total");
        }
      g_array_append_val (all, times[i]);
    }
  qsort (times, N_REQUESTS, sizeof (double), compare_doubles);
  printf ("%-34s total %5" G_GINT64_FORMAT "  p50 %6.2f ms  p99 %6.2f ms\n", label, total,
          times[N_REQUESTS / 2], times[N_REQUESTS * 99 / 100]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  Bench b = { 0, };
  GThread *thread;
  g_autofree char *command = NULL;

  b.dir = g_dir_make_tmp ("moi-bench-list-XXXXXX", &error);
  g_assert_no_error (error);
  b.key = g_strdup ("bench-key");
  b.context = g_main_context_new ();
  b.loop = g_main_loop_new (b.context, FALSE);
  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);

  populate (b.dir);
  thread = g_thread_new ("server", server_thread, &b);
  g_mutex_lock (&b.lock);
  while (b.url == NULL)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);

  session = soup_session_new ();
  measure (session, &b, "default (newest 20)", "", all);
  measure (session, &b, "sort name ascend, offset 5000", "?sort_field=name&sort_order=ascend"
           "&offset=5000", all);
  measure (session, &b, "name_search=report", "?name_search=report", all);
  measure (session, &b, "priority[]=500 & file_types=1,6", "?priority[]=500&file_types=1,6", all);
  measure (session, &b, "status=3 & process_modes=60", "?status=3&process_modes=60", all);
  measure (session, &b, "creator, time range, limit 100", "?creator=alice&start_time=0"
           "&end_time=99999999999999&limit=100", all);
  measure (session, &b, "sort priority, last page", "?sort_field=priority&offset=9980", all);

  g_array_sort (all, compare_doubles);
  printf ("%-34s              p50 %6.2f ms  p99 %6.2f ms  (target p99 < 20 ms)\n", "all",
          g_array_index (all, double, all->len / 2),
          g_array_index (all, double, all->len * 99 / 100));

  g_main_context_invoke (b.context, quit_loop, b.loop);
  g_thread_join (thread);
  /* --keep leaves the database for a look with sqlite3. */
  if (argc > 1 && g_str_equal (argv[1], "--keep"))
    {
      printf ("kept %s\n", b.dir);
      return 0;
    }
  command = g_strdup_printf ("rm -rf '%s'", b.dir);
  if (system (command) != 0)
    g_warning ("Could not remove %s", b.dir);
  return 0;
}
