/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-workflow.h"

typedef struct
{
  const char *name;
  const char *input;
  int         code;
  const char *message;   /* a substring the message must contain */
} ErrorCase;

#define WF(components) "{\"components\": [" components "], \"connections\": []}"
#define C(rest) "{\"name\": \"cleaner\", \"type\": \"x.Cleaner\"" rest "}"

static const ErrorCase cases[] = {
  /* Syntax, with line:column. */
  { "empty", "", MOI_CORE_ERROR_PARSE, "empty" },
  { "blank", " \n\t ", MOI_CORE_ERROR_PARSE, "empty" },
  { "truncated-array", "{\"components\": [", MOI_CORE_ERROR_PARSE, "at 1:17: unexpected end" },
  { "truncated-string", "{\"components\": [{\"name\": \"clea", MOI_CORE_ERROR_PARSE,
    "inside a string" },
  { "truncated-literal", "{\"components\": [], \"x\": tru", MOI_CORE_ERROR_PARSE, "1:25" },
  { "trailing-comma", "{\n  \"components\": [\n    {},\n  ]\n}", MOI_CORE_ERROR_PARSE,
    "at 4:3: unexpected character “]”" },
  { "double-comma", "{\"a\": [1,\n  2,,3]}", MOI_CORE_ERROR_PARSE, "at 2:5:" },
  { "missing-colon", "{\"components\" []}", MOI_CORE_ERROR_PARSE, "“:”" },
  { "unquoted-key", "{components: []}", MOI_CORE_ERROR_PARSE, "object key" },
  { "single-quotes", "{'components': []}", MOI_CORE_ERROR_PARSE, "1:2" },
  { "comment", "/* c */ {\"components\": []}", MOI_CORE_ERROR_PARSE, "1:1" },
  { "leading-zero", "{\"components\": [], \"n\": 012}", MOI_CORE_ERROR_PARSE, "leading zeros" },
  { "bare-dot", "{\"n\": .5}", MOI_CORE_ERROR_PARSE, "1:7" },
  { "plus", "{\"n\": +1}", MOI_CORE_ERROR_PARSE, "1:7" },
  { "dot-no-digit", "{\"n\": 1.}", MOI_CORE_ERROR_PARSE, "decimal point" },
  { "exponent-no-digit", "{\"n\": 1e}", MOI_CORE_ERROR_PARSE, "exponent" },
  { "nan", "{\"n\": NaN}", MOI_CORE_ERROR_PARSE, "1:7" },
  { "infinity-literal", "{\"n\": Infinity}", MOI_CORE_ERROR_PARSE, "1:7" },
  { "number-overflow", "{\"n\": 1e400}", MOI_CORE_ERROR_INVALID, "out of range" },
  { "garbage-after", "{\"components\": []} x", MOI_CORE_ERROR_PARSE, "1:20" },
  { "two-documents", "{\"components\": []}{}", MOI_CORE_ERROR_PARSE, "end of the document" },
  { "bad-escape", "{\"a\": \"\\q\"}", MOI_CORE_ERROR_PARSE, "escape" },
  { "bad-unicode-escape", "{\"a\": \"\\u12G4\"}", MOI_CORE_ERROR_PARSE, "Unicode" },
  { "lone-surrogate", "{\"a\": \"\\ud800x\"}", MOI_CORE_ERROR_PARSE, "Unicode" },
  { "lone-low-surrogate", "{\"a\": \"\\udc00\"}", MOI_CORE_ERROR_PARSE, "Unicode" },
  { "nul-escape", "{\"a\": \"x\\u0000y\"}", MOI_CORE_ERROR_PARSE, "\\u0000" },
  { "raw-newline-in-string", "{\"a\": \"x\ny\"}", MOI_CORE_ERROR_PARSE, "control character" },
  { "invalid-utf8", "{\"components\": [],\n \"a\": \"\xff\"}", MOI_CORE_ERROR_PARSE,
    "at 2:8: the input is not valid UTF-8" },
  { "column-counts-characters", "{\"名字\": \"中文\" x}", MOI_CORE_ERROR_PARSE, "at 1:13:" },

  /* Shapes. */
  { "array-top-level", "[]", MOI_CORE_ERROR_TYPE, "must be a JSON object, got an array" },
  { "string-top-level", "\"workflow\"", MOI_CORE_ERROR_PARSE, "string that does not hold JSON" },
  { "string-holding-number", "\"42\"", MOI_CORE_ERROR_TYPE, "got a number" },
  { "number-top-level", "42", MOI_CORE_ERROR_TYPE, "got a number" },
  { "null-top-level", "null", MOI_CORE_ERROR_TYPE, "got null" },
  { "no-workflow", "{\"name\": \"wf\"}", MOI_CORE_ERROR_MISSING, "neither" },
  { "workflow-number", "{\"workflow\": 3}", MOI_CORE_ERROR_TYPE, "got a number" },
  { "workflow-bad-string", "{\"workflow\": \"{\\\"components\\\": [\"}", MOI_CORE_ERROR_PARSE,
    "string that does not hold JSON: Invalid JSON at 1:17" },
  { "workflow-string-array", "{\"workflow\": \"[]\"}", MOI_CORE_ERROR_TYPE, "got an array" },
  { "components-object", "{\"components\": {}}", MOI_CORE_ERROR_TYPE,
    "workflow: “components” must be an array, got an object" },
  { "components-null", "{\"components\": null}", MOI_CORE_ERROR_TYPE, "got null" },
  { "component-string", WF ("{\"name\": \"a\", \"type\": \"t\"}, \"b\""), MOI_CORE_ERROR_TYPE,
    "“components[1]” must be an object, got a string" },
  { "component-array", WF ("[]"), MOI_CORE_ERROR_TYPE, "“components[0]” must be an object" },
  { "name-missing", WF ("{\"type\": \"t\"}"), MOI_CORE_ERROR_MISSING,
    "component 1: “name” is missing" },
  { "name-number", WF ("{\"name\": 5, \"type\": \"t\"}"), MOI_CORE_ERROR_TYPE,
    "component 1: “name” must be a string, got a number" },
  { "name-null", WF ("{\"name\": null, \"type\": \"t\"}"), MOI_CORE_ERROR_TYPE, "got null" },
  { "name-empty", WF ("{\"name\": \"\", \"type\": \"t\"}"), MOI_CORE_ERROR_INVALID, "empty" },
  { "type-missing", WF ("{\"name\": \"cleaner\"}"), MOI_CORE_ERROR_MISSING,
    "component “cleaner”: “type” is missing" },
  { "type-boolean", WF ("{\"name\": \"cleaner\", \"type\": true}"), MOI_CORE_ERROR_TYPE,
    "“type” must be a string, got a boolean" },
  { "component-id-number", WF (C (", \"component_id\": 1")), MOI_CORE_ERROR_TYPE,
    "component “cleaner”: “component_id” must be a string" },
  { "intro-object", WF (C (", \"intro\": {}")), MOI_CORE_ERROR_TYPE,
    "“intro” must be a string, got an object" },
  { "position-array", WF (C (", \"position\": [0, 0]")), MOI_CORE_ERROR_TYPE,
    "“position” must be an object, got an array" },
  { "position-x-string", WF (C (", \"position\": {\"x\": \"1\", \"y\": 0}")),
    MOI_CORE_ERROR_TYPE, "component “cleaner”: “position.x” must be a number, got a string" },
  { "position-y-null", WF (C (", \"position\": {\"x\": 1, \"y\": null}")),
    MOI_CORE_ERROR_TYPE, "“position.y” must be a number, got null" },
  { "position-y-missing", WF (C (", \"position\": {\"x\": 1}")),
    MOI_CORE_ERROR_MISSING, "component “cleaner”: “position.y” is missing" },
  { "input-keys-array", WF (C (", \"input_keys\": []")), MOI_CORE_ERROR_TYPE,
    "“input_keys” must be an object, got an array" },
  { "output-keys-string", WF (C (", \"output_keys\": \"\"")), MOI_CORE_ERROR_TYPE,
    "“output_keys” must be an object, got a string" },
  { "init-parameters-array", WF (C (", \"init_parameters\": [1]")), MOI_CORE_ERROR_TYPE,
    "“init_parameters” must be an object, got an array" },
  { "second-component-bad", WF (C ("") ", {\"name\": \"splitter\", \"type\": 7}"),
    MOI_CORE_ERROR_TYPE, "component “splitter”: “type”" },
  { "connections-object", "{\"components\": [], \"connections\": {}}", MOI_CORE_ERROR_TYPE,
    "“connections” must be an array, got an object" },
  { "connection-string", "{\"components\": [], \"connections\": [\"a.b\"]}",
    MOI_CORE_ERROR_TYPE, "“connections[0]” must be an object, got a string" },
  { "connection-sender-missing",
    "{\"components\": [], \"connections\": [{\"sender\": \"a\", \"receiver\": \"b\"}, "
    "{\"receiver\": \"b.x\"}]}", MOI_CORE_ERROR_MISSING, "connection 2: “sender” is missing" },
  { "connection-receiver-number",
    "{\"components\": [], \"connections\": [{\"sender\": \"a\", \"receiver\": 1}]}",
    MOI_CORE_ERROR_TYPE, "connection 1: “receiver” must be a string, got a number" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (c->input, -1, &error);

  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, c->code);
  if (strstr (error->message, c->message) == NULL)
    g_error ("%s: message “%s” lacks “%s”", c->name, error->message, c->message);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *s = g_string_new ("{\"components\": [{\"name\": \"a\", \"type\": \"t\", "
                             "\"init_parameters\": {\"deep\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  g_string_append (s, "}}]}");
  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  /* The document's own levels: top object, components array, component,
   * init_parameters, then the nesting under "deep". */
  guint own = 4;
  g_autofree char *ok_arrays = nested (MOI_JSON_MAX_DEPTH - own, "[", "1", "]");
  g_autofree char *too_deep = nested (MOI_JSON_MAX_DEPTH - own + 1, "[", "1", "]");
  g_autofree char *objects = nested (1000, "{\"k\": ", "1", "}");
  g_autofree char *huge = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;

  workflow = moi_workflow_new_from_data (ok_arrays, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workflow);
  g_clear_object (&workflow);

  workflow = moi_workflow_new_from_data (too_deep, -1, &error);
  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  workflow = moi_workflow_new_from_data (objects, -1, &error);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Far beyond any stack: must fail fast and cleanly. */
  huge = g_strnfill (1000000, '[');
  workflow = moi_workflow_new_from_data (huge, -1, &error);
  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "1:201"));
}

