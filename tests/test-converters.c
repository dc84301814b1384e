/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <gio/gio.h>

#include "moi-converters-private.h"
#include "moi-test-json.h"
#include "pipeline-fixture.h"

#define HS "haystack.components.converters."
#define BYOA "byoa.integrations.components.converters."

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("MOI_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "converters", name, NULL);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GBytes *
static_bytes (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

/* Converts fixture @name, expecting exactly one document. */
static MoiDocument *
convert_one (const char *type,
             const char *params_json,
             const char *name,
             GBytes     *data,
             const char *meta_json)
{
  g_autoptr(JsonObject) params = params_json ? moi_test_json_object (params_json) : NULL;
  g_autoptr(JsonObject) meta = meta_json ? moi_test_json_object (meta_json) : NULL;
  g_autoptr(GBytes) bytes = data ? g_bytes_ref (data) : fixture_bytes (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *path = g_strconcat ("/data/in/", name, NULL);

  docs = moi_convert (type, params, bytes, path, meta, &warning, &error);
  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_nonnull (docs);
  g_assert_cmpuint (docs->len, ==, 1);
  return moi_document_ref (g_ptr_array_index (docs, 0));
}

/* ------------------------------------------------------------ zip / pdf */

static la_ssize_t
write_to_array (struct archive *a,
                void           *user_data,
                const void     *buffer,
                size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return length;
}

/* @replace_part / @replacement (may be NULL): a part whose contents are
 * rewritten: every @replace_from in it becomes @replacement. */
typedef struct
{
  const char *part;
  const char *from;
  const char *to;
} PartEdit;

static void
add_tree (struct archive *a,
          const char     *root,
          const char     *rel,
          const PartEdit *edit)
{
  g_autofree char *dir_path = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);
      g_autofree char *contents = NULL;
      gsize len;
      struct archive_entry *entry;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          add_tree (a, root, child_rel, edit);
          continue;
        }
      g_assert_true (g_file_get_contents (child, &contents, &len, NULL));
      if (edit != NULL && strcmp (edit->part, child_rel) == 0)
        {
          g_autoptr(GString) edited = g_string_new (contents);

          g_assert_cmpuint (g_string_replace (edited, edit->from, edit->to, 0), >, 0);
          g_free (contents);
          len = edited->len;
          contents = g_string_free (g_steal_pointer (&edited), FALSE);
        }
      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, child_rel);
      archive_entry_set_size (entry, len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, contents, len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }
}

/* Zips the fixture directory @name (an unpacked DOCX/PPTX), with @edit
 * (may be NULL) applied. */
static GBytes *
zip_fixture_edited (const char     *name,
                    const PartEdit *edit)
{
  g_autofree char *root = fixture_path (name);
  GByteArray *buf = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open (a, buf, NULL, write_to_array, NULL), ==, ARCHIVE_OK);
  add_tree (a, root, "", edit);
  archive_write_close (a);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (buf);
}

static GBytes *
zip_fixture (const char *name)
{
  return zip_fixture_edited (name, NULL);
}

static cairo_status_t
write_pdf (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A two-page PDF, drawn with cairo. */
static GBytes *
make_pdf (void)
{
  GByteArray *buf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_pdf, buf, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 20, 40);
  cairo_show_text (cr, "First page text");
  cairo_show_page (cr);
  cairo_move_to (cr, 20, 40);
  cairo_show_text (cr, "Second page");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (buf);
}

/* ------------------------------------------------------------------ tests */

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) docs = NULL;
  const char * const *paths = moi_converter_type_paths ();

  g_assert_cmpint (moi_converter_kind_from_type (HS "txt.TextFileToDocument"), ==,
                   MOI_CONVERTER_TEXT);
  g_assert_cmpint (moi_converter_kind_from_type ("haystack.components.converters.PyPDFToDocument"),
                   ==, MOI_CONVERTER_PDF);
  g_assert_cmpint (moi_converter_kind_from_type ("MarkdownToDocument"), ==,
                   MOI_CONVERTER_MARKDOWN);
  g_assert_cmpint (moi_converter_kind_from_type ("PPTX"), ==, MOI_CONVERTER_PPTX);
  g_assert_cmpint (moi_converter_kind_from_type (BYOA "magic_pdf_to_document.MagicPDFToDocument"),
                   ==, MOI_CONVERTER_MOI_PDF);
  g_assert_false (moi_converter_handles ("haystack.components.preprocessors.DocumentCleaner"));
  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 11);
  for (guint i = 0; paths[i] != NULL; i++)
    g_assert_true (moi_converter_handles (paths[i]));

  docs = moi_convert ("ImageToDocument", NULL, data, "a.png", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_UNKNOWN_TYPE);
  g_assert_null (docs);
  g_assert_nonnull (strstr (error->message, "ImageToDocument"));
}

