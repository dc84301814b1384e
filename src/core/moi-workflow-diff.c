/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-json-writer.h"
#include "moi-workflow-diff.h"

/* Longest value text a description shows before cutting it. */
#define DESCRIBE_VALUE_MAX 60

G_DEFINE_QUARK (moi-workflow-change-error-quark, moi_workflow_change_error)

G_DEFINE_ENUM_TYPE (MoiWorkflowChangeKind, moi_workflow_change_kind,
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_COMPONENT_ADDED, "component-added"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED, "component-removed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_COMPONENT_MOVED, "component-moved"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED, "component-renamed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_TYPE_CHANGED, "type-changed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_INTRO_CHANGED, "intro-changed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_ID_CHANGED, "id-changed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, "parameter-changed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_KEY_CHANGED, "key-changed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_CONNECTION_ADDED, "connection-added"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED, "connection-removed"))

/* ---------------------------------------------------------------------- */
/* JSON comparison                                                         */

/* Equal JSON values: objects as sets of keys (the order of keys is not a
 * change anyone made on purpose), arrays element by element, scalars of the
 * same JSON type only: 1 and 1.0 differ, as the model writes them differently. */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      if (json_node_get_value_type (a) == G_TYPE_DOUBLE)
        return json_node_get_double (a) == json_node_get_double (b);
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return json_node_equal (a, b);

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);
        guint n = json_array_get_length (x);

        if (n != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!json_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a);
        JsonObject *y = json_node_get_object (b);
        JsonObjectIter iter;
        const char *key;
        JsonNode *value;

        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        json_object_iter_init (&iter, x);
        while (json_object_iter_next (&iter, &key, &value))
          if (!json_equal (value, json_object_get_member (y, key)))
            return FALSE;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
object_node (JsonObject *object)
{
  return object != NULL ? json_node_init_object (json_node_alloc (), object) : NULL;
}

/* The same for a new object: takes it. */
static JsonNode *
take_object_node (JsonObject *object)
{
  g_autoptr(JsonObject) owned = object;

  return object_node (owned);
}

static JsonNode *
string_node (const char *text)
{
  return text != NULL ? json_node_init_string (json_node_alloc (), text) : NULL;
}

static JsonNode *
position_node (double x,
               double y)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_double_member (object, "x", x);
  json_object_set_double_member (object, "y", y);
  return object_node (object);
}

/* The catalog default of init parameter @key of @type, or NULL. */
static JsonNode *
parameter_default (MoiCatalog *catalog,
                   const char *type,
                   const char *key)
{
  MoiComponentSpec *spec;

  if (catalog == NULL || type == NULL)
    return NULL;
  spec = moi_catalog_lookup (catalog, type);
  return spec != NULL ? moi_component_spec_get_parameter_default (spec, key) : NULL;
}

/* ---------------------------------------------------------------------- */
/* MoiWorkflowChange                                                       */

struct _MoiWorkflowChange
{
  GObject                parent_instance;

  MoiWorkflowChangeKind  kind;
  char                  *name;             /* in A; in B for added */
  char                  *new_name;         /* in B */
  char                  *component_id;     /* in A; in B for added */
  char                 **path;
  char                  *path_text;
  JsonNode              *old_value;
  JsonNode              *new_value;

  /* Connections: the strings, and the ids of their end components so that
   * another workflow where they were renamed still finds them. */
  char                  *sender;
  char                  *receiver;
  char                  *sender_id;
  char                  *receiver_id;

  /* Added components go right after this one (B's previous component). */
  char                  *anchor_name;
  char                  *anchor_id;
};

G_DEFINE_FINAL_TYPE (MoiWorkflowChange, moi_workflow_change, G_TYPE_OBJECT)

enum {
  CHANGE_PROP_0,
  CHANGE_PROP_KIND,
  CHANGE_PROP_COMPONENT_NAME,
  CHANGE_PROP_PATH,
  CHANGE_PROP_DESCRIPTION,
  N_CHANGE_PROPS
};

static GParamSpec *change_properties[N_CHANGE_PROPS];

static void
moi_workflow_change_finalize (GObject *object)
{
  MoiWorkflowChange *self = (MoiWorkflowChange *)object;

  g_free (self->name);
  g_free (self->new_name);
  g_free (self->component_id);
  g_strfreev (self->path);
  g_free (self->path_text);
  g_clear_pointer (&self->old_value, json_node_unref);
  g_clear_pointer (&self->new_value, json_node_unref);
  g_free (self->sender);
  g_free (self->receiver);
  g_free (self->sender_id);
  g_free (self->receiver_id);
  g_free (self->anchor_name);
  g_free (self->anchor_id);

  G_OBJECT_CLASS (moi_workflow_change_parent_class)->finalize (object);
}

