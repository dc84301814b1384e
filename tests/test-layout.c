/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "moi-history.h"
#include "moi-layout.h"
#include "moi-workflow-generator.h"

typedef struct
{
  guint   n;
  double *w;
  double *h;
  double *x;
  double *y;
  GArray *edges;        /* guint pairs */
} Drawn;

static void
drawn_free (Drawn *d)
{
  g_free (d->w);
  g_free (d->h);
  g_free (d->x);
  g_free (d->y);
  g_array_unref (d->edges);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawn, drawn_free)

/* A random graph: @acyclic edges go from lower to higher index (a DAG once
 * the nodes are shuffled), otherwise anything, including cycles and loops. */
static Drawn *
random_graph (GRand    *rand,
              guint     n,
              guint     m,
              gboolean  acyclic)
{
  Drawn *d = g_new0 (Drawn, 1);
  g_autofree guint *perm = g_new (guint, MAX (n, 1));

  d->n = n;
  d->w = g_new (double, MAX (n, 1));
  d->h = g_new (double, MAX (n, 1));
  d->x = g_new (double, MAX (n, 1));
  d->y = g_new (double, MAX (n, 1));
  d->edges = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      d->w[i] = g_rand_int_range (rand, 20, 300);
      d->h[i] = g_rand_int_range (rand, 10, 200);
      perm[i] = i;
    }
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint t = perm[i - 1];

      perm[i - 1] = perm[j];
      perm[j] = t;
    }

  for (guint e = 0; e < m && n > 1; e++)
    {
      guint a = g_rand_int_range (rand, 0, n);
      guint b = g_rand_int_range (rand, 0, n);

      if (acyclic)
        {
          if (a == b)
            continue;
          /* Mostly short edges, like a pipeline, some long ones. */
          if (g_rand_int_range (rand, 0, 4) != 0)
            {
              guint step = g_rand_int_range (rand, 1, 6);

              b = MIN (n - 1, a + step);
            }
          if (a == b)
            continue;
          g_array_append_val (d->edges, perm[MIN (a, b)]);
          g_array_append_val (d->edges, perm[MAX (a, b)]);
        }
      else
        {
          g_array_append_val (d->edges, a);
          g_array_append_val (d->edges, b);
        }
    }

  return d;
}

static MoiLayoutGraph *
drawn_layout (Drawn                  *d,
              const MoiLayoutOptions *options)
{
  MoiLayoutGraph *graph = moi_layout_graph_new (d->n);

  for (guint i = 0; i < d->n; i++)
    moi_layout_graph_set_node_size (graph, i, d->w[i], d->h[i]);
  for (guint e = 0; e < d->edges->len / 2; e++)
    moi_layout_graph_add_edge (graph,
                               g_array_index (d->edges, guint, 2 * e),
                               g_array_index (d->edges, guint, 2 * e + 1));
  moi_layout_graph_compute (graph, options, d->x, d->y);

  return graph;
}

typedef struct
{
  double x0;
  guint  i;
} Start;

static int
start_compare (gconstpointer a,
               gconstpointer b)
{
  const Start *p = a;
  const Start *q = b;

  return (p->x0 > q->x0) - (p->x0 < q->x0);
}

/* Sweep over x: only boxes whose x ranges overlap are compared. */
static void
assert_no_overlap (guint         n,
                   const double *x,
                   const double *y,
                   const double *w,
                   const double *h)
{
  g_autofree Start *starts = g_new (Start, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (isfinite (x[i]) && isfinite (y[i]));
      starts[i].x0 = x[i];
      starts[i].i = i;
    }
  qsort (starts, n, sizeof (Start), start_compare);

  for (guint a = 0; a < n; a++)
    {
      guint i = starts[a].i;

      for (guint b = a + 1; b < n && starts[b].x0 < x[i] + w[i]; b++)
        {
          guint j = starts[b].i;
          gboolean apart = y[i] + h[i] <= y[j] || y[j] + h[j] <= y[i] ||
                           x[i] + w[i] <= x[j] || x[j] + w[j] <= x[i];

          if (!apart)
            g_error ("nodes %u (%g,%g %g×%g) and %u (%g,%g %g×%g) overlap",
                     i, x[i], y[i], w[i], h[i], j, x[j], y[j], w[j], h[j]);
        }
    }
}

