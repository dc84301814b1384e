/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-workflow.h"

#include "moi-component-private.h"
#include "moi-connection-private.h"

/* name or component_id -> first component holding it, kept in O(1). */
typedef struct
{
  GHashTable *first;    /* key -> first component holding it (borrowed) */
  GHashTable *key_of;   /* component -> key it is indexed under (owned), so a
                         * rename finds the old key after the change */
  GHashTable *count;    /* key -> number of components holding it; a rescan
                         * for the next holder is needed only when > 0 */
  gboolean    by_name;
} ComponentIndex;

struct _MoiWorkflow
{
  GObject     parent_instance;

  GListStore *components;
  GListStore *connections;

  ComponentIndex names;
  ComponentIndex ids;

  JsonObject *extra;
  char      **order;
  guint       has_components : 1;
  guint       has_connections : 1;
  guint       changed_pending : 1;
  guint       batch_depth;
};

G_DEFINE_FINAL_TYPE (MoiWorkflow, moi_workflow, G_TYPE_OBJECT)

enum {
  COMPONENT_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const known_keys[] = { "components", "connections", NULL };

static void
component_index_init (ComponentIndex *index,
                      gboolean        by_name)
{
  index->first = g_hash_table_new (g_str_hash, g_str_equal);
  index->key_of = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  index->count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->by_name = by_name;
}

static void
component_index_clear (ComponentIndex *index)
{
  g_clear_pointer (&index->first, g_hash_table_unref);
  g_clear_pointer (&index->key_of, g_hash_table_unref);
  g_clear_pointer (&index->count, g_hash_table_unref);
}

static guint
component_index_count (ComponentIndex *index,
                       const char     *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (index->count, key));
}

/* Forgets @component and, if it was the first holder of its key while
 * others hold it too, indexes the next one. */
static void
component_index_remove (MoiWorkflow    *self,
                        ComponentIndex *index,
                        MoiComponent   *component)
{
  g_autofree char *key = NULL;
  guint remaining;
  guint n;

  if (!g_hash_table_steal_extended (index->key_of, component, NULL, (gpointer *) &key))
    return;

  remaining = component_index_count (index, key) - 1;
  if (remaining == 0)
    g_hash_table_remove (index->count, key);
  else
    g_hash_table_insert (index->count, g_strdup (key), GUINT_TO_POINTER (remaining));

  if (g_hash_table_lookup (index->first, key) != component)
    return;
  g_hash_table_remove (index->first, key);
  if (remaining == 0)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->components));
  for (guint i = 0; i < n; i++)
    {
      MoiComponent *other = g_list_model_get_item (G_LIST_MODEL (self->components), i);
      const char *other_key = index->by_name ? moi_component_get_name (other)
                                             : moi_component_get_component_id (other);

      g_object_unref (other);
      if (other != component && g_strcmp0 (other_key, key) == 0 &&
          g_hash_table_contains (index->key_of, other))
        {
          g_hash_table_insert (index->first, g_hash_table_lookup (index->key_of, other), other);
          break;
        }
    }
}

static void
component_index_add (ComponentIndex *index,
                     MoiComponent   *component,
                     const char     *key)
{
  char *owned;

  if (key == NULL)
    return;
  owned = g_strdup (key);
  g_hash_table_insert (index->key_of, component, owned);
  g_hash_table_insert (index->count, g_strdup (key),
                       GUINT_TO_POINTER (component_index_count (index, key) + 1));
  if (!g_hash_table_contains (index->first, owned))
    g_hash_table_insert (index->first, owned, component);
}

static void
moi_workflow_dispose (GObject *object)
{
  MoiWorkflow *self = (MoiWorkflow *)object;

  if (self->components != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->components));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MoiComponent) c = g_list_model_get_item (G_LIST_MODEL (self->components), i);
          g_signal_handlers_disconnect_by_data (c, self);
        }
    }

  g_clear_object (&self->components);
  g_clear_object (&self->connections);
  component_index_clear (&self->names);
  component_index_clear (&self->ids);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (moi_workflow_parent_class)->dispose (object);
}

static void
moi_workflow_finalize (GObject *object)
{
  MoiWorkflow *self = (MoiWorkflow *)object;

  g_strfreev (self->order);

  G_OBJECT_CLASS (moi_workflow_parent_class)->finalize (object);
}

