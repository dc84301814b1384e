/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-layout"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "moi-layout.h"

/* Positions refine in a few passes; more buys little on real workflows. */
#define N_COORDINATE_PASSES 4

struct _MoiLayoutGraph
{
  guint   n_nodes;
  double *width;              /* NAN when not set */
  double *height;
  GArray *edges;              /* guint pairs: source, target */

  /* Results of the last compute */
  guint  *layer;
  guint   n_crossings;
};

/* The layered graph: real nodes 0..n-1, then dummy nodes on long edges.
 * Edges ("segments") join nodes of adjacent layers only. */
typedef struct
{
  guint   n_real;
  guint   n_all;
  guint   n_layers;
  guint  *layer;              /* n_all */
  guint  *part;               /* n_all */
  guint  *up_start;           /* n_all + 1, CSR of neighbours one layer up (left) */
  guint  *up_adj;
  guint  *down_start;         /* n_all + 1, CSR of neighbours one layer down (right) */
  guint  *down_adj;
  guint  *layer_start;        /* n_layers + 1: where each layer begins in @order */
  guint  *order;              /* n_all: nodes grouped by layer, in layer order */
  guint  *pos;                /* n_all: index of a node within its layer */
} Layered;

void
moi_layout_options_init (MoiLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->node_width = 220;
  options->node_height = 64;
  options->socket_height = 22;
  options->layer_spacing = 100;
  options->node_spacing = 32;
  options->part_spacing = 96;
  options->sweeps = 6;
}

MoiLayoutGraph *
moi_layout_graph_new (guint n_nodes)
{
  MoiLayoutGraph *graph = g_new0 (MoiLayoutGraph, 1);

  graph->n_nodes = n_nodes;
  graph->width = g_new (double, MAX (n_nodes, 1));
  graph->height = g_new (double, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    graph->width[i] = graph->height[i] = NAN;
  graph->edges = g_array_new (FALSE, FALSE, sizeof (guint));
  graph->layer = g_new0 (guint, MAX (n_nodes, 1));

  return graph;
}

void
moi_layout_graph_free (MoiLayoutGraph *graph)
{
  if (graph == NULL)
    return;

  g_free (graph->width);
  g_free (graph->height);
  g_array_unref (graph->edges);
  g_free (graph->layer);
  g_free (graph);
}

guint
moi_layout_graph_get_n_nodes (MoiLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->n_nodes;
}

void
moi_layout_graph_set_node_size (MoiLayoutGraph *graph,
                                guint           node,
                                double          width,
                                double          height)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (node < graph->n_nodes);
  g_return_if_fail (width >= 0 && height >= 0);

  graph->width[node] = width;
  graph->height[node] = height;
}

void
moi_layout_graph_add_edge (MoiLayoutGraph *graph,
                           guint           source,
                           guint           target)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (source < graph->n_nodes);
  g_return_if_fail (target < graph->n_nodes);

  g_array_append_val (graph->edges, source);
  g_array_append_val (graph->edges, target);
}

guint
moi_layout_graph_get_layer (MoiLayoutGraph *graph,
                            guint           node)
{
  g_return_val_if_fail (graph != NULL, 0);
  g_return_val_if_fail (node < graph->n_nodes, 0);

  return graph->layer[node];
}

guint
moi_layout_graph_get_n_crossings (MoiLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->n_crossings;
}

/* Compressed adjacency: the neighbours of v are adj[start[v] .. start[v+1]). */
static void
build_csr (guint         n,
           guint         m,
           const guint  *from,
           const guint  *to,
           guint       **start_out,
           guint       **adj_out)
{
  guint *start = g_new0 (guint, n + 1);
  guint *adj = g_new (guint, MAX (m, 1));
  g_autofree guint *fill = g_new (guint, MAX (n, 1));

  for (guint e = 0; e < m; e++)
    start[from[e] + 1]++;
  for (guint v = 0; v < n; v++)
    start[v + 1] += start[v];
  memcpy (fill, start, n * sizeof (guint));
  /* Edges keep their input order within each node: the layout is deterministic. */
  for (guint e = 0; e < m; e++)
    adj[fill[from[e]]++] = to[e];

  *start_out = start;
  *adj_out = adj;
}

/* Marks the edges to reverse so that the graph becomes acyclic: the back edges
 * of an iterative depth-first search, started from the sources first so that
 * the natural direction of a pipeline wins. */
