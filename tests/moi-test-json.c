/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "moi-test-json.h"

JsonObject *
moi_test_json_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
moi_test_assert_bad_parameters (MoiTestNewFunc      new_func,
                                const char         *where,
                                const char * const *cases,
                                gsize               n_cases)
{
  for (gsize i = 0; i + 1 < n_cases; i += 2)
    {
      g_autoptr(JsonObject) params = moi_test_json_object (cases[i]);
      g_autoptr(GError) error = NULL;
      gpointer built = new_func (params, &error);

      g_test_message ("%s", cases[i]);
      g_assert_null (built);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, cases[i + 1]));
      g_assert_nonnull (strstr (error->message, where));
    }
}
