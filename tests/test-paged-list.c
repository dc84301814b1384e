/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <libsoup/soup.h>

#include "moi-paged-list.h"
#include "moi-test-client-util.h"

typedef struct
{
  SoupServer *server;
  MoiClient *client;
  GPtrArray *names;          /* the workflows the server holds, in order */
  GHashTable *hits;          /* "offset" -> number of requests */
  char *last_query;
  gboolean fail;
} Fixture;

static void
add_workflow_json (JsonBuilder *builder,
                   const char  *id,
                   const char  *name)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  /* Mixed forms on purpose, as the cloud sends them. */
  json_builder_set_member_name (builder, "file_types");
  json_builder_add_string_value (builder, "[1, 2]");
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, "2025-02-12T17:20:15.000000+0000");
  json_builder_end_object (builder);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *search = query ? g_hash_table_lookup (query, "name_search") : NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  gboolean files = g_str_has_suffix (path, "/files");
  guint offset, limit;

  g_free (f->last_query);
  f->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));

  if (f->fail)
    {
      moi_test_respond (msg, 500, "text/html", "<h1>no</h1>");
      return;
    }

  if (files)
    {
      guint page_num = atoi (g_hash_table_lookup (query, "page_num"));

      limit = atoi (g_hash_table_lookup (query, "page_size"));
      offset = (page_num - 1) * limit;
    }
  else
    {
      offset = atoi (g_hash_table_lookup (query, "offset"));
      limit = atoi (g_hash_table_lookup (query, "limit"));
    }
  {
    g_autofree char *key = g_strdup_printf ("%u", offset);
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, key));

    g_hash_table_replace (f->hits, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
  }

  for (guint i = 0; i < f->names->len; i++)
    if (search == NULL || strstr (g_ptr_array_index (f->names, i), search))
      g_ptr_array_add (matching, g_ptr_array_index (f->names, i));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, files ? "file_total" : "total");
  json_builder_add_int_value (builder, matching->len);
  if (files)
    {
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, matching->len);
      json_builder_set_member_name (builder, "completed");
      json_builder_add_int_value (builder, matching->len - 1);
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, 1);
    }
  json_builder_set_member_name (builder, files ? "files" : "workflows");
  json_builder_begin_array (builder);
  for (guint i = offset; i < matching->len && i < offset + limit; i++)
    {
      const char *name = g_ptr_array_index (matching, i);

      /* The id is the name's stable part: "wf-0003" for "wf-0003 ..." */
      g_autofree char *id = g_strndup (name, 7);

      if (files)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "file_name");
          json_builder_add_string_value (builder, name);
          json_builder_end_object (builder);
        }
      else
        add_workflow_json (builder, id, name);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  moi_test_respond (msg, 200, "application/json", text);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = NULL;

  f->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (f->names, g_strdup_printf ("wf-%04u %s", i, i % 2 ? "odd" : "even"));
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  f->server = moi_test_server_new (handler, f, &url);
  f->client = moi_client_new (url, "k");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  moi_test_server_clear (&f->server);
  g_ptr_array_unref (f->names);
  g_hash_table_unref (f->hits);
  g_free (f->last_query);
}

static void
wait_loaded (MoiPagedList *list)
{
  while (moi_paged_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static guint
hits_at (Fixture *f,
         guint    offset)
{
  g_autofree char *key = g_strdup_printf ("%u", offset);

  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, key));
}

static char *
get_id (gpointer item)
{
  char *id = NULL;

  g_object_get (item, "id", &id, NULL);
  return id;
}