static gboolean *
find_back_edges (guint        n,
                 guint        m,
                 const guint *src,
                 const guint *dst)
{
  gboolean *reversed = g_new0 (gboolean, MAX (m, 1));
  g_autofree guint *start = NULL;
  g_autofree guint *edge_of = NULL;
  g_autofree guint *edge_ids = g_new (guint, MAX (m, 1));
  g_autofree guint8 *state = g_new0 (guint8, MAX (n, 1));   /* 0 new, 1 on stack, 2 done */
  g_autofree guint *stack = g_new (guint, MAX (n, 1));
  g_autofree guint *next = g_new (guint, MAX (n, 1));
  g_autofree guint *in_degree = g_new0 (guint, MAX (n, 1));

  for (guint e = 0; e < m; e++)
    {
      edge_ids[e] = e;
      in_degree[dst[e]]++;
    }
  build_csr (n, m, src, edge_ids, &start, &edge_of);

  for (guint pass = 0; pass < 2; pass++)
    for (guint root = 0; root < n; root++)
      {
        guint depth = 0;

        if (state[root] != 0 || (pass == 0 && in_degree[root] != 0))
          continue;

        stack[depth++] = root;
        state[root] = 1;
        next[root] = start[root];

        while (depth > 0)
          {
            guint v = stack[depth - 1];

            if (next[v] < start[v + 1])
              {
                guint e = edge_of[next[v]++];
                guint w = dst[e];

                if (state[w] == 1)
                  reversed[e] = TRUE;
                else if (state[w] == 0)
                  {
                    state[w] = 1;
                    next[w] = start[w];
                    stack[depth++] = w;
                  }
              }
            else
              {
                state[v] = 2;
                depth--;
              }
          }
      }

  return reversed;
}

/* Longest-path layering over the acyclic edges, then sources pulled right
 * next to their first successor so that inputs sit beside what reads them. */
static void
assign_layers (guint        n,
               guint        m,
               const guint *src,
               const guint *dst,
               guint       *layer)
{
  g_autofree guint *out_start = NULL;
  g_autofree guint *out_adj = NULL;
  g_autofree guint *in_degree = g_new0 (guint, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1));
  guint head = 0, tail = 0;

  build_csr (n, m, src, dst, &out_start, &out_adj);
  for (guint e = 0; e < m; e++)
    in_degree[dst[e]]++;

  memset (layer, 0, n * sizeof (guint));
  for (guint v = 0; v < n; v++)
    if (in_degree[v] == 0)
      queue[tail++] = v;

  while (head < tail)
    {
      guint v = queue[head++];

      for (guint k = out_start[v]; k < out_start[v + 1]; k++)
        {
          guint w = out_adj[k];

          layer[w] = MAX (layer[w], layer[v] + 1);
          if (--in_degree[w] == 0)
            queue[tail++] = w;
        }
    }
  g_assert (tail == n);

  for (guint v = 0; v < n; v++)
    {
      guint lowest = G_MAXUINT;

      /* Layer 0 is exactly the sources: any predecessor would push a node right. */
      if (layer[v] != 0 || out_start[v] == out_start[v + 1])
        continue;
      for (guint k = out_start[v]; k < out_start[v + 1]; k++)
        lowest = MIN (lowest, layer[out_adj[k]]);
      g_assert (lowest >= 1);
      layer[v] = lowest - 1;
    }
}

