/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-client.h"
#include "moi-core-error.h"

#define API_PREFIX "/byoa/api/v1"
#define DEFAULT_TIMEOUT 30
#define DEFAULT_MAX_RETRIES 2
#define DEFAULT_RETRY_DELAY 500

struct _MoiClient
{
  GObject parent_instance;

  char *base_url;
  char *host;           /* "host:port", for messages */
  char *key;
  SoupSession *session;
  guint timeout;
  guint max_retries;
  guint retry_delay;
};

G_DEFINE_FINAL_TYPE (MoiClient, moi_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_KEY,
  PROP_TIMEOUT,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- requests ------------------------------------------------------------ */

typedef struct _Request Request;
typedef gpointer (*ParseFunc) (Request   *req,
                               JsonNode  *data,
                               GError   **error);
typedef gpointer (*ItemFromJson) (JsonNode  *node,
                                  GError   **error);

/* What a list endpoint returns: items, the total, and (job files) counts. */
typedef struct
{
  GPtrArray *items;
  guint total;
  MoiJobFileCounts *counts;
} Page;

struct _Request
{
  MoiClient *client;
  char *method;
  char *path;            /* without the query, for logs and messages */
  char *uri;
  GBytes *body;
  gboolean idempotent;
  guint attempt;
  gint64 started;
  SoupMessage *message;
  ParseFunc parse;
  GDestroyNotify result_free;
  /* Lists */
  const char * const *list_keys;
  ItemFromJson item_from_json;
  /* Objects */
  MoiWorkflowInfo *fallback;  /* create_workflow answers data: null */
};

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_object (&page->counts);
  g_free (page);
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_clear_object (&req->client);
  g_clear_object (&req->message);
  g_clear_object (&req->fallback);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->method);
  g_free (req->path);
  g_free (req->uri);
  g_free (req);
}

static char *
describe_request (Request *req)
{
  return g_strdup_printf ("%s %s", req->method, req->path);
}

/* The one place the envelope {code, msg, data, request_id} is read. On
 * success *data is the "data" member (NULL for an empty body or null). */
static gboolean
parse_envelope (Request     *req,
                guint        status,
                const char  *reason,
                GBytes      *bytes,
                JsonNode   **data,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *what = describe_request (req);
  const char *host = req->client->host;
  gsize size = 0;
  const char *text = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  gboolean success = SOUP_STATUS_IS_SUCCESSFUL (status);
  JsonObject *object = NULL;
  const char *code = NULL;
  const char *msg = NULL;
  const char *request_id = NULL;

  *data = NULL;

  while (size > 0 && g_ascii_isspace (*text))
    text++, size--;

  if (size == 0)
    {
      if (success)
        return TRUE;
      g_propagate_error (error, moi_client_error_new_status (host, what, status, reason,
                                                             NULL, NULL));
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, text, size, &parse_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *detail = NULL;

      if (!success)
        {
          g_propagate_error (error, moi_client_error_new_status (host, what, status, reason,
                                                                 NULL, NULL));
          return FALSE;
        }
      if (*text == '<')
        detail = g_strdup (_("an HTML page"));
      else if (parse_error != NULL)
        detail = g_strdup_printf (_("invalid or truncated JSON: %s"), parse_error->message);
      else
        detail = g_strdup (_("JSON that is not an object"));
      g_propagate_error (error, moi_client_error_new_unparseable (host, what, detail));
      return FALSE;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "code"))
    code = json_node_get_string (json_object_get_member (object, "code"));
  if (json_object_has_member (object, "msg"))
    msg = json_node_get_string (json_object_get_member (object, "msg"));
  if (json_object_has_member (object, "request_id"))
    request_id = json_node_get_string (json_object_get_member (object, "request_id"));

  if (!success)
    {
      g_propagate_error (error, moi_client_error_new_status (host, what, status, reason,
                                                             msg, request_id));
      return FALSE;
    }

  if (code == NULL)
    {
      g_propagate_error (error,
                         moi_client_error_new_unparseable (host, what,
                                                           _("no “code” field")));
      return FALSE;
    }

  /* BYOA answers "ok", the catalog API "OK". */
  if (g_ascii_strcasecmp (code, "ok") != 0)
    {
      g_propagate_error (error, moi_client_error_new_api (host, what, code, msg, request_id));
      return FALSE;
    }

  if (json_object_has_member (object, "data"))
    {
      JsonNode *node = json_object_get_member (object, "data");

      if (!JSON_NODE_HOLDS_NULL (node))
        *data = json_node_copy (node);
    }
  return TRUE;
}

static void send_request (GTask *task);

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_CANCELLED,
                               _("The request was cancelled."));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  send_request (task);
  return G_SOURCE_REMOVE;
}

