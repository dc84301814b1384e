/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-workflow-diff.h"
#include "moi-workflow-generator.h"

#define CLEANER "DocumentCleaner"
#define WRITER "DocumentWriter"
#define SPLITTER "EnhancedDocumentSplitter"
#define SPLITTER_TYPE \
  "byoa.integrations.components.enhance_document_splitter.EnhancedDocumentSplitter"
#define CLEANER_TYPE "haystack.components.preprocessors.document_cleaner.DocumentCleaner"

static MoiWorkflow *
load_pipeline (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "diff",
                                            "pipeline.json", NULL);
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = moi_workflow_new_from_file (path, &error);

  g_assert_no_error (error);
  return workflow;
}

/* Renames, as people do, with the connections following. */
static void
rename_in (MoiWorkflow *workflow,
           const char  *old_name,
           const char  *new_name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (moi_workflow_rename_component (workflow,
                                                moi_workflow_find_component (workflow, old_name),
                                                new_name, &error));
  g_assert_no_error (error);
}

static MoiWorkflowDiffStatus
status_of (MoiWorkflowDiff *diff,
           MoiWorkflow     *workflow,
           const char      *name)
{
  return moi_workflow_diff_get_component_status (diff,
                                                 moi_workflow_find_component (workflow, name));
}

static JsonNode *
parameter_of (MoiWorkflow *workflow,
              const char  *name,
              const char  *key)
{
  return moi_component_get_parameter (moi_workflow_find_component (workflow, name), key);
}

static gboolean
json_equal_ints (JsonNode *a,
                 JsonNode *b)
{
  return a != NULL && b != NULL && json_node_get_int (a) == json_node_get_int (b);
}

/* JSON with sorted keys and numbers as doubles: equal values, equal text,
 * whatever the key order or integer/double spelling. */
static void
canonical_append (GString  *out,
                  JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) keys = json_object_get_members (json_node_get_object (node));

        keys = g_list_sort (keys, (GCompareFunc) strcmp);
        g_string_append_c (out, '{');
        for (const GList *l = keys; l != NULL; l = l->next)
          {
            g_string_append_printf (out, "\"%s\":", (const char *) l->data);
            canonical_append (out, json_object_get_member (json_node_get_object (node), l->data));
            g_string_append_c (out, ',');
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          canonical_append (out, json_array_get_element (json_node_get_array (node), i));
          g_string_append_c (out, ',');
        }
      g_string_append_c (out, ']');
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (out, "\"%s\"", json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      else
        g_string_append_printf (out, "%.17g", json_node_get_double (node));
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
canonical_component (MoiComponent *component)
{
  g_autoptr(JsonObject) object = moi_component_to_json_object (component);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  GString *out = g_string_new (NULL);

  canonical_append (out, node);
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_connections (MoiWorkflow *workflow)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < moi_workflow_get_n_connections (workflow); i++)
    {
      MoiConnection *c = moi_workflow_get_connection (workflow, i);

      g_ptr_array_add (list, g_strdup_printf ("%s -> %s", moi_connection_get_sender (c),
                                              moi_connection_get_receiver (c)));
    }
  g_ptr_array_sort (list, compare_strings);
  return list;
}

/* Same components in the same order with the same values, same multiset of
 * connections. */
static void
assert_workflows_equal (MoiWorkflow *x,
                        MoiWorkflow *y)
{
  g_autoptr(GPtrArray) cx = sorted_connections (x);
  g_autoptr(GPtrArray) cy = sorted_connections (y);

  g_assert_cmpuint (moi_workflow_get_n_components (x), ==, moi_workflow_get_n_components (y));
  for (guint i = 0; i < moi_workflow_get_n_components (x); i++)
    {
      g_autofree char *sx = canonical_component (moi_workflow_get_component (x, i));
      g_autofree char *sy = canonical_component (moi_workflow_get_component (y, i));

      g_assert_cmpstr (sx, ==, sy);
    }
  g_assert_cmpuint (cx->len, ==, cy->len);
  for (guint i = 0; i < cx->len; i++)
    g_assert_cmpstr (g_ptr_array_index (cx, i), ==, g_ptr_array_index (cy, i));

  {
    g_autoptr(JsonNode) ex = json_node_init_object (json_node_alloc (), moi_workflow_get_extra (x));
    g_autoptr(JsonNode) ey = json_node_init_object (json_node_alloc (), moi_workflow_get_extra (y));
    g_autoptr(GString) tx = g_string_new (NULL);
    g_autoptr(GString) ty = g_string_new (NULL);

    canonical_append (tx, ex);
    canonical_append (ty, ey);
    g_assert_cmpstr (tx->str, ==, ty->str);
  }
}

