/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "moi-core-error.h"
#include "moi-json-writer.h"
#include "moi-records.h"

static JsonNode *
load_fixture_data (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MOI_FIXTURES"), "client", name, NULL);
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_node_copy (json_object_get_member (root, "data"));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static gint64
utc_ms (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);

  return g_date_time_to_unix (dt) * 1000;
}

static char *
to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_time_formats (void)
{
  static const struct {
    const char *text;
    gint64 expected_offset;   /* from 2025-02-12T17:20:15Z, ms */
  } cases[] = {
    { "2025-02-12T17:20:15", 0 },
    { "2025-02-12 17:20:15", 0 },
    { "2025-02-12T17:20:15.000000+0000", 0 },
    { "2025-02-12T17:20:15.250000+0000", 250 },
    { "2025-02-12T17:20:15Z", 0 },
    { "2025-02-12T19:20:15+02:00", 0 },
    { "2025-02-13T01:20:15+0800", 0 },
  };
  gint64 base = utc_ms (2025, 2, 12, 17, 20, 15);
  gint64 ms = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (moi_wire_time_parse_string (cases[i].text, &ms));
      g_assert_cmpint (ms, ==, base + cases[i].expected_offset);
    }

  /* Milliseconds and seconds, as numbers or digit strings. */
  g_assert_true (moi_wire_time_parse_string ("1739377287000", &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1739377287000));
  g_assert_true (moi_wire_time_parse_string ("1739377287", &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1739377287000));

  g_assert_false (moi_wire_time_parse_string ("yesterday", &ms));
  g_assert_false (moi_wire_time_parse_string ("2025-13-45T99:00:00", &ms));
}

static void
test_time_nodes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) number = parse ("1739377287000");
  g_autoptr(JsonNode) null = parse ("null");
  g_autoptr(JsonNode) object = parse ("{\"a\": 1}");
  g_autoptr(JsonNode) bad = parse ("\"soon\"");
  g_autofree char *iso = NULL;
  gint64 ms = -1;

  g_assert_true (moi_wire_time_from_node (number, "t", &ms, &error));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1739377287000));
  g_assert_true (moi_wire_time_from_node (null, "t", &ms, &error));
  g_assert_cmpint (ms, ==, 0);
  g_assert_false (moi_wire_time_from_node (object, "job “created_at”", &ms, &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "created_at"));
  /* Plain words for the JSON kind, not json-glib's "JsonObject". */
  g_assert_true (g_str_has_suffix (error->message, ", got an object"));
  g_clear_error (&error);
  g_assert_false (moi_wire_time_from_node (bad, "job “end_time”", &ms, &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "soon"));

  iso = moi_wire_time_format_iso (utc_ms (2025, 1, 15, 10, 30, 0));
  g_assert_cmpstr (iso, ==, "2025-01-15T10:30:00");
  g_assert_null (moi_wire_time_format_iso (0));
}

static void
test_create_response (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("create-response.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (data, &error);
  const int *types;
  guint n = 0;
  JsonNode *files;

  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_id (info), ==, "cf68d259-9cd6-4f44-a0a4-5674c79da083");
  g_assert_cmpint (moi_workflow_info_get_created_at (info), ==,
                   utc_ms (2025, 5, 30, 9, 45, 58));
  types = moi_workflow_info_get_file_types (info, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpint (types[0], ==, 1);
  g_assert_cmpint (types[7], ==, 12);
  g_assert_cmpstr (moi_workflow_info_get_source_volume_ids (info)[0], ==, "1928383194482323456");
  g_assert_null (moi_workflow_info_get_source_volume_ids (info)[1]);
  g_assert_cmpstr (moi_workflow_info_get_source_volume_names (info)[0], ==, "b_vol3");
  g_assert_cmpint (moi_workflow_info_get_interval (info), ==, 0);
  g_assert_cmpint (moi_workflow_info_get_priority (info), ==, 300);
  g_assert_cmpstr (moi_workflow_info_get_version (info), ==, "1");
  g_assert_cmpstr (moi_workflow_info_get_user_id (info), ==,
                   "01960e07-60ec-7a3c-b45f-415b7e40e8bf");
  g_assert_cmpstr (moi_workflow_info_get_group_id (info), ==, "");
  files = moi_workflow_info_get_files (info);
  g_assert_nonnull (files);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (files));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (files)), ==, 0);
  /* Every key was understood. */
  g_assert_null (moi_workflow_info_get_extra (info));
}

