/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-record-fields.h"
#include "moi-wire-time.h"

#define MEMBER(instance, field) ((gpointer) ((guint8 *) (instance) + (field)->offset))

static JsonObject **
extra_slot (const MoiRecordClassInfo *info,
            gpointer                  instance)
{
  return (JsonObject **) ((guint8 *) instance + info->extra_offset);
}

void
moi_record_install_properties (GObjectClass       *klass,
                               MoiRecordClassInfo *info)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (info != NULL);

  info->pspecs = g_new0 (GParamSpec *, info->n_fields + 1);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec = NULL;

      switch (f->kind)
        {
        case MOI_RECORD_STRING:
          pspec = g_param_spec_string (f->prop, NULL, NULL, NULL, flags);
          break;
        case MOI_RECORD_INT:
          pspec = g_param_spec_int (f->prop, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;
        case MOI_RECORD_INT64:
        case MOI_RECORD_TIME_MS:
        case MOI_RECORD_TIME_ISO:
          pspec = g_param_spec_int64 (f->prop, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case MOI_RECORD_BOOLEAN:
          pspec = g_param_spec_boolean (f->prop, NULL, NULL, FALSE, flags);
          break;
        case MOI_RECORD_STRV:
          pspec = g_param_spec_boxed (f->prop, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case MOI_RECORD_INT_ARRAY:
          pspec = g_param_spec_boxed (f->prop, NULL, NULL, G_TYPE_ARRAY, flags);
          break;
        case MOI_RECORD_OBJECT:
          pspec = g_param_spec_object (f->prop, NULL, NULL, f->object_type (), flags);
          break;
        case MOI_RECORD_LIST:
          pspec = g_param_spec_object (f->prop, NULL, NULL, G_TYPE_LIST_MODEL, flags);
          break;
        case MOI_RECORD_JSON:
          pspec = g_param_spec_boxed (f->prop, NULL, NULL, JSON_TYPE_NODE, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      info->pspecs[i + 1] = pspec;
      g_object_class_install_property (klass, i + 1, pspec);
    }
}

void
moi_record_get_property (const MoiRecordClassInfo *info,
                         gpointer                  instance,
                         guint                     prop_id,
                         GValue                   *value)
{
  const MoiRecordField *f;
  gpointer member;

  g_return_if_fail (prop_id >= 1 && prop_id <= info->n_fields);

  f = &info->fields[prop_id - 1];
  member = MEMBER (instance, f);

  switch (f->kind)
    {
    case MOI_RECORD_STRING:
      g_value_set_string (value, *(char **) member);
      break;
    case MOI_RECORD_INT:
      g_value_set_int (value, *(int *) member);
      break;
    case MOI_RECORD_INT64:
    case MOI_RECORD_TIME_MS:
    case MOI_RECORD_TIME_ISO:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case MOI_RECORD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case MOI_RECORD_STRV:
    case MOI_RECORD_INT_ARRAY:
    case MOI_RECORD_JSON:
      g_value_set_boxed (value, *(gpointer *) member);
      break;
    case MOI_RECORD_OBJECT:
    case MOI_RECORD_LIST:
      g_value_set_object (value, *(gpointer *) member);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
int_array_equal (GArray *a,
                 GArray *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return (a == NULL ? b->len : a->len) == 0;
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (int)) == 0);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static GArray *
int_array_copy (GArray *src)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (int));

  if (src != NULL && src->len > 0)
    g_array_append_vals (copy, src->data, src->len);
  return copy;
}

static gboolean
lists_equal (GListModel *a,
             GListModel *b)
{
  guint n;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  n = g_list_model_get_n_items (a);
  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      if (x != y)
        return FALSE;
    }
  return TRUE;
}

void
moi_record_set_property (const MoiRecordClassInfo *info,
                         gpointer                  instance,
                         guint                     prop_id,
                         const GValue             *value)
{
  const MoiRecordField *f;
  gpointer member;

  g_return_if_fail (prop_id >= 1 && prop_id <= info->n_fields);

  f = &info->fields[prop_id - 1];
  member = MEMBER (instance, f);

  switch (f->kind)
    {
    case MOI_RECORD_STRING:
      {
        const char *v = g_value_get_string (value);

        if (g_strcmp0 (*(char **) member, v) == 0)
          return;
        g_free (*(char **) member);
        *(char **) member = g_strdup (v);
      }
      break;
    case MOI_RECORD_INT:
      if (*(int *) member == g_value_get_int (value))
        return;
      *(int *) member = g_value_get_int (value);
      break;
    case MOI_RECORD_INT64:
    case MOI_RECORD_TIME_MS:
    case MOI_RECORD_TIME_ISO:
      if (*(gint64 *) member == g_value_get_int64 (value))
        return;
      *(gint64 *) member = g_value_get_int64 (value);
      break;
    case MOI_RECORD_BOOLEAN:
      if (*(gboolean *) member == g_value_get_boolean (value))
        return;
      *(gboolean *) member = g_value_get_boolean (value);
      break;
    case MOI_RECORD_STRV:
      {
        char **v = g_value_get_boxed (value);

        if (strv_equal (*(char ***) member, v))
          return;
        g_strfreev (*(char ***) member);
        *(char ***) member = v != NULL ? g_strdupv (v) : g_new0 (char *, 1);
      }
      break;
    case MOI_RECORD_INT_ARRAY:
      {
        GArray *v = g_value_get_boxed (value);

        if (int_array_equal (*(GArray **) member, v))
          return;
        g_clear_pointer ((GArray **) member, g_array_unref);
        *(GArray **) member = int_array_copy (v);
      }
      break;
    case MOI_RECORD_JSON:
      {
        JsonNode *v = g_value_get_boxed (value);
        JsonNode **slot = member;

        if (*slot == v || (*slot != NULL && v != NULL && json_node_equal (*slot, v)))
          return;
        g_clear_pointer (slot, json_node_unref);
        *slot = v != NULL ? json_node_ref (v) : NULL;
      }
      break;
    case MOI_RECORD_OBJECT:
      if (!g_set_object ((GObject **) member, g_value_get_object (value)))
        return;
      break;
    case MOI_RECORD_LIST:
      {
        GListModel *v = g_value_get_object (value);
        GListStore *store = *(GListStore **) member;
        g_autoptr(GPtrArray) items = NULL;
        guint n;

        if (lists_equal (G_LIST_MODEL (store), v))
          return;
        /* The store stays the same object so views bound to it follow. */
        n = v != NULL ? g_list_model_get_n_items (v) : 0;
        items = g_ptr_array_new_with_free_func (g_object_unref);
        for (guint i = 0; i < n; i++)
          g_ptr_array_add (items, g_list_model_get_item (v, i));
        g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                             items->pdata, items->len);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (G_OBJECT (instance), info->pspecs[prop_id]);
}

void
moi_record_init (const MoiRecordClassInfo *info,
                 gpointer                  instance)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      gpointer member = MEMBER (instance, f);

      if (f->kind == MOI_RECORD_STRV)
        *(char ***) member = g_new0 (char *, 1);
      else if (f->kind == MOI_RECORD_INT_ARRAY)
        *(GArray **) member = g_array_new (FALSE, FALSE, sizeof (int));
      else if (f->kind == MOI_RECORD_LIST)
        *(GListStore **) member = g_list_store_new (f->object_type ());
    }
}

