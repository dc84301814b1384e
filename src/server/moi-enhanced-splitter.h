/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-document.h"

G_BEGIN_DECLS

/* MOI's EnhancedDocumentSplitter
 * (byoa.integrations.components.enhance_document_splitter.EnhancedDocumentSplitter). */
typedef struct _MoiEnhancedSplitter MoiEnhancedSplitter;

#define MOI_ENHANCED_SPLITTER_TYPE_PATH \
  "byoa.integrations.components.enhance_document_splitter.EnhancedDocumentSplitter"

/* split_unit "char"|"word" (default "char"), split_length (800),
 * split_overlap (0), custom_separators (list of strings),
 * enable_level_based_split (false). Ints/booleans may be strings. */
MoiEnhancedSplitter *moi_enhanced_splitter_new  (JsonObject           *init_parameters,
                                                 GError              **error);
void                 moi_enhanced_splitter_free (MoiEnhancedSplitter  *self);
/* Returns the splits of every document (MoiDocument*), with meta source_id,
 * split_id, split_idx_start (code points) like Haystack's splitters. */
GPtrArray           *moi_enhanced_splitter_run  (MoiEnhancedSplitter  *self,
                                                 GPtrArray            *documents,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiEnhancedSplitter, moi_enhanced_splitter_free)

G_END_DECLS
