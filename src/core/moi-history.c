/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-history.h"
#include "moi-json-writer.h"

typedef enum
{
  COMMAND_INSERT_COMPONENT,
  COMMAND_REMOVE_COMPONENT,
  COMMAND_MOVE,
  COMMAND_CONNECT,
  COMMAND_DISCONNECT,
  COMMAND_SET_PARAMETER,
  COMMAND_SET_INTRO,
  COMMAND_SET_KEYS,
  COMMAND_RENAME,
} CommandKind;

typedef struct
{
  guint          position;
  MoiConnection *connection;
} Detached;

typedef struct
{
  CommandKind    kind;
  MoiComponent  *component;
  MoiConnection *connection;
  guint          position;
  /* Connections taken away with a component, in ascending position, so
   * that inserting them back in this order restores the list exactly. */
  GArray        *detached;
  /* Whether the key edited (position, intro, init_parameters, input_keys,
   * output_keys) was there before, so undo can make it absent again; for
   * position, whether it was null; and the parameter's place. */
  gboolean       old_present;
  gboolean       old_null;
  int            old_index;
  double         old_x, old_y;
  double         new_x, new_y;
  char          *key;
  JsonNode      *old_value;
  JsonNode      *new_value;
  char          *old_string;
  char          *new_string;
} Command;

typedef enum
{
  MERGE_NONE,
  MERGE_MOVE,
  MERGE_PARAMETER,
} MergeKind;

typedef struct
{
  GPtrArray *commands;
  char      *label;   /* translated */
  MergeKind  merge;
} Step;

struct _MoiHistory
{
  GObject      parent_instance;

  MoiWorkflow *workflow;
  GPtrArray   *undo_stack;   /* Step, oldest first */
  GPtrArray   *redo_stack;   /* Step, next to redo last */
  Step        *group;
  guint        group_depth;
  /* Undo-stack depth of the saved state; -1 when it can't be reached. */
  gint         clean_depth;
  guint        merge_broken : 1;
  guint        busy : 1;

  /* Last notified values, to notify only real changes. */
  gboolean     can_undo;
  gboolean     can_redo;
  gboolean     dirty;
  char        *undo_label;
  char        *redo_label;
};

G_DEFINE_FINAL_TYPE (MoiHistory, moi_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WORKFLOW,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_DIRTY,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
detached_clear (gpointer data)
{
  Detached *d = data;

  g_clear_object (&d->connection);
}

static Command *
command_new (CommandKind   kind,
             MoiComponent *component)
{
  Command *command = g_new0 (Command, 1);

  command->kind = kind;
  command->component = component != NULL ? g_object_ref (component) : NULL;
  return command;
}

static void
command_free (gpointer data)
{
  Command *command = data;

  g_clear_object (&command->component);
  g_clear_object (&command->connection);
  g_clear_pointer (&command->detached, g_array_unref);
  g_free (command->key);
  g_clear_pointer (&command->old_value, json_node_unref);
  g_clear_pointer (&command->new_value, json_node_unref);
  g_free (command->old_string);
  g_free (command->new_string);
  g_free (command);
}

static Step *
step_new (const char *label,
          MergeKind   merge)
{
  Step *step = g_new0 (Step, 1);

  step->commands = g_ptr_array_new_with_free_func (command_free);
  step->label = g_strdup (label);
  step->merge = merge;
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->commands);
  g_free (step->label);
  g_free (step);
}

/* Takes the component out with the connections that name it, remembering
 * both places. */
static void
detach_component (MoiHistory *self,
                  Command    *command)
{
  GListModel *connections = moi_workflow_get_connections (self->workflow);
  const char *name = moi_component_get_name (command->component);

  if (command->detached == NULL)
    {
      command->detached = g_array_new (FALSE, FALSE, sizeof (Detached));
      g_array_set_clear_func (command->detached, detached_clear);
    }
  g_array_set_size (command->detached, 0);

  /* Like moi_workflow_remove_component(): a namesake keeps the connections. */
  if (moi_workflow_count_components_named (self->workflow, name) < 2)
    {
      guint n = g_list_model_get_n_items (connections);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MoiConnection) c = g_list_model_get_item (connections, i);

          if (moi_connection_touches (c, name))
            {
              Detached d = { i, g_steal_pointer (&c) };

              g_array_append_val (command->detached, d);
            }
        }

      for (guint i = command->detached->len; i > 0; i--)
        moi_workflow_remove_connection_at (self->workflow,
                                           g_array_index (command->detached, Detached,
                                                          i - 1).position);
    }

  if (!moi_workflow_find_component_position (self->workflow, command->component,
                                             &command->position))
    g_return_if_reached ();
  moi_workflow_remove_component (self->workflow, command->component);
}

