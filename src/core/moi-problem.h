/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "moi-connection.h"

G_BEGIN_DECLS

/**
 * MoiProblemKind:
 * @MOI_PROBLEM_CYCLE: connections form a cycle (see "components")
 * @MOI_PROBLEM_DANGLING_ENDPOINT: a connection names a component that does not exist
 * @MOI_PROBLEM_UNKNOWN_SOCKET: a connection names a socket the component lacks
 * @MOI_PROBLEM_AMBIGUOUS_CONNECTION: no socket named and several pairs fit
 * @MOI_PROBLEM_INCOMPATIBLE_TYPES: the sender's type cannot feed the receiver
 * @MOI_PROBLEM_MULTIPLE_SENDERS: a second sender into a non-variadic input
 * @MOI_PROBLEM_DUPLICATE_CONNECTION: the same connection twice (Haystack ignores it)
 * @MOI_PROBLEM_DUPLICATE_NAME: two components share a name
 * @MOI_PROBLEM_DUPLICATE_ID: two components share a component_id
 * @MOI_PROBLEM_NAME_HAS_DOT: a component name holds a "." (connections split there)
 * @MOI_PROBLEM_EMPTY_NAME: a component has no name
 * @MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED: a mandatory input gets nothing
 * @MOI_PROBLEM_PARAMETER_MISSING: a required init parameter is absent
 * @MOI_PROBLEM_PARAMETER_WRONG_KIND: a parameter value has the wrong JSON kind
 * @MOI_PROBLEM_PARAMETER_OUT_OF_RANGE: a number outside its bounds
 * @MOI_PROBLEM_PARAMETER_NOT_ALLOWED: a value not among the allowed ones
 * @MOI_PROBLEM_PARAMETER_INVALID: a malformed value (bad regex, secret, store)
 * @MOI_PROBLEM_UNKNOWN_TYPE: a component type the catalog does not know
 */
typedef enum
{
  MOI_PROBLEM_CYCLE,
  MOI_PROBLEM_DANGLING_ENDPOINT,
  MOI_PROBLEM_UNKNOWN_SOCKET,
  MOI_PROBLEM_AMBIGUOUS_CONNECTION,
  MOI_PROBLEM_INCOMPATIBLE_TYPES,
  MOI_PROBLEM_MULTIPLE_SENDERS,
  MOI_PROBLEM_DUPLICATE_CONNECTION,
  MOI_PROBLEM_DUPLICATE_NAME,
  MOI_PROBLEM_DUPLICATE_ID,
  MOI_PROBLEM_NAME_HAS_DOT,
  MOI_PROBLEM_EMPTY_NAME,
  MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED,
  MOI_PROBLEM_PARAMETER_MISSING,
  MOI_PROBLEM_PARAMETER_WRONG_KIND,
  MOI_PROBLEM_PARAMETER_OUT_OF_RANGE,
  MOI_PROBLEM_PARAMETER_NOT_ALLOWED,
  MOI_PROBLEM_PARAMETER_INVALID,
  MOI_PROBLEM_UNKNOWN_TYPE,
} MoiProblemKind;

typedef enum
{
  MOI_PROBLEM_SEVERITY_ERROR,
  MOI_PROBLEM_SEVERITY_WARNING,
} MoiProblemSeverity;

#define MOI_TYPE_PROBLEM_KIND     (moi_problem_kind_get_type ())
#define MOI_TYPE_PROBLEM_SEVERITY (moi_problem_severity_get_type ())
#define MOI_TYPE_PROBLEM          (moi_problem_get_type ())

GType moi_problem_kind_get_type     (void) G_GNUC_CONST;
GType moi_problem_severity_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MoiProblem, moi_problem, MOI, PROBLEM, GObject)

/* One finding of moi_workflow_validate(). Immutable; every field is a
 * construct-only property of the same name ("kind", "severity",
 * "component-name", "connection", "socket", "parameter", "components",
 * "message"). */
MoiProblem         *moi_problem_new                (MoiProblemKind      kind,
                                                    MoiProblemSeverity  severity,
                                                    const char         *component_name,
                                                    MoiConnection      *connection,
                                                    const char         *message);
MoiProblemKind      moi_problem_get_kind           (MoiProblem         *self);
MoiProblemSeverity  moi_problem_get_severity       (MoiProblem         *self);
/* The component the problem is shown on, or NULL (a dangling connection). */
const char         *moi_problem_get_component_name (MoiProblem         *self);
/* The connection at fault, or NULL. */
MoiConnection      *moi_problem_get_connection     (MoiProblem         *self);
/* The socket concerned (on the component above), or NULL. */
const char         *moi_problem_get_socket         (MoiProblem         *self);
/* The init parameter concerned, or NULL. */
const char         *moi_problem_get_parameter      (MoiProblem         *self);
/* For a cycle: the component names along it, in order; else NULL. */
const char * const *moi_problem_get_components     (MoiProblem         *self);
/* Translated, names the place. */
const char         *moi_problem_get_message        (MoiProblem         *self);

G_END_DECLS
