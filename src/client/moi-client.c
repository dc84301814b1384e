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

/* One endpoint: what to send and how to read its "data". Its address is
 * the source tag of the tasks that call it. */
typedef struct
{
  const char         *method;
  const char         *path;        /* each "%s" takes one id, escaped */
  ParseFunc           parse;
  GDestroyNotify      result_free;
  ItemFromJson        from_json;   /* the record (parse_record) or item (parse_page) */
  const char * const *list_keys;   /* parse_page: the members that may hold the array */
} Endpoint;

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
  const Endpoint *endpoint;
  char *path;            /* without the query, for logs and messages */
  char *uri;
  GBytes *body;
  gboolean idempotent;
  guint attempt;
  gint64 started;
  SoupMessage *message;
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
  g_free (req->path);
  g_free (req->uri);
  g_free (req);
}

static char *
describe_request (Request *req)
{
  return g_strdup_printf ("%s %s", req->endpoint->method, req->path);
}

static GError *
unparseable_error (Request    *req,
                   const char *detail)
{
  g_autofree char *what = describe_request (req);

  return moi_client_error_new_unparseable (req->client->host, what, detail);
}

static const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The one place the envelope {code, msg, data, request_id} is read. On
 * success *data is the "data" member (NULL for an empty body or null). */
static gboolean
parse_envelope (Request     *req,
                guint        status,
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
  JsonNode *member;
  const char *code;

  *data = NULL;

  while (size > 0 && g_ascii_isspace (*text))
    text++, size--;

  if (size == 0 && success)
    return TRUE;

  if (size == 0 ||
      !json_parser_load_from_data (parser, text, size, &parse_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      if (!success)
        g_propagate_error (error, moi_client_error_new_status (host, what, status, NULL,
                                                               NULL));
      else if (*text == '<')
        g_propagate_error (error, unparseable_error (req, _("an HTML page")));
      else if (parse_error != NULL)
        {
          g_autofree char *detail = g_strdup_printf (_("invalid or truncated JSON: %s"),
                                                     parse_error->message);

          g_propagate_error (error, unparseable_error (req, detail));
        }
      else
        g_propagate_error (error, unparseable_error (req, _("JSON that is not an object")));
      return FALSE;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (!success)
    {
      g_propagate_error (error,
                         moi_client_error_new_status (host, what, status,
                                                      string_member (object, "msg"),
                                                      string_member (object, "request_id")));
      return FALSE;
    }

  code = string_member (object, "code");
  if (code == NULL)
    {
      g_propagate_error (error, unparseable_error (req, _("no “code” field")));
      return FALSE;
    }

  /* BYOA answers "ok", the catalog API "OK". */
  if (g_ascii_strcasecmp (code, "ok") != 0)
    {
      g_propagate_error (error,
                         moi_client_error_new_api (host, what, code,
                                                   string_member (object, "msg"),
                                                   string_member (object, "request_id")));
      return FALSE;
    }

  member = json_object_get_member (object, "data");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    *data = json_node_copy (member);
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
  g_debug ("%s %s: retrying in %u ms (attempt %u)", req->endpoint->method, req->path, delay,
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

/* Returns @error (taken) or @value on @task, and drops the task. */
static void
task_return (GTask    *task,
             gpointer  value,
             GError   *error)
{
  Request *req = g_task_get_task_data (task);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, req->endpoint->result_free);
  g_object_unref (task);
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

  g_debug ("%s %s: %u (%" G_GINT64_FORMAT " ms)%s%s", req->endpoint->method, req->path,
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
      task_return (task, NULL, moi_client_error_new_transport (req->client->host, error,
                                                               req->client->timeout));
      return;
    }

  if ((status == 502 || status == 503 || status == 504) && maybe_retry (task))
    return;

  if (!parse_envelope (req, status, bytes, &data, &error))
    {
      task_return (task, NULL, g_steal_pointer (&error));
      return;
    }

  value = req->endpoint->parse (req, data, &error);
  task_return (task, value, g_steal_pointer (&error));
}

static void
send_request (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  MoiClient *self = req->client;
  SoupMessageHeaders *headers;

  g_clear_object (&req->message);
  req->message = soup_message_new (req->endpoint->method, req->uri);
  if (req->message == NULL)
    {
      task_return (task, NULL,
                   g_error_new (MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NETWORK,
                                _("“%s” is not a valid service address. Use an http:// or "
                                  "https:// URL."), self->base_url));
      return;
    }

  headers = soup_message_get_request_headers (req->message);
  if (self->key != NULL)
    soup_message_headers_replace (headers, "moi-key", self->key);
  soup_message_headers_replace (headers, "Accept", "application/json");
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
  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append (query, key);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, FALSE);
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

/* @format with each "%s" replaced by the next of @ids, escaped. */
static char *
expand_path (const char         *format,
             const char * const *ids)
{
  GString *path = g_string_new (NULL);
  const char *hole;
  guint i = 0;

  while ((hole = strstr (format, "%s")) != NULL)
    {
      g_assert (ids != NULL && ids[i] != NULL);
      g_string_append_len (path, format, hole - format);
      g_string_append_uri_escaped (path, ids[i++], NULL, FALSE);
      format = hole + 2;
    }
  g_string_append (path, format);
  return g_string_free (path, FALSE);
}

static GTask *
request_new (MoiClient           *self,
             const Endpoint      *endpoint,
             const char * const  *ids,
             GString             *query,
             JsonNode            *body,
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
  req->endpoint = endpoint;
  req->path = expand_path (endpoint->path, ids);
  req->uri = g_strdup_printf ("%.*s%s%s", (int) base_len, base, req->path,
                              query ? query->str : "");
  req->body = body ? body_from_node (body) : NULL;
  req->idempotent = g_str_equal (endpoint->method, "GET");

  g_task_set_source_tag (task, (gpointer) endpoint);
  /* Cancellation comes back as MOI_CLIENT_ERROR_CANCELLED, one domain. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, req, request_free);
  return task;
}

/* Sends @endpoint's request for @id (NULL when its path has none). */
static void
call (MoiClient           *self,
      const Endpoint      *endpoint,
      const char          *id,
      GString             *query,
      JsonNode            *body,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  const char *ids[] = { id, NULL };

  send_request (request_new (self, endpoint, ids, query, body, cancellable, callback,
                             user_data));
}

/* --- parsers ------------------------------------------------------------- */

static gpointer
parse_nothing (Request   *req,
               JsonNode  *data,
               GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gpointer
wrap_data_error (Request  *req,
                 GError  **error,
                 GError   *parse_error)
{
  g_propagate_error (error, unparseable_error (req, parse_error->message));
  g_error_free (parse_error);
  return NULL;
}

/* One record, from the endpoint's from_json. */
static gpointer
parse_record (Request   *req,
              JsonNode  *data,
              GError   **error)
{
  GError *parse_error = NULL;
  gpointer object;

  if (data == NULL)
    {
      g_propagate_error (error, unparseable_error (req, _("no “data”")));
      return NULL;
    }
  object = req->endpoint->from_json (data, &parse_error);
  if (object == NULL)
    return wrap_data_error (req, error, parse_error);
  return object;
}

static gpointer
parse_created_workflow (Request   *req,
                        JsonNode  *data,
                        GError   **error)
{
  if (data == NULL)
    return g_object_ref (req->fallback);
  return parse_record (req, data, error);
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
      const char *id = string_member (object, "branch_id");

      if (id == NULL && !json_object_has_member (object, "branch_id"))
        id = string_member (object, "id");
      if (id != NULL)
        return g_strdup (id);
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

/* The array under the first of @keys that @object has, decoding a
 * string-encoded one into *@embedded. NULL (no error) when none is there. */
static JsonArray *
find_list (Request     *req,
           JsonObject  *object,
           JsonNode   **embedded,
           GError     **error)
{
  const char * const *keys = req->endpoint->list_keys;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        node = *embedded = moi_record_parse_embedded (json_node_get_string (node));
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        return json_node_get_array (node);
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE, _("“%s” is not an array"),
                   keys[i]);
      return NULL;
    }
  return NULL;
}

static gpointer
parse_page (Request   *req,
            JsonNode  *data,
            GError   **error)
{
  g_autoptr(JsonNode) embedded = NULL;
  g_autoptr(GError) parse_error = NULL;
  Page *page;
  JsonArray *array = NULL;
  JsonObject *object = NULL;

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_with_free_func (g_object_unref);

  if (data == NULL)
    return page;

  if (JSON_NODE_HOLDS_ARRAY (data))
    array = json_node_get_array (data);
  else if (JSON_NODE_HOLDS_OBJECT (data))
    {
      object = json_node_get_object (data);
      array = find_list (req, object, &embedded, &parse_error);
    }
  else
    g_set_error_literal (&parse_error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE,
                         _("“data” is neither an object nor an array"));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GObject *item = req->endpoint->from_json (json_array_get_element (array, i), &parse_error);

      if (item == NULL)
        break;
      g_ptr_array_add (page->items, item);
    }

  page->total = page->items->len;
  /* Job files: "file_total" is the filtered count, "total" all files. */
  if (parse_error == NULL && object != NULL &&
      !read_total (object, "file_total", &page->total))
    read_total (object, "total", &page->total);
  if (parse_error == NULL && object != NULL &&
      g_strcmp0 (req->endpoint->list_keys[0], "files") == 0 &&
      json_object_has_member (object, "completed"))
    page->counts = moi_job_file_counts_new_from_json (data, &parse_error);

  if (parse_error != NULL)
    {
      page_free (page);
      return wrap_data_error (req, error, g_steal_pointer (&parse_error));
    }
  return page;
}

/* {"name", "exists", "available"}: 2 when the name is free, 1 when taken. */
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

static gpointer
parse_name_check (Request   *req,
                  JsonNode  *data,
                  GError   **error)
{
  gboolean value;

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);

      if (boolean_member (object, "available", &value))
        return GINT_TO_POINTER (value ? 2 : 1);
      if (boolean_member (object, "exists", &value))
        return GINT_TO_POINTER (value ? 1 : 2);
    }

  g_propagate_error (error, unparseable_error (req, _("no “available” field")));
  return NULL;
}

/* --- finishing ----------------------------------------------------------- */

static gpointer
finish_pointer (MoiClient      *self,
                GAsyncResult   *result,
                const Endpoint *endpoint,
                GError        **error)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == endpoint, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (MoiClient      *self,
                GAsyncResult   *result,
                const Endpoint *endpoint,
                GError        **error)
{
  return finish_pointer (self, result, endpoint, error) != NULL;
}

static GPtrArray *
finish_page (MoiClient          *self,
             GAsyncResult       *result,
             const Endpoint     *endpoint,
             guint              *total,
             MoiJobFileCounts  **counts,
             GError            **error)
{
  Page *page = finish_pointer (self, result, endpoint, error);
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

/* Stores @value in *@field and notifies @prop, when it changes. */
static void
set_uint (MoiClient *self,
          guint     *field,
          guint      value,
          guint      prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
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

  /* The session first, so that a notified caller sees it in force. */
  if (self->timeout != seconds)
    g_object_set (self->session, "timeout", seconds, NULL);
  set_uint (self, &self->timeout, seconds, PROP_TIMEOUT);
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

  set_uint (self, &self->max_retries, max_retries, PROP_MAX_RETRIES);
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

  set_uint (self, &self->retry_delay, milliseconds, PROP_RETRY_DELAY);
}

SoupSession *
moi_client_get_session (MoiClient *self)
{
  g_return_val_if_fail (MOI_IS_CLIENT (self), NULL);

  return self->session;
}

/* --- endpoints ----------------------------------------------------------- */

#define DEFINE_FROM_JSON(name, new_from_json)                                \
  static gpointer                                                            \
  name (JsonNode  *node,                                                     \
        GError   **error)                                                    \
  {                                                                          \
    return new_from_json (node, error);                                      \
  }

DEFINE_FROM_JSON (workflow_info_from_json, moi_workflow_info_new_from_json)
DEFINE_FROM_JSON (job_from_json, moi_job_new_from_json)
DEFINE_FROM_JSON (job_status_from_json, moi_job_status_info_new_from_json)
DEFINE_FROM_JSON (job_file_from_json, moi_job_file_new_from_json)
DEFINE_FROM_JSON (volume_from_json, moi_volume_new_from_json)
DEFINE_FROM_JSON (volume_file_from_json, moi_volume_file_new_from_json)
DEFINE_FROM_JSON (document_block_from_json, moi_document_block_new_from_json)

#undef DEFINE_FROM_JSON

static const char * const workflow_keys[] = { "workflows", "list", "items", NULL };
static const char * const job_keys[] = { "jobs", "list", "items", NULL };
static const char * const file_keys[] = { "files", "list", "items", NULL };
static const char * const volume_keys[] = { "volumes", "list", "items", NULL };
static const char * const block_keys[] = { "list", "blocks", "items", NULL };

#define WORKFLOW_META API_PREFIX "/workflow_meta"
#define WORKFLOW_JOB API_PREFIX "/workflow_job"
#define VOLUMES API_PREFIX "/explore/volumes"

#define RECORD(from_json) parse_record, g_object_unref, from_json, NULL
#define PAGE(from_json, keys) parse_page, page_free, from_json, keys
#define NOTHING parse_nothing, NULL, NULL, NULL

static const Endpoint list_workflows = { "GET", WORKFLOW_META,
                                         PAGE (workflow_info_from_json, workflow_keys) };
static const Endpoint get_workflow = { "GET", WORKFLOW_META "/%s",
                                       RECORD (workflow_info_from_json) };
static const Endpoint create_workflow = { "POST", WORKFLOW_META, parse_created_workflow,
                                          g_object_unref, workflow_info_from_json, NULL };
static const Endpoint update_workflow = { "PUT", WORKFLOW_META "/%s/base_info", NOTHING };
static const Endpoint delete_workflow = { "DELETE", WORKFLOW_META "/%s", NOTHING };
static const Endpoint stop_workflow = { "PUT", WORKFLOW_META "/%s/stop", NOTHING };
static const Endpoint rerun_workflow = { "PUT", WORKFLOW_META "/%s/rerun", NOTHING };
static const Endpoint check_workflow_name = { "GET", WORKFLOW_META "/name/check",
                                              parse_name_check, NULL, NULL, NULL };

static const Endpoint create_branch = { "POST", WORKFLOW_META "/%s/branch",
                                        parse_created_branch, g_free, NULL, NULL };
static const Endpoint list_branches = { "GET", WORKFLOW_META "/%s/branch",
                                        PAGE (workflow_info_from_json, workflow_keys) };
static const Endpoint get_branch = { "GET", WORKFLOW_META "/branch/%s",
                                     RECORD (workflow_info_from_json) };
static const Endpoint update_branch = { "PUT", WORKFLOW_META "/branch/%s", NOTHING };
static const Endpoint delete_branch = { "DELETE", WORKFLOW_META "/branch/%s", NOTHING };
/* The second id is "enable" or "disable". */
static const Endpoint set_branch_enabled = { "PUT", WORKFLOW_META "/branch/%s/%s", NOTHING };

static const Endpoint list_jobs = { "GET", WORKFLOW_JOB, PAGE (job_from_json, job_keys) };
static const Endpoint get_job = { "GET", WORKFLOW_JOB "/%s", RECORD (job_from_json) };
static const Endpoint list_job_files = { "GET", WORKFLOW_JOB "/%s/files",
                                         PAGE (job_file_from_json, file_keys) };
static const Endpoint retry_job_files = { "POST", WORKFLOW_JOB "/%s/files", NOTHING };
static const Endpoint get_job_status = { "GET", WORKFLOW_JOB "/%s/status",
                                         RECORD (job_status_from_json) };

static const Endpoint list_volumes = { "GET", VOLUMES, PAGE (volume_from_json, volume_keys) };
static const Endpoint create_volume = { "POST", VOLUMES, RECORD (volume_from_json) };
static const Endpoint get_volume = { "GET", VOLUMES "/%s", RECORD (volume_from_json) };
static const Endpoint delete_volume = { "DELETE", VOLUMES "/%s", NOTHING };
/* The explore API lists with a POST body. Though it only reads, it is not
 * retried: no POST is, so a caller can rely on that rule without
 * exceptions. */
static const Endpoint list_volume_files = { "POST", VOLUMES "/%s/files",
                                            PAGE (volume_file_from_json, file_keys) };
static const Endpoint list_file_blocks = { "GET", VOLUMES "/%s/files/%s/blocks",
                                           PAGE (document_block_from_json, block_keys) };

#undef RECORD
#undef PAGE
#undef NOTHING

/* The public pairs below are written with these where an endpoint needs
 * nothing of its own: the names are spelled out in full so that a search
 * for one finds its definition. */

/* An _async taking one id and nothing else, and its _finish. */
#define DEFINE_ID_CALL(async_name, finish_name, Result, finish, endpoint)        \
  void                                                                         \
  async_name (MoiClient           *self,                                       \
              const char          *id,                                         \
              GCancellable        *cancellable,                                \
              GAsyncReadyCallback  callback,                                   \
              gpointer             user_data)                                  \
  {                                                                            \
    g_return_if_fail (MOI_IS_CLIENT (self));                                   \
    g_return_if_fail (id != NULL);                                             \
                                                                               \
    call (self, &endpoint, id, NULL, NULL, cancellable, callback, user_data);  \
  }                                                                            \
                                                                               \
  Result                                                                       \
  finish_name (MoiClient     *self,                                            \
               GAsyncResult  *result,                                          \
               GError       **error)                                           \
  {                                                                            \
    return finish (self, result, &endpoint, error);                            \
  }

/* A _finish returning a record or TRUE. */
#define DEFINE_FINISH(finish_name, Result, finish, endpoint)                     \
  Result                                                                       \
  finish_name (MoiClient     *self,                                            \
               GAsyncResult  *result,                                          \
               GError       **error)                                           \
  {                                                                            \
    return finish (self, result, &endpoint, error);                            \
  }

/* A list's _finish: the items and the total. */
#define DEFINE_PAGE_FINISH(finish_name, endpoint)                                \
  GPtrArray *                                                                  \
  finish_name (MoiClient     *self,                                            \
               GAsyncResult  *result,                                          \
               guint         *total,                                           \
               GError       **error)                                           \
  {                                                                            \
    return finish_page (self, result, &endpoint, total, NULL, error);          \
  }

/* ?delete_data=true|false */
static void
call_delete (MoiClient           *self,
             const Endpoint      *endpoint,
             const char          *id,
             gboolean             delete_data,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GString) q = g_string_new (NULL);

  query_add (q, "delete_data", delete_data ? "true" : "false");
  call (self, endpoint, id, q, NULL, cancellable, callback, user_data);
}

/* A JSON object of @first_key, a JsonNode * (taken), … NULL; NULL values
 * are left out. */
static JsonNode *
body_new (const char *first_key,
          ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      JsonNode *value = va_arg (args, JsonNode *);

      if (value != NULL)
        json_object_set_member (object, key, value);
    }
  va_end (args);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
string_node (const char *value)
{
  return value != NULL ? json_node_init_string (json_node_alloc (), value) : NULL;
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
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

  call (self, &list_workflows, NULL, q, NULL, cancellable, callback, user_data);
}

DEFINE_PAGE_FINISH (moi_client_list_workflows_finish, list_workflows)

DEFINE_ID_CALL (moi_client_get_workflow_async, moi_client_get_workflow_finish,
                MoiWorkflowInfo *, finish_pointer, get_workflow)

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
  task = request_new (self, &create_workflow, NULL, NULL, body, cancellable, callback,
                      user_data);
  ((Request *) g_task_get_task_data (task))->fallback = g_object_ref (request);
  send_request (task);
}

