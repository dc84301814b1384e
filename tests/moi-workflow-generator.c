/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-workflow-generator.h"

typedef enum
{
  ROLE_ROUTER,
  ROLE_CONVERTER,
  ROLE_STEP,
  ROLE_JOINER,
  ROLE_WRITER,
} Role;

typedef struct
{
  const char *type;
  Role        role;
  const char *input;       /* the socket it receives on */
  const char *output;      /* the socket it sends from */
  const char *route;       /* converters: the FileTypeRouter socket feeding them */
  const char *parameters;  /* init_parameters as MOI writes them */
} Kind;

static const Kind kinds[] = {
  { "haystack.components.routers.file_type_router.FileTypeRouter", ROLE_ROUTER,
    "sources", NULL, NULL,
    "{\"mime_types\": [\"text/plain\", \"application/pdf\", \"text/markdown\"],"
    " \"additional_mimetypes\": null}" },
  { "byoa.integrations.components.converters.enhanced_plain_to_document.EnhancedPlainToDocument",
    ROLE_CONVERTER, "sources", "documents", "text/plain", "{}" },
  { "byoa.integrations.components.converters.magic_pdf_to_document.MagicPDFToDocument",
    ROLE_CONVERTER, "sources", "documents", "application/pdf",
    "{\"image_process_types\": [\"caption\", \"ocr\"]}" },
  { "byoa.integrations.components.enhance_document_splitter.EnhancedDocumentSplitter",
    ROLE_STEP, "documents", "documents", NULL,
    "{\"split_unit\": \"char\", \"split_length\": 1024, \"split_overlap\": 0}" },
  { "byoa.integrations.components.cleaner.moi_document_cleaner.MoiDocumentCleaner",
    ROLE_STEP, "documents", "documents", NULL,
    "{\"switch_deduplication\": true, \"switch_special_char_filter\": false,"
    " \"remove_url\": true, \"unicode_normalization\": false,"
    " \"deduplication_ngram_ratio\": 0.5, \"filter_special_char_ratio\": 0.5}" },
  { "haystack.components.preprocessors.document_cleaner.DocumentCleaner",
    ROLE_STEP, "documents", "documents", NULL,
    "{\"ascii_only\": false, \"keep_id\": false, \"remove_empty_lines\": true,"
    " \"remove_extra_whitespaces\": true,"
    " \"remove_regex\": \"([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\\\.[a-zA-Z0-9-.]+)|https?://[^\\\\s]+\","
    " \"remove_repeated_substrings\": false}" },
  { "byoa.integrations.components.converters.document_content_image_filler."
    "DocumentContentImageFiller",
    ROLE_STEP, "documents", "documents", NULL, "{}" },
  { "byoa.integrations.components.python_executor.PythonExecutor",
    ROLE_STEP, "documents", "documents", NULL,
    "{\"python_code\": \"for d in documents:\\n    d.meta['seen'] = True\","
    " \"timeout\": 15, \"return_error\": true}" },
  { "haystack.components.embedders.openai_document_embedder.OpenAIDocumentEmbedder",
    ROLE_STEP, "documents", "documents", NULL,
    "{\"api_base_url\": \"https://api.siliconflow.cn/v1\", \"model\": \"BAAI/bge-m3\","
    " \"api_key\": {\"type\": \"env_var\", \"env_vars\": [\"OPENAI_API_KEY\"], \"strict\": true},"
    " \"batch_size\": 32}" },
  { "haystack.components.joiners.document_joiner.DocumentJoiner", ROLE_JOINER,
    "documents", "documents", NULL,
    "{\"join_mode\": \"concatenate\", \"sort_by_score\": true, \"top_k\": null,"
    " \"weights\": null}" },
  { "haystack.components.writers.document_writer.DocumentWriter", ROLE_WRITER,
    "documents", "documents_written", NULL,
    "{\"document_store\": {\"init_parameters\": {"
    "\"connection_string\": {\"env_vars\": [\"DATABASE_SYNC_URI\"], \"strict\": true,"
    " \"type\": \"env_var\"}, \"embedding_dimension\": 1024,"
    " \"keyword_index_name\": \"haystack_keyword_index\", \"recreate_table\": true,"
    " \"table_name\": \"embedding_results\", \"vector_function\": \"cosine_similarity\"},"
    " \"type\": \"byoa.integrations.document_stores.mo_document_store.MOIDocumentStore\"},"
    " \"policy\": \"NONE\"}" },
};

enum { KIND_ROUTER, KIND_PLAIN, KIND_PDF, KIND_FIRST_STEP, KIND_JOINER = 9, KIND_WRITER };

