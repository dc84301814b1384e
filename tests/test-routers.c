/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
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
    { "notes.MD", "text/markdown" },
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
    { ".hidden.txt", "text/plain" },
    /* mimetypes: suffix_map, then one encoding (case-sensitive) is dropped. */
    { "backup.tar.gz", "application/x-tar" },
    { "backup.tgz", "application/x-tar" },
    { "logo.svgz", "image/svg+xml" },
    { "a.txt.gz", "text/plain" },
    { "a.txt.gz.gz", NULL },
    { "a.txt.GZ", NULL },
    /* Haystack's custom types go by the last suffix only. */
    { "notes.md.gz", NULL },
    { "README", NULL },
    { ".bashrc", NULL },
    { "...txt", NULL },
    { "trailing.", NULL },
    { "data.parquet", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (moi_guess_mime_type (cases[i].path), ==, cases[i].mime_type);
    }
}

/* Path sources for @names under @dir. Each is made there first, as a file
 * or, for a name ending in "/", a folder; names starting "missing" are not
 * made. */
static MoiValue *
path_sources (const char         *dir,
              const char * const *names)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_str_has_suffix (names[i], "/"))
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else if (!g_str_has_prefix (names[i], "missing"))
        g_free (fixture_write (dir, names[i], "x"));
      g_ptr_array_add (sources, moi_source_new_for_path (path, NULL));
    }
  return moi_value_new_sources (sources);
}

/* The names routed to @socket, space-separated, or NULL when not emitted. */
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
      g_autofree char *name = source->path ? g_path_get_basename (source->path) : NULL;

      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, name != NULL ? name : source->mime_type);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  const char *socket;
  const char *names;   /* routed_paths(), NULL: not emitted */
} Routed;

/* Runs a FileTypeRouter over @names (see path_sources) with @meta (JSON or
 * NULL) and checks where each went. */
static void
assert_routes (const char         *component,
               const char * const *names,
               const char         *meta,
               const Routed       *expected,
               gsize               n_expected)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (component, &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (dir, names);

  g_assert_no_error (error);
  moi_node_inputs_add (inputs, "sources", sources);
  if (meta != NULL)
    {
      g_autoptr(MoiValue) value = moi_value_new_json (fixture_json (meta));

      moi_node_inputs_add (inputs, "meta", value);
    }
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < n_expected; i++)
    {
      g_autofree char *got = routed_paths (outputs, expected[i].socket);

      g_test_message ("socket %s", expected[i].socket);
      g_assert_cmpstr (got, ==, expected[i].names);
    }
  fixture_rmdir (dir);
}

static void
test_file_type_router (void)
{
  static const char * const names[] = {
    "a.txt", "b.md", "c.png", "d.pdf", "e.xyz", "f", "g.TXT", "h.foo", "i.bar", NULL
  };
  static const Routed expected[] = {
    /* First match wins: a.txt is text/plain, not text/.* */
    { "text/plain", "a.txt g.TXT" },
    { "text/.*", "b.md" },
    { "image/.*", "c.png" },
    { "application/pdf", "d.pdf" },
    /* additional_mimetypes: the extension as written; "bar" has no dot and,
     * as in Python's mimetypes, never matches. */
    { "application/x-foo", "h.foo" },
    { "unclassified", "e.xyz f i.bar" },
    /* Branches nothing went to are not emitted, so their receivers skip. */
    { "audio/.*", NULL },
    { "application/x-bar", NULL },
    { "failed", NULL },
  };

  assert_routes (FILE_ROUTER ("['text/plain','text/.*','image/.*','application/pdf',"
                              "'application/x-foo','application/x-bar','audio/.*']",
                              "{'application/x-foo':'.foo','application/x-bar':'bar'}"),
                 names, NULL, expected, G_N_ELEMENTS (expected));
}

static void
test_file_type_router_fullmatch (void)
{
  static const char * const names[] = { "a.txt", "b.html", "c.svg", NULL };
  /* re.fullmatch only: "text" and "plain" match no part of "text/plain",
   * and "image/svg+xml" read as a pattern does not match the type itself. */
  static const Routed expected[] = {
    { "unclassified", "a.txt c.svg" },
    { "text/html", "b.html" },
    { "text", NULL },
    { "text/htm", NULL },
    { "image/svg+xml", NULL },
  };

  assert_routes (FILE_ROUTER ("['text','plain','text/htm','text/html','image/svg+xml']", "null"),
                 names, NULL, expected, G_N_ELEMENTS (expected));
}

