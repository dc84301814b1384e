/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Serializes JSON without changing any value: keys in their order, UTF-8
 * text as is (only what JSON requires is escaped), integers as integers,
 * and doubles in the shortest form that reads back to the same double
 * (json-glib 1.6's generator prints 0.1 as 0.10000000000000001). A double
 * always keeps a '.' or an exponent, so 1.0 stays a double. Non-finite
 * doubles, which JSON cannot express, are written as null.
 * @pretty gives the layout of Python's json.dumps (indent=2,
 * ensure_ascii=False), so files MOI's tools wrote come back byte for byte;
 * otherwise the output is compact (no spaces). */
char *moi_json_to_string     (JsonNode   *node,
                              gboolean    pretty,
                              gsize      *length);
void  moi_json_append        (GString    *out,
                              JsonNode   *node,
                              gboolean    pretty);
/* @buffer must hold G_ASCII_DTOSTR_BUF_SIZE bytes. */
void  moi_json_format_double (double      value,
                              char       *buffer);

/* Deep copies: json_node_copy() only references objects and arrays, which
 * would share them between a model and its undo history or its copies. */
JsonNode   *moi_json_node_deep_copy       (JsonNode           *node);
JsonObject *moi_json_object_deep_copy     (JsonObject         *object);

/* Returns the node to write for the known @key (transfer full), or NULL to
 * leave the key out. */
typedef JsonNode *(*MoiJsonMemberFunc) (const char *key,
                                        gpointer    user_data);

/* Builds an object for the lossless round trip: keys follow @order (the
 * keys in the order they were read; NULL for objects made by the app), then
 * the @known keys not in @order, then the @extra keys not in @order. Known
 * keys get their value from @func, the others a copy of @extra's. */
JsonObject *moi_json_object_build_ordered (const char * const *order,
                                           const char * const *known,
                                           JsonObject         *extra,
                                           MoiJsonMemberFunc   func,
                                           gpointer            user_data);
/* A deep copy of the members of @object not named in @known: the keys this
 * app does not know, kept for the round trip. */
JsonObject *moi_json_object_copy_unknown  (JsonObject         *object,
                                           const char * const *known);
/* The member names of @object in order, or NULL for NULL. */
char      **moi_json_object_dup_keys      (JsonObject         *object);

G_END_DECLS