static guint
find_root (guint *parent,
           guint  v)
{
  while (parent[v] != v)
    {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
  return v;
}

/* Numbers the weakly connected parts in the order of their first node. */
static guint
assign_parts (guint        n,
              guint        m,
              const guint *src,
              const guint *dst,
              guint       *part)
{
  g_autofree guint *parent = g_new (guint, MAX (n, 1));
  g_autofree guint *id_of_root = g_new (guint, MAX (n, 1));
  guint n_parts = 0;

  for (guint v = 0; v < n; v++)
    {
      parent[v] = v;
      id_of_root[v] = G_MAXUINT;
    }
  for (guint e = 0; e < m; e++)
    {
      guint a = find_root (parent, src[e]);
      guint b = find_root (parent, dst[e]);

      if (a != b)
        parent[MAX (a, b)] = MIN (a, b);
    }
  for (guint v = 0; v < n; v++)
    {
      guint r = find_root (parent, v);

      if (id_of_root[r] == G_MAXUINT)
        id_of_root[r] = n_parts++;
      part[v] = id_of_root[r];
    }

  return n_parts;
}

static void
layered_clear (Layered *lg)
{
  g_clear_pointer (&lg->layer, g_free);
  g_clear_pointer (&lg->part, g_free);
  g_clear_pointer (&lg->up_start, g_free);
  g_clear_pointer (&lg->up_adj, g_free);
  g_clear_pointer (&lg->down_start, g_free);
  g_clear_pointer (&lg->down_adj, g_free);
  g_clear_pointer (&lg->layer_start, g_free);
  g_clear_pointer (&lg->order, g_free);
  g_clear_pointer (&lg->pos, g_free);
}

typedef struct
{
  guint span;
  guint edge;
} EdgeSpan;

static int
edge_span_compare (const void *a,
                   const void *b)
{
  const EdgeSpan *x = a;
  const EdgeSpan *y = b;

  if (x->span != y->span)
    return x->span < y->span ? -1 : 1;
  return (x->edge > y->edge) - (x->edge < y->edge);
}

/* Dummy nodes cost time and memory per layer an edge spans. A drawn workflow
 * stays far below this budget; a pathological graph (a chain of thousands
 * with long skips) would need millions, so past it the longest edges get no
 * dummies: they still run left to right but do not steer the order. Returns
 * the edges to leave out, or NULL for none. */
static gboolean *
choose_edges_without_dummies (guint        n,
                              guint        m,
                              const guint *src,
                              const guint *dst,
                              const guint *layer)
{
  guint64 budget = 8 * ((guint64) n + m) + 4096;
  guint64 total = 0;
  g_autofree EdgeSpan *spans = NULL;
  gboolean *skipped;

  for (guint e = 0; e < m; e++)
    total += layer[dst[e]] - layer[src[e]] - 1;
  if (total <= budget)
    return NULL;

  spans = g_new (EdgeSpan, m);
  for (guint e = 0; e < m; e++)
    {
      spans[e].span = layer[dst[e]] - layer[src[e]];
      spans[e].edge = e;
    }
  qsort (spans, m, sizeof (EdgeSpan), edge_span_compare);

  skipped = g_new0 (gboolean, m);
  total = 0;
  for (guint i = 0; i < m; i++)
    {
      total += spans[i].span - 1;
      if (total > budget)
        skipped[spans[i].edge] = TRUE;
    }

  return skipped;
}

/* Splits every edge longer than one layer with dummy nodes, one per layer it
 * passes, so that crossing reduction and coordinates see it. */
static void
layered_init (Layered     *lg,
              guint        n,
              guint        m,
              const guint *src,
              const guint *dst,
              const guint *layer,
              const guint *part)
{
  g_autofree guint *seg_up = NULL;
  g_autofree guint *seg_down = NULL;
  g_autofree gboolean *skipped = choose_edges_without_dummies (n, m, src, dst, layer);
  guint n_all = n;
  guint n_segments = 0;
  guint next_dummy = n;
  guint s = 0;

  for (guint e = 0; e < m; e++)
    {
      guint span = layer[dst[e]] - layer[src[e]];

      g_assert (layer[dst[e]] > layer[src[e]]);
      if (skipped != NULL && skipped[e])
        continue;
      n_all += span - 1;
      n_segments += span;
    }

  lg->n_real = n;
  lg->n_all = n_all;
  lg->layer = g_new (guint, MAX (n_all, 1));
  lg->part = g_new (guint, MAX (n_all, 1));
  memcpy (lg->layer, layer, n * sizeof (guint));
  memcpy (lg->part, part, n * sizeof (guint));

  seg_up = g_new (guint, MAX (n_segments, 1));
  seg_down = g_new (guint, MAX (n_segments, 1));
  for (guint e = 0; e < m; e++)
    {
      guint prev = src[e];

      if (skipped != NULL && skipped[e])
        continue;
      for (guint l = layer[src[e]] + 1; l < layer[dst[e]]; l++)
        {
          guint d = next_dummy++;

          lg->layer[d] = l;
          lg->part[d] = part[src[e]];
          seg_up[s] = prev;
          seg_down[s] = d;
          s++;
          prev = d;
        }
      seg_up[s] = prev;
      seg_down[s] = dst[e];
      s++;
    }
  g_assert (s == n_segments && next_dummy == n_all);

  build_csr (n_all, n_segments, seg_up, seg_down, &lg->down_start, &lg->down_adj);
  build_csr (n_all, n_segments, seg_down, seg_up, &lg->up_start, &lg->up_adj);

  lg->n_layers = 0;
  for (guint v = 0; v < n_all; v++)
    lg->n_layers = MAX (lg->n_layers, lg->layer[v] + 1);
  lg->layer_start = g_new0 (guint, lg->n_layers + 1);
  lg->order = g_new (guint, MAX (n_all, 1));
  lg->pos = g_new (guint, MAX (n_all, 1));
}

/* First order: depth-first from the nodes that have nothing on their left, so
 * that chains stay together before any sweep. */
static void
layered_initial_order (Layered *lg)
{
  g_autofree guint *fill = g_new0 (guint, lg->n_layers + 1);
  g_autofree guint *stack = g_new (guint, MAX (lg->n_all, 1));
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (lg->n_all, 1));

  for (guint v = 0; v < lg->n_all; v++)
    lg->layer_start[lg->layer[v] + 1]++;
  for (guint l = 0; l < lg->n_layers; l++)
    lg->layer_start[l + 1] += lg->layer_start[l];
  memcpy (fill, lg->layer_start, lg->n_layers * sizeof (guint));

  for (guint root = 0; root < lg->n_all; root++)
    {
      guint depth = 0;

      if (seen[root] || lg->up_start[root] != lg->up_start[root + 1])
        continue;

      stack[depth++] = root;
      seen[root] = TRUE;
      while (depth > 0)
        {
          guint v = stack[--depth];
          guint l = lg->layer[v];

          lg->pos[v] = fill[l] - lg->layer_start[l];
          lg->order[fill[l]++] = v;
          /* Pushed in reverse so the first successor is visited first. */
          for (guint k = lg->down_start[v + 1]; k > lg->down_start[v]; k--)
            {
              guint w = lg->down_adj[k - 1];

              if (!seen[w])
                {
                  seen[w] = TRUE;
                  stack[depth++] = w;
                }
            }
        }
    }

  for (guint l = 0; l < lg->n_layers; l++)
    g_assert (fill[l] == lg->layer_start[l + 1]);
}