static void
moi_workflow_class_init (MoiWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_workflow_dispose;
  object_class->finalize = moi_workflow_finalize;

  /**
   * MoiWorkflow::component-changed:
   * @component: the component
   * @what: the property name, or "init-parameters:<key>"
   */
  signals[COMPONENT_CHANGED] =
    g_signal_new ("component-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MOI_TYPE_COMPONENT, G_TYPE_STRING);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
moi_workflow_init (MoiWorkflow *self)
{
  self->components = g_list_store_new (MOI_TYPE_COMPONENT);
  self->connections = g_list_store_new (MOI_TYPE_CONNECTION);
  component_index_init (&self->names, TRUE);
  component_index_init (&self->ids, FALSE);
  self->extra = json_object_new ();
}

static void
emit_changed (MoiWorkflow *self)
{
  if (self->batch_depth > 0)
    {
      self->changed_pending = TRUE;
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rewrite_connections (MoiWorkflow *self,
                     const char  *old_name,
                     const char  *new_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoiConnection) connection =
        g_list_model_get_item (G_LIST_MODEL (self->connections), i);
      g_autoptr(MoiConnection) renamed =
        moi_connection_rename_component (connection, old_name, new_name);

      if (renamed != NULL)
        g_list_store_splice (self->connections, i, 1, (gpointer *) &renamed, 1);
    }
}

static void
on_component_notify (MoiWorkflow  *self,
                     GParamSpec   *pspec,
                     MoiComponent *component)
{
  const char *what = g_param_spec_get_name (pspec);

  /* Parameter edits are reported through "parameter-changed" with the key. */
  if (g_str_equal (what, "init-parameters"))
    return;

  if (g_str_equal (what, "name"))
    {
      g_autofree char *old_name = g_strdup (g_hash_table_lookup (self->names.key_of, component));
      const char *new_name = moi_component_get_name (component);

      component_index_remove (self, &self->names, component);
      component_index_add (&self->names, component, new_name);

      /* Connections follow the rename, unless another component still
       * answers to the old name (a duplicate the checks will report). */
      if (old_name != NULL && component_index_count (&self->names, old_name) == 0)
        rewrite_connections (self, old_name, new_name);
    }
  else if (g_str_equal (what, "component-id"))
    {
      component_index_remove (self, &self->ids, component);
      component_index_add (&self->ids, component, moi_component_get_component_id (component));
    }

  g_signal_emit (self, signals[COMPONENT_CHANGED], 0, component, what);
  emit_changed (self);
}

static void
on_component_parameter_changed (MoiWorkflow  *self,
                                const char   *key,
                                MoiComponent *component)
{
  g_autofree char *what = NULL;

  what = key != NULL ? g_strconcat ("init-parameters:", key, NULL) : g_strdup ("init-parameters");
  g_signal_emit (self, signals[COMPONENT_CHANGED], 0, component, what);
  emit_changed (self);
}

static void
on_component_notify_cb (MoiComponent *component,
                        GParamSpec   *pspec,
                        gpointer      user_data)
{
  on_component_notify (user_data, pspec, component);
}

static void
on_component_parameter_changed_cb (MoiComponent *component,
                                   const char   *key,
                                   gpointer      user_data)
{
  on_component_parameter_changed (user_data, key, component);
}

static void
track_component (MoiWorkflow  *self,
                 MoiComponent *component)
{
  component_index_add (&self->names, component, moi_component_get_name (component));
  component_index_add (&self->ids, component, moi_component_get_component_id (component));
  /* Plain handlers, not g_signal_connect_object(): untrack_component() and
   * dispose disconnect them, and the object watch would cost an allocation
   * per component and a walk on every unref. */
  g_signal_connect (component, "notify", G_CALLBACK (on_component_notify_cb), self);
  g_signal_connect (component, "parameter-changed",
                    G_CALLBACK (on_component_parameter_changed_cb), self);
}

static void
untrack_component (MoiWorkflow  *self,
                   MoiComponent *component)
{
  g_signal_handlers_disconnect_by_data (component, self);
  component_index_remove (self, &self->names, component);
  component_index_remove (self, &self->ids, component);
}

MoiWorkflow *
moi_workflow_new (void)
{
  MoiWorkflow *self = g_object_new (MOI_TYPE_WORKFLOW, NULL);
  g_autoptr(JsonArray) edges = json_array_new ();
  g_autoptr(JsonArray) extra_components = json_array_new ();

  /* A new workflow is written as MOI writes one. */
  self->has_components = TRUE;
  self->has_connections = TRUE;
  json_object_set_array_member (self->extra, "edges", g_steal_pointer (&edges));
  json_object_set_array_member (self->extra, "extra_components",
                                g_steal_pointer (&extra_components));
  return self;
}

/* Finds the WorkflowConfig inside a create / branch / detail body or an
 * envelope; returns a borrowed or (in @owned) parsed object. */
static JsonObject *
find_workflow_object (JsonNode    *node,
                      JsonNode   **owned,
                      GError     **error)
{
  for (guint level = 0; level < 4; level++)
    {
      JsonObject *object;

      /* The service sometimes sends the WorkflowConfig as a JSON string. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autoptr(GError) local_error = NULL;
          JsonNode *parsed = moi_json_parse (json_node_get_string (node), -1, &local_error);

          if (parsed == NULL)
            {
              g_set_error (error, MOI_CORE_ERROR, local_error->code,
                           _("The workflow is a string that does not hold JSON: %s"),
                           local_error->message);
              return NULL;
            }
          g_clear_pointer (owned, json_node_unref);
          *owned = node = parsed;
        }

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                       _("The workflow must be a JSON object, got %s"),
                       moi_json_node_describe_type (node));
          return NULL;
        }

      object = json_node_get_object (node);
      if (json_object_has_member (object, "components"))
        return object;

      if ((node = json_object_get_member (object, "workflow")) == NULL &&
          (node = json_object_get_member (object, "data")) == NULL)
        {
          g_set_error_literal (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                               _("No workflow found: the object has neither "
                                 "“components” nor “workflow”"));
          return NULL;
        }
    }

  g_set_error_literal (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP,
                       _("No workflow found: “workflow” is nested too deeply"));
  return NULL;
}

static gboolean
check_element_is_object (JsonNode    *element,
                         const char  *list,
                         guint        index,
                         GError     **error)
{
  g_autofree char *key = NULL;

  if (JSON_NODE_HOLDS_OBJECT (element))
    return TRUE;
  key = g_strdup_printf ("%s[%u]", list, index);
  return moi_json_check_kind (element, MOI_JSON_KIND_OBJECT, _("workflow"), key, error);
}

/* Builds the model from @node; with @take, @node is the caller's to drop
 * afterwards, so the model keeps parsed objects instead of copying them. */
static MoiWorkflow *
new_from_node (JsonNode  *node,
               gboolean   take,
               GError   **error)
{
  g_autoptr(MoiWorkflow) self = NULL;
  g_autoptr(JsonNode) owned = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *object;
  JsonArray *components = NULL;
  JsonArray *connections = NULL;
  const char *where = _("workflow");
  guint n;

  if (!(object = find_workflow_object (node, &owned, error)))
    return NULL;
  /* A workflow sent as a JSON string was parsed here: ours to take. */
  take |= owned != NULL;

  if (!moi_json_get_array_member (object, "components", where, NULL, MOI_JSON_REQUIRED,
                                  &components, error) ||
      !moi_json_get_array_member (object, "connections", where, NULL, MOI_JSON_OPTIONAL,
                                  &connections, error))
    return NULL;

  self = g_object_new (MOI_TYPE_WORKFLOW, NULL);
  self->has_components = TRUE;
  self->has_connections = json_object_has_member (object, "connections");

  /* Into the stores in one splice each: one items-changed, no per-item
   * insertion into the sequence. */
  n = json_array_get_length (components);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (components, i);
      JsonObject *element_object;
      MoiComponent *component;

      if (!check_element_is_object (element, "components", i, error))
        return NULL;
      element_object = json_node_get_object (element);
      component = take ? moi_component_new_from_json_object_take (element_object, i, error)
                       : moi_component_new_from_json_object_at (element_object, i, error);
      if (component == NULL)
        return NULL;
      g_ptr_array_add (items, component);
    }
  g_list_store_splice (self->components, 0, 0, items->pdata, items->len);
  for (guint i = 0; i < items->len; i++)
    track_component (self, g_ptr_array_index (items, i));

  n = connections != NULL ? json_array_get_length (connections) : 0;
  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (connections, i);
      JsonObject *element_object;
      MoiConnection *connection;

      if (!check_element_is_object (element, "connections", i, error))
        return NULL;
      element_object = json_node_get_object (element);
      connection = take ? moi_connection_new_from_json_object_take (element_object, i, error)
                        : moi_connection_new_from_json_object (element_object, i, error);
      if (connection == NULL)
        return NULL;
      g_ptr_array_add (items, connection);
    }
  g_list_store_splice (self->connections, 0, 0, items->pdata, items->len);

  self->order = moi_json_object_dup_order (object, known_keys);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = take ? moi_json_object_take_unknown (object, known_keys)
                     : moi_json_object_copy_unknown (object, known_keys);
  if (self->extra == NULL)
    self->extra = json_object_new ();

  return g_steal_pointer (&self);
}

MoiWorkflow *
moi_workflow_new_from_node (JsonNode  *node,
                            GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_node (node, FALSE, error);
}

static gboolean
scan_list (MoiJsonScanner *scanner,
           gboolean        components,
           GPtrArray     **items)
{
  gboolean done;

  if (*items != NULL || !moi_json_scanner_begin_array (scanner, &done))
    return FALSE;

  *items = g_ptr_array_new_with_free_func (g_object_unref);
  while (!done)
    {
      gpointer item = components ? (gpointer) moi_component_new_from_scanner (scanner)
                                 : (gpointer) moi_connection_new_from_scanner (scanner);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (*items, item);
      if (!moi_json_scanner_next (scanner, ']', &done))
        return FALSE;
    }
  return TRUE;
}

/* Reads a WorkflowConfig document straight into the model, without the
 * JsonNode tree of every component (most of the time reading takes, and
 * of the memory). NULL for anything else, the caller then reads the
 * document as a tree, which also gives the errors: a document whose top
 * level has neither "components" nor "connections" (a body holding the
 * workflow) is handed over as *@document, read already. */
static MoiWorkflow *
new_from_scanner (const char  *data,
                  gssize       length,
                  JsonNode   **document)
{
  g_autoptr(MoiJsonScanner) scanner = moi_json_scanner_new (data, length);
  g_autoptr(MoiWorkflow) self = NULL;
  g_autoptr(GPtrArray) components = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(JsonObject) extra = NULL;
  MoiJsonKeyOrder order = { known_keys, 0, -1, NULL, NULL };
  gboolean done;

  *document = NULL;
  if (scanner == NULL || !moi_json_scanner_begin_object (scanner, &done))
    return NULL;

  order.unknown = &extra;
  while (!done)
    {
      gsize key_length;
      const char *key = moi_json_scanner_key (scanner, &key_length);
      int k;

      if (key == NULL)
        goto fail;
      k = moi_json_find_key (known_keys, key);
      moi_json_key_order_add (&order, k, key);
      if (k == 0 ? !scan_list (scanner, TRUE, &components) :
          k == 1 ? !scan_list (scanner, FALSE, &connections) :
          !moi_json_scanner_member_into (scanner, key, key_length, &extra))
        goto fail;
      if (!moi_json_scanner_next (scanner, '}', &done))
        goto fail;
    }
  if (!moi_json_scanner_end (scanner))
    goto fail;

  if (components == NULL)
    {
      if (connections == NULL)
        {
          if (extra == NULL)
            extra = json_object_new ();
          *document = json_node_init_object (json_node_alloc (), extra);
        }
      goto fail;
    }

  self = g_object_new (MOI_TYPE_WORKFLOW, NULL);
  self->has_components = TRUE;
  self->has_connections = connections != NULL;
  g_list_store_splice (self->components, 0, 0, components->pdata, components->len);
  for (guint i = 0; i < components->len; i++)
    track_component (self, g_ptr_array_index (components, i));
  if (connections != NULL)
    g_list_store_splice (self->connections, 0, 0, connections->pdata, connections->len);
  self->order = moi_json_key_order_steal (&order);
  if (extra != NULL)
    {
      g_clear_pointer (&self->extra, json_object_unref);
      self->extra = g_steal_pointer (&extra);
    }
  return g_steal_pointer (&self);

fail:
  moi_json_key_order_clear (&order);
  return NULL;
}

MoiWorkflow *
moi_workflow_new_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  MoiWorkflow *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((self = new_from_scanner (data, length, &root)) != NULL)
    return self;
  /* Not a well-formed WorkflowConfig: read as a tree, which says what is
   * wrong, or finds the workflow in the body. */
  if (root == NULL && !(root = moi_json_parse (data, length, error)))
    return NULL;
  return new_from_node (root, TRUE, error);
}

MoiWorkflow *
moi_workflow_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  MoiWorkflow *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (!(self = moi_workflow_new_from_data (contents, length, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  return self;
}

MoiWorkflow *
moi_workflow_copy (MoiWorkflow *self)
{
  MoiWorkflow *copy;
  guint n;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);

  copy = g_object_new (MOI_TYPE_WORKFLOW, NULL);
  copy->has_components = self->has_components;
  copy->has_connections = self->has_connections;
  g_clear_pointer (&copy->extra, json_object_unref);
  copy->extra = moi_json_object_deep_copy (self->extra);
  copy->order = g_strdupv (self->order);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->components));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoiComponent) c = g_list_model_get_item (G_LIST_MODEL (self->components), i);
      g_autoptr(MoiComponent) dup = moi_component_copy (c);

      g_list_store_append (copy->components, dup);
      track_component (copy, dup);
    }

  /* Connections are immutable: sharing them is safe. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoiConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      g_list_store_append (copy->connections, c);
    }

  return copy;
}

static gboolean
append_workflow_member (GString    *out,
                        const char *key,
                        guint       known_index,
                        gboolean    pretty,
                        guint       level,
                        gpointer    user_data)
{
  MoiWorkflow *self = user_data;
  gboolean is_components = known_index == 0;
  GListModel *model = is_components ? G_LIST_MODEL (self->components)
                                    : G_LIST_MODEL (self->connections);
  guint n = g_list_model_get_n_items (model);

  if (!is_components && !self->has_connections && n == 0)
    return FALSE;

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      moi_json_append_element_start (out, i == 0, pretty, level);
      if (is_components)
        moi_component_append_json (MOI_COMPONENT (item), out, pretty, level + 1);
      else
        moi_connection_append_json (MOI_CONNECTION (item), out, pretty, level + 1);
    }
  moi_json_append_close (out, ']', n == 0, pretty, level);
  return TRUE;
}

char *
moi_workflow_to_data (MoiWorkflow *self,
                      gboolean     pretty,
                      gsize       *length)
{
  GString *out;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);

  /* Written straight from the model: building the JsonNode tree first
   * would copy every parameter only to free it again. */
  out = g_string_sized_new (4096);
  moi_json_append_ordered (out, pretty, 0, (const char * const *) self->order, known_keys,
                           self->extra, append_workflow_member, self);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