void
moi_record_clear (const MoiRecordClassInfo *info,
                  gpointer                  instance)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      gpointer member = MEMBER (instance, f);

      switch (f->kind)
        {
        case MOI_RECORD_STRING:
          g_clear_pointer ((char **) member, g_free);
          break;
        case MOI_RECORD_STRV:
          g_clear_pointer ((char ***) member, g_strfreev);
          break;
        case MOI_RECORD_INT_ARRAY:
          g_clear_pointer ((GArray **) member, g_array_unref);
          break;
        case MOI_RECORD_JSON:
          g_clear_pointer ((JsonNode **) member, json_node_unref);
          break;
        case MOI_RECORD_OBJECT:
        case MOI_RECORD_LIST:
          g_clear_object ((GObject **) member);
          break;
        case MOI_RECORD_INT:
        case MOI_RECORD_INT64:
        case MOI_RECORD_BOOLEAN:
        case MOI_RECORD_TIME_MS:
        case MOI_RECORD_TIME_ISO:
        default:
          break;
        }
    }
  g_clear_pointer (extra_slot (info, instance), json_object_unref);
}

JsonNode *
moi_record_parse_embedded (const char *text)
{
  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  if (*text != '[' && *text != '{')
    return NULL;

  /* The project's strict reader: a JsonParser per short array ("[1, 2]")
   * cost more than the rest of reading the record. */
  return moi_json_parse (text, -1, NULL);
}

