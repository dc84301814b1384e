/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DocumentCleaner: each step alone, their order, headers/footers, the
 * Python details (\s, strip(), re.sub) and Haystack's parameter errors. */

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "moi-document-cleaner.h"
#include "moi-pyregex.h"
#include "moi-pyunicode.h"
#include "moi-test-json.h"
#include "moi-text-decode.h"

/* Cleans @text with the parameters in @json and returns the content. */
static char *
clean (const char *json,
       const char *text)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiDocumentCleaner) cleaner = moi_document_cleaner_new (params, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  g_autoptr(GPtrArray) out = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (docs, moi_document_new (text, NULL));
  out = moi_document_cleaner_run (cleaner, docs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  return g_strdup (((MoiDocument *) g_ptr_array_index (out, 0))->content);
}

#define NO_DEFAULTS "\"remove_empty_lines\": false, \"remove_extra_whitespaces\": false"

#define assert_clean(json, text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = clean (json, text); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_defaults (void)
{
  /* Runs of 2+ whitespace characters become one space, a single "\n"
   * survives, each page is stripped, and empty lines go. */
  assert_clean ("{}",
                " This is a  text with some words. \n\nThere is a second sentence.  \n\n"
                "And there is a third sentence. ",
                "This is a text with some words. There is a second sentence. "
                "And there is a third sentence.");
  assert_clean ("{}", "line one\nline two\n\tindented", "line one\nline two indented");
  assert_clean ("{}", "page one  \f  page two\n\n\f\fpage four", "page one\fpage two\f\fpage four");
  /* CRLF is two whitespace characters: the line break becomes a space. */
  assert_clean ("{}", "a\r\nb\r\n", "a b");
  assert_clean ("{}", "", "");
}

static void
test_extra_whitespaces_alone (void)
{
  const char *json = "{\"remove_empty_lines\": false}";

  /* Python's \s: Unicode spaces and the information separators. */
  assert_clean (json, "a\u3000\u3000b", "a b");
  assert_clean (json, "a\u3000b", "a\u3000b");
  assert_clean (json, "a\xc2\xa0 b", "a b");
  assert_clean (json, "a\x1c\x1d" "b", "a b");
  assert_clean (json, "a\xc2\x85\xe2\x80\xa8" "b", "a b");
  /* U+200B and U+180E are not whitespace for Python. */
  assert_clean (json, "a\xe2\x80\x8b\xe2\x80\x8b" "b", "a\xe2\x80\x8b\xe2\x80\x8b" "b");
  assert_clean (json, "a\xe1\xa0\x8e\xe1\xa0\x8e" "b", "a\xe1\xa0\x8e\xe1\xa0\x8e" "b");
  /* Pages are split on "\f" first: a form feed is never collapsed away. */
  assert_clean (json, "end of page \f start", "end of page\fstart");
  assert_clean (json, "\u3000lead and trail\u3000", "lead and trail");
  assert_clean (json, "a \n\n b", "a b");
}

/* re.sub(r"\s\s+", " ", page).strip() for each page, written the obvious
 * way, to check the cleaner's fast scanning on random texts. */
static char *
collapse_reference (const char *text)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      GString *page = g_string_new (NULL);
      const char *p = pages[i];
      const char *start, *end;

      while (*p != '\0')
        {
          const char *q = p;
          guint count = 0;

          while (*q != '\0' && moi_py_isspace (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              count++;
            }
          if (count >= 2)
            g_string_append_c (page, ' ');
          else if (count == 1)
            g_string_append_len (page, p, q - p);
          else
            {
              q = g_utf8_next_char (p);
              g_string_append_len (page, p, q - p);
            }
          p = q;
        }

      start = page->str;
      end = page->str + page->len;
      moi_py_strip (&start, &end);
      if (i > 0)
        g_string_append_c (out, '\f');
      g_string_append_len (out, start, end - start);
      g_string_free (page, TRUE);
    }

  return g_string_free (out, FALSE);
}

