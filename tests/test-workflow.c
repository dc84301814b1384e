/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-workflow.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "workflows", name, NULL);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The fixture as a compact canonical string, straight from the parser. */
static char *
canonical (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = moi_json_parse (text, -1, &error);

  g_assert_no_error (error);
  return moi_json_to_string (node, FALSE, NULL);
}

static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autofree char *text = read_fixture (name);
  g_autofree char *expected = canonical (text);
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(MoiWorkflow) again = NULL;
  g_autoptr(MoiWorkflow) copy = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) written_node = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *reread = NULL;
  g_autofree char *copied = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (workflow);

  compact = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_cmpstr (compact, ==, expected);

  /* Pretty output reads back to the same value. */
  pretty = moi_workflow_to_data (workflow, TRUE, NULL);
  again = moi_workflow_new_from_data (pretty, -1, &error);
  g_assert_no_error (error);
  reread = moi_workflow_to_data (again, FALSE, NULL);
  g_assert_cmpstr (reread, ==, expected);

  /* A copy writes the same. */
  copy = moi_workflow_copy (workflow);
  copied = moi_workflow_to_data (copy, FALSE, NULL);
  g_assert_cmpstr (copied, ==, expected);

  /* Cross-check values against an independent parser (json-glib's). */
  json_parser_load_from_data (parser, compact, -1, &error);
  g_assert_no_error (error);
  written_node = moi_workflow_to_node (workflow);
  g_assert_true (json_node_equal (json_parser_get_root (parser), written_node));
}

static void
test_round_trip_byte_exact (void)
{
  /* moi-25.json is written the way Python's json.dumps(indent=2,
   * ensure_ascii=False) writes, which is the app's pretty format. */
  g_autofree char *text = read_fixture ("moi-25.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (text, -1, &error);
  g_autofree char *pretty = NULL;
  g_autofree char *with_newline = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, 25);
  g_assert_cmpuint (moi_workflow_get_n_connections (workflow), ==, 35);

  pretty = moi_workflow_to_data (workflow, TRUE, NULL);
  with_newline = g_strconcat (pretty, "\n", NULL);
  g_assert_cmpstr (with_newline, ==, text);
  g_assert_nonnull (strstr (pretty, "\"name\": \"文档解析节点\""));
}

static void
test_numbers (void)
{
  g_autofree char *path = fixture_path ("numbers.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autofree char *out = NULL;
  MoiComponent *c;
  JsonNode *node;
  double x, y;

  g_assert_no_error (error);
  out = moi_workflow_to_data (workflow, FALSE, NULL);

  /* Each form keeps its value and its integer-or-double kind. */
  g_assert_nonnull (strstr (out, "\"int\":1,"));
  g_assert_nonnull (strstr (out, "\"negzero_int\":0,"));
  g_assert_nonnull (strstr (out, "\"negzero\":-0.0,"));
  g_assert_nonnull (strstr (out, "\"one_point_zero\":1.0,"));
  g_assert_nonnull (strstr (out, "\"half\":1.5,"));
  g_assert_nonnull (strstr (out, "\"tenth\":0.1,"));
  g_assert_nonnull (strstr (out, "\"sci\":1000.0,"));
  g_assert_nonnull (strstr (out, "\"sci_upper\":2.5e-07,"));
  g_assert_nonnull (strstr (out, "\"sci_plus\":100.0,"));
  g_assert_nonnull (strstr (out, "\"big\":9007199254740993,"));
  g_assert_nonnull (strstr (out, "\"max\":9223372036854775807,"));
  g_assert_nonnull (strstr (out, "\"min\":-9223372036854775808,"));
  g_assert_nonnull (strstr (out, "\"huge\":1.7976931348623157e+308,"));
  g_assert_nonnull (strstr (out, "\"third\":0.3333333333333333,"));
  g_assert_nonnull (strstr (out, "[0.2,0.30000000000000004,100.0,-1.25e-10]"));
  g_assert_nonnull (strstr (out, "\"position\":{\"x\":10,\"y\":20.5}"));

  c = moi_workflow_find_component (workflow, "numbers");
  node = moi_component_get_parameter (c, "sci");
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (node), ==, 1000.0);
  node = moi_component_get_parameter (c, "tiny");
  g_assert_cmpfloat (json_node_get_double (node), ==, 5e-324);
  node = moi_component_get_parameter (c, "big");
  g_assert_cmpint (json_node_get_int (node), ==, G_GINT64_CONSTANT (9007199254740993));

  /* Integers that stay integral are written as integers after a move;
   * a coordinate read as a double stays a double. */
  moi_component_set_position (c, 11, 30);
  moi_component_get_position (c, &x, &y);
  g_assert_cmpfloat (x, ==, 11);
  g_assert_cmpfloat (y, ==, 30);
  g_free (out);
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "\"position\":{\"x\":11,\"y\":30.0}"));
  moi_component_set_position (c, 11.25, 30);
  g_free (out);
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "\"position\":{\"x\":11.25,\"y\":30.0}"));
}

