/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "moi-layout.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_TYPE_HISTORY (moi_history_get_type ())
G_DECLARE_FINAL_TYPE (MoiHistory, moi_history, MOI, HISTORY, GObject)

/* Undo/redo over a MoiWorkflow. Every edit goes through a moi_history_*()
 * call, which applies it to the workflow and records its inverse; editing
 * the workflow directly behind the history's back makes undo unreliable.
 *
 * Properties (all notify): "workflow" (construct-only), "can-undo",
 * "can-redo", "dirty", "undo-label", "redo-label" (translated, e.g.
 * "Undo Move"; NULL when there is nothing to undo/redo).
 *
 * Steps: each call is one step, except inside begin_group()/end_group()
 * where everything up to the outermost end_group() is one step. Consecutive
 * moves of the same component(s) made outside groups merge into one step
 * (a drag), as do consecutive changes of the same parameter of the same
 * component (typing); break_merge(), a group, undo/redo or set_clean()
 * start a new step. A new step clears the redo stack. */
MoiHistory   *moi_history_new                (MoiWorkflow    *workflow);
MoiWorkflow  *moi_history_get_workflow       (MoiHistory     *self);

/* Appends (add) or inserts at @position. */
void          moi_history_add_component      (MoiHistory     *self,
                                              MoiComponent   *component);
void          moi_history_insert_component   (MoiHistory     *self,
                                              guint           position,
                                              MoiComponent   *component);
/* Removes it and its connections; undo restores both at their places. */
gboolean      moi_history_remove_component   (MoiHistory     *self,
                                              MoiComponent   *component);
void          moi_history_move               (MoiHistory     *self,
                                              MoiComponent   *component,
                                              double          x,
                                              double          y);
/* Moves several components as one (mergeable) step: a selection drag. */
void          moi_history_move_many          (MoiHistory     *self,
                                              guint           n_components,
                                              MoiComponent  **components,
                                              const double   *x,
                                              const double   *y);
/* Applies a GArray of MoiLayoutPosition (moi_layout_compute_workflow())
 * as one "Layout" step, in a workflow batch (moi_workflow_begin_batch()).
 * Moves and their undo restore a position that was absent or null as
 * such. */
void          moi_history_layout             (MoiHistory     *self,
                                              GArray         *positions);
/* Appends the connection. */
void          moi_history_connect            (MoiHistory     *self,
                                              MoiConnection  *connection);
gboolean      moi_history_disconnect         (MoiHistory     *self,
                                              MoiConnection  *connection);
/* @value NULL removes the key. Takes a copy of @value. */
void          moi_history_set_parameter      (MoiHistory     *self,
                                              MoiComponent   *component,
                                              const char     *key,
                                              JsonNode       *value);
void          moi_history_set_intro          (MoiHistory     *self,
                                              MoiComponent   *component,
                                              const char     *intro);
/* @keys NULL writes null; takes a copy. Undo restores the old object, null
 * or absence. */
void          moi_history_set_input_keys     (MoiHistory     *self,
                                              MoiComponent   *component,
                                              JsonObject     *keys);
void          moi_history_set_output_keys    (MoiHistory     *self,
                                              MoiComponent   *component,
                                              JsonObject     *keys);
/* Renames (connections follow); fails like moi_workflow_rename_component(). */
gboolean      moi_history_rename             (MoiHistory     *self,
                                              MoiComponent   *component,
                                              const char     *new_name,
                                              GError        **error);
/* Appends @components (MoiComponent) then @connections (MoiConnection,
 * may be NULL) as one "Paste" step. Names must already be unique. */
void          moi_history_paste              (MoiHistory     *self,
                                              GPtrArray      *components,
                                              GPtrArray      *connections);

/* Groups nest; @label (may be NULL: the first edit's) names the step. */
void          moi_history_begin_group        (MoiHistory     *self,
                                              const char     *label);
void          moi_history_end_group          (MoiHistory     *self);
/* The next move or parameter change starts a new step (end of a drag). */
void          moi_history_break_merge        (MoiHistory     *self);

gboolean      moi_history_undo               (MoiHistory     *self);
gboolean      moi_history_redo               (MoiHistory     *self);
gboolean      moi_history_get_can_undo       (MoiHistory     *self);
gboolean      moi_history_get_can_redo       (MoiHistory     *self);
const char   *moi_history_get_undo_label     (MoiHistory     *self);
const char   *moi_history_get_redo_label     (MoiHistory     *self);
guint         moi_history_get_n_undo         (MoiHistory     *self);
guint         moi_history_get_n_redo         (MoiHistory     *self);

/* The current state is the saved one; dirty is TRUE whenever undo/redo or
 * edits move away from it (and FALSE again on coming back by undo/redo). */
void          moi_history_set_clean          (MoiHistory     *self);
gboolean      moi_history_is_dirty           (MoiHistory     *self);
/* Forgets every step (the workflow is left as it is) and marks clean. */
void          moi_history_clear              (MoiHistory     *self);

G_END_DECLS
