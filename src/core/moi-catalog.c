/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-catalog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-catalog-private.h"
#include "moi-component-spec-private.h"

#define CATALOG_RESOURCE "/io/github/moistudio/MoiStudio/core/catalog.json"
#define CATALOG_VERSION 1

typedef struct
{
  char *id;
  char *label;
  char *description;
} Category;

struct _MoiCatalog
{
  GObject        parent_instance;

  GArray        *categories;
  GListStore    *specs;
  GHashTable    *by_type;
  /* Shared by every socket of a generic (unknown type) node. */
  MoiSocketType *any_type;
};

G_DEFINE_FINAL_TYPE (MoiCatalog, moi_catalog, G_TYPE_OBJECT)

static void
category_clear (gpointer data)
{
  Category *category = data;

  g_free (category->id);
  g_free (category->label);
  g_free (category->description);
}

static void
moi_catalog_dispose (GObject *object)
{
  MoiCatalog *self = (MoiCatalog *) object;

  g_clear_object (&self->specs);
  g_clear_pointer (&self->by_type, g_hash_table_unref);

  G_OBJECT_CLASS (moi_catalog_parent_class)->dispose (object);
}

static void
moi_catalog_finalize (GObject *object)
{
  MoiCatalog *self = (MoiCatalog *) object;

  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->any_type, moi_socket_type_unref);

  G_OBJECT_CLASS (moi_catalog_parent_class)->finalize (object);
}

static void
moi_catalog_class_init (MoiCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_catalog_dispose;
  object_class->finalize = moi_catalog_finalize;
}

static void
moi_catalog_init (MoiCatalog *self)
{
  self->categories = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (self->categories, category_clear);
  self->specs = g_list_store_new (MOI_TYPE_COMPONENT_SPEC);
  self->by_type = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->any_type = moi_socket_type_parse ("Any", NULL);
}

static int
find_category (MoiCatalog *self,
               const char *id)
{
  for (guint i = 0; i < self->categories->len; i++)
    if (strcmp (g_array_index (self->categories, Category, i).id, id) == 0)
      return (int) i;
  return -1;
}

static gboolean
load_categories (MoiCatalog  *self,
                 JsonObject  *root,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "categories");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                   _("catalog.json: “categories” must be a list"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      const char *id;
      const char *label;
      const char *description;
      Category category;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                       _("catalog.json: categories[%u] must be an object"), i);
          return FALSE;
        }
      object = json_node_get_object (item);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      label = json_object_get_string_member_with_default (object, "label", NULL);
      description = json_object_get_string_member_with_default (object, "description", NULL);
      if (id == NULL || *id == '\0' || label == NULL || *label == '\0')
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                       _("catalog.json: categories[%u] needs an “id” and a “label”"), i);
          return FALSE;
        }
      if (find_category (self, id) >= 0)
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("catalog.json: categories[%u]: category “%s” appears twice"), i, id);
          return FALSE;
        }
      category.id = g_strdup (id);
      category.label = g_strdup (label);
      category.description = g_strdup (description);
      g_array_append_val (self->categories, category);
    }
  return TRUE;
}

static gboolean
load_components (MoiCatalog  *self,
                 JsonObject  *root,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "components");
  g_autoptr(GPtrArray) by_category = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                   _("catalog.json: “components” must be a list"));
      return FALSE;
    }

  /* One bucket per category keeps catalog order within a category. */
  by_category = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->categories->len; i++)
    g_ptr_array_add (by_category, g_ptr_array_new ());

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("catalog.json: components[%u]", i);
      g_autoptr(MoiComponentSpec) spec = NULL;
      const char *type;
      int category;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                       _("%s: must be an object"), where);
          return FALSE;
        }
      spec = _moi_component_spec_new_from_json (json_node_get_object (item), where, error);
      if (spec == NULL)
        return FALSE;

      type = moi_component_spec_get_component_type (spec);
      if (g_hash_table_contains (self->by_type, type))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s: type “%s” appears twice"), where, type);
          return FALSE;
        }
      category = find_category (self, moi_component_spec_get_category (spec));
      if (category < 0)
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s (%s): unknown category “%s”"), where,
                       moi_component_spec_get_short_name (spec),
                       moi_component_spec_get_category (spec));
          return FALSE;
        }
      g_ptr_array_add (g_ptr_array_index (by_category, category), spec);
      g_hash_table_insert (self->by_type, (gpointer) type, g_steal_pointer (&spec));
    }

  for (guint i = 0; i < by_category->len; i++)
    {
      GPtrArray *bucket = g_ptr_array_index (by_category, i);

      g_list_store_splice (self->specs, g_list_model_get_n_items (G_LIST_MODEL (self->specs)),
                           0, bucket->pdata, bucket->len);
    }
  return TRUE;
}

