/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <opencc/opencc.h>

#include "moi-init-parameters.h"
#include "moi-moi-cleaner.h"

#define WHERE "MoiDocumentCleaner"
#define SHINGLE_CHARS 5
#define N_MINHASH 128

/* Steps run in this order on each document's content: invisible
 * characters, NFKC, traditional -> simplified Chinese, HTML tags, URLs,
 * personal data, sensitive words, special characters, whitespace
 * standardisation; then the special-character filter and deduplication
 * (md5 first, then similarity) decide whether the document is kept. */
struct _MoiMoiCleaner
{
  gboolean  deduplication;
  gboolean  by_md5;
  gboolean  by_similarity;
  double    ngram_ratio;
  gboolean  special_char_filter;
  double    special_char_ratio;
  gboolean  special_char_remove;
  gboolean  text_standardization;
  gboolean  remove_html_labels;
  gboolean  remove_invisible_char;
  gboolean  remove_personal_message;
  gboolean  remove_sensitive_words;
  gboolean  remove_url;
  gboolean  t2s;
  gboolean  nfkc;

  opencc_t  opencc;
  GRegex   *html_re;
  GRegex   *url_re;
  GRegex   *email_re;
  GRegex   *id_re;
  GRegex   *phone_re;
  GRegex   *sensitive_re;
  GRegex   *spaces_re;
  GRegex   *blank_lines_re;
};

/* A small built-in list. MOI's cloud cleaner checks a large curated
 * lexicon (politics, pornography, gambling, drugs, violence, ads) that it
 * does not publish; locally only these words are masked. */
static const char * const sensitive_words[] = {
  "赌博", "博彩", "网赌", "六合彩", "毒品", "冰毒", "海洛因", "大麻", "色情", "嫖娼",
  "卖淫", "枪支", "弹药", "代开发票", "办假证", "洗钱", "传销", "诈骗",
  "fuck", "shit", "bitch", "cocaine", "heroin", "porn",
};

static GRegex *
compile (const char        *pattern,
         GRegexCompileFlags flags)
{
  g_autoptr(GError) error = NULL;
  GRegex *re = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, &error);

  /* The patterns are constants of this file. */
  g_assert_no_error (error);
  return re;
}

void
moi_moi_cleaner_free (MoiMoiCleaner *self)
{
  if (self == NULL)
    return;

  if (self->opencc != NULL && self->opencc != (opencc_t) -1)
    opencc_close (self->opencc);
  g_clear_pointer (&self->html_re, g_regex_unref);
  g_clear_pointer (&self->url_re, g_regex_unref);
  g_clear_pointer (&self->email_re, g_regex_unref);
  g_clear_pointer (&self->id_re, g_regex_unref);
  g_clear_pointer (&self->phone_re, g_regex_unref);
  g_clear_pointer (&self->sensitive_re, g_regex_unref);
  g_clear_pointer (&self->spaces_re, g_regex_unref);
  g_clear_pointer (&self->blank_lines_re, g_regex_unref);
  g_free (self);
}

static gboolean
get_ratio (JsonObject  *params,
           const char  *key,
           double      *out,
           GError     **error)
{
  if (!moi_init_parameters_get_double (params, WHERE, key, out, error))
    return FALSE;
  if (*out < 0.0 || *out > 1.0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: init parameter “%s” must be between 0 and 1, got %g"),
                   WHERE, key, *out);
      return FALSE;
    }
  return TRUE;
}

