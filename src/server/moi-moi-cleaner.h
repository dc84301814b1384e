/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-document.h"

G_BEGIN_DECLS

/* MOI's MoiDocumentCleaner
 * (byoa.integrations.components.cleaner.moi_document_cleaner.MoiDocumentCleaner),
 * every switch that can be done locally. */
typedef struct _MoiMoiCleaner MoiMoiCleaner;

#define MOI_MOI_CLEANER_TYPE_PATH \
  "byoa.integrations.components.cleaner.moi_document_cleaner.MoiDocumentCleaner"

/* Validates @init_parameters (may be NULL; booleans may be strings "false").
 * Error names the offending key. */
MoiMoiCleaner *moi_moi_cleaner_new  (JsonObject     *init_parameters,
                                     GError        **error);
void           moi_moi_cleaner_free (MoiMoiCleaner  *self);
/* @documents: MoiDocument*. Returns new documents (dropped ones are absent;
 * deduplication is over this call's documents). Documents without content
 * pass through unchanged. */
GPtrArray     *moi_moi_cleaner_run  (MoiMoiCleaner  *self,
                                     GPtrArray      *documents,
                                     GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiMoiCleaner, moi_moi_cleaner_free)

G_END_DECLS
