/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_DOCUMENT_BLOCK (moi_document_block_get_type ())
G_DECLARE_FINAL_TYPE (MoiDocumentBlock, moi_document_block, MOI, DOCUMENT_BLOCK, GObject)

/* A block (chunk) a job wrote for a file: GET /explore/volumes/{vid}/files/
 * {fid}/blocks items. type is text, markdown, table, image_caption...; meta
 * is the document's metadata object as the writer stored it. */
MoiDocumentBlock *moi_document_block_new              (void);
MoiDocumentBlock *moi_document_block_new_from_json    (JsonNode  *node,
                                                       GError   **error);
JsonNode         *moi_document_block_to_json          (MoiDocumentBlock *self);
JsonObject       *moi_document_block_get_extra        (MoiDocumentBlock *self);
const char       *moi_document_block_get_id           (MoiDocumentBlock *self);
const char       *moi_document_block_get_content      (MoiDocumentBlock *self);
/* The "type" field (named so as not to clash with the GType getter). */
const char       *moi_document_block_get_block_type   (MoiDocumentBlock *self);
const char       *moi_document_block_get_content_type (MoiDocumentBlock *self);
const char       *moi_document_block_get_file_id      (MoiDocumentBlock *self);
int               moi_document_block_get_position     (MoiDocumentBlock *self);
JsonNode         *moi_document_block_get_meta         (MoiDocumentBlock *self);

G_END_DECLS
