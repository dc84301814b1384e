/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-node.h"

/* Haystack's OpenAIDocumentEmbedder, against any OpenAI-compatible
 * /embeddings endpoint (MOI uses SiliconFlow's BAAI/bge-m3). The key comes
 * from the environment variable its Secret names, read per file so a key
 * set after the service started is used; without one each file fails with a
 * message naming the variable. */

#define DEFAULT_BASE_URL "https://api.openai.com/v1"

struct _MoiOpenaiEmbedder
{
  MoiNode  parent_instance;
  GStrv    key_env_vars;
  char    *model;
  char    *base_url;
  char    *organization;
  char    *prefix;
  char    *suffix;
  char    *separator;
  GStrv    meta_fields;
  gint64   batch_size;
  gint64   dimensions;     /* 0: not sent */
  double   timeout;
  gint64   max_retries;
};

#define MOI_TYPE_OPENAI_EMBEDDER (moi_openai_embedder_get_type ())
G_DECLARE_FINAL_TYPE (MoiOpenaiEmbedder, moi_openai_embedder, MOI, OPENAI_EMBEDDER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiOpenaiEmbedder, moi_openai_embedder, MOI_TYPE_NODE)

/* Python's str() of a meta value, as Haystack joins them into the text. */
static char *
python_str (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "True" : "False");
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          double d = json_node_get_double (node);

          g_ascii_dtostr (buffer, sizeof buffer, d);
          if (strpbrk (buffer, ".eEn") == NULL)
            return g_strconcat (buffer, ".0", NULL);
          return g_strdup (buffer);
        }
    }
  return moi_json_to_string (node, FALSE, NULL);
}

static char *
text_to_embed (MoiOpenaiEmbedder *self,
               MoiDocument       *document)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  char *text;

  for (guint i = 0; self->meta_fields != NULL && self->meta_fields[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (moi_document_get_meta (document),
                                                self->meta_fields[i]);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        g_ptr_array_add (parts, python_str (value));
    }
  g_ptr_array_add (parts, g_strdup (document->content != NULL ? document->content : ""));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (self->separator, (char **) parts->pdata);
  text = g_strconcat (self->prefix, joined, self->suffix, NULL);
  /* Haystack replaces newlines, following OpenAI's embedding_utils. */
  g_strdelimit (text, "\n", ' ');
  return text;
}

static const char *
find_key (MoiOpenaiEmbedder  *self,
          const char        **env_var)
{
  for (guint i = 0; self->key_env_vars[i] != NULL; i++)
    {
      const char *value = g_getenv (self->key_env_vars[i]);

      if (value != NULL && *value != '\0')
        {
          *env_var = self->key_env_vars[i];
          return value;
        }
    }
  return NULL;
}

