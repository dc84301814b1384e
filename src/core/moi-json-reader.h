/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits applied by moi_json_parse(): beyond them the input is refused with
 * MOI_CORE_ERROR_TOO_DEEP instead of exhausting the stack or memory. */
#define MOI_JSON_MAX_DEPTH        200
#define MOI_JSON_MAX_INPUT_SIZE   (64 * 1024 * 1024)
#define MOI_JSON_MAX_STRING_SIZE  (16 * 1024 * 1024)
/* Values in one document: 64 MiB of "[0,0,..." would otherwise make tens of
 * millions of nodes (gigabytes); a 5,000-component workflow has ~100,000. */
#define MOI_JSON_MAX_VALUES       2000000

/* A strict RFC 8259 parser producing json-glib nodes. Unlike JsonParser it
 * bounds nesting and sizes, rejects what JSON forbids (comments, single
 * quotes, leading zeros, trailing commas, NaN), keeps integers that overflow
 * gint64 as doubles instead of wrapping them, and reports errors as
 * MOI_CORE_ERROR_PARSE with "line:column". Object key order is kept; a
 * repeated key keeps its first position and its last value. */
JsonNode   *moi_json_parse                (const char   *data,
                                           gssize        length,
                                           GError      **error);

/* Reads back what moi_json_append_*() wrote (valid UTF-8 JSON by
 * construction): no limits, no error. How the models build the JsonNode
 * trees they hand out, so that trees and text never differ. */
JsonNode   *moi_json_parse_written        (const char   *data,
                                           gsize         length);

/* Translatable description of a node's JSON type: "a string", "null"... */
const char *moi_json_node_describe_type   (JsonNode     *node);

typedef enum
{
  MOI_JSON_OPTIONAL = 0,
  MOI_JSON_REQUIRED = 1 << 0,  /* a missing key is MOI_CORE_ERROR_MISSING */
  MOI_JSON_NULLABLE = 1 << 1,  /* a JSON null is accepted, giving NULL */
} MoiJsonFlags;

typedef enum
{
  MOI_JSON_KIND_STRING,
  MOI_JSON_KIND_NUMBER,
  MOI_JSON_KIND_BOOLEAN,
  MOI_JSON_KIND_OBJECT,
  MOI_JSON_KIND_ARRAY,
} MoiJsonKind;

/* Checked getters: TRUE when the member is absent-but-optional (out values
 * untouched) or present with the right type. Errors name the place:
 * "@where: “@display_key” must be a number, got a string", where @where is
 * e.g. "component “cleaner”" and @display_key a path like "position.x"
 * (@key itself when NULL). */
gboolean    moi_json_get_string_member    (JsonObject    *object,
                                           const char    *key,
                                           const char    *where,
                                           const char    *display_key,
                                           MoiJsonFlags   flags,
                                           const char   **out,
                                           GError       **error);
/* @is_integer (may be NULL) tells whether the JSON had an integer. */
gboolean    moi_json_get_number_member    (JsonObject    *object,
                                           const char    *key,
                                           const char    *where,
                                           const char    *display_key,
                                           MoiJsonFlags   flags,
                                           double        *out,
                                           gboolean      *is_integer,
                                           GError       **error);
gboolean    moi_json_get_object_member    (JsonObject    *object,
                                           const char    *key,
                                           const char    *where,
                                           const char    *display_key,
                                           MoiJsonFlags   flags,
                                           JsonObject   **out,
                                           GError       **error);
gboolean    moi_json_get_array_member     (JsonObject    *object,
                                           const char    *key,
                                           const char    *where,
                                           const char    *display_key,
                                           MoiJsonFlags   flags,
                                           JsonArray    **out,
                                           GError       **error);

/* Checks that @node has @kind, else sets MOI_CORE_ERROR_TYPE naming
 * @where and @display_key. */
gboolean    moi_json_check_kind           (JsonNode      *node,
                                           MoiJsonKind    kind,
                                           const char    *where,
                                           const char    *display_key,
                                           GError       **error);

G_END_DECLS
