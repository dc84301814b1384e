/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A Haystack Document as it flows between the local service's components.
 * Reference counted, immutable by convention once handed to the next
 * component (components make new documents instead of editing inputs).
 *
 * The id is Haystack's (sha256 over content, blob, mime type, meta,
 * embedding, see moi_document_compute_id), read with moi_document_get_id();
 * content: UTF-8 text or NULL; score: NAN
 * when unset; embedding: NULL when unset. The meta is a JSON object, read
 * with moi_document_get_meta(): a splitter's chunks keep theirs as numbers
 * beside their parent's shared meta until someone asks for the object
 * (most never are: the store writes their JSON text directly). */
typedef struct _MoiDocument MoiDocument;
typedef struct _MoiSplitBase MoiSplitBase;
typedef struct _MoiSplitMeta MoiSplitMeta;

struct _MoiDocument
{
  char         *content;
  GBytes       *blob;
  char         *mime_type;
  double        score;
  GArray       *embedding;   /* of float, or NULL */
  /*< private >*/
  char         *priv_id;     /* NULL until asked for (moi_document_new_unhashed()) */
  JsonObject   *priv_meta;   /* NULL until asked for, for a split chunk */
  MoiSplitMeta *split;
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
/* As moi_document_new_take(), but the id is computed only when first
 * asked for: for documents that are often only read and replaced (a
 * converter's, which a cleaner replaces; the hash of every file's text
 * was a tenth of the pipeline's time). Nothing may change the document
 * once made. */
MoiDocument *moi_document_new_unhashed (char       *content,
                                        JsonObject *meta);
/* A new document with @content (taken) and a copy of everything else of
 * @like (blob, mime type, deep copy of meta, score, embedding), as Haystack
 * components build their outputs. The id is @like's when @keep_id and it
 * has one, else computed. */
MoiDocument *moi_document_new_like   (MoiDocument *like,
                                      char        *content,
                                      gboolean     keep_id);
MoiDocument *moi_document_ref        (MoiDocument *self);
void         moi_document_unref      (MoiDocument *self);
/* Recomputes the id from the other fields. */
void         moi_document_update_id  (MoiDocument *self);
const char  *moi_document_get_id     (MoiDocument *self);
/* Sets the id of a document being made (Python code may set its own). */
void         moi_document_set_id     (MoiDocument *self,
                                      const char  *id);
char        *moi_document_compute_id (MoiDocument *self);
/* The meta object (never NULL). Treat it as read-only: documents are
 * immutable once handed on. */
JsonObject  *moi_document_get_meta   (MoiDocument *self);
/* The meta as compact JSON (moi_json_to_string()'s layout). */
char        *moi_document_dup_meta_json (MoiDocument *self,
                                      gsize       *length);

/* Haystack's DocumentSplitter._create_docs_from_splits(): every chunk of
 * one document has the document's meta plus source_id (the base), then
 * page_number, split_id, split_idx_start and, when the splitter overlaps,
 * _split_overlap. Takes ownership of @meta. */
MoiSplitBase *moi_split_base_new     (JsonObject   *meta,
                                      gboolean      with_overlap);
void          moi_split_base_unref   (MoiSplitBase *base);
/* A chunk: @content is taken; the id is computed as Haystack does, from
 * the meta without _split_overlap (added later, as there). */
MoiDocument  *moi_document_new_split (MoiSplitBase *base,
                                      char         *content,
                                      gint64        page_number,
                                      gint64        split_id,
                                      gint64        split_idx_start);
/* Appends {"doc_id": @doc_id, "range": [@from, @to]} to the chunk's
 * _split_overlap. */
void          moi_document_add_split_overlap (MoiDocument *self,
                                              const char  *doc_id,
                                              gint64       from,
                                              gint64       to);

/* Haystack's ids are sha256 digests as 64 lower-case hex digits; stores
 * keep them as their 32 bytes. FALSE for any other id. */
gboolean     moi_document_id_to_bytes   (const char   *id,
                                         guint8        bytes[32]);
/* @len bytes as lower-case hex digits. */
char        *moi_document_id_from_bytes (const guint8 *bytes,
                                         gsize         len);

/* {"id", "content", "meta", "score"?, "embedding"?} */
JsonNode    *moi_document_to_json    (MoiDocument *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiDocument, moi_document_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiSplitBase, moi_split_base_unref)

G_END_DECLS