static JsonNode *
post_batch (MoiOpenaiEmbedder  *self,
            SoupSession        *session,
            const char         *key,
            GPtrArray          *texts,
            GCancellable       *cancellable,
            GError            **error)
{
  const char *name = moi_node_get_name (MOI_NODE (self));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) request_bytes = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "input");
  json_builder_begin_array (builder);
  for (guint i = 0; i < texts->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (texts, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "encoding_format");
  json_builder_add_string_value (builder, "float");
  if (self->dimensions > 0)
    {
      json_builder_set_member_name (builder, "dimensions");
      json_builder_add_int_value (builder, self->dimensions);
    }
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = moi_json_to_string (request, FALSE, &length);
  request_bytes = g_bytes_new_take (g_steal_pointer (&body), length);
  url = g_str_has_suffix (self->base_url, "/")
        ? g_strconcat (self->base_url, "embeddings", NULL)
        : g_strconcat (self->base_url, "/embeddings", NULL);

  for (gint64 attempt = 0; ; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *authorization = NULL;
      guint status;
      gsize size = 0;
      const char *data;

      if (message == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: “%s” is not a valid URL (api_base_url)"), name, url);
          return NULL;
        }
      soup_message_set_request_body_from_bytes (message, "application/json", request_bytes);
      authorization = g_strconcat ("Bearer ", key, NULL);
      soup_message_headers_append (soup_message_get_request_headers (message),
                                   "Authorization", authorization);
      if (self->organization != NULL && *self->organization != '\0')
        soup_message_headers_append (soup_message_get_request_headers (message),
                                     "OpenAI-Organization", self->organization);

      reply = soup_session_send_and_read (session, message, cancellable, &local_error);
      status = soup_message_get_status (message);
      if (reply != NULL && status >= 200 && status < 300)
        {
          JsonNode *root;

          /* The reply is untrusted: the bounded parser refuses deep nesting
           * and keeps oversized integers instead of wrapping them. */
          data = g_bytes_get_data (reply, &size);
          if ((root = moi_json_parse (data != NULL ? data : "", size, &local_error)) == NULL)
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("component “%s”: %s answered with invalid JSON: %s"),
                           name, url, local_error->message);
              return NULL;
            }
          return root;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* Like the OpenAI client: retry connection errors, 408, 429 and 5xx. */
      if (attempt < self->max_retries
          && (reply == NULL || status == 408 || status == 429 || status >= 500))
        {
          g_usleep (MIN (500000 << attempt, 8000000));
          continue;
        }

      if (reply == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: cannot reach %s: %s"), name, url,
                       local_error != NULL ? local_error->message : "");
        }
      else
        {
          g_autofree char *text = NULL;

          data = g_bytes_get_data (reply, &size);
          text = g_utf8_make_valid (data != NULL ? data : "", MIN (size, 500));
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: %s answered HTTP %u: %s"), name, url, status, text);
        }
      return NULL;
    }
}

