/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "moi-enhanced-splitter.h"
#include "moi-test-json.h"

static GPtrArray *
split (const char  *json,
       MoiDocument *doc)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiEnhancedSplitter) splitter = moi_enhanced_splitter_new (params, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  GPtrArray *out;

  g_assert_no_error (error);
  g_assert_nonnull (splitter);
  g_ptr_array_add (docs, doc);
  out = moi_enhanced_splitter_run (splitter, docs, &error);
  g_assert_no_error (error);
  return out;
}

/* Checks what holds for every split: meta, ids, offsets in code points. */
static void
check_splits (MoiDocument *source,
              GPtrArray   *splits)
{
  for (guint i = 0; i < splits->len; i++)
    {
      MoiDocument *d = g_ptr_array_index (splits, i);
      gint64 start = json_object_get_int_member (moi_document_get_meta (d), "split_idx_start");
      const char *at = g_utf8_offset_to_pointer (source->content, start);

      g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (d), "source_id"), ==,
                       moi_document_get_id (source));
      g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (d), "split_id"), ==, i);
      g_assert_true (strncmp (at, d->content, strlen (d->content)) == 0);
    }
}

/* Asserts the split contents, NULL-terminated. */
static void
assert_contents (GPtrArray          *splits,
                 const char * const *expected)
{
  for (guint i = 0; i < splits->len && expected[i] != NULL; i++)
    g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (splits, i))->content, ==, expected[i]);
  g_assert_cmpuint (splits->len, ==, g_strv_length ((char **) expected));
}

static void
test_defaults (void)
{
  g_autoptr(JsonObject) meta = moi_test_json_object ("{\"file_name\": \"a.md\", \"split_id\": 99}");
  g_autoptr(MoiDocument) doc = moi_document_new ("Short text.", meta);
  g_autoptr(GPtrArray) out = split ("{}", doc);
  MoiDocument *chunk;
  g_autofree char *long_text = g_strnfill (1700, 'x');
  g_autoptr(MoiDocument) long_doc = moi_document_new (long_text, NULL);
  g_autoptr(GPtrArray) long_out = split ("{}", long_doc);

  g_assert_cmpuint (out->len, ==, 1);
  chunk = g_ptr_array_index (out, 0);
  g_assert_cmpstr (chunk->content, ==, "Short text.");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (chunk), "file_name"), ==,
                   "a.md");
  /* The splitter's keys overwrite the input's. */
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk), "split_id"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk),
                                               "split_idx_start"), ==,
                   0);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk), "page_number"), ==,
                   1);
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (chunk), "source_id"), ==,
                   moi_document_get_id (doc));

  /* Default: 800 characters, no overlap. */
  g_assert_cmpuint (long_out->len, ==, 3);
  g_assert_cmpuint (strlen (((MoiDocument *) g_ptr_array_index (long_out, 0))->content), ==, 800);
  g_assert_cmpuint (strlen (((MoiDocument *) g_ptr_array_index (long_out, 2))->content), ==, 100);
  check_splits (long_doc, long_out);
}

static void
test_char_separators (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("第一段文字。第二句话！\n\n"
                                                 "Second paragraph is here. And more.", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_unit\": \"char\", \"split_length\": \"13\"}", doc);
  const char *expected[] = {
    "第一段文字。第二句话！\n\n", "Second ", "paragraph is ", "here. ", "And more.", NULL
  };

  /* Paragraphs first, then sentences, then words; pieces merge while they fit. */
  assert_contents (out, expected);
  check_splits (doc, out);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (g_ptr_array_index (out, 1)),
                                               "split_idx_start"), ==, 13);
}

static void
test_words (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("one two three four five six seven", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_unit\": \"word\", \"split_length\": 3}", doc);
  const char *expected[] = { "one two three ", "four five six ", "seven", NULL };

  assert_contents (out, expected);
  check_splits (doc, out);
}

