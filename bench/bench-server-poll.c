/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a person watching a job sees: the real moi-server runs the
 * word-default workflow over the 2,000-file corpus while this polls
 * GET /workflow_job/{id}/status as fast as it answers, and prints the
 * latency of those polls (p50, p99, max). The writer's group commits hold
 * the store's connection for a tenth of a second or more; reads must not
 * wait for them. */
#include "config.h"

#include <stdio.h>

#include "bench-corpus.h"
#include "moi-service-harness.h"
#include "moi-store.h"

#define API "/byoa/api/v1"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *corpus = NULL;
  g_autofree char *workflow_path = g_build_filename (MOI_SOURCE_ROOT, "tests", "fixtures",
                                                     "haystack-reference", "word-default.json",
                                                     NULL);
  g_autofree char *workflow = NULL;
  g_autofree char *body = NULL;
  g_autofree char *volume_id = NULL;
  g_autofree char *job_id = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonNode) created = NULL;
  MoiServiceHarness *h;
  gint64 start;
  double wall;

  /* For the harness's g_test_build_filename(); its debug chatter off. */
  g_test_init (&argc, &argv, NULL);
  g_log_set_debug_enabled (FALSE);
  corpus = bench_corpus (argc > 1 ? argv[1] : NULL);
  if (!g_file_get_contents (workflow_path, &workflow, NULL, NULL))
    g_error ("cannot read %s", workflow_path);

  h = moi_service_harness_spawn (NULL, NULL);
  volume_id = moi_service_harness_add_volume (h, "corpus", corpus);
  body = g_strdup_printf ("{\"name\": \"poll\", \"source_volume_ids\": [\"%s\"], "
                          "\"file_types\": [1], \"priority\": 300, "
                          "\"process_mode\": {\"interval\": 0, \"offset\": 0}, "
                          "\"create_target_volume_name\": \"out\", \"workflow\": %s}",
                          volume_id, workflow);
  start = g_get_monotonic_time ();
  created = moi_service_harness_ok (h, "POST", API "/workflow_meta", body);
  job_id = moi_service_harness_latest_job (h, json_object_get_string_member (
                                                moi_service_harness_object (created), "id"));
  for (;;)
    {
      gint64 since = g_get_monotonic_time ();
      g_autoptr(JsonNode) status = moi_service_harness_get (h, API "/workflow_job/%s/status",
                                                            job_id);
      double ms = (g_get_monotonic_time () - since) / 1000.0;

      g_array_append_val (latencies, ms);
      if (json_object_get_int_member (moi_service_harness_object (status), "status") != MOI_JOB_STATUS_PROCESSING)
        break;
    }
  wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  moi_service_harness_free (h);

  g_array_sort (latencies, compare_doubles);
  printf ("bench-server-poll: job status polled while the server runs word-default over "
          "%s\n", corpus);
  printf ("  job           %.2f s (workflow created to last poll)\n", wall);
  printf ("  polls         %u\n", latencies->len);
  printf ("  latency       p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
          g_array_index (latencies, double, latencies->len / 2),
          g_array_index (latencies, double, latencies->len * 99 / 100),
          g_array_index (latencies, double, latencies->len - 1));
  return 0;
}
