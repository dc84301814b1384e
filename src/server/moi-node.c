/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-init-parameters.h"
#include "moi-node.h"

/* ---- JSON shared between threads --------------------------------------- */

JsonObject *
moi_node_json_object_copy (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  JsonObject *copy;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            moi_node_json_copy (json_object_get_member (object, l->data)));
  return copy;
}

JsonNode *
moi_node_json_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  copy = json_node_alloc ();
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) object = moi_node_json_object_copy (json_node_get_object (node));

        return json_node_init_object (copy, object);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_autoptr(JsonArray) elements = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (elements,
                                  moi_node_json_copy (json_array_get_element (array, i)));
        return json_node_init_array (copy, elements);
      }

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        default:
          return json_node_init_null (copy);
        }

    case JSON_NODE_NULL:
    default:
      return json_node_init_null (copy);
    }
}

/* ---- sources and values ------------------------------------------------- */

static MoiSource *
moi_source_alloc (JsonObject *meta)
{
  MoiSource *self = g_new0 (MoiSource, 1);

  g_atomic_ref_count_init (&self->ref_count);
  /* The caller's meta may be shared by threads: copied, never referenced. */
  self->meta = meta != NULL ? moi_node_json_object_copy (meta) : json_object_new ();
  return self;
}

MoiSource *
moi_source_new_for_path (const char *path,
                         JsonObject *meta)
{
  MoiSource *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = moi_source_alloc (meta);
  self->path = g_strdup (path);
  return self;
}

MoiSource *
moi_source_new_for_bytes (GBytes     *data,
                          const char *mime_type,
                          JsonObject *meta)
{
  MoiSource *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = moi_source_alloc (meta);
  self->data = g_bytes_ref (data);
  self->mime_type = g_strdup (mime_type);
  return self;
}

MoiSource *
moi_source_ref (MoiSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_source_unref (MoiSource *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->path);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->mime_type);
  json_object_unref (self->meta);
  g_free (self);
}

GBytes *
moi_source_get_data (MoiSource  *self,
                     GError    **error)
{
  char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->data != NULL)
    return g_bytes_ref (self->data);

  /* One fstat and one read: GFile's stream grows its buffer as it goes. */
  if (!g_file_get_contents (self->path, &data, &length, error))
    return NULL;
  return g_bytes_new_take (data, length);
}

/* Takes ownership of @items or @json. */
static MoiValue *
moi_value_new (MoiValueKind  kind,
               GPtrArray    *items,
               JsonNode     *json)
{
  MoiValue *self = g_new0 (MoiValue, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->items = items;
  self->json = json;
  return self;
}

MoiValue *
moi_value_new_documents (GPtrArray *documents)
{
  g_return_val_if_fail (documents != NULL, NULL);
  return moi_value_new (MOI_VALUE_DOCUMENTS, documents, NULL);
}

MoiValue *
moi_value_new_sources (GPtrArray *sources)
{
  g_return_val_if_fail (sources != NULL, NULL);
  return moi_value_new (MOI_VALUE_SOURCES, sources, NULL);
}

MoiValue *
moi_value_new_json (JsonNode *json)
{
  g_return_val_if_fail (json != NULL, NULL);
  return moi_value_new (MOI_VALUE_JSON, NULL, json);
}

MoiValue *
moi_value_new_int (gint64 value)
{
  return moi_value_new_json (json_node_init_int (json_node_alloc (), value));
}

MoiValue *
moi_value_new_string (const char *value)
{
  return moi_value_new_json (json_node_init_string (json_node_alloc (), value ? value : ""));
}

MoiValue *
moi_value_ref (MoiValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_value_unref (MoiValue *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->json, json_node_unref);
  g_free (self);
}

GPtrArray *
moi_document_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
}

