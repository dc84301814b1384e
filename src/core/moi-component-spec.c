/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-component-spec"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-json-writer.h"
#include "moi-component-spec-private.h"

/* Catalog strings are msgids extracted by build-aux/catalog-strings. */
#define CATALOG_GETTEXT(s) ((s) != NULL ? g_dgettext (GETTEXT_PACKAGE, (s)) : NULL)

G_DEFINE_ENUM_TYPE (MoiSocketDirection, moi_socket_direction,
  G_DEFINE_ENUM_VALUE (MOI_SOCKET_DIRECTION_INPUT, "input"),
  G_DEFINE_ENUM_VALUE (MOI_SOCKET_DIRECTION_OUTPUT, "output"))

G_DEFINE_ENUM_TYPE (MoiParameterKind, moi_parameter_kind,
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_BOOL, "bool"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_INT, "int"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_FLOAT, "float"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_STRING, "string"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_ENUM, "enum"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_STRING_LIST, "string-list"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_REGEX, "regex"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_DICT, "dict"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_OBJECT, "object"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_SECRET, "secret"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_DOCUMENT_STORE, "document-store"),
  G_DEFINE_ENUM_VALUE (MOI_PARAMETER_KIND_JSON, "json"))

const char *
moi_parameter_kind_to_string (MoiParameterKind kind)
{
  GEnumClass *klass = g_type_class_ref (MOI_TYPE_PARAMETER_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : NULL;
}

gboolean
moi_parameter_kind_from_string (const char       *text,
                                MoiParameterKind *kind)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (text != NULL, FALSE);

  klass = g_type_class_ref (MOI_TYPE_PARAMETER_KIND);
  value = g_enum_get_value_by_nick (klass, text);
  g_type_class_unref (klass);
  if (value == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = value->value;
  return TRUE;
}

/* ----------------------------------------------------------------- sockets */

struct _MoiSocketSpec
{
  gatomicrefcount     ref_count;
  char               *name;
  char               *type_string;
  MoiSocketType      *type;
  char               *label;
  char               *description;
  MoiSocketDirection  direction;
  guint               optional : 1;
  /* Catalog sockets have msgids; derived ones show their name as is. */
  guint               translate_label : 1;
};

G_DEFINE_BOXED_TYPE (MoiSocketSpec, moi_socket_spec, moi_socket_spec_ref, moi_socket_spec_unref)

MoiSocketSpec *
_moi_socket_spec_new_with_type (const char         *name,
                                MoiSocketDirection  direction,
                                MoiSocketType      *type,
                                const char         *type_string,
                                const char         *description)
{
  MoiSocketSpec *self = g_new0 (MoiSocketSpec, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->direction = direction;
  self->type = moi_socket_type_ref (type);
  self->type_string = type_string != NULL ? g_strdup (type_string)
                                          : moi_socket_type_to_string (type);
  self->description = g_strdup (description);
  return self;
}

MoiSocketSpec *
moi_socket_spec_new (const char          *name,
                     MoiSocketDirection   direction,
                     const char          *type,
                     gboolean             optional,
                     GError             **error)
{
  g_autoptr(MoiSocketType) parsed = NULL;
  MoiSocketSpec *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = moi_socket_type_parse (type, error);
  if (parsed == NULL)
    return NULL;
  self = _moi_socket_spec_new_with_type (name, direction, parsed, type, NULL);
  self->optional = !!optional;
  return self;
}

MoiSocketSpec *
moi_socket_spec_ref (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_socket_spec_unref (MoiSocketSpec *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->type_string);
      g_clear_pointer (&self->type, moi_socket_type_unref);
      g_free (self->label);
      g_free (self->description);
      g_free (self);
    }
}

const char *
moi_socket_spec_get_name (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

MoiSocketDirection
moi_socket_spec_get_direction (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, MOI_SOCKET_DIRECTION_INPUT);
  return self->direction;
}

const char *
moi_socket_spec_get_type_string (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type_string;
}

MoiSocketType *
moi_socket_spec_get_socket_type (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type;
}

const char *
moi_socket_spec_get_label (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->label == NULL)
    return self->name;
  return self->translate_label ? CATALOG_GETTEXT (self->label) : self->label;
}