/* Every change of @diff applied to a copy of @a, in order, gives @b. */
static void
assert_apply_all_gives (MoiWorkflowDiff *diff,
                        MoiWorkflow     *a,
                        MoiWorkflow     *b)
{
  g_autoptr(MoiWorkflow) target = moi_workflow_copy (a);
  g_autoptr(GError) error = NULL;

  g_assert_true (moi_workflow_diff_apply_all (diff, target, &error));
  g_assert_no_error (error);
  assert_workflows_equal (target, b);
}

/* @change does not apply to @target: error @code naming @needle (if not
 * NULL), and @target is left as it was. */
static void
assert_apply_fails (MoiWorkflowChange *change,
                    MoiWorkflow       *target,
                    MoiCatalog        *catalog,
                    int                code,
                    const char        *needle)
{
  g_autofree char *before = moi_workflow_to_data (target, FALSE, NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (change);
  g_assert_false (moi_workflow_change_apply (change, target, catalog, &error));
  g_assert_error (error, MOI_WORKFLOW_CHANGE_ERROR, code);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  after = moi_workflow_to_data (target, FALSE, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* The same change (kind, component, path, connection ends) in @diff. */
static gboolean
has_same_change (MoiWorkflowDiff   *diff,
                 MoiWorkflowChange *change)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
    {
      g_autoptr(MoiWorkflowChange) other = g_list_model_get_item (G_LIST_MODEL (diff), i);

      if (moi_workflow_change_get_kind (other) == moi_workflow_change_get_kind (change) &&
          g_strcmp0 (moi_workflow_change_get_component_name (other),
                     moi_workflow_change_get_component_name (change)) == 0 &&
          g_strcmp0 (moi_workflow_change_get_path (other),
                     moi_workflow_change_get_path (change)) == 0 &&
          g_strcmp0 (moi_workflow_change_get_sender (other),
                     moi_workflow_change_get_sender (change)) == 0 &&
          g_strcmp0 (moi_workflow_change_get_receiver (other),
                     moi_workflow_change_get_receiver (change)) == 0)
        return TRUE;
    }
  return FALSE;
}

static MoiWorkflowChange *
find_change (MoiWorkflowDiff       *diff,
             MoiWorkflowChangeKind  kind,
             const char            *name,
             const char            *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
    {
      g_autoptr(MoiWorkflowChange) change = g_list_model_get_item (G_LIST_MODEL (diff), i);

      if (moi_workflow_change_get_kind (change) == kind &&
          g_strcmp0 (moi_workflow_change_get_component_name (change), name) == 0 &&
          g_strcmp0 (moi_workflow_change_get_path (change), path) == 0)
        return change;
    }
  return NULL;
}

/* The one change of diff(a, b); checks that applying it alone to a copy of
 * A gives B, and that applying it to B itself changes nothing. */
static MoiWorkflowChange *
only_change (MoiWorkflow *a,
             MoiWorkflow *b,
             MoiCatalog  *catalog)
{
  g_autoptr(MoiWorkflowDiff) diff = moi_workflow_diff_new (a, b, catalog);
  g_autoptr(MoiWorkflow) target = moi_workflow_copy (a);
  g_autoptr(MoiWorkflow) b_copy = moi_workflow_copy (b);
  g_autoptr(GError) error = NULL;
  MoiWorkflowChange *change;
  g_autofree char *text = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (diff)) == MOI_TYPE_WORKFLOW_CHANGE);
  change = g_list_model_get_item (G_LIST_MODEL (diff), 0);

  g_assert_true (moi_workflow_change_apply (change, target, catalog, &error));
  g_assert_no_error (error);
  assert_workflows_equal (target, b);
  g_assert_true (moi_workflow_change_apply (change, b_copy, catalog, &error));
  g_assert_no_error (error);
  assert_workflows_equal (b_copy, b);

  text = moi_workflow_change_describe (change);
  g_assert_nonnull (text);
  g_test_message ("%s", text);

  return change;
}

