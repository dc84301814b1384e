/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-catalog.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_WORKFLOW_CHANGE_ERROR (moi_workflow_change_error_quark ())

/**
 * MoiWorkflowChangeError:
 * @MOI_WORKFLOW_CHANGE_ERROR_NOT_FOUND: the component the change is about is
 *   not in the target workflow
 * @MOI_WORKFLOW_CHANGE_ERROR_CONFLICT: the target no longer holds the value
 *   the change started from (someone changed it differently)
 */
typedef enum
{
  MOI_WORKFLOW_CHANGE_ERROR_NOT_FOUND,
  MOI_WORKFLOW_CHANGE_ERROR_CONFLICT,
} MoiWorkflowChangeError;

GQuark moi_workflow_change_error_quark (void);

/**
 * MoiWorkflowChangeKind:
 * @MOI_WORKFLOW_CHANGE_COMPONENT_ADDED: new value = the component object
 * @MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED: old value = the component object
 * @MOI_WORKFLOW_CHANGE_COMPONENT_MOVED: values = {"x", "y"}
 * @MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED: values = names (same component_id)
 * @MOI_WORKFLOW_CHANGE_TYPE_CHANGED: values = type strings
 * @MOI_WORKFLOW_CHANGE_INTRO_CHANGED: values = intro strings (or null)
 * @MOI_WORKFLOW_CHANGE_ID_CHANGED: values = component_id strings (matched by name)
 * @MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED: one init parameter at a JSON path;
 *   a NULL old (new) value means the key was absent (is removed)
 * @MOI_WORKFLOW_CHANGE_KEY_CHANGED: another key of the component object
 *   (input_keys, output_keys, extra_node_info...), or with no component a
 *   top-level key of the workflow ("edges", "extra_components"...); the
 *   path is the key
 * @MOI_WORKFLOW_CHANGE_CONNECTION_ADDED: new value = {"sender", "receiver"}
 * @MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED: old value = {"sender", "receiver"}
 */
typedef enum
{
  MOI_WORKFLOW_CHANGE_COMPONENT_ADDED,
  MOI_WORKFLOW_CHANGE_COMPONENT_REMOVED,
  MOI_WORKFLOW_CHANGE_COMPONENT_MOVED,
  MOI_WORKFLOW_CHANGE_COMPONENT_RENAMED,
  MOI_WORKFLOW_CHANGE_TYPE_CHANGED,
  MOI_WORKFLOW_CHANGE_INTRO_CHANGED,
  MOI_WORKFLOW_CHANGE_ID_CHANGED,
  MOI_WORKFLOW_CHANGE_PARAMETER_CHANGED,
  MOI_WORKFLOW_CHANGE_KEY_CHANGED,
  MOI_WORKFLOW_CHANGE_CONNECTION_ADDED,
  MOI_WORKFLOW_CHANGE_CONNECTION_REMOVED,
} MoiWorkflowChangeKind;

#define MOI_TYPE_WORKFLOW_CHANGE_KIND (moi_workflow_change_kind_get_type ())
GType moi_workflow_change_kind_get_type (void);

/* One difference between workflow A and workflow B. It carries everything it
 * needs to be applied on its own to any workflow ("carry this change to the
 * other branch"): components are found there by component_id, then by name. */
#define MOI_TYPE_WORKFLOW_CHANGE (moi_workflow_change_get_type ())
G_DECLARE_FINAL_TYPE (MoiWorkflowChange, moi_workflow_change, MOI, WORKFLOW_CHANGE, GObject)

MoiWorkflowChangeKind moi_workflow_change_get_kind           (MoiWorkflowChange *self);
/* The component concerned: its name in A, or in B for an added component.
 * NULL for connections and workflow keys. */