static void
test_cjk_words (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("这是中文文本测试", NULL);
  g_autoptr(MoiDocument) mixed = moi_document_new ("你好，世界。hello world", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_unit\": \"word\", \"split_length\": 3}", doc);
  g_autoptr(GPtrArray) mixed_out = NULL;
  const char *expected[] = { "这是中", "文文本", "测试", NULL };
  const char *mixed_expected[] = { "你好，世界。", "hello world", NULL };

  /* Each CJK character counts as a word. */
  assert_contents (out, expected);
  check_splits (doc, out);

  /* Full-width punctuation is not a word: 4 + 2 words. */
  mixed_out = split ("{\"split_unit\": \"word\", \"split_length\": 4}", mixed);
  assert_contents (mixed_out, mixed_expected);
  check_splits (mixed, mixed_out);
}

static void
test_overlap (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("w1 w2 w3 w4 w5 w6 w7", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_unit\": \"word\", \"split_length\": 4,"
                                    " \"split_overlap\": 2}", doc);
  const char *expected[] = { "w1 w2 ", "w1 w2 w3 w4 ", "w3 w4 w5 w6 ", "w5 w6 w7", NULL };
  const gint64 starts[] = { 0, 0, 6, 12 };

  /* Each chunk starts with the last split_overlap words of the one before
   * and holds at most split_length words. */
  assert_contents (out, expected);
  check_splits (doc, out);
  for (guint i = 0; i < out->len; i++)
    g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (g_ptr_array_index (out, i)),
                                                 "split_idx_start"), ==, starts[i]);
}

static void
test_char_overlap (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("abcdefghij", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_length\": 4, \"split_overlap\": 1}", doc);
  const char *expected[] = { "abc", "cdef", "fghi", "ij", NULL };

  assert_contents (out, expected);
  check_splits (doc, out);
}

static void
test_custom_separators (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("ab|cd|efghij", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_length\": 5,"
                                    " \"custom_separators\": \"[\\\"|\\\"]\"}", doc);
  const char *expected[] = { "ab|", "cd|", "efghi", "j", NULL };
  g_autoptr(GPtrArray) default_out = split ("{\"split_length\": 5}", doc);

  /* The custom list replaces the default ones; a hard cut comes last. */
  assert_contents (out, expected);
  check_splits (doc, out);

  /* Without "|" as a separator the text is cut by length only. */
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (default_out, 0))->content, ==, "ab|cd");
}

static void
test_words_across_separators (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("ab|cd ef|gh ij|kl mn", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_unit\": \"word\", \"split_length\": 3,"
                                    " \"custom_separators\": [\"|\"]}", doc);
  const char *expected[] = { "ab|cd ef|gh ij|", "kl mn", NULL };

  /* "ab|cd" is one word even though the text is cut at "|". */
  assert_contents (out, expected);
  check_splits (doc, out);
}

static void
test_level_based (void)
{
  const char *text = "Intro line\n# A\ntext a\n```\n# not a heading\n```\n## B\ntext b\n# C\nccc";
  g_autoptr(MoiDocument) doc = moi_document_new (text, NULL);
  g_autoptr(GPtrArray) out = split ("{\"enable_level_based_split\": \"true\"}", doc);
  g_autoptr(GPtrArray) flat = split ("{\"enable_level_based_split\": false}", doc);
  const char *expected[] = {
    "Intro line\n", "# A\ntext a\n```\n# not a heading\n```\n", "## B\ntext b\n", "# C\nccc", NULL
  };

  assert_contents (out, expected);
  check_splits (doc, out);
  g_assert_cmpuint (flat->len, ==, 1);
}

static void
test_level_based_long_section (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("# Title\naaaa bbbb cccc\n# Next\nx", NULL);
  g_autoptr(GPtrArray) out = split ("{\"enable_level_based_split\": true, \"split_length\": 10}",
                                    doc);
  const char *expected[] = { "# Title\n", "aaaa bbbb ", "cccc\n", "# Next\nx", NULL };

  /* A section longer than split_length is split further, never across headings. */
  assert_contents (out, expected);
  check_splits (doc, out);
}