/* Crossings between layer @l and @l + 1 (Barth, Jünger, Mutzel: accumulator tree). */
static guint64
count_crossings_between (Layered *lg,
                         guint    l,
                         guint   *south,
                         guint   *tree)
{
  guint n_lower = lg->layer_start[l + 2] - lg->layer_start[l + 1];
  guint first = 1;
  guint tree_size;
  guint n_south = 0;
  guint64 crossings = 0;

  for (guint i = lg->layer_start[l]; i < lg->layer_start[l + 1]; i++)
    {
      guint v = lg->order[i];
      guint begin = n_south;

      for (guint k = lg->down_start[v]; k < lg->down_start[v + 1]; k++)
        {
          guint p = lg->pos[lg->down_adj[k]];
          guint j = n_south++;

          /* Insertion sort: a node has few neighbours. */
          while (j > begin && south[j - 1] > p)
            {
              south[j] = south[j - 1];
              j--;
            }
          south[j] = p;
        }
    }

  while (first < n_lower)
    first *= 2;
  tree_size = 2 * first - 1;
  first -= 1;
  memset (tree, 0, tree_size * sizeof (guint));

  for (guint s = 0; s < n_south; s++)
    {
      guint index = south[s] + first;

      tree[index]++;
      while (index > 0)
        {
          if (index % 2 == 1)
            crossings += tree[index + 1];
          index = (index - 1) / 2;
          tree[index]++;
        }
    }

  return crossings;
}

static guint64
count_crossings (Layered *lg,
                 guint   *south,
                 guint   *tree)
{
  guint64 total = 0;

  for (guint l = 0; l + 1 < lg->n_layers; l++)
    total += count_crossings_between (lg, l, south, tree);

  return total;
}

typedef struct
{
  double key;
  guint  pos;
  guint  node;
} SortItem;