static void
test_diff_identical (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) diff = moi_workflow_diff_new (a, b, NULL);

  g_assert_true (moi_workflow_diff_is_empty (diff));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 0);
  for (guint i = 0; i < moi_workflow_get_n_components (a); i++)
    {
      MoiComponent *ca = moi_workflow_get_component (a, i);

      g_assert_cmpint (moi_workflow_diff_get_component_status (diff, ca), ==,
                       MOI_WORKFLOW_DIFF_UNCHANGED);
      g_assert_true (moi_workflow_diff_get_counterpart (diff, ca) ==
                     moi_workflow_get_component (b, i));
    }
}

static void
test_diff_moved (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;
  g_autoptr(MoiWorkflowDiff) diff = NULL;
  MoiComponent *moved = moi_workflow_find_component (b, CLEANER);

  moi_component_set_position (moved, 950, 120);
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_COMPONENT_MOVED);
  g_assert_cmpstr (moi_workflow_change_get_component_name (change), ==, CLEANER);

  diff = moi_workflow_diff_new (a, b, NULL);
  g_assert_cmpint (moi_workflow_diff_get_component_status (diff, moved), ==,
                   MOI_WORKFLOW_DIFF_MOVED);
  g_assert_cmpint (status_of (diff, a, CLEANER), ==, MOI_WORKFLOW_DIFF_MOVED);
}

static void
test_diff_renamed (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;

  /* The connections follow the rename: compared after matching, they are equal. */
  rename_in (b, CLEANER, "Cleaner-2");
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==,
                   MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED);
  g_assert_cmpstr (moi_workflow_change_get_component_name (change), ==, CLEANER);
  g_assert_cmpstr (moi_workflow_change_get_new_component_name (change), ==, "Cleaner-2");
}

static void
test_diff_type_intro_id (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;

  moi_component_set_component_type (moi_workflow_find_component (b, CLEANER),
                                    "byoa.integrations.components.cleaner.moi_document_cleaner."
                                    "MoiDocumentCleaner");
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_TYPE_CHANGED);
  g_assert_cmpstr (json_node_get_string (moi_workflow_change_get_old_value (change)), ==,
                   "haystack.components.preprocessors.document_cleaner.DocumentCleaner");
  g_clear_object (&change);
  g_clear_object (&b);

  b = moi_workflow_copy (a);
  moi_component_set_intro (moi_workflow_find_component (b, WRITER), "写入向量库");
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_INTRO_CHANGED);
  g_assert_cmpstr (json_node_get_string (moi_workflow_change_get_new_value (change)), ==,
                   "写入向量库");
  g_clear_object (&change);
  g_clear_object (&b);

  /* A new id under the same name: matched by name, one ID change. */
  b = moi_workflow_copy (a);
  moi_component_set_component_id (moi_workflow_find_component (b, WRITER),
                                  "DocumentWriter_1739999999999");
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_ID_CHANGED);
  g_assert_cmpstr (moi_workflow_change_get_component_name (change), ==, WRITER);
}