const int *
moi_record_int_array_get (GArray *array,
                          guint  *n_values)
{
  if (n_values != NULL)
    *n_values = array != NULL ? array->len : 0;
  return array != NULL ? (const int *) (gpointer) array->data : NULL;
}

/* --- the tolerant reader ------------------------------------------------- */

static gboolean
type_error (const MoiRecordClassInfo *info,
            const MoiRecordField     *f,
            const char               *expected,
            JsonNode                 *node,
            GError                  **error)
{
  g_autofree char *shown = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    shown = g_strdup_printf ("“%s”", json_node_get_string (node));
  else
    shown = g_strdup (moi_json_node_describe_type (node));

  /* TRANSLATORS: "Job file “file_status”: expected an integer, got “abc”" */
  g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
               _("%s “%s”: expected %s, got %s"),
               _(info->name), f->key, expected, shown);
  return FALSE;
}

static gboolean
node_to_string (JsonNode  *node,
                char     **out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      *out = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  else if (type == G_TYPE_BOOLEAN)
    *out = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else
    return FALSE;
  return TRUE;
}

static gboolean
node_to_int64 (JsonNode *node,
               gint64   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node) ? 1 : 0;
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *s = g_strstrip (g_strdup (json_node_get_string (node)));
      char *end = NULL;

      if (*s == '\0')
        {
          *out = 0;
          return TRUE;
        }
      errno = 0;
      *out = g_ascii_strtoll (s, &end, 10);
      if (errno != 0 || *end != '\0')
        {
          double d = g_ascii_strtod (s, &end);

          if (*end != '\0' || end == s)
            return FALSE;
          *out = (gint64) d;
        }
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
node_to_boolean (JsonNode *node,
                 gboolean *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node);
  else if (type == G_TYPE_INT64)
    *out = json_node_get_int (node) != 0;
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node) != 0.0;
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *s = g_strstrip (g_strdup (json_node_get_string (node)));

      if (g_ascii_strcasecmp (s, "true") == 0 || g_ascii_strcasecmp (s, "yes") == 0 ||
          strcmp (s, "1") == 0)
        *out = TRUE;
      else if (g_ascii_strcasecmp (s, "false") == 0 || g_ascii_strcasecmp (s, "no") == 0 ||
               strcmp (s, "0") == 0 || *s == '\0')
        *out = FALSE;
      else
        return FALSE;
    }
  else
    return FALSE;
  return TRUE;
}

/* Arrays may come as JSON arrays, as JSON text in a string ("[1, 2]"), as a
 * comma-separated string, or as a single scalar. Returns a new array node,
 * or NULL when @node cannot be an array. */
static JsonNode *
node_as_array (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_ref (node);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      g_autoptr(JsonNode) parsed = moi_record_parse_embedded (s);
      g_auto(GStrv) parts = NULL;
      JsonArray *array;

      if (parsed != NULL)
        return JSON_NODE_HOLDS_ARRAY (parsed) ? g_steal_pointer (&parsed) : NULL;

      array = json_array_new ();
      parts = g_strsplit (s, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            json_array_add_string_element (array, parts[i]);
        }
      return moi_json_node_take_array (array);
    }

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, json_node_copy (node));
      return moi_json_node_take_array (array);
    }

  return NULL;
}

