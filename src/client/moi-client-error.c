/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-client-error.h"

G_DEFINE_QUARK (moi-client-error-quark, moi_client_error)

gboolean
moi_client_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
moi_client_error_replace (GError       **slot,
                          const GError  *error)
{
  g_return_val_if_fail (slot != NULL, FALSE);

  if (*slot == NULL && error == NULL)
    return FALSE;
  g_clear_error (slot);
  if (error != NULL)
    *slot = g_error_copy (error);
  return TRUE;
}

/* The lower layer's message, without its final period: ours follows. */
static char *
reason_of (const GError *error)
{
  char *reason = g_strdup (error->message);
  gsize len = strlen (reason);

  while (len > 0 && (reason[len - 1] == '.' || g_ascii_isspace (reason[len - 1])))
    reason[--len] = '\0';
  return reason;
}

GError *
moi_client_error_new_transport (const char   *host,
                                const GError *io_error,
                                guint         timeout_seconds)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (io_error != NULL, NULL);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_CANCELLED,
                                _("The request was cancelled."));

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%s did not answer within %u second. Check that the "
                                     "service is running and try again later.",
                                     "%s did not answer within %u seconds. Check that the "
                                     "service is running and try again later.",
                                     timeout_seconds),
                        host, timeout_seconds);

  reason = reason_of (io_error);
  if (io_error->domain == G_TLS_ERROR)
    return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_TLS,
                        _("The secure connection to %s failed: %s. Check the address "
                          "(http or https) and the system's certificates."),
                        host, reason);

  return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK,
                      _("Could not talk to %s: %s. Check the address and your network "
                        "connection, then try again."),
                      host, reason);
}

/* Each case is a whole sentence in three forms (no message from the service;
 * its message; its message and request id), all taking the same arguments
 * in the same order: host, what was asked, HTTP status, msg, request id. */
#define STATUS_ERROR(code, bare, said, said_id)                                        \
  (api_msg == NULL                                                                     \
   ? g_error_new (MOI_CLIENT_ERROR, code, bare, host, what, status)                    \
   : request_id == NULL                                                                \
   ? g_error_new (MOI_CLIENT_ERROR, code, said, host, what, status, api_msg)           \
   : g_error_new (MOI_CLIENT_ERROR, code, said_id, host, what, status, api_msg,        \
                  request_id))

GError *
moi_client_error_new_status (const char *host,
                             const char *what,
                             guint       status,
                             const char *api_msg,
                             const char *request_id)
{
  if (api_msg != NULL && *api_msg == '\0')
    api_msg = NULL;
  if (request_id != NULL && *request_id == '\0')
    request_id = NULL;

  switch (status)
    {
    case 401:
    case 403:
      /* TRANSLATORS: in these HTTP messages the first %s is the service
       * ("127.0.0.1:8080"), the second the request ("GET /byoa/api/v1/…"),
       * then the HTTP status (400), the service's
       * own message and its request id. */
      return STATUS_ERROR (MOI_CLIENT_ERROR_UNAUTHORIZED,
                           _("%s refused the moi-key for %s (HTTP %u). Check the key in the "
                             "connection settings (or MOI_KEY)."),
                           _("%s refused the moi-key for %s (HTTP %u) and said: “%s”. Check "
                             "the key in the connection settings (or MOI_KEY)."),
                           _("%s refused the moi-key for %s (HTTP %u) and said: “%s” (request "
                             "id %s). Check the key in the connection settings (or MOI_KEY)."));

    case 404:
      return STATUS_ERROR (MOI_CLIENT_ERROR_NOT_FOUND,
                           _("%s found nothing for %s (HTTP %u). It may have been deleted; "
                             "refresh and try again."),
                           _("%s found nothing for %s (HTTP %u) and said: “%s”. It may have "
                             "been deleted; refresh and try again."),
                           _("%s found nothing for %s (HTTP %u) and said: “%s” (request id "
                             "%s). It may have been deleted; refresh and try again."));

    case 409:
      return STATUS_ERROR (MOI_CLIENT_ERROR_BAD_REQUEST,
                           _("%s turned down %s because it conflicts with what is already "
                             "there (HTTP %u), such as a name in use or a job still running. "
                             "Refresh, change the request and send it again."),
                           _("%s turned down %s because it conflicts with what is already "
                             "there (HTTP %u) and said: “%s”. Refresh, change the request and "
                             "send it again."),
                           _("%s turned down %s because it conflicts with what is already "
                             "there (HTTP %u) and said: “%s” (request id %s). Refresh, change "
                             "the request and send it again."));

    case 413:
      return STATUS_ERROR (MOI_CLIENT_ERROR_BAD_REQUEST,
                           _("%s turned down %s because the request body is larger than the "
                             "service's size limit for one request (HTTP %u). Send fewer or "
                             "smaller items at once."),
                           _("%s turned down %s because the request body is larger than the "
                             "service's size limit for one request (HTTP %u) and said: “%s”. "
                             "Send fewer or smaller items at once."),
                           _("%s turned down %s because the request body is larger than the "
                             "service's size limit for one request (HTTP %u) and said: “%s” "
                             "(request id %s). Send fewer or smaller items at once."));

    case 429:
      return STATUS_ERROR (MOI_CLIENT_ERROR_RATE_LIMITED,
                           _("%s is getting too many requests and turned down %s (HTTP %u). "
                             "Wait a minute, then try again."),
                           _("%s is getting too many requests and turned down %s (HTTP %u) "
                             "and said: “%s”. Wait a minute, then try again."),
                           _("%s is getting too many requests and turned down %s (HTTP %u) "
                             "and said: “%s” (request id %s). Wait a minute, then try "
                             "again."));

    default:
      break;
    }

  /* 408 is the service giving up waiting: not the request's fault. */
  if (status >= 400 && status < 500 && status != 408)
    return STATUS_ERROR (MOI_CLIENT_ERROR_BAD_REQUEST,
                         _("%s turned down %s as not valid (HTTP %u). Check what was sent "
                           "(names, ids, settings), correct it and send it again."),
                         _("%s turned down %s as not valid (HTTP %u) and said: “%s”. Correct "
                           "what it points to and send the request again."),
                         _("%s turned down %s as not valid (HTTP %u) and said: “%s” (request "
                           "id %s). Correct what it points to and send the request again."));

  return STATUS_ERROR (MOI_CLIENT_ERROR_HTTP,
                       _("%s had a problem with %s (HTTP %u). Try again later; if it keeps "
                         "happening, the service may be down or misconfigured."),
                       _("%s had a problem with %s (HTTP %u) and said: “%s”. Try again later; "
                         "if it keeps happening, the service may be down or misconfigured."),
                       _("%s had a problem with %s (HTTP %u) and said: “%s” (request id %s). "
                         "Try again later; if it keeps happening, the service may be down or "
                         "misconfigured."));
}

#undef STATUS_ERROR

GError *
moi_client_error_new_api (const char *host,
                          const char *what,
                          const char *api_code,
                          const char *api_msg,
                          const char *request_id)
{
  return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_API,
                      _("%s could not do %s: %s (code %s, request id %s)."),
                      host, what,
                      api_msg && *api_msg ? api_msg : _("no reason given"),
                      api_code ? api_code : "?",
                      request_id && *request_id ? request_id : _("none"));
}

GError *
moi_client_error_new_unparseable (const char *host,
                                  const char *what,
                                  const char *detail)
{
  return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNPARSEABLE,
                      _("%s sent an answer to %s that is not a MOI API response (%s). "
                        "Check that the address points to a MOI service."),
                      host, what, detail);
}