static gboolean
maybe_retry (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint delay;

  if (!req->idempotent || req->attempt > req->client->max_retries)
    return FALSE;

  delay = req->client->retry_delay << MIN (req->attempt - 1, 6);
  g_debug ("%s %s: retrying in %u ms (attempt %u)", req->method, req->path, delay,
           req->attempt + 1);
  g_timeout_add (delay, retry_cb, task);
  return TRUE;
}

static gboolean
is_retriable_transport_error (const GError *error)
{
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) data = NULL;
  gpointer value;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  status = soup_message_get_status (req->message);

  g_debug ("%s %s: %u (%" G_GINT64_FORMAT " ms)%s%s", req->method, req->path,
           bytes ? status : 0, (g_get_monotonic_time () - req->started) / 1000,
           error ? ": " : "", error ? error->message : "");

  if (error != NULL)
    {
      /* Whatever soup says once the caller cancelled, it is a cancellation. */
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
        }
      if (is_retriable_transport_error (error) && maybe_retry (task))
        return;
      g_task_return_error (task, moi_client_error_new_transport (req->client->host, error,
                                                                 req->client->timeout));
      g_object_unref (task);
      return;
    }

  if ((status == 502 || status == 503 || status == 504) && maybe_retry (task))
    return;

  if (!parse_envelope (req, status, soup_message_get_reason_phrase (req->message), bytes,
                       &data, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  value = req->parse (req, data, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, req->result_free);
  g_object_unref (task);
}

static void
send_request (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  MoiClient *self = req->client;

  g_clear_object (&req->message);
  req->message = soup_message_new (req->method, req->uri);
  if (req->message == NULL)
    {
      g_task_return_new_error (task, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK,
                               _("“%s” is not a valid service address. Use an http:// or "
                                 "https:// URL."), self->base_url);
      g_object_unref (task);
      return;
    }

  if (self->key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (req->message),
                                  "moi-key", self->key);
  soup_message_headers_replace (soup_message_get_request_headers (req->message),
                                "Accept", "application/json");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->message, "application/json", req->body);

  req->attempt++;
  req->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session, req->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

/* Query parameters: NULL-terminated key/value pairs, repeated keys for
 * arrays (status=1&status=2) as the spec's Python examples send them. */
static void
query_add (GString    *query,
           const char *key,
           const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append (query, key);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

static void
query_add_int (GString    *query,
               const char *key,
               gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  query_add (query, key, buf);
}

static void
query_add_ints (GString    *query,
                const char *key,
                const int  *values,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    query_add_int (query, key, values[i]);
}

static GBytes *
body_from_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static GTask *
request_new (MoiClient           *self,
             const char          *method,
             const char          *path,
             GString             *query,
             JsonNode            *body,
             ParseFunc            parse,
             GDestroyNotify       result_free,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);
  const char *base = self->base_url ? self->base_url : "";
  gsize base_len = strlen (base);

  while (base_len > 0 && base[base_len - 1] == '/')
    base_len--;

  req->client = g_object_ref (self);
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->uri = g_strdup_printf ("%.*s%s%s", (int) base_len, base, path, query ? query->str : "");
  req->body = body ? body_from_node (body) : NULL;
  req->idempotent = g_str_equal (method, "GET");
  req->parse = parse;
  req->result_free = result_free;

  g_task_set_source_tag (task, source_tag);
  /* Cancellation comes back as MOI_CLIENT_ERROR_CANCELLED, one domain. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, req, request_free);
  return task;
}

/* --- parsers ------------------------------------------------------------- */

static gpointer
parse_nothing (Request   *req,
               JsonNode  *data,
               GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gboolean
check_data (Request   *req,
            JsonNode  *data,
            GError   **error)
{
  g_autofree char *what = NULL;

  if (data != NULL)
    return TRUE;
  what = describe_request (req);
  g_propagate_error (error, moi_client_error_new_unparseable (req->client->host, what,
                                                              _("no “data”")));
  return FALSE;
}

static gpointer
wrap_data_error (Request  *req,
                 GError  **error,
                 GError   *parse_error)
{
  g_autofree char *what = describe_request (req);

  g_propagate_error (error, moi_client_error_new_unparseable (req->client->host, what,
                                                              parse_error->message));
  g_error_free (parse_error);
  return NULL;
}

#define DEFINE_OBJECT_PARSER(name, from_json)                                \
  static gpointer                                                            \
  name (Request   *req,                                                      \
        JsonNode  *data,                                                     \
        GError   **error)                                                    \
  {                                                                          \
    GError *parse_error = NULL;                                              \
    gpointer object;                                                         \
                                                                             \
    if (!check_data (req, data, error))                                      \
      return NULL;                                                           \
    object = from_json (data, &parse_error);                                 \
    if (object == NULL)                                                      \
      return wrap_data_error (req, error, parse_error);                      \
    return object;                                                           \
  }

DEFINE_OBJECT_PARSER (parse_workflow_info, moi_workflow_info_new_from_json)
DEFINE_OBJECT_PARSER (parse_job, moi_job_new_from_json)
DEFINE_OBJECT_PARSER (parse_job_status, moi_job_status_info_new_from_json)
DEFINE_OBJECT_PARSER (parse_volume, moi_volume_new_from_json)

static gpointer
parse_created_workflow (Request   *req,
                        JsonNode  *data,
                        GError   **error)
{
  if (data == NULL)
    return g_object_ref (req->fallback);
  return parse_workflow_info (req, data, error);
}

static gpointer
parse_created_branch (Request   *req,
                      JsonNode  *data,
                      GError   **error)
{
  /* The spec answers data: null; a service that says more may give the id. */
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);
      JsonNode *id = json_object_get_member (object, "branch_id");

      if (id == NULL)
        id = json_object_get_member (object, "id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
          json_node_get_value_type (id) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (id));
    }
  return g_strdup ("");
}

static gboolean
read_total (JsonObject *object,
            const char *key,
            guint      *total)
{
  JsonNode *node = json_object_get_member (object, key);
  gint64 value = -1;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  else
    value = json_node_get_int (node);
  if (value < 0)
    return FALSE;
  *total = (guint) MIN (value, G_MAXUINT);
  return TRUE;
}

static gpointer
parse_page (Request   *req,
            JsonNode  *data,
            GError   **error)
{
  g_autoptr(JsonNode) embedded = NULL;
  Page *page;
  JsonArray *array = NULL;
  JsonObject *object = NULL;
  GError *parse_error = NULL;

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_with_free_func (g_object_unref);

  if (data == NULL)
    return page;

  if (JSON_NODE_HOLDS_ARRAY (data))
    array = json_node_get_array (data);
  else if (JSON_NODE_HOLDS_OBJECT (data))
    {
      object = json_node_get_object (data);
      for (guint i = 0; req->list_keys[i] != NULL && array == NULL; i++)
        {
          JsonNode *node = json_object_get_member (object, req->list_keys[i]);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              embedded = moi_record_parse_embedded (json_node_get_string (node));
              node = embedded;
            }
          if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
            array = json_node_get_array (node);
          else
            {
              g_set_error (&parse_error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                           _("“%s” is not an array"), req->list_keys[i]);
              page_free (page);
              return wrap_data_error (req, error, parse_error);
            }
        }
    }
  else
    {
      g_set_error_literal (&parse_error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                           _("“data” is neither an object nor an array"));
      page_free (page);
      return wrap_data_error (req, error, parse_error);
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GObject *item = req->item_from_json (json_array_get_element (array, i), &parse_error);

      if (item == NULL)
        {
          page_free (page);
          return wrap_data_error (req, error, parse_error);
        }
      g_ptr_array_add (page->items, item);
    }

  page->total = page->items->len;
  if (object != NULL)
    {
      /* Job files: "file_total" is the filtered count, "total" all files. */
      if (!read_total (object, "file_total", &page->total))
        read_total (object, "total", &page->total);
      if (g_strcmp0 (req->list_keys[0], "files") == 0 &&
          json_object_has_member (object, "completed"))
        {
          page->counts = moi_job_file_counts_new_from_json (data, &parse_error);
          if (page->counts == NULL)
            {
              page_free (page);
              return wrap_data_error (req, error, parse_error);
            }
        }
    }
  return page;
}

