/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-component.h"
#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"

#include "moi-component-private.h"

/* The eight keys MOI writes, in MOI's order. */
typedef enum
{
  KEY_NAME,
  KEY_TYPE,
  KEY_COMPONENT_ID,
  KEY_INTRO,
  KEY_POSITION,
  KEY_INPUT_KEYS,
  KEY_OUTPUT_KEYS,
  KEY_INIT_PARAMETERS,
  N_KEYS
} Key;

static const char * const known_keys[N_KEYS + 1] = {
  "name", "type", "component_id", "intro", "position",
  "input_keys", "output_keys", "init_parameters", NULL
};

static const char * const position_keys[] = { "x", "y", NULL };

struct _MoiComponent
{
  GObject     parent_instance;

  char       *name;
  char       *type;
  char       *component_id;
  char       *intro;

  double      x;
  double      y;
  /* Whether x / y are written as integers when integral: they were read
   * as integers, or the component is new. */
  guint       x_integer : 1;
  guint       y_integer : 1;
  guint       position_null : 1;
  guint       init_parameters_null : 1;

  /* Keys of "position" besides x and y (NULL: none), and the order of
   * all its keys when it is not x, y, then the others. */
  JsonObject *position_extra;
  char      **position_order;

  JsonObject *input_keys;
  JsonObject *output_keys;
  JsonObject *init_parameters;

  /* Bit per Key: present in the object (a present key may hold null). */
  guint       present;
  /* Unknown keys (NULL until there is one), and the order of all keys when
   * it is not the known keys in MOI's order, then the unknown ones. */
  JsonObject *extra;
  char      **order;
};

G_DEFINE_FINAL_TYPE (MoiComponent, moi_component, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TYPE,
  PROP_COMPONENT_ID,
  PROP_INTRO,
  PROP_X,
  PROP_Y,
  PROP_INPUT_KEYS,
  PROP_OUTPUT_KEYS,
  PROP_INIT_PARAMETERS,
  N_PROPS
};