static void
moi_workflow_change_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MoiWorkflowChange *self = MOI_WORKFLOW_CHANGE (object);

  switch (prop_id)
    {
    case CHANGE_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case CHANGE_PROP_COMPONENT_NAME:
      g_value_set_string (value, self->name);
      break;

    case CHANGE_PROP_PATH:
      g_value_set_string (value, self->path_text);
      break;

    case CHANGE_PROP_DESCRIPTION:
      g_value_take_string (value, moi_workflow_change_describe (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_workflow_change_class_init (MoiWorkflowChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_workflow_change_finalize;
  object_class->get_property = moi_workflow_change_get_property;

  change_properties[CHANGE_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MOI_TYPE_WORKFLOW_CHANGE_KIND, MOI_WORKFLOW_CHANGE_COMPONENT_ADDED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  change_properties[CHANGE_PROP_COMPONENT_NAME] =
    g_param_spec_string ("component-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  change_properties[CHANGE_PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  change_properties[CHANGE_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_CHANGE_PROPS, change_properties);
}

static void
moi_workflow_change_init (MoiWorkflowChange *self)
{
}

/* Takes @old_value and @new_value. */
static MoiWorkflowChange *
change_new (MoiWorkflowChangeKind  kind,
            MoiComponent          *a,
            MoiComponent          *b,
            JsonNode              *old_value,
            JsonNode              *new_value)
{
  MoiWorkflowChange *self = g_object_new (MOI_TYPE_WORKFLOW_CHANGE, NULL);
  MoiComponent *first = a != NULL ? a : b;

  self->kind = kind;
  if (first != NULL)
    {
      self->name = g_strdup (moi_component_get_name (first));
      self->component_id = g_strdup (moi_component_get_component_id (first));
      self->new_name = g_strdup (moi_component_get_name (b != NULL ? b : a));
    }
  self->old_value = old_value;
  self->new_value = new_value;

  return self;
}

static void
change_set_path (MoiWorkflowChange  *self,
                 const char * const *path)
{
  self->path = g_strdupv ((char **) path);
  self->path_text = g_strjoinv (".", self->path);
}

MoiWorkflowChangeKind
moi_workflow_change_get_kind (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), 0);

  return self->kind;
}

const char *
moi_workflow_change_get_component_name (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->name;
}

const char *
moi_workflow_change_get_new_component_name (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->new_name;
}

const char *
moi_workflow_change_get_component_id (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->component_id;
}

const char *
moi_workflow_change_get_path (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->path_text;
}

const char * const *
moi_workflow_change_get_path_elements (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return (const char * const *) self->path;
}

JsonNode *
moi_workflow_change_get_old_value (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->old_value;
}

JsonNode *
moi_workflow_change_get_new_value (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->new_value;
}

const char *
moi_workflow_change_get_sender (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->sender;
}

const char *
moi_workflow_change_get_receiver (MoiWorkflowChange *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  return self->receiver;
}

/* A value as people read it in one line: JSON, cut when long. */
static char *
value_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return g_strdup (_("(absent)"));

  text = moi_json_to_string (node, FALSE, NULL);
  if (g_utf8_strlen (text, -1) > DESCRIBE_VALUE_MAX)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, DESCRIBE_VALUE_MAX - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static void
position_of (JsonNode *node,
             double   *x,
             double   *y)
{
  JsonObject *object = json_node_get_object (node);

  *x = json_object_get_double_member (object, "x");
  *y = json_object_get_double_member (object, "y");
}

char *
moi_workflow_change_describe (MoiWorkflowChange *self)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), NULL);

  old_text = value_text (self->old_value);
  new_text = value_text (self->new_value);

  switch (self->kind)
    {
    case MOI_WORKFLOW_CHANGE_COMPONENT_ADDED:
      return g_strdup_printf (_("Component “%s” added"), self->name);

    case MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED:
      return g_strdup_printf (_("Component “%s” removed"), self->name);

    case MOI_WORKFLOW_CHANGE_COMPONENT_MOVED:
      {
        double x0, y0, x1, y1;

        position_of (self->old_value, &x0, &y0);
        position_of (self->new_value, &x1, &y1);
        return g_strdup_printf (_("Component “%s” moved from (%g, %g) to (%g, %g)"),
                                self->name, x0, y0, x1, y1);
      }

    case MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED:
      return g_strdup_printf (_("Component “%s” renamed to “%s”"), self->name, self->new_name);

    case MOI_WORKFLOW_CHANGE_TYPE_CHANGED:
      return g_strdup_printf (_("Type of “%s” changed from %s to %s"),
                              self->name, old_text, new_text);

    case MOI_WORKFLOW_CHANGE_INTRO_CHANGED:
      return g_strdup_printf (_("Description of “%s” changed from %s to %s"),
                              self->name, old_text, new_text);

    case MOI_WORKFLOW_CHANGE_ID_CHANGED:
      return g_strdup_printf (_("Component ID of “%s” changed from %s to %s"),
                              self->name, old_text, new_text);

    case MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED:
      if (self->old_value == NULL)
        return g_strdup_printf (_("Parameter “%s” of “%s” set to %s"),
                                self->path_text, self->name, new_text);
      if (self->new_value == NULL)
        return g_strdup_printf (_("Parameter “%s” of “%s” removed (was %s)"),
                                self->path_text, self->name, old_text);
      return g_strdup_printf (_("Parameter “%s” of “%s” changed from %s to %s"),
                              self->path_text, self->name, old_text, new_text);

    case MOI_WORKFLOW_CHANGE_KEY_CHANGED:
      if (self->name == NULL)
        return g_strdup_printf (_("Workflow key “%s” changed from %s to %s"),
                                self->path_text, old_text, new_text);
      return g_strdup_printf (_("Key “%s” of “%s” changed from %s to %s"),
                              self->path_text, self->name, old_text, new_text);

    case MOI_WORKFLOW_CHANGE_CONNECTION_ADDED:
      return g_strdup_printf (_("Connection %s → %s added"), self->sender, self->receiver);

    case MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED:
      return g_strdup_printf (_("Connection %s → %s removed"), self->sender, self->receiver);

    default:
      g_assert_not_reached ();
    }
}

/* The component a change is about, in any workflow: by id, then by name. */
static MoiComponent *
resolve (MoiWorkflow *target,
         const char  *component_id,
         const char  *name)
{
  MoiComponent *found = NULL;

  if (component_id != NULL && component_id[0] != '\0')
    found = moi_workflow_find_component_by_id (target, component_id);
  if (found == NULL && name != NULL)
    found = moi_workflow_find_component (target, name);

  return found;
}

static gboolean
set_not_found (MoiWorkflowChange  *self,
               const char         *name,
               GError            **error)
{
  g_autofree char *what = moi_workflow_change_describe (self);

  g_set_error (error, MOI_WORKFLOW_CHANGE_ERROR, MOI_WORKFLOW_CHANGE_ERROR_NOT_FOUND,
               _("Cannot apply “%s”: there is no component “%s” in this workflow"),
               what, name);
  return FALSE;
}