static void
test_scroll_fetches_each_page_once (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(MoiPagedList) list = moi_paged_list_new_workflows (f->client, NULL);
  GListModel *model = G_LIST_MODEL (list);

  g_assert_true (g_list_model_get_item_type (model) == MOI_TYPE_WORKFLOW_INFO);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);

  /* Scroll down as a view does: ask for each row, let the loop run. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(MoiWorkflowInfo) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
      wait_loaded (list);
      if (i % 97 == 0)
        {
          g_autofree char *expected = g_strdup_printf ("wf-%04u", i);

          g_assert_cmpstr (moi_workflow_info_get_id (item), ==, expected);
          g_assert_cmpint (moi_workflow_info_get_created_at (item), >, 0);
        }
    }
  /* And back up again: nothing is fetched twice. */
  for (guint i = 1000; i-- > 0;)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
    }

  g_assert_false (moi_paged_list_get_loading (list));
  g_assert_cmpuint (g_hash_table_size (f->hits), ==, 20);
  for (guint page = 0; page < 20; page++)
    g_assert_cmpuint (hits_at (f, page * 50), ==, 1);
  g_assert_null (g_list_model_get_item (model, 1000));
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_refresh_keeps_objects (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MoiPagedList) list = moi_paged_list_new_workflows (f->client, NULL);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(MoiWorkflowInfo) third = NULL;
  g_autoptr(MoiWorkflowInfo) again = NULL;
  g_autoptr(MoiWorkflowInfo) moved = NULL;
  guint changes = 0;
  guint renamed = 0;
  guint position = 0;

  wait_loaded (list);
  third = g_list_model_get_item (model, 3);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &changes);
  g_signal_connect (third, "notify::name", G_CALLBACK (count_notify), &renamed);

  /* The service renames wf-0003; a refresh updates the same object. */
  g_free (g_ptr_array_index (f->names, 3));
  g_ptr_array_index (f->names, 3) = g_strdup ("wf-0003 renamed");
  moi_paged_list_refresh (list);
  wait_loaded (list);
  again = g_list_model_get_item (model, 3);
  g_assert_true (again == third);
  g_assert_cmpstr (moi_workflow_info_get_name (third), ==, "wf-0003 renamed");
  g_assert_cmpuint (renamed, ==, 1);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (hits_at (f, 0), ==, 2);

  /* A new workflow on top shifts everything: wf-0003 keeps its object. */
  g_ptr_array_insert (f->names, 0, g_strdup ("wf-new! on top"));
  moi_paged_list_refresh (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1001);
  g_assert_cmpuint (changes, >, 0);
  g_assert_true (moi_paged_list_find_id (list, "wf-0003", &position));
  g_assert_cmpuint (position, ==, 4);
  moved = g_list_model_get_item (model, 4);
  g_assert_true (moved == third);
}

static void
test_query_change_resets (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MoiPagedList) list = moi_paged_list_new_workflows (f->client, NULL);
  g_autoptr(MoiListQuery) query = moi_list_query_new ();
  g_autoptr(MoiListQuery) same = NULL;
  g_autoptr(MoiWorkflowInfo) first = NULL;

  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);

  moi_list_query_set_name_search (query, "odd");
  moi_paged_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_assert_nonnull (strstr (f->last_query, "name_search=odd"));
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (moi_workflow_info_get_id (first), ==, "wf-0001");

  /* An equal query is not a change. */
  same = moi_list_query_copy (query);
  g_hash_table_remove_all (f->hits);
  moi_paged_list_set_query (list, same);
  g_assert_false (moi_paged_list_get_loading (list));
  g_assert_cmpuint (g_hash_table_size (f->hits), ==, 0);
}

static void
test_job_files_counts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MoiPagedList) list = moi_paged_list_new_job_files (f->client, "job-1", NULL);
  MoiJobFileCounts *counts = moi_paged_list_get_counts (list);
  g_autoptr(MoiJobFile) last = NULL;
  g_autofree char *id = NULL;

  moi_paged_list_set_page_size (list, 100);
  wait_loaded (list);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MOI_TYPE_JOB_FILE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_true (moi_paged_list_get_counts (list) == counts);
  g_assert_cmpint (moi_job_file_counts_get_completed (counts), ==, 999);
  g_assert_cmpint (moi_job_file_counts_get_failed (counts), ==, 1);

  last = g_list_model_get_item (G_LIST_MODEL (list), 999);
  wait_loaded (list);
  id = get_id (last);
  g_assert_cmpstr (id, ==, "wf-0999");
  g_assert_nonnull (strstr (f->last_query, "page_num=10"));
  g_assert_nonnull (strstr (f->last_query, "page_size=100"));
}

static void
test_error_property (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MoiPagedList) list = NULL;
  const GError *error;

  f->fail = TRUE;
  list = moi_paged_list_new_workflows (f->client, NULL);
  moi_client_set_max_retries (f->client, 0);
  wait_loaded (list);
  error = moi_paged_list_get_error (list);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_HTTP);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  f->fail = FALSE;
  moi_paged_list_refresh (list);
  wait_loaded (list);
  g_assert_null (moi_paged_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moi/paged-list/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("scroll-fetches-each-page-once", test_scroll_fetches_each_page_once);
  ADD ("refresh-keeps-objects", test_refresh_keeps_objects);
  ADD ("query-change-resets", test_query_change_resets);
  ADD ("job-files-counts", test_job_files_counts);
  ADD ("error-property", test_error_property);
#undef ADD

  return g_test_run ();
}
