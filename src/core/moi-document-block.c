/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-document-block.h"

struct _MoiDocumentBlock
{
  GObject parent_instance;

  char *id;
  char *content;
  char *type;
  char *content_type;
  char *file_id;
  int position;
  JsonNode *meta;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (MoiDocumentBlock, moi_document_block, G_TYPE_OBJECT)

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiDocumentBlock, id) },
  { "content", "content", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiDocumentBlock, content) },
  { "type", "type", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiDocumentBlock, type) },
  { "content_type", "content-type", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiDocumentBlock, content_type) },
  { "file_id", "file-id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiDocumentBlock, file_id) },
  { "position", "position", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiDocumentBlock, position) },
  { "meta", "meta", MOI_RECORD_JSON, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiDocumentBlock, meta) },
};

static MoiRecordClassInfo record_info = {
  N_("Document block"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiDocumentBlock, extra), NULL, NULL,
};

static void
moi_document_block_finalize (GObject *object)
{
  moi_record_clear (&record_info, object);

  G_OBJECT_CLASS (moi_document_block_parent_class)->finalize (object);
}

static void
moi_document_block_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  moi_record_get_property (&record_info, object, prop_id, value);
}

static void
moi_document_block_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  moi_record_set_property (&record_info, object, prop_id, value);
}

static void
moi_document_block_class_init (MoiDocumentBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_document_block_finalize;
  object_class->get_property = moi_document_block_get_property;
  object_class->set_property = moi_document_block_set_property;

  moi_record_install_properties (object_class, &record_info);
}

static void
moi_document_block_init (MoiDocumentBlock *self)
{
  moi_record_init (&record_info, self);
}

MoiDocumentBlock *
moi_document_block_new (void)
{
  return g_object_new (MOI_TYPE_DOCUMENT_BLOCK, NULL);
}

MoiDocumentBlock *
moi_document_block_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(MoiDocumentBlock) self = moi_document_block_new ();

  if (!moi_record_read (&record_info, self, node, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
moi_document_block_to_json (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_CANONICAL);
}

JsonObject *
moi_document_block_get_extra (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->extra;
}

const char *
moi_document_block_get_id (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->id;
}

const char *
moi_document_block_get_content (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->content;
}

const char *
moi_document_block_get_block_type (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->type;
}

const char *
moi_document_block_get_content_type (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->content_type;
}

const char *
moi_document_block_get_file_id (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->file_id;
}

int
moi_document_block_get_position (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), 0);

  return self->position;
}

JsonNode *
moi_document_block_get_meta (MoiDocumentBlock *self)
{
  g_return_val_if_fail (MOI_IS_DOCUMENT_BLOCK (self), NULL);

  return self->meta;
}
