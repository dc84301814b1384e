/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-document-cleaner.h"
#include "moi-document-splitter.h"
#include "moi-enhanced-splitter.h"
#include "moi-moi-cleaner.h"
#include "moi-node.h"

/* Documents-in, documents-out components implemented as pure functions
 * elsewhere (Haystack's DocumentCleaner / DocumentSplitter, MOI's
 * MoiDocumentCleaner / EnhancedDocumentSplitter), wrapped as nodes. Their
 * state is built once from init_parameters and only read while running, so
 * one instance serves every worker thread. */

typedef gpointer   (*PreprocessorCreate) (JsonObject *parameters, GError **error);
typedef GPtrArray *(*PreprocessorRun)    (gpointer state, GPtrArray *documents, GError **error);

typedef struct
{
  const char         *type_path;
  PreprocessorCreate  create;
  GDestroyNotify      destroy;
  PreprocessorRun     run;
} Preprocessor;

/* MOI's DocumentContentImageFiller aligns image documents (OCR, captions)
 * with the text that references them. The local service makes no image
 * documents, so there is nothing to align and documents pass unchanged. */
static gpointer
filler_create (JsonObject  *parameters,
               GError     **error)
{
  return GUINT_TO_POINTER (1);
}

static void
filler_destroy (gpointer state)
{
}

static GPtrArray *
filler_run (gpointer    state,
            GPtrArray  *documents,
            GError    **error)
{
  return g_ptr_array_ref (documents);
}

static const Preprocessor preprocessors[] = {
  { "haystack.components.preprocessors.document_cleaner.DocumentCleaner",
    (PreprocessorCreate) moi_document_cleaner_new, (GDestroyNotify) moi_document_cleaner_free,
    (PreprocessorRun) moi_document_cleaner_run },
  { "haystack.components.preprocessors.document_splitter.DocumentSplitter",
    (PreprocessorCreate) moi_document_splitter_new, (GDestroyNotify) moi_document_splitter_free,
    (PreprocessorRun) moi_document_splitter_run },
  /* Haystack 2.6–2.9's NLTKDocumentSplitter; its parameters are a subset of
   * DocumentSplitter's, into which it was merged. */
  { "haystack.components.preprocessors.nltk_document_splitter.NLTKDocumentSplitter",
    (PreprocessorCreate) moi_document_splitter_new, (GDestroyNotify) moi_document_splitter_free,
    (PreprocessorRun) moi_document_splitter_run },
  { MOI_MOI_CLEANER_TYPE_PATH,
    (PreprocessorCreate) moi_moi_cleaner_new, (GDestroyNotify) moi_moi_cleaner_free,
    (PreprocessorRun) moi_moi_cleaner_run },
  { MOI_ENHANCED_SPLITTER_TYPE_PATH,
    (PreprocessorCreate) moi_enhanced_splitter_new, (GDestroyNotify) moi_enhanced_splitter_free,
    (PreprocessorRun) moi_enhanced_splitter_run },
  { "byoa.integrations.components.converters.document_content_image_filler."
    "DocumentContentImageFiller",
    filler_create, filler_destroy, filler_run },
};

struct _MoiPreprocessorNode
{
  MoiNode             parent_instance;
  const Preprocessor *kind;
  gpointer            state;
};

#define MOI_TYPE_PREPROCESSOR_NODE (moi_preprocessor_node_get_type ())
G_DECLARE_FINAL_TYPE (MoiPreprocessorNode, moi_preprocessor_node, MOI, PREPROCESSOR_NODE, MoiNode)
G_DEFINE_FINAL_TYPE (MoiPreprocessorNode, moi_preprocessor_node, MOI_TYPE_NODE)

static const Preprocessor *
lookup (const char *type_path)
{
  const char *class_name = strrchr (type_path, '.');

  for (guint i = 0; i < G_N_ELEMENTS (preprocessors); i++)
    if (strcmp (preprocessors[i].type_path, type_path) == 0)
      return &preprocessors[i];

  /* Short re-exported paths ("haystack.components.preprocessors.DocumentCleaner"). */
  if (class_name == NULL
      || !(g_str_has_prefix (type_path, "haystack.") || g_str_has_prefix (type_path, "byoa.")))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (preprocessors); i++)
    if (g_str_has_suffix (preprocessors[i].type_path, class_name))
      return &preprocessors[i];
  return NULL;
}

gboolean
moi_preprocessor_node_type_path_is_known (const char *type_path)
{
  g_return_val_if_fail (type_path != NULL, FALSE);

  return lookup (type_path) != NULL;
}

static gboolean
moi_preprocessor_node_run (MoiNode              *node,
                           const MoiNodeContext *context,
                           MoiNodeInputs        *inputs,
                           MoiNodeOutputs       *outputs,
                           GError              **error)
{
  MoiPreprocessorNode *self = MOI_PREPROCESSOR_NODE (node);
  g_autoptr(GPtrArray) documents = moi_node_inputs_get_items (inputs, "documents");
  g_autoptr(GError) local_error = NULL;
  GPtrArray *result;

  result = self->kind->run (self->state, documents, &local_error);
  if (result == NULL)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: %s"), moi_node_get_name (node),
                   local_error != NULL ? local_error->message : _("failed"));
      return FALSE;
    }
  moi_node_outputs_set (outputs, "documents", moi_value_new_documents (result));
  return TRUE;
}

static void
moi_preprocessor_node_finalize (GObject *object)
{
  MoiPreprocessorNode *self = MOI_PREPROCESSOR_NODE (object);

  if (self->state != NULL)
    self->kind->destroy (self->state);

  G_OBJECT_CLASS (moi_preprocessor_node_parent_class)->finalize (object);
}

static void
moi_preprocessor_node_class_init (MoiPreprocessorNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_preprocessor_node_finalize;
  node_class->run = moi_preprocessor_node_run;
}

static void
moi_preprocessor_node_init (MoiPreprocessorNode *self)
{
}

MoiNode *
moi_preprocessor_node_new (MoiComponent  *component,
                           GError       **error)
{
  g_autoptr(MoiPreprocessorNode) self = NULL;
  g_autoptr(GError) local_error = NULL;
  MoiNode *node;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_PREPROCESSOR_NODE, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  self->kind = lookup (moi_node_get_type_path (node));
  g_return_val_if_fail (self->kind != NULL, NULL);

  self->state = self->kind->create (moi_node_get_parameters (node), &local_error);
  if (self->state == NULL)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("component “%s”: %s"), moi_node_get_name (node),
                   local_error != NULL ? local_error->message : _("invalid parameters"));
      return NULL;
    }

  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_MANDATORY);
  moi_node_add_output (node, "documents", MOI_VALUE_DOCUMENTS);
  return MOI_NODE (g_steal_pointer (&self));
}
