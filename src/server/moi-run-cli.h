/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `moi-server run WORKFLOW.json FILE...`: runs each file through the
 * workflow without the service or a database. Prints every document the
 * DocumentWriters receive (a workflow without a writer: the documents left
 * on unconnected outputs) as one JSON line {"content", "meta"} on stdout,
 * errors on stderr; returns 0 when every file passed, 1 when any failed, 2 on
 * bad usage or an invalid workflow. @argv[0] is "run" (or the program). */
int moi_run_cli_main (int    argc,
                      char **argv);

G_END_DECLS
