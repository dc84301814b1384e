/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-validate.h"

#define HS          "haystack.components."
#define BY          "byoa.integrations.components."
#define CLEANER     HS "preprocessors.document_cleaner.DocumentCleaner"
#define SPLITTER    HS "preprocessors.document_splitter.DocumentSplitter"
#define JOINER      HS "joiners.document_joiner.DocumentJoiner"
#define WRITER      HS "writers.document_writer.DocumentWriter"
#define FILE_ROUTER HS "routers.file_type_router.FileTypeRouter"
#define META_ROUTER HS "routers.metadata_router.MetadataRouter"
#define TXT         HS "converters.txt.TextFileToDocument"
#define HTML        HS "converters.html.HTMLToDocument"
#define EMBEDDER    HS "embedders.openai_document_embedder.OpenAIDocumentEmbedder"
#define EXECUTOR    BY "python_executor.PythonExecutor"
#define AUGMENT     BY "data_augmentation.DataAugmentation"
#define START       BY "start_component.StartComponent"
#define RETRIEVER   BY "retrievers.moc_retriever.MOCRetriever"
#define PLAIN       BY "converters.enhanced_plain_to_document.EnhancedPlainToDocument"
#define KB          "{\"mo_knowledge_url\": \"http://kb\"}"

#define STORE "{\"type\": \"x.Store\", \"init_parameters\": {}}"

/* "{name, type, init_parameters}" */
#define C(name, type)         "{\"name\": \"" name "\", \"type\": \"" type "\"}"
#define CP(name, type, init)  "{\"name\": \"" name "\", \"type\": \"" type "\", " \
                              "\"init_parameters\": " init "}"
#define L(sender, receiver)   "{\"sender\": \"" sender "\", \"receiver\": \"" receiver "\"}"
#define WF(components, connections) \
  "{\"components\": [" components "], \"connections\": [" connections "], " \
  "\"edges\": [], \"extra_components\": []}"

static GPtrArray *
validate_workflow (MoiWorkflow *workflow)
{
  GPtrArray *problems = moi_workflow_validate (workflow, NULL);

  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      MoiProblem *problem = g_ptr_array_index (problems, i);

      /* Every problem says something a person can act on, and says where. */
      g_assert_cmpstr (moi_problem_get_message (problem), !=, "");
      g_assert_true (moi_problem_get_component_name (problem) != NULL ||
                     moi_problem_get_connection (problem) != NULL ||
                     moi_problem_get_kind (problem) == MOI_PROBLEM_EMPTY_NAME);
      if (g_test_verbose ())
        g_printerr ("  %s\n", moi_problem_get_message (problem));
    }
  return problems;
}

static GPtrArray *
validate_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return validate_workflow (workflow);
}

static guint
count_kind (GPtrArray      *problems,
            MoiProblemKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (moi_problem_get_kind (g_ptr_array_index (problems, i)) == kind)
      n++;
  return n;
}

static MoiProblem *
find_kind (GPtrArray      *problems,
           MoiProblemKind  kind)
{
  for (guint i = 0; i < problems->len; i++)
    if (moi_problem_get_kind (g_ptr_array_index (problems, i)) == kind)
      return g_ptr_array_index (problems, i);
  g_error ("no problem of kind %d among %u", kind, problems->len);
  return NULL;
}

static void
assert_message_mentions (MoiProblem *problem,
                         const char *text)
{
  if (strstr (moi_problem_get_message (problem), text) == NULL)
    g_error ("“%s” does not mention “%s”", moi_problem_get_message (problem), text);
}

static void
assert_no_problems (const char *json)
{
  g_autoptr(GPtrArray) problems = validate_json (json);

  if (problems->len > 0)
    g_error ("unexpected problem: %s",
             moi_problem_get_message (g_ptr_array_index (problems, 0)));
}

/* --------------------------------------------------------------- sound */

static void
test_sound_pipeline (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "catalog",
                                            "moi-pipeline.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, 18);
  problems = validate_workflow (workflow);
  if (problems->len > 0)
    g_error ("the MOI pipeline should be sound: %s",
             moi_problem_get_message (g_ptr_array_index (problems, 0)));
  g_assert_cmpuint (moi_problems_count_errors (problems), ==, 0);

  assert_no_problems (WF ("", ""));
}

/* --------------------------------------------------------------- names */