enum {
  PARAMETER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
moi_component_finalize (GObject *object)
{
  MoiComponent *self = (MoiComponent *)object;

  g_free (self->name);
  g_free (self->type);
  g_free (self->component_id);
  g_free (self->intro);
  g_clear_pointer (&self->position_extra, json_object_unref);
  g_strfreev (self->position_order);
  g_clear_pointer (&self->input_keys, json_object_unref);
  g_clear_pointer (&self->output_keys, json_object_unref);
  g_clear_pointer (&self->init_parameters, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_strfreev (self->order);

  G_OBJECT_CLASS (moi_component_parent_class)->finalize (object);
}

static void
moi_component_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MoiComponent *self = MOI_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;

    case PROP_COMPONENT_ID:
      g_value_set_string (value, self->component_id);
      break;

    case PROP_INTRO:
      g_value_set_string (value, self->intro);
      break;

    case PROP_X:
      g_value_set_double (value, self->x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->y);
      break;

    case PROP_INPUT_KEYS:
      g_value_set_boxed (value, self->input_keys);
      break;

    case PROP_OUTPUT_KEYS:
      g_value_set_boxed (value, self->output_keys);
      break;

    case PROP_INIT_PARAMETERS:
      g_value_set_boxed (value, moi_component_get_init_parameters (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_component_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MoiComponent *self = MOI_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      moi_component_set_name (self, g_value_get_string (value));
      break;

    case PROP_TYPE:
      moi_component_set_component_type (self, g_value_get_string (value));
      break;

    case PROP_COMPONENT_ID:
      moi_component_set_component_id (self, g_value_get_string (value));
      break;

    case PROP_INTRO:
      moi_component_set_intro (self, g_value_get_string (value));
      break;

    case PROP_X:
      moi_component_set_position (self, g_value_get_double (value), self->y);
      break;

    case PROP_Y:
      moi_component_set_position (self, self->x, g_value_get_double (value));
      break;

    case PROP_INPUT_KEYS:
      moi_component_set_input_keys (self, g_value_get_boxed (value));
      break;

    case PROP_OUTPUT_KEYS:
      moi_component_set_output_keys (self, g_value_get_boxed (value));
      break;

    case PROP_INIT_PARAMETERS:
      moi_component_set_init_parameters (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_component_class_init (MoiComponentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_component_finalize;
  object_class->get_property = moi_component_get_property;
  object_class->set_property = moi_component_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPONENT_ID] =
    g_param_spec_string ("component-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_INTRO] =
    g_param_spec_string ("intro", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_INPUT_KEYS] =
    g_param_spec_boxed ("input-keys", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));
  properties[PROP_OUTPUT_KEYS] =
    g_param_spec_boxed ("output-keys", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));
  properties[PROP_INIT_PARAMETERS] =
    g_param_spec_boxed ("init-parameters", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoiComponent::parameter-changed:
   * @key: (nullable): the parameter, or %NULL when all were replaced
   */
  signals[PARAMETER_CHANGED] =
    g_signal_new ("parameter-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
moi_component_init (MoiComponent *self)
{
  self->x_integer = TRUE;
  self->y_integer = TRUE;
}

char *
moi_component_make_id (const char *name,
                       gint64      unix_ms)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_strdup_printf ("%s_%" G_GINT64_FORMAT, name, unix_ms);
}

MoiComponent *
moi_component_new (const char *name,
                   const char *type)
{
  MoiComponent *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  /* New components carry all eight keys, as MOI writes them. */
  self = g_object_new (MOI_TYPE_COMPONENT, NULL);
  self->name = g_strdup (name);
  self->type = g_strdup (type);
  self->component_id = moi_component_make_id (name, g_get_real_time () / 1000);
  self->intro = g_strdup (name);
  self->input_keys = json_object_new ();
  self->output_keys = json_object_new ();
  self->init_parameters = json_object_new ();
  self->present = (1u << N_KEYS) - 1;

  return self;
}

/* Reading either copies the parsed objects it keeps or, with @take, keeps
 * them themselves (the caller drops the tree it parsed). */
static JsonObject *
keep_object (JsonObject *object,
             gboolean    take)
{
  if (object == NULL)
    return NULL;
  return take ? json_object_ref (object) : moi_json_object_deep_copy (object);
}

static gboolean
read_position (MoiComponent  *self,
               JsonObject    *object,
               const char    *where,
               gboolean       take,
               GError       **error)
{
  JsonObject *position = NULL;
  gboolean x_integer = TRUE, y_integer = TRUE;

  if (!moi_json_get_object_member (object, "position", where, NULL,
                                   MOI_JSON_NULLABLE, &position, error))
    return FALSE;

  if (!json_object_has_member (object, "position"))
    return TRUE;

  self->present |= 1u << KEY_POSITION;
  if (position == NULL)
    {
      self->position_null = TRUE;
      return TRUE;
    }

  if (!moi_json_get_number_member (position, "x", where, "position.x", MOI_JSON_REQUIRED,
                                   &self->x, &x_integer, error) ||
      !moi_json_get_number_member (position, "y", where, "position.y", MOI_JSON_REQUIRED,
                                   &self->y, &y_integer, error))
    return FALSE;

  self->x_integer = x_integer;
  self->y_integer = y_integer;
  self->position_order = moi_json_object_dup_order (position, position_keys);
  self->position_extra = take ? moi_json_object_take_unknown (position, position_keys)
                              : moi_json_object_copy_unknown (position, position_keys);
  if (self->position_extra != NULL && json_object_get_size (self->position_extra) == 0)
    g_clear_pointer (&self->position_extra, json_object_unref);

  return TRUE;
}

static gboolean
read_optional_object (JsonObject   *object,
                      const char   *key,
                      const char   *where,
                      gboolean      take,
                      JsonObject  **out,
                      GError      **error)
{
  JsonObject *value = NULL;

  if (!moi_json_get_object_member (object, key, where, NULL, MOI_JSON_NULLABLE, &value, error))
    return FALSE;

  *out = keep_object (value, take);
  return TRUE;
}

static MoiComponent *
new_from_json_object (JsonObject  *object,
                      guint        index,
                      gboolean     take,
                      GError     **error)
{
  g_autoptr(MoiComponent) self = NULL;
  g_autofree char *where = NULL;
  const char *name = NULL;
  const char *type = NULL;
  const char *component_id = NULL;
  const char *intro = NULL;

  g_assert (object != NULL);

  if (index == G_MAXUINT)
    where = g_strdup (_("component"));
  else
    /* TRANSLATORS: %u is the component's number in the list, from 1 */
    where = g_strdup_printf (_("component %u"), index + 1);
  if (!moi_json_get_string_member (object, "name", where, NULL, MOI_JSON_REQUIRED,
                                   &name, error))
    return NULL;
  if (name[0] == '\0')
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("%s: “name” must not be empty"), where);
      return NULL;
    }

  g_free (where);
  /* TRANSLATORS: %s is the component's name */
  where = g_strdup_printf (_("component “%s”"), name);

  if (!moi_json_get_string_member (object, "type", where, NULL, MOI_JSON_REQUIRED,
                                   &type, error) ||
      !moi_json_get_string_member (object, "component_id", where, NULL, MOI_JSON_NULLABLE,
                                   &component_id, error) ||
      !moi_json_get_string_member (object, "intro", where, NULL, MOI_JSON_NULLABLE,
                                   &intro, error))
    return NULL;

  self = g_object_new (MOI_TYPE_COMPONENT, NULL);
  self->name = g_strdup (name);
  self->type = g_strdup (type);
  self->component_id = g_strdup (component_id);
  self->intro = g_strdup (intro);

  if (!read_position (self, object, where, take, error) ||
      !read_optional_object (object, "input_keys", where, take, &self->input_keys, error) ||
      !read_optional_object (object, "output_keys", where, take, &self->output_keys, error) ||
      !read_optional_object (object, "init_parameters", where, take, &self->init_parameters,
                             error))
    return NULL;

  for (guint i = 0; i < N_KEYS; i++)
    if (json_object_has_member (object, known_keys[i]))
      self->present |= 1u << i;

  if ((self->present & (1u << KEY_INIT_PARAMETERS)) && self->init_parameters == NULL)
    self->init_parameters_null = TRUE;

  self->order = moi_json_object_dup_order (object, known_keys);
  if (take)
    self->extra = moi_json_object_take_unknown (object, known_keys);
  else
    {
      self->extra = moi_json_object_copy_unknown (object, known_keys);
      if (json_object_get_size (self->extra) == 0)
        g_clear_pointer (&self->extra, json_object_unref);
    }

  return g_steal_pointer (&self);
}

MoiComponent *
moi_component_new_from_json_object_at (JsonObject  *object,
                                       guint        index,
                                       GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_json_object (object, index, FALSE, error);
}

MoiComponent *
moi_component_new_from_json_object_take (JsonObject  *object,
                                         guint        index,
                                         GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_json_object (object, index, TRUE, error);
}

/* A string, or with @nullable a null (*out NULL); FALSE on anything else. */
static gboolean
scan_string (MoiJsonScanner  *scanner,
             gboolean         nullable,
             char           **out)
{
  const char *value;

  if (nullable && moi_json_scanner_peek (scanner) == 'n')
    return moi_json_scanner_null (scanner);
  if (!(value = moi_json_scanner_string (scanner)))
    return FALSE;
  *out = g_strdup (value);
  return TRUE;
}

/* An object (kept) or null (*out NULL). */
static gboolean
scan_object_or_null (MoiJsonScanner  *scanner,
                     JsonObject     **out)
{
  g_autoptr(JsonNode) node = NULL;

  if (moi_json_scanner_peek (scanner) == 'n')
    return moi_json_scanner_null (scanner);
  if (moi_json_scanner_peek (scanner) != '{' || !(node = moi_json_scanner_value (scanner)))
    return FALSE;
  *out = json_node_dup_object (node);
  return TRUE;
}

static gboolean
scan_coordinate (MoiJsonScanner *scanner,
                 double         *value,
                 gboolean       *integer)
{
  g_autoptr(JsonNode) node = NULL;
  char c = moi_json_scanner_peek (scanner);

  if (c != '-' && !g_ascii_isdigit (c))
    return FALSE;
  if (!(node = moi_json_scanner_value (scanner)))
    return FALSE;
  *integer = json_node_get_value_type (node) == G_TYPE_INT64;
  *value = *integer ? (double) json_node_get_int (node) : json_node_get_double (node);
  return TRUE;
}

static gboolean
scan_position (MoiComponent   *self,
               MoiJsonScanner *scanner)
{
  MoiJsonKeyOrder order = { position_keys, 0, -1, &self->position_extra, NULL };
  gboolean x_integer = TRUE, y_integer = TRUE;
  gboolean done;

  if (moi_json_scanner_peek (scanner) == 'n')
    {
      self->position_null = TRUE;
      return moi_json_scanner_null (scanner);
    }
  if (!moi_json_scanner_begin_object (scanner, &done))
    return FALSE;

  while (!done)
    {
      gsize length;
      const char *key = moi_json_scanner_key (scanner, &length);
      int k;

      if (key == NULL)
        goto fail;
      k = moi_json_find_key (position_keys, key);
      if (k >= 0 && (order.seen & (G_GUINT64_CONSTANT (1) << k)))
        goto fail;
      moi_json_key_order_add (&order, k, key);
      if (k == 0 ? !scan_coordinate (scanner, &self->x, &x_integer) :
          k == 1 ? !scan_coordinate (scanner, &self->y, &y_integer) :
          !moi_json_scanner_member_into (scanner, key, length, &self->position_extra))
        goto fail;
      if (!moi_json_scanner_next (scanner, '}', &done))
        goto fail;
    }

  /* x and y are required. */
  if (order.seen != 3)
    goto fail;
  self->x_integer = x_integer;
  self->y_integer = y_integer;
  self->position_order = moi_json_key_order_steal (&order);
  return TRUE;

fail:
  moi_json_key_order_clear (&order);
  return FALSE;
}

MoiComponent *
moi_component_new_from_scanner (MoiJsonScanner *scanner)
{
  g_autoptr(MoiComponent) self = NULL;
  MoiJsonKeyOrder order = { known_keys, 0, -1, NULL, NULL };
  gboolean done;

  g_return_val_if_fail (scanner != NULL, NULL);

  if (!moi_json_scanner_begin_object (scanner, &done))
    return NULL;

  self = g_object_new (MOI_TYPE_COMPONENT, NULL);
  order.unknown = &self->extra;
  while (!done)
    {
      gsize length;
      const char *key = moi_json_scanner_key (scanner, &length);
      gboolean ok = FALSE;
      int k;

      if (key == NULL)
        goto fail;
      k = moi_json_find_key (known_keys, key);
      if (k >= 0 && (self->present & (1u << k)))
        goto fail;
      moi_json_key_order_add (&order, k, key);

      switch (k)
        {
        case KEY_NAME:
          ok = scan_string (scanner, FALSE, &self->name) && self->name[0] != '\0';
          break;
        case KEY_TYPE:
          ok = scan_string (scanner, FALSE, &self->type);
          break;
        case KEY_COMPONENT_ID:
          ok = scan_string (scanner, TRUE, &self->component_id);
          break;
        case KEY_INTRO:
          ok = scan_string (scanner, TRUE, &self->intro);
          break;
        case KEY_POSITION:
          ok = scan_position (self, scanner);
          break;
        case KEY_INPUT_KEYS:
          ok = scan_object_or_null (scanner, &self->input_keys);
          break;
        case KEY_OUTPUT_KEYS:
          ok = scan_object_or_null (scanner, &self->output_keys);
          break;
        case KEY_INIT_PARAMETERS:
          ok = scan_object_or_null (scanner, &self->init_parameters);
          self->init_parameters_null = self->init_parameters == NULL;
          break;
        default:
          ok = moi_json_scanner_member_into (scanner, key, length, &self->extra);
          break;
        }
      if (!ok || !moi_json_scanner_next (scanner, '}', &done))
        goto fail;
      if (k >= 0)
        self->present |= 1u << k;
    }

  if (!(self->present & (1u << KEY_NAME)) || !(self->present & (1u << KEY_TYPE)))
    goto fail;
  self->order = moi_json_key_order_steal (&order);
  return g_steal_pointer (&self);

fail:
  moi_json_key_order_clear (&order);
  return NULL;
}

MoiComponent *
moi_component_new_from_json_object (JsonObject  *object,
                                    GError     **error)
{
  return moi_component_new_from_json_object_at (object, G_MAXUINT, error);
}

/* Integral values that were integers stay integers: 10 must not become 10.0. */
static gboolean
coordinate_is_integer (double   value,
                       gboolean integer)
{
  return integer && value == floor (value) && fabs (value) < 9007199254740992.0;
}

static void
append_coordinate (GString  *out,
                   double    value,
                   gboolean  integer)
{
  if (coordinate_is_integer (value, integer))
    moi_json_append_int (out, (gint64) value);
  else
    moi_json_append_double (out, value);
}

static gboolean
append_position_member (GString    *out,
                        const char *key,
                        guint       known_index,
                        gboolean    pretty,
                        guint       level,
                        gpointer    user_data)
{
  MoiComponent *self = user_data;

  if (known_index == 0)
    append_coordinate (out, self->x, self->x_integer);
  else
    append_coordinate (out, self->y, self->y_integer);
  return TRUE;
}

/* Whether @k is written as null: absent keys are not written at all. */
static gboolean
key_is_null (MoiComponent *self,
             Key           k)
{
  switch (k)
    {
    case KEY_NAME:
      return self->name == NULL;
    case KEY_TYPE:
      return self->type == NULL;
    case KEY_COMPONENT_ID:
      return self->component_id == NULL;
    case KEY_INTRO:
      return self->intro == NULL;
    case KEY_POSITION:
      return self->position_null;
    case KEY_INPUT_KEYS:
      return self->input_keys == NULL;
    case KEY_OUTPUT_KEYS:
      return self->output_keys == NULL;
    case KEY_INIT_PARAMETERS:
      return self->init_parameters == NULL ||
             (self->init_parameters_null && json_object_get_size (self->init_parameters) == 0);
    case N_KEYS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
append_component_member (GString    *out,
                         const char *key,
                         guint       known_index,
                         gboolean    pretty,
                         guint       level,
                         gpointer    user_data)
{
  MoiComponent *self = user_data;
  Key k = known_index;

  g_assert (k < N_KEYS);

  if (!(self->present & (1u << k)))
    return FALSE;
  if (key_is_null (self, k))
    {
      g_string_append_len (out, "null", 4);
      return TRUE;
    }

  switch (k)
    {
    case KEY_NAME:
      moi_json_append_string (out, self->name);
      break;
    case KEY_TYPE:
      moi_json_append_string (out, self->type);
      break;
    case KEY_COMPONENT_ID:
      moi_json_append_string (out, self->component_id);
      break;
    case KEY_INTRO:
      moi_json_append_string (out, self->intro);
      break;
    case KEY_POSITION:
      moi_json_append_ordered (out, pretty, level,
                               (const char * const *) self->position_order, position_keys,
                               self->position_extra, append_position_member, self);
      break;
    case KEY_INPUT_KEYS:
      moi_json_append_object (out, self->input_keys, pretty, level);
      break;
    case KEY_OUTPUT_KEYS:
      moi_json_append_object (out, self->output_keys, pretty, level);
      break;
    case KEY_INIT_PARAMETERS:
      moi_json_append_object (out, self->init_parameters, pretty, level);
      break;
    case N_KEYS:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

JsonObject *
moi_component_to_json_object (MoiComponent *self)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);

  /* Read back from what it writes: one writer, so tree and text agree. */
  out = g_string_new (NULL);
  moi_component_append_json (self, out, FALSE, 0);
  node = moi_json_parse_written (out->str, out->len);
  return json_node_dup_object (node);
}

void
moi_component_append_json (MoiComponent *self,
                           GString      *out,
                           gboolean      pretty,
                           guint         level)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (out != NULL);

  moi_json_append_ordered (out, pretty, level, (const char * const *) self->order, known_keys,
                           self->extra, append_component_member, self);
}

MoiComponent *
moi_component_copy (MoiComponent *self)
{
  MoiComponent *copy;

  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);

  copy = g_object_new (MOI_TYPE_COMPONENT, NULL);
  copy->name = g_strdup (self->name);
  copy->type = g_strdup (self->type);
  copy->component_id = g_strdup (self->component_id);
  copy->intro = g_strdup (self->intro);
  copy->x = self->x;
  copy->y = self->y;
  copy->x_integer = self->x_integer;
  copy->y_integer = self->y_integer;
  copy->position_null = self->position_null;
  copy->init_parameters_null = self->init_parameters_null;
  copy->position_extra = moi_json_object_deep_copy (self->position_extra);
  copy->position_order = g_strdupv (self->position_order);
  copy->input_keys = moi_json_object_deep_copy (self->input_keys);
  copy->output_keys = moi_json_object_deep_copy (self->output_keys);
  copy->init_parameters = moi_json_object_deep_copy (self->init_parameters);
  copy->present = self->present;
  copy->extra = moi_json_object_deep_copy (self->extra);
  copy->order = g_strdupv (self->order);

  return copy;
}

gboolean
moi_component_equal (MoiComponent *a,
                     MoiComponent *b)
{
  g_autoptr(GString) sa = NULL;
  g_autoptr(GString) sb = NULL;

  g_return_val_if_fail (MOI_IS_COMPONENT (a), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (b), FALSE);

  if (a == b)
    return TRUE;

  /* Equal means "writes the same JSON": every key, in order, same values. */
  sa = g_string_new (NULL);
  sb = g_string_new (NULL);
  moi_component_append_json (a, sa, FALSE, 0);
  moi_component_append_json (b, sb, FALSE, 0);
  return g_string_equal (sa, sb);
}

gboolean
moi_component_has_key (MoiComponent *self,
                       const char   *key)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < N_KEYS; i++)
    if (g_str_equal (key, known_keys[i]))
      return (self->present & (1u << i)) != 0;
  return self->extra != NULL && json_object_has_member (self->extra, key);
}

static gboolean
set_string_field (MoiComponent *self,
                  char        **field,
                  Key           key,
                  const char   *value,
                  GParamSpec   *pspec)
{
  /* NULL on an absent key stays absent rather than becoming "key": null. */
  if (g_strcmp0 (*field, value) == 0 && ((self->present & (1u << key)) || value == NULL))
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  self->present |= 1u << key;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

const char *
moi_component_get_name (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->name;
}

void
moi_component_set_name (MoiComponent *self,
                        const char   *name)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (name != NULL);

  set_string_field (self, &self->name, KEY_NAME, name, properties[PROP_NAME]);
}

const char *
moi_component_get_component_type (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->type;
}

void
moi_component_set_component_type (MoiComponent *self,
                                  const char   *type)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (type != NULL);

