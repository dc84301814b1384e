/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-service"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-pipeline.h"
#include "moi-records.h"
#include "moi-service.h"
#include "moi-validate.h"
#include "moi-workflow.h"

#define API_PREFIX "/byoa/api/v1/"

/* Errors become the envelope's code and the HTTP status. */
typedef enum
{
  SERVICE_ERROR_BAD_REQUEST,
  SERVICE_ERROR_UNAUTHORIZED,
  SERVICE_ERROR_NOT_FOUND,
  SERVICE_ERROR_METHOD,
  SERVICE_ERROR_CONFLICT,
  SERVICE_ERROR_TOO_LARGE,
  SERVICE_ERROR_INTERNAL,
} ServiceError;

static const struct { const char *code; guint status; } service_errors[] = {
  [SERVICE_ERROR_BAD_REQUEST]  = { "ErrBadRequest", 400 },
  [SERVICE_ERROR_UNAUTHORIZED] = { "ErrUnauthorized", 401 },
  [SERVICE_ERROR_NOT_FOUND]    = { "ErrNotFound", 404 },
  [SERVICE_ERROR_METHOD]       = { "ErrMethodNotAllowed", 405 },
  [SERVICE_ERROR_CONFLICT]     = { "ErrConflict", 409 },
  [SERVICE_ERROR_TOO_LARGE]    = { "ErrRequestTooLarge", 413 },
  [SERVICE_ERROR_INTERNAL]     = { "ErrInternal", 500 },
};

#define SERVICE_ERROR (service_error_quark ())
static GQuark service_error_quark (void);
G_DEFINE_QUARK (moi-service-error-quark, service_error)

struct _MoiService
{
  GObject       parent_instance;

  MoiStore     *store;
  MoiStore     *reader;   /* reads that must not wait behind a commit */
  MoiJobRunner *runner;
  SoupServer   *server;
  char         *key;
  char         *data_dir;
  gsize         max_body_size;
};

G_DEFINE_FINAL_TYPE (MoiService, moi_service, G_TYPE_OBJECT)

/* One request: its path segments after /byoa/api/v1/, the query as a
 * multi-map (repeated keys, "key[]" and comma lists all collect), and the
 * body text. */
typedef struct
{
  MoiService        *service;
  char             **segments;
  GHashTable        *query;       /* key -> GPtrArray of char* */
  GBytes            *body;
} Request;

typedef JsonNode *(*RouteFunc) (Request  *req,
                                GError  **error);

static gboolean
fail (GError       **error,
      ServiceError   code,
      const char    *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError       **error,
      ServiceError   code,
      const char    *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  g_propagate_error (error, g_error_new_valist (SERVICE_ERROR, code, format, ap));
  va_end (ap);
  return FALSE;
}

/* Maps errors from the layers below to HTTP. */
static void
classify_error (const GError *error,
                const char  **code,
                guint        *status)
{
  ServiceError e = SERVICE_ERROR_INTERNAL;

  if (error->domain == SERVICE_ERROR)
    e = error->code;
  else if (error->domain == MOI_STORE_ERROR)
    e = error->code == MOI_STORE_ERROR_NOT_FOUND ? SERVICE_ERROR_NOT_FOUND
      : error->code == MOI_STORE_ERROR_EXISTS ? SERVICE_ERROR_CONFLICT
      : error->code == MOI_STORE_ERROR_INVALID ? SERVICE_ERROR_BAD_REQUEST
      : SERVICE_ERROR_INTERNAL;
  else if (error->domain == MOI_CORE_ERROR || error->domain == MOI_PIPELINE_ERROR
           || error->domain == JSON_PARSER_ERROR)
    e = SERVICE_ERROR_BAD_REQUEST;
  *code = service_errors[e].code;
  *status = service_errors[e].status;
}

/* Query ------------------------------------------------------------------ */

static GHashTable *
parse_query (const char *raw)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) pairs = NULL;

  if (raw == NULL)
    return query;
  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      GPtrArray *values;

      if (pairs[i][0] == '\0')
        continue;
      g_strdelimit (pairs[i], "+", ' ');
      raw_key = g_strndup (pairs[i], eq ? (gsize) (eq - pairs[i]) : strlen (pairs[i]));
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (eq ? eq + 1 : "", NULL);
      if (key == NULL || value == NULL)
        continue;
      if (g_str_has_suffix (key, "[]"))
        key[strlen (key) - 2] = '\0';
      if ((values = g_hash_table_lookup (query, key)) == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (query, g_strdup (key), values);
        }
      g_ptr_array_add (values, g_steal_pointer (&value));
    }
  return query;
}

static const char *
query_string (Request    *req,
              const char *key)
{
  GPtrArray *values = g_hash_table_lookup (req->query, key);

  if (values == NULL || values->len == 0)
    return NULL;
  return values->pdata[values->len - 1];
}

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0' && errno != ERANGE;
}

/* An integer query parameter; @out keeps its default when absent. */
static gboolean
query_int (Request     *req,
           const char  *key,
           gint64       min,
           gint64      *out,
           GError     **error)
{
  const char *text = query_string (req, key);
  gint64 value;

  if (text == NULL || *text == '\0')
    return TRUE;
  errno = 0;
  if (!parse_int64 (text, &value))
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Query parameter “%s” must be an integer, got “%s”"), key, text);
  if (value < min)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Query parameter “%s” must be at least %lld, got %lld"), key,
                 (long long) min, (long long) value);
  *out = value;
  return TRUE;
}

static gboolean
query_bool (Request     *req,
            const char  *key,
            gboolean    *out,
            GError     **error)
{
  const char *text = query_string (req, key);

  if (text == NULL || *text == '\0')
    return TRUE;
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *out = FALSE;
  else
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Query parameter “%s” must be true or false, got “%s”"), key, text);
  return TRUE;
}

/* status=1&status=2, status[]=1, status=1,2 and status=[1,2] all give
 * [1, 2]. */
static gboolean
query_int_array (Request     *req,
                 const char  *key,
                 GArray     **out,
                 GError     **error)
{
  GPtrArray *values = g_hash_table_lookup (req->query, key);
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      g_autofree char *text = g_strdup (values->pdata[i]);
      g_auto(GStrv) parts = NULL;

      g_strdelimit (text, "[]", ' ');
      parts = g_strsplit (text, ",", -1);
      for (guint k = 0; parts[k]; k++)
        {
          char *part = g_strstrip (parts[k]);
          gint64 value;

          if (*part == '\0')
            continue;
          errno = 0;
          if (!parse_int64 (part, &value))
            return fail (error, SERVICE_ERROR_BAD_REQUEST,
                         _("Query parameter “%s” must be a list of integers, got “%s”"),
                         key, (const char *) values->pdata[i]);
          g_array_append_val (array, value);
        }
    }
  *out = g_steal_pointer (&array);
  return TRUE;
}

static gboolean
query_sort_order (Request     *req,
                  const char  *key,
                  gboolean    *descending,
                  GError     **error)
{
  const char *text = query_string (req, key);

  if (text == NULL || *text == '\0')
    return TRUE;
  if (g_str_equal (text, "ascend") || g_str_equal (text, "asc"))
    *descending = FALSE;
  else if (g_str_equal (text, "descend") || g_str_equal (text, "desc"))
    *descending = TRUE;
  else
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Query parameter “%s” must be “ascend” or “descend”, got “%s”"),
                 key, text);
  return TRUE;
}

static gboolean
check_sort_field (const char          *field,
                  const char * const  *allowed,
                  const char          *key,
                  GError             **error)
{
  g_autofree char *list = NULL;

  if (field == NULL || *field == '\0' || g_strv_contains (allowed, field))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  return fail (error, SERVICE_ERROR_BAD_REQUEST,
               _("Query parameter “%s” must be one of %s, got “%s”"), key, list, field);
}

/* Body ------------------------------------------------------------------- */

static JsonObject *
parse_body (Request  *req,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (req->body, &size);

  if (size == 0)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("The request needs a JSON object body"));
      return NULL;
    }
  /* The bounded parser: JsonParser overflows the stack on deep nesting
   * and wraps integers beyond 64 bits. Its errors give line:column. */
  if ((root = moi_json_parse (data, size, &local_error)) == NULL)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("The body is not valid JSON: %s"),
            local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("The body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
body_member (JsonObject *body,
             const char *key)
{
  JsonNode *node = json_object_get_member (body, key);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
missing (GError     **error,
         const char  *key)
{
  return fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “%s” is required"), key);
}

/* Strings; numbers are taken as their decimal text (ids). */
static gboolean
body_string (JsonObject  *body,
             const char  *key,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = body_member (body, key);

  if (node == NULL)
    return required ? missing (error, key) : TRUE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “%s” must be a string"), key);
  return TRUE;
}

static gboolean
node_to_int (JsonNode *node,
             gint64   *out)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Integers beyond 64 bits arrive as doubles; converting them would be
       * undefined, so they are refused like fractions. */
      if (!(d >= -0x1p63 && d < 0x1p63) || d != (double) (gint64) d)
        return FALSE;
      *out = (gint64) d;
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      errno = 0;
      return parse_int64 (text, out);
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
body_int (JsonObject  *body,
          const char  *key,
          gboolean     required,
          gint64       min,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = body_member (body, key);
  gint64 value;

  if (node == NULL)
    return required ? missing (error, key) : TRUE;
  if (!node_to_int (node, &value))
    return fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “%s” must be an integer"), key);
  if (value < min)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “%s” must be at least %lld, got %lld"),
                 key, (long long) min, (long long) value);
  *out = value;
  return TRUE;
}

/* Arrays and objects may come as JSON text ("[1, 2]"). */
static JsonNode *
body_structured (JsonObject  *body,
                 const char  *key,
                 JsonNodeType type,
                 GError     **error)
{
  JsonNode *node = body_member (body, key);
  g_autoptr(JsonNode) parsed = NULL;

  if (node == NULL)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      parsed = moi_json_parse (json_node_get_string (node), -1, NULL);
      if (parsed != NULL && JSON_NODE_TYPE (parsed) == type)
        return g_steal_pointer (&parsed);
    }
  else if (JSON_NODE_TYPE (node) == type)
    return json_node_copy (node);
  fail (error, SERVICE_ERROR_BAD_REQUEST,
        type == JSON_NODE_ARRAY ? _("Field “%s” must be an array")
                                : _("Field “%s” must be an object"), key);
  return NULL;
}