static void
test_text_utf8 (void)
{
  g_autoptr(MoiDocument) doc = NULL;
  g_autoptr(MoiDocument) full = NULL;

  doc = convert_one (HS "txt.TextFileToDocument", NULL, "plain-utf8.txt", NULL,
                     "{\"source\": \"unit\", \"file_path\": \"override.txt\"}");
  g_assert_cmpstr (doc->content, ==, "Hello 世界\nSecond line\n");
  /* Haystack sets the basename of the source's path last, over the meta. */
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "file_path"), ==,
                   "plain-utf8.txt");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "source"), ==,
                   "unit");
  g_assert_nonnull (moi_document_get_id (doc));
  g_assert_cmpuint (strlen (moi_document_get_id (doc)), ==, 64);
  /* Made when first asked for, it is the id of the document as it is. */
  {
    g_autoptr(MoiDocument) same = moi_document_new (doc->content, moi_document_get_meta (doc));
    g_autofree char *again = moi_document_compute_id (doc);

    g_assert_cmpstr (moi_document_get_id (doc), ==, moi_document_get_id (same));
    g_assert_cmpstr (moi_document_get_id (doc), ==, again);
  }

  full = convert_one ("txt", "{\"store_full_path\": \"true\"}", "plain-utf8.txt", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (full), "file_path"), ==,
                   "/data/in/plain-utf8.txt");
  g_clear_pointer (&full, moi_document_unref);

  /* With the full path kept, the caller's meta wins (merge order). */
  full = convert_one ("txt", "{\"store_full_path\": true}", "plain-utf8.txt", NULL,
                      "{\"file_path\": \"override.txt\"}");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (full), "file_path"), ==,
                   "override.txt");
  g_assert_false (json_object_has_member (moi_document_get_meta (full), "content_type"));
}

static void
test_text_basename (void)
{
  g_autoptr(MoiDocument) doc = convert_one ("txt", NULL, "plain-utf8.txt", NULL, NULL);

  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "file_path"), ==,
                   "plain-utf8.txt");
  g_assert_cmpuint (json_object_get_size (moi_document_get_meta (doc)), ==, 1);
}

static void
test_text_bom_crlf (void)
{
  g_autoptr(MoiDocument) doc = convert_one ("txt", NULL, "bom-crlf.txt", NULL, NULL);

  /* Python's "utf-8" codec keeps the BOM as U+FEFF; line ends are kept. */
  g_assert_cmpstr (doc->content, ==, "\xef\xbb\xbfLine one\r\nLine two\r\n");
}

static void
test_text_undecodable (void)
{
  g_autoptr(GBytes) data = fixture_bytes ("gb18030.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(MoiDocument) decoded = NULL;
  g_autoptr(MoiDocument) by_meta = NULL;

  docs = moi_convert (HS "txt.TextFileToDocument", NULL, data, "/x/gb18030.txt", NULL,
                      &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (docs);
  g_assert_cmpuint (docs->len, ==, 0);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "gb18030.txt"));

  decoded = convert_one ("txt", "{\"encoding\": \"gb18030\"}", "gb18030.txt", NULL, NULL);
  g_assert_cmpstr (decoded->content, ==, "中文编码测试：简体字。\n");

  /* A ByteStream's meta "encoding" overrides the parameter. */
  by_meta = convert_one ("txt", NULL, "gb18030.txt", NULL, "{\"encoding\": \"gb18030\"}");
  g_assert_cmpstr (by_meta->content, ==, "中文编码测试：简体字。\n");
}

static void
test_file_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *path = fixture_path ("plain-utf8.txt");

  docs = moi_convert_file ("txt", NULL, "/nonexistent/missing.txt", NULL, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 0);
  g_assert_nonnull (strstr (warning, "/nonexistent/missing.txt"));
  g_clear_pointer (&docs, g_ptr_array_unref);
  g_clear_pointer (&warning, g_free);

  docs = moi_convert_file ("txt", NULL, path, NULL, &warning, &error);
  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_cmpuint (docs->len, ==, 1);
}

