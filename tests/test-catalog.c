/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-catalog.h"
#include "moi-core-error.h"
#include "moi-socket-type.h"

#define RESOURCE "/io/github/moistudio/MoiStudio/core/catalog.json"
#define HS       "haystack.components."
#define BY       "byoa.integrations.components."
#define CLEANER  HS "preprocessors.document_cleaner.DocumentCleaner"

static MoiCatalog *
load_resource_catalog (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MoiCatalog *catalog;

  bytes = g_resources_lookup_data (RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  catalog = moi_catalog_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

/* The source file, to compare against what the resource gives. */
static JsonNode *
load_source_json (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOI_TOP_SRCDIR"), "data", "catalog.json",
                                            NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_loads (void)
{
  g_autoptr(MoiCatalog) catalog = load_resource_catalog ();
  g_autoptr(JsonNode) source = load_source_json ();
  JsonArray *components = json_object_get_array_member (json_node_get_object (source),
                                                         "components");
  GListModel *specs = moi_catalog_get_specs (catalog);

  g_assert_cmpuint (g_list_model_get_n_items (specs), ==, json_array_get_length (components));
  g_assert_cmpuint (g_list_model_get_n_items (specs), >, 30);
  g_assert_true (g_list_model_get_item_type (specs) == MOI_TYPE_COMPONENT_SPEC);

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *entry = json_array_get_object_element (components, i);
      const char *type = json_object_get_string_member (entry, "type");

      g_assert_nonnull (moi_catalog_lookup (catalog, type));
    }
  g_assert_null (moi_catalog_lookup (catalog, "haystack.components.nothing.Nothing"));
  g_assert_null (moi_catalog_lookup (catalog, "DocumentSplitter"));
}

static void
test_default (void)
{
  MoiCatalog *a = moi_catalog_get_default ();
  MoiCatalog *b = moi_catalog_get_default ();

  g_assert_true (MOI_IS_CATALOG (a));
  g_assert_true (a == b);
  g_assert_cmpuint (g_list_model_get_n_items (moi_catalog_get_specs (a)), >, 30);
}

/* Every type the MOI documentation and Haystack facts name. */
static void
test_required_types (void)
{
  static const char * const types[] = {
    "byoa.integrations.components.converters.enhanced_plain_to_document.EnhancedPlainToDocument",
    "byoa.integrations.components.converters.magic_pdf_to_document.MagicPDFToDocument",
    "byoa.integrations.components.converters.enhanced_docx_to_document.EnhancedDOCXToDocument",
    "byoa.integrations.components.converters.enhanced_pptx_to_document.EnhancedPPTXToDocument",
    "byoa.integrations.components.converters.image_to_document.ImageToDocument",
    "byoa.integrations.components.converters.image_ocr_to_document.ImageOCRToDocument",
    "byoa.integrations.components.converters.image_caption_to_document.ImageCaptionToDocument",
    "byoa.integrations.components.converters.audio_to_document.AudioToDocument",
    "byoa.integrations.components.converters.video_to_document.VideoToDocument",
    "byoa.integrations.components.converters.document_content_image_filler."
      "DocumentContentImageFiller",
    "byoa.integrations.components.enhance_document_splitter.EnhancedDocumentSplitter",
    "byoa.integrations.components.cleaner.moi_document_cleaner.MoiDocumentCleaner",
    "byoa.integrations.components.python_executor.PythonExecutor",
    "byoa.integrations.components.data_augmentation.DataAugmentation",
    "byoa.integrations.components.structed_extraction.StructedExtraction",
    "haystack.components.converters.txt.TextFileToDocument",
    "haystack.components.converters.markdown.MarkdownToDocument",
    "haystack.components.converters.pypdf.PyPDFToDocument",
    "haystack.components.converters.docx.DOCXToDocument",
    "haystack.components.converters.pptx.PPTXToDocument",
    "haystack.components.converters.csv.CSVToDocument",
    "haystack.components.converters.html.HTMLToDocument",
    "haystack.components.preprocessors.document_cleaner.DocumentCleaner",
    "haystack.components.preprocessors.document_splitter.DocumentSplitter",
    "haystack.components.preprocessors.recursive_splitter.RecursiveDocumentSplitter",
    "haystack.components.preprocessors.nltk_document_splitter.NLTKDocumentSplitter",
    "haystack.components.routers.file_type_router.FileTypeRouter",
    "haystack.components.routers.metadata_router.MetadataRouter",
    "haystack.components.joiners.document_joiner.DocumentJoiner",
    "haystack.components.embedders.sentence_transformers_document_embedder."
      "SentenceTransformersDocumentEmbedder",
    "haystack.components.embedders.openai_document_embedder.OpenAIDocumentEmbedder",
    "haystack.components.writers.document_writer.DocumentWriter",
  };
  static const char * const short_names[] = {
    "ImageGenerateQA", "GenerateImageContentByLLM", "ImageStructureOutput",
    "CustomLangfuseConnector", "MOCRetriever", "OutputGenerator", "StartComponent",
  };
  MoiCatalog *catalog = moi_catalog_get_default ();
  GListModel *specs = moi_catalog_get_specs (catalog);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      MoiComponentSpec *spec = moi_catalog_lookup (catalog, types[i]);

      if (spec == NULL)
        g_error ("missing from the catalog: %s", types[i]);
      g_assert_true (g_str_has_suffix (types[i], moi_component_spec_get_short_name (spec)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (specs) && !found; j++)
        {
          g_autoptr(MoiComponentSpec) spec = g_list_model_get_item (specs, j);

          found = g_strcmp0 (moi_component_spec_get_short_name (spec), short_names[i]) == 0;
        }
      if (!found)
        g_error ("missing from the catalog: %s", short_names[i]);
    }
}

static void
assert_socket_well_formed (MoiComponentSpec   *spec,
                           MoiSocketSpec      *socket,
                           MoiSocketDirection  direction)
{
  const char *what = moi_component_spec_get_short_name (spec);

  g_assert_cmpstr (moi_socket_spec_get_name (socket), !=, "");
  g_assert_nonnull (moi_socket_spec_get_socket_type (socket));
  if (g_strcmp0 (moi_socket_spec_get_label (socket), "") == 0 ||
      moi_socket_spec_get_label (socket) == moi_socket_spec_get_name (socket))
    g_error ("%s: socket %s has no label", what, moi_socket_spec_get_name (socket));
  g_assert_cmpint (moi_socket_spec_get_direction (socket), ==, direction);
  if (direction == MOI_SOCKET_DIRECTION_OUTPUT)
    g_assert_false (moi_socket_spec_is_optional (socket));
}

static void
assert_parameter_well_formed (MoiComponentSpec *spec,
                              MoiParameterSpec *parameter)
{
  const char *what = moi_component_spec_get_short_name (spec);
  const char *name = moi_parameter_spec_get_name (parameter);
  JsonNode *value = moi_parameter_spec_get_default (parameter);
  const char *less_than = moi_parameter_spec_get_less_than (parameter);
  double minimum, maximum;

  if (moi_parameter_spec_get_label (parameter) == NULL ||
      *moi_parameter_spec_get_label (parameter) == '\0' ||
      moi_parameter_spec_get_description (parameter) == NULL ||
      *moi_parameter_spec_get_description (parameter) == '\0')
    g_error ("%s.%s: label or description missing", what, name);

  if (moi_parameter_spec_get_kind (parameter) == MOI_PARAMETER_KIND_ENUM)
    g_assert_nonnull (moi_parameter_spec_get_values (parameter));

  if (moi_parameter_spec_get_minimum (parameter, &minimum) &&
      moi_parameter_spec_get_maximum (parameter, &maximum))
    g_assert_cmpfloat (minimum, <=, maximum);

  /* A default must pass the same check that validation applies. */
  if (value != NULL)
    {
      g_autofree char *message = NULL;

      if (moi_parameter_spec_check_value (parameter, value, &message) != MOI_PARAMETER_CHECK_OK)
        g_error ("%s.%s: default does not match its kind: %s", what, name, message);
      if (JSON_NODE_HOLDS_NULL (value))
        g_assert_true (moi_parameter_spec_is_nullable (parameter));
    }

  if (less_than != NULL)
    {
      JsonNode *bound = moi_component_spec_get_parameter_default (spec, less_than);

      g_assert_nonnull (moi_component_spec_lookup_parameter (spec, less_than));
      if (value != NULL && bound != NULL && !JSON_NODE_HOLDS_NULL (value) &&
          !JSON_NODE_HOLDS_NULL (bound))
        g_assert_cmpfloat (json_node_get_double (value), <, json_node_get_double (bound));
    }
}

static void
test_well_formed (void)
{
  MoiCatalog *catalog = moi_catalog_get_default ();
  GListModel *specs = moi_catalog_get_specs (catalog);
  int last_category = -1;

  for (guint i = 0; i < g_list_model_get_n_items (specs); i++)
    {
      g_autoptr(MoiComponentSpec) spec = g_list_model_get_item (specs, i);
      const char *type = moi_component_spec_get_component_type (spec);
      const char *category = moi_component_spec_get_category (spec);
      GPtrArray *parameters = moi_component_spec_get_parameters (spec);
      g_autoptr(JsonObject) init = moi_component_spec_new_init_parameters (spec);
      g_autofree char *label = NULL;
      int position = -1;
      guint n_defaults = 0;

      g_assert_nonnull (strchr (type, '.'));
      g_assert_cmpstr (strrchr (type, '.') + 1, ==, moi_component_spec_get_short_name (spec));
      g_assert_true (g_str_has_suffix (moi_component_spec_get_icon_name (spec), "-symbolic"));
      g_assert_cmpstr (moi_component_spec_get_label (spec), !=, "");
      g_assert_cmpstr (moi_component_spec_get_description (spec), !=, "");
      g_object_get (spec, "label", &label, NULL);
      g_assert_cmpstr (label, ==, moi_component_spec_get_label (spec));

      /* Palette order: categories never go back. */
      for (guint c = 0; c < moi_catalog_get_n_categories (catalog); c++)
        if (g_strcmp0 (moi_catalog_get_category_id (catalog, c), category) == 0)
          position = (int) c;
      g_assert_cmpint (position, >=, 0);
      g_assert_cmpint (position, >=, last_category);
      last_category = position;
      g_assert_nonnull (moi_catalog_get_category_label (catalog, category));

      g_assert_true (moi_component_spec_get_outputs (spec)->len > 0 ||
                     moi_component_spec_get_outputs_parameter (spec) != NULL);
      for (guint j = 0; j < moi_component_spec_get_inputs (spec)->len; j++)
        assert_socket_well_formed (spec,
                                   g_ptr_array_index (moi_component_spec_get_inputs (spec), j),
                                   MOI_SOCKET_DIRECTION_INPUT);
      for (guint j = 0; j < moi_component_spec_get_outputs (spec)->len; j++)
        assert_socket_well_formed (spec,
                                   g_ptr_array_index (moi_component_spec_get_outputs (spec), j),
                                   MOI_SOCKET_DIRECTION_OUTPUT);

      for (guint j = 0; j < parameters->len; j++)
        {
          MoiParameterSpec *parameter = g_ptr_array_index (parameters, j);

          assert_parameter_well_formed (spec, parameter);
          g_assert_true (moi_component_spec_lookup_parameter (spec,
                           moi_parameter_spec_get_name (parameter)) == parameter);
          if (moi_parameter_spec_get_default (parameter) != NULL)
            {
              n_defaults++;
              g_assert_true (json_node_equal (
                json_object_get_member (init, moi_parameter_spec_get_name (parameter)),
                moi_parameter_spec_get_default (parameter)));
            }
        }
      g_assert_cmpuint (json_object_get_size (init), ==, n_defaults);
    }
  g_assert_cmpint (last_category, >, 0);
}

static JsonNode *
default_of (MoiComponentSpec *spec,
            const char       *name)
{
  JsonNode *node = moi_component_spec_get_parameter_default (spec, name);

  g_assert_nonnull (node);
  return node;
}

static void
test_defaults (void)
{
  MoiCatalog *catalog = moi_catalog_get_default ();
  MoiComponentSpec *splitter =
    moi_catalog_lookup (catalog, HS "preprocessors.document_splitter.DocumentSplitter");
  MoiComponentSpec *txt = moi_catalog_lookup (catalog, HS "converters.txt.TextFileToDocument");
  MoiComponentSpec *embedder =
    moi_catalog_lookup (catalog, HS "embedders.openai_document_embedder.OpenAIDocumentEmbedder");
  MoiComponentSpec *writer =
    moi_catalog_lookup (catalog, HS "writers.document_writer.DocumentWriter");
  MoiComponentSpec *joiner =
    moi_catalog_lookup (catalog, HS "joiners.document_joiner.DocumentJoiner");
  MoiComponentSpec *moi_splitter =
    moi_catalog_lookup (catalog, BY "enhance_document_splitter.EnhancedDocumentSplitter");
  MoiParameterSpec *overlap = moi_component_spec_lookup_parameter (splitter, "split_overlap");
  JsonNode *store;
  MoiSocketSpec *input;

  g_assert_cmpint (json_node_get_int (default_of (splitter, "split_length")), ==, 200);
  g_assert_cmpint (json_node_get_int (default_of (splitter, "split_overlap")), ==, 0);
  g_assert_cmpstr (json_node_get_string (default_of (splitter, "split_by")), ==, "word");
  g_assert_null (moi_component_spec_get_parameter_default (splitter, "no_such_parameter"));
  g_assert_cmpstr (moi_parameter_spec_get_less_than (overlap), ==, "split_length");
  /* No default: the parameter is left out when placing. */
  g_assert_nonnull (moi_component_spec_lookup_parameter (splitter, "splitting_function"));
  g_assert_null (moi_component_spec_get_parameter_default (splitter, "splitting_function"));

  /* MOI's documented values win over Haystack's. */
  g_assert_cmpstr (json_node_get_string (default_of (txt, "encoding")), ==, "utf8");
  g_assert_cmpstr (json_node_get_string (default_of (embedder, "model")), ==, "BAAI/bge-m3");
  g_assert_cmpint (json_node_get_int (default_of (moi_splitter, "split_length")), ==, 800);
  g_assert_cmpstr (json_node_get_string (default_of (writer, "policy")), ==, "NONE");
  store = default_of (writer, "document_store");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (store), "type"), ==,
                   "byoa.integrations.document_stores.mo_document_store.MOIDocumentStore");
  g_assert_true (moi_parameter_spec_is_required (
                   moi_component_spec_lookup_parameter (writer, "document_store")));

  g_assert_nonnull (moi_component_spec_lookup_output (writer, "documents_written"));
  g_assert_null (moi_component_spec_lookup_output (writer, "documents"));
  g_assert_null (moi_component_spec_lookup_input (writer, "documents_written"));

  input = moi_component_spec_lookup_input (joiner, "documents");
  g_assert_true (moi_socket_spec_is_variadic (input));
  input = moi_component_spec_lookup_input (txt, "meta");
  g_assert_true (moi_socket_spec_is_optional (input));
  input = moi_component_spec_lookup_input (txt, "sources");
  g_assert_false (moi_socket_spec_is_optional (input));
  g_assert_false (moi_socket_spec_is_variadic (input));
}

