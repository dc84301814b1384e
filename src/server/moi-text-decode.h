/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MOI_TEXT_DECODE_ERROR (moi_text_decode_error_quark ())

typedef enum
{
  MOI_TEXT_DECODE_ERROR_INVALID_DATA,     /* not valid in the encoding */
  MOI_TEXT_DECODE_ERROR_UNKNOWN_ENCODING, /* Python's LookupError */
  MOI_TEXT_DECODE_ERROR_NUL,              /* decodes, but holds U+0000 */
} MoiTextDecodeError;

GQuark   moi_text_decode_error_quark (void);

/* Decodes @data as TextFileToDocument does with bytes.decode(@encoding):
 * strict (an undecodable file is an error the caller logs before skipping
 * the file, as Haystack does), a UTF-8 byte order mark kept as U+FEFF
 * (only "utf-8-sig" drops it), line endings kept as they are. @encoding
 * uses Python's codec names ("utf-8", "utf8", "latin-1", "gb18030", ...;
 * NULL means "utf-8"). Text holding U+0000 is refused, since C strings
 * cannot carry it: Haystack would keep it. *@out_text is new UTF-8. */
gboolean moi_text_decode             (GBytes      *data,
                                      const char  *encoding,
                                      char       **out_text,
                                      GError     **error);

G_END_DECLS