static void
test_huge_sizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;
  gsize n = MOI_JSON_MAX_STRING_SIZE + 16;
  g_autofree char *long_string = g_malloc (n + 64);
  g_autofree char *big = NULL;
  gsize len;

  len = g_snprintf (long_string, 64, "{\"components\": [], \"s\": \"");
  memset (long_string + len, 'a', n);
  strcpy (long_string + len + n, "\"}");

  workflow = moi_workflow_new_from_data (long_string, -1, &error);
  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "1:25"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_clear_error (&error);

  /* Too many values, each small: refused before memory runs out. */
  {
    GString *many = g_string_new ("{\"components\": [], \"v\": [");

    for (guint i = 0; i < MOI_JSON_MAX_VALUES; i++)
      g_string_append (many, "0,");
    g_string_append (many, "0]}");
    workflow = moi_workflow_new_from_data (many->str, many->len, &error);
    g_string_free (many, TRUE);
    g_assert_null (workflow);
    g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
    g_assert_nonnull (strstr (error->message, "values"));
    g_clear_error (&error);
  }

  /* A whole document over the limit is refused before it is scanned. */
  big = g_malloc (MOI_JSON_MAX_INPUT_SIZE + 2);
  memset (big, ' ', MOI_JSON_MAX_INPUT_SIZE + 1);
  big[MOI_JSON_MAX_INPUT_SIZE + 1] = '\0';
  workflow = moi_workflow_new_from_data (big, MOI_JSON_MAX_INPUT_SIZE + 1, &error);
  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP);
}