MoiMoiCleaner *
moi_moi_cleaner_new (JsonObject  *init_parameters,
                     GError     **error)
{
  g_autoptr(MoiMoiCleaner) self = g_new0 (MoiMoiCleaner, 1);
  const struct {
    const char *key;
    gboolean   *out;
  } switches[] = {
    { "switch_deduplication", &self->deduplication },
    { "deduplication_by_md5", &self->by_md5 },
    { "deduplication_by_similarity", &self->by_similarity },
    { "switch_special_char_filter", &self->special_char_filter },
    { "switch_special_char_remove", &self->special_char_remove },
    { "switch_text_standardization", &self->text_standardization },
    { "remove_html_labels", &self->remove_html_labels },
    { "remove_invisible_char", &self->remove_invisible_char },
    { "remove_persional_message", &self->remove_personal_message },
    { "remove_sensitive_words", &self->remove_sensitive_words },
    { "remove_url", &self->remove_url },
    { "traditional_chinese_to_simple", &self->t2s },
    { "unicode_normalization", &self->nfkc },
  };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    if (!moi_init_parameters_get_boolean (init_parameters, WHERE, switches[i].key,
                                          switches[i].out, error))
      return NULL;

  self->ngram_ratio = 0.5;
  self->special_char_ratio = 0.5;
  if (!get_ratio (init_parameters, "deduplication_ngram_ratio", &self->ngram_ratio, error)
      || !get_ratio (init_parameters, "filter_special_char_ratio", &self->special_char_ratio,
                     error))
    return NULL;

  /* switch_deduplication is the master switch (as in MOI's UI, where the
   * methods are options under it); with neither method chosen, exact (md5)
   * deduplication is what it means. */
  if (!self->deduplication)
    self->by_md5 = self->by_similarity = FALSE;
  else if (!self->by_md5 && !self->by_similarity)
    self->by_md5 = TRUE;

  if (self->t2s)
    {
      self->opencc = opencc_open ("t2s.json");
      if (self->opencc == (opencc_t) -1)
        {
          self->opencc = NULL;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("%s: traditional_chinese_to_simple needs OpenCC’s “t2s.json” "
                         "configuration, which could not be loaded: %s"),
                       WHERE, opencc_error ());
          return NULL;
        }
    }

  self->html_re = compile ("<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\\s[^<>]*)?/?>",
                           G_REGEX_DOTALL);
  self->url_re = compile ("(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'，。；！？、）】》]+",
                          G_REGEX_CASELESS);
  self->email_re = compile ("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*"
                            "\\.[A-Za-z]{2,}", 0);
  /* Mainland resident ID numbers: area, birth date, sequence, check. */
  self->id_re = compile ("(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}"
                         "(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
                         "(?![0-9A-Za-z])", 0);
  /* Mobile numbers (+86 optional), landlines with area code, and
   * international "+CC ..." numbers. */
  self->phone_re = compile ("(?<![0-9])(?:(?:\\+|00)86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}"
                            "(?![0-9])"
                            "|(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])"
                            "|\\+[1-9][0-9]{0,2}[- ]?\\(?[0-9]{1,4}\\)?(?:[- ]?[0-9]{2,4}){2,4}"
                            "(?![0-9])", 0);
  {
    g_autoptr(GString) alternation = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (sensitive_words); i++)
      {
        g_autofree char *escaped = g_regex_escape_string (sensitive_words[i], -1);

        if (i > 0)
          g_string_append_c (alternation, '|');
        g_string_append (alternation, escaped);
      }
    self->sensitive_re = compile (alternation->str, G_REGEX_CASELESS);
  }
  self->spaces_re = compile ("[ \\t\\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}"
                             "\\x{3000}]+", 0);
  self->blank_lines_re = compile ("\\n{3,}", 0);

  return g_steal_pointer (&self);
}

static char *
replace (GRegex     *re,
         const char *text,
         const char *replacement)
{
  char *ret = g_regex_replace_literal (re, text, -1, 0, replacement, 0, NULL);

  return ret != NULL ? ret : g_strdup (text);
}

static gboolean
mask_cb (const GMatchInfo *info,
         GString          *result,
         gpointer          user_data)
{
  g_autofree char *match = g_match_info_fetch (info, 0);

  for (glong n = g_utf8_strlen (match, -1); n > 0; n--)
    g_string_append_c (result, '*');
  return FALSE;
}

static gboolean
is_invisible (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
      return c != '\n' && c != '\t' && c != '\r' && c != '\f';
    case G_UNICODE_FORMAT:
      return TRUE;
    default:
      /* Fillers that render as nothing but are letters to Unicode. */
      return c == 0x3164 || c == 0x115F || c == 0x1160 || c == 0xFFA0;
    }
}

static const char allowed_punctuation[] =
  ".,;:!?'\"()[]{}<>-_/\\%&@#+=*~·–—…"
  "，。！？、；：“”‘’（）《》【】「」『』〈〉～￥";

