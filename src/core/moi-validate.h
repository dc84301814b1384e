/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-catalog.h"
#include "moi-problem.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

/* Every problem of @workflow, as a new array of MoiProblem (empty when the
 * workflow is sound), in a stable order: components first (names, ids,
 * types, parameters), then connections in workflow order, then required
 * inputs, then cycles. @catalog NULL means the default catalog. Runs in
 * time linear in components + connections. */
GPtrArray  *moi_workflow_validate         (MoiWorkflow   *workflow,
                                           MoiCatalog    *catalog);
/* Whether adding @connection to @workflow would be sound, for refusing a
 * wire as it is dragged: NULL if so, else the problem it would cause
 * (unknown component or socket, incompatible types, a second sender into a
 * non-variadic input, a duplicate, a cycle). Costs one validation. */
MoiProblem *moi_workflow_check_connection (MoiWorkflow   *workflow,
                                           MoiCatalog    *catalog,
                                           MoiConnection *connection);
/* How many of @problems are errors (not warnings). */
guint       moi_problems_count_errors     (GPtrArray     *problems);

G_END_DECLS
