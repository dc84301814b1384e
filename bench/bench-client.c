/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Client-side costs: reading and writing wire records (the tolerant reader
 * on the cloud's string-encoded forms, the canonical writer the server
 * answers with), and scrolling a MoiPagedList through 10,000 workflows
 * served over loopback HTTP. */
#include "config.h"

#include <stdlib.h>

#include <libsoup/soup.h>

#include "moi-paged-list.h"
#include "moi-test-client-util.h"

#define N_RECORDS 20000
#define N_WORKFLOWS 10000
#define PAGE_SIZE 50

static JsonNode *
make_item (guint i,
           gboolean quirky)
{
  g_autofree char *text = NULL;

  if (quirky)
    text = g_strdup_printf ("{\"id\": \"wf-%u\", \"name\": \"Workflow %u\", \"created_at\":"
                            " \"2025-02-12T17:20:15.000000+0000\", \"updated_at\": \"%u\","
                            " \"file_types\": \"[1, 2, 4, 5]\", \"source_volume_ids\":"
                            " \"[\\\"1928383194482323456\\\"]\", \"priority\": \"300\","
                            " \"flow_interval\": 0, \"flow_offset\": 0, \"status\": \"2\"}",
                            i, i, 1739377287 + i);
  else
    text = g_strdup_printf ("{\"id\": \"wf-%u\", \"name\": \"Workflow %u\", \"created_at\":"
                            " %u000, \"updated_at\": %u000, \"file_types\": [1, 2, 4, 5],"
                            " \"source_volume_ids\": [\"1928383194482323456\"],"
                            " \"process_mode\": {\"interval\": 0, \"offset\": 0},"
                            " \"priority\": 300, \"status\": 2, \"branch_total\": 1}",
                            i, i, 1739377287 + i, 1739377287 + i);
  return json_from_string (text, NULL);
}

static void
bench_records (gboolean quirky)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start, read_us, write_us;

  for (guint i = 0; i < N_RECORDS; i++)
    g_ptr_array_add (nodes, make_item (i, quirky));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr(GError) error = NULL;
      MoiWorkflowInfo *info = moi_workflow_info_new_from_json (g_ptr_array_index (nodes, i),
                                                               &error);

      g_assert_no_error (error);
      g_ptr_array_add (infos, info);
    }
  read_us = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_RECORDS; i++)
    json_node_unref (moi_workflow_info_to_json (g_ptr_array_index (infos, i)));
  write_us = g_get_monotonic_time () - start;

  g_print ("records (%s): read %.2f us/item, write %.2f us/item (%d items)\n",
           quirky ? "string-encoded, ISO times" : "canonical",
           (double) read_us / N_RECORDS, (double) write_us / N_RECORDS, N_RECORDS);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autoptr(GString) body = g_string_new ("{\"code\":\"ok\",\"msg\":\"ok\",\"data\":{\"total\":");
  guint offset = atoi (g_hash_table_lookup (query, "offset"));
  guint limit = atoi (g_hash_table_lookup (query, "limit"));

  g_string_append_printf (body, "%d,\"workflows\":[", N_WORKFLOWS);
  for (guint i = offset; i < offset + limit && i < N_WORKFLOWS; i++)
    g_string_append_printf (body, "%s{\"id\":\"wf-%u\",\"name\":\"Workflow %u\","
                            "\"created_at\":%u000,\"file_types\":[1,2],\"status\":2}",
                            i > offset ? "," : "", i, i, 1739377287 + i);
  g_string_append (body, "]}}");
  moi_test_respond (msg, 200, "application/json", body->str);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
bench_scroll (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(MoiClient) client = NULL;
  g_autoptr(MoiPagedList) list = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *url = NULL;
  gint64 start, total_us;

  server = moi_test_server_new (handler, NULL, &url);
  client = moi_client_new (url, "bench");
  start = g_get_monotonic_time ();
  list = moi_paged_list_new_workflows (client, NULL);
  while (moi_paged_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < N_WORKFLOWS; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 t = g_get_monotonic_time ();

      if (moi_paged_list_get_loading (list))
        {
          while (moi_paged_list_get_loading (list))
            g_main_context_iteration (NULL, TRUE);
          t = g_get_monotonic_time () - t;
          g_array_append_val (waits, t);
        }
    }
  total_us = g_get_monotonic_time () - start;
  g_array_sort (waits, compare_gint64);

  g_print ("paged list: %d workflows in %u pages of %d: %.1f ms total; "
           "page wait p50 %.2f ms, p99 %.2f ms\n",
           N_WORKFLOWS, waits->len + 1, PAGE_SIZE, total_us / 1000.0,
           g_array_index (waits, gint64, waits->len / 2) / 1000.0,
           g_array_index (waits, gint64, waits->len * 99 / 100) / 1000.0);
  moi_test_server_clear (&server);
}

int
main (int   argc,
      char *argv[])
{
  bench_records (FALSE);
  bench_records (TRUE);
  bench_scroll ();
  return 0;
}
