/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The native TextFileToDocument decoding, DocumentCleaner and
 * DocumentSplitter against what Haystack wrote for the same corpus:
 * tests/fixtures/haystack-reference (see its README.md). Every chunk of the
 * three pipelines must be the same: content, split_id, page_number,
 * split_idx_start and the split_overlap ranges. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moi-document-cleaner.h"
#include "moi-document-splitter.h"
#include "moi-text-decode.h"

#define N_FILES 200
#define MANIFEST_200_SHA256 "724e115a4c310ba4bdb11bd4ff6e9ff7804544812e4c699e9d330996376539ee"

static const struct
{
  const char *config;
  guint       expected_lines;
} pipelines[] = {
  { "word-default", 2095 },
  { "word-nfkc-regex", 2047 },
  { "passage-nfkc-regex", 7094 },
};

static char *
fixture_dir (void)
{
  const char *fixtures = g_getenv ("MOI_FIXTURES");

  if (fixtures != NULL)
    return g_build_filename (fixtures, "haystack-reference", NULL);
  return g_test_build_filename (G_TEST_DIST, "fixtures", "haystack-reference", NULL);
}

/* expected-200.jsonl.gz, one JsonObject per line, grouped by config. */
static GHashTable *
load_expected (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "expected-200.jsonl.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, &error);
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *by_config;
  char *line;

  g_assert_no_error (error);
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  lines = g_data_input_stream_new (plain);
  by_config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      JsonObject *object;
      GPtrArray *list;
      const char *config;

      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      g_free (line);
      object = json_node_get_object (json_parser_get_root (parser));
      config = json_object_get_string_member (object, "config");
      list = g_hash_table_lookup (by_config, config);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (by_config, g_strdup (config), list);
        }
      g_ptr_array_add (list, json_object_ref (object));
    }
  g_assert_no_error (error);

  return by_config;
}

static JsonObject *
component_parameters (JsonObject *pipeline,
                      const char *type_suffix)
{
  JsonArray *components = json_object_get_array_member (pipeline, "components");

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);

      if (g_str_has_suffix (json_object_get_string_member (component, "type"), type_suffix))
        return json_object_get_object_member (component, "init_parameters");
    }

  g_assert_not_reached ();
}

static char *
make_corpus (const char *dir)
{
  g_autofree char *script = g_build_filename (dir, "make_corpus.py", NULL);
  g_autofree char *out_dir = NULL;
  g_autofree char *std_out = NULL;
  g_autofree char *std_err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  /* Each file has its own random generator seeded by its index, so the
   * first 200 files are those of the full 2,000-file corpus. */
  const char *argv[] = { "python3", script, "--out", NULL, "--files", G_STRINGIFY (N_FILES),
                         NULL };

  out_dir = g_dir_make_tmp ("moi-haystack-reference-XXXXXX", &error);
  g_assert_no_error (error);
  argv[3] = out_dir;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &std_out, &std_err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", std_out);
  /* The first 201 lines of the 2,000-file corpus's MANIFEST.tsv (sha256
   * f3856585…) hash to this: the files are the reference ones. Another
   * Python than 3.11 may make other bytes, and fail here. */
  g_assert_nonnull (strstr (std_out, "manifest sha256 " MANIFEST_200_SHA256));

  return g_steal_pointer (&out_dir);
}

