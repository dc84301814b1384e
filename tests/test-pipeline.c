/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "moi-catalog.h"
#include "pipeline-fixture.h"

/* Components as JSON with single quotes (see fixture_json). */
#define TXT(n) "{'name':'" n "','type':'haystack.components.converters.txt." \
               "TextFileToDocument','init_parameters':{'encoding':'utf-8'}}"
#define CLEANER(n) "{'name':'" n "','type':'haystack.components.preprocessors." \
                   "document_cleaner.DocumentCleaner','init_parameters':{}}"
#define WRITER(n, policy) "{'name':'" n "','type':'haystack.components.writers." \
                          "document_writer.DocumentWriter','init_parameters':{'document_store':" \
                          "{'type':'byoa.integrations.document_stores.mo_document_store." \
                          "MOIDocumentStore','init_parameters':{}},'policy':'" policy "'}}"
#define JOINER(n) "{'name':'" n "','type':'haystack.components.joiners.document_joiner." \
                  "DocumentJoiner','init_parameters':{'join_mode':'concatenate'," \
                  "'sort_by_score':true}}"
#define LINK(a, b) "{'sender':'" a "','receiver':'" b "'}"

/* converter → cleaner → writer, the most common shape. */
#define LINEAR TXT ("conv") "," CLEANER ("clean") "," WRITER ("writer", "NONE")
#define LINEAR_LINKS LINK ("conv.documents", "clean.documents") "," \
                     LINK ("clean.documents", "writer.documents")

typedef struct
{
  char            *dir;
  char            *txt;       /* "Hello  world\n\n\nBye" */
  RecordingSink    recording;
  MoiDocumentSink  sink;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = fixture_tmpdir ();
  f->txt = fixture_write (f->dir, "a.txt", "Hello  world\n\n\nBye");
  recording_sink_init (&f->recording, &f->sink);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  recording_sink_clear (&f->recording);
  fixture_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->txt);
}

/* Builds a workflow from components (a JSON list body) and connections. */
static MoiWorkflow *
workflow_of (const char *components,
             const char *connections)
{
  g_autofree char *text = g_strdup_printf ("{'components':[%s],'connections':[%s]}",
                                           components, connections);

  return fixture_workflow (text);
}

static MoiPipeline *
pipeline_of (const char  *components,
             const char  *connections,
             GError     **error)
{
  g_autoptr(MoiWorkflow) workflow = workflow_of (components, connections);

  return moi_pipeline_new (workflow, error);
}

/* pipeline_of() where the workflow must build. */
static MoiPipeline *
pipeline_ok (const char *components,
             const char *connections)
{
  g_autoptr(GError) error = NULL;
  MoiPipeline *pipeline = pipeline_of (components, connections, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  return pipeline;
}

static void
test_linear (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (LINEAR, LINEAR_LINKS);
  g_autoptr(JsonNode) file_meta = fixture_json ("{'job_id':'j1','file_path':'ignored'}");
  g_autofree char *failed = NULL;
  MoiDocument *document;
  const char * const *order;

  order = moi_pipeline_get_order (pipeline);
  g_assert_cmpstr (order[0], ==, "conv");
  g_assert_cmpstr (order[2], ==, "writer");

  g_assert_true (moi_pipeline_run_file (pipeline, f->txt, json_node_get_object (file_meta),
                                        &f->sink, NULL, &failed, &error));
  g_assert_no_error (error);
  g_assert_null (failed);
  g_assert_cmpuint (f->recording.documents->len, ==, 1);
  document = g_ptr_array_index (f->recording.documents, 0);
  /* DocumentCleaner's defaults: extra whitespace and empty lines removed. */
  g_assert_cmpstr (document->content, ==, "Hello world Bye");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (document), "job_id"), ==,
                   "j1");
  /* Haystack's converters set file_path from the source's path last. */
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (document),
                                                  "file_path"), ==,
                   "a.txt");
  g_assert_cmpstr (g_ptr_array_index (f->recording.writers, 0), ==, "writer");
  g_assert_cmpstr (g_ptr_array_index (f->recording.policies, 0), ==, "NONE");
  g_assert_cmpuint (f->recording.finished->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (f->recording.finished, 1), ==, "clean");
}