/* How far back a node looks for its inputs: keeps most edges short. */
#define WINDOW 6
/* Big workflows are many pipelines side by side, each this long or so, a few
 * of them joined to another. */
#define PIPELINE_MIN 12
#define PIPELINE_MAX 40

static const char *
short_type (const char *type)
{
  const char *dot = strrchr (type, '.');

  return dot != NULL ? dot + 1 : type;
}

static JsonObject *
component_object (const Kind *kind,
                  const char *name,
                  gint64      stamp,
                  double      x,
                  double      y)
{
  JsonObject *object = json_object_new ();
  JsonObject *position = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s_%" G_GINT64_FORMAT, name, stamp);
  JsonNode *parameters = json_from_string (kind->parameters, &error);

  g_assert_no_error (error);
  json_object_set_int_member (position, "x", (gint64) x);
  json_object_set_int_member (position, "y", (gint64) y);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "type", kind->type);
  json_object_set_string_member (object, "component_id", id);
  json_object_set_string_member (object, "intro", short_type (kind->type));
  json_object_set_object_member (object, "position", position);
  json_object_set_object_member (object, "input_keys", json_object_new ());
  json_object_set_object_member (object, "output_keys", json_object_new ());
  json_object_set_member (object, "init_parameters", parameters);

  return object;
}

static JsonObject *
connection_object (const char *sender,
                   const char *sender_socket,
                   const char *receiver,
                   const char *receiver_socket)
{
  JsonObject *object = json_object_new ();
  g_autofree char *s = g_strdup_printf ("%s.%s", sender, sender_socket);
  g_autofree char *r = g_strdup_printf ("%s.%s", receiver, receiver_socket);

  json_object_set_string_member (object, "sender", s);
  json_object_set_string_member (object, "receiver", r);
  return object;
}

JsonNode *
moi_workflow_generator_build_node (GRand  *rand,
                                   guint   n_components,
                                   double  connections_per_component)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *components = json_array_new ();
  JsonArray *connections = json_array_new ();
  g_autofree guint *kind_of = g_new (guint, MAX (n_components, 1));
  g_autofree char **names = g_new0 (char *, n_components + 1);
  /* Nodes whose output may feed others (not writers), most recent last. */
  g_autoptr(GArray) feeders = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Joins add the edges beyond one per node; routers and converters have
   * fixed shapes, so the step nodes join a little more often to make up. */
  double join_rate = CLAMP ((connections_per_component - 1.0) * 1.7, 0.0, 1.0);
  const gint64 stamp = G_GINT64_CONSTANT (1739377283742);
  guint pipeline_left = 0;

  for (guint i = 0; i < n_components; i++)
    {
      guint kind;
      guint n_inputs = 0;
      guint inputs[2];

      if (pipeline_left == 0)
        {
          /* A new pipeline; one in eight keeps reading from the last one. */
          if (g_rand_int_range (rand, 0, 8) != 0)
            g_array_set_size (feeders, 0);
          pipeline_left = g_rand_int_range (rand, PIPELINE_MIN, PIPELINE_MAX + 1);
        }
      pipeline_left--;

      if (feeders->len == 0 || g_rand_int_range (rand, 0, 60) == 0)
        kind = KIND_ROUTER;
      else
        {
          guint window = MIN (feeders->len, WINDOW);
          guint back = g_rand_int_range (rand, 0, window);

          inputs[n_inputs++] = g_array_index (feeders, guint, feeders->len - 1 - back);
          if (kinds[kind_of[inputs[0]]].role == ROLE_ROUTER)
            kind = g_rand_boolean (rand) ? KIND_PLAIN : KIND_PDF;
          else if (window > 1 && g_rand_double (rand) < join_rate)
            {
              guint other = g_array_index (feeders, guint,
                                           feeders->len - 1 - g_rand_int_range (rand, 0, window));

              kind = KIND_JOINER;
              if (other != inputs[0] && kinds[kind_of[other]].role != ROLE_ROUTER)
                inputs[n_inputs++] = other;
            }
          else if (g_rand_int_range (rand, 0, 8) == 0)
            kind = KIND_WRITER;
          else
            kind = g_rand_int_range (rand, KIND_FIRST_STEP, KIND_JOINER);
        }

      kind_of[i] = kind;
      names[i] = g_strdup_printf ("%s_%u", short_type (kinds[kind].type), i);
      json_array_add_object_element (components,
                                     component_object (&kinds[kind], names[i], stamp + i,
                                                       g_rand_int_range (rand, 0, 4000),
                                                       g_rand_int_range (rand, 0, 4000)));
      for (guint k = 0; k < n_inputs; k++)
        {
          const Kind *from = &kinds[kind_of[inputs[k]]];
          const char *socket = from->role == ROLE_ROUTER ? kinds[kind].route : from->output;

          json_array_add_object_element (connections,
                                         connection_object (names[inputs[k]], socket,
                                                            names[i], kinds[kind].input));
        }
      if (kinds[kind].role != ROLE_WRITER)
        g_array_append_val (feeders, i);
    }

  json_object_set_array_member (root, "components", components);
  json_object_set_array_member (root, "connections", connections);
  json_object_set_array_member (root, "edges", json_array_new ());
  json_object_set_array_member (root, "extra_components", json_array_new ());

  for (guint i = 0; i < n_components; i++)
    g_free (names[i]);

  return json_node_init_object (json_node_alloc (), root);
}