static void
test_list_item (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("workflow-list.json");
  JsonNode *item = json_array_get_element (json_object_get_array_member (
                                             json_node_get_object (data), "workflows"), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (item, &error);
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_name (info), ==, "Alpha Workflow");
  g_assert_cmpint (moi_workflow_info_get_created_at (info), ==,
                   G_GINT64_CONSTANT (1739377287000));
  g_assert_cmpint (moi_workflow_info_get_status (info), ==, 2);
  g_assert_cmpint (moi_workflow_info_get_branch_total (info), ==, 1);
  g_assert_cmpstr (moi_workflow_info_get_branch_name (info), ==, "main");
  g_assert_null (moi_workflow_info_get_workflow (info));

  /* The canonical form of a canonical list item is the item itself. */
  written = moi_workflow_info_to_json (info);
  g_assert_true (json_node_equal (written, item));
  a = to_string (written);
  b = to_string (item);
  g_assert_cmpstr (a, ==, b);
}

/* The text writer (for servers sending many records) writes exactly what
 * serializing the object writer's tree gives: nested objects, arrays,
 * nulls, lists of sub-records, and unknown keys kept by the reader. */
static void
test_append_json (void)
{
  static const char * const fixtures[] = {
    "workflow-list.json", "workflow-detail.json", "create-response.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonNode) data = load_fixture_data (fixtures[i]);
      JsonObject *object = json_node_get_object (data);
      JsonNode *item = json_object_has_member (object, "workflows")
                       ? json_array_get_element (json_object_get_array_member (object,
                                                                               "workflows"), 0)
                       : data;
      g_autoptr(JsonNode) extended = json_node_copy (item);
      g_autoptr(GError) error = NULL;

      /* Keys the record does not know are kept, after the known ones. */
      json_object_set_string_member (json_node_get_object (extended), "zz_unknown", "kept");
      json_object_set_int_member (json_node_get_object (extended), "aa_unknown", 7);
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(MoiWorkflowInfo) info =
            moi_workflow_info_new_from_json (k == 0 ? item : extended, &error);
          g_autoptr(JsonNode) tree = NULL;
          g_autoptr(GString) text = g_string_new ("[");
          g_autofree char *expected = NULL;

          g_assert_no_error (error);
          tree = moi_workflow_info_to_json (info);
          expected = moi_json_to_string (tree, FALSE, NULL);
          /* Appends after what @out holds. */
          moi_workflow_info_append_json (info, text);
          g_assert_cmpstr (text->str + 1, ==, expected);
          /* ...in the order they came, not the alphabet's or a hash's. */
          if (k == 1)
            g_assert_true (strstr (text->str, "\"zz_unknown\":\"kept\"") != NULL
                           && strstr (text->str, "\"zz_unknown\"")
                              < strstr (text->str, "\"aa_unknown\":7"));
        }
    }
}

static void
test_detail_with_branches (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("workflow-detail.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (data, &error);
  g_autoptr(MoiBranchInfo) dev = NULL;
  g_autoptr(MoiWorkflowInfo) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  GListModel *branches;

  g_assert_no_error (error);
  g_assert_cmpint (moi_workflow_info_get_interval (info), ==, 5);
  g_assert_nonnull (moi_workflow_info_get_workflow (info));
  g_assert_cmpuint (moi_workflow_get_n_components (moi_workflow_info_get_workflow (info)), ==, 1);
  branches = moi_workflow_info_get_branches (info);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 2);
  dev = g_list_model_get_item (branches, 1);
  g_assert_cmpstr (moi_branch_info_get_branch_name (dev), ==, "dev-feature-x");
  g_assert_cmpint (moi_branch_info_get_created_at (dev), ==, G_GINT64_CONSTANT (1739500000000));
  g_assert_nonnull (moi_branch_info_get_workflow (dev));

  /* write -> read -> write is stable and keeps the nested workflow. */
  written = moi_workflow_info_to_json (info);
  again = moi_workflow_info_new_from_json (written, &error);
  g_assert_no_error (error);
  rewritten = moi_workflow_info_to_json (again);
  g_assert_true (json_node_equal (written, rewritten));
  g_assert_true (json_node_equal (
    json_object_get_member (json_node_get_object (written), "workflow"),
    json_object_get_member (json_node_get_object (data), "workflow")));
}