/* "failed": sources that cannot be processed, as Haystack's: a path that
 * does not exist, or one it cannot read when meta makes it read the path
 * into a ByteStream. A type that cannot be found is only unclassified. */
static void
test_file_type_router_failed (void)
{
  static const char * const names[] = {
    "a.txt", "missing.txt", "folder.txt/", "noext", "missing-too.pdf", NULL
  };
  static const Routed without_meta[] = {
    { "text/plain", "a.txt folder.txt" },
    { "unclassified", "noext" },
    { "failed", "missing.txt missing-too.pdf" },
    { "application/pdf", NULL },
  };
  static const Routed with_meta[] = {
    { "text/plain", "a.txt" },
    { "unclassified", "noext" },
    { "failed", "missing.txt folder.txt missing-too.pdf" },
  };
  /* An empty dict is no meta: nothing is read. */
  static const Routed empty_meta[] = {
    { "text/plain", "a.txt folder.txt" },
    { "failed", "missing.txt missing-too.pdf" },
  };
  const char *router = FILE_ROUTER ("['text/plain','application/pdf']", "null");

  assert_routes (router, names, NULL, without_meta, G_N_ELEMENTS (without_meta));
  assert_routes (router, names, "{'k':1}", with_meta, G_N_ELEMENTS (with_meta));
  assert_routes (router, names, "[{},{},{},{},{}]", empty_meta, G_N_ELEMENTS (empty_meta));
}

static void
test_file_type_router_raise_on_failure (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  static const char * const names[] = { "a.txt", "missing.txt", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node ("{'name':'router','type':'haystack.components.routers."
                                          "file_type_router.FileTypeRouter','init_parameters':"
                                          "{'mime_types':['text/plain'],'raise_on_failure':true}}",
                                          &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (dir, names);

  g_assert_no_error (error);
  moi_node_inputs_add (inputs, "sources", sources);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "“router”"));
  g_assert_nonnull (strstr (error->message, "File not found: "));
  g_assert_nonnull (strstr (error->message, "missing.txt"));
  fixture_rmdir (dir);
}

static void
test_file_type_router_bytestream_and_meta (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *txt_path = fixture_write (dir, "x.txt", "text");
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
  g_ptr_array_add (list, moi_source_new_for_path (txt_path, NULL));
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
  fixture_rmdir (dir);
}

static void
test_file_type_router_meta_mismatch (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  static const char * const names[] = { "a.txt", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (FILE_ROUTER ("['text/plain']", "null"), &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = path_sources (dir, names);
  g_autoptr(MoiValue) meta = moi_value_new_json (fixture_json ("[{'n':1},{'n':2}]"));

  moi_node_inputs_add (inputs, "sources", sources);
  moi_node_inputs_add (inputs, "meta", meta);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_null (outputs);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED);
  g_assert_nonnull (strstr (error->message, "“router”"));
  fixture_rmdir (dir);
}

static void
assert_router_invalid (const char *component,
                       const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (component, &error);

  g_assert_null (node);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mime_types"));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_file_type_router_invalid (void)
{
  assert_router_invalid (FILE_ROUTER ("['text/(plain']", "null"),
                         "Invalid regex pattern 'text/(plain'.");
  assert_router_invalid (FILE_ROUTER ("[]", "null"), "The list of mime types cannot be empty.");
  assert_router_invalid ("{'name':'router','type':'haystack.components.routers."
                         "file_type_router.FileTypeRouter','init_parameters':{}}", "required");
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
  /* Haystack's messages are compared word for word: the untranslated
   * English, whatever the tester's locale. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/routers/guess-mime-type", test_guess_mime_type);
  g_test_add_func ("/moi/routers/file-type", test_file_type_router);
  g_test_add_func ("/moi/routers/file-type-fullmatch", test_file_type_router_fullmatch);
  g_test_add_func ("/moi/routers/file-type-failed", test_file_type_router_failed);
  g_test_add_func ("/moi/routers/file-type-raise-on-failure",
                   test_file_type_router_raise_on_failure);
  g_test_add_func ("/moi/routers/file-type-bytestream-meta",
                   test_file_type_router_bytestream_and_meta);
  g_test_add_func ("/moi/routers/file-type-meta-mismatch", test_file_type_router_meta_mismatch);
  g_test_add_func ("/moi/routers/file-type-invalid", test_file_type_router_invalid);
  g_test_add_func ("/moi/routers/filters", test_filters);
  g_test_add_func ("/moi/routers/metadata", test_metadata_router);
  g_test_add_func ("/moi/routers/metadata-errors", test_metadata_router_errors);

  return g_test_run ();
}