const char *
moi_socket_spec_get_description (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return CATALOG_GETTEXT (self->description);
}

gboolean
moi_socket_spec_is_optional (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->optional;
}

gboolean
moi_socket_spec_is_variadic (MoiSocketSpec *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return moi_socket_type_is_variadic (self->type);
}

MoiSocketSpec *
_moi_socket_spec_array_find (GPtrArray  *sockets,
                             const char *name,
                             guint      *position)
{
  for (guint i = 0; i < sockets->len; i++)
    {
      MoiSocketSpec *socket = g_ptr_array_index (sockets, i);

      if (strcmp (socket->name, name) == 0)
        {
          if (position != NULL)
            *position = i;
          return socket;
        }
    }
  return NULL;
}

/* -------------------------------------------------------------- parameters */

struct _MoiParameterSpec
{
  gatomicrefcount   ref_count;
  char             *name;
  MoiParameterKind  kind;
  char             *label;
  char             *description;
  JsonNode         *default_value;
  GStrv             values;
  char             *less_than;
  double            minimum;
  double            maximum;
  guint             required : 1;
  guint             nullable : 1;
  guint             has_minimum : 1;
  guint             has_maximum : 1;
};

G_DEFINE_BOXED_TYPE (MoiParameterSpec, moi_parameter_spec,
                     moi_parameter_spec_ref, moi_parameter_spec_unref)

MoiParameterSpec *
moi_parameter_spec_ref (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_parameter_spec_unref (MoiParameterSpec *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->label);
      g_free (self->description);
      g_clear_pointer (&self->default_value, json_node_unref);
      g_strfreev (self->values);
      g_free (self->less_than);
      g_free (self);
    }
}

const char *
moi_parameter_spec_get_name (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

MoiParameterKind
moi_parameter_spec_get_kind (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, MOI_PARAMETER_KIND_JSON);
  return self->kind;
}

const char *
moi_parameter_spec_get_label (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return CATALOG_GETTEXT (self->label);
}

const char *
moi_parameter_spec_get_description (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return CATALOG_GETTEXT (self->description);
}

JsonNode *
moi_parameter_spec_get_default (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->default_value;
}

gboolean
moi_parameter_spec_is_required (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->required;
}

gboolean
moi_parameter_spec_is_nullable (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->nullable;
}

const char * const *
moi_parameter_spec_get_values (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->values;
}

gboolean
moi_parameter_spec_get_minimum (MoiParameterSpec *self,
                                double           *minimum)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->has_minimum && minimum != NULL)
    *minimum = self->minimum;
  return self->has_minimum;
}

gboolean
moi_parameter_spec_get_maximum (MoiParameterSpec *self,
                                double           *maximum)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->has_maximum && maximum != NULL)
    *maximum = self->maximum;
  return self->has_maximum;
}

const char *
moi_parameter_spec_get_less_than (MoiParameterSpec *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->less_than;
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
      return _("a whole number");
    case G_TYPE_DOUBLE:
      return _("a number");
    case G_TYPE_STRING:
      return _("a string");
    default:
      return _("a value");
    }
}