static void
test_diff_parameters (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;
  g_autoptr(JsonNode) value = json_node_init_int (json_node_alloc (), 1024);

  /* Changed */
  moi_component_set_parameter (moi_workflow_find_component (b, SPLITTER), "split_length", value);
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==,
                   MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED);
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==, "split_length");
  g_assert_cmpint (json_node_get_int (moi_workflow_change_get_old_value (change)), ==, 800);
  g_assert_cmpint (json_node_get_int (moi_workflow_change_get_new_value (change)), ==, 1024);
  g_clear_object (&change);
  g_clear_object (&b);

  /* Added */
  b = moi_workflow_copy (a);
  moi_component_set_parameter (moi_workflow_find_component (b, SPLITTER), "custom_separators",
                               value);
  change = only_change (a, b, NULL);
  g_assert_null (moi_workflow_change_get_old_value (change));
  g_assert_nonnull (moi_workflow_change_get_new_value (change));
  g_clear_object (&change);
  g_clear_object (&b);

  /* Removed */
  b = moi_workflow_copy (a);
  moi_component_set_parameter (moi_workflow_find_component (b, CLEANER), "remove_regex", NULL);
  change = only_change (a, b, NULL);
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==, "remove_regex");
  g_assert_nonnull (moi_workflow_change_get_old_value (change));
  g_assert_null (moi_workflow_change_get_new_value (change));
  g_clear_object (&change);
  g_clear_object (&b);

  /* An integer and a double of the same value are written differently: a change. */
  b = moi_workflow_copy (a);
  {
    g_autoptr(JsonNode) as_double = json_node_init_double (json_node_alloc (), 800.0);

    moi_component_set_parameter (moi_workflow_find_component (b, SPLITTER), "split_length",
                                 as_double);
  }
  change = only_change (a, b, NULL);
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==, "split_length");
}

static void
set_table_name (MoiWorkflow *workflow,
                const char  *table)
{
  MoiComponent *writer = moi_workflow_find_component (workflow, WRITER);
  JsonNode *store = moi_component_get_parameter (writer, "document_store");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *inner;

  /* Deep copy through text: json_node_copy() shares the object. */
  json_generator_set_root (generator, store);
  text = json_generator_to_data (generator, NULL);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  inner = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "init_parameters");
  json_object_set_string_member (inner, "table_name", table);
  moi_component_set_parameter (writer, "document_store", json_parser_get_root (parser));
}

static void
test_diff_deep_parameters (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;

  set_table_name (b, "branch_results");
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==,
                   MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED);
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==,
                   "document_store.init_parameters.table_name");
  g_assert_cmpuint (g_strv_length ((char **) moi_workflow_change_get_path_elements (change)),
                    ==, 3);
  g_assert_cmpstr (json_node_get_string (moi_workflow_change_get_old_value (change)), ==,
                   "embedding_results");
  g_assert_cmpstr (json_node_get_string (moi_workflow_change_get_new_value (change)), ==,
                   "branch_results");
}

static void
test_diff_extra_keys (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "name", "文档解析节点");
  json_object_set_object_member (moi_component_get_extra (moi_workflow_find_component (b, CLEANER)),
                                 "extra_node_info", info);
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_KEY_CHANGED);
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==, "extra_node_info");
  g_clear_object (&change);
  g_clear_object (&b);

  /* Top-level keys of the workflow: a change with no component. */
  b = moi_workflow_copy (a);
  {
    g_autoptr(JsonNode) notes = json_from_string ("[{\"description\": \"分支说明\"}]", NULL);

    json_object_set_member (moi_workflow_get_extra (b), "moi_workflow",
                            json_node_copy (notes));
  }
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_KEY_CHANGED);
  g_assert_null (moi_workflow_change_get_component_name (change));
  g_assert_cmpstr (moi_workflow_change_get_path (change), ==, "moi_workflow");
}