static void
test_markdown_plain (void)
{
  g_autoptr(MoiDocument) doc = convert_one (HS "markdown.MarkdownToDocument", NULL,
                                            "front-matter.md", NULL, NULL);

  /* Without extract_frontmatter the YAML is rendered as text (a thematic
   * break, then a setext heading); tables stay as pipe text. */
  g_assert_cmpstr (doc->content, ==,
                   "title: Quarterly report\n"
                   "tags: [finance, \"q3\"]\n"
                   "draft: false\n"
                   "version: 3\n"
                   "authors:\n"
                   "Alice\n"
                   "Bob\n"
                   "Overview\n"
                   "This is bold, italic and code with a link.\n"
                   "| Name | Score |\n"
                   "| ---- | ----- |\n"
                   "| Ann  | 10    |\n"
                   "| Bo   | 20    |\n"
                   "first item\n"
                   "second item");
}

static void
test_markdown_frontmatter (void)
{
  g_autoptr(MoiDocument) doc = convert_one ("markdown",
                                            "{\"extract_frontmatter\": true,"
                                            " \"table_to_single_line\": \"true\"}",
                                            "front-matter.md", NULL, NULL);
  JsonArray *tags;
  JsonArray *authors;

  g_assert_cmpstr (doc->content, ==,
                   "Overview\n"
                   "This is bold, italic and code with a link.\n"
                   "Name Score Ann 10 Bo 20\n"
                   "first item\n"
                   "second item");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "title"), ==,
                   "Quarterly report");
  g_assert_false (json_object_get_boolean_member (moi_document_get_meta (doc), "draft"));
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (doc), "version"), ==, 3);
  tags = json_object_get_array_member (moi_document_get_meta (doc), "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "q3");
  authors = json_object_get_array_member (moi_document_get_meta (doc), "authors");
  g_assert_cmpuint (json_array_get_length (authors), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (authors, 0), ==, "Alice");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "file_path"), ==,
                   "front-matter.md");
}

static void
test_markdown_blocks (void)
{
  g_autofree char *text = NULL;

  text = moi_markdown_to_text ("Setext\n===\n\n```c\nint x = 1;\n```\n\n"
                                        "> quoted *text*\n\n    indented code\n\n"
                                        "snake_case_name and 2 * 3 &amp; &#x41;\n"
                                        "![alt text](img.png) <b>html</b> <https://a.b/c>",
                               FALSE);
  g_assert_cmpstr (text, ==,
                   "Setext\n"
                   "int x = 1;\n"
                   "quoted text\n"
                   "indented code\n"
                   "snake_case_name and 2 * 3 & A\n"
                   "alt text html https://a.b/c");
}

static void
test_markdown_quoted_code (void)
{
  g_autofree char *text = NULL;

  /* An indented code line inside a quote once made the parser loop. */
  text = moi_markdown_to_text (">>\tcode in a quote\n>    more\nafter", FALSE);
  g_assert_cmpstr (text, ==, "code in a quote\nmore\nafter");
}

static void
test_csv_file (void)
{
  g_autoptr(MoiDocument) doc = convert_one (HS "csv.CSVToDocument", NULL, "rows.csv", NULL,
                                            NULL);
  g_autoptr(GBytes) raw = fixture_bytes ("rows.csv");

  g_assert_cmpmem (doc->content, strlen (doc->content),
                   g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

static void
test_csv_rows (void)
{
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"conversion_mode\": \"row\","
                                                       " \"content_column\": \"text\"}");
  g_autoptr(GBytes) data = fixture_bytes ("rows.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  MoiDocument *doc;

  g_autoptr(JsonObject) meta = moi_test_json_object ("{\"id\": \"file-7\"}");
  JsonObject *first_meta;

  docs = moi_convert ("csv", params, data, "rows.csv", meta, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 3);

  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (doc->content, ==, "Hello, world");
  /* A column named like a meta key already there gets a "csv_" prefix. */
  first_meta = moi_document_get_meta (doc);
  g_assert_cmpstr (json_object_get_string_member (first_meta, "id"), ==, "file-7");
  g_assert_cmpstr (json_object_get_string_member (first_meta, "csv_id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (first_meta, "file_path"), ==, "rows.csv");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "lang"), ==, "en");
  g_assert_false (json_object_has_member (moi_document_get_meta (doc), "text"));
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (doc), "row_number"), ==, 0);

  doc = g_ptr_array_index (docs, 1);
  g_assert_cmpstr (doc->content, ==, "Line one\nline two");
  doc = g_ptr_array_index (docs, 2);
  g_assert_cmpstr (doc->content, ==, "你好");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "lang"), ==, "zh");
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (doc), "row_number"), ==, 2);
}

