/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pipeline-fixture.h"

static char *
executor_json (const char *code,
               double      timeout)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "py");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder,
                                 "byoa.integrations.components.python_executor.PythonExecutor");
  json_builder_set_member_name (builder, "init_parameters");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "python_code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "timeout");
  json_builder_add_double_value (builder, timeout);
  json_builder_set_member_name (builder, "return_error");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Runs @code on two documents; returns the outputs or NULL with @error. */
static MoiNodeOutputs *
run_code (const char  *code,
          double       timeout,
          GError     **error)
{
  g_autofree char *json = executor_json (code, timeout);
  g_autoptr(JsonNode) node_json = json_from_string (json, NULL);
  g_autoptr(MoiComponent) component = NULL;
  g_autoptr(MoiNode) node = NULL;
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  GPtrArray *documents = fixture_documents ();

  component = moi_component_new_from_json_object (json_node_get_object (node_json), NULL);
  node = moi_node_new_for_component (component, error);
  g_assert_nonnull (node);
  g_ptr_array_add (documents, fixture_document ("first", "{'n':1}", 0.5));
  g_ptr_array_add (documents, fixture_document ("second", "{'n':2}", NAN));
  fixture_add_documents (inputs, "documents", documents);
  return fixture_run_node (node, inputs, error);
}

static const char *
output_string (MoiNodeOutputs *outputs,
               const char     *socket)
{
  MoiValue *value = moi_node_outputs_get (outputs, socket);

  g_assert_nonnull (value);
  return json_node_get_string (value->json);
}

static void
test_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiDocument) expected_new = fixture_document ("new", "{'k':1}", NAN);
  g_autoptr(MoiDocument) original = fixture_document ("first", "{'n':1}", NAN);
  GPtrArray *documents;
  MoiDocument *d;

  outputs = run_code ("from haystack import Document\n"
                      "for d in documents:\n"
                      "    d.content = d.content.upper()\n"
                      "    d.meta['seen'] = True\n"
                      "print('processed', len(documents))\n"
                      "import sys, os\n"
                      "sys.stderr.write('careful')\n"
                      "os.write(1, b'{not json')\n"
                      "documents.append(Document(content='new', meta={'k': 1}))\n"
                      "documents.append({'content': documents[1]['content'] + '!', 'meta': {}})\n",
                      15, &error);
  g_assert_no_error (error);
  documents = moi_node_outputs_get (outputs, "documents")->items;
  g_assert_cmpuint (documents->len, ==, 4);

  d = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (d->content, ==, "FIRST");
  g_assert_true (json_object_get_boolean_member (moi_document_get_meta (d), "seen"));
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (d), "n"), ==, 1);
  g_assert_cmpfloat (d->score, ==, 0.5);
  /* Edited in place: the id stays, as in Haystack. */
  g_assert_cmpstr (moi_document_get_id (d), ==, moi_document_get_id (original));

  d = g_ptr_array_index (documents, 2);
  g_assert_cmpstr (d->content, ==, "new");
  /* A new Document gets the id Haystack would compute. */
  g_assert_cmpstr (moi_document_get_id (d), ==, moi_document_get_id (expected_new));
  g_assert_true (isnan (d->score));

  d = g_ptr_array_index (documents, 3);
  g_assert_cmpstr (d->content, ==, "SECOND!");

  g_assert_cmpstr (output_string (outputs, "python_output"), ==, "processed 2\n");
  g_assert_cmpstr (output_string (outputs, "python_error_output"), ==, "careful");
}

static void
test_replace_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  GPtrArray *documents;

  /* Rebinding `documents` in the exec locals is what counts. */
  outputs = run_code ("documents = [d for d in documents if d.meta['n'] == 2]", 15, &error);
  g_assert_no_error (error);
  documents = moi_node_outputs_get (outputs, "documents")->items;
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (((MoiDocument *) documents->pdata[0])->content, ==, "second");
}

static void
test_exception (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = run_code ("x = 1\nraise ValueError('boom')\n", 15, &error);

  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_cmpstr (error->message, ==, "component “py”: python_code line 2: ValueError: boom");
}

static void
test_syntax_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = run_code ("x = 1\n\ny = (\n", 15, &error);

  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "SyntaxError"));
}