/* Letters, marks, digits, whitespace, currency and common punctuation are
 * ordinary text; everything else (emoji, box drawing, dingbats, controls,
 * private use...) is a special character. */
static gboolean
is_special (gunichar c)
{
  char buf[8];
  int len;

  if (g_unichar_isalnum (c) || g_unichar_isspace (c) || g_unichar_ismark (c))
    return FALSE;
  if (g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
    return FALSE;
  len = g_unichar_to_utf8 (c, buf);
  buf[len] = '\0';
  return strstr (allowed_punctuation, buf) == NULL;
}

static char *
filter_chars (const char *text,
              gboolean  (*drop) (gunichar c))
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!drop (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static double
special_ratio (const char *text)
{
  gsize total = 0;
  gsize special = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      total++;
      special += is_special (c);
    }
  return total > 0 ? (double) special / total : 0.0;
}

/* Whitespace standardisation: line ends to "\n", runs of horizontal
 * spaces (incl. ideographic and no-break) to one space, no spaces at line
 * ends, at most one empty line in a row, no leading/trailing blank. */
static char *
standardize (MoiMoiCleaner *self,
             const char    *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *unix_text = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GString) crlf = g_string_new (text);

  g_string_replace (crlf, "\r\n", "\n", 0);
  g_string_replace (crlf, "\r", "\n", 0);
  unix_text = replace (self->spaces_re, crlf->str, " ");
  lines = g_strsplit (unix_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  joined = g_strjoinv ("\n", lines);
  return g_strstrip (replace (self->blank_lines_re, joined, "\n\n"));
}

static char *
clean_text (MoiMoiCleaner *self,
            const char    *content)
{
  g_autofree char *text = g_strdup (content);

  /* A step that fails (NULL: invalid UTF-8, regex limits) leaves the text. */
#define STEP(expr) \
  G_STMT_START { \
    char *next_ = (expr); \
    if (next_ != NULL) \
      { \
        g_free (text); \
        text = next_; \
      } \
  } G_STMT_END

  if (self->remove_invisible_char)
    STEP (filter_chars (text, is_invisible));
  if (self->nfkc)
    STEP (g_utf8_normalize (text, -1, G_NORMALIZE_NFKC));
  if (self->opencc != NULL)
    {
      char *converted = opencc_convert_utf8 (self->opencc, text, strlen (text));

      if (converted != NULL)
        {
          g_free (text);
          text = g_strdup (converted);
          opencc_convert_utf8_free (converted);
        }
    }
  if (self->remove_html_labels)
    STEP (replace (self->html_re, text, ""));
  if (self->remove_url)
    STEP (replace (self->url_re, text, ""));
  if (self->remove_personal_message)
    {
      /* ID numbers before phones: an ID holds phone-like digit runs. */
      STEP (replace (self->email_re, text, "[EMAIL]"));
      STEP (replace (self->id_re, text, "[ID]"));
      STEP (replace (self->phone_re, text, "[PHONE]"));
    }
  if (self->remove_sensitive_words)
    STEP (g_regex_replace_eval (self->sensitive_re, text, -1, 0, 0, mask_cb, NULL, NULL));
  if (self->special_char_remove)
    STEP (filter_chars (text, is_special));
  if (self->text_standardization)
    STEP (standardize (self, text));

#undef STEP

  return g_steal_pointer (&text);
}

/* ------------------------------------------------------------ similarity */

typedef struct
{
  GArray  *shingles;            /* sorted unique guint64 */
  guint64  minhash[N_MINHASH];
} Fingerprint;

static guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

static guint64
hash_bytes (const char *p,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) p[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Character n-grams of the text without whitespace, so that re-wrapped
 * or re-spaced copies still match; works for CJK text, which has no
 * word boundaries to count n-grams on. */
static void
fingerprint_init (Fingerprint *fp,
                  const char  *text)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint n_chars;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      g_array_append_val (starts, squeezed->len);
      g_string_append_unichar (squeezed, g_unichar_tolower (c));
    }
  g_array_append_val (starts, squeezed->len);
  n_chars = starts->len - 1;

  fp->shingles = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint i = 0; i + SHINGLE_CHARS <= n_chars || (i == 0 && n_chars > 0); i++)
    {
      guint end = MIN (i + SHINGLE_CHARS, n_chars);
      gsize from = g_array_index (starts, gsize, i);
      guint64 h = hash_bytes (squeezed->str + from, g_array_index (starts, gsize, end) - from);

      g_array_append_val (fp->shingles, h);
    }
  g_array_sort (fp->shingles, compare_u64);
  if (fp->shingles->len > 1)
    {
      guint64 *v = (guint64 *) (gpointer) fp->shingles->data;
      guint j = 1;

      for (guint i = 1; i < fp->shingles->len; i++)
        if (v[i] != v[j - 1])
          v[j++] = v[i];
      g_array_set_size (fp->shingles, j);
    }

  /* One-permutation MinHash: the top bits of a shingle's hash pick one of
   * N_MINHASH bins, each bin keeps its minimum. One hash per shingle
   * instead of N_MINHASH; a bin no shingle fell in stays G_MAXUINT64. */
  for (guint k = 0; k < N_MINHASH; k++)
    fp->minhash[k] = G_MAXUINT64;
  for (guint i = 0; i < fp->shingles->len; i++)
    {
      guint64 v = mix64 (g_array_index (fp->shingles, guint64, i));
      guint bin = v % N_MINHASH;

      if (v < fp->minhash[bin])
        fp->minhash[bin] = v;
    }
}