static void
test_layout_dag_properties (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 120; round++)
    {
      guint n = g_rand_int_range (rand, 1, round < 100 ? 60 : 400);
      guint m = g_rand_int_range (rand, 0, 2 * n);
      g_autoptr(Drawn) d = random_graph (rand, n, m, TRUE);
      g_autoptr(MoiLayoutGraph) graph = drawn_layout (d, NULL);
      MoiLayoutOptions options;

      moi_layout_options_init (&options);
      assert_no_overlap (n, d->x, d->y, d->w, d->h);

      for (guint e = 0; e < d->edges->len / 2; e++)
        {
          guint s = g_array_index (d->edges, guint, 2 * e);
          guint t = g_array_index (d->edges, guint, 2 * e + 1);

          g_assert_cmpuint (moi_layout_graph_get_layer (graph, s), <,
                            moi_layout_graph_get_layer (graph, t));
          /* Strictly left to right, with the column gap between them. */
          g_assert_cmpfloat (d->x[s] + d->w[s] + options.layer_spacing - 1, <=, d->x[t]);
        }
    }
}

static void
test_layout_deterministic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint round = 0; round < 20; round++)
    {
      guint n = g_rand_int_range (rand, 2, 300);
      g_autoptr(Drawn) d = random_graph (rand, n, n * 3 / 2, round % 2 == 0);
      g_autofree double *x1 = NULL;
      g_autofree double *y1 = NULL;
      g_autoptr(MoiLayoutGraph) g1 = drawn_layout (d, NULL);
      g_autoptr(MoiLayoutGraph) g2 = NULL;

      x1 = g_memdup2 (d->x, n * sizeof (double));
      y1 = g_memdup2 (d->y, n * sizeof (double));
      g2 = drawn_layout (d, NULL);
      g_assert_cmpmem (x1, n * sizeof (double), d->x, n * sizeof (double));
      g_assert_cmpmem (y1, n * sizeof (double), d->y, n * sizeof (double));
      g_assert_cmpuint (moi_layout_graph_get_n_crossings (g1), ==,
                        moi_layout_graph_get_n_crossings (g2));
    }
}

static void
test_layout_cycles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 60; round++)
    {
      guint n = g_rand_int_range (rand, 1, 200);
      g_autoptr(Drawn) d = random_graph (rand, n, g_rand_int_range (rand, 0, 3 * n), FALSE);
      g_autoptr(MoiLayoutGraph) graph = drawn_layout (d, NULL);
      guint kept_forward = 0, edges = 0;

      assert_no_overlap (n, d->x, d->y, d->w, d->h);
      for (guint e = 0; e < d->edges->len / 2; e++)
        {
          guint s = g_array_index (d->edges, guint, 2 * e);
          guint t = g_array_index (d->edges, guint, 2 * e + 1);

          if (s == t)
            continue;
          /* Every edge crosses layers, one way or the other. */
          g_assert_cmpuint (moi_layout_graph_get_layer (graph, s), !=,
                            moi_layout_graph_get_layer (graph, t));
          edges++;
          kept_forward += moi_layout_graph_get_layer (graph, s) <
                          moi_layout_graph_get_layer (graph, t);
        }
      /* Only back edges are reversed: at least half stay forward. */
      g_assert_cmpuint (2 * kept_forward, >=, edges);
    }

  /* A pure cycle: every node on its own layer, one edge reversed. */
  {
    g_autoptr(MoiLayoutGraph) graph = moi_layout_graph_new (4);
    double x[4], y[4];

    for (guint i = 0; i < 4; i++)
      moi_layout_graph_add_edge (graph, i, (i + 1) % 4);
    moi_layout_graph_compute (graph, NULL, x, y);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpuint (moi_layout_graph_get_layer (graph, i), ==, i);
    g_assert_cmpfloat (x[0], <, x[1]);
    g_assert_cmpfloat (x[2], <, x[3]);
  }
}