static void
test_format_double (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.1, "0.1" }, { 1.0, "1.0" }, { -0.0, "-0.0" }, { 1e3, "1000.0" },
    { 123456.789, "123456.789" }, { 1e21, "1e+21" }, { 0.30000000000000004, "0.30000000000000004" },
    { 2.0 / 3.0, "0.6666666666666666" }, { -1.5, "-1.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      moi_json_format_double (cases[i].value, buffer);
      g_assert_cmpstr (buffer, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (buffer, NULL), ==, cases[i].value);
    }
}

static void
test_unknown_keys (void)
{
  g_autofree char *path = fixture_path ("unknown.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autofree char *out = NULL;
  MoiComponent *minimal, *nulls, *mystery, *ordered;
  MoiConnection *connection;
  JsonObject *extra;

  g_assert_no_error (error);
  minimal = moi_workflow_find_component (workflow, "minimal");
  nulls = moi_workflow_find_component (workflow, "nulls");
  mystery = moi_workflow_find_component (workflow, "mystery");
  ordered = moi_workflow_find_component (workflow, "ordered");
  g_assert_nonnull (minimal);
  g_assert_nonnull (nulls);

  g_assert_false (moi_component_has_key (minimal, "position"));
  g_assert_false (moi_component_has_key (minimal, "intro"));
  g_assert_true (moi_component_has_key (nulls, "intro"));
  g_assert_null (moi_component_get_intro (nulls));
  g_assert_null (moi_component_get_component_id (nulls));
  g_assert_cmpstr (moi_component_get_short_type (mystery), ==, "Unknown");
  g_assert_true (json_object_has_member (moi_component_get_extra (mystery), "weird"));
  g_assert_true (json_object_has_member (moi_component_get_extra (ordered), "extra_node_info"));
  g_assert_null (moi_workflow_find_component_by_id (workflow, "nulls"));

  extra = moi_workflow_get_extra (workflow);
  g_assert_true (json_object_has_member (extra, "version"));
  g_assert_true (json_object_has_member (extra, "edges"));
  g_assert_true (json_object_has_member (extra, "moi_workflow"));

  connection = moi_workflow_get_connection (workflow, 1);
  g_assert_cmpstr (moi_connection_get_sender_component (connection), ==, "nulls");
  g_assert_null (moi_connection_get_sender_socket (connection));
  g_assert_cmpstr (moi_connection_get_receiver_socket (connection), ==,
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  connection = moi_workflow_get_connection (workflow, 0);
  g_assert_true (json_object_has_member (moi_connection_get_extra (connection), "label"));

  /* Reading init_parameters of a component that had none invents nothing. */
  g_assert_nonnull (moi_component_get_init_parameters (minimal));
  g_assert_nonnull (moi_component_get_init_parameters (nulls));
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "{\"name\":\"minimal\",\"type\":\"x.Minimal\"}"));
  g_assert_nonnull (strstr (out, "\"init_parameters\":null}"));

  /* An edit of a missing key adds it; the other keys stay as they were. */
  moi_component_set_position (minimal, 5, 6);
  {
    g_autoptr(JsonNode) three = json_node_init_int (json_node_alloc (), 3);

    moi_component_set_parameter (nulls, "k", three);
  }
  g_free (out);
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "{\"name\":\"minimal\",\"type\":\"x.Minimal\","
                                 "\"position\":{\"x\":5,\"y\":6}}"));
  g_assert_nonnull (strstr (out, "\"init_parameters\":{\"k\":3}}"));
  g_assert_nonnull (strstr (out, "\"position\":{\"y\":-3.25,\"z\":9,\"x\":12}"));
}

