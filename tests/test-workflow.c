/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-workflow.h"
#include "moi-workflow-generator.h"

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

  /* The tree to_node() builds writes what to_data() streams, in both
   * layouts; and a model read from a node the caller keeps (copying) is the
   * model read from text (taking the parsed tree). */
  g_free (reread);
  reread = moi_json_to_string (written_node, FALSE, NULL);
  g_assert_cmpstr (reread, ==, compact);
  g_free (reread);
  reread = moi_json_to_string (written_node, TRUE, NULL);
  g_assert_cmpstr (reread, ==, pretty);
  {
    g_autoptr(JsonNode) parsed = moi_json_parse (text, -1, &error);
    g_autoptr(MoiWorkflow) from_node = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    before = moi_json_to_string (parsed, FALSE, NULL);
    from_node = moi_workflow_new_from_node (parsed, &error);
    g_assert_no_error (error);
    g_free (reread);
    reread = moi_workflow_to_data (from_node, TRUE, NULL);
    g_assert_cmpstr (reread, ==, pretty);
    /* Editing that model leaves the caller's node alone. */
    for (guint i = 0; i < moi_workflow_get_n_components (from_node); i++)
      {
        MoiComponent *c = moi_workflow_get_component (from_node, i);
        g_autoptr(JsonNode) value = json_node_init_int (json_node_alloc (), 7);

        moi_component_set_parameter (c, "added", value);
        moi_component_set_position (c, 1.5, 2.5);
      }
    after = moi_json_to_string (parsed, FALSE, NULL);
    g_assert_cmpstr (after, ==, before);
  }
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
    { 2.0 / 3.0, "0.6666666666666666" }, { -1.5, "-1.5" }, { -2.0, "-2.0" },
    { 999999999999999.0, "999999999999999.0" }, { 1e15, "1e+15" }, { 1e16, "1e+16" },
    { 9007199254740993.0, "9007199254740992.0" }, { 0.5, "0.5" },
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

/* Every kind of value, nested: the copy must share none of it. */
static const char deep_json[] =
  "{\"s\":\"文本\",\"i\":1,\"d\":1.5,\"b\":true,\"n\":null,"
  "\"o\":{\"a\":[1,{\"k\":\"v\"},[2.5]],\"e\":{}},\"l\":[\"x\",false]}";