static const char *
describe_kind (MoiParameterKind kind)
{
  switch (kind)
    {
    case MOI_PARAMETER_KIND_BOOL:
      return _("true or false");
    case MOI_PARAMETER_KIND_INT:
      return _("a whole number");
    case MOI_PARAMETER_KIND_FLOAT:
      return _("a number");
    case MOI_PARAMETER_KIND_STRING:
    case MOI_PARAMETER_KIND_ENUM:
      return _("a string");
    case MOI_PARAMETER_KIND_REGEX:
      return _("a regular expression");
    case MOI_PARAMETER_KIND_STRING_LIST:
      return _("a list of strings");
    case MOI_PARAMETER_KIND_DICT:
    case MOI_PARAMETER_KIND_OBJECT:
      return _("an object");
    case MOI_PARAMETER_KIND_SECRET:
      return _("a secret ({\"type\": \"env_var\", \"env_vars\": [...]})");
    case MOI_PARAMETER_KIND_DOCUMENT_STORE:
      return _("a document store ({\"type\": ..., \"init_parameters\": {...}})");
    case MOI_PARAMETER_KIND_JSON:
    default:
      return _("a value");
    }
}

static gboolean
node_is_kind (JsonNode *node,
              GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node_is_kind (node, G_TYPE_STRING);
}

static MoiParameterCheck
check_fail (MoiParameterCheck   result,
            char              **message,
            char               *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);
  return result;
}

static MoiParameterCheck
wrong_kind (MoiParameterSpec  *self,
            JsonNode          *value,
            char             **message)
{
  return check_fail (MOI_PARAMETER_CHECK_WRONG_KIND, message,
                     /* Translators: "expects a whole number, found a string" */
                     g_strdup_printf (_("expects %s, found %s"),
                                      describe_kind (self->kind), describe_node (value)));
}

static gboolean
value_allowed (MoiParameterSpec *self,
               const char       *text)
{
  return self->values == NULL || g_strv_contains ((const char * const *) self->values, text);
}

static char *
allowed_list (MoiParameterSpec *self)
{
  return g_strjoinv (", ", self->values);
}

static MoiParameterCheck
check_number (MoiParameterSpec  *self,
              JsonNode          *value,
              char             **message)
{
  double number;

  if (node_is_kind (value, G_TYPE_INT64))
    number = (double) json_node_get_int (value);
  else if (node_is_kind (value, G_TYPE_DOUBLE))
    number = json_node_get_double (value);
  else
    return wrong_kind (self, value, message);

  /* 3.0 is an int to Python's json only if written 3, but Haystack casts. */
  if (self->kind == MOI_PARAMETER_KIND_INT && number != floor (number))
    return wrong_kind (self, value, message);

  if (self->has_minimum && number < self->minimum)
    return check_fail (MOI_PARAMETER_CHECK_OUT_OF_RANGE, message,
                       g_strdup_printf (_("%g is below the minimum %g"), number, self->minimum));
  if (self->has_maximum && number > self->maximum)
    return check_fail (MOI_PARAMETER_CHECK_OUT_OF_RANGE, message,
                       g_strdup_printf (_("%g is above the maximum %g"), number, self->maximum));
  return MOI_PARAMETER_CHECK_OK;
}

static MoiParameterCheck
check_secret (MoiParameterSpec  *self,
              JsonNode          *value,
              char             **message)
{
  JsonObject *object = json_node_get_object (value);
  JsonNode *type = json_object_get_member (object, "type");
  JsonNode *vars;

  if (type == NULL || !node_is_string (type))
    return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                       g_strdup (_("a secret needs a “type” string")));
  if (g_strcmp0 (json_node_get_string (type), "token") == 0)
    return MOI_PARAMETER_CHECK_OK;
  if (g_strcmp0 (json_node_get_string (type), "env_var") != 0)
    return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                       g_strdup_printf (_("unknown secret type “%s” (expected env_var or token)"),
                                        json_node_get_string (type)));

  vars = json_object_get_member (object, "env_vars");
  if (vars == NULL || !JSON_NODE_HOLDS_ARRAY (vars) ||
      json_array_get_length (json_node_get_array (vars)) == 0)
    return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                       g_strdup (_("an env_var secret needs a non-empty “env_vars” list")));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (vars)); i++)
    if (!node_is_string (json_array_get_element (json_node_get_array (vars), i)))
      return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                         g_strdup (_("“env_vars” must hold variable names")));
  return MOI_PARAMETER_CHECK_OK;
}

