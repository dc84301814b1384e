/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every MoiClient method against the real local service (MoiService on
 * 127.0.0.1 in a thread of its own, see moi-service-harness.h). */
#include "config.h"

#include "moi-client.h"
#include "moi-enums.h"
#include "moi-job-watcher.h"
#include "moi-service-harness.h"
#include "moi-test-client-util.h"

typedef struct
{
  MoiServiceHarness *harness;
  MoiClient *client;
  char *volume_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *folder = NULL;

  f->harness = moi_service_harness_new (1);
  folder = moi_service_harness_make_folder (f->harness, "docs",
                                            "a.txt", "alpha text",
                                            "b.txt", "beta text",
                                            "notes/c.txt", "gamma text",
                                            NULL);
  f->volume_id = moi_service_harness_add_volume (f->harness, "docs", folder);
  f->client = moi_client_new (moi_service_harness_get_url (f->harness),
                              moi_service_harness_get_key (f->harness));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_free (f->volume_id);
  moi_service_harness_free (f->harness);
}

static MoiWorkflowInfo *
new_request (Fixture    *f,
             const char *name)
{
  g_autofree char *text = moi_service_harness_text_workflow ("NONE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (text, -1, &error);
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *target = g_strdup_printf ("%s-out", name);
  const char *ids[] = { f->volume_id, NULL };
  int txt = MOI_FILE_TYPE_TXT;

  g_assert_no_error (error);
  g_array_append_val (types, txt);
  return g_object_new (MOI_TYPE_WORKFLOW_INFO,
                       "name", name,
                       "source-volume-ids", ids,
                       "file-types", types,
                       "interval", 0,
                       "create-target-volume-name", target,
                       "workflow", workflow,
                       NULL);
}

static void
on_finished (MoiJobWatcher *watcher,
             gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

static char *
latest_job (Fixture    *f,
            const char *workflow_id)
{
  g_autoptr(MoiListQuery) query = moi_list_query_new ();
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *r = NULL;
  guint total = 0;

  moi_list_query_set_workflow_id (query, workflow_id);
  moi_client_list_jobs_async (f->client, query, 1, 10, NULL, moi_test_store_result, &r);
  jobs = moi_client_list_jobs_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, >, 0);
  g_assert_cmpuint (total, >=, jobs->len);
  for (guint i = 0; i < jobs->len; i++)
    g_assert_cmpstr (moi_job_get_workflow_meta_id (g_ptr_array_index (jobs, i)), ==, workflow_id);
  return g_strdup (moi_job_get_id (g_ptr_array_index (jobs, 0)));
}

static void
watch_until_finished (Fixture    *f,
                      const char *job_id)
{
  g_autoptr(MoiJobWatcher) watcher = moi_job_watcher_new (f->client, job_id);
  gboolean finished = FALSE;

  moi_job_watcher_set_intervals (watcher, 20, 200);
  g_signal_connect (watcher, "finished", G_CALLBACK (on_finished), &finished);
  while (!finished)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_null (moi_job_watcher_get_error (watcher));
    }
  g_assert_cmpint (moi_job_watcher_get_status (watcher), ==, MOI_JOB_STATUS_COMPLETED);
  g_assert_cmpint (moi_job_file_counts_get_completed (moi_job_watcher_get_counts (watcher)), ==, 3);
}