static void
test_file_path_meta (Fixture       *f,
                     gconstpointer  data)
{
  const char *components = TXT ("conv") ","
                           WRITER ("writer", "NONE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (components,
                                                 LINK ("conv.documents", "writer.documents"));
  MoiDocument *document;

  g_assert_true (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, NULL, &error));
  g_assert_no_error (error);
  document = g_ptr_array_index (f->recording.documents, 0);
  /* Converters keep the basename of the file, as Haystack does. */
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (document),
                                                  "file_path"), ==,
                   "a.txt");
  g_assert_cmpstr (document->content, ==, "Hello  world\n\n\nBye");
}

/* Topologies run on the fixture's file: what each writer wrote, in order. */
typedef struct
{
  const char *path;
  const char *components;
  const char *connections;
  const char *written[3];   /* contents, in write order */
  const char *writers[3];   /* the writer of each */
} Topology;

#define RAW "Hello  world\n\n\nBye"
#define CLEAN "Hello world Bye"

static const Topology topologies[] = {
  { "fan-out",
    TXT ("conv") "," WRITER ("w1", "NONE") "," CLEANER ("clean") "," WRITER ("w2", "SKIP"),
    LINK ("conv.documents", "w1.documents") "," LINK ("conv.documents", "clean.documents") ","
    LINK ("clean.documents", "w2.documents"),
    { RAW, CLEAN }, { "w1", "w2" } },
  /* Two senders into one list socket: ordered by sender name (alpha before
   * zeta), not by run order (zeta, the converter, runs first). */
  { "fan-in-list",
    TXT ("zeta") "," CLEANER ("alpha") "," WRITER ("writer", "NONE"),
    LINK ("zeta.documents", "writer.documents") "," LINK ("zeta.documents", "alpha.documents") ","
    LINK ("alpha.documents", "writer.documents"),
    { CLEAN, RAW }, { "writer", "writer" } },
  /* The converter feeds the joiner twice (directly and through "alpha");
   * its variadic input is ordered by sender name too. */
  { "joiner",
    TXT ("zeta") "," CLEANER ("alpha") "," JOINER ("join") "," WRITER ("writer", "NONE"),
    LINK ("zeta.documents", "join.documents") "," LINK ("zeta.documents", "alpha.documents") ","
    LINK ("alpha.documents", "join.documents") "," LINK ("join.documents", "writer.documents"),
    { CLEAN, RAW }, { "writer", "writer" } },
  /* Bare "comp" endpoints resolve as Haystack's connect() does: the one
   * socket whose kind fits. */
  { "bare-endpoints",
    TXT ("conv") "," CLEANER ("clean") "," WRITER ("writer", "NONE"),
    LINK ("conv", "clean") "," LINK ("clean.documents", "writer"),
    { CLEAN }, { "writer" } },
  /* A converter whose "sources" nothing feeds takes the file even when its
   * optional "meta" is connected (here to a writer's count). */
  { "entry-with-meta",
    TXT ("first") "," WRITER ("w1", "NONE") "," TXT ("second") "," WRITER ("w2", "SKIP"),
    LINK ("first.documents", "w1.documents") "," LINK ("w1.documents_written", "second.meta") ","
    LINK ("second.documents", "w2.documents"),
    { RAW, RAW }, { "w1", "w2" } },
};

static void
test_topology (Fixture       *f,
               gconstpointer  data)
{
  const Topology *topology = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (topology->components, topology->connections);
  guint n = 0;

  while (n < G_N_ELEMENTS (topology->written) && topology->written[n] != NULL)
    n++;
  g_assert_true (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->recording.documents->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (((MoiDocument *) f->recording.documents->pdata[i])->content, ==,
                       topology->written[i]);
      g_assert_cmpstr (g_ptr_array_index (f->recording.writers, i), ==, topology->writers[i]);
    }
}