static double
exact_jaccard (const Fingerprint *a,
               const Fingerprint *b)
{
  guint i = 0, j = 0, common = 0;
  guint union_size;

  while (i < a->shingles->len && j < b->shingles->len)
    {
      guint64 x = g_array_index (a->shingles, guint64, i);
      guint64 y = g_array_index (b->shingles, guint64, j);

      if (x == y)
        common++, i++, j++;
      else if (x < y)
        i++;
      else
        j++;
    }
  union_size = a->shingles->len + b->shingles->len - common;
  return union_size > 0 ? (double) common / union_size : 1.0;
}

/* MinHash finds candidates cheaply; the exact Jaccard index decides, so
 * the threshold means what it says. */
static gboolean
is_near_duplicate (const Fingerprint *a,
                   const Fingerprint *b,
                   double             ratio)
{
  guint equal = 0;
  guint filled = 0;

  for (guint k = 0; k < N_MINHASH; k++)
    {
      if (a->minhash[k] == G_MAXUINT64 && b->minhash[k] == G_MAXUINT64)
        continue;
      filled++;
      equal += a->minhash[k] == b->minhash[k];
    }
  if (filled > 0 && (double) equal / filled < ratio - 0.2)
    return FALSE;
  return exact_jaccard (a, b) >= ratio;
}

/* Locality-sensitive hashing over the MinHash bins: bands of @rows bins;
 * two documents are compared only when one band is the same in both.
 * The rows are chosen so that a pair at the threshold shares a band with
 * a probability above 99 %; for thresholds too low for that (rows 0),
 * every kept document is compared. */
typedef struct
{
  guint       rows;
  GHashTable *buckets;   /* band key -> GArray of kept indexes */
  GArray     *stamps;    /* kept index -> last document that looked at it */
} Lsh;

static void
lsh_init (Lsh    *lsh,
          double  ratio)
{
  lsh->rows = 0;
  for (guint r = N_MINHASH; r >= 1; r /= 2)
    if (1.0 - pow (1.0 - pow (ratio, r), (double) N_MINHASH / r) >= 0.99)
      {
        lsh->rows = r;
        break;
      }
  lsh->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  lsh->stamps = g_array_new (FALSE, TRUE, sizeof (guint));
}

static void
lsh_clear (Lsh *lsh)
{
  g_clear_pointer (&lsh->buckets, g_hash_table_unref);
  g_clear_pointer (&lsh->stamps, g_array_unref);
}

/* Band keys of @fp; bands of empty bins (tiny texts) get none: such texts
 * still meet through their other bands, or band 0 when all are empty. */