/* An array member, or TRUE with *@out NULL when absent. */
static gboolean
body_array (JsonObject  *body,
            const char  *key,
            JsonNode   **out,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = body_structured (body, key, JSON_NODE_ARRAY, &local_error);
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* An array member of integers (@strings FALSE: a GArray of gint64) or of
 * strings (a GPtrArray of char*, numbers taken as their digits), or TRUE
 * with *@out NULL when absent. */
static gboolean
body_scalar_array (JsonObject  *body,
                   const char  *key,
                   gboolean     strings,
                   gpointer    *out,
                   GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GArray) ints = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  JsonArray *array;

  if (!body_array (body, key, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  array = json_node_get_array (node);
  if (strings)
    texts = g_ptr_array_new_with_free_func (g_free);
  else
    ints = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GType type = json_node_get_value_type (element);
      gint64 value;

      if (strings && type == G_TYPE_STRING)
        g_ptr_array_add (texts, g_strdup (json_node_get_string (element)));
      else if (strings && type == G_TYPE_INT64)
        g_ptr_array_add (texts, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (element)));
      else if (!strings && node_to_int (element, &value))
        g_array_append_val (ints, value);
      else
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     strings ? _("Field “%s[%u]” must be a string")
                             : _("Field “%s[%u]” must be an integer"), key, i);
    }
  *out = strings ? (gpointer) g_steal_pointer (&texts) : (gpointer) g_steal_pointer (&ints);
  return TRUE;
}

static gboolean
body_int_array (JsonObject  *body,
                const char  *key,
                GArray     **out,
                GError     **error)
{
  return body_scalar_array (body, key, FALSE, (gpointer *) out, error);
}

static gboolean
body_string_array (JsonObject  *body,
                   const char  *key,
                   GPtrArray  **out,
                   GError     **error)
{
  return body_scalar_array (body, key, TRUE, (gpointer *) out, error);
}

/* The exact text of a top-level member's value in a valid JSON object, so
 * the workflow is stored as received. */
static char *
raw_member_text (const char *text,
                 gsize       length,
                 const char *key)
{
  const char *p = text, *end = text + length;
  int depth = 0;

  while (p < end)
    {
      if (*p == '"')
        {
          const char *start = ++p;

          while (p < end && *p != '"')
            p += *p == '\\' ? 2 : 1;
          if (depth == 1 && p < end
              && (gsize) (p - start) == strlen (key) && strncmp (start, key, p - start) == 0)
            {
              const char *q = p + 1, *value;
              int inner = 0;

              while (q < end && (g_ascii_isspace (*q) || *q == ':'))
                q++;
              value = q;
              /* The value is valid JSON: scan to its end. */
              for (; q < end; q++)
                {
                  if (*q == '"')
                    {
                      for (q++; q < end && *q != '"'; q += *q == '\\' ? 2 : 1)
                        ;
                      if (inner == 0)
                        return g_strndup (value, q + 1 - value);
                    }
                  else if (*q == '{' || *q == '[')
                    inner++;
                  else if (*q == '}' || *q == ']')
                    {
                      if (--inner == 0)
                        return g_strndup (value, q + 1 - value);
                      if (inner < 0)
                        break;
                    }
                  else if (inner == 0 && (*q == ',' || g_ascii_isspace (*q)))
                    break;
                }
              return g_strstrip (g_strndup (value, q - value));
            }
          p++;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        depth--;
      p++;
    }
  return NULL;
}

/* The graph errors no service could run (cycles, dangling or unknown
 * endpoints, duplicate names). Parameter and type findings are left to the
 * pipeline builder: cloud workflows hold components this service does not
 * know, and they must still be stored. */
static gboolean
check_workflow_structure (MoiWorkflow  *workflow,
                          GError      **error)
{
  g_autoptr(GPtrArray) problems = moi_workflow_validate (workflow, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      MoiProblem *problem = problems->pdata[i];

      if (moi_problem_get_severity (problem) != MOI_PROBLEM_SEVERITY_ERROR)
        continue;
      switch (moi_problem_get_kind (problem))
        {
        case MOI_PROBLEM_CYCLE:
        case MOI_PROBLEM_DANGLING_ENDPOINT:
        case MOI_PROBLEM_UNKNOWN_SOCKET:
        case MOI_PROBLEM_DUPLICATE_NAME:
        case MOI_PROBLEM_EMPTY_NAME:
        case MOI_PROBLEM_NAME_HAS_DOT:
          return fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “workflow”: %s"),
                       moi_problem_get_message (problem));
        default:
          break;
        }
    }
  return TRUE;
}

/* The body's "workflow": validated through the core model and the pipeline
 * builder (cycles, dangling connections, unknown sockets, bad parameters),
 * returned as the exact text received (the string's content when it came
 * as a JSON string). */
static char *
body_workflow_text (Request     *req,
                    JsonObject  *body,
                    gboolean     required,
                    GError     **error)
{
  JsonNode *node = body_member (body, "workflow");
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiPipeline) pipeline = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  if (node == NULL)
    {
      if (required)
        missing (error, "workflow");
      return NULL;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      data = g_bytes_get_data (req->body, &size);
      text = raw_member_text (data, size, "workflow");
    }
  if (text == NULL)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “workflow” must be an object"));
      return NULL;
    }
  if ((workflow = moi_workflow_new_from_data (text, -1, &local_error)) == NULL)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “workflow”: %s"), local_error->message);
      return NULL;
    }
  if (!check_workflow_structure (workflow, error))
    return NULL;
  if ((pipeline = moi_pipeline_new (workflow, &local_error)) == NULL)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “workflow”: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* Wire records ----------------------------------------------------------- */

static JsonNode *
parse_text_node (const char *text)
{
  JsonNode *node = text ? moi_json_parse (text, -1, NULL) : NULL;

  return node ? node : json_node_new (JSON_NODE_NULL);
}

/* Stored JSON sent back as stored (a workflow keeps its numbers and layout
 * byte for byte): a string node carrying this mark and the text, which
 * write_envelope_node() splices in. No parsed JSON string can start with
 * 0xFF, which is never valid UTF-8. */
#define RAW_JSON_MARK "\xff" "moi-raw-json" "\xff"

static JsonNode *
raw_json_node (const char *text)
{
  g_autofree char *marked = NULL;

  if (text == NULL)
    return json_node_new (JSON_NODE_NULL);
  marked = g_strconcat (RAW_JSON_MARK, text, NULL);
  return json_node_init_string (json_node_alloc (), marked);
}

/* A string column, or NULL (for NULL and for a missing key). */
static const char *
row_string (JsonObject *row,
            const char *key)
{
  return json_object_get_string_member_with_default (row, key, NULL);
}

static void
copy_member (JsonObject *to,
             const char *to_key,
             JsonObject *from,
             const char *from_key)
{
  JsonNode *node = json_object_get_member (from, from_key);

  if (node != NULL)
    json_object_set_member (to, to_key, json_node_copy (node));
}

static void
copy_members (JsonObject         *to,
              JsonObject         *from,
              const char * const *keys)
{
  for (guint i = 0; keys[i]; i++)
    copy_member (to, keys[i], from, keys[i]);
}

static void
set_text_member (JsonObject *to,
                 const char *key,
                 JsonObject *from)
{
  json_object_set_member (to, key,
                          parse_text_node (row_string (from, key)));
}

/* A workflow row's stored JSON texts (files, content) as values in @to;
 * absent when NULL (removed when @to is the row itself). */