/* --- finishing ----------------------------------------------------------- */

static gpointer
finish_pointer (MoiClient     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (MoiClient     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  return finish_pointer (self, result, source_tag, error) != NULL;
}

static GPtrArray *
finish_page (MoiClient          *self,
             GAsyncResult       *result,
             gpointer            source_tag,
             guint              *total,
             MoiJobFileCounts  **counts,
             GError            **error)
{
  Page *page = finish_pointer (self, result, source_tag, error);
  GPtrArray *items;

  if (page == NULL)
    return NULL;
  if (total != NULL)
    *total = page->total;
  if (counts != NULL)
    *counts = g_steal_pointer (&page->counts);
  items = g_steal_pointer (&page->items);
  page_free (page);
  return items;
}

static void
start_list (GTask              *task,
            const char * const *list_keys,
            ItemFromJson        item_from_json)
{
  Request *req = g_task_get_task_data (task);

  req->list_keys = list_keys;
  req->item_from_json = item_from_json;
  send_request (task);
}

/* @format holds one "%s" for the escaped id; split here rather than passed
 * to printf so the format stays checkable. */
static char *
path_with_id (const char *format,
              const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  const char *hole = strstr (format, "%s");

  g_assert (hole != NULL);
  return g_strdup_printf ("%.*s%s%s", (int) (hole - format), format, escaped, hole + 2);
}

static gpointer
workflow_info_from_json (JsonNode  *node,
                         GError   **error)
{
  return moi_workflow_info_new_from_json (node, error);
}

static gpointer
job_from_json (JsonNode  *node,
               GError   **error)
{
  return moi_job_new_from_json (node, error);
}

static gpointer
job_file_from_json (JsonNode  *node,
                    GError   **error)
{
  return moi_job_file_new_from_json (node, error);
}

static gpointer
volume_from_json (JsonNode  *node,
                  GError   **error)
{
  return moi_volume_new_from_json (node, error);
}

static gpointer
volume_file_from_json (JsonNode  *node,
                       GError   **error)
{
  return moi_volume_file_new_from_json (node, error);
}

static gpointer
document_block_from_json (JsonNode  *node,
                          GError   **error)
{
  return moi_document_block_new_from_json (node, error);
}

static gboolean
boolean_member (JsonObject *object,
                const char *key,
                gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* {"name", "exists", "available"}: 2 when the name is free, 1 when taken. */
static gpointer
parse_name_check (Request   *req,
                  JsonNode  *data,
                  GError   **error)
{
  g_autofree char *what = NULL;
  gboolean value;

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);

      if (boolean_member (object, "available", &value))
        return GINT_TO_POINTER (value ? 2 : 1);
      if (boolean_member (object, "exists", &value))
        return GINT_TO_POINTER (value ? 1 : 2);
    }

  what = describe_request (req);
  g_propagate_error (error, moi_client_error_new_unparseable (req->client->host, what,
                                                              _("no “available” field")));
  return NULL;
}