static void
test_router_branches (Fixture       *f,
                      gconstpointer  data)
{
  const char *components = "{'name':'router','type':'haystack.components.routers."
                           "file_type_router.FileTypeRouter','init_parameters':{'mime_types':"
                           "['text/plain','application/pdf']}},"
                           "{'name':'ocr','type':'byoa.integrations.components.converters."
                           "image_ocr_to_document.ImageOCRToDocument','init_parameters':{}},"
                           TXT ("conv") "," WRITER ("writer", "NONE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autofree char *pdf = fixture_write (f->dir, "scan.pdf", "%PDF-1.4 not really");
  g_autofree char *failed = NULL;

  pipeline = pipeline_of (components,
                          LINK ("router.text/plain", "conv.sources") ","
                          LINK ("router.application/pdf", "ocr.sources") ","
                          LINK ("conv.documents", "writer.documents") ","
                          LINK ("ocr.documents", "writer.documents"),
                          &error);
  g_assert_no_error (error);

  /* The PDF branch is not taken for a text file: OCR does not run. */
  g_assert_true (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->recording.documents->len, ==, 1);
  for (guint i = 0; i < f->recording.finished->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->recording.finished, i), !=, "ocr");

  /* A PDF reaches OCR, which the local service cannot run. */
  g_assert_false (moi_pipeline_run_file (pipeline, pdf, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (failed, ==, "ocr");
  g_assert_nonnull (strstr (error->message, "“ocr”"));
  g_assert_nonnull (strstr (error->message, "ImageOCRToDocument"));
  g_assert_nonnull (strstr (error->message, "OCR"));
  g_assert_cmpuint (f->recording.documents->len, ==, 1);
}

static void
assert_build_fails (const char *components,
                    const char *connections,
                    const char *must_contain1,
                    const char *must_contain2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_of (components, connections, &error);

  g_assert_null (pipeline);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, must_contain1));
  if (must_contain2 != NULL)
    g_assert_nonnull (strstr (error->message, must_contain2));
}

static void
test_cycle (Fixture       *f,
            gconstpointer  data)
{
  const char *components = TXT ("conv") ","
                           CLEANER ("a") ","
                           CLEANER ("b");
  g_autoptr(GError) error = NULL;

  assert_build_fails (components,
                      LINK ("conv.documents", "a.documents") ","
                      LINK ("a.documents", "b.documents") ","
                      LINK ("b.documents", "a.documents"),
                      "cycle", "“a”, “b”");
  /* The converter is not part of the cycle and is not named. */
  {
    g_autoptr(MoiPipeline) pipeline = pipeline_of (components,
                                                   LINK ("conv.documents", "a.documents") ","
                                                   LINK ("a.documents", "b.documents") ","
                                                   LINK ("b.documents", "a.documents"),
                                                   &error);

    g_assert_null (pipeline);
    g_assert_null (strstr (error->message, "conv"));
  }
}

static void
test_bad_connections (Fixture       *f,
                      gconstpointer  data)
{
  const char *components = LINEAR;

  /* Unknown socket, named with the ones that exist. */
  assert_build_fails (components,
                      LINK ("conv.docs", "clean.documents") ","
                      LINK ("clean.documents", "writer.documents"),
                      "“conv.docs” does not exist", "documents");
  assert_build_fails (components,
                      LINK ("conv.documents", "clean.text") ","
                      LINK ("clean.documents", "writer.documents"),
                      "“clean.text”", NULL);
  /* Unknown component. */
  assert_build_fails (components,
                      LINK ("conv.documents", "nobody.documents") ","
                      LINK ("clean.documents", "writer.documents"),
                      "“nobody” not found", NULL);
  /* An int cannot go where documents are expected. */
  assert_build_fails (components,
                      LINK ("conv.documents", "writer.documents") ","
                      LINK ("writer.documents_written", "clean.documents"),
                      "documents_written", NULL);
  /* Self loop. */
  assert_build_fails (components,
                      LINK ("clean.documents", "clean.documents") ","
                      LINK ("conv.documents", "writer.documents"),
                      "itself", NULL);
  /* A bare end with no socket of a fitting kind (the writer gives an int). */
  assert_build_fails (components,
                      LINK ("conv", "clean") "," LINK ("clean.documents", "writer") ","
                      LINK ("writer", "clean"),
                      "name the socket of “clean”", NULL);
  /* Empty workflow. */
  assert_build_fails ("", "", "no components", NULL);
}

/* Components nothing can feed: the workflow builds (the API must accept
 * such workflows, its own documentation has one) but every file fails. */
static void
test_unfed_component (Fixture       *f,
                      gconstpointer  data)
{
  const char *components = LINEAR;
  const char *joined = TXT ("conv") ","
                       JOINER ("join") ","
                       WRITER ("writer", "NONE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (components,
                                                 LINK ("conv.documents", "writer.documents"));
  g_autoptr(MoiPipeline) no_documents = NULL;
  g_autofree char *failed = NULL;

  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_cmpstr (failed, ==, "clean");
  g_assert_nonnull (strstr (error->message, "“clean” has no incoming connection"));
  g_assert_cmpuint (f->recording.documents->len, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&failed, g_free);

  /* The joiner's mandatory "documents" is unconnected (only top_k is). */
  no_documents = pipeline_of (joined,
                              LINK ("conv.documents", "writer.documents") ","
                              LINK ("writer.documents_written", "join.top_k"),
                              &error);
  g_assert_no_error (error);
  g_assert_false (moi_pipeline_run_file (no_documents, f->txt, NULL, &f->sink, NULL, &failed,
                                         &error));
  g_assert_cmpstr (failed, ==, "join");
  g_assert_nonnull (strstr (error->message, "mandatory input “documents” is not connected"));
}

