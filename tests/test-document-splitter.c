/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DocumentSplitter: every split_by mode, windows with overlap, thresholds,
 * page numbers, character offsets, _split_overlap, Haystack's errors, and
 * the document ids it hashes (Python repr of meta). */

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "moi-document-splitter.h"
#include "moi-json-writer.h"
#include "moi-pyunicode.h"
#include "moi-test-json.h"

static GPtrArray *
split_doc (const char  *json,
           MoiDocument *doc)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiDocumentSplitter) splitter = moi_document_splitter_new (params, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  GPtrArray *out;

  g_assert_no_error (error);
  g_ptr_array_add (docs, moi_document_ref (doc));
  out = moi_document_splitter_run (splitter, docs, &error);
  g_assert_no_error (error);
  return out;
}

static GPtrArray *
split (const char *json,
       const char *text)
{
  g_autoptr(MoiDocument) doc = moi_document_new (text, NULL);

  return split_doc (json, doc);
}

static MoiDocument *
chunk_at (GPtrArray *chunks,
          guint      i)
{
  g_assert_cmpuint (i, <, chunks->len);
  return g_ptr_array_index (chunks, i);
}

static void
assert_chunk (GPtrArray  *chunks,
              guint       i,
              const char *content,
              gint64      page,
              gint64      idx_start)
{
  MoiDocument *chunk = chunk_at (chunks, i);

  g_assert_cmpstr (chunk->content, ==, content);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk), "split_id"), ==, i);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk), "page_number"), ==,
                   page);
  g_assert_cmpint (json_object_get_int_member (moi_document_get_meta (chunk),
                                               "split_idx_start"), ==,
                   idx_start);
}

/* Chunks keep their split keys as numbers beside the parent's meta until
 * asked for the object: the JSON text and the id made from the numbers
 * must be those of the object, member for member, whatever the parent's
 * meta holds (nothing, nested values, text that needs escaping, the split
 * keys themselves from an earlier split). */
static void
assert_chunks_match_objects (GPtrArray  *chunks,
                             JsonObject *parent_meta,
                             gboolean    overlap)
{
  JsonNode *parent_overlap = parent_meta != NULL
                             ? json_object_get_member (parent_meta, "_split_overlap") : NULL;

  g_assert_cmpuint (chunks->len, >, 2);
  for (guint i = 0; i < chunks->len; i++)
    {
      MoiDocument *chunk = chunk_at (chunks, i);
      g_autofree char *text = moi_document_dup_meta_json (chunk, NULL);
      g_autofree char *computed = moi_document_compute_id (chunk);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(JsonObject) without = NULL;
      g_autoptr(MoiDocument) before = NULL;
      g_autoptr(MoiDocument) after = NULL;
      JsonObject *meta = moi_document_get_meta (chunk);

      node = json_node_init_object (json_node_alloc (), meta);
      expected = moi_json_to_string (node, FALSE, NULL);
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpint (json_object_has_member (meta, "_split_overlap"), ==,
                       overlap || parent_overlap != NULL);
      if (overlap)
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (meta,
                                                                               "_split_overlap")),
                          ==, i == 0 || i == chunks->len - 1 ? 1 : 2);

      /* Haystack hashes the meta as it is before _split_overlap is set:
       * without it, or with the parent's. */
      without = moi_json_object_deep_copy (meta);
      if (parent_overlap != NULL)
        json_object_set_member (without, "_split_overlap", json_node_copy (parent_overlap));
      else
        json_object_remove_member (without, "_split_overlap");
      before = moi_document_new (chunk->content, without);
      g_assert_cmpstr (moi_document_get_id (chunk), ==, moi_document_get_id (before));
      /* Hashed again now, the overlaps count, as in the object. */
      after = moi_document_new (chunk->content, meta);
      g_assert_cmpstr (computed, ==, moi_document_get_id (after));
      if (overlap)
        g_assert_cmpstr (computed, !=, moi_document_get_id (chunk));
    }
}

