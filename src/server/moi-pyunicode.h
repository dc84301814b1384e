/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Python 3 str semantics on UTF-8 text, for components that must behave
 * exactly like their Haystack originals: str.isspace() (which is also what
 * `\s` matches in a str regex), str.strip(), len() in code points, and
 * repr() of the values a Document's meta can hold (Haystack 2.x hashes the
 * repr of meta into the document id). */

/* Byte length of the Python whitespace character at @p (< @end), or 0.
 * Python's whitespace is wider than Unicode White_Space: it includes the
 * information separators U+001C..U+001F, and excludes U+180E. */
static inline gsize
moi_py_space_len (const char *p,
                  const char *end)
{
  const guchar *u = (const guchar *) p;
  gsize avail = (gsize) (end - p);

  if (u[0] < 0x80)
    return (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r') || (u[0] >= 0x1c && u[0] <= 0x1f))
           ? 1 : 0;
  if (u[0] == 0xc2 && avail >= 2)
    return (u[1] == 0x85 || u[1] == 0xa0) ? 2 : 0;
  if (avail < 3)
    return 0;
  if (u[0] == 0xe1)
    return (u[1] == 0x9a && u[2] == 0x80) ? 3 : 0;               /* U+1680 */
  if (u[0] == 0xe2)
    {
      if (u[1] == 0x80)
        return ((u[2] >= 0x80 && u[2] <= 0x8a)                  /* U+2000..U+200A */
                || u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf) ? 3 : 0;
      return (u[1] == 0x81 && u[2] == 0x9f) ? 3 : 0;             /* U+205F */
    }
  if (u[0] == 0xe3)
    return (u[1] == 0x80 && u[2] == 0x80) ? 3 : 0;               /* U+3000 */
  return 0;
}

/* Bytes that can start a Python whitespace character: the ASCII ones and the
 * UTF-8 lead bytes 0xc2, 0xe1, 0xe2, 0xe3. Lets loops skip other text fast. */
extern const guint8 moi_py_space_start[256];

gboolean    moi_py_isspace          (gunichar     c);
/* str.strip(): narrows [*start, *end) in place. */
void        moi_py_strip            (const char **start,
                                     const char **end);
/* True when [start, end) holds a non-whitespace character (bool(s.strip())). */
gboolean    moi_py_has_content      (const char  *start,
                                     const char  *end);
/* len() of valid UTF-8: the number of code points. */
gsize       moi_py_len              (const char  *s,
                                     gsize        n_bytes);
/* Byte offset of code point @index in @s, clamped to @n_bytes. */
gsize       moi_py_offset           (const char  *s,
                                     gsize        n_bytes,
                                     gsize        index);

/* Appends str.replace(old, new) of [s, s + len) to @out (@old non-empty). */
void        moi_py_str_replace      (GString     *out,
                                     const char  *s,
                                     gsize        len,
                                     const char  *old,
                                     const char  *new_);
/* str.find(): byte offset of @needle in [s, s + len), or -1. */
gssize      moi_py_str_find         (const char  *s,
                                     gsize        len,
                                     const char  *needle,
                                     gsize        needle_len);

void        moi_py_repr_str         (GString     *out,
                                     const char  *s);
void        moi_py_repr_bytes       (GString     *out,
                                     const guint8 *data,
                                     gsize        len);
void        moi_py_repr_float       (GString     *out,
                                     double       value);
/* repr() of the Python value json.loads() would give, except that the
 * "range" of each "_split_overlap" entry is a tuple, as DocumentSplitter
 * stores it. */
void        moi_py_repr_json        (GString     *out,
                                     JsonNode    *node);
void        moi_py_repr_json_object (GString     *out,
                                     JsonObject  *object);

/* A Python callable's keyword check: @params holding a key not in @known is
 * "<callable>() got an unexpected keyword argument '<key>'", in @domain. */
gboolean    moi_py_check_kwargs     (JsonObject         *params,
                                     const char         *callable,
                                     const char * const *known,
                                     GQuark              domain,
                                     int                 code,
                                     GError            **error);

G_END_DECLS
