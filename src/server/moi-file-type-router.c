/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Haystack's FileTypeRouter: one output per entry of mime_types (the output
 * is named after the pattern), plus "unclassified" and "failed". A source's
 * MIME type is its ByteStream's, or guessed from the path; the first pattern
 * that matches it wholly (re.fullmatch) wins. */

struct _MoiFileTypeRouter
{
  MoiNode     parent_instance;
  GPtrArray  *patterns;      /* char*, the output names */
  GPtrArray  *regexes;       /* GRegex*, anchored at both ends */
  GHashTable *extra_types;   /* ".ext" -> MIME, from additional_mimetypes */
};

#define MOI_TYPE_FILE_TYPE_ROUTER (moi_file_type_router_get_type ())
G_DECLARE_FINAL_TYPE (MoiFileTypeRouter, moi_file_type_router, MOI, FILE_TYPE_ROUTER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiFileTypeRouter, moi_file_type_router, MOI_TYPE_NODE)

typedef struct
{
  const char *extension;
  const char *mime_type;
} MimeEntry;

/* Python 3.11's mimetypes.types_map for the extensions MOI handles (plus
 * common neighbours), with Haystack's additions: .md/.markdown and .msg. */
static const MimeEntry mime_table[] = {
  { ".txt", "text/plain" }, { ".text", "text/plain" }, { ".log", "text/plain" },
  { ".md", "text/markdown" }, { ".markdown", "text/markdown" },
  { ".html", "text/html" }, { ".htm", "text/html" },
  { ".csv", "text/csv" }, { ".tsv", "text/tab-separated-values" },
  { ".xml", "text/xml" }, { ".json", "application/json" },
  { ".css", "text/css" }, { ".js", "text/javascript" }, { ".py", "text/x-python" },
  { ".rtf", "application/rtf" },
  { ".pdf", "application/pdf" },
  { ".doc", "application/msword" }, { ".dot", "application/msword" },
  { ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  { ".ppt", "application/vnd.ms-powerpoint" }, { ".pps", "application/vnd.ms-powerpoint" },
  { ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  { ".xls", "application/vnd.ms-excel" },
  { ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { ".odt", "application/vnd.oasis.opendocument.text" },
  { ".eml", "message/rfc822" }, { ".mht", "message/rfc822" }, { ".mhtml", "message/rfc822" },
  { ".msg", "application/vnd.ms-outlook" },
  { ".p7s", "application/pkcs7-signature" },
  { ".zip", "application/zip" }, { ".tar", "application/x-tar" },
  { ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
  { ".jpe", "image/jpeg" }, { ".gif", "image/gif" }, { ".bmp", "image/bmp" },
  { ".tif", "image/tiff" }, { ".tiff", "image/tiff" }, { ".webp", "image/webp" },
  { ".svg", "image/svg+xml" }, { ".ico", "image/vnd.microsoft.icon" },
  { ".wav", "audio/x-wav" }, { ".mp3", "audio/mpeg" }, { ".aac", "audio/aac" },
  { ".flac", "audio/flac" }, { ".ogg", "audio/ogg" }, { ".m4a", "audio/mp4" },
  { ".mp4", "video/mp4" }, { ".mov", "video/quicktime" }, { ".qt", "video/quicktime" },
  { ".mkv", "video/x-matroska" }, { ".avi", "video/x-msvideo" }, { ".webm", "video/webm" },
  { ".mpeg", "video/mpeg" }, { ".mpg", "video/mpeg" },
};

static const char *
lookup_extension (const char *extension)
{
  for (guint i = 0; i < G_N_ELEMENTS (mime_table); i++)
    if (strcmp (mime_table[i].extension, extension) == 0)
      return mime_table[i].mime_type;
  return NULL;
}

/* mimetypes.encodings_map: "a.tar.gz" is a gzip-encoded application/x-tar. */
static const char * const encodings[] = { ".gz", ".Z", ".bz2", ".xz", ".br", NULL };

const char *
moi_guess_mime_type (const char *path)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;
  char *dot;
  const char *mime_type;

  g_return_val_if_fail (path != NULL, NULL);

  basename = g_path_get_basename (path);
  dot = strrchr (basename, '.');
  /* os.path.splitext: a leading dot does not start an extension. */
  while (dot != NULL && dot != basename && g_strv_contains (encodings, dot))
    {
      *dot = '\0';
      dot = strrchr (basename, '.');
    }
  if (dot == NULL || dot == basename)
    return NULL;

  /* mimetypes tries the extension as written, then lower-cased. */
  mime_type = lookup_extension (dot);
  if (mime_type != NULL)
    return mime_type;
  lower = g_ascii_strdown (dot, -1);
  return lookup_extension (lower);
}

static const char *
source_mime_type (MoiFileTypeRouter *self,
                  MoiSource         *source)
{
  g_autofree char *basename = NULL;
  const char *dot;

  if (source->mime_type != NULL)
    return source->mime_type;
  if (source->path == NULL)
    return NULL;

  basename = g_path_get_basename (source->path);
  dot = strrchr (basename, '.');
  if (dot != NULL && self->extra_types != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (dot, -1);
      const char *extra = g_hash_table_lookup (self->extra_types, dot);

      if (extra == NULL)
        extra = g_hash_table_lookup (self->extra_types, lower);
      if (extra != NULL)
        return extra;
    }
  return moi_guess_mime_type (source->path);
}

/* The sources' meta: the run input "meta" is a dict for all sources, or a
 * list zipped with them (its length must match). */
static gboolean
merge_meta (MoiNode    *node,
            GPtrArray  *sources,
            JsonNode   *meta,
            GPtrArray **out_sources,
            GError    **error)
{
  g_autoptr(GPtrArray) merged = NULL;

  if (meta == NULL || JSON_NODE_HOLDS_NULL (meta))
    {
      *out_sources = g_ptr_array_ref (sources);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (meta)
      && json_array_get_length (json_node_get_array (meta)) != sources->len)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: the length of the metadata list must match "
                     "the number of sources"), moi_node_get_name (node));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (meta) && !JSON_NODE_HOLDS_OBJECT (meta))
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: “meta” must be an object or a list of objects"),
                   moi_node_get_name (node));
      return FALSE;
    }

  merged = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
  for (guint i = 0; i < sources->len; i++)
    {
      MoiSource *source = g_ptr_array_index (sources, i);
      JsonNode *item = JSON_NODE_HOLDS_ARRAY (meta)
                       ? json_array_get_element (json_node_get_array (meta), i)
                       : meta;
      MoiSource *copy = source->path != NULL
                        ? moi_source_new_for_path (source->path, source->meta)
                        : moi_source_new_for_bytes (source->data, source->mime_type,
                                                    source->meta);

      if (copy->mime_type == NULL && source->mime_type != NULL)
        copy->mime_type = g_strdup (source->mime_type);
      if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
        {
          JsonObjectIter iter;
          const char *key;
          JsonNode *value;

          json_object_iter_init (&iter, json_node_get_object (item));
          while (json_object_iter_next (&iter, &key, &value))
            json_object_set_member (copy->meta, key, json_node_copy (value));
        }
      g_ptr_array_add (merged, copy);
    }
  *out_sources = g_steal_pointer (&merged);
  return TRUE;
}