static void
test_compact_meta (void)
{
  static const char * const metas[] = {
    NULL,
    "{\"file_path\": \"d\u00e9j\u00e0 \\\"vu\\\".txt\", \"n\": 1.5, \"ok\": true, "
    "\"none\": null, \"tags\": [\"a\", 2], \"nested\": {\"k\": \"\u4e2d\u6587\"}}",
    "{\"split_id\": 7, \"z\": 1, \"page_number\": 3, \"_split_overlap\": []}",
  };
  const char *text = "one two three four five six seven eight nine ten eleven twelve";

  for (guint m = 0; m < G_N_ELEMENTS (metas); m++)
    for (int overlap = 0; overlap <= 1; overlap++)
      {
        g_autoptr(JsonObject) meta = metas[m] ? moi_test_json_object (metas[m]) : NULL;
        g_autoptr(MoiDocument) doc = moi_document_new (text, meta);
        g_autofree char *params = g_strdup_printf ("{\"split_by\": \"word\", "
                                                   "\"split_length\": 4, "
                                                   "\"split_overlap\": %d}", overlap);
        g_autoptr(GPtrArray) chunks = split_doc (params, doc);

        assert_chunks_match_objects (chunks, meta, overlap);
      }
}

static void
test_word (void)
{
  g_autoptr(GPtrArray) chunks =
    split ("{\"split_by\": \"word\", \"split_length\": 10}",
           "This is a text with some words. There is a second sentence. And there is a third "
           "sentence.");

  g_assert_cmpuint (chunks->len, ==, 2);
  assert_chunk (chunks, 0, "This is a text with some words. There is a ", 1, 0);
  assert_chunk (chunks, 1, "second sentence. And there is a third sentence.", 1, 43);
  /* No overlap: no _split_overlap key at all. */
  g_assert_false (json_object_has_member (moi_document_get_meta (chunk_at (chunks, 0)),
                                          "_split_overlap"));
}

static void
test_code_points (void)
{
  /* split_idx_start counts characters, as Python's str indexes do. */
  g_autoptr(GPtrArray) chunks =
    split ("{\"split_length\": 2}", "\xe4\xb8\xad\xe6\x96\x87 \xe5\xad\x97\xe7\xac\xa6 "
                                   "\xe6\xb5\x8b\xe8\xaf\x95 \xe5\x86\x85\xe5\xae\xb9");

  g_assert_cmpuint (chunks->len, ==, 2);
  assert_chunk (chunks, 0, "\xe4\xb8\xad\xe6\x96\x87 \xe5\xad\x97\xe7\xac\xa6 ", 1, 0);
  assert_chunk (chunks, 1, "\xe6\xb5\x8b\xe8\xaf\x95 \xe5\x86\x85\xe5\xae\xb9", 1, 6);
}

static void
test_page_numbers (void)
{
  g_autoptr(GPtrArray) words = split ("{\"split_length\": 2}", "a b\fc d\f\fe f");
  g_autoptr(GPtrArray) pages = split ("{\"split_by\": \"page\", \"split_length\": 1}",
                                      "p1\fp2\fp3\f");
  g_autoptr(GPtrArray) all = split ("{\"split_by\": \"page\", \"split_length\": 1, "
                                    "\"skip_empty_documents\": false}", "p1\fp2\fp3\f");
  g_autoptr(GPtrArray) two = split ("{\"split_by\": \"page\", \"split_length\": 2, "
                                    "\"split_overlap\": 1}", "p1\fp2\fp3");

  /* The page where a split starts: 1 + the form feeds before it. */
  g_assert_cmpuint (words->len, ==, 2);
  assert_chunk (words, 0, "a b\fc ", 1, 0);
  assert_chunk (words, 1, "d\f\fe f", 2, 6);

  g_assert_cmpuint (pages->len, ==, 3);
  assert_chunk (pages, 0, "p1\f", 1, 0);
  assert_chunk (pages, 1, "p2\f", 2, 3);
  assert_chunk (pages, 2, "p3\f", 3, 6);
  /* The empty unit after the last "\f" is a split of its own when empty
   * documents are not skipped. */
  g_assert_cmpuint (all->len, ==, 4);
  assert_chunk (all, 3, "", 4, 9);

  g_assert_cmpuint (two->len, ==, 2);
  assert_chunk (two, 0, "p1\fp2\f", 1, 0);
  assert_chunk (two, 1, "p2\fp3", 2, 3);
}

