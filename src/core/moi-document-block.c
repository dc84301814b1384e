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

MOI_DEFINE_RECORD_TYPE (MoiDocumentBlock, moi_document_block, record_info)

static void
moi_document_block_init (MoiDocumentBlock *self)
{
  moi_record_init (&record_info, self);
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
