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

static void
append_string (GString    *out,
               const char *s)
{
  const char *run = s;

  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

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
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

static void
append_newline (GString *out,
                guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     level)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        for (const GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            if (pretty)
              append_newline (out, level + 1);
            append_string (out, l->data);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, json_object_get_member (object, l->data), pretty, level + 1);
          }
        if (pretty)
          append_newline (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (pretty)
              append_newline (out, level + 1);
            append_node (out, json_array_get_element (array, i), pretty, level + 1);
          }
        if (pretty)
          append_newline (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            moi_json_format_double (json_node_get_double (node), buffer);
            g_string_append (out, buffer);
          }
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            append_string (out, json_node_get_string (node));
          else
            g_string_append (out, "null");
          break;

        default:
          g_warning ("Cannot write a JSON value of type %s",
                     g_type_name (json_node_get_value_type (node)));
          g_string_append (out, "null");
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

  append_node (out, node, pretty, 0);
}

char *
moi_json_to_string (JsonNode *node,
                    gboolean  pretty,
                    gsize    *length)
{
  GString *out = g_string_new (NULL);

  append_node (out, node, pretty, 0);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

JsonObject *
moi_json_object_build_ordered (const char * const *order,
                               const char * const *known,
                               JsonObject         *extra,
                               MoiJsonMemberFunc   func,
                               gpointer            user_data)
{
  JsonObject *object;

  g_return_val_if_fail (known != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  object = json_object_new ();

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      const char *key = order[i];

      if (g_strv_contains (known, key))
        {
          JsonNode *node = func (key, user_data);

          if (node != NULL)
            json_object_set_member (object, key, node);
        }
      else if (extra != NULL && json_object_has_member (extra, key))
        {
          json_object_set_member (object, key,
                                  moi_json_node_deep_copy (json_object_get_member (extra, key)));
        }
    }

  for (guint i = 0; known[i] != NULL; i++)
    {
      JsonNode *node;

      if (order != NULL && g_strv_contains (order, known[i]))
        continue;
      if ((node = func (known[i], user_data)) != NULL)
        json_object_set_member (object, known[i], node);
    }

  if (extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (extra);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (extra, l->data);

          if (order != NULL && g_strv_contains (order, l->data))
            continue;
          json_object_set_member (object, l->data, moi_json_node_deep_copy (value));
        }
    }

  return object;
}

char **
moi_json_object_dup_keys (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  GPtrArray *keys;

  if (object == NULL)
    return NULL;

  members = json_object_get_members (object);
  keys = g_ptr_array_new ();
  for (const GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, g_strdup (l->data));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

JsonNode *
moi_json_node_deep_copy (JsonNode *node)
{
  if (node == NULL)
    return NULL;

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
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
moi_json_object_deep_copy (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  JsonObject *copy;

  if (object == NULL)
    return NULL;

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            moi_json_node_deep_copy (json_object_get_member (object, l->data)));
  return copy;
}

JsonObject *
moi_json_object_copy_unknown (JsonObject         *object,
                              const char * const *known)
{
  g_autoptr(GList) members = NULL;
  JsonObject *copy;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      json_object_set_member (copy, l->data,
                              moi_json_node_deep_copy (json_object_get_member (object, l->data)));
  return copy;
}