MoiDocument *
moi_document_dup (MoiDocument *document)
{
  MoiDocument *copy;

  g_return_val_if_fail (document != NULL, NULL);

  /* keep_id: the id is @document's, not sha256 over all its text again. */
  copy = moi_document_new_like (document, g_strdup (document->content), TRUE);
  if (g_strcmp0 (moi_document_get_id (copy), moi_document_get_id (document)) != 0)
    moi_document_set_id (copy, moi_document_get_id (document));
  /* new_like() shares the embedding; the copy's may be changed. */
  if (copy->embedding != NULL)
    {
      GArray *shared = copy->embedding;

      copy->embedding = g_array_copy (shared);
      g_array_unref (shared);
    }
  return copy;
}

/* ---- inputs and outputs ------------------------------------------------- */

struct _MoiNodeInputs
{
  /* socket name -> GPtrArray of MoiValue*, in sender order */
  GHashTable *sockets;
};

struct _MoiNodeOutputs
{
  GHashTable *sockets;  /* socket name -> MoiValue* */
};

MoiNodeInputs *
moi_node_inputs_new (void)
{
  MoiNodeInputs *inputs = g_new0 (MoiNodeInputs, 1);

  inputs->sockets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  return inputs;
}

void
moi_node_inputs_free (MoiNodeInputs *inputs)
{
  if (inputs == NULL)
    return;
  g_hash_table_unref (inputs->sockets);
  g_free (inputs);
}

void
moi_node_inputs_add (MoiNodeInputs *inputs,
                     const char    *socket,
                     MoiValue      *value)
{
  GPtrArray *values;

  g_return_if_fail (inputs != NULL);
  g_return_if_fail (socket != NULL);
  g_return_if_fail (value != NULL);

  values = g_hash_table_lookup (inputs->sockets, socket);
  if (values == NULL)
    {
      values = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_value_unref);
      g_hash_table_insert (inputs->sockets, g_strdup (socket), values);
    }
  g_ptr_array_add (values, moi_value_ref (value));
}

gboolean
moi_node_inputs_is_empty (MoiNodeInputs *inputs)
{
  g_return_val_if_fail (inputs != NULL, TRUE);

  return g_hash_table_size (inputs->sockets) == 0;
}

gboolean
moi_node_inputs_has (MoiNodeInputs *inputs,
                     const char    *socket)
{
  g_return_val_if_fail (inputs != NULL, FALSE);

  return g_hash_table_contains (inputs->sockets, socket);
}

GPtrArray *
moi_node_inputs_get_all (MoiNodeInputs *inputs,
                         const char    *socket)
{
  g_return_val_if_fail (inputs != NULL, NULL);

  return g_hash_table_lookup (inputs->sockets, socket);
}

GPtrArray *
moi_node_inputs_get_items (MoiNodeInputs *inputs,
                           const char    *socket)
{
  GPtrArray *values;
  GPtrArray *items = NULL;
  MoiValueKind kind = MOI_VALUE_ANY;

  g_return_val_if_fail (inputs != NULL, NULL);

  values = g_hash_table_lookup (inputs->sockets, socket);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      MoiValue *value = g_ptr_array_index (values, i);

      /* Kinds never mix on a socket (connections are checked), but an
       * array must hold one kind whatever happens. */
      if (value->items == NULL || (items != NULL && value->kind != kind))
        continue;
      kind = value->kind;
      if (items == NULL)
        items = g_ptr_array_new_with_free_func (value->kind == MOI_VALUE_SOURCES
                                                ? (GDestroyNotify) moi_source_unref
                                                : (GDestroyNotify) moi_document_unref);
      for (guint j = 0; j < value->items->len; j++)
        {
          gpointer item = g_ptr_array_index (value->items, j);

          g_ptr_array_add (items, value->kind == MOI_VALUE_SOURCES
                                  ? (gpointer) moi_source_ref (item)
                                  : (gpointer) moi_document_ref (item));
        }
    }

  if (items == NULL)
    items = moi_document_array_new ();
  return items;
}

JsonNode *
moi_node_inputs_get_json (MoiNodeInputs *inputs,
                          const char    *socket)
{
  GPtrArray *values;

  g_return_val_if_fail (inputs != NULL, NULL);

  values = g_hash_table_lookup (inputs->sockets, socket);
  if (values == NULL || values->len == 0)
    return NULL;
  return ((MoiValue *) g_ptr_array_index (values, 0))->json;
}

