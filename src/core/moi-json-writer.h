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

/* Streaming pieces of the same writer, for models that write themselves
 * without building a JsonNode tree first. @level is the nesting depth of
 * the value being written (for the pretty layout). */
void  moi_json_append_value      (GString    *out,
                                  JsonNode   *node,
                                  gboolean    pretty,
                                  guint       level);
void  moi_json_append_object     (GString    *out,
                                  JsonObject *object,
                                  gboolean    pretty,
                                  guint       level);
void  moi_json_append_string     (GString    *out,
                                  const char *s);
void  moi_json_append_int        (GString    *out,
                                  gint64      value);
void  moi_json_append_double     (GString    *out,
                                  double      value);
/* Writes ',' unless @first, the line break of the pretty layout, then
 * "key": — for a member of an object at @level. */
void  moi_json_append_member_key (GString    *out,
                                  const char *key,
                                  gboolean    first,
                                  gboolean    pretty,
                                  guint       level);
/* Writes ',' unless @first, then the line break of the pretty layout: the
 * start of an element of an array at @level. */
void  moi_json_append_element_start (GString *out,
                                     gboolean first,
                                     gboolean pretty,
                                     guint    level);
/* Writes the closing '}' or ']' of a container at @level. */
void  moi_json_append_close      (GString    *out,
                                  char        close,
                                  gboolean    empty,
                                  gboolean    pretty,
                                  guint       level);

/* TRUE when @a and @b are written the same: key order counts, and 1 and
 * 1.0 differ (an edit from one to the other is an edit). NULL equals only
 * NULL. */
gboolean    moi_json_node_write_equal     (JsonNode           *a,
                                           JsonNode           *b);
gboolean    moi_json_object_write_equal   (JsonObject         *a,
                                           JsonObject         *b);

/* Deep copies: every node, container and value is new, so the copy can be
 * changed (json_node_set_*() included) or handed to another thread without
 * touching the original. json_node_copy() shares objects, arrays and the
 * JsonValue of scalars. */
JsonNode   *moi_json_node_deep_copy       (JsonNode           *node);
JsonObject *moi_json_object_deep_copy     (JsonObject         *object);
/* A node holding @object / @array, taking the caller's reference
 * (json_node_init_object() takes one of its own). */
JsonNode   *moi_json_node_take_object     (JsonObject         *object);
JsonNode   *moi_json_node_take_array      (JsonArray          *array);

/* The index of @key in the NULL-terminated @known, or -1. */
int         moi_json_find_key             (const char * const *known,
                                           const char         *key);

/* Appends @key's value at @level; returns FALSE to leave the key out
 * (whatever it appended is then dropped). */
typedef gboolean (*MoiJsonAppendMemberFunc) (GString    *out,
                                             const char *key,
                                             guint       known_index,
                                             gboolean    pretty,
                                             guint       level,
                                             gpointer    user_data);

/* Writes an object for the lossless round trip, at @level: keys follow
 * @order (the keys in the order they were read; NULL for objects made by
 * the app), then the @known keys not in @order, then the @extra keys not
 * in @order. Known keys get their value from @func, the others @extra's.
 * @known holds at most 64 names. */
void        moi_json_append_ordered       (GString                 *out,
                                           gboolean                 pretty,
                                           guint                    level,
                                           const char * const      *order,
                                           const char * const      *known,
                                           JsonObject              *extra,
                                           MoiJsonAppendMemberFunc  func,
                                           gpointer                 user_data);
/* A deep copy of the members of @object not named in @known: the keys this
 * app does not know, kept for the round trip. */
JsonObject *moi_json_object_copy_unknown  (JsonObject         *object,
                                           const char * const *known);
/* The same for an object whose values may be shared, e.g. a parsed tree
 * that is dropped afterwards: the values are referenced, not copied.
 * NULL when every key is known. */
JsonObject *moi_json_object_take_unknown  (JsonObject         *object,
                                           const char * const *known);
/* The member names of @object in order, or NULL for NULL. */
char      **moi_json_object_dup_keys      (JsonObject         *object);
/* The member names of @object in order, or NULL when writing without an
 * order gives the same: the @known ones in @known's order, then the others
 * (moi_json_append_ordered()). Saves a copy of the names for every
 * object written as MOI writes it. */
char      **moi_json_object_dup_order     (JsonObject         *object,
                                           const char * const *known);

G_END_DECLS