static void
test_passage_period_line (void)
{
  g_autoptr(GPtrArray) passages = split ("{\"split_by\": \"passage\", \"split_length\": 1}",
                                         "para one\n\npara two\n\n\npara three");
  g_autoptr(GPtrArray) periods = split ("{\"split_by\": \"period\", \"split_length\": 2}",
                                        "A. B. C.");
  g_autoptr(GPtrArray) lines = split ("{\"split_by\": \"line\", \"split_length\": 2, "
                                      "\"split_overlap\": 1}", "l1\nl2\nl3");

  /* str.split("\n\n") is left to right: "\n\n\n" leaves a "\n" behind. */
  g_assert_cmpuint (passages->len, ==, 3);
  assert_chunk (passages, 0, "para one\n\n", 1, 0);
  assert_chunk (passages, 1, "para two\n\n", 1, 10);
  assert_chunk (passages, 2, "\npara three", 1, 20);

  /* "A. B. C.".split(".") ends with an empty unit, which joins the last split. */
  g_assert_cmpuint (periods->len, ==, 2);
  assert_chunk (periods, 0, "A. B.", 1, 0);
  assert_chunk (periods, 1, " C.", 1, 5);

  g_assert_cmpuint (lines->len, ==, 2);
  assert_chunk (lines, 0, "l1\nl2\n", 1, 0);
  assert_chunk (lines, 1, "l2\nl3", 1, 3);
}

static void
assert_overlap (MoiDocument *chunk,
                guint        i,
                MoiDocument *other,
                gint64       from,
                gint64       to)
{
  JsonArray *list = json_object_get_array_member (moi_document_get_meta (chunk), "_split_overlap");
  JsonObject *entry = json_array_get_object_element (list, i);
  JsonArray *range = json_object_get_array_member (entry, "range");

  g_assert_cmpstr (json_object_get_string_member (entry, "doc_id"), ==,
                   moi_document_get_id (other));
  g_assert_cmpint (json_array_get_int_element (range, 0), ==, from);
  g_assert_cmpint (json_array_get_int_element (range, 1), ==, to);
}

static void
test_overlap (void)
{
  /* Characters, not bytes; ranges in the referenced document's coordinates. */
  g_autoptr(GPtrArray) chunks = split ("{\"split_length\": 2, \"split_overlap\": 1}",
                                       "\xe4\xb8\x80 \xe4\xba\x8c \xe4\xb8\x89 \xe5\x9b\x9b");
  MoiDocument *c0, *c1, *c2;

  g_assert_cmpuint (chunks->len, ==, 3);
  c0 = chunk_at (chunks, 0);
  c1 = chunk_at (chunks, 1);
  c2 = chunk_at (chunks, 2);
  assert_chunk (chunks, 1, "\xe4\xba\x8c \xe4\xb8\x89 ", 1, 2);
  assert_chunk (chunks, 2, "\xe4\xb8\x89 \xe5\x9b\x9b", 1, 4);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (moi_document_get_meta (c0),
                                                                         "_split_overlap")),
                    ==, 1);
  assert_overlap (c0, 0, c1, 0, 2);
  /* The previous one first, then the next one. */
  assert_overlap (c1, 0, c0, 2, 4);
  assert_overlap (c1, 1, c2, 0, 2);
  assert_overlap (c2, 0, c1, 2, 4);
}

static void
test_threshold (void)
{
  /* main (#12366): the merged window brings only what is not already in
   * the previous split (v2.31 repeated the overlap: "w3 w4 w5 w5 w6"). */
  g_autoptr(GPtrArray) merged = split ("{\"split_length\": 3, \"split_overlap\": 1, "
                                       "\"split_threshold\": 3}", "w1 w2 w3 w4 w5 w6");
  g_autoptr(GPtrArray) plain = split ("{\"split_length\": 2, \"split_threshold\": \"2\"}",
                                      "a b c d e");
  g_autoptr(GPtrArray) below = split ("{\"split_length\": 2, \"split_threshold\": 1}",
                                      "a b c d e");

  g_assert_cmpuint (merged->len, ==, 2);
  assert_chunk (merged, 0, "w1 w2 w3 ", 1, 0);
  assert_chunk (merged, 1, "w3 w4 w5 w6", 1, 6);
  assert_overlap (chunk_at (merged, 1), 0, chunk_at (merged, 0), 6, 9);

  g_assert_cmpuint (plain->len, ==, 2);
  assert_chunk (plain, 1, "c d e", 1, 4);

  /* One unit is not below a threshold of one. */
  g_assert_cmpuint (below->len, ==, 3);
  assert_chunk (below, 2, "e", 1, 8);
}

