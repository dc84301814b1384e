/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Validation of a large workflow (5,000 components, 7,500 connections) and
 * loading the component catalog. Prints milliseconds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "moi-validate.h"
#include "moi-workflow-generator.h"

#define CLEANER  "haystack.components.preprocessors.document_cleaner.DocumentCleaner"
#define SPLITTER "haystack.components.preprocessors.document_splitter.DocumentSplitter"
#define JOINER   "haystack.components.joiners.document_joiner.DocumentJoiner"
#define TXT      "haystack.components.converters.txt.TextFileToDocument"

#define N_GROUPS 1000
#define RUNS     25

static void
add_component (MoiWorkflow *workflow,
               const char  *type,
               guint        group,
               char         letter)
{
  g_autofree char *name = g_strdup_printf ("%c%u", letter, group);
  g_autofree char *id = g_strdup_printf ("%s_1739377283742", name);
  g_autoptr(MoiComponent) component = moi_component_new (name, type);
  g_autoptr(JsonNode) length = json_node_init_int (json_node_alloc (), 300);

  moi_component_set_component_id (component, id);
  if (letter == 'C')
    moi_component_set_parameter (component, "split_length", length);
  moi_workflow_append_component (workflow, component);
}

static void
add_link (MoiWorkflow *workflow,
      char         from,
      guint        from_group,
      char         to,
      guint        to_group)
{
  g_autofree char *sender = g_strdup_printf ("%c%u.documents", from, from_group);
  g_autofree char *receiver = g_strdup_printf ("%c%u.documents", to, to_group);
  g_autoptr(MoiConnection) connection = moi_connection_new (sender, receiver);

  moi_workflow_append_connection (workflow, connection);
}

/* Groups of five (A → B → C → D → J, with extra fan-in to the joiner J),
 * chained J(i) → A(i+1): a DAG with no problem at all. */
static MoiWorkflow *
build_workflow (void)
{
  MoiWorkflow *workflow = moi_workflow_new ();

  for (guint g = 0; g < N_GROUPS; g++)
    {
      add_component (workflow, g == 0 ? TXT : CLEANER, g, 'A');
      add_component (workflow, CLEANER, g, 'B');
      add_component (workflow, SPLITTER, g, 'C');
      add_component (workflow, CLEANER, g, 'D');
      add_component (workflow, JOINER, g, 'J');
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      add_link (workflow, 'A', g, 'B', g);
      add_link (workflow, 'B', g, 'C', g);
      add_link (workflow, 'C', g, 'D', g);
      add_link (workflow, 'D', g, 'J', g);
      add_link (workflow, 'A', g, 'J', g);
      add_link (workflow, 'B', g, 'J', g);
      if (g % 2 == 0 || g == N_GROUPS - 1)
        add_link (workflow, 'C', g, 'J', g);
      if (g + 1 < N_GROUPS)
        add_link (workflow, 'J', g, 'A', g + 1);
    }
  return workflow;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CPU time of this thread: the machine may be shared, wall time is noisy. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

static void
time_validation (MoiWorkflow *workflow,
                 const char  *what)
{
  double wall[RUNS];
  double cpu[RUNS];
  guint n_problems = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      problems = moi_workflow_validate (workflow, NULL);
      cpu[i] = cpu_ms () - cpu_start;
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_problems = problems->len;
    }
  qsort (wall, RUNS, sizeof wall[0], compare_doubles);
  qsort (cpu, RUNS, sizeof cpu[0], compare_doubles);
  printf ("validate %u components, %u connections%s: median %.2f ms CPU (min %.2f), "
          "%.2f ms wall; %u problems\n",
          moi_workflow_get_n_components (workflow), moi_workflow_get_n_connections (workflow),
          what, cpu[RUNS / 2], cpu[0], wall[RUNS / 2], n_problems);
}


int
main (void)
{
  g_autoptr(MoiWorkflow) workflow = build_workflow ();
  g_autoptr(GBytes) bytes = NULL;
  gint64 start;

  bytes = g_resources_lookup_data ("/io/github/moistudio/MoiStudio/core/catalog.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(MoiCatalog) catalog = moi_catalog_new_from_data (g_bytes_get_data (bytes, NULL),
                                                                 g_bytes_get_size (bytes), NULL);
      g_assert (catalog != NULL);
    }
  printf ("catalog load (%u types): %.2f ms\n",
          g_list_model_get_n_items (moi_catalog_get_specs (moi_catalog_get_default ())),
          (g_get_monotonic_time () - start) / 1000.0 / RUNS);

  time_validation (workflow, "");

  /* A realistic MOI pipeline shape with every init_parameter MOI writes
   * (regexes, secrets, document stores...), as the editor validates it. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);
    g_autoptr(MoiWorkflow) realistic = moi_workflow_generator_build (rand, 5000, 1.5);

    time_validation (realistic, " (generated MOI pipelines)");
  }

  /* The same graph with a cycle closing it, to time the cycle search. */
  add_link (workflow, 'J', N_GROUPS - 1, 'J', 0);
  time_validation (workflow, " (one 4,000-component cycle)");
  return 0;
}