static void
test_empty_name (void)
{
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new ();
  g_autoptr(MoiComponent) unnamed = moi_component_new ("", CLEANER);
  g_autoptr(MoiComponent) named = moi_component_new ("Cleaner", CLEANER);
  g_autoptr(GPtrArray) problems = NULL;
  MoiProblem *problem;

  moi_workflow_append_component (workflow, named);
  moi_workflow_append_component (workflow, unnamed);
  problems = validate_workflow (workflow);
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_EMPTY_NAME), ==, 1);
  problem = find_kind (problems, MOI_PROBLEM_EMPTY_NAME);
  g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_ERROR);
  /* Names the place: the second component, a DocumentCleaner. */
  assert_message_mentions (problem, "2");
  assert_message_mentions (problem, "DocumentCleaner");
  g_clear_pointer (&problems, g_ptr_array_unref);

  moi_component_set_name (unnamed, "Other");
  problems = validate_workflow (workflow);
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_EMPTY_NAME), ==, 0);
}

static void
test_name_has_dot (void)
{
  g_autoptr(GPtrArray) problems = validate_json (WF (C ("Doc.Cleaner", CLEANER) ","
                                                     C ("Doc-Cleaner", CLEANER), ""));
  MoiProblem *problem;

  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_NAME_HAS_DOT), ==, 1);
  problem = find_kind (problems, MOI_PROBLEM_NAME_HAS_DOT);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "Doc.Cleaner");
  assert_message_mentions (problem, "Doc.Cleaner");
}

static void
test_duplicate_name (void)
{
  g_autoptr(GPtrArray) two = validate_json (WF (C ("A", CLEANER) "," C ("B", CLEANER) ","
                                                C ("A", SPLITTER), ""));
  g_autoptr(GPtrArray) three = validate_json (WF (C ("A", CLEANER) "," C ("A", CLEANER) ","
                                                  C ("A", CLEANER), ""));
  MoiProblem *problem = find_kind (two, MOI_PROBLEM_DUPLICATE_NAME);

  g_assert_cmpuint (count_kind (two, MOI_PROBLEM_DUPLICATE_NAME), ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  assert_message_mentions (problem, "“A”");
  assert_message_mentions (problem, "1");
  assert_message_mentions (problem, "3");
  g_assert_cmpuint (count_kind (three, MOI_PROBLEM_DUPLICATE_NAME), ==, 2);
  assert_no_problems (WF (C ("A", TXT) "," C ("a", TXT), ""));
}

static void
test_duplicate_id (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF ("{\"name\": \"A\", \"type\": \"" TXT "\", \"component_id\": \"X_1\"},"
                       "{\"name\": \"B\", \"type\": \"" TXT "\", \"component_id\": \"X_1\"},"
                       "{\"name\": \"C\", \"type\": \"" TXT "\", "
                       "\"component_id\": \"X_2\"}", ""));
  MoiProblem *problem = find_kind (problems, MOI_PROBLEM_DUPLICATE_ID);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "B");
  assert_message_mentions (problem, "X_1");
  assert_message_mentions (problem, "“A”");

  /* Missing or empty ids are not duplicates of one another. */
  assert_no_problems (WF ("{\"name\": \"A\", \"type\": \"" TXT "\", \"component_id\": \"\"},"
                          "{\"name\": \"B\", \"type\": \"" TXT "\", \"component_id\": \"\"},"
                          C ("C", TXT) "," C ("D", TXT), ""));
}

/* ---------------------------------------------------------------- types */

static void
test_unknown_type (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("A", TXT) "," C ("X", "acme.Mystery") "," C ("B", CLEANER),
                       L ("A.documents", "X.anything") "," L ("X.out", "B.documents") ","
                       L ("X.out", "X.again") "," L ("A", "X") "," L ("X", "B")));
  MoiProblem *problem = find_kind (problems, MOI_PROBLEM_UNKNOWN_TYPE);

  /* Only the warning: a generic node's sockets are whatever it is wired to,
   * but the self-connection is still a cycle. */
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_UNKNOWN_TYPE), ==, 1);
  g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_WARNING);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "X");
  assert_message_mentions (problem, "acme.Mystery");
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_CYCLE), ==, 1);
  g_assert_cmpuint (problems->len, ==, 2);

  /* ... but a known component's sockets are still checked. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = validate_json (WF (C ("A", TXT) "," C ("X", "acme.Mystery"),
                               L ("A.docs", "X.in") "," L ("X.in", "X2.in")));
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_UNKNOWN_SOCKET), ==, 1);
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_DANGLING_ENDPOINT), ==, 1);
  g_assert_cmpuint (moi_problems_count_errors (problems), ==, 2);
}

/* ---------------------------------------------------------- connections */