DEFINE_FINISH (moi_client_create_workflow_finish, MoiWorkflowInfo *, finish_pointer,
               create_workflow)

void
moi_client_update_workflow_async (MoiClient           *self,
                                  const char          *workflow_id,
                                  MoiWorkflowInfo     *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);
  g_return_if_fail (MOI_IS_WORKFLOW_INFO (request));

  body = moi_workflow_info_to_request_json (request);
  call (self, &update_workflow, workflow_id, NULL, body, cancellable, callback, user_data);
}

DEFINE_FINISH (moi_client_update_workflow_finish, gboolean, finish_boolean, update_workflow)

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

  call_delete (self, &delete_workflow, workflow_id, delete_data, cancellable, callback,
               user_data);
}

DEFINE_FINISH (moi_client_delete_workflow_finish, gboolean, finish_boolean, delete_workflow)

DEFINE_ID_CALL (moi_client_stop_workflow_async, moi_client_stop_workflow_finish,
                gboolean, finish_boolean, stop_workflow)

DEFINE_ID_CALL (moi_client_rerun_workflow_async, moi_client_rerun_workflow_finish,
                gboolean, finish_boolean, rerun_workflow)

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
  call (self, &check_workflow_name, NULL, q, NULL, cancellable, callback, user_data);
}

