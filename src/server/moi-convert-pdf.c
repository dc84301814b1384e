/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "moi-converters-private.h"
#include "moi-init-parameters.h"

/* PyPDFToDocument: the text of each page, pages joined with "\f".
 * MagicPDFToDocument (MOI, MinerU behind it) gives one markdown document of
 * the whole file; locally it is the same page text with pages separated by
 * blank lines. */
gboolean
moi_convert_pdf (MoiConvertSource  *src,
                 GPtrArray         *out,
                 char             **warning,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonObject) extra = NULL;
  gboolean moi = moi_convert_source_is_moi (src);
  const char *mode = "plain";
  int n_pages;

  /* pypdf's "layout" mode has no poppler equivalent: poppler's text is
   * already in reading order, and both modes give it. */
  if (!moi_init_parameters_get_string (src->params, src->class_name, "extraction_mode", &mode,
                                       error))
    return FALSE;
  if (g_ascii_strcasecmp (mode, "plain") != 0 && g_ascii_strcasecmp (mode, "layout") != 0)
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                   _("%s: init parameter “%s” must be “plain” or “layout”, got “%s”"),
                   src->class_name, "extraction_mode", mode);
      return FALSE;
    }

  if (src->check_only)
    return TRUE;

  doc = poppler_document_new_from_bytes (src->data, NULL, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT,
                     _("%s: %s is encrypted and cannot be read without its password"),
                     src->class_name, src->display_name);
      else
        g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT,
                     _("%s: %s is not a readable PDF file: %s"),
                     src->class_name, src->display_name, local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (doc);
  for (int i = 0; i < n_pages; i++)
    {
      /* poppler-glib 22.12 (Debian 12) has no autoptr for its types. */
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;

      g_clear_object (&page);

      if (i > 0)
        g_string_append (text, moi ? "\n\n" : "\f");
      if (page_text != NULL)
        {
          /* pypdf ends lines with "\n" and trims nothing else. */
          if (moi)
            g_strstrip (page_text);
          g_string_append (text, page_text);
        }
    }

  if (moi)
    {
      extra = json_object_new ();
      json_object_set_int_member (extra, "page_count", n_pages);
    }

  g_object_unref (doc);
  g_ptr_array_add (out, moi_convert_source_document (src, text->str, extra));
  return TRUE;
}
