/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "moi-enhanced-splitter.h"
#include "moi-init-parameters.h"

#define WHERE "EnhancedDocumentSplitter"

/* A recursive splitter: a text longer than split_length is cut at the
 * first separator that occurs in it (kept at the end of the piece before
 * it), adjacent pieces are merged back while they fit, and a piece still too
 * long is cut at the next separator, down to a hard cut by units. With
 * enable_level_based_split every markdown heading (outside code fences)
 * starts a new chunk first. Chunks are exact substrings of the content, so
 * split_idx_start (in code points, like Python) locates them; with an
 * overlap, each chunk after the first starts with the last split_overlap
 * units of the one before, and chunks hold at most split_length units. */

typedef enum
{
  UNIT_CHAR,
  UNIT_WORD,
} Unit;

struct _MoiEnhancedSplitter
{
  Unit      unit;
  gint64    length;
  gint64    overlap;
  gboolean  level_based;
  char    **separators;
};

static const char * const default_separators[] = {
  "\n\n", "\n", "。", "！", "？", ". ", "! ", "? ", "；", "; ", "，", ", ", " ", NULL
};

typedef struct
{
  const char *start;
  const char *end;
} Range;

void
moi_enhanced_splitter_free (MoiEnhancedSplitter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->separators);
  g_free (self);
}

MoiEnhancedSplitter *
moi_enhanced_splitter_new (JsonObject  *init_parameters,
                           GError     **error)
{
  g_autoptr(MoiEnhancedSplitter) self = g_new0 (MoiEnhancedSplitter, 1);
  const char *unit = "char";

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->length = 800;
  self->overlap = 0;
  if (!moi_init_parameters_get_string (init_parameters, WHERE, "split_unit", &unit, error)
      || !moi_init_parameters_get_int (init_parameters, WHERE, "split_length", &self->length,
                                       error)
      || !moi_init_parameters_get_int (init_parameters, WHERE, "split_overlap", &self->overlap,
                                       error)
      || !moi_init_parameters_get_boolean (init_parameters, WHERE, "enable_level_based_split",
                                           &self->level_based, error)
      || !moi_init_parameters_get_string_list (init_parameters, WHERE, "custom_separators",
                                               &self->separators, error))
    return NULL;

  if (g_strcmp0 (unit, "char") == 0)
    self->unit = UNIT_CHAR;
  else if (g_strcmp0 (unit, "word") == 0)
    self->unit = UNIT_WORD;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: init parameter “%s” must be “char” or “word”, got “%s”"),
                   WHERE, "split_unit", unit);
      return NULL;
    }

  if (self->length <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: init parameter “%s” must be greater than 0"), WHERE, "split_length");
      return NULL;
    }
  if (self->overlap < 0 || self->overlap >= self->length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: init parameter “split_overlap” must be at least 0 and less than "
                     "split_length (%lld), got %lld"),
                   WHERE, (long long) self->length, (long long) self->overlap);
      return NULL;
    }

  /* An empty separator would cut nowhere; the hard cut comes last anyway. */
  if (self->separators != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; self->separators[i] != NULL; i++)
        if (*self->separators[i] != '\0')
          g_strv_builder_add (builder, self->separators[i]);
      g_strfreev (self->separators);
      self->separators = g_strv_builder_end (builder);
    }
  else
    self->separators = g_strdupv ((char **) default_separators);

  return g_steal_pointer (&self);
}

/* CJK ideographs and kana are one word each: the text has no spaces. */
static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x2E80)
    return FALSE;
  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
         || script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_BOPOMOFO;
}

/* Full-width punctuation separates words without being one. */
static gboolean
is_word_break (gunichar c)
{
  return g_unichar_isspace (c)
         || (c >= 0x3000 && c <= 0x303F && g_unichar_ispunct (c))
         || (c >= 0xFF00 && c <= 0xFFEF && g_unichar_ispunct (c));
}

/* Length of [start, end) in split units. */
static gsize
measure (MoiEnhancedSplitter *self,
         const char          *start,
         const char          *end)
{
  gsize n = 0;
  gboolean in_word = FALSE;

  if (self->unit == UNIT_CHAR)
    return g_utf8_strlen (start, end - start);

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          n++;
          in_word = FALSE;
        }
      else if (is_word_break (c))
        in_word = FALSE;
      else if (!in_word)
        {
          n++;
          in_word = TRUE;
        }
    }
  return n;
}

