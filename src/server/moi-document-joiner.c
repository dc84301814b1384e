/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Haystack's DocumentJoiner (haystack/components/joiners/document_joiner.py):
 * one list per sender on the variadic "documents" socket, joined by
 * join_mode, then sorted by score (stable, descending, None last) and cut to
 * top_k. Documents whose score changes are copies with the same id, as
 * Haystack's ids do not hash the score. */

typedef enum
{
  JOIN_CONCATENATE,
  JOIN_MERGE,
  JOIN_RECIPROCAL_RANK_FUSION,
  JOIN_DISTRIBUTION_BASED_RANK_FUSION,
} JoinMode;

struct _MoiDocumentJoiner
{
  MoiNode   parent_instance;
  JoinMode  mode;
  GArray   *weights;      /* double, normalised; NULL when not given */
  gint64    top_k;        /* 0: none */
  gboolean  sort_by_score;
};

#define MOI_TYPE_DOCUMENT_JOINER (moi_document_joiner_get_type ())
G_DECLARE_FINAL_TYPE (MoiDocumentJoiner, moi_document_joiner, MOI, DOCUMENT_JOINER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiDocumentJoiner, moi_document_joiner, MOI_TYPE_NODE)

/* Python's `doc.score if doc.score else -inf`: 0 counts as missing too. */
static double
truthy_score (MoiDocument *document)
{
  return isnan (document->score) || document->score == 0 ? -INFINITY : document->score;
}

static double
score_or_minus_inf (MoiDocument *document)
{
  return isnan (document->score) ? -INFINITY : document->score;
}