static gboolean
read_field (const MoiRecordClassInfo *info,
            const MoiRecordField     *f,
            gpointer                  instance,
            JsonNode                 *node,
            GError                  **error)
{
  gpointer member = MEMBER (instance, f);

  if (JSON_NODE_HOLDS_NULL (node) && f->kind != MOI_RECORD_JSON)
    return TRUE;

  switch (f->kind)
    {
    case MOI_RECORD_STRING:
      {
        char *s = NULL;

        if (!node_to_string (node, &s))
          return type_error (info, f, _("a string"), node, error);
        g_free (*(char **) member);
        *(char **) member = s;
      }
      return TRUE;

    case MOI_RECORD_INT:
    case MOI_RECORD_INT64:
      {
        gint64 v = 0;

        if (!node_to_int64 (node, &v))
          return type_error (info, f, _("an integer"), node, error);
        if (f->kind == MOI_RECORD_INT)
          {
            if (v < G_MININT || v > G_MAXINT)
              return type_error (info, f, _("a 32-bit integer"), node, error);
            *(int *) member = (int) v;
          }
        else
          *(gint64 *) member = v;
      }
      return TRUE;

    case MOI_RECORD_BOOLEAN:
      if (!node_to_boolean (node, (gboolean *) member))
        return type_error (info, f, _("a boolean"), node, error);
      return TRUE;

    case MOI_RECORD_TIME_MS:
    case MOI_RECORD_TIME_ISO:
      {
        g_autofree char *what = g_strdup_printf ("%s “%s”", _(info->name), f->key);

        return moi_wire_time_from_node (node, what, (gint64 *) member, error);
      }

    case MOI_RECORD_STRV:
    case MOI_RECORD_INT_ARRAY:
      {
        g_autoptr(JsonNode) array_node = node_as_array (node);
        JsonArray *array;
        guint n;

        if (array_node == NULL)
          return type_error (info, f, _("an array"), node, error);
        array = json_node_get_array (array_node);
        n = json_array_get_length (array);

        if (f->kind == MOI_RECORD_STRV)
          {
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

            for (guint i = 0; i < n; i++)
              {
                JsonNode *element = json_array_get_element (array, i);
                char *s = NULL;

                if (JSON_NODE_HOLDS_NULL (element))
                  continue;
                if (!node_to_string (element, &s))
                  return type_error (info, f, _("an array of strings"), node, error);
                g_strv_builder_add (builder, s);
                g_free (s);
              }
            g_strfreev (*(char ***) member);
            *(char ***) member = g_strv_builder_end (builder);
          }
        else
          {
            g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

            for (guint i = 0; i < n; i++)
              {
                JsonNode *element = json_array_get_element (array, i);
                gint64 v = 0;
                int iv;

                if (JSON_NODE_HOLDS_NULL (element))
                  continue;
                if (!node_to_int64 (element, &v) || v < G_MININT || v > G_MAXINT)
                  return type_error (info, f, _("an array of integers"), node, error);
                iv = (int) v;
                g_array_append_val (values, iv);
              }
            g_clear_pointer ((GArray **) member, g_array_unref);
            *(GArray **) member = g_steal_pointer (&values);
          }
      }
      return TRUE;

    case MOI_RECORD_OBJECT:
    case MOI_RECORD_LIST:
      {
        g_autoptr(JsonNode) parsed = NULL;
        JsonNode *source = node;

        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (node);

            /* "" means nothing, like null. */
            if (*s == '\0')
              return TRUE;
            parsed = moi_record_parse_embedded (s);
            if (parsed != NULL)
              source = parsed;
          }

        if (f->kind == MOI_RECORD_OBJECT)
          {
            GObject *object;

            if (!JSON_NODE_HOLDS_OBJECT (source))
              return type_error (info, f, _("an object"), node, error);
            /* The spec's branch detail sends "workflow": {} for "none". */
            if (json_object_get_size (json_node_get_object (source)) == 0)
              return TRUE;
            object = f->from_node (source, error);
            if (object == NULL)
              return FALSE;
            g_clear_object ((GObject **) member);
            *(GObject **) member = object;
          }
        else
          {
            GListStore *store = *(GListStore **) member;
            g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
            JsonArray *array;

            if (!JSON_NODE_HOLDS_ARRAY (source))
              return type_error (info, f, _("an array"), node, error);
            array = json_node_get_array (source);
            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonNode *element = json_array_get_element (array, i);
                GObject *item;

                if (JSON_NODE_HOLDS_NULL (element))
                  continue;
                item = f->from_node (element, error);
                if (item == NULL)
                  return FALSE;
                g_ptr_array_add (items, item);
              }
            g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                                 items->pdata, items->len);
          }
      }
      return TRUE;

    case MOI_RECORD_JSON:
      {
        JsonNode *value = NULL;

        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          value = moi_record_parse_embedded (json_node_get_string (node));
        if (value == NULL)
          value = json_node_copy (node);
        g_clear_pointer ((JsonNode **) member, json_node_unref);
        *(JsonNode **) member = value;
      }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static JsonObject *