static void
remove_corpus (const char *out_dir)
{
  g_autoptr(GDir) dir = g_dir_open (out_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (out_dir);
}

static gint64
split_id_of (GPtrArray  *chunks,
             const char *doc_id)
{
  for (guint i = 0; i < chunks->len; i++)
    {
      MoiDocument *chunk = g_ptr_array_index (chunks, i);

      if (g_str_equal (moi_document_get_id (chunk), doc_id))
        return json_object_get_int_member (moi_document_get_meta (chunk), "split_id");
    }

  return -1;
}

/* Returns a description of the first difference, or NULL. */
static char *
compare_chunk (GPtrArray   *chunks,
               MoiDocument *chunk,
               const char  *file,
               JsonObject  *expected)
{
  JsonArray *want_overlap = json_object_get_array_member (expected, "split_overlap");
  JsonObject *meta = moi_document_get_meta (chunk);
  JsonArray *got_overlap = NULL;
  guint n_got;
  static const char * const ints[] = { "split_id", "page_number", "split_idx_start" };

  if (g_strcmp0 (json_object_get_string_member (expected, "file"), file) != 0)
    return g_strdup_printf ("chunk of %s where %s was expected", file,
                            json_object_get_string_member (expected, "file"));

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    if (json_object_get_int_member (meta, ints[i])
        != json_object_get_int_member (expected, ints[i]))
      return g_strdup_printf ("%s: %s %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                              file, ints[i], json_object_get_int_member (meta, ints[i]),
                              json_object_get_int_member (expected, ints[i]));

  if (g_strcmp0 (chunk->content, json_object_get_string_member (expected, "content")) != 0)
    return g_strdup_printf ("%s split %" G_GINT64_FORMAT ": content differs:\n---got\n%s\n"
                            "---expected\n%s", file,
                            json_object_get_int_member (expected, "split_id"), chunk->content,
                            json_object_get_string_member (expected, "content"));

  if (json_object_has_member (meta, "_split_overlap"))
    got_overlap = json_object_get_array_member (meta, "_split_overlap");
  n_got = got_overlap != NULL ? json_array_get_length (got_overlap) : 0;
  if (n_got != json_array_get_length (want_overlap))
    return g_strdup_printf ("%s split %" G_GINT64_FORMAT ": %u overlaps instead of %u", file,
                            json_object_get_int_member (expected, "split_id"), n_got,
                            json_array_get_length (want_overlap));

  for (guint i = 0; i < n_got; i++)
    {
      JsonObject *got = json_array_get_object_element (got_overlap, i);
      JsonObject *want = json_array_get_object_element (want_overlap, i);
      JsonArray *got_range = json_object_get_array_member (got, "range");
      JsonArray *want_range = json_object_get_array_member (want, "range");

      if (split_id_of (chunks, json_object_get_string_member (got, "doc_id"))
          != json_object_get_int_member (want, "split_id")
          || json_array_get_int_element (got_range, 0) != json_array_get_int_element (want_range, 0)
          || json_array_get_int_element (got_range, 1)
             != json_array_get_int_element (want_range, 1))
        return g_strdup_printf ("%s split %" G_GINT64_FORMAT ": overlap %u differs", file,
                                json_object_get_int_member (expected, "split_id"), i);
    }

  return NULL;
}

static void
test_reference_corpus (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *corpus = NULL;
  g_autoptr(GHashTable) expected = NULL;
  guint total = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 is needed to generate the corpus");
      return;
    }

  corpus = make_corpus (dir);
  expected = load_expected (dir);

  for (guint p = 0; p < G_N_ELEMENTS (pipelines); p++)
    {
      g_autofree char *json_name = g_strconcat (pipelines[p].config, ".json", NULL);
      g_autofree char *json_path = g_build_filename (dir, json_name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiDocumentCleaner) cleaner = NULL;
      g_autoptr(MoiDocumentSplitter) splitter = NULL;
      GPtrArray *want = g_hash_table_lookup (expected, pipelines[p].config);
      JsonObject *pipeline;
      const char *encoding;
      guint line = 0;
      guint mismatches = 0;
      guint skipped = 0;

      g_assert_nonnull (want);
      g_assert_cmpuint (want->len, ==, pipelines[p].expected_lines);

      json_parser_load_from_file (parser, json_path, &error);
      g_assert_no_error (error);
      pipeline = json_node_get_object (json_parser_get_root (parser));
      encoding = json_object_get_string_member (component_parameters (pipeline,
                                                                      ".TextFileToDocument"),
                                                "encoding");
      cleaner = moi_document_cleaner_new (component_parameters (pipeline, ".DocumentCleaner"),
                                          &error);
      g_assert_no_error (error);
      splitter = moi_document_splitter_new (component_parameters (pipeline, ".DocumentSplitter"),
                                            &error);
      g_assert_no_error (error);

      for (guint f = 0; f < N_FILES; f++)
        {
          g_autofree char *name = g_strdup_printf ("doc-%05u.txt", f);
          g_autofree char *path = g_build_filename (corpus, name, NULL);
          g_autofree char *data = NULL;
          g_autofree char *text = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) decode_error = NULL;
          g_autoptr(JsonObject) meta = json_object_new ();
          g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func
            ((GDestroyNotify) moi_document_unref);
          g_autoptr(GPtrArray) cleaned = NULL;
          g_autoptr(GPtrArray) chunks = NULL;
          gsize len;

          g_file_get_contents (path, &data, &len, &error);
          g_assert_no_error (error);
          bytes = g_bytes_new_take (g_steal_pointer (&data), len);
          if (!moi_text_decode (bytes, encoding, &text, &decode_error))
            {
              g_test_message ("%s skipped: %s", name, decode_error->message);
              g_assert_error (decode_error, MOI_TEXT_DECODE_ERROR,
                              MOI_TEXT_DECODE_ERROR_INVALID_DATA);
              skipped++;
              continue;
            }

          json_object_set_string_member (meta, "file_path", name);
          g_ptr_array_add (docs, moi_document_new (text, meta));
          cleaned = moi_document_cleaner_run (cleaner, docs, &error);
          g_assert_no_error (error);
          chunks = moi_document_splitter_run (splitter, cleaned, &error);
          g_assert_no_error (error);

          for (guint c = 0; c < chunks->len; c++)
            {
              g_autofree char *diff = NULL;

              if (line >= want->len)
                {
                  mismatches++;
                  g_test_message ("%s: more chunks than Haystack wrote", name);
                  break;
                }
              diff = compare_chunk (chunks, g_ptr_array_index (chunks, c), name,
                                    g_ptr_array_index (want, line));
              if (diff != NULL)
                {
                  if (mismatches++ < 5)
                    g_test_message ("%s: %s", pipelines[p].config, diff);
                  /* Re-synchronise on the expected lines of the next file. */
                  while (line < want->len
                         && g_str_equal (json_object_get_string_member
                                           (g_ptr_array_index (want, line), "file"), name))
                    line++;
                  break;
                }
              line++;
            }
        }

      g_test_message ("%s: %u chunks compared, %u mismatches, %u files skipped",
                      pipelines[p].config, line, mismatches, skipped);
      /* doc-00092.txt is GB18030: not UTF-8, skipped with a warning. */
      g_assert_cmpuint (skipped, ==, 1);
      g_assert_cmpuint (mismatches, ==, 0);
      g_assert_cmpuint (line, ==, want->len);
      total += line;
    }

  g_assert_cmpuint (total, ==, 11236);
  remove_corpus (corpus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/haystack-reference/corpus", test_reference_corpus);

  return g_test_run ();
}