static void
set_json_texts (JsonObject *to,
                JsonObject *row)
{
  static const char * const keys[] = { "files", "content" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (row_string (row, keys[i]) != NULL)
      set_text_member (to, keys[i], row);
    else if (to == row)
      json_object_remove_member (to, keys[i]);
}

/* A workflow row (or branch row) as WorkflowListItem keys, for the record
 * reader; @branch_row takes the branch's times and people. */
static JsonObject *
workflow_wire_object (JsonObject *row,
                      gboolean    branch_row)
{
  static const char * const keys[] = {
    "id", "name", "created_at", "creator", "updated_at", "modifier", "target_volume_id",
    "target_volume_name", "priority", "status", "version", "branch_total", "branch_id",
    "branch_name", "branch_status", "branch_volume_id", "user_id", "group_id", NULL,
  };
  JsonObject *wire = json_object_new ();
  JsonObject *mode = json_object_new ();

  copy_members (wire, row, keys);
  set_text_member (wire, "source_volume_ids", row);
  set_text_member (wire, "source_volume_names", row);
  set_text_member (wire, "file_types", row);
  json_object_set_int_member (mode, "interval", json_object_get_int_member (row, "flow_interval"));
  json_object_set_int_member (mode, "offset", json_object_get_int_member (row, "flow_offset"));
  json_object_set_object_member (wire, "process_mode", mode);
  set_json_texts (wire, row);
  if (branch_row)
    {
      copy_member (wire, "created_at", row, "branch_created_at");
      copy_member (wire, "updated_at", row, "branch_updated_at");
      copy_member (wire, "creator", row, "branch_creator");
      copy_member (wire, "modifier", row, "branch_modifier");
    }
  return wire;
}

/* @wire (WorkflowListItem keys) through MoiWorkflowInfo, as the API
 * writes a workflow. */
static MoiWorkflowInfo *
read_workflow_wire (JsonObject  *wire,
                    GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), wire);

  return moi_workflow_info_new_from_json (node, error);
}

static JsonNode *
write_workflow_wire (JsonObject      *wire,
                     MoiRecordStyle   style,
                     GError         **error)
{
  g_autoptr(MoiWorkflowInfo) info = read_workflow_wire (wire, error);

  if (info == NULL)
    return NULL;
  return style == MOI_RECORD_STYLE_FLAT ? moi_workflow_info_to_json_flat (info)
                                        : moi_workflow_info_to_json (info);
}

static JsonNode *
write_workflow (JsonObject     *row,
                gboolean        branch_row,
                MoiRecordStyle  style,
                GError        **error)
{
  g_autoptr(JsonObject) wire = workflow_wire_object (row, branch_row);

  return write_workflow_wire (wire, style, error);
}

/* A row of moi_store_list_workflows(), whose columns are the list item's
 * keys: read as it is (its array columns are JSON text, which the record
 * reader takes), with no wire copy; a page has hundreds of them. */
static JsonNode *
write_workflow_list_item (JsonObject  *row,
                          GError     **error)
{
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  set_json_texts (row, row);
  if ((info = read_workflow_wire (row, error)) == NULL)
    return NULL;
  /* As text: the item's object would only be serialized and freed (a
   * third of a 100-row page's time). */
  moi_workflow_info_append_json (info, text);
  return raw_json_node (text->str);
}

/* The stored workflow text as a value: what was received, unchanged. */
static void
set_workflow_member (JsonNode   *out,
                     JsonObject *row)
{
  json_object_set_member (json_node_get_object (out), "workflow",
                          raw_json_node (row_string (row, "workflow")));
}

static JsonNode *
write_branch_item (JsonObject  *row,
                   GError     **error)
{
  g_autoptr(JsonObject) wire = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MoiBranchInfo) info = NULL;
  JsonNode *out;

  copy_member (wire, "branch_id", row, "branch_id");
  copy_member (wire, "created_at", row, "branch_created_at");
  copy_member (wire, "creator", row, "branch_creator");
  copy_member (wire, "updated_at", row, "branch_updated_at");
  copy_member (wire, "modifier", row, "branch_modifier");
  copy_member (wire, "status", row, "status");
  copy_member (wire, "branch_name", row, "branch_name");
  copy_member (wire, "branch_status", row, "branch_status");
  copy_member (wire, "branch_volume_id", row, "branch_volume_id");
  node = json_node_init_object (json_node_alloc (), wire);
  if ((info = moi_branch_info_new_from_json (node, error)) == NULL)
    return NULL;
  out = moi_branch_info_to_json (info);
  set_workflow_member (out, row);
  return out;
}

static JsonNode *
write_record (gpointer  (*new_from_json) (JsonNode *, GError **),
              JsonNode *(*to_json) (gpointer),
              JsonObject *wire,
              GError    **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), wire);
  g_autoptr(GObject) record = new_from_json (node, error);

  return record ? to_json (record) : NULL;
}

#define WRITE_RECORD(type, wire, error) \
  write_record ((gpointer (*) (JsonNode *, GError **)) type##_new_from_json, \
                (JsonNode *(*) (gpointer)) type##_to_json, wire, error)

static JsonNode *
write_job_item (JsonObject  *row,
                GError     **error)
{
  static const char * const keys[] = {
    "id", "name", "created_at", "creator", "updated_at", "modifier", "status", "version",
    "priority", "file_total", "start_time", "end_time", "message", NULL,
  };
  g_autoptr(JsonObject) wire = json_object_new ();

  copy_members (wire, row, keys);
  copy_member (wire, "workflow_meta_id", row, "workflow_id");
  copy_member (wire, "workflow_branch_id", row, "branch_id");
  return WRITE_RECORD (moi_job, wire, error);
}

static gint64
job_progress (JsonObject *row)
{
  gint64 total = json_object_get_int_member (row, "file_total");
  gint64 done = json_object_get_int_member_with_default (row, "files_done", 0);

  if (total == 0)
    return json_object_get_int_member (row, "status") == MOI_JOB_STATUS_PROCESSING ? 0 : 100;
  return done * 100 / total;
}

static void
set_iso_member (JsonObject *wire,
                const char *key,
                JsonObject *row)
{
  gint64 ms = json_object_get_int_member_with_default (row, key, 0);
  g_autofree char *iso = moi_wire_time_format_iso (ms);

  if (iso != NULL)
    json_object_set_string_member (wire, key, iso);
  else
    json_object_set_null_member (wire, key);
}

/* The spec's job detail: the create response's flat shape (arrays as JSON
 * text, ISO times) describing the job and the workflow it ran. */
static JsonNode *
write_job_detail (JsonObject  *row,
                  GError     **error)
{
  g_autoptr(JsonObject) wire = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MoiJob) job = NULL;
  static const char * const keys[] = {
    "id", "name", "created_at", "creator", "updated_at", "modifier", "status", "version",
    "user_id", "flow_interval", "flow_offset", "target_volume_id", "priority", "group_id",
    "target_volume_name", "source_volume_ids", "source_volume_names", "file_types",
    "file_total", "message", "workflow_name", NULL,
  };

  copy_members (wire, row, keys);
  copy_member (wire, "workflow_meta_id", row, "workflow_id");
  copy_member (wire, "workflow_branch_id", row, "branch_id");
  copy_member (wire, "files", row, "file_paths");
  if (!json_object_has_member (wire, "user_id") || json_object_get_null_member (wire, "user_id"))
    json_object_set_string_member (wire, "user_id", "");
  if (!json_object_has_member (wire, "group_id") || json_object_get_null_member (wire, "group_id"))
    json_object_set_string_member (wire, "group_id", "");
  json_object_set_int_member (wire, "progress", job_progress (row));
  set_iso_member (wire, "start_time", row);
  set_iso_member (wire, "end_time", row);
  node = json_node_init_object (json_node_alloc (), wire);
  if ((job = moi_job_new_from_json (node, error)) == NULL)
    return NULL;
  return moi_job_to_json_flat (job);
}

static JsonNode *
write_job_file (JsonObject  *row,
                GError     **error)
{
  static const char * const keys[] = {
    "id", "file_name", "file_type", "error_message", "start_time", "end_time",
    "target_volume_id", "file_path", "file_size", "source_volume_id", NULL,
  };
  g_autoptr(JsonObject) wire = json_object_new ();

  copy_members (wire, row, keys);
  copy_member (wire, "file_status", row, "status");
  copy_member (wire, "source_id", row, "file_path");
  copy_member (wire, "ref_file_id", row, "id");
  return WRITE_RECORD (moi_job_file, wire, error);
}

static gint64
count_folder_files (const char *path,
                    guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gint64 n = 0;

  while (dir != NULL && depth < 16 && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_folder_files (child, depth + 1);
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        n++;
    }
  return n;
}

static JsonNode *
write_volume (JsonObject  *row,
              GError     **error)
{
  static const char * const keys[] = { "id", "name", "path", "created_at", "updated_at", NULL };
  g_autoptr(JsonObject) wire = json_object_new ();

  copy_members (wire, row, keys);
  json_object_set_int_member (wire, "file_count",
                              count_folder_files (json_object_get_string_member (row, "path"), 0));
  json_object_set_string_member (wire, "creator", g_get_user_name ());
  return WRITE_RECORD (moi_volume, wire, error);
}

static JsonNode *
write_volume_file (JsonObject  *row,
                   GError     **error)
{
  return WRITE_RECORD (moi_volume_file, row, error);
}

/* Blocks have no record type of their own: MOI's chunk fields plus meta. */
static JsonNode *
write_block (JsonObject  *row,
             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, json_object_get_string_member (row, "id"));
  json_builder_set_member_name (builder, "content");
  json_builder_add_value (builder, json_node_copy (json_object_get_member (row, "content")));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "file_id");
  json_builder_add_string_value (builder, json_object_get_string_member (row, "file_id"));
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, json_object_get_int_member (row, "position"));
  json_builder_set_member_name (builder, "meta");
  json_builder_add_value (builder, raw_json_node (row_string (row, "meta")));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {"total": n, @key: [items]} */