static void
test_csv_delimiter (void)
{
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"conversion_mode\": \"row\","
                                                       " \"content_column\": \"b\","
                                                       " \"delimiter\": \";\","
                                                       " \"quotechar\": \"'\"}");
  static const char csv[] = "a;b\r\n1;'x;y'\r\n\r\n2;'it''s'\r\n";
  g_autoptr(GBytes) data = static_bytes (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = moi_convert ("csv", params, data, "semi.csv", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (docs, 0))->content, ==, "x;y");
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (docs, 1))->content, ==, "it's");
}

static void
test_csv_errors (void)
{
  g_autoptr(GBytes) data = fixture_bytes ("rows.csv");
  g_autoptr(JsonObject) no_column = moi_test_json_object ("{\"conversion_mode\": \"row\"}");
  g_autoptr(JsonObject) bad_column = moi_test_json_object ("{\"conversion_mode\": \"row\","
                                                           " \"content_column\": \"body\"}");
  g_autoptr(JsonObject) bad_delim = moi_test_json_object ("{\"delimiter\": \";;\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = moi_convert ("csv", no_column, data, "rows.csv", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_MISSING_INPUT);
  g_assert_null (docs);
  g_assert_nonnull (strstr (error->message, "content_column"));
  g_clear_error (&error);

  docs = moi_convert ("csv", bad_delim, data, "rows.csv", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER);
  g_assert_nonnull (strstr (error->message, "delimiter"));
  g_clear_error (&error);

  /* An unknown column fails the file (Haystack raises), naming the columns. */
  docs = moi_convert ("csv", bad_column, data, "rows.csv", NULL, &warning, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_MISSING_INPUT);
  g_assert_null (docs);
  g_assert_null (warning);
  g_assert_nonnull (strstr (error->message, "“body”"));
  g_assert_nonnull (strstr (error->message, "rows.csv"));
  g_assert_nonnull (strstr (error->message, "id, text, lang"));
}

static void
test_html (void)
{
  g_autoptr(MoiDocument) doc = convert_one (HS "html.HTMLToDocument", NULL, "page.html", NULL,
                                            NULL);
  g_autoptr(GBytes) empty = static_bytes ("<html><body><nav>x</nav></body></html>");
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  g_assert_cmpstr (doc->content, ==,
                   "Main heading\n"
                   "First paragraph with bold text.\n"
                   "- Apple\n"
                   "- Banana\n"
                   "Key | Value\n"
                   "a | 1");

  docs = moi_convert ("html", NULL, empty, "empty.html", NULL, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 0);
  g_assert_nonnull (strstr (warning, "empty.html"));
}

static const char html_page[] =
  "<html><body><main><p>See <a href=\"https://example.org/x\">the docs</a> now.</p>"
  "<p><img src=\"pic.png\" title=\"Cat\" alt=\"a cat\"></p>"
  "<table><tr><td>k</td><td>v</td></tr></table>"
  "<div id=\"comment-list\"><p>Nice post!</p></div></main></body></html>";

/* HTMLToDocument's content with @params_json as init parameters. */
static char *
html_text (const char *params_json)
{
  g_autoptr(GBytes) data = static_bytes (html_page);
  g_autoptr(MoiDocument) doc = convert_one (HS "html.HTMLToDocument", params_json, "p.html",
                                            data, NULL);

  return g_strdup (doc->content);
}

/* extraction_kwargs (trafilatura.extract()'s arguments) are accepted, and
 * those that mean something for text are applied. */
static void
test_html_extraction_kwargs (void)
{
  static const struct { const char *params; const char *text; } cases[] = {
    /* trafilatura's defaults: tables and comments in, links and images out. */
    { NULL, "See the docs now.\nk | v\nNice post!" },
    { "{\"extraction_kwargs\": null}", "See the docs now.\nk | v\nNice post!" },
    { "{\"extraction_kwargs\": {\"favor_precision\": true, \"output_format\": \"txt\", "
      "\"deduplicate\": true, \"target_language\": null}}",
      "See the docs now.\nk | v\nNice post!" },
    { "{\"extraction_kwargs\": {\"include_links\": true}}",
      "See [the docs](https://example.org/x) now.\nk | v\nNice post!" },
    { "{\"extraction_kwargs\": {\"include_tables\": false}}", "See the docs now.\nNice post!" },
    { "{\"extraction_kwargs\": {\"include_comments\": \"false\"}}",
      "See the docs now.\nk | v" },
    { "{\"extraction_kwargs\": {\"include_images\": true}}",
      "See the docs now.\n![Cat a cat](pic.png)\nk | v\nNice post!" },
    /* MOI sends dicts as JSON text too. */
    { "{\"extraction_kwargs\": \"{\\\"include_links\\\": true, "
      "\\\"include_tables\\\": false}\"}",
      "See [the docs](https://example.org/x) now.\nNice post!" },
  };
  static const struct { const char *params; const char *fragment; } bad[] = {
    { "{\"extraction_kwargs\": [1]}", "extraction_kwargs" },
    { "{\"extraction_kwargs\": {\"include_tables\": \"maybe\"}}", "include_tables" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = html_text (cases[i].params);

      g_test_message ("%s", cases[i].params ? cases[i].params : "(none)");
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) params = moi_test_json_object (bad[i].params);
      g_autoptr(GError) error = NULL;

      g_assert_false (moi_converter_check_parameters (HS "html.HTMLToDocument", params, &error));
      g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER);
      g_assert_nonnull (strstr (error->message, bad[i].fragment));
    }
}

