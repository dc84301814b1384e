/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Haystack's FileTypeRouter: one output per entry of mime_types (the output
 * is named after the pattern), plus "unclassified" and "failed". A source's
 * MIME type is its ByteStream's, or guessed from the path; the first pattern
 * that matches it wholly (re.fullmatch) wins, and a source nothing matches
 * is unclassified. A path that does not exist, or that cannot be read when
 * meta is given for it (Haystack then reads it into a ByteStream), goes to
 * "failed", or fails the file with raise_on_failure. */

struct _MoiFileTypeRouter
{
  MoiNode     parent_instance;
  GPtrArray  *patterns;          /* char*, the output names */
  GPtrArray  *regexes;           /* GRegex*, anchored at both ends */
  GHashTable *extra_types;       /* extension -> MIME, from additional_mimetypes */
  gboolean    raise_on_failure;
};

#define MOI_TYPE_FILE_TYPE_ROUTER (moi_file_type_router_get_type ())
G_DECLARE_FINAL_TYPE (MoiFileTypeRouter, moi_file_type_router, MOI, FILE_TYPE_ROUTER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiFileTypeRouter, moi_file_type_router, MOI_TYPE_NODE)

typedef struct
{
  const char *extension;
  const char *mime_type;
} MimeEntry;

/* Python 3.11's mimetypes.types_map (strict) for the extensions MOI handles
 * and common neighbours. */
static const MimeEntry mime_table[] = {
  { ".txt", "text/plain" }, { ".text", "text/plain" }, { ".log", "text/plain" },
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

/* mimetypes.suffix_map and encodings_map. */
static const MimeEntry suffix_map[] = {
  { ".svgz", ".svg.gz" }, { ".tgz", ".tar.gz" }, { ".taz", ".tar.gz" }, { ".tz", ".tar.gz" },
  { ".tbz2", ".tar.bz2" }, { ".txz", ".tar.xz" },
};
static const char * const encodings[] = { ".gz", ".Z", ".bz2", ".xz", ".br", NULL };

/* Haystack's CUSTOM_MIMETYPES, by the path's last suffix in lower case. */
static const MimeEntry custom_types[] = {
  { ".md", "text/markdown" }, { ".markdown", "text/markdown" },
  { ".msg", "application/vnd.ms-outlook" },
};

static const char *
lookup (const MimeEntry *table,
        gsize            n,
        const char      *extension)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].extension, extension) == 0)
      return table[i].mime_type;
  return NULL;
}

/* os.path.splitext on a basename: the extension's offset, or the length
 * when there is none (leading dots never start one). */
static gsize
splitext (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return strlen (name);
  for (const char *p = name; p < dot; p++)
    if (*p != '.')
      return dot - name;
  return strlen (name);
}

static const char *
lookup_type (GHashTable *extra_types,
             const char *extension)
{
  const char *mime_type = extra_types ? g_hash_table_lookup (extra_types, extension) : NULL;

  return mime_type ? mime_type : lookup (mime_table, G_N_ELEMENTS (mime_table), extension);
}

/* mimetypes.guess_type(path)[0] (strict), with the types add_type() added
 * (@extra_types, may be NULL), then Haystack's custom types. */
static const char *
guess_mime_type (const char *path,
                 GHashTable *extra_types)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *lower = NULL;
  const char *last_dot = strrchr (name, '.');
  const char *expansion;
  const char *mime_type;
  char *ext;

  /* pathlib's Path.suffix: a final ".x" of a name that is not all suffix. */
  if (last_dot != NULL && last_dot != name && last_dot[1] != '\0')
    {
      g_autofree char *custom_key = g_ascii_strdown (last_dot, -1);

      if ((mime_type = lookup (custom_types, G_N_ELEMENTS (custom_types), custom_key)) != NULL)
        return mime_type;
    }

  ext = name + splitext (name);
  while (*ext != '\0'
         && (expansion = lookup (suffix_map, G_N_ELEMENTS (suffix_map),
                                 (lower = g_ascii_strdown (ext, -1)))) != NULL)
    {
      g_autofree char *base = g_strndup (name, ext - name);

      g_clear_pointer (&lower, g_free);
      g_free (name);
      name = g_strconcat (base, expansion, NULL);
      ext = name + splitext (name);
    }
  g_clear_pointer (&lower, g_free);
  /* One encoding only, matched case-sensitively: "a.txt.gz" is text/plain. */
  if (g_strv_contains (encodings, ext))
    {
      *ext = '\0';
      ext = name + splitext (name);
    }
  if (*ext == '\0')
    return NULL;
  if ((mime_type = lookup_type (extra_types, ext)) != NULL)
    return mime_type;
  lower = g_ascii_strdown (ext, -1);
  return lookup_type (extra_types, lower);
}