static void
test_layout_long_edges (void)
{
  /* A chain of 1,500 with 600 random skips would need ~300,000 dummy nodes:
   * past the budget, the longest edges get none but must still run left to
   * right, and their ends must not be taken for isolated nodes. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint n = 1500;
  g_autoptr(Drawn) d = random_graph (rand, n, 0, TRUE);
  g_autoptr(MoiLayoutGraph) graph = NULL;

  for (guint v = 1; v < n; v++)
    {
      guint u = v - 1;

      g_array_append_val (d->edges, u);
      g_array_append_val (d->edges, v);
    }
  for (guint k = 0; k < 600; k++)
    {
      guint a = g_rand_int_range (rand, 0, n / 4);
      guint b = g_rand_int_range (rand, n / 2, n);

      g_array_append_val (d->edges, a);
      g_array_append_val (d->edges, b);
    }

  graph = drawn_layout (d, NULL);
  assert_no_overlap (n, d->x, d->y, d->w, d->h);
  for (guint e = 0; e < d->edges->len / 2; e++)
    {
      guint s = g_array_index (d->edges, guint, 2 * e);
      guint t = g_array_index (d->edges, guint, 2 * e + 1);

      g_assert_cmpfloat (d->x[s] + d->w[s], <, d->x[t]);
    }
}

static void
test_layout_layers (void)
{
  /* a → b → c, a → c, s → c, d alone; s sits next to c, not at the far left. */
  enum { A, B, C, S, D, N };
  g_autoptr(MoiLayoutGraph) graph = moi_layout_graph_new (N);
  double x[N], y[N];

  moi_layout_graph_add_edge (graph, A, B);
  moi_layout_graph_add_edge (graph, B, C);
  moi_layout_graph_add_edge (graph, A, C);
  moi_layout_graph_add_edge (graph, S, C);
  moi_layout_graph_compute (graph, NULL, x, y);

  g_assert_cmpuint (moi_layout_graph_get_layer (graph, A), ==, 0);
  g_assert_cmpuint (moi_layout_graph_get_layer (graph, B), ==, 1);
  g_assert_cmpuint (moi_layout_graph_get_layer (graph, C), ==, 2);
  g_assert_cmpuint (moi_layout_graph_get_layer (graph, S), ==, 1);
  g_assert_cmpfloat (x[B], ==, x[S]);
  g_assert_cmpfloat (x[A], <, x[B]);
  /* The isolated node goes below the connected part. */
  for (guint i = 0; i < D; i++)
    g_assert_cmpfloat (y[D], >, y[i]);
}

static void
test_layout_crossings (void)
{
  /* r0 → A, C; r1 → B; r2 → C, A. The first depth-first order (A C B under
   * r0 r1 r2) has 3 crossings; the only one left is the K2,2 of r0, r2 / A, C. */
  enum { R0, R1, R2, A, B, C, N };
  g_autoptr(MoiLayoutGraph) graph = moi_layout_graph_new (N);
  double x[N], y[N];

  moi_layout_graph_add_edge (graph, R0, A);
  moi_layout_graph_add_edge (graph, R0, C);
  moi_layout_graph_add_edge (graph, R1, B);
  moi_layout_graph_add_edge (graph, R2, C);
  moi_layout_graph_add_edge (graph, R2, A);
  moi_layout_graph_compute (graph, NULL, x, y);

  g_assert_cmpuint (moi_layout_graph_get_n_crossings (graph), ==, 1);
  /* r1 is not left between r0 and r2, whose edges interleave. */
  g_assert_false ((y[R0] < y[R1] && y[R1] < y[R2]) || (y[R2] < y[R1] && y[R1] < y[R0]));
}

static void
test_layout_trees_planar (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 30; round++)
    {
      guint n = g_rand_int_range (rand, 2, 300);
      g_autoptr(MoiLayoutGraph) graph = moi_layout_graph_new (n);
      g_autofree double *x = g_new (double, n);
      g_autofree double *y = g_new (double, n);

      /* Random out-trees are planar: whatever the sweeps do, none may cross. */
      for (guint v = 1; v < n; v++)
        moi_layout_graph_add_edge (graph, g_rand_int_range (rand, 0, v), v);
      moi_layout_graph_compute (graph, NULL, x, y);
      g_assert_cmpuint (moi_layout_graph_get_n_crossings (graph), ==, 0);
    }
}

