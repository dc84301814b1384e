/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"

#include "moi-json-reader-private.h"

typedef struct
{
  const char *p;
  const char *end;
  const char *line_start;
  guint       line;
  guint       depth;
  guint       n_values;
  /* Where a string with escapes is decoded; json-glib copies strings and
   * keys anyway, so nothing is allocated per string here. */
  GString    *scratch;
  /* Text this process wrote: no limits on depth and size. */
  gboolean    trusted;
} Parser;

static void
parser_position (Parser     *self,
                 const char *at,
                 guint      *line,
                 guint      *column)
{
  /* Newlines only occur in whitespace between tokens, which the parser
   * counts as it skips it, so only the current line needs measuring. */
  *line = self->line;
  *column = (guint) g_utf8_strlen (self->line_start, at - self->line_start) + 1;
}

G_GNUC_PRINTF (5, 6)
static void
parser_error (Parser       *self,
              const char   *at,
              GError      **error,
              MoiCoreError  code,
              const char   *format,
              ...)
{
  g_autofree char *detail = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  parser_position (self, at, &line, &column);
  /* TRANSLATORS: "%u:%u" is line:column, the last %s says what is wrong. */
  g_set_error (error, MOI_CORE_ERROR, code, _("Invalid JSON at %u:%u: %s"),
               line, column, detail);
}

static void
parser_unexpected (Parser      *self,
                   const char  *expected,
                   GError     **error)
{
  if (self->p >= self->end)
    {
      parser_error (self, self->p, error, MOI_CORE_ERROR_PARSE,
                    _("unexpected end of input, expected %s"), expected);
    }
  else
    {
      g_autofree char *c = g_utf8_substring (self->p, 0, 1);

      parser_error (self, self->p, error, MOI_CORE_ERROR_PARSE,
                    _("unexpected character “%s”, expected %s"), c, expected);
    }
}

static void
skip_whitespace (Parser *self)
{
  while (self->p < self->end)
    {
      char c = *self->p;

      if (c == '\n')
        {
          self->line++;
          self->line_start = self->p + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      self->p++;
    }
}

static JsonNode *parse_value (Parser  *self,
                              GError **error);

static gboolean
parse_hex4 (Parser   *self,
            gunichar *out)
{
  gunichar value = 0;

  if (self->end - self->p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (self->p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint) digit;
    }

  self->p += 4;
  *out = value;
  return TRUE;
}

/* Reads the string at '"' into @self->scratch: valid until the next call. */
static const char *
parse_string (Parser  *self,
              GError **error)
{
  GString *out = self->scratch;
  const char *opening = self->p;

  g_assert (*self->p == '"');
  self->p++;
  g_string_truncate (out, 0);

  for (;;)
    {
      const char *run = self->p;
      const char *escape_start;
      gunichar ch;

      while (self->p < self->end && *self->p != '"' && *self->p != '\\' &&
             (guchar) *self->p >= 0x20)
        self->p++;
      g_string_append_len (out, run, self->p - run);

      if (out->len > MOI_JSON_MAX_STRING_SIZE && !self->trusted)
        {
          parser_error (self, opening, error, MOI_CORE_ERROR_TOO_DEEP,
                        _("a string is longer than %d MiB"),
                        MOI_JSON_MAX_STRING_SIZE / (1024 * 1024));
          return NULL;
        }

      if (self->p >= self->end)
        {
          parser_error (self, self->p, error, MOI_CORE_ERROR_PARSE,
                        _("unexpected end of input inside a string"));
          return NULL;
        }

      if (*self->p == '"')
        {
          self->p++;
          return out->str;
        }

      if (*self->p != '\\')
        {
          parser_error (self, self->p, error, MOI_CORE_ERROR_PARSE,
                        _("control character U+%04X must be escaped in a string"),
                        (guint) (guchar) *self->p);
          return NULL;
        }

      escape_start = self->p;
      self->p++;
      if (self->p >= self->end)
        {
          parser_error (self, self->p, error, MOI_CORE_ERROR_PARSE,
                        _("unexpected end of input inside a string"));
          return NULL;
        }

      switch (*self->p++)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (!parse_hex4 (self, &ch))
            goto bad_unicode;
          if (ch >= 0xD800 && ch <= 0xDBFF)
            {
              gunichar low;

              if (self->end - self->p < 6 || self->p[0] != '\\' || self->p[1] != 'u')
                goto bad_unicode;
              self->p += 2;
              if (!parse_hex4 (self, &low) || low < 0xDC00 || low > 0xDFFF)
                goto bad_unicode;
              ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
            }
          else if (ch >= 0xDC00 && ch <= 0xDFFF)
            goto bad_unicode;
          if (ch == 0)
            {
              /* C strings end at NUL: accepting it would silently cut text. */
              parser_error (self, escape_start, error, MOI_CORE_ERROR_PARSE,
                            _("“\\u0000” is not supported in strings"));
              return NULL;
            }
          g_string_append_unichar (out, ch);
          break;
        default:
          parser_error (self, escape_start, error, MOI_CORE_ERROR_PARSE,
                        _("invalid escape sequence in a string"));
          return NULL;
        }
      continue;

    bad_unicode:
      parser_error (self, escape_start, error, MOI_CORE_ERROR_PARSE,
                    _("invalid Unicode escape in a string"));
      return NULL;
    }
}