static void
test_deep_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = moi_json_parse (deep_json, -1, &error);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;
  JsonObject *o, *c, *inner;
  JsonArray *list;

  g_assert_no_error (error);
  before = moi_json_to_string (original, FALSE, NULL);
  copy = moi_json_node_deep_copy (original);
  copied = moi_json_to_string (copy, FALSE, NULL);
  g_assert_cmpstr (copied, ==, before);
  g_assert_true (json_node_equal (copy, original));

  o = json_node_get_object (original);
  c = json_node_get_object (copy);
  g_assert_true (c != o);
  g_assert_true (json_object_get_object_member (c, "o") != json_object_get_object_member (o, "o"));
  g_assert_true (json_object_get_array_member (c, "l") != json_object_get_array_member (o, "l"));

  /* Change every value of the copy in place, scalars included: with
   * json_node_copy() the scalars share their JsonValue, so set_*() on the
   * copy would change the original too. */
  json_node_set_string (json_object_get_member (c, "s"), "changed");
  json_node_set_int (json_object_get_member (c, "i"), 99);
  json_node_set_double (json_object_get_member (c, "d"), -7.25);
  json_node_set_boolean (json_object_get_member (c, "b"), FALSE);
  inner = json_object_get_object_member (c, "o");
  list = json_object_get_array_member (inner, "a");
  json_node_set_int (json_array_get_element (list, 0), 100);
  json_object_set_string_member (json_array_get_object_element (list, 1), "k", "w");
  json_object_set_int_member (json_array_get_object_element (list, 1), "new", 1);
  json_node_set_double (json_array_get_element (json_array_get_array_element (list, 2), 0), 9.5);
  json_array_add_int_element (list, 3);
  json_object_set_null_member (json_object_get_object_member (inner, "e"), "x");
  json_node_set_string (json_array_get_element (json_object_get_array_member (c, "l"), 0), "y");
  json_object_remove_member (c, "n");

  after = moi_json_to_string (original, FALSE, NULL);
  g_assert_cmpstr (after, ==, before);
  g_free (copied);
  copied = moi_json_to_string (copy, FALSE, NULL);
  g_assert_cmpstr (copied, ==,
                   "{\"s\":\"changed\",\"i\":99,\"d\":-7.25,\"b\":false,"
                   "\"o\":{\"a\":[100,{\"k\":\"w\",\"new\":1},[9.5],3],\"e\":{\"x\":null}},"
                   "\"l\":[\"y\",false]}");

  /* The same through the model: set_parameter() stores its own copy, a
   * component's copy and to_json_object() share nothing with it. */
  {
    g_autoptr(MoiComponent) component = moi_component_new ("C", "x.C");
    g_autoptr(MoiComponent) dup = NULL;
    g_autoptr(JsonObject) written = NULL;
    g_autoptr(JsonNode) written_node = NULL;
    g_autoptr(JsonObject) again = NULL;
    g_autoptr(JsonNode) again_node = NULL;
    g_autofree char *kept = NULL;
    g_autofree char *now = NULL;
    JsonObject *stored;

    moi_component_set_parameter (component, "deep", original);
    json_node_set_string (json_object_get_member (o, "s"), "caller's edit");
    stored = json_node_get_object (moi_component_get_parameter (component, "deep"));
    g_assert_cmpstr (json_object_get_string_member (stored, "s"), ==, "文本");

    written = moi_component_to_json_object (component);
    written_node = json_node_init_object (json_node_alloc (), written);
    kept = moi_json_to_string (written_node, FALSE, NULL);

    dup = moi_component_copy (component);
    stored = json_node_get_object (moi_component_get_parameter (dup, "deep"));
    json_node_set_string (json_object_get_member (stored, "s"), "dup");
    json_node_set_int (json_array_get_element (
                         json_object_get_array_member (
                           json_object_get_object_member (stored, "o"), "a"), 0), -1);
    g_assert_false (moi_component_equal (dup, component));

    stored = json_object_get_object_member (json_object_get_object_member (written,
                                                                           "init_parameters"),
                                            "deep");
    json_node_set_string (json_object_get_member (stored, "s"), "edited");

    again = moi_component_to_json_object (component);
    again_node = json_node_init_object (json_node_alloc (), again);
    now = moi_json_to_string (again_node, FALSE, NULL);
    g_assert_cmpstr (now, ==, kept);
  }
}

/* Deep copies made on several threads at once from one shared tree: each
 * copy must be its own, and nothing of the source may be touched. */
typedef struct
{
  JsonNode *source;
  char     *expected;
} ThreadData;

static gpointer
copy_and_edit (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(JsonNode) copy = moi_json_node_deep_copy (data->source);
      g_autofree char *text = NULL;

      json_node_set_string (json_object_get_member (json_node_get_object (copy), "s"), "t");
      text = moi_json_to_string (copy, FALSE, NULL);
      g_assert_nonnull (strstr (text, "\"s\":\"t\""));
    }
  return NULL;
}