static void
test_whitespace_runs (void)
{
  static const char * const pieces[] = {
    "a", "word", " ", " ", "\t", "\n", "\r", "\f", "\x01", "\x1c", "\xc2\xa0", "\xc2\x85",
    "\xe3\x80\x80", "\xe3\x80\x82", "\xe2\x80\xa8", "\xe2\x80\x8b", "\xc3\xa9",
    "\xe4\xb8\xad", "\xe1\x9a\x80",
  };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      guint n = g_test_rand_int_range (0, 80);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      expected = collapse_reference (text->str);
      got = clean ("{\"remove_empty_lines\": false}", text->str);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_empty_lines_alone (void)
{
  const char *json = "{\"remove_extra_whitespaces\": false}";

  assert_clean (json, "This is a text with some words. \n\nThere is a second sentence. \n\n"
                "And there is a third sentence.",
                "This is a text with some words. \nThere is a second sentence. \n"
                "And there is a third sentence.");
  assert_clean (json, "a\n \t\u3000\nb\n\n", "a\nb");
  /* Per page: the lines of each page are joined, the pages kept. */
  assert_clean (json, "\n\na\n\f\n\nb\n", "a\fb");
  assert_clean (json, "x\r\n\r\ny", "x\r\ny");
}

static void
test_substrings (void)
{
  assert_clean ("{" NO_DEFAULTS ", \"remove_substrings\": [\"This is a header.\", "
                "\"This is a footer.\", \"\"]}",
                "This is a header. Some content. This is a footer.", " Some content. ");
  /* In order, over the whole text: the second one is made by the first. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_substrings\": [\"b\", \"ac\"]}", "abc", "");
  /* MOI sends lists as JSON strings. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_substrings\": \"[\\\"x\\\"]\"}", "axbx", "ab");
}

static void
test_regex (void)
{
  /* Removal is per page, and each page is stripped afterwards. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"Page [0-9]+ of [0-9]+\"}",
                "text\nPage 1 of 2\fmore\n\nPage 2 of 2\n", "text\fmore");
  /* Whitespaces are collapsed before: what the regex leaves stays double. */
  assert_clean ("{\"remove_regex\": \"X\"}", "a  X  b", "a  b");
  /* \d, \w, \s are Unicode-aware as in Python 3. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"\\\\d+\"}", "a\xd9\xa3\xd9\xa4" "b1", "ab");
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"\\\\s\"}", "a\x1c" "b\u3000c", "abc");
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"\\\\w+\"}", "\xc3\xa9t\xc3\xa9 !", "!");
  /* "." matches "\r"; "\Z" is the very end; {,2} is {0,2}. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"a.b\"}", "xa\rby", "xy");
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"b\\\\Z\"}", "ab\n", "ab");
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"x{,2}y\"}", "xxxy", "x");
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"\\\\u00e9\"}", "caf\xc3\xa9", "caf");
  /* \s inside a class, \S and [^\s] are Python's set too; (?u) is accepted. */
  assert_clean ("{" NO_DEFAULTS ", \"remove_regex\": \"[\\\\s,]+\"}", "a,\x1c b", "ab");
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"(?u)\\\\S+\": \"-\"}}",
                "x\x1cy\xe3\x80\x80z", "-\x1c-\xe3\x80\x80-");
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"[^\\\\s]\": \"\"}}", "a\x1d" "b",
                "\x1d");
}

static void
test_replace_regexes (void)
{
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"(\\\\w+)@(\\\\w+)\": "
                "\"\\\\2 at \\\\g<1>\", \"\\n\\n+\": \"\\n\"}}",
                "mail bob@example\n\n\nnow", "mail example at bob\nnow");
  /* Python 3.7+ empty matches: next to a non-empty match too. */
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"x*\": \"-\"}}", "abxd", "-a-b--d-");
  /* Named groups; a group that did not take part gives "". */
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"(?P<w>a)|(b)\": \"[\\\\g<w>\\\\2]\"}}",
                "ab", "[a][b]");
  /* No strip after a replacement; pages stay pages. */
  assert_clean ("{" NO_DEFAULTS ", \"replace_regexes\": {\"^\": \" \"}}", "a\fb", " a\f b");
}

static void
test_normalization (void)
{
  assert_clean ("{\"unicode_normalization\": \"NFKC\"}",
                "\xef\xbd\x85\xef\xbd\x98\xef\xbd\x81\xef\xbd\x8d"
                "\xef\xbd\x90\xef\xbd\x8c\xef\xbd\x85 "
                "\xef\xac\x81le \xe2\x91\xa0",
                "example file 1");
  assert_clean ("{\"unicode_normalization\": \"NFC\"}", "e\xcc\x81", "\xc3\xa9");
  assert_clean ("{\"unicode_normalization\": \"NFD\"}", "\xc3\xa9", "e\xcc\x81");
  assert_clean ("{\"unicode_normalization\": \"NFKD\"}", "\xef\xac\x81\xc3\xa9", "fie\xcc\x81");
  /* Normalization runs first: NFKC turns U+3000 into a space that the
   * whitespace step then collapses, and full-width digits match [0-9]. */
  assert_clean ("{\"unicode_normalization\": \"NFKC\", \"remove_regex\": \"Page [0-9]+\"}",
                "a\u3000 b Page \xef\xbc\x91\xef\xbc\x92", "a b");
  /* "" is falsy in Python: no normalization. */
  assert_clean ("{\"unicode_normalization\": \"\"}", "\xef\xac\x81", "\xef\xac\x81");
}