static const char * const workflow_keys[] = { "workflows", "list", "items", NULL };
static const char * const job_keys[] = { "jobs", "list", "items", NULL };
static const char * const file_keys[] = { "files", "list", "items", NULL };
static const char * const volume_keys[] = { "volumes", "list", "items", NULL };
static const char * const volume_file_keys[] = { "files", "list", "items", NULL };
static const char * const block_keys[] = { "list", "blocks", "items", NULL };

/* --- the object ---------------------------------------------------------- */

static void
moi_client_finalize (GObject *object)
{
  MoiClient *self = (MoiClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (moi_client_parent_class)->finalize (object);
}

static void
moi_client_dispose (GObject *object)
{
  MoiClient *self = (MoiClient *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (moi_client_parent_class)->dispose (object);
}

static void
moi_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MoiClient *self = MOI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MoiClient *self = MOI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      moi_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_KEY:
      moi_client_set_key (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      moi_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRIES:
      moi_client_set_max_retries (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_DELAY:
      moi_client_set_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_client_class_init (MoiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_client_dispose;
  object_class->finalize = moi_client_finalize;
  object_class->get_property = moi_client_get_property;
  object_class->set_property = moi_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Write-only so that nothing dumping properties can show it. */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 10, DEFAULT_MAX_RETRIES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, 60000, DEFAULT_RETRY_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_client_init (MoiClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_delay = DEFAULT_RETRY_DELAY;
  /* SoupSession's default proxy resolver is the system one
   * (see moi_client_set_base_url () for loopback). */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                "timeout", self->timeout,
                                NULL);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

MoiClient *
moi_client_new (const char *base_url,
                const char *key)
{
  return g_object_new (MOI_TYPE_CLIENT, "base-url", base_url, "key", key, NULL);
}

const char *
moi_client_get_base_url (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
moi_client_set_base_url (MoiClient  *self,
                         const char *base_url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);

  g_clear_pointer (&self->host, g_free);
  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    self->host = g_uri_get_port (uri) > 0
                 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                 : g_strdup (g_uri_get_host (uri));
  else
    self->host = g_strdup (base_url ? base_url : _("the service"));

  /* The local moi-server must never be reached through a proxy; anything
   * else uses the system's proxy settings. */
  if (uri != NULL && is_loopback_host (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (self->session, NULL);
  else
    soup_session_set_proxy_resolver (self->session, g_proxy_resolver_get_default ());

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

void
moi_client_set_key (MoiClient  *self,
                    const char *key)
{
  g_return_if_fail (MOI_IS_CLIENT (self));

  if (g_strcmp0 (self->key, key) == 0)
    return;
  g_free (self->key);
  self->key = g_strdup (key);
}

guint
moi_client_get_timeout (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), 0);

  return self->timeout;
}

void
moi_client_set_timeout (MoiClient *self,
                        guint      seconds)
{
  g_return_if_fail (MOI_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
moi_client_get_max_retries (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), 0);

  return self->max_retries;
}

void
moi_client_set_max_retries (MoiClient *self,
                            guint      max_retries)
{
  g_return_if_fail (MOI_IS_CLIENT (self));

  if (self->max_retries == max_retries)
    return;
  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

guint
moi_client_get_retry_delay (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), 0);

  return self->retry_delay;
}

void
moi_client_set_retry_delay (MoiClient *self,
                            guint      milliseconds)
{
  g_return_if_fail (MOI_IS_CLIENT (self));

  if (self->retry_delay == milliseconds)
    return;
  self->retry_delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

SoupSession *
moi_client_get_session (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), NULL);

  return self->session;
}

/* GET {prefix}/{id}{suffix} answering one record. */
static void
send_get_by_id (MoiClient           *self,
                const char          *format,
                const char          *id,
                ParseFunc            parse,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autofree char *path = path_with_id (format, id);

  send_request (request_new (self, "GET", path, NULL, NULL, parse, g_object_unref, source_tag,
                             cancellable, callback, user_data));
}

/* --- workflows ----------------------------------------------------------- */

void
moi_client_list_workflows_async (MoiClient           *self,
                                 MoiListQuery        *query,
                                 guint                offset,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));

  if (query != NULL)
    {
      const int *values;
      gint64 start, end;
      guint n;

      if (moi_list_query_get_name_search (query))
        query_add (q, "name_search", moi_list_query_get_name_search (query));
      moi_list_query_get_time_range (query, &start, &end);
      if (start > 0)
        query_add_int (q, "start_time", start);
      if (end > 0)
        query_add_int (q, "end_time", end);
      values = moi_list_query_get_process_modes (query, &n);
      query_add_ints (q, "process_modes", values, n);
      values = moi_list_query_get_statuses (query, &n);
      query_add_ints (q, "status", values, n);
      values = moi_list_query_get_file_types (query, &n);
      query_add_ints (q, "file_types", values, n);
      values = moi_list_query_get_priorities (query, &n);
      query_add_ints (q, "priority", values, n);
      if (moi_list_query_get_creator (query))
        query_add (q, "creator", moi_list_query_get_creator (query));
      if (moi_list_query_get_sort_field (query))
        {
          query_add (q, "sort_field", moi_list_query_get_sort_field (query));
          query_add (q, "sort_order",
                     moi_list_query_get_sort_descending (query) ? "descend" : "ascend");
        }
    }
  query_add_int (q, "offset", offset);
  query_add_int (q, "limit", MAX (limit, 1));

  task = request_new (self, "GET", API_PREFIX "/workflow_meta", q, NULL, parse_page, page_free,
                      moi_client_list_workflows_async, cancellable, callback, user_data);
  start_list (task, workflow_keys, workflow_info_from_json);
}

GPtrArray *
moi_client_list_workflows_finish (MoiClient     *self,
                                  GAsyncResult  *result,
                                  guint         *total,
                                  GError       **error)
{
  return finish_page (self, result, moi_client_list_workflows_async, total, NULL, error);
}

void
moi_client_get_workflow_async (MoiClient           *self,
                               const char          *workflow_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  send_get_by_id (self, API_PREFIX "/workflow_meta/%s", workflow_id, parse_workflow_info,
                  moi_client_get_workflow_async, cancellable, callback, user_data);
}

MoiWorkflowInfo *
moi_client_get_workflow_finish (MoiClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, moi_client_get_workflow_async, error);
}

void
moi_client_create_workflow_async (MoiClient           *self,
                                  MoiWorkflowInfo     *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (MOI_IS_WORKFLOW_INFO (request));

  body = moi_workflow_info_to_request_json (request);
  task = request_new (self, "POST", API_PREFIX "/workflow_meta", NULL, body,
                      parse_created_workflow, g_object_unref,
                      moi_client_create_workflow_async, cancellable, callback, user_data);
  ((Request *) g_task_get_task_data (task))->fallback = g_object_ref (request);
  send_request (task);
}

MoiWorkflowInfo *
moi_client_create_workflow_finish (MoiClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, moi_client_create_workflow_async, error);
}