static int
sort_item_compare (const void *a,
                   const void *b)
{
  const SortItem *x = a;
  const SortItem *y = b;

  if (x->key < y->key)
    return -1;
  if (x->key > y->key)
    return 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Reorders layer @l by the mean position of each node's neighbours in the
 * fixed layer; a node without such neighbours keeps its place. */
static void
sort_layer_by_barycentre (Layered     *lg,
                          guint        l,
                          const guint *start,
                          const guint *adj,
                          SortItem    *items)
{
  guint first = lg->layer_start[l];
  guint count = lg->layer_start[l + 1] - first;

  for (guint i = 0; i < count; i++)
    {
      guint v = lg->order[first + i];
      guint degree = start[v + 1] - start[v];
      double sum = 0;

      for (guint k = start[v]; k < start[v + 1]; k++)
        sum += lg->pos[adj[k]];

      items[i].key = degree > 0 ? sum / degree : (double) i;
      items[i].pos = i;
      items[i].node = v;
    }

  qsort (items, count, sizeof (SortItem), sort_item_compare);

  for (guint i = 0; i < count; i++)
    {
      lg->order[first + i] = items[i].node;
      lg->pos[items[i].node] = i;
    }
}

static guint64
reduce_crossings (Layered *lg,
                  guint    sweeps)
{
  g_autofree SortItem *items = g_new (SortItem, MAX (lg->n_all, 1));
  g_autofree guint *best_order = g_new (guint, MAX (lg->n_all, 1));
  g_autofree guint *south = NULL;
  g_autofree guint *tree = g_new (guint, 2 * MAX (lg->n_all, 1) + 2);
  guint64 best;
  guint stale = 0;

  south = g_new (guint, MAX (lg->down_start[lg->n_all], 1));
  best = count_crossings (lg, south, tree);
  memcpy (best_order, lg->order, lg->n_all * sizeof (guint));

  for (guint sweep = 0; sweep < sweeps && best > 0 && stale < 2; sweep++)
    {
      guint64 crossings;

      for (guint l = 1; l < lg->n_layers; l++)
        sort_layer_by_barycentre (lg, l, lg->up_start, lg->up_adj, items);
      for (guint l = lg->n_layers - 1; l-- > 0; )
        sort_layer_by_barycentre (lg, l, lg->down_start, lg->down_adj, items);

      crossings = count_crossings (lg, south, tree);
      if (crossings < best)
        {
          best = crossings;
          stale = 0;
          memcpy (best_order, lg->order, lg->n_all * sizeof (guint));
        }
      else
        stale++;
    }

  memcpy (lg->order, best_order, lg->n_all * sizeof (guint));
  for (guint l = 0; l < lg->n_layers; l++)
    for (guint i = lg->layer_start[l]; i < lg->layer_start[l + 1]; i++)
      lg->pos[lg->order[i]] = i - lg->layer_start[l];

  return best;
}

/* Places the nodes of one column of one part (given in order, centres in
 * @centre) as close as possible to their wished centres @wish while keeping
 * the order and the gaps: with z_i = y_i - offset_i the constraints become
 * z non-decreasing, which pool-adjacent-violators solves exactly. */
static void
place_column (guint         count,
              const guint  *nodes,
              const double *half,
              const double *gap,
              const double *wish,
              double       *centre,
              double       *block_sum,
              guint        *block_len)
{
  guint n_blocks = 0;
  double offset = 0;
  guint i = 0;

  for (guint k = 0; k < count; k++)
    {
      guint v = nodes[k];

      if (k > 0)
        offset += half[nodes[k - 1]] + gap[k] + half[v];
      block_sum[n_blocks] = wish[v] - offset;
      block_len[n_blocks] = 1;
      n_blocks++;
      while (n_blocks > 1 &&
             block_sum[n_blocks - 2] / block_len[n_blocks - 2] >
             block_sum[n_blocks - 1] / block_len[n_blocks - 1])
        {
          block_sum[n_blocks - 2] += block_sum[n_blocks - 1];
          block_len[n_blocks - 2] += block_len[n_blocks - 1];
          n_blocks--;
        }
    }

  offset = 0;
  for (guint b = 0; b < n_blocks; b++)
    {
      double z = block_sum[b] / block_len[b];

      for (guint j = 0; j < block_len[b]; j++, i++)
        {
          guint v = nodes[i];

          if (i > 0)
            offset += half[nodes[i - 1]] + gap[i] + half[v];
          centre[v] = z + offset;
        }
    }
}

/* Vertical placement of one weakly connected part, column by column. */
typedef struct
{
  Layered      *lg;
  const double *half;         /* half heights; 0 for dummies */
  double        node_spacing;
  double       *centre;       /* the result: centre y of each node */
  /* Scratch, sized for the whole graph */
  double       *wish;
  double       *gap;
  double       *block_sum;
  guint        *block_len;
  guint        *layer_start;
} Placer;

static void
placer_clear (Placer *placer)
{
  g_clear_pointer (&placer->wish, g_free);
  g_clear_pointer (&placer->gap, g_free);
  g_clear_pointer (&placer->block_sum, g_free);
  g_clear_pointer (&placer->block_len, g_free);
  g_clear_pointer (&placer->layer_start, g_free);
}

/* Places the @count nodes of one part (grouped by layer, in layer order)
 * with its top at @top: stacked first, then each node pulled towards the
 * mean of its neighbours on the left, then on the right, a few times, and
 * once towards both. Returns the part's height. */
static double
place_part (Placer      *placer,
            const guint *nodes,
            guint        count,
            double       top)
{
  Layered *lg = placer->lg;
  const double *half = placer->half;
  double *centre = placer->centre;
  guint *lstart = placer->layer_start;
  /* Every part has a node on layer 0; its last node is on its last layer. */
  guint n_layers = lg->layer[nodes[count - 1]] + 1;
  double lowest = G_MAXDOUBLE, highest = -G_MAXDOUBLE;

  memset (lstart, 0, (n_layers + 1) * sizeof (guint));
  for (guint i = 0; i < count; i++)
    lstart[lg->layer[nodes[i]] + 1]++;
  for (guint l = 0; l < n_layers; l++)
    lstart[l + 1] += lstart[l];

  for (guint l = 0; l < n_layers; l++)
    {
      double cursor = 0;

      for (guint k = lstart[l]; k < lstart[l + 1]; k++)
        {
          guint v = nodes[k];
          guint prev = k > lstart[l] ? nodes[k - 1] : v;

          /* Long edges may bundle tighter than real nodes. */
          placer->gap[k] = (v < lg->n_real || prev < lg->n_real) ? placer->node_spacing
                                                                  : placer->node_spacing / 2;
          if (k > lstart[l])
            cursor += half[prev] + placer->gap[k];
          centre[v] = cursor + half[v];
          cursor += half[v];
        }
    }

  for (guint pass = 0; pass < 2 * N_COORDINATE_PASSES + 1; pass++)
    {
      gboolean last = pass == 2 * N_COORDINATE_PASSES;
      gboolean down = pass % 2 == 0;

      for (guint step = 0; step < n_layers; step++)
        {
          guint l = down ? step : n_layers - 1 - step;
          guint lcount = lstart[l + 1] - lstart[l];
          const guint *column = nodes + lstart[l];

          for (guint k = 0; k < lcount; k++)
            {
              guint v = column[k];
              double sum = 0;
              guint degree = 0;

              if (down || last)
                for (guint j = lg->up_start[v]; j < lg->up_start[v + 1]; j++, degree++)
                  sum += centre[lg->up_adj[j]];
              if (!down || last)
                for (guint j = lg->down_start[v]; j < lg->down_start[v + 1]; j++, degree++)
                  sum += centre[lg->down_adj[j]];
              placer->wish[v] = degree > 0 ? sum / degree : centre[v];
            }
          place_column (lcount, column, half, placer->gap + lstart[l], placer->wish, centre,
                        placer->block_sum, placer->block_len);
        }
    }

  for (guint i = 0; i < count; i++)
    {
      lowest = MIN (lowest, centre[nodes[i]] - half[nodes[i]]);
      highest = MAX (highest, centre[nodes[i]] + half[nodes[i]]);
    }
  for (guint i = 0; i < count; i++)
    centre[nodes[i]] += top - lowest;

  return highest - lowest;
}

void
moi_layout_graph_compute (MoiLayoutGraph         *graph,
                          const MoiLayoutOptions *options,
                          double                 *x,
                          double                 *y)
{
  MoiLayoutOptions defaults;
  Layered lg = { 0 };
  guint n, m_in, m = 0;
  guint n_parts;
  g_autofree guint *src = NULL;
  g_autofree guint *dst = NULL;
  g_autofree gboolean *reversed = NULL;
  g_autofree guint *part = NULL;
  g_autofree double *width = NULL;
  g_autofree double *half = NULL;
  g_autofree double *col_x = NULL;
  g_autofree double *col_w = NULL;
  g_autofree double *centre = NULL;
  Placer placer = { 0 };
  g_autofree guint *part_order = NULL;
  g_autofree guint *part_start = NULL;
  g_autofree gboolean *isolated = NULL;
  double band_y;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (graph->n_nodes == 0 || (x != NULL && y != NULL));

  if (options == NULL)
    {
      moi_layout_options_init (&defaults);
      options = &defaults;
    }

  n = graph->n_nodes;
  graph->n_crossings = 0;
  if (n == 0)
    return;

  /* Self-loops say nothing about order: drop them. */
  m_in = graph->edges->len / 2;
  src = g_new (guint, MAX (m_in, 1));
  dst = g_new (guint, MAX (m_in, 1));
  for (guint e = 0; e < m_in; e++)
    {
      guint s = g_array_index (graph->edges, guint, 2 * e);
      guint t = g_array_index (graph->edges, guint, 2 * e + 1);

      if (s == t)
        continue;
      src[m] = s;
      dst[m] = t;
      m++;
    }

  reversed = find_back_edges (n, m, src, dst);
  for (guint e = 0; e < m; e++)
    if (reversed[e])
      {
        guint t = src[e];

        src[e] = dst[e];
        dst[e] = t;
      }

  assign_layers (n, m, src, dst, graph->layer);
  part = g_new (guint, n);
  n_parts = assign_parts (n, m, src, dst, part);

  layered_init (&lg, n, m, src, dst, graph->layer, part);
  layered_initial_order (&lg);
  graph->n_crossings = (guint) MIN (reduce_crossings (&lg, options->sweeps), G_MAXUINT);

  /* Sizes: dummies are points; real nodes as given or the default box. */
  width = g_new0 (double, lg.n_all);
  half = g_new0 (double, lg.n_all);
  for (guint v = 0; v < n; v++)
    {
      double w = isnan (graph->width[v]) ? options->node_width : graph->width[v];
      double h = isnan (graph->height[v]) ? options->node_height : graph->height[v];

      width[v] = w;
      half[v] = h / 2;
    }

  /* Columns: one per layer, as wide as its widest node, aligned across parts. */
  col_x = g_new0 (double, lg.n_layers + 1);
  col_w = g_new0 (double, lg.n_layers);
  /* From the edges, not the segments: an edge without dummies has none. */
  isolated = g_new (gboolean, n);
  for (guint v = 0; v < n; v++)
    isolated[v] = TRUE;
  for (guint e = 0; e < m; e++)
    isolated[src[e]] = isolated[dst[e]] = FALSE;
  for (guint v = 0; v < n; v++)
    {
      if (!isolated[v])
        col_w[lg.layer[v]] = MAX (col_w[lg.layer[v]], width[v]);
    }
  col_x[0] = options->origin_x;
  for (guint l = 0; l < lg.n_layers; l++)
    col_x[l + 1] = col_x[l] + col_w[l] + options->layer_spacing;

  /* Group the order by part, then by layer, keeping the order within a layer. */
  part_start = g_new0 (guint, n_parts + 1);
  part_order = g_new (guint, lg.n_all);
  for (guint v = 0; v < lg.n_all; v++)
    part_start[lg.part[v] + 1]++;
  for (guint p = 0; p < n_parts; p++)
    part_start[p + 1] += part_start[p];
  {
    g_autofree guint *fill = g_memdup2 (part_start, n_parts * sizeof (guint));

    for (guint i = 0; i < lg.n_all; i++)
      {
        guint v = lg.order[i];

        part_order[fill[lg.part[v]]++] = v;
      }
  }

  centre = g_new0 (double, lg.n_all);
  placer.lg = &lg;
  placer.half = half;
  placer.node_spacing = options->node_spacing;
  placer.centre = centre;
  placer.wish = g_new0 (double, lg.n_all);
  placer.gap = g_new0 (double, lg.n_all);
  placer.block_sum = g_new (double, lg.n_all);
  placer.block_len = g_new (guint, lg.n_all);
  placer.layer_start = g_new0 (guint, lg.n_layers + 1);

  band_y = options->origin_y;
  for (guint p = 0; p < n_parts; p++)
    {
      const guint *nodes = part_order + part_start[p];
      guint count = part_start[p + 1] - part_start[p];

      /* Isolated nodes are packed in a grid after all connected parts. */
      if (count == 1 && nodes[0] < n && isolated[nodes[0]])
        continue;
      band_y += place_part (&placer, nodes, count, band_y) + options->part_spacing;
    }

  placer_clear (&placer);

  /* Isolated nodes: a grid of rows as wide as the graph (at least √k). */
  {
    guint n_isolated = 0;
    guint per_row;
    double cell_w = 0, row_h = 0;
    guint k = 0;

    for (guint v = 0; v < n; v++)
      if (isolated[v])
        {
          n_isolated++;
          cell_w = MAX (cell_w, width[v]);
        }
    per_row = MAX ((guint) ceil (sqrt (n_isolated)), lg.n_layers);
    per_row = MAX (per_row, 1);
    for (guint v = 0; v < n; v++)
      {
        if (!isolated[v])
          continue;
        if (k > 0 && k % per_row == 0)
          {
            band_y += row_h + options->node_spacing;
            row_h = 0;
          }
        x[v] = round (options->origin_x + (k % per_row) * (cell_w + options->layer_spacing));
        y[v] = round (band_y);
        row_h = MAX (row_h, 2 * half[v]);
        k++;
      }
  }

  for (guint v = 0; v < n; v++)
    {
      guint l = lg.layer[v];

      if (isolated[v])
        continue;
      x[v] = round (col_x[l] + (col_w[l] - width[v]) / 2);
      y[v] = round (centre[v] - half[v]);
    }

  layered_clear (&lg);
}

/* Default node size: taller with each socket row (the busier side of the node:
 * sockets named in input_keys/output_keys and in connections). */
typedef struct
{
  guint       node;
  gboolean    output;
  const char *socket;
} SocketUse;

static int
socket_use_compare (const void *a,
                    const void *b)
{
  const SocketUse *x = a;
  const SocketUse *y = b;

  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  if (x->output != y->output)
    return x->output ? 1 : -1;
  return g_strcmp0 (x->socket, y->socket);
}

static void
add_key_sockets (GArray     *uses,
                 guint       node,
                 gboolean    output,
                 JsonObject *keys)
{
  GList *members;

  if (keys == NULL || json_object_get_size (keys) == 0)
    return;

  members = json_object_get_members (keys);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      SocketUse use = { node, output, l->data };

      g_array_append_val (uses, use);
    }
  g_list_free (members);
}