static gboolean
set_conflict (MoiWorkflowChange  *self,
              MoiComponent       *component,
              JsonNode           *found,
              GError            **error)
{
  g_autofree char *what = moi_workflow_change_describe (self);
  g_autofree char *found_text = value_text (found);

  g_set_error (error, MOI_WORKFLOW_CHANGE_ERROR, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT,
               _("Cannot apply “%s”: component “%s” has %s there instead"),
               what, moi_component_get_name (component), found_text);
  return FALSE;
}

/* Follows @path in @parameters; NULL when a step is missing or not an object
 * (*parent_missing then tells whether the last step's object is missing). */
static JsonNode *
lookup_path (JsonObject         *parameters,
             const char * const *path,
             gboolean           *parent_missing)
{
  JsonObject *object = parameters;

  *parent_missing = FALSE;
  for (guint i = 0; path[i + 1] != NULL; i++)
    {
      JsonNode *child = object != NULL ? json_object_get_member (object, path[i]) : NULL;

      if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child))
        {
          *parent_missing = TRUE;
          return NULL;
        }
      object = json_node_get_object (child);
    }

  return object != NULL ? json_object_get_member (object, path[g_strv_length ((char **) path) - 1])
                        : NULL;
}

/* For top-level parameters, absent means "the default". */
static gboolean
parameter_values_equal (JsonNode   *a,
                        JsonNode   *b,
                        JsonNode   *fallback)
{
  return json_equal (a != NULL ? a : fallback, b != NULL ? b : fallback);
}

static gboolean
apply_parameter (MoiWorkflowChange  *self,
                 MoiComponent       *component,
                 MoiCatalog         *catalog,
                 GError            **error)
{
  const char * const *path = (const char * const *) self->path;
  JsonObject *parameters = moi_component_get_init_parameters (component);
  JsonNode *fallback = NULL;
  gboolean parent_missing;
  JsonNode *current;
  g_autoptr(JsonNode) top = NULL;
  JsonObject *parent;

  if (path[1] == NULL)
    fallback = parameter_default (catalog, moi_component_get_component_type (component), path[0]);

  current = lookup_path (parameters, path, &parent_missing);
  if (parent_missing)
    return set_conflict (self, component, NULL, error);
  if (parameter_values_equal (current, self->new_value, fallback))
    return TRUE;
  if (!parameter_values_equal (current, self->old_value, fallback))
    return set_conflict (self, component, current, error);

  if (path[1] == NULL)
    {
      moi_component_set_parameter (component, path[0], self->new_value);
      return TRUE;
    }

  /* Nested: edit a copy of the top-level value and set it back whole, so
   * that the component tells its views. */
  top = moi_json_node_deep_copy (json_object_get_member (parameters, path[0]));
  parent = json_node_get_object (top);
  for (guint i = 1; path[i + 1] != NULL; i++)
    parent = json_object_get_object_member (parent, path[i]);
  if (self->new_value != NULL)
    json_object_set_member (parent, path[g_strv_length ((char **) path) - 1],
                            moi_json_node_deep_copy (self->new_value));
  else
    json_object_remove_member (parent, path[g_strv_length ((char **) path) - 1]);
  moi_component_set_parameter (component, path[0], top);

  return TRUE;
}

static JsonObject *
keys_object (MoiComponent *component,
             const char   *key)
{
  if (g_str_equal (key, "input_keys"))
    return moi_component_get_input_keys (component);
  if (g_str_equal (key, "output_keys"))
    return moi_component_get_output_keys (component);
  return NULL;
}

/* input_keys, output_keys, or an extra key such as extra_node_info. */
static JsonNode *
dup_key_value (MoiComponent *component,
               const char   *key)
{
  JsonObject *keys = keys_object (component, key);
  JsonObject *extra;

  if (keys != NULL)
    return object_node (keys);
  if (g_str_equal (key, "input_keys") || g_str_equal (key, "output_keys"))
    return NULL;
  extra = moi_component_get_extra (component);
  if (extra == NULL || !json_object_has_member (extra, key))
    return NULL;
  return json_node_ref (json_object_get_member (extra, key));
}

static gboolean
apply_key (MoiWorkflowChange  *self,
           MoiComponent       *component,
           GError            **error)
{
  const char *key = self->path[0];
  g_autoptr(JsonNode) current = dup_key_value (component, key);
  JsonObject *keys;

  if (json_equal (current, self->new_value))
    return TRUE;
  if (!json_equal (current, self->old_value))
    return set_conflict (self, component, current, error);

  /* These objects have no setter in the model: they are edited in place. */
  keys = keys_object (component, key);
  if (keys != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (keys);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (self->new_value == NULL || !JSON_NODE_HOLDS_OBJECT (self->new_value))
        return set_conflict (self, component, current, error);
      for (const GList *l = members; l != NULL; l = l->next)
        json_object_remove_member (keys, l->data);
      json_object_iter_init (&iter, json_node_get_object (self->new_value));
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (keys, member, moi_json_node_deep_copy (value));
      return TRUE;
    }

  if (g_str_equal (key, "input_keys") || g_str_equal (key, "output_keys"))
    return set_conflict (self, component, current, error);

  if (self->new_value != NULL)
    json_object_set_member (moi_component_get_extra (component), key,
                            moi_json_node_deep_copy (self->new_value));
  else
    json_object_remove_member (moi_component_get_extra (component), key);
  return TRUE;
}

/* "edges", "extra_components" or another top-level key of the workflow. */
static gboolean
apply_workflow_key (MoiWorkflowChange  *self,
                    MoiWorkflow        *target,
                    GError            **error)
{
  JsonObject *extra = moi_workflow_get_extra (target);
  const char *key = self->path[0];
  JsonNode *current = json_object_get_member (extra, key);

  if (json_equal (current, self->new_value))
    return TRUE;
  if (!json_equal (current, self->old_value))
    {
      g_autofree char *what = moi_workflow_change_describe (self);
      g_autofree char *found = value_text (current);

      g_set_error (error, MOI_WORKFLOW_CHANGE_ERROR, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT,
                   _("Cannot apply “%s”: the workflow has %s there instead"), what, found);
      return FALSE;
    }

  /* No setter in the model: these keys are kept as read, edited in place. */
  if (self->new_value != NULL)
    json_object_set_member (extra, key, moi_json_node_deep_copy (self->new_value));
  else
    json_object_remove_member (extra, key);
  return TRUE;
}