JsonNode *
moi_workflow_to_node (MoiWorkflow *self)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);

  /* Read back from what it writes: one writer, so tree and text agree. */
  text = moi_workflow_to_data (self, FALSE, &length);
  return moi_json_parse_written (text, length);
}

GListModel *
moi_workflow_get_components (MoiWorkflow *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  return G_LIST_MODEL (self->components);
}

GListModel *
moi_workflow_get_connections (MoiWorkflow *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  return G_LIST_MODEL (self->connections);
}

guint
moi_workflow_get_n_components (MoiWorkflow *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->components));
}

guint
moi_workflow_get_n_connections (MoiWorkflow *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->connections));
}

MoiComponent *
moi_workflow_get_component (MoiWorkflow *self,
                            guint        position)
{
  g_autoptr(MoiComponent) component = NULL;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);

  /* Borrowed: the store keeps its reference. */
  component = g_list_model_get_item (G_LIST_MODEL (self->components), position);
  return component;
}

MoiConnection *
moi_workflow_get_connection (MoiWorkflow *self,
                             guint        position)
{
  g_autoptr(MoiConnection) connection = NULL;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);

  connection = g_list_model_get_item (G_LIST_MODEL (self->connections), position);
  return connection;
}

MoiComponent *
moi_workflow_find_component (MoiWorkflow *self,
                             const char  *name)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->names.first, name);
}