static void
test_deep_copy_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) source = moi_json_parse (deep_json, -1, &error);
  g_autofree char *after = NULL;
  ThreadData data;
  GThread *threads[4];

  g_assert_no_error (error);
  data.source = source;
  data.expected = moi_json_to_string (source, FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("copy", copy_and_edit, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  after = moi_json_to_string (source, FALSE, NULL);
  g_assert_cmpstr (after, ==, data.expected);
  g_free (data.expected);
}

/* moi_workflow_new_from_data() reads a well-formed WorkflowConfig straight
 * into the model and anything else as a tree; moi_workflow_new_from_node()
 * always reads the tree. Both must give the same model, or the same
 * error. */
static void
assert_same_reading (const char *text)
{
  g_autoptr(GError) data_error = NULL;
  g_autoptr(GError) node_error = NULL;
  g_autoptr(MoiWorkflow) from_data = moi_workflow_new_from_data (text, -1, &data_error);
  g_autoptr(MoiWorkflow) from_node = NULL;
  g_autoptr(JsonNode) node = moi_json_parse (text, -1, &node_error);

  if (node != NULL)
    from_node = moi_workflow_new_from_node (node, &node_error);

  if (from_node == NULL)
    {
      if (from_data != NULL)
        g_error ("read from text but not as a node (%s): %s", node_error->message, text);
      g_assert_nonnull (data_error);
      g_assert_cmpstr (data_error->message, ==, node_error->message);
      g_assert_cmpint (data_error->code, ==, node_error->code);
      return;
    }
  if (from_data == NULL)
    g_error ("read as a node but not from text (%s): %s", data_error->message, text);

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *a = moi_workflow_to_data (from_data, pretty, NULL);
      g_autofree char *b = moi_workflow_to_data (from_node, pretty, NULL);

      g_assert_cmpstr (a, ==, b);
    }
  g_assert_cmpuint (moi_workflow_get_n_components (from_data), ==,
                    moi_workflow_get_n_components (from_node));
  for (guint i = 0; i < moi_workflow_get_n_components (from_data); i++)
    {
      static const char * const keys[] = {
        "name", "type", "component_id", "intro", "position", "input_keys", "output_keys",
        "init_parameters", "extra_node_info", NULL
      };
      MoiComponent *a = moi_workflow_get_component (from_data, i);
      MoiComponent *b = moi_workflow_get_component (from_node, i);
      double ax, ay, bx, by;

      g_assert_true (moi_component_equal (a, b));
      for (guint k = 0; keys[k] != NULL; k++)
        g_assert_cmpint (moi_component_has_key (a, keys[k]), ==, moi_component_has_key (b, keys[k]));
      g_assert_cmpint (moi_component_get_position_null (a), ==,
                       moi_component_get_position_null (b));
      moi_component_get_position (a, &ax, &ay);
      moi_component_get_position (b, &bx, &by);
      g_assert_cmpfloat (ax, ==, bx);
      g_assert_cmpfloat (ay, ==, by);
      /* Edits land alike: the write-as-integer flags and key orders match. */
      moi_component_set_position (a, 3, 4.5);
      moi_component_set_position (b, 3, 4.5);
      g_assert_true (moi_component_equal (a, b));
    }
}