/* The run input extraction_kwargs is merged into the init ones, as
 * Haystack's {**self.extraction_kwargs, **extraction_kwargs}. */
static void
test_html_run_extraction_kwargs (void)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = fixture_write (dir, "p.html", html_page);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node ("{'name':'html','type':'haystack.components.converters."
                                          "html.HTMLToDocument','init_parameters':"
                                          "{'extraction_kwargs':{'include_links':true,"
                                          "'include_tables':true}}}", &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiValue) sources = NULL;
  g_autoptr(MoiValue) kwargs = moi_value_new_json (fixture_json ("{'include_tables':false}"));
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_source_unref);
  MoiValue *documents;

  g_assert_no_error (error);
  g_ptr_array_add (list, moi_source_new_for_path (path, NULL));
  sources = moi_value_new_sources (list);
  moi_node_inputs_add (inputs, "sources", sources);
  moi_node_inputs_add (inputs, "extraction_kwargs", kwargs);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  documents = moi_node_outputs_get (outputs, "documents");
  g_assert_cmpuint (documents->items->len, ==, 1);
  g_assert_cmpstr (((MoiDocument *) documents->items->pdata[0])->content, ==,
                   "See [the docs](https://example.org/x) now.\nNice post!");
  /* The node's own parameters are untouched by a run's input. */
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (moi_node_get_parameters (node), "extraction_kwargs"),
    "include_tables"));
  fixture_rmdir (dir);
}

static void
test_pdf (void)
{
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(MoiDocument) doc = NULL;
  g_autoptr(MoiDocument) magic = NULL;
  g_auto(GStrv) pages = NULL;

  doc = convert_one (HS "pypdf.PyPDFToDocument", NULL, "drawn.pdf", pdf, NULL);
  pages = g_strsplit (doc->content, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 2);
  g_assert_nonnull (strstr (pages[0], "First page text"));
  g_assert_nonnull (strstr (pages[1], "Second page"));
  g_assert_null (strstr (pages[0], "Second"));
  g_assert_false (json_object_has_member (moi_document_get_meta (doc), "content_type"));

  magic = convert_one (BYOA "magic_pdf_to_document.MagicPDFToDocument",
                       "{\"image_process_types\": [\"caption\", \"ocr\"]}", "drawn.pdf", pdf,
                       NULL);
  g_assert_null (strchr (magic->content, '\f'));
  g_assert_true (g_str_has_prefix (magic->content, "First page text\n\nSecond page"));
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (magic),
                                                  "content_type"), ==,
                   "text");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (magic),
                                                  "image_processing"), ==,
                   "unsupported-locally");
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (magic), "page_count"), ==, 2);
}