MoiComponent *
moi_workflow_find_component_by_id (MoiWorkflow *self,
                                   const char  *component_id)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);

  return g_hash_table_lookup (self->ids.first, component_id);
}

gboolean
moi_workflow_find_component_position (MoiWorkflow  *self,
                                      MoiComponent *component,
                                      guint        *position)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), FALSE);

  return g_list_store_find (self->components, component, position);
}

guint
moi_workflow_count_components_named (MoiWorkflow *self,
                                     const char  *name)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  return component_index_count (&self->names, name);
}

void
moi_workflow_insert_component (MoiWorkflow  *self,
                               guint         position,
                               MoiComponent *component)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (!g_hash_table_contains (self->names.key_of, component));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->components)));
  track_component (self, component);
  g_list_store_insert (self->components, position, component);
  emit_changed (self);
}

void
moi_workflow_append_component (MoiWorkflow  *self,
                               MoiComponent *component)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));

  moi_workflow_insert_component (self, G_MAXUINT, component);
}

gboolean
moi_workflow_remove_component (MoiWorkflow  *self,
                               MoiComponent *component)
{
  g_autoptr(MoiComponent) hold = NULL;
  g_autofree char *name = NULL;
  guint position;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), FALSE);

  if (!g_list_store_find (self->components, component, &position))
    return FALSE;

  hold = g_object_ref (component);
  name = g_strdup (moi_component_get_name (component));
  untrack_component (self, component);

  /* Its connections go too, unless a duplicate still answers to its name. */
  if (moi_workflow_find_component (self, name) == NULL)
    {
      for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->connections)); i > 0; i--)
        {
          g_autoptr(MoiConnection) c = g_list_model_get_item (G_LIST_MODEL (self->connections),
                                                              i - 1);

          if (moi_connection_touches (c, name))
            g_list_store_remove (self->connections, i - 1);
        }
    }

  g_list_store_remove (self->components, position);
  emit_changed (self);
  return TRUE;
}