gboolean
moi_client_check_workflow_name_finish (MoiClient     *self,
                                       GAsyncResult  *result,
                                       gboolean      *available,
                                       GError       **error)
{
  gpointer answer = finish_pointer (self, result, &check_workflow_name, error);

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
  return body_new ("branch_name", string_node (branch_name),
                   "workflow", moi_workflow_to_node (workflow),
                   NULL);
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

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);
  g_return_if_fail (MOI_IS_WORKFLOW (workflow));

  body = branch_body (branch_name ? branch_name : "", workflow);
  call (self, &create_branch, workflow_id, NULL, body, cancellable, callback, user_data);
}

gboolean
moi_client_create_branch_finish (MoiClient     *self,
                                 GAsyncResult  *result,
                                 char         **branch_id,
                                 GError       **error)
{
  g_autofree char *id = finish_pointer (self, result, &create_branch, error);

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

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (workflow_id != NULL);

  query_add_ints (q, "status_in", statuses, n_statuses);
  call (self, &list_branches, workflow_id, q, NULL, cancellable, callback, user_data);
}

DEFINE_PAGE_FINISH (moi_client_list_branches_finish, list_branches)

DEFINE_ID_CALL (moi_client_get_branch_async, moi_client_get_branch_finish,
                MoiWorkflowInfo *, finish_pointer, get_branch)

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
  call (self, &update_branch, branch_id, NULL, body, cancellable, callback, user_data);
}

