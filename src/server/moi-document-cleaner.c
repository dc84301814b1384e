/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-textproc"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include <glib/gi18n-lib.h>

#include "moi-document-cleaner.h"
#include "moi-init-parameters.h"
#include "moi-pyregex.h"
#include "moi-pyunicode.h"

#define WHERE "DocumentCleaner"

/* _find_and_remove_header_footer(n_chars=300, n_first_pages_to_ignore=1,
 * n_last_pages_to_ignore=1) with n-grams of 3..29 words. */
#define HEADER_FOOTER_CHARS 300
#define MIN_NGRAM           3
#define MAX_NGRAM           30

struct _MoiDocumentCleaner
{
  gboolean        remove_empty_lines;
  gboolean        remove_extra_whitespaces;
  gboolean        remove_repeated_substrings;
  gboolean        keep_id;
  gboolean        ascii_only;
  gboolean        strip_whitespaces;
  gboolean        normalize;
  GNormalizeMode  normalize_mode;
  char          **remove_substrings;
  MoiPyRegex     *remove_regex;
  GPtrArray      *replace_regexes;  /* of MoiPyRegex */
};

G_DEFINE_QUARK (moi-document-cleaner-error-quark, moi_document_cleaner_error)

static const char * const known_parameters[] = {
  "remove_empty_lines", "remove_extra_whitespaces", "remove_repeated_substrings", "keep_id",
  "remove_substrings", "remove_regex", "unicode_normalization", "ascii_only",
  "strip_whitespaces", "replace_regexes", NULL
};

void
moi_document_cleaner_free (MoiDocumentCleaner *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->remove_substrings, g_strfreev);
  g_clear_pointer (&self->remove_regex, moi_py_regex_free);
  g_clear_pointer (&self->replace_regexes, g_ptr_array_unref);
  g_free (self);
}

static MoiPyRegex *
compile_regex (const char  *key,
               const char  *pattern,
               const char  *replacement,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  MoiPyRegex *regex = moi_py_regex_new (pattern, replacement, &local_error);

  if (regex == NULL)
    g_set_error (error, MOI_DOCUMENT_CLEANER_ERROR, MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER,
                 /* Translators: "DocumentCleaner: remove_regex “(a”: <reason>" */
                 _("%s: %s “%s”: %s"), WHERE, key, pattern, local_error->message);
  return regex;
}

/* replace_regexes: an object {pattern: replacement}, or that object as a
 * JSON string (MOI sends some structured values as strings). */
static gboolean
parse_replace_regexes (MoiDocumentCleaner  *self,
                       JsonObject          *params,
                       GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *node = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *pattern;
  JsonNode *value;

  if (params != NULL && json_object_has_member (params, "replace_regexes"))
    node = json_object_get_member (params, "replace_regexes");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_str_equal (s, "null") || g_str_equal (s, "None") || *s == '\0')
        return TRUE;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, s, -1, NULL))
        node = NULL;
      else
        node = json_parser_get_root (parser);
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOI_DOCUMENT_CLEANER_ERROR, MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER,
                   _("%s: init parameter “%s” must be an object mapping patterns to "
                     "replacements"),
                   WHERE, "replace_regexes");
      return FALSE;
    }

  object = json_node_get_object (node);
  self->replace_regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_py_regex_free);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &pattern, &value))
    {
      MoiPyRegex *regex;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, MOI_DOCUMENT_CLEANER_ERROR,
                       MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER,
                       _("%s: the replacement for “%s” in “replace_regexes” must be a "
                         "string"),
                       WHERE, pattern);
          return FALSE;
        }
      regex = compile_regex ("replace_regexes", pattern, json_node_get_string (value), error);
      if (regex == NULL)
        return FALSE;
      g_ptr_array_add (self->replace_regexes, regex);
    }

  if (self->replace_regexes->len == 0)
    g_clear_pointer (&self->replace_regexes, g_ptr_array_unref);

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *params,
             const char  *key,
             gboolean    *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (moi_init_parameters_get_boolean (params, WHERE, key, out, &local_error))
    return TRUE;

  g_set_error_literal (error, MOI_DOCUMENT_CLEANER_ERROR,
                       MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER, local_error->message);
  return FALSE;
}

