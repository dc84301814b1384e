/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What the client tests (and bench-client) share: waiting for an async
 * call, a small SoupServer on 127.0.0.1, an address nothing listens on. */

/* A GAsyncReadyCallback storing a reference to the result in the
 * GAsyncResult * that @user_data points to. */
void          moi_test_store_result (GObject            *source,
                                     GAsyncResult       *result,
                                     gpointer            user_data);
/* Runs the default main context until *@slot is set; returns it (the
 * caller still owns it). */
GAsyncResult *moi_test_wait_for     (GAsyncResult      **slot);
/* Runs the default main context for @ms milliseconds. */
void          moi_test_spin         (guint               ms);

/* A server on a free loopback port calling @handler for every path;
 * *@url is its base URL ("http://127.0.0.1:PORT/"). */
SoupServer   *moi_test_server_new   (SoupServerCallback  handler,
                                     gpointer            user_data,
                                     char              **url);
/* Disconnects and drops *@server. */
void          moi_test_server_clear (SoupServer        **server);
/* Sets @msg's status and a copy of @body. */
void          moi_test_respond      (SoupServerMessage  *msg,
                                     guint               status,
                                     const char         *content_type,
                                     const char         *body);
/* "http://127.0.0.1:PORT" for a port that was free a moment ago: nothing
 * listens there. */
char         *moi_test_unused_url   (void);

G_END_DECLS
