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

GError *
moi_client_error_new_status (const char *host,
                             const char *what,
                             guint       status,
                             const char *reason,
                             const char *api_msg,
                             const char *request_id)
{
  g_autofree char *detail = NULL;

  if (api_msg != NULL && *api_msg != '\0')
    detail = request_id != NULL && *request_id != '\0'
             ? g_strdup_printf (_(" The service said: “%s” (request id %s)."),
                                api_msg, request_id)
             : g_strdup_printf (_(" The service said: “%s”."), api_msg);
  else
    detail = g_strdup ("");

  if (status == 401 || status == 403)
    return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNAUTHORIZED,
                        _("%s refused the moi-key (HTTP %u) for %s.%s Check the key in the "
                          "connection settings (or MOI_KEY)."),
                        host, status, what, detail);

  if (status == 404)
    return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND,
                        _("%s found nothing for %s (HTTP 404).%s It may have been deleted; "
                          "refresh and try again."),
                        host, what, detail);

  return g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_HTTP,
                      _("%s answered “%u %s” for %s.%s Try again later; if it keeps "
                        "happening, the service may be down or misconfigured."),
                      host, status, reason ? reason : "", what, detail);
}

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
