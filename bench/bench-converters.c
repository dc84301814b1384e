/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Throughput of the local converters, MOI's cleaner and its enhanced
 * splitter on generated mixed English/Chinese markdown and HTML.
 * Usage: bench-converters [MEGABYTES] (default 8). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "moi-converters.h"
#include "moi-enhanced-splitter.h"
#include "moi-moi-cleaner.h"

static const char * const syllables[] = {
  "da", "ta", "pi", "pe", "li", "ne", "ma", "trix", "do", "cu", "ment", "clea", "ner",
  "spl", "it", "vec", "tor", "in", "dex", "ro", "qua", "sel", "mo", "ka", "zu",
};

/* A pseudo-word: English-like syllables or two CJK ideographs, so that
 * documents share words without being copies of each other. */
static void
append_word (GString *out,
             GRand   *rand)
{
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      for (int i = 0; i < 2; i++)
        g_string_append_unichar (out, 0x4E00 + g_rand_int_range (rand, 0, 3000));
      return;
    }
  for (int i = g_rand_int_range (rand, 1, 4); i > 0; i--)
    g_string_append (out, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
}

/* About @size bytes of markdown: headings, paragraphs, lists, links. */
static GString *
make_markdown (gsize  size,
               GRand *rand)
{
  GString *md = g_string_sized_new (size + 1024);

  while (md->len < size)
    {
      g_string_append_printf (md, "## Section %u\n\n", g_rand_int_range (rand, 1, 1000));
      for (int p = 0; p < 3; p++)
        {
          int n = g_rand_int_range (rand, 20, 80);

          for (int w = 0; w < n; w++)
            {
              append_word (md, rand);
              g_string_append (md, w % 11 == 10 ? ". " : " ");
            }
          g_string_append (md, "**bold** and [a link](https://example.com/x) here.\n\n");
        }
      g_string_append (md, "- item one\n- item two\n\n");
    }
  return md;
}