/* ---------------------------------------------------------- parameter checks */

static MoiParameterSpec *
find_parameter (const char *type,
                const char *name)
{
  MoiComponentSpec *spec = moi_catalog_lookup (moi_catalog_get_default (), type);

  g_assert_nonnull (spec);
  return moi_component_spec_lookup_parameter (spec, name);
}

static MoiParameterCheck
check_json (MoiParameterSpec *parameter,
            const char       *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autofree char *message = NULL;
  MoiParameterCheck result;

  g_assert_nonnull (node);
  result = moi_parameter_spec_check_value (parameter, node, &message);
  if (result == MOI_PARAMETER_CHECK_OK)
    g_assert_null (message);
  else
    g_assert_true (message != NULL && *message != '\0');
  return result;
}

static void
test_parameter_kinds (void)
{
  GEnumClass *klass = g_type_class_ref (MOI_TYPE_PARAMETER_KIND);

  /* Every kind round-trips through the spelling catalog.json uses. */
  for (guint i = 0; i < klass->n_values; i++)
    {
      MoiParameterKind kind = klass->values[i].value;
      MoiParameterKind back = MOI_PARAMETER_KIND_JSON;

      g_assert_true (moi_parameter_kind_from_string (moi_parameter_kind_to_string (kind), &back));
      g_assert_cmpint (back, ==, kind);
    }
  g_assert_cmpuint (klass->n_values, ==, 12);
  g_assert_cmpstr (moi_parameter_kind_to_string (MOI_PARAMETER_KIND_DOCUMENT_STORE), ==,
                   "document-store");
  g_assert_false (moi_parameter_kind_from_string ("colour", NULL));
  g_type_class_unref (klass);
}