static void
test_bad_parameters (Fixture       *f,
                     gconstpointer  data)
{
  const char *writer = TXT ("conv") ","
                       WRITER ("writer", "SOMETIMES");
  const char *cleaner = TXT ("conv") ",{'name':'clean','type':'haystack.components."
                        "preprocessors.document_cleaner.DocumentCleaner',"
                        "'init_parameters':{'unicode_normalization':'XYZ'}}";
  const char *no_store = TXT ("conv") ",{'name':'writer','type':'haystack.components.writers."
                         "document_writer.DocumentWriter','init_parameters':{'policy':'NONE'}}";

  assert_build_fails (writer, LINK ("conv.documents", "writer.documents"),
                      "“writer”", "policy");
  assert_build_fails (no_store, LINK ("conv.documents", "writer.documents"),
                      "document_store", NULL);
  assert_build_fails (cleaner, LINK ("conv.documents", "clean.documents"),
                      "“clean”", "unicode_normalization");
  /* Converters' parameters are checked once, at build. */
  assert_build_fails ("{'name':'conv','type':'haystack.components.converters.txt."
                      "TextFileToDocument','init_parameters':{'store_full_path':'maybe'}}", "",
                      "“conv”", "store_full_path");
}

static void
test_unknown_type (Fixture       *f,
                   gconstpointer  data)
{
  const char *components = TXT ("conv") ",{'name':'mystery','type':'acme.Mystery',"
                           "'init_parameters':{'x':1}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_of (components,
                                                 LINK ("conv.documents", "mystery.documents"),
                                                 &error);
  g_autofree char *failed = NULL;

  /* Loads (the workflow can be opened), fails each file that reaches it. */
  g_assert_no_error (error);
  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (failed, ==, "mystery");
  g_assert_cmpstr (error->message, ==,
                   "component “mystery” (type acme.Mystery) cannot run in the local service");
  g_assert_false (moi_node_type_is_supported ("acme.Mystery"));
  g_assert_true (moi_node_type_is_supported ("haystack.components.routers.FileTypeRouter"));
}

static void
test_unsupported_after_writer (Fixture       *f,
                               gconstpointer  data)
{
  const char *components = TXT ("conv") "," WRITER ("writer", "NONE") ","
                           "{'name':'DataAugmentation','type':'byoa.integrations.components."
                           "data_augmentation.DataAugmentation','init_parameters':"
                           "{'type':'general'}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (components,
                                                 LINK ("conv.documents", "writer.documents") ","
                                                 LINK ("writer.documents_written",
                                                       "DataAugmentation.count"));
  g_autofree char *failed = NULL;

  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (failed, ==, "DataAugmentation");
  g_assert_nonnull (strstr (error->message, "large language model"));
}

static void
test_outputs_collected (Fixture       *f,
                        gconstpointer  data)
{
  const char *components = TXT ("conv") ","
                           CLEANER ("clean");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (components,
                                                 LINK ("conv.documents", "clean.documents"));
  g_autoptr(GPtrArray) outputs = NULL;

  g_assert_true (moi_pipeline_run_file_full (pipeline, f->txt, NULL, NULL, NULL, &outputs,
                                             NULL, &error));
  g_assert_no_error (error);
  /* Only the cleaner's output is unreceived; the converter's went on. */
  g_assert_cmpuint (outputs->len, ==, 1);
  g_assert_cmpstr (((MoiDocument *) outputs->pdata[0])->content, ==, "Hello world Bye");
}

static void
test_writer_policy_fail (Fixture       *f,
                         gconstpointer  data)
{
  const char *components = TXT ("conv") ","
                           WRITER ("writer", "fail");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (components,
                                                 LINK ("conv.documents", "writer.documents"));
  g_autofree char *failed = NULL;

  g_assert_true (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, NULL, &error));
  g_assert_cmpstr (g_ptr_array_index (f->recording.policies, 0), ==, "FAIL");
  /* The same file again: the sink refuses the duplicate, the file fails. */
  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_DUPLICATE);
  g_assert_cmpstr (failed, ==, "writer");
  g_assert_nonnull (strstr (error->message, "component “writer”: ID '"));
}

