/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Times on the wire. The BYOA service sends the same kind of field as
 * milliseconds since the epoch (workflow list/detail), as an ISO string with
 * no zone ("2025-05-30T09:45:58", create response) or with a fraction and a
 * "+0000" zone (jobs, files). Everything is read into gint64 milliseconds
 * since the Unix epoch, UTC; 0 means "not set". */

/* Parses "2025-05-30T09:45:58", "2025-05-30 09:45:58",
 * "2025-02-12T17:20:15.000000+0000", "...Z", "...+08:00", or a decimal
 * number. A string without a zone is taken as UTC (the service runs in UTC;
 * the spec does not say). A number below 10^11 is taken as seconds, since
 * no millisecond time that small (before 1973-03) can be a real record. */
gboolean  moi_wire_time_parse_string (const char  *text,
                                      gint64      *out_ms);
/* Accepts an integer, a double, a string as above, or null / "" (0).
 * @what names the field in the error ("job “created_at”"). */
gboolean  moi_wire_time_from_node    (JsonNode    *node,
                                      const char  *what,
                                      gint64      *out_ms,
                                      GError     **error);
/* "2025-01-15T10:30:00" in UTC, the form the spec's FileInfo example uses;
 * NULL for 0. */
char     *moi_wire_time_format_iso   (gint64       ms);
/* A GDateTime in local time for display; NULL for 0. */
GDateTime *moi_wire_time_to_date_time (gint64      ms);

G_END_DECLS
