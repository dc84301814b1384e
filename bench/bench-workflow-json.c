/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model's JSON and history at scale: strict parser vs JsonParser,
 * exact writer vs JsonGenerator, model read/write, undo/redo. */
#include "config.h"

#include <string.h>

#include "moi-history.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-workflow.h"

static char *
make_workflow (guint n)
{
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Component-%u", i);
      g_autoptr(MoiComponent) c = moi_component_new (name, "haystack.components.X.Cleaner");
      g_autoptr(JsonNode) ratio = json_node_init_double (json_node_alloc (), 0.1 * (i % 7));
      g_autoptr(JsonNode) text = json_node_init_string (json_node_alloc (), "清洗 文档 text");

      moi_component_set_position (c, i * 1.5, i % 100);
      moi_component_set_parameter (c, "ratio", ratio);
      moi_component_set_parameter (c, "label", text);
      moi_workflow_append_component (workflow, c);
      if (i > 0)
        {
          g_autofree char *sender = g_strdup_printf ("Component-%u.documents", i - 1);
          g_autofree char *receiver = g_strdup_printf ("%s.documents", name);
          g_autoptr(MoiConnection) conn = moi_connection_new (sender, receiver);

          moi_workflow_append_connection (workflow, conn);
        }
    }
  return moi_workflow_to_data (workflow, TRUE, NULL);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
bench (guint n)
{
  g_autofree char *text = make_workflow (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiHistory) history = NULL;
  g_autofree char *out = NULL;
  g_autofree char *glib_out = NULL;
  double t;

  g_print ("%u components, %zu KiB of JSON\n", n, strlen (text) / 1024);

  t = now_ms ();
  node = moi_json_parse (text, -1, &error);
  g_assert_no_error (error);
  g_print ("  moi_json_parse          %8.1f ms\n", now_ms () - t);

  t = now_ms ();
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_print ("  json_parser_load (ref)  %8.1f ms\n", now_ms () - t);

  t = now_ms ();
  workflow = moi_workflow_new_from_node (node, &error);
  g_assert_no_error (error);
  g_print ("  model from node         %8.1f ms\n", now_ms () - t);

  t = now_ms ();
  out = moi_workflow_to_data (workflow, FALSE, NULL);
  g_print ("  model to data           %8.1f ms\n", now_ms () - t);

  t = now_ms ();
  g_free (out);
  out = moi_json_to_string (node, FALSE, NULL);
  g_print ("  moi_json_to_string      %8.1f ms\n", now_ms () - t);

  t = now_ms ();
  json_generator_set_root (generator, node);
  glib_out = json_generator_to_data (generator, NULL);
  g_print ("  json_generator (ref)    %8.1f ms\n", now_ms () - t);

  history = moi_history_new (workflow);
  t = now_ms ();
  for (guint i = 0; i < 1000; i++)
    moi_history_move (history, moi_workflow_get_component (workflow, n / 2), i, i);
  g_print ("  1000 merged moves       %8.1f ms (%u step)\n", now_ms () - t,
           moi_history_get_n_undo (history));

  t = now_ms ();
  for (guint i = 0; i < 100; i++)
    moi_history_remove_component (history, moi_workflow_get_component (workflow, n / 2));
  g_print ("  100 removes             %8.1f ms\n", now_ms () - t);
  t = now_ms ();
  while (moi_history_undo (history))
    ;
  g_print ("  undo all                %8.1f ms\n", now_ms () - t);
  t = now_ms ();
  while (moi_history_redo (history))
    ;
  g_print ("  redo all                %8.1f ms\n", now_ms () - t);
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[] = { 1000, 5000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench (sizes[i]);
  return 0;
}
