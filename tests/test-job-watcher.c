/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>

#include "moi-enums.h"
#include "moi-job-watcher.h"
#include "moi-test-client-util.h"

/* A job that advances one step per status request (when "advance" is set). */
typedef struct
{
  SoupServer *server;
  MoiClient *client;
  guint n_status;
  guint n_files;
  guint step;
  gboolean advance;
  gboolean missing;
  gboolean broken;
} Fixture;

static const struct {
  int status;
  int progress;
  int completed;
  int processing;
} steps[] = {
  { MOI_JOB_STATUS_PENDING,    0, 0, 0 },
  { MOI_JOB_STATUS_PROCESSING, 30, 3, 7 },
  { MOI_JOB_STATUS_PROCESSING, 60, 6, 4 },
  { MOI_JOB_STATUS_COMPLETED, 100, 10, 0 },
};

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  g_autofree char *body = NULL;
  guint i = MIN (f->step, G_N_ELEMENTS (steps) - 1);
  guint status = 200;

  if (f->broken)
    {
      f->n_status++;
      body = g_strdup ("<html>502 Bad Gateway</html>");
      status = 500;
    }
  else if (f->missing)
    {
      body = g_strdup ("{\"code\":\"ErrNotFound\",\"msg\":\"job not found\",\"data\":null}");
      status = 404;
    }
  else if (g_str_has_suffix (path, "/status"))
    {
      f->n_status++;
      if (f->advance && f->step < G_N_ELEMENTS (steps) - 1)
        f->step++;
      i = f->step;
      body = g_strdup_printf ("{\"code\":\"ok\",\"data\":{\"job_id\":\"j1\",\"status\":%d,"
                              "\"progress\":%d,\"message\":\"step %u\","
                              "\"start_time\":1739377287000,\"end_time\":null}}",
                              steps[i].status, steps[i].progress, i);
    }
  else
    {
      f->n_files++;
      body = g_strdup_printf ("{\"code\":\"ok\",\"data\":{\"files\":[],\"file_total\":10,"
                              "\"total\":10,\"completed\":%d,\"failed\":0,\"processing\":%d,"
                              "\"pending\":%d,\"stopped\":0}}",
                              steps[i].completed, steps[i].processing,
                              10 - steps[i].completed - steps[i].processing);
    }
  moi_test_respond (msg, status, "application/json", body);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = NULL;

  f->server = moi_test_server_new (handler, f, &url);
  f->client = moi_client_new (url, "k");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  moi_test_server_clear (&f->server);
}

static void
on_finished (MoiJobWatcher *watcher,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_follows_to_completion (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MoiJobWatcher) watcher = moi_job_watcher_new (f->client, "j1");
  guint finished = 0;
  guint progress_changes = 0;
  guint completed_changes = 0;
  guint requests;

  f->advance = TRUE;
  moi_job_watcher_set_intervals (watcher, 10, 40);
  g_signal_connect (watcher, "finished", G_CALLBACK (on_finished), &finished);
  g_signal_connect (watcher, "notify::progress", G_CALLBACK (count_notify), &progress_changes);
  g_signal_connect (moi_job_watcher_get_counts (watcher), "notify::completed",
                    G_CALLBACK (count_notify), &completed_changes);
  g_assert_true (moi_job_watcher_get_running (watcher));

  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (moi_job_watcher_get_status (watcher), ==, MOI_JOB_STATUS_COMPLETED);
  g_assert_cmpint (moi_job_watcher_get_progress (watcher), ==, 100);
  g_assert_cmpstr (moi_job_watcher_get_message (watcher), ==, "step 3");
  g_assert_cmpint (moi_job_file_counts_get_completed (moi_job_watcher_get_counts (watcher)), ==,
                   10);
  g_assert_cmpuint (progress_changes, ==, 3);
  g_assert_cmpuint (completed_changes, ==, 3);
  g_assert_true (moi_job_watcher_get_finished (watcher));
  g_assert_false (moi_job_watcher_get_running (watcher));
  g_assert_cmpuint (f->n_status, ==, 3);

  /* Finished means no more requests. */
  requests = f->n_status + f->n_files;
  moi_test_spin (150);
  g_assert_cmpuint (f->n_status + f->n_files, ==, requests);
  g_assert_cmpuint (finished, ==, 1);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MoiJobWatcher) watcher = moi_job_watcher_new (f->client, "j1");
  guint polls_before;

  f->step = 1;
  moi_job_watcher_set_intervals (watcher, 10, 80);
  moi_test_spin (400);
  /* Nothing changes after the first answer: 10, 20, 40, 80, 80... */
  g_assert_cmpuint (moi_job_watcher_get_interval (watcher), ==, 80);
  g_assert_cmpuint (f->n_status, >=, 4);
  g_assert_cmpuint (f->n_status, <=, 9);

  /* A change brings the pace back to the minimum. */
  f->advance = TRUE;
  polls_before = f->n_status;
  while (f->n_status == polls_before || moi_job_watcher_get_interval (watcher) != 10)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->n_status, ==, polls_before + 1);
}

