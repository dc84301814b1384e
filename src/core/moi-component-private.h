/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-component.h"
#include "moi-json-reader-private.h"

G_BEGIN_DECLS

/* Like moi_component_new_from_json_object_at(), but keeps the parsed
 * objects themselves instead of copies: for a tree the caller parsed and
 * drops afterwards, never for one it still uses. */
MoiComponent *moi_component_new_from_json_object_take (JsonObject *object,
                                                       guint       index,
                                                       GError    **error);

/* Reads the component object at the scanner without a JsonNode tree; NULL
 * on anything the checked reader would refuse or that it reads differently
 * (a repeated key): the caller then reads the document as a tree. */
MoiComponent *moi_component_new_from_scanner          (MoiJsonScanner *scanner);

G_END_DECLS