MoiParameterCheck
moi_parameter_spec_check_value (MoiParameterSpec  *self,
                                JsonNode          *value,
                                char             **message)
{
  g_return_val_if_fail (self != NULL, MOI_PARAMETER_CHECK_INVALID);
  g_return_val_if_fail (value != NULL, MOI_PARAMETER_CHECK_INVALID);

  if (message != NULL)
    *message = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    {
      if (self->nullable || self->kind == MOI_PARAMETER_KIND_JSON)
        return MOI_PARAMETER_CHECK_OK;
      return wrong_kind (self, value, message);
    }

  switch (self->kind)
    {
    case MOI_PARAMETER_KIND_BOOL:
      if (!node_is_kind (value, G_TYPE_BOOLEAN))
        return wrong_kind (self, value, message);
      return MOI_PARAMETER_CHECK_OK;

    case MOI_PARAMETER_KIND_INT:
    case MOI_PARAMETER_KIND_FLOAT:
      return check_number (self, value, message);

    case MOI_PARAMETER_KIND_STRING:
      if (!node_is_string (value))
        return wrong_kind (self, value, message);
      return MOI_PARAMETER_CHECK_OK;

    case MOI_PARAMETER_KIND_ENUM:
      if (!node_is_string (value))
        return wrong_kind (self, value, message);
      if (!value_allowed (self, json_node_get_string (value)))
        {
          g_autofree char *allowed = allowed_list (self);

          return check_fail (MOI_PARAMETER_CHECK_NOT_ALLOWED, message,
                             g_strdup_printf (_("“%s” is not one of %s"),
                                              json_node_get_string (value), allowed));
        }
      return MOI_PARAMETER_CHECK_OK;

    case MOI_PARAMETER_KIND_REGEX:
      {
        g_autoptr(GRegex) regex = NULL;
        g_autoptr(GError) error = NULL;

        if (!node_is_string (value))
          return wrong_kind (self, value, message);
        regex = g_regex_new (json_node_get_string (value), 0, 0, &error);
        if (regex == NULL)
          return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                             g_strdup_printf (_("invalid regular expression: %s"),
                                              error->message));
        return MOI_PARAMETER_CHECK_OK;
      }

    case MOI_PARAMETER_KIND_STRING_LIST:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return wrong_kind (self, value, message);
        array = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!node_is_string (item))
              return check_fail (MOI_PARAMETER_CHECK_WRONG_KIND, message,
                                 g_strdup_printf (_("item %u is %s, not a string"),
                                                  i + 1, describe_node (item)));
            if (!value_allowed (self, json_node_get_string (item)))
              {
                g_autofree char *allowed = allowed_list (self);

                return check_fail (MOI_PARAMETER_CHECK_NOT_ALLOWED, message,
                                   g_strdup_printf (_("“%s” is not one of %s"),
                                                    json_node_get_string (item), allowed));
              }
          }
        return MOI_PARAMETER_CHECK_OK;
      }

    case MOI_PARAMETER_KIND_DICT:
    case MOI_PARAMETER_KIND_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return wrong_kind (self, value, message);
      return MOI_PARAMETER_CHECK_OK;

    case MOI_PARAMETER_KIND_SECRET:
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return wrong_kind (self, value, message);
      return check_secret (self, value, message);

    case MOI_PARAMETER_KIND_DOCUMENT_STORE:
      {
        JsonObject *object;
        JsonNode *type;
        JsonNode *init;

        if (!JSON_NODE_HOLDS_OBJECT (value))
          return wrong_kind (self, value, message);
        object = json_node_get_object (value);
        type = json_object_get_member (object, "type");
        init = json_object_get_member (object, "init_parameters");
        if (type == NULL || !node_is_string (type) || *json_node_get_string (type) == '\0')
          return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                             g_strdup (_("a document store needs a “type” (its class path)")));
        if (init != NULL && !JSON_NODE_HOLDS_OBJECT (init))
          return check_fail (MOI_PARAMETER_CHECK_INVALID, message,
                             g_strdup (_("a document store’s “init_parameters” must be an "
                                         "object")));
        return MOI_PARAMETER_CHECK_OK;
      }

    case MOI_PARAMETER_KIND_JSON:
    default:
      return MOI_PARAMETER_CHECK_OK;
    }
}