static gboolean
moi_openai_embedder_run (MoiNode              *node,
                         const MoiNodeContext *context,
                         MoiNodeInputs        *inputs,
                         MoiNodeOutputs       *outputs,
                         GError              **error)
{
  MoiOpenaiEmbedder *self = MOI_OPENAI_EMBEDDER (node);
  const char *name = moi_node_get_name (node);
  g_autoptr(GPtrArray) documents = moi_node_inputs_get_items (inputs, "documents");
  g_autoptr(GPtrArray) embedded = moi_document_array_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) meta_node = NULL;
  g_autofree char *user_agent = NULL;
  gint64 prompt_tokens = 0, total_tokens = 0;
  const char *env_var = NULL;
  const char *key;

  key = find_key (self, &env_var);
  if (key == NULL)
    {
      g_autofree char *names = g_strjoinv (", ", self->key_env_vars);

      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: no API key: set the environment variable %s of the "
                     "service (api_key)"), name, names);
      return FALSE;
    }

  /* One session per run: sessions are not shared between worker threads. */
  user_agent = g_strconcat ("moi-server/", PACKAGE_VERSION, NULL);
  session = soup_session_new_with_options ("timeout", (guint) self->timeout,
                                           "user-agent", user_agent,
                                           NULL);

  for (guint start = 0; start < documents->len; start += self->batch_size)
    {
      guint end = MIN (documents->len, start + (guint) self->batch_size);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonNode) reply = NULL;
      g_autofree JsonNode **by_index = NULL;
      JsonObject *object;
      JsonNode *data;
      JsonNode *usage;

      for (guint i = start; i < end; i++)
        g_ptr_array_add (texts, text_to_embed (self, g_ptr_array_index (documents, i)));

      reply = post_batch (self, session, key, texts, context->cancellable, error);
      if (reply == NULL)
        return FALSE;

      object = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
      data = object != NULL ? json_object_get_member (object, "data") : NULL;
      if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data)
          || json_array_get_length (json_node_get_array (data)) != end - start)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: the embeddings endpoint did not return one "
                         "embedding per document (“data”)"), name);
          return FALSE;
        }

      /* The API may answer out of order; "index" says which input it is. */
      by_index = g_new0 (JsonNode *, end - start);
      for (guint i = 0; i < end - start; i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (data), i);
          JsonObject *item_object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item)
                                                                  : NULL;
          gint64 index = item_object != NULL
                         ? json_object_get_int_member_with_default (item_object, "index", i)
                         : -1;
          JsonNode *embedding = item_object != NULL
                                ? json_object_get_member (item_object, "embedding") : NULL;

          if (index < 0 || index >= end - start || by_index[index] != NULL
              || embedding == NULL || !JSON_NODE_HOLDS_ARRAY (embedding))
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("component “%s”: the embeddings endpoint returned a malformed "
                             "item %u"), name, i);
              return FALSE;
            }
          by_index[index] = embedding;
        }

      for (guint i = 0; i < end - start; i++)
        {
          MoiDocument *document = moi_document_dup (g_ptr_array_index (documents, start + i));
          JsonArray *values = json_node_get_array (by_index[i]);

          g_clear_pointer (&document->embedding, g_array_unref);
          document->embedding = g_array_sized_new (FALSE, FALSE, sizeof (float),
                                                   json_array_get_length (values));
          for (guint j = 0; j < json_array_get_length (values); j++)
            {
              float f = (float) json_array_get_double_element (values, j);

              g_array_append_val (document->embedding, f);
            }
          g_ptr_array_add (embedded, document);
        }

      usage = json_object_get_member (object, "usage");
      if (usage != NULL && JSON_NODE_HOLDS_OBJECT (usage))
        {
          prompt_tokens += json_object_get_int_member_with_default (json_node_get_object (usage),
                                                                    "prompt_tokens", 0);
          total_tokens += json_object_get_int_member_with_default (json_node_get_object (usage),
                                                                   "total_tokens", 0);
        }
      if (json_object_has_member (object, "model") && !json_object_has_member (meta, "model"))
        json_object_set_member (meta, "model",
                                json_node_copy (json_object_get_member (object, "model")));
    }

  if (!json_object_has_member (meta, "model"))
    json_object_set_string_member (meta, "model", self->model);
  {
    JsonObject *usage = json_object_new ();

    json_object_set_int_member (usage, "prompt_tokens", prompt_tokens);
    json_object_set_int_member (usage, "total_tokens", total_tokens);
    json_object_set_object_member (meta, "usage", usage);
  }
  meta_node = json_node_init_object (json_node_alloc (), meta);

  moi_node_outputs_set (outputs, "documents",
                        moi_value_new_documents (g_steal_pointer (&embedded)));
  moi_node_outputs_set (outputs, "meta", moi_value_new_json (g_steal_pointer (&meta_node)));
  return TRUE;
}

static void
moi_openai_embedder_finalize (GObject *object)
{
  MoiOpenaiEmbedder *self = MOI_OPENAI_EMBEDDER (object);

  g_strfreev (self->key_env_vars);
  g_free (self->model);
  g_free (self->base_url);
  g_free (self->organization);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->separator);
  g_strfreev (self->meta_fields);

  G_OBJECT_CLASS (moi_openai_embedder_parent_class)->finalize (object);
}

static void
moi_openai_embedder_class_init (MoiOpenaiEmbedderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_openai_embedder_finalize;
  node_class->run = moi_openai_embedder_run;
}

static void
moi_openai_embedder_init (MoiOpenaiEmbedder *self)
{
}

