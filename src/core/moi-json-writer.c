/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "moi-json-writer.h"

void
moi_json_format_double (double  value,
                        char   *buffer)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  g_return_if_fail (buffer != NULL);

  if (!isfinite (value))
    {
      strcpy (buffer, "null");
      return;
    }

  /* Integral values below 10^15 print as "%.15g" would, without the
   * shortest-form search, which costs a strtod per attempt. */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT ".0", (gint64) value);
      if (value == 0 && signbit (value))
        strcpy (buffer, "-0.0");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  /* "%g" drops the fraction of integral values: keep the number a double. */
  if (strpbrk (buffer, ".eE") == NULL)
    strcat (buffer, ".0");
}

/* Bytes JSON requires escaping: '"', '\\' and the controls below 0x20. */
static const guint8 needs_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

void
moi_json_append_string (GString    *out,
                        const char *s)
{
  const char *run = s;
  const char *p = s;

  g_return_if_fail (out != NULL);
  g_return_if_fail (s != NULL);

  g_string_append_c (out, '"');
  for (;; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      if (!needs_escape[c])
        continue;
      if (c == '\0')
        break;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default: break;
        }

      if (escape != NULL)
        g_string_append (out, escape);
      else
        g_string_append_printf (out, "\\u%04x", (guint) c);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
moi_json_append_int (GString *out,
                     gint64   value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  g_return_if_fail (out != NULL);

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buffer + sizeof buffer - p);
}

void
moi_json_append_double (GString *out,
                        double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  moi_json_format_double (value, buffer);
  g_string_append (out, buffer);
}

static void
append_newline (GString *out,
                guint    level)
{
  static const char spaces[] = "                                                                ";

  g_string_append_c (out, '\n');
  for (guint n = level * 2; n > 0;)
    {
      guint chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, chunk);
      n -= chunk;
    }
}

void
moi_json_append_member_key (GString    *out,
                            const char *key,
                            gboolean    first,
                            gboolean    pretty,
                            guint       level)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (key != NULL);

  moi_json_append_element_start (out, first, pretty, level);
  moi_json_append_string (out, key);
  if (pretty)
    g_string_append_len (out, ": ", 2);
  else
    g_string_append_c (out, ':');
}

void
moi_json_append_element_start (GString  *out,
                               gboolean  first,
                               gboolean  pretty,
                               guint     level)
{
  g_return_if_fail (out != NULL);

  if (!first)
    g_string_append_c (out, ',');
  if (pretty)
    append_newline (out, level + 1);
}

void
moi_json_append_close (GString  *out,
                       char      close,
                       gboolean  empty,
                       gboolean  pretty,
                       guint     level)
{
  g_return_if_fail (out != NULL);

  if (pretty && !empty)
    append_newline (out, level);
  g_string_append_c (out, close);
}

void
moi_json_append_object (GString    *out,
                        JsonObject *object,
                        gboolean    pretty,
                        guint       level)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  gboolean first = TRUE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (object != NULL);

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      moi_json_append_member_key (out, key, first, pretty, level);
      moi_json_append_value (out, value, pretty, level + 1);
      first = FALSE;
    }
  moi_json_append_close (out, '}', first, pretty, level);
}

void
moi_json_append_value (GString  *out,
                       JsonNode *node,
                       gboolean  pretty,
                       guint     level)
{
  g_return_if_fail (out != NULL);

  if (node == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      moi_json_append_object (out, json_node_get_object (node), pretty, level);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            moi_json_append_element_start (out, i == 0, pretty, level);
            moi_json_append_value (out, json_array_get_element (array, i), pretty, level + 1);
          }
        moi_json_append_close (out, ']', n == 0, pretty, level);
      }
      break;

    case JSON_NODE_NULL:
      g_string_append_len (out, "null", 4);
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          moi_json_append_int (out, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          moi_json_append_double (out, json_node_get_double (node));
          break;

        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (node))
            g_string_append_len (out, "true", 4);
          else
            g_string_append_len (out, "false", 5);
          break;

        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            moi_json_append_string (out, json_node_get_string (node));
          else
            g_string_append_len (out, "null", 4);
          break;

        default:
          g_warning ("Cannot write a JSON value of type %s",
                     g_type_name (json_node_get_value_type (node)));
          g_string_append_len (out, "null", 4);
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

void
moi_json_append (GString  *out,
                 JsonNode *node,
                 gboolean  pretty)
{
  g_return_if_fail (out != NULL);

  moi_json_append_value (out, node, pretty, 0);
}