static void
test_pages_and_offsets (void)
{
  g_autoptr(MoiDocument) doc = moi_document_new ("页一\f第二页内容\f页三", NULL);
  g_autoptr(GPtrArray) out = split ("{\"split_length\": 6, \"custom_separators\": [\"\\f\"]}",
                                    doc);
  const char *expected[] = { "页一\f", "第二页内容\f", "页三", NULL };
  const gint64 pages[] = { 1, 2, 3 };
  const gint64 starts[] = { 0, 3, 9 };

  assert_contents (out, expected);
  check_splits (doc, out);
  for (guint i = 0; i < out->len; i++)
    {
      JsonObject *meta = moi_document_get_meta (g_ptr_array_index (out, i));

      g_assert_cmpint (json_object_get_int_member (meta, "page_number"), ==, pages[i]);
      /* Offsets count code points, as Python's str indexes do. */
      g_assert_cmpint (json_object_get_int_member (meta, "split_idx_start"), ==, starts[i]);
    }
}

static void
test_empty_and_null (void)
{
  g_autoptr(MoiDocument) empty = moi_document_new ("", NULL);
  g_autoptr(MoiDocument) blank = moi_document_new (" \n\n ", NULL);
  g_autoptr(MoiDocument) image = moi_document_new (NULL, NULL);
  g_autoptr(GPtrArray) out_empty = split ("{}", empty);
  g_autoptr(GPtrArray) out_blank = split ("{}", blank);
  g_autoptr(GPtrArray) out_image = split ("{}", image);

  g_assert_cmpuint (out_empty->len, ==, 0);
  g_assert_cmpuint (out_blank->len, ==, 0);
  g_assert_cmpuint (out_image->len, ==, 1);
  g_assert_true (g_ptr_array_index (out_image, 0) == image);
}

static void
test_bad_parameters (void)
{
  const char *bad[] = {
    "{\"split_unit\": \"token\"}", "split_unit",
    "{\"split_length\": 0}", "split_length",
    "{\"split_length\": \"ten\"}", "split_length",
    "{\"split_length\": 10, \"split_overlap\": 10}", "split_overlap",
    "{\"split_overlap\": -1}", "split_overlap",
    "{\"custom_separators\": [1, 2]}", "custom_separators",
    "{\"enable_level_based_split\": \"sometimes\"}", "enable_level_based_split",
  };

  moi_test_assert_bad_parameters ((MoiTestNewFunc) moi_enhanced_splitter_new,
                                  "EnhancedDocumentSplitter", bad, G_N_ELEMENTS (bad));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/enhanced-splitter/defaults", test_defaults);
  g_test_add_func ("/moi/enhanced-splitter/char-separators", test_char_separators);
  g_test_add_func ("/moi/enhanced-splitter/words", test_words);
  g_test_add_func ("/moi/enhanced-splitter/cjk-words", test_cjk_words);
  g_test_add_func ("/moi/enhanced-splitter/overlap", test_overlap);
  g_test_add_func ("/moi/enhanced-splitter/char-overlap", test_char_overlap);
  g_test_add_func ("/moi/enhanced-splitter/custom-separators", test_custom_separators);
  g_test_add_func ("/moi/enhanced-splitter/words-across-separators",
                   test_words_across_separators);
  g_test_add_func ("/moi/enhanced-splitter/level-based", test_level_based);
  g_test_add_func ("/moi/enhanced-splitter/level-based-long-section",
                   test_level_based_long_section);
  g_test_add_func ("/moi/enhanced-splitter/pages-and-offsets", test_pages_and_offsets);
  g_test_add_func ("/moi/enhanced-splitter/empty-and-null", test_empty_and_null);
  g_test_add_func ("/moi/enhanced-splitter/bad-parameters", test_bad_parameters);

  return g_test_run ();
}