static void
test_pdf_corrupt (void)
{
  g_autoptr(GBytes) data = static_bytes ("%PDF-1.4\nnot really a pdf\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = moi_convert ("pdf", NULL, data, "/in/broken.pdf", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT);
  g_assert_null (docs);
  g_assert_nonnull (strstr (error->message, "broken.pdf"));
}

static void
test_docx (void)
{
  g_autoptr(GBytes) docx = zip_fixture ("docx");
  g_autoptr(MoiDocument) csv = NULL;
  g_autoptr(MoiDocument) md = NULL;
  JsonObject *meta;

  /* Word's rendered page break makes the "\f", at the start of the page. */
  csv = convert_one (HS "docx.DOCXToDocument", NULL, "plan.docx", docx, NULL);
  g_assert_cmpstr (csv->content, ==,
                   "Project plan\n"
                   "First paragraph\ttabbed\n"
                   "\n"
                   "Name,Note\r\nAnn,\"says \"\"hi\"\", twice\"\r\n\n"
                   "See the site.\n"
                   "Before break\n"
                   "\fSecond page");
  meta = json_object_get_object_member (moi_document_get_meta (csv), "docx");
  g_assert_cmpstr (json_object_get_string_member (meta, "author"), ==, "Jane Doe");
  g_assert_cmpstr (json_object_get_string_member (meta, "title"), ==, "Plan");
  g_assert_cmpstr (json_object_get_string_member (meta, "last_modified_by"), ==, "John Roe");
  g_assert_cmpstr (json_object_get_string_member (meta, "created"), ==,
                   "2024-03-01T09:30:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (meta, "modified"), ==,
                   "2024-03-02T10:00:00+00:00");
  g_assert_cmpint (json_object_get_int_member (meta, "revision"), ==, 4);
  g_assert_true (json_object_get_null_member (meta, "last_printed"));
  g_assert_cmpstr (json_object_get_string_member (meta, "subject"), ==, "");
  g_assert_cmpuint (json_object_get_size (meta), ==, 15);

  md = convert_one ("docx", "{\"table_format\": \"markdown\", \"link_format\": \"markdown\"}",
                   "plan.docx", docx, NULL);
  g_assert_nonnull (strstr (md->content,
                            "\n| Name | Note             |\n"
                            "| ---- | ---------------- |\n"
                            "| Ann  | says \"hi\", twice |\n"
                            "See [the site](https://example.org/site).\n"));
}

static void
test_docx_links_and_breaks (void)
{
  /* Saved by software that writes no rendered breaks: hard breaks count. */
  const PartEdit no_rendered = { "word/document.xml", "<w:lastRenderedPageBreak/>", "" };
  g_autoptr(GBytes) docx = zip_fixture_edited ("docx", &no_rendered);
  g_autoptr(MoiDocument) doc = NULL;

  doc = convert_one ("docx", "{\"link_format\": \"plain\"}", "plan.docx", docx, NULL);
  g_assert_true (g_str_has_suffix (doc->content,
                                   "See the site (https://example.org/site).\n"
                                   "Before break\f\n"
                                   "Second page"));
}

static void
test_docx_moi (void)
{
  g_autoptr(GBytes) docx = zip_fixture ("docx");
  g_autoptr(MoiDocument) doc = NULL;
  JsonObject *meta;

  doc = convert_one (BYOA "enhanced_docx_to_document.EnhancedDOCXToDocument",
                     "{\"image_process_types\": null}", "plan.docx", docx, NULL);
  g_assert_false (json_object_has_member (moi_document_get_meta (doc), "image_processing"));
  g_assert_true (g_str_has_prefix (doc->content, "# Project plan\n\nFirst paragraph\ttabbed\n\n"
                                                 "| Name | Note"));
  g_assert_true (g_str_has_suffix (doc->content, "See [the site](https://example.org/site).\n\n"
                                                 "Before break\n\nSecond page"));
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "content_type"), ==,
                   "text");
  meta = json_object_get_object_member (moi_document_get_meta (doc), "docx");
  g_assert_cmpuint (json_object_get_size (meta), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (meta, "author"), ==, "Jane Doe");
  g_assert_cmpstr (json_object_get_string_member (meta, "created"), ==,
                   "2024-03-01T09:30:00+00:00");
}

