/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-document.h"

G_BEGIN_DECLS

/* Haystack's DocumentCleaner
 * (haystack.components.preprocessors.document_cleaner.DocumentCleaner),
 * step for step: unicode_normalization, ascii_only, remove_extra_whitespaces,
 * remove_empty_lines, remove_substrings, remove_regex, replace_regexes,
 * remove_repeated_substrings (headers/footers, main's behaviour: nothing is
 * removed with fewer than two non-empty candidate pages), strip_whitespaces.
 * Pure: no I/O, no global state; one instance may serve many runs. */
typedef struct _MoiDocumentCleaner MoiDocumentCleaner;

#define MOI_DOCUMENT_CLEANER_ERROR (moi_document_cleaner_error_quark ())

typedef enum
{
  MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER, /* Haystack's ValueError/TypeError at init */
  MOI_DOCUMENT_CLEANER_ERROR_INVALID_INPUT,     /* Haystack's TypeError in run() */
  MOI_DOCUMENT_CLEANER_ERROR_REGEX,             /* a regex failed while matching */
} MoiDocumentCleanerError;

GQuark              moi_document_cleaner_error_quark (void);

/* @init_parameters as in a pipeline's JSON (may be NULL for the defaults);
 * booleans and null given as strings ("false", "null") are accepted. */
MoiDocumentCleaner *moi_document_cleaner_new         (JsonObject          *init_parameters,
                                                      GError             **error);
void                moi_document_cleaner_free        (MoiDocumentCleaner  *self);
/* @documents: MoiDocument*. Returns new documents (a document whose content
 * is NULL is passed through as is), or NULL with @error set. */
GPtrArray          *moi_document_cleaner_run         (MoiDocumentCleaner  *self,
                                                      GPtrArray           *documents,
                                                      GError             **error);
/* The text steps alone, on one text. */
char               *moi_document_cleaner_clean_text  (MoiDocumentCleaner  *self,
                                                      const char          *text,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiDocumentCleaner, moi_document_cleaner_free)

G_END_DECLS
