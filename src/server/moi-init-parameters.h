/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Readers for a component's init_parameters as MOI sends them: old MOI
 * documents pass booleans, numbers and null as strings ("false", "800",
 * "null"), which are coerced here. A missing key or a JSON null (or "null")
 * leaves *@out at the default the caller put there and returns TRUE.
 * Errors (G_IO_ERROR_INVALID_ARGUMENT) are translated and name the component
 * (@where, e.g. "MoiDocumentCleaner") and the key. */
gboolean moi_init_parameters_get_boolean     (JsonObject   *params,
                                              const char   *where,
                                              const char   *key,
                                              gboolean     *out,
                                              GError      **error);
gboolean moi_init_parameters_get_int         (JsonObject   *params,
                                              const char   *where,
                                              const char   *key,
                                              gint64       *out,
                                              GError      **error);
gboolean moi_init_parameters_get_double      (JsonObject   *params,
                                              const char   *where,
                                              const char   *key,
                                              double       *out,
                                              GError      **error);
/* *@out points into @params (or stays the caller's default). */
gboolean moi_init_parameters_get_string      (JsonObject   *params,
                                              const char   *where,
                                              const char   *key,
                                              const char  **out,
                                              GError      **error);
/* A JSON array of strings, or a string holding one (JSON-encoded, as MOI's
 * API sends lists), or a single plain string taken as a one-element list.
 * *@out is a new NULL-terminated vector, or stays NULL when absent/null. */
gboolean moi_init_parameters_get_string_list (JsonObject   *params,
                                              const char   *where,
                                              const char   *key,
                                              char       ***out,
                                              GError      **error);

/* The member @key, or NULL when it is absent or null (JSON null, "null" or
 * "None"). (transfer none) */
JsonNode *moi_init_parameters_lookup         (JsonObject   *params,
                                              const char   *key);

G_END_DECLS
