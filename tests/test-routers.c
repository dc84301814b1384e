/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pipeline-fixture.h"

#define FILE_ROUTER(mime_types, extra) \
  "{'name':'router','type':'haystack.components.routers.file_type_router.FileTypeRouter'," \
  "'init_parameters':{'mime_types':" mime_types ",'additional_mimetypes':" extra "}}"

static void
test_guess_mime_type (void)
{
  static const struct { const char *path; const char *mime_type; } cases[] = {
    { "/data/a.txt", "text/plain" },
    { "REPORT.PDF", "application/pdf" },
    { "notes.md", "text/markdown" },
    { "notes.markdown", "text/markdown" },
    { "mail.msg", "application/vnd.ms-outlook" },
    { "mail.eml", "message/rfc822" },
    { "page.htm", "text/html" },
    { "t.csv", "text/csv" },
    { "d.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "p.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
    { "x.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { "photo.JPG", "image/jpeg" },
    { "song.mp3", "audio/mpeg" },
    { "clip.mp4", "video/mp4" },
    { "backup.tar.gz", "application/x-tar" },
    { "README", NULL },
    { ".bashrc", NULL },
    { "data.parquet", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (moi_guess_mime_type (cases[i].path), ==, cases[i].mime_type);
}

static MoiValue *
path_sources (const char * const *paths)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (sources, moi_source_new_for_path (paths[i], NULL));
  return moi_value_new_sources (sources);
}

/* The paths routed to @socket, space-separated, or NULL when not emitted. */
static char *
routed_paths (MoiNodeOutputs *outputs,
              const char     *socket)
{
  MoiValue *value = moi_node_outputs_get (outputs, socket);
  g_autoptr(GString) s = NULL;

  if (value == NULL)
    return NULL;
  g_assert_cmpint (value->kind, ==, MOI_VALUE_SOURCES);
  s = g_string_new (NULL);
  for (guint i = 0; i < value->items->len; i++)
    {
      MoiSource *source = g_ptr_array_index (value->items, i);

      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, source->path != NULL ? source->path : source->mime_type);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_file_type_router (void)
{
  static const char * const paths[] = {
    "a.txt", "b.md", "c.png", "d.pdf", "e.xyz", "f", "g.TXT", "h.foo", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (FILE_ROUTER ("['text/plain','text/.*','image/.*',"
                                                       "'application/pdf','application/x-foo',"
                                                       "'audio/.*']",
                                                       "{'application/x-foo':'.foo'}"),
                                          &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (paths);
  struct { const char *socket; const char *paths; } expected[] = {
    /* First match wins: a.txt is text/plain, not text/.* */
    { "text/plain", "a.txt g.TXT" },
    { "text/.*", "b.md" },
    { "image/.*", "c.png" },
    { "application/pdf", "d.pdf" },
    { "application/x-foo", "h.foo" },
    { "unclassified", "e.xyz f" },
    /* Branches nothing went to are not emitted, so their receivers skip. */
    { "audio/.*", NULL },
    { "failed", NULL },
  };

  g_assert_no_error (error);
  g_assert_true (moi_node_lookup_output (node, "image/.*", NULL));
  g_assert_true (moi_node_lookup_output (node, "unclassified", NULL));
  moi_node_inputs_add (inputs, "sources", sources);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *got = routed_paths (outputs, expected[i].socket);

      g_assert_cmpstr (got, ==, expected[i].paths);
    }
}

static void
test_file_type_router_fullmatch (void)
{
  static const char * const paths[] = { "a.txt", "b.html", NULL };
  g_autoptr(GError) error = NULL;
  /* re.fullmatch: "text" and "plain" match no part of "text/plain". */
  g_autoptr(MoiNode) node = fixture_node (FILE_ROUTER ("['text','plain','text/htm','text/html']",
                                                       "null"), &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (paths);
  g_autofree char *unclassified = NULL;
  g_autofree char *html = NULL;

  g_assert_no_error (error);
  moi_node_inputs_add (inputs, "sources", sources);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  unclassified = routed_paths (outputs, "unclassified");
  html = routed_paths (outputs, "text/html");
  g_assert_cmpstr (unclassified, ==, "a.txt");
  g_assert_cmpstr (html, ==, "b.html");
  g_assert_null (moi_node_outputs_get (outputs, "text"));
  g_assert_null (moi_node_outputs_get (outputs, "text/htm"));
}

static void
test_file_type_router_bytestream_and_meta (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (FILE_ROUTER ("['application/pdf','text/plain']", "null"),
                                          &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("%PDF", 4);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
  g_autoptr(MoiValue) sources = NULL;
  g_autoptr(MoiValue) meta = moi_value_new_json (fixture_json ("[{'n':1},{'n':2}]"));
  MoiValue *pdf, *txt;

  g_assert_no_error (error);
  /* A ByteStream is routed by its own MIME type, whatever its name. */
  g_ptr_array_add (list, moi_source_new_for_bytes (data, "application/pdf", NULL));
  g_ptr_array_add (list, moi_source_new_for_path ("x.txt", NULL));
  sources = moi_value_new_sources (list);
  moi_node_inputs_add (inputs, "sources", sources);
  moi_node_inputs_add (inputs, "meta", meta);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  pdf = moi_node_outputs_get (outputs, "application/pdf");
  txt = moi_node_outputs_get (outputs, "text/plain");
  g_assert_cmpuint (pdf->items->len, ==, 1);
  /* A list of meta is zipped with the sources. */
  g_assert_cmpint (json_object_get_int_member (((MoiSource *) pdf->items->pdata[0])->meta, "n"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (((MoiSource *) txt->items->pdata[0])->meta, "n"),
                   ==, 2);
}

static void
test_file_type_router_meta_mismatch (void)
{
  static const char * const paths[] = { "a.txt", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (FILE_ROUTER ("['text/plain']", "null"), &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (paths);
  g_autoptr(MoiValue) meta = moi_value_new_json (fixture_json ("[{'n':1},{'n':2}]"));

  moi_node_inputs_add (inputs, "sources", sources);
  moi_node_inputs_add (inputs, "meta", meta);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "“router”"));
}

static void
test_file_type_router_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) bad_regex = fixture_node (FILE_ROUTER ("['text/(plain']", "null"), &error);
  g_autoptr(MoiNode) missing = NULL;

  g_assert_null (bad_regex);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mime_types"));
  g_assert_nonnull (strstr (error->message, "text/(plain"));
  g_clear_error (&error);

  missing = fixture_node ("{'name':'router','type':'haystack.components.routers."
                          "file_type_router.FileTypeRouter','init_parameters':{}}", &error);
  g_assert_null (missing);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mime_types"));
}

/* ---- filters ------------------------------------------------------------ */

static gboolean
matches (const char  *filter_json,
         MoiDocument *document)
{
  g_autoptr(JsonNode) filter = fixture_json (filter_json);
  g_autoptr(GError) error = NULL;
  gboolean result = FALSE;

  g_assert_true (moi_filter_matches (filter, document, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
assert_filter_error (const char  *filter_json,
                     MoiDocument *document,
                     const char  *must_contain)
{
  g_autoptr(JsonNode) filter = fixture_json (filter_json);
  g_autoptr(GError) error = NULL;
  gboolean result = FALSE;

  g_assert_false (moi_filter_matches (filter, document, &result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, must_contain));
}

#define CMP(field, op, value) "{'field':'" field "','operator':'" op "','value':" value "}"

static void
test_filters (void)
{
  g_autoptr(MoiDocument) d = fixture_document ("some text",
                                               "{'content_type':'image','page':3,'ratio':0.5,"
                                               "'flag':true,'date':'2024-05-01T10:00:00',"
                                               "'docx':{'author':'Ann'},'tags':['a','b'],"
                                               "'none':null}", NAN);

  /* == and != (a missing field is None). */
  g_assert_true (matches (CMP ("meta.content_type", "==", "'image'"), d));
  g_assert_false (matches (CMP ("meta.content_type", "==", "'text'"), d));
  g_assert_true (matches (CMP ("meta.page", "==", "3.0"), d));
  g_assert_true (matches (CMP ("meta.flag", "==", "1"), d));
  g_assert_false (matches (CMP ("meta.page", "==", "'3'"), d));
  g_assert_true (matches (CMP ("meta.missing", "==", "null"), d));
  g_assert_true (matches (CMP ("meta.missing", "!=", "'x'"), d));
  g_assert_false (matches (CMP ("meta.content_type", "!=", "'image'"), d));
  g_assert_true (matches (CMP ("meta.tags", "==", "['a','b']"), d));
  /* Nested meta, content, and legacy names without "meta.". */
  g_assert_true (matches (CMP ("meta.docx.author", "==", "'Ann'"), d));
  g_assert_false (matches (CMP ("meta.docx.author.x", "==", "'Ann'"), d));
  g_assert_true (matches (CMP ("content", "==", "'some text'"), d));
  g_assert_true (matches (CMP ("content_type", "==", "'image'"), d));

  /* Ordering: numbers, ISO dates; None never compares. */
  g_assert_true (matches (CMP ("meta.page", ">", "2"), d));
  g_assert_false (matches (CMP ("meta.page", ">", "3"), d));
  g_assert_true (matches (CMP ("meta.page", ">=", "3"), d));
  g_assert_true (matches (CMP ("meta.ratio", "<", "1"), d));
  g_assert_false (matches (CMP ("meta.ratio", "<=", "0.25"), d));
  g_assert_true (matches (CMP ("meta.date", ">", "'2024-01-01T00:00:00'"), d));
  g_assert_false (matches (CMP ("meta.date", "<", "'2024-01-01'"), d));
  g_assert_false (matches (CMP ("meta.missing", ">", "1"), d));
  g_assert_false (matches (CMP ("meta.none", "<", "1"), d));
  assert_filter_error (CMP ("meta.content_type", ">", "'a'"), d, "“>”");
  assert_filter_error (CMP ("meta.page", ">", "[1]"), d, "“>”");

  /* in / not in. */
  g_assert_true (matches (CMP ("meta.content_type", "in", "['text','image']"), d));
  g_assert_false (matches (CMP ("meta.content_type", "in", "['text']"), d));
  g_assert_true (matches (CMP ("meta.content_type", "not in", "['text']"), d));
  g_assert_true (matches (CMP ("meta.missing", "not in", "['text']"), d));
  assert_filter_error (CMP ("meta.content_type", "in", "'image'"), d, "list");

  /* Logic: AND, OR, and NOT as "not all". */
  g_assert_true (matches ("{'operator':'AND','conditions':["
                          CMP ("meta.content_type", "==", "'image'") ","
                          CMP ("meta.page", "==", "3") "]}", d));
  g_assert_false (matches ("{'operator':'AND','conditions':["
                           CMP ("meta.content_type", "==", "'image'") ","
                           CMP ("meta.page", "==", "4") "]}", d));
  g_assert_true (matches ("{'operator':'OR','conditions':["
                          CMP ("meta.content_type", "==", "'text'") ","
                          CMP ("meta.page", "==", "3") "]}", d));
  g_assert_true (matches ("{'operator':'NOT','conditions':["
                          CMP ("meta.content_type", "==", "'image'") ","
                          CMP ("meta.page", "==", "4") "]}", d));
  g_assert_false (matches ("{'operator':'NOT','conditions':["
                           CMP ("meta.content_type", "==", "'image'") "]}", d));
  /* Every condition is evaluated, so an error anywhere is reported. */
  assert_filter_error ("{'operator':'OR','conditions':["
                       CMP ("meta.page", "==", "3") ","
                       CMP ("meta.content_type", "<", "'x'") "]}", d, "“<”");

  /* Malformed filters. */
  assert_filter_error ("{'field':'meta.a','value':1}", d, "operator");
  assert_filter_error ("{'field':'meta.a','operator':'~','value':1}", d, "“~”");
  assert_filter_error ("{'operator':'XOR','conditions':[]}", d, "“XOR”");
  assert_filter_error ("{'operator':'AND'}", d, "conditions");
}

#define METADATA_ROUTER(rules) \
  "{'name':'meta_router','type':'haystack.components.routers.metadata_router.MetadataRouter'," \
  "'init_parameters':{'rules':" rules "}}"

static void
test_metadata_router (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node =
    fixture_node (METADATA_ROUTER ("{'text':" CMP ("meta.content_type", "==", "'text'") ","
                                   "'image_ocr':{'operator':'AND','conditions':["
                                   CMP ("meta.content_type", "==", "'image'") ","
                                   CMP ("meta.process_type", "==", "'ocr'") "]},"
                                   "'image':" CMP ("meta.content_type", "in", "['image']") ","
                                   "'audio':" CMP ("meta.content_type", "==", "'audio'") "}"),
                  &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(GPtrArray) documents = fixture_documents ();
  MoiValue *value;

  g_assert_no_error (error);
  g_ptr_array_add (documents, fixture_document ("t", "{'content_type':'text'}", NAN));
  g_ptr_array_add (documents, fixture_document ("o", "{'content_type':'image',"
                                                     "'process_type':'ocr'}", NAN));
  g_ptr_array_add (documents, fixture_document ("c", "{'content_type':'image',"
                                                     "'process_type':'caption'}", NAN));
  g_ptr_array_add (documents, fixture_document ("n", NULL, NAN));
  fixture_add_documents (inputs, "documents", g_ptr_array_ref (documents));
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);

  value = moi_node_outputs_get (outputs, "text");
  g_assert_cmpuint (value->items->len, ==, 1);
  g_assert_true (value->items->pdata[0] == documents->pdata[0]);
  value = moi_node_outputs_get (outputs, "image_ocr");
  g_assert_cmpuint (value->items->len, ==, 1);
  g_assert_true (value->items->pdata[0] == documents->pdata[1]);
  /* A document goes to every rule it matches. */
  value = moi_node_outputs_get (outputs, "image");
  g_assert_cmpuint (value->items->len, ==, 2);
  g_assert_true (value->items->pdata[0] == documents->pdata[1]);
  g_assert_true (value->items->pdata[1] == documents->pdata[2]);
  value = moi_node_outputs_get (outputs, "unmatched");
  g_assert_cmpuint (value->items->len, ==, 1);
  g_assert_true (value->items->pdata[0] == documents->pdata[3]);
  /* No audio: the branch is not taken. */
  g_assert_null (moi_node_outputs_get (outputs, "audio"));
  g_assert_true (moi_node_lookup_output (node, "audio", NULL));
}

static void
test_metadata_router_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) bad_rule = fixture_node (METADATA_ROUTER ("{'r1':{'field':'meta.a',"
                                                               "'value':1}}"), &error);
  g_autoptr(MoiNode) no_rules = NULL;
  g_autoptr(MoiNode) node = NULL;
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  GPtrArray *documents = fixture_documents ();

  g_assert_null (bad_rule);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“r1”"));
  g_assert_nonnull (strstr (error->message, "“meta_router”"));
  g_clear_error (&error);

  no_rules = fixture_node (METADATA_ROUTER ("null"), &error);
  g_assert_null (no_rules);
  g_assert_nonnull (strstr (error->message, "rules"));
  g_clear_error (&error);

  /* A rule that cannot be evaluated on a document fails the file. */
  node = fixture_node (METADATA_ROUTER ("{'big':" CMP ("meta.name", ">", "'x'") "}"), &error);
  g_assert_no_error (error);
  g_ptr_array_add (documents, fixture_document ("t", "{'name':'y'}", NAN));
  fixture_add_documents (inputs, "documents", documents);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "“big”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/routers/guess-mime-type", test_guess_mime_type);
  g_test_add_func ("/moi/routers/file-type", test_file_type_router);
  g_test_add_func ("/moi/routers/file-type-fullmatch", test_file_type_router_fullmatch);
  g_test_add_func ("/moi/routers/file-type-bytestream-meta",
                   test_file_type_router_bytestream_and_meta);
  g_test_add_func ("/moi/routers/file-type-meta-mismatch", test_file_type_router_meta_mismatch);
  g_test_add_func ("/moi/routers/file-type-invalid", test_file_type_router_invalid);
  g_test_add_func ("/moi/routers/filters", test_filters);
  g_test_add_func ("/moi/routers/metadata", test_metadata_router);
  g_test_add_func ("/moi/routers/metadata-errors", test_metadata_router_errors);

  return g_test_run ();
}
