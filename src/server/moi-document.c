/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-document"

#include "config.h"

#include <math.h>
#include <string.h>

#ifdef MOI_HAVE_NETTLE
# include <nettle/sha2.h>
#endif

#include "moi-document.h"
#include "moi-json-writer.h"
#include "moi-pyunicode.h"

G_DEFINE_BOXED_TYPE (MoiDocument, moi_document, moi_document_ref, moi_document_unref)

/* The split keys a chunk adds to its base, in Haystack's order. */
static const char * const split_keys[] = { "page_number", "split_id", "split_idx_start" };

struct _MoiSplitBase
{
  gatomicrefcount  ref_count;
  JsonObject      *meta;
  gboolean         with_overlap;
  /* Chunks keep numbers only when the base has none of the split keys
   * (a chunk split again has them): then their meta is the base's
   * members followed by theirs, and its texts are the base's, cut before
   * the closing brace, followed by theirs. */
  gboolean         compact;
  gboolean         empty;
  GString         *repr;   /* Python repr, without the closing '}' */
  GString         *json;   /* compact JSON, without the closing '}' */
};

typedef struct
{
  char   *doc_id;
  gint64  from;
  gint64  to;
} Overlap;

struct _MoiSplitMeta
{
  MoiSplitBase *base;
  gint64        values[G_N_ELEMENTS (split_keys)];
  gboolean      has_overlap_key;
  GArray       *overlaps;   /* of Overlap */
};

static void
overlap_clear (Overlap *overlap)
{
  g_free (overlap->doc_id);
}

MoiSplitBase *
moi_split_base_new (JsonObject *meta,
                    gboolean    with_overlap)
{
  MoiSplitBase *base;

  g_return_val_if_fail (meta != NULL, NULL);

  base = g_new0 (MoiSplitBase, 1);
  g_atomic_ref_count_init (&base->ref_count);
  base->meta = meta;
  base->with_overlap = with_overlap;
  base->compact = !json_object_has_member (meta, "_split_overlap");
  for (guint i = 0; i < G_N_ELEMENTS (split_keys); i++)
    base->compact = base->compact && !json_object_has_member (meta, split_keys[i]);
  if (base->compact)
    {
      base->empty = json_object_get_size (meta) == 0;
      base->repr = g_string_new (NULL);
      moi_py_repr_json_object (base->repr, meta);
      g_string_truncate (base->repr, base->repr->len - 1);
      base->json = g_string_new (NULL);
      moi_json_append_object (base->json, meta, FALSE, 0);
      g_string_truncate (base->json, base->json->len - 1);
    }
  return base;
}

static MoiSplitBase *
moi_split_base_ref (MoiSplitBase *base)
{
  g_atomic_ref_count_inc (&base->ref_count);
  return base;
}

void
moi_split_base_unref (MoiSplitBase *base)
{
  if (base == NULL || !g_atomic_ref_count_dec (&base->ref_count))
    return;
  json_object_unref (base->meta);
  if (base->repr != NULL)
    g_string_free (base->repr, TRUE);
  if (base->json != NULL)
    g_string_free (base->json, TRUE);
  g_free (base);
}

static void
split_meta_free (MoiSplitMeta *split)
{
  moi_split_base_unref (split->base);
  g_clear_pointer (&split->overlaps, g_array_unref);
  g_free (split);
}

static JsonObject *
overlap_to_object (const Overlap *overlap)
{
  JsonObject *entry = json_object_new ();
  JsonArray *range = json_array_sized_new (2);

  json_object_set_string_member (entry, "doc_id", overlap->doc_id);
  json_array_add_int_element (range, overlap->from);
  json_array_add_int_element (range, overlap->to);
  json_object_set_array_member (entry, "range", range);
  return entry;
}

static JsonObject *
split_meta_to_object (MoiSplitMeta *split)
{
  JsonObject *meta = moi_json_object_deep_copy (split->base->meta);

  for (guint i = 0; i < G_N_ELEMENTS (split_keys); i++)
    json_object_set_int_member (meta, split_keys[i], split->values[i]);
  if (split->has_overlap_key)
    {
      JsonArray *overlaps = json_array_new ();

      for (guint i = 0; split->overlaps != NULL && i < split->overlaps->len; i++)
        json_array_add_object_element (overlaps,
                                       overlap_to_object (&g_array_index (split->overlaps,
                                                                          Overlap, i)));
      json_object_set_array_member (meta, "_split_overlap", overlaps);
    }
  return meta;
}

