/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOI_CORE_ERROR (moi_core_error_quark ())

/**
 * MoiCoreError:
 * @MOI_CORE_ERROR_PARSE: the text is not JSON (message has line:column)
 * @MOI_CORE_ERROR_TYPE: a value has the wrong JSON type (message names the place)
 * @MOI_CORE_ERROR_MISSING: a required field is missing
 * @MOI_CORE_ERROR_INVALID: a value is out of range or otherwise unacceptable
 * @MOI_CORE_ERROR_TOO_DEEP: nesting or size beyond the limits
 */
typedef enum
{
  MOI_CORE_ERROR_PARSE,
  MOI_CORE_ERROR_TYPE,
  MOI_CORE_ERROR_MISSING,
  MOI_CORE_ERROR_INVALID,
  MOI_CORE_ERROR_TOO_DEEP,
} MoiCoreError;

GQuark moi_core_error_quark (void);

G_END_DECLS
