/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-connection.h"
#include "moi-json-reader-private.h"

G_BEGIN_DECLS

/* Like moi_connection_new_from_json_object(), keeping the parsed values
 * instead of copies (see moi_component_new_from_json_object_take()). */
MoiConnection *moi_connection_new_from_json_object_take (JsonObject *object,
                                                         guint       index,
                                                         GError    **error);

/* Reads the connection object at the scanner (see
 * moi_component_new_from_scanner()). */
MoiConnection *moi_connection_new_from_scanner          (MoiJsonScanner *scanner);

G_END_DECLS
