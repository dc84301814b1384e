/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-textproc"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "moi-document-splitter.h"
#include "moi-init-parameters.h"
#include "moi-json-writer.h"
#include "moi-pyunicode.h"

#define WHERE "DocumentSplitter"

typedef enum
{
  SPLIT_BY_FUNCTION,
  SPLIT_BY_PAGE,
  SPLIT_BY_PASSAGE,
  SPLIT_BY_PERIOD,
  SPLIT_BY_WORD,
  SPLIT_BY_LINE,
  SPLIT_BY_SENTENCE,
} SplitBy;

/* In Haystack's order, which its error message lists. */
static const char * const split_by_names[] = {
  "function", "page", "passage", "period", "word", "line", "sentence", NULL
};

/* _CHARACTER_SPLIT_BY_MAPPING, indexed by SplitBy. */
static const char * const separators[] = { NULL, "\f", "\n\n", ".", " ", "\n", NULL };

static const char * const known_parameters[] = {
  "split_by", "split_length", "split_overlap", "split_threshold", "splitting_function",
  "respect_sentence_boundary", "language", "use_split_rules", "extend_abbreviations",
  "skip_empty_documents", NULL
};

struct _MoiDocumentSplitter
{
  SplitBy           split_by;
  gsize             split_length;
  gsize             split_overlap;
  gsize             split_threshold;
  gboolean          respect_sentence_boundary;
  gboolean          skip_empty_documents;
  char             *language;
  MoiSplittingFunc  func;
  gpointer          func_data;
  GDestroyNotify    func_destroy;
};

/* Units are contiguous: unit i is content[byte[i]:byte[i+1]]; cp[i] and
 * ff[i] count the code points and "\f" before byte[i]. */
typedef struct
{
  gsize *byte;
  gsize *cp;
  gsize *ff;
  gsize  len;        /* boundaries: one more than the units */
  gsize  capacity;
} Units;

typedef struct
{
  gsize    start;      /* byte range in the content ... */
  gsize    end;
  GString *text;       /* ... or this, once a merge made it non-contiguous */
  gsize    page;
  gsize    idx_start;  /* split_idx_start, in code points */
  gsize    n_chars;    /* len(text) */
} Split;

G_DEFINE_QUARK (moi-document-splitter-error-quark, moi_document_splitter_error)

#define UNIT(u, arr, i) ((u)->arr[(i)])

void
moi_document_splitter_free (MoiDocumentSplitter *self)
{
  if (self == NULL)
    return;

  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);
  g_free (self->language);
  g_free (self);
}

static gboolean
invalid_parameter (GError     **error,
                   const char  *message)
{
  g_set_error_literal (error, MOI_DOCUMENT_SPLITTER_ERROR,
                       MOI_DOCUMENT_SPLITTER_ERROR_INVALID_PARAMETER, message);
  return FALSE;
}

static gboolean
read_parameters (MoiDocumentSplitter  *self,
                 JsonObject           *params,
                 gint64               *length,
                 gint64               *overlap,
                 gint64               *threshold,
                 const char          **split_by,
                 const char          **function_name,
                 GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *language = "en";
  gboolean use_split_rules = TRUE;
  gboolean extend_abbreviations = TRUE;

  if (moi_init_parameters_get_string (params, WHERE, "split_by", split_by, &local_error)
      && moi_init_parameters_get_int (params, WHERE, "split_length", length, &local_error)
      && moi_init_parameters_get_int (params, WHERE, "split_overlap", overlap, &local_error)
      && moi_init_parameters_get_int (params, WHERE, "split_threshold", threshold, &local_error)
      && moi_init_parameters_get_string (params, WHERE, "splitting_function", function_name,
                                         &local_error)
      && moi_init_parameters_get_boolean (params, WHERE, "respect_sentence_boundary",
                                          &self->respect_sentence_boundary, &local_error)
      && moi_init_parameters_get_string (params, WHERE, "language", &language, &local_error)
      && moi_init_parameters_get_boolean (params, WHERE, "use_split_rules", &use_split_rules,
                                          &local_error)
      && moi_init_parameters_get_boolean (params, WHERE, "extend_abbreviations",
                                          &extend_abbreviations, &local_error)
      && moi_init_parameters_get_boolean (params, WHERE, "skip_empty_documents",
                                          &self->skip_empty_documents, &local_error))
    {
      self->language = g_strdup (language);
      return TRUE;
    }

  return invalid_parameter (error, local_error->message);
}