void
moi_client_update_workflow_async (MoiClient           *self,
                                  const char          *workflow_id,
                                  MoiWorkflowInfo     *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);
  g_return_if_fail (MOI_IS_WORKFLOW_INFO (request));

  body = moi_workflow_info_to_request_json (request);
  path = path_with_id (API_PREFIX "/workflow_meta/%s/base_info", workflow_id);
  send_request (request_new (self, "PUT", path, NULL, body, parse_nothing, NULL,
                             moi_client_update_workflow_async, cancellable, callback,
                             user_data));
}

gboolean
moi_client_update_workflow_finish (MoiClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, moi_client_update_workflow_async, error);
}

static void
send_simple (MoiClient           *self,
             const char          *method,
             const char          *format,
             const char          *id,
             int                  delete_data,
             JsonNode            *body,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *path = path_with_id (format, id);

  if (delete_data >= 0)
    query_add (q, "delete_data", delete_data ? "true" : "false");
  send_request (request_new (self, method, path, q, body, parse_nothing, NULL,
                             source_tag, cancellable, callback, user_data));
}

void
moi_client_delete_workflow_async (MoiClient           *self,
                                  const char          *workflow_id,
                                  gboolean             delete_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  send_simple (self, "DELETE", API_PREFIX "/workflow_meta/%s", workflow_id, !!delete_data, NULL,
               moi_client_delete_workflow_async, cancellable, callback, user_data);
}