static void
test_dangling_endpoint (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("A", TXT), L ("A.documents", "Ghost.documents") ","
                                         L ("Nobody.documents", "Ghost.documents")));
  MoiProblem *problem = find_kind (problems, MOI_PROBLEM_DANGLING_ENDPOINT);

  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_DANGLING_ENDPOINT), ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  g_assert_cmpstr (moi_connection_get_receiver (moi_problem_get_connection (problem)), ==,
                   "Ghost.documents");
  assert_message_mentions (problem, "“Ghost”");
  problem = g_ptr_array_index (problems, 1);
  g_assert_null (moi_problem_get_component_name (problem));
  assert_message_mentions (problem, "“Nobody”");
}

static void
test_unknown_socket (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("A", TXT) "," C ("B", SPLITTER),
                       L ("A.docs", "B.documents") "," L ("A.documents", "B.text")));
  MoiProblem *problem = g_ptr_array_index (problems, 0);

  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_UNKNOWN_SOCKET), ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "docs");
  assert_message_mentions (problem, "documents");
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "B");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "text");

  assert_no_problems (WF (C ("A", TXT) "," C ("B", SPLITTER),
                          L ("A.documents", "B.documents")));
}

static void
test_router_sockets (void)
{
  const char *init = "{\"mime_types\": [\"text/plain\", \"image/.*\"]}";
  g_autofree char *json = g_strdup_printf (
    WF (CP ("R", FILE_ROUTER, "%s") "," C ("T", TXT) "," C ("U", TXT) "," C ("V", TXT) ","
        CP ("M", META_ROUTER, "{\"rules\": {\"text\": {}, \"image_ocr\": {}}}") ","
        C ("S", SPLITTER) "," C ("S2", SPLITTER),
        L ("R.text/plain", "T.sources") "," L ("R.image/.*", "U.sources") ","
        L ("R.application/pdf", "V.sources") "," L ("T.documents", "M.documents") ","
        L ("M.image_ocr", "S.documents") "," L ("M.image_caption", "S2.documents")), init);
  g_autoptr(GPtrArray) problems = validate_json (json);
  MoiProblem *pdf = g_ptr_array_index (problems, 0);

  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_UNKNOWN_SOCKET), ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (moi_problem_get_socket (pdf), ==, "application/pdf");
  assert_message_mentions (pdf, "image/.*");
  g_assert_cmpstr (moi_problem_get_socket (g_ptr_array_index (problems, 1)), ==, "image_caption");
}

static void
test_ambiguous (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("Exec", EXECUTOR) "," C ("Start", START),
                       L ("Exec", "Start.start_query")));
  MoiProblem *problem = find_kind (problems, MOI_PROBLEM_AMBIGUOUS_CONNECTION);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "Start");
  assert_message_mentions (problem, "Exec → Start.start_query");

  /* One fitting pair: resolved. */
  assert_no_problems (WF (C ("A", TXT) "," C ("B", SPLITTER), L ("A", "B")));
  /* Several pairs, one with equal names: Haystack picks it. */
  assert_no_problems (WF (C ("E1", EXECUTOR) "," C ("E2", EXECUTOR), L ("E1", "E2")));
  /* Naming the socket lifts the ambiguity. */
  assert_no_problems (WF (C ("Exec", EXECUTOR) "," C ("Start", START),
                          L ("Exec.python_output", "Start.start_query")));
}

