/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pipeline-fixture.h"

/* Expected values follow haystack/components/joiners/document_joiner.py
 * (k = 61 for RRF, weights normalised to sum 1, mean ± 3σ for DBRF), for
 * the lists A = [a 0.9, b 0.5, c 0.3] and B = [b 0.7, d 0.2]. */

#define JOINER(params) \
  "{'name':'join','type':'haystack.components.joiners.document_joiner.DocumentJoiner'," \
  "'init_parameters':" params "}"

static GPtrArray *
make_list (const char * const *contents,
           const double       *scores)
{
  GPtrArray *list = fixture_documents ();

  for (guint i = 0; contents[i] != NULL; i++)
    g_ptr_array_add (list, fixture_document (contents[i], NULL, scores[i]));
  return list;
}

/* Joins A and B (and top_k when >= 0) and returns "content=score ...". */
static char *
join (const char *params,
      gint64      top_k)
{
  static const char * const a[] = { "a", "b", "c", NULL };
  static const double a_scores[] = { 0.9, 0.5, 0.3 };
  static const char * const b[] = { "b", "d", NULL };
  static const double b_scores[] = { 0.7, 0.2 };
  g_autofree char *text = g_strdup_printf (JOINER ("%s"), params);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (text, &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  MoiValue *value;

  g_assert_no_error (error);
  fixture_add_documents (inputs, "documents", make_list (a, a_scores));
  fixture_add_documents (inputs, "documents", make_list (b, b_scores));
  if (top_k >= 0)
    {
      g_autoptr(MoiValue) k = moi_value_new_int (top_k);

      moi_node_inputs_add (inputs, "top_k", k);
    }
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  value = moi_node_outputs_get (outputs, "documents");
  for (guint i = 0; i < value->items->len; i++)
    {
      MoiDocument *document = g_ptr_array_index (value->items, i);

      g_string_append_printf (s, "%s%s=%.4f", i > 0 ? " " : "", document->content,
                              document->score);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_join (const char *params,
             gint64      top_k,
             const char *expected)
{
  g_autofree char *got = join (params, top_k);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_concatenate (void)
{
  /* Duplicates by id keep the best score; then sorted, None last. */
  assert_join ("{}", -1, "a=0.9000 b=0.7000 c=0.3000 d=0.2000");
  assert_join ("{'join_mode':'concatenate','sort_by_score':false}", -1,
               "a=0.9000 b=0.7000 c=0.3000 d=0.2000");
  assert_join ("{'join_mode':'concatenate','top_k':2}", -1, "a=0.9000 b=0.7000");
  /* The run input overrides the parameter. */
  assert_join ("{'join_mode':'concatenate','top_k':2}", 3, "a=0.9000 b=0.7000 c=0.3000");
}

static void
test_concatenate_order_and_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (JOINER ("{'sort_by_score':false}"), &error);
  g_autoptr(MoiNode) sorting = fixture_node (JOINER ("{}"), &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  g_autoptr(MoiNodeOutputs) sorted = NULL;
  GPtrArray *first = fixture_documents ();
  GPtrArray *second = fixture_documents ();
  MoiValue *value;

  g_assert_no_error (error);
  g_ptr_array_add (first, fixture_document ("x", NULL, NAN));
  g_ptr_array_add (first, fixture_document ("y", NULL, 0.1));
  g_ptr_array_add (second, fixture_document ("z", NULL, NAN));
  g_ptr_array_add (second, fixture_document ("x", NULL, 0.5));
  fixture_add_documents (inputs, "documents", first);
  fixture_add_documents (inputs, "documents", second);

  /* Unsorted: ids in first-seen order, x with its better score. */
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  value = moi_node_outputs_get (outputs, "documents");
  g_assert_cmpuint (value->items->len, ==, 3);
  g_assert_cmpstr (((MoiDocument *) value->items->pdata[0])->content, ==, "x");
  g_assert_cmpfloat (((MoiDocument *) value->items->pdata[0])->score, ==, 0.5);
  g_assert_cmpstr (((MoiDocument *) value->items->pdata[2])->content, ==, "z");

  /* Sorted: stable, documents without score last in their order. */
  sorted = fixture_run_node (sorting, inputs, &error);
  g_assert_no_error (error);
  value = moi_node_outputs_get (sorted, "documents");
  g_assert_cmpstr (((MoiDocument *) value->items->pdata[0])->content, ==, "x");
  g_assert_cmpstr (((MoiDocument *) value->items->pdata[1])->content, ==, "y");
  g_assert_cmpstr (((MoiDocument *) value->items->pdata[2])->content, ==, "z");
  g_assert_true (isnan (((MoiDocument *) value->items->pdata[2])->score));
}

static void
test_merge (void)
{
  /* Equal weights 0.5: b = 0.5·0.5 + 0.7·0.5. */
  assert_join ("{'join_mode':'merge'}", -1, "b=0.6000 a=0.4500 c=0.1500 d=0.1000");
}

static void
test_merge_weights (void)
{
  /* [1, 3] normalised to [0.25, 0.75]. */
  assert_join ("{'join_mode':'merge','weights':[1,3]}", -1,
               "b=0.6500 a=0.2250 d=0.1500 c=0.0750");
}

static void
test_merge_fewer_weights (void)
{
  /* zip(lists, weights): B has no weight, so only A counts (weight 1). */
  assert_join ("{'join_mode':'merge','weights':[2]}", -1, "a=0.9000 b=0.5000 c=0.3000");
}

static void
test_reciprocal_rank_fusion (void)
{
  /* score = Σ w·n/(61 + rank), normalised by n/61: a = 1/61 · 61/2. */
  assert_join ("{'join_mode':'reciprocal_rank_fusion'}", -1,
               "b=0.9919 a=0.5000 d=0.4919 c=0.4841");
  assert_join ("{'join_mode':'reciprocal_rank_fusion','top_k':1}", -1, "b=0.9919");
}

static void
test_distribution_based_rank_fusion (void)
{
  assert_join ("{'join_mode':'distribution_based_rank_fusion'}", -1,
               "a=0.7227 b=0.6667 d=0.3333 c=0.3218");
}

static void
test_inputs_untouched (void)
{
  static const char * const contents[] = { "p", "q", NULL };
  static const double scores[] = { 0.2, 0.4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (JOINER ("{'join_mode':'merge'}"), &error);
  g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
  g_autoptr(MoiNodeOutputs) outputs = NULL;
  GPtrArray *list = make_list (contents, scores);
  g_autoptr(GPtrArray) kept = g_ptr_array_ref (list);
  MoiDocument *out;

  g_assert_no_error (error);
  fixture_add_documents (inputs, "documents", list);
  outputs = fixture_run_node (node, inputs, &error);
  g_assert_no_error (error);
  out = g_ptr_array_index (moi_node_outputs_get (outputs, "documents")->items, 0);
  /* A single list with weight 1: scores unchanged, in score order. */
  g_assert_cmpstr (out->content, ==, "q");
  g_assert_cmpstr (moi_document_get_id (out), ==, moi_document_get_id (kept->pdata[1]));
  /* Documents are shared between branches: the input keeps its score. */
  g_assert_true (out != kept->pdata[1]);
  g_assert_cmpfloat (((MoiDocument *) kept->pdata[0])->score, ==, 0.2);
}

static void
assert_invalid (const char *params,
                const char *key)
{
  g_autofree char *text = g_strdup_printf (JOINER ("%s"), params);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiNode) node = fixture_node (text, &error);

  g_assert_null (node);
  g_assert_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“join”"));
  g_assert_nonnull (strstr (error->message, key));
}

static void
test_invalid (void)
{
  assert_invalid ("{'join_mode':'interleave'}", "join_mode");
  assert_invalid ("{'join_mode':'MERGE'}", "join_mode");
  assert_invalid ("{'top_k':-1}", "top_k");
  assert_invalid ("{'top_k':'many'}", "top_k");
  assert_invalid ("{'weights':['x']}", "weights");
  assert_invalid ("{'weights':[0,0]}", "weights");
  assert_invalid ("{'sort_by_score':'perhaps'}", "sort_by_score");
}

static void
test_string_parameters (void)
{
  /* Old MOI documents send booleans and numbers as strings. */
  assert_join ("{'sort_by_score':'false','top_k':'2','weights':'null'}", -1,
               "a=0.9000 b=0.7000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/joiner/concatenate", test_concatenate);
  g_test_add_func ("/moi/joiner/concatenate-order-none", test_concatenate_order_and_none);
  g_test_add_func ("/moi/joiner/merge", test_merge);
  g_test_add_func ("/moi/joiner/merge-weights", test_merge_weights);
  g_test_add_func ("/moi/joiner/merge-fewer-weights", test_merge_fewer_weights);
  g_test_add_func ("/moi/joiner/reciprocal-rank-fusion", test_reciprocal_rank_fusion);
  g_test_add_func ("/moi/joiner/distribution-based-rank-fusion",
                   test_distribution_based_rank_fusion);
  g_test_add_func ("/moi/joiner/inputs-untouched", test_inputs_untouched);
  g_test_add_func ("/moi/joiner/invalid", test_invalid);
  g_test_add_func ("/moi/joiner/string-parameters", test_string_parameters);

  return g_test_run ();
}