gboolean
moi_client_delete_workflow_finish (MoiClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, moi_client_delete_workflow_async, error);
}

void
moi_client_stop_workflow_async (MoiClient           *self,
                                const char          *workflow_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  send_simple (self, "PUT", API_PREFIX "/workflow_meta/%s/stop", workflow_id, -1, NULL,
               moi_client_stop_workflow_async, cancellable, callback, user_data);
}

gboolean
moi_client_stop_workflow_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_boolean (self, result, moi_client_stop_workflow_async, error);
}

void
moi_client_rerun_workflow_async (MoiClient           *self,
                                 const char          *workflow_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  send_simple (self, "PUT", API_PREFIX "/workflow_meta/%s/rerun", workflow_id, -1, NULL,
               moi_client_rerun_workflow_async, cancellable, callback, user_data);
}

gboolean
moi_client_rerun_workflow_finish (MoiClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_boolean (self, result, moi_client_rerun_workflow_async, error);
}

void
moi_client_check_workflow_name_async (MoiClient           *self,
                                      const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  query_add (q, "name", name);
  send_request (request_new (self, "GET", API_PREFIX "/workflow_meta/name/check", q, NULL,
                             parse_name_check, NULL, moi_client_check_workflow_name_async,
                             cancellable, callback, user_data));
}

gboolean
moi_client_check_workflow_name_finish (MoiClient     *self,
                                       GAsyncResult  *result,
                                       gboolean      *available,
                                       GError       **error)
{
  gpointer answer = finish_pointer (self, result, moi_client_check_workflow_name_async, error);

  if (answer == NULL)
    return FALSE;
  if (available != NULL)
    *available = GPOINTER_TO_INT (answer) == 2;
  return TRUE;
}

/* --- branches ------------------------------------------------------------ */

static JsonNode *
branch_body (const char  *branch_name,
             MoiWorkflow *workflow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  if (branch_name != NULL)
    {
      json_builder_set_member_name (builder, "branch_name");
      json_builder_add_string_value (builder, branch_name);
    }
  json_builder_set_member_name (builder, "workflow");
  json_builder_add_value (builder, moi_workflow_to_node (workflow));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
moi_client_create_branch_async (MoiClient           *self,
                                const char          *workflow_id,
                                const char          *branch_name,
                                MoiWorkflow         *workflow,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);
  g_return_if_fail (MOI_IS_WORKFLOW (workflow));

  body = branch_body (branch_name ? branch_name : "", workflow);
  path = path_with_id (API_PREFIX "/workflow_meta/%s/branch", workflow_id);
  send_request (request_new (self, "POST", path, NULL, body, parse_created_branch, g_free,
                             moi_client_create_branch_async, cancellable, callback, user_data));
}

gboolean
moi_client_create_branch_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 char         **branch_id,
                                 GError       **error)
{
  g_autofree char *id = finish_pointer (self, result, moi_client_create_branch_async, error);

  if (id == NULL)
    return FALSE;
  if (branch_id != NULL)
    *branch_id = *id != '\0' ? g_steal_pointer (&id) : NULL;
  return TRUE;
}

void
moi_client_list_branches_async (MoiClient           *self,
                                const char          *workflow_id,
                                const int           *statuses,
                                guint                n_statuses,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  query_add_ints (q, "status_in", statuses, n_statuses);
  path = path_with_id (API_PREFIX "/workflow_meta/%s/branch", workflow_id);
  task = request_new (self, "GET", path, q, NULL, parse_page, page_free,
                      moi_client_list_branches_async, cancellable, callback, user_data);
  start_list (task, workflow_keys, workflow_info_from_json);
}

GPtrArray *
moi_client_list_branches_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 guint         *total,
                                 GError       **error)
{
  return finish_page (self, result, moi_client_list_branches_async, total, NULL, error);
}

void
moi_client_get_branch_async (MoiClient           *self,
                             const char          *branch_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (branch_id != NULL);

  send_get_by_id (self, API_PREFIX "/workflow_meta/branch/%s", branch_id, parse_workflow_info,
                  moi_client_get_branch_async, cancellable, callback, user_data);
}

MoiWorkflowInfo *
moi_client_get_branch_finish (MoiClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, moi_client_get_branch_async, error);
}

