/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "moi-workflow.h"

G_BEGIN_DECLS

/* Layered (Sugiyama) auto-layout: back edges of cycles reversed (DFS), longest-path
 * layering, dummy nodes on long edges, barycentre crossing reduction, then
 * coordinates. Layers run left to right (layer = column); each weakly connected
 * part of the graph gets its own horizontal band, so parts never overlap.
 * Positions are the top-left corners of the nodes, rounded to whole units. */

typedef struct _MoiLayoutOptions MoiLayoutOptions;

/* Size of a workflow node; lets the canvas give the sizes it really draws. */
typedef void (*MoiLayoutSizeFunc) (MoiComponent *component,
                                   double       *width,
                                   double       *height,
                                   gpointer      user_data);

struct _MoiLayoutOptions
{
  double            node_width;         /* default 220 */
  double            node_height;        /* default 64: a node without sockets */
  double            socket_height;      /* default 22: added per socket row */
  double            layer_spacing;      /* default 100: gap between columns */
  double            node_spacing;       /* default 32: gap between nodes of a column */
  double            part_spacing;       /* default 96: gap between unconnected parts */
  double            origin_x;           /* default 0 */
  double            origin_y;           /* default 0 */
  guint             sweeps;             /* default 6: barycentre passes (each down + up) */
  MoiLayoutSizeFunc size_func;          /* NULL: sizes from the fields above */
  gpointer          size_func_data;
};

void              moi_layout_options_init          (MoiLayoutOptions *options);

/* The algorithm on a plain graph: nodes 0..n-1 with sizes, directed edges. */
typedef struct _MoiLayoutGraph MoiLayoutGraph;

MoiLayoutGraph   *moi_layout_graph_new             (guint             n_nodes);
void              moi_layout_graph_free            (MoiLayoutGraph   *graph);
guint             moi_layout_graph_get_n_nodes     (MoiLayoutGraph   *graph);
void              moi_layout_graph_set_node_size   (MoiLayoutGraph   *graph,
                                                    guint             node,
                                                    double            width,
                                                    double            height);
void              moi_layout_graph_add_edge        (MoiLayoutGraph   *graph,
                                                    guint             source,
                                                    guint             target);
/* Fills @x and @y (n_nodes each) with top-left corners. Node sizes not set
 * default to options->node_width × options->node_height. */
void              moi_layout_graph_compute         (MoiLayoutGraph   *graph,
                                                    const MoiLayoutOptions *options,
                                                    double           *x,
                                                    double           *y);
/* After compute: the layer (column) of each node, and the number of edge
 * crossings between adjacent layers in the final order. */
guint             moi_layout_graph_get_layer       (MoiLayoutGraph   *graph,
                                                    guint             node);
guint             moi_layout_graph_get_n_crossings (MoiLayoutGraph   *graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiLayoutGraph, moi_layout_graph_free)

/* One component's position: the unit MoiHistory records (capture the old
 * positions, apply the new ones, undo applies the old ones). */
typedef struct
{
  MoiComponent *component;   /* owned reference */
  double        x;
  double        y;
} MoiLayoutPosition;

/* GArray of MoiLayoutPosition (clears its references when freed), one per
 * component, in the workflow's order. @options may be NULL for defaults. */
GArray           *moi_layout_compute_workflow      (MoiWorkflow      *workflow,
                                                    const MoiLayoutOptions *options);
/* The components' current positions, in the same form: the undo data. */
GArray           *moi_layout_capture_positions     (MoiWorkflow      *workflow);
/* Moves each listed component still in @workflow to its position, in one
 * workflow batch (moi_workflow_begin_batch()); components removed since are
 * skipped. Returns the number of components moved. No undo: for that, use
 * moi_history_layout(). */
guint             moi_layout_apply_positions       (MoiWorkflow      *workflow,
                                                    GArray           *positions);

G_END_DECLS