MoiDocumentCleaner *
moi_document_cleaner_new (JsonObject  *init_parameters,
                          GError     **error)
{
  g_autoptr(MoiDocumentCleaner) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *form = NULL;
  const char *regex = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (MoiDocumentCleaner, 1);
  self->remove_empty_lines = TRUE;
  self->remove_extra_whitespaces = TRUE;

  if (!moi_py_check_kwargs (init_parameters, "DocumentCleaner.__init__", known_parameters,
                            MOI_DOCUMENT_CLEANER_ERROR,
                            MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER, error)
      || !get_boolean (init_parameters, "remove_empty_lines", &self->remove_empty_lines, error)
      || !get_boolean (init_parameters, "remove_extra_whitespaces",
                       &self->remove_extra_whitespaces, error)
      || !get_boolean (init_parameters, "remove_repeated_substrings",
                       &self->remove_repeated_substrings, error)
      || !get_boolean (init_parameters, "keep_id", &self->keep_id, error)
      || !get_boolean (init_parameters, "ascii_only", &self->ascii_only, error)
      || !get_boolean (init_parameters, "strip_whitespaces", &self->strip_whitespaces, error))
    return NULL;

  if (!moi_init_parameters_get_string (init_parameters, WHERE, "unicode_normalization", &form,
                                       &local_error)
      || !moi_init_parameters_get_string (init_parameters, WHERE, "remove_regex", &regex,
                                          &local_error)
      || !moi_init_parameters_get_string_list (init_parameters, WHERE, "remove_substrings",
                                               &self->remove_substrings, &local_error))
    {
      g_set_error_literal (error, MOI_DOCUMENT_CLEANER_ERROR,
                           MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER, local_error->message);
      return NULL;
    }

  /* Python tests truthiness: "" means no normalization. */
  if (form != NULL && *form != '\0')
    {
      self->normalize = TRUE;
      if (g_str_equal (form, "NFC"))
        self->normalize_mode = G_NORMALIZE_NFC;
      else if (g_str_equal (form, "NFKC"))
        self->normalize_mode = G_NORMALIZE_NFKC;
      else if (g_str_equal (form, "NFD"))
        self->normalize_mode = G_NORMALIZE_NFD;
      else if (g_str_equal (form, "NFKD"))
        self->normalize_mode = G_NORMALIZE_NFKD;
      else
        {
          g_set_error_literal (error, MOI_DOCUMENT_CLEANER_ERROR,
                               MOI_DOCUMENT_CLEANER_ERROR_INVALID_PARAMETER,
                               _("unicode_normalization must be one of 'NFC', 'NFKC', 'NFD', "
                                 "'NFKD'."));
          return NULL;
        }
    }

  if (regex != NULL && *regex != '\0'
      && (self->remove_regex = compile_regex ("remove_regex", regex, NULL, error)) == NULL)
    return NULL;

  if (!parse_replace_regexes (self, init_parameters, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Calls @func on each "\f"-separated page of @in, joining the results with
 * "\f" in @out, as the Python steps do with text.split("\f"). */
typedef gboolean (*PageFunc) (MoiDocumentCleaner  *self,
                              const char          *page,
                              gsize                len,
                              GString             *out,
                              GError             **error);

static gboolean
for_each_page (MoiDocumentCleaner  *self,
               GString             *in,
               GString             *out,
               PageFunc             func,
               GError             **error)
{
  const char *p = in->str;
  const char *end = in->str + in->len;

  g_string_truncate (out, 0);
  for (;;)
    {
      const char *page_end = memchr (p, '\f', (gsize) (end - p));

      if (page_end == NULL)
        page_end = end;
      if (!func (self, p, (gsize) (page_end - p), out, error))
        return FALSE;
      if (page_end == end)
        break;
      g_string_append_c (out, '\f');
      p = page_end + 1;
    }

  return TRUE;
}

#ifdef __SSE2__
/* Offset of the first byte in the 16 at @p where a change can begin, or 16:
 * a lead byte of a multi-byte whitespace (0xc2, 0xe1, 0xe2, 0xe3), or an
 * ASCII byte <= 0x20 followed by another one or by such a lead byte. A lone
 * space between words, the usual case, is not one. Reads p[0..16]. */
static inline guint
next_candidate (const char *p)
{
  const __m128i limit = _mm_set1_epi8 (0x20);
  __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  __m128i w = _mm_loadu_si128 ((const __m128i *) (p + 1));
  __m128i ascii_v = _mm_cmpeq_epi8 (_mm_max_epu8 (v, limit), limit);
  __m128i ascii_w = _mm_cmpeq_epi8 (_mm_max_epu8 (w, limit), limit);
  __m128i lead_v = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xc2)),
                                               _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xe1))),
                                 _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xe2)),
                                               _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xe3))));
  __m128i lead_w = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (w, _mm_set1_epi8 ((char) 0xc2)),
                                               _mm_cmpeq_epi8 (w, _mm_set1_epi8 ((char) 0xe1))),
                                 _mm_or_si128 (_mm_cmpeq_epi8 (w, _mm_set1_epi8 ((char) 0xe2)),
                                               _mm_cmpeq_epi8 (w, _mm_set1_epi8 ((char) 0xe3))));
  __m128i hit = _mm_or_si128 (lead_v, _mm_and_si128 (ascii_v, _mm_or_si128 (ascii_w, lead_w)));
  guint mask = (guint) _mm_movemask_epi8 (hit);

  return mask != 0 ? (guint) __builtin_ctz (mask) : 16;
}
#endif