/* The position where the unit number @index (0-based) of [start, end)
 * begins, or @end when there are not that many. */
static const char *
unit_start (MoiEnhancedSplitter *self,
            const char          *start,
            const char          *end,
            gsize                index)
{
  gsize n = 0;
  gboolean in_word = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean begins;

      if (self->unit == UNIT_CHAR)
        begins = TRUE;
      else if (is_cjk (c))
        {
          begins = TRUE;
          in_word = FALSE;
        }
      else if (is_word_break (c))
        {
          begins = FALSE;
          in_word = FALSE;
        }
      else
        {
          begins = !in_word;
          in_word = TRUE;
        }

      if (begins && n++ == index)
        return p;
    }
  return end;
}

static void
hard_cut (MoiEnhancedSplitter *self,
          Range                range,
          gsize                budget,
          GArray              *out)
{
  const char *p = range.start;

  while (p < range.end)
    {
      const char *next = unit_start (self, p, range.end, budget);
      Range piece = { p, next };

      /* Words take the spaces after them. */
      g_array_append_val (out, piece);
      p = next;
    }
}

static gboolean
is_heading_line (const char *line,
                 const char *end)
{
  gsize hashes = 0;

  while (line + hashes < end && line[hashes] == '#')
    hashes++;
  return hashes >= 1 && hashes <= 6 && line + hashes < end
         && (line[hashes] == ' ' || line[hashes] == '\t');
}

/* Ranges starting at each markdown heading outside code fences. */
static void
split_at_headings (Range   range,
                   GArray *out)
{
  const char *section = range.start;
  gboolean in_fence = FALSE;

  for (const char *line = range.start; line < range.end;)
    {
      const char *nl = memchr (line, '\n', range.end - line);
      const char *next = nl != NULL ? nl + 1 : range.end;

      if (range.end - line >= 3
          && (strncmp (line, "```", 3) == 0 || strncmp (line, "~~~", 3) == 0))
        in_fence = !in_fence;
      else if (!in_fence && line > section && is_heading_line (line, range.end))
        {
          Range r = { section, line };

          g_array_append_val (out, r);
          section = line;
        }
      line = next;
    }
  if (section < range.end)
    {
      Range r = { section, range.end };

      g_array_append_val (out, r);
    }
}

static gboolean
is_word_char (gunichar c)
{
  return !is_cjk (c) && !is_word_break (c);
}

/* 1 when a word runs across @joint (the end of one range, the start of
 * the next), so that it counts once in the joined range, else 0. */
static gsize
word_across (MoiEnhancedSplitter *self,
             const char          *joint)
{
  if (self->unit == UNIT_CHAR || *joint == '\0')
    return 0;
  return is_word_char (g_utf8_get_char (g_utf8_prev_char (joint)))
         && is_word_char (g_utf8_get_char (joint));
}

static void
split_recursive (MoiEnhancedSplitter *self,
                 Range                range,
                 guint                level,
                 gsize                budget,
                 GArray              *out)
{
  g_autoptr(GArray) pieces = NULL;
  const char *sep = NULL;
  gsize sep_len;
  Range current = { NULL, NULL };
  gsize current_len = 0;

  if (measure (self, range.start, range.end) <= budget)
    {
      g_array_append_val (out, range);
      return;
    }

  for (; self->separators[level] != NULL; level++)
    {
      const char *found = g_strstr_len (range.start, range.end - range.start,
                                        self->separators[level]);

      sep_len = strlen (self->separators[level]);
      if (found != NULL && found + sep_len < range.end)
        {
          sep = self->separators[level];
          break;
        }
    }

  if (sep == NULL)
    {
      hard_cut (self, range, budget, out);
      return;
    }

  pieces = g_array_new (FALSE, FALSE, sizeof (Range));
  for (const char *p = range.start; p < range.end;)
    {
      const char *found = g_strstr_len (p, range.end - p, sep);
      Range piece = { p, found != NULL ? found + sep_len : range.end };

      /* Runs of the separator stay with the piece before them. */
      while (found != NULL && piece.end + sep_len <= range.end
             && strncmp (piece.end, sep, sep_len) == 0)
        piece.end += sep_len;
      g_array_append_val (pieces, piece);
      p = piece.end;
    }

  /* Lengths add up, less one when a word runs across the joint: no
   * re-measuring of the growing chunk. */
  for (guint i = 0; i < pieces->len; i++)
    {
      Range piece = g_array_index (pieces, Range, i);
      gsize piece_len = measure (self, piece.start, piece.end);

      if (current.start != NULL)
        {
          gsize joined = current_len + piece_len - word_across (self, current.end);

          if (joined <= budget)
            {
              current.end = piece.end;
              current_len = joined;
              continue;
            }
          g_array_append_val (out, current);
          current.start = NULL;
        }

      if (piece_len > budget)
        split_recursive (self, piece, level + 1, budget, out);
      else
        {
          current = piece;
          current_len = piece_len;
        }
    }
  if (current.start != NULL)
    g_array_append_val (out, current);
}

