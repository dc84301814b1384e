/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "moi-moi-cleaner.h"
#include "moi-test-json.h"

/* Runs a cleaner built from @json over documents with @contents
 * (NULL-terminated) and returns the resulting documents. */
static GPtrArray *
run_cleaner (const char         *json,
             const char * const *contents)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiMoiCleaner) cleaner = moi_moi_cleaner_new (params, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  GPtrArray *out;

  g_assert_no_error (error);
  g_assert_nonnull (cleaner);
  for (guint i = 0; contents[i] != NULL; i++)
    g_ptr_array_add (docs, moi_document_new (contents[i], NULL));

  out = moi_moi_cleaner_run (cleaner, docs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

/* The single cleaned content of @input under @json. */
static char *
clean_one (const char *json,
           const char *input)
{
  const char *contents[] = { input, NULL };
  g_autoptr(GPtrArray) out = run_cleaner (json, contents);

  g_assert_cmpuint (out->len, ==, 1);
  return g_strdup (((MoiDocument *) g_ptr_array_index (out, 0))->content);
}

#define assert_cleaned(json, input, expected) \
  G_STMT_START { \
    g_autofree char *cleaned_ = clean_one (json, input); \
    g_assert_cmpstr (cleaned_, ==, expected); \
  } G_STMT_END

static void
test_defaults (void)
{
  const char *text = "  <b>Keep</b> everything  https://x.y 13812345678 \u200b ★\n\n\n";

  /* Every switch defaults to off: nothing changes. */
  assert_cleaned ("{}", text, text);
}

static void
test_meta_and_id (void)
{
  g_autoptr(JsonObject) meta = moi_test_json_object ("{\"file_name\": \"a.txt\", \"n\": 1}");
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"remove_url\": true}");
  g_autoptr(MoiMoiCleaner) cleaner = moi_moi_cleaner_new (params, NULL);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(MoiDocument) expected = moi_document_new ("see ", meta);
  MoiDocument *image = moi_document_new (NULL, meta);
  MoiDocument *doc;

  g_ptr_array_add (docs, moi_document_new ("see http://a.b/c", meta));
  g_ptr_array_add (docs, image);
  out = moi_moi_cleaner_run (cleaner, docs, NULL);
  g_assert_cmpuint (out->len, ==, 2);
  doc = g_ptr_array_index (out, 0);
  g_assert_cmpstr (doc->content, ==, "see ");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (doc), "file_name"), ==,
                   "a.txt");
  /* A new document: its id follows its new content. */
  g_assert_cmpstr (moi_document_get_id (doc), ==, moi_document_get_id (expected));
  g_assert_cmpstr (moi_document_get_id (doc), !=,
                   moi_document_get_id (g_ptr_array_index (docs, 0)));
  /* Documents without text (images) pass through as they are. */
  g_assert_true (g_ptr_array_index (out, 1) == image);
}

static void
test_invisible (void)
{
  assert_cleaned ("{\"remove_invisible_char\": true}",
                  "a\u200bb\u00adc\ufeffd\x07" "e\u2060\tf\n", "abcde\tf\n");
}

static void
test_html_labels (void)
{
  assert_cleaned ("{\"remove_html_labels\": true}",
                  "<p class=\"x\">Hello <b>world</b></p><!-- a\ncomment --><br/>!",
                  "Hello world!");
  /* Comparisons are not tags. */
  assert_cleaned ("{\"remove_html_labels\": \"true\"}", "a < b and c > d", "a < b and c > d");
}

static void
test_url (void)
{
  assert_cleaned ("{\"remove_url\": true}",
                  "see https://example.com/x?y=1 and WWW.test.org/p，好 ftp://h/f.",
                  "see  and ，好 ");
}

static void
test_personal (void)
{
  assert_cleaned ("{\"remove_persional_message\": true}",
                  "Mail me at jane.doe+x@example.co.uk or call 13812345678, "
                  "+86 138-1234-5678, 010-12345678; ID 11010519491231002X; "
                  "order 2024001 stays.",
                  "Mail me at [EMAIL] or call [PHONE], [PHONE], [PHONE]; ID [ID]; "
                  "order 2024001 stays.");
}

