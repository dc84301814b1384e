/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A Haystack Document as it flows between the local service's components.
 * Reference counted, immutable by convention once handed to the next
 * component (components make new documents instead of editing inputs).
 *
 * id: Haystack's id (sha256 over content, blob, mime type, meta, embedding,
 * see moi_document_compute_id); content: UTF-8 text or NULL; meta: a JSON
 * object (never NULL); score: NAN when unset; embedding: NULL when unset. */
typedef struct _MoiDocument MoiDocument;

struct _MoiDocument
{
  char       *id;
  char       *content;
  GBytes     *blob;
  char       *mime_type;
  JsonObject *meta;
  double      score;
  GArray     *embedding;   /* of float, or NULL */
  /*< private >*/
  gatomicrefcount ref_count;
};

#define MOI_TYPE_DOCUMENT (moi_document_get_type ())

GType        moi_document_get_type   (void) G_GNUC_CONST;
/* Takes ownership of nothing: copies @content and @meta (meta may be NULL).
 * The id is computed from the fields, as Haystack does when id is "". */
MoiDocument *moi_document_new        (const char  *content,
                                      JsonObject  *meta);
/* Takes ownership of @content and @meta (meta may be NULL): for components
 * that build large contents and should not copy them once more. */
MoiDocument *moi_document_new_take   (char        *content,
                                      JsonObject  *meta);
/* A new document with @content (taken) and a copy of everything else of
 * @like (blob, mime type, deep copy of meta, score, embedding), as Haystack
 * components build their outputs. The id is @like's when @keep_id and it
 * has one, else computed. */
MoiDocument *moi_document_new_like   (MoiDocument *like,
                                      char        *content,
                                      gboolean     keep_id);
MoiDocument *moi_document_ref        (MoiDocument *self);
void         moi_document_unref      (MoiDocument *self);
/* Recomputes self->id from the other fields. */
void         moi_document_update_id  (MoiDocument *self);
char        *moi_document_compute_id (MoiDocument *self);
/* {"id", "content", "meta", "score"?, "embedding"?} */
JsonNode    *moi_document_to_json    (MoiDocument *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiDocument, moi_document_unref)

G_END_DECLS