sub_object (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  return NULL;
}

static gboolean
is_known_key (const MoiRecordClassInfo *info,
              const char               *key)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      const char *name = f->parent ? f->parent : f->key;

      /* First bytes first: called for every key of every record read. */
      if ((name[0] == key[0] && strcmp (name, key) == 0) ||
          (f->alias != NULL && f->alias[0] == key[0] && strcmp (f->alias, key) == 0))
        return TRUE;
    }
  return FALSE;
}

gboolean
moi_record_read (const MoiRecordClassInfo *info,
                 gpointer                  instance,
                 JsonNode                 *node,
                 GError                  **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject **extra = extra_slot (info, instance);
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      parsed = moi_record_parse_embedded (json_node_get_string (node));
      if (parsed != NULL)
        node = parsed;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: expected an object, got %s"),
                   _(info->name), node ? moi_json_node_describe_type (node) : _("nothing"));
      return FALSE;
    }
  object = json_node_get_object (node);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      JsonObject *holder = f->parent ? sub_object (object, f->parent) : object;
      JsonNode *member = holder ? json_object_get_member (holder, f->key) : NULL;

      if (member == NULL && f->alias != NULL)
        member = json_object_get_member (object, f->alias);
      if (member == NULL)
        continue;
      if (!read_field (info, f, instance, member, error))
        return FALSE;
    }

  /* In the order they came: what a record keeps, it writes back alike. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      if (is_known_key (info, key) ||
          (info->ignored_keys != NULL &&
           g_strv_contains ((const char * const *) info->ignored_keys, key)))
        continue;
      if (*extra == NULL)
        *extra = json_object_new ();
      json_object_set_member (*extra, key, json_node_copy (value));
    }

  return TRUE;
}

/* --- the canonical writer ------------------------------------------------ */

static gboolean
field_is_unset (const MoiRecordField *f,
                gpointer              member)
{
  switch (f->kind)
    {
    case MOI_RECORD_STRING:
    case MOI_RECORD_OBJECT:
    case MOI_RECORD_JSON:
      return *(gpointer *) member == NULL;
    case MOI_RECORD_TIME_MS:
    case MOI_RECORD_TIME_ISO:
      return *(gint64 *) member == 0;
    case MOI_RECORD_LIST:
      return g_list_model_get_n_items (*(GListModel **) member) == 0;
    case MOI_RECORD_INT:
    case MOI_RECORD_INT64:
    case MOI_RECORD_BOOLEAN:
    case MOI_RECORD_STRV:
    case MOI_RECORD_INT_ARRAY:
    default:
      return FALSE;
    }
}


/* The field's canonical value, or NULL when it is left out. Built as
 * plain objects and arrays (no JsonBuilder, no sealing): list pages write
 * thousands of these. */