static void
test_sensitive (void)
{
  assert_cleaned ("{\"remove_sensitive_words\": true}", "这里有赌博和FUCK，还有正常内容",
                  "这里有**和****，还有正常内容");
}

static void
test_nfkc (void)
{
  assert_cleaned ("{\"unicode_normalization\": true}", "ＡＢＣ１２３ ﬁ ①", "ABC123 fi 1");
}

static void
test_t2s (void)
{
  assert_cleaned ("{\"traditional_chinese_to_simple\": true}", "這是一個測試。漢字與軟體",
                  "这是一个测试。汉字与软体");
}

static void
test_special_char_remove (void)
{
  assert_cleaned ("{\"switch_special_char_remove\": true}",
                  "Hello ★☆ world ✔ 😀! 价格：￥5，(ok) ▲", "Hello  world  ! 价格：￥5，(ok) ");
}

static void
test_special_char_filter (void)
{
  const char *contents[] = { "★★★★abc", "abc★", "plain text", NULL };
  g_autoptr(GPtrArray) out = NULL;

  out = run_cleaner ("{\"switch_special_char_filter\": true}", contents);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 0))->content, ==, "abc★");
  g_clear_pointer (&out, g_ptr_array_unref);

  out = run_cleaner ("{\"switch_special_char_filter\": true,"
                     " \"filter_special_char_ratio\": \"0.2\"}", contents);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 0))->content, ==, "plain text");
}

static void
test_standardization (void)
{
  assert_cleaned ("{\"switch_text_standardization\": true}",
                  "  a \t b\r\n\r\n\r\n\r\nc\u3000\u3000d\u00a0 \nlast  ", "a b\n\nc d\nlast");
}

static void
test_dedup_md5 (void)
{
  const char *contents[] = { "same text", "other", "same text", "same text ", NULL };
  g_autoptr(GPtrArray) out = NULL;

  out = run_cleaner ("{\"switch_deduplication\": true, \"deduplication_by_md5\": true}",
                     contents);
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 2))->content, ==, "same text ");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Cleaning runs first: after standardisation the last one is a copy. */
  out = run_cleaner ("{\"switch_deduplication\": true, \"switch_text_standardization\": true}",
                     contents);
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* The methods do nothing while the master switch is off. */
  out = run_cleaner ("{\"switch_deduplication\": \"false\", \"deduplication_by_md5\": true}",
                     contents);
  g_assert_cmpuint (out->len, ==, 4);
}

static void
test_dedup_similarity (void)
{
  const char *base = "The quick brown fox jumps over the lazy dog near the river bank "
                     "while the sun sets slowly behind the distant mountains.";
  const char *near = "The quick brown fox jumps over the lazy cat near the river bank "
                     "while the sun sets slowly behind the distant mountains.";
  const char *other = "Completely different sentence about databases, indexes and "
                      "query planners in relational systems.";
  const char *zh1 = "矩阵起源的数据处理服务支持文本清洗、分段和向量化，适合构建知识库。";
  const char *zh2 = "矩阵起源的数据处理服务支持文本清洗、分段和向量化，非常适合构建知识库。";
  const char *contents[] = { base, near, other, zh1, zh2, NULL };
  g_autoptr(GPtrArray) out = NULL;

  out = run_cleaner ("{\"switch_deduplication\": true, \"deduplication_by_similarity\": true,"
                     " \"deduplication_ngram_ratio\": 0.5}", contents);
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 0))->content, ==, base);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 1))->content, ==, other);
  g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, 2))->content, ==, zh1);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* A threshold above their similarity keeps the near copies. */
  out = run_cleaner ("{\"switch_deduplication\": true, \"deduplication_by_similarity\": true,"
                     " \"deduplication_ngram_ratio\": 0.95}", contents);
  g_assert_cmpuint (out->len, ==, 5);
}

