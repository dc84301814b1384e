/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-wire-time.h"

#define SECONDS_LIMIT G_GINT64_CONSTANT (100000000000)

static gboolean
parse_number (const char *text,
              gint64     *out_ms)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  if (*copy == '\0')
    return FALSE;
  errno = 0;
  value = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || value < 0 || value > 1e16)
    return FALSE;
  if (value < (double) SECONDS_LIMIT)
    value *= 1000.0;
  *out_ms = (gint64) (value + 0.5);
  return TRUE;
}

gboolean
moi_wire_time_parse_string (const char *text,
                            gint64     *out_ms)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_ms != NULL, FALSE);

  if (parse_number (text, out_ms))
    return TRUE;

  copy = g_strstrip (g_strdup (text));
  /* Python's str(datetime) uses a space where ISO 8601 wants a 'T'. */
  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

gboolean
moi_wire_time_from_node (JsonNode    *node,
                         const char  *what,
                         gint64      *out_ms,
                         GError     **error)
{
  g_return_val_if_fail (out_ms != NULL, FALSE);

  *out_ms = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (node);

          *out_ms = (v > 0 && v < SECONDS_LIMIT) ? v * 1000 : v;
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          double v = json_node_get_double (node);

          *out_ms = (gint64) ((v > 0 && v < (double) SECONDS_LIMIT) ? v * 1000.0 : v);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (s == NULL || *s == '\0' || moi_wire_time_parse_string (s, out_ms))
            return TRUE;
          g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                       _("%s: “%s” is not a time (expected milliseconds or an ISO 8601 date)"),
                       what, s);
          return FALSE;
        }
    }

  g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
               _("%s: expected a time (milliseconds or an ISO 8601 string), got %s"),
               what, moi_json_node_describe_type (node));
  return FALSE;
}

char *
moi_wire_time_format_iso (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (ms == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (ms / 1000);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

GDateTime *
moi_wire_time_to_date_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = NULL;

  if (ms == 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (ms / 1000);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_local (utc);
}