static JsonNode *
field_node (const MoiRecordField *f,
            gpointer              instance)
{
  gpointer member = MEMBER (instance, f);

  if (field_is_unset (f, member))
    {
      if (f->flags & MOI_RECORD_FIELD_OPTIONAL)
        return NULL;
      if (f->kind == MOI_RECORD_STRING && !(f->flags & MOI_RECORD_FIELD_NULLABLE))
        return json_node_init_string (json_node_alloc (), "");
      if (f->kind == MOI_RECORD_TIME_MS && !(f->flags & MOI_RECORD_FIELD_NULLABLE))
        return json_node_init_int (json_node_alloc (), 0);
      return json_node_init_null (json_node_alloc ());
    }

  switch (f->kind)
    {
    case MOI_RECORD_STRING:
      return json_node_init_string (json_node_alloc (), *(char **) member);
    case MOI_RECORD_INT:
      return json_node_init_int (json_node_alloc (), *(int *) member);
    case MOI_RECORD_INT64:
    case MOI_RECORD_TIME_MS:
      return json_node_init_int (json_node_alloc (), *(gint64 *) member);
    case MOI_RECORD_TIME_ISO:
      {
        g_autofree char *s = moi_wire_time_format_iso (*(gint64 *) member);

        return json_node_init_string (json_node_alloc (), s);
      }
    case MOI_RECORD_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), *(gboolean *) member);
    case MOI_RECORD_STRV:
      {
        char **v = *(char ***) member;
        JsonArray *array = json_array_new ();

        for (guint i = 0; v != NULL && v[i] != NULL; i++)
          json_array_add_string_element (array, v[i]);
        return moi_json_node_take_array (array);
      }
    case MOI_RECORD_INT_ARRAY:
      {
        GArray *v = *(GArray **) member;
        JsonArray *array = json_array_new ();

        for (guint i = 0; v != NULL && i < v->len; i++)
          json_array_add_int_element (array, g_array_index (v, int, i));
        return moi_json_node_take_array (array);
      }
    case MOI_RECORD_OBJECT:
      return f->to_node (*(gpointer *) member);
    case MOI_RECORD_LIST:
      {
        GListModel *v = *(GListModel **) member;
        guint n = v != NULL ? g_list_model_get_n_items (v) : 0;
        JsonArray *array = json_array_new ();

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (v, i);

            json_array_add_element (array, f->to_node (item));
          }
        return moi_json_node_take_array (array);
      }
    case MOI_RECORD_JSON:
      return json_node_copy (*(JsonNode **) member);
    default:
      g_assert_not_reached ();
    }
}

/* FLAT style: times as ISO text, arrays and JSON values as JSON text, the
 * rest as canonical. */
static JsonNode *
field_node_flat (const MoiRecordField *f,
                 gpointer              instance)
{
  gpointer member = MEMBER (instance, f);

  if (f->kind == MOI_RECORD_TIME_MS && !field_is_unset (f, member))
    {
      g_autofree char *s = moi_wire_time_format_iso (*(gint64 *) member);

      return json_node_init_string (json_node_alloc (), s);
    }
  if ((f->kind == MOI_RECORD_STRV || f->kind == MOI_RECORD_INT_ARRAY ||
       f->kind == MOI_RECORD_JSON || f->kind == MOI_RECORD_LIST) &&
      !field_is_unset (f, member))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) value = field_node (f, instance);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, value);
      text = json_generator_to_data (generator, NULL);
      return json_node_init_string (json_node_alloc (), text);
    }
  return field_node (f, instance);
}

/* Where moi_record_write() puts what it writes: an object tree, or JSON
 * text (moi_json_append()'s compact layout) for callers that only send it
 * on. One walk of the fields serves both. */
typedef struct
{
  JsonObject *object;   /* the tree: the record's object... */
  JsonObject *sub;      /* ...and the sub-object being written, or NULL */
  GString    *out;      /* or the text */
  gboolean    first;    /* text: no member written yet at this level */
} RecordSink;

/* Takes @value (may be NULL: the field is left out). */
static void
sink_member (RecordSink *sink,
             const char *key,
             JsonNode   *value)
{
  if (value == NULL)
    return;
  if (sink->out == NULL)
    {
      json_object_set_member (sink->sub != NULL ? sink->sub : sink->object, key, value);
      return;
    }
  moi_json_append_member_key (sink->out, key, sink->first, FALSE, 0);
  moi_json_append_value (sink->out, value, FALSE, 0);
  sink->first = FALSE;
  json_node_unref (value);
}

