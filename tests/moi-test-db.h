/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The integer the first row of @sql gives, read from the database at
 * @db_path on a read-only connection of its own (asserting it works). */
gint64 moi_test_db_count (const char *db_path,
                          const char *sql);

G_END_DECLS