static JsonNode *
parse_number (Parser  *self,
              GError **error)
{
  const char *begin = self->p;
  gboolean is_integer = TRUE;
  char buffer[64];
  g_autofree char *long_text = NULL;
  const char *text;
  gsize length;

  if (*self->p == '-')
    self->p++;

  if (self->p < self->end && *self->p == '0')
    {
      self->p++;
      if (self->p < self->end && g_ascii_isdigit (*self->p))
        {
          parser_error (self, begin, error, MOI_CORE_ERROR_PARSE,
                        _("numbers must not have leading zeros"));
          return NULL;
        }
    }
  else if (self->p < self->end && g_ascii_isdigit (*self->p))
    {
      while (self->p < self->end && g_ascii_isdigit (*self->p))
        self->p++;
    }
  else
    {
      parser_error (self, begin, error, MOI_CORE_ERROR_PARSE, _("invalid number"));
      return NULL;
    }

  if (self->p < self->end && *self->p == '.')
    {
      is_integer = FALSE;
      self->p++;
      if (self->p >= self->end || !g_ascii_isdigit (*self->p))
        {
          parser_error (self, begin, error, MOI_CORE_ERROR_PARSE,
                        _("a digit must follow the decimal point"));
          return NULL;
        }
      while (self->p < self->end && g_ascii_isdigit (*self->p))
        self->p++;
    }

  if (self->p < self->end && (*self->p == 'e' || *self->p == 'E'))
    {
      is_integer = FALSE;
      self->p++;
      if (self->p < self->end && (*self->p == '+' || *self->p == '-'))
        self->p++;
      if (self->p >= self->end || !g_ascii_isdigit (*self->p))
        {
          parser_error (self, begin, error, MOI_CORE_ERROR_PARSE,
                        _("a digit must follow the exponent"));
          return NULL;
        }
      while (self->p < self->end && g_ascii_isdigit (*self->p))
        self->p++;
    }

  length = self->p - begin;

  /* Up to 18 digits cannot overflow: add them up without strtoll. */
  if (is_integer && length <= 18)
    {
      const char *q = begin + (*begin == '-');
      gint64 value = 0;

      for (; q < self->p; q++)
        value = value * 10 + (*q - '0');
      return json_node_init_int (json_node_alloc (), *begin == '-' ? -value : value);
    }

  if (length < sizeof buffer)
    {
      memcpy (buffer, begin, length);
      buffer[length] = '\0';
      text = buffer;
    }
  else
    text = long_text = g_strndup (begin, length);

  if (is_integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        return json_node_init_int (json_node_alloc (), value);
      /* Beyond gint64: keep the magnitude as a double rather than wrapping. */
    }

  {
    double value;

    errno = 0;
    value = g_ascii_strtod (text, NULL);
    if (isinf (value))
      {
        parser_error (self, begin, error, MOI_CORE_ERROR_INVALID,
                      _("the number %s is out of range"), text);
        return NULL;
      }
    return json_node_init_double (json_node_alloc (), value);
  }
}