/* Whether the walk writes @key itself (a field's key or alias, or a
 * sub-object's), so an extra member by that name must not be added. */
static gboolean
key_written (const MoiRecordClassInfo *info,
             MoiRecordStyle            style,
             const char               *key)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      const char *written = f->key;

      if (style == MOI_RECORD_STYLE_FLAT && f->parent != NULL && f->alias != NULL)
        written = f->alias;
      else if (style != MOI_RECORD_STYLE_FLAT && f->parent != NULL)
        written = f->parent;
      if (g_strcmp0 (written, key) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
sink_open_sub (RecordSink *sink,
               const char *key)
{
  if (sink->out == NULL)
    {
      sink->sub = json_object_new ();
      json_object_set_object_member (sink->object, key, sink->sub);
      return;
    }
  moi_json_append_member_key (sink->out, key, sink->first, FALSE, 0);
  g_string_append_c (sink->out, '{');
  sink->first = TRUE;
}

static void
sink_close_sub (RecordSink *sink)
{
  if (sink->out == NULL)
    {
      sink->sub = NULL;
      return;
    }
  g_string_append_c (sink->out, '}');
  sink->first = FALSE;
}

static void
record_walk (const MoiRecordClassInfo *info,
             gpointer                  instance,
             MoiRecordStyle            style,
             RecordSink               *sink)
{
  JsonObject *extra;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MoiRecordField *f = &info->fields[i];
      gboolean seen = FALSE;

      if (style == MOI_RECORD_STYLE_FLAT)
        {
          const char *key = f->parent != NULL && f->alias != NULL ? f->alias : f->key;

          sink_member (sink, key, field_node_flat (f, instance));
          continue;
        }
      if (f->parent == NULL)
        {
          sink_member (sink, f->key, field_node (f, instance));
          continue;
        }

      /* All fields of this sub-object, wherever they sit in the table,
       * written where the first of them sits. */
      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (info->fields[j].parent, f->parent) == 0;
      if (seen)
        continue;
      sink_open_sub (sink, f->parent);
      for (guint j = i; j < info->n_fields; j++)
        if (g_strcmp0 (info->fields[j].parent, f->parent) == 0)
          sink_member (sink, info->fields[j].key, field_node (&info->fields[j], instance));
      sink_close_sub (sink);
    }

  extra = *extra_slot (info, instance);
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        if (!is_known_key (info, key) && !key_written (info, style, key))
          sink_member (sink, key, json_node_copy (value));
    }
}

JsonNode *
moi_record_write (const MoiRecordClassInfo *info,
                  gpointer                  instance,
                  MoiRecordStyle            style)
{
  g_autoptr(JsonObject) object = NULL;
  RecordSink sink = { NULL, };

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (instance != NULL, NULL);

  object = json_object_new ();
  sink.object = object;
  record_walk (info, instance, style, &sink);
  return json_node_init_object (json_node_alloc (), object);
}

void
moi_record_append (const MoiRecordClassInfo *info,
                   gpointer                  instance,
                   MoiRecordStyle            style,
                   GString                  *out)
{
  RecordSink sink = { NULL, NULL, out, TRUE };

  g_return_if_fail (info != NULL);
  g_return_if_fail (instance != NULL);
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '{');
  record_walk (info, instance, style, &sink);
  g_string_append_c (out, '}');
}

void
moi_record_assign (GObject *dst,
                   GObject *src)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  g_return_if_fail (G_IS_OBJECT (dst));
  g_return_if_fail (G_IS_OBJECT (src));
  g_return_if_fail (G_OBJECT_TYPE (dst) == G_OBJECT_TYPE (src));

  if (dst == src)
    return;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);
  g_object_freeze_notify (dst);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (src, pspecs[i]->name, &value);
      g_object_set_property (dst, pspecs[i]->name, &value);
    }
  g_object_thaw_notify (dst);
}