static void
test_embedded_nul (void)
{
  static const char data[] = "{\"components\": []}\0garbage";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (data, sizeof data - 1, &error);

  g_assert_null (workflow);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "1:19"));
}

static void
test_accepted_oddities (void)
{
  /* Not errors: duplicate keys (last value wins, first place kept), a BOM,
   * escaped solidus, surrogate pairs. */
  static const char data[] =
    "\xEF\xBB\xBF{\"components\": [{\"name\": \"a\", \"type\": \"t\", \"name\": \"b\", "
    "\"intro\": \"\\/\\ud83d\\ude00\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (data, -1, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (moi_workflow_find_component (workflow, "b"));
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_cmpstr (out, ==, "{\"components\":[{\"name\":\"b\",\"type\":\"t\",\"intro\":\"/😀\"}]}");
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autofree char *dir = g_dir_make_tmp ("moi-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);

  workflow = moi_workflow_new_from_file ("/nonexistent/workflow.json", &error);
  g_assert_null (workflow);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"components\": [1]}", -1, NULL));
  workflow = moi_workflow_new_from_file (path, &error);
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "components[0]"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_mutations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workflows",
                                                 "moi-25.json", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));

  /* Every prefix at a stride, and random byte changes: an error or a
   * workflow, never a crash (the sanitizer run checks memory). */
  for (gsize cut = 0; cut < length; cut += 61)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (text, cut, &error);

      /* A prefix of an object is never complete JSON. */
      g_assert_null (workflow);
      g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE);
    }

  for (guint round = 0; round < 400; round++)
    {
      g_autofree char *copy = g_memdup2 (text, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiWorkflow) workflow = NULL;
      static const char bytes[] = "{}[]\",:0-.e\\ \n\xff\x01" "a";

      for (guint k = 0; k < 3; k++)
        {
          int at = g_test_rand_int_range (0, length);

          copy[at] = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];
        }
      workflow = moi_workflow_new_from_data (copy, length, &error);
      g_assert_true ((workflow == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (error->domain == MOI_CORE_ERROR);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/moi/workflow-json-errors/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_error_case);
    }
  g_test_add_func ("/moi/workflow-json-errors/deep-nesting", test_deep_nesting);
  g_test_add_func ("/moi/workflow-json-errors/huge-sizes", test_huge_sizes);
  g_test_add_func ("/moi/workflow-json-errors/embedded-nul", test_embedded_nul);
  g_test_add_func ("/moi/workflow-json-errors/accepted-oddities", test_accepted_oddities);
  g_test_add_func ("/moi/workflow-json-errors/file-errors", test_file_errors);
  g_test_add_func ("/moi/workflow-json-errors/mutations", test_mutations);

  return g_test_run ();
}