MoiDocumentSplitter *
moi_document_splitter_new_with_function (JsonObject        *init_parameters,
                                         MoiSplittingFunc   func,
                                         gpointer           user_data,
                                         GDestroyNotify     destroy,
                                         GError           **error)
{
  g_autoptr(MoiDocumentSplitter) self = NULL;
  const char *split_by = "word";
  const char *function_name = NULL;
  gint64 length = 200;
  gint64 overlap = 0;
  gint64 threshold = 0;
  int i;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (MoiDocumentSplitter, 1);
  self->skip_empty_documents = TRUE;
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;

  if (!moi_py_check_kwargs (init_parameters, "DocumentSplitter.__init__", known_parameters,
                            MOI_DOCUMENT_SPLITTER_ERROR,
                            MOI_DOCUMENT_SPLITTER_ERROR_INVALID_PARAMETER, error)
      || !read_parameters (self, init_parameters, &length, &overlap, &threshold, &split_by,
                           &function_name, error))
    return NULL;

  for (i = 0; split_by_names[i] != NULL; i++)
    if (g_str_equal (split_by, split_by_names[i]))
      break;
  if (split_by_names[i] == NULL)
    {
      invalid_parameter (error, _("split_by must be one of function, page, passage, period, "
                                  "word, line, sentence."));
      return NULL;
    }
  self->split_by = (SplitBy) i;

  if (self->split_by == SPLIT_BY_FUNCTION && func == NULL)
    {
      if (function_name != NULL)
        g_set_error (error, MOI_DOCUMENT_SPLITTER_ERROR,
                     MOI_DOCUMENT_SPLITTER_ERROR_INVALID_PARAMETER,
                     _("%s: splitting_function “%s” is Python code, which the local service "
                       "cannot run"), WHERE, function_name);
      else
        invalid_parameter (error, _("When 'split_by' is set to 'function', a valid "
                                    "'splitting_function' must be provided."));
      return NULL;
    }
  if (length <= 0)
    {
      invalid_parameter (error, _("split_length must be greater than 0."));
      return NULL;
    }
  if (overlap < 0)
    {
      invalid_parameter (error, _("split_overlap must be greater than or equal to 0."));
      return NULL;
    }
  if (overlap >= length)
    {
      invalid_parameter (error, _("split_overlap must be less than split_length."));
      return NULL;
    }

  self->split_length = (gsize) length;
  self->split_overlap = (gsize) overlap;
  /* Python compares len(units) < split_threshold: a negative one never merges. */
  self->split_threshold = threshold > 0 ? (gsize) threshold : 0;

  if (self->respect_sentence_boundary && self->split_by != SPLIT_BY_WORD)
    {
      g_info ("The 'respect_sentence_boundary' option is only supported for `split_by='word'`. "
              "The option `respect_sentence_boundary` will be set to `False`.");
      self->respect_sentence_boundary = FALSE;
    }

  return g_steal_pointer (&self);
}

MoiDocumentSplitter *
moi_document_splitter_new (JsonObject  *init_parameters,
                           GError     **error)
{
  return moi_document_splitter_new_with_function (init_parameters, NULL, NULL, NULL, error);
}

static void
units_init (Units *units,
            gsize  reserve)
{
  units->len = 0;
  units->capacity = MAX (reserve, 16);
  units->byte = g_new (gsize, units->capacity);
  units->cp = g_new (gsize, units->capacity);
  units->ff = g_new (gsize, units->capacity);
}

static void
units_clear (Units *units)
{
  g_clear_pointer (&units->byte, g_free);
  g_clear_pointer (&units->cp, g_free);
  g_clear_pointer (&units->ff, g_free);
}

static inline void
units_push (Units *units,
            gsize  byte,
            gsize  cp,
            gsize  ff)
{
  if (G_UNLIKELY (units->len == units->capacity))
    {
      units->capacity *= 2;
      units->byte = g_renew (gsize, units->byte, units->capacity);
      units->cp = g_renew (gsize, units->cp, units->capacity);
      units->ff = g_renew (gsize, units->ff, units->capacity);
    }
  units->byte[units->len] = byte;
  units->cp[units->len] = cp;
  units->ff[units->len] = ff;
  units->len++;
}

static inline gsize
units_count (const Units *units)
{
  return units->len - 1;
}

/* content.split(sep) with sep put back on every unit but the last: only the
 * boundaries, counts come later where they are needed. */