MoiNodeOutputs *
moi_node_outputs_new (void)
{
  MoiNodeOutputs *outputs = g_new0 (MoiNodeOutputs, 1);

  outputs->sockets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) moi_value_unref);
  return outputs;
}

void
moi_node_outputs_free (MoiNodeOutputs *outputs)
{
  if (outputs == NULL)
    return;
  g_hash_table_unref (outputs->sockets);
  g_free (outputs);
}

void
moi_node_outputs_set (MoiNodeOutputs *outputs,
                      const char     *socket,
                      MoiValue       *value)
{
  g_return_if_fail (outputs != NULL);
  g_return_if_fail (socket != NULL);
  g_return_if_fail (value != NULL);

  g_hash_table_replace (outputs->sockets, g_strdup (socket), value);
}

MoiValue *
moi_node_outputs_get (MoiNodeOutputs *outputs,
                      const char     *socket)
{
  g_return_val_if_fail (outputs != NULL, NULL);

  return g_hash_table_lookup (outputs->sockets, socket);
}

GPtrArray *
moi_node_outputs_list (MoiNodeOutputs *outputs)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (outputs != NULL, names);

  g_hash_table_iter_init (&iter, outputs->sockets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

/* ---- MoiNode ------------------------------------------------------------ */

typedef struct
{
  char           *name;
  MoiValueKind    kind;
  MoiSocketFlags  flags;
} MoiSocket;

typedef struct
{
  char       *name;
  char       *type_path;
  JsonObject *parameters;
  GPtrArray  *inputs;    /* MoiSocket* */
  GPtrArray  *outputs;   /* MoiSocket* */
  guint       open_sockets : 1;
} MoiNodePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MoiNode, moi_node, G_TYPE_OBJECT)

static void
moi_socket_free (MoiSocket *socket)
{
  g_free (socket->name);
  g_free (socket);
}

static void
moi_node_finalize (GObject *object)
{
  MoiNode *self = MOI_NODE (object);
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_free (priv->name);
  g_free (priv->type_path);
  g_clear_pointer (&priv->parameters, json_object_unref);
  g_ptr_array_unref (priv->inputs);
  g_ptr_array_unref (priv->outputs);

  G_OBJECT_CLASS (moi_node_parent_class)->finalize (object);
}

static gboolean
moi_node_real_run (MoiNode              *self,
                   const MoiNodeContext *context,
                   MoiNodeInputs        *inputs,
                   MoiNodeOutputs       *outputs,
                   GError              **error)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED,
               _("component “%s” (type %s) cannot run in the local service"),
               priv->name, priv->type_path);
  return FALSE;
}

static void
moi_node_class_init (MoiNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_node_finalize;
  klass->run = moi_node_real_run;
}

static void
moi_node_init (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  priv->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_free);
  priv->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_free);
}

/* Sets the identity every subclass constructor starts with. Parameters are
 * deep-copied so that nodes running in worker threads never share JSON with
 * a workflow someone else may edit. */
static void
moi_node_setup (MoiNode      *self,
                MoiComponent *component)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);
  JsonObject *parameters = moi_component_get_init_parameters (component);

  priv->name = g_strdup (moi_component_get_name (component));
  priv->type_path = g_strdup (moi_component_get_component_type (component));
  /* Nothing shared with the workflow, which someone else may edit. */
  priv->parameters = parameters != NULL ? moi_node_json_object_copy (parameters)
                                        : json_object_new ();
}

const char *
moi_node_get_name (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);

  return priv->name;
}

const char *
moi_node_get_type_path (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);

  return priv->type_path;
}

JsonObject *
moi_node_get_parameters (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);

  return priv->parameters;
}

static MoiSocket *
find_socket (GPtrArray  *sockets,
             const char *name)
{
  for (guint i = 0; i < sockets->len; i++)
    {
      MoiSocket *socket = g_ptr_array_index (sockets, i);

      if (g_strcmp0 (socket->name, name) == 0)
        return socket;
    }
  return NULL;
}

