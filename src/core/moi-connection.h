/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_CONNECTION (moi_connection_get_type ())
G_DECLARE_FINAL_TYPE (MoiConnection, moi_connection, MOI, CONNECTION, GObject)

/* A Haystack connection "comp.socket" -> "comp.socket". The endpoint strings
 * are split on the FIRST dot: the component part never contains a dot, the
 * socket part may ("application/vnd.openxmlformats-..."). A bare "comp" has a
 * NULL socket. Immutable once created (edits replace the connection). */
MoiConnection *moi_connection_new                    (const char    *sender,
                                                      const char    *receiver);
MoiConnection *moi_connection_new_from_parts         (const char    *sender_component,
                                                      const char    *sender_socket,
                                                      const char    *receiver_component,
                                                      const char    *receiver_socket);
const char    *moi_connection_get_sender             (MoiConnection *self);
const char    *moi_connection_get_receiver           (MoiConnection *self);
const char    *moi_connection_get_sender_component   (MoiConnection *self);
const char    *moi_connection_get_sender_socket      (MoiConnection *self);
const char    *moi_connection_get_receiver_component (MoiConnection *self);
const char    *moi_connection_get_receiver_socket    (MoiConnection *self);
gboolean       moi_connection_equal                  (MoiConnection *a,
                                                      MoiConnection *b);
/* Keys other than sender/receiver, kept in order for the lossless round trip. */
JsonObject    *moi_connection_get_extra              (MoiConnection *self);

/* Reads one entry of "connections"; @index (0-based) names it in errors. */
MoiConnection *moi_connection_new_from_json_object   (JsonObject    *object,
                                                      guint          index,
                                                      GError       **error);
/* A fresh object, keys in the order they were read. */
JsonObject    *moi_connection_to_json_object         (MoiConnection *self);
/* Writes the same object to @out without building it (see
 * moi_component_append_json()). */
void           moi_connection_append_json            (MoiConnection *self,
                                                      GString       *out,
                                                      gboolean       pretty,
                                                      guint          level);
/* A copy where endpoints on component @old_name now name @new_name (sockets
 * and extra keys kept), for renames; NULL when neither end names it. */
MoiConnection *moi_connection_rename_component       (MoiConnection *self,
                                                      const char    *old_name,
                                                      const char    *new_name);
/* TRUE if either end is on component @name. */
gboolean       moi_connection_touches                (MoiConnection *self,
                                                      const char    *name);

G_END_DECLS