MoiWorkflow *
moi_workflow_generator_build (GRand  *rand,
                              guint   n_components,
                              double  connections_per_component)
{
  g_autoptr(JsonNode) node = moi_workflow_generator_build_node (rand, n_components,
                                                                connections_per_component);
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = moi_workflow_new_from_node (node, &error);

  g_assert_no_error (error);
  return workflow;
}

static char *
fresh_name (MoiWorkflow *workflow,
            GRand       *rand,
            const char  *prefix)
{
  for (;;)
    {
      char *name = g_strdup_printf ("%s%u", prefix, g_rand_int (rand) % 1000000);

      if (moi_workflow_find_component (workflow, name) == NULL)
        return name;
      g_free (name);
    }
}

static JsonNode *
random_scalar (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return json_node_init_int (json_node_alloc (), g_rand_int_range (rand, -5, 5000));
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2:
      return json_node_init_null (json_node_alloc ());
    default:
      {
        g_autofree char *text = g_strdup_printf ("value-%u", g_rand_int (rand) % 1000);

        return json_node_init_string (json_node_alloc (), text);
      }
    }
}

/* A member chosen at random, or NULL for an empty object. */
static const char *
random_member (JsonObject *object,
               GRand      *rand)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint n = g_list_length (members);

  if (n == 0)
    return NULL;
  return g_list_nth_data (members, g_rand_int_range (rand, 0, n));
}

/* Deep: json_node_copy() shares containers. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

static void
edit_nested_parameter (MoiComponent *component,
                       GRand        *rand)
{
  JsonObject *parameters = moi_component_get_init_parameters (component);
  g_autoptr(GList) members = json_object_get_members (parameters);
  g_autofree char *top = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *object;

  for (const GList *l = members; l != NULL; l = l->next)
    if (JSON_NODE_HOLDS_OBJECT (json_object_get_member (parameters, l->data)))
      {
        g_free (top);
        top = g_strdup (l->data);
      }
  if (top == NULL)
    {
      g_autoptr(JsonNode) value = random_scalar (rand);

      moi_component_set_parameter (component, "nested_extra", value);
      return;
    }

  copy = deep_copy (json_object_get_member (parameters, top));
  object = json_node_get_object (copy);
  /* Go down while there are objects below, sometimes stopping early. */
  for (;;)
    {
      const char *key = random_member (object, rand);
      JsonNode *child = key != NULL ? json_object_get_member (object, key) : NULL;

      if (child != NULL && JSON_NODE_HOLDS_OBJECT (child) && g_rand_int_range (rand, 0, 4) != 0)
        {
          object = json_node_get_object (child);
          continue;
        }
      if (key != NULL && g_rand_int_range (rand, 0, 5) == 0)
        json_object_remove_member (object, key);
      else if (key != NULL && g_rand_boolean (rand))
        json_object_set_member (object, key, random_scalar (rand));
      else
        {
          g_autofree char *new_key = g_strdup_printf ("k%u", g_rand_int (rand) % 100);

          json_object_set_member (object, new_key, random_scalar (rand));
        }
      break;
    }
  moi_component_set_parameter (component, top, copy);
}

