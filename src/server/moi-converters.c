/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "moi-converters-private.h"
#include "moi-init-parameters.h"
#include "moi-text-decode.h"

G_DEFINE_QUARK (moi-converter-error-quark, moi_converter_error)

typedef struct
{
  const char       *type_path;
  MoiConverterKind  kind;
  MoiConvertFunc    func;
} ConverterEntry;

#define HS "haystack.components.converters."
#define BYOA "byoa.integrations.components.converters."

static const ConverterEntry converters[] = {
  { HS "txt.TextFileToDocument", MOI_CONVERTER_TEXT, moi_convert_text },
  { HS "markdown.MarkdownToDocument", MOI_CONVERTER_MARKDOWN, moi_convert_markdown },
  { HS "csv.CSVToDocument", MOI_CONVERTER_CSV, moi_convert_csv },
  { HS "html.HTMLToDocument", MOI_CONVERTER_HTML, moi_convert_html },
  { HS "pypdf.PyPDFToDocument", MOI_CONVERTER_PDF, moi_convert_pdf },
  { HS "docx.DOCXToDocument", MOI_CONVERTER_DOCX, moi_convert_docx },
  { HS "pptx.PPTXToDocument", MOI_CONVERTER_PPTX, moi_convert_pptx },
  { BYOA "enhanced_plain_to_document.EnhancedPlainToDocument", MOI_CONVERTER_MOI_PLAIN,
    moi_convert_text },
  { BYOA "magic_pdf_to_document.MagicPDFToDocument", MOI_CONVERTER_MOI_PDF, moi_convert_pdf },
  { BYOA "enhanced_docx_to_document.EnhancedDOCXToDocument", MOI_CONVERTER_MOI_DOCX,
    moi_convert_docx },
  { BYOA "enhanced_pptx_to_document.EnhancedPPTXToDocument", MOI_CONVERTER_MOI_PPTX,
    moi_convert_pptx },
};

static const struct {
  const char       *name;
  MoiConverterKind  kind;
} short_kinds[] = {
  { "txt", MOI_CONVERTER_TEXT },
  { "text", MOI_CONVERTER_TEXT },
  { "md", MOI_CONVERTER_MARKDOWN },
  { "markdown", MOI_CONVERTER_MARKDOWN },
  { "csv", MOI_CONVERTER_CSV },
  { "htm", MOI_CONVERTER_HTML },
  { "html", MOI_CONVERTER_HTML },
  { "pdf", MOI_CONVERTER_PDF },
  { "docx", MOI_CONVERTER_DOCX },
  { "pptx", MOI_CONVERTER_PPTX },
};

const char * const *
moi_converter_type_paths (void)
{
  static const char *paths[G_N_ELEMENTS (converters) + 1];

  if (paths[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (converters); i++)
        paths[i] = converters[i].type_path;
    }

  return paths;
}

static const ConverterEntry *
find_entry (MoiConverterKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (converters); i++)
    if (converters[i].kind == kind)
      return &converters[i];
  return NULL;
}

static const ConverterEntry *
lookup_entry (const char  *type_path_or_kind,
              GError     **error)
{
  const ConverterEntry *entry = find_entry (moi_converter_kind_from_type (type_path_or_kind));

  if (entry == NULL)
    g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_UNKNOWN_TYPE,
                 _("“%s” is not a file converter of the local service"), type_path_or_kind);
  return entry;
}

static const char *
class_name_of (const char *type_path)
{
  const char *dot = strrchr (type_path, '.');

  return dot != NULL ? dot + 1 : type_path;
}

MoiConverterKind
moi_converter_kind_from_type (const char *type_path_or_kind)
{
  const char *class_name;

  g_return_val_if_fail (type_path_or_kind != NULL, MOI_CONVERTER_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (short_kinds); i++)
    if (g_ascii_strcasecmp (type_path_or_kind, short_kinds[i].name) == 0)
      return short_kinds[i].kind;

  /* Haystack also exports the classes from the package
   * ("haystack.components.converters.TextFileToDocument"), and MOI has moved
   * modules around: the class name decides. */
  class_name = class_name_of (type_path_or_kind);
  for (guint i = 0; i < G_N_ELEMENTS (converters); i++)
    if (g_strcmp0 (class_name, class_name_of (converters[i].type_path)) == 0)
      return converters[i].kind;

  return MOI_CONVERTER_NONE;
}

gboolean
moi_converter_handles (const char *type_path_or_kind)
{
  g_return_val_if_fail (type_path_or_kind != NULL, FALSE);

  return moi_converter_kind_from_type (type_path_or_kind) != MOI_CONVERTER_NONE;
}

gboolean
moi_convert_source_is_moi (MoiConvertSource *src)
{
  return src->kind >= MOI_CONVERTER_MOI_PLAIN;
}

char *
moi_convert_source_decode (MoiConvertSource  *src,
                           char             **warning)
{
  g_autoptr(GError) local_error = NULL;
  char *text = NULL;

  if (!moi_text_decode (src->data, src->encoding, &text, &local_error))
    {
      /* Translators: "TextFileToDocument: could not read notes.txt, skipping it: <reason>" */
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: could not read %s, skipping it: %s"),
                                    src->class_name, src->display_name,
                                    local_error->message);
      return NULL;
    }

  return text;
}

/* MOI's converters take image_process_types (["caption", "ocr"]): OCR and
 * captioning need MOI's models, so no image documents are made here and
 * the text documents say so. */