static void
test_reader_paths (void)
{
  static const char * const components[] = {
    "{\"name\":\"a\",\"type\":\"t\"}",
    "{\"type\":\"t\",\"name\":\"a\"}",
    "{\"name\":\"a\",\"type\":\"t\",\"component_id\":null,\"intro\":null,\"position\":null,"
    "\"input_keys\":null,\"output_keys\":null,\"init_parameters\":null}",
    "{\"name\":\"a\",\"type\":\"t\",\"component_id\":\"a_1\",\"intro\":\"说明\","
    "\"position\":{\"x\":1,\"y\":2.0},\"input_keys\":{},\"output_keys\":{\"k\":[1]},"
    "\"init_parameters\":{\"p\":{\"q\":[1,2.5,\"s\",true,null]},\"r\":-0.0}}",
    "{\"extra_node_info\":{\"x\":1},\"name\":\"a\",\"position\":{\"z\":0,\"y\":-1e3,\"x\":7},"
    "\"type\":\"t\",\"tail\":[]}",
    "{\"name\":\"a\",\"u1\":1,\"type\":\"t\",\"u2\":2,\"intro\":\"i\"}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":{\"x\":1,\"y\":2,\"w\":{\"deep\":[{}]}}}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":{\"x\":123456789012345678901,\"y\":1e-7}}",
    "{\"name\":\"a\",\"type\":\"t\",\"init_parameters\":{},\"init_parameters\":{\"a\":1}}",
    "{\"name\":\"a\",\"type\":\"t\",\"u\":1,\"u\":2}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":{\"x\":1,\"x\":2,\"y\":3}}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":{\"x\":1}}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":{\"x\":null,\"y\":1}}",
    "{\"name\":\"a\",\"type\":\"t\",\"position\":[1,2]}",
    "{\"name\":\"\",\"type\":\"t\"}",
    "{\"name\":\"a\"}",
    "{\"name\":null,\"type\":\"t\"}",
    "{\"name\":\"a\",\"type\":7}",
    "{\"name\":\"a\",\"type\":\"t\",\"intro\":5}",
    "{\"name\":\"a\",\"type\":\"t\",\"input_keys\":[]}",
    "[]",
    "\"a\"",
  };
  static const char * const connections[] = {
    "",
    ",\"connections\":[]",
    ",\"connections\":[{\"sender\":\"a.x\",\"receiver\":\"b.y\"}]",
    ",\"connections\":[{\"receiver\":\"b\",\"label\":\"标签\",\"sender\":\"a.x.y\"}]",
    ",\"connections\":[{\"sender\":\"a\",\"receiver\":\"b\",\"sender\":\"c\"}]",
    ",\"connections\":[{\"sender\":\"a\"}]",
    ",\"connections\":[{\"sender\":1,\"receiver\":\"b\"}]",
    ",\"connections\":null",
    ",\"connections\":[null]",
  };
  static const char * const wholes[] = {
    "{\"edges\":[],\"components\":[],\"extra_components\":[{\"a\":1}]}",
    "{\"connections\":[],\"components\":[]}",
    "{\"components\":[],\"components\":[]}",
    "{\"components\":[],\"x\":1,\"x\":2}",
    "{\"workflow\":{\"components\":[{\"name\":\"a\",\"type\":\"t\"}]},\"name\":\"w\"}",
    "{\"code\":\"ok\",\"data\":{\"workflow\":\"{\\\"components\\\":[]}\"}}",
    "{\"connections\":[]}",
    "{}",
    "[]",
    "\"{\\\"components\\\":[]}\"",
    "{\"components\":[]} x",
    "{\"components\":[{\"name\":\"a\",\"type\":\"t\"},]}",
    "\xEF\xBB\xBF {\"components\" : [ { \"name\" : \"a\" , \"type\" : \"t\" } ] }\n",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    for (guint j = 0; j < G_N_ELEMENTS (connections); j++)
      {
        g_autofree char *text = g_strdup_printf ("{\"components\":[%s,%s]%s,\"v\":1}",
                                                 components[i],
                                                 components[(i + j) % G_N_ELEMENTS (components)],
                                                 connections[j]);
        g_autofree char *first = g_strdup_printf ("{\"z\":0%s,\"components\":[%s]}",
                                                  connections[j], components[i]);

        assert_same_reading (text);
        assert_same_reading (first);
      }
  for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
    assert_same_reading (wholes[i]);

  /* The fixtures and big generated workflows, their keys shuffled. */
  {
    static const char * const fixtures[] = { "moi-25.json", "numbers.json", "unknown.json" };

    for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
      {
        g_autofree char *text = read_fixture (fixtures[i]);

        assert_same_reading (text);
      }
  }
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (3);
    g_autoptr(MoiWorkflow) generated = moi_workflow_generator_build (rand, 200, 1.5);
    g_autoptr(JsonNode) node = moi_workflow_to_node (generated);
    JsonArray *list = json_object_get_array_member (json_node_get_object (node), "components");
    g_autofree char *text = NULL;

    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *c = json_array_get_object_element (list, i);
        g_autoptr(GList) members = json_object_get_members (c);
        guint n = g_list_length (members);
        /* Move a key to the end: the order is no longer MOI's. */
        const char *moved = g_list_nth_data (members, g_rand_int_range (rand, 0, n));
        g_autofree char *key = g_strdup (moved);
        JsonNode *value = json_node_ref (json_object_get_member (c, key));

        if (i % 4 == 0)
          {
            json_object_remove_member (c, key);
            json_object_set_member (c, key, value);
          }
        else
          json_node_unref (value);
        if (i % 5 == 0)
          json_object_set_int_member (c, "extra", i);
      }
    text = moi_json_to_string (node, g_rand_boolean (rand), NULL);
    assert_same_reading (text);
  }
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
  g_test_add_func ("/moi/workflow/deep-copy", test_deep_copy);
  g_test_add_func ("/moi/workflow/reader-paths", test_reader_paths);
  g_test_add_func ("/moi/workflow/deep-copy-threads", test_deep_copy_threads);

  return g_test_run ();
}