const char   *moi_workflow_change_get_component_name   (MoiWorkflowChange *self);
/* Its name in B (differs from the above only for renames). */
const char   *moi_workflow_change_get_new_component_name (MoiWorkflowChange *self);
const char   *moi_workflow_change_get_component_id     (MoiWorkflowChange *self);
/* Dot-joined path: "document_store.init_parameters.table_name" for
 * parameters, the key for KEY_CHANGED, NULL otherwise. */
const char   *moi_workflow_change_get_path             (MoiWorkflowChange *self);
const char * const *moi_workflow_change_get_path_elements (MoiWorkflowChange *self);
JsonNode     *moi_workflow_change_get_old_value        (MoiWorkflowChange *self);
JsonNode     *moi_workflow_change_get_new_value        (MoiWorkflowChange *self);
/* For connections: "comp.socket" strings as written in A (removed) or B (added). */
const char   *moi_workflow_change_get_sender           (MoiWorkflowChange *self);
const char   *moi_workflow_change_get_receiver         (MoiWorkflowChange *self);
/* One translated line for people: what changed, where, from what to what. */
char         *moi_workflow_change_describe             (MoiWorkflowChange *self);
/* Applies the change to @target. Applying a change that @target already
 * has succeeds and does nothing; a target that holds neither the old nor the
 * new value is a CONFLICT, a missing component NOT_FOUND. @catalog (nullable)
 * lets a parameter at its default count as absent, as in the diff. */
gboolean      moi_workflow_change_apply                (MoiWorkflowChange *self,
                                                        MoiWorkflow       *target,
                                                        MoiCatalog        *catalog,
                                                        GError           **error);

/* The changes that turn A into B, as a GListModel of MoiWorkflowChange, in an
 * order in which applying them all to a copy of A gives B: connection
 * removals, component removals, renames, per-component edits, additions,
 * connection additions. A snapshot: recompute after editing either side. */
#define MOI_TYPE_WORKFLOW_DIFF (moi_workflow_diff_get_type ())
G_DECLARE_FINAL_TYPE (MoiWorkflowDiff, moi_workflow_diff, MOI, WORKFLOW_DIFF, GObject)

/* Components are matched by component_id, then by name. With @catalog
 * (nullable), a parameter equal to its catalog default equals an absent one. */
MoiWorkflowDiff *moi_workflow_diff_new                 (MoiWorkflow       *a,
                                                        MoiWorkflow       *b,
                                                        MoiCatalog        *catalog);
MoiWorkflow  *moi_workflow_diff_get_a                  (MoiWorkflowDiff   *self);
MoiWorkflow  *moi_workflow_diff_get_b                  (MoiWorkflowDiff   *self);
gboolean      moi_workflow_diff_is_empty               (MoiWorkflowDiff   *self);

/* What the compare view colours a node of A or B with. */
typedef enum /*< flags >*/
{
  MOI_WORKFLOW_DIFF_UNCHANGED = 0,
  MOI_WORKFLOW_DIFF_ADDED     = 1 << 0,
  MOI_WORKFLOW_DIFF_REMOVED   = 1 << 1,
  MOI_WORKFLOW_DIFF_MOVED     = 1 << 2,
  MOI_WORKFLOW_DIFF_MODIFIED  = 1 << 3,  /* renamed, type, intro, id, parameters, keys */
} MoiWorkflowDiffStatus;

MoiWorkflowDiffStatus moi_workflow_diff_get_component_status (MoiWorkflowDiff *self,
                                                        MoiComponent      *component);
/* The matched component on the other side, or NULL (added / removed). */
MoiComponent *moi_workflow_diff_get_counterpart        (MoiWorkflowDiff   *self,
                                                        MoiComponent      *component);
/* The changes about @component (of A or B), as a new GListModel. */
GListModel   *moi_workflow_diff_get_changes_for        (MoiWorkflowDiff   *self,
                                                        MoiComponent      *component);
/* Applies every change in order; stops at the first error. */
gboolean      moi_workflow_diff_apply_all              (MoiWorkflowDiff   *self,
                                                        MoiWorkflow       *target,
                                                        GError           **error);

G_END_DECLS