JsonObject *
moi_document_get_meta (MoiDocument *self)
{
  JsonObject *meta;

  g_return_val_if_fail (self != NULL, NULL);

  if ((meta = g_atomic_pointer_get (&self->priv_meta)) != NULL)
    return meta;
  /* A chunk's, built once; two threads asking at once keep the first. */
  meta = split_meta_to_object (self->split);
  if (!g_atomic_pointer_compare_and_exchange (&self->priv_meta, NULL, meta))
    {
      json_object_unref (meta);
      meta = g_atomic_pointer_get (&self->priv_meta);
    }
  return meta;
}

/* A chunk's meta as the base's text followed by its own members: the same
 * text the object would give, member for member (checked by
 * /moi/document-splitter/compact-meta). */
static void
append_split_repr (GString      *out,
                   MoiSplitMeta *split)
{
  gboolean first = split->base->empty;

  g_string_append_len (out, split->base->repr->str, split->base->repr->len);
  for (guint i = 0; i < G_N_ELEMENTS (split_keys); i++, first = FALSE)
    {
      if (!first)
        g_string_append (out, ", ");
      moi_py_repr_str (out, split_keys[i]);
      g_string_append (out, ": ");
      moi_json_append_int (out, split->values[i]);
    }
  if (split->has_overlap_key)
    {
      g_string_append (out, ", '_split_overlap': [");
      for (guint i = 0; split->overlaps != NULL && i < split->overlaps->len; i++)
        {
          const Overlap *overlap = &g_array_index (split->overlaps, Overlap, i);

          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, "{'doc_id': ");
          moi_py_repr_str (out, overlap->doc_id);
          g_string_append (out, ", 'range': (");
          moi_json_append_int (out, overlap->from);
          g_string_append (out, ", ");
          moi_json_append_int (out, overlap->to);
          g_string_append (out, ")}");
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

static void
append_split_json (GString      *out,
                   MoiSplitMeta *split)
{
  gboolean first = split->base->empty;

  g_string_append_len (out, split->base->json->str, split->base->json->len);
  for (guint i = 0; i < G_N_ELEMENTS (split_keys); i++, first = FALSE)
    {
      moi_json_append_member_key (out, split_keys[i], first, FALSE, 0);
      moi_json_append_int (out, split->values[i]);
    }
  if (split->has_overlap_key)
    {
      guint n = split->overlaps != NULL ? split->overlaps->len : 0;

      moi_json_append_member_key (out, "_split_overlap", FALSE, FALSE, 0);
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          const Overlap *overlap = &g_array_index (split->overlaps, Overlap, i);

          moi_json_append_element_start (out, i == 0, FALSE, 1);
          g_string_append_c (out, '{');
          moi_json_append_member_key (out, "doc_id", TRUE, FALSE, 2);
          moi_json_append_string (out, overlap->doc_id);
          moi_json_append_member_key (out, "range", FALSE, FALSE, 2);
          g_string_append_c (out, '[');
          moi_json_append_element_start (out, TRUE, FALSE, 3);
          moi_json_append_int (out, overlap->from);
          moi_json_append_element_start (out, FALSE, FALSE, 3);
          moi_json_append_int (out, overlap->to);
          moi_json_append_close (out, ']', FALSE, FALSE, 3);
          moi_json_append_close (out, '}', FALSE, FALSE, 2);
        }
      moi_json_append_close (out, ']', n == 0, FALSE, 1);
    }
  moi_json_append_close (out, '}', FALSE, FALSE, 0);
}

char *
moi_document_dup_meta_json (MoiDocument *self,
                            gsize       *length)
{
  g_autoptr(JsonNode) node = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (g_atomic_pointer_get (&self->priv_meta) == NULL)
    {
      out = g_string_sized_new (self->split->base->json->len + 256);
      append_split_json (out, self->split);
      if (length != NULL)
        *length = out->len;
      return g_string_free (out, FALSE);
    }
  node = json_node_init_object (json_node_alloc (), self->priv_meta);
  return moi_json_to_string (node, FALSE, length);
}

MoiDocument *
moi_document_new_split (MoiSplitBase *base,
                        char         *content,
                        gint64        page_number,
                        gint64        split_id,
                        gint64        split_idx_start)
{
  MoiDocument *self;
  MoiSplitMeta *split;

  g_return_val_if_fail (base != NULL, NULL);

  split = g_new0 (MoiSplitMeta, 1);
  split->base = moi_split_base_ref (base);
  split->values[0] = page_number;
  split->values[1] = split_id;
  split->values[2] = split_idx_start;
  if (!base->compact)
    {
      /* The base's own split keys are replaced where they stand. */
      self = moi_document_new_take (content, split_meta_to_object (split));
      split_meta_free (split);
      if (base->with_overlap)
        json_object_set_array_member (self->priv_meta, "_split_overlap", json_array_new ());
      return self;
    }

  self = g_new0 (MoiDocument, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->content = content;
  self->score = NAN;
  self->split = split;
  moi_document_update_id (self);
  /* As Haystack: the list is added once the id is made. */
  split->has_overlap_key = base->with_overlap;
  return self;
}

void
moi_document_add_split_overlap (MoiDocument *self,
                                const char  *doc_id,
                                gint64       from,
                                gint64       to)
{
  JsonObject *meta;
  Overlap overlap;

  g_return_if_fail (self != NULL);
  g_return_if_fail (doc_id != NULL);
  g_return_if_fail (self->split == NULL || self->split->has_overlap_key);
  meta = g_atomic_pointer_get (&self->priv_meta);
  g_return_if_fail (meta == NULL || json_object_has_member (meta, "_split_overlap"));

  overlap = (Overlap) { g_strdup (doc_id), from, to };
  if (self->split != NULL)
    {
      if (self->split->overlaps == NULL)
        {
          self->split->overlaps = g_array_sized_new (FALSE, FALSE, sizeof (Overlap), 2);
          g_array_set_clear_func (self->split->overlaps, (GDestroyNotify) overlap_clear);
        }
    }
  if (meta != NULL)
    {
      json_array_add_object_element (json_object_get_array_member (meta, "_split_overlap"),
                                     overlap_to_object (&overlap));
    }
  if (self->split != NULL)
    g_array_append_val (self->split->overlaps, overlap);
  else
    overlap_clear (&overlap);
}

MoiDocument *
moi_document_new_unhashed (char       *content,
                           JsonObject *meta)
{
  MoiDocument *self = g_new0 (MoiDocument, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->content = content;
  self->priv_meta = meta != NULL ? meta : json_object_new ();
  self->score = NAN;
  return self;
}

MoiDocument *
moi_document_new_take (char       *content,
                       JsonObject *meta)
{
  MoiDocument *self = moi_document_new_unhashed (content, meta);

  moi_document_update_id (self);
  return self;
}

const char *
moi_document_get_id (MoiDocument *self)
{
  char *id;

  g_return_val_if_fail (self != NULL, NULL);

  if ((id = g_atomic_pointer_get (&self->priv_id)) != NULL)
    return id;
  /* Two threads asking at once keep the first. */
  id = moi_document_compute_id (self);
  if (!g_atomic_pointer_compare_and_exchange (&self->priv_id, NULL, id))
    {
      g_free (id);
      id = g_atomic_pointer_get (&self->priv_id);
    }
  return id;
}

void
moi_document_set_id (MoiDocument *self,
                     const char  *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);

  g_free (self->priv_id);
  self->priv_id = g_strdup (id);
}

MoiDocument *
moi_document_new_like (MoiDocument *like,
                       char        *content,
                       gboolean     keep_id)
{
  MoiDocument *self;

  g_return_val_if_fail (like != NULL, NULL);

  self = moi_document_new_unhashed (content,
                                    moi_json_object_deep_copy (moi_document_get_meta (like)));
  self->blob = like->blob != NULL ? g_bytes_ref (like->blob) : NULL;
  self->mime_type = g_strdup (like->mime_type);
  self->score = like->score;
  /* Shared: documents are immutable once handed on. */
  self->embedding = like->embedding != NULL ? g_array_ref (like->embedding) : NULL;
  if (keep_id && *moi_document_get_id (like) != '\0')
    self->priv_id = g_strdup (moi_document_get_id (like));
  else
    moi_document_update_id (self);

  return self;
}

MoiDocument *
moi_document_new (const char *content,
                  JsonObject *meta)
{
  return moi_document_new_take (g_strdup (content),
                                meta != NULL ? moi_json_object_deep_copy (meta) : NULL);
}

MoiDocument *
moi_document_ref (MoiDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_document_unref (MoiDocument *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->priv_id);
  g_free (self->content);
  g_clear_pointer (&self->blob, g_bytes_unref);
  g_free (self->mime_type);
  g_clear_pointer (&self->priv_meta, json_object_unref);
  g_clear_pointer (&self->split, split_meta_free);
  g_clear_pointer (&self->embedding, g_array_unref);
  g_free (self);
}

/* The 32 bytes of a sha256 id written as 64 lower-case hex digits, the
 * form documents' ids are stored in; FALSE for any other id. */
gboolean
moi_document_id_to_bytes (const char *id,
                          guint8      bytes[32])
{
  for (int i = 0; i < 64; i++)
    {
      char c = id[i];
      int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

      if (v < 0)
        return FALSE;
      if (i % 2 == 0)
        bytes[i / 2] = (guint8) (v << 4);
      else
        bytes[i / 2] |= (guint8) v;
    }
  return id[64] == '\0';
}

char *
moi_document_id_from_bytes (const guint8 *bytes,
                            gsize         len)
{
  static const char hex[] = "0123456789abcdef";
  char *out = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = hex[bytes[i] >> 4];
      out[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  out[2 * len] = '\0';
  return out;
}

/* Ids hash all of the content of every document the pipeline makes, so
 * the hash is worth nettle's SHA-NI code when it is there. */
#ifdef MOI_HAVE_NETTLE
typedef struct sha256_ctx IdHash;

static void
id_hash_init (IdHash *hash)
{
  sha256_init (hash);
}

static void
id_hash_update (IdHash     *hash,
                const char *data,
                gsize       len)
{
  sha256_update (hash, len, (const uint8_t *) data);
}

static char *
id_hash_end (IdHash *hash)
{
  uint8_t digest[SHA256_DIGEST_SIZE];

  sha256_digest (hash, sizeof digest, digest);
  return moi_document_id_from_bytes (digest, sizeof digest);
}
#else
typedef GChecksum *IdHash;

static void
id_hash_init (IdHash *hash)
{
  *hash = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
id_hash_update (IdHash     *hash,
                const char *data,
                gsize       len)
{
  g_checksum_update (*hash, (const guchar *) data, len);
}

static char *
id_hash_end (IdHash *hash)
{
  char *out = g_strdup (g_checksum_get_string (*hash));

  g_checksum_free (*hash);
  return out;
}
#endif

/* Haystack 2.x: sha256 of
 *   f"{content or None}{None}{blob.data or None}{mime_type}{meta}{embedding}{sparse or ''}"
 * where the None in second place is the old dataframe field, bytes and meta
 * print as their Python repr, and sparse embeddings do not exist here. */
char *
moi_document_compute_id (MoiDocument *self)
{
  g_autoptr(GString) tail = NULL;
  IdHash hash;

  g_return_val_if_fail (self != NULL, NULL);

  id_hash_init (&hash);
  if (self->content != NULL && self->content[0] != '\0')
    id_hash_update (&hash, self->content, strlen (self->content));
  else
    id_hash_update (&hash, "None", 4);

  tail = g_string_sized_new (128);
  g_string_append (tail, "None");
  if (self->blob != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (self->blob, &len);

      moi_py_repr_bytes (tail, data, len);
      g_string_append (tail, self->mime_type != NULL ? self->mime_type : "None");
    }
  else
    g_string_append (tail, "NoneNone");

  if (self->priv_meta == NULL)
    append_split_repr (tail, self->split);
  else
    moi_py_repr_json_object (tail, self->priv_meta);

  if (self->embedding != NULL)
    {
      g_string_append_c (tail, '[');
      for (guint i = 0; i < self->embedding->len; i++)
        {
          if (i > 0)
            g_string_append (tail, ", ");
          moi_py_repr_float (tail, g_array_index (self->embedding, float, i));
        }
      g_string_append_c (tail, ']');
    }
  else
    g_string_append (tail, "None");

  id_hash_update (&hash, tail->str, tail->len);
  return id_hash_end (&hash);
}

void
moi_document_update_id (MoiDocument *self)
{
  g_return_if_fail (self != NULL);

  g_free (self->priv_id);
  self->priv_id = moi_document_compute_id (self);
}

JsonNode *
moi_document_to_json (MoiDocument *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  JsonNode *meta;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, moi_document_get_id (self));
  json_builder_set_member_name (builder, "content");
  if (self->content != NULL)
    json_builder_add_string_value (builder, self->content);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "meta");
  meta = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (meta, moi_json_object_deep_copy (moi_document_get_meta (self)));
  json_builder_add_value (builder, meta);
  if (!isnan (self->score))
    {
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, self->score);
    }
  if (self->embedding != NULL)
    {
      json_builder_set_member_name (builder, "embedding");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->embedding->len; i++)
        json_builder_add_double_value (builder, g_array_index (self->embedding, float, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