void
moi_client_update_branch_async (MoiClient           *self,
                                const char          *branch_id,
                                const char          *branch_name,
                                MoiWorkflow         *workflow,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (branch_id != NULL);
  g_return_if_fail (MOI_IS_WORKFLOW (workflow));

  body = branch_body (branch_name, workflow);
  send_simple (self, "PUT", API_PREFIX "/workflow_meta/branch/%s", branch_id, -1, body,
               moi_client_update_branch_async, cancellable, callback, user_data);
}

gboolean
moi_client_update_branch_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_boolean (self, result, moi_client_update_branch_async, error);
}

void
moi_client_delete_branch_async (MoiClient           *self,
                                const char          *branch_id,
                                gboolean             delete_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (branch_id != NULL);

  send_simple (self, "DELETE", API_PREFIX "/workflow_meta/branch/%s", branch_id, !!delete_data,
               NULL, moi_client_delete_branch_async, cancellable, callback, user_data);
}

gboolean
moi_client_delete_branch_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_boolean (self, result, moi_client_delete_branch_async, error);
}

void
moi_client_set_branch_enabled_async (MoiClient           *self,
                                     const char          *branch_id,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (branch_id != NULL);

  send_simple (self, "PUT",
               enabled ? API_PREFIX "/workflow_meta/branch/%s/enable"
                       : API_PREFIX "/workflow_meta/branch/%s/disable",
               branch_id, -1, NULL, moi_client_set_branch_enabled_async, cancellable, callback,
               user_data);
}

gboolean
moi_client_set_branch_enabled_finish (MoiClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_boolean (self, result, moi_client_set_branch_enabled_async, error);
}

/* --- jobs ---------------------------------------------------------------- */

void
moi_client_list_jobs_async (MoiClient           *self,
                            MoiListQuery        *query,
                            guint                page_num,
                            guint                page_size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));

  if (query != NULL)
    {
      const int *values;
      int ge, le;
      guint n;

      if (moi_list_query_get_workflow_id (query))
        query_add (q, "workflow_id", moi_list_query_get_workflow_id (query));
      if (moi_list_query_get_name_search (query))
        query_add (q, "name_search", moi_list_query_get_name_search (query));
      values = moi_list_query_get_file_types (query, &n);
      query_add_ints (q, "file_types", values, n);
      values = moi_list_query_get_priorities (query, &n);
      query_add_ints (q, "priority", values, n);
      /* Not in the spec's table, but the SDKs send it and moi-server reads it. */
      values = moi_list_query_get_statuses (query, &n);
      query_add_ints (q, "status", values, n);
      moi_list_query_get_count_range (query, &ge, &le);
      if (le >= 0)
        query_add_int (q, "count_le", le);
      if (ge >= 0)
        query_add_int (q, "count_ge", ge);
      if (moi_list_query_get_sort_field (query))
        {
          query_add (q, "sort_field", moi_list_query_get_sort_field (query));
          query_add (q, "sort_order", moi_list_query_get_sort_descending (query) ? "desc" : "asc");
        }
    }
  query_add_int (q, "page_num", MAX (page_num, 1));
  query_add_int (q, "page_size", MAX (page_size, 1));

  task = request_new (self, "GET", API_PREFIX "/workflow_job", q, NULL, parse_page, page_free,
                      moi_client_list_jobs_async, cancellable, callback, user_data);
  start_list (task, job_keys, job_from_json);
}

GPtrArray *
moi_client_list_jobs_finish (MoiClient     *self,
                             GAsyncResult  *result,
                             guint         *total,
                             GError       **error)
{
  return finish_page (self, result, moi_client_list_jobs_async, total, NULL, error);
}

void
moi_client_get_job_async (MoiClient           *self,
                          const char          *job_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  send_get_by_id (self, API_PREFIX "/workflow_job/%s", job_id, parse_job,
                  moi_client_get_job_async, cancellable, callback, user_data);
}

MoiJob *
moi_client_get_job_finish (MoiClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_pointer (self, result, moi_client_get_job_async, error);
}

void
moi_client_list_job_files_async (MoiClient           *self,
                                 const char          *job_id,
                                 MoiListQuery        *query,
                                 guint                page_num,
                                 guint                page_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  query_add_int (q, "page_num", MAX (page_num, 1));
  query_add_int (q, "page_size", MAX (page_size, 1));
  if (query != NULL)
    {
      guint n;
      const int *values = moi_list_query_get_statuses (query, &n);

      query_add_ints (q, "statuses", values, n);
    }

  path = path_with_id (API_PREFIX "/workflow_job/%s/files", job_id);
  task = request_new (self, "GET", path, q, NULL, parse_page, page_free,
                      moi_client_list_job_files_async, cancellable, callback, user_data);
  start_list (task, file_keys, job_file_from_json);
}