  set_string_field (self, &self->type, KEY_TYPE, type, properties[PROP_TYPE]);
}

const char *
moi_component_get_short_type (MoiComponent *self)
{
  const char *dot;

  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);

  if (self->type == NULL)
    return NULL;
  dot = strrchr (self->type, '.');
  return dot != NULL ? dot + 1 : self->type;
}

const char *
moi_component_get_component_id (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->component_id;
}

void
moi_component_set_component_id (MoiComponent *self,
                                const char   *component_id)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  set_string_field (self, &self->component_id, KEY_COMPONENT_ID, component_id,
                    properties[PROP_COMPONENT_ID]);
}

const char *
moi_component_get_intro (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->intro;
}

void
moi_component_set_intro (MoiComponent *self,
                         const char   *intro)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  set_string_field (self, &self->intro, KEY_INTRO, intro, properties[PROP_INTRO]);
}

void
moi_component_get_position (MoiComponent *self,
                            double       *x,
                            double       *y)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  if (x != NULL)
    *x = self->x;
  if (y != NULL)
    *y = self->y;
}

void
moi_component_set_position (MoiComponent *self,
                            double        x,
                            double        y)
{
  gboolean x_changed, y_changed;

  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (isfinite (x) && isfinite (y));

  x_changed = x != self->x;
  y_changed = y != self->y;
  if (!x_changed && !y_changed && !self->position_null &&
      (self->present & (1u << KEY_POSITION)))
    return;

  self->x = x;
  self->y = y;
  self->position_null = FALSE;
  self->present |= 1u << KEY_POSITION;

  g_object_freeze_notify (G_OBJECT (self));
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
moi_component_is_at (MoiComponent *self,
                     double        x,
                     double        y)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), FALSE);

  return (self->present & (1u << KEY_POSITION)) && !self->position_null &&
         self->x == x && self->y == y;
}

