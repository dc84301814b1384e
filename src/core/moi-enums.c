/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-enums.h"

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NONE ((const char * const[]) { NULL })

static const MoiFileTypeInfo file_types[] = {
  { MOI_FILE_TYPE_UNKNOWN, "UNKNOWN", NONE, NONE, N_("Unknown") },
  { MOI_FILE_TYPE_TXT, "TXT", STRV ("txt", "text", "log"), STRV ("text/plain"), N_("Plain text") },
  { MOI_FILE_TYPE_PDF, "PDF", STRV ("pdf"), STRV ("application/pdf"), N_("PDF document") },
  { MOI_FILE_TYPE_IMAGE, "IMAGE", STRV ("gif", "webp", "tif", "tiff"),
    STRV ("image/gif", "image/webp", "image/tiff"), N_("Image") },
  { MOI_FILE_TYPE_PPT, "PPT", STRV ("ppt"), STRV ("application/vnd.ms-powerpoint"),
    N_("PowerPoint 97–2003 presentation") },
  { MOI_FILE_TYPE_DOC, "DOC", STRV ("doc"), STRV ("application/msword"),
    N_("Word 97–2003 document") },
  { MOI_FILE_TYPE_MARKDOWN, "MARKDOWN", STRV ("md", "markdown"),
    STRV ("text/markdown", "text/x-markdown"), N_("Markdown") },
  { MOI_FILE_TYPE_CSV, "CSV", STRV ("csv"), STRV ("text/csv"), N_("CSV table") },
  { MOI_FILE_TYPE_PARQUET, "PARQUET", STRV ("parquet"),
    STRV ("application/vnd.apache.parquet", "application/x-parquet"), N_("Parquet table") },
  { MOI_FILE_TYPE_SQL, "SQL_FILES", STRV ("sql"), STRV ("application/sql", "text/x-sql"),
    N_("SQL script") },
  { MOI_FILE_TYPE_DIR, "DIR", NONE, STRV ("inode/directory"), N_("Folder") },
  { MOI_FILE_TYPE_DOCX, "DOCX", STRV ("docx"),
    STRV ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    N_("Word document") },
  { MOI_FILE_TYPE_PPTX, "PPTX", STRV ("pptx"),
    STRV ("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    N_("PowerPoint presentation") },
  { MOI_FILE_TYPE_WAV, "WAV", STRV ("wav"), STRV ("audio/wav", "audio/x-wav", "audio/vnd.wave"),
    N_("WAV audio") },
  { MOI_FILE_TYPE_MP3, "MP3", STRV ("mp3"), STRV ("audio/mpeg", "audio/mp3"), N_("MP3 audio") },
  { MOI_FILE_TYPE_AAC, "AAC", STRV ("aac"), STRV ("audio/aac", "audio/x-aac"), N_("AAC audio") },
  { MOI_FILE_TYPE_FLAC, "FLAC", STRV ("flac"), STRV ("audio/flac", "audio/x-flac"),
    N_("FLAC audio") },
  { MOI_FILE_TYPE_MP4, "MP4", STRV ("mp4"), STRV ("video/mp4"), N_("MP4 video") },
  { MOI_FILE_TYPE_MOV, "MOV", STRV ("mov"), STRV ("video/quicktime"), N_("QuickTime video") },
  { MOI_FILE_TYPE_MKV, "MKV", STRV ("mkv"), STRV ("video/x-matroska"), N_("Matroska video") },
  { MOI_FILE_TYPE_PNG, "PNG", STRV ("png"), STRV ("image/png"), N_("PNG image") },
  { MOI_FILE_TYPE_JPG, "JPG", STRV ("jpg"), STRV ("image/jpeg"), N_("JPG image") },
  { MOI_FILE_TYPE_JPEG, "JPEG", STRV ("jpeg", "jpe"), STRV ("image/jpeg"), N_("JPEG image") },
  { MOI_FILE_TYPE_BMP, "BMP", STRV ("bmp"), STRV ("image/bmp", "image/x-ms-bmp"),
    N_("BMP image") },
  { MOI_FILE_TYPE_XLS, "XLS", STRV ("xls"), STRV ("application/vnd.ms-excel"),
    N_("Excel 97–2003 workbook") },
  { MOI_FILE_TYPE_XLSX, "XLSX", STRV ("xlsx"),
    STRV ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    N_("Excel workbook") },
  { MOI_FILE_TYPE_HTM, "HTM", STRV ("htm"), STRV ("text/html"), N_("HTM web page") },
  { MOI_FILE_TYPE_HTML, "HTML", STRV ("html", "xhtml"), STRV ("text/html", "application/xhtml+xml"),
    N_("HTML web page") },
  { MOI_FILE_TYPE_EML, "EML", STRV ("eml"), STRV ("message/rfc822"), N_("Email message") },
  { MOI_FILE_TYPE_MSG, "MSG", STRV ("msg"), STRV ("application/vnd.ms-outlook"),
    N_("Outlook message") },
  { MOI_FILE_TYPE_P7S, "P7S", STRV ("p7s"), STRV ("application/pkcs7-signature"),
    N_("PKCS #7 signature") },
  { MOI_FILE_TYPE_DWG, "DWG", STRV ("dwg"), STRV ("image/vnd.dwg", "application/acad"),
    N_("AutoCAD drawing") },
  { MOI_FILE_TYPE_DXF, "DXF", STRV ("dxf"), STRV ("image/vnd.dxf", "application/dxf"),
    N_("DXF drawing") },
  { MOI_FILE_TYPE_FAS, "FAS", STRV ("fas"), NONE, N_("AutoLISP compiled file") },
};

G_DEFINE_ENUM_TYPE (MoiFileType, moi_file_type,
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_TXT, "txt"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_PDF, "pdf"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_IMAGE, "image"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_PPT, "ppt"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_DOC, "doc"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MARKDOWN, "markdown"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_CSV, "csv"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_PARQUET, "parquet"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_SQL, "sql"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_DIR, "dir"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_DOCX, "docx"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_PPTX, "pptx"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_WAV, "wav"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MP3, "mp3"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_AAC, "aac"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_FLAC, "flac"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MP4, "mp4"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MOV, "mov"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MKV, "mkv"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_PNG, "png"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_JPG, "jpg"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_JPEG, "jpeg"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_BMP, "bmp"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_XLS, "xls"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_XLSX, "xlsx"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_HTM, "htm"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_HTML, "html"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_EML, "eml"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_MSG, "msg"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_P7S, "p7s"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_DWG, "dwg"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_DXF, "dxf"),
  G_DEFINE_ENUM_VALUE (MOI_FILE_TYPE_FAS, "fas"))

const MoiFileTypeInfo *
moi_file_type_get_table (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (file_types);
  return file_types;
}

const MoiFileTypeInfo *
moi_file_type_get_info (int value)
{
  if (value < 0 || value > MOI_FILE_TYPE_MAX || value == 26)
    return NULL;

  /* The table skips 26 only. */
  return &file_types[value < 26 ? value : value - 1];
}

gboolean
moi_file_type_is_valid (int value)
{
  return moi_file_type_get_info (value) != NULL;
}

const char *
moi_file_type_get_name (int value)
{
  const MoiFileTypeInfo *info = moi_file_type_get_info (value);

  return info != NULL ? info->name : NULL;
}

const char *
moi_file_type_get_label (int value)
{
  const MoiFileTypeInfo *info = moi_file_type_get_info (value);

  if (info == NULL)
    return _("Unknown file type");
  return _(info->label);
}

MoiFileType
moi_file_type_from_extension (const char *extension_or_filename)
{
  const char *ext;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (extension_or_filename != NULL, MOI_FILE_TYPE_UNKNOWN);

  ext = strrchr (extension_or_filename, '.');
  if (ext != NULL)
    ext++;
  else
    ext = extension_or_filename;
  if (strchr (ext, '/') != NULL || *ext == '\0')
    return MOI_FILE_TYPE_UNKNOWN;

  lower = g_ascii_strdown (ext, -1);
  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    if (g_strv_contains (file_types[i].extensions, lower))
      return file_types[i].value;

  return MOI_FILE_TYPE_UNKNOWN;
}

MoiFileType
moi_file_type_from_mime_type (const char *mime_type)
{
  g_autofree char *bare = NULL;
  char *semicolon;

  g_return_val_if_fail (mime_type != NULL, MOI_FILE_TYPE_UNKNOWN);

  bare = g_ascii_strdown (mime_type, -1);
  if ((semicolon = strchr (bare, ';')) != NULL)
    *semicolon = '\0';
  g_strstrip (bare);

  /* text/html and image/jpeg each belong to two types: the one of the more
   * common extension (.html, .jpg) wins. */
  if (g_str_equal (bare, "text/html"))
    return MOI_FILE_TYPE_HTML;
  if (g_str_equal (bare, "image/jpeg"))
    return MOI_FILE_TYPE_JPG;

  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    if (g_strv_contains (file_types[i].mime_types, bare))
      return file_types[i].value;

  if (g_str_has_prefix (bare, "image/"))
    return MOI_FILE_TYPE_IMAGE;

  return MOI_FILE_TYPE_UNKNOWN;
}

const char *
moi_file_type_get_mime_type (int value)
{
  const MoiFileTypeInfo *info = moi_file_type_get_info (value);

  if (info == NULL || info->mime_types[0] == NULL)
    return "application/octet-stream";
  return info->mime_types[0];
}

G_DEFINE_ENUM_TYPE (MoiProcessMode, moi_process_mode,
  G_DEFINE_ENUM_VALUE (MOI_PROCESS_MODE_ONCE, "once"),
  G_DEFINE_ENUM_VALUE (MOI_PROCESS_MODE_ON_NEW_FILES, "on-new-files"),
  G_DEFINE_ENUM_VALUE (MOI_PROCESS_MODE_PERIODIC, "periodic"),
  G_DEFINE_ENUM_VALUE (MOI_PROCESS_MODE_INVALID, "invalid"))

MoiProcessMode
moi_process_mode_from_interval (gint64 interval)
{
  if (interval == MOI_PROCESS_INTERVAL_ONCE)
    return MOI_PROCESS_MODE_ONCE;
  if (interval == MOI_PROCESS_INTERVAL_ON_NEW_FILES)
    return MOI_PROCESS_MODE_ON_NEW_FILES;
  if (interval > 0)
    return MOI_PROCESS_MODE_PERIODIC;
  return MOI_PROCESS_MODE_INVALID;
}

static char *
describe_minutes (gint64 minutes,
                  gboolean every)
{
  gulong n;

  /* Whole days and hours read better than "every 1440 minutes". */
  if (minutes % 1440 == 0)
    {
      n = (gulong) (minutes / 1440);
      if (every)
        return n == 1 ? g_strdup (_("Every day"))
                      : g_strdup_printf (ngettext ("Every %lu day", "Every %lu days", n), n);
      return g_strdup_printf (ngettext ("%lu day", "%lu days", n), n);
    }
  if (minutes % 60 == 0)
    {
      n = (gulong) (minutes / 60);
      if (every)
        return n == 1 ? g_strdup (_("Every hour"))
                      : g_strdup_printf (ngettext ("Every %lu hour", "Every %lu hours", n), n);
      return g_strdup_printf (ngettext ("%lu hour", "%lu hours", n), n);
    }

  n = (gulong) minutes;
  if (every)
    return n == 1 ? g_strdup (_("Every minute"))
                  : g_strdup_printf (ngettext ("Every %lu minute", "Every %lu minutes", n), n);
  return g_strdup_printf (ngettext ("%lu minute", "%lu minutes", n), n);
}

char *
moi_process_mode_describe (gint64 interval,
                           gint64 offset)
{
  g_autofree char *base = NULL;
  g_autofree char *after = NULL;

  switch (moi_process_mode_from_interval (interval))
    {
    case MOI_PROCESS_MODE_ONCE:
      base = g_strdup (_("Once"));
      break;
    case MOI_PROCESS_MODE_ON_NEW_FILES:
      base = g_strdup (_("When new files arrive"));
      break;
    case MOI_PROCESS_MODE_PERIODIC:
      base = describe_minutes (interval, TRUE);
      break;
    case MOI_PROCESS_MODE_INVALID:
    default:
      return g_strdup_printf (_("Invalid interval %lld"), (long long) interval);
    }

  if (offset <= 0)
    return g_steal_pointer (&base);

  after = describe_minutes (offset, FALSE);
  /* TRANSLATORS: e.g. "Every 2 hours, starting after 30 minutes" */
  return g_strdup_printf (_("%s, starting after %s"), base, after);
}

gboolean
moi_process_mode_validate (gint64   interval,
                           gint64   offset,
                           GError **error)
{
  if (interval < MOI_PROCESS_INTERVAL_ON_NEW_FILES)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("process_mode: “interval” must be 0 (once), -1 (on new files) or a "
                     "number of minutes, got %lld"), (long long) interval);
      return FALSE;
    }
  if (offset < 0)
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID,
                   _("process_mode: “offset” must not be negative, got %lld"),
                   (long long) offset);
      return FALSE;
    }
  return TRUE;
}