static void
add_socket (GPtrArray      *sockets,
            const char     *name,
            MoiValueKind    kind,
            MoiSocketFlags  flags)
{
  MoiSocket *socket;

  if (find_socket (sockets, name) != NULL)
    return;
  socket = g_new0 (MoiSocket, 1);
  socket->name = g_strdup (name);
  socket->kind = kind;
  socket->flags = flags;
  g_ptr_array_add (sockets, socket);
}

void
moi_node_add_input (MoiNode        *self,
                    const char     *name,
                    MoiValueKind    kind,
                    MoiSocketFlags  flags)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_if_fail (MOI_IS_NODE (self));
  g_return_if_fail (name != NULL);
  add_socket (priv->inputs, name, kind, flags);
}

void
moi_node_add_output (MoiNode      *self,
                     const char   *name,
                     MoiValueKind  kind)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_if_fail (MOI_IS_NODE (self));
  g_return_if_fail (name != NULL);
  add_socket (priv->outputs, name, kind, 0);
}

void
moi_node_set_open_sockets (MoiNode  *self,
                           gboolean  open_sockets)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_if_fail (MOI_IS_NODE (self));

  priv->open_sockets = !!open_sockets;
}

gboolean
moi_node_has_open_sockets (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);

  return priv->open_sockets;
}

static gboolean
lookup_socket (GPtrArray      *sockets,
               const char     *name,
               MoiValueKind   *kind,
               MoiSocketFlags *flags)
{
  MoiSocket *socket = find_socket (sockets, name);

  if (socket == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = socket->kind;
  if (flags != NULL)
    *flags = socket->flags;
  return TRUE;
}

gboolean
moi_node_lookup_input (MoiNode        *self,
                       const char     *name,
                       MoiValueKind   *kind,
                       MoiSocketFlags *flags)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  return lookup_socket (priv->inputs, name, kind, flags);
}

gboolean
moi_node_lookup_output (MoiNode      *self,
                        const char   *name,
                        MoiValueKind *kind)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  return lookup_socket (priv->outputs, name, kind, NULL);
}

static GPtrArray *
list_sockets (GPtrArray *sockets)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < sockets->len; i++)
    g_ptr_array_add (names, ((MoiSocket *) g_ptr_array_index (sockets, i))->name);
  return names;
}

GPtrArray *
moi_node_list_inputs (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);

  return list_sockets (priv->inputs);
}

GPtrArray *
moi_node_list_outputs (MoiNode *self)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);

  return list_sockets (priv->outputs);
}

gboolean
moi_node_run (MoiNode              *self,
              const MoiNodeContext *context,
              MoiNodeInputs        *inputs,
              MoiNodeOutputs       *outputs,
              GError              **error)
{
  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);
  g_return_val_if_fail (outputs != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;
  return MOI_NODE_GET_CLASS (self)->run (self, context, inputs, outputs, error);
}

/* ---- parameters --------------------------------------------------------- */

void
moi_node_set_param_error (MoiNode     *self,
                          GError     **error,
                          const char  *key,
                          const char  *reason)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
               _("component “%s”: parameter “%s”: %s"), priv->name, key, reason);
}

JsonNode *
moi_node_get_param (MoiNode    *self,
                    const char *key)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return moi_init_parameters_lookup (priv->parameters, key);
}

/* Sets the error for parameter @key and returns FALSE. */
static gboolean
param_error (MoiNode     *self,
             const char  *key,
             const char  *reason,
             GError     **error)
{
  moi_node_set_param_error (self, error, key, reason);
  return FALSE;
}

gboolean
moi_node_param_boolean (MoiNode     *self,
                        const char  *key,
                        gboolean     default_value,
                        gboolean    *out_value,
                        GError     **error)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  *out_value = default_value;
  return moi_init_parameters_get_boolean (priv->parameters, priv->name, key, out_value, NULL)
         || param_error (self, key, _("must be true or false"), error);
}