static void
test_volumes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(MoiVolume) volume = NULL;
  g_autoptr(MoiVolume) created = NULL;
  g_autoptr(MoiVolume) gone = NULL;
  g_autofree char *folder = NULL;
  GAsyncResult *r = NULL;
  guint total = 0;
  gboolean ok;

  moi_client_get_volume_async (f->client, f->volume_id, NULL, moi_test_store_result, &r);
  volume = moi_client_get_volume_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_volume_get_name (volume), ==, "docs");

  folder = moi_service_harness_make_folder (f->harness, "more", "x.txt", "x", NULL);
  moi_client_create_volume_async (f->client, "more", folder, NULL, moi_test_store_result, &r);
  created = moi_client_create_volume_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_nonnull (moi_volume_get_id (created));
  g_assert_cmpstr (moi_volume_get_name (created), ==, "more");

  moi_client_list_volumes_async (f->client, NULL, moi_test_store_result, &r);
  volumes = moi_client_list_volumes_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);

  moi_client_list_volume_files_async (f->client, f->volume_id, 0, 2, NULL, moi_test_store_result,
                                      &r);
  files = moi_client_list_volume_files_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  /* Volume files are what jobs read or wrote: none yet. */
  g_assert_cmpuint (files->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);

  moi_client_delete_volume_async (f->client, moi_volume_get_id (created), NULL,
                                  moi_test_store_result, &r);
  ok = moi_client_delete_volume_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);

  moi_client_get_volume_async (f->client, moi_volume_get_id (created), NULL, moi_test_store_result,
                               &r);
  gone = moi_client_get_volume_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (gone);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND);
}