static void
split_by_separator (const char *text,
                    gsize       len,
                    const char *sep,
                    Units      *units)
{
  const char *end = text + len;
  const char *p = text;

  units_init (units, len / 4 + 2);
  units_push (units, 0, 0, 0);

  if (sep[1] == '\0')
    {
      while ((p = memchr (p, sep[0], (gsize) (end - p))) != NULL)
        {
          p++;
          units_push (units, (gsize) (p - text), 0, 0);
        }
    }
  else
    {
      /* "\n\n": non-overlapping, left to right, as str.split() does. */
      while (p + 1 < end && (p = memchr (p, sep[0], (gsize) (end - p))) != NULL)
        {
          if (p + 1 < end && p[1] == sep[1])
            {
              p += 2;
              units_push (units, (gsize) (p - text), 0, 0);
            }
          else
            p++;
        }
    }

  units_push (units, len, 0, 0);
}

/* Code points in [s, s + n): the bytes that are not UTF-8 continuations. */
static gsize
count_code_points (const char *s,
                   gsize       n)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize continuations = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 v;

      memcpy (&v, s + i, 8);
      /* One bit per continuation byte, at bit 7; summed by a multiply. */
      v = (v & ~(v << 1) & high) >> 7;
      continuations += (v * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56;
    }
  for (; i < n; i++)
    continuations += ((guchar) s[i] & 0xc0) == 0x80;

  return n - continuations;
}

static gsize
count_form_feeds (const char *s,
                  gsize       n)
{
  const char *end = s + n;
  gsize count = 0;

  while ((s = memchr (s, '\f', (gsize) (end - s))) != NULL)
    {
      count++;
      s++;
    }

  return count;
}

/* Whether _concatenate_units() looks at boundary @i: window starts (i·step),
 * ends (i·step + n, or the last one) and, with a threshold, where a merged
 * window's new part starts (i·step + overlap). */
static gboolean
boundary_needed (MoiDocumentSplitter *self,
                 gsize                i,
                 gsize                n_units)
{
  gsize n = self->split_length;
  gsize overlap = self->split_overlap;
  gsize step = n - overlap;

  return i == n_units
         || i % step == 0
         || (i >= n && (i - n) % step == 0)
         || (self->split_threshold > 0 && i >= overlap && (i - overlap) % step == 0);
}

/* Fills the code point and form feed counts at the unit boundaries, all of
 * them or (@only_needed) those boundary_needed() names. */
static void
count_boundaries (MoiDocumentSplitter *self,
                  const char          *text,
                  Units               *units,
                  gboolean             only_needed)
{
  gsize cp = 0, ff = 0, pos = 0;
  gsize n_units = units_count (units);

  for (gsize k = 0; k < units->len; k++)
    {
      gsize target;

      if (only_needed && !boundary_needed (self, k, n_units))
        continue;
      target = UNIT (units, byte, k);
      cp += count_code_points (text + pos, target - pos);
      ff += count_form_feeds (text + pos, target - pos);
      pos = target;
      UNIT (units, cp, k) = cp;
      UNIT (units, ff, k) = ff;
    }
}

/* ICU's "ss=standard" abbreviation data is not in every build of ICU (not
 * in Debian's), so the usual English abbreviations and initials are kept
 * from ending a sentence here, as NLTK's punkt model does for English. */
static const char * const english_abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "e.g", "i.e",
  "cf", "al", "fig", "figs", "no", "nos", "vol", "vols", "p", "pp", "ch", "sec", "dept",
  "inc", "ltd", "co", "corp", "bros", "est", "approx", "gen", "gov", "lt", "col", "capt",
  "sgt", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec", "u.s", "u.k", "a.m", "p.m", NULL
};

static gboolean
ends_with_abbreviation (const char *start,
                        const char *end)
{
  const char *token;
  g_autofree char *lower = NULL;

  moi_py_strip (&start, &end);
  if (end - start < 2 || end[-1] != '.')
    return FALSE;

  token = end - 1;
  while (token > start && moi_py_space_len (token - 1, end) == 0
         && !g_ascii_isspace (token[-1]) && token[-1] != '(' && token[-1] != '"')
    token--;
  if (token == end - 1)
    return FALSE;
  /* A single letter: an initial ("J. K. Rowling"). */
  if (end - 1 - token == 1 && g_ascii_isalpha (*token))
    return TRUE;

  lower = g_ascii_strdown (token, end - 1 - token);
  return g_strv_contains (english_abbreviations, lower);
}