static void
test_layout_parts_apart (void)
{
  /* Three chains: their bounding boxes must not meet. */
  g_autoptr(MoiLayoutGraph) graph = moi_layout_graph_new (9);
  double x[9], y[9];
  MoiLayoutOptions options;

  moi_layout_options_init (&options);
  for (guint c = 0; c < 3; c++)
    {
      moi_layout_graph_add_edge (graph, c, c + 3);
      moi_layout_graph_add_edge (graph, c + 3, c + 6);
    }
  moi_layout_graph_compute (graph, &options, x, y);

  for (guint c = 0; c + 1 < 3; c++)
    {
      double bottom = 0, next_top = G_MAXDOUBLE;

      for (guint k = 0; k < 3; k++)
        {
          bottom = MAX (bottom, y[c + 3 * k] + options.node_height);
          next_top = MIN (next_top, y[c + 1 + 3 * k]);
        }
      g_assert_cmpfloat (bottom + options.part_spacing, <=, next_top);
    }
  /* A chain is drawn straight. */
  g_assert_cmpfloat (y[0], ==, y[3]);
  g_assert_cmpfloat (y[3], ==, y[6]);
}

static void
test_layout_workflow (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(MoiWorkflow) wf = moi_workflow_generator_build (rand, 40 + 60 * round, 1.5);
      g_autoptr(GArray) before = moi_layout_capture_positions (wf);
      g_autoptr(GArray) positions = moi_layout_compute_workflow (wf, NULL);
      guint n = moi_workflow_get_n_components (wf);
      g_autofree double *x = g_new (double, n);
      g_autofree double *y = g_new (double, n);
      g_autofree double *w = g_new (double, n);
      g_autofree double *h = g_new (double, n);
      MoiLayoutOptions options;

      moi_layout_options_init (&options);
      g_assert_cmpuint (positions->len, ==, n);
      g_assert_cmpuint (moi_layout_apply_positions (wf, positions), >, 0);

      for (guint i = 0; i < n; i++)
        {
          MoiComponent *c = moi_workflow_get_component (wf, i);
          const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

          g_assert_true (p->component == c);
          moi_component_get_position (c, &x[i], &y[i]);
          g_assert_cmpfloat (x[i], ==, p->x);
          g_assert_cmpfloat (y[i], ==, p->y);
          w[i] = options.node_width;
          /* Sizes are at least the base box; sockets only add height. */
          h[i] = options.node_height;
        }
      assert_no_overlap (n, x, y, w, h);

      for (guint i = 0; i < moi_workflow_get_n_connections (wf); i++)
        {
          MoiConnection *conn = moi_workflow_get_connection (wf, i);
          const char *sender = moi_connection_get_sender_component (conn);
          const char *receiver = moi_connection_get_receiver_component (conn);
          MoiComponent *s = moi_workflow_find_component (wf, sender);
          MoiComponent *t = moi_workflow_find_component (wf, receiver);
          double sx, sy, tx, ty;

          g_assert_nonnull (s);
          g_assert_nonnull (t);
          moi_component_get_position (s, &sx, &sy);
          moi_component_get_position (t, &tx, &ty);
          g_assert_cmpfloat (sx + options.node_width, <, tx);
        }

      /* Undo: the captured positions come back. */
      moi_layout_apply_positions (wf, before);
      for (guint i = 0; i < n; i++)
        {
          const MoiLayoutPosition *p = &g_array_index (before, MoiLayoutPosition, i);
          double cx, cy;

          moi_component_get_position (p->component, &cx, &cy);
          g_assert_cmpfloat (cx, ==, p->x);
          g_assert_cmpfloat (cy, ==, p->y);
        }
    }
}