static gboolean
band_key (const Lsh         *lsh,
          const Fingerprint *fp,
          guint              band,
          gint64            *key)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) * (band + 1);
  gboolean empty = TRUE;

  for (guint k = band * lsh->rows; k < (band + 1) * lsh->rows; k++)
    {
      empty &= fp->minhash[k] == G_MAXUINT64;
      h = mix64 (h ^ fp->minhash[k]);
    }
  *key = (gint64) h;
  return !empty || band == 0;
}

static gboolean
lsh_has_near_duplicate (Lsh               *lsh,
                        GPtrArray         *kept,
                        const Fingerprint *fp,
                        guint              stamp,
                        double             ratio)
{
  if (lsh->rows == 0)
    {
      for (guint index = 0; index < kept->len; index++)
        if (is_near_duplicate (g_ptr_array_index (kept, index), fp, ratio))
          return TRUE;
      return FALSE;
    }

  for (guint band = 0; band < N_MINHASH / lsh->rows; band++)
    {
      GArray *bucket;
      gint64 key;

      if (!band_key (lsh, fp, band, &key)
          || (bucket = g_hash_table_lookup (lsh->buckets, &key)) == NULL)
        continue;
      for (guint j = 0; j < bucket->len; j++)
        {
          guint index = g_array_index (bucket, guint, j);

          if (g_array_index (lsh->stamps, guint, index) == stamp)
            continue;
          g_array_index (lsh->stamps, guint, index) = stamp;
          if (is_near_duplicate (g_ptr_array_index (kept, index), fp, ratio))
            return TRUE;
        }
    }
  return FALSE;
}

static void
lsh_add (Lsh               *lsh,
         const Fingerprint *fp,
         guint              index)
{
  g_array_set_size (lsh->stamps, index + 1);
  for (guint band = 0; lsh->rows > 0 && band < N_MINHASH / lsh->rows; band++)
    {
      GArray *bucket;
      gint64 key;

      if (!band_key (lsh, fp, band, &key))
        continue;
      if ((bucket = g_hash_table_lookup (lsh->buckets, &key)) == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (lsh->buckets, g_memdup2 (&key, sizeof key), bucket);
        }
      g_array_append_val (bucket, index);
    }
}

static void
fingerprint_free (gpointer data)
{
  Fingerprint *fp = data;

  g_array_unref (fp->shingles);
  g_free (fp);
}

static MoiDocument *
document_with_content (MoiDocument *doc,
                       char        *content)
{
  MoiDocument *copy = moi_document_new (content, moi_document_get_meta (doc));

  g_free (content);

  if (doc->blob != NULL)
    copy->blob = g_bytes_ref (doc->blob);
  copy->mime_type = g_strdup (doc->mime_type);
  copy->score = doc->score;
  if (doc->embedding != NULL)
    copy->embedding = g_array_ref (doc->embedding);
  moi_document_update_id (copy);
  return copy;
}

GPtrArray *
moi_moi_cleaner_run (MoiMoiCleaner  *self,
                     GPtrArray      *documents,
                     GError        **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) seen_md5 = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  Lsh lsh = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (documents != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  seen_md5 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kept = g_ptr_array_new_with_free_func (fingerprint_free);
  if (self->by_similarity)
    lsh_init (&lsh, self->ngram_ratio);

  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *doc = g_ptr_array_index (documents, i);
      g_autofree char *text = NULL;
      Fingerprint *fp = NULL;

      if (doc->content == NULL)
        {
          g_ptr_array_add (out, moi_document_ref (doc));
          continue;
        }

      text = clean_text (self, doc->content);

      if (self->special_char_filter && special_ratio (text) > self->special_char_ratio)
        continue;

      if (self->by_md5)
        {
          char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);

          if (!g_hash_table_add (seen_md5, md5))
            continue;
        }

      if (self->by_similarity)
        {
          fp = g_new0 (Fingerprint, 1);
          fingerprint_init (fp, text);
          if (lsh_has_near_duplicate (&lsh, kept, fp, i + 1, self->ngram_ratio))
            {
              fingerprint_free (fp);
              continue;
            }
          lsh_add (&lsh, fp, kept->len);
          g_ptr_array_add (kept, fp);
        }

      g_ptr_array_add (out, document_with_content (doc, g_steal_pointer (&text)));
    }

  lsh_clear (&lsh);
  return g_steal_pointer (&out);
}