static gboolean
split_sentences (MoiDocumentSplitter  *self,
                 const char           *text,
                 gsize                 len,
                 Units                *units,
                 GError              **error)
{
  g_autofree char *locale = g_strdup_printf ("%s@ss=standard", self->language);
  UErrorCode status = U_ZERO_ERROR;
  UText *ut = NULL;
  UBreakIterator *bi = NULL;

  if (len > G_MAXINT32)
    {
      g_set_error (error, MOI_DOCUMENT_SPLITTER_ERROR, MOI_DOCUMENT_SPLITTER_ERROR_SENTENCES,
                   _("%s: the text is too long to split into sentences"), WHERE);
      return FALSE;
    }

  ut = utext_openUTF8 (NULL, text, (int64_t) len, &status);
  bi = ubrk_open (UBRK_SENTENCE, locale, NULL, 0, &status);
  if (U_SUCCESS (status))
    ubrk_setUText (bi, ut, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, MOI_DOCUMENT_SPLITTER_ERROR, MOI_DOCUMENT_SPLITTER_ERROR_SENTENCES,
                   _("%s: the sentence breaker failed for language “%s”: %s"),
                   WHERE, self->language, u_errorName (status));
      if (bi != NULL)
        ubrk_close (bi);
      utext_close (ut);
      return FALSE;
    }

  units_init (units, len / 64 + 2);
  units_push (units, 0, 0, 0);
  /* Boundaries are native (UTF-8 byte) indexes; the first is 0. */
  for (int32_t b = ubrk_next (bi); b != UBRK_DONE; b = ubrk_next (bi))
    {
      units_push (units, (gsize) b, 0, 0);
    }
  if (UNIT (units, byte, units->len - 1) != len)
    units_push (units, len, 0, 0);

  if (g_str_equal (self->language, "en"))
    {
      gsize kept = 1;

      for (gsize k = 1; k < units->len; k++)
        {
          gsize b = UNIT (units, byte, k);

          if (k + 1 < units->len
              && ends_with_abbreviation (text + UNIT (units, byte, kept - 1), text + b))
            continue;
          UNIT (units, byte, kept++) = b;
        }
      units->len = kept;
    }

  ubrk_close (bi);
  utext_close (ut);

  count_boundaries (self, text, units, FALSE);
  return TRUE;
}

static void
split_clear (Split *split)
{
  if (split->text != NULL)
    g_string_free (split->text, TRUE);
}

static void
split_append (Split      *split,
              const char *content,
              gsize       start,
              gsize       end,
              gsize       n_chars)
{
  if (start == end)
    return;
  split->n_chars += n_chars;
  if (split->text == NULL && split->end == start)
    {
      split->end = end;
      return;
    }
  if (split->text == NULL)
    split->text = g_string_new_len (content + split->start, split->end - split->start);
  g_string_append_len (split->text, content + start, end - start);
}

/* _concatenate_units() */
static GArray *
concatenate_units (MoiDocumentSplitter *self,
                   const char          *content,
                   const Units         *units)
{
  GArray *splits = g_array_new (FALSE, FALSE, sizeof (Split));
  gsize n_units = units_count (units);
  gsize n = self->split_length;
  gsize step = self->split_length - self->split_overlap;

  g_array_set_clear_func (splits, (GDestroyNotify) split_clear);

  /* more_itertools.windowed(units, n, step=step): windows start at 0, step,
   * 2·step, … while the previous window ended before the last unit. */
  for (gsize s = 0; s < n_units; s += step)
    {
      gsize e = MIN (s + n, n_units);
      gsize start = UNIT (units, byte, s);
      gsize end = UNIT (units, byte, e);

      if (e - s < self->split_threshold && splits->len > 0)
        {
          /* main (#12366): the overlap is already in the previous split. */
          gsize from = MIN (s + self->split_overlap, e);

          split_append (&g_array_index (splits, Split, splits->len - 1), content,
                        UNIT (units, byte, from), end,
                        UNIT (units, cp, e) - UNIT (units, cp, from));
        }
      else if (!self->skip_empty_documents || end > start)
        {
          Split split = { start, end, NULL, 1 + UNIT (units, ff, s), UNIT (units, cp, s),
                          UNIT (units, cp, e) - UNIT (units, cp, s) };

          g_array_append_val (splits, split);
        }

      if (s + n >= n_units)
        break;
    }

  return splits;
}

