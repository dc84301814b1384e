/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-textproc"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-pyregex.h"

/* Python's str.isspace() set, as the body of a PCRE character class. */
#define PY_SPACE_CLASS \
  "\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}" \
  "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"

typedef struct
{
  int   group;     /* -1: literal */
  char *literal;
} Piece;

struct _MoiPyRegex
{
  GRegex *regex;
  GArray *pieces;  /* of Piece */
};

static void
piece_clear (Piece *piece)
{
  g_free (piece->literal);
}

static gboolean
is_hex (const char *p,
        int         n)
{
  for (int i = 0; i < n; i++)
    if (!g_ascii_isxdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Rewrites the Python-only spellings into PCRE2 ones; everything else is the
 * same in both dialects and is copied as is. */
static char *
translate_pattern (const char *pattern)
{
  GString *out = g_string_sized_new (strlen (pattern) + 16);
  gboolean in_class = FALSE;
  const char *p = pattern;

  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0')
        {
          char c = p[1];

          if (c == 's')
            g_string_append (out, in_class ? PY_SPACE_CLASS : "[" PY_SPACE_CLASS "]");
          else if (c == 'S' && !in_class)
            g_string_append (out, "[^" PY_SPACE_CLASS "]");
          else if (c == 'Z')
            g_string_append (out, "\\z");
          else if (c == 'u' && is_hex (p + 2, 4))
            {
              g_string_append_printf (out, "\\x{%.4s}", p + 2);
              p += 4;
            }
          else if (c == 'U' && is_hex (p + 2, 8))
            {
              g_string_append_printf (out, "\\x{%.8s}", p + 2);
              p += 8;
            }
          else
            {
              const char *next = g_utf8_next_char (p + 1);

              g_string_append_len (out, p, next - p);
              p = next;
              continue;
            }
          p += 2;
          continue;
        }

      if (in_class)
        {
          if (*p == ']')
            in_class = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }

      if (*p == '[')
        {
          in_class = TRUE;
          g_string_append_c (out, *p++);
          /* A ']' right after '[' or '[^' is a literal in both dialects. */
          if (*p == '^')
            g_string_append_c (out, *p++);
          if (*p == ']')
            g_string_append_c (out, *p++);
          continue;
        }

      if (*p == '{' && p[1] == ',' && g_ascii_isdigit (p[2]))
        {
          g_string_append (out, "{0,");
          p += 2;
          continue;
        }

      if (g_str_has_prefix (p, "(?u)"))
        {
          p += 4;
          continue;
        }

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static void
add_literal (GArray     *pieces,
             GString    *literal)
{
  Piece piece = { -1, NULL };

  if (literal->len == 0)
    return;
  piece.literal = g_strndup (literal->str, literal->len);
  g_array_append_val (pieces, piece);
  g_string_truncate (literal, 0);
}

static gboolean
add_group (GArray     *pieces,
           GString    *literal,
           GRegex     *regex,
           const char *ref,
           GError    **error)
{
  Piece piece = { -1, NULL };
  gint64 number;

  if (g_ascii_string_to_signed (ref, 10, 0, G_MAXINT, &number, NULL))
    piece.group = (int) number;
  else
    piece.group = g_regex_get_string_number (regex, ref);

  if (piece.group < 0 || piece.group > g_regex_get_capture_count (regex))
    {
      g_set_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE,
                   _("invalid group reference “%s” in the replacement"), ref);
      return FALSE;
    }

  add_literal (pieces, literal);
  g_array_append_val (pieces, piece);
  return TRUE;
}

static gboolean
parse_template (MoiPyRegex  *self,
                const char  *repl,
                GError     **error)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p = repl;

  while (*p != '\0')
    {
      char c;

      if (*p != '\\')
        {
          g_string_append_c (literal, *p++);
          continue;
        }

      c = p[1];
      if (c == '\0')
        {
          g_set_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE,
                       _("bad escape (end of pattern) in the replacement"));
          return FALSE;
        }

      if (c == 'g')
        {
          const char *close;
          g_autofree char *ref = NULL;

          if (p[2] != '<' || (close = strchr (p + 3, '>')) == NULL || close == p + 3)
            {
              g_set_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE,
                           _("missing group name in “\\g<…>” in the replacement"));
              return FALSE;
            }
          ref = g_strndup (p + 3, close - (p + 3));
          if (!add_group (self->pieces, literal, self->regex, ref, error))
            return FALSE;
          p = close + 1;
        }
      else if (c == '0')
        {
          int value = 0;

          p += 2;
          for (int i = 0; i < 2 && *p >= '0' && *p <= '7'; i++)
            value = value * 8 + (*p++ - '0');
          g_string_append_unichar (literal, value);
        }
      else if (g_ascii_isdigit (c))
        {
          char ref[3] = { c, 0, 0 };

          p += 2;
          if (g_ascii_isdigit (*p))
            {
              if (c <= '7' && *p <= '7' && p[1] >= '0' && p[1] <= '7')
                {
                  int value = (c - '0') * 64 + (p[0] - '0') * 8 + (p[1] - '0');

                  if (value > 0377)
                    {
                      g_set_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE,
                                   _("octal escape value outside of range 0-0o377 "
                                     "in the replacement"));
                      return FALSE;
                    }
                  g_string_append_unichar (literal, value);
                  p += 2;
                  continue;
                }
              ref[1] = *p++;
            }
          if (!add_group (self->pieces, literal, self->regex, ref, error))
            return FALSE;
        }
      else
        {
          static const char escapes[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
          const char *e = strchr (escapes, c);

          if (e != NULL && (e - escapes) % 2 == 0)
            g_string_append_c (literal, e[1]);
          else if (g_ascii_isalpha (c))
            {
              g_set_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE,
                           _("bad escape \\%c in the replacement"), c);
              return FALSE;
            }
          else
            {
              /* Python keeps an unknown non-letter escape, backslash and all. */
              g_string_append_c (literal, '\\');
              g_string_append_c (literal, c);
            }
          p += 2;
        }
    }

  add_literal (self->pieces, literal);
  return TRUE;
}