static void
test_incompatible (void)
{
  g_autoptr(GPtrArray) named =
    validate_json (WF (C ("T", TXT) "," CP ("W", WRITER, "{\"document_store\": " STORE "}") ","
                       C ("A", CLEANER),
                       L ("T.documents", "W.documents") ","
                       L ("W.documents_written", "A.documents")));
  g_autoptr(GPtrArray) bare =
    validate_json (WF (C ("T", TXT) "," CP ("W", WRITER, "{\"document_store\": " STORE "}") ","
                       C ("A", CLEANER),
                       L ("T.documents", "W.documents") "," L ("W", "A")));
  MoiProblem *problem = find_kind (named, MOI_PROBLEM_INCOMPATIBLE_TYPES);

  g_assert_cmpuint (named->len, ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "documents");
  assert_message_mentions (problem, "int");
  assert_message_mentions (problem, "list[Document]");
  g_assert_nonnull (moi_problem_get_connection (problem));

  g_assert_cmpuint (count_kind (bare, MOI_PROBLEM_INCOMPATIBLE_TYPES), ==, 1);

  assert_no_problems (WF (CP ("W", WRITER, "{\"document_store\": " STORE "}") ","
                          C ("A", TXT) "," C ("D", AUGMENT),
                          L ("A.documents", "W.documents") ","
                          L ("W.documents_written", "D.count")));
  /* bool is an int to Haystack; Sources into a variadic converter input. */
  assert_no_problems (WF (CP ("R", FILE_ROUTER, "{\"mime_types\": [\"text/plain\"]}") ","
                          C ("P", PLAIN),
                          L ("R.text/plain", "P.sources") "," L ("R.unclassified", "P.sources")));
}

static void
test_multiple_senders (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("A", TXT) "," C ("B", TXT) "," C ("S", SPLITTER),
                       L ("A.documents", "S.documents") "," L ("B.documents", "S.documents")));
  MoiProblem *problem = find_kind (problems, MOI_PROBLEM_MULTIPLE_SENDERS);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "S");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "documents");
  g_assert_cmpstr (moi_connection_get_sender (moi_problem_get_connection (problem)), ==,
                   "B.documents");

  /* A variadic input takes them all. */
  assert_no_problems (WF (C ("A", TXT) "," C ("B", TXT) "," C ("C", TXT) ","
                          C ("J", JOINER),
                          L ("A.documents", "J.documents") "," L ("B.documents", "J.documents") ","
                          L ("C", "J")));
}

static void
test_duplicate_connection (void)
{
  g_autoptr(GPtrArray) problems =
    validate_json (WF (C ("A", TXT) "," C ("S", SPLITTER),
                       L ("A.documents", "S.documents") "," L ("A", "S") ","
                       L ("A.documents", "S.documents")));

  g_autoptr(MoiWorkflow) fan_in = moi_workflow_new ();
  g_autoptr(MoiComponent) joiner = moi_component_new ("J", JOINER);

  /* Haystack treats an identical edge as a no-op: a warning, not a second sender. */
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_DUPLICATE_CONNECTION), ==, 2);
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_MULTIPLE_SENDERS), ==, 0);
  g_assert_cmpuint (moi_problems_count_errors (problems), ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A large fan-in into a variadic input: repeats are found wherever they are. */
  moi_workflow_append_component (fan_in, joiner);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("C%u", i);
      g_autofree char *sender = g_strdup_printf ("C%u.documents", i % 50);
      g_autoptr(MoiComponent) cleaner = i < 50 ? moi_component_new (name, TXT) : NULL;
      g_autoptr(MoiConnection) connection = moi_connection_new (sender, "J.documents");

      if (cleaner != NULL)
        moi_workflow_append_component (fan_in, cleaner);
      moi_workflow_append_connection (fan_in, connection);
    }
  problems = validate_workflow (fan_in);
  g_assert_cmpuint (count_kind (problems, MOI_PROBLEM_DUPLICATE_CONNECTION), ==, 10);
  g_assert_cmpuint (problems->len, ==, 10);
}

/* ------------------------------------------------------- required inputs */

