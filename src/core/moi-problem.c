/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-problem"

#include "config.h"

#include "moi-problem.h"

struct _MoiProblem
{
  GObject             parent_instance;

  MoiProblemKind      kind;
  MoiProblemSeverity  severity;
  char               *component_name;
  MoiConnection      *connection;
  char               *socket;
  char               *parameter;
  GStrv               components;
  char               *message;
};

G_DEFINE_ENUM_TYPE (MoiProblemKind, moi_problem_kind,
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_CYCLE, "cycle"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_DANGLING_ENDPOINT, "dangling-endpoint"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_UNKNOWN_SOCKET, "unknown-socket"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_AMBIGUOUS_CONNECTION, "ambiguous-connection"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_INCOMPATIBLE_TYPES, "incompatible-types"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_MULTIPLE_SENDERS, "multiple-senders"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_DUPLICATE_CONNECTION, "duplicate-connection"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_DUPLICATE_NAME, "duplicate-name"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_DUPLICATE_ID, "duplicate-id"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_NAME_HAS_DOT, "name-has-dot"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_EMPTY_NAME, "empty-name"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED, "required-input-unconnected"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_PARAMETER_MISSING, "parameter-missing"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_PARAMETER_WRONG_KIND, "parameter-wrong-kind"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_PARAMETER_OUT_OF_RANGE, "parameter-out-of-range"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_PARAMETER_NOT_ALLOWED, "parameter-not-allowed"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_PARAMETER_INVALID, "parameter-invalid"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_UNKNOWN_TYPE, "unknown-type"))

G_DEFINE_ENUM_TYPE (MoiProblemSeverity, moi_problem_severity,
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_SEVERITY_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (MOI_PROBLEM_SEVERITY_WARNING, "warning"))

G_DEFINE_FINAL_TYPE (MoiProblem, moi_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_COMPONENT_NAME,
  PROP_CONNECTION,
  PROP_SOCKET,
  PROP_PARAMETER,
  PROP_COMPONENTS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moi_problem_dispose (GObject *object)
{
  MoiProblem *self = (MoiProblem *) object;

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (moi_problem_parent_class)->dispose (object);
}

static void
moi_problem_finalize (GObject *object)
{
  MoiProblem *self = (MoiProblem *) object;

  g_free (self->component_name);
  g_free (self->socket);
  g_free (self->parameter);
  g_strfreev (self->components);
  g_free (self->message);

  G_OBJECT_CLASS (moi_problem_parent_class)->finalize (object);
}

static void
moi_problem_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoiProblem *self = MOI_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_COMPONENT_NAME:
      g_value_set_string (value, self->component_name);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_SOCKET:
      g_value_set_string (value, self->socket);
      break;
    case PROP_PARAMETER:
      g_value_set_string (value, self->parameter);
      break;
    case PROP_COMPONENTS:
      g_value_set_boxed (value, self->components);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_problem_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoiProblem *self = MOI_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_SEVERITY:
      self->severity = g_value_get_enum (value);
      break;
    case PROP_COMPONENT_NAME:
      self->component_name = g_value_dup_string (value);
      break;
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_SOCKET:
      self->socket = g_value_dup_string (value);
      break;
    case PROP_PARAMETER:
      self->parameter = g_value_dup_string (value);
      break;
    case PROP_COMPONENTS:
      self->components = g_value_dup_boxed (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_problem_class_init (MoiProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS;

  object_class->dispose = moi_problem_dispose;
  object_class->finalize = moi_problem_finalize;
  object_class->get_property = moi_problem_get_property;
  object_class->set_property = moi_problem_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MOI_TYPE_PROBLEM_KIND, MOI_PROBLEM_CYCLE, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, MOI_TYPE_PROBLEM_SEVERITY,
                       MOI_PROBLEM_SEVERITY_ERROR, flags);
  properties[PROP_COMPONENT_NAME] =
    g_param_spec_string ("component-name", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, MOI_TYPE_CONNECTION, flags);
  properties[PROP_SOCKET] =
    g_param_spec_string ("socket", NULL, NULL, NULL, flags);
  properties[PROP_PARAMETER] =
    g_param_spec_string ("parameter", NULL, NULL, NULL, flags);
  properties[PROP_COMPONENTS] =
    g_param_spec_boxed ("components", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_problem_init (MoiProblem *self)
{
}

MoiProblem *
moi_problem_new (MoiProblemKind      kind,
                 MoiProblemSeverity  severity,
                 const char         *component_name,
                 MoiConnection      *connection,
                 const char         *message)
{
  g_return_val_if_fail (connection == NULL || MOI_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (MOI_TYPE_PROBLEM,
                       "kind", kind,
                       "severity", severity,
                       "component-name", component_name,
                       "connection", connection,
                       "message", message,
                       NULL);
}

MoiProblemKind
moi_problem_get_kind (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), MOI_PROBLEM_CYCLE);
  return self->kind;
}

MoiProblemSeverity
moi_problem_get_severity (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), MOI_PROBLEM_SEVERITY_ERROR);
  return self->severity;
}

const char *
moi_problem_get_component_name (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return self->component_name;
}

MoiConnection *
moi_problem_get_connection (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return self->connection;
}

const char *
moi_problem_get_socket (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return self->socket;
}

const char *
moi_problem_get_parameter (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return self->parameter;
}

const char * const *
moi_problem_get_components (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return (const char * const *) self->components;
}

const char *
moi_problem_get_message (MoiProblem *self)
{
  g_return_val_if_fail (MOI_IS_PROBLEM (self), NULL);
  return self->message;
}