gboolean
moi_node_param_int (MoiNode     *self,
                    const char  *key,
                    gint64       default_value,
                    gint64      *out_value,
                    GError     **error)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  *out_value = default_value;
  return moi_init_parameters_get_int (priv->parameters, priv->name, key, out_value, NULL)
         || param_error (self, key, _("must be an integer"), error);
}

gboolean
moi_node_param_double (MoiNode     *self,
                       const char  *key,
                       double       default_value,
                       double      *out_value,
                       GError     **error)
{
  MoiNodePrivate *priv = moi_node_get_instance_private (self);

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  *out_value = default_value;
  return moi_init_parameters_get_double (priv->parameters, priv->name, key, out_value, NULL)
         || param_error (self, key, _("must be a number"), error);
}

gboolean
moi_node_param_string (MoiNode     *self,
                       const char  *key,
                       const char  *default_value,
                       char       **out_value,
                       GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (MOI_IS_NODE (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  node = moi_node_get_param (self, key);
  if (node == NULL)
    {
      *out_value = g_strdup (default_value);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out_value = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  *out_value = NULL;
  return param_error (self, key, _("must be a string"), error);
}

/* ---- registry ----------------------------------------------------------- */

typedef struct
{
  const char         *type_path;
  MoiNodeConstructor  constructor;
} MoiNodeEntry;

/* Haystack's registry also knows the short re-exported paths
 * ("haystack.components.routers.FileTypeRouter"); lookups fall back to the
 * class name for haystack.* and byoa.* paths, so both forms work. */
static const MoiNodeEntry native_nodes[] = {
  { "haystack.components.routers.file_type_router.FileTypeRouter", moi_file_type_router_new },
  { "haystack.components.routers.metadata_router.MetadataRouter", moi_metadata_router_new },
  { "haystack.components.joiners.document_joiner.DocumentJoiner", moi_document_joiner_new },
  { "haystack.components.writers.document_writer.DocumentWriter", moi_document_writer_new },
  { "byoa.integrations.components.python_executor.PythonExecutor", moi_python_executor_new },
  { "haystack.components.embedders.openai_document_embedder.OpenAIDocumentEmbedder",
    moi_openai_embedder_new },
};

static const char *
class_name_of (const char *type_path)
{
  const char *dot = strrchr (type_path, '.');

  return dot != NULL ? dot + 1 : type_path;
}

static gboolean
is_known_namespace (const char *type_path)
{
  return g_str_has_prefix (type_path, "haystack.") || g_str_has_prefix (type_path, "byoa.");
}

static MoiNodeConstructor
lookup_native (const char *type_path)
{
  const char *class_name = class_name_of (type_path);

  for (guint i = 0; i < G_N_ELEMENTS (native_nodes); i++)
    if (g_strcmp0 (native_nodes[i].type_path, type_path) == 0)
      return native_nodes[i].constructor;

  if (moi_converter_node_type_path_is_known (type_path))
    return moi_converter_node_new;
  if (moi_preprocessor_node_type_path_is_known (type_path))
    return moi_preprocessor_node_new;

  if (!is_known_namespace (type_path))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (native_nodes); i++)
    if (g_strcmp0 (class_name_of (native_nodes[i].type_path), class_name) == 0)
      return native_nodes[i].constructor;
  return NULL;
}

gboolean
moi_node_type_is_supported (const char *type_path)
{
  g_return_val_if_fail (type_path != NULL, FALSE);

  return lookup_native (type_path) != NULL;
}

MoiNode *
moi_node_new_for_component (MoiComponent  *component,
                            GError       **error)
{
  const char *type_path;
  const char *reason;
  MoiNodeConstructor constructor;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  type_path = moi_component_get_component_type (component);
  if (type_path == NULL)
    type_path = "";

  constructor = lookup_native (type_path);
  if (constructor != NULL)
    return constructor (component, error);

  reason = moi_unsupported_reason (type_path);
  return moi_unsupported_node_new (component, reason);
}

void
moi_node_init_for_component (MoiNode      *self,
                             MoiComponent *component)
{
  g_return_if_fail (MOI_IS_NODE (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));

  moi_node_setup (self, component);
}