static void
test_required_input (void)
{
  g_autoptr(GPtrArray) retriever =
    validate_json (WF (C ("Start", START) "," CP ("R", RETRIEVER, KB),
                       L ("Start.user_chat_query", "R.user_id")));
  g_autoptr(GPtrArray) html =
    validate_json (WF (C ("E", EMBEDDER) "," C ("H", HTML) "," C ("A", TXT),
                       L ("A.documents", "E.documents") "," L ("E.meta", "H.extraction_kwargs")));
  g_autoptr(GPtrArray) orphan =
    validate_json (WF (C ("A", CLEANER) "," CP ("W", WRITER, "{\"document_store\": " STORE "}"),
                       L ("A.documents", "W.documents")));
  MoiProblem *problem = find_kind (retriever, MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED);

  g_assert_cmpuint (retriever->len, ==, 1);
  g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_ERROR);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "R");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "query_text");
  assert_message_mentions (problem, "R.query_text");

  problem = find_kind (html, MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED);
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "sources");
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "H");

  /* A component nothing feeds gets nothing from a MOI run unless it takes
   * files, which the run supplies to entry components. */
  problem = find_kind (orphan, MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED);
  g_assert_cmpuint (orphan->len, ==, 1);
  g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_ERROR);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  g_assert_cmpstr (moi_problem_get_socket (problem), ==, "documents");
  assert_message_mentions (problem, "“A”");

  assert_no_problems (WF (C ("T", TXT) "," C ("S", SPLITTER), L ("T.documents", "S.documents")));
  assert_no_problems (WF (CP ("R", FILE_ROUTER, "{\"mime_types\": [\"text/plain\"]}") ","
                          C ("T", TXT), L ("R.text/plain", "T.sources")));
  assert_no_problems (WF (C ("Start", START) "," CP ("R", RETRIEVER, KB),
                          L ("Start.user_chat_query", "R.query_text")));
  /* Optional inputs never need a sender. */
  assert_no_problems (WF (C ("A", TXT) "," C ("D", AUGMENT) "," C ("X", EXECUTOR),
                          L ("A.documents", "D.documents") "," L ("A.documents", "X.documents")));
}

/* ----------------------------------------------------------- parameters */

static void
test_parameters (void)
{
  g_autoptr(GPtrArray) problems = validate_json (WF (
    CP ("Kind", SPLITTER, "{\"split_length\": \"300\"}") ","
    CP ("Enum", SPLITTER, "{\"split_by\": \"paragraph\"}") ","
    CP ("Range", SPLITTER, "{\"split_length\": 0}") ","
    CP ("Overlap", SPLITTER, "{\"split_length\": 100, \"split_overlap\": 100}") ","
    CP ("DefaultBound", SPLITTER, "{\"split_overlap\": 250}") ","
    CP ("Regex", CLEANER, "{\"remove_regex\": \"([a-z\"}") ","
    CP ("SameRegex", CLEANER, "{\"remove_regex\": \"([a-z\"}") ","
    CP ("Secret", EMBEDDER, "{\"api_key\": {\"type\": \"env_var\", \"env_vars\": []}}") ","
    C ("Writer", WRITER) ","
    CP ("Router", FILE_ROUTER, "{}"), ""));
  static const struct { const char *component, *parameter; MoiProblemKind kind; } expected[] = {
    { "Kind", "split_length", MOI_PROBLEM_PARAMETER_WRONG_KIND },
    { "Enum", "split_by", MOI_PROBLEM_PARAMETER_NOT_ALLOWED },
    { "Range", "split_length", MOI_PROBLEM_PARAMETER_OUT_OF_RANGE },
    { "Overlap", "split_overlap", MOI_PROBLEM_PARAMETER_OUT_OF_RANGE },
    { "DefaultBound", "split_overlap", MOI_PROBLEM_PARAMETER_OUT_OF_RANGE },
    { "Regex", "remove_regex", MOI_PROBLEM_PARAMETER_INVALID },
    /* The same pattern again: found again (patterns are compiled once). */
    { "SameRegex", "remove_regex", MOI_PROBLEM_PARAMETER_INVALID },
    { "Secret", "api_key", MOI_PROBLEM_PARAMETER_INVALID },
    { "Writer", "document_store", MOI_PROBLEM_PARAMETER_MISSING },
    { "Router", "mime_types", MOI_PROBLEM_PARAMETER_MISSING },
  };

  /* Component problems come first; the unwired components' inputs follow. */
  g_assert_cmpuint (problems->len, >, G_N_ELEMENTS (expected));
  g_assert_null (moi_problem_get_parameter (g_ptr_array_index (problems,
                                                               G_N_ELEMENTS (expected))));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MoiProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (moi_problem_get_component_name (problem), ==, expected[i].component);
      g_assert_cmpstr (moi_problem_get_parameter (problem), ==, expected[i].parameter);
      g_assert_cmpint (moi_problem_get_kind (problem), ==, expected[i].kind);
      g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_ERROR);
      assert_message_mentions (problem, expected[i].parameter);
    }

  /* Valid values, nulls where allowed, and keys the catalog does not know
   * (MOI adds its own) pass. */
  assert_no_problems (WF (
    C ("T", TXT) ","
    CP ("A", SPLITTER, "{\"split_length\": 300, \"split_overlap\": 50, \"split_by\": \"sentence\", "
                       "\"custom_separators\": [\"。\"]}") ","
    CP ("B", CLEANER, "{\"remove_regex\": \"https?://[^\\\\s]+\", "
                      "\"unicode_normalization\": null}") ","
    CP ("W", WRITER, "{\"document_store\": " STORE ", \"policy\": \"SKIP\"}"),
    L ("T", "A") "," L ("A", "B") "," L ("B", "W")));
}