DEFINE_FINISH (moi_client_update_branch_finish, gboolean, finish_boolean, update_branch)

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

  call_delete (self, &delete_branch, branch_id, delete_data, cancellable, callback, user_data);
}

DEFINE_FINISH (moi_client_delete_branch_finish, gboolean, finish_boolean, delete_branch)

void
moi_client_set_branch_enabled_async (MoiClient           *self,
                                     const char          *branch_id,
                                     gboolean             enabled,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const char *ids[] = { branch_id, enabled ? "enable" : "disable", NULL };

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (branch_id != NULL);

  send_request (request_new (self, &set_branch_enabled, ids, NULL, NULL, cancellable, callback,
                             user_data));
}

DEFINE_FINISH (moi_client_set_branch_enabled_finish, gboolean, finish_boolean,
               set_branch_enabled)

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

  call (self, &list_jobs, NULL, q, NULL, cancellable, callback, user_data);
}

DEFINE_PAGE_FINISH (moi_client_list_jobs_finish, list_jobs)

DEFINE_ID_CALL (moi_client_get_job_async, moi_client_get_job_finish,
                MoiJob *, finish_pointer, get_job)

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
  call (self, &list_job_files, job_id, q, NULL, cancellable, callback, user_data);
}

GPtrArray *
moi_client_list_job_files_finish (MoiClient          *self,
                                  GAsyncResult       *result,
                                  guint              *total,
                                  MoiJobFileCounts  **counts,
                                  GError            **error)
{
  return finish_page (self, result, &list_job_files, total, counts, error);
}