static void
attach_component (MoiHistory *self,
                  Command    *command)
{
  moi_workflow_insert_component (self->workflow, command->position, command->component);

  for (guint i = 0; command->detached != NULL && i < command->detached->len; i++)
    {
      Detached *d = &g_array_index (command->detached, Detached, i);

      moi_workflow_insert_connection (self->workflow, d->position, d->connection);
    }
}

static void
rename_or_warn (MoiHistory   *self,
                MoiComponent *component,
                const char   *name)
{
  g_autoptr(GError) error = NULL;

  /* Undo/redo replays states that were valid, so this can only fail if the
   * workflow was edited behind the history's back. */
  if (!moi_workflow_rename_component (self->workflow, component, name, &error))
    g_warning ("Cannot replay a rename: %s", error->message);
}

/* @value: an object, or a null node for "key": null. */
static void
set_keys (MoiComponent *component,
          const char   *key,
          JsonNode     *value)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

  if (g_str_equal (key, "input_keys"))
    moi_component_set_input_keys (component, object);
  else
    moi_component_set_output_keys (component, object);
}

static void
command_apply (MoiHistory *self,
               Command    *command)
{
  switch (command->kind)
    {
    case COMMAND_INSERT_COMPONENT:
      attach_component (self, command);
      break;

    case COMMAND_REMOVE_COMPONENT:
      detach_component (self, command);
      break;

    case COMMAND_MOVE:
      moi_component_set_position (command->component, command->new_x, command->new_y);
      break;

    case COMMAND_CONNECT:
      moi_workflow_insert_connection (self->workflow, command->position, command->connection);
      break;

    case COMMAND_DISCONNECT:
      moi_workflow_remove_connection (self->workflow, command->connection);
      break;

    case COMMAND_SET_PARAMETER:
      moi_component_set_parameter (command->component, command->key, command->new_value);
      break;

    case COMMAND_SET_INTRO:
      moi_component_set_intro (command->component, command->new_string);
      break;

    case COMMAND_SET_KEYS:
      set_keys (command->component, command->key, command->new_value);
      break;

    case COMMAND_RENAME:
      rename_or_warn (self, command->component, command->new_string);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
command_revert (MoiHistory *self,
                Command    *command)
{
  switch (command->kind)
    {
    case COMMAND_INSERT_COMPONENT:
      detach_component (self, command);
      break;

    case COMMAND_REMOVE_COMPONENT:
      attach_component (self, command);
      break;

    case COMMAND_MOVE:
      moi_component_set_position (command->component, command->old_x, command->old_y);
      if (!command->old_present)
        moi_component_remove_key (command->component, "position");
      else if (command->old_null)
        moi_component_set_position_null (command->component);
      break;

    case COMMAND_CONNECT:
      moi_workflow_remove_connection (self->workflow, command->connection);
      break;

    case COMMAND_DISCONNECT:
      moi_workflow_insert_connection (self->workflow, command->position, command->connection);
      break;

    case COMMAND_SET_PARAMETER:
      /* A removed key comes back at its place, not last. */
      moi_component_insert_parameter (command->component, MAX (command->old_index, 0),
                                      command->key, command->old_value);
      if (!command->old_present)
        moi_component_remove_key (command->component, "init_parameters");
      break;

    case COMMAND_SET_INTRO:
      if (command->old_present)
        moi_component_set_intro (command->component, command->old_string);
      else
        moi_component_remove_key (command->component, "intro");
      break;

    case COMMAND_SET_KEYS:
      if (command->old_present)
        set_keys (command->component, command->key, command->old_value);
      else
        moi_component_remove_key (command->component, command->key);
      break;

    case COMMAND_RENAME:
      rename_or_warn (self, command->component, command->old_string);
      break;

    default:
      g_assert_not_reached ();
    }
}

static const char *
top_label (GPtrArray *stack)
{
  Step *step;

  if (stack->len == 0)
    return NULL;
  step = g_ptr_array_index (stack, stack->len - 1);
  return step->label;
}

static void
update_state (MoiHistory *self)
{
  gboolean can_undo = self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack->len > 0;
  gboolean dirty = self->clean_depth != (gint) self->undo_stack->len;
  const char *undo_top = top_label (self->undo_stack);
  const char *redo_top = top_label (self->redo_stack);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  if (undo_top != NULL)
    /* TRANSLATORS: %s is an edit, e.g. "Move" or "Add Component" */
    undo_label = g_strdup_printf (_("Undo %s"), undo_top);
  if (redo_top != NULL)
    /* TRANSLATORS: %s is an edit, e.g. "Move" or "Add Component" */
    redo_label = g_strdup_printf (_("Redo %s"), redo_top);

  g_object_freeze_notify (G_OBJECT (self));

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
push_step (MoiHistory *self,
           Step       *step)
{
  /* The saved state was in the redo stack, which a new step discards. */
  if (self->clean_depth > (gint) self->undo_stack->len)
    self->clean_depth = -1;

  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, step);
  self->merge_broken = FALSE;
  update_state (self);
}

/* Records an already-applied command: into the open group, or as a step. */
static void
push_command (MoiHistory *self,
              Command    *command,
              const char *label,
              MergeKind   merge)
{
  Step *step;

  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->commands, command);
      if (self->group->label == NULL)
        self->group->label = g_strdup (label);
      return;
    }

  step = step_new (label, merge);
  g_ptr_array_add (step->commands, command);
  push_step (self, step);
}

