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
 * holding one under "workflow". Errors name the place: line:column for
 * syntax, component name and key for types and missing fields. */
MoiWorkflow   *moi_workflow_new_from_data       (const char    *data,
                                                 gssize         length,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_new_from_node       (JsonNode      *node,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_new_from_file       (const char    *path,
                                                 GError       **error);
MoiWorkflow   *moi_workflow_copy                (MoiWorkflow   *self);
/* The WorkflowConfig object, keys in their original order. */
JsonNode      *moi_workflow_to_node             (MoiWorkflow   *self);
char          *moi_workflow_to_data             (MoiWorkflow   *self,
                                                 gboolean       pretty,
                                                 gsize         *length);

GListModel    *moi_workflow_get_components      (MoiWorkflow   *self);
GListModel    *moi_workflow_get_connections     (MoiWorkflow   *self);
guint          moi_workflow_get_n_components    (MoiWorkflow   *self);
guint          moi_workflow_get_n_connections   (MoiWorkflow   *self);
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

/* Plain edits (no undo; MoiHistory wraps these). Return FALSE with an error
 * when the edit is impossible (duplicate name, unknown component...). */
void           moi_workflow_insert_component    (MoiWorkflow   *self,
                                                 guint          position,
                                                 MoiComponent  *component);
void           moi_workflow_append_component    (MoiWorkflow   *self,
                                                 MoiComponent  *component);
/* Removes the component and returns (in @removed_connections, if not NULL,
 * as (position, connection) pairs) the connections that touched it. */
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
/* Connections whose sender (or receiver) component is @name. */
GPtrArray     *moi_workflow_get_connections_of  (MoiWorkflow   *self,
                                                 const char    *name);

/* "edges", "extra_components" and unknown top-level keys. */
JsonObject    *moi_workflow_get_extra           (MoiWorkflow   *self);

G_END_DECLS