/* The counting sink: every write counts, twice the same file included. */
static void
test_counter_sink (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (LINEAR, LINEAR_LINKS);
  g_autoptr(GError) error = NULL;
  MoiDocumentSink counter;
  guint count = 0;

  moi_document_sink_init_counter (&counter, &count);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (moi_pipeline_run_file (pipeline, f->txt, NULL, &counter, NULL, NULL,
                                            &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count, ==, 2);
}

static void
test_missing_or_cancelled (Fixture       *f,
                gconstpointer  data)
{
  const char *components = TXT ("conv") ","
                           WRITER ("writer", "NONE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = pipeline_of (components,
                                                 LINK ("conv.documents", "writer.documents"),
                                                 &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_false (moi_pipeline_run_file (pipeline, "/nonexistent/file.txt", NULL, &f->sink, NULL,
                                         NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/file.txt"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, cancellable, NULL,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->recording.documents->len, ==, 0);
}

typedef struct
{
  MoiPipeline     *pipeline;
  Fixture         *fixture;
  guint            thread;
} ThreadJob;

static gpointer
run_files_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%u-%u.txt", job->thread, i);
      g_autofree char *content = g_strdup_printf ("thread  %u\n\nfile %u", job->thread, i);
      g_autofree char *path = fixture_write (job->fixture->dir, name, content);
      g_autoptr(GError) error = NULL;

      g_assert_true (moi_pipeline_run_file (job->pipeline, path, NULL, &job->fixture->sink, NULL,
                                            NULL, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (LINEAR, LINEAR_LINKS);
  ThreadJob jobs[4];
  GThread *threads[4];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < 4; t++)
    {
      jobs[t] = (ThreadJob) { pipeline, f, t };
      threads[t] = g_thread_new ("pipeline-test", run_files_thread, &jobs[t]);
    }
  for (guint t = 0; t < 4; t++)
    g_thread_join (threads[t]);

  g_assert_cmpuint (f->recording.documents->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      MoiDocument *document = g_ptr_array_index (f->recording.documents, i);
      const char *file_path = json_object_get_string_member (moi_document_get_meta (document),
                                                             "file_path");
      guint t, n;

      /* Each document is its own file's, cleaned. */
      g_assert_cmpint (sscanf (file_path, "t%u-%u.txt", &t, &n), ==, 2);
      {
        g_autofree char *expected = g_strdup_printf ("thread %u file %u", t, n);

        g_assert_cmpstr (document->content, ==, expected);
      }
      g_assert_false (g_hash_table_contains (seen, file_path));
      g_hash_table_add (seen, (char *) file_path);
    }
}

/* Workers share the pipeline's nodes and the caller's file meta. json-glib's
 * reference counts are not atomic, so running must only read shared JSON:
 * a reference taken on the converter's parameters or on a nested meta
 * object per file used to corrupt their counts (a CRITICAL, or a crash)
 * within a few hundred files on two threads. */
typedef struct
{
  MoiPipeline *pipeline;
  const char  *path;
  JsonObject  *meta;
  guint        runs;
  guint        written;   /* atomic */
} SharedJob;

static gint64
count_written (gpointer     user_data,
               const char  *writer_name,
               GPtrArray   *documents,
               const char  *policy,
               GError     **error)
{
  SharedJob *job = user_data;

  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *document = g_ptr_array_index (documents, i);
      JsonObject *tags = json_object_get_object_member (moi_document_get_meta (document), "tags");

      g_assert_nonnull (tags);
      g_assert_cmpint (json_object_get_int_member (tags, "n"), ==, 7);
    }
  g_atomic_int_add (&job->written, documents->len);
  return documents->len;
}

static gpointer
run_shared_thread (gpointer data)
{
  SharedJob *job = data;
  MoiDocumentSink sink = { count_written, NULL, job };

  for (guint i = 0; i < job->runs; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (moi_pipeline_run_file (job->pipeline, job->path, job->meta, &sink, NULL,
                                            NULL, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads_share_json (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoiPipeline) pipeline = pipeline_ok (LINEAR, LINEAR_LINKS);
  g_autoptr(JsonNode) meta = fixture_json ("{'tags':{'n':7},'list':[1,{'a':2}]}");
  SharedJob job = { pipeline, f->txt, json_node_get_object (meta), 1500, 0 };
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("pipeline-test", run_shared_thread, &job);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);

  g_assert_cmpuint (job.written, ==, G_N_ELEMENTS (threads) * job.runs);
  /* The caller's meta is as it was, and only the caller holds it. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (job.meta, "tags"),
                                               "n"), ==, 7);
}

/* A workflow shaped like MOI's documented one (FileTypeRouter → MOI
 * converters → DocumentJoiner → MetadataRouter → EnhancedDocumentSplitter →
 * MoiDocumentCleaner → DocumentJoiner-Mate → PythonExecutor →
 * DocumentContentImageFiller → DocumentWriter, with image and audio
 * branches): text goes through, image/audio files fail naming why. */
static void
test_moi_workflow (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "pipeline",
                                            "moi-workflow.json", NULL);
  g_autofree char *notes = g_build_filename (g_getenv ("MOI_FIXTURES"), "pipeline",
                                             "notes.md", NULL);
  g_autofree char *png = fixture_write (f->dir, "photo.png", "\x89PNG");
  g_autofree char *mp3 = fixture_write (f->dir, "talk.mp3", "ID3");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autofree char *failed = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_no_error (error);
  pipeline = moi_pipeline_new (workflow, &error);
  g_assert_no_error (error);
  g_assert_true (moi_pipeline_has_writer (pipeline));

  g_assert_true (moi_pipeline_run_file (pipeline, notes, NULL, &f->sink, NULL, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->recording.documents->len, >, 1);
  for (guint i = 0; i < f->recording.documents->len; i++)
    {
      MoiDocument *d = g_ptr_array_index (f->recording.documents, i);

      g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (d),
                                                      "content_type"), ==,
                       "text");
      g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (d), "file_path"), ==,
                       "notes.md");
      g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (d), "split_id"), ==, i);
      /* Set by the workflow's python_code. */
      g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (d), "chars"), ==,
                       g_utf8_strlen (d->content, -1));
      g_string_append (joined, d->content);
    }
  /* remove_url in the MOI cleaner; the image branches did not run. */
  g_assert_null (strstr (joined->str, "https://"));
  g_assert_nonnull (strstr (joined->str, "split in two."));
  for (guint i = 0; i < f->recording.finished->len; i++)
    {
      const char *name = g_ptr_array_index (f->recording.finished, i);

      g_assert_cmpstr (name, !=, "ImageOCRToDocument");
      g_assert_cmpstr (name, !=, "ImageCaptionToDocument");
    }
  g_assert_cmpuint (f->recording.finished->len, ==, 10);

  g_assert_false (moi_pipeline_run_file (pipeline, png, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (failed, ==, "ImageToDocument");
  g_clear_error (&error);
  g_clear_pointer (&failed, g_free);
  g_assert_false (moi_pipeline_run_file (pipeline, mp3, NULL, &f->sink, NULL, &failed, &error));
  g_assert_cmpstr (failed, ==, "AudioToDocument");
  g_assert_nonnull (strstr (error->message, "speech recognition"));
}

/* ---- OpenAIDocumentEmbedder against a fake endpoint ---------------------- */

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GMutex        lock;
  GCond         cond;
  guint         port;
  guint         requests;
  char         *last_authorization;
  GThread      *thread;
} FakeApi;