/* --------------------------------------------------------------- cycles */

static void
test_cycles (void)
{
  g_autoptr(GPtrArray) triangle =
    validate_json (WF (C ("Z", TXT) "," C ("A", CLEANER) "," C ("B", JOINER) ","
                       C ("C", CLEANER),
                       L ("Z.documents", "B.documents") "," L ("A.documents", "B.documents") ","
                       L ("B.documents", "C.documents") "," L ("C.documents", "A.documents")));
  g_autoptr(GPtrArray) loops =
    validate_json (WF (C ("A", TXT) "," C ("J", JOINER) "," C ("P", CLEANER) ","
                       C ("Q", CLEANER),
                       L ("A.documents", "J.documents") "," L ("J.documents", "J.documents") ","
                       L ("P.documents", "Q.documents") "," L ("Q.documents", "P.documents")));
  MoiProblem *problem = find_kind (triangle, MOI_PROBLEM_CYCLE);
  const char * const *names = moi_problem_get_components (problem);

  g_assert_cmpuint (triangle->len, ==, 1);
  g_assert_cmpstr (moi_problem_get_component_name (problem), ==, "A");
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 3);
  g_assert_cmpstr (names[0], ==, "A");
  g_assert_cmpstr (names[1], ==, "B");
  g_assert_cmpstr (names[2], ==, "C");
  assert_message_mentions (problem, "A → B → C → A");

  g_assert_cmpuint (count_kind (loops, MOI_PROBLEM_CYCLE), ==, 2);
  problem = g_ptr_array_index (loops, 0);
  names = moi_problem_get_components (problem);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 1);
  g_assert_cmpstr (names[0], ==, "J");
  problem = g_ptr_array_index (loops, 1);
  g_assert_cmpuint (g_strv_length ((char **) moi_problem_get_components (problem)), ==, 2);
  g_assert_cmpstr (moi_problem_get_components (problem)[0], ==, "P");

  /* A diamond is no cycle. */
  assert_no_problems (WF (C ("A", TXT) "," C ("B", CLEANER) "," C ("C", CLEANER) ","
                          C ("J", JOINER),
                          L ("A.documents", "B.documents") "," L ("A.documents", "C.documents") ","
                          L ("B.documents", "J.documents") "," L ("C.documents", "J.documents")));
}

/* A long cycle through a large graph: found, named in full, message bounded. */
static void
test_cycle_at_scale (void)
{
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new ();
  g_autoptr(GPtrArray) problems = NULL;
  const guint n = 3000;
  MoiProblem *problem;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("C%u", i);
      g_autoptr(MoiComponent) component = moi_component_new (name, CLEANER);

      moi_workflow_append_component (workflow, component);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sender = g_strdup_printf ("C%u.documents", i);
      g_autofree char *receiver = g_strdup_printf ("C%u.documents", (i + 1) % n);
      g_autoptr(MoiConnection) connection = moi_connection_new (sender, receiver);

      moi_workflow_append_connection (workflow, connection);
    }

  problems = validate_workflow (workflow);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (moi_problem_get_kind (problem), ==, MOI_PROBLEM_CYCLE);
  g_assert_cmpuint (g_strv_length ((char **) moi_problem_get_components (problem)), ==, n);
  g_assert_cmpstr (moi_problem_get_components (problem)[n - 1], ==, "C2999");
  g_assert_cmpuint (strlen (moi_problem_get_message (problem)), <, 400);
  assert_message_mentions (problem, "3000");
}