static void
test_empty_and_none (void)
{
  g_autoptr(GPtrArray) skipped = split ("{}", "");
  g_autoptr(GPtrArray) kept = split ("{\"skip_empty_documents\": \"false\"}", "");
  g_autoptr(JsonObject) params = moi_test_json_object ("{}");
  g_autoptr(MoiDocumentSplitter) splitter = moi_document_splitter_new (params, NULL);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  MoiDocument *none = moi_document_new (NULL, NULL);

  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpuint (kept->len, ==, 1);
  assert_chunk (kept, 0, "", 1, 0);
  /* Python: sha256 of "None" + ... with meta {'source_id': …, 'page_number': 1,
   * 'split_id': 0, 'split_idx_start': 0}. */
  g_assert_cmpstr (moi_document_get_id (chunk_at (kept, 0)), ==,
                   "18ca265d3a89bb3fb831adef93c6390e894b117675e6dfc71f6dde8e1701089c");

  g_ptr_array_add (docs, none);
  g_assert_null (moi_document_splitter_run (splitter, docs, &error));
  g_assert_error (error, MOI_DOCUMENT_SPLITTER_ERROR, MOI_DOCUMENT_SPLITTER_ERROR_INVALID_INPUT);
  message = g_strdup_printf ("DocumentSplitter only works with text documents but content for "
                             "document ID %s is None.", moi_document_get_id (none));
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_null (moi_document_splitter_run (splitter, NULL, &error));
  g_assert_cmpstr (error->message, ==, "DocumentSplitter expects a List of Documents as input.");
}

static void
test_meta_and_ids (void)
{
  g_autoptr(JsonObject) meta = moi_test_json_object ("{\"file_path\": \"a.txt\"}");
  g_autoptr(JsonObject) stale = moi_test_json_object ("{\"split_id\": 7,"
                                                      " \"file_path\": \"b.txt\"}");
  g_autoptr(MoiDocument) doc = moi_document_new ("hello world", meta);
  g_autoptr(MoiDocument) again = moi_document_new ("hello world", stale);
  g_autoptr(GPtrArray) chunks = split_doc ("{\"split_length\": 1}", doc);
  g_autoptr(GPtrArray) rechunks = split_doc ("{\"split_length\": 1}", again);
  JsonObject *m;
  g_autoptr(GList) names = NULL;

  /* Ids as Haystack 2.x computes them (checked against Python's hashlib). */
  g_assert_cmpstr (moi_document_get_id (doc), ==,
                   "e22e155a95b11c0f1a3df805b6d5089461624cf5454674c2d9c84f5214bd1b08");
  g_assert_cmpuint (chunks->len, ==, 2);
  g_assert_cmpstr (moi_document_get_id (chunk_at (chunks, 0)), ==,
                   "0880ad91deef7b1bd76e0a698a85c4f60f11aaa7a1cb65d811460950f743e2ae");
  g_assert_cmpstr (moi_document_get_id (chunk_at (chunks, 1)), ==,
                   "0a001165d96ddf005aa21fbb46e7b2329736b98c7a6ce2467c348da5f4749ad6");

  m = moi_document_get_meta (chunk_at (chunks, 1));
  g_assert_cmpstr (json_object_get_string_member (m, "source_id"), ==, moi_document_get_id (doc));
  g_assert_cmpstr (json_object_get_string_member (m, "file_path"), ==, "a.txt");
  g_assert_cmpint (json_object_get_int_member (m, "split_idx_start"), ==, 6);
  /* The input's meta is copied, not shared or changed. */
  g_assert_false (json_object_has_member (moi_document_get_meta (doc), "source_id"));

  /* Same-named input keys are overwritten in place (Python dict order). */
  m = moi_document_get_meta (chunk_at (rechunks, 1));
  g_assert_cmpint (json_object_get_int_member (m, "split_id"), ==, 1);
  names = json_object_get_members (m);
  g_assert_cmpstr (names->data, ==, "split_id");
  g_assert_cmpstr (names->next->data, ==, "file_path");
  g_assert_cmpstr (names->next->next->data, ==, "source_id");
}

