/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-component.h"
#include "moi-connection.h"

G_BEGIN_DECLS

#define MOI_TYPE_WORKFLOW (moi_workflow_get_type ())
G_DECLARE_FINAL_TYPE (MoiWorkflow, moi_workflow, MOI, WORKFLOW, GObject)

/* The WorkflowConfig: components (a GListModel of MoiComponent, in file
 * order), connections (a GListModel of MoiConnection), and "edges",
 * "extra_components" and any other top-level keys kept as they came.
 *
 * Signals, besides items-changed on the two list models:
 *  "component-changed" (MoiComponent *c, const char *what): a component's
 *      property or parameter changed; what = property name, or
 *      "init-parameters:<key>" for a parameter.
 *  "changed" (): after any change at all (for autosave, dirty marks). */
MoiWorkflow   *moi_workflow_new                 (void);
/* Accepts a WorkflowConfig object, or a whole create / branch / detail body
 * holding one under "workflow" (or an envelope's "data"), the config also
 * as a JSON string. Parsed with moi_json_parse() (strict, bounded). Errors
 * name the place: line:column for syntax, component name and key for
 * types and missing fields. Duplicate names load (checks report them).
 * from_data() reads a well-formed WorkflowConfig straight into the model,
 * without a JsonNode tree per component; from_node() copies what it keeps
 * of @node, which stays the caller's. */
MoiWorkflow   *moi_workflow_new_from_data       (const char    *data,
                                                 gssize         length,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_new_from_node       (JsonNode      *node,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_new_from_file       (const char    *path,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_copy                (MoiWorkflow   *self);
/* The WorkflowConfig object, keys in their original order; read and
 * written without edits, it is the same JSON value as was read (keys and
 * values, unknown ones included, integers vs doubles). moi_workflow_new()
 * writes components, connections, edges, extra_components. to_data()
 * writes straight from the model in moi_json_to_string()'s format (exact
 * doubles); to_node() reads that text back, so the two never differ. */
JsonNode      *moi_workflow_to_node             (MoiWorkflow   *self);
char          *moi_workflow_to_data             (MoiWorkflow   *self,
                                                 gboolean       pretty,
                                                 gsize         *length);

GListModel    *moi_workflow_get_components      (MoiWorkflow   *self);
GListModel    *moi_workflow_get_connections     (MoiWorkflow   *self);
guint          moi_workflow_get_n_components    (MoiWorkflow   *self);
guint          moi_workflow_get_n_connections   (MoiWorkflow   *self);
/* Borrowed (transfer none), unlike g_list_model_get_item(). */
MoiComponent  *moi_workflow_get_component       (MoiWorkflow   *self,
                                                 guint          position);
MoiConnection *moi_workflow_get_connection      (MoiWorkflow   *self,
                                                 guint          position);
/* O(1) lookups (hash tables kept in sync with renames). */
MoiComponent  *moi_workflow_find_component      (MoiWorkflow   *self,
                                                 const char    *name);
MoiComponent  *moi_workflow_find_component_by_id (MoiWorkflow  *self,
                                                 const char    *component_id);
gboolean       moi_workflow_find_component_position (MoiWorkflow *self,
                                                 MoiComponent  *component,
                                                 guint         *position);
/* How many components are named @name (more than 1: duplicates). O(1). */
guint          moi_workflow_count_components_named (MoiWorkflow *self,
                                                 const char    *name);

/* Plain edits (no undo; MoiHistory wraps these). Those returning gboolean
 * return FALSE when the edit is impossible (not in this workflow; for
 * rename, with an error: duplicate or invalid name). */
void           moi_workflow_insert_component    (MoiWorkflow   *self,
                                                 guint          position,
                                                 MoiComponent  *component);
void           moi_workflow_append_component    (MoiWorkflow   *self,
                                                 MoiComponent  *component);
/* Removes the component and the connections that touched it (MoiHistory
 * removes those first itself, to restore them at their places on undo). */
gboolean       moi_workflow_remove_component    (MoiWorkflow   *self,
                                                 MoiComponent  *component);
/* Renames and rewrites every connection endpoint that named it. */
gboolean       moi_workflow_rename_component    (MoiWorkflow   *self,
                                                 MoiComponent  *component,
                                                 const char    *new_name,
                                                 GError       **error);
void           moi_workflow_insert_connection   (MoiWorkflow   *self,
                                                 guint          position,
                                                 MoiConnection *connection);
void           moi_workflow_append_connection   (MoiWorkflow   *self,
                                                 MoiConnection *connection);
gboolean       moi_workflow_remove_connection   (MoiWorkflow   *self,
                                                 MoiConnection *connection);
void           moi_workflow_remove_connection_at (MoiWorkflow  *self,
                                                 guint          position);
/* Connections whose sender (or receiver) component is @name. */
GPtrArray     *moi_workflow_get_connections_of  (MoiWorkflow   *self,
                                                 const char    *name);

/* "edges", "extra_components" and unknown top-level keys. */
JsonObject    *moi_workflow_get_extra           (MoiWorkflow   *self);

/* Many edits told as one: until the outermost end_batch(), "changed" is
 * held back, and emitted once at the end if anything changed, so autosave
 * runs once. Callers changing many components also freeze their
 * notifications (g_object_freeze_notify()) for the same time, so that
 * views never see a half-applied layout. Batches nest. */
void           moi_workflow_begin_batch         (MoiWorkflow   *self);
void           moi_workflow_end_batch           (MoiWorkflow   *self);

G_END_DECLS