gboolean
moi_component_get_position_null (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), FALSE);
  return (self->present & (1u << KEY_POSITION)) && self->position_null;
}

void
moi_component_set_position_null (MoiComponent *self)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  if (moi_component_get_position_null (self))
    return;

  self->position_null = TRUE;
  self->present |= 1u << KEY_POSITION;
  /* x and y keep their values: a view still has somewhere to draw it. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
}

JsonObject *
moi_component_get_input_keys (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->input_keys;
}

JsonObject *
moi_component_get_output_keys (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  return self->output_keys;
}

static void
set_keys_object (MoiComponent  *self,
                 JsonObject   **field,
                 Key            key,
                 JsonObject    *value,
                 GParamSpec    *pspec)
{
  if ((self->present & (1u << key)) && moi_json_object_write_equal (*field, value))
    return;

  g_clear_pointer (field, json_object_unref);
  *field = moi_json_object_deep_copy (value);
  self->present |= 1u << key;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
moi_component_set_input_keys (MoiComponent *self,
                              JsonObject   *input_keys)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  set_keys_object (self, &self->input_keys, KEY_INPUT_KEYS, input_keys,
                   properties[PROP_INPUT_KEYS]);
}

void
moi_component_set_output_keys (MoiComponent *self,
                               JsonObject   *output_keys)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  set_keys_object (self, &self->output_keys, KEY_OUTPUT_KEYS, output_keys,
                   properties[PROP_OUTPUT_KEYS]);
}

JsonObject *
moi_component_get_init_parameters (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);

  /* Callers always get an object; an absent or null init_parameters stays
   * absent or null on write while it remains empty. */
  if (self->init_parameters == NULL)
    self->init_parameters = json_object_new ();
  return self->init_parameters;
}