/* Keeps the best-scored document per id, in first-seen id order. */
static GPtrArray *
concatenate (GPtrArray *lists)
{
  g_autoptr(GHashTable) best = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GPtrArray *output = moi_document_array_new ();

  for (guint l = 0; l < lists->len; l++)
    {
      GPtrArray *list = g_ptr_array_index (lists, l);

      for (guint i = 0; i < list->len; i++)
        {
          MoiDocument *document = g_ptr_array_index (list, i);
          MoiDocument *current = g_hash_table_lookup (best, moi_document_get_id (document));

          if (current == NULL)
            {
              g_ptr_array_add (ids, (gpointer) moi_document_get_id (document));
              g_hash_table_insert (best, (gpointer) moi_document_get_id (document), document);
            }
          /* max() keeps the first of equal maxima. */
          else if (truthy_score (document) > truthy_score (current))
            {
              g_hash_table_insert (best, (gpointer) moi_document_get_id (document), document);
            }
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      MoiDocument *document = g_hash_table_lookup (best, g_ptr_array_index (ids, i));

      g_ptr_array_add (output, moi_document_ref (document));
    }
  return output;
}

static void
get_weights (MoiDocumentJoiner *self,
             guint              n_lists,
             double            *weights)
{
  for (guint l = 0; l < n_lists; l++)
    {
      if (self->weights != NULL)
        weights[l] = l < self->weights->len ? g_array_index (self->weights, double, l) : 0.0;
      else
        weights[l] = 1.0 / n_lists;
    }
}

/* merge and RRF: a score per id over all lists; the last document seen for
 * an id is the one kept, at the position its id was first seen. */
static GPtrArray *
fuse (MoiDocumentJoiner *self,
      GPtrArray         *lists,
      gboolean           by_rank)
{
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree double *weights = g_new0 (double, MAX (lists->len, 1));
  const double k = 61;
  GPtrArray *output = moi_document_array_new ();

  get_weights (self, lists->len, weights);
  /* zip(document_lists, weights): lists beyond the weights are dropped. */
  for (guint l = 0; l < lists->len && (self->weights == NULL || l < self->weights->len); l++)
    {
      GPtrArray *list = g_ptr_array_index (lists, l);

      for (guint rank = 0; rank < list->len; rank++)
        {
          MoiDocument *document = g_ptr_array_index (list, rank);
          double *score = g_hash_table_lookup (scores, moi_document_get_id (document));

          if (score == NULL)
            {
              score = g_new0 (double, 1);
              g_hash_table_insert (scores, (gpointer) moi_document_get_id (document), score);
              g_ptr_array_add (ids, (gpointer) moi_document_get_id (document));
            }
          if (by_rank)
            *score += (weights[l] * lists->len) / (k + rank);
          else
            *score += (isnan (document->score) ? 0 : document->score) * weights[l];
          g_hash_table_insert (latest, (gpointer) moi_document_get_id (document), document);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      MoiDocument *copy = moi_document_dup (g_hash_table_lookup (latest, id));
      double score = *(double *) g_hash_table_lookup (scores, id);

      /* RRF is normalised by its maximum, len(lists) / k. */
      copy->score = by_rank ? score / (lists->len / k) : score;
      g_ptr_array_add (output, copy);
    }
  return output;
}

static GPtrArray *
distribution_based_rank_fusion (GPtrArray *lists)
{
  g_autoptr(GPtrArray) rescored = NULL;

  rescored = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint l = 0; l < lists->len; l++)
    {
      GPtrArray *list = g_ptr_array_index (lists, l);
      GPtrArray *copy = moi_document_array_new ();
      double sum = 0, mean, variance = 0, std_dev, min_score, delta;

      g_ptr_array_add (rescored, copy);
      if (list->len == 0)
        continue;
      for (guint i = 0; i < list->len; i++)
        {
          MoiDocument *document = g_ptr_array_index (list, i);

          sum += isnan (document->score) ? 0 : document->score;
        }
      mean = sum / list->len;
      for (guint i = 0; i < list->len; i++)
        {
          MoiDocument *document = g_ptr_array_index (list, i);
          double x = isnan (document->score) ? 0 : document->score;

          variance += (x - mean) * (x - mean);
        }
      std_dev = sqrt (variance / list->len);
      min_score = mean - 3 * std_dev;
      delta = (mean + 3 * std_dev) - min_score;
      for (guint i = 0; i < list->len; i++)
        {
          MoiDocument *document = moi_document_dup (g_ptr_array_index (list, i));
          double x = isnan (document->score) ? 0 : document->score;

          /* All scores equal: the list says nothing about relevance. */
          document->score = delta != 0.0 ? (x - min_score) / delta : 0.0;
          g_ptr_array_add (copy, document);
        }
    }
  return concatenate (rescored);
}

static int
compare_by_score_desc (gconstpointer a,
                       gconstpointer b)
{
  double sa = score_or_minus_inf (*(MoiDocument * const *) a);
  double sb = score_or_minus_inf (*(MoiDocument * const *) b);

  return sa < sb ? 1 : (sa > sb ? -1 : 0);
}

static gboolean
moi_document_joiner_run (MoiNode              *node,
                         const MoiNodeContext *context,
                         MoiNodeInputs        *inputs,
                         MoiNodeOutputs       *outputs,
                         GError              **error)
{
  MoiDocumentJoiner *self = MOI_DOCUMENT_JOINER (node);
  GPtrArray *values = moi_node_inputs_get_all (inputs, "documents");
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) output = NULL;
  JsonNode *top_k_input = moi_node_inputs_get_json (inputs, "top_k");
  gint64 top_k = self->top_k;

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      MoiValue *value = g_ptr_array_index (values, i);

      if (value->items != NULL)
        g_ptr_array_add (lists, value->items);
    }

  switch (self->mode)
    {
    case JOIN_MERGE:
      output = fuse (self, lists, FALSE);
      break;
    case JOIN_RECIPROCAL_RANK_FUSION:
      output = fuse (self, lists, TRUE);
      break;
    case JOIN_DISTRIBUTION_BASED_RANK_FUSION:
      output = distribution_based_rank_fusion (lists);
      break;
    case JOIN_CONCATENATE:
    default:
      output = concatenate (lists);
      break;
    }

  /* g_ptr_array_sort is a stable merge sort, as Python's sorted(). */
  if (self->sort_by_score)
    g_ptr_array_sort (output, compare_by_score_desc);

  if (top_k_input != NULL && JSON_NODE_HOLDS_VALUE (top_k_input)
      && json_node_get_value_type (top_k_input) == G_TYPE_INT64
      && json_node_get_int (top_k_input) != 0)
    top_k = json_node_get_int (top_k_input);
  if (top_k > 0 && (guint64) top_k < output->len)
    g_ptr_array_set_size (output, top_k);

  moi_node_outputs_set (outputs, "documents", moi_value_new_documents (g_steal_pointer (&output)));
  return TRUE;
}

