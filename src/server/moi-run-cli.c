/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"
#include "moi-pipeline.h"
#include "moi-run-cli.h"
#include "moi-workflow.h"

/* `moi-server run`: the pipeline without the service. The writers' store is
 * the process's stdout; like a store, it remembers ids across files so the
 * writers' duplicate policies behave as they would in the service. A file's
 * documents are printed only once the whole file passed, as the service
 * commits them. Output is raw UTF-8 (stdio, not g_print()/g_printerr(),
 * which turn every non-ASCII character into "?" under the C locale). */

typedef struct
{
  GHashTable *stored;    /* "writer\nid" of printed documents */
  GHashTable *pending;   /* "writer\nid" of this file's documents */
  GPtrArray  *documents; /* this file's documents, to print if it passes */
} CliStore;

static gint64
cli_write_documents (gpointer     user_data,
                     const char  *writer_name,
                     GPtrArray   *documents,
                     const char  *policy,
                     GError     **error)
{
  CliStore *store = user_data;
  gboolean skip = g_strcmp0 (policy, "SKIP") == 0;
  gboolean overwrite = g_strcmp0 (policy, "OVERWRITE") == 0;
  gint64 written = 0;

  /* Haystack checks the whole batch before writing any of it. */
  if (!skip && !overwrite)
    for (guint i = 0; i < documents->len; i++)
      {
        MoiDocument *document = g_ptr_array_index (documents, i);
        g_autofree char *key = g_strconcat (writer_name, "\n", moi_document_get_id (document),
                                            NULL);

        if (g_hash_table_contains (store->stored, key)
            || g_hash_table_contains (store->pending, key))
          {
            g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_DUPLICATE,
                         _("component “%s”: ID “%s” already exists (policy %s)"),
                         writer_name, moi_document_get_id (document), policy);
            return -1;
          }
      }

  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *document = g_ptr_array_index (documents, i);
      char *key = g_strconcat (writer_name, "\n", moi_document_get_id (document), NULL);

      if (skip && (g_hash_table_contains (store->stored, key)
                   || g_hash_table_contains (store->pending, key)))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (store->pending, key);
      g_ptr_array_add (store->documents, moi_document_ref (document));
      written++;
    }
  return written;
}

static void
print_document (MoiDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  if (document->content != NULL)
    json_builder_add_string_value (builder, document->content);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "meta");
  {
    JsonNode *meta = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (meta, moi_document_get_meta (document));
    json_builder_add_value (builder, meta);
  }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  /* Raw UTF-8: g_print() would transliterate to a C locale's ASCII. */
  fputs (line, stdout);
  fputc ('\n', stdout);
}

int
moi_run_cli_main (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) arguments = NULL;
  CliStore store = { 0 };
  MoiDocumentSink sink = { cli_write_documents, NULL, &store };
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL,
      N_("WORKFLOW.json FILE…") },
    { NULL }
  };
  gboolean has_writer;
  guint n_failed = 0;

  /* argv[0] names the program in --help's usage line. */
  g_strv_builder_add (args, "moi-server run");
  for (int i = 1; i < argc; i++)
    g_strv_builder_add (args, argv[i]);
  arguments = g_strv_builder_end (args);

  option_context = g_option_context_new (_("— run a workflow on files"));
  g_option_context_set_summary (option_context,
                                _("Runs each FILE through the workflow and prints every "
                                  "document its DocumentWriters receive (without a writer: "
                                  "the documents on unconnected outputs) as one JSON line "
                                  "{\"content\", \"meta\"}. Exit status: 0 when every file "
                                  "passed, 1 when any failed, 2 on bad usage or workflow."));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (option_context, &arguments, &error))
    {
      fprintf (stderr, "moi-server run: %s\n", error->message);
      return 2;
    }

  if (files == NULL || g_strv_length (files) < 2)
    {
      g_autofree char *help = g_option_context_get_help (option_context, TRUE, NULL);

      fputs (_("moi-server run: give a workflow and at least one file\n"), stderr);
      fputs (help, stderr);
      return 2;
    }

  workflow = moi_workflow_new_from_file (files[0], &error);
  if (workflow == NULL)
    {
      /* The loader's messages name the file already. */
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  pipeline = moi_pipeline_new (workflow, &error);
  if (pipeline == NULL)
    {
      fprintf (stderr, "%s: %s\n", files[0], error->message);
      return 2;
    }

  has_writer = moi_pipeline_has_writer (pipeline);
  store.stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; files[i] != NULL; i++)
    {
      g_autoptr(GError) file_error = NULL;
      g_autoptr(GPtrArray) outputs = NULL;
      g_autofree char *failed = NULL;

      store.documents = moi_document_array_new ();
      g_hash_table_remove_all (store.pending);

      if (!g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
        {
          fprintf (stderr, _("%s: no such file\n"), files[i]);
          n_failed++;
        }
      else if (!moi_pipeline_run_file_full (pipeline, files[i], NULL, &sink, NULL,
                                            has_writer ? NULL : &outputs, &failed,
                                            &file_error))
        {
          fprintf (stderr, "%s: %s\n", files[i], file_error->message);
          n_failed++;
        }
      else
        {
          GHashTableIter iter;
          gpointer key;

          /* Without a writer, the pipeline's result is what is shown. */
          GPtrArray *shown = outputs != NULL ? outputs : store.documents;

          for (guint j = 0; j < shown->len; j++)
            print_document (g_ptr_array_index (shown, j));
          g_hash_table_iter_init (&iter, store.pending);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            {
              g_hash_table_add (store.stored, key);
              g_hash_table_iter_steal (&iter);
            }
        }
      g_clear_pointer (&store.documents, g_ptr_array_unref);
    }

  fflush (stdout);
  g_hash_table_unref (store.stored);
  g_hash_table_unref (store.pending);
  return n_failed > 0 ? 1 : 0;
}
