/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "moi-job-runner.h"
#include "moi-store.h"

G_BEGIN_DECLS

#define MOI_SERVICE_DEFAULT_MAX_BODY (16 * 1024 * 1024)

#define MOI_TYPE_SERVICE (moi_service_get_type ())
G_DECLARE_FINAL_TYPE (MoiService, moi_service, MOI, SERVICE, GObject)

/* The BYOA HTTP API (/byoa/api/v1/...) over @store and @runner. Every
 * request needs the "moi-key" header equal to @key. Target volumes created
 * from create_target_volume_name get a folder under @data_dir/volumes.
 * Handlers run in the thread-default main context of the caller of
 * moi_service_listen(). */
MoiService *moi_service_new               (MoiStore      *store,
                                           MoiJobRunner  *runner,
                                           const char    *key,
                                           const char    *data_dir);
/* Listens on @address ("127.0.0.1", "::1", "0.0.0.0"...) and @port (0 picks
 * a free one). */
gboolean    moi_service_listen            (MoiService    *self,
                                           const char    *address,
                                           guint          port,
                                           GError       **error);
/* "http://127.0.0.1:PORT" once listening. */
char       *moi_service_dup_url           (MoiService    *self);
void        moi_service_set_max_body_size (MoiService    *self,
                                           gsize          max_body_size);
void        moi_service_disconnect        (MoiService    *self);

G_END_DECLS