static gsize
count_words (const char *s,
             const char *e)
{
  gsize words = 0;
  gboolean in_word = FALSE;

  /* len(s.split()) */
  while (s < e)
    {
      gsize n = moi_py_space_len (s, e);

      if (n > 0)
        {
          in_word = FALSE;
          s += n;
        }
      else
        {
          words += !in_word;
          in_word = TRUE;
          s++;
        }
    }

  return words;
}

/* _number_of_sentences_to_keep() for the chunk of sentences [first, last) */
static gsize
sentences_to_keep (MoiDocumentSplitter *self,
                   const gsize         *word_counts,
                   gsize                first,
                   gsize                last)
{
  gsize keep = 0;
  gsize words = 0;

  if (self->split_overlap == 0)
    return 0;

  /* Never the chunk's first sentence: the next chunk must not start alike. */
  for (gsize i = last; i-- > first + 1;)
    {
      words += word_counts[i];
      if (words > self->split_length)
        break;
      keep++;
      if (words > self->split_overlap)
        break;
    }

  return keep;
}

/* _concatenate_sentences_based_on_word_amount(), including its quirk: empty
 * chunks are dropped from the texts but not from the pages and start
 * indexes, which are then paired by position. */
static GArray *
concatenate_sentences (MoiDocumentSplitter *self,
                       const char          *content,
                       const Units         *units)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (Split));
  GArray *splits = g_array_new (FALSE, FALSE, sizeof (Split));
  gsize n_units = units_count (units);
  g_autofree gsize *word_counts = g_new0 (gsize, n_units + 1);
  gsize chunk_words = 0, chunk_page = 1, chunk_start_idx = 0, chunk_first = 0;
  guint kept = 0;

  g_array_set_clear_func (splits, (GDestroyNotify) split_clear);

  for (gsize i = 0; i < n_units; i++)
    word_counts[i] = count_words (content + UNIT (units, byte, i),
                                  content + UNIT (units, byte, i + 1));

  for (gsize i = 0; i < n_units; i++)
    {
      gsize next_words = i + 1 < n_units ? word_counts[i + 1] : 0;
      gsize keep, done;

      chunk_words += word_counts[i];
      if (chunk_words + next_words <= self->split_length && i + 1 < n_units)
        continue;

      {
        Split chunk = { UNIT (units, byte, chunk_first), UNIT (units, byte, i + 1), NULL,
                        chunk_page, chunk_start_idx,
                        UNIT (units, cp, i + 1) - UNIT (units, cp, chunk_first) };

        g_array_append_val (chunks, chunk);
      }

      keep = sentences_to_keep (self, word_counts, chunk_first, i + 1);
      done = i + 1 - keep;
      chunk_page += UNIT (units, ff, done) - UNIT (units, ff, chunk_first);
      chunk_start_idx += UNIT (units, cp, done) - UNIT (units, cp, chunk_first);
      chunk_first = done;
      chunk_words = 0;
      for (gsize k = done; k <= i; k++)
        chunk_words += word_counts[k];
    }

  for (guint i = 0; i < chunks->len; i++)
    {
      Split *chunk = &g_array_index (chunks, Split, i);

      if (chunk->end > chunk->start)
        {
          Split split = { chunk->start, chunk->end, NULL,
                          g_array_index (chunks, Split, kept).page,
                          g_array_index (chunks, Split, kept).idx_start, chunk->n_chars };

          g_array_append_val (splits, split);
          kept++;
        }
    }

  return splits;
}

static const char *
split_text (const Split *split,
            const char  *content,
            gsize       *len)
{
  if (split->text != NULL)
    {
      *len = split->text->len;
      return split->text->str;
    }
  *len = split->end - split->start;
  return content + split->start;
}

/* _add_split_overlap_information(): ranges are in the coordinates of the
 * document they point to. */
static void
add_overlap (MoiDocument *cur,
             const Split *cur_split,
             MoiDocument *prev,
             const Split *prev_split)
{
  gsize from, to;

  if (cur_split->idx_start < prev_split->idx_start)
    return;
  from = cur_split->idx_start - prev_split->idx_start;
  to = prev_split->n_chars;
  if (from >= to)
    return;

  if (cur_split->text == NULL && prev_split->text == NULL)
    {
      /* Both are stretches of the same content and cur starts inside prev:
       * prev[from:] is content[cur.start:prev.end], a prefix of cur's text
       * exactly when cur reaches as far as prev. */
      if (cur_split->end < prev_split->end)
        return;
    }
  else
    {
      gsize prev_bytes = strlen (prev->content);
      gsize offset = moi_py_offset (prev->content, prev_bytes, from);

      if (strncmp (cur->content, prev->content + offset, prev_bytes - offset) != 0)
        return;
    }

  moi_document_add_split_overlap (cur, moi_document_get_id (prev), (gint64) from, (gint64) to);
  moi_document_add_split_overlap (prev, moi_document_get_id (cur), 0, (gint64) (to - from));
}