/* ---------------------------------------------------------- catalog reading */

static gboolean
read_string (JsonObject  *object,
             const char  *key,
             gboolean     required,
             const char  *where,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                   _("%s: missing “%s”"), where, key);
      return FALSE;
    }
  if (!node_is_string (node) || (required && *json_node_get_string (node) == '\0'))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: “%s” must be a non-empty string"), where, key);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *key,
           const char  *where,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_is_kind (node, G_TYPE_BOOLEAN))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: “%s” must be true or false"), where, key);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *key,
             const char  *where,
             gboolean    *present,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (node_is_kind (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else if (node_is_kind (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: “%s” must be a number"), where, key);
      return FALSE;
    }
  *present = TRUE;
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *key,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: “%s” must be a list"), where, key);
      return NULL;
    }
  return json_node_get_array (node);
}

static MoiSocketSpec *
socket_from_json (JsonNode            *node,
                  MoiSocketDirection   direction,
                  const char          *where,
                  GError             **error)
{
  g_autoptr(MoiSocketSpec) self = NULL;
  g_autoptr(MoiSocketType) type = NULL;
  g_autoptr(GError) type_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *type_string = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *place = NULL;
  JsonObject *object;
  gboolean optional;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: a socket must be an object"), where);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_string (object, "name", TRUE, where, &name, error))
    return NULL;
  place = g_strdup_printf ("%s (%s)", where, name);
  if (!read_string (object, "type", TRUE, place, &type_string, error) ||
      !read_string (object, "label", TRUE, place, &label, error) ||
      !read_string (object, "description", FALSE, place, &description, error) ||
      !read_bool (object, "optional", place, &optional, error))
    return NULL;

  type = moi_socket_type_parse (type_string, &type_error);
  if (type == NULL)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   "%s: %s", place, type_error->message);
      return NULL;
    }
  if (moi_socket_type_is_variadic (type) && direction == MOI_SOCKET_DIRECTION_OUTPUT)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: only inputs can be variadic"), place);
      return NULL;
    }

  self = _moi_socket_spec_new_with_type (name, direction, type, type_string, description);
  self->label = g_steal_pointer (&label);
  self->translate_label = TRUE;
  self->optional = !!optional;
  return g_steal_pointer (&self);
}