JsonNode *
moi_component_get_parameter (MoiComponent *self,
                             const char   *key)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->init_parameters == NULL)
    return NULL;
  return json_object_get_member (self->init_parameters, key);
}

static void
parameters_changed (MoiComponent *self,
                    const char   *key)
{
  self->present |= 1u << KEY_INIT_PARAMETERS;
  g_signal_emit (self, signals[PARAMETER_CHANGED], key ? g_quark_from_string (key) : 0, key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INIT_PARAMETERS]);
}

void
moi_component_set_parameter (MoiComponent *self,
                             const char   *key,
                             JsonNode     *value)
{
  JsonObject *parameters;
  JsonNode *old;
  g_autofree char *key_copy = NULL;

  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (key != NULL);

  /* @key may be owned by the parameters object itself (a members list):
   * setting or removing the member frees it, so work on a copy. */
  key = key_copy = g_strdup (key);
  parameters = moi_component_get_init_parameters (self);
  old = json_object_get_member (parameters, key);

  if (value == NULL)
    {
      if (old == NULL)
        return;
      json_object_remove_member (parameters, key);
    }
  else
    {
      /* Compare as written so that 1 and 1.0 count as different edits. */
      if (moi_json_node_write_equal (old, value))
        return;
      json_object_set_member (parameters, key, moi_json_node_deep_copy (value));
    }

  parameters_changed (self, key);
}