static void
test_bad_result (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = run_code ("documents = [1, 2]", 15, &error);

  g_assert_null (outputs);
  g_assert_nonnull (strstr (error->message, "Document objects or dicts"));
  g_clear_error (&error);

  g_clear_pointer (&outputs, moi_node_outputs_free);
  outputs = run_code ("documents = [{'content': 3}]", 15, &error);
  g_assert_null (outputs);
  g_assert_nonnull (strstr (error->message, "content"));
}

static void
test_hard_exit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = run_code ("import os\nos._exit(3)", 15, &error);

  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "exit status 3"));
}

static void
test_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  outputs = run_code ("while True:\n    pass\n", 1, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_true (g_str_has_suffix (error->message, "within 1 second"));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
}

static void
test_python_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autofree char *empty = fixture_tmpdir ();

  g_setenv ("MOI_PYTHON3", "/nonexistent/python3", TRUE);
  outputs = run_code ("pass", 15, &error);
  g_unsetenv ("MOI_PYTHON3");
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "“/nonexistent/python3” was not found"));
  g_assert_nonnull (strstr (error->message, "“py”"));
  g_clear_error (&error);

  /* No python3 on PATH at all. */
  g_setenv ("PATH", empty, TRUE);
  outputs = run_code ("pass", 15, &error);
  g_setenv ("PATH", path, TRUE);
  fixture_rmdir (empty);
  g_assert_null (outputs);
  g_assert_nonnull (strstr (error->message, "“python3” was not found"));
}

static gpointer
run_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup_printf ("import time\ntime.sleep(0.2)\n"
                                           "documents = documents[%u:%u]",
                                           GPOINTER_TO_UINT (data), GPOINTER_TO_UINT (data) + 1);
  MoiNodeOutputs *outputs = run_code (code, 15, &error);

  g_assert_no_error (error);
  return outputs;
}

/* Worker threads run executors at once: each waits on its own child. */
static void
test_threads (void)
{
  GThread *threads[2];

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("python", run_in_thread, GUINT_TO_POINTER (i));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MoiNodeOutputs) outputs = g_thread_join (threads[i]);
      GPtrArray *documents = moi_node_outputs_get (outputs, "documents")->items;

      g_assert_cmpuint (documents->len, ==, 1);
      g_assert_cmpstr (((MoiDocument *) documents->pdata[0])->content, ==,
                       i == 0 ? "first" : "second");
    }
}

static void
test_in_pipeline (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *file = fixture_write (dir, "n.txt", "one two three");
  g_autofree char *py = executor_json ("for d in documents:\n"
                                       "    d.meta['words'] = len(d.content.split())\n", 15);
  g_autofree char *text = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  g_autoptr(GError) error = NULL;
  MoiDocument *d;

  text = g_strdup_printf ("{\"components\":[{\"name\":\"conv\",\"type\":\"haystack.components."
                          "converters.txt.TextFileToDocument\"},%s],\"connections\":[{\"sender\":"
                          "\"conv.documents\",\"receiver\":\"py.documents\"}]}", py);
  workflow = moi_workflow_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  pipeline = moi_pipeline_new (workflow, &error);
  g_assert_no_error (error);
  g_assert_true (moi_pipeline_run_file_full (pipeline, file, NULL, NULL, NULL, &outputs, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outputs->len, ==, 1);
  d = g_ptr_array_index (outputs, 0);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (d), "words"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (d), "file_path"), ==,
                   "n.txt");
  fixture_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/python-executor/ok", test_ok);
  g_test_add_func ("/moi/python-executor/replace-list", test_replace_list);
  g_test_add_func ("/moi/python-executor/exception", test_exception);
  g_test_add_func ("/moi/python-executor/syntax-error", test_syntax_error);
  g_test_add_func ("/moi/python-executor/bad-result", test_bad_result);
  g_test_add_func ("/moi/python-executor/hard-exit", test_hard_exit);
  g_test_add_func ("/moi/python-executor/timeout", test_timeout);
  g_test_add_func ("/moi/python-executor/python-missing", test_python_missing);
  g_test_add_func ("/moi/python-executor/threads", test_threads);
  g_test_add_func ("/moi/python-executor/in-pipeline", test_in_pipeline);

  return g_test_run ();
}
