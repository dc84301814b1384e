/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "moi-init-parameters.h"
#include "moi-json-reader.h"

JsonNode *
moi_init_parameters_lookup (JsonObject *params,
                            const char *key)
{
  JsonNode *node;

  if (params == NULL || !json_object_has_member (params, key))
    return NULL;

  node = json_object_get_member (params, key);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && (g_strcmp0 (json_node_get_string (node), "null") == 0
          || g_strcmp0 (json_node_get_string (node), "None") == 0))
    return NULL;

  return node;
}

static gboolean
type_error (const char  *where,
            const char  *key,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: "EnhancedDocumentSplitter: init parameter
                * “split_length” must be an integer" */
               _("%s: init parameter “%s” must be %s"), where, key, expected);
  return FALSE;
}

/* Each reads a JSON scalar (string forms included) into @out, or returns
 * FALSE when the value has no such reading. */
typedef gboolean (*ScalarReader) (JsonNode *node,
                                  gpointer  out);

static gboolean
read_boolean (JsonNode *node,
              gpointer  out)
{
  GType type = json_node_get_value_type (node);
  gboolean *b = out;

  if (type == G_TYPE_BOOLEAN)
    *b = json_node_get_boolean (node);
  else if (type == G_TYPE_INT64 && (json_node_get_int (node) & ~1) == 0)
    *b = json_node_get_int (node) == 1;
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_ascii_strcasecmp (s, "true") == 0 || strcmp (s, "1") == 0)
        *b = TRUE;
      else if (g_ascii_strcasecmp (s, "false") == 0 || strcmp (s, "0") == 0 || *s == '\0')
        *b = FALSE;
      else
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_int (JsonNode *node,
          gpointer  out)
{
  GType type = json_node_get_value_type (node);
  gint64 *i = out;

  if (type == G_TYPE_INT64)
    *i = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d < (double) G_MININT64 || d > (double) G_MAXINT64 || d != (double) (gint64) d)
        return FALSE;
      *i = (gint64) d;
    }
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *s = g_strstrip (g_strdup (json_node_get_string (node)));

      return g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, i, NULL);
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_double (JsonNode *node,
             gpointer  out)
{
  GType type = json_node_get_value_type (node);
  double *d = out;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    *d = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      double v;

      errno = 0;
      v = g_ascii_strtod (s, &end);
      if (end == s || errno != 0)
        return FALSE;
      while (g_ascii_isspace (*end))
        end++;
      if (*end != '\0')
        return FALSE;
      *d = v;
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_string (JsonNode *node,
             gpointer  out)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *(const char **) out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_scalar (JsonObject    *params,
            const char    *where,
            const char    *key,
            const char    *expected,
            ScalarReader   reader,
            gpointer       out,
            GError       **error)
{
  JsonNode *node;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if ((node = moi_init_parameters_lookup (params, key)) == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && reader (node, out))
    return TRUE;
  return type_error (where, key, expected, error);
}

gboolean
moi_init_parameters_get_boolean (JsonObject  *params,
                                 const char  *where,
                                 const char  *key,
                                 gboolean    *out,
                                 GError     **error)
{
  return get_scalar (params, where, key, _("a boolean"), read_boolean, out, error);
}

gboolean
moi_init_parameters_get_int (JsonObject  *params,
                             const char  *where,
                             const char  *key,
                             gint64      *out,
                             GError     **error)
{
  return get_scalar (params, where, key, _("an integer"), read_int, out, error);
}

gboolean
moi_init_parameters_get_double (JsonObject  *params,
                                const char  *where,
                                const char  *key,
                                double      *out,
                                GError     **error)
{
  return get_scalar (params, where, key, _("a number"), read_double, out, error);
}

gboolean
moi_init_parameters_get_string (JsonObject  *params,
                                const char  *where,
                                const char  *key,
                                const char **out,
                                GError     **error)
{
  return get_scalar (params, where, key, _("a string"), read_string, out, error);
}

static gboolean
array_to_strv (JsonArray   *array,
               const char  *where,
               const char  *key,
               char      ***out,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element)
          || json_node_get_value_type (element) != G_TYPE_STRING)
        return type_error (where, key, _("a list of strings"), error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
moi_init_parameters_get_string_list (JsonObject   *params,
                                     const char   *where,
                                     const char   *key,
                                     char       ***out,
                                     GError      **error)
{
  JsonNode *node;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if ((node = moi_init_parameters_lookup (params, key)) == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return array_to_strv (json_node_get_array (node), where, key, out, error);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      g_autoptr(JsonNode) parsed = NULL;

      /* MOI's API sends lists as JSON text ("[\"a\", \"b\"]"). The text
       * comes from the request, so it goes through the bounded parser. */
      if (*s == '[' && (parsed = moi_json_parse (s, -1, NULL)) != NULL
          && JSON_NODE_HOLDS_ARRAY (parsed))
        return array_to_strv (json_node_get_array (parsed), where, key, out, error);

      *out = g_new0 (char *, 2);
      (*out)[0] = g_strdup (s);
      return TRUE;
    }

  return type_error (where, key, _("a list of strings"), error);
}