void
moi_client_retry_job_files_async (MoiClient           *self,
                                  const char          *job_id,
                                  const char * const  *file_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonArray) files = json_array_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  for (guint i = 0; file_ids != NULL && file_ids[i] != NULL; i++)
    json_array_add_string_element (files, file_ids[i]);
  body = body_new ("files", json_node_init_array (json_node_alloc (), files), NULL);
  call (self, &retry_job_files, job_id, NULL, body, cancellable, callback, user_data);
}

DEFINE_FINISH (moi_client_retry_job_files_finish, gboolean, finish_boolean, retry_job_files)

DEFINE_ID_CALL (moi_client_get_job_status_async, moi_client_get_job_status_finish,
                MoiJobStatusInfo *, finish_pointer, get_job_status)

/* --- volumes ------------------------------------------------------------- */

void
moi_client_list_volumes_async (MoiClient           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MOI_IS_CLIENT (self));

  call (self, &list_volumes, NULL, NULL, NULL, cancellable, callback, user_data);
}

DEFINE_PAGE_FINISH (moi_client_list_volumes_finish, list_volumes)

void
moi_client_create_volume_async (MoiClient           *self,
                                const char          *name,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  body = body_new ("name", string_node (name), "path", string_node (path), NULL);
  call (self, &create_volume, NULL, NULL, body, cancellable, callback, user_data);
}