static void
embeddings_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  FakeApi *api = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(JsonNode) request = json_from_string (body->data, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *text = NULL;
  JsonArray *input;
  guint n;

  g_mutex_lock (&api->lock);
  api->requests++;
  g_free (api->last_authorization);
  api->last_authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization"));
  g_mutex_unlock (&api->lock);

  if (strcmp (path, "/v1/embeddings") != 0 || request == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  input = json_object_get_array_member (json_node_get_object (request), "input");
  n = json_array_get_length (input);

  /* Answer in reverse order: the client must sort by "index". Each
   * embedding is [length of the text, index, 0.5]. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder,
                                 json_object_get_string_member (json_node_get_object (request),
                                                                "model"));
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = n; i-- > 0;)
    {
      const char *t = json_array_get_string_element (input, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "embedding");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, g_utf8_strlen (t, -1));
      json_builder_add_double_value (builder, i);
      json_builder_add_double_value (builder, 0.5);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "usage");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prompt_tokens");
  json_builder_add_int_value (builder, 3);
  json_builder_set_member_name (builder, "total_tokens");
  json_builder_add_int_value (builder, 3);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  reply = json_builder_get_root (builder);
  text = json_to_string (reply, FALSE);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static gpointer
fake_api_thread (gpointer data)
{
  FakeApi *api = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (api->context);
  api->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (api->server, NULL, embeddings_handler, api, NULL);
  soup_server_listen_local (api->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (api->server);
  g_mutex_lock (&api->lock);
  api->port = g_uri_get_port (uris->data);
  g_cond_signal (&api->cond);
  g_mutex_unlock (&api->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (api->loop);
  g_clear_object (&api->server);
  g_main_context_pop_thread_default (api->context);
  return NULL;
}

static void
fake_api_start (FakeApi *api)
{
  memset (api, 0, sizeof *api);
  g_mutex_init (&api->lock);
  g_cond_init (&api->cond);
  api->context = g_main_context_new ();
  api->loop = g_main_loop_new (api->context, FALSE);
  api->thread = g_thread_new ("fake-api", fake_api_thread, api);
  g_mutex_lock (&api->lock);
  while (api->port == 0)
    g_cond_wait (&api->cond, &api->lock);
  g_mutex_unlock (&api->lock);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
fake_api_stop (FakeApi *api)
{
  g_main_context_invoke (api->context, quit_loop, api->loop);
  g_thread_join (api->thread);
  g_main_loop_unref (api->loop);
  g_main_context_unref (api->context);
  g_free (api->last_authorization);
  g_mutex_clear (&api->lock);
  g_cond_clear (&api->cond);
}

#define EMBEDDER "{'name':'embed','type':'haystack.components.embedders.openai_document_embedder." \
                 "OpenAIDocumentEmbedder','init_parameters':{'api_key':{'type':'env_var'," \
                 "'env_vars':['%s'],'strict':true},'api_base_url':'%s','model':'BAAI/bge-m3'," \
                 "'batch_size':1,'prefix':'P:','meta_fields_to_embed':['file_path']," \
                 "'max_retries':0}}"

static void
test_embedder_without_key (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *components = g_strdup_printf (TXT ("conv") "," EMBEDDER ","
                                                 WRITER ("writer", "NONE"),
                                                 "MOI_TEST_UNSET_KEY", "http://127.0.0.1:9/v1");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autofree char *failed = NULL;

  g_unsetenv ("MOI_TEST_UNSET_KEY");
  pipeline = pipeline_of (components,
                          LINK ("conv.documents", "embed.documents") ","
                          LINK ("embed.documents", "writer.documents"),
                          &error);
  g_assert_no_error (error);
  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, &failed, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_cmpstr (failed, ==, "embed");
  g_assert_nonnull (strstr (error->message, "MOI_TEST_UNSET_KEY"));
  g_assert_nonnull (strstr (error->message, "“embed”"));
}

static void
test_embedder_fake_api (Fixture       *f,
                        gconstpointer  data)
{
  FakeApi api;
  g_autofree char *url = NULL;
  g_autofree char *components = NULL;
  g_autofree char *b = fixture_write (f->dir, "b.txt", "second file\nline");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  MoiDocument *document;

  fake_api_start (&api);
  url = g_strdup_printf ("http://127.0.0.1:%u/v1", api.port);
  components = g_strdup_printf (TXT ("conv") "," TXT ("conv2") "," EMBEDDER ","
                                WRITER ("writer", "NONE"), "MOI_TEST_KEY", url);
  g_setenv ("MOI_TEST_KEY", "sekrit", TRUE);
  pipeline = pipeline_of (components,
                          LINK ("conv.documents", "embed.documents") ","
                          LINK ("conv2.documents", "embed.documents") ","
                          LINK ("embed.documents", "writer.documents"),
                          &error);
  g_assert_no_error (error);
  g_assert_true (moi_pipeline_run_file (pipeline, b, NULL, &f->sink, NULL, NULL, &error));
  g_assert_no_error (error);

  /* batch_size 1: one request per document. */
  g_assert_cmpuint (api.requests, ==, 2);
  g_assert_cmpstr (api.last_authorization, ==, "Bearer sekrit");
  g_assert_cmpuint (f->recording.documents->len, ==, 2);
  document = g_ptr_array_index (f->recording.documents, 0);
  g_assert_nonnull (document->embedding);
  g_assert_cmpuint (document->embedding->len, ==, 3);
  /* "P:" + "b.txt" + " " (the separator, a newline made a space) + content. */
  g_assert_cmpfloat (g_array_index (document->embedding, float, 0), ==,
                     strlen ("P:b.txt second file line"));
  g_assert_cmpfloat (g_array_index (document->embedding, float, 2), ==, 0.5);
  g_assert_cmpstr (document->content, ==, "second file\nline");

  g_unsetenv ("MOI_TEST_KEY");
  fake_api_stop (&api);
}

static void
test_embedder_http_error (Fixture       *f,
                          gconstpointer  data)
{
  FakeApi api;
  g_autofree char *url = NULL;
  g_autofree char *components = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;

  fake_api_start (&api);
  /* The fake answers 404 outside /v1/embeddings. */
  url = g_strdup_printf ("http://127.0.0.1:%u/v2", api.port);
  components = g_strdup_printf (TXT ("conv") "," EMBEDDER, "MOI_TEST_KEY", url);
  g_setenv ("MOI_TEST_KEY", "sekrit", TRUE);
  pipeline = pipeline_of (components, LINK ("conv.documents", "embed.documents"), &error);
  g_assert_no_error (error);
  g_assert_false (moi_pipeline_run_file (pipeline, f->txt, NULL, &f->sink, NULL, NULL, &error));
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "HTTP 404"));
  g_unsetenv ("MOI_TEST_KEY");
  fake_api_stop (&api);
}