static MoiParameterSpec *
parameter_from_json (JsonNode    *node,
                     const char  *where,
                     GError     **error)
{
  g_autoptr(MoiParameterSpec) self = NULL;
  g_autofree char *place = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;
  JsonArray *values;
  JsonNode *default_value;
  gboolean flag;
  gboolean present;
  double number;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: a parameter must be an object"), where);
      return NULL;
    }
  object = json_node_get_object (node);

  self = g_new0 (MoiParameterSpec, 1);
  g_atomic_ref_count_init (&self->ref_count);
  if (!read_string (object, "name", TRUE, where, &self->name, error))
    return NULL;
  place = g_strdup_printf ("%s (%s)", where, self->name);
  if (!read_string (object, "kind", TRUE, place, &kind, error) ||
      !read_string (object, "label", TRUE, place, &self->label, error) ||
      !read_string (object, "description", TRUE, place, &self->description, error) ||
      !read_string (object, "less_than", FALSE, place, &self->less_than, error))
    return NULL;
  if (!moi_parameter_kind_from_string (kind, &self->kind))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: unknown kind “%s”"), place, kind);
      return NULL;
    }

  if (!read_bool (object, "required", place, &flag, error))
    return NULL;
  self->required = flag;
  if (!read_bool (object, "nullable", place, &flag, error))
    return NULL;
  self->nullable = flag;
  if (!read_number (object, "min", place, &present, &number, error))
    return NULL;
  self->has_minimum = present;
  self->minimum = present ? number : 0;
  if (!read_number (object, "max", place, &present, &number, error))
    return NULL;
  self->has_maximum = present;
  self->maximum = present ? number : 0;

  values = read_array (object, "values", place, error);
  if (values == NULL && error != NULL && *error != NULL)
    return NULL;
  if (values != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          JsonNode *item = json_array_get_element (values, i);

          if (!node_is_string (item))
            {
              g_strv_builder_unref (builder);
              g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                           _("%s: “values” must be a list of strings"), place);
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      self->values = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  if (self->kind == MOI_PARAMETER_KIND_ENUM && self->values == NULL)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_MISSING,
                   _("%s: an enum needs “values”"), place);
      return NULL;
    }

  default_value = json_object_get_member (object, "default");
  if (default_value != NULL)
    {
      if (moi_parameter_spec_check_value (self, default_value, &message) != MOI_PARAMETER_CHECK_OK)
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s: the default %s"), place, message);
          return NULL;
        }
      self->default_value = moi_json_node_deep_copy (default_value);
    }

  return g_steal_pointer (&self);
}

/* -------------------------------------------------------------- components */

struct _MoiComponentSpec
{
  GObject        parent_instance;

  char          *type;
  const char    *short_name;
  char          *category;
  char          *icon_name;
  char          *label;
  char          *description;
  GPtrArray     *inputs;
  GPtrArray     *outputs;
  GPtrArray     *parameters;
  GPtrArray     *required_parameters;
  GHashTable    *parameters_by_name;

  char          *outputs_parameter;
  MoiSocketType *outputs_type;
  char          *outputs_type_string;
  char          *outputs_description;
  gboolean       outputs_from_keys;
};

G_DEFINE_FINAL_TYPE (MoiComponentSpec, moi_component_spec, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TYPE,
  PROP_SHORT_NAME,
  PROP_CATEGORY,
  PROP_ICON_NAME,
  PROP_LABEL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moi_component_spec_finalize (GObject *object)
{
  MoiComponentSpec *self = (MoiComponentSpec *) object;

  g_free (self->type);
  g_free (self->category);
  g_free (self->icon_name);
  g_free (self->label);
  g_free (self->description);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->outputs, g_ptr_array_unref);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  g_clear_pointer (&self->required_parameters, g_ptr_array_unref);
  g_clear_pointer (&self->parameters_by_name, g_hash_table_unref);
  g_free (self->outputs_parameter);
  g_clear_pointer (&self->outputs_type, moi_socket_type_unref);
  g_free (self->outputs_type_string);
  g_free (self->outputs_description);

  G_OBJECT_CLASS (moi_component_spec_parent_class)->finalize (object);
}

static void
moi_component_spec_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MoiComponentSpec *self = MOI_COMPONENT_SPEC (object);

  switch (prop_id)
    {
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, moi_component_spec_get_label (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, moi_component_spec_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_component_spec_class_init (MoiComponentSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_component_spec_finalize;
  object_class->get_property = moi_component_spec_get_property;

  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_NAME] =
    g_param_spec_string ("short-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_component_spec_init (MoiComponentSpec *self)
{
  self->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_spec_unref);
  self->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_spec_unref);
  self->parameters = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_parameter_spec_unref);
  self->required_parameters = g_ptr_array_new ();
  self->parameters_by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
read_sockets (JsonObject          *object,
              const char          *key,
              MoiSocketDirection   direction,
              const char          *where,
              GPtrArray           *into,
              GError             **error)
{
  JsonArray *array = read_array (object, key, where, error);

  if (array == NULL)
    return error == NULL || *error == NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s, %s[%u]", where, key, i);
      MoiSocketSpec *socket = socket_from_json (json_array_get_element (array, i),
                                                direction, place, error);

      if (socket == NULL)
        return FALSE;
      if (_moi_socket_spec_array_find (into, socket->name, NULL) != NULL)
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s: socket “%s” appears twice"), place, socket->name);
          moi_socket_spec_unref (socket);
          return FALSE;
        }
      g_ptr_array_add (into, socket);
    }
  return TRUE;
}