static void
test_ascii_only (void)
{
  assert_clean ("{\"ascii_only\": true}", "\xc3\x9cnic\xc3\xb6" "de \xe4\xb8\xad\xe6\x96\x87 ok",
                "Unicode ok");
  /* Before the whitespace step: dropped characters can leave runs. */
  assert_clean ("{\"ascii_only\": true, \"remove_extra_whitespaces\": false}",
                "a \xe4\xb8\xad b", "a  b");
}

static void
test_strip (void)
{
  assert_clean ("{" NO_DEFAULTS ", \"strip_whitespaces\": true}", "\u3000 \n a \n b \f", "a \n b");
  assert_clean ("{" NO_DEFAULTS "}", " a ", " a ");
}

static void
test_header_footer (void)
{
  const char *json = "{\"remove_repeated_substrings\": true}";
  /* Found on the middle pages, removed from every page, the first and the
   * last included: the header is the longest common n-gram of the pages'
   * starts ("…2024\nThe"), the footer that of their ends. */
  assert_clean (json,
                "ACME Annual Report 2024\nThe intro text of page one.\nconfidential footer line\f"
                "ACME Annual Report 2024\nThe second page talks about sales.\n"
                "confidential footer line\f"
                "ACME Annual Report 2024\nThe third page talks about costs.\n"
                "confidential footer line\f"
                "ACME Annual Report 2024\nThe end.\nconfidential footer line",
                " intro text of page one.\f second page talks about sales.\f"
                " third page talks about costs.\f end.");

  /* Three pages: one candidate page. main (#11921) removes nothing, where
   * v2.31 would have taken the middle page's own longest n-gram. */
  assert_clean (json,
                "Header one two three\nfirst\fHeader one two three\nmiddle page text here\f"
                "Header one two three\nlast",
                "Header one two three\nfirst\fHeader one two three\nmiddle page text here\f"
                "Header one two three\nlast");
  /* Two pages: no candidates at all. */
  assert_clean (json, "Same header line here\na\fSame header line here\nb",
                "Same header line here\na\fSame header line here\nb");
  /* A single page is left alone. */
  assert_clean (json, "just one page of words", "just one page of words");
}

static void
test_header_footer_ngrams (void)
{
  /* The common part is cut at word boundaries: two words are not enough
   * (n-grams have 3..29 words), so only the longer shared run goes. */
  const char *json = "{\"remove_repeated_substrings\": true, \"remove_empty_lines\": false}";
  g_autofree char *cleaned = clean (json,
                                    "p1\fTop of page A alpha\nbody one\fTop of page B alpha\n"
                                    "body two\fTop of page C alpha\nbody three\fp5");

  /* "Top of page" is the longest 3-gram all middle pages start with. */
  g_assert_cmpstr (cleaned, ==, "p1\f A alpha\nbody one\f B alpha\nbody two\f C alpha\n"
                                "body three\fp5");
}

static void
test_order_of_steps (void)
{
  /* substrings (5) run before the regex (6), which runs before
   * replace_regexes (7), which runs before strip (9). */
  assert_clean ("{" NO_DEFAULTS ", \"remove_substrings\": [\"AB\"], \"remove_regex\": \"AC\", "
                "\"replace_regexes\": {\"C\": \" Z \"}, \"strip_whitespaces\": true}",
                "AABC ACC", "Z");
  /* Empty lines (4) are removed after whitespaces (3) made them empty. */
  assert_clean ("{}", "a\n  \nb", "a b");
}

