/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Components that need models or services the local service does not have
 * (OCR, captioning, speech, LLMs) or that belong to MOI's chat side. They
 * still load, so a workflow made for the cloud can be opened and run: each
 * file that reaches one of them fails with a message saying why. */

struct _MoiUnsupportedNode
{
  MoiNode  parent_instance;
  char    *reason;
};

#define MOI_TYPE_UNSUPPORTED_NODE (moi_unsupported_node_get_type ())
G_DECLARE_FINAL_TYPE (MoiUnsupportedNode, moi_unsupported_node, MOI, UNSUPPORTED_NODE, MoiNode)
G_DEFINE_FINAL_TYPE (MoiUnsupportedNode, moi_unsupported_node, MOI_TYPE_NODE)

typedef struct
{
  const char *class_name;
  const char *reason;
} Unsupported;

static const Unsupported unsupported[] = {
  { "ImageOCRToDocument",
    N_("OCR needs the GOT-OCR2 model, which only MOI's cloud runs") },
  { "ImageCaptionToDocument",
    N_("image captioning needs a vision-language model, which only MOI's cloud runs") },
  { "ImageToDocument",
    N_("images are read by OCR and captioning models, which only MOI's cloud runs") },
  { "AudioToDocument",
    N_("speech recognition (SenseVoice ASR) is not available locally") },
  { "VideoToDocument",
    N_("speech recognition (SenseVoice ASR) is not available locally") },
  { "DataAugmentation",
    N_("data augmentation asks a large language model, which only MOI's cloud runs") },
  { "StructedExtraction",
    N_("information extraction asks a large language model, which only MOI's cloud runs") },
  { "ImageGenerateQA",
    N_("it asks a vision-language model, which only MOI's cloud runs") },
  { "GenerateImageContentByLLM",
    N_("it asks a vision-language model, which only MOI's cloud runs") },
  { "ImageStructureOutput",
    N_("it asks a vision-language model, which only MOI's cloud runs") },
  { "CustomLangfuseConnector",
    N_("it belongs to MOI's chat and agent side, not to document processing") },
  { "MOCRetriever",
    N_("it belongs to MOI's chat and agent side, not to document processing") },
  { "OutputGenerator",
    N_("it belongs to MOI's chat and agent side, not to document processing") },
  { "StartComponent",
    N_("it belongs to MOI's chat and agent side, not to document processing") },
  { "SentenceTransformersDocumentEmbedder",
    N_("it runs a local PyTorch embedding model; use OpenAIDocumentEmbedder instead") },
  { "SentenceTransformersTextEmbedder",
    N_("it runs a local PyTorch embedding model; use OpenAIDocumentEmbedder instead") },
  { "RecursiveDocumentSplitter",
    N_("the recursive splitter is not implemented locally; use DocumentSplitter or "
       "EnhancedDocumentSplitter") },
  { "OpenAIGenerator",
    N_("text generation with a large language model is not part of local processing") },
  { "OpenAIChatGenerator",
    N_("text generation with a large language model is not part of local processing") },
};

const char *
moi_unsupported_reason (const char *type_path)
{
  const char *class_name;

  g_return_val_if_fail (type_path != NULL, NULL);

  class_name = strrchr (type_path, '.');
  class_name = class_name != NULL ? class_name + 1 : type_path;
  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    if (strcmp (unsupported[i].class_name, class_name) == 0)
      return _(unsupported[i].reason);
  return NULL;
}

static gboolean
moi_unsupported_node_run (MoiNode              *node,
                          const MoiNodeContext *context,
                          MoiNodeInputs        *inputs,
                          MoiNodeOutputs       *outputs,
                          GError              **error)
{
  MoiUnsupportedNode *self = MOI_UNSUPPORTED_NODE (node);
  const char *type_path = moi_node_get_type_path (node);

  if (self->reason != NULL)
    g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED,
                 _("component “%s” (type %s) cannot run in the local service: %s"),
                 moi_node_get_name (node), type_path != NULL && *type_path ? type_path : "?",
                 self->reason);
  else
    g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_UNSUPPORTED,
                 _("component “%s” (type %s) cannot run in the local service"),
                 moi_node_get_name (node), type_path != NULL && *type_path ? type_path : "?");
  return FALSE;
}

static void
moi_unsupported_node_finalize (GObject *object)
{
  MoiUnsupportedNode *self = MOI_UNSUPPORTED_NODE (object);

  g_free (self->reason);

  G_OBJECT_CLASS (moi_unsupported_node_parent_class)->finalize (object);
}

static void
moi_unsupported_node_class_init (MoiUnsupportedNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_unsupported_node_finalize;
  node_class->run = moi_unsupported_node_run;
}

static void
moi_unsupported_node_init (MoiUnsupportedNode *self)
{
}

MoiNode *
moi_unsupported_node_new (MoiComponent *component,
                          const char   *reason)
{
  MoiUnsupportedNode *self;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_UNSUPPORTED_NODE, NULL);
  moi_node_init_for_component (MOI_NODE (self), component);
  moi_node_set_open_sockets (MOI_NODE (self), TRUE);
  self->reason = g_strdup (reason);
  return MOI_NODE (self);
}