static void
clear_position (gpointer data)
{
  MoiLayoutPosition *position = data;

  g_clear_object (&position->component);
}

static GArray *
position_array_new (guint reserved)
{
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (MoiLayoutPosition), reserved);

  g_array_set_clear_func (positions, clear_position);
  return positions;
}

GArray *
moi_layout_compute_workflow (MoiWorkflow            *workflow,
                             const MoiLayoutOptions *options)
{
  MoiLayoutOptions defaults;
  g_autoptr(GHashTable) index_of = NULL;
  g_autoptr(MoiLayoutGraph) graph = NULL;
  g_autoptr(GArray) uses = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree guint *rows = NULL;
  GArray *positions;
  guint n, n_connections;

  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);

  if (options == NULL)
    {
      moi_layout_options_init (&defaults);
      options = &defaults;
    }

  n = moi_workflow_get_n_components (workflow);
  n_connections = moi_workflow_get_n_connections (workflow);
  graph = moi_layout_graph_new (n);
  index_of = g_hash_table_new (g_str_hash, g_str_equal);
  uses = g_array_sized_new (FALSE, FALSE, sizeof (SocketUse), 2 * n_connections + 1);

  for (guint i = 0; i < n; i++)
    {
      MoiComponent *component = moi_workflow_get_component (workflow, i);
      const char *name = moi_component_get_name (component);

      /* With duplicate names (a problem validation reports) the first wins. */
      if (name != NULL && !g_hash_table_contains (index_of, name))
        g_hash_table_insert (index_of, (gpointer) name, GUINT_TO_POINTER (i));
      if (options->size_func == NULL)
        {
          add_key_sockets (uses, i, FALSE, moi_component_get_input_keys (component));
          add_key_sockets (uses, i, TRUE, moi_component_get_output_keys (component));
        }
    }

  for (guint i = 0; i < n_connections; i++)
    {
      MoiConnection *connection = moi_workflow_get_connection (workflow, i);
      gpointer s, t;

      if (!g_hash_table_lookup_extended (index_of,
                                         moi_connection_get_sender_component (connection),
                                         NULL, &s) ||
          !g_hash_table_lookup_extended (index_of,
                                         moi_connection_get_receiver_component (connection),
                                         NULL, &t))
        continue;

      moi_layout_graph_add_edge (graph, GPOINTER_TO_UINT (s), GPOINTER_TO_UINT (t));
      if (options->size_func == NULL)
        {
          SocketUse out = { GPOINTER_TO_UINT (s), TRUE,
                            moi_connection_get_sender_socket (connection) };
          SocketUse in = { GPOINTER_TO_UINT (t), FALSE,
                           moi_connection_get_receiver_socket (connection) };

          g_array_append_val (uses, out);
          g_array_append_val (uses, in);
        }
    }

  if (options->size_func == NULL)
    {
      guint run = 0;

      /* Distinct sockets per node and side, by sorting: no table per node. */
      rows = g_new0 (guint, MAX (n, 1));
      g_array_sort (uses, socket_use_compare);
      for (guint i = 0; i < uses->len; i++)
        {
          const SocketUse *u = &g_array_index (uses, SocketUse, i);

          if (i == 0 || socket_use_compare (u, u - 1) != 0)
            {
              if (i > 0 && (u->node != u[-1].node || u->output != u[-1].output))
                run = 0;
              run++;
              rows[u->node] = MAX (rows[u->node], run);
            }
        }
    }

  for (guint i = 0; i < n; i++)
    {
      double w = options->node_width;
      double h;

      if (options->size_func != NULL)
        {
          h = options->node_height;
          options->size_func (moi_workflow_get_component (workflow, i), &w, &h,
                              options->size_func_data);
        }
      else
        h = options->node_height + rows[i] * options->socket_height;
      moi_layout_graph_set_node_size (graph, i, MAX (w, 0), MAX (h, 0));
    }

  x = g_new (double, MAX (n, 1));
  y = g_new (double, MAX (n, 1));
  moi_layout_graph_compute (graph, options, x, y);

  positions = position_array_new (n);
  for (guint i = 0; i < n; i++)
    {
      MoiLayoutPosition p = {
        g_object_ref (moi_workflow_get_component (workflow, i)), x[i], y[i]
      };

      g_array_append_val (positions, p);
    }

  return positions;
}