static void
moi_document_joiner_finalize (GObject *object)
{
  MoiDocumentJoiner *self = MOI_DOCUMENT_JOINER (object);

  g_clear_pointer (&self->weights, g_array_unref);

  G_OBJECT_CLASS (moi_document_joiner_parent_class)->finalize (object);
}

static void
moi_document_joiner_class_init (MoiDocumentJoinerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_document_joiner_finalize;
  node_class->run = moi_document_joiner_run;
}

static void
moi_document_joiner_init (MoiDocumentJoiner *self)
{
  self->sort_by_score = TRUE;
}

MoiNode *
moi_document_joiner_new (MoiComponent  *component,
                         GError       **error)
{
  static const char * const modes[] = {
    "concatenate", "merge", "reciprocal_rank_fusion", "distribution_based_rank_fusion", NULL
  };
  g_autoptr(MoiDocumentJoiner) self = NULL;
  g_autofree char *mode = NULL;
  MoiNode *node;
  JsonNode *weights;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_DOCUMENT_JOINER, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  if (!moi_node_param_string (node, "join_mode", "concatenate", &mode, error)
      || !moi_node_param_int (node, "top_k", 0, &self->top_k, error)
      || !moi_node_param_boolean (node, "sort_by_score", TRUE, &self->sort_by_score, error))
    return NULL;

  self->mode = G_N_ELEMENTS (modes);
  for (guint i = 0; modes[i] != NULL; i++)
    if (strcmp (modes[i], mode) == 0)
      self->mode = (JoinMode) i;
  if (self->mode == G_N_ELEMENTS (modes))
    {
      g_autofree char *reason =
        g_strdup_printf (_("unknown join mode “%s”; use concatenate, merge, "
                           "reciprocal_rank_fusion or distribution_based_rank_fusion"), mode);

      moi_node_set_param_error (node, error, "join_mode", reason);
      return NULL;
    }
  if (self->top_k < 0)
    {
      moi_node_set_param_error (node, error, "top_k", _("must not be negative"));
      return NULL;
    }

  weights = moi_node_get_param (node, "weights");
  if (weights != NULL && JSON_NODE_HOLDS_ARRAY (weights)
      && json_array_get_length (json_node_get_array (weights)) > 0)
    {
      JsonArray *array = json_node_get_array (weights);
      double sum = 0;

      self->weights = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          double w;

          if (!JSON_NODE_HOLDS_VALUE (item)
              || (json_node_get_value_type (item) != G_TYPE_INT64
                  && json_node_get_value_type (item) != G_TYPE_DOUBLE))
            {
              moi_node_set_param_error (node, error, "weights", _("must be a list of numbers"));
              return NULL;
            }
          w = json_node_get_double (item);
          sum += w;
          g_array_append_val (self->weights, w);
        }
      if (sum == 0)
        {
          moi_node_set_param_error (node, error, "weights", _("must not all be zero"));
          return NULL;
        }
      /* Haystack normalises the weights to sum to 1 at init. */
      for (guint i = 0; i < self->weights->len; i++)
        g_array_index (self->weights, double, i) /= sum;
    }
  else if (weights != NULL && !JSON_NODE_HOLDS_ARRAY (weights))
    {
      moi_node_set_param_error (node, error, "weights", _("must be a list of numbers"));
      return NULL;
    }

  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_VARIADIC);
  moi_node_add_input (node, "top_k", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_output (node, "documents", MOI_VALUE_DOCUMENTS);
  return MOI_NODE (g_steal_pointer (&self));
}