char *
moi_json_to_string (JsonNode *node,
                    gboolean  pretty,
                    gsize    *length)
{
  GString *out = g_string_new (NULL);

  moi_json_append_value (out, node, pretty, 0);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
moi_json_node_write_equal (JsonNode *a,
                           JsonNode *b)
{
  g_autoptr(GString) sa = NULL;
  g_autoptr(GString) sb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (a == b)
    return TRUE;
  sa = g_string_new (NULL);
  sb = g_string_new (NULL);
  moi_json_append_value (sa, a, FALSE, 0);
  moi_json_append_value (sb, b, FALSE, 0);
  return g_string_equal (sa, sb);
}

gboolean
moi_json_object_write_equal (JsonObject *a,
                             JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  return moi_json_node_write_equal (na, nb);
}

/* The keys of an object written for the round trip, in order: @order's
 * (known ones with their index in @known, the others if @extra has them),
 * then the @known keys not in @order, then the @extra keys not in @order.
 * @visit gets the known index, or -1 and the extra value. */
typedef void (*OrderedVisitFunc) (const char *key,
                                  int         known_index,
                                  JsonNode   *extra_value,
                                  gpointer    user_data);

int
moi_json_find_key (const char * const *known,
                   const char         *key)
{
  g_return_val_if_fail (known != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (int i = 0; known[i] != NULL; i++)
    if (strcmp (known[i], key) == 0)
      return i;
  return -1;
}

static void
visit_ordered (const char * const *order,
               const char * const *known,
               JsonObject         *extra,
               OrderedVisitFunc    visit,
               gpointer            user_data)
{
  guint64 visited = 0;

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      const char *key = order[i];
      int k = moi_json_find_key (known, key);

      if (k >= 0)
        {
          /* A repeated name in @order is written once, at its first place. */
          if (visited & (G_GUINT64_CONSTANT (1) << k))
            continue;
          visited |= G_GUINT64_CONSTANT (1) << k;
          visit (key, k, NULL, user_data);
        }
      else if (extra != NULL)
        {
          JsonNode *value = json_object_get_member (extra, key);

          if (value != NULL)
            visit (key, -1, value, user_data);
        }
    }

  for (int k = 0; known[k] != NULL; k++)
    if (!(visited & (G_GUINT64_CONSTANT (1) << k)))
      visit (known[k], k, NULL, user_data);

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        if (order == NULL || !g_strv_contains (order, key))
          visit (key, -1, value, user_data);
    }
}

typedef struct
{
  GString                 *out;
  gboolean                 pretty;
  guint                    level;
  gboolean                 first;
  MoiJsonAppendMemberFunc  func;
  gpointer                 user_data;
} AppendContext;

static void
append_visit (const char *key,
              int         known_index,
              JsonNode   *extra_value,
              gpointer    user_data)
{
  AppendContext *context = user_data;
  gsize mark = context->out->len;

  moi_json_append_member_key (context->out, key, context->first, context->pretty,
                              context->level);
  if (known_index >= 0)
    {
      if (!context->func (context->out, key, (guint) known_index, context->pretty,
                          context->level + 1, context->user_data))
        {
          g_string_truncate (context->out, mark);
          return;
        }
    }
  else
    moi_json_append_value (context->out, extra_value, context->pretty, context->level + 1);
  context->first = FALSE;
}

void
moi_json_append_ordered (GString                 *out,
                         gboolean                 pretty,
                         guint                    level,
                         const char * const      *order,
                         const char * const      *known,
                         JsonObject              *extra,
                         MoiJsonAppendMemberFunc  func,
                         gpointer                 user_data)
{
  AppendContext context = { out, pretty, level, TRUE, func, user_data };

  g_return_if_fail (out != NULL);
  g_return_if_fail (known != NULL);
  g_return_if_fail (func != NULL);

  g_string_append_c (out, '{');
  visit_ordered (order, known, extra, append_visit, &context);
  moi_json_append_close (out, '}', context.first, pretty, level);
}

char **
moi_json_object_dup_keys (JsonObject *object)
{
  JsonObjectIter iter;
  const char *key;
  char **keys;
  guint i = 0;

  if (object == NULL)
    return NULL;

  keys = g_new (char *, json_object_get_size (object) + 1);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    keys[i++] = g_strdup (key);
  keys[i] = NULL;
  return keys;
}

char **
moi_json_object_dup_order (JsonObject         *object,
                           const char * const *known)
{
  JsonObjectIter iter;
  const char *key;
  int last = -1;
  gboolean unknown_seen = FALSE;

  g_return_val_if_fail (known != NULL, NULL);

  if (object == NULL)
    return NULL;

  /* Writing without an order gives the known keys in @known's order, then
   * the unknown ones: an object already in that order needs none. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      int k = moi_json_find_key (known, key);

      if (k < 0)
        unknown_seen = TRUE;
      else if (unknown_seen || k <= last)
        return moi_json_object_dup_keys (object);
      else
        last = k;
    }
  return NULL;
}

JsonNode *
moi_json_node_deep_copy (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  /* Every node and every value is new: json_node_copy() would share the
   * JsonValue (whose set_*() then changes both nodes) and, for objects and
   * arrays, the container itself. */
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) copy = moi_json_object_deep_copy (json_node_get_object (node));

        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_autoptr(JsonArray) copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy,
                                  moi_json_node_deep_copy (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (json_node_alloc (), json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (json_node_alloc (), json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            return json_node_init_string (json_node_alloc (), json_node_get_string (node));
          return json_node_init_null (json_node_alloc ());
        default:
          g_warning ("Cannot copy a JSON value of type %s",
                     g_type_name (json_node_get_value_type (node)));
          return json_node_init_null (json_node_alloc ());
        }

    case JSON_NODE_NULL:
      return json_node_init_null (json_node_alloc ());

    default:
      g_assert_not_reached ();
    }
}

JsonNode *
moi_json_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

JsonNode *
moi_json_node_take_array (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

JsonObject *
moi_json_object_deep_copy (JsonObject *object)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  JsonObject *copy;

  if (object == NULL)
    return NULL;

  copy = json_object_new ();
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    json_object_set_member (copy, key, moi_json_node_deep_copy (value));
  return copy;
}

JsonObject *
moi_json_object_take_unknown (JsonObject         *object,
                              const char * const *known)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  JsonObject *unknown = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    if (moi_json_find_key (known, key) < 0)
      {
        if (unknown == NULL)
          unknown = json_object_new ();
        json_object_set_member (unknown, key, json_node_ref (value));
      }
  return unknown;
}

JsonObject *
moi_json_object_copy_unknown (JsonObject         *object,
                              const char * const *known)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  JsonObject *copy;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  copy = json_object_new ();
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    if (moi_json_find_key (known, key) < 0)
      json_object_set_member (copy, key, moi_json_node_deep_copy (value));
  return copy;
}