static void
test_parameter_checks (void)
{
  const char *splitter = "haystack.components.preprocessors.document_splitter.DocumentSplitter";
  const char *cleaner = "haystack.components.preprocessors.document_cleaner.DocumentCleaner";
  const char *moi_cleaner = BY "cleaner.moi_document_cleaner.MoiDocumentCleaner";
  const char *embedder = HS "embedders.openai_document_embedder.OpenAIDocumentEmbedder";
  const char *writer = "haystack.components.writers.document_writer.DocumentWriter";
  const char *image = "byoa.integrations.components.converters.image_to_document.ImageToDocument";
  MoiParameterSpec *length = find_parameter (splitter, "split_length");
  MoiParameterSpec *split_by = find_parameter (splitter, "split_by");
  MoiParameterSpec *regex = find_parameter (cleaner, "remove_regex");
  MoiParameterSpec *flag = find_parameter (cleaner, "remove_empty_lines");
  MoiParameterSpec *ratio = find_parameter (moi_cleaner, "deduplication_ngram_ratio");
  MoiParameterSpec *secret = find_parameter (embedder, "api_key");
  MoiParameterSpec *store = find_parameter (writer, "document_store");
  MoiParameterSpec *types = find_parameter (image, "image_process_types");

  g_assert_cmpint (check_json (length, "300"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (length, "300.0"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (length, "2.5"), ==, MOI_PARAMETER_CHECK_WRONG_KIND);
  g_assert_cmpint (check_json (length, "\"300\""), ==, MOI_PARAMETER_CHECK_WRONG_KIND);
  g_assert_cmpint (check_json (length, "0"), ==, MOI_PARAMETER_CHECK_OUT_OF_RANGE);
  g_assert_cmpint (check_json (length, "null"), ==, MOI_PARAMETER_CHECK_WRONG_KIND);

  g_assert_cmpint (check_json (split_by, "\"sentence\""), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (split_by, "\"paragraph\""), ==, MOI_PARAMETER_CHECK_NOT_ALLOWED);
  g_assert_cmpint (check_json (split_by, "3"), ==, MOI_PARAMETER_CHECK_WRONG_KIND);

  g_assert_cmpint (check_json (regex, "\"https?://[^\\\\s]+\""), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (regex, "null"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (regex, "\"([a-z\""), ==, MOI_PARAMETER_CHECK_INVALID);

  g_assert_cmpint (check_json (flag, "false"), ==, MOI_PARAMETER_CHECK_OK);
  /* The oldest MOI docs sent booleans as strings; Haystack would misread them. */
  g_assert_cmpint (check_json (flag, "\"false\""), ==, MOI_PARAMETER_CHECK_WRONG_KIND);

  g_assert_cmpint (check_json (ratio, "1"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (ratio, "0.75"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (ratio, "1.5"), ==, MOI_PARAMETER_CHECK_OUT_OF_RANGE);
  g_assert_cmpint (check_json (ratio, "-0.1"), ==, MOI_PARAMETER_CHECK_OUT_OF_RANGE);

  g_assert_cmpint (check_json (secret,
                               "{\"type\":\"env_var\",\"env_vars\":[\"KEY\"],\"strict\":true}"),
                   ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (secret, "{\"type\":\"env_var\",\"env_vars\":[]}"), ==,
                   MOI_PARAMETER_CHECK_INVALID);
  g_assert_cmpint (check_json (secret, "{\"type\":\"vault\"}"), ==, MOI_PARAMETER_CHECK_INVALID);
  g_assert_cmpint (check_json (secret, "\"sk-123\""), ==, MOI_PARAMETER_CHECK_WRONG_KIND);

  g_assert_cmpint (check_json (store, "{\"type\":\"x.Store\",\"init_parameters\":{}}"), ==,
                   MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (store, "{\"init_parameters\":{}}"), ==, MOI_PARAMETER_CHECK_INVALID);
  g_assert_cmpint (check_json (store, "{\"type\":\"x.Store\",\"init_parameters\":3}"), ==,
                   MOI_PARAMETER_CHECK_INVALID);

  g_assert_cmpint (check_json (types, "[\"ocr\"]"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (types, "[]"), ==, MOI_PARAMETER_CHECK_OK);
  g_assert_cmpint (check_json (types, "[\"ocr\", \"translate\"]"), ==,
                   MOI_PARAMETER_CHECK_NOT_ALLOWED);
  g_assert_cmpint (check_json (types, "[\"ocr\", 1]"), ==, MOI_PARAMETER_CHECK_WRONG_KIND);
  g_assert_cmpint (check_json (types, "\"ocr\""), ==, MOI_PARAMETER_CHECK_WRONG_KIND);
}

/* ------------------------------------------------------------ load errors */

static void
assert_load_error (const char *json,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiCatalog) catalog = moi_catalog_new_from_data (json, -1, &error);

  g_assert_null (catalog);
  g_assert_error (error, MOI_CORE_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

#define PARAM(kind) ", \"parameters\": [{\"name\": \"p\", \"kind\": \"" kind "\", " \
                    "\"label\": \"P\", \"description\": \"P\""
#define CATS "\"categories\": [{\"id\": \"c\", \"label\": \"C\"}]"
#define COMP(body) "{\"version\": 1, " CATS ", \"components\": [{\"type\": \"x.y.Thing\", " \
                   "\"category\": \"c\", \"icon\": \"a-symbolic\", \"label\": \"T\", " \
                   "\"description\": \"D\"" body "}]}"

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiCatalog) minimal = NULL;

  minimal = moi_catalog_new_from_data (COMP (""), -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moi_catalog_lookup (minimal, "x.y.Thing"));

  assert_load_error ("{\"version\": 1,\n \"categories\": [}", MOI_CORE_ERROR_PARSE, "2:");
  assert_load_error ("{\"version\": 2, " CATS ", \"components\": []}", MOI_CORE_ERROR_INVALID,
                     "version");
  assert_load_error ("{\"version\": 1, \"components\": []}", MOI_CORE_ERROR_MISSING, "categories");
  assert_load_error ("{\"version\": 1, " CATS ", \"components\": [{\"type\": \"x.y.Thing\"}]}",
                     MOI_CORE_ERROR_MISSING, "components[0] (Thing): missing “category”");
  assert_load_error ("{\"version\": 1, " CATS ", \"components\": [{\"type\": \"x.y.Thing\", "
                     "\"category\": \"nope\", \"icon\": \"i\", \"label\": \"T\", "
                     "\"description\": \"D\"}]}", MOI_CORE_ERROR_INVALID, "nope");
  assert_load_error (COMP (", \"inputs\": [{\"name\": \"a\", \"type\": \"list[\", "
                           "\"label\": \"A\"}]"),
                     MOI_CORE_ERROR_INVALID, "inputs[0] (a)");
  assert_load_error (COMP (", \"inputs\": [{\"name\": \"a\", \"type\": \"int\"}]"),
                     MOI_CORE_ERROR_MISSING, "label");
  assert_load_error (COMP (", \"outputs\": [{\"name\": \"a\", \"type\": \"Variadic[list[int]]\", "
                           "\"label\": \"A\"}]"), MOI_CORE_ERROR_INVALID, "outputs[0] (a)");
  assert_load_error (COMP (", \"inputs\": [{\"name\": \"a\", \"type\": \"int\", \"label\": \"A\"}, "
                           "{\"name\": \"a\", \"type\": \"int\", \"label\": \"A\"}]"),
                     MOI_CORE_ERROR_INVALID, "twice");
  assert_load_error (COMP (PARAM ("int") ", \"default\": \"ten\"}]"),
                     MOI_CORE_ERROR_INVALID, "parameters[0] (p)");
  assert_load_error (COMP (PARAM ("int") ", \"default\": 5, \"min\": 10}]"),
                     MOI_CORE_ERROR_INVALID, "minimum");
  assert_load_error (COMP (PARAM ("enum") "}]"), MOI_CORE_ERROR_MISSING, "values");
  assert_load_error (COMP (", \"parameters\": [{\"name\": \"p\", \"kind\": \"colour\", "
                           "\"label\": \"P\", \"description\": \"P\"}]"),
                     MOI_CORE_ERROR_INVALID, "colour");
  assert_load_error (COMP (PARAM ("int") ", \"less_than\": \"q\"}]"),
                     MOI_CORE_ERROR_INVALID, "“q”");
  assert_load_error (COMP (", \"dynamic_outputs\": {\"parameter\": \"p\", \"source\": \"items\", "
                           "\"type\": \"int\"}"), MOI_CORE_ERROR_INVALID, "no parameter “p”");
  assert_load_error ("{\"version\": 1, " CATS ", \"components\": [{\"type\": \"x.y.Thing\", "
                     "\"category\": \"c\", \"icon\": \"i\", \"label\": \"T\", "
                     "\"description\": \"D\"}, {\"type\": \"x.y.Thing\", \"category\": \"c\", "
                     "\"icon\": \"i\", \"label\": \"T\", \"description\": \"D\"}]}",
                     MOI_CORE_ERROR_INVALID, "components[1]");
}

/* --------------------------------------------------------- placed sockets */

static char **
socket_names (GPtrArray *sockets)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; i < sockets->len; i++)
    g_strv_builder_add (builder, moi_socket_spec_get_name (g_ptr_array_index (sockets, i)));
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static void
assert_names (GPtrArray  *sockets,
              const char *expected)
{
  g_auto(GStrv) names = socket_names (sockets);
  g_autofree char *joined = g_strjoinv (" ", names);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_router_sockets (void)
{
  MoiCatalog *catalog = moi_catalog_get_default ();
  g_autoptr(MoiComponent) router =
    moi_component_new ("FileTypeRouter", HS "routers.file_type_router.FileTypeRouter");
  g_autoptr(MoiComponent) metadata =
    moi_component_new ("MetadataRouter", HS "routers.metadata_router.MetadataRouter");
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  g_autoptr(JsonNode) patterns =
    json_from_string ("[\"text/plain\", \"image/.*\", \"text/plain\", 7]", NULL);
  g_autoptr(JsonNode) rules =
    json_from_string ("{\"text\": {}, \"image_ocr\": {}, \"image_caption\": {}}", NULL);
  g_autoptr(JsonNode) other = json_from_string ("[\"application/pdf\"]", NULL);
  MoiSocketSpec *first;

  /* Without the parameter there are only the fixed outputs. */
  moi_catalog_get_component_sockets (catalog, NULL, router, &inputs, &outputs);
  assert_names (inputs, "sources meta");
  assert_names (outputs, "unclassified failed");
  g_clear_pointer (&inputs, g_ptr_array_unref);
  g_clear_pointer (&outputs, g_ptr_array_unref);

  moi_component_set_parameter (router, "mime_types", patterns);
  moi_catalog_get_component_sockets (catalog, NULL, router, &inputs, &outputs);
  assert_names (outputs, "text/plain image/.* unclassified failed");
  first = g_ptr_array_index (outputs, 0);
  g_assert_cmpint (moi_socket_spec_get_direction (first), ==, MOI_SOCKET_DIRECTION_OUTPUT);
  g_assert_true (moi_socket_types_compatible (moi_socket_spec_get_type_string (first), "Sources"));
  g_assert_cmpstr (moi_socket_spec_get_label (first), ==, "text/plain");
  g_clear_pointer (&inputs, g_ptr_array_unref);
  g_clear_pointer (&outputs, g_ptr_array_unref);

  /* The outputs follow the parameter. */
  moi_component_set_parameter (router, "mime_types", other);
  moi_catalog_get_component_sockets (catalog, NULL, router, NULL, &outputs);
  assert_names (outputs, "application/pdf unclassified failed");
  g_clear_pointer (&outputs, g_ptr_array_unref);

  moi_component_set_parameter (metadata, "rules", rules);
  moi_catalog_get_component_sockets (catalog, NULL, metadata, &inputs, &outputs);
  assert_names (inputs, "documents");
  assert_names (outputs, "text image_ocr image_caption unmatched");
  g_assert_cmpstr (moi_socket_spec_get_type_string (g_ptr_array_index (outputs, 1)), ==,
                   "list[Document]");
}

static void
test_unknown_sockets (void)
{
  const char *json =
    "{\"components\": ["
    " {\"name\": \"A\", \"type\": \"" CLEANER "\"},"
    " {\"name\": \"X\", \"type\": \"acme.components.Mystery\"},"
    " {\"name\": \"B\", \"type\": \"" CLEANER "\"}],"
    " \"connections\": ["
    "  {\"sender\": \"A.documents\", \"receiver\": \"X.docs\"},"
    "  {\"sender\": \"A.documents\", \"receiver\": \"X.more\"},"
    "  {\"sender\": \"X.out\", \"receiver\": \"B.documents\"},"
    "  {\"sender\": \"X.out\", \"receiver\": \"A.documents\"},"
    "  {\"sender\": \"X\", \"receiver\": \"B\"}],"
    " \"edges\": [], \"extra_components\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (json, -1, &error);
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  MoiCatalog *catalog = moi_catalog_get_default ();
  MoiComponent *mystery;

  g_assert_no_error (error);
  mystery = moi_workflow_find_component (workflow, "X");
  g_assert_null (moi_catalog_lookup (catalog, moi_component_get_component_type (mystery)));

  moi_catalog_get_component_sockets (catalog, workflow, mystery, &inputs, &outputs);
  assert_names (inputs, "docs more");
  assert_names (outputs, "out");
  g_assert_true (moi_socket_type_is_any (
                   moi_socket_spec_get_socket_type (g_ptr_array_index (inputs, 0))));
  g_clear_pointer (&inputs, g_ptr_array_unref);
  g_clear_pointer (&outputs, g_ptr_array_unref);

  /* Without a workflow a generic node has no sockets. */
  moi_catalog_get_component_sockets (catalog, NULL, mystery, &inputs, &outputs);
  g_assert_cmpuint (inputs->len, ==, 0);
  g_assert_cmpuint (outputs->len, ==, 0);
}

/* ------------------------------------------------------------ socket types */

static void
test_socket_type_parse (void)
{
  static const struct { const char *in, *out; gboolean variadic; } cases[] = {
    { "list[Document]", "list[Document]", FALSE },
    { "List[haystack.dataclasses.Document]", "list[Document]", FALSE },
    { "typing.Dict[str, typing.Any]", "dict[str, Any]", FALSE },
    { "Optional[List[str]]", "list[str] | None", FALSE },
    { "Union[str, Union[int, str], None]", "str | int | None", FALSE },
    { "Union[int]", "int", FALSE },
    { "Sources", "list[str | Path | ByteStream]", FALSE },
    { "Meta", "dict[str, Any] | list[dict[str, Any]] | None", FALSE },
    { "Variadic[list[Document]]", "list[Document]", TRUE },
    { "GreedyVariadic[list[int]]", "list[int]", TRUE },
    { "Callable[[str], list[str]]", "Callable[[str], list[str]]", FALSE },
    { "Literal['word', \"char\"]", "Literal['word', \"char\"]", FALSE },
    { " list [ int ] ", "list[int]", FALSE },
    { "Generator[str, None, None]", "Generator[str, None, None]", FALSE },
  };
  static const char * const bad[] = {
    "", "list[", "list[int", "list[int]]", "Union[]", "Optional[int, str]", "int |", "a b", "[",
    "'open", "list[,]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiSocketType) type = moi_socket_type_parse (cases[i].in, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = moi_socket_type_to_string (type);
      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_cmpint (moi_socket_type_is_variadic (type), ==, cases[i].variadic);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiSocketType) type = moi_socket_type_parse (bad[i], &error);

      if (type != NULL)
        g_error ("“%s” should not parse", bad[i]);
      g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE);
    }

  {
    g_autofree char *deep = g_strnfill (200, '[');
    g_autoptr(GError) error = NULL;

    g_assert_null (moi_socket_type_parse (deep, &error));
    g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE);
  }
}

static void
test_socket_type_equal (void)
{
  g_autoptr(MoiSocketType) a = moi_socket_type_parse ("Union[int, str]", NULL);
  g_autoptr(MoiSocketType) b = moi_socket_type_parse ("str | int", NULL);
  g_autoptr(MoiSocketType) c = moi_socket_type_parse ("str | int | None", NULL);
  g_autoptr(MoiSocketType) d = moi_socket_type_parse ("dict[str, int]", NULL);
  g_autoptr(MoiSocketType) e = moi_socket_type_parse ("dict[int, str]", NULL);

  g_assert_true (moi_socket_type_equal (a, b));
  g_assert_false (moi_socket_type_equal (a, c));
  g_assert_false (moi_socket_type_equal (d, e));
}

static void
test_socket_type_compatible (void)
{
  static const struct { const char *sender, *receiver; gboolean ok; } cases[] = {
    /* equal */
    { "list[Document]", "list[Document]", TRUE },
    { "List[Document]", "list[Document]", TRUE },
    { "str", "int", FALSE },
    /* Any */
    { "int", "Any", TRUE },
    { "list[Document]", "Any", TRUE },
    { "Any", "int", FALSE },
    { "Any", "Any", TRUE },
    /* subclass */
    { "bool", "int", TRUE },
    { "int", "bool", FALSE },
    { "int", "float", FALSE },
    /* sender member of receiver union */
    { "str", "str | None", TRUE },
    { "str", "Optional[str]", TRUE },
    { "int", "str | None", FALSE },
    { "bool", "int | None", TRUE },
    { "list[Document]", "list[Document] | list[ByteStream]", TRUE },
    /* union into union: subset */
    { "str | int", "int | str | None", TRUE },
    { "str | bytes", "str | None", FALSE },
    { "str | None", "str", FALSE },
    /* same origin, compatible arguments */
    { "list[Document]", "list[Any]", TRUE },
    { "list[Any]", "list[Document]", FALSE },
    { "list[Document]", "list[ByteStream]", FALSE },
    { "list[Document]", "set[Document]", FALSE },
    { "list", "list[Document]", FALSE },
    { "list[Document]", "list", TRUE },
    { "dict[str, int]", "dict[str, Any]", TRUE },
    { "dict[str, Any]", "dict[str, int]", FALSE },
    { "dict[str, int]", "dict[str]", FALSE },
    { "list[bool]", "list[int]", TRUE },
    { "list[list[Document]]", "list[list[Any]]", TRUE },
    { "list[str]", "list[str | Path | ByteStream]", TRUE },
    /* aliases, variadic */
    { "Sources", "Sources", TRUE },
    { "Sources", "list[Union[str, Path, ByteStream]]", TRUE },
    { "Sources", "Variadic[list[str | Path | ByteStream]]", TRUE },
    { "list[Document]", "Variadic[list[Document]]", TRUE },
    { "list[ByteStream]", "Variadic[list[Document]]", FALSE },
    { "Sources", "list[Document]", FALSE },
    { "list[Document]", "Sources", FALSE },
    { "dict[str, Any]", "Meta", TRUE },
    { "list[dict[str, Any]]", "Meta", TRUE },
    { "int", "DuplicatePolicy | None", FALSE },
    { "int", "int | None", TRUE },
    /* unparsable types never match */
    { "list[", "Any", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (moi_socket_types_compatible (cases[i].sender, cases[i].receiver) != cases[i].ok)
      g_error ("%s → %s should be %s", cases[i].sender, cases[i].receiver,
               cases[i].ok ? "compatible" : "incompatible");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/catalog/loads", test_loads);
  g_test_add_func ("/moi/catalog/default", test_default);
  g_test_add_func ("/moi/catalog/required-types", test_required_types);
  g_test_add_func ("/moi/catalog/well-formed", test_well_formed);
  g_test_add_func ("/moi/catalog/defaults", test_defaults);
  g_test_add_func ("/moi/catalog/parameter-kinds", test_parameter_kinds);
  g_test_add_func ("/moi/catalog/parameter-checks", test_parameter_checks);
  g_test_add_func ("/moi/catalog/load-errors", test_load_errors);
  g_test_add_func ("/moi/catalog/router-sockets", test_router_sockets);
  g_test_add_func ("/moi/catalog/unknown-sockets", test_unknown_sockets);
  g_test_add_func ("/moi/catalog/socket-type-parse", test_socket_type_parse);
  g_test_add_func ("/moi/catalog/socket-type-equal", test_socket_type_equal);
  g_test_add_func ("/moi/catalog/socket-type-compatible", test_socket_type_compatible);

  return g_test_run ();
}