/* Every type the editor's palette offers either runs here or fails files
 * with its own reason, and the sockets the palette lets users connect exist
 * at run time (routers' sockets depend on parameters and are left out). */
static void
test_catalog_coverage (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *specs = moi_catalog_get_specs (moi_catalog_get_default ());

  g_assert_cmpuint (g_list_model_get_n_items (specs), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (specs); i++)
    {
      g_autoptr(MoiComponentSpec) spec = g_list_model_get_item (specs, i);
      const char *type_path = moi_component_spec_get_component_type (spec);
      GPtrArray *parameters = moi_component_spec_get_parameters (spec);
      g_autoptr(MoiComponent) component = moi_component_new ("c", type_path);
      g_autoptr(MoiNode) node = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *sockets[2];

      if (!moi_node_type_is_supported (type_path))
        {
          if (moi_unsupported_reason (type_path) == NULL)
            g_error ("%s neither runs locally nor says why not", type_path);
          continue;
        }
      if (g_str_has_suffix (type_path, "Router"))
        continue;

      /* The palette's defaults must make a valid component. */
      for (guint j = 0; j < parameters->len; j++)
        {
          MoiParameterSpec *parameter = g_ptr_array_index (parameters, j);
          JsonNode *value = moi_parameter_spec_get_default (parameter);

          if (value != NULL)
            moi_component_set_parameter (component, moi_parameter_spec_get_name (parameter),
                                         value);
        }
      node = moi_node_new_for_component (component, &error);
      if (node == NULL)
        g_error ("%s with the catalog's defaults: %s", type_path, error->message);

      sockets[0] = moi_component_spec_get_inputs (spec);
      sockets[1] = moi_component_spec_get_outputs (spec);
      for (guint side = 0; side < 2; side++)
        {
          for (guint j = 0; j < sockets[side]->len; j++)
            {
              const char *name = moi_socket_spec_get_name (g_ptr_array_index (sockets[side], j));
              gboolean found = side == 0 ? moi_node_lookup_input (node, name, NULL, NULL)
                                         : moi_node_lookup_output (node, name, NULL);

              if (!found)
                g_error ("%s: the catalog's %s socket “%s” does not exist at run time",
                         type_path, side == 0 ? "input" : "output", name);
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moi/pipeline/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("linear", test_linear);
  ADD ("file-path-meta", test_file_path_meta);
  ADD ("router-branches", test_router_branches);
  ADD ("cycle", test_cycle);
  ADD ("bad-connections", test_bad_connections);
  ADD ("unfed-component", test_unfed_component);
  ADD ("bad-parameters", test_bad_parameters);
  ADD ("unknown-type", test_unknown_type);
  ADD ("unsupported-after-writer", test_unsupported_after_writer);
  ADD ("outputs-collected", test_outputs_collected);
  ADD ("writer-policy-fail", test_writer_policy_fail);
  ADD ("counter-sink", test_counter_sink);
  ADD ("missing-or-cancelled", test_missing_or_cancelled);
  ADD ("threads", test_threads);
  ADD ("threads-share-json", test_threads_share_json);
  ADD ("moi-workflow", test_moi_workflow);
  ADD ("catalog-coverage", test_catalog_coverage);
  ADD ("embedder-without-key", test_embedder_without_key);
  ADD ("embedder-fake-api", test_embedder_fake_api);
  ADD ("embedder-http-error", test_embedder_http_error);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (topologies); i++)
    {
      g_autofree char *path = g_strconcat ("/moi/pipeline/topology/", topologies[i].path, NULL);

      g_test_add (path, Fixture, &topologies[i], fixture_setup, test_topology, fixture_teardown);
    }

  return g_test_run ();
}