static void
test_backoff_on_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MoiJobWatcher) watcher = NULL;

  f->broken = TRUE;
  watcher = moi_job_watcher_new (f->client, "j1");
  moi_job_watcher_set_intervals (watcher, 10, 40);
  while (f->n_status < 4)
    g_main_context_iteration (NULL, TRUE);
  moi_test_spin (5);
  /* Still trying, less often, and saying why. */
  g_assert_true (moi_job_watcher_get_running (watcher));
  g_assert_cmpuint (moi_job_watcher_get_interval (watcher), ==, 40);
  g_assert_error (moi_job_watcher_get_error (watcher), MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_HTTP);

  f->broken = FALSE;
  f->advance = TRUE;
  while (!moi_job_watcher_get_finished (watcher))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (moi_job_watcher_get_error (watcher));
}

static void
test_dispose_stops (Fixture       *f,
                    gconstpointer  data)
{
  MoiJobWatcher *watcher = moi_job_watcher_new (f->client, "j1");
  GWeakRef ref;
  guint requests;

  g_weak_ref_init (&ref, watcher);
  moi_job_watcher_set_intervals (watcher, 10, 10);
  while (f->n_files < 2)
    g_main_context_iteration (NULL, TRUE);

  g_object_unref (watcher);
  {
    g_autoptr(GObject) alive = g_weak_ref_get (&ref);

    g_assert_null (alive);
  }
  requests = f->n_status + f->n_files;
  moi_test_spin (100);
  /* At most the request already in flight. */
  g_assert_cmpuint (f->n_status + f->n_files, <=, requests + 1);
  g_weak_ref_clear (&ref);
}

static void
test_not_found_stops (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MoiJobWatcher) watcher = moi_job_watcher_new (f->client, "j1");

  f->missing = TRUE;
  moi_job_watcher_set_intervals (watcher, 10, 10);
  while (moi_job_watcher_get_running (watcher))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (moi_job_watcher_get_error (watcher), MOI_CLIENT_ERROR,
                  MOI_CLIENT_ERROR_NOT_FOUND);
  g_assert_false (moi_job_watcher_get_finished (watcher));

  /* start () after a retry follows the job again. */
  f->missing = FALSE;
  f->advance = TRUE;
  moi_job_watcher_start (watcher);
  while (!moi_job_watcher_get_finished (watcher))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (moi_job_watcher_get_error (watcher));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moi/job-watcher/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("follows-to-completion", test_follows_to_completion);
  ADD ("backoff", test_backoff);
  ADD ("backoff-on-errors", test_backoff_on_errors);
  ADD ("dispose-stops", test_dispose_stops);
  ADD ("not-found-stops", test_not_found_stops);
#undef ADD

  return g_test_run ();
}