static gboolean
moi_file_type_router_run (MoiNode              *node,
                          const MoiNodeContext *context,
                          MoiNodeInputs        *inputs,
                          MoiNodeOutputs       *outputs,
                          GError              **error)
{
  MoiFileTypeRouter *self = MOI_FILE_TYPE_ROUTER (node);
  g_autoptr(GPtrArray) given = moi_node_inputs_get_items (inputs, "sources");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) routed = NULL;
  g_autoptr(GPtrArray) unclassified = NULL;

  if (!merge_meta (node, given, moi_node_inputs_get_json (inputs, "meta"), &sources, error))
    return FALSE;

  routed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                  (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < sources->len; i++)
    {
      MoiSource *source = g_ptr_array_index (sources, i);
      const char *mime_type = source_mime_type (self, source);
      const char *matched = NULL;
      GPtrArray *list;

      for (guint j = 0; mime_type != NULL && j < self->regexes->len && matched == NULL; j++)
        {
          const char *pattern = g_ptr_array_index (self->patterns, j);

          if (strcmp (pattern, mime_type) == 0
              || g_regex_match (g_ptr_array_index (self->regexes, j), mime_type, 0, NULL))
            matched = pattern;
        }

      if (matched == NULL)
        {
          if (unclassified == NULL)
            unclassified = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
          g_ptr_array_add (unclassified, moi_source_ref (source));
          continue;
        }

      list = g_hash_table_lookup (routed, matched);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
          g_hash_table_insert (routed, (char *) matched, list);
        }
      g_ptr_array_add (list, moi_source_ref (source));
    }

  /* Only the branches taken are emitted, so the others' receivers don't run. */
  for (guint j = 0; j < self->patterns->len; j++)
    {
      const char *pattern = g_ptr_array_index (self->patterns, j);
      GPtrArray *list = g_hash_table_lookup (routed, pattern);

      if (list != NULL)
        moi_node_outputs_set (outputs, pattern,
                              moi_value_new_sources (g_ptr_array_ref (list)));
    }
  if (unclassified != NULL)
    moi_node_outputs_set (outputs, "unclassified",
                          moi_value_new_sources (g_steal_pointer (&unclassified)));
  return TRUE;
}