static void
test_branch_detail_nulls (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("branch-detail.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (data, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_branch_id (info), ==, "your_branch_id");
  g_assert_cmpuint (g_list_model_get_n_items (moi_workflow_info_get_branches (info)), ==, 0);
  /* "workflow": {} means no workflow, not an error. */
  g_assert_null (moi_workflow_info_get_workflow (info));
}

static void
test_tolerant_values (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": 12345, \"name\": \"w\", \"priority\": \"500\", \"status\": \" 3 \","
    " \"created_at\": \"2025-02-12T17:20:15.000000+0000\", \"updated_at\": \"1739377755000\","
    " \"file_types\": \"2, 6\", \"source_volume_ids\": [1889223879880048640, \"x\"],"
    " \"process_mode\": null, \"workflow\": null, \"branches\": null, \"modifier\": null,"
    " \"branch_total\": 2.0, \"brand_new\": {\"kept\": [1, 2]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (node, &error);
  g_autoptr(JsonNode) written = NULL;
  JsonObject *extra;
  const int *types;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (moi_workflow_info_get_id (info), ==, "12345");
  g_assert_cmpint (moi_workflow_info_get_priority (info), ==, 500);
  g_assert_cmpint (moi_workflow_info_get_status (info), ==, 3);
  g_assert_cmpint (moi_workflow_info_get_branch_total (info), ==, 2);
  g_assert_cmpint (moi_workflow_info_get_created_at (info), ==, utc_ms (2025, 2, 12, 17, 20, 15));
  g_assert_cmpint (moi_workflow_info_get_updated_at (info), ==, G_GINT64_CONSTANT (1739377755000));
  types = moi_workflow_info_get_file_types (info, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (types[1], ==, 6);
  g_assert_cmpstr (moi_workflow_info_get_source_volume_ids (info)[0], ==, "1889223879880048640");
  g_assert_null (moi_workflow_info_get_workflow (info));
  g_assert_null (moi_workflow_info_get_modifier (info));

  extra = moi_workflow_info_get_extra (info);
  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "brand_new"));
  g_assert_false (json_object_has_member (extra, "process_mode"));

  /* Unknown keys survive the canonical writer. */
  written = moi_workflow_info_to_json (info);
  g_assert_true (json_object_has_member (json_node_get_object (written), "brand_new"));
  g_assert_null (json_object_get_string_member (json_node_get_object (written), "modifier"));
}

static void
test_bad_values_name_the_key (void)
{
  static const struct {
    const char *json;
    const char *key;
  } cases[] = {
    { "{\"priority\": {\"high\": true}}", "priority" },
    { "{\"priority\": \"high\"}", "priority" },
    { "{\"file_types\": \"pdf, txt\"}", "file_types" },
    { "{\"created_at\": \"last week\"}", "created_at" },
    { "{\"name\": [1, 2]}", "name" },
    { "{\"workflow\": 5}", "workflow" },
    { "{\"branches\": {\"a\": 1}}", "branches" },
    { "{\"status\": 99999999999}", "status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (node, &error);

      g_assert_null (info);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MOI_CORE_ERROR);
      if (strstr (error->message, cases[i].key) == NULL)
        g_error ("“%s”: message does not name %s: %s", cases[i].json, cases[i].key,
                 error->message);
    }

  {
    g_autoptr(JsonNode) node = parse ("[1]");
    g_autoptr(GError) error = NULL;
    g_autoptr(MoiJob) job = moi_job_new_from_json (node, &error);

    g_assert_null (job);
    g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE);
  }
}

/* A wrong JSON kind is described in words a person reads ("an array"), and
 * the record's name goes through gettext like every other part. */
static void
test_bad_values_describe_the_kind (void)
{
  static const struct {
    const char *json;
    const char *phrase;
  } cases[] = {
    { "{\"name\": [1, 2]}", "“name”: expected a string, got an array" },
    { "{\"priority\": {\"high\": true}}", "“priority”: expected an integer, got an object" },
    { "{\"priority\": \"high\"}", "“priority”: expected an integer, got “high”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (node, &error);

      g_assert_null (info);
      g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE);
      if (strstr (error->message, cases[i].phrase) == NULL)
        g_error ("“%s”: expected “%s” in: %s", cases[i].json, cases[i].phrase, error->message);
      g_assert_null (strstr (error->message, "Json"));
    }

  {
    g_autoptr(JsonNode) node = parse ("[1]");
    g_autoptr(GError) error = NULL;
    g_autoptr(MoiJob) job = moi_job_new_from_json (node, &error);

    g_assert_null (job);
    g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_TYPE);
    g_assert_true (g_str_has_suffix (error->message, ": expected an object, got an array"));
  }
}