static JsonNode *
write_page (gint64      total,
            const char *key,
            GPtrArray  *items)
{
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_int_member (object, "total", total);
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_ref (items->pdata[i]));
  json_object_set_array_member (object, key, array);
  return moi_json_node_take_object (object);
}

/* Converts rows to wire items with @write; NULL (and @error) if one fails. */
static GPtrArray *
write_rows (GPtrArray  *rows,
            JsonNode *(*write) (JsonObject *, GError **),
            GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *item = write (rows->pdata[i], error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* {"total": n, "list": @rows as @write writes them}; NULL when @rows is. */
static JsonNode *
write_list (GPtrArray  *rows,
            gint64      total,
            JsonNode *(*write) (JsonObject *, GError **),
            GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;

  if (rows == NULL || (items = write_rows (rows, write, error)) == NULL)
    return NULL;
  return write_page (total, "list", items);
}

/* ?offset=&limit= (at most 1000 rows). */
static gboolean
query_offset_limit (Request  *req,
                    gint64   *offset,
                    gint64   *limit,
                    GError  **error)
{
  if (!query_int (req, "offset", 0, offset, error) || !query_int (req, "limit", 1, limit, error))
    return FALSE;
  *limit = MIN (*limit, 1000);
  return TRUE;
}

/* Workflows -------------------------------------------------------------- */

static gboolean
check_file_types (GArray  *types,
                  GError **error)
{
  if (types == NULL || types->len == 0)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “file_types” must list at least one file type"));
  for (guint i = 0; i < types->len; i++)
    {
      gint64 t = g_array_index (types, gint64, i);

      if (t < 0 || t > MOI_FILE_TYPE_MAX || !moi_file_type_is_valid ((int) t))
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “file_types[%u]”: %lld is not a file type "
                       "(0 to %d, except 26)"), i, (long long) t, MOI_FILE_TYPE_MAX);
    }
  return TRUE;
}

static JsonNode *
int_array_node (GArray *array)
{
  JsonArray *json = json_array_new ();

  for (guint i = 0; i < array->len; i++)
    json_array_add_int_element (json, g_array_index (array, gint64, i));
  return moi_json_node_take_array (json);
}

static JsonNode *
string_array_node (GPtrArray *array)
{
  JsonArray *json = json_array_new ();

  for (guint i = 0; i < array->len; i++)
    json_array_add_string_element (json, array->pdata[i]);
  return moi_json_node_take_array (json);
}

/* @node (taken) as JSON text in @row's @key. */
static void
set_json_text_member (JsonObject *row,
                      const char *key,
                      JsonNode   *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autofree char *text = moi_json_to_string (owned, FALSE, NULL);

  json_object_set_string_member (row, key, text);
}

/* Source volumes by ids and/or names, resolved and de-duplicated into the
 * row's source_volume_ids / source_volume_names. */
static gboolean
resolve_source_volumes (MoiService  *self,
                        JsonObject  *body,
                        JsonObject  *row,
                        GPtrArray  **out_paths,
                        GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) out_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!body_string_array (body, "source_volume_ids", &ids, error)
      || !body_string_array (body, "source_volume_names", &names, error))
    return FALSE;
  if ((ids == NULL || ids->len == 0) && (names == NULL || names->len == 0))
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “source_volume_ids” or “source_volume_names” must name at least "
                   "one volume"));
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? ids : names;
      const char *key = pass == 0 ? "source_volume_ids" : "source_volume_names";

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          g_autoptr(JsonObject) volume = moi_store_get_volume (self->store, list->pdata[i], NULL);
          const char *id;

          if (volume == NULL)
            return fail (error, SERVICE_ERROR_BAD_REQUEST,
                         _("Field “%s[%u]”: there is no volume “%s”"), key, i,
                         (const char *) list->pdata[i]);
          id = json_object_get_string_member (volume, "id");
          if (g_ptr_array_find_with_equal_func (out_ids, id, g_str_equal, NULL))
            continue;
          g_ptr_array_add (out_ids, g_strdup (id));
          g_ptr_array_add (out_names, g_strdup (json_object_get_string_member (volume, "name")));
          g_ptr_array_add (paths, g_strdup (json_object_get_string_member (volume, "path")));
        }
    }
  set_json_text_member (row, "source_volume_ids", string_array_node (out_ids));
  set_json_text_member (row, "source_volume_names", string_array_node (out_names));
  if (out_paths != NULL)
    *out_paths = g_steal_pointer (&paths);
  return TRUE;
}

/* The target volume: by id, else by name, else made from
 * create_target_volume_name (with a folder under data_dir/volumes).
 * @create_name is set when it still has to be created. */
static gboolean
resolve_target_volume (MoiService  *self,
                       JsonObject  *body,
                       JsonObject  *row,
                       char       **create_name,
                       GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *new_name = NULL;
  g_autoptr(JsonObject) volume = NULL;

  if (!body_string (body, "target_volume_id", FALSE, &id, error)
      || !body_string (body, "target_volume_name", FALSE, &name, error)
      || !body_string (body, "create_target_volume_name", FALSE, &new_name, error))
    return FALSE;
  if (id != NULL && *id)
    volume = moi_store_get_volume (self->store, id, NULL);
  if (volume == NULL && name != NULL && *name)
    volume = moi_store_get_volume (self->store, name, NULL);
  if (volume == NULL && new_name != NULL && *new_name)
    volume = moi_store_get_volume (self->store, new_name, NULL);
  if (volume != NULL)
    {
      json_object_set_string_member (row, "target_volume_id",
                                     json_object_get_string_member (volume, "id"));
      json_object_set_string_member (row, "target_volume_name",
                                     json_object_get_string_member (volume, "name"));
      return TRUE;
    }
  if (new_name != NULL && *new_name)
    {
      *create_name = g_steal_pointer (&new_name);
      return TRUE;
    }
  if (id != NULL && *id)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “target_volume_id”: there is no volume “%s”"), id);
  if (name != NULL && *name)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “target_volume_name”: there is no volume “%s”"), name);
  return fail (error, SERVICE_ERROR_BAD_REQUEST,
               _("Field “target_volume_id”, “target_volume_name” or "
                 "“create_target_volume_name” is required"));
}

/* A volume of the service's own: an empty folder under data_dir/volumes,
 * for a workflow's results. */
static JsonObject *
create_empty_volume (MoiService  *self,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *folder_name = g_uuid_string_random ();
  g_autofree char *folder = g_build_filename (self->data_dir, "volumes", folder_name, NULL);
  JsonObject *volume;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      fail (error, SERVICE_ERROR_INTERNAL, _("Cannot create the volume folder %s: %s"),
            folder, g_strerror (saved));
      return NULL;
    }
  if ((volume = moi_store_create_volume (self->store, name, folder, error)) == NULL)
    g_rmdir (folder);
  return volume;
}

static gboolean
create_target_volume (MoiService  *self,
                      const char  *name,
                      JsonObject  *row,
                      GError     **error)
{
  g_autoptr(JsonObject) volume = create_empty_volume (self, name, error);

  if (volume == NULL)
    return FALSE;
  json_object_set_string_member (row, "target_volume_id",
                                 json_object_get_string_member (volume, "id"));
  json_object_set_string_member (row, "target_volume_name", name);
  return TRUE;
}

static gboolean
parse_process_mode (JsonObject  *body,
                    JsonObject  *row,
                    gboolean     required,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) mode = body_structured (body, "process_mode", JSON_NODE_OBJECT, &local_error);
  gint64 interval = 0, offset = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (mode == NULL)
    {
      /* The flat names the create response uses. */
      if (body_member (body, "flow_interval") == NULL)
        return required ? missing (error, "process_mode") : TRUE;
      if (!body_int (body, "flow_interval", TRUE, -1, &interval, error)
          || !body_int (body, "flow_offset", FALSE, 0, &offset, error))
        return FALSE;
    }
  else
    {
      JsonObject *object = json_node_get_object (mode);

      if (body_member (object, "interval") == NULL)
        return missing (error, "process_mode.interval");
      if (!body_int (object, "interval", TRUE, -1, &interval, NULL))
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “process_mode.interval” must be an integer: 0 (once), -1 "
                       "(on new files) or minutes between runs"));
      if (!body_int (object, "offset", FALSE, 0, &offset, NULL))
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “process_mode.offset” must be a number of minutes ≥ 0"));
    }
  json_object_set_int_member (row, "flow_interval", interval);
  json_object_set_int_member (row, "flow_offset", offset);
  return TRUE;
}

/* Whether resolved @real lies below resolved @folder. */
static gboolean
path_is_inside (const char *real,
                const char *folder)
{
  gsize n = strlen (folder);

  /* "/" is the one resolved folder that ends in a slash. */
  if (n > 0 && folder[n - 1] == '/')
    n--;
  return strncmp (real, folder, n) == 0 && real[n] == '/';
}

/* "files" (SourceFileInfo): each file_path must name a file inside its
 * volume, after "..", and symlinks anywhere on the way, are resolved. */
