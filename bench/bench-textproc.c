/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Throughput of TextFileToDocument decoding + DocumentCleaner +
 * DocumentSplitter (the word-default pipeline: cleaner defaults, split_by
 * word, length 200, overlap 20) over the 2,000-file reference corpus.
 *
 *   bench-textproc [CORPUS_DIR]
 *
 * CORPUS_DIR is made with tests/fixtures/haystack-reference/make_corpus.py
 * when it has no MANIFEST.tsv yet (a temporary directory when not given).
 * Haystack itself does about 8 MB/s and 600 MiB peak RSS here. */

#include "config.h"

#include <sys/resource.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moi-document-cleaner.h"
#include "moi-document-splitter.h"
#include "moi-text-decode.h"

#define N_FILES         2000
#define MANIFEST_SHA256 "f3856585243a59a8242f2b17ceff05ac808999ba02bff1f4b955479e237b061a"

static void
make_corpus (const char *dir)
{
  g_autofree char *script = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                              "haystack-reference", "make_corpus.py", NULL);
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *std_out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, "--out", dir, NULL };
  int status = 0;

  if (g_file_test (manifest, G_FILE_TEST_EXISTS))
    return;

  g_print ("generating the corpus in %s ...\n", dir);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &std_out,
                     NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("make_corpus.py failed: %s", error->message);
  g_print ("%s", std_out);
}

static void
check_manifest (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  gsize len;

  if (!g_file_get_contents (manifest, &data, &len, NULL))
    g_error ("no MANIFEST.tsv in %s", dir);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (!g_str_equal (sha, MANIFEST_SHA256))
    g_printerr ("warning: MANIFEST.tsv sha256 %s is not the reference corpus's\n", sha);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) cleaner_params = json_object_new ();
  g_autoptr(JsonObject) splitter_params = json_object_new ();
  g_autoptr(MoiDocumentCleaner) cleaner = NULL;
  g_autoptr(MoiDocumentSplitter) splitter = NULL;
  gboolean temporary = argc < 2;
  gsize total_bytes = 0;
  guint n_chunks = 0, n_skipped = 0;
  gint64 start, elapsed;
  double seconds, cpu_start, cpu;

  dir = temporary ? g_dir_make_tmp ("moi-bench-textproc-XXXXXX", &error) : g_strdup (argv[1]);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (dir, 0755);
  make_corpus (dir);
  check_manifest (dir);

  json_object_set_string_member (splitter_params, "split_by", "word");
  json_object_set_int_member (splitter_params, "split_length", 200);
  json_object_set_int_member (splitter_params, "split_overlap", 20);
  cleaner = moi_document_cleaner_new (cleaner_params, &error);
  g_assert_no_error (error);
  splitter = moi_document_splitter_new (splitter_params, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  /* Reading the files (from the page cache, once the corpus exists) is
   * part of TextFileToDocument's work, so it is timed too. */
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("doc-%05u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      char *data;
      gsize len;
      g_autoptr(GError) decode_error = NULL;
      g_autoptr(JsonObject) meta = json_object_new ();
      g_autoptr(GPtrArray) docs = NULL;
      g_autoptr(GPtrArray) cleaned = NULL;
      g_autoptr(GPtrArray) chunks = NULL;

      if (!g_file_get_contents (path, &data, &len, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (data, len);
      total_bytes += len;
      if (!moi_text_decode (bytes, "utf-8", &text, &decode_error))
        {
          n_skipped++;
          continue;
        }

      json_object_set_string_member (meta, "file_path", name);
      docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
      g_ptr_array_add (docs, moi_document_new_take (g_steal_pointer (&text),
                                                    g_steal_pointer (&meta)));
      cleaned = moi_document_cleaner_run (cleaner, docs, &error);
      g_assert_no_error (error);
      chunks = moi_document_splitter_run (splitter, cleaned, &error);
      g_assert_no_error (error);
      n_chunks += chunks->len;
    }
  elapsed = g_get_monotonic_time () - start;
  cpu = cpu_seconds () - cpu_start;
  seconds = elapsed / 1e6;

  g_print ("textproc word-default: %u files (%u skipped), %.1f MB, %u chunks\n",
           N_FILES, n_skipped, total_bytes / 1e6, n_chunks);
  g_print ("  %.3f s, %.0f files/s, %.1f MB/s, peak RSS %.1f MiB\n",
           seconds, N_FILES / seconds, total_bytes / 1e6 / seconds, peak_rss_mib ());
  /* The machine may be shared: CPU time says what one core does. */
  g_print ("  %.3f s CPU, %.1f MB/s per CPU second\n", cpu, total_bytes / 1e6 / cpu);

  if (temporary)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *entry;

      while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, entry, NULL);

          g_remove (path);
        }
      g_rmdir (dir);
    }

  return 0;
}