static Step *
mergeable_top (MoiHistory *self,
               MergeKind   merge)
{
  Step *top;

  if (self->group != NULL || self->merge_broken || self->undo_stack->len == 0)
    return NULL;
  top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  return top->merge == merge ? top : NULL;
}

static void
moi_history_dispose (GObject *object)
{
  MoiHistory *self = (MoiHistory *)object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->group, step_free);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (moi_history_parent_class)->dispose (object);
}

static void
moi_history_finalize (GObject *object)
{
  MoiHistory *self = (MoiHistory *)object;

  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (moi_history_parent_class)->finalize (object);
}

static void
moi_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoiHistory *self = MOI_HISTORY (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      g_value_set_object (value, self->workflow);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_history_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoiHistory *self = MOI_HISTORY (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      self->workflow = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_history_class_init (MoiHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_history_dispose;
  object_class->finalize = moi_history_finalize;
  object_class->get_property = moi_history_get_property;
  object_class->set_property = moi_history_set_property;

  properties[PROP_WORKFLOW] =
    g_param_spec_object ("workflow", NULL, NULL, MOI_TYPE_WORKFLOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_history_init (MoiHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (step_free);
  self->redo_stack = g_ptr_array_new_with_free_func (step_free);
}

MoiHistory *
moi_history_new (MoiWorkflow *workflow)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);

  return g_object_new (MOI_TYPE_HISTORY, "workflow", workflow, NULL);
}

MoiWorkflow *
moi_history_get_workflow (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), NULL);
  return self->workflow;
}

void
moi_history_insert_component (MoiHistory   *self,
                              guint         position,
                              MoiComponent *component)
{
  Command *command;
  guint existing;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (!self->busy);
  g_return_if_fail (!moi_workflow_find_component_position (self->workflow, component, &existing));

  command = command_new (COMMAND_INSERT_COMPONENT, component);
  command->position = MIN (position, moi_workflow_get_n_components (self->workflow));
  command_apply (self, command);
  push_command (self, command, _("Add Component"), MERGE_NONE);
}

void
moi_history_add_component (MoiHistory   *self,
                           MoiComponent *component)
{
  g_return_if_fail (MOI_IS_HISTORY (self));

  moi_history_insert_component (self, G_MAXUINT, component);
}

gboolean
moi_history_remove_component (MoiHistory   *self,
                              MoiComponent *component)
{
  Command *command;
  guint position;

  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (!moi_workflow_find_component_position (self->workflow, component, &position))
    return FALSE;

  command = command_new (COMMAND_REMOVE_COMPONENT, component);
  command_apply (self, command);
  push_command (self, command, _("Remove Component"), MERGE_NONE);
  return TRUE;
}

static gboolean
same_components (Step          *step,
                 guint          n,
                 MoiComponent **components)
{
  if (step->commands->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      Command *command = g_ptr_array_index (step->commands, i);

      if (command->kind != COMMAND_MOVE || command->component != components[i])
        return FALSE;
    }
  return TRUE;
}

