/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-component-spec.h"

G_BEGIN_DECLS

/* @where names the entry in messages ("catalog.json: components[3]"). */
MoiComponentSpec *_moi_component_spec_new_from_json      (JsonObject       *object,
                                                          const char       *where,
                                                          GError          **error);
/* Of MoiParameterSpec: those Haystack has no default for. */
GPtrArray        *_moi_component_spec_get_required_parameters (MoiComponentSpec *self);
/* "items" (array items) or "keys" (object keys) of the outputs parameter. */
gboolean          _moi_component_spec_outputs_from_keys  (MoiComponentSpec *self);
/* The type and description shared by every parameter-derived output. */
MoiSocketType    *_moi_component_spec_get_outputs_type   (MoiComponentSpec *self);
const char       *_moi_component_spec_get_outputs_type_string (MoiComponentSpec *self);
const char       *_moi_component_spec_get_outputs_description (MoiComponentSpec *self);

/* A socket that shares an already parsed type; @description is a catalog
 * msgid (translated on read) or NULL. */
MoiSocketSpec    *_moi_socket_spec_new_with_type         (const char          *name,
                                                          MoiSocketDirection   direction,
                                                          MoiSocketType       *type,
                                                          const char          *type_string,
                                                          const char          *description);

/* The socket named @name in an array of MoiSocketSpec, and its @position. */
MoiSocketSpec    *_moi_socket_spec_array_find            (GPtrArray           *sockets,
                                                          const char          *name,
                                                          guint               *position);

G_END_DECLS