static void
test_diff_components_added_removed (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) diff = NULL;
  g_autoptr(MoiWorkflow) target = NULL;
  g_autoptr(MoiComponent) added = moi_component_new ("PythonExecutor",
                                                     "byoa.integrations.components.python_executor."
                                                     "PythonExecutor");
  g_autoptr(MoiConnection) link = moi_connection_new ("DocumentCleaner.documents",
                                                      "PythonExecutor.documents");
  g_autoptr(GError) error = NULL;
  MoiWorkflowChange *change;

  /* B: splitter removed (and its two connections), an executor added after
   * the cleaner with a connection to it. */
  moi_workflow_remove_component (b, moi_workflow_find_component (b, SPLITTER));
  moi_component_set_component_id (added, "PythonExecutor_1739377283999");
  moi_workflow_insert_component (b, 3, added);
  moi_workflow_append_connection (b, link);

  diff = moi_workflow_diff_new (a, b, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 5);
  g_assert_nonnull (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED, SPLITTER, NULL));
  g_assert_nonnull (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_ADDED, "PythonExecutor",
                                 NULL));
  g_assert_cmpint (status_of (diff, a, SPLITTER), &, MOI_WORKFLOW_DIFF_REMOVED);
  g_assert_cmpint (moi_workflow_diff_get_component_status (diff, added), &,
                   MOI_WORKFLOW_DIFF_ADDED);
  g_assert_null (moi_workflow_diff_get_counterpart (diff, added));

  /* Connections: two removed with the splitter, one added. */
  {
    guint removed = 0, connected = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
      {
        g_autoptr(MoiWorkflowChange) c = g_list_model_get_item (G_LIST_MODEL (diff), i);

        if (moi_workflow_change_get_kind (c) == MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED)
          {
            removed++;
            g_assert_nonnull (strstr (moi_workflow_change_get_sender (c), SPLITTER) ?:
                              strstr (moi_workflow_change_get_receiver (c), SPLITTER));
          }
        if (moi_workflow_change_get_kind (c) == MOI_WORKFLOW_CHANGE_CONNECTION_ADDED)
          {
            connected++;
            g_assert_cmpstr (moi_workflow_change_get_sender (c), ==, "DocumentCleaner.documents");
            g_assert_cmpstr (moi_workflow_change_get_receiver (c), ==, "PythonExecutor.documents");
          }
      }
    g_assert_cmpuint (removed, ==, 2);
    g_assert_cmpuint (connected, ==, 1);
  }

  /* The executor's changes: it was added, and a connection reaches it. */
  {
    g_autoptr(GListModel) of_added = moi_workflow_diff_get_changes_for (diff, added);

    g_assert_cmpuint (g_list_model_get_n_items (of_added), ==, 2);
  }

  assert_apply_all_gives (diff, a, b);

  /* Each alone: adding the component then its connection works; a
   * connection to a component that is not there is NOT_FOUND. */
  target = moi_workflow_copy (a);
  change = find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED, SPLITTER, NULL);
  g_assert_true (moi_workflow_change_apply (change, target, NULL, &error));
  g_assert_null (moi_workflow_find_component (target, SPLITTER));
  /* Its connections went with it. */
  g_assert_cmpuint (moi_workflow_get_n_connections (target), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
    {
      g_autoptr(MoiWorkflowChange) c = g_list_model_get_item (G_LIST_MODEL (diff), i);

      if (moi_workflow_change_get_kind (c) == MOI_WORKFLOW_CHANGE_CONNECTION_ADDED)
        assert_apply_fails (c, target, NULL, MOI_WORKFLOW_CHANGE_ERROR_NOT_FOUND,
                            "PythonExecutor");
    }
  change = find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_ADDED, "PythonExecutor", NULL);
  g_assert_true (moi_workflow_change_apply (change, target, NULL, &error));
  g_assert_no_error (error);
  /* Placed where B has it: right after the cleaner. */
  {
    guint position;

    MoiComponent *executor = moi_workflow_find_component (target, "PythonExecutor");

    g_assert_true (moi_workflow_find_component_position (target, executor, &position));
    g_assert_cmpuint (position, ==, 3);
  }
}

static void
test_diff_connections (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowChange) change = NULL;
  g_autoptr(MoiConnection) link = moi_connection_new ("EnhancedPlainToDocument.documents",
                                                      "DocumentCleaner.documents");

  moi_workflow_append_connection (b, link);
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==, MOI_WORKFLOW_CHANGE_CONNECTION_ADDED);
  g_clear_object (&change);
  g_clear_object (&b);

  b = moi_workflow_copy (a);
  moi_workflow_remove_connection (b, moi_workflow_get_connection (b, 1));
  change = only_change (a, b, NULL);
  g_assert_cmpint (moi_workflow_change_get_kind (change), ==,
                   MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED);
  g_assert_cmpstr (moi_workflow_change_get_sender (change), ==,
                   "EnhancedPlainToDocument.documents");
  g_clear_object (&change);
  g_clear_object (&b);

  /* Same ends, other socket: a different connection. */
  b = moi_workflow_copy (a);
  {
    g_autoptr(MoiConnection) other = moi_connection_new ("FileTypeRouter.text/markdown",
                                                         "EnhancedPlainToDocument.sources");
    g_autoptr(MoiWorkflowDiff) diff = NULL;

    moi_workflow_remove_connection (b, moi_workflow_get_connection (b, 0));
    moi_workflow_insert_connection (b, 0, other);
    diff = moi_workflow_diff_new (a, b, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 2);
  }
}