static void
moi_file_type_router_finalize (GObject *object)
{
  MoiFileTypeRouter *self = MOI_FILE_TYPE_ROUTER (object);

  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->regexes, g_ptr_array_unref);
  g_clear_pointer (&self->extra_types, g_hash_table_unref);

  G_OBJECT_CLASS (moi_file_type_router_parent_class)->finalize (object);
}

static void
moi_file_type_router_class_init (MoiFileTypeRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_file_type_router_finalize;
  node_class->run = moi_file_type_router_run;
}

static void
moi_file_type_router_init (MoiFileTypeRouter *self)
{
  self->patterns = g_ptr_array_new_with_free_func (g_free);
  self->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
}

MoiNode *
moi_file_type_router_new (MoiComponent  *component,
                          GError       **error)
{
  g_autoptr(MoiFileTypeRouter) self = NULL;
  MoiNode *node;
  JsonNode *mime_types;
  JsonNode *additional;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_FILE_TYPE_ROUTER, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  mime_types = moi_node_get_param (node, "mime_types");
  if (mime_types == NULL || !JSON_NODE_HOLDS_ARRAY (mime_types))
    {
      moi_node_set_param_error (node, error, "mime_types",
                                _("a list of MIME type patterns is required"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (mime_types)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (mime_types), i);
      g_autoptr(GError) regex_error = NULL;
      g_autofree char *anchored = NULL;
      const char *pattern;
      GRegex *regex;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          moi_node_set_param_error (node, error, "mime_types",
                                    _("every entry must be a string"));
          return NULL;
        }
      pattern = json_node_get_string (item);
      /* re.fullmatch: the whole MIME type must match. */
      anchored = g_strdup_printf ("(?:%s)\\z", pattern);
      regex = g_regex_new (anchored, G_REGEX_ANCHORED | G_REGEX_OPTIMIZE, 0, &regex_error);
      if (regex == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("“%s” is not a valid pattern: %s"),
                                                     pattern, regex_error->message);

          moi_node_set_param_error (node, error, "mime_types", reason);
          return NULL;
        }
      g_ptr_array_add (self->patterns, g_strdup (pattern));
      g_ptr_array_add (self->regexes, regex);
      moi_node_add_output (node, pattern, MOI_VALUE_SOURCES);
    }

  additional = moi_node_get_param (node, "additional_mimetypes");
  if (additional != NULL && JSON_NODE_HOLDS_OBJECT (additional))
    {
      JsonObjectIter iter;
      const char *mime_type;
      JsonNode *extension;

      /* Python's mimetypes.add_type(mime, ext): the dict maps MIME -> ext. */
      self->extra_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      json_object_iter_init (&iter, json_node_get_object (additional));
      while (json_object_iter_next (&iter, &mime_type, &extension))
        {
          const char *ext;

          if (!JSON_NODE_HOLDS_VALUE (extension)
              || json_node_get_value_type (extension) != G_TYPE_STRING)
            {
              moi_node_set_param_error (node, error, "additional_mimetypes",
                                        _("must map MIME types to file extensions"));
              return NULL;
            }
          ext = json_node_get_string (extension);
          g_hash_table_insert (self->extra_types,
                               ext[0] == '.' ? g_strdup (ext) : g_strconcat (".", ext, NULL),
                               g_strdup (mime_type));
        }
    }
  else if (additional != NULL)
    {
      moi_node_set_param_error (node, error, "additional_mimetypes",
                                _("must map MIME types to file extensions"));
      return NULL;
    }

  moi_node_add_input (node, "sources", MOI_VALUE_SOURCES, MOI_SOCKET_SOURCES);
  moi_node_add_input (node, "meta", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_output (node, "unclassified", MOI_VALUE_SOURCES);
  moi_node_add_output (node, "failed", MOI_VALUE_SOURCES);
  return MOI_NODE (g_steal_pointer (&self));
}