/* re.sub(r"\s\s+", " ", page).strip() in one pass: a run of two or more
 * whitespace characters becomes one space, a single one stays as it is, and
 * the runs at both ends go. Unchanged stretches are copied in one go. */
static gboolean
collapse_whitespace_page (MoiDocumentCleaner  *self,
                          const char          *page,
                          gsize                len,
                          GString             *out,
                          GError             **error)
{
  const char *p = page;
  const char *end = page + len;
  const char *copy_from;
  gsize n;

  while (p < end && (n = moi_py_space_len (p, end)) > 0)
    p += n;
  copy_from = p;

  while (p < end)
    {
      const char *run;
      guint count = 0;

#ifdef __SSE2__
      if (end - p > 16)
        {
          guint skip = next_candidate (p);

          p += skip;
          if (skip == 16)
            continue;
        }
      else
#endif
      if (!moi_py_space_start[(guchar) *p]
          || (*p == ' ' && p + 1 < end && !moi_py_space_start[(guchar) p[1]]))
        {
          /* Not whitespace, or one space between words: kept as it is. */
          p += *p == ' ' ? 2 : 1;
          continue;
        }

      if ((n = moi_py_space_len (p, end)) == 0)
        {
          p++;
          continue;
        }

      run = p;
      do
        {
          p += n;
          count++;
        }
      while (p < end && (n = moi_py_space_len (p, end)) > 0);

      if (p == end)
        {
          g_string_append_len (out, copy_from, run - copy_from);
          return TRUE;
        }
      if (count >= 2)
        {
          g_string_append_len (out, copy_from, run - copy_from);
          g_string_append_c (out, ' ');
          copy_from = p;
        }
    }

  g_string_append_len (out, copy_from, p - copy_from);
  return TRUE;
}

static void
append_line_span (GString    *out,
                  const char *span,
                  const char *span_end,
                  gboolean   *first)
{
  if (!*first)
    g_string_append_c (out, '\n');
  g_string_append_len (out, span, span_end - span);
  *first = FALSE;
}