/* _create_docs_from_splits() */
static void
create_documents (MoiDocumentSplitter *self,
                  MoiDocument         *doc,
                  GArray              *splits,
                  GPtrArray           *out)
{
  JsonObject *meta = moi_json_object_deep_copy (moi_document_get_meta (doc));
  g_autoptr(MoiSplitBase) base = NULL;
  guint first = out->len;

  json_object_set_string_member (meta, "source_id", moi_document_get_id (doc));
  base = moi_split_base_new (meta, self->split_overlap > 0);

  for (guint i = 0; i < splits->len; i++)
    {
      const Split *split = &g_array_index (splits, Split, i);
      const char *text;
      gsize len;

      text = split_text (split, doc->content, &len);
      g_ptr_array_add (out, moi_document_new_split (base, g_strndup (text, len),
                                                    (gint64) split->page, (gint64) i,
                                                    (gint64) split->idx_start));
      if (self->split_overlap == 0 || i == 0)
        continue;

      add_overlap (g_ptr_array_index (out, first + i), split, g_ptr_array_index (out, first + i - 1),
                   &g_array_index (splits, Split, i - 1));
    }
}

static gboolean
split_by_function (MoiDocumentSplitter  *self,
                   MoiDocument          *doc,
                   GPtrArray            *out)
{
  g_autoptr(GPtrArray) pieces = self->func (doc->content, self->func_data);
  g_autoptr(JsonObject) base = moi_json_object_deep_copy (moi_document_get_meta (doc));

  json_object_set_string_member (base, "source_id", moi_document_get_id (doc));
  for (guint i = 0; pieces != NULL && i < pieces->len; i++)
    g_ptr_array_add (out, moi_document_new (g_ptr_array_index (pieces, i), base));

  return TRUE;
}

static gboolean
split_document (MoiDocumentSplitter  *self,
                MoiDocument          *doc,
                GPtrArray            *out,
                GError              **error)
{
  const char *content = doc->content;
  gsize len = strlen (content);
  Units units = { NULL, NULL, NULL };
  GArray *splits;

  if (self->split_by == SPLIT_BY_FUNCTION)
    return split_by_function (self, doc, out);

  if (self->split_by == SPLIT_BY_SENTENCE || self->respect_sentence_boundary)
    {
      if (!split_sentences (self, content, len, &units, error))
        return FALSE;
    }
  else
    {
      split_by_separator (content, len, separators[self->split_by], &units);
      count_boundaries (self, content, &units, TRUE);
    }

  if (self->respect_sentence_boundary)
    splits = concatenate_sentences (self, content, &units);
  else
    splits = concatenate_units (self, content, &units);

  create_documents (self, doc, splits, out);

  g_array_unref (splits);
  units_clear (&units);
  return TRUE;
}

GPtrArray *
moi_document_splitter_run (MoiDocumentSplitter  *self,
                           GPtrArray            *documents,
                           GError              **error)
{
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (documents == NULL || (documents->len > 0 && g_ptr_array_index (documents, 0) == NULL))
    {
      g_set_error_literal (error, MOI_DOCUMENT_SPLITTER_ERROR,
                           MOI_DOCUMENT_SPLITTER_ERROR_INVALID_INPUT,
                           _("DocumentSplitter expects a List of Documents as input."));
      return NULL;
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *doc = g_ptr_array_index (documents, i);

      g_return_val_if_fail (doc != NULL, NULL);

      if (doc->content == NULL)
        {
          g_set_error (error, MOI_DOCUMENT_SPLITTER_ERROR,
                       MOI_DOCUMENT_SPLITTER_ERROR_INVALID_INPUT,
                       _("DocumentSplitter only works with text documents but content for "
                         "document ID %s is None."), moi_document_get_id (doc));
          return NULL;
        }
      if (*doc->content == '\0' && self->skip_empty_documents)
        {
          g_info ("Document ID %s has an empty content. Skipping this document.",
                  moi_document_get_id (doc));
          continue;
        }
      if (!split_document (self, doc, out, error))
        return NULL;
    }

  return g_steal_pointer (&out);
}