GPtrArray *
moi_client_list_job_files_finish (MoiClient          *self,
                                  GAsyncResult       *result,
                                  guint              *total,
                                  MoiJobFileCounts  **counts,
                                  GError            **error)
{
  return finish_page (self, result, moi_client_list_job_files_async, total, counts, error);
}

void
moi_client_retry_job_files_async (MoiClient           *self,
                                  const char          *job_id,
                                  const char * const  *file_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; file_ids != NULL && file_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, file_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send_simple (self, "POST", API_PREFIX "/workflow_job/%s/files", job_id, -1, body,
               moi_client_retry_job_files_async, cancellable, callback, user_data);
}

gboolean
moi_client_retry_job_files_finish (MoiClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, moi_client_retry_job_files_async, error);
}

void
moi_client_get_job_status_async (MoiClient           *self,
                                 const char          *job_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  send_get_by_id (self, API_PREFIX "/workflow_job/%s/status", job_id, parse_job_status,
                  moi_client_get_job_status_async, cancellable, callback, user_data);
}

MoiJobStatusInfo *
moi_client_get_job_status_finish (MoiClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, moi_client_get_job_status_async, error);
}

/* --- volumes ------------------------------------------------------------- */

void
moi_client_list_volumes_async (MoiClient           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));

  task = request_new (self, "GET", API_PREFIX "/explore/volumes", NULL, NULL, parse_page,
                      page_free, moi_client_list_volumes_async, cancellable, callback,
                      user_data);
  start_list (task, volume_keys, volume_from_json);
}

GPtrArray *
moi_client_list_volumes_finish (MoiClient     *self,
                                GAsyncResult  *result,
                                guint         *total,
                                GError       **error)
{
  return finish_page (self, result, moi_client_list_volumes_async, total, NULL, error);
}

void
moi_client_create_volume_async (MoiClient           *self,
                                const char          *name,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  if (path != NULL)
    {
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send_request (request_new (self, "POST", API_PREFIX "/explore/volumes", NULL, body,
                             parse_volume, g_object_unref, moi_client_create_volume_async,
                             cancellable, callback, user_data));
}

MoiVolume *
moi_client_create_volume_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, moi_client_create_volume_async, error);
}

void
moi_client_get_volume_async (MoiClient           *self,
                             const char          *volume_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);

  send_get_by_id (self, API_PREFIX "/explore/volumes/%s", volume_id, parse_volume,
                  moi_client_get_volume_async, cancellable, callback, user_data);
}

MoiVolume *
moi_client_get_volume_finish (MoiClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, moi_client_get_volume_async, error);
}

void
moi_client_delete_volume_async (MoiClient           *self,
                                const char          *volume_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);

  send_simple (self, "DELETE", API_PREFIX "/explore/volumes/%s", volume_id, -1, NULL,
               moi_client_delete_volume_async, cancellable, callback, user_data);
}

gboolean
moi_client_delete_volume_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_boolean (self, result, moi_client_delete_volume_async, error);
}

void
moi_client_list_volume_files_async (MoiClient           *self,
                                    const char          *volume_id,
                                    guint                offset,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);

  /* The explore API lists with a POST body. Though it only reads, it is not
   * retried: no POST is, so a caller can rely on that rule without
   * exceptions. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, offset);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, MAX (limit, 1));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = path_with_id (API_PREFIX "/explore/volumes/%s/files", volume_id);
  task = request_new (self, "POST", path, NULL, body, parse_page, page_free,
                      moi_client_list_volume_files_async, cancellable, callback, user_data);
  start_list (task, volume_file_keys, volume_file_from_json);
}

GPtrArray *
moi_client_list_volume_files_finish (MoiClient     *self,
                                     GAsyncResult  *result,
                                     guint         *total,
                                     GError       **error)
{
  return finish_page (self, result, moi_client_list_volume_files_async, total, NULL, error);
}

void
moi_client_list_file_blocks_async (MoiClient           *self,
                                   const char          *volume_id,
                                   const char          *file_id,
                                   guint                offset,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *volume = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);
  g_return_if_fail (file_id != NULL);

  query_add_int (q, "offset", offset);
  query_add_int (q, "limit", MAX (limit, 1));
  volume = path_with_id (API_PREFIX "/explore/volumes/%s/files/", volume_id);
  file = path_with_id ("%s/blocks", file_id);
  path = g_strconcat (volume, file, NULL);
  task = request_new (self, "GET", path, q, NULL, parse_page, page_free,
                      moi_client_list_file_blocks_async, cancellable, callback, user_data);
  start_list (task, block_keys, document_block_from_json);
}

GPtrArray *
moi_client_list_file_blocks_finish (MoiClient     *self,
                                    GAsyncResult  *result,
                                    guint         *total,
                                    GError       **error)
{
  return finish_page (self, result, moi_client_list_file_blocks_async, total, NULL, error);
}