/* "\n".join(line for line in page.split("\n") if line.strip()): kept lines
 * next to each other are copied with their "\n" as one stretch. */
static gboolean
remove_empty_lines_page (MoiDocumentCleaner  *self,
                         const char          *page,
                         gsize                len,
                         GString             *out,
                         GError             **error)
{
  const char *p = page;
  const char *end = page + len;
  const char *span = NULL;
  const char *span_end = NULL;
  gboolean first = TRUE;

  for (;;)
    {
      const char *line_end = memchr (p, '\n', (gsize) (end - p));

      if (line_end == NULL)
        line_end = end;
      if (moi_py_has_content (p, line_end))
        {
          if (span == NULL)
            span = p;
          span_end = line_end;
        }
      else if (span != NULL)
        {
          append_line_span (out, span, span_end, &first);
          span = NULL;
        }
      if (line_end == end)
        break;
      p = line_end + 1;
    }

  if (span != NULL)
    append_line_span (out, span, span_end, &first);

  return TRUE;
}

/* re.sub(remove_regex, "", page).strip() */
static gboolean
remove_regex_page (MoiDocumentCleaner  *self,
                   const char          *page,
                   gsize                len,
                   GString             *out,
                   GError             **error)
{
  gsize start = out->len;
  const char *s, *e;
  gsize kept;

  if (!moi_py_regex_sub (self->remove_regex, page, len, out, error))
    return FALSE;

  s = out->str + start;
  e = out->str + out->len;
  moi_py_strip (&s, &e);
  kept = (gsize) (e - s);
  memmove (out->str + start, s, kept);
  g_string_truncate (out, start + kept);

  return TRUE;
}

static gboolean
replace_regexes_page (MoiDocumentCleaner  *self,
                      const char          *page,
                      gsize                len,
                      GString             *out,
                      GError             **error)
{
  g_autoptr(GString) a = g_string_new_len (page, len);
  g_autoptr(GString) b = g_string_sized_new (len);

  for (guint i = 0; i < self->replace_regexes->len; i++)
    {
      GString *tmp;

      g_string_truncate (b, 0);
      if (!moi_py_regex_sub (g_ptr_array_index (self->replace_regexes, i), a->str, a->len, b,
                             error))
        return FALSE;
      tmp = a;
      a = b;
      b = tmp;
    }

  g_string_append_len (out, a->str, a->len);
  return TRUE;
}

/* " ".join(words).replace(" \n", "\n").replace(" \t", "\t") */
static char *
join_ngram (char  **words,
            guint   n)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GString) a = g_string_new (NULL);
  GString *b;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, words[i]);
    }

  moi_py_str_replace (a, joined->str, joined->len, " \n", "\n");
  b = g_string_new (NULL);
  moi_py_str_replace (b, a->str, a->len, " \t", "\t");
  return g_string_free (b, FALSE);
}

/* _allngram(seq, 3, 30) as a set; @order gets each new n-gram once, in the
 * order they are made, so that ties are broken the same way every time
 * (Python's set order is not defined). */
static GHashTable *
all_ngrams (const char *seq,
            GPtrArray  *order)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_words;

  moi_py_str_replace (a, seq, strlen (seq), "\n", " \n");
  moi_py_str_replace (b, a->str, a->len, "\t", " \t");
  words = g_strsplit (b->str, " ", -1);
  n_words = g_strv_length (words);

  for (guint n = MIN_NGRAM; n < MAX_NGRAM; n++)
    for (guint i = 0; i + n <= n_words; i++)
      {
        char *ngram = join_ngram (words + i, n);

        if (g_hash_table_contains (set, ngram))
          {
            g_free (ngram);
            continue;
          }
        g_hash_table_add (set, ngram);
        if (order != NULL)
          g_ptr_array_add (order, ngram);
      }

  return set;
}

/* _find_longest_common_ngram(), with main's guard (#11921): with fewer than
 * two non-empty sequences there is nothing they have in common. */
