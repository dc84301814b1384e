/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MOI_CLIENT_ERROR (moi_client_error_quark ())

/**
 * MoiClientError:
 * @MOI_CLIENT_ERROR_NETWORK: the service could not be reached or the
 *   connection dropped (refused, reset, unknown host)
 * @MOI_CLIENT_ERROR_TLS: the secure connection failed (certificate, handshake)
 * @MOI_CLIENT_ERROR_TIMEOUT: no answer within the client's timeout
 * @MOI_CLIENT_ERROR_HTTP: the service failed (5xx, 408 or another status that
 *   is neither success nor one of the 4xx below): try again later
 * @MOI_CLIENT_ERROR_UNAUTHORIZED: the moi-key was refused (401 / 403)
 * @MOI_CLIENT_ERROR_NOT_FOUND: the workflow, branch, job or volume does not exist (404)
 * @MOI_CLIENT_ERROR_API: the envelope's code is not "ok" (message has msg and request_id)
 * @MOI_CLIENT_ERROR_UNPARSEABLE: the body is not the JSON envelope (HTML page,
 *   truncated JSON) or its data is not what the endpoint returns
 * @MOI_CLIENT_ERROR_CANCELLED: the caller cancelled the request
 * @MOI_CLIENT_ERROR_BAD_REQUEST: the service turned the request down as wrong
 *   (400, 409, 413, 422 and other 4xx not listed here): change it, then send
 *   it again
 * @MOI_CLIENT_ERROR_RATE_LIMITED: too many requests (429): wait, then try again
 */
typedef enum
{
  MOI_CLIENT_ERROR_NETWORK,
  MOI_CLIENT_ERROR_TLS,
  MOI_CLIENT_ERROR_TIMEOUT,
  MOI_CLIENT_ERROR_HTTP,
  MOI_CLIENT_ERROR_UNAUTHORIZED,
  MOI_CLIENT_ERROR_NOT_FOUND,
  MOI_CLIENT_ERROR_API,
  MOI_CLIENT_ERROR_UNPARSEABLE,
  MOI_CLIENT_ERROR_CANCELLED,
  MOI_CLIENT_ERROR_BAD_REQUEST,
  MOI_CLIENT_ERROR_RATE_LIMITED,
} MoiClientError;

GQuark   moi_client_error_quark        (void);
/* TRUE for MOI_CLIENT_ERROR_CANCELLED and G_IO_ERROR_CANCELLED. */
gboolean moi_client_error_is_cancelled (const GError *error);
/* Replaces *@slot with a copy of @error (NULL clears it), for an object's
 * "error" property; FALSE when both were NULL, so there is nothing to notify. */
gboolean moi_client_error_replace      (GError       **slot,
                                        const GError  *error);

/* Builds the MOI_CLIENT_ERROR for a failed exchange with @host (used for
 * messages). @io_error is the transport error, or NULL when an answer came
 * with @status; @api_code, @api_msg and @request_id are the envelope's when
 * the body was one. */
GError  *moi_client_error_new_transport (const char   *host,
                                         const GError *io_error,
                                         guint         timeout_seconds);
GError  *moi_client_error_new_status    (const char   *host,
                                         const char   *what,
                                         guint         status,
                                         const char   *api_msg,
                                         const char   *request_id);
GError  *moi_client_error_new_api       (const char   *host,
                                         const char   *what,
                                         const char   *api_code,
                                         const char   *api_msg,
                                         const char   *request_id);
GError  *moi_client_error_new_unparseable (const char *host,
                                           const char *what,
                                           const char *detail);

G_END_DECLS