static gboolean
parse_files (MoiService  *self,
             JsonObject  *body,
             JsonObject  *row,
             GError     **error)
{
  g_autoptr(JsonNode) files = NULL;
  g_autoptr(JsonNode) source_ids = NULL;
  JsonArray *array;

  if (!body_array (body, "files", &files, error))
    return FALSE;
  if (files == NULL)
    {
      json_object_set_string_member (row, "files", "[]");
      return TRUE;
    }
  source_ids = moi_json_parse (json_object_get_string_member (row, "source_volume_ids"), -1,
                               NULL);
  array = json_node_get_array (files);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry;
      g_autofree char *vid = NULL;
      g_autofree char *path = NULL;
      g_autoptr(JsonObject) volume = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *real = NULL;
      g_autofree char *key = g_strdup_printf ("files[%u].file_path", i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “files[%u]” must be an object"), i);
      entry = json_node_get_object (element);
      if (!body_string (entry, "file_path", TRUE, &path, NULL))
        return missing (error, key);
      if (!body_string (entry, "source_volume_id", FALSE, &vid, error))
        return FALSE;
      if (vid == NULL)
        {
          vid = g_strdup (json_array_get_string_element (json_node_get_array (source_ids), 0));
          json_object_set_string_member (entry, "source_volume_id", vid);
        }
      if ((volume = moi_store_get_volume (self->store, vid, NULL)) == NULL)
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “files[%u].source_volume_id”: there is no volume “%s”"),
                     i, vid);
      json_object_set_string_member (entry, "source_volume_id",
                                     json_object_get_string_member (volume, "id"));
      folder = realpath (json_object_get_string_member (volume, "path"), NULL);
      joined = g_build_filename (json_object_get_string_member (volume, "path"), path, NULL);
      real = realpath (joined, NULL);
      if (g_path_is_absolute (path) || folder == NULL || real == NULL
          || !path_is_inside (real, folder) || !g_file_test (real, G_FILE_TEST_IS_REGULAR))
        return fail (error, SERVICE_ERROR_BAD_REQUEST,
                     _("Field “%s”: “%s” is not a file inside volume “%s”"), key, path,
                     json_object_get_string_member (volume, "name"));
    }
  {
    g_autofree char *text = moi_json_to_string (files, FALSE, NULL);

    json_object_set_string_member (row, "files", text);
  }
  return TRUE;
}

static gboolean
check_name (const char  *name,
            const char  *key,
            GError     **error)
{
  if (name == NULL || *g_strstrip ((char *) name) == '\0')
    return fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “%s” must not be empty"), key);
  if (strlen (name) > 255)
    return fail (error, SERVICE_ERROR_BAD_REQUEST,
                 _("Field “%s” is longer than 255 bytes"), key);
  return TRUE;
}

/* The fields create and base_info share; on create the required ones
 * must be there. Nothing is written. */
static gboolean
parse_workflow_fields (Request     *req,
                       JsonObject  *body,
                       JsonObject  *row,
                       gboolean     creating,
                       char       **create_target,
                       GError     **error)
{
  MoiService *self = req->service;
  g_autofree char *name = NULL;
  g_autoptr(GArray) file_types = NULL;
  gint64 priority = 300;

  if (!body_string (body, "name", creating, &name, error))
    return FALSE;
  if (name != NULL)
    {
      if (!check_name (name, "name", error))
        return FALSE;
      json_object_set_string_member (row, "name", name);
    }
  if (creating || body_member (body, "source_volume_ids")
      || body_member (body, "source_volume_names"))
    if (!resolve_source_volumes (self, body, row, NULL, error))
      return FALSE;
  if (!body_int_array (body, "file_types", &file_types, error))
    return FALSE;
  if (file_types != NULL || creating)
    {
      if (file_types == NULL)
        return missing (error, "file_types");
      if (!check_file_types (file_types, error))
        return FALSE;
      set_json_text_member (row, "file_types", int_array_node (file_types));
    }
  if (!parse_process_mode (body, row, creating, error))
    return FALSE;
  if (!body_int (body, "priority", FALSE, 0, &priority, error))
    return FALSE;
  if (creating || body_member (body, "priority"))
    json_object_set_int_member (row, "priority", priority);
  if (creating || body_member (body, "target_volume_id") || body_member (body, "target_volume_name")
      || body_member (body, "create_target_volume_name"))
    if (!resolve_target_volume (self, body, row, create_target, error))
      return FALSE;
  if (creating || body_member (body, "files"))
    if (!parse_files (self, body, row, error))
      return FALSE;
  if (body_member (body, "content"))
    {
      g_autoptr(JsonNode) content = body_structured (body, "content", JSON_NODE_OBJECT, error);

      if (content == NULL)
        return FALSE;
      set_json_text_member (row, "content", g_steal_pointer (&content));
    }
  return TRUE;
}

static JsonNode *
workflow_create (Request  *req,
                 GError  **error)
{
  MoiService *self = req->service;
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *workflow_text = NULL;
  g_autofree char *branch_name = NULL;
  g_autofree char *create_target = NULL;
  g_autofree char *job_id = NULL;
  g_autoptr(GError) job_error = NULL;
  g_autofree char *id = NULL;

  if (body == NULL)
    return NULL;
  if (!parse_workflow_fields (req, body, row, TRUE, &create_target, error)
      || !body_string (body, "branch_name", FALSE, &branch_name, error)
      || (workflow_text = body_workflow_text (req, body, TRUE, error)) == NULL)
    return NULL;
  if (branch_name == NULL || *g_strstrip (branch_name) == '\0')
    {
      g_free (branch_name);
      branch_name = g_strdup ("main");
    }
  if (moi_store_workflow_name_exists (self->store, json_object_get_string_member (row, "name")))
    {
      fail (error, SERVICE_ERROR_CONFLICT, _("A workflow named “%s” already exists"),
            json_object_get_string_member (row, "name"));
      return NULL;
    }
  if (create_target != NULL && !create_target_volume (self, create_target, row, error))
    return NULL;

  json_object_set_string_member (row, "creator", g_get_user_name ());
  json_object_set_string_member (row, "modifier", g_get_user_name ());
  json_object_set_string_member (row, "user_id", "");
  json_object_set_string_member (row, "group_id", "");
  json_object_set_string_member (row, "version", "1");
  json_object_set_int_member (row, "status", MOI_WORKFLOW_STATUS_RUNNING);
  if ((created = moi_store_create_workflow (self->store, row, branch_name, workflow_text,
                                            error)) == NULL)
    return NULL;

  id = g_strdup (json_object_get_string_member (created, "id"));
  /* Once and on-new-files workflows process what is there now. */
  if (json_object_get_int_member (created, "flow_interval") <= 0
      && (job_id = moi_job_runner_run_workflow (self->runner, id, &job_error)) == NULL)
    g_warning ("Workflow %s: could not start its first job: %s", id, job_error->message);
  moi_job_runner_reschedule (self->runner, id);

  g_clear_pointer (&created, json_object_unref);
  if ((created = moi_store_get_workflow (self->store, id, error)) == NULL)
    return NULL;
  return write_workflow (created, FALSE, MOI_RECORD_STYLE_FLAT, error);
}

static JsonNode *
workflow_list (Request  *req,
               GError  **error)
{
  static const char * const sort_fields[] = {
    "created_at", "updated_at", "name", "priority", NULL,
  };
  g_autoptr(GArray) modes = NULL, status = NULL, types = NULL, priority = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  MoiStoreWorkflowQuery q = {
    .start_time = -1, .end_time = -1, .descending = TRUE, .offset = 0, .limit = 20,
  };
  gint64 total = 0;

  q.name_search = query_string (req, "name_search");
  q.creator = query_string (req, "creator");
  q.sort_field = query_string (req, "sort_field");
  if (!query_int (req, "start_time", 0, &q.start_time, error)
      || !query_int (req, "end_time", 0, &q.end_time, error)
      || !query_int_array (req, "process_modes", &modes, error)
      || !query_int_array (req, "status", &status, error)
      || !query_int_array (req, "file_types", &types, error)
      || !query_int_array (req, "priority", &priority, error)
      || !query_int (req, "offset", 0, &q.offset, error)
      || !query_int (req, "limit", 1, &q.limit, error)
      || !check_sort_field (q.sort_field, sort_fields, "sort_field", error)
      || !query_sort_order (req, "sort_order", &q.descending, error))
    return NULL;
  if (q.limit > 1000)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST,
            _("Query parameter “limit” must be at most 1000, got %lld"), (long long) q.limit);
      return NULL;
    }
  q.process_modes = modes;
  q.status = status;
  q.file_types = types;
  q.priority = priority;
  rows = moi_store_list_workflows (req->service->reader, &q, &total);
  if (rows == NULL)
    {
      fail (error, SERVICE_ERROR_INTERNAL, _("Could not read the workflows"));
      return NULL;
    }
  if ((items = write_rows (rows, write_workflow_list_item, error)) == NULL)
    return NULL;
  return write_page (total, "workflows", items);
}