GArray *
moi_layout_capture_positions (MoiWorkflow *workflow)
{
  GArray *positions;
  guint n;

  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);

  n = moi_workflow_get_n_components (workflow);
  positions = position_array_new (n);
  for (guint i = 0; i < n; i++)
    {
      MoiComponent *component = moi_workflow_get_component (workflow, i);
      MoiLayoutPosition p = { g_object_ref (component), 0, 0 };

      moi_component_get_position (component, &p.x, &p.y);
      g_array_append_val (positions, p);
    }

  return positions;
}

guint
moi_layout_apply_positions (MoiWorkflow *workflow,
                            GArray      *positions)
{
  g_autoptr(GHashTable) present = NULL;
  guint n, moved = 0;

  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), 0);
  g_return_val_if_fail (positions != NULL, 0);

  /* By identity, not by name: duplicate names (a problem validation
   * reports) must not hide a component. */
  n = moi_workflow_get_n_components (workflow);
  present = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (present, moi_workflow_get_component (workflow, i));

  /* Views hear of the positions once all are written; "changed" comes once. */
  moi_workflow_begin_batch (workflow);
  for (guint i = 0; i < positions->len; i++)
    {
      const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

      if (p->component != NULL && g_hash_table_contains (present, p->component))
        g_object_freeze_notify (G_OBJECT (p->component));
    }
  for (guint i = 0; i < positions->len; i++)
    {
      const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

      if (p->component == NULL || !g_hash_table_contains (present, p->component))
        continue;

      if (!moi_component_is_at (p->component, p->x, p->y))
        {
          moi_component_set_position (p->component, p->x, p->y);
          moved++;
        }
    }
  for (guint i = 0; i < positions->len; i++)
    {
      const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

      if (p->component != NULL && g_hash_table_contains (present, p->component))
        g_object_thaw_notify (G_OBJECT (p->component));
    }
  moi_workflow_end_batch (workflow);

  return moved;
}
