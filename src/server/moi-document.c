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

MoiDocument *
moi_document_new_take (char       *content,
                       JsonObject *meta)
{
  MoiDocument *self = g_new0 (MoiDocument, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->content = content;
  self->meta = meta != NULL ? meta : json_object_new ();
  self->score = NAN;
  moi_document_update_id (self);

  return self;
}

MoiDocument *
moi_document_new_like (MoiDocument *like,
                       char        *content,
                       gboolean     keep_id)
{
  MoiDocument *self;

  g_return_val_if_fail (like != NULL, NULL);

  self = g_new0 (MoiDocument, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->content = content;
  self->blob = like->blob != NULL ? g_bytes_ref (like->blob) : NULL;
  self->mime_type = g_strdup (like->mime_type);
  self->meta = like->meta != NULL ? moi_json_object_deep_copy (like->meta) : json_object_new ();
  self->score = like->score;
  /* Shared: documents are immutable once handed on. */
  self->embedding = like->embedding != NULL ? g_array_ref (like->embedding) : NULL;
  if (keep_id && like->id != NULL && *like->id != '\0')
    self->id = g_strdup (like->id);
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

  g_free (self->id);
  g_free (self->content);
  g_clear_pointer (&self->blob, g_bytes_unref);
  g_free (self->mime_type);
  g_clear_pointer (&self->meta, json_object_unref);
  g_clear_pointer (&self->embedding, g_array_unref);
  g_free (self);
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
  static const char hex[] = "0123456789abcdef";
  uint8_t digest[SHA256_DIGEST_SIZE];
  char *out = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (hash, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[2 * SHA256_DIGEST_SIZE] = '\0';
  return out;
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

  moi_py_repr_json_object (tail, self->meta);

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

  g_free (self->id);
  self->id = moi_document_compute_id (self);
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
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "content");
  if (self->content != NULL)
    json_builder_add_string_value (builder, self->content);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "meta");
  meta = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (meta, moi_json_object_deep_copy (self->meta));
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