/* Holds back (@hold) or releases the notifications of @components and the
 * workflow's "changed", around edits of many components at once. */
static void
hold_notifications (MoiHistory    *self,
                    MoiComponent **components,
                    guint          n,
                    gboolean       hold)
{
  if (hold)
    moi_workflow_begin_batch (self->workflow);
  for (guint i = 0; i < n; i++)
    {
      if (components[i] == NULL)
        continue;
      if (hold)
        g_object_freeze_notify (G_OBJECT (components[i]));
      else
        g_object_thaw_notify (G_OBJECT (components[i]));
    }
  if (!hold)
    moi_workflow_end_batch (self->workflow);
}

static void
record_moves (MoiHistory    *self,
              guint          n,
              MoiComponent **components,
              const double  *x,
              const double  *y,
              const char    *label,
              MergeKind      merge)
{
  Step *top = mergeable_top (self, merge);
  Step *target;
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    any |= !moi_component_is_at (components[i], x[i], y[i]);
  if (!any)
    return;

  /* Many positions at once (a layout): views hear of them once all are
   * written, and "changed" comes once. */
  hold_notifications (self, components, n, TRUE);

  if (merge != MERGE_NONE && top != NULL && same_components (top, n, components))
    {
      /* Same drag still going: only the end point changes. */
      for (guint i = 0; i < n; i++)
        {
          Command *command = g_ptr_array_index (top->commands, i);

          command->new_x = x[i];
          command->new_y = y[i];
          command_apply (self, command);
        }
      hold_notifications (self, components, n, FALSE);
      return;
    }

  /* Into the open group, or a step of its own. */
  target = self->group != NULL ? self->group : step_new (label, merge);
  if (target->label == NULL)
    target->label = g_strdup (label);

  for (guint i = 0; i < n; i++)
    {
      Command *command = command_new (COMMAND_MOVE, components[i]);

      command->old_present = moi_component_has_key (components[i], "position");
      command->old_null = moi_component_get_position_null (components[i]);
      moi_component_get_position (components[i], &command->old_x, &command->old_y);
      command->new_x = x[i];
      command->new_y = y[i];
      command_apply (self, command);
      g_ptr_array_add (target->commands, command);
    }

  hold_notifications (self, components, n, FALSE);
  if (target != self->group)
    push_step (self, target);
}

void
moi_history_move_many (MoiHistory    *self,
                       guint          n_components,
                       MoiComponent **components,
                       const double  *x,
                       const double  *y)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (n_components == 0 || (components != NULL && x != NULL && y != NULL));
  g_return_if_fail (!self->busy);

  record_moves (self, n_components, components, x, y, _("Move"), MERGE_MOVE);
}

void
moi_history_move (MoiHistory   *self,
                  MoiComponent *component,
                  double        x,
                  double        y)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));

  moi_history_move_many (self, 1, &component, &x, &y);
}

void
moi_history_layout (MoiHistory *self,
                    GArray     *positions)
{
  g_autofree MoiComponent **components = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (positions != NULL);
  g_return_if_fail (!self->busy);

  components = g_new (MoiComponent *, positions->len + 1);
  x = g_new (double, positions->len + 1);
  y = g_new (double, positions->len + 1);
  for (guint i = 0; i < positions->len; i++)
    {
      MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

      components[i] = p->component;
      x[i] = p->x;
      y[i] = p->y;
    }

  record_moves (self, positions->len, components, x, y, _("Layout"), MERGE_NONE);
}

void
moi_history_connect (MoiHistory    *self,
                     MoiConnection *connection)
{
  Command *command;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_CONNECTION (connection));
  g_return_if_fail (!self->busy);

  command = command_new (COMMAND_CONNECT, NULL);
  command->connection = g_object_ref (connection);
  command->position = moi_workflow_get_n_connections (self->workflow);
  command_apply (self, command);
  push_command (self, command, _("Connect"), MERGE_NONE);
}