static void
test_workflow_lifecycle (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoiWorkflowInfo) request = new_request (f, "clientflow");
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(MoiWorkflowInfo) detail = NULL;
  g_autoptr(MoiWorkflowInfo) renamed = NULL;
  g_autoptr(MoiWorkflowInfo) gone = NULL;
  g_autoptr(MoiListQuery) query = moi_list_query_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) volume_files = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(MoiJob) job = NULL;
  g_autoptr(MoiJobStatusInfo) status = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *rerun_job = NULL;
  GAsyncResult *r = NULL;
  const char *id;
  guint total = 0;
  gboolean available = FALSE;
  gboolean ok;

  moi_client_check_workflow_name_async (f->client, "clientflow", NULL, moi_test_store_result, &r);
  ok = moi_client_check_workflow_name_finish (f->client, moi_test_wait_for (&r), &available,
                                              &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (available);

  moi_client_create_workflow_async (f->client, request, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  id = moi_workflow_info_get_id (created);

  moi_client_check_workflow_name_async (f->client, "clientflow", NULL, moi_test_store_result, &r);
  ok = moi_client_check_workflow_name_finish (f->client, moi_test_wait_for (&r), &available,
                                              &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_false (available);
  g_assert_nonnull (id);
  g_assert_cmpstr (moi_workflow_info_get_name (created), ==, "clientflow");
  g_assert_cmpint (moi_workflow_info_get_created_at (created), >, 0);

  moi_client_get_workflow_async (f->client, id, NULL, moi_test_store_result, &r);
  detail = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_source_volume_ids (detail)[0], ==, f->volume_id);
  g_assert_nonnull (moi_workflow_info_get_workflow (detail));
  g_assert_cmpuint (moi_workflow_get_n_components (moi_workflow_info_get_workflow (detail)), ==, 2);
  /* The component key the app never heard of came back. */
  g_assert_true (json_object_has_member (
    moi_workflow_get_extra (moi_workflow_info_get_workflow (detail)), "unknown_key"));
  g_assert_cmpuint (g_list_model_get_n_items (moi_workflow_info_get_branches (detail)), >=, 1);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (detail), ==, "main");

  moi_list_query_set_name_search (query, "clientfl");
  moi_client_list_workflows_async (f->client, query, 0, 10, NULL, moi_test_store_result, &r);
  list = moi_client_list_workflows_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (moi_workflow_info_get_id (g_ptr_array_index (list, 0)), ==, id);

  /* Interval 0: a job ran over the three text files. */
  job_id = latest_job (f, id);
  watch_until_finished (f, job_id);

  moi_client_get_job_async (f->client, job_id, NULL, moi_test_store_result, &r);
  job = moi_client_get_job_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_job_get_id (job), ==, job_id);

  moi_client_get_job_status_async (f->client, job_id, NULL, moi_test_store_result, &r);
  status = moi_client_get_job_status_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_status_info_get_status (status), ==, MOI_JOB_STATUS_COMPLETED);
  g_assert_cmpint (moi_job_status_info_get_progress (status), ==, 100);
  g_assert_cmpint (moi_job_status_info_get_end_time (status), >=,
                   moi_job_status_info_get_start_time (status));

  moi_client_list_job_files_async (f->client, job_id, NULL, 1, 2, NULL, moi_test_store_result, &r);
  files = moi_client_list_job_files_finish (f->client, moi_test_wait_for (&r), &total, &counts,
                                            &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpint (moi_job_file_counts_get_completed (counts), ==, 3);
  g_assert_cmpint (moi_job_file_get_file_status (g_ptr_array_index (files, 0)), ==,
                   MOI_FILE_STATUS_COMPLETED);
  g_assert_cmpint (moi_job_file_get_end_time (g_ptr_array_index (files, 0)), >, 0);

  /* The files the job read, as the source volume's files. */
  moi_client_list_volume_files_async (f->client, f->volume_id, 0, 2, NULL, moi_test_store_result,
                                      &r);
  volume_files = moi_client_list_volume_files_finish (f->client, moi_test_wait_for (&r), &total,
                                                      &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (volume_files->len, ==, 2);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpint (moi_volume_file_get_file_type (g_ptr_array_index (volume_files, 0)), ==,
                   MOI_FILE_TYPE_TXT);
  g_assert_cmpstr (moi_volume_file_get_job_id (g_ptr_array_index (volume_files, 0)), ==, job_id);

  /* What the DocumentWriter stored for that file: its text. */
  moi_client_list_file_blocks_async (f->client, f->volume_id,
                                     moi_volume_file_get_id (g_ptr_array_index (volume_files, 0)),
                                     0, 10, NULL, moi_test_store_result, &r);
  blocks = moi_client_list_file_blocks_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpuint (total, ==, 1);
  g_assert_true (g_str_has_suffix (moi_document_block_get_content (g_ptr_array_index (blocks, 0)),
                                   " text"));
  g_assert_nonnull (moi_document_block_get_meta (g_ptr_array_index (blocks, 0)));

  /* Base info: rename. */
  g_object_set (detail, "name", "clientflow-renamed", NULL);
  moi_client_update_workflow_async (f->client, id, detail, NULL, moi_test_store_result, &r);
  ok = moi_client_update_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  moi_client_get_workflow_async (f->client, id, NULL, moi_test_store_result, &r);
  renamed = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_name (renamed), ==, "clientflow-renamed");

  moi_client_stop_workflow_async (f->client, id, NULL, moi_test_store_result, &r);
  ok = moi_client_stop_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Rerun makes a new job, which runs to the end as well. */
  moi_client_rerun_workflow_async (f->client, id, NULL, moi_test_store_result, &r);
  ok = moi_client_rerun_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  rerun_job = latest_job (f, id);
  g_assert_cmpstr (rerun_job, !=, job_id);
  watch_until_finished (f, rerun_job);

  moi_client_delete_workflow_async (f->client, id, TRUE, NULL, moi_test_store_result, &r);
  ok = moi_client_delete_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  moi_client_get_workflow_async (f->client, id, NULL, moi_test_store_result, &r);
  gone = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (gone);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND);
}

