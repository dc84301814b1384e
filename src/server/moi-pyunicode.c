/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-textproc"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-json-writer.h"
#include "moi-pyunicode.h"

const guint8 moi_py_space_start[256] = {
  ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
  [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,
  [0xc2] = 1, [0xe1] = 1, [0xe2] = 1, [0xe3] = 1,
};

gboolean
moi_py_isspace (gunichar c)
{
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);

  return moi_py_space_len (buf, buf + n) == (gsize) n;
}

void
moi_py_strip (const char **start,
              const char **end)
{
  const char *s = *start;
  const char *e = *end;
  gsize n;

  g_return_if_fail (s != NULL && e != NULL);

  while (s < e && (n = moi_py_space_len (s, e)) > 0)
    s += n;

  while (e > s)
    {
      const char *prev = e - 1;

      /* Step back to the start of the last character. */
      while (prev > s && ((guchar) *prev & 0xc0) == 0x80)
        prev--;
      if (moi_py_space_len (prev, e) != (gsize) (e - prev))
        break;
      e = prev;
    }

  *start = s;
  *end = e;
}

gboolean
moi_py_has_content (const char *start,
                    const char *end)
{
  const char *s = start;
  const char *e = end;

  moi_py_strip (&s, &e);
  return s < e;
}

gsize
moi_py_len (const char *s,
            gsize       n_bytes)
{
  gsize count = 0;

  /* Count every byte that is not a continuation byte. */
  for (gsize i = 0; i < n_bytes; i++)
    count += ((guchar) s[i] & 0xc0) != 0x80;

  return count;
}

gsize
moi_py_offset (const char *s,
               gsize       n_bytes,
               gsize       index)
{
  gsize i = 0;

  while (i < n_bytes && index > 0)
    {
      i++;
      while (i < n_bytes && ((guchar) s[i] & 0xc0) == 0x80)
        i++;
      index--;
    }

  return i;
}

gssize
moi_py_str_find (const char *s,
                 gsize       len,
                 const char *needle,
                 gsize       needle_len)
{
  const char *p = s;
  const char *last;

  if (needle_len == 0)
    return 0;
  if (needle_len > len)
    return -1;

  last = s + len - needle_len;
  while (p <= last)
    {
      p = memchr (p, needle[0], (gsize) (last - p) + 1);
      if (p == NULL)
        return -1;
      if (memcmp (p, needle, needle_len) == 0)
        return p - s;
      p++;
    }

  return -1;
}

void
moi_py_str_replace (GString    *out,
                    const char *s,
                    gsize       len,
                    const char *old,
                    const char *new_)
{
  gsize old_len;
  gsize pos = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (old != NULL && *old != '\0');
  g_return_if_fail (new_ != NULL);

  old_len = strlen (old);
  while (pos < len)
    {
      gssize found = moi_py_str_find (s + pos, len - pos, old, old_len);

      if (found < 0)
        break;
      g_string_append_len (out, s + pos, found);
      g_string_append (out, new_);
      pos += found + old_len;
    }
  g_string_append_len (out, s + pos, len - pos);
}

/* Python's str.isprintable(), which decides what repr() escapes. */
static gboolean
py_isprintable (gunichar c)
{
  if (c == ' ')
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

/* The escapes str and bytes reprs share; FALSE when @c needs none of them. */
static gboolean
append_common_escape (GString *out,
                      guint32  c,
                      char     quote)
{
  if (c == (guint32) quote || c == '\\')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, (char) c);
    }
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c < 0x20 || c == 0x7f)
    g_string_append_printf (out, "\\x%02x", c);
  else
    return FALSE;

  return TRUE;
}