static gboolean
read_image_process_types (MoiConvertSource  *src,
                          GError           **error)
{
  g_auto(GStrv) types = NULL;

  if (!moi_convert_source_is_moi (src))
    return TRUE;
  if (!moi_init_parameters_get_string_list (src->params, src->class_name, "image_process_types",
                                            &types, error))
    return FALSE;
  src->images_asked = types != NULL
                      && (g_strv_contains ((const char * const *) types, "ocr")
                          || g_strv_contains ((const char * const *) types, "caption"));
  return TRUE;
}

static void
copy_members (JsonObject *to,
              JsonObject *from)
{
  GList *members = json_object_get_members (from);

  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (to, l->data,
                            json_node_copy (json_object_get_member (from, l->data)));
  g_list_free (members);
}

MoiDocument *
moi_convert_source_document (MoiConvertSource *src,
                             const char       *content,
                             JsonObject       *extra)
{
  return moi_convert_source_document_take (src, g_strdup (content), extra);
}

MoiDocument *
moi_convert_source_document_take (MoiConvertSource *src,
                                  char             *content,
                                  JsonObject       *extra)
{
  JsonObject *meta = json_object_new ();

  copy_members (meta, src->meta);
  if (extra != NULL)
    copy_members (meta, extra);

  /* MOI's MetadataRouter sends documents on by meta.content_type. */
  if (moi_convert_source_is_moi (src))
    json_object_set_string_member (meta, "content_type", "text");
  if (src->images_asked)
    json_object_set_string_member (meta, "image_processing", "unsupported-locally");

  /* Its id is made only if asked for: a cleaner, say, replaces it. */
  return moi_document_new_unhashed (content, meta);
}

/* Runs the converter of @type_path_or_kind; with @data NULL it only checks
 * the parameters. Parameter errors all end up as MOI_CONVERTER_ERROR_PARAMETER. */
static GPtrArray *
convert (const char  *type_path_or_kind,
         JsonObject  *init_parameters,
         GBytes      *data,
         const char  *file_path,
         JsonObject  *meta,
         char       **warning,
         GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(JsonObject) source_meta = NULL;
  g_autoptr(GError) local_error = NULL;
  const ConverterEntry *entry;
  MoiConvertSource src = { 0 };
  gboolean store_full_path = FALSE;
  const char *encoding = "utf-8";

  if (warning != NULL)
    *warning = NULL;

  if ((entry = lookup_entry (type_path_or_kind, error)) == NULL)
    return NULL;

  if (init_parameters == NULL)
    init_parameters = empty = json_object_new ();

  src.kind = entry->kind;
  src.class_name = class_name_of (entry->type_path);
  src.params = init_parameters;
  src.data = data;
  src.check_only = data == NULL;
  src.display_name = file_path != NULL ? file_path : _("<bytes>");

  if (!moi_init_parameters_get_boolean (init_parameters, src.class_name, "store_full_path",
                                        &store_full_path, &local_error)
      || !moi_init_parameters_get_string (init_parameters, src.class_name, "encoding",
                                          &encoding, &local_error)
      || !read_image_process_types (&src, &local_error))
    {
      g_set_error_literal (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                           local_error->message);
      return NULL;
    }

  /* Haystack: meta = {**bytestream.meta, **meta}, then file_path reduced
   * to the source's basename unless store_full_path; the ByteStream of a
   * path carries file_path, and meta "encoding" overrides the parameter. */
  source_meta = json_object_new ();
  if (file_path != NULL)
    json_object_set_string_member (source_meta, "file_path", file_path);
  if (meta != NULL)
    {
      copy_members (source_meta, meta);
      if (json_object_has_member (meta, "encoding")
          && JSON_NODE_HOLDS_VALUE (json_object_get_member (meta, "encoding"))
          && json_node_get_value_type (json_object_get_member (meta, "encoding"))
             == G_TYPE_STRING)
        encoding = json_object_get_string_member (meta, "encoding");
    }
  if (file_path != NULL && *file_path != '\0' && !store_full_path)
    {
      g_autofree char *basename = g_path_get_basename (file_path);

      json_object_set_string_member (source_meta, "file_path", basename);
    }
  src.meta = source_meta;
  src.encoding = encoding;

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  if (!entry->func (&src, out, warning, &local_error))
    {
      /* The shared parameter readers speak G_IO_ERROR. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_set_error_literal (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&out);
}

GPtrArray *
moi_convert (const char  *type_path_or_kind,
             JsonObject  *init_parameters,
             GBytes      *data,
             const char  *file_path,
             JsonObject  *meta,
             char       **warning,
             GError     **error)
{
  g_return_val_if_fail (type_path_or_kind != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert (type_path_or_kind, init_parameters, data, file_path, meta, warning, error);
}

gboolean
moi_converter_check_parameters (const char  *type_path_or_kind,
                                JsonObject  *init_parameters,
                                GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (type_path_or_kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = convert (type_path_or_kind, init_parameters, NULL, NULL, NULL, NULL, error);
  return out != NULL;
}

GPtrArray *
moi_convert_file (const char  *type_path_or_kind,
                  JsonObject  *init_parameters,
                  const char  *path,
                  JsonObject  *meta,
                  char       **warning,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (type_path_or_kind != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warning != NULL)
    *warning = NULL;

  if (lookup_entry (type_path_or_kind, error) == NULL)
    return NULL;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* Haystack logs "Could not read <source>. Skipping it." and goes on. */
      if (warning != NULL)
        *warning = g_strdup_printf (_("Could not read %s, skipping it: %s"),
                                    path, local_error->message);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
    }

  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  return moi_convert (type_path_or_kind, init_parameters, data, path, meta, warning, error);
}
