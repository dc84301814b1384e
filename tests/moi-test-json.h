/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The object @json holds (a test's init_parameters), asserting it parses. */
JsonObject *moi_test_json_object (const char *json);

G_END_DECLS