static void
test_repr (void)
{
  g_autoptr(JsonObject) meta =
    moi_test_json_object ("{\"file_path\": \"it's \\\"x\\\"\", \"n\": 1, \"f\": 0.1, \"b\": true, "
                      "\"z\": null, \"l\": [1, 2.5e-07, \"\xe4\xb8\xad\\u3000\\u0007\"], "
                      "\"d\": {\"k\": 1e16}, "
                      "\"_split_overlap\": [{\"doc_id\": \"d\", \"range\": [0, 5]}]}");
  g_autoptr(GString) out = g_string_new (NULL);
  static const struct { double value; const char *repr; } floats[] = {
    { 0.1, "0.1" }, { 1.0, "1.0" }, { 1e16, "1e+16" }, { 1.5e16, "1.5e+16" },
    { 123456789012345678.0, "1.2345678901234568e+17" }, { 1e-5, "1e-05" },
    { 0.0001, "0.0001" }, { -0.0, "-0.0" }, { 100.0, "100.0" }, { 9007199254740992.0,
    "9007199254740992.0" },
  };

  moi_py_repr_json_object (out, meta);
  g_assert_cmpstr (out->str, ==,
                   "{'file_path': 'it\\'s \"x\"', 'n': 1, 'f': 0.1, 'b': True, 'z': None, "
                   "'l': [1, 2.5e-07, '\xe4\xb8\xad\\u3000\\x07'], 'd': {'k': 1e+16}, "
                   "'_split_overlap': [{'doc_id': 'd', 'range': (0, 5)}]}");

  for (guint i = 0; i < G_N_ELEMENTS (floats); i++)
    {
      g_string_truncate (out, 0);
      moi_py_repr_float (out, floats[i].value);
      g_assert_cmpstr (out->str, ==, floats[i].repr);
    }

  g_string_truncate (out, 0);
  moi_py_repr_str (out, "a'b");
  moi_py_repr_str (out, "\xc2\x85\xc2\xa0\xe2\x80\xa8\xef\xbb\xbf\xf0\x9f\x98\x80\\");
  g_assert_cmpstr (out->str, ==, "\"a'b\"'\\x85\\xa0\\u2028\\ufeff\xf0\x9f\x98\x80\\\\'");
}

static void
test_sentences (void)
{
  g_autoptr(GPtrArray) chunks =
    split ("{\"split_by\": \"sentence\", \"split_length\": 1}",
           "Dr. Smith went home. He slept well! Did he? Yes.");
  g_autoptr(GPtrArray) pairs =
    split ("{\"split_by\": \"sentence\", \"split_length\": 2, \"split_overlap\": 1}",
           "One. Two.\fThree.");

  /* Whitespace stays with the sentence before it; "Dr." ends nothing. */
  g_assert_cmpuint (chunks->len, ==, 4);
  assert_chunk (chunks, 0, "Dr. Smith went home. ", 1, 0);
  assert_chunk (chunks, 1, "He slept well! ", 1, 21);
  assert_chunk (chunks, 2, "Did he? ", 1, 36);
  assert_chunk (chunks, 3, "Yes.", 1, 44);

  g_assert_cmpuint (pairs->len, ==, 2);
  assert_chunk (pairs, 0, "One. Two.\f", 1, 0);
  assert_chunk (pairs, 1, "Two.\fThree.", 1, 5);
}

static void
test_respect_sentence_boundary (void)
{
  const char *text = "One two three four. Five six seven eight. Nine ten eleven twelve.";
  g_autoptr(GPtrArray) plain = split ("{\"split_length\": 8, \"respect_sentence_boundary\": true}",
                                      text);
  g_autoptr(GPtrArray) overlapping = split ("{\"split_length\": 8, \"split_overlap\": 2, "
                                            "\"respect_sentence_boundary\": \"true\"}", text);
  g_autoptr(GPtrArray) ignored = split ("{\"split_by\": \"line\", \"split_length\": 8, "
                                        "\"respect_sentence_boundary\": true}", text);

  g_assert_cmpuint (plain->len, ==, 2);
  assert_chunk (plain, 0, "One two three four. Five six seven eight. ", 1, 0);
  assert_chunk (plain, 1, "Nine ten eleven twelve.", 1, 42);

  /* The overlap is whole sentences: the last one that passes 2 words. */
  g_assert_cmpuint (overlapping->len, ==, 2);
  assert_chunk (overlapping, 1, "Five six seven eight. Nine ten eleven twelve.", 1, 20);
  assert_overlap (chunk_at (overlapping, 1), 0, chunk_at (overlapping, 0), 20, 42);

  /* Only for split_by word: otherwise turned off. */
  g_assert_cmpuint (ignored->len, ==, 1);
}

static GPtrArray *
split_on_commas (const char *text,
                 gpointer    user_data)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpstr (user_data, ==, "data");
  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (out, g_strdup (parts[i]));
  return out;
}