/* The check the canvas makes while a wire is dragged. */
static void
test_check_connection (void)
{
  static const struct { const char *sender, *receiver; int kind; } cases[] = {
    { "DocumentJoiner.documents", "DocumentJoiner-Mate.documents", -1 },
    { "DocumentWriter.documents_written", "DocumentCleaner.documents",
      MOI_PROBLEM_INCOMPATIBLE_TYPES },
    { "DocumentJoiner.documents", "DocumentCleaner.documents", MOI_PROBLEM_MULTIPLE_SENDERS },
    { "DocumentContentImageFiller.documents", "DocumentJoiner-Mate.documents", MOI_PROBLEM_CYCLE },
    { "DocumentJoiner-Mate.documents", "DocumentJoiner-Mate.documents", MOI_PROBLEM_CYCLE },
    { "DocumentCleaner.documents", "Nowhere.documents", MOI_PROBLEM_DANGLING_ENDPOINT },
    { "DocumentCleaner.text", "DocumentJoiner-Mate.documents", MOI_PROBLEM_UNKNOWN_SOCKET },
    { "DocumentCleaner.documents", "DocumentJoiner-Mate.documents",
      MOI_PROBLEM_DUPLICATE_CONNECTION },
  };
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "catalog",
                                            "moi-pipeline.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoiConnection) connection = moi_connection_new (cases[i].sender,
                                                                cases[i].receiver);
      g_autoptr(MoiProblem) problem = moi_workflow_check_connection (workflow, NULL, connection);

      if (cases[i].kind < 0 && problem != NULL)
        g_error ("%s → %s refused: %s", cases[i].sender, cases[i].receiver,
                 moi_problem_get_message (problem));
      if (cases[i].kind >= 0 && problem == NULL)
        g_error ("%s → %s accepted", cases[i].sender, cases[i].receiver);
      if (problem != NULL)
        g_assert_cmpint (moi_problem_get_kind (problem), ==, cases[i].kind);
    }

  /* The check leaves the workflow as it was. */
  g_assert_cmpuint (moi_workflow_get_n_connections (workflow), ==, 23);
}

static void
test_problem_properties (void)
{
  g_autoptr(MoiConnection) connection = moi_connection_new ("A.documents", "B.documents");
  g_autoptr(MoiProblem) problem = moi_problem_new (MOI_PROBLEM_UNKNOWN_SOCKET,
                                                   MOI_PROBLEM_SEVERITY_WARNING, "A", connection,
                                                   "message");
  g_autofree char *name = NULL;
  g_autoptr(MoiConnection) got = NULL;
  MoiProblemKind kind;

  g_object_get (problem, "component-name", &name, "connection", &got, "kind", &kind, NULL);
  g_assert_cmpstr (name, ==, "A");
  g_assert_true (got == connection);
  g_assert_cmpint (kind, ==, MOI_PROBLEM_UNKNOWN_SOCKET);
  g_assert_cmpint (moi_problem_get_severity (problem), ==, MOI_PROBLEM_SEVERITY_WARNING);
  g_assert_null (moi_problem_get_components (problem));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/validate/sound-pipeline", test_sound_pipeline);
  g_test_add_func ("/moi/validate/empty-name", test_empty_name);
  g_test_add_func ("/moi/validate/name-has-dot", test_name_has_dot);
  g_test_add_func ("/moi/validate/duplicate-name", test_duplicate_name);
  g_test_add_func ("/moi/validate/duplicate-id", test_duplicate_id);
  g_test_add_func ("/moi/validate/unknown-type", test_unknown_type);
  g_test_add_func ("/moi/validate/dangling-endpoint", test_dangling_endpoint);
  g_test_add_func ("/moi/validate/unknown-socket", test_unknown_socket);
  g_test_add_func ("/moi/validate/router-sockets", test_router_sockets);
  g_test_add_func ("/moi/validate/ambiguous", test_ambiguous);
  g_test_add_func ("/moi/validate/incompatible", test_incompatible);
  g_test_add_func ("/moi/validate/multiple-senders", test_multiple_senders);
  g_test_add_func ("/moi/validate/duplicate-connection", test_duplicate_connection);
  g_test_add_func ("/moi/validate/required-input", test_required_input);
  g_test_add_func ("/moi/validate/parameters", test_parameters);
  g_test_add_func ("/moi/validate/cycles", test_cycles);
  g_test_add_func ("/moi/validate/cycle-at-scale", test_cycle_at_scale);
  g_test_add_func ("/moi/validate/check-connection", test_check_connection);
  g_test_add_func ("/moi/validate/problem-properties", test_problem_properties);

  return g_test_run ();
}