static void
test_dedup_similarity_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* 150 unrelated texts, each followed later by a copy with one word
   * changed: the copies go, the originals stay. */
  for (guint i = 0; i < 150; i++)
    {
      GString *text = g_string_new (NULL);

      for (guint w = 0; w < 60; w++)
        g_string_append_printf (text, "w%u ", g_rand_int_range (rand, 0, 100000));
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *copy = g_strdup (g_ptr_array_index (texts, i));

      copy[1] = copy[1] == '9' ? '8' : '9';
      g_ptr_array_add (texts, g_steal_pointer (&copy));
    }
  g_ptr_array_add (texts, NULL);

  out = run_cleaner ("{\"switch_deduplication\": true, \"deduplication_by_similarity\": true}",
                     (const char * const *) texts->pdata);
  g_assert_cmpuint (out->len, ==, 150);
  for (guint i = 0; i < out->len; i++)
    g_assert_cmpstr (((MoiDocument *) g_ptr_array_index (out, i))->content, ==,
                     g_ptr_array_index (texts, i));

  /* A threshold of 0 makes every text a copy of the first. */
  all = run_cleaner ("{\"switch_deduplication\": true, \"deduplication_by_similarity\": true,"
                     " \"deduplication_ngram_ratio\": \"0\"}",
                     (const char * const *) texts->pdata);
  g_assert_cmpuint (all->len, ==, 1);
}

static void
test_combined_order (void)
{
  /* NFKC first turns the full-width URL into one remove_url recognises. */
  assert_cleaned ("{\"unicode_normalization\": true, \"remove_url\": true,"
                  " \"remove_html_labels\": true, \"switch_text_standardization\": true}",
                  "<p>訪問 ｈｔｔｐｓ://ｅｘａｍｐｌｅ.ｃｏｍ   now</p>", "訪問 now");
}

static void
test_bad_parameters (void)
{
  const char *bad[] = {
    "{\"remove_url\": \"maybe\"}", "remove_url",
    "{\"deduplication_ngram_ratio\": 1.5}", "deduplication_ngram_ratio",
    "{\"filter_special_char_ratio\": \"half\"}", "filter_special_char_ratio",
    "{\"unicode_normalization\": [true]}", "unicode_normalization",
  };

  moi_test_assert_bad_parameters ((MoiTestNewFunc) moi_moi_cleaner_new, "MoiDocumentCleaner",
                                  bad, G_N_ELEMENTS (bad));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/moi-cleaner/defaults", test_defaults);
  g_test_add_func ("/moi/moi-cleaner/meta-and-id", test_meta_and_id);
  g_test_add_func ("/moi/moi-cleaner/invisible", test_invisible);
  g_test_add_func ("/moi/moi-cleaner/html-labels", test_html_labels);
  g_test_add_func ("/moi/moi-cleaner/url", test_url);
  g_test_add_func ("/moi/moi-cleaner/personal", test_personal);
  g_test_add_func ("/moi/moi-cleaner/sensitive", test_sensitive);
  g_test_add_func ("/moi/moi-cleaner/nfkc", test_nfkc);
  g_test_add_func ("/moi/moi-cleaner/t2s", test_t2s);
  g_test_add_func ("/moi/moi-cleaner/special-char-remove", test_special_char_remove);
  g_test_add_func ("/moi/moi-cleaner/special-char-filter", test_special_char_filter);
  g_test_add_func ("/moi/moi-cleaner/standardization", test_standardization);
  g_test_add_func ("/moi/moi-cleaner/dedup-md5", test_dedup_md5);
  g_test_add_func ("/moi/moi-cleaner/dedup-similarity", test_dedup_similarity);
  g_test_add_func ("/moi/moi-cleaner/dedup-similarity-many", test_dedup_similarity_many);
  g_test_add_func ("/moi/moi-cleaner/combined-order", test_combined_order);
  g_test_add_func ("/moi/moi-cleaner/bad-parameters", test_bad_parameters);

  return g_test_run ();
}