static JsonNode *
workflow_detail (Request  *req,
                 GError  **error)
{
  const char *id = req->segments[1];
  g_autoptr(JsonObject) row = moi_store_get_workflow (req->service->reader, id, error);
  g_autoptr(GPtrArray) branches = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  JsonNode *out;

  if (row == NULL)
    return NULL;
  if ((branches = moi_store_list_branches (req->service->reader, id, NULL, NULL, error)) == NULL
      || (items = write_rows (branches, write_branch_item, error)) == NULL
      || (out = write_workflow (row, FALSE, MOI_RECORD_STYLE_CANONICAL, error)) == NULL)
    return NULL;
  set_workflow_member (out, row);
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_ref (items->pdata[i]));
  json_object_set_array_member (json_node_get_object (out), "branches", array);
  return out;
}

static JsonNode *
workflow_update (Request  *req,
                 GError  **error)
{
  MoiService *self = req->service;
  const char *id = req->segments[1];
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) existing = NULL;
  g_autofree char *create_target = NULL;
  g_autofree char *workflow_text = NULL;

  if (body == NULL)
    return NULL;
  if ((existing = moi_store_get_workflow (self->store, id, error)) == NULL)
    return NULL;
  if (!parse_workflow_fields (req, body, changes, FALSE, &create_target, error))
    return NULL;
  /* The older PUT /{id} also carried the workflow itself. */
  if (body_member (body, "workflow") != NULL
      && (workflow_text = body_workflow_text (req, body, TRUE, error)) == NULL)
    return NULL;
  if (json_object_has_member (changes, "name")
      && g_strcmp0 (json_object_get_string_member (changes, "name"),
                    json_object_get_string_member (existing, "name")) != 0
      && moi_store_workflow_name_exists (self->store, row_string (changes, "name")))
    {
      fail (error, SERVICE_ERROR_CONFLICT, _("A workflow named “%s” already exists"),
            json_object_get_string_member (changes, "name"));
      return NULL;
    }
  if (create_target != NULL && !create_target_volume (self, create_target, changes, error))
    return NULL;
  json_object_set_string_member (changes, "modifier", g_get_user_name ());
  if (!moi_store_update_workflow (self->store, id, changes, error))
    return NULL;
  if (workflow_text != NULL
      && !moi_store_update_branch (self->store, row_string (existing, "branch_id"),
                                   NULL, workflow_text, error))
    return NULL;
  moi_job_runner_reschedule (self->runner, id);
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
workflow_delete (Request  *req,
                 GError  **error)
{
  MoiService *self = req->service;
  const char *id = req->segments[1];
  gboolean delete_data = FALSE;
  g_autoptr(JsonObject) existing = NULL;

  if (!query_bool (req, "delete_data", &delete_data, error))
    return NULL;
  if ((existing = moi_store_get_workflow (self->store, id, error)) == NULL)
    return NULL;
  moi_job_runner_cancel_workflow (self->runner, id);
  if (!moi_store_delete_workflow (self->store, id, delete_data, error))
    return NULL;
  moi_job_runner_reschedule (self->runner, id);
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
workflow_stop (Request  *req,
               GError  **error)
{
  if (!moi_job_runner_stop_workflow (req->service->runner, req->segments[1], error))
    return NULL;
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
workflow_rerun (Request  *req,
                GError  **error)
{
  MoiService *self = req->service;
  const char *id = req->segments[1];
  g_autofree char *job_id = NULL;
  JsonObject *data;

  if ((job_id = moi_job_runner_run_workflow (self->runner, id, error)) == NULL)
    return NULL;
  moi_job_runner_reschedule (self->runner, id);
  /* The spec shows no data; the new job's id saves clients a list call. */
  data = json_object_new ();
  json_object_set_string_member (data, "job_id", job_id);
  return moi_json_node_take_object (data);
}

static JsonNode *
workflow_name_check (Request  *req,
                     GError  **error)
{
  const char *name = query_string (req, "name");
  gboolean exists;
  JsonObject *data;

  if (name == NULL || *name == '\0')
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST, _("Query parameter “name” is required"));
      return NULL;
    }
  exists = moi_store_workflow_name_exists (req->service->store, name);
  data = json_object_new ();
  json_object_set_string_member (data, "name", name);
  json_object_set_boolean_member (data, "exists", exists);
  json_object_set_boolean_member (data, "available", !exists);
  return moi_json_node_take_object (data);
}

/* Branches --------------------------------------------------------------- */

static JsonNode *
branch_create (Request  *req,
               GError  **error)
{
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(JsonObject) workflow = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (body == NULL)
    return NULL;
  if ((workflow = moi_store_get_workflow (req->service->store, req->segments[1], error)) == NULL)
    return NULL;
  if (!body_string (body, "branch_name", FALSE, &name, error)
      || (name != NULL && *name && !check_name (name, "branch_name", error))
      || (text = body_workflow_text (req, body, TRUE, error)) == NULL)
    return NULL;
  if ((created = moi_store_create_branch (req->service->store, req->segments[1], name, text,
                                          error)) == NULL)
    return NULL;
  /* The spec shows no data; the new branch's id saves clients a list call. */
  return json_node_init_object (json_node_alloc (), created);
}

static JsonNode *
branch_list (Request  *req,
             GError  **error)
{
  g_autoptr(GArray) status_in = NULL, branch_status = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!query_int_array (req, "status_in", &status_in, error)
      || !query_int_array (req, "branch_status", &branch_status, error))
    return NULL;
  if ((rows = moi_store_list_branches (req->service->reader, req->segments[1], status_in,
                                       branch_status, error)) == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *item;

      json_object_remove_member (rows->pdata[i], "workflow");
      if ((item = write_workflow (rows->pdata[i], TRUE, MOI_RECORD_STYLE_CANONICAL, error)) == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return write_page (items->len, "workflows", items);
}

static JsonNode *
branch_get (Request  *req,
            GError  **error)
{
  g_autoptr(JsonObject) row = moi_store_get_branch (req->service->reader, req->segments[2], error);
  JsonNode *out;

  if (row == NULL || (out = write_workflow (row, TRUE, MOI_RECORD_STYLE_CANONICAL, error)) == NULL)
    return NULL;
  set_workflow_member (out, row);
  json_object_set_null_member (json_node_get_object (out), "branches");
  return out;
}

static JsonNode *
branch_update (Request  *req,
               GError  **error)
{
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(JsonObject) existing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (body == NULL)
    return NULL;
  if ((existing = moi_store_get_branch (req->service->store, req->segments[2], error)) == NULL)
    return NULL;
  if (!body_string (body, "branch_name", FALSE, &name, error)
      || (name != NULL && *name && !check_name (name, "branch_name", error))
      || (text = body_workflow_text (req, body, TRUE, error)) == NULL)
    return NULL;
  if (!moi_store_update_branch (req->service->store, req->segments[2], name, text, error))
    return NULL;
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
branch_delete (Request  *req,
               GError  **error)
{
  gboolean delete_data = FALSE;

  if (!query_bool (req, "delete_data", &delete_data, error)
      || !moi_store_delete_branch (req->service->store, req->segments[2], delete_data, error))
    return NULL;
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
branch_enable (Request  *req,
               GError  **error)
{
  int status = g_str_equal (req->segments[3], "enable") ? 0 : 1;

  if (!moi_store_set_branch_status (req->service->store, req->segments[2], status, error))
    return NULL;
  return json_node_new (JSON_NODE_NULL);
}

/* Jobs ------------------------------------------------------------------- */

static JsonNode *
job_list (Request  *req,
          GError  **error)
{
  static const char * const sort_fields[] = {
    "created_at", "updated_at", "name", "priority", "status", "file_total", NULL,
  };
  g_autoptr(GArray) types = NULL, priority = NULL, status = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 page_num = 1, page_size = 10, total = 0;
  MoiStoreJobQuery q = { .count_le = -1, .count_ge = -1, .descending = TRUE };

  q.workflow_id = query_string (req, "workflow_id");
  q.name_search = query_string (req, "name_search");
  q.sort_field = query_string (req, "sort_field");
  if (!query_int_array (req, "file_types", &types, error)
      || !query_int_array (req, "priority", &priority, error)
      || !query_int_array (req, "status", &status, error)
      || !query_int (req, "page_num", 1, &page_num, error)
      || !query_int (req, "page_size", 1, &page_size, error)
      || !query_int (req, "count_le", 0, &q.count_le, error)
      || !query_int (req, "count_ge", 0, &q.count_ge, error)
      || !check_sort_field (q.sort_field, sort_fields, "sort_field", error))
    return NULL;
  /* Unsorted lists are newest first; with a sort field, ascending unless
   * told otherwise (the spec's default). */
  if (q.sort_field != NULL && *q.sort_field)
    q.descending = FALSE;
  if (!query_sort_order (req, "sort_order", &q.descending, error))
    return NULL;
  if (page_size > 1000)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST,
            _("Query parameter “page_size” must be at most 1000, got %lld"),
            (long long) page_size);
      return NULL;
    }
  q.file_types = types;
  q.priority = priority;
  q.status = status;
  q.limit = page_size;
  q.offset = (page_num - 1) * page_size;
  if ((rows = moi_store_list_jobs (req->service->reader, &q, &total)) == NULL)
    {
      fail (error, SERVICE_ERROR_INTERNAL, _("Could not read the jobs"));
      return NULL;
    }
  if ((items = write_rows (rows, write_job_item, error)) == NULL)
    return NULL;
  return write_page (total, "jobs", items);
}

static JsonNode *
job_detail (Request  *req,
            GError  **error)
{
  g_autoptr(JsonObject) row = moi_store_get_job (req->service->reader, req->segments[1], error);

  return row ? write_job_detail (row, error) : NULL;
}

static JsonNode *
job_files (Request  *req,
           GError  **error)
{
  g_autoptr(GArray) statuses = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) counts = NULL;
  gint64 page_num = 1, page_size = 10, filtered = 0;
  JsonNode *out;
  JsonArray *array;

  if (!query_int_array (req, "statuses", &statuses, error)
      || !query_int (req, "page_num", 1, &page_num, error)
      || !query_int (req, "page_size", 1, &page_size, error))
    return NULL;
  if ((rows = moi_store_list_job_files (req->service->reader, req->segments[1], statuses,
                                        (page_num - 1) * page_size, MIN (page_size, 1000),
                                        &filtered, &counts, error)) == NULL
      || (items = write_rows (rows, write_job_file, error)) == NULL)
    return NULL;
  json_object_set_int_member (counts, "file_total", filtered);
  if ((out = WRITE_RECORD (moi_job_file_counts, counts, error)) == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_ref (items->pdata[i]));
  json_object_set_array_member (json_node_get_object (out), "files", array);
  return out;
}