static void
test_documents (void)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"keep_id\": \"false\"}");
  g_autoptr(JsonObject) keep = moi_test_json_object ("{\"keep_id\": true}");
  g_autoptr(MoiDocumentCleaner) cleaner = NULL;
  g_autoptr(MoiDocumentCleaner) keeper = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  MoiDocument *none;
  MoiDocument *text;
  MoiDocument *cleaned;

  json_object_set_string_member (meta, "file_path", "a.txt");
  text = moi_document_new ("  hello  world ", meta);
  text->score = 0.5;
  none = moi_document_new (NULL, meta);
  g_ptr_array_add (docs, text);
  g_ptr_array_add (docs, none);

  cleaner = moi_document_cleaner_new (params, &error);
  g_assert_no_error (error);
  out = moi_document_cleaner_run (cleaner, docs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);

  cleaned = g_ptr_array_index (out, 0);
  g_assert_cmpstr (cleaned->content, ==, "hello world");
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (cleaned), "file_path"), ==,
                   "a.txt");
  g_assert_true (moi_document_get_meta (cleaned) != moi_document_get_meta (text));
  g_assert_cmpfloat (cleaned->score, ==, 0.5);
  g_assert_cmpstr (moi_document_get_id (cleaned), !=, moi_document_get_id (text));
  g_assert_cmpuint (strlen (moi_document_get_id (cleaned)), ==, 64);
  /* Content None passes through: the same document. */
  g_assert_true (g_ptr_array_index (out, 1) == none);
  /* The input is not changed. */
  g_assert_cmpstr (text->content, ==, "  hello  world ");

  keeper = moi_document_cleaner_new (keep, &error);
  g_assert_no_error (error);
  kept = moi_document_cleaner_run (keeper, docs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_document_get_id (g_ptr_array_index (kept, 0)), ==,
                   moi_document_get_id (text));

  /* Not a list of documents: Haystack's TypeError. */
  g_assert_null (moi_document_cleaner_run (cleaner, NULL, &error));
  g_assert_error (error, MOI_DOCUMENT_CLEANER_ERROR, MOI_DOCUMENT_CLEANER_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "DocumentCleaner expects a List of Documents as input.");
}

static void
assert_invalid (const char *json,
                const char *message_part)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiDocumentCleaner) cleaner = moi_document_cleaner_new (params, &error);

  g_assert_null (cleaner);
  g_assert_error (error, MOI_DOCUMENT_CLEANER_ERROR, MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_parameters (void)
{
  assert_invalid ("{\"unicode_normalization\": \"NFX\"}",
                  "unicode_normalization must be one of 'NFC', 'NFKC', 'NFD', 'NFKD'.");
  assert_invalid ("{\"remove_empty_lines\": \"maybe\"}", "remove_empty_lines");
  assert_invalid ("{\"remove_regex\": \"(unclosed\"}", "remove_regex");
  assert_invalid ("{\"replace_regexes\": {\"a\": 1}}", "replace_regexes");
  assert_invalid ("{\"replace_regexes\": {\"(a)\": \"\\\\3\"}}", "group reference");
  assert_invalid ("{\"replace_regexes\": {\"a\": \"\\\\q\"}}", "bad escape \\q");
  assert_invalid ("{\"remove_whitespace\": true}", "'remove_whitespace'");

  /* Old MOI documents send booleans and null as strings. */
  assert_clean ("{\"remove_empty_lines\": \"false\", \"remove_extra_whitespaces\": \"False\", "
                "\"remove_regex\": \"null\", \"unicode_normalization\": null}",
                " a\n\n b ", " a\n\n b ");
  assert_clean ("{\"strip_whitespaces\": \"true\", \"remove_extra_whitespaces\": \"0\"}",
                " a  b ", "a  b");
}

static void
test_regex_errors_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiPyRegex) regex = moi_py_regex_new ("(?P<year>[0-9]{4})", "\\g<month>", &error);

  g_assert_null (regex);
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_REPLACE);
  g_assert_nonnull (strstr (error->message, "month"));
}

static void
test_decode (void)
{
  static const struct
  {
    const char *bytes;
    gssize      len;
    const char *encoding;
    const char *text;     /* NULL: an error */
    int         code;
    const char *message;
  } cases[] = {
    { "\xef\xbb\xbfhi\r\n", -1, "utf-8", "\xef\xbb\xbfhi\r\n", 0, NULL },
    { "\xef\xbb\xbfhi", -1, "utf-8-sig", "hi", 0, NULL },
    { "caf\xc3\xa9", -1, "UTF8", "caf\xc3\xa9", 0, NULL },
    { "caf\xe9", -1, "latin-1", "caf\xc3\xa9", 0, NULL },
    { "\xd6\xd0\xce\xc4", -1, "gb18030", "\xe4\xb8\xad\xe6\x96\x87", 0, NULL },
    { "\xba\xc3", -1, "utf-8", NULL, MOI_TEXT_DECODE_ERROR_INVALID_DATA,
      "'utf-8' codec can't decode byte 0xba in position 0: invalid start byte" },
    { "ab\xe4\xb8", -1, "utf-8", NULL, MOI_TEXT_DECODE_ERROR_INVALID_DATA,
      "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data" },
    { "a\xc3(", -1, "utf-8", NULL, MOI_TEXT_DECODE_ERROR_INVALID_DATA,
      "'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte" },
    { "\xed\xa0\x80", -1, "utf-8", NULL, MOI_TEXT_DECODE_ERROR_INVALID_DATA,
      "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte" },
    { "a\0b", 3, "utf-8", NULL, MOI_TEXT_DECODE_ERROR_NUL, NULL },
    { "a", -1, "no-such-codec", NULL, MOI_TEXT_DECODE_ERROR_UNKNOWN_ENCODING, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].bytes) : (gsize) cases[i].len;
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].bytes, len);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gboolean ok = moi_text_decode (bytes, cases[i].encoding, &text, &error);

      if (cases[i].text != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (text, ==, cases[i].text);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, MOI_TEXT_DECODE_ERROR, cases[i].code);
          if (cases[i].message != NULL)
            g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