gboolean
moi_history_disconnect (MoiHistory    *self,
                        MoiConnection *connection)
{
  GListModel *connections;
  Command *command;
  guint n;

  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (MOI_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  connections = moi_workflow_get_connections (self->workflow);
  n = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoiConnection) c = g_list_model_get_item (connections, i);

      if (c != connection)
        continue;

      command = command_new (COMMAND_DISCONNECT, NULL);
      command->connection = g_object_ref (connection);
      command->position = i;
      command_apply (self, command);
      push_command (self, command, _("Disconnect"), MERGE_NONE);
      return TRUE;
    }

  return FALSE;
}

void
moi_history_set_parameter (MoiHistory   *self,
                           MoiComponent *component,
                           const char   *key,
                           JsonNode     *value)
{
  JsonNode *current;
  Command *command;
  Step *top;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (key != NULL);
  g_return_if_fail (!self->busy);

  current = moi_component_get_parameter (component, key);
  if (moi_json_node_write_equal (current, value))
    return;

  top = mergeable_top (self, MERGE_PARAMETER);
  if (top != NULL)
    {
      command = g_ptr_array_index (top->commands, 0);
      if (command->component == component && g_str_equal (command->key, key))
        {
          g_clear_pointer (&command->new_value, json_node_unref);
          command->new_value = moi_json_node_deep_copy (value);
          command_apply (self, command);
          return;
        }
    }

  command = command_new (COMMAND_SET_PARAMETER, component);
  command->old_present = moi_component_has_key (component, "init_parameters");
  command->old_index = moi_component_get_parameter_index (component, key);
  command->key = g_strdup (key);
  command->old_value = moi_json_node_deep_copy (current);
  command->new_value = moi_json_node_deep_copy (value);
  command_apply (self, command);
  push_command (self, command, _("Change Parameter"), MERGE_PARAMETER);
}

void
moi_history_set_intro (MoiHistory   *self,
                       MoiComponent *component,
                       const char   *intro)
{
  Command *command;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (!self->busy);

  if (g_strcmp0 (moi_component_get_intro (component), intro) == 0)
    return;

  command = command_new (COMMAND_SET_INTRO, component);
  command->old_present = moi_component_has_key (component, "intro");
  command->old_string = g_strdup (moi_component_get_intro (component));
  command->new_string = g_strdup (intro);
  command_apply (self, command);
  push_command (self, command, _("Change Description"), MERGE_NONE);
}

/* A copy of @object in a node, or a null node for NULL. */
static JsonNode *
object_node_copy (JsonObject *object)
{
  g_autoptr(JsonObject) copy = NULL;

  if (object == NULL)
    return json_node_init_null (json_node_alloc ());
  copy = moi_json_object_deep_copy (object);
  return json_node_init_object (json_node_alloc (), copy);
}

static void
record_keys (MoiHistory   *self,
             MoiComponent *component,
             const char   *key,
             JsonObject   *current,
             JsonObject   *keys)
{
  Command *command;

  command = command_new (COMMAND_SET_KEYS, component);
  command->key = g_strdup (key);
  command->old_present = moi_component_has_key (component, key);
  command->old_value = object_node_copy (current);
  command->new_value = object_node_copy (keys);
  command_apply (self, command);
  push_command (self, command, g_str_equal (key, "input_keys") ? _("Change Input Keys")
                                                               : _("Change Output Keys"),
                MERGE_NONE);
}

void
moi_history_set_input_keys (MoiHistory   *self,
                            MoiComponent *component,
                            JsonObject   *keys)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (!self->busy);

  if (moi_component_has_key (component, "input_keys") &&
      moi_json_object_write_equal (moi_component_get_input_keys (component), keys))
    return;
  record_keys (self, component, "input_keys", moi_component_get_input_keys (component), keys);
}

void
moi_history_set_output_keys (MoiHistory   *self,
                             MoiComponent *component,
                             JsonObject   *keys)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (MOI_IS_COMPONENT (component));
  g_return_if_fail (!self->busy);

  if (moi_component_has_key (component, "output_keys") &&
      moi_json_object_write_equal (moi_component_get_output_keys (component), keys))
    return;
  record_keys (self, component, "output_keys", moi_component_get_output_keys (component), keys);
}