static gboolean
read_dynamic_outputs (MoiComponentSpec  *self,
                      JsonObject        *object,
                      const char        *where,
                      GError           **error)
{
  JsonNode *node = json_object_get_member (object, "dynamic_outputs");
  g_autofree char *place = g_strdup_printf ("%s, dynamic_outputs", where);
  g_autofree char *source = NULL;
  g_autoptr(GError) type_error = NULL;
  JsonObject *dynamic;
  MoiParameterSpec *parameter;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                   _("%s: must be an object"), place);
      return FALSE;
    }
  dynamic = json_node_get_object (node);
  if (!read_string (dynamic, "parameter", TRUE, place, &self->outputs_parameter, error) ||
      !read_string (dynamic, "source", TRUE, place, &source, error) ||
      !read_string (dynamic, "type", TRUE, place, &self->outputs_type_string, error) ||
      !read_string (dynamic, "description", FALSE, place, &self->outputs_description, error))
    return FALSE;

  if (g_strcmp0 (source, "keys") == 0)
    self->outputs_from_keys = TRUE;
  else if (g_strcmp0 (source, "items") != 0)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: “source” must be “items” or “keys”"), place);
      return FALSE;
    }

  parameter = g_hash_table_lookup (self->parameters_by_name, self->outputs_parameter);
  if (parameter == NULL)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: no parameter “%s”"), place, self->outputs_parameter);
      return FALSE;
    }

  self->outputs_type = moi_socket_type_parse (self->outputs_type_string, &type_error);
  if (self->outputs_type == NULL)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   "%s: %s", place, type_error->message);
      return FALSE;
    }
  return TRUE;
}