/* A Secret serialized as {"type": "env_var", "env_vars": [...], "strict"}. */
static gboolean
read_secret (MoiOpenaiEmbedder  *self,
             GError            **error)
{
  MoiNode *node = MOI_NODE (self);
  JsonNode *secret = moi_node_get_param (node, "api_key");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonObject *object;
  JsonNode *env_vars;

  if (secret == NULL)
    {
      g_strv_builder_add (names, "OPENAI_API_KEY");
      self->key_env_vars = g_strv_builder_end (names);
      return TRUE;
    }

  object = JSON_NODE_HOLDS_OBJECT (secret) ? json_node_get_object (secret) : NULL;
  if (object == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""),
                    "env_var") != 0)
    {
      moi_node_set_param_error (node, error, "api_key",
                                _("must be a Secret {\"type\": \"env_var\", \"env_vars\": […]}; "
                                  "keys are never stored in workflows"));
      return FALSE;
    }
  env_vars = json_object_get_member (object, "env_vars");
  if (env_vars == NULL || !JSON_NODE_HOLDS_ARRAY (env_vars)
      || json_array_get_length (json_node_get_array (env_vars)) == 0)
    {
      moi_node_set_param_error (node, error, "api_key",
                                _("“env_vars” must list at least one variable name"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (env_vars)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (env_vars), i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          moi_node_set_param_error (node, error, "api_key",
                                    _("“env_vars” must list variable names"));
          return FALSE;
        }
      g_strv_builder_add (names, json_node_get_string (item));
    }
  self->key_env_vars = g_strv_builder_end (names);
  return TRUE;
}

MoiNode *
moi_openai_embedder_new (MoiComponent  *component,
                         GError       **error)
{
  g_autoptr(MoiOpenaiEmbedder) self = NULL;
  MoiNode *node;
  JsonNode *fields;
  const char *env_timeout = g_getenv ("OPENAI_TIMEOUT");
  const char *env_retries = g_getenv ("OPENAI_MAX_RETRIES");

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_OPENAI_EMBEDDER, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  if (!read_secret (self, error)
      || !moi_node_param_string (node, "model", "text-embedding-ada-002", &self->model, error)
      || !moi_node_param_string (node, "api_base_url", NULL, &self->base_url, error)
      || !moi_node_param_string (node, "organization", NULL, &self->organization, error)
      || !moi_node_param_string (node, "prefix", "", &self->prefix, error)
      || !moi_node_param_string (node, "suffix", "", &self->suffix, error)
      || !moi_node_param_string (node, "embedding_separator", "\n", &self->separator, error)
      || !moi_node_param_int (node, "batch_size", 32, &self->batch_size, error)
      || !moi_node_param_int (node, "dimensions", 0, &self->dimensions, error)
      || !moi_node_param_double (node, "timeout",
                                 env_timeout != NULL ? g_ascii_strtod (env_timeout, NULL) : 30,
                                 &self->timeout, error)
      || !moi_node_param_int (node, "max_retries",
                              env_retries != NULL ? g_ascii_strtoll (env_retries, NULL, 10) : 5,
                              &self->max_retries, error))
    return NULL;

  if (self->batch_size <= 0)
    {
      moi_node_set_param_error (node, error, "batch_size", _("must be greater than 0"));
      return NULL;
    }
  if (self->base_url == NULL || *self->base_url == '\0')
    {
      const char *env_url = g_getenv ("OPENAI_BASE_URL");

      g_free (self->base_url);
      self->base_url = g_strdup (env_url != NULL && *env_url ? env_url : DEFAULT_BASE_URL);
    }

  fields = moi_node_get_param (node, "meta_fields_to_embed");
  if (fields != NULL && JSON_NODE_HOLDS_ARRAY (fields))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (fields), i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              moi_node_set_param_error (node, error, "meta_fields_to_embed",
                                        _("must be a list of meta keys"));
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      self->meta_fields = g_strv_builder_end (builder);
    }
  else if (fields != NULL)
    {
      moi_node_set_param_error (node, error, "meta_fields_to_embed",
                                _("must be a list of meta keys"));
      return NULL;
    }

  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_MANDATORY);
  moi_node_add_output (node, "documents", MOI_VALUE_DOCUMENTS);
  moi_node_add_output (node, "meta", MOI_VALUE_JSON);
  return MOI_NODE (g_steal_pointer (&self));
}