static void
test_docx_corrupt (void)
{
  g_autoptr(GBytes) garbage = static_bytes ("PK\x03\x04this is not a zip");
  g_autoptr(GBytes) pptx = zip_fixture ("pptx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(JsonObject) bad = moi_test_json_object ("{\"table_format\": \"html\"}");
  g_autoptr(GBytes) docx = zip_fixture ("docx");

  docs = moi_convert ("docx", NULL, garbage, "/in/broken.docx", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT);
  g_assert_null (docs);
  g_assert_nonnull (strstr (error->message, "broken.docx"));
  g_clear_error (&error);

  /* A zip that is not a DOCX: the missing part is named. */
  docs = moi_convert ("docx", NULL, pptx, "/in/slides.docx", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "word/document.xml"));
  g_clear_error (&error);

  docs = moi_convert ("docx", bad, docx, "plan.docx", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER);
  g_assert_nonnull (strstr (error->message, "table_format"));
}

static void
test_pptx (void)
{
  g_autoptr(GBytes) pptx = zip_fixture ("pptx");
  g_autoptr(MoiDocument) doc = NULL;
  g_autoptr(MoiDocument) moi = NULL;
  g_autoptr(GBytes) garbage = static_bytes ("not a zip at all");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  /* Slides in presentation order (sldIdLst), not file name order. */
  doc = convert_one (HS "pptx.PPTXToDocument", NULL, "deck.pptx", pptx, NULL);
  g_assert_cmpstr (doc->content, ==,
                   "Welcome\nPoint one, see docs\nPoint two\vwrapped\fThanks");
  g_clear_pointer (&doc, moi_document_unref);

  /* With a link format Haystack keeps the a:r runs only (no a:br). */
  doc = convert_one (HS "pptx.PPTXToDocument", "{\"link_format\": \"markdown\"}", "deck.pptx",
                     pptx, NULL);
  g_assert_cmpstr (doc->content, ==,
                   "Welcome\nPoint one, see [docs](https://example.org/docs)\n"
                   "Point twowrapped\fThanks");

  moi = convert_one (BYOA "enhanced_pptx_to_document.EnhancedPPTXToDocument", NULL,
                     "deck.pptx", pptx, NULL);
  g_assert_cmpstr (moi->content, ==,
                   "Welcome\nPoint one, see docs\nPoint two\nwrapped\nGrouped note\n\nThanks");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (moi), "content_type"), ==,
                   "text");
  g_clear_pointer (&moi, moi_document_unref);

  moi = convert_one (BYOA "enhanced_pptx_to_document.EnhancedPPTXToDocument",
                     "{\"image_process_types\": \"[\\\"caption\\\"]\"}", "deck.pptx", pptx,
                     NULL);
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (moi),
                                                  "image_processing"), ==,
                   "unsupported-locally");

  docs = moi_convert ("pptx", NULL, garbage, "deck.pptx", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "deck.pptx"));
}

static void
test_moi_plain (void)
{
  g_autoptr(MoiDocument) md = NULL;

  /* MOI keeps markdown as markdown (its splitter cuts at headings). */
  md = convert_one (BYOA "enhanced_plain_to_document.EnhancedPlainToDocument", NULL,
                    "front-matter.md", NULL, "{\"file_id\": \"f1\"}");
  g_assert_true (g_str_has_prefix (md->content, "---\ntitle: Quarterly report\n"));
  g_assert_nonnull (strstr (md->content, "# Overview\n"));
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (md), "content_type"), ==,
                   "text");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (md), "file_id"), ==, "f1");
}

static void
test_bad_parameters (void)
{
  g_autoptr(GBytes) data = fixture_bytes ("front-matter.md");
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"table_to_single_line\": \"maybe\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = moi_convert ("markdown", params, data, "a.md", NULL, NULL, &error);
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER);
  g_assert_null (docs);
  g_assert_nonnull (strstr (error->message, "table_to_single_line"));
  g_assert_nonnull (strstr (error->message, "MarkdownToDocument"));
}