static gboolean
parse_literal (Parser     *self,
               const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (self->end - self->p) < len || memcmp (self->p, word, len) != 0)
    return FALSE;
  self->p += len;
  return TRUE;
}

/* Steps into a container at its '{' or '['; *empty when it closes at once. */
static gboolean
open_container (Parser    *self,
                char       close,
                gboolean  *empty,
                GError   **error)
{
  if (++self->depth > MOI_JSON_MAX_DEPTH && !self->trusted)
    {
      parser_error (self, self->p, error, MOI_CORE_ERROR_TOO_DEEP,
                    _("nested deeper than %d levels"), MOI_JSON_MAX_DEPTH);
      return FALSE;
    }

  self->p++;
  skip_whitespace (self);
  *empty = self->p < self->end && *self->p == close;
  if (*empty)
    {
      self->p++;
      self->depth--;
    }
  return TRUE;
}

/* After a member or an element: a ',' (more follow) or @close (*done).
 * @expected is translated only on error: this runs for every item. */
static gboolean
next_item (Parser      *self,
           char         close,
           const char  *expected,
           gboolean    *done,
           GError     **error)
{
  skip_whitespace (self);
  if (self->p < self->end && *self->p == ',')
    {
      self->p++;
      skip_whitespace (self);
      *done = FALSE;
      return TRUE;
    }
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      self->depth--;
      *done = TRUE;
      return TRUE;
    }
  if (error != NULL)
    parser_unexpected (self, _(expected), error);
  return FALSE;
}