gboolean
moi_workflow_rename_component (MoiWorkflow   *self,
                               MoiComponent  *component,
                               const char    *new_name,
                               GError       **error)
{
  MoiComponent *holder;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_hash_table_contains (self->names.key_of, component))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("The component “%s” is not part of this workflow"),
                   moi_component_get_name (component));
      return FALSE;
    }

  if (new_name[0] == '\0' || strchr (new_name, '.') != NULL)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("“%s” is not a valid component name: it must not be empty "
                     "nor contain a dot"), new_name);
      return FALSE;
    }

  holder = moi_workflow_find_component (self, new_name);
  if (holder != NULL && holder != component)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("A component named “%s” already exists"), new_name);
      return FALSE;
    }

  /* The notify handler re-indexes and rewrites the connections. */
  moi_component_set_name (component, new_name);
  return TRUE;
}

void
moi_workflow_insert_connection (MoiWorkflow   *self,
                                guint          position,
                                MoiConnection *connection)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));
  g_return_if_fail (MOI_IS_CONNECTION (connection));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->connections)));
  g_list_store_insert (self->connections, position, connection);
  emit_changed (self);
}

void
moi_workflow_append_connection (MoiWorkflow   *self,
                                MoiConnection *connection)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));

  moi_workflow_insert_connection (self, G_MAXUINT, connection);
}