void
moi_py_regex_free (MoiPyRegex *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_free (self);
}

MoiPyRegex *
moi_py_regex_new (const char  *pattern,
                  const char  *replacement,
                  GError     **error)
{
  g_autoptr(MoiPyRegex) self = NULL;
  g_autofree char *translated = NULL;

  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (MoiPyRegex, 1);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (self->pieces, (GDestroyNotify) piece_clear);

  translated = translate_pattern (pattern);
  self->regex = g_regex_new (translated, G_REGEX_OPTIMIZE | G_REGEX_NEWLINE_LF, 0, error);
  if (self->regex == NULL)
    return NULL;

  if (replacement != NULL && !parse_template (self, replacement, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
append_replacement (MoiPyRegex *self,
                    GMatchInfo *info,
                    const char *text,
                    GString    *out)
{
  for (guint i = 0; i < self->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, i);
      int start, end;

      if (piece->group < 0)
        g_string_append (out, piece->literal);
      else if (g_match_info_fetch_pos (info, piece->group, &start, &end) && start >= 0)
        g_string_append_len (out, text + start, end - start);
    }
}

gboolean
moi_py_regex_sub (MoiPyRegex  *self,
                  const char  *text,
                  gsize        len,
                  GString     *out,
                  GError     **error)
{
  GRegexMatchFlags flags = 0;
  gsize copied = 0;
  gsize pos = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    text = "";

  while (pos <= len)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      int start, end;

      if (!g_regex_match_full (self->regex, text, (gssize) len, (int) pos, flags, &info,
                               &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      g_match_info_fetch_pos (info, 0, &start, &end);
      g_string_append_len (out, text + copied, start - (int) copied);
      append_replacement (self, info, text, out);
      copied = end;
      pos = end;
      /* After an empty match, the next one may not be empty at the same
       * place; after a non-empty one it may (Python 3.7+). */
      flags = start == end ? G_REGEX_MATCH_NOTEMPTY_ATSTART : 0;
    }

  g_string_append_len (out, text + copied, len - copied);
  return TRUE;
}