void
moi_workflow_generator_mutate (MoiWorkflow *workflow,
                               GRand       *rand,
                               guint        n_edits)
{
  for (guint edit = 0; edit < n_edits; edit++)
    {
      guint n = moi_workflow_get_n_components (workflow);
      guint n_conn = moi_workflow_get_n_connections (workflow);
      MoiComponent *c = n > 0 ? moi_workflow_get_component (workflow,
                                                            g_rand_int_range (rand, 0, n)) : NULL;
      guint what = g_rand_int_range (rand, 0, 14);

      if (c == NULL)
        what = 8;

      switch (what)
        {
        case 0:
          moi_component_set_position (c, g_rand_int_range (rand, 0, 4000),
                                      g_rand_int_range (rand, 0, 4000));
          break;

        case 1:
          {
            g_autofree char *name = fresh_name (workflow, rand, "Renamed");
            g_autoptr(GError) error = NULL;

            moi_workflow_rename_component (workflow, c, name, &error);
            g_assert_no_error (error);
          }
          break;

        case 2:
          moi_component_set_component_type (c, kinds[g_rand_int_range (rand, 0,
                                                                       G_N_ELEMENTS (kinds))].type);
          break;

        case 3:
          {
            g_autofree char *intro = g_strdup_printf ("说明 %u", g_rand_int (rand) % 100);

            moi_component_set_intro (c, intro);
          }
          break;

        case 4:
          {
            /* A copy: setting the member frees the object's own key string. */
            g_autofree char *key = g_strdup (random_member (moi_component_get_init_parameters (c),
                                                            rand));
            g_autofree char *new_key = g_strdup_printf ("p%u", g_rand_int (rand) % 50);
            g_autoptr(JsonNode) value = random_scalar (rand);

            moi_component_set_parameter (c, key != NULL && g_rand_boolean (rand) ? key : new_key,
                                         value);
          }
          break;

        case 5:
          {
            const char *key = random_member (moi_component_get_init_parameters (c), rand);
            g_autofree char *copy = g_strdup (key);

            if (copy != NULL)
              moi_component_set_parameter (c, copy, NULL);
          }
          break;

        case 6:
          edit_nested_parameter (c, rand);
          break;

        case 7:
          moi_workflow_remove_component (workflow, c);
          break;

        case 8:
          {
            const Kind *kind = &kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
            g_autofree char *name = fresh_name (workflow, rand, short_type (kind->type));
            g_autoptr(JsonObject) object = component_object (kind, name, g_rand_int (rand),
                                                             g_rand_int_range (rand, 0, 4000),
                                                             g_rand_int_range (rand, 0, 4000));
            g_autoptr(GError) error = NULL;
            g_autoptr(MoiComponent) added = moi_component_new_from_json_object (object, &error);

            g_assert_no_error (error);
            moi_workflow_insert_component (workflow, g_rand_int_range (rand, 0, n + 1), added);
            if (c != NULL)
              {
                g_autoptr(MoiConnection) link =
                  moi_connection_new_from_parts (moi_component_get_name (c), "documents",
                                                 name, kind->input);

                moi_workflow_append_connection (workflow, link);
              }
          }
          break;

        case 9:
          {
            MoiComponent *d = moi_workflow_get_component (workflow, g_rand_int_range (rand, 0, n));
            g_autoptr(MoiConnection) link =
              moi_connection_new_from_parts (moi_component_get_name (c), "documents",
                                             moi_component_get_name (d), "documents");

            /* Connections are a set: the diff treats a repeat as nothing new. */
            for (guint i = 0; i < n_conn && link != NULL; i++)
              if (moi_connection_equal (link, moi_workflow_get_connection (workflow, i)))
                g_clear_object (&link);
            if (link != NULL)
              moi_workflow_insert_connection (workflow, g_rand_int_range (rand, 0, n_conn + 1),
                                              link);
          }
          break;

        case 10:
          if (n_conn > 0)
            {
              guint victim = g_rand_int_range (rand, 0, n_conn);

              moi_workflow_remove_connection (workflow,
                                              moi_workflow_get_connection (workflow, victim));
            }
          break;

        case 11:
          {
            g_autofree char *id = g_strdup_printf ("%s_%u", moi_component_get_name (c),
                                                   g_rand_int (rand));

            moi_component_set_component_id (c, id);
          }
          break;

        case 13:
          {
            /* Top-level keys are kept as read too; MOI writes notes here. */
            JsonArray *notes = json_array_new ();
            JsonObject *note = json_object_new ();
            g_autofree char *text = g_strdup_printf ("版本 %u", g_rand_int (rand) % 10);

            json_object_set_string_member (note, "description", text);
            json_array_add_object_element (notes, note);
            json_object_set_array_member (moi_workflow_get_extra (workflow), "moi_workflow", notes);
          }
          break;

        default:
          {
            /* Extra keys have no setter: they are kept as read, edited in place. */
            JsonObject *extra = moi_component_get_extra (c);
            JsonObject *info = json_object_new ();
            g_autofree char *group = g_strdup_printf ("节点 %u", g_rand_int (rand) % 10);

            json_object_set_string_member (info, "name", group);
            json_object_set_object_member (extra, "extra_node_info", info);
          }
          break;
        }
    }
}