DEFINE_FINISH (moi_client_create_volume_finish, MoiVolume *, finish_pointer, create_volume)

DEFINE_ID_CALL (moi_client_get_volume_async, moi_client_get_volume_finish,
                MoiVolume *, finish_pointer, get_volume)

DEFINE_ID_CALL (moi_client_delete_volume_async, moi_client_delete_volume_finish,
                gboolean, finish_boolean, delete_volume)

void
moi_client_list_volume_files_async (MoiClient           *self,
                                    const char          *volume_id,
                                    guint                offset,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);

  body = body_new ("offset", int_node (offset), "limit", int_node (MAX (limit, 1)), NULL);
  call (self, &list_volume_files, volume_id, NULL, body, cancellable, callback, user_data);
}

DEFINE_PAGE_FINISH (moi_client_list_volume_files_finish, list_volume_files)

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
  const char *ids[] = { volume_id, file_id, NULL };

  g_return_if_fail (MOI_IS_CLIENT (self));
  g_return_if_fail (volume_id != NULL);
  g_return_if_fail (file_id != NULL);

  query_add_int (q, "offset", offset);
  query_add_int (q, "limit", MAX (limit, 1));
  send_request (request_new (self, &list_file_blocks, ids, q, NULL, cancellable, callback,
                             user_data));
}

DEFINE_PAGE_FINISH (moi_client_list_file_blocks_finish, list_file_blocks)