static void
test_layout_moi_example (void)
{
  /* MOI's own 25-component workflow (router → 10 converters → joiner →
   * metadata router → three branches → joiner → ... → writer) is planar:
   * the layout must find a drawing without crossings. */
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "layout", "moi-25.json",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) wf = moi_workflow_new_from_file (path, &error);
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(MoiLayoutGraph) graph = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  guint n;

  g_assert_no_error (error);
  n = moi_workflow_get_n_components (wf);
  g_assert_cmpuint (n, ==, 25);
  graph = moi_layout_graph_new (n);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index_of,
                         (gpointer) moi_component_get_name (moi_workflow_get_component (wf, i)),
                         GUINT_TO_POINTER (i));
  for (guint i = 0; i < moi_workflow_get_n_connections (wf); i++)
    {
      MoiConnection *c = moi_workflow_get_connection (wf, i);
      gpointer s, t;

      g_assert_true (g_hash_table_lookup_extended (index_of,
                                                   moi_connection_get_sender_component (c),
                                                   NULL, &s));
      g_assert_true (g_hash_table_lookup_extended (index_of,
                                                   moi_connection_get_receiver_component (c),
                                                   NULL, &t));
      moi_layout_graph_add_edge (graph, GPOINTER_TO_UINT (s), GPOINTER_TO_UINT (t));
    }
  x = g_new (double, n);
  y = g_new (double, n);
  moi_layout_graph_compute (graph, NULL, x, y);
  g_assert_cmpuint (moi_layout_graph_get_n_crossings (graph), ==, 0);
}

static void
sixty_square (MoiComponent *component,
              double       *width,
              double       *height,
              gpointer      user_data)
{
  guint *calls = user_data;

  *width = 60;
  *height = 60;
  (*calls)++;
}

static void
test_layout_workflow_size_func (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(MoiWorkflow) wf = moi_workflow_generator_build (rand, 50, 1.5);
  g_autoptr(GArray) positions = NULL;
  g_autoptr(MoiComponent) gone = NULL;
  MoiLayoutOptions options;
  guint calls = 0;
  double x, y;

  moi_layout_options_init (&options);
  options.size_func = sixty_square;
  options.size_func_data = &calls;
  options.layer_spacing = 10;
  positions = moi_layout_compute_workflow (wf, &options);
  g_assert_cmpuint (calls, ==, 50);

  /* Columns are 60 wide plus 10 of spacing; the sizes given are kept apart. */
  {
    guint n = positions->len;
    g_autofree double *px = g_new (double, n);
    g_autofree double *py = g_new (double, n);
    g_autofree double *side = g_new (double, n);

    for (guint i = 0; i < n; i++)
      {
        const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

        g_assert_cmpfloat (fmod (p->x, 70), ==, 0);
        px[i] = p->x;
        py[i] = p->y;
        side[i] = 60;
      }
    assert_no_overlap (n, px, py, side, side);
  }

  /* A component removed before the layout is applied is left alone. */
  gone = g_object_ref (moi_workflow_get_component (wf, 0));
  moi_component_get_position (gone, &x, &y);
  g_assert_true (moi_workflow_remove_component (wf, gone));
  moi_layout_apply_positions (wf, positions);
  {
    double gx, gy;

    moi_component_get_position (gone, &gx, &gy);
    g_assert_cmpfloat (gx, ==, x);
    g_assert_cmpfloat (gy, ==, y);
  }
}