static void
test_function (void)
{
  g_autoptr(JsonObject) params = moi_test_json_object ("{\"split_by\": \"function\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiDocumentSplitter) splitter =
    moi_document_splitter_new_with_function (params, split_on_commas, (gpointer) "data", NULL,
                                             &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_document_unref);
  g_autoptr(GPtrArray) out = NULL;
  MoiDocument *doc = moi_document_new ("a,b", NULL);

  g_assert_no_error (error);
  g_ptr_array_add (docs, doc);
  out = moi_document_splitter_run (splitter, docs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (chunk_at (out, 1)->content, ==, "b");
  /* source_id only: no page_number, split_id or split_idx_start. */
  g_assert_cmpstr (json_object_get_string_member (moi_document_get_meta (chunk_at (out, 1)),
                                                  "source_id"), ==,
                   moi_document_get_id (doc));
  g_assert_false (json_object_has_member (moi_document_get_meta (chunk_at (out, 1)), "split_id"));
}

static void
assert_invalid (const char *json,
                const char *message)
{
  g_autoptr(JsonObject) params = moi_test_json_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiDocumentSplitter) splitter = moi_document_splitter_new (params, &error);

  g_assert_null (splitter);
  g_assert_error (error, MOI_DOCUMENT_SPLITTER_ERROR,
                  MOI_DOCUMENT_SPLITTER_ERROR_INVALID_PARAMETER);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_parameters (void)
{
  g_autoptr(GPtrArray) coerced = NULL;

  assert_invalid ("{\"split_by\": \"chapter\"}",
                  "split_by must be one of function, page, passage, period, word, line, sentence.");
  assert_invalid ("{\"split_by\": \"function\"}",
                  "When 'split_by' is set to 'function', a valid 'splitting_function' must be "
                  "provided.");
  assert_invalid ("{\"split_by\": \"function\", \"splitting_function\": \"my.split\"}",
                  "my.split");
  assert_invalid ("{\"split_length\": 0}", "split_length must be greater than 0.");
  assert_invalid ("{\"split_overlap\": -1}", "split_overlap must be greater than or equal to 0.");
  /* MOI's documented 200/200 is refused at init, as current Haystack does. */
  assert_invalid ("{\"split_length\": 200, \"split_overlap\": 200}",
                  "split_overlap must be less than split_length.");
  assert_invalid ("{\"split_length\": \"two hundred\"}", "split_length");
  assert_invalid ("{\"skip_empty_documents\": \"sometimes\"}", "skip_empty_documents");
  assert_invalid ("{\"split_size\": 3}", "'split_size'");

  /* Integers and booleans as strings, from old MOI documents. */
  coerced = split ("{\"split_by\": \"word\", \"split_length\": \"2\", \"split_overlap\": \"0\", "
                   "\"respect_sentence_boundary\": \"false\", \"language\": \"en\"}", "a b c");
  g_assert_cmpuint (coerced->len, ==, 2);
  assert_chunk (coerced, 1, "c", 1, 4);
}

int
main (int   argc,
      char *argv[])
{
  /* Haystack's messages are compared word for word: the untranslated
   * English, whatever the tester's locale. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/document-splitter/word", test_word);
  g_test_add_func ("/moi/document-splitter/code-points", test_code_points);
  g_test_add_func ("/moi/document-splitter/page-numbers", test_page_numbers);
  g_test_add_func ("/moi/document-splitter/passage-period-line", test_passage_period_line);
  g_test_add_func ("/moi/document-splitter/overlap", test_overlap);
  g_test_add_func ("/moi/document-splitter/threshold", test_threshold);
  g_test_add_func ("/moi/document-splitter/empty-and-none", test_empty_and_none);
  g_test_add_func ("/moi/document-splitter/meta-and-ids", test_meta_and_ids);
  g_test_add_func ("/moi/document-splitter/repr", test_repr);
  g_test_add_func ("/moi/document-splitter/compact-meta", test_compact_meta);
  g_test_add_func ("/moi/document-splitter/sentences", test_sentences);
  g_test_add_func ("/moi/document-splitter/respect-sentence-boundary",
                   test_respect_sentence_boundary);
  g_test_add_func ("/moi/document-splitter/function", test_function);
  g_test_add_func ("/moi/document-splitter/parameters", test_parameters);

  return g_test_run ();
}