MoiComponentSpec *
_moi_component_spec_new_from_json (JsonObject  *object,
                                   const char  *where,
                                   GError     **error)
{
  g_autoptr(MoiComponentSpec) self = g_object_new (MOI_TYPE_COMPONENT_SPEC, NULL);
  g_autofree char *place = NULL;
  const char *dot;
  JsonArray *parameters;

  if (!read_string (object, "type", TRUE, where, &self->type, error))
    return NULL;
  dot = strrchr (self->type, '.');
  self->short_name = dot != NULL ? dot + 1 : self->type;
  place = g_strdup_printf ("%s (%s)", where, self->short_name);
  if (*self->short_name == '\0')
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: the type must end with a class name"), place);
      return NULL;
    }

  if (!read_string (object, "category", TRUE, place, &self->category, error) ||
      !read_string (object, "icon", TRUE, place, &self->icon_name, error) ||
      !read_string (object, "label", TRUE, place, &self->label, error) ||
      !read_string (object, "description", TRUE, place, &self->description, error) ||
      !read_sockets (object, "inputs", MOI_SOCKET_DIRECTION_INPUT, place, self->inputs, error) ||
      !read_sockets (object, "outputs", MOI_SOCKET_DIRECTION_OUTPUT, place, self->outputs, error))
    return NULL;

  parameters = read_array (object, "parameters", place, error);
  if (parameters == NULL && error != NULL && *error != NULL)
    return NULL;
  for (guint i = 0; parameters != NULL && i < json_array_get_length (parameters); i++)
    {
      g_autofree char *param_place = g_strdup_printf ("%s, parameters[%u]", place, i);
      MoiParameterSpec *parameter = parameter_from_json (json_array_get_element (parameters, i),
                                                         param_place, error);

      if (parameter == NULL)
        return NULL;
      if (g_hash_table_contains (self->parameters_by_name, parameter->name))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s: parameter “%s” appears twice"), param_place, parameter->name);
          moi_parameter_spec_unref (parameter);
          return NULL;
        }
      g_ptr_array_add (self->parameters, parameter);
      g_hash_table_insert (self->parameters_by_name, parameter->name, parameter);
      if (parameter->required)
        g_ptr_array_add (self->required_parameters, parameter);
    }

  for (guint i = 0; i < self->parameters->len; i++)
    {
      MoiParameterSpec *parameter = g_ptr_array_index (self->parameters, i);

      if (parameter->less_than != NULL &&
          !g_hash_table_contains (self->parameters_by_name, parameter->less_than))
        {
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s, parameter %s: “less_than” names no parameter “%s”"),
                       place, parameter->name, parameter->less_than);
          return NULL;
        }
    }

  if (!read_dynamic_outputs (self, object, place, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
moi_component_spec_get_component_type (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->type;
}

const char *
moi_component_spec_get_short_name (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->short_name;
}

const char *
moi_component_spec_get_category (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->category;
}

const char *
moi_component_spec_get_icon_name (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->icon_name;
}

const char *
moi_component_spec_get_label (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return CATALOG_GETTEXT (self->label);
}

const char *
moi_component_spec_get_description (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return CATALOG_GETTEXT (self->description);
}

GPtrArray *
moi_component_spec_get_inputs (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->inputs;
}

GPtrArray *
moi_component_spec_get_outputs (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->outputs;
}

MoiSocketSpec *
moi_component_spec_lookup_input (MoiComponentSpec *self,
                                 const char       *name)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return _moi_socket_spec_array_find (self->inputs, name, NULL);
}

/* Only the fixed outputs: a router's others depend on its parameters. */
MoiSocketSpec *
moi_component_spec_lookup_output (MoiComponentSpec *self,
                                  const char       *name)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return _moi_socket_spec_array_find (self->outputs, name, NULL);
}

GPtrArray *
moi_component_spec_get_parameters (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->parameters;
}

MoiParameterSpec *
moi_component_spec_lookup_parameter (MoiComponentSpec *self,
                                     const char       *name)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->parameters_by_name, name);
}

JsonNode *
moi_component_spec_get_parameter_default (MoiComponentSpec *self,
                                          const char       *name)
{
  MoiParameterSpec *parameter;

  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parameter = g_hash_table_lookup (self->parameters_by_name, name);
  return parameter != NULL ? parameter->default_value : NULL;
}

JsonObject *
moi_component_spec_new_init_parameters (MoiComponentSpec *self)
{
  JsonObject *object;

  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);

  object = json_object_new ();
  for (guint i = 0; i < self->parameters->len; i++)
    {
      MoiParameterSpec *parameter = g_ptr_array_index (self->parameters, i);

      if (parameter->default_value != NULL)
        json_object_set_member (object, parameter->name,
                                moi_json_node_deep_copy (parameter->default_value));
    }
  return object;
}

const char *
moi_component_spec_get_outputs_parameter (MoiComponentSpec *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT_SPEC (self), NULL);
  return self->outputs_parameter;
}

gboolean
_moi_component_spec_outputs_from_keys (MoiComponentSpec *self)
{
  return self->outputs_from_keys;
}

MoiSocketType *
_moi_component_spec_get_outputs_type (MoiComponentSpec *self)
{
  return self->outputs_type;
}

const char *
_moi_component_spec_get_outputs_type_string (MoiComponentSpec *self)
{
  return self->outputs_type_string;
}

const char *
_moi_component_spec_get_outputs_description (MoiComponentSpec *self)
{
  return self->outputs_description;
}

GPtrArray *
_moi_component_spec_get_required_parameters (MoiComponentSpec *self)
{
  return self->required_parameters;
}