static void
test_branches (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MoiWorkflowInfo) request = new_request (f, "branchy");
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(MoiWorkflowInfo) branch = NULL;
  g_autoptr(MoiWorkflowInfo) updated = NULL;
  g_autoptr(GPtrArray) branches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *branch_id = NULL;
  g_autofree char *workflow_id = NULL;
  MoiWorkflow *workflow;
  GAsyncResult *r = NULL;
  guint total = 0;
  gboolean ok;

  moi_client_create_workflow_async (f->client, request, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  workflow_id = g_strdup (moi_workflow_info_get_id (created));
  workflow = moi_workflow_info_get_workflow (request);

  moi_client_create_branch_async (f->client, workflow_id, "dev", workflow, NULL,
                                  moi_test_store_result, &r);
  ok = moi_client_create_branch_finish (f->client, moi_test_wait_for (&r), &branch_id, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);

  moi_client_list_branches_async (f->client, workflow_id, NULL, 0, NULL, moi_test_store_result, &r);
  branches = moi_client_list_branches_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (branches->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);
  if (branch_id == NULL)
    for (guint i = 0; i < branches->len; i++)
      if (g_strcmp0 (moi_workflow_info_get_branch_name (g_ptr_array_index (branches, i)),
                     "dev") == 0)
        branch_id = g_strdup (moi_workflow_info_get_branch_id (g_ptr_array_index (branches, i)));
  g_assert_nonnull (branch_id);

  moi_client_get_branch_async (f->client, branch_id, NULL, moi_test_store_result, &r);
  branch = moi_client_get_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_id (branch), ==, workflow_id);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (branch), ==, "dev");
  g_assert_nonnull (moi_workflow_info_get_workflow (branch));

  moi_client_update_branch_async (f->client, branch_id, "dev-2", workflow, NULL,
                                  moi_test_store_result, &r);
  ok = moi_client_update_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  moi_client_get_branch_async (f->client, branch_id, NULL, moi_test_store_result, &r);
  updated = moi_client_get_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (updated), ==, "dev-2");
  g_assert_cmpint (moi_workflow_info_get_branch_status (updated), ==, MOI_BRANCH_STATUS_ENABLED);

  moi_client_set_branch_enabled_async (f->client, branch_id, FALSE, NULL, moi_test_store_result,
                                       &r);
  ok = moi_client_set_branch_enabled_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_object (&updated);
  moi_client_get_branch_async (f->client, branch_id, NULL, moi_test_store_result, &r);
  updated = moi_client_get_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpint (moi_workflow_info_get_branch_status (updated), ==, MOI_BRANCH_STATUS_DISABLED);

  moi_client_delete_branch_async (f->client, branch_id, FALSE, NULL, moi_test_store_result, &r);
  ok = moi_client_delete_branch_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_pointer (&branches, g_ptr_array_unref);
  moi_client_list_branches_async (f->client, workflow_id, NULL, 0, NULL, moi_test_store_result, &r);
  branches = moi_client_list_branches_finish (f->client, moi_test_wait_for (&r), &total, &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (branches->len, ==, 1);
}

/* TextFileToDocument -> DataAugmentation -> DocumentWriter: the local
 * service cannot run DataAugmentation (it needs MOI's cloud LLM), so every
 * file fails with an error naming it. */
static const char failing_workflow[] =
  "{\"components\": ["
  " {\"name\": \"TextFileToDocument\","
  "  \"type\": \"haystack.components.converters.txt.TextFileToDocument\","
  "  \"component_id\": \"TextFileToDocument_1\", \"intro\": \"TextFileToDocument\","
  "  \"position\": {\"x\": 0, \"y\": 0}, \"input_keys\": {}, \"output_keys\": {},"
  "  \"init_parameters\": {\"encoding\": \"utf-8\"}},"
  " {\"name\": \"DataAugmentation\","
  "  \"type\": \"byoa.integrations.components.data_augmentation.DataAugmentation\","
  "  \"component_id\": \"DataAugmentation_1\", \"intro\": \"DataAugmentation\","
  "  \"position\": {\"x\": 200, \"y\": 0}, \"input_keys\": {}, \"output_keys\": {},"
  "  \"init_parameters\": {\"type\": \"general\"}},"
  " {\"name\": \"DocumentWriter\","
  "  \"type\": \"haystack.components.writers.document_writer.DocumentWriter\","
  "  \"component_id\": \"DocumentWriter_1\", \"intro\": \"DocumentWriter\","
  "  \"position\": {\"x\": 400, \"y\": 0}, \"input_keys\": {}, \"output_keys\": {},"
  "  \"init_parameters\": {\"document_store\": {\"type\": "
  "\"byoa.integrations.document_stores.mo_document_store.MOIDocumentStore\","
  " \"init_parameters\": {}}, \"policy\": \"NONE\"}}],"
  " \"connections\": ["
  "  {\"sender\": \"TextFileToDocument.documents\", \"receiver\": \"DataAugmentation.documents\"},"
  "  {\"sender\": \"DataAugmentation.documents\", \"receiver\": \"DocumentWriter.documents\"}],"
  " \"edges\": [], \"extra_components\": []}";