void
moi_component_set_init_parameters (MoiComponent *self,
                                   JsonObject   *parameters)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));

  if (parameters == self->init_parameters && parameters != NULL)
    return;

  g_clear_pointer (&self->init_parameters, json_object_unref);
  self->init_parameters = parameters != NULL ? moi_json_object_deep_copy (parameters)
                                             : json_object_new ();
  if (parameters != NULL)
    self->init_parameters_null = FALSE;
  parameters_changed (self, NULL);
}

void
moi_component_insert_parameter (MoiComponent *self,
                                guint         position,
                                const char   *key,
                                JsonNode     *value)
{
  JsonObject *parameters;
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) moved_keys = NULL;
  g_autoptr(GPtrArray) moved_nodes = NULL;
  guint i = 0;

  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (key != NULL);

  parameters = moi_component_get_init_parameters (self);
  if (value == NULL || json_object_has_member (parameters, key))
    {
      moi_component_set_parameter (self, key, value);
      return;
    }

  /* JsonObject only appends: take the members after @position out and put
   * them back after the new one, keeping the object itself (callers may
   * hold it). */
  moved_keys = g_ptr_array_new_with_free_func (g_free);
  moved_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  members = json_object_get_members (parameters);
  for (const GList *l = members; l != NULL; l = l->next, i++)
    {
      if (i < position)
        continue;
      g_ptr_array_add (moved_keys, g_strdup (l->data));
      g_ptr_array_add (moved_nodes, json_node_ref (json_object_get_member (parameters, l->data)));
    }
  for (guint j = 0; j < moved_keys->len; j++)
    json_object_remove_member (parameters, g_ptr_array_index (moved_keys, j));

  json_object_set_member (parameters, key, moi_json_node_deep_copy (value));
  for (guint j = 0; j < moved_keys->len; j++)
    json_object_set_member (parameters, g_ptr_array_index (moved_keys, j),
                            json_node_ref (g_ptr_array_index (moved_nodes, j)));

  parameters_changed (self, key);
}