/* A string-valued property: type, intro, component_id. */
static gboolean
apply_string (MoiWorkflowChange  *self,
              MoiComponent       *component,
              const char         *current,
              void              (*setter) (MoiComponent *, const char *),
              GError            **error)
{
  const char *old_text = self->old_value != NULL ? json_node_get_string (self->old_value) : NULL;
  const char *new_text = self->new_value != NULL ? json_node_get_string (self->new_value) : NULL;

  if (g_strcmp0 (current, new_text) == 0)
    return TRUE;
  if (g_strcmp0 (current, old_text) != 0)
    {
      g_autoptr(JsonNode) found = string_node (current);

      return set_conflict (self, component, found, error);
    }
  setter (component, new_text);
  return TRUE;
}

static gboolean
apply_added (MoiWorkflowChange  *self,
             MoiWorkflow        *target,
             GError            **error)
{
  g_autoptr(MoiComponent) component = NULL;
  MoiComponent *existing;
  MoiComponent *anchor;
  guint position = 0;

  component = moi_component_new_from_json_object (json_node_get_object (self->new_value), error);
  if (component == NULL)
    return FALSE;

  existing = resolve (target, self->component_id, self->name);
  if (existing == NULL)
    existing = moi_workflow_find_component (target, self->name);
  if (existing != NULL)
    {
      g_autoptr(JsonNode) found = NULL;

      if (moi_component_equal (existing, component))
        return TRUE;
      found = take_object_node (moi_component_to_json_object (existing));
      return set_conflict (self, existing, found, error);
    }

  if (self->anchor_name == NULL)
    position = 0;
  else if ((anchor = resolve (target, self->anchor_id, self->anchor_name)) != NULL &&
           moi_workflow_find_component_position (target, anchor, &position))
    position++;
  else
    position = G_MAXUINT;

  moi_workflow_insert_component (target, position, component);
  return TRUE;
}

/* "comp.socket" with comp replaced by @name. */
static char *
endpoint_in (const char *endpoint,
             const char *name)
{
  const char *dot = strchr (endpoint, '.');

  return dot != NULL ? g_strconcat (name, dot, NULL) : g_strdup (name);
}

/* The connection of @target joining the same components and sockets, if any. */
static MoiConnection *
find_connection (MoiWorkflow *target,
                 const char  *sender,
                 const char  *receiver)
{
  guint n = moi_workflow_get_n_connections (target);

  for (guint i = 0; i < n; i++)
    {
      MoiConnection *c = moi_workflow_get_connection (target, i);

      if (g_str_equal (moi_connection_get_sender (c), sender) &&
          g_str_equal (moi_connection_get_receiver (c), receiver))
        return c;
    }

  return NULL;
}

static gboolean
apply_connection (MoiWorkflowChange  *self,
                  MoiWorkflow        *target,
                  GError            **error)
{
  const char *sender_name = NULL, *receiver_name = NULL;
  g_autofree char *sender_component = NULL;
  g_autofree char *receiver_component = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *receiver = NULL;
  MoiComponent *s, *r;
  MoiConnection *existing;

  sender_component = g_strndup (self->sender, strcspn (self->sender, "."));
  receiver_component = g_strndup (self->receiver, strcspn (self->receiver, "."));
  s = resolve (target, self->sender_id, sender_component);
  r = resolve (target, self->receiver_id, receiver_component);
  sender_name = s != NULL ? moi_component_get_name (s) : sender_component;
  receiver_name = r != NULL ? moi_component_get_name (r) : receiver_component;
  sender = endpoint_in (self->sender, sender_name);
  receiver = endpoint_in (self->receiver, receiver_name);
  existing = find_connection (target, sender, receiver);

  if (self->kind == MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED)
    {
      /* Every copy goes; none left (or no component) is the wanted result. */
      while (existing != NULL)
        {
          moi_workflow_remove_connection (target, existing);
          existing = find_connection (target, sender, receiver);
        }
      return TRUE;
    }

  if (existing != NULL)
    return TRUE;
  if (s == NULL)
    return set_not_found (self, sender_component, error);
  if (r == NULL)
    return set_not_found (self, receiver_component, error);

  {
    JsonObject *wanted = json_node_get_object (self->new_value);
    g_autoptr(JsonObject) object = moi_json_object_deep_copy (wanted);
    g_autoptr(MoiConnection) connection = NULL;

    json_object_set_string_member (object, "sender", sender);
    json_object_set_string_member (object, "receiver", receiver);
    connection = moi_connection_new_from_json_object (object, 0, error);
    if (connection == NULL)
      return FALSE;
    moi_workflow_append_connection (target, connection);
  }

  return TRUE;
}