static void
test_check_parameters (void)
{
  const char *good[] = {
    HS "csv.CSVToDocument", "{\"conversion_mode\": \"row\"}",
    HS "docx.DOCXToDocument", "{\"table_format\": \"markdown\", \"store_full_path\": \"0\"}",
    BYOA "magic_pdf_to_document.MagicPDFToDocument", "{\"image_process_types\": \"[\\\"ocr\\\"]\"}",
    HS "pptx.PPTXToDocument", "{}",
    HS "pypdf.PyPDFToDocument", "{\"extraction_mode\": \"layout\"}",
  };
  const char *bad[] = {
    HS "csv.CSVToDocument", "{\"conversion_mode\": \"column\"}", "conversion_mode",
    HS "docx.DOCXToDocument", "{\"table_format\": \"html\"}", "table_format",
    HS "txt.TextFileToDocument", "{\"store_full_path\": \"yes please\"}", "store_full_path",
    HS "markdown.MarkdownToDocument", "{\"extract_frontmatter\": {}}", "extract_frontmatter",
    HS "pptx.PPTXToDocument", "{\"link_format\": \"html\"}", "link_format",
    HS "pypdf.PyPDFToDocument", "{\"extraction_mode\": \"ocr\"}", "extraction_mode",
    BYOA "magic_pdf_to_document.MagicPDFToDocument", "{\"image_process_types\": 3}",
    "image_process_types",
  };
  g_autoptr(GError) error = NULL;

  /* content_column is a run-time input: row mode alone is fine here. */
  for (guint i = 0; i < G_N_ELEMENTS (good); i += 2)
    {
      g_autoptr(JsonObject) params = moi_test_json_object (good[i + 1]);

      g_assert_true (moi_converter_check_parameters (good[i], params, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i += 3)
    {
      g_autoptr(JsonObject) params = moi_test_json_object (bad[i + 1]);

      g_assert_false (moi_converter_check_parameters (bad[i], params, &error));
      g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER);
      g_assert_nonnull (strstr (error->message, bad[i + 2]));
      g_clear_error (&error);
    }
  g_assert_false (moi_converter_check_parameters ("AudioToDocument", NULL, &error));
  g_assert_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_UNKNOWN_TYPE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/converters/types", test_types);
  g_test_add_func ("/moi/converters/text/utf8", test_text_utf8);
  g_test_add_func ("/moi/converters/text/basename", test_text_basename);
  g_test_add_func ("/moi/converters/text/bom-crlf", test_text_bom_crlf);
  g_test_add_func ("/moi/converters/text/undecodable", test_text_undecodable);
  g_test_add_func ("/moi/converters/text/unreadable-file", test_file_unreadable);
  g_test_add_func ("/moi/converters/markdown/plain", test_markdown_plain);
  g_test_add_func ("/moi/converters/markdown/frontmatter", test_markdown_frontmatter);
  g_test_add_func ("/moi/converters/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/moi/converters/markdown/quoted-code", test_markdown_quoted_code);
  g_test_add_func ("/moi/converters/csv/file", test_csv_file);
  g_test_add_func ("/moi/converters/csv/rows", test_csv_rows);
  g_test_add_func ("/moi/converters/csv/delimiter", test_csv_delimiter);
  g_test_add_func ("/moi/converters/csv/errors", test_csv_errors);
  g_test_add_func ("/moi/converters/html", test_html);
  g_test_add_func ("/moi/converters/html-extraction-kwargs", test_html_extraction_kwargs);
  g_test_add_func ("/moi/converters/html-run-extraction-kwargs", test_html_run_extraction_kwargs);
  g_test_add_func ("/moi/converters/pdf", test_pdf);
  g_test_add_func ("/moi/converters/pdf/corrupt", test_pdf_corrupt);
  g_test_add_func ("/moi/converters/docx", test_docx);
  g_test_add_func ("/moi/converters/docx/links-and-breaks", test_docx_links_and_breaks);
  g_test_add_func ("/moi/converters/docx/moi", test_docx_moi);
  g_test_add_func ("/moi/converters/docx/corrupt", test_docx_corrupt);
  g_test_add_func ("/moi/converters/pptx", test_pptx);
  g_test_add_func ("/moi/converters/moi-plain", test_moi_plain);
  g_test_add_func ("/moi/converters/bad-parameters", test_bad_parameters);
  g_test_add_func ("/moi/converters/check-parameters", test_check_parameters);

  return g_test_run ();
}