const char *
moi_guess_mime_type (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return guess_mime_type (path, NULL);
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

/* Haystack's `if meta_dict:`: a non-empty dict for source @index. */
static gboolean
source_has_meta (JsonNode *meta,
                 guint     index)
{
  JsonNode *item = meta;

  if (meta != NULL && JSON_NODE_HOLDS_ARRAY (meta))
    item = json_array_get_element (json_node_get_array (meta), index);
  return item != NULL && JSON_NODE_HOLDS_OBJECT (item)
         && json_object_get_size (json_node_get_object (item)) > 0;
}

/* Whether Haystack would read @source into a ByteStream without an error. */
static gboolean
source_is_readable (MoiSource  *source,
                    GError    **error)
{
  g_autoptr(GBytes) data = NULL;

  if (source->path == NULL)
    return TRUE;
  data = moi_source_get_data (source, error);
  return data != NULL;
}

static void
add_source (GHashTable *routed,
            const char *socket,
            MoiSource  *source)
{
  GPtrArray *list = g_hash_table_lookup (routed, socket);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
      g_hash_table_insert (routed, (char *) socket, list);
    }
  g_ptr_array_add (list, moi_source_ref (source));
}

static void
emit (MoiNodeOutputs *outputs,
      GHashTable     *routed,
      const char     *socket)
{
  GPtrArray *list = g_hash_table_lookup (routed, socket);

  if (list != NULL)
    moi_node_outputs_set (outputs, socket, moi_value_new_sources (g_ptr_array_ref (list)));
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
  JsonNode *meta = moi_node_inputs_get_json (inputs, "meta");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) routed = NULL;

  if (!merge_meta (node, given, meta, &sources, error))
    return FALSE;

  routed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                  (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < sources->len; i++)
    {
      MoiSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GError) read_error = NULL;
      const char *mime_type = source->mime_type;
      const char *matched = "unclassified";

      if (source->path != NULL && !g_file_test (source->path, G_FILE_TEST_EXISTS))
        {
          if (self->raise_on_failure)
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("component “%s”: File not found: %s"), moi_node_get_name (node),
                           source->path);
              return FALSE;
            }
          g_info ("component “%s”: File not found: %s. Skipping it.", moi_node_get_name (node),
                  source->path);
          add_source (routed, "failed", source);
          continue;
        }
      if (source->path != NULL)
        mime_type = guess_mime_type (source->path, self->extra_types);
      /* With meta, Haystack reads the path into a ByteStream first. */
      if (source_has_meta (meta, i) && !source_is_readable (source, &read_error))
        {
          if (self->raise_on_failure)
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("component “%s”: %s"), moi_node_get_name (node),
                           read_error->message);
              return FALSE;
            }
          g_info ("component “%s”: Could not read %s. Skipping it. Error: %s",
                  moi_node_get_name (node), source->path, read_error->message);
          add_source (routed, "failed", source);
          continue;
        }

      for (guint j = 0; mime_type != NULL && j < self->regexes->len; j++)
        if (g_regex_match (g_ptr_array_index (self->regexes, j), mime_type, 0, NULL))
          {
            matched = g_ptr_array_index (self->patterns, j);
            break;
          }
      add_source (routed, matched, source);
    }

  /* Only the branches taken are emitted, so the others' receivers don't run. */
  for (guint j = 0; j < self->patterns->len; j++)
    emit (outputs, routed, g_ptr_array_index (self->patterns, j));
  emit (outputs, routed, "unclassified");
  emit (outputs, routed, "failed");
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
  if (json_array_get_length (json_node_get_array (mime_types)) == 0)
    {
      /* Translators: Haystack's wording. */
      moi_node_set_param_error (node, error, "mime_types",
                                _("The list of mime types cannot be empty."));
      return NULL;
    }
  if (!moi_node_param_boolean (node, "raise_on_failure", FALSE, &self->raise_on_failure, error))
    return NULL;
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
          /* Translators: Haystack's wording, then GRegex's reason. */
          g_autofree char *reason = g_strdup_printf (_("Invalid regex pattern '%s'. (%s)"),
                                                     pattern, regex_error->message);

          moi_node_set_param_error (node, error, "mime_types", reason);
          return NULL;
        }
      g_ptr_array_add (self->patterns, g_strdup (pattern));
      g_ptr_array_add (self->regexes, regex);
      if (!moi_node_lookup_output (node, pattern, NULL))
        moi_node_add_output (node, pattern, MOI_VALUE_SOURCES);
    }

  additional = moi_node_get_param (node, "additional_mimetypes");
  if (additional != NULL && JSON_NODE_HOLDS_OBJECT (additional))
    {
      JsonObjectIter iter;
      const char *mime_type;
      JsonNode *extension;

      /* Python's mimetypes.add_type(mime, ext): the dict maps MIME -> ext,
       * and the extension is taken as written (without its dot it never
       * matches, as in Python). */
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
          g_hash_table_insert (self->extra_types, g_strdup (ext), g_strdup (mime_type));
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