static void
test_bodies (void)
{
  static const char * const names[] = { "body-string.json", "body-object.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
      g_autofree char *out = NULL;
      MoiComponent *c;

      g_assert_no_error (error);
      g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, 1);
      c = moi_workflow_get_component (workflow, 0);
      g_assert_cmpstr (moi_component_get_intro (c), ==, "清洗");
      g_assert_true (moi_workflow_find_component_by_id (workflow,
                                                        "DocumentCleaner_1739377283742") == c);
      out = moi_workflow_to_data (workflow, FALSE, NULL);
      g_assert_true (g_str_has_prefix (out, "{\"components\":[{\"name\":\"DocumentCleaner\""));
      g_assert_true (g_str_has_suffix (out, "\"connections\":[],\"edges\":[],"
                                            "\"extra_components\":[]}"));
    }
}

static void
test_string_node (void)
{
  g_autofree char *text = read_fixture ("body-string.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = moi_json_parse (text, -1, &error);
  g_autoptr(MoiWorkflow) workflow = NULL;
  JsonNode *inner;

  g_assert_no_error (error);
  /* What a client gets from data.workflow: a JSON string. */
  inner = json_object_get_member (json_object_get_object_member (json_node_get_object (root),
                                                                 "data"),
                                  "workflow");
  g_assert_cmpint (json_node_get_value_type (inner), ==, G_TYPE_STRING);
  workflow = moi_workflow_new_from_node (inner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moi_workflow_find_component (workflow, "DocumentCleaner"));
}

static void
test_new (void)
{
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new ();
  g_autoptr(MoiComponent) c = moi_component_new ("DocumentCleaner", "haystack.X.DocumentCleaner");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *out = NULL;
  g_autofree char *id = moi_component_make_id ("Splitter", G_GINT64_CONSTANT (1739377283742));
  static const char * const eight[] = {
    "name", "type", "component_id", "intro", "position",
    "input_keys", "output_keys", "init_parameters",
  };
  guint i = 0;

  g_assert_cmpstr (id, ==, "Splitter_1739377283742");

  object = moi_component_to_json_object (c);
  members = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (eight));
  for (const GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, eight[i++]);
  g_assert_true (g_str_has_prefix (moi_component_get_component_id (c), "DocumentCleaner_"));
  g_assert_cmpstr (moi_component_get_intro (c), ==, "DocumentCleaner");

  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_cmpstr (out, ==,
                   "{\"components\":[],\"connections\":[],\"edges\":[],\"extra_components\":[]}");

  moi_component_set_position (c, 100, 40.5);
  moi_workflow_append_component (workflow, c);
  g_free (out);
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "\"position\":{\"x\":100,\"y\":40.5},\"input_keys\":{},"
                                 "\"output_keys\":{},\"init_parameters\":{}}"));
}

typedef struct
{
  guint changed;
  guint components_changed;
  guint connections_changed;
  GPtrArray *what;
} Counts;

static void
on_changed (Counts *counts)
{
  counts->changed++;
}

static void
on_component_changed (MoiWorkflow  *workflow,
                      MoiComponent *component,
                      const char   *what,
                      Counts       *counts)
{
  g_ptr_array_add (counts->what, g_strdup_printf ("%s:%s", moi_component_get_name (component),
                                                  what));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static gboolean
strv_has (GPtrArray  *array,
          const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), s))
      return TRUE;
  return FALSE;
}