static void
test_flat_style (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("create-response.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (data, &error);
  g_autoptr(MoiWorkflowInfo) again = NULL;
  g_autoptr(JsonNode) flat = NULL;
  g_autoptr(JsonNode) canonical_a = NULL;
  g_autoptr(JsonNode) canonical_b = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  flat = moi_workflow_info_to_json_flat (info);
  object = json_node_get_object (flat);
  g_assert_cmpstr (json_object_get_string_member (object, "file_types"), ==,
                   "[1,2,4,5,6,7,11,12]");
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   "2025-05-30T09:45:58");
  g_assert_cmpstr (json_object_get_string_member (object, "files"), ==, "[]");
  g_assert_true (json_object_has_member (object, "flow_interval"));
  g_assert_false (json_object_has_member (object, "process_mode"));

  /* The flat form reads back to the same record. */
  again = moi_workflow_info_new_from_json (flat, &error);
  g_assert_no_error (error);
  canonical_a = moi_workflow_info_to_json (info);
  canonical_b = moi_workflow_info_to_json (again);
  g_assert_true (json_node_equal (canonical_a, canonical_b));
}

static void
test_request_json (void)
{
  g_autoptr(JsonNode) data = load_fixture_data ("workflow-detail.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new_from_json (data, &error);
  g_autoptr(JsonNode) request = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_object_set (info, "branch-name", NULL, NULL);
  request = moi_workflow_info_to_request_json (info);
  object = json_node_get_object (request);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Detailed Workflow Test");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (object, "process_mode"), "interval"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "branch_name"), ==, "main");
  g_assert_true (json_object_has_member (object, "create_target_volume_name"));
  g_assert_true (json_object_has_member (object, "workflow"));
  g_assert_false (json_object_has_member (object, "id"));
  g_assert_false (json_object_has_member (object, "branches"));
  g_assert_false (json_object_has_member (object, "created_at"));
}

static void
test_job_records (void)
{
  g_autoptr(JsonNode) files = load_fixture_data ("job-files.json");
  g_autoptr(JsonNode) status = load_fixture_data ("job-status.json");
  g_autoptr(JsonNode) jobs = load_fixture_data ("job-list.json");
  g_autoptr(JsonNode) detail = load_fixture_data ("job-detail.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiJobFile) file = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(MoiJobStatusInfo) info = NULL;
  g_autoptr(MoiJob) job = NULL;
  g_autoptr(MoiJob) job_detail = NULL;
  g_autoptr(JsonNode) written = NULL;
  JsonNode *file_node;

  file_node = json_array_get_element (json_object_get_array_member (
                                        json_node_get_object (files), "files"), 0);
  file = moi_job_file_new_from_json (file_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_file_get_file_status (file), ==, 3);
  g_assert_null (moi_job_file_get_error_message (file));
  g_assert_cmpint (moi_job_file_get_end_time (file) - moi_job_file_get_start_time (file), ==,
                   5 * 60 * 1000);
  /* FileInfo's canonical form is the spec's example itself. */
  written = moi_job_file_to_json (file);
  g_assert_true (json_node_equal (written, file_node));

  counts = moi_job_file_counts_new_from_json (files, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_file_counts_get_file_total (counts), ==, 5);
  g_assert_cmpint (moi_job_file_counts_get_total (counts), ==, 10);
  g_assert_cmpint (moi_job_file_counts_get_failed (counts), ==, 1);
  /* The files array is not copied into the counts' extra keys. */
  g_assert_null (moi_job_file_counts_get_extra (counts));

  info = moi_job_status_info_new_from_json (status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moi_job_status_info_get_progress (info), ==, 100);
  g_assert_cmpint (moi_job_status_info_get_end_time (info), ==, G_GINT64_CONSTANT (1739377755000));

  job = moi_job_new_from_json (json_array_get_element (json_object_get_array_member (
                                 json_node_get_object (jobs), "jobs"), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_job_get_workflow_meta_id (job), ==, "ff5d119a-4e94-4968-ac0c-6ef64fcabb6c");

  /* The spec's job detail example is a workflow; it still reads. */
  job_detail = moi_job_new_from_json (detail, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moi_job_get_id (job_detail), ==, "cf68d259-9cd6-4f44-a0a4-5674c79da083");
  g_assert_true (json_object_has_member (moi_job_get_extra (job_detail), "file_types"));
}

static void
test_volume_records (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"v1\", \"name\": \"docs\", \"path\": \"/tmp/docs\", \"file_count\": \"3\","
    " \"created_at\": 1739377287000}");
  g_autoptr(JsonNode) file_node = parse (
    "{\"id\": \"f1\", \"file_name\": \"a.pdf\", \"file_type\": 2, \"file_size\": 123456789012,"
    " \"file_status\": 2, \"duration\": 1500, \"start_time\": \"2025-02-12T17:20:15.000000+0000\","
    " \"delete_status\": 0}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiVolume) volume = moi_volume_new_from_json (node, &error);
  g_autoptr(MoiVolumeFile) file = NULL;
  g_autoptr(MoiVolume) bare = moi_volume_new ();
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (moi_volume_get_path (volume), ==, "/tmp/docs");
  g_assert_cmpint (moi_volume_get_file_count (volume), ==, 3);

  file = moi_volume_file_new_from_json (file_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moi_volume_file_get_file_size (file), ==, G_GINT64_CONSTANT (123456789012));
  g_assert_cmpint (moi_volume_file_get_start_time (file), ==, utc_ms (2025, 2, 12, 17, 20, 15));
  g_assert_cmpint (moi_volume_file_get_priority (file), ==, 300);

  /* Optional "path" is left out for a cloud volume; nullable ones are null. */
  written = moi_volume_to_json (bare);
  g_assert_false (json_object_has_member (json_node_get_object (written), "path"));
  g_assert_true (json_object_has_member (json_node_get_object (written), "description"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (written),
                                                                "description")));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_notify_and_assign (void)
{
  g_autoptr(MoiJob) a = moi_job_new ();
  g_autoptr(MoiJob) b = moi_job_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoiWorkflowInfo) info = moi_workflow_info_new ();
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (int));
  int v = 2;
  guint n = 0;

  g_object_set (a, "id", "j1", "status", 0, "name", "x", NULL);
  g_object_set (b, "id", "j1", "status", 2, "name", "x", NULL);
  g_signal_connect (a, "notify", G_CALLBACK (count_notify), names);

  /* Same value: no notification. */
  g_object_set (a, "name", "x", NULL);
  g_assert_cmpuint (names->len, ==, 0);

  moi_record_assign (G_OBJECT (a), G_OBJECT (b));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "status");
  g_assert_cmpint (moi_job_get_status (a), ==, 2);

  g_array_append_val (types, v);
  g_object_set (info, "file-types", types, NULL);
  g_assert_cmpint (moi_workflow_info_get_file_types (info, &n)[0], ==, 2);
  g_assert_cmpuint (n, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/records/time-formats", test_time_formats);
  g_test_add_func ("/moi/records/time-nodes", test_time_nodes);
  g_test_add_func ("/moi/records/create-response", test_create_response);
  g_test_add_func ("/moi/records/list-item", test_list_item);
  g_test_add_func ("/moi/records/append-json", test_append_json);
  g_test_add_func ("/moi/records/detail-with-branches", test_detail_with_branches);
  g_test_add_func ("/moi/records/branch-detail-nulls", test_branch_detail_nulls);
  g_test_add_func ("/moi/records/tolerant-values", test_tolerant_values);
  g_test_add_func ("/moi/records/bad-values-name-the-key", test_bad_values_name_the_key);
  g_test_add_func ("/moi/records/bad-values-describe-the-kind", test_bad_values_describe_the_kind);
  g_test_add_func ("/moi/records/flat-style", test_flat_style);
  g_test_add_func ("/moi/records/request-json", test_request_json);
  g_test_add_func ("/moi/records/job-records", test_job_records);
  g_test_add_func ("/moi/records/volume-records", test_volume_records);
  g_test_add_func ("/moi/records/notify-and-assign", test_notify_and_assign);

  return g_test_run ();
}
