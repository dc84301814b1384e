/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-core-error.h"
#include "moi-enums.h"

static void
test_file_type_table (void)
{
  const MoiFileTypeInfo *table;
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOI_TYPE_FILE_TYPE);
  guint n;

  table = moi_file_type_get_table (&n);
  g_assert_cmpuint (n, ==, 34);
  g_assert_cmpuint (klass->n_values, ==, 34);

  for (guint i = 0; i < n; i++)
    {
      const MoiFileTypeInfo *info = &table[i];
      GEnumValue *value = g_enum_get_value (klass, info->value);

      g_assert_cmpint (info->value, !=, 26);
      if (i > 0)
        g_assert_cmpint (info->value, >, table[i - 1].value);
      g_assert_true (moi_file_type_get_info (info->value) == info);
      g_assert_nonnull (value);
      g_assert_cmpstr (moi_file_type_get_name (info->value), ==, info->name);
      g_assert_cmpstr (moi_file_type_get_label (info->value), !=, "");

      /* Every extension and MIME type leads back to this entry (so none is
       * listed twice), except the two shared MIME types. */
      for (guint j = 0; info->extensions[j] != NULL; j++)
        g_assert_cmpint (moi_file_type_from_extension (info->extensions[j]), ==, info->value);
      for (guint j = 0; info->mime_types[j] != NULL; j++)
        {
          MoiFileType back = moi_file_type_from_mime_type (info->mime_types[j]);

          if (g_str_equal (info->mime_types[j], "text/html"))
            g_assert_cmpint (back, ==, MOI_FILE_TYPE_HTML);
          else if (g_str_equal (info->mime_types[j], "image/jpeg"))
            g_assert_cmpint (back, ==, MOI_FILE_TYPE_JPG);
          else
            g_assert_cmpint (back, ==, info->value);
        }
    }

  /* The values the SDKs agree on. */
  g_assert_cmpint (MOI_FILE_TYPE_PDF, ==, 2);
  g_assert_cmpint (MOI_FILE_TYPE_DOCX, ==, 11);
  g_assert_cmpint (MOI_FILE_TYPE_XLSX, ==, 25);
  g_assert_cmpint (MOI_FILE_TYPE_HTM, ==, 27);
  g_assert_cmpint (MOI_FILE_TYPE_FAS, ==, 34);
  g_assert_cmpstr (moi_file_type_get_name (9), ==, "SQL_FILES");

  g_assert_null (moi_file_type_get_info (26));
  g_assert_null (moi_file_type_get_info (-1));
  g_assert_null (moi_file_type_get_info (35));
  g_assert_false (moi_file_type_is_valid (26));
  g_assert_true (moi_file_type_is_valid (0));
  g_assert_true (moi_file_type_is_valid (34));
  g_assert_null (g_enum_get_value (klass, 26));
  g_assert_cmpstr (moi_file_type_get_label (26), ==, "Unknown file type");
  g_assert_cmpstr (moi_file_type_get_label (2), ==, "PDF document");
}