/* UTF-8 is validated by the service's own code (GLib's was slow on
 * Chinese): its verdict must be g_utf8_validate_len()'s on every input,
 * here sequences built from bytes around every boundary of the encoding
 * table, and random mutations of valid text. */
static void
test_decode_validator (void)
{
  static const guint8 interesting[] = {
    0x00, 0x01, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
    0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff,
  };
  const char *valid = "Haystack 中文 ÿ € 𝄞 \t text, Ωμέγα, 日本語 and ASCII.";
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  guint n = G_N_ELEMENTS (interesting);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      for (guint c = 0; c < n; c++)
        for (guint d = 0; d < n; d += 5)
          {
            guint8 buffer[12] = "ab";

            buffer[2] = interesting[a];
            buffer[3] = interesting[b];
            buffer[4] = interesting[c];
            buffer[5] = interesting[d];
            for (gsize len = 3; len <= 7; len += 4)
              {
                g_autoptr(GBytes) bytes = g_bytes_new (buffer, len);
                g_autofree char *text = NULL;
                gboolean want = g_utf8_validate_len ((const char *) buffer, len, NULL);

                g_assert_cmpint (moi_text_decode (bytes, "utf-8", &text, NULL), ==, want);
              }
          }

  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *copy = g_strdup (valid);
      gsize len = strlen (copy);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      gboolean want;

      for (guint k = g_rand_int_range (rand, 1, 4); k > 0; k--)
        copy[g_rand_int_range (rand, 0, (gint32) len)] = (char) g_rand_int_range (rand, 0, 256);
      want = g_utf8_validate_len (copy, len, NULL);
      bytes = g_bytes_new (copy, len);
      g_assert_cmpint (moi_text_decode (bytes, "utf-8", &text, NULL), ==, want);
      if (want)
        g_assert_cmpmem (text, strlen (text), copy, len);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Haystack's messages are compared word for word: the untranslated
   * English, whatever the tester's locale. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/document-cleaner/defaults", test_defaults);
  g_test_add_func ("/moi/document-cleaner/extra-whitespaces", test_extra_whitespaces_alone);
  g_test_add_func ("/moi/document-cleaner/whitespace-runs", test_whitespace_runs);
  g_test_add_func ("/moi/document-cleaner/empty-lines", test_empty_lines_alone);
  g_test_add_func ("/moi/document-cleaner/substrings", test_substrings);
  g_test_add_func ("/moi/document-cleaner/regex", test_regex);
  g_test_add_func ("/moi/document-cleaner/replace-regexes", test_replace_regexes);
  g_test_add_func ("/moi/document-cleaner/normalization", test_normalization);
  g_test_add_func ("/moi/document-cleaner/ascii-only", test_ascii_only);
  g_test_add_func ("/moi/document-cleaner/strip", test_strip);
  g_test_add_func ("/moi/document-cleaner/header-footer", test_header_footer);
  g_test_add_func ("/moi/document-cleaner/header-footer-ngrams", test_header_footer_ngrams);
  g_test_add_func ("/moi/document-cleaner/order", test_order_of_steps);
  g_test_add_func ("/moi/document-cleaner/documents", test_documents);
  g_test_add_func ("/moi/document-cleaner/parameters", test_parameters);
  g_test_add_func ("/moi/document-cleaner/regex-group-names", test_regex_errors_named);
  g_test_add_func ("/moi/document-cleaner/decode", test_decode);
  g_test_add_func ("/moi/document-cleaner/decode-validator", test_decode_validator);

  return g_test_run ();
}