static void
test_signals_and_rename (void)
{
  g_autofree char *path = fixture_path ("moi-25.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  Counts counts = { 0, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) of = NULL;
  g_autoptr(MoiComponent) extra = NULL;
  g_autoptr(JsonNode) five_hundred = json_node_init_int (json_node_alloc (), 500);
  MoiComponent *splitter, *cleaner;
  g_autofree char *out = NULL;
  guint n_connections;

  g_assert_no_error (error);
  g_signal_connect_swapped (workflow, "changed", G_CALLBACK (on_changed), &counts);
  g_signal_connect (workflow, "component-changed", G_CALLBACK (on_component_changed), &counts);
  g_signal_connect (moi_workflow_get_components (workflow), "items-changed",
                    G_CALLBACK (on_items_changed), &counts.components_changed);
  g_signal_connect (moi_workflow_get_connections (workflow), "items-changed",
                    G_CALLBACK (on_items_changed), &counts.connections_changed);

  splitter = moi_workflow_find_component (workflow, "DocumentSplitter");
  cleaner = moi_workflow_find_component (workflow, "DocumentCleaner");
  g_assert_nonnull (splitter);
  g_assert_true (moi_workflow_find_component_by_id (workflow,
                                                    moi_component_get_component_id (splitter))
                 == splitter);

  moi_component_set_position (splitter, 1, 2);
  g_assert_true (strv_has (counts.what, "DocumentSplitter:x"));
  g_assert_true (strv_has (counts.what, "DocumentSplitter:y"));
  moi_component_set_parameter (splitter, "split_length", five_hundred);
  g_assert_true (strv_has (counts.what, "DocumentSplitter:init-parameters:split_length"));
  g_assert_cmpuint (counts.changed, ==, 3);
  /* Setting the same value again is no change. */
  moi_component_set_parameter (splitter, "split_length", five_hundred);
  moi_component_set_position (splitter, 1, 2);
  g_assert_cmpuint (counts.changed, ==, 3);

  /* Rename: lookups follow and every endpoint naming it is rewritten. */
  of = moi_workflow_get_connections_of (workflow, "DocumentSplitter");
  g_assert_cmpuint (of->len, ==, 2);
  n_connections = moi_workflow_get_n_connections (workflow);
  g_assert_true (moi_workflow_rename_component (workflow, splitter, "分段器", &error));
  g_assert_no_error (error);
  g_assert_true (moi_workflow_find_component (workflow, "分段器") == splitter);
  g_assert_null (moi_workflow_find_component (workflow, "DocumentSplitter"));
  g_assert_cmpuint (counts.connections_changed, ==, 2);
  g_assert_cmpuint (moi_workflow_get_n_connections (workflow), ==, n_connections);
  g_clear_pointer (&of, g_ptr_array_unref);
  of = moi_workflow_get_connections_of (workflow, "分段器");
  g_assert_cmpuint (of->len, ==, 2);
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_assert_nonnull (strstr (out, "{\"sender\":\"MetadataRouter.text\","
                                 "\"receiver\":\"分段器.documents\"}"));
  g_assert_nonnull (strstr (out, "{\"sender\":\"分段器.documents\","
                                 "\"receiver\":\"DocumentCleaner.documents\"}"));
  g_assert_null (strstr (out, "\"DocumentSplitter.documents"));

  /* Renaming onto an existing name is refused and changes nothing. */
  g_assert_false (moi_workflow_rename_component (workflow, splitter, "DocumentCleaner", &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "DocumentCleaner"));
  g_clear_error (&error);
  g_assert_false (moi_workflow_rename_component (workflow, splitter, "a.b", &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (moi_component_get_name (splitter), ==, "分段器");

  /* Remove: its connections go, lookups forget it. */
  counts.connections_changed = 0;
  g_object_ref (cleaner);
  g_assert_true (moi_workflow_remove_component (workflow, cleaner));
  g_assert_null (moi_workflow_find_component (workflow, "DocumentCleaner"));
  g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, 24);
  g_assert_cmpuint (moi_workflow_get_n_connections (workflow), ==, n_connections - 2);
  g_assert_cmpuint (counts.connections_changed, ==, 2);
  g_assert_cmpuint (counts.components_changed, ==, 1);
  g_assert_false (moi_workflow_remove_component (workflow, cleaner));

  /* A removed component no longer reports to the workflow. */
  counts.changed = 0;
  moi_component_set_position (cleaner, 99, 99);
  g_assert_cmpuint (counts.changed, ==, 0);
  g_object_unref (cleaner);

  /* Duplicates: the first keeps the name; removing it hands the name on. */
  extra = moi_component_new ("PythonExecutor", "x.Dup");
  moi_workflow_insert_component (workflow, 0, extra);
  g_assert_cmpuint (counts.components_changed, ==, 2);
  g_assert_true (moi_workflow_get_component (workflow, 0) == extra);
  g_assert_cmpuint (moi_workflow_count_components_named (workflow, "PythonExecutor"), ==, 2);
  g_assert_true (moi_workflow_find_component (workflow, "PythonExecutor") != extra);
  g_assert_true (moi_workflow_remove_component (workflow,
                                                moi_workflow_find_component (workflow,
                                                                             "PythonExecutor")));
  g_assert_true (moi_workflow_find_component (workflow, "PythonExecutor") == extra);
  g_clear_pointer (&of, g_ptr_array_unref);
  of = moi_workflow_get_connections_of (workflow, "PythonExecutor");
  g_assert_cmpuint (of->len, ==, 2);

  g_ptr_array_unref (counts.what);
}

static void
test_copy_and_equal (void)
{
  g_autofree char *path = fixture_path ("unknown.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(MoiComponent) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MoiComponent) reread = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "v");
  MoiComponent *ordered;

  g_assert_no_error (error);
  ordered = moi_workflow_find_component (workflow, "ordered");
  copy = moi_component_copy (ordered);
  g_assert_true (moi_component_equal (copy, ordered));

  /* Reading back what was written gives an equal component. */
  object = moi_component_to_json_object (ordered);
  reread = moi_component_new_from_json_object (object, &error);
  g_assert_no_error (error);
  g_assert_true (moi_component_equal (reread, ordered));

  /* The copy is deep: editing it leaves the original alone. */
  moi_component_set_parameter (copy, "k", value);
  json_object_set_int_member (moi_component_get_extra (copy), "added", 1);
  g_assert_false (moi_component_equal (copy, ordered));
  g_assert_null (moi_component_get_parameter (ordered, "k"));
  g_assert_false (json_object_has_member (moi_component_get_extra (ordered), "added"));

  /* Equal means "writes the same": a moved copy differs. */
  g_clear_object (&copy);
  copy = moi_component_copy (ordered);
  moi_component_set_position (copy, 12.5, -3.25);
  g_assert_false (moi_component_equal (copy, ordered));
}

static void
test_connection_parts (void)
{
  g_autoptr(MoiConnection) a = moi_connection_new_from_parts ("Router", "text/plain",
                                                              "Writer", NULL);
  g_autoptr(MoiConnection) b = moi_connection_new ("Router.text/plain", "Writer");
  g_autoptr(MoiConnection) renamed = moi_connection_rename_component (a, "Writer", "W2");
  g_autoptr(MoiConnection) untouched = moi_connection_rename_component (a, "Other", "X");
  g_autoptr(JsonObject) object = moi_connection_to_json_object (a);

  g_assert_cmpstr (moi_connection_get_sender (a), ==, "Router.text/plain");
  g_assert_cmpstr (moi_connection_get_receiver (a), ==, "Writer");
  g_assert_null (moi_connection_get_receiver_socket (a));
  g_assert_true (moi_connection_equal (a, b));
  g_assert_cmpstr (moi_connection_get_receiver (renamed), ==, "W2");
  g_assert_cmpstr (moi_connection_get_sender (renamed), ==, "Router.text/plain");
  g_assert_null (untouched);
  g_assert_true (moi_connection_touches (a, "Router"));
  g_assert_false (moi_connection_touches (a, "Route"));
  g_assert_cmpstr (json_object_get_string_member (object, "sender"), ==, "Router.text/plain");
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/moi/workflow/round-trip/moi-25", "moi-25.json", test_round_trip);
  g_test_add_data_func ("/moi/workflow/round-trip/numbers", "numbers.json", test_round_trip);
  g_test_add_data_func ("/moi/workflow/round-trip/unknown", "unknown.json", test_round_trip);
  g_test_add_func ("/moi/workflow/round-trip/byte-exact", test_round_trip_byte_exact);
  g_test_add_func ("/moi/workflow/numbers", test_numbers);
  g_test_add_func ("/moi/workflow/format-double", test_format_double);
  g_test_add_func ("/moi/workflow/unknown-keys", test_unknown_keys);
  g_test_add_func ("/moi/workflow/bodies", test_bodies);
  g_test_add_func ("/moi/workflow/new", test_new);
  g_test_add_func ("/moi/workflow/string-node", test_string_node);
  g_test_add_func ("/moi/workflow/signals-and-rename", test_signals_and_rename);
  g_test_add_func ("/moi/workflow/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/moi/workflow/connection-parts", test_connection_parts);

  return g_test_run ();
}