gboolean
moi_history_rename (MoiHistory    *self,
                    MoiComponent  *component,
                    const char    *new_name,
                    GError       **error)
{
  g_autofree char *old_name = NULL;
  Command *command;

  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (MOI_IS_COMPONENT (component), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  old_name = g_strdup (moi_component_get_name (component));
  if (g_strcmp0 (old_name, new_name) == 0)
    return TRUE;

  if (!moi_workflow_rename_component (self->workflow, component, new_name, error))
    return FALSE;

  command = command_new (COMMAND_RENAME, component);
  command->old_string = g_steal_pointer (&old_name);
  command->new_string = g_strdup (new_name);
  push_command (self, command, _("Rename"), MERGE_NONE);
  return TRUE;
}

void
moi_history_paste (MoiHistory *self,
                   GPtrArray  *components,
                   GPtrArray  *connections)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (components != NULL);
  g_return_if_fail (!self->busy);

  if (components->len == 0 && (connections == NULL || connections->len == 0))
    return;

  moi_history_begin_group (self, _("Paste"));
  for (guint i = 0; i < components->len; i++)
    moi_history_add_component (self, g_ptr_array_index (components, i));
  for (guint i = 0; connections != NULL && i < connections->len; i++)
    moi_history_connect (self, g_ptr_array_index (connections, i));
  moi_history_end_group (self);
}

void
moi_history_begin_group (MoiHistory *self,
                         const char *label)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (!self->busy);

  if (self->group_depth++ == 0)
    self->group = step_new (label, MERGE_NONE);
  self->merge_broken = TRUE;
}

void
moi_history_end_group (MoiHistory *self)
{
  Step *group;

  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->commands->len == 0)
    {
      step_free (group);
      return;
    }
  push_step (self, group);
  /* What follows a group never merges into it or across it. */
  self->merge_broken = TRUE;
}

void
moi_history_break_merge (MoiHistory *self)
{
  g_return_if_fail (MOI_IS_HISTORY (self));

  self->merge_broken = TRUE;
}

/* Moves the last step of @from to @to, reverting or re-applying it. */
static gboolean
replay (MoiHistory *self,
        GPtrArray  *from,
        GPtrArray  *to,
        gboolean    forward)
{
  g_autofree MoiComponent **components = NULL;
  gboolean only_moves = TRUE;
  Step *step;
  guint n, n_held;

  g_return_val_if_fail (self->group_depth == 0, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (from->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  n = step->commands->len;
  components = g_new0 (MoiComponent *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      Command *command = g_ptr_array_index (step->commands, i);

      only_moves &= command->kind == COMMAND_MOVE;
      components[i] = command->component;
    }
  /* Only moves hold back the components' notifications: the workflow
   * follows a rename through "notify::name", which must not wait. */
  n_held = only_moves ? n : 0;

  self->busy = TRUE;
  hold_notifications (self, components, n_held, TRUE);
  for (guint i = 0; i < n; i++)
    {
      if (forward)
        command_apply (self, g_ptr_array_index (step->commands, i));
      else
        command_revert (self, g_ptr_array_index (step->commands, n - 1 - i));
    }
  hold_notifications (self, components, n_held, FALSE);
  self->busy = FALSE;
  g_ptr_array_add (to, step);
  self->merge_broken = TRUE;
  update_state (self);
  return TRUE;
}

gboolean
moi_history_undo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);

  return replay (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
moi_history_redo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);

  return replay (self, self->redo_stack, self->undo_stack, TRUE);
}

gboolean
moi_history_get_can_undo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  return self->can_undo;
}

gboolean
moi_history_get_can_redo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  return self->can_redo;
}

const char *
moi_history_get_undo_label (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), NULL);
  return self->undo_label;
}

const char *
moi_history_get_redo_label (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), NULL);
  return self->redo_label;
}

guint
moi_history_get_n_undo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), 0);
  return self->undo_stack->len;
}

guint
moi_history_get_n_redo (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), 0);
  return self->redo_stack->len;
}

void
moi_history_set_clean (MoiHistory *self)
{
  g_return_if_fail (MOI_IS_HISTORY (self));

  self->clean_depth = self->undo_stack->len;
  /* An edit after saving is a new step, so undo can get back to the save. */
  self->merge_broken = TRUE;
  update_state (self);
}

gboolean
moi_history_is_dirty (MoiHistory *self)
{
  g_return_val_if_fail (MOI_IS_HISTORY (self), FALSE);
  return self->dirty;
}

void
moi_history_clear (MoiHistory *self)
{
  g_return_if_fail (MOI_IS_HISTORY (self));
  g_return_if_fail (self->group_depth == 0);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->clean_depth = 0;
  self->merge_broken = TRUE;
  update_state (self);
}