gboolean
moi_workflow_change_apply (MoiWorkflowChange  *self,
                           MoiWorkflow        *target,
                           MoiCatalog         *catalog,
                           GError            **error)
{
  MoiComponent *component;

  g_return_val_if_fail (MOI_IS_WORKFLOW_CHANGE (self), FALSE);
  g_return_val_if_fail (MOI_IS_WORKFLOW (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (self->kind)
    {
    case MOI_WORKFLOW_CHANGE_COMPONENT_ADDED:
      return apply_added (self, target, error);

    case MOI_WORKFLOW_CHANGE_CONNECTION_ADDED:
    case MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED:
      return apply_connection (self, target, error);

    case MOI_WORKFLOW_CHANGE_KEY_CHANGED:
      if (self->name == NULL)
        return apply_workflow_key (self, target, error);
      break;

    case MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED:
      /* Removing what is not there any more leaves the wanted result. */
      component = resolve (target, self->component_id, self->name);
      if (component != NULL)
        moi_workflow_remove_component (target, component);
      return TRUE;

    default:
      break;
    }

  component = resolve (target, self->component_id, self->name);
  if (component == NULL && self->kind == MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED)
    component = moi_workflow_find_component (target, self->new_name);
  if (component == NULL)
    return set_not_found (self, self->name, error);

  switch (self->kind)
    {
    case MOI_WORKFLOW_CHANGE_COMPONENT_MOVED:
      {
        g_autoptr(JsonNode) current = NULL;
        double x, y;

        moi_component_get_position (component, &x, &y);
        current = position_node (x, y);
        if (json_equal (current, self->new_value))
          return TRUE;
        if (!json_equal (current, self->old_value))
          return set_conflict (self, component, current, error);
        position_of (self->new_value, &x, &y);
        moi_component_set_position (component, x, y);
        return TRUE;
      }

    case MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED:
      {
        const char *current = moi_component_get_name (component);
        g_autoptr(JsonNode) found = NULL;

        if (g_strcmp0 (current, self->new_name) == 0)
          return TRUE;
        if (g_strcmp0 (current, self->name) != 0)
          {
            found = string_node (current);
            return set_conflict (self, component, found, error);
          }
        if (moi_workflow_find_component (target, self->new_name) != NULL)
          {
            g_autofree char *what = moi_workflow_change_describe (self);

            g_set_error (error, MOI_WORKFLOW_CHANGE_ERROR, MOI_WORKFLOW_CHANGE_ERROR_CONFLICT,
                         _("Cannot apply “%s”: another component is already named “%s”"),
                         what, self->new_name);
            return FALSE;
          }
        return moi_workflow_rename_component (target, component, self->new_name, error);
      }

    case MOI_WORKFLOW_CHANGE_TYPE_CHANGED:
      return apply_string (self, component, moi_component_get_component_type (component),
                           moi_component_set_component_type, error);

    case MOI_WORKFLOW_CHANGE_INTRO_CHANGED:
      return apply_string (self, component, moi_component_get_intro (component),
                           moi_component_set_intro, error);

    case MOI_WORKFLOW_CHANGE_ID_CHANGED:
      return apply_string (self, component, moi_component_get_component_id (component),
                           moi_component_set_component_id, error);

    case MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED:
      return apply_parameter (self, component, catalog, error);

    case MOI_WORKFLOW_CHANGE_KEY_CHANGED:
      return apply_key (self, component, error);

    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------- */
/* MoiWorkflowDiff                                                         */

struct _MoiWorkflowDiff
{
  GObject      parent_instance;

  MoiWorkflow *a;
  MoiWorkflow *b;
  MoiCatalog  *catalog;          /* unowned: the catalog outlives diffs */
  GPtrArray   *changes;
  GHashTable  *counterpart;      /* MoiComponent (A or B) → MoiComponent */
  GHashTable  *status;           /* MoiComponent → MoiWorkflowDiffStatus */
  GHashTable  *changes_of;       /* MoiComponent → GPtrArray of changes */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoiWorkflowDiff, moi_workflow_diff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_model_get_item_type (GListModel *model)
{
  return MOI_TYPE_WORKFLOW_CHANGE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return MOI_WORKFLOW_DIFF (model)->changes->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  MoiWorkflowDiff *self = MOI_WORKFLOW_DIFF (model);

  if (position >= self->changes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->changes, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
moi_workflow_diff_dispose (GObject *object)
{
  MoiWorkflowDiff *self = (MoiWorkflowDiff *)object;

  g_clear_pointer (&self->changes_of, g_hash_table_unref);
  g_clear_pointer (&self->status, g_hash_table_unref);
  g_clear_pointer (&self->counterpart, g_hash_table_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_object (&self->a);
  g_clear_object (&self->b);

  G_OBJECT_CLASS (moi_workflow_diff_parent_class)->dispose (object);
}

static void
moi_workflow_diff_class_init (MoiWorkflowDiffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_workflow_diff_dispose;
}

static void
moi_workflow_diff_init (MoiWorkflowDiff *self)
{
  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
  self->counterpart = g_hash_table_new (NULL, NULL);
  self->status = g_hash_table_new (NULL, NULL);
  self->changes_of = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) g_ptr_array_unref);
}

/* Changes are collected per phase, then concatenated in the order that lets
 * them all apply one after the other. */
typedef enum
{
  PHASE_CONNECTION_REMOVED,
  PHASE_COMPONENT_REMOVED,
  PHASE_RENAMED,
  PHASE_EDITED,
  PHASE_COMPONENT_ADDED,
  PHASE_CONNECTION_ADDED,
  N_PHASES
} Phase;

typedef struct
{
  MoiWorkflowDiff *self;
  GPtrArray       *phase[N_PHASES];
} Builder;

static void
note_component (MoiWorkflowDiff       *self,
                MoiComponent          *component,
                MoiWorkflowDiffStatus  status,
                MoiWorkflowChange     *change)
{
  GPtrArray *list;
  guint old;

  if (component == NULL)
    return;

  old = GPOINTER_TO_UINT (g_hash_table_lookup (self->status, component));
  g_hash_table_insert (self->status, component, GUINT_TO_POINTER (old | status));

  list = g_hash_table_lookup (self->changes_of, component);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->changes_of, component, list);
    }
  g_ptr_array_add (list, g_object_ref (change));
}

/* Takes @change. */
static void
add_change (Builder               *builder,
            Phase                  phase,
            MoiWorkflowChange     *change,
            MoiComponent          *a,
            MoiComponent          *b,
            MoiWorkflowDiffStatus  status)
{
  note_component (builder->self, a, status, change);
  note_component (builder->self, b, status, change);
  g_ptr_array_add (builder->phase[phase], change);
}

/* A's keys in A's order, then B's new keys in B's order: additions then
 * apply in the order B has them. The strings belong to the objects. */
static GPtrArray *
union_keys (JsonObject *a,
            JsonObject *b)
{
  g_autoptr(GList) keys_a = a != NULL ? json_object_get_members (a) : NULL;
  g_autoptr(GList) keys_b = b != NULL ? json_object_get_members (b) : NULL;
  GPtrArray *keys = g_ptr_array_new ();

  for (const GList *l = keys_a; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  for (const GList *l = keys_b; l != NULL; l = l->next)
    if (a == NULL || !json_object_has_member (a, l->data))
      g_ptr_array_add (keys, l->data);

  return keys;
}

static void
diff_parameters (Builder      *builder,
                 MoiComponent *a,
                 MoiComponent *b,
                 JsonObject   *pa,
                 JsonObject   *pb,
                 GPtrArray    *path)
{
  MoiWorkflowDiff *self = builder->self;
  gboolean top = path->len == 0;
  g_autoptr(GPtrArray) keys = union_keys (pa, pb);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      JsonNode *va = pa != NULL ? json_object_get_member (pa, key) : NULL;
      JsonNode *vb = pb != NULL ? json_object_get_member (pb, key) : NULL;
      JsonNode *da = NULL, *db = NULL;
      MoiWorkflowChange *change;

      if (top)
        {
          da = parameter_default (self->catalog, moi_component_get_component_type (a), key);
          db = parameter_default (self->catalog, moi_component_get_component_type (b), key);
        }
      if (json_equal (va != NULL ? va : da, vb != NULL ? vb : db))
        continue;

      g_ptr_array_add (path, (gpointer) key);
      if (va != NULL && vb != NULL && JSON_NODE_HOLDS_OBJECT (va) && JSON_NODE_HOLDS_OBJECT (vb))
        diff_parameters (builder, a, b, json_node_get_object (va), json_node_get_object (vb),
                         path);
      else
        {
          change = change_new (MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED, a, b,
                               va != NULL ? moi_json_node_deep_copy (va) : NULL,
                               vb != NULL ? moi_json_node_deep_copy (vb) : NULL);
          g_ptr_array_add (path, NULL);
          change_set_path (change, (const char * const *) path->pdata);
          g_ptr_array_remove_index (path, path->len - 1);
          add_change (builder, PHASE_EDITED, change, a, b, MOI_WORKFLOW_DIFF_MODIFIED);
        }
      g_ptr_array_remove_index (path, path->len - 1);
    }
}

static void
diff_string (Builder               *builder,
             MoiWorkflowChangeKind  kind,
             MoiComponent          *a,
             MoiComponent          *b,
             const char            *va,
             const char            *vb)
{
  if (g_strcmp0 (va, vb) == 0)
    return;
  add_change (builder, kind == MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED ? PHASE_RENAMED : PHASE_EDITED,
              change_new (kind, a, b, string_node (va), string_node (vb)),
              a, b, MOI_WORKFLOW_DIFF_MODIFIED);
}

static void
diff_key (Builder      *builder,
          MoiComponent *a,
          MoiComponent *b,
          const char   *key)
{
  g_autoptr(JsonNode) va = dup_key_value (a, key);
  g_autoptr(JsonNode) vb = dup_key_value (b, key);
  MoiWorkflowChange *change;
  const char *path[] = { key, NULL };

  if (json_equal (va, vb))
    return;
  change = change_new (MOI_WORKFLOW_CHANGE_KEY_CHANGED, a, b,
                       va != NULL ? moi_json_node_deep_copy (va) : NULL,
                       vb != NULL ? moi_json_node_deep_copy (vb) : NULL);
  change_set_path (change, path);
  add_change (builder, PHASE_EDITED, change, a, b, MOI_WORKFLOW_DIFF_MODIFIED);
}

static void
diff_pair (Builder      *builder,
           MoiComponent *a,
           MoiComponent *b)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  double ax, ay, bx, by;
  JsonObject *extra_a = moi_component_get_extra (a);
  JsonObject *extra_b = moi_component_get_extra (b);

  diff_string (builder, MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED, a, b,
               moi_component_get_name (a), moi_component_get_name (b));
  diff_string (builder, MOI_WORKFLOW_CHANGE_ID_CHANGED, a, b,
               moi_component_get_component_id (a), moi_component_get_component_id (b));
  diff_string (builder, MOI_WORKFLOW_CHANGE_TYPE_CHANGED, a, b,
               moi_component_get_component_type (a), moi_component_get_component_type (b));
  diff_string (builder, MOI_WORKFLOW_CHANGE_INTRO_CHANGED, a, b,
               moi_component_get_intro (a), moi_component_get_intro (b));

  moi_component_get_position (a, &ax, &ay);
  moi_component_get_position (b, &bx, &by);
  if (ax != bx || ay != by)
    add_change (builder, PHASE_EDITED,
                change_new (MOI_WORKFLOW_CHANGE_COMPONENT_MOVED, a, b,
                            position_node (ax, ay), position_node (bx, by)),
                a, b, MOI_WORKFLOW_DIFF_MOVED);

  diff_parameters (builder, a, b, moi_component_get_init_parameters (a),
                   moi_component_get_init_parameters (b), path);

  diff_key (builder, a, b, "input_keys");
  diff_key (builder, a, b, "output_keys");
  {
    g_autoptr(GPtrArray) keys = union_keys (extra_a, extra_b);

    for (guint i = 0; i < keys->len; i++)
      diff_key (builder, a, b, g_ptr_array_index (keys, i));
  }
}

/* A connection with its ends named as in B (for A's, through the matching),
 * which is what connections are compared by. */
static char *
connection_key (MoiConnection *connection,
                const char    *sender_name,
                const char    *receiver_name)
{
  return g_strdup_printf ("%s\x1f%s\x1e%s\x1f%s", sender_name,
                          moi_connection_get_sender_socket (connection) ?: "\x1d",
                          receiver_name,
                          moi_connection_get_receiver_socket (connection) ?: "\x1d");
}

static const char *
name_in_b (MoiWorkflowDiff *self,
           MoiWorkflow     *workflow,
           const char      *name)
{
  MoiComponent *component = moi_workflow_find_component (workflow, name);
  MoiComponent *other;

  if (workflow == self->b || component == NULL)
    return name;
  other = g_hash_table_lookup (self->counterpart, component);
  /* An unmatched end of A must not meet a new B component of that name. */
  return other != NULL ? moi_component_get_name (other) : NULL;
}

static MoiWorkflowChange *
connection_change_new (MoiWorkflowChangeKind   kind,
                       MoiWorkflow            *workflow,
                       MoiConnection          *connection,
                       MoiComponent          **sender_out,
                       MoiComponent          **receiver_out)
{
  const char *sender = moi_connection_get_sender_component (connection);
  const char *receiver = moi_connection_get_receiver_component (connection);
  MoiComponent *s = moi_workflow_find_component (workflow, sender);
  MoiComponent *r = moi_workflow_find_component (workflow, receiver);
  JsonNode *value = take_object_node (moi_connection_to_json_object (connection));
  MoiWorkflowChange *change;

  if (kind == MOI_WORKFLOW_CHANGE_CONNECTION_ADDED)
    change = change_new (kind, NULL, NULL, NULL, value);
  else
    change = change_new (kind, NULL, NULL, value, NULL);
  change->sender = g_strdup (moi_connection_get_sender (connection));
  change->receiver = g_strdup (moi_connection_get_receiver (connection));
  change->sender_id = s != NULL ? g_strdup (moi_component_get_component_id (s)) : NULL;
  change->receiver_id = r != NULL ? g_strdup (moi_component_get_component_id (r)) : NULL;
  *sender_out = s;
  *receiver_out = r;

  return change;
}

/* Connections compare as sets: joining the same two sockets twice means
 * nothing more than once (validation reports the duplicate). */
static void
diff_connections (Builder *builder)
{
  MoiWorkflowDiff *self = builder->self;
  g_autoptr(GHashTable) in_a = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint na = moi_workflow_get_n_connections (self->a);
  guint nb = moi_workflow_get_n_connections (self->b);

  for (guint i = 0; i < nb; i++)
    {
      MoiConnection *c = moi_workflow_get_connection (self->b, i);

      g_hash_table_add (in_b, connection_key (c, moi_connection_get_sender_component (c),
                                              moi_connection_get_receiver_component (c)));
    }

  for (guint i = 0; i < na; i++)
    {
      MoiConnection *c = moi_workflow_get_connection (self->a, i);
      const char *s_name = name_in_b (self, self->a, moi_connection_get_sender_component (c));
      const char *r_name = name_in_b (self, self->a, moi_connection_get_receiver_component (c));
      g_autofree char *own = connection_key (c, moi_connection_get_sender_component (c),
                                             moi_connection_get_receiver_component (c));
      g_autofree char *mapped = NULL;
      MoiComponent *s, *r;
      MoiWorkflowChange *change;

      if (s_name != NULL && r_name != NULL)
        {
          mapped = connection_key (c, s_name, r_name);
          g_hash_table_add (in_a, g_strdup (mapped));
        }
      if ((mapped != NULL && g_hash_table_contains (in_b, mapped)) ||
          !g_hash_table_add (in_a, g_strconcat ("\x1c", own, NULL)))
        continue;

      change = connection_change_new (MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED, self->a, c, &s, &r);
      add_change (builder, PHASE_CONNECTION_REMOVED, change, s, r, MOI_WORKFLOW_DIFF_MODIFIED);
    }

  for (guint i = 0; i < nb; i++)
    {
      MoiConnection *c = moi_workflow_get_connection (self->b, i);
      g_autofree char *key = connection_key (c, moi_connection_get_sender_component (c),
                                             moi_connection_get_receiver_component (c));
      MoiComponent *s, *r;
      MoiWorkflowChange *change;

      /* Marking it as in A too skips B's own duplicates. */
      if (!g_hash_table_add (in_a, g_steal_pointer (&key)))
        continue;

      change = connection_change_new (MOI_WORKFLOW_CHANGE_CONNECTION_ADDED, self->b, c, &s, &r);
      add_change (builder, PHASE_CONNECTION_ADDED, change, s, r, MOI_WORKFLOW_DIFF_MODIFIED);
    }
}

static void
diff_workflow_keys (Builder *builder)
{
  JsonObject *extra_a = moi_workflow_get_extra (builder->self->a);
  JsonObject *extra_b = moi_workflow_get_extra (builder->self->b);
  g_autoptr(GPtrArray) keys = union_keys (extra_a, extra_b);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *path[] = { g_ptr_array_index (keys, i), NULL };
      JsonNode *va = json_object_get_member (extra_a, path[0]);
      JsonNode *vb = json_object_get_member (extra_b, path[0]);
      MoiWorkflowChange *change;

      if (json_equal (va, vb))
        continue;
      change = change_new (MOI_WORKFLOW_CHANGE_KEY_CHANGED, NULL, NULL,
                           va != NULL ? moi_json_node_deep_copy (va) : NULL,
                           vb != NULL ? moi_json_node_deep_copy (vb) : NULL);
      change_set_path (change, path);
      add_change (builder, PHASE_EDITED, change, NULL, NULL, MOI_WORKFLOW_DIFF_MODIFIED);
    }
}

/* Renames that free a name come before the rename that takes it. */
static void
order_renames (GPtrArray *renames)
{
  g_autoptr(GHashTable) by_old_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (guint i = 0; i < renames->len; i++)
    {
      MoiWorkflowChange *change = g_ptr_array_index (renames, i);

      g_hash_table_insert (by_old_name, change->name, change);
    }

  for (guint i = 0; i < renames->len; i++)
    {
      MoiWorkflowChange *change = g_ptr_array_index (renames, i);

      /* Follow who holds my new name, who holds theirs... A cycle (a swap)
       * cannot be ordered; it stays as found and reports a conflict. */
      g_ptr_array_set_size (chain, 0);
      while (change != NULL && !g_hash_table_contains (done, change))
        {
          g_hash_table_add (done, change);
          g_ptr_array_add (chain, change);
          change = g_hash_table_lookup (by_old_name, change->new_name);
        }
      for (guint k = chain->len; k > 0; k--)
        g_ptr_array_add (ordered, g_ptr_array_index (chain, k - 1));
    }

  for (guint i = 0; i < renames->len; i++)
    renames->pdata[i] = ordered->pdata[i];
}

MoiWorkflowDiff *
moi_workflow_diff_new (MoiWorkflow *a,
                       MoiWorkflow *b,
                       MoiCatalog  *catalog)
{
  MoiWorkflowDiff *self;
  Builder builder;
  guint na, nb;

  g_return_val_if_fail (MOI_IS_WORKFLOW (a), NULL);
  g_return_val_if_fail (MOI_IS_WORKFLOW (b), NULL);

  self = g_object_new (MOI_TYPE_WORKFLOW_DIFF, NULL);
  self->a = g_object_ref (a);
  self->b = g_object_ref (b);
  self->catalog = catalog;

  builder.self = self;
  for (guint p = 0; p < N_PHASES; p++)
    builder.phase[p] = g_ptr_array_new ();

  na = moi_workflow_get_n_components (a);
  nb = moi_workflow_get_n_components (b);

  /* Match by component_id first, then by name among the rest. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nb; i++)
      {
        MoiComponent *cb = moi_workflow_get_component (b, i);
        const char *id = moi_component_get_component_id (cb);
        MoiComponent *ca;

        if (g_hash_table_contains (self->counterpart, cb))
          continue;
        if (pass == 0)
          ca = id != NULL && id[0] != '\0' ? moi_workflow_find_component_by_id (a, id) : NULL;
        else
          ca = moi_workflow_find_component (a, moi_component_get_name (cb));
        if (ca == NULL || g_hash_table_contains (self->counterpart, ca))
          continue;
        g_hash_table_insert (self->counterpart, ca, cb);
        g_hash_table_insert (self->counterpart, cb, ca);
      }

  diff_connections (&builder);

  for (guint i = 0; i < na; i++)
    {
      MoiComponent *ca = moi_workflow_get_component (a, i);

      if (!g_hash_table_contains (self->counterpart, ca))
        add_change (&builder, PHASE_COMPONENT_REMOVED,
                    change_new (MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED, ca, NULL,
                                take_object_node (moi_component_to_json_object (ca)), NULL),
                    ca, NULL, MOI_WORKFLOW_DIFF_REMOVED);
    }

  for (guint i = 0; i < nb; i++)
    {
      MoiComponent *cb = moi_workflow_get_component (b, i);
      MoiComponent *ca = g_hash_table_lookup (self->counterpart, cb);

      if (ca != NULL)
        diff_pair (&builder, ca, cb);
      else
        {
          MoiWorkflowChange *change;

          change = change_new (MOI_WORKFLOW_CHANGE_COMPONENT_ADDED, NULL, cb, NULL,
                               take_object_node (moi_component_to_json_object (cb)));
          if (i > 0)
            {
              MoiComponent *before = moi_workflow_get_component (b, i - 1);

              change->anchor_name = g_strdup (moi_component_get_name (before));
              change->anchor_id = g_strdup (moi_component_get_component_id (before));
            }
          add_change (&builder, PHASE_COMPONENT_ADDED, change, NULL, cb, MOI_WORKFLOW_DIFF_ADDED);
        }
    }

  diff_workflow_keys (&builder);
  order_renames (builder.phase[PHASE_RENAMED]);
  for (guint p = 0; p < N_PHASES; p++)
    {
      g_ptr_array_extend_and_steal (self->changes, builder.phase[p]);
      builder.phase[p] = NULL;
    }

  return self;
}

MoiWorkflow *
moi_workflow_diff_get_a (MoiWorkflowDiff *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), NULL);

  return self->a;
}

MoiWorkflow *
moi_workflow_diff_get_b (MoiWorkflowDiff *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), NULL);

  return self->b;
}

gboolean
moi_workflow_diff_is_empty (MoiWorkflowDiff *self)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), TRUE);

  return self->changes->len == 0;
}

MoiWorkflowDiffStatus
moi_workflow_diff_get_component_status (MoiWorkflowDiff *self,
                                        MoiComponent    *component)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), MOI_WORKFLOW_DIFF_UNCHANGED);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), MOI_WORKFLOW_DIFF_UNCHANGED);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->status, component));
}

MoiComponent *
moi_workflow_diff_get_counterpart (MoiWorkflowDiff *self,
                                   MoiComponent    *component)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), NULL);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  return g_hash_table_lookup (self->counterpart, component);
}

GListModel *
moi_workflow_diff_get_changes_for (MoiWorkflowDiff *self,
                                   MoiComponent    *component)
{
  GListStore *store;
  GPtrArray *list;

  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), NULL);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  store = g_list_store_new (MOI_TYPE_WORKFLOW_CHANGE);
  list = g_hash_table_lookup (self->changes_of, component);
  if (list != NULL)
    g_list_store_splice (store, 0, 0, list->pdata, list->len);

  return G_LIST_MODEL (store);
}

gboolean
moi_workflow_diff_apply_all (MoiWorkflowDiff  *self,
                             MoiWorkflow      *target,
                             GError          **error)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW_DIFF (self), FALSE);
  g_return_val_if_fail (MOI_IS_WORKFLOW (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->changes->len; i++)
    if (!moi_workflow_change_apply (g_ptr_array_index (self->changes, i), target,
                                    self->catalog, error))
      return FALSE;

  return TRUE;
}
