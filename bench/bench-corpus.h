/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The 2,000-file reference corpus the server benchmarks run on, made once
 * with make_corpus.py into a cache folder. */

#include <stdio.h>

#include <glib.h>

#define BENCH_CORPUS_FILES    2000
#define BENCH_MANIFEST_SHA256 "f3856585243a59a8242f2b17ceff05ac808999ba02bff1f4b955479e237b061a"

/* @cache/corpus (@cache NULL: the user cache's moi-studio-bench), made when
 * missing; warns when it is not the reference corpus. */
static inline char *
bench_corpus (const char *cache)
{
  g_autofree char *base = cache != NULL ? g_strdup (cache)
                                        : g_build_filename (g_get_user_cache_dir (),
                                                            "moi-studio-bench", NULL);
  char *corpus = g_build_filename (base, "corpus", NULL);
  g_autofree char *manifest = g_build_filename (corpus, "MANIFEST.tsv", NULL);
  g_autofree char *script = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                              "haystack-reference", "make_corpus.py", NULL);
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, "--out", corpus, NULL };
  int status = 0;
  gsize len;

  if (!g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      printf ("generating the corpus in %s ...\n", corpus);
      fflush (stdout);
      g_mkdir_with_parents (corpus, 0755);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                         NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("make_corpus.py failed: %s", error->message);
    }
  if (!g_file_get_contents (manifest, &data, &len, &error))
    g_error ("%s", error->message);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (!g_str_equal (sha, BENCH_MANIFEST_SHA256))
    printf ("warning: MANIFEST.tsv sha256 %s is not the reference corpus's "
            "(another Python than 3.11?)\n", sha);
  return corpus;
}