int
moi_component_get_parameter_index (MoiComponent *self,
                                   const char   *key)
{
  g_autoptr(GList) members = NULL;
  int i = 0;

  g_return_val_if_fail (MOI_IS_COMPONENT (self), -1);
  g_return_val_if_fail (key != NULL, -1);

  if (self->init_parameters == NULL)
    return -1;
  members = json_object_get_members (self->init_parameters);
  for (const GList *l = members; l != NULL; l = l->next, i++)
    if (g_str_equal (l->data, key))
      return i;
  return -1;
}

void
moi_component_remove_key (MoiComponent *self,
                          const char   *key)
{
  g_return_if_fail (MOI_IS_COMPONENT (self));
  g_return_if_fail (key != NULL);

  for (guint k = 0; k < N_KEYS; k++)
    {
      if (!g_str_equal (key, known_keys[k]))
        continue;

      g_return_if_fail (k != KEY_NAME && k != KEY_TYPE);
      if (!(self->present & (1u << k)))
        return;
      self->present &= ~(1u << k);

      switch ((Key) k)
        {
        case KEY_COMPONENT_ID:
          g_clear_pointer (&self->component_id, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPONENT_ID]);
          break;
        case KEY_INTRO:
          g_clear_pointer (&self->intro, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTRO]);
          break;
        case KEY_POSITION:
          self->position_null = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
          break;
        case KEY_INPUT_KEYS:
          g_clear_pointer (&self->input_keys, json_object_unref);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_KEYS]);
          break;
        case KEY_OUTPUT_KEYS:
          g_clear_pointer (&self->output_keys, json_object_unref);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_KEYS]);
          break;
        case KEY_INIT_PARAMETERS:
          /* Emptied in place: callers may hold the object. */
          if (self->init_parameters != NULL)
            {
              g_autoptr(GList) members = json_object_get_members (self->init_parameters);

              for (const GList *l = members; l != NULL; l = l->next)
                json_object_remove_member (self->init_parameters, l->data);
            }
          self->init_parameters_null = FALSE;
          g_signal_emit (self, signals[PARAMETER_CHANGED], 0, NULL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INIT_PARAMETERS]);
          break;
        case KEY_NAME:
        case KEY_TYPE:
        case N_KEYS:
        default:
          g_assert_not_reached ();
        }
      return;
    }

  if (self->extra != NULL)
    json_object_remove_member (self->extra, key);
}

JsonObject *
moi_component_get_extra (MoiComponent *self)
{
  g_return_val_if_fail (MOI_IS_COMPONENT (self), NULL);

  /* Callers may add keys to it: an object, even for a component without. */
  if (self->extra == NULL)
    self->extra = json_object_new ();
  return self->extra;
}