static void
test_layout_socket_heights (void)
{
  /* r has three output sockets; t1..t3 one input each, in one column. */
  const char *json =
    "{\"components\": ["
    "{\"name\": \"r\", \"type\": \"x.R\"},"
    "{\"name\": \"t1\", \"type\": \"x.T\"},"
    "{\"name\": \"t2\", \"type\": \"x.T\"},"
    "{\"name\": \"t3\", \"type\": \"x.T\"}],"
    "\"connections\": ["
    "{\"sender\": \"r.a\", \"receiver\": \"t1.documents\"},"
    "{\"sender\": \"r.b\", \"receiver\": \"t2.documents\"},"
    "{\"sender\": \"r.c\", \"receiver\": \"t3.documents\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) wf = moi_workflow_new_from_data (json, -1, &error);
  g_autoptr(GArray) positions = NULL;
  MoiLayoutOptions options;
  double ty[3];

  g_assert_no_error (error);
  moi_layout_options_init (&options);
  options.socket_height = 50;
  positions = moi_layout_compute_workflow (wf, &options);
  for (guint i = 0; i < 3; i++)
    ty[i] = g_array_index (positions, MoiLayoutPosition, i + 1).y;

  /* Each target is one socket row taller than the bare box. */
  for (guint i = 0; i < 3; i++)
    for (guint j = i + 1; j < 3; j++)
      g_assert_cmpfloat (fabs (ty[i] - ty[j]), >=,
                         options.node_height + options.socket_height + options.node_spacing);
  /* The router, three rows tall, is centred on its targets. */
  {
    double ry = g_array_index (positions, MoiLayoutPosition, 0).y;
    double r_mid = ry + (options.node_height + 3 * options.socket_height) / 2;
    double t_mid = (ty[0] + ty[2]) / 2 + (options.node_height + options.socket_height) / 2;

    g_assert_cmpfloat (fabs (r_mid - t_mid), <=, 1);
  }
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* The layout through the history on a big generated workflow whose
 * components have every kind of position: one step, one "changed", and undo
 * writes back exactly what was there. */
static void
test_layout_undo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(MoiWorkflow) generated = moi_workflow_generator_build (rand, 300, 1.5);
  g_autoptr(JsonNode) node = moi_workflow_to_node (generated);
  g_autoptr(MoiWorkflow) wf = NULL;
  g_autoptr(MoiHistory) history = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *laid_out = NULL;
  g_autofree char *now = NULL;
  JsonArray *components;
  guint changed = 0, notifies = 0, n;

  /* Every third component without a position, every third null, the rest
   * doubles with an extra key. */
  components = json_object_get_array_member (json_node_get_object (node), "components");
  n = json_array_get_length (components);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);

      if (i % 3 == 0)
        json_object_remove_member (c, "position");
      else if (i % 3 == 1)
        json_object_set_null_member (c, "position");
      else
        {
          JsonObject *position = json_object_get_object_member (c, "position");

          json_object_set_double_member (position, "x", i + 0.5);
          json_object_set_string_member (position, "note", "保留");
        }
    }
  wf = moi_workflow_new_from_node (node, &error);
  g_assert_no_error (error);
  history = moi_history_new (wf);
  before = moi_workflow_to_data (wf, FALSE, NULL);

  g_signal_connect_swapped (wf, "changed", G_CALLBACK (count_signal), &changed);
  for (guint i = 0; i < n; i++)
    g_signal_connect_swapped (moi_workflow_get_component (wf, i), "notify::y",
                              G_CALLBACK (count_signal), &notifies);

  positions = moi_layout_compute_workflow (wf, NULL);
  moi_history_layout (history, positions);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (notifies, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const MoiLayoutPosition *p = &g_array_index (positions, MoiLayoutPosition, i);

      /* Every component now has a position, even one laid out at (0, 0). */
      g_assert_true (moi_component_is_at (p->component, p->x, p->y));
    }
  laid_out = moi_workflow_to_data (wf, FALSE, NULL);
  g_assert_cmpstr (laid_out, !=, before);

  changed = 0;
  g_assert_true (moi_history_undo (history));
  g_assert_cmpuint (changed, ==, 1);
  now = moi_workflow_to_data (wf, FALSE, NULL);
  g_assert_cmpstr (now, ==, before);
  for (guint i = 0; i < n; i++)
    {
      MoiComponent *c = moi_workflow_get_component (wf, i);

      g_assert_cmpint (moi_component_has_key (c, "position"), ==, i % 3 != 0);
      g_assert_cmpint (moi_component_get_position_null (c), ==, i % 3 == 1);
    }

  g_assert_true (moi_history_redo (history));
  g_free (now);
  now = moi_workflow_to_data (wf, FALSE, NULL);
  g_assert_cmpstr (now, ==, laid_out);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/layout/dag-properties", test_layout_dag_properties);
  g_test_add_func ("/moi/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/moi/layout/cycles", test_layout_cycles);
  g_test_add_func ("/moi/layout/long-edges", test_layout_long_edges);
  g_test_add_func ("/moi/layout/layers", test_layout_layers);
  g_test_add_func ("/moi/layout/crossings", test_layout_crossings);
  g_test_add_func ("/moi/layout/trees-planar", test_layout_trees_planar);
  g_test_add_func ("/moi/layout/parts-apart", test_layout_parts_apart);
  g_test_add_func ("/moi/layout/workflow", test_layout_workflow);
  g_test_add_func ("/moi/layout/moi-example", test_layout_moi_example);
  g_test_add_func ("/moi/layout/workflow-size-func", test_layout_workflow_size_func);
  g_test_add_func ("/moi/layout/socket-heights", test_layout_socket_heights);
  g_test_add_func ("/moi/layout/undo", test_layout_undo);

  return g_test_run ();
}
