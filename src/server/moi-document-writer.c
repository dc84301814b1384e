/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Haystack's DocumentWriter. Whatever its document_store (MOI's
 * MOIDocumentStore, InMemoryDocumentStore, anything else), the local service
 * writes through the run's MoiDocumentSink: the service's SQLite store, or
 * the CLI's printer. The store's own parameters (connection strings...) mean
 * nothing locally and are ignored. */

struct _MoiDocumentWriter
{
  MoiNode  parent_instance;
  char    *policy;   /* NONE | SKIP | OVERWRITE | FAIL */
};

#define MOI_TYPE_DOCUMENT_WRITER (moi_document_writer_get_type ())
G_DECLARE_FINAL_TYPE (MoiDocumentWriter, moi_document_writer, MOI, DOCUMENT_WRITER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiDocumentWriter, moi_document_writer, MOI_TYPE_NODE)

static const char * const policies[] = { "NONE", "SKIP", "OVERWRITE", "FAIL", NULL };

/* DuplicatePolicy is serialized by name; its values are the lower-case
 * names, which older documents use, so both are accepted. */
static char *
normalize_policy (const char *policy)
{
  g_autofree char *upper = g_ascii_strup (policy, -1);

  if (!g_strv_contains (policies, upper))
    return NULL;
  return g_steal_pointer (&upper);
}

static gboolean
moi_document_writer_run (MoiNode              *node,
                         const MoiNodeContext *context,
                         MoiNodeInputs        *inputs,
                         MoiNodeOutputs       *outputs,
                         GError              **error)
{
  MoiDocumentWriter *self = MOI_DOCUMENT_WRITER (node);
  g_autoptr(GPtrArray) documents = moi_node_inputs_get_items (inputs, "documents");
  g_autofree char *policy = NULL;
  JsonNode *policy_input = moi_node_inputs_get_json (inputs, "policy");
  gint64 written;

  if (policy_input != NULL && JSON_NODE_HOLDS_VALUE (policy_input)
      && json_node_get_value_type (policy_input) == G_TYPE_STRING)
    {
      policy = normalize_policy (json_node_get_string (policy_input));
      if (policy == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: unknown policy “%s”"), moi_node_get_name (node),
                       json_node_get_string (policy_input));
          return FALSE;
        }
    }
  else
    {
      policy = g_strdup (self->policy);
    }

  if (context->sink != NULL && context->sink->write_documents != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      written = context->sink->write_documents (context->sink->user_data,
                                                moi_node_get_name (node), documents,
                                                policy, &local_error);
      if (written < 0)
        {
          if (local_error == NULL)
            g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                         _("component “%s”: the documents could not be written"),
                         moi_node_get_name (node));
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    {
      written = documents->len;
    }

  moi_node_outputs_set (outputs, "documents_written", moi_value_new_int (written));
  return TRUE;
}

static void
moi_document_writer_finalize (GObject *object)
{
  MoiDocumentWriter *self = MOI_DOCUMENT_WRITER (object);

  g_free (self->policy);

  G_OBJECT_CLASS (moi_document_writer_parent_class)->finalize (object);
}

static void
moi_document_writer_class_init (MoiDocumentWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_document_writer_finalize;
  node_class->run = moi_document_writer_run;
}

static void
moi_document_writer_init (MoiDocumentWriter *self)
{
}

MoiNode *
moi_document_writer_new (MoiComponent  *component,
                         GError       **error)
{
  g_autoptr(MoiDocumentWriter) self = NULL;
  g_autofree char *policy = NULL;
  MoiNode *node;
  JsonNode *store;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_DOCUMENT_WRITER, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  store = moi_node_get_param (node, "document_store");
  if (store == NULL || !JSON_NODE_HOLDS_OBJECT (store)
      || !json_object_has_member (json_node_get_object (store), "type"))
    {
      moi_node_set_param_error (node, error, "document_store",
                                _("a document store {\"type\": …, \"init_parameters\": …} "
                                  "is required"));
      return NULL;
    }

  if (!moi_node_param_string (node, "policy", "NONE", &policy, error))
    return NULL;
  self->policy = normalize_policy (policy);
  if (self->policy == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("unknown policy “%s”; use NONE, SKIP, "
                                                   "OVERWRITE or FAIL"), policy);

      moi_node_set_param_error (node, error, "policy", reason);
      return NULL;
    }

  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_MANDATORY);
  moi_node_add_input (node, "policy", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_output (node, "documents_written", MOI_VALUE_JSON);
  return MOI_NODE (g_steal_pointer (&self));
}