static void
test_diff_defaults (void)
{
  MoiCatalog *catalog = moi_catalog_get_default ();
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) with_catalog = NULL;
  g_autoptr(MoiWorkflowDiff) without = NULL;
  g_autoptr(MoiWorkflowChange) change = NULL;
  g_autoptr(GError) error = NULL;
  MoiComponentSpec *spec = moi_catalog_lookup (catalog, SPLITTER_TYPE);
  JsonNode *split_default;

  g_assert_nonnull (spec);
  split_default = moi_component_spec_get_parameter_default (spec, "split_overlap");
  g_assert_nonnull (split_default);

  /* B leaves out split_overlap, which A sets to its default (0): no
   * difference with the catalog, one without. */
  moi_component_set_parameter (moi_workflow_find_component (b, SPLITTER), "split_overlap", NULL);
  g_assert_true (json_equal_ints (split_default, parameter_of (a, SPLITTER, "split_overlap")));
  with_catalog = moi_workflow_diff_new (a, b, catalog);
  g_assert_true (moi_workflow_diff_is_empty (with_catalog));
  without = moi_workflow_diff_new (a, b, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (without)), ==, 1);

  /* Absent → a non-default value is a change from "absent"; it applies to a
   * target that writes the default explicitly. */
  {
    g_autoptr(JsonNode) overlap = json_node_init_int (json_node_alloc (), 50);
    g_autoptr(MoiWorkflow) c = moi_workflow_copy (b);

    moi_component_set_parameter (moi_workflow_find_component (c, SPLITTER), "split_overlap",
                                 overlap);
    change = only_change (b, c, catalog);
    g_assert_null (moi_workflow_change_get_old_value (change));
    g_assert_true (moi_workflow_change_apply (change, a, catalog, &error));
    g_assert_no_error (error);
    g_assert_cmpint (json_node_get_int (parameter_of (a, SPLITTER, "split_overlap")), ==, 50);
    /* Without the catalog the explicit 0 is not "absent": a conflict. */
    g_clear_object (&a);
    a = load_pipeline ();
    assert_apply_fails (change, a, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, "split_overlap");
  }
}

static void
test_diff_matching (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiComponent) newcomer = NULL;
  MoiComponent *cleaner_b = moi_workflow_find_component (b, CLEANER);
  MoiComponent *splitter_b = moi_workflow_find_component (b, SPLITTER);

  /* B: the splitter is gone; the cleaner (same id) now carries the
   * splitter's name; a new component (new id) takes the cleaner's name.
   * By id first: cleaner → renamed; by name the newcomer would match the
   * old cleaner, but that one is taken: it is added. */
  moi_workflow_remove_component (b, splitter_b);
  g_assert_true (moi_workflow_rename_component (b, cleaner_b, SPLITTER, &error));
  newcomer = moi_component_new (CLEANER, CLEANER_TYPE);
  moi_component_set_component_id (newcomer, "DocumentCleaner_1740000000000");
  moi_workflow_append_component (b, newcomer);

  diff = moi_workflow_diff_new (a, b, NULL);
  g_assert_true (moi_workflow_diff_get_counterpart (diff, cleaner_b) ==
                 moi_workflow_find_component (a, CLEANER));
  g_assert_nonnull (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED, CLEANER, NULL));
  g_assert_nonnull (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED, SPLITTER, NULL));
  g_assert_nonnull (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_ADDED, CLEANER, NULL));

  /* Applying in the diff's order frees each name before it is taken again. */
  assert_apply_all_gives (diff, a, b);
}

static void
test_diff_rename_chain (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) diff = NULL;

  /* Writer → "Sink", then Cleaner → "DocumentWriter": the writer's rename
   * must be applied first, whatever order the components come in. */
  rename_in (b, WRITER, "Sink");
  rename_in (b, CLEANER, WRITER);
  diff = moi_workflow_diff_new (a, b, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 2);
  assert_apply_all_gives (diff, a, b);
}

