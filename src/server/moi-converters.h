/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-document.h"

G_BEGIN_DECLS

/* File converters of the local service: Haystack's TextFileToDocument,
 * MarkdownToDocument, CSVToDocument, HTMLToDocument, PyPDFToDocument,
 * DOCXToDocument, PPTXToDocument and MOI's text-only equivalents
 * (EnhancedPlainToDocument, MagicPDFToDocument, EnhancedDOCXToDocument,
 * EnhancedPPTXToDocument). Pure functions: one source in, documents out. */

#define MOI_CONVERTER_ERROR (moi_converter_error_quark ())

typedef enum
{
  MOI_CONVERTER_ERROR_UNKNOWN_TYPE,   /* not a converter type path or kind */
  MOI_CONVERTER_ERROR_PARAMETER,      /* bad init parameter (names the key) */
  MOI_CONVERTER_ERROR_CORRUPT,        /* corrupt zip / pdf (names the file) */
  MOI_CONVERTER_ERROR_MISSING_INPUT,  /* a run-time input is missing (CSV row
                                       * mode without content_column) */
} MoiConverterError;

typedef enum
{
  MOI_CONVERTER_NONE = 0,
  MOI_CONVERTER_TEXT,           /* TextFileToDocument */
  MOI_CONVERTER_MARKDOWN,       /* MarkdownToDocument */
  MOI_CONVERTER_CSV,            /* CSVToDocument */
  MOI_CONVERTER_HTML,           /* HTMLToDocument */
  MOI_CONVERTER_PDF,            /* PyPDFToDocument */
  MOI_CONVERTER_DOCX,           /* DOCXToDocument */
  MOI_CONVERTER_PPTX,           /* PPTXToDocument */
  MOI_CONVERTER_MOI_PLAIN,      /* EnhancedPlainToDocument: txt or md by file name */
  MOI_CONVERTER_MOI_PDF,        /* MagicPDFToDocument */
  MOI_CONVERTER_MOI_DOCX,       /* EnhancedDOCXToDocument */
  MOI_CONVERTER_MOI_PPTX,       /* EnhancedPPTXToDocument */
} MoiConverterKind;

GQuark              moi_converter_error_quark     (void);

/* The full type paths handled here (Haystack and byoa.*), NULL-terminated. */
const char * const *moi_converter_type_paths      (void);

/* @type_path_or_kind: a full type path ("haystack.components.converters.txt.TextFileToDocument"),
 * a class name ("TextFileToDocument") or a short kind ("txt", "markdown", "csv", "html",
 * "pdf", "docx", "pptx"). MOI_CONVERTER_NONE when not a converter handled here. */
MoiConverterKind    moi_converter_kind_from_type  (const char *type_path_or_kind);
gboolean            moi_converter_handles         (const char *type_path_or_kind);

/* Converts one source into documents.
 *
 * @init_parameters (may be NULL): the component's init_parameters; run-time
 * inputs (CSVToDocument's content_column, HTMLToDocument's extraction_kwargs)
 * are read from it too, so the caller merges them in. Booleans/ints given as
 * strings ("false", "10") are accepted.
 * @data: the source's bytes. @file_path (may be NULL): becomes meta
 * "file_path".
 * @meta (may be NULL): merged into each document's meta after the source's
 * own meta (Haystack: {**bytestream.meta, **meta}); an "encoding" key in it
 * overrides the encoding parameter, as ByteStream meta does in Haystack.
 * Then, unless store_full_path, "file_path" is set to @file_path's basename
 * (even over a "file_path" in @meta, as Haystack does).
 *
 * Returns a GPtrArray of MoiDocument* (free func set). The array is empty
 * when Haystack would skip the source with a warning (undecodable text,
 * unreadable CSV...); then *@warning (may be NULL) is set to a translated
 * message naming the file. Returns NULL and sets @error for an unknown type,
 * an invalid parameter or a corrupt zip/PDF container (message names the file). */
GPtrArray          *moi_convert                   (const char  *type_path_or_kind,
                                                   JsonObject  *init_parameters,
                                                   GBytes      *data,
                                                   const char  *file_path,
                                                   JsonObject  *meta,
                                                   char       **warning,
                                                   GError     **error);

/* Checks a converter's init parameters without converting anything: what
 * moi_convert() would refuse with MOI_CONVERTER_ERROR_PARAMETER (or
 * MOI_CONVERTER_ERROR_UNKNOWN_TYPE). Run-time inputs (content_column) are
 * not required here. For building a pipeline node once, not per file. */
gboolean            moi_converter_check_parameters (const char  *type_path_or_kind,
                                                    JsonObject  *init_parameters,
                                                    GError     **error);

/* Convenience: reads @path and calls moi_convert() with it as file_path. A
 * file that cannot be read is a warning (skipped), as in Haystack. */
GPtrArray          *moi_convert_file              (const char  *type_path_or_kind,
                                                   JsonObject  *init_parameters,
                                                   const char  *path,
                                                   JsonObject  *meta,
                                                   char       **warning,
                                                   GError     **error);

G_END_DECLS