static gboolean
is_blank_range (Range r)
{
  for (const char *p = r.start; p < r.end; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Start of the last @count units of [start, end). */
static const char *
tail_start (MoiEnhancedSplitter *self,
            const char          *start,
            const char          *end,
            gsize                count)
{
  gsize n = measure (self, start, end);

  if (n <= count)
    return start;
  return unit_start (self, start, end, n - count);
}

static void
split_document (MoiEnhancedSplitter *self,
                MoiDocument         *doc,
                GPtrArray           *out)
{
  const char *content = doc->content;
  Range whole = { content, content + strlen (content) };
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (Range));
  gsize budget = self->length - self->overlap;
  const char *offset_at = content;
  glong offset = 0;
  gint64 page = 1;
  gint64 split_id = 0;
  const char *prev_start = NULL;

  if (self->level_based)
    split_at_headings (whole, sections);
  else
    g_array_append_val (sections, whole);

  for (guint i = 0; i < sections->len; i++)
    split_recursive (self, g_array_index (sections, Range, i), 0, budget, chunks);

  for (guint i = 0; i < chunks->len; i++)
    {
      Range chunk = g_array_index (chunks, Range, i);
      g_autoptr(JsonObject) meta = NULL;
      g_autofree char *text = NULL;
      MoiDocument *split;

      if (self->overlap > 0 && prev_start != NULL)
        chunk.start = tail_start (self, prev_start, chunk.start, self->overlap);
      prev_start = g_array_index (chunks, Range, i).start;

      if (is_blank_range (chunk))
        continue;

      /* Offsets and pages advance monotonically: count incrementally. */
      if (chunk.start >= offset_at)
        {
          for (const char *p = offset_at; p < chunk.start; p++)
            page += *p == '\f';
          offset += g_utf8_pointer_to_offset (offset_at, chunk.start);
        }
      else
        {
          for (const char *p = chunk.start; p < offset_at; p++)
            page -= *p == '\f';
          offset -= g_utf8_pointer_to_offset (chunk.start, offset_at);
        }
      offset_at = chunk.start;

      meta = json_object_new ();
      {
        JsonObject *doc_meta = moi_document_get_meta (doc);
        GList *members = json_object_get_members (doc_meta);

        for (const GList *l = members; l != NULL; l = l->next)
          json_object_set_member (meta, l->data,
                                  json_node_copy (json_object_get_member (doc_meta, l->data)));
        g_list_free (members);
      }
      json_object_set_string_member (meta, "source_id", moi_document_get_id (doc));
      json_object_set_int_member (meta, "page_number", page);
      json_object_set_int_member (meta, "split_id", split_id++);
      json_object_set_int_member (meta, "split_idx_start", offset);

      text = g_strndup (chunk.start, chunk.end - chunk.start);
      split = moi_document_new_take (g_steal_pointer (&text), g_steal_pointer (&meta));
      g_ptr_array_add (out, split);
    }
}

GPtrArray *
moi_enhanced_splitter_run (MoiEnhancedSplitter  *self,
                           GPtrArray            *documents,
                           GError              **error)
{
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (documents != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *doc = g_ptr_array_index (documents, i);

      /* Image documents (no text) go on untouched, for MOI's filler. */
      if (doc->content == NULL)
        {
          g_ptr_array_add (out, moi_document_ref (doc));
          continue;
        }
      split_document (self, doc, out);
    }

  return g_steal_pointer (&out);
}
