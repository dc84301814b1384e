/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-converters.h"

G_BEGIN_DECLS

/* One source being converted, shared by the per-format converters. */
typedef struct
{
  MoiConverterKind  kind;
  const char       *class_name;    /* "TextFileToDocument"..., for messages */
  JsonObject       *params;        /* never NULL */
  GBytes           *data;
  const char       *display_name;  /* file path or "<bytes>", for messages */
  const char       *encoding;      /* from meta "encoding" or the parameter */
  JsonObject       *meta;          /* source meta merged with the caller's */
  gboolean          check_only;    /* validate the parameters, convert nothing */
  gboolean          images_asked;  /* MOI: OCR/captioning requested (not run here) */
} MoiConvertSource;

/* Each appends the documents made from @src to @out. A source Haystack
 * would skip sets *@warning and returns TRUE with nothing appended. With
 * src->check_only, each returns once its init parameters are checked. */
typedef gboolean (*MoiConvertFunc) (MoiConvertSource  *src,
                                    GPtrArray         *out,
                                    char             **warning,
                                    GError           **error);

gboolean     moi_convert_text      (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_markdown  (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_csv       (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_html      (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_pdf       (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_docx      (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);
gboolean     moi_convert_pptx      (MoiConvertSource *src, GPtrArray *out, char **warning,
                                    GError **error);

/* Decodes @src->data with @src->encoding (TextFileToDocument's rules). On
 * failure sets *@warning (naming the file) and returns NULL. */
char        *moi_convert_source_decode   (MoiConvertSource  *src,
                                          char             **warning);
/* A document with @content and meta = src->meta + @extra (may be NULL),
 * plus content_type "text" for MOI's converters, and "image_processing":
 * "unsupported-locally" when they were asked for OCR or captions. */
MoiDocument *moi_convert_source_document (MoiConvertSource  *src,
                                          const char        *content,
                                          JsonObject        *extra);
/* The same, taking ownership of @content. */
MoiDocument *moi_convert_source_document_take (MoiConvertSource  *src,
                                              char              *content,
                                              JsonObject        *extra);
gboolean     moi_convert_source_is_moi   (MoiConvertSource  *src);

/* Markdown to plain text as Haystack's MarkdownToDocument renders it. */
char        *moi_markdown_to_text        (const char        *markdown,
                                          gboolean           tables);

G_END_DECLS