gboolean
moi_workflow_remove_connection (MoiWorkflow   *self,
                                MoiConnection *connection)
{
  guint position;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (MOI_IS_CONNECTION (connection), FALSE);

  if (!g_list_store_find (self->connections, connection, &position))
    return FALSE;

  g_list_store_remove (self->connections, position);
  emit_changed (self);
  return TRUE;
}

void
moi_workflow_remove_connection_at (MoiWorkflow *self,
                                   guint        position)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->connections)));

  g_list_store_remove (self->connections, position);
  emit_changed (self);
}

GPtrArray *
moi_workflow_get_connections_of (MoiWorkflow *self,
                                 const char  *name)
{
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      MoiConnection *c = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (moi_connection_touches (c, name))
        g_ptr_array_add (result, c);
      else
        g_object_unref (c);
    }
  return result;
}

JsonObject *
moi_workflow_get_extra (MoiWorkflow *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (self), NULL);
  return self->extra;
}

void
moi_workflow_begin_batch (MoiWorkflow *self)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));

  self->batch_depth++;
}

void
moi_workflow_end_batch (MoiWorkflow *self)
{
  g_return_if_fail (MOI_IS_WORKFLOW (self));
  g_return_if_fail (self->batch_depth > 0);

  if (--self->batch_depth > 0 || !self->changed_pending)
    return;
  self->changed_pending = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}