static JsonNode *
parse_object (Parser  *self,
              GError **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gboolean done;

  if (!open_container (self, '}', &done, error))
    return NULL;

  while (!done)
    {
      /* The value reuses the scratch: short keys wait on the stack. */
      char key_buffer[64];
      g_autofree char *long_key = NULL;
      const char *key;
      JsonNode *value;

      if (self->p >= self->end || *self->p != '"')
        {
          parser_unexpected (self, _("a string as object key"), error);
          return NULL;
        }
      if (!(key = parse_string (self, error)))
        return NULL;
      if (self->scratch->len < sizeof key_buffer)
        key = memcpy (key_buffer, key, self->scratch->len + 1);
      else
        key = long_key = g_strndup (key, self->scratch->len);

      skip_whitespace (self);
      if (self->p >= self->end || *self->p != ':')
        {
          parser_unexpected (self, _("“:” after an object key"), error);
          return NULL;
        }
      self->p++;
      skip_whitespace (self);

      if (!(value = parse_value (self, error)))
        return NULL;
      json_object_set_member (object, key, value);

      if (!next_item (self, '}', N_("“,” or “}” in an object"), &done, error))
        return NULL;
    }

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_array (Parser  *self,
             GError **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean done;

  if (!open_container (self, ']', &done, error))
    return NULL;

  while (!done)
    {
      JsonNode *value;

      if (!(value = parse_value (self, error)))
        return NULL;
      json_array_add_element (array, value);

      if (!next_item (self, ']', N_("“,” or “]” in an array"), &done, error))
        return NULL;
    }

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
parse_value (Parser  *self,
             GError **error)
{
  const char *at = self->p;

  if (self->p >= self->end)
    {
      parser_unexpected (self, _("a value"), error);
      return NULL;
    }

  if (++self->n_values > MOI_JSON_MAX_VALUES && !self->trusted)
    {
      parser_error (self, self->p, error, MOI_CORE_ERROR_TOO_DEEP,
                    _("more than %d values in one document"), MOI_JSON_MAX_VALUES);
      return NULL;
    }

  switch (*self->p)
    {
    case '{':
      return parse_object (self, error);

    case '[':
      return parse_array (self, error);

    case '"':
      {
        const char *s = parse_string (self, error);

        if (s == NULL)
          return NULL;
        return json_node_init_string (json_node_alloc (), s);
      }

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (self, error);

    case 't':
      if (parse_literal (self, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      break;

    case 'f':
      if (parse_literal (self, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      break;

    case 'n':
      if (parse_literal (self, "null"))
        return json_node_init_null (json_node_alloc ());
      break;

    default:
      break;
    }

  self->p = at;
  parser_unexpected (self, _("a value"), error);
  return NULL;
}

/* Sets up @parser on the document, checks its size and encoding and skips
 * a byte order mark and leading whitespace. */
static gboolean
parser_init (Parser      *parser,
             const char  *data,
             gsize        length,
             GError     **error)
{
  const char *invalid = NULL;

  parser->p = data;
  parser->end = data + length;
  parser->line_start = data;
  parser->line = 1;
  parser->depth = 0;
  parser->n_values = 0;
  parser->scratch = NULL;
  parser->trusted = FALSE;

  if (length > MOI_JSON_MAX_INPUT_SIZE)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TOO_DEEP,
                   _("The JSON document is larger than %d MiB"),
                   MOI_JSON_MAX_INPUT_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate (data, length, &invalid))
    {
      /* Advance over the valid prefix so the position is counted right. */
      for (const char *q = data; q < invalid; q++)
        if (*q == '\n')
          {
            parser->line++;
            parser->line_start = q + 1;
          }
      parser_error (parser, invalid, error, MOI_CORE_ERROR_PARSE,
                    *invalid == '\0' ? _("NUL byte in the input")
                                     : _("the input is not valid UTF-8"));
      return FALSE;
    }

  /* A UTF-8 byte order mark carries no data; editors on some systems add it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      parser->p += 3;
      parser->line_start += 3;
    }

  skip_whitespace (parser);
  if (parser->p >= parser->end)
    {
      g_set_error_literal (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE,
                           _("The JSON document is empty"));
      return FALSE;
    }

  parser->scratch = g_string_sized_new (256);
  return TRUE;
}

JsonNode *
moi_json_parse (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) scratch = NULL;
  Parser parser;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!parser_init (&parser, data, length, error))
    return NULL;
  scratch = parser.scratch;

  if (!(root = parse_value (&parser, error)))
    return NULL;

  skip_whitespace (&parser);
  if (parser.p < parser.end)
    {
      parser_unexpected (&parser, _("the end of the document"), error);
      return NULL;
    }

  return g_steal_pointer (&root);
}

JsonNode *
moi_json_parse_written (const char *data,
                        gsize       length)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  Parser parser = {
    data, data + length, data, 1, 0, 0, scratch, TRUE,
  };

  g_return_val_if_fail (data != NULL, NULL);

  if (!(root = parse_value (&parser, &error)))
    {
      g_critical ("Cannot read back written JSON: %s", error->message);
      return json_node_init_null (json_node_alloc ());
    }
  return root;
}

/* ---------------------------------------------------------------- scanner */

struct _MoiJsonScanner
{
  Parser parser;
};

MoiJsonScanner *
moi_json_scanner_new (const char *data,
                      gssize      length)
{
  MoiJsonScanner *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  self = g_new0 (MoiJsonScanner, 1);
  if (!parser_init (&self->parser, data, length, NULL))
    {
      moi_json_scanner_free (self);
      return NULL;
    }
  return self;
}

void
moi_json_scanner_free (MoiJsonScanner *self)
{
  if (self == NULL)
    return;
  if (self->parser.scratch != NULL)
    g_string_free (self->parser.scratch, TRUE);
  g_free (self);
}

char
moi_json_scanner_peek (MoiJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, '\0');

  return self->parser.p < self->parser.end ? *self->parser.p : '\0';
}

/* Counts a value as parse_value() does, so that the limits hold alike. */
static gboolean
scanner_count_value (MoiJsonScanner *self)
{
  return ++self->parser.n_values <= MOI_JSON_MAX_VALUES;
}

static gboolean
scanner_open (MoiJsonScanner *self,
              char            open,
              char            close,
              gboolean       *empty)
{
  if (moi_json_scanner_peek (self) != open || !scanner_count_value (self))
    return FALSE;
  return open_container (&self->parser, close, empty, NULL);
}

gboolean
moi_json_scanner_begin_object (MoiJsonScanner *self,
                               gboolean       *empty)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (empty != NULL, FALSE);

  return scanner_open (self, '{', '}', empty);
}

gboolean
moi_json_scanner_begin_array (MoiJsonScanner *self,
                              gboolean       *empty)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (empty != NULL, FALSE);

  return scanner_open (self, '[', ']', empty);
}

const char *
moi_json_scanner_key (MoiJsonScanner *self,
                      gsize          *length)
{
  Parser *parser;
  const char *key;

  g_return_val_if_fail (self != NULL, NULL);

  parser = &self->parser;
  if (moi_json_scanner_peek (self) != '"' || !(key = parse_string (parser, NULL)))
    return NULL;
  skip_whitespace (parser);
  if (parser->p >= parser->end || *parser->p != ':')
    return NULL;
  parser->p++;
  skip_whitespace (parser);
  if (length != NULL)
    *length = parser->scratch->len;
  return key;
}

gboolean
moi_json_scanner_next (MoiJsonScanner *self,
                       char            close,
                       gboolean       *done)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  return next_item (&self->parser, close, NULL, done, NULL);
}

const char *
moi_json_scanner_string (MoiJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (moi_json_scanner_peek (self) != '"' || !scanner_count_value (self))
    return NULL;
  return parse_string (&self->parser, NULL);
}

gboolean
moi_json_scanner_null (MoiJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (moi_json_scanner_peek (self) != 'n' || !scanner_count_value (self))
    return FALSE;
  return parse_literal (&self->parser, "null");
}

JsonNode *
moi_json_scanner_value (MoiJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return parse_value (&self->parser, NULL);
}

gboolean
moi_json_scanner_end (MoiJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  skip_whitespace (&self->parser);
  return self->parser.p >= self->parser.end;
}

void
moi_json_key_order_add (MoiJsonKeyOrder *self,
                        int              known_index,
                        const char      *key)
{
  gboolean in_order = known_index >= 0 ? *self->unknown == NULL && known_index > self->last
                                       : TRUE;

  if (self->order == NULL && !in_order)
    {
      self->order = g_ptr_array_new_with_free_func (g_free);
      for (int k = 0; self->known[k] != NULL; k++)
        if (self->seen & (G_GUINT64_CONSTANT (1) << k))
          g_ptr_array_add (self->order, g_strdup (self->known[k]));
      if (*self->unknown != NULL)
        {
          JsonObjectIter iter;
          const char *name;

          json_object_iter_init_ordered (&iter, *self->unknown);
          while (json_object_iter_next_ordered (&iter, &name, NULL))
            g_ptr_array_add (self->order, g_strdup (name));
        }
    }
  if (self->order != NULL)
    g_ptr_array_add (self->order, g_strdup (key));
  if (known_index >= 0)
    {
      self->seen |= G_GUINT64_CONSTANT (1) << known_index;
      self->last = MAX (self->last, known_index);
    }
}

char **
moi_json_key_order_steal (MoiJsonKeyOrder *self)
{
  if (self->order == NULL)
    return NULL;
  g_ptr_array_add (self->order, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&self->order), FALSE);
}

void
moi_json_key_order_clear (MoiJsonKeyOrder *self)
{
  g_clear_pointer (&self->order, g_ptr_array_unref);
}

gboolean
moi_json_scanner_member_into (MoiJsonScanner  *scanner,
                              const char      *key,
                              gsize            length,
                              JsonObject     **extra)
{
  char buffer[64];
  g_autofree char *long_key = NULL;
  JsonNode *value;

  /* The value reuses the scanner's string buffer: keep the key apart. */
  if (length < sizeof buffer)
    key = memcpy (buffer, key, length + 1);
  else
    key = long_key = g_strndup (key, length);

  if (*extra != NULL && json_object_has_member (*extra, key))
    return FALSE;
  if (!(value = moi_json_scanner_value (scanner)))
    return FALSE;
  if (*extra == NULL)
    *extra = json_object_new ();
  json_object_set_member (*extra, key, value);
  return TRUE;
}

const char *
moi_json_node_describe_type (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
    case G_TYPE_INT:
    case G_TYPE_FLOAT:
      return _("a number");
    default:
      return _("an unknown value");
    }
}