static void
test_diff_conflicts (void)
{
  g_autoptr(MoiWorkflow) a = load_pipeline ();
  g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
  g_autoptr(MoiWorkflow) other = moi_workflow_copy (a);
  g_autoptr(MoiWorkflowDiff) diff = NULL;
  g_autoptr(JsonNode) v1024 = json_node_init_int (json_node_alloc (), 1024);
  g_autoptr(JsonNode) v500 = json_node_init_int (json_node_alloc (), 500);
  const char *table_path = "document_store.init_parameters.table_name";

  moi_component_set_parameter (moi_workflow_find_component (b, SPLITTER), "split_length", v1024);
  moi_component_set_position (moi_workflow_find_component (b, CLEANER), 10, 10);
  set_table_name (b, "branch_results");
  rename_in (b, WRITER, "Sink");
  diff = moi_workflow_diff_new (a, b, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 4);

  /* The other branch changed the same things differently: each is refused
   * and nothing is half-applied. */
  moi_component_set_parameter (moi_workflow_find_component (other, SPLITTER), "split_length", v500);
  moi_component_set_position (moi_workflow_find_component (other, CLEANER), 20, 20);
  set_table_name (other, "other_results");

  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, SPLITTER,
                                   "split_length"),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, "500");
  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_MOVED, CLEANER, NULL),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, CLEANER);
  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, WRITER, table_path),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, "other_results");

  /* The renamed name taken by another component. */
  rename_in (other, CLEANER, "Sink");
  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED, WRITER, NULL),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, "Sink");

  /* The component is gone: NOT_FOUND, naming it. */
  moi_workflow_remove_component (other, moi_workflow_find_component (other, SPLITTER));
  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, SPLITTER,
                                   "split_length"),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_NOT_FOUND, SPLITTER);

  /* A nested change whose parent object is gone. */
  moi_component_set_parameter (moi_workflow_find_component (other, WRITER), "document_store", v500);
  assert_apply_fails (find_change (diff, MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, WRITER, table_path),
                      other, NULL, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT, WRITER);
}

static void
test_diff_carry (void)
{
  g_autoptr(MoiWorkflow) base = load_pipeline ();
  g_autoptr(MoiWorkflow) feature = moi_workflow_copy (base);
  g_autoptr(MoiWorkflow) other = moi_workflow_copy (base);
  g_autoptr(MoiWorkflowDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) v1024 = json_node_init_int (json_node_alloc (), 1024);
  MoiComponent *splitter;

  /* The feature branch edits the splitter; the other branch renamed it.
   * Matched by component_id, the change still lands on it. */
  moi_component_set_parameter (moi_workflow_find_component (feature, SPLITTER), "split_length",
                               v1024);
  rename_in (other, SPLITTER, "Splitter");
  diff = moi_workflow_diff_new (base, feature, NULL);
  g_assert_true (moi_workflow_diff_apply_all (diff, other, &error));
  g_assert_no_error (error);
  splitter = moi_workflow_find_component (other, "Splitter");
  g_assert_nonnull (splitter);
  g_assert_cmpint (json_node_get_int (moi_component_get_parameter (splitter, "split_length")), ==,
                   1024);
}

static void
test_diff_apply_each (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);

  for (guint round = 0; round < 150; round++)
    {
      guint size = g_rand_int_range (rand, 3, 25);
      g_autoptr(MoiWorkflow) a = moi_workflow_generator_build (rand, size, 1.5);
      g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
      g_autoptr(MoiWorkflowDiff) diff = NULL;

      moi_workflow_generator_mutate (b, rand, 1);
      diff = moi_workflow_diff_new (a, b, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
        {
          g_autoptr(MoiWorkflowChange) change = g_list_model_get_item (G_LIST_MODEL (diff), i);
          g_autoptr(MoiWorkflow) target = moi_workflow_copy (a);
          g_autoptr(MoiWorkflowDiff) left = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *once = NULL;
          g_autofree char *twice = NULL;
          MoiWorkflowChangeKind kind = moi_workflow_change_get_kind (change);

          /* Connection additions need their components: those come first. */
          if (kind == MOI_WORKFLOW_CHANGE_CONNECTION_ADDED)
            for (guint k = 0; k < i; k++)
              {
                g_autoptr(MoiWorkflowChange) earlier = g_list_model_get_item (G_LIST_MODEL (diff),
                                                                              k);

                if (moi_workflow_change_get_kind (earlier) == MOI_WORKFLOW_CHANGE_COMPONENT_ADDED)
                  g_assert_true (moi_workflow_change_apply (earlier, target, NULL, NULL));
              }

          g_assert_true (moi_workflow_change_apply (change, target, NULL, &error));
          g_assert_no_error (error);
          once = moi_workflow_to_data (target, FALSE, NULL);
          g_assert_true (moi_workflow_change_apply (change, target, NULL, &error));
          g_assert_no_error (error);
          twice = moi_workflow_to_data (target, FALSE, NULL);
          g_assert_cmpstr (once, ==, twice);

          /* The change is no longer between the target and B. */
          left = moi_workflow_diff_new (target, b, NULL);
          g_assert_false (has_same_change (left, change));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (left)), <,
                            g_list_model_get_n_items (G_LIST_MODEL (diff)));
        }
    }
}