static GString *
make_html (const char *markdown)
{
  GString *html = g_string_new ("<html><head><script>var x = 1;</script></head><body>"
                                "<nav>menu</nav><main>");
  g_auto(GStrv) paragraphs = g_strsplit (markdown, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_string_append_printf (html, "<p>%s</p>\n", paragraphs[i]);
  g_string_append (html, "</main><footer>foot</footer></body></html>");
  return html;
}

static double
report (const char *what,
        gsize       bytes,
        gint64      start)
{
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  double mbps = bytes / 1048576.0 / seconds;

  g_print ("%-44s %8.1f MB/s  (%.3f s)\n", what, mbps, seconds);
  return mbps;
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Chunks of about 4 KiB, as documents reach the cleaner after splitting. */
static GPtrArray *
make_documents (const char *text)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  gsize len = strlen (text);

  for (gsize off = 0; off < len;)
    {
      gsize end = MIN (off + 4096, len);
      g_autofree char *chunk = NULL;

      while (end < len && (text[end] & 0xC0) == 0x80)
        end++;
      chunk = g_strndup (text + off, end - off);
      g_ptr_array_add (docs, moi_document_new (chunk, NULL));
      off = end;
    }
  return docs;
}

static void
bench_cleaner (const char *label,
               const char *params_json,
               GPtrArray  *docs,
               gsize       bytes)
{
  g_autoptr(JsonObject) params = object_from (params_json);
  g_autoptr(MoiMoiCleaner) cleaner = moi_moi_cleaner_new (params, NULL);
  g_autoptr(GPtrArray) out = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (cleaner);
  out = moi_moi_cleaner_run (cleaner, docs, NULL);
  report (label, bytes, start);
  g_assert_nonnull (out);
}

static void
bench_splitter (const char  *label,
                const char  *params_json,
                MoiDocument *doc,
                gsize        bytes)
{
  g_autoptr(JsonObject) params = object_from (params_json);
  g_autoptr(MoiEnhancedSplitter) splitter = moi_enhanced_splitter_new (params, NULL);
  g_autoptr(GPtrArray) in = g_ptr_array_new ();
  g_autoptr(GPtrArray) out = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (splitter);
  g_ptr_array_add (in, doc);
  out = moi_enhanced_splitter_run (splitter, in, NULL);
  report (label, bytes, start);
  g_print ("%-44s %8u chunks\n", "", out->len);
}

int
main (int   argc,
      char *argv[])
{
  gsize mb = argc > 1 ? (gsize) MAX (1, atoi (argv[1])) : 8;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) md = make_markdown (mb * 1048576, rand);
  g_autoptr(GString) html = make_html (md->str);
  g_autoptr(GBytes) md_bytes = g_bytes_new_static (md->str, md->len);
  g_autoptr(GBytes) html_bytes = g_bytes_new_static (html->str, html->len);
  g_autoptr(GPtrArray) docs = make_documents (md->str);
  g_autoptr(MoiDocument) whole = moi_document_new (md->str, NULL);
  g_autoptr(GPtrArray) out = NULL;
  gint64 start;

  g_print ("input: %.1f MiB markdown, %.1f MiB HTML, %u documents of ~4 KiB\n",
           md->len / 1048576.0, html->len / 1048576.0, docs->len);

  start = g_get_monotonic_time ();
  out = moi_convert ("txt", NULL, md_bytes, "in.md", NULL, NULL, NULL);
  report ("TextFileToDocument", md->len, start);
  g_clear_pointer (&out, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  out = moi_convert ("markdown", NULL, md_bytes, "in.md", NULL, NULL, NULL);
  report ("MarkdownToDocument", md->len, start);
  g_clear_pointer (&out, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  out = moi_convert ("html", NULL, html_bytes, "in.html", NULL, NULL, NULL);
  report ("HTMLToDocument", html->len, start);
  g_clear_pointer (&out, g_ptr_array_unref);

  bench_cleaner ("MoiDocumentCleaner (defaults: nothing on)", "{}", docs, md->len);
  bench_cleaner ("MoiDocumentCleaner (every local switch)",
                 "{\"switch_deduplication\": true, \"deduplication_by_md5\": true,"
                 " \"deduplication_by_similarity\": true, \"switch_special_char_filter\": true,"
                 " \"switch_special_char_remove\": true, \"switch_text_standardization\": true,"
                 " \"remove_html_labels\": true, \"remove_invisible_char\": true,"
                 " \"remove_persional_message\": true, \"remove_sensitive_words\": true,"
                 " \"remove_url\": true, \"unicode_normalization\": true,"
                 " \"traditional_chinese_to_simple\": true}", docs, md->len);
  if (g_getenv ("BENCH_EACH_SWITCH") != NULL)
    {
      static const char * const switches[] = {
        "switch_special_char_filter", "switch_special_char_remove",
        "switch_text_standardization", "remove_html_labels", "remove_invisible_char",
        "remove_persional_message", "remove_sensitive_words", "remove_url",
        "unicode_normalization", "traditional_chinese_to_simple",
      };

      for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"%s\": true}", switches[i]);
          g_autofree char *label = g_strdup_printf ("  %s", switches[i]);

          bench_cleaner (label, json, docs, md->len);
        }
    }
  bench_cleaner ("MoiDocumentCleaner (similarity dedup only)",
                 "{\"switch_deduplication\": true, \"deduplication_by_similarity\": true}",
                 docs, md->len);

  bench_splitter ("EnhancedDocumentSplitter (char 800)", "{}", whole, md->len);
  bench_splitter ("EnhancedDocumentSplitter (word 200, overlap 20)",
                  "{\"split_unit\": \"word\", \"split_length\": 200, \"split_overlap\": 20}",
                  whole, md->len);
  bench_splitter ("EnhancedDocumentSplitter (level-based, char 800)",
                  "{\"enable_level_based_split\": true}", whole, md->len);

  return 0;
}