static char *
find_longest_common_ngram (GPtrArray *sequences)
{
  g_autoptr(GPtrArray) seqs = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) first = NULL;
  const char *longest = NULL;
  glong longest_len = -1;

  for (guint i = 0; i < sequences->len; i++)
    if (*(const char *) g_ptr_array_index (sequences, i) != '\0')
      g_ptr_array_add (seqs, g_ptr_array_index (sequences, i));
  if (seqs->len < 2)
    return g_strdup ("");

  first = all_ngrams (g_ptr_array_index (seqs, 0), order);
  for (guint i = 1; i < seqs->len; i++)
    {
      g_autoptr(GHashTable) other = all_ngrams (g_ptr_array_index (seqs, i), NULL);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, first);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (other, key))
          g_hash_table_iter_steal (&iter);
    }

  /* Stolen keys are still owned by @order's walk below: free them there. */
  for (guint i = 0; i < order->len; i++)
    {
      const char *ngram = g_ptr_array_index (order, i);

      if (g_hash_table_contains (first, ngram))
        {
          glong len = g_utf8_strlen (ngram, -1);

          if (len > longest_len)
            {
              longest = ngram;
              longest_len = len;
            }
        }
    }

  if (longest == NULL || !moi_py_has_content (longest, longest + strlen (longest)))
    longest = "";
  longest = g_strdup (longest);

  for (guint i = 0; i < order->len; i++)
    if (!g_hash_table_contains (first, g_ptr_array_index (order, i)))
      g_free (g_ptr_array_index (order, i));

  return (char *) longest;
}

static void
replace_in_pages (GPtrArray  *pages,
                  const char *found)
{
  for (guint i = 0; i < pages->len; i++)
    {
      char *page = g_ptr_array_index (pages, i);
      GString *out = g_string_new (NULL);

      moi_py_str_replace (out, page, strlen (page), found, "");
      g_free (page);
      pages->pdata[i] = g_string_free (out, FALSE);
    }
}

static void
remove_header_footer (GString *text)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;
  g_auto(GStrv) split = g_strsplit (text->str, "\f", -1);

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (pages, g_strdup (split[i]));

  /* pages[1:-1], each cut to its first 300 characters. */
  for (guint i = 1; i + 1 < pages->len; i++)
    {
      const char *page = g_ptr_array_index (pages, i);
      gsize len = strlen (page);

      g_ptr_array_add (candidates,
                       g_strndup (page, moi_py_offset (page, len, HEADER_FOOTER_CHARS)));
    }
  header = find_longest_common_ngram (candidates);
  if (*header != '\0')
    replace_in_pages (pages, header);

  /* The last 300 characters, after the header is gone. */
  g_ptr_array_set_size (candidates, 0);
  for (guint i = 1; i + 1 < pages->len; i++)
    {
      const char *page = g_ptr_array_index (pages, i);
      gsize len = strlen (page);
      gsize n_chars = moi_py_len (page, len);
      gsize skip = n_chars > HEADER_FOOTER_CHARS ? n_chars - HEADER_FOOTER_CHARS : 0;

      g_ptr_array_add (candidates, g_strdup (page + moi_py_offset (page, len, skip)));
    }
  footer = find_longest_common_ngram (candidates);
  if (*footer != '\0')
    replace_in_pages (pages, footer);

  g_debug ("Removed header '%s' and footer '%s' in document", header, footer);

  g_string_truncate (text, 0);
  for (guint i = 0; i < pages->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\f');
      g_string_append (text, g_ptr_array_index (pages, i));
    }
}

static void
swap (GString **a,
      GString **b)
{
  GString *tmp = *a;

  *a = *b;
  *b = tmp;
}