void
moi_py_repr_str (GString    *out,
                 const char *s)
{
  char quote = '\'';

  g_return_if_fail (out != NULL);
  g_return_if_fail (s != NULL);

  if (strchr (s, '\'') != NULL && strchr (s, '"') == NULL)
    quote = '"';

  g_string_append_c (out, quote);
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *run = p;
      gunichar c;

      /* Printable ASCII but the quote and the backslash, most of any
       * meta value (every document id hashes one), goes out a run at a
       * time. */
      while ((guchar) *p >= 0x20 && (guchar) *p < 0x7f && *p != quote && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;

      c = g_utf8_get_char (p);
      if (append_common_escape (out, c, quote))
        continue;
      if (c < 0x80 || py_isprintable (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
    }
  g_string_append_c (out, quote);
}

void
moi_py_repr_bytes (GString      *out,
                   const guint8 *data,
                   gsize         len)
{
  char quote = '\'';

  g_return_if_fail (out != NULL);

  if (memchr (data, '\'', len) != NULL && memchr (data, '"', len) == NULL)
    quote = '"';

  g_string_append_c (out, 'b');
  g_string_append_c (out, quote);
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (append_common_escape (out, c, quote))
        continue;
      if (c >= 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, quote);
}

/* repr(float): the shortest digits that read back as the same double, in
 * fixed notation for decimal exponents -4..15 and scientific otherwise. */
void
moi_py_repr_float (GString *out,
                   double   value)
{
  char buf[64];
  char digits[32];
  int n_digits = 0;
  int exponent;
  char *e;

  g_return_if_fail (out != NULL);

  if (isnan (value))
    {
      g_string_append (out, "nan");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value < 0 ? "-inf" : "inf");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is "-d.ddde[+-]xx" in the C locale's notation; read it back apart. */
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  exponent = atoi (e + 1);
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  if (signbit (value))
    g_string_append_c (out, '-');

  if (exponent < -4 || exponent >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (exponent < 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exponent; i++)
        g_string_append_c (out, i < n_digits ? digits[i] : '0');
      g_string_append_c (out, '.');
      if (n_digits > exponent + 1)
        g_string_append (out, digits + exponent + 1);
      else
        g_string_append_c (out, '0');
    }
}

static void repr_node (GString  *out,
                       JsonNode *node,
                       gboolean  in_split_overlap,
                       gboolean  as_tuple);

static void
repr_object (GString    *out,
             JsonObject *object,
             gboolean    in_split_overlap)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      moi_py_repr_str (out, name);
      g_string_append (out, ": ");
      repr_node (out, member,
                 !in_split_overlap && g_str_equal (name, "_split_overlap"),
                 in_split_overlap && g_str_equal (name, "range"));
    }
  g_string_append_c (out, '}');
}

static void
repr_node (GString  *out,
           JsonNode *node,
           gboolean  in_split_overlap,
           gboolean  as_tuple)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      repr_object (out, json_node_get_object (node), in_split_overlap);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, as_tuple ? '(' : '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            repr_node (out, json_array_get_element (array, i), in_split_overlap, FALSE);
          }
        if (as_tuple && n == 1)
          g_string_append_c (out, ',');
        g_string_append_c (out, as_tuple ? ')' : ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "None");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "True" : "False");
          break;
        case G_TYPE_INT64:
          moi_json_append_int (out, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          moi_py_repr_float (out, json_node_get_double (node));
          break;
        case G_TYPE_STRING:
          moi_py_repr_str (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "None");
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

void
moi_py_repr_json (GString  *out,
                  JsonNode *node)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  repr_node (out, node, FALSE, FALSE);
}

void
moi_py_repr_json_object (GString    *out,
                         JsonObject *object)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (object != NULL);

  repr_object (out, object, FALSE);
}

gboolean
moi_py_check_kwargs (JsonObject         *params,
                     const char         *callable,
                     const char * const *known,
                     GQuark              domain,
                     int                 code,
                     GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (callable != NULL, FALSE);
  g_return_val_if_fail (known != NULL, FALSE);

  if (params == NULL)
    return TRUE;

  json_object_iter_init (&iter, params);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_strv_contains (known, name))
      {
        g_set_error (error, domain, code,
                     /* Translators: Python's wording, e.g. "DocumentCleaner.__init__() got
                      * an unexpected keyword argument 'remove_whitespace'" */
                     _("%s() got an unexpected keyword argument '%s'"), callable, name);
        return FALSE;
      }

  return TRUE;
}
