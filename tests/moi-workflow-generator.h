/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-workflow.h"

G_BEGIN_DECLS

/* Random but realistic MOI workflows for tests and benchmarks: pipelines of
 * FileTypeRouter → converters → splitters, cleaners, joiners, embedders →
 * DocumentWriter, with the init_parameters MOI writes. Acyclic; edges mostly
 * short, as people draw them. Same @rand state, same workflow. */
JsonNode    *moi_workflow_generator_build_node (GRand       *rand,
                                                guint        n_components,
                                                double       connections_per_component);
MoiWorkflow *moi_workflow_generator_build      (GRand       *rand,
                                                guint        n_components,
                                                double       connections_per_component);
/* Applies @n_edits random edits of every kind a diff reports: move, rename,
 * type, intro, component_id, parameters (top level and nested, set and
 * removed), extra keys of components and of the workflow, components and
 * connections added and removed. */
void         moi_workflow_generator_mutate     (MoiWorkflow *workflow,
                                                GRand       *rand,
                                                guint        n_edits);

G_END_DECLS