static const char *
describe_kind (MoiJsonKind kind)
{
  switch (kind)
    {
    case MOI_JSON_KIND_STRING: return _("a string");
    case MOI_JSON_KIND_NUMBER: return _("a number");
    case MOI_JSON_KIND_BOOLEAN: return _("a boolean");
    case MOI_JSON_KIND_OBJECT: return _("an object");
    case MOI_JSON_KIND_ARRAY: return _("an array");
    default: g_assert_not_reached ();
    }
}

static gboolean
node_has_kind (JsonNode    *node,
               MoiJsonKind  kind)
{
  switch (kind)
    {
    case MOI_JSON_KIND_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case MOI_JSON_KIND_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case MOI_JSON_KIND_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case MOI_JSON_KIND_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case MOI_JSON_KIND_NUMBER:
      return JSON_NODE_HOLDS_VALUE (node) &&
             (json_node_get_value_type (node) == G_TYPE_INT64 ||
              json_node_get_value_type (node) == G_TYPE_DOUBLE);
    default:
      g_assert_not_reached ();
    }
}

gboolean
moi_json_check_kind (JsonNode     *node,
                     MoiJsonKind   kind,
                     const char   *where,
                     const char   *display_key,
                     GError      **error)
{
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);
  g_return_val_if_fail (display_key != NULL, FALSE);

  if (node_has_kind (node, kind))
    return TRUE;

  /* TRANSLATORS: e.g. component “cleaner”: “position.x” must be a number, got a string */
  g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE, _("%s: “%s” must be %s, got %s"),
               where, display_key, describe_kind (kind), moi_json_node_describe_type (node));
  return FALSE;
}

