/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-converters.h"
#include "moi-node.h"

/* The file converters (moi-converters.h) as pipeline nodes: "sources" in,
 * "documents" out. As in Haystack, a source that cannot be read or decoded
 * is skipped with a warning (the file then simply yields no documents);
 * a corrupt container or a bad parameter fails the file. */

struct _MoiConverterNode
{
  MoiNode  parent_instance;
};

#define MOI_TYPE_CONVERTER_NODE (moi_converter_node_get_type ())
G_DECLARE_FINAL_TYPE (MoiConverterNode, moi_converter_node, MOI, CONVERTER_NODE, MoiNode)
G_DEFINE_FINAL_TYPE (MoiConverterNode, moi_converter_node, MOI_TYPE_NODE)

gboolean
moi_converter_node_type_path_is_known (const char *type_path)
{
  g_return_val_if_fail (type_path != NULL, FALSE);

  /* moi_converter_handles() also takes bare kinds ("txt"); only full
   * haystack./byoa. paths are component types. */
  return (g_str_has_prefix (type_path, "haystack.") || g_str_has_prefix (type_path, "byoa."))
         && moi_converter_handles (type_path);
}

/* In member order, as Python dicts merge; copies, since the parameters and
 * a caller's meta are shared by worker threads (see moi_node_json_copy). */
static void
merge_into (JsonObject *target,
            JsonObject *source)
{
  g_autoptr(GList) members = NULL;

  if (source == NULL)
    return;
  members = json_object_get_members (source);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (target, l->data,
                            moi_node_json_copy (json_object_get_member (source, l->data)));
}

static gboolean
moi_converter_node_run (MoiNode              *node,
                        const MoiNodeContext *context,
                        MoiNodeInputs        *inputs,
                        MoiNodeOutputs       *outputs,
                        GError              **error)
{
  const char *name = moi_node_get_name (node);
  g_autoptr(GPtrArray) sources = moi_node_inputs_get_items (inputs, "sources");
  g_autoptr(GPtrArray) documents = moi_document_array_new ();
  g_autoptr(JsonObject) own_parameters = NULL;
  JsonObject *parameters = moi_node_get_parameters (node);
  JsonNode *meta_input = moi_node_inputs_get_json (inputs, "meta");
  static const char * const run_parameters[] = { "content_column", "extraction_kwargs", NULL };

  /* Run-time inputs override init parameters, as moi_convert() expects;
   * without any, the node's own (read-only) parameters serve every file.
   * HTMLToDocument merges its extraction_kwargs into the init ones. */
  for (guint i = 0; run_parameters[i] != NULL; i++)
    {
      JsonNode *value = moi_node_inputs_get_json (inputs, run_parameters[i]);
      JsonNode *init;

      if (value == NULL)
        continue;
      if (own_parameters == NULL)
        parameters = own_parameters = moi_node_json_object_copy (parameters);
      init = json_object_get_member (parameters, run_parameters[i]);
      if (init != NULL && JSON_NODE_HOLDS_OBJECT (init) && JSON_NODE_HOLDS_OBJECT (value))
        merge_into (json_node_get_object (init), json_node_get_object (value));
      else
        json_object_set_member (parameters, run_parameters[i], moi_node_json_copy (value));
    }

  if (meta_input != NULL && JSON_NODE_HOLDS_ARRAY (meta_input)
      && json_array_get_length (json_node_get_array (meta_input)) != sources->len)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: the length of the metadata list must match "
                     "the number of sources"), name);
      return FALSE;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      MoiSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GPtrArray) converted = NULL;
      g_autoptr(JsonObject) meta = json_object_new ();
      JsonNode *item_meta = NULL;
      g_autofree char *warning = NULL;
      const char *file_path = source->path;

      if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
        return FALSE;

      merge_into (meta, source->meta);
      if (meta_input != NULL)
        item_meta = JSON_NODE_HOLDS_ARRAY (meta_input)
                    ? json_array_get_element (json_node_get_array (meta_input), i)
                    : meta_input;
      if (item_meta != NULL && JSON_NODE_HOLDS_OBJECT (item_meta))
        merge_into (meta, json_node_get_object (item_meta));
      if (file_path == NULL)
        file_path = json_object_get_string_member_with_default (source->meta, "file_path", NULL);

      data = moi_source_get_data (source, &local_error);
      if (data == NULL)
        {
          g_info ("component “%s”: %s skipped: %s", name,
                  file_path != NULL ? file_path : "?", local_error->message);
          continue;
        }

      converted = moi_convert (moi_node_get_type_path (node), parameters, data, file_path,
                               meta, &warning, &local_error);
      if (converted == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: %s"), name, local_error->message);
          return FALSE;
        }
      if (warning != NULL)
        g_info ("component “%s”: %s", name, warning);
      for (guint j = 0; j < converted->len; j++)
        g_ptr_array_add (documents, moi_document_ref (g_ptr_array_index (converted, j)));
    }

  moi_node_outputs_set (outputs, "documents",
                        moi_value_new_documents (g_steal_pointer (&documents)));
  return TRUE;
}

static void
moi_converter_node_class_init (MoiConverterNodeClass *klass)
{
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  node_class->run = moi_converter_node_run;
}

static void
moi_converter_node_init (MoiConverterNode *self)
{
}

MoiNode *
moi_converter_node_new (MoiComponent  *component,
                        GError       **error)
{
  g_autoptr(MoiConverterNode) self = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) probe = NULL;
  MoiConverterKind kind;
  MoiNode *node;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_CONVERTER_NODE, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  /* moi_convert() checks parameters as it converts; converting nothing
   * checks them once here, so a bad parameter fails the workflow instead of
   * every file. Text formats only: an empty PDF or zip is merely "corrupt"
   * (and poppler would log about it at every build). */
  kind = moi_converter_kind_from_type (moi_node_get_type_path (node));
  if (kind == MOI_CONVERTER_TEXT || kind == MOI_CONVERTER_MARKDOWN || kind == MOI_CONVERTER_CSV
      || kind == MOI_CONVERTER_HTML || kind == MOI_CONVERTER_MOI_PLAIN)
    {
      empty = g_bytes_new_static ("", 0);
      probe = moi_convert (moi_node_get_type_path (node), moi_node_get_parameters (node), empty,
                           NULL, NULL, NULL, &local_error);
    }
  if (probe == NULL && g_error_matches (local_error, MOI_CONVERTER_ERROR,
                                        MOI_CONVERTER_ERROR_PARAMETER))
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("component “%s”: %s"), moi_node_get_name (node), local_error->message);
      return NULL;
    }

  moi_node_add_input (node, "sources", MOI_VALUE_SOURCES,
                      MOI_SOCKET_SOURCES | MOI_SOCKET_VARIADIC);
  moi_node_add_input (node, "meta", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  if (kind == MOI_CONVERTER_CSV)
    moi_node_add_input (node, "content_column", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  if (kind == MOI_CONVERTER_HTML)
    moi_node_add_input (node, "extraction_kwargs", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_output (node, "documents", MOI_VALUE_DOCUMENTS);
  return MOI_NODE (g_steal_pointer (&self));
}