static JsonNode *
job_retry (Request  *req,
           GError  **error)
{
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(GPtrArray) files = NULL;

  if (body == NULL || !body_string_array (body, "files", &files, error))
    return NULL;
  if (files == NULL || files->len == 0)
    {
      fail (error, SERVICE_ERROR_BAD_REQUEST,
            _("Field “files” must list at least one file id"));
      return NULL;
    }
  g_ptr_array_add (files, NULL);
  if (!moi_store_retry_files (req->service->store, req->segments[1],
                              (const char * const *) files->pdata, error))
    return NULL;
  moi_job_runner_wake (req->service->runner);
  return json_node_new (JSON_NODE_NULL);
}

static JsonNode *
job_status (Request  *req,
            GError  **error)
{
  g_autoptr(JsonObject) row = moi_store_get_job (req->service->reader, req->segments[1], error);
  g_autoptr(JsonObject) wire = NULL;

  if (row == NULL)
    return NULL;
  wire = json_object_new ();
  copy_member (wire, "job_id", row, "id");
  copy_member (wire, "status", row, "status");
  copy_member (wire, "message", row, "message");
  json_object_set_int_member (wire, "progress", job_progress (row));
  copy_member (wire, "start_time", row, "start_time");
  copy_member (wire, "end_time", row, "end_time");
  return WRITE_RECORD (moi_job_status_info, wire, error);
}

/* Volumes (MOI's explore API over local folders) ---------------------------- */

/* POST /explore/volumes: body {name, path}: a volume over an existing
 * folder; without "path", an empty one in a new folder of the service's. */
static JsonNode *
volume_create (Request  *req,
               GError  **error)
{
  g_autoptr(JsonObject) body = parse_body (req, error);
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;

  if (body == NULL
      || !body_string (body, "name", TRUE, &name, error)
      || !check_name (name, "name", error)
      || !body_string (body, "path", FALSE, &path, error))
    return NULL;
  if (path == NULL || *path == '\0')
    row = create_empty_volume (req->service, name, error);
  else if (!g_path_is_absolute (path))
    fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “path” must be an absolute folder path, "
                                              "got “%s”"), path);
  else if ((real = realpath (path, NULL)) == NULL || !g_file_test (real, G_FILE_TEST_IS_DIR))
    fail (error, SERVICE_ERROR_BAD_REQUEST, _("Field “path”: “%s” is not a folder"), path);
  else
    row = moi_store_create_volume (req->service->store, name, real, error);
  return row ? write_volume (row, error) : NULL;
}

static JsonNode *
volume_list (Request  *req,
             GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 offset = 0, limit = 100, total = 0;

  if (!query_offset_limit (req, &offset, &limit, error))
    return NULL;
  rows = moi_store_list_volumes (req->service->reader, offset, limit, &total);
  return write_list (rows, total, write_volume, error);
}

static JsonNode *
volume_get (Request  *req,
            GError  **error)
{
  g_autoptr(JsonObject) row = moi_store_get_volume (req->service->reader, req->segments[2], error);

  return row ? write_volume (row, error) : NULL;
}

static JsonNode *
volume_delete (Request  *req,
               GError  **error)
{
  if (!moi_store_delete_volume (req->service->store, req->segments[2], error))
    return NULL;
  return json_node_new (JSON_NODE_NULL);
}

/* POST /explore/volumes/{vid}/files: body {filters: {types[], status[],
 * exclude_status[]}, sorter: {sort_by, is_desc = true}, offset = 0,
 * limit = 30}; the job files read from or written to the volume. */
static JsonNode *
volume_files (Request  *req,
              GError  **error)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) filters = NULL;
  g_autoptr(JsonNode) sorter = NULL;
  g_autoptr(GArray) types = NULL, status = NULL, exclude = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sort_by = NULL;
  gint64 offset = 0, limit = 30, total = 0;
  gboolean descending = TRUE;

  if (g_bytes_get_size (req->body) > 0)
    body = parse_body (req, error);
  else
    body = json_object_new ();
  if (body == NULL)
    return NULL;
  if ((filters = body_structured (body, "filters", JSON_NODE_OBJECT, error)) == NULL
      && body_member (body, "filters") != NULL)
    return NULL;
  if ((sorter = body_structured (body, "sorter", JSON_NODE_OBJECT, error)) == NULL
      && body_member (body, "sorter") != NULL)
    return NULL;
  if (filters != NULL
      && (!body_int_array (json_node_get_object (filters), "types", &types, error)
          || !body_int_array (json_node_get_object (filters), "status", &status, error)
          || !body_int_array (json_node_get_object (filters), "exclude_status", &exclude, error)))
    return NULL;
  if (sorter != NULL)
    {
      JsonObject *s = json_node_get_object (sorter);
      JsonNode *desc = body_member (s, "is_desc");

      if (!body_string (s, "sort_by", FALSE, &sort_by, error))
        return NULL;
      if (desc != NULL && json_node_get_value_type (desc) == G_TYPE_BOOLEAN)
        descending = json_node_get_boolean (desc);
      else if (desc != NULL && json_node_get_value_type (desc) == G_TYPE_STRING)
        descending = g_ascii_strcasecmp (json_node_get_string (desc), "false") != 0;
      else if (desc != NULL)
        {
          fail (error, SERVICE_ERROR_BAD_REQUEST,
                _("Field “sorter.is_desc” must be a boolean"));
          return NULL;
        }
    }
  if (!body_int (body, "offset", FALSE, 0, &offset, error)
      || !body_int (body, "limit", FALSE, 1, &limit, error))
    return NULL;
  rows = moi_store_list_volume_files (req->service->reader, req->segments[2], types, status,
                                      exclude, sort_by, descending, offset, MIN (limit, 1000),
                                      &total, error);
  return write_list (rows, total, write_volume_file, error);
}

/* GET /explore/volumes/{vid}/files/{fid}/blocks?offset=&limit=: the
 * documents a job's DocumentWriter stored for the file ({total, list}). */
static JsonNode *
volume_file_blocks (Request  *req,
                    GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 offset = 0, limit = 100, total = 0;

  if (!query_offset_limit (req, &offset, &limit, error))
    return NULL;
  rows = moi_store_list_file_documents (req->service->reader, req->segments[2], req->segments[4],
                                        offset, limit, &total, error);
  return write_list (rows, total, write_block, error);
}

/* Routing ---------------------------------------------------------------- */

typedef struct
{
  const char *method;
  const char *pattern;   /* segments; "*" matches one */
  RouteFunc   func;
} Route;

/* Fixed words before "*" so /workflow_meta/branch/x never reads as a
 * workflow id. */
static const Route routes[] = {
  { "GET",    "workflow_meta",                        workflow_list },
  { "POST",   "workflow_meta",                        workflow_create },
  { "GET",    "workflow_meta/name/check",             workflow_name_check },
  { "GET",    "workflow_meta/branch/*",               branch_get },
  { "PUT",    "workflow_meta/branch/*",               branch_update },
  { "DELETE", "workflow_meta/branch/*",               branch_delete },
  { "PUT",    "workflow_meta/branch/*/enable",        branch_enable },
  { "PUT",    "workflow_meta/branch/*/disable",       branch_enable },
  { "GET",    "workflow_meta/*",                      workflow_detail },
  { "PUT",    "workflow_meta/*",                      workflow_update },
  { "DELETE", "workflow_meta/*",                      workflow_delete },
  { "PUT",    "workflow_meta/*/base_info",            workflow_update },
  { "PUT",    "workflow_meta/*/stop",                 workflow_stop },
  { "PUT",    "workflow_meta/*/rerun",                workflow_rerun },
  { "GET",    "workflow_meta/*/branch",               branch_list },
  { "POST",   "workflow_meta/*/branch",               branch_create },
  { "GET",    "workflow_job",                         job_list },
  { "GET",    "workflow_job/*",                       job_detail },
  { "GET",    "workflow_job/*/files",                 job_files },
  { "POST",   "workflow_job/*/files",                 job_retry },
  { "GET",    "workflow_job/*/status",                job_status },
  { "GET",    "explore/volumes",                      volume_list },
  { "POST",   "explore/volumes",                      volume_create },
  { "GET",    "explore/volumes/*",                    volume_get },
  { "DELETE", "explore/volumes/*",                    volume_delete },
  { "POST",   "explore/volumes/*/files",              volume_files },
  { "GET",    "explore/volumes/*/files/*/blocks",     volume_file_blocks },
};