static void
test_diff_apply_all_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  guint kinds_seen = 0;

  for (guint round = 0; round < 300; round++)
    {
      guint size = g_rand_int_range (rand, 1, 60);
      g_autoptr(MoiWorkflow) a = moi_workflow_generator_build (rand, size, 1.5);
      g_autoptr(MoiWorkflow) b = moi_workflow_copy (a);
      g_autoptr(MoiWorkflow) target = moi_workflow_copy (a);
      g_autoptr(MoiWorkflowDiff) diff = NULL;
      g_autoptr(MoiWorkflowDiff) after = NULL;
      g_autoptr(MoiWorkflowDiff) back = NULL;
      g_autoptr(GError) error = NULL;

      moi_workflow_generator_mutate (b, rand, g_rand_int_range (rand, 1, 20));
      diff = moi_workflow_diff_new (a, b, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
        {
          g_autoptr(MoiWorkflowChange) change = g_list_model_get_item (G_LIST_MODEL (diff), i);

          kinds_seen |= 1u << moi_workflow_change_get_kind (change);
        }

      g_assert_true (moi_workflow_diff_apply_all (diff, target, &error));
      g_assert_no_error (error);
      assert_workflows_equal (target, b);
      after = moi_workflow_diff_new (target, b, NULL);
      g_assert_true (moi_workflow_diff_is_empty (after));

      /* And back: diff(b, a) applied to b gives a. */
      g_clear_object (&target);
      target = moi_workflow_copy (b);
      back = moi_workflow_diff_new (b, a, NULL);
      g_assert_true (moi_workflow_diff_apply_all (back, target, &error));
      g_assert_no_error (error);
      assert_workflows_equal (target, a);
    }

  /* The generator exercised every kind of change. */
  g_assert_cmpuint (kinds_seen, ==, (1u << (MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED + 1)) - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/diff/identical", test_diff_identical);
  g_test_add_func ("/moi/diff/moved", test_diff_moved);
  g_test_add_func ("/moi/diff/renamed", test_diff_renamed);
  g_test_add_func ("/moi/diff/type-intro-id", test_diff_type_intro_id);
  g_test_add_func ("/moi/diff/parameters", test_diff_parameters);
  g_test_add_func ("/moi/diff/deep-parameters", test_diff_deep_parameters);
  g_test_add_func ("/moi/diff/extra-keys", test_diff_extra_keys);
  g_test_add_func ("/moi/diff/components-added-removed", test_diff_components_added_removed);
  g_test_add_func ("/moi/diff/connections", test_diff_connections);
  g_test_add_func ("/moi/diff/defaults", test_diff_defaults);
  g_test_add_func ("/moi/diff/matching", test_diff_matching);
  g_test_add_func ("/moi/diff/rename-chain", test_diff_rename_chain);
  g_test_add_func ("/moi/diff/conflicts", test_diff_conflicts);
  g_test_add_func ("/moi/diff/carry", test_diff_carry);
  g_test_add_func ("/moi/diff/apply-each", test_diff_apply_each);
  g_test_add_func ("/moi/diff/apply-all-property", test_diff_apply_all_property);

  return g_test_run ();
}
