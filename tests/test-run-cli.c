/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-run-cli.h"

/* `moi-server run` end to end: this program re-runs itself with
 * --run-cli ARGS, which calls moi_run_cli_main() exactly as moi-server does,
 * and checks the exit status, stdout (JSON lines) and stderr. */

typedef struct
{
  int        status;
  char      *out;
  char      *err;
  GPtrArray *lines;   /* JsonObject* of each stdout line */
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_ptr_array_unref (result->lines);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("MOI_FIXTURES"), "pipeline", name, NULL);
}

static CliResult *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  g_auto(GStrv) lines = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "/proc/self/exe");
  g_ptr_array_add (argv, (gpointer) "--run-cli");
  g_ptr_array_add (argv, (gpointer) "run");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  subprocess = g_subprocess_newv ((const char * const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                  | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (subprocess);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);

  result->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  lines = g_strsplit (result->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (result->lines, json_object_ref (json_node_get_object (node)));
    }
  return result;
}

static const char *
line_content (CliResult *result,
              guint      i)
{
  return json_object_get_string_member (g_ptr_array_index (result->lines, i), "content");
}

static JsonObject *
line_meta (CliResult *result,
           guint      i)
{
  return json_object_get_object_member (g_ptr_array_index (result->lines, i), "meta");
}

static void
test_ok (void)
{
  g_autofree char *workflow = fixture_path ("text-workflow.json");
  g_autofree char *seven = fixture_path ("seven-words.txt");
  g_autofree char *chinese = fixture_path ("chinese.txt");
  g_autoptr(CliResult) result = run_cli (workflow, seven, chinese, NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  /* Cleaned to "one two three four five six seven", split by 3 words. */
  g_assert_cmpuint (result->lines->len, ==, 4);
  g_assert_cmpstr (line_content (result, 0), ==, "one two three ");
  g_assert_cmpstr (line_content (result, 1), ==, "four five six ");
  g_assert_cmpstr (line_content (result, 2), ==, "seven");
  g_assert_cmpstr (json_object_get_string_member (line_meta (result, 2), "file_path"), ==,
                   "seven-words.txt");
  g_assert_cmpint (json_object_get_int_member (line_meta (result, 2), "split_id"), ==, 2);
  g_assert_cmpstr (line_content (result, 3), ==, "第一 第二");
  g_assert_cmpstr (json_object_get_string_member (line_meta (result, 3), "file_path"), ==,
                   "chinese.txt");
  /* Only content and meta are printed. */
  g_assert_cmpuint (json_object_get_size (g_ptr_array_index (result->lines, 0)), ==, 2);
}

static void
test_failed_file (void)
{
  g_autofree char *workflow = fixture_path ("text-workflow.json");
  g_autofree char *seven = fixture_path ("seven-words.txt");
  g_autoptr(CliResult) result = run_cli (workflow, "/nonexistent/file.txt", seven, NULL);

  /* One file failed: exit 1, the others still printed. */
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "/nonexistent/file.txt"));
  g_assert_cmpuint (result->lines->len, ==, 3);
}

static void
test_unsupported_branch (void)
{
  g_autofree char *workflow = fixture_path ("routed-workflow.json");
  g_autofree char *seven = fixture_path ("seven-words.txt");
  g_autofree char *pdf = fixture_path ("scan.pdf");
  g_autoptr(CliResult) result = run_cli (workflow, pdf, seven, NULL);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "scan.pdf: component “ImageOCRToDocument”"));
  g_assert_nonnull (strstr (result->err, "cannot run in the local service"));
  /* The text file took the text branch and was written whole. */
  g_assert_cmpuint (result->lines->len, ==, 1);
  g_assert_cmpstr (line_content (result, 0), ==, "one two  three\n\nfour five six seven\n");
  g_assert_cmpstr (json_object_get_string_member (line_meta (result, 0), "content_type"), ==,
                   "text");
}

static void
test_policies (void)
{
  g_autofree char *text_workflow = fixture_path ("text-workflow.json");
  g_autofree char *routed_workflow = fixture_path ("routed-workflow.json");
  g_autofree char *seven = fixture_path ("seven-words.txt");
  g_autoptr(CliResult) none = run_cli (text_workflow, seven, seven, NULL);
  g_autoptr(CliResult) skip = run_cli (routed_workflow, seven, seven, NULL);

  /* NONE behaves as FAIL: the second run of the same file is a duplicate. */
  g_assert_cmpint (none->status, ==, 1);
  g_assert_nonnull (strstr (none->err, "already exists"));
  g_assert_cmpuint (none->lines->len, ==, 3);
  /* SKIP: written once, no error. */
  g_assert_cmpint (skip->status, ==, 0);
  g_assert_cmpuint (skip->lines->len, ==, 1);
}

static void
test_no_writer (void)
{
  g_autofree char *workflow = fixture_path ("no-writer-workflow.json");
  g_autofree char *seven = fixture_path ("seven-words.txt");
  g_autoptr(CliResult) result = run_cli (workflow, seven, NULL);

  /* No writer: the cleaner's unconnected output is the result shown. */
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpuint (result->lines->len, ==, 1);
  g_assert_cmpstr (line_content (result, 0), ==, "one two three four five six seven");
}

static void
test_usage (void)
{
  g_autofree char *workflow = fixture_path ("text-workflow.json");
  g_autofree char *cycle = fixture_path ("cycle.json");
  g_autofree char *broken = fixture_path ("broken.json");
  g_autoptr(CliResult) no_files = run_cli (workflow, NULL);
  g_autoptr(CliResult) cyclic = run_cli (cycle, workflow, NULL);
  g_autoptr(CliResult) unparsable = run_cli (broken, workflow, NULL);
  g_autoptr(CliResult) missing = run_cli ("/nonexistent/workflow.json", workflow, NULL);

  g_assert_cmpint (no_files->status, ==, 2);
  g_assert_nonnull (strstr (no_files->err, "at least one file"));
  g_assert_cmpint (cyclic->status, ==, 2);
  g_assert_nonnull (strstr (cyclic->err, "cycle"));
  g_assert_nonnull (strstr (cyclic->err, "cycle.json"));
  g_assert_cmpint (unparsable->status, ==, 2);
  g_assert_nonnull (strstr (unparsable->err, "broken.json"));
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "/nonexistent/workflow.json"));
  g_assert_cmpuint (cyclic->lines->len + missing->lines->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1 && strcmp (argv[1], "--run-cli") == 0)
    return moi_run_cli_main (argc - 2, argv + 2);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/run-cli/ok", test_ok);
  g_test_add_func ("/moi/run-cli/failed-file", test_failed_file);
  g_test_add_func ("/moi/run-cli/unsupported-branch", test_unsupported_branch);
  g_test_add_func ("/moi/run-cli/policies", test_policies);
  g_test_add_func ("/moi/run-cli/no-writer", test_no_writer);
  g_test_add_func ("/moi/run-cli/usage", test_usage);

  return g_test_run ();
}
