/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-pipeline [CORPUS_DIR] [N_FILES]
 *
 * The pipeline runner on the Haystack reference corpus (made with
 * tests/fixtures/haystack-reference/make_corpus.py into a temporary folder
 * when no CORPUS_DIR is given): the word-default workflow (TextFileToDocument
 * → DocumentCleaner → DocumentSplitter → DocumentWriter), run file by file
 * with 1 and 2 worker threads sharing one MoiPipeline, as the service's job
 * runner does; then the same with a FileTypeRouter and a DocumentJoiner added,
 * to show what the routing adds. Prints files/s, MB/s (wall and per CPU
 * second) and chunks. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-rusage.h"
#include "moi-pipeline.h"
#include "moi-workflow.h"

typedef struct
{
  MoiPipeline *pipeline;
  GPtrArray   *paths;
  guint        next;      /* atomic */
  guint        chunks;    /* atomic */
  guint        failed;    /* atomic */
} Run;

static gpointer
worker (gpointer data)
{
  Run *run = data;
  MoiDocumentSink sink;

  moi_document_sink_init_counter (&sink, &run->chunks);

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      g_autoptr(GError) error = NULL;

      if (i >= run->paths->len)
        return NULL;
      if (!moi_pipeline_run_file (run->pipeline, g_ptr_array_index (run->paths, i), NULL,
                                  &sink, NULL, NULL, &error))
        g_atomic_int_inc (&run->failed);
    }
}

static void
measure (const char *label,
         MoiPipeline *pipeline,
         GPtrArray   *paths,
         guint64      bytes,
         guint        n_threads)
{
  Run run = { pipeline, paths, 0, 0, 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  gint64 start = g_get_monotonic_time ();
  double cpu_start = bench_cpu_seconds ();
  double seconds, cpu;

  for (guint t = 0; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("bench", worker, &run));
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = bench_cpu_seconds () - cpu_start;

  printf ("%-28s %u thread%s: %u files (%u failed), %u chunks, %.2f s, "
          "%.0f files/s, %.1f MB/s; %.2f s CPU, %.1f MB/s per CPU second\n",
          label, n_threads, n_threads > 1 ? "s" : " ", paths->len, run.failed, run.chunks,
          seconds, paths->len / seconds, bytes / 1e6 / seconds, cpu, bytes / 1e6 / cpu);
}

static MoiWorkflow *
load_workflow (const char *path)
{
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = moi_workflow_new_from_file (path, &error);

  if (workflow == NULL)
    g_error ("%s", error->message);
  return workflow;
}

/* word-default with a FileTypeRouter in front of the converter and a
 * DocumentJoiner behind the splitter: the shape of MOI's workflows. */
static MoiWorkflow *
routed_workflow (const char *word_default)
{
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = load_workflow (word_default);
  g_autoptr(MoiComponent) router = moi_component_new ("router",
                                                      "haystack.components.routers."
                                                      "file_type_router.FileTypeRouter");
  g_autoptr(MoiComponent) joiner = moi_component_new ("joiner",
                                                      "haystack.components.joiners."
                                                      "document_joiner.DocumentJoiner");
  g_autoptr(JsonNode) types = json_from_string ("[\"text/plain\", \"text/markdown\", "
                                                "\"application/pdf\"]", &error);
  g_autoptr(GPtrArray) writer_links = NULL;
  static const char * const links[] = {
    "router.text/plain", "converter.sources",
    "splitter.documents", "joiner.documents",
    "joiner.documents", "writer.documents",
  };

  g_assert_no_error (error);
  moi_component_set_parameter (router, "mime_types", types);
  moi_workflow_insert_component (workflow, 0, router);
  moi_workflow_append_component (workflow, joiner);

  /* splitter → writer becomes splitter → joiner → writer. */
  writer_links = moi_workflow_get_connections_of (workflow, "writer");
  for (guint i = 0; i < writer_links->len; i++)
    {
      MoiConnection *c = g_ptr_array_index (writer_links, i);

      if (g_strcmp0 (moi_connection_get_receiver_component (c), "writer") == 0)
        moi_workflow_remove_connection (workflow, c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i += 2)
    {
      g_autoptr(MoiConnection) c = moi_connection_new (links[i], links[i + 1]);

      moi_workflow_append_connection (workflow, c);
    }
  return workflow;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *fixtures = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                                "haystack-reference", NULL);
  g_autofree char *word_default = g_build_filename (fixtures, "word-default.json", NULL);
  g_autofree char *corpus = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoiWorkflow) plain = NULL;
  g_autoptr(MoiWorkflow) routed = NULL;
  g_autoptr(MoiPipeline) plain_pipeline = NULL;
  g_autoptr(MoiPipeline) routed_pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_files = argc > 2 ? (guint) atoi (argv[2]) : 500;
  guint64 bytes = 0;
  const char *name;

  if (argc > 1)
    {
      corpus = g_strdup (argv[1]);
    }
  else
    {
      g_autofree char *script = g_build_filename (fixtures, "make_corpus.py", NULL);
      g_autofree char *count = g_strdup_printf ("%u", n_files);
      const char *make[] = { "python3", script, "--out", NULL, "--files", count, NULL };
      int status = 0;

      tmp = g_dir_make_tmp ("moi-bench-pipeline-XXXXXX", &error);
      g_assert_no_error (error);
      corpus = g_strdup (tmp);
      make[3] = corpus;
      if (!g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_SEARCH_PATH
                         | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("make_corpus.py failed: %s", error->message);
    }

  dir = g_dir_open (corpus, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      {
        char *path = g_build_filename (corpus, name, NULL);
        GStatBuf st;

        if (g_stat (path, &st) == 0)
          bytes += st.st_size;
        g_ptr_array_add (paths, path);
      }
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);

  plain = load_workflow (word_default);
  routed = routed_workflow (word_default);
  plain_pipeline = moi_pipeline_new (plain, &error);
  g_assert_no_error (error);
  routed_pipeline = moi_pipeline_new (routed, &error);
  g_assert_no_error (error);

  printf ("corpus: %u files, %.1f MB (%s)\n", paths->len, bytes / 1e6, corpus);
  /* Once untimed, so every run reads from the page cache. */
  measure ("warm-up", plain_pipeline, paths, bytes, 2);
  measure ("word-default", plain_pipeline, paths, bytes, 1);
  measure ("word-default", plain_pipeline, paths, bytes, 2);
  measure ("router+joiner+word-default", routed_pipeline, paths, bytes, 1);
  measure ("router+joiner+word-default", routed_pipeline, paths, bytes, 2);

  if (tmp != NULL)
    {
      g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp, name, NULL);

          g_remove (path);
        }
      g_rmdir (tmp);
    }
  return 0;
}