static gboolean
route_matches (const char  *pattern,
               char       **segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  for (i = 0; parts[i] && segments[i]; i++)
    {
      if (g_str_equal (parts[i], "*"))
        {
          /* An id is never one of the fixed words of a longer route. */
          if (i == 1 && (g_str_equal (segments[i], "branch") || g_str_equal (segments[i], "name"))
              && g_str_has_prefix (pattern, "workflow_meta/*"))
            return FALSE;
          continue;
        }
      if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }
  return parts[i] == NULL && segments[i] == NULL;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  moi_json_append (out, node, FALSE);
}

/* The exact writer, splicing in raw_json_node()s. */
static void
write_envelope_node (GString  *out,
                     JsonNode *node)
{
  const char *text;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &key, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_json_string (out, key);
            g_string_append_c (out, ':');
            write_envelope_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_envelope_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_has_prefix (text = json_node_get_string (node), RAW_JSON_MARK))
        g_string_append (out, text + strlen (RAW_JSON_MARK));
      else
        moi_json_append (out, node, FALSE);
      break;
    }
}

static void
send_envelope (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message,
               JsonNode          *data,
               const char        *request_id)
{
  GString *out = g_string_sized_new (4096);
  gsize length;
  char *text;

  g_string_append (out, "{\"code\":");
  append_json_string (out, code);
  g_string_append (out, ",\"msg\":");
  append_json_string (out, message);
  g_string_append (out, ",\"data\":");
  if (data != NULL)
    write_envelope_node (out, data);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"request_id\":");
  append_json_string (out, request_id);
  g_string_append_c (out, '}');
  length = out->len;
  text = g_string_free (out, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Request-Id", request_id);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

static void
send_error (SoupServerMessage *msg,
            const GError      *error,
            const char        *request_id)
{
  const char *code;
  guint status;

  classify_error (error, &code, &status);
  if (status >= 500)
    g_warning ("%s %s: %s", soup_server_message_get_method (msg),
               g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
  send_envelope (msg, status, code, error->message, NULL, request_id);
}

/* Compares in time independent of where the strings differ. */
static gboolean
key_equal (const char *given,
           const char *expected)
{
  gsize n = strlen (expected);
  gsize m = given ? strlen (given) : 0;
  guint8 diff = n != m;

  for (gsize i = 0; i < n; i++)
    diff |= (guint8) expected[i] ^ (guint8) (i < m ? given[i] : 0);
  return diff == 0;
}

/* Answers 413 and stops keeping the body. Once a status is set, libsoup
 * reads the rest of the request without calling the handler. */
static void
refuse_too_large (MoiService        *self,
                  SoupServerMessage *msg,
                  goffset            length)
{
  g_autofree char *request_id = g_uuid_string_random ();
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GError) error = NULL;

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  fail (&error, SERVICE_ERROR_TOO_LARGE,
        _("The request body (%lld bytes or more) is larger than the service accepts "
          "(%llu bytes; moi-server --max-body-size sets it)"),
        (long long) length, (unsigned long long) self->max_body_size);
  send_error (msg, error, request_id);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *unused,
                gpointer           user_data)
{
  MoiService *self = user_data;
  g_autofree char *request_id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const Route *route = NULL;
  gboolean path_known = FALSE;
  g_autoptr(GString) allow = g_string_new (NULL);
  Request req = { 0, };

  if (!key_equal (soup_message_headers_get_one (headers, "moi-key"), self->key))
    {
      fail (&error, SERVICE_ERROR_UNAUTHORIZED,
            _("Missing or wrong “moi-key” header: use the key in the server's key file"));
      send_error (msg, error, request_id);
      return;
    }
  if (soup_server_message_get_request_body (msg)->length > (goffset) self->max_body_size)
    {
      refuse_too_large (self, msg, soup_server_message_get_request_body (msg)->length);
      return;
    }
  if (!g_str_has_prefix (path, API_PREFIX))
    {
      fail (&error, SERVICE_ERROR_NOT_FOUND, _("No endpoint at %s"), path);
      send_error (msg, error, request_id);
      return;
    }

  {
    g_autofree char *trimmed = g_strdup (path + strlen (API_PREFIX));
    gsize len = strlen (trimmed);

    while (len > 0 && trimmed[len - 1] == '/')
      trimmed[--len] = '\0';
    segments = g_strsplit (trimmed, "/", -1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (route_matches (routes[i].pattern, segments))
      {
        path_known = TRUE;
        g_string_append_printf (allow, "%s%s", allow->len ? ", " : "", routes[i].method);
        if (g_str_equal (routes[i].method, method))
          route = &routes[i];
      }
  if (route == NULL)
    {
      if (path_known)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Allow", allow->str);
          fail (&error, SERVICE_ERROR_METHOD, _("%s is not allowed on %s (allowed: %s)"),
                method, path, allow->str);
        }
      else
        fail (&error, SERVICE_ERROR_NOT_FOUND, _("No endpoint at %s"), path);
      send_error (msg, error, request_id);
      return;
    }

  query = parse_query (g_uri_get_query (soup_server_message_get_uri (msg)));
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req.service = self;
  req.segments = segments;
  req.query = query;
  req.body = body;

  if ((data = route->func (&req, &error)) == NULL)
    {
      if (error == NULL)
        g_set_error (&error, SERVICE_ERROR, SERVICE_ERROR_INTERNAL,
                     _("Internal error on %s"), path);
      send_error (msg, error, request_id);
      return;
    }
  send_envelope (msg, 200, "ok", "ok", data, request_id);
}

/* An oversized body is refused from its Content-Length, before reading it. */
static void
got_headers_cb (SoupServerMessage *msg,
                MoiService        *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  if (length > (goffset) self->max_body_size)
    refuse_too_large (self, msg, length);
}

/* Without a Content-Length (chunked), as soon as it grows too large. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              MoiService        *self)
{
  goffset length = soup_server_message_get_request_body (msg)->length;

  if (soup_server_message_get_status (msg) == 0 && length > (goffset) self->max_body_size)
    refuse_too_large (self, msg, length);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    MoiService        *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static void
moi_service_dispose (GObject *object)
{
  MoiService *self = (MoiService *) object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->runner);
  g_clear_object (&self->store);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (moi_service_parent_class)->dispose (object);
}

static void
moi_service_finalize (GObject *object)
{
  MoiService *self = (MoiService *) object;

  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_free (self->data_dir);

  G_OBJECT_CLASS (moi_service_parent_class)->finalize (object);
}

static void
moi_service_class_init (MoiServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_service_dispose;
  object_class->finalize = moi_service_finalize;
}

static void
moi_service_init (MoiService *self)
{
  self->max_body_size = MOI_SERVICE_DEFAULT_MAX_BODY;
}

MoiService *
moi_service_new (MoiStore     *store,
                 MoiJobRunner *runner,
                 const char   *key,
                 const char   *data_dir)
{
  g_autoptr(GError) error = NULL;
  MoiService *self;

  g_return_val_if_fail (MOI_IS_STORE (store), NULL);
  g_return_val_if_fail (MOI_IS_JOB_RUNNER (runner), NULL);
  g_return_val_if_fail (key != NULL && *key, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (MOI_TYPE_SERVICE, NULL);
  self->store = g_object_ref (store);
  /* GET endpoints read on a connection of their own: a job's group commit
   * holds the store's for a tenth of a second or more. */
  if ((self->reader = moi_store_new_reader (store, &error)) == NULL)
    {
      g_warning ("Reads share the writer's connection: %s", error->message);
      self->reader = g_object_ref (store);
    }
  self->runner = g_object_ref (runner);
  self->key = g_strdup (key);
  self->data_dir = g_strdup (data_dir);
  self->server = soup_server_new ("server-header", "moi-server/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  g_signal_connect_object (self->server, "request-started", G_CALLBACK (request_started_cb),
                           self, 0);
  return self;
}

gboolean
moi_service_listen (MoiService  *self,
                    const char  *address,
                    guint        port,
                    GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (MOI_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if ((inet = g_inet_address_new_from_string (address ? address : "127.0.0.1")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address to listen on"), address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, port);
  return soup_server_listen (self->server, socket_address, 0, error);
}

char *
moi_service_dup_url (MoiService *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (MOI_IS_SERVICE (self), NULL);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);

      url = strchr (host, ':') ? g_strdup_printf ("http://[%s]:%d", host, g_uri_get_port (uri))
                               : g_strdup_printf ("http://%s:%d", host, g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
moi_service_set_max_body_size (MoiService *self,
                               gsize       max_body_size)
{
  g_return_if_fail (MOI_IS_SERVICE (self));
  self->max_body_size = max_body_size;
}

void
moi_service_disconnect (MoiService *self)
{
  g_return_if_fail (MOI_IS_SERVICE (self));
  soup_server_disconnect (self->server);
}