/* The member (NULL when absent, a null node when @flags allow it) in *node,
 * or FALSE with the error naming the place. */
static gboolean
get_member_checked (JsonObject    *object,
                    const char    *key,
                    const char    *where,
                    const char    *display_key,
                    MoiJsonFlags   flags,
                    MoiJsonKind    kind,
                    JsonNode     **node,
                    GError       **error)
{
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  *node = json_object_get_member (object, key);
  if (display_key == NULL)
    display_key = key;

  if (*node == NULL)
    {
      if (!(flags & MOI_JSON_REQUIRED))
        return TRUE;
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                   /* TRANSLATORS: e.g. component “cleaner”: “type” is missing */
                   _("%s: “%s” is missing"), where, display_key);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_NULL (*node) && (flags & MOI_JSON_NULLABLE))
    return TRUE;

  return moi_json_check_kind (*node, kind, where, display_key, error);
}

gboolean
moi_json_get_string_member (JsonObject    *object,
                            const char    *key,
                            const char    *where,
                            const char    *display_key,
                            MoiJsonFlags   flags,
                            const char   **out,
                            GError       **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!get_member_checked (object, key, where, display_key, flags, MOI_JSON_KIND_STRING,
                           &node, error))
    return FALSE;
  if (node != NULL)
    *out = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
  return TRUE;
}

gboolean
moi_json_get_number_member (JsonObject    *object,
                            const char    *key,
                            const char    *where,
                            const char    *display_key,
                            MoiJsonFlags   flags,
                            double        *out,
                            gboolean      *is_integer,
                            GError       **error)
{
  JsonNode *node;
  gboolean integer;

  g_return_val_if_fail (out != NULL, FALSE);

  /* A number is never nullable: there is no NULL double to give back. */
  if (!get_member_checked (object, key, where, display_key, flags & ~MOI_JSON_NULLABLE,
                           MOI_JSON_KIND_NUMBER, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  integer = json_node_get_value_type (node) == G_TYPE_INT64;
  *out = integer ? (double) json_node_get_int (node) : json_node_get_double (node);
  if (is_integer != NULL)
    *is_integer = integer;
  return TRUE;
}

gboolean
moi_json_get_object_member (JsonObject    *object,
                            const char    *key,
                            const char    *where,
                            const char    *display_key,
                            MoiJsonFlags   flags,
                            JsonObject   **out,
                            GError       **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!get_member_checked (object, key, where, display_key, flags, MOI_JSON_KIND_OBJECT,
                           &node, error))
    return FALSE;
  if (node != NULL)
    *out = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_object (node);
  return TRUE;
}

gboolean
moi_json_get_array_member (JsonObject    *object,
                           const char    *key,
                           const char    *where,
                           const char    *display_key,
                           MoiJsonFlags   flags,
                           JsonArray    **out,
                           GError       **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!get_member_checked (object, key, where, display_key, flags, MOI_JSON_KIND_ARRAY,
                           &node, error))
    return FALSE;
  if (node != NULL)
    *out = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_array (node);
  return TRUE;
}
