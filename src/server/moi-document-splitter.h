/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-document.h"

G_BEGIN_DECLS

/* Haystack's DocumentSplitter
 * (haystack.components.preprocessors.document_splitter.DocumentSplitter),
 * chunk for chunk: split_by word/passage/page/period/line/sentence/function,
 * windows of split_length units stepping by split_length - split_overlap,
 * split_threshold merging as on main (#12366: the overlap is not repeated),
 * skip_empty_documents, page_number, split_id, split_idx_start and
 * _split_overlap ranges counted in characters (code points), and document
 * ids as Haystack 2.x computes them.
 *
 * Sentences (split_by "sentence", respect_sentence_boundary) come from ICU's
 * sentence break iterator with the "ss=standard" abbreviation suppressions
 * for @language, not NLTK's punkt model: the two agree on ordinary prose and
 * may differ on abbreviations, initials and unusual punctuation. */
typedef struct _MoiDocumentSplitter MoiDocumentSplitter;

#define MOI_DOCUMENT_SPLITTER_ERROR (moi_document_splitter_error_quark ())

typedef enum
{
  MOI_DOCUMENT_SPLITTER_ERROR_INVALID_PARAMETER, /* Haystack's ValueError at init */
  MOI_DOCUMENT_SPLITTER_ERROR_INVALID_INPUT,     /* TypeError/ValueError in run() */
  MOI_DOCUMENT_SPLITTER_ERROR_SENTENCES,         /* the sentence breaker failed */
} MoiDocumentSplitterError;

/* split_by "function": returns the pieces of @text (a GPtrArray of strings
 * it frees with g_free). */
typedef GPtrArray *(*MoiSplittingFunc) (const char *text,
                                        gpointer    user_data);

GQuark               moi_document_splitter_error_quark (void);

/* @init_parameters as in a pipeline's JSON (may be NULL for the defaults);
 * booleans and integers given as strings ("false", "200") are accepted. A
 * "splitting_function" given by name is Python code and is refused. */
MoiDocumentSplitter *moi_document_splitter_new         (JsonObject           *init_parameters,
                                                        GError              **error);
/* The same, with the function split_by "function" calls. */
MoiDocumentSplitter *moi_document_splitter_new_with_function
                                                       (JsonObject           *init_parameters,
                                                        MoiSplittingFunc      func,
                                                        gpointer              user_data,
                                                        GDestroyNotify        destroy,
                                                        GError              **error);
void                 moi_document_splitter_free        (MoiDocumentSplitter  *self);
/* @documents: MoiDocument*. Returns the new chunk documents, or NULL with
 * @error set (a document without content is an error, as in Haystack). */
GPtrArray           *moi_document_splitter_run         (MoiDocumentSplitter  *self,
                                                        GPtrArray            *documents,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiDocumentSplitter, moi_document_splitter_free)

G_END_DECLS
