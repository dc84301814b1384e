/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-json-reader.h"

G_BEGIN_DECLS

/* moi_json_parse()'s parser, driven step by step, so that a model can read
 * a well-formed document into itself without building a JsonNode tree
 * first. It accepts exactly what moi_json_parse() accepts, under the same
 * limits, but says nothing about what is wrong: every call returns FALSE
 * or NULL on anything but what it expects, and the reader then parses the
 * document again with moi_json_parse(), whose errors name the place. */
typedef struct _MoiJsonScanner MoiJsonScanner;

/* NULL when the document is too large, not UTF-8, or empty. */
MoiJsonScanner *moi_json_scanner_new           (const char     *data,
                                                gssize          length);
void            moi_json_scanner_free          (MoiJsonScanner *self);
/* The first byte of the next value ('\0' at the end), to choose a reader. */
char            moi_json_scanner_peek          (MoiJsonScanner *self);
/* At '{' or '[': steps in; *empty when it closes at once (stepped out). */
gboolean        moi_json_scanner_begin_object  (MoiJsonScanner *self,
                                                gboolean       *empty);
gboolean        moi_json_scanner_begin_array   (MoiJsonScanner *self,
                                                gboolean       *empty);
/* A member's "key": up to its value. The key is valid until the next
 * string is read. */
const char     *moi_json_scanner_key           (MoiJsonScanner *self,
                                                gsize          *length);
/* After a member or an element: ',' (!*done) or @close (*done). */
gboolean        moi_json_scanner_next          (MoiJsonScanner *self,
                                                char            close,
                                                gboolean       *done);
/* A string value, valid until the next string is read. */
const char     *moi_json_scanner_string        (MoiJsonScanner *self);
gboolean        moi_json_scanner_null          (MoiJsonScanner *self);
/* Any value, built as moi_json_parse() builds it. */
JsonNode       *moi_json_scanner_value         (MoiJsonScanner *self);
/* TRUE when only whitespace is left. */
gboolean        moi_json_scanner_end           (MoiJsonScanner *self);

/* A member whose key is not one the model knows: its value into *@extra
 * (made when NULL). FALSE for a repeated key, which the tree reader keeps
 * at its first place with its last value: left to it. */
gboolean        moi_json_scanner_member_into   (MoiJsonScanner *self,
                                                const char     *key,
                                                gsize           length,
                                                JsonObject    **extra);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiJsonScanner, moi_json_scanner_free)

/* The order of the keys read so far: nothing is stored while they come as
 * writing without an order would put them (the known keys in @known's
 * order, then the others, see moi_json_append_ordered()); only a key
 * out of that order makes a list. */
typedef struct
{
  const char * const  *known;     /* at most 64 */
  guint64              seen;      /* known keys read, by index */
  int                  last;      /* the highest known index read, or -1 */
  JsonObject         **unknown;   /* where the other keys go, in order */
  GPtrArray           *order;     /* the keys in order, once needed */
} MoiJsonKeyOrder;

/* Before reading the value of @key (@known_index, or -1 for another). */
void            moi_json_key_order_add         (MoiJsonKeyOrder *self,
                                                int              known_index,
                                                const char      *key);
/* The order to keep (NULL when none is needed), and clears @self. */
char          **moi_json_key_order_steal       (MoiJsonKeyOrder *self);
void            moi_json_key_order_clear       (MoiJsonKeyOrder *self);

G_END_DECLS