static void
test_file_type_lookup (void)
{
  g_assert_cmpint (moi_file_type_from_extension ("pdf"), ==, MOI_FILE_TYPE_PDF);
  g_assert_cmpint (moi_file_type_from_extension (".PDF"), ==, MOI_FILE_TYPE_PDF);
  g_assert_cmpint (moi_file_type_from_extension ("docs/年报.v2.Pdf"), ==, MOI_FILE_TYPE_PDF);
  g_assert_cmpint (moi_file_type_from_extension ("notes.md"), ==, MOI_FILE_TYPE_MARKDOWN);
  g_assert_cmpint (moi_file_type_from_extension ("a.jpg"), ==, MOI_FILE_TYPE_JPG);
  g_assert_cmpint (moi_file_type_from_extension ("a.JPEG"), ==, MOI_FILE_TYPE_JPEG);
  g_assert_cmpint (moi_file_type_from_extension ("page.htm"), ==, MOI_FILE_TYPE_HTM);
  g_assert_cmpint (moi_file_type_from_extension ("page.html"), ==, MOI_FILE_TYPE_HTML);
  g_assert_cmpint (moi_file_type_from_extension ("a.docx"), ==, MOI_FILE_TYPE_DOCX);
  g_assert_cmpint (moi_file_type_from_extension ("a.doc"), ==, MOI_FILE_TYPE_DOC);
  g_assert_cmpint (moi_file_type_from_extension ("archive.tar.gz"), ==, MOI_FILE_TYPE_UNKNOWN);
  g_assert_cmpint (moi_file_type_from_extension ("README"), ==, MOI_FILE_TYPE_UNKNOWN);
  g_assert_cmpint (moi_file_type_from_extension ("dir.d/README"), ==, MOI_FILE_TYPE_UNKNOWN);
  g_assert_cmpint (moi_file_type_from_extension ("trailing."), ==, MOI_FILE_TYPE_UNKNOWN);
  g_assert_cmpint (moi_file_type_from_extension (""), ==, MOI_FILE_TYPE_UNKNOWN);

  g_assert_cmpint (moi_file_type_from_mime_type ("text/plain; charset=utf-8"), ==,
                   MOI_FILE_TYPE_TXT);
  g_assert_cmpint (moi_file_type_from_mime_type ("TEXT/HTML"), ==, MOI_FILE_TYPE_HTML);
  g_assert_cmpint (moi_file_type_from_mime_type ("image/jpeg"), ==, MOI_FILE_TYPE_JPG);
  g_assert_cmpint (moi_file_type_from_mime_type ("image/png"), ==, MOI_FILE_TYPE_PNG);
  g_assert_cmpint (moi_file_type_from_mime_type ("image/svg+xml"), ==, MOI_FILE_TYPE_IMAGE);
  g_assert_cmpint (moi_file_type_from_mime_type ("message/rfc822"), ==, MOI_FILE_TYPE_EML);
  g_assert_cmpint (moi_file_type_from_mime_type ("application/x-nothing"), ==,
                   MOI_FILE_TYPE_UNKNOWN);

  g_assert_cmpstr (moi_file_type_get_mime_type (MOI_FILE_TYPE_PPTX), ==,
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  g_assert_cmpstr (moi_file_type_get_mime_type (MOI_FILE_TYPE_FAS), ==,
                   "application/octet-stream");
  g_assert_cmpstr (moi_file_type_get_mime_type (26), ==, "application/octet-stream");
}

static void
test_process_mode (void)
{
  static const struct { gint64 interval, offset; const char *text; } cases[] = {
    { 0, 0, "Once" },
    { -1, 0, "When new files arrive" },
    { 1, 0, "Every minute" },
    { 30, 0, "Every 30 minutes" },
    { 90, 0, "Every 90 minutes" },
    { 60, 0, "Every hour" },
    { 240, 0, "Every 4 hours" },
    { 1440, 0, "Every day" },
    { 2880, 0, "Every 2 days" },
    { 60, 5, "Every hour, starting after 5 minutes" },
    { 1440, 120, "Every day, starting after 2 hours" },
    { -2, 0, "Invalid interval -2" },
  };
  g_autoptr(GError) error = NULL;
  const gint64 *presets;
  guint n;

  g_assert_cmpint (moi_process_mode_from_interval (0), ==, MOI_PROCESS_MODE_ONCE);
  g_assert_cmpint (moi_process_mode_from_interval (-1), ==, MOI_PROCESS_MODE_ON_NEW_FILES);
  g_assert_cmpint (moi_process_mode_from_interval (15), ==, MOI_PROCESS_MODE_PERIODIC);
  g_assert_cmpint (moi_process_mode_from_interval (-7), ==, MOI_PROCESS_MODE_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = moi_process_mode_describe (cases[i].interval, cases[i].offset);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_true (moi_process_mode_validate (0, 0, &error));
  g_assert_true (moi_process_mode_validate (-1, 0, &error));
  g_assert_true (moi_process_mode_validate (30, 10, &error));
  g_assert_no_error (error);
  g_assert_false (moi_process_mode_validate (-3, 0, &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "interval"));
  g_clear_error (&error);
  g_assert_false (moi_process_mode_validate (5, -1, &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "offset"));

  presets = moi_process_mode_get_preset_intervals (&n);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpint (presets[0], ==, 1);
  g_assert_cmpint (presets[n - 1], ==, 1440);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (presets[i], >, presets[i - 1]);
}

static void
test_priority_and_statuses (void)
{
  MoiJobStatus status = MOI_JOB_STATUS_FAILED;
  static const char * const nicks[] = {
    "processing", "failed", "completed", "pending", "stopped", "retrying",
  };

  g_assert_cmpint (MOI_PRIORITY_DEFAULT, ==, 300);
  g_assert_true (moi_priority_is_valid (100));
  g_assert_true (moi_priority_is_valid (500));
  g_assert_false (moi_priority_is_valid (200));
  g_assert_cmpstr (moi_priority_get_label (100), ==, "Low");
  g_assert_cmpstr (moi_priority_get_label (300), ==, "Medium");
  g_assert_cmpstr (moi_priority_get_label (500), ==, "High");
  g_assert_null (moi_priority_get_label (42));

  for (int i = 1; i <= 4; i++)
    g_assert_true (moi_workflow_status_is_valid (i));
  g_assert_false (moi_workflow_status_is_valid (0));
  g_assert_false (moi_workflow_status_is_valid (5));
  g_assert_cmpstr (moi_workflow_status_get_label (1), ==, "Running");
  g_assert_cmpstr (moi_workflow_status_get_label (4), ==, "Paused");
  g_assert_true (moi_workflow_status_is_editable (MOI_WORKFLOW_STATUS_STOPPED));
  g_assert_false (moi_workflow_status_is_editable (MOI_WORKFLOW_STATUS_RUNNING));

  /* The decided table: 0 processing, 1 failed, 2 completed, 3 pending,
   * 4 stopped, 5 retrying, for jobs and files alike. */
  for (int i = 0; i < (int) G_N_ELEMENTS (nicks); i++)
    {
      g_assert_true (moi_job_status_is_valid (i));
      g_assert_cmpstr (moi_job_status_get_nick (i), ==, nicks[i]);
      g_assert_true (moi_job_status_from_nick (nicks[i], &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_cmpint (MOI_FILE_STATUS_COMPLETED, ==, 2);
  g_assert_cmpint (MOI_FILE_STATUS_STOPPED, ==, 4);
  g_assert_false (moi_job_status_is_valid (6));
  g_assert_null (moi_job_status_get_nick (6));
  g_assert_cmpstr (moi_job_status_get_label (MOI_JOB_STATUS_RETRYING), ==, "Retrying");
  g_assert_true (moi_job_status_from_nick ("COMPLETED", &status));
  g_assert_cmpint (status, ==, MOI_JOB_STATUS_COMPLETED);
  g_assert_true (moi_job_status_from_nick ("running", &status));
  g_assert_cmpint (status, ==, MOI_JOB_STATUS_PROCESSING);
  g_assert_false (moi_job_status_from_nick ("bogus", &status));
  g_assert_true (moi_job_status_is_final (MOI_JOB_STATUS_COMPLETED));
  g_assert_true (moi_job_status_is_final (MOI_JOB_STATUS_FAILED));
  g_assert_false (moi_job_status_is_final (MOI_JOB_STATUS_RETRYING));
  g_assert_false (moi_job_status_is_final (MOI_JOB_STATUS_PENDING));

  g_assert_cmpint (MOI_BRANCH_STATUS_ENABLED, ==, 0);
  g_assert_true (moi_branch_status_is_valid (1));
  g_assert_false (moi_branch_status_is_valid (2));
  g_assert_cmpstr (moi_branch_status_get_label (0), ==, "Enabled");
  g_assert_cmpstr (moi_branch_status_get_label (1), ==, "Disabled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/enums/file-type-table", test_file_type_table);
  g_test_add_func ("/moi/enums/file-type-lookup", test_file_type_lookup);
  g_test_add_func ("/moi/enums/process-mode", test_process_mode);
  g_test_add_func ("/moi/enums/priority-and-statuses", test_priority_and_statuses);

  return g_test_run ();
}
