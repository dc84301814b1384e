/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOI_TYPE_SOCKET_TYPE (moi_socket_type_get_type ())

/* A parsed Haystack socket type such as "list[Document]",
 * "dict[str, Any] | None" or "Variadic[list[Document]]". Spellings are
 * normalised the way Python's typing does: List/Dict → list/dict,
 * Optional[X] → X | None, nested unions flattened, module prefixes dropped
 * ("haystack.dataclasses.Document" → Document). Two aliases are understood:
 * "Sources" = list[str | Path | ByteStream] and "Meta" =
 * dict[str, Any] | list[dict[str, Any]] | None. A top-level Variadic[T] or
 * GreedyVariadic[T] marks the socket variadic; its type is then T, as in
 * Haystack. Immutable and reference counted. */
typedef struct _MoiSocketType MoiSocketType;

GType          moi_socket_type_get_type      (void) G_GNUC_CONST;
MoiSocketType *moi_socket_type_parse         (const char          *text,
                                              GError             **error);
MoiSocketType *moi_socket_type_ref           (MoiSocketType       *self);
void           moi_socket_type_unref         (MoiSocketType       *self);
gboolean       moi_socket_type_is_variadic   (const MoiSocketType *self);
gboolean       moi_socket_type_is_any        (const MoiSocketType *self);
/* Canonical spelling, without the Variadic wrapper. */
char          *moi_socket_type_to_string     (const MoiSocketType *self);
gboolean       moi_socket_type_equal         (const MoiSocketType *a,
                                              const MoiSocketType *b);
/* Haystack's strict _types_are_compatible(): can @sender's output feed
 * @receiver's input? Equal types, receiver Any, subclass (bool → int),
 * sender a member (or, for a union, a subset) of a receiver union, or the
 * same generic origin with pairwise compatible arguments. */
gboolean       moi_socket_type_is_compatible (const MoiSocketType *sender,
                                              const MoiSocketType *receiver);
/* Convenience for tests and one-off checks; FALSE when either fails to parse. */
gboolean       moi_socket_types_compatible   (const char          *sender,
                                              const char          *receiver);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiSocketType, moi_socket_type_unref)

G_END_DECLS