MoiCatalog *
moi_catalog_new_from_data (const char  *json,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(MoiCatalog) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *version;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      /* json-glib's message carries the line:column. */
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE,
                   "catalog.json:%s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("catalog.json: the top level must be an object"));
      return NULL;
    }
  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != CATALOG_VERSION)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("catalog.json: “version” must be %d"), CATALOG_VERSION);
      return NULL;
    }

  self = g_object_new (MOI_TYPE_CATALOG, NULL);
  if (!load_categories (self, object, &local_error) ||
      !load_components (self, object, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

MoiCatalog *
moi_catalog_get_default (void)
{
  static MoiCatalog *catalog;

  if (g_once_init_enter (&catalog))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      MoiCatalog *loaded = NULL;

      bytes = g_resources_lookup_data (CATALOG_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        loaded = moi_catalog_new_from_data (g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), &error);
      /* test-catalog loads the same resource, so this is a build defect:
       * say so loudly but keep the app usable with generic nodes. */
      if (loaded == NULL)
        {
          g_critical ("Cannot load the component catalog: %s", error->message);
          loaded = g_object_new (MOI_TYPE_CATALOG, NULL);
        }
      g_once_init_leave (&catalog, loaded);
    }
  return catalog;
}

MoiComponentSpec *
moi_catalog_lookup (MoiCatalog *self,
                    const char *type)
{
  g_return_val_if_fail (MOI_IS_CATALOG (self), NULL);

  if (type == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_type, type);
}

GListModel *
moi_catalog_get_specs (MoiCatalog *self)
{
  g_return_val_if_fail (MOI_IS_CATALOG (self), NULL);

  return G_LIST_MODEL (self->specs);
}

guint
moi_catalog_get_n_categories (MoiCatalog *self)
{
  g_return_val_if_fail (MOI_IS_CATALOG (self), 0);

  return self->categories->len;
}

const char *
moi_catalog_get_category_id (MoiCatalog *self,
                             guint       position)
{
  g_return_val_if_fail (MOI_IS_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->categories->len, NULL);

  return g_array_index (self->categories, Category, position).id;
}

const char *
moi_catalog_get_category_label (MoiCatalog *self,
                                const char *id)
{
  int position;

  g_return_val_if_fail (MOI_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  position = find_category (self, id);
  if (position < 0)
    return NULL;
  return g_dgettext (GETTEXT_PACKAGE, g_array_index (self->categories, Category, position).label);
}

const char *
moi_catalog_get_category_description (MoiCatalog *self,
                                      const char *id)
{
  int position;
  const char *description;

  g_return_val_if_fail (MOI_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  position = find_category (self, id);
  if (position < 0)
    return NULL;
  description = g_array_index (self->categories, Category, position).description;
  return description != NULL ? g_dgettext (GETTEXT_PACKAGE, description) : NULL;
}

static void
add_derived (MoiCatalog         *self,
             GPtrArray          *sockets,
             const char         *name,
             MoiSocketDirection  direction,
             MoiSocketType      *type,
             const char         *type_string,
             const char         *description)
{
  /* A router pattern listed twice makes one output, as in Haystack's dict. */
  if (_moi_socket_spec_array_find (sockets, name, NULL) != NULL)
    return;
  g_ptr_array_add (sockets, _moi_socket_spec_new_with_type (name, direction, type,
                                                            type_string, description));
}

static GPtrArray *
router_outputs (MoiCatalog       *self,
                MoiComponent     *component,
                MoiComponentSpec *spec)
{
  GPtrArray *outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_spec_unref);
  GPtrArray *fixed = moi_component_spec_get_outputs (spec);
  JsonNode *value = moi_component_get_parameter (component,
                                                 moi_component_spec_get_outputs_parameter (spec));
  MoiSocketType *type = _moi_component_spec_get_outputs_type (spec);
  const char *type_string = _moi_component_spec_get_outputs_type_string (spec);
  const char *description = _moi_component_spec_get_outputs_description (spec);

  if (value != NULL && _moi_component_spec_outputs_from_keys (spec) &&
      JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObjectIter iter;
      const char *key;

      json_object_iter_init_ordered (&iter, json_node_get_object (value));
      while (json_object_iter_next_ordered (&iter, &key, NULL))
        add_derived (self, outputs, key, MOI_SOCKET_DIRECTION_OUTPUT, type, type_string,
                     description);
    }
  else if (value != NULL && !_moi_component_spec_outputs_from_keys (spec) &&
           JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            add_derived (self, outputs, json_node_get_string (item),
                         MOI_SOCKET_DIRECTION_OUTPUT, type, type_string, description);
        }
    }

  for (guint i = 0; i < fixed->len; i++)
    {
      MoiSocketSpec *socket = g_ptr_array_index (fixed, i);
      const char *name = moi_socket_spec_get_name (socket);

      if (_moi_socket_spec_array_find (outputs, name, NULL) == NULL)
        g_ptr_array_add (outputs, moi_socket_spec_ref (socket));
    }
  return outputs;
}

void
_moi_catalog_build_sockets (MoiCatalog        *self,
                            MoiComponent      *component,
                            MoiComponentSpec  *spec,
                            MoiConnection    **connections,
                            guint              n_connections,
                            GPtrArray        **inputs,
                            GPtrArray        **outputs)
{
  const char *name = moi_component_get_name (component);

  if (spec != NULL)
    {
      *inputs = g_ptr_array_ref (moi_component_spec_get_inputs (spec));
      if (moi_component_spec_get_outputs_parameter (spec) != NULL)
        *outputs = router_outputs (self, component, spec);
      else
        *outputs = g_ptr_array_ref (moi_component_spec_get_outputs (spec));
      return;
    }

  /* A generic node has whatever sockets the workflow uses. */
  *inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_spec_unref);
  *outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_spec_unref);
  for (guint i = 0; i < n_connections; i++)
    {
      MoiConnection *connection = connections[i];
      const char *socket;

      if (g_strcmp0 (moi_connection_get_receiver_component (connection), name) == 0 &&
          (socket = moi_connection_get_receiver_socket (connection)) != NULL)
        add_derived (self, *inputs, socket, MOI_SOCKET_DIRECTION_INPUT, self->any_type, NULL, NULL);
      if (g_strcmp0 (moi_connection_get_sender_component (connection), name) == 0 &&
          (socket = moi_connection_get_sender_socket (connection)) != NULL)
        add_derived (self, *outputs, socket, MOI_SOCKET_DIRECTION_OUTPUT, self->any_type, NULL,
                     NULL);
    }
}

void
moi_catalog_get_component_sockets (MoiCatalog    *self,
                                   MoiWorkflow   *workflow,
                                   MoiComponent  *component,
                                   GPtrArray    **inputs,
                                   GPtrArray    **outputs)
{
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) ins = NULL;
  g_autoptr(GPtrArray) outs = NULL;
  MoiComponentSpec *spec;

  g_return_if_fail (MOI_IS_CATALOG (self));
  g_return_if_fail (workflow == NULL || MOI_IS_WORKFLOW (workflow));
  g_return_if_fail (MOI_IS_COMPONENT (component));

  spec = moi_catalog_lookup (self, moi_component_get_component_type (component));
  if (spec == NULL && workflow != NULL && moi_component_get_name (component) != NULL)
    connections = moi_workflow_get_connections_of (workflow, moi_component_get_name (component));

  _moi_catalog_build_sockets (self, component, spec,
                              connections != NULL ? (MoiConnection **) connections->pdata : NULL,
                              connections != NULL ? connections->len : 0,
                              &ins, &outs);
  if (inputs != NULL)
    *inputs = g_steal_pointer (&ins);
  if (outputs != NULL)
    *outputs = g_steal_pointer (&outs);
}