const gint64 *
moi_process_mode_get_preset_intervals (guint *n_intervals)
{
  static const gint64 presets[] = { 1, 5, 10, 30, 60, 120, 240, 480, 1440 };

  if (n_intervals != NULL)
    *n_intervals = G_N_ELEMENTS (presets);
  return presets;
}

G_DEFINE_ENUM_TYPE (MoiPriority, moi_priority,
  G_DEFINE_ENUM_VALUE (MOI_PRIORITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (MOI_PRIORITY_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (MOI_PRIORITY_HIGH, "high"))

gboolean
moi_priority_is_valid (int value)
{
  return value == MOI_PRIORITY_LOW || value == MOI_PRIORITY_MEDIUM || value == MOI_PRIORITY_HIGH;
}

const char *
moi_priority_get_label (int value)
{
  switch (value)
    {
    case MOI_PRIORITY_LOW: return C_("priority", "Low");
    case MOI_PRIORITY_MEDIUM: return C_("priority", "Medium");
    case MOI_PRIORITY_HIGH: return C_("priority", "High");
    default: return NULL;
    }
}

G_DEFINE_ENUM_TYPE (MoiWorkflowStatus, moi_workflow_status,
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_STATUS_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_STATUS_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (MOI_WORKFLOW_STATUS_PAUSED, "paused"))

gboolean
moi_workflow_status_is_valid (int value)
{
  return value >= MOI_WORKFLOW_STATUS_RUNNING && value <= MOI_WORKFLOW_STATUS_PAUSED;
}

const char *
moi_workflow_status_get_label (int value)
{
  switch (value)
    {
    case MOI_WORKFLOW_STATUS_RUNNING: return C_("workflow status", "Running");
    case MOI_WORKFLOW_STATUS_COMPLETED: return C_("workflow status", "Completed");
    case MOI_WORKFLOW_STATUS_STOPPED: return C_("workflow status", "Stopped");
    case MOI_WORKFLOW_STATUS_PAUSED: return C_("workflow status", "Paused");
    default: return C_("workflow status", "Unknown");
    }
}

gboolean
moi_workflow_status_is_editable (int value)
{
  return value == MOI_WORKFLOW_STATUS_STOPPED;
}

G_DEFINE_ENUM_TYPE (MoiJobStatus, moi_job_status,
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_PROCESSING, "processing"),
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (MOI_JOB_STATUS_RETRYING, "retrying"))

gboolean
moi_job_status_is_valid (int value)
{
  return value >= MOI_JOB_STATUS_PROCESSING && value <= MOI_JOB_STATUS_RETRYING;
}

const char *
moi_job_status_get_label (int value)
{
  switch (value)
    {
    case MOI_JOB_STATUS_PROCESSING: return C_("job status", "Processing");
    case MOI_JOB_STATUS_FAILED: return C_("job status", "Failed");
    case MOI_JOB_STATUS_COMPLETED: return C_("job status", "Completed");
    case MOI_JOB_STATUS_PENDING: return C_("job status", "Pending");
    case MOI_JOB_STATUS_STOPPED: return C_("job status", "Stopped");
    case MOI_JOB_STATUS_RETRYING: return C_("job status", "Retrying");
    default: return C_("job status", "Unknown");
    }
}

const char *
moi_job_status_get_nick (int value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  klass = g_type_class_ref (MOI_TYPE_JOB_STATUS);
  enum_value = g_enum_get_value (klass, value);
  g_type_class_unref (klass);
  /* The class of a static type is never finalized: the nick stays valid. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

gboolean
moi_job_status_from_nick (const char   *nick,
                          MoiJobStatus *status)
{
  g_autofree char *lower = NULL;
  GEnumClass *klass;
  GEnumValue *enum_value;

  g_return_val_if_fail (nick != NULL, FALSE);

  lower = g_ascii_strdown (nick, -1);
  /* "running" is what the SDKs' other table calls processing. */
  if (g_str_equal (lower, "running"))
    {
      if (status != NULL)
        *status = MOI_JOB_STATUS_PROCESSING;
      return TRUE;
    }

  klass = g_type_class_ref (MOI_TYPE_JOB_STATUS);
  enum_value = g_enum_get_value_by_nick (klass, lower);
  g_type_class_unref (klass);

  if (enum_value == NULL)
    return FALSE;
  if (status != NULL)
    *status = enum_value->value;
  return TRUE;
}

gboolean
moi_job_status_is_final (int value)
{
  return value == MOI_JOB_STATUS_COMPLETED || value == MOI_JOB_STATUS_FAILED ||
         value == MOI_JOB_STATUS_STOPPED;
}

G_DEFINE_ENUM_TYPE (MoiBranchStatus, moi_branch_status,
  G_DEFINE_ENUM_VALUE (MOI_BRANCH_STATUS_ENABLED, "enabled"),
  G_DEFINE_ENUM_VALUE (MOI_BRANCH_STATUS_DISABLED, "disabled"))

gboolean
moi_branch_status_is_valid (int value)
{
  return value == MOI_BRANCH_STATUS_ENABLED || value == MOI_BRANCH_STATUS_DISABLED;
}

const char *
moi_branch_status_get_label (int value)
{
  switch (value)
    {
    case MOI_BRANCH_STATUS_ENABLED: return C_("branch status", "Enabled");
    case MOI_BRANCH_STATUS_DISABLED: return C_("branch status", "Disabled");
    default: return C_("branch status", "Unknown");
    }
}
