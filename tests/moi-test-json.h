/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The object @json holds (a test's init_parameters), asserting it parses. */
JsonObject *moi_test_json_object (const char *json);

/* A component's constructor from its init_parameters. */
typedef gpointer (*MoiTestNewFunc) (JsonObject *params,
                                    GError    **error);

/* @cases holds pairs: init_parameters JSON, then a fragment (@n_cases
 * counts both). For each, asserts @new_func refuses the parameters with
 * G_IO_ERROR_INVALID_ARGUMENT, in a message naming @where and the
 * fragment. */
void        moi_test_assert_bad_parameters (MoiTestNewFunc      new_func,
                                            const char         *where,
                                            const char * const *cases,
                                            gsize               n_cases);

G_END_DECLS