static void
test_retry_failed_files (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoiWorkflowInfo) request = new_request (f, "retry");
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autoptr(MoiListQuery) failed = moi_list_query_new ();
  g_autoptr(MoiJobWatcher) watcher = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_id = NULL;
  const char *ids[2] = { NULL, NULL };
  const char *message;
  GAsyncResult *r = NULL;
  guint total = 0;
  gboolean ok;

  workflow = moi_workflow_new_from_data (failing_workflow, -1, &error);
  g_assert_no_error (error);
  g_object_set (request, "workflow", workflow, NULL);
  moi_client_create_workflow_async (f->client, request, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  job_id = latest_job (f, moi_workflow_info_get_id (created));

  watcher = moi_job_watcher_new (f->client, job_id);
  moi_job_watcher_set_intervals (watcher, 20, 200);
  while (!moi_job_watcher_get_finished (watcher))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (moi_job_file_counts_get_failed (moi_job_watcher_get_counts (watcher)), ==, 3);

  /* The statuses filter goes as "statuses"; errors name the component. */
  moi_list_query_add_status (failed, MOI_FILE_STATUS_FAILED);
  moi_client_list_job_files_async (f->client, job_id, failed, 1, 10, NULL, moi_test_store_result,
                                   &r);
  files = moi_client_list_job_files_finish (f->client, moi_test_wait_for (&r), &total, &counts,
                                            &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 3);
  message = moi_job_file_get_error_message (g_ptr_array_index (files, 0));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "DataAugmentation"));

  /* Retry one failed file: accepted, and the job runs (and fails) again. */
  ids[0] = moi_job_file_get_id (g_ptr_array_index (files, 0));
  moi_client_retry_job_files_async (f->client, job_id, ids, NULL, moi_test_store_result, &r);
  ok = moi_client_retry_job_files_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_no_error (error);
  g_assert_true (ok);
  moi_job_watcher_start (watcher);
  while (!moi_job_watcher_get_finished (watcher))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (moi_job_watcher_get_status (watcher), ==, MOI_JOB_STATUS_FAILED);
  g_assert_cmpint (moi_job_file_counts_get_failed (moi_job_watcher_get_counts (watcher)), ==, 3);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MoiClient) wrong = moi_client_new (moi_service_harness_get_url (f->harness),
                                               "not-the-key");
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(MoiWorkflowInfo) bad = moi_workflow_info_new ();
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(MoiJobStatusInfo) status = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *r = NULL;

  moi_client_list_workflows_async (wrong, NULL, 0, 10, NULL, moi_test_store_result, &r);
  list = moi_client_list_workflows_finish (wrong, moi_test_wait_for (&r), NULL, &error);
  g_clear_object (&r);
  g_assert_null (list);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "not-the-key"));
  g_clear_error (&error);

  moi_client_get_workflow_async (f->client, "no-such-workflow", NULL, moi_test_store_result, &r);
  info = moi_client_get_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  moi_client_get_job_status_async (f->client, "no-such-job", NULL, moi_test_store_result, &r);
  status = moi_client_get_job_status_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* No name, no volumes, no workflow: a 400 whose message names a field. */
  moi_client_create_workflow_async (f->client, bad, NULL, moi_test_store_result, &r);
  created = moi_client_create_workflow_finish (f->client, moi_test_wait_for (&r), &error);
  g_clear_object (&r);
  g_assert_null (created);
  g_assert_error (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "HTTP 400"));
  g_assert_nonnull (strstr (error->message, "name"));
  g_test_message ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moi/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("volumes", test_volumes);
  ADD ("workflow-lifecycle", test_workflow_lifecycle);
  ADD ("branches", test_branches);
  ADD ("retry-failed-files", test_retry_failed_files);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