static char *
clean_text (MoiDocumentCleaner  *self,
            const char          *text,
            GError             **error)
{
  g_autoptr(GString) cur = NULL;
  g_autoptr(GString) next = NULL;

  if (self->normalize)
    {
      g_autofree char *normalized = g_utf8_normalize (text, -1, self->normalize_mode);

      cur = g_string_new (normalized);
    }
  else
    cur = g_string_new (text);
  next = g_string_sized_new (cur->len + 1);

  if (self->ascii_only)
    {
      g_autofree char *nfkd = g_utf8_normalize (cur->str, cur->len, G_NORMALIZE_NFKD);

      g_string_truncate (cur, 0);
      for (const char *p = nfkd; *p != '\0'; p++)
        if ((guchar) *p < 0x80)
          g_string_append_c (cur, *p);
    }

  if (self->remove_extra_whitespaces)
    {
      for_each_page (self, cur, next, collapse_whitespace_page, NULL);
      swap (&cur, &next);
    }

  if (self->remove_empty_lines)
    {
      for_each_page (self, cur, next, remove_empty_lines_page, NULL);
      swap (&cur, &next);
    }

  for (guint i = 0; self->remove_substrings != NULL && self->remove_substrings[i] != NULL; i++)
    {
      /* "abc".replace("", "") is "abc". */
      if (*self->remove_substrings[i] == '\0')
        continue;
      g_string_truncate (next, 0);
      moi_py_str_replace (next, cur->str, cur->len, self->remove_substrings[i], "");
      swap (&cur, &next);
    }

  if (self->remove_regex != NULL)
    {
      if (!for_each_page (self, cur, next, remove_regex_page, error))
        return NULL;
      swap (&cur, &next);
    }

  if (self->replace_regexes != NULL)
    {
      if (!for_each_page (self, cur, next, replace_regexes_page, error))
        return NULL;
      swap (&cur, &next);
    }

  if (self->remove_repeated_substrings)
    remove_header_footer (cur);

  if (self->strip_whitespaces)
    {
      const char *s = cur->str;
      const char *e = cur->str + cur->len;

      moi_py_strip (&s, &e);
      g_string_truncate (next, 0);
      g_string_append_len (next, s, e - s);
      swap (&cur, &next);
    }

  return g_string_free (g_steal_pointer (&cur), FALSE);
}

char *
moi_document_cleaner_clean_text (MoiDocumentCleaner  *self,
                                 const char          *text,
                                 GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  char *cleaned;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cleaned = clean_text (self, text, &local_error);
  if (cleaned == NULL)
    g_set_error (error, MOI_DOCUMENT_CLEANER_ERROR, MOI_DOCUMENT_CLEANER_ERROR_REGEX,
                 _("%s: a regular expression failed: %s"), WHERE, local_error->message);
  return cleaned;
}

GPtrArray *
moi_document_cleaner_run (MoiDocumentCleaner  *self,
                          GPtrArray           *documents,
                          GError             **error)
{
  g_autoptr(GPtrArray) cleaned = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (documents == NULL || (documents->len > 0 && g_ptr_array_index (documents, 0) == NULL))
    {
      g_set_error_literal (error, MOI_DOCUMENT_CLEANER_ERROR,
                           MOI_DOCUMENT_CLEANER_ERROR_INVALID_INPUT,
                           _("DocumentCleaner expects a List of Documents as input."));
      return NULL;
    }

  cleaned = g_ptr_array_new_full (documents->len, (GDestroyNotify) moi_document_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *doc = g_ptr_array_index (documents, i);
      MoiDocument *clean;
      char *text;

      g_return_val_if_fail (doc != NULL, NULL);

      if (doc->content == NULL)
        {
          g_info ("DocumentCleaner only cleans text documents but document.content for "
                  "document ID %s is None.", moi_document_get_id (doc));
          g_ptr_array_add (cleaned, moi_document_ref (doc));
          continue;
        }

      if ((text = moi_document_cleaner_clean_text (self, doc->content, error)) == NULL)
        return NULL;

      clean = moi_document_new_like (doc, text, self->keep_id);
      g_ptr_array_add (cleaned, clean);
    }

  return g_steal_pointer (&cleaned);
}
