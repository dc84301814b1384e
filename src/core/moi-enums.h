/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every enumeration of the BYOA API, in one place (facts file §3.3).
 * Labels are translated; nicks (GEnumValue.value_nick) are stable
 * lower-case identifiers for logs, CLI and string-valued endpoints. */

/* file_types: 0..34, 26 unassigned. */
typedef enum
{
  MOI_FILE_TYPE_UNKNOWN  = 0,
  MOI_FILE_TYPE_TXT      = 1,
  MOI_FILE_TYPE_PDF      = 2,
  MOI_FILE_TYPE_IMAGE    = 3,
  MOI_FILE_TYPE_PPT      = 4,
  MOI_FILE_TYPE_DOC      = 5,
  MOI_FILE_TYPE_MARKDOWN = 6,
  MOI_FILE_TYPE_CSV      = 7,
  MOI_FILE_TYPE_PARQUET  = 8,
  MOI_FILE_TYPE_SQL      = 9,
  MOI_FILE_TYPE_DIR      = 10,
  MOI_FILE_TYPE_DOCX     = 11,
  MOI_FILE_TYPE_PPTX     = 12,
  MOI_FILE_TYPE_WAV      = 13,
  MOI_FILE_TYPE_MP3      = 14,
  MOI_FILE_TYPE_AAC      = 15,
  MOI_FILE_TYPE_FLAC     = 16,
  MOI_FILE_TYPE_MP4      = 17,
  MOI_FILE_TYPE_MOV      = 18,
  MOI_FILE_TYPE_MKV      = 19,
  MOI_FILE_TYPE_PNG      = 20,
  MOI_FILE_TYPE_JPG      = 21,
  MOI_FILE_TYPE_JPEG     = 22,
  MOI_FILE_TYPE_BMP      = 23,
  MOI_FILE_TYPE_XLS      = 24,
  MOI_FILE_TYPE_XLSX     = 25,
  /* 26 is unassigned */
  MOI_FILE_TYPE_HTM      = 27,
  MOI_FILE_TYPE_HTML     = 28,
  MOI_FILE_TYPE_EML      = 29,
  MOI_FILE_TYPE_MSG      = 30,
  MOI_FILE_TYPE_P7S      = 31,
  MOI_FILE_TYPE_DWG      = 32,
  MOI_FILE_TYPE_DXF      = 33,
  MOI_FILE_TYPE_FAS      = 34,
} MoiFileType;

#define MOI_FILE_TYPE_MAX 34

typedef struct
{
  MoiFileType         value;
  const char         *name;         /* "PDF", as the SDKs name it */
  const char * const *extensions;   /* lower case, no dot; may be empty */
  const char * const *mime_types;   /* the first is the one to send */
  const char         *label;        /* untranslated; use moi_file_type_get_label() */
} MoiFileTypeInfo;

#define MOI_TYPE_FILE_TYPE (moi_file_type_get_type ())
GType                  moi_file_type_get_type           (void) G_GNUC_CONST;
/* The assigned types in value order (34 entries: 0..25, 27..34). */
const MoiFileTypeInfo *moi_file_type_get_table          (guint        *n_types);
/* NULL when @value is unassigned (26) or out of range. */
const MoiFileTypeInfo *moi_file_type_get_info           (int           value);
gboolean               moi_file_type_is_valid           (int           value);
const char            *moi_file_type_get_name           (int           value);
/* Translated; "Unknown file type" for unassigned values. */
const char            *moi_file_type_get_label          (int           value);
/* Case-insensitive; accepts "pdf", ".pdf" or a file name "a/b/report.PDF".
 * MOI_FILE_TYPE_UNKNOWN when nothing matches. */
MoiFileType            moi_file_type_from_extension     (const char   *extension_or_filename);
/* Exact MIME match (parameters like "; charset=" ignored); any other
 * "image/" type falls back to MOI_FILE_TYPE_IMAGE. */
MoiFileType            moi_file_type_from_mime_type     (const char   *mime_type);
/* The MIME type to send for @value, or "application/octet-stream". */
const char            *moi_file_type_get_mime_type      (int           value);

/* process_mode.interval: 0 once, -1 on new files, > 0 every N minutes. */
typedef enum
{
  MOI_PROCESS_MODE_ONCE,
  MOI_PROCESS_MODE_ON_NEW_FILES,
  MOI_PROCESS_MODE_PERIODIC,
  MOI_PROCESS_MODE_INVALID,
} MoiProcessMode;

#define MOI_PROCESS_INTERVAL_ONCE          0
#define MOI_PROCESS_INTERVAL_ON_NEW_FILES  (-1)

#define MOI_TYPE_PROCESS_MODE (moi_process_mode_get_type ())
GType          moi_process_mode_get_type          (void) G_GNUC_CONST;
MoiProcessMode moi_process_mode_from_interval     (gint64        interval);
/* Translated, e.g. "Once", "When new files arrive", "Every 30 minutes",
 * "Every 2 hours", "Every day"; an @offset > 0 adds ", starting after
 * 5 minutes". */
char          *moi_process_mode_describe          (gint64        interval,
                                                   gint64        offset);
/* MOI_CORE_ERROR_INVALID naming the field when interval < -1 or offset < 0. */
gboolean       moi_process_mode_validate          (gint64        interval,
                                                   gint64        offset,
                                                   GError      **error);
/* The periods MOI's UI offers, in minutes: 1 5 10 30 60 120 240 480 1440. */
const gint64  *moi_process_mode_get_preset_intervals (guint     *n_intervals);

/* priority */
typedef enum
{
  MOI_PRIORITY_LOW    = 100,
  MOI_PRIORITY_MEDIUM = 300,
  MOI_PRIORITY_HIGH   = 500,
} MoiPriority;

#define MOI_PRIORITY_DEFAULT MOI_PRIORITY_MEDIUM

#define MOI_TYPE_PRIORITY (moi_priority_get_type ())
GType        moi_priority_get_type   (void) G_GNUC_CONST;
gboolean     moi_priority_is_valid   (int value);
/* Translated "Low" / "Medium" / "High"; NULL for other values. */
const char  *moi_priority_get_label  (int value);

/* workflow status */
typedef enum
{
  MOI_WORKFLOW_STATUS_RUNNING   = 1,
  MOI_WORKFLOW_STATUS_COMPLETED = 2,
  MOI_WORKFLOW_STATUS_STOPPED   = 3,
  MOI_WORKFLOW_STATUS_PAUSED    = 4,
} MoiWorkflowStatus;

#define MOI_TYPE_WORKFLOW_STATUS (moi_workflow_status_get_type ())
GType        moi_workflow_status_get_type    (void) G_GNUC_CONST;
gboolean     moi_workflow_status_is_valid    (int value);
const char  *moi_workflow_status_get_label   (int value);
/* MOI lets only stopped workflows be edited. */
gboolean     moi_workflow_status_is_editable (int value);

/* Job status and job-file status: one table (ROBO's), the only one
 * consistent with the counters of GET /workflow_job/{id}/files. */
typedef enum
{
  MOI_JOB_STATUS_PROCESSING = 0,
  MOI_JOB_STATUS_FAILED     = 1,
  MOI_JOB_STATUS_COMPLETED  = 2,
  MOI_JOB_STATUS_PENDING    = 3,
  MOI_JOB_STATUS_STOPPED    = 4,
  MOI_JOB_STATUS_RETRYING   = 5,
} MoiJobStatus;

typedef MoiJobStatus MoiFileStatus;

#define MOI_FILE_STATUS_PROCESSING MOI_JOB_STATUS_PROCESSING
#define MOI_FILE_STATUS_FAILED     MOI_JOB_STATUS_FAILED
#define MOI_FILE_STATUS_COMPLETED  MOI_JOB_STATUS_COMPLETED
#define MOI_FILE_STATUS_PENDING    MOI_JOB_STATUS_PENDING
#define MOI_FILE_STATUS_STOPPED    MOI_JOB_STATUS_STOPPED
#define MOI_FILE_STATUS_RETRYING   MOI_JOB_STATUS_RETRYING

#define MOI_TYPE_JOB_STATUS (moi_job_status_get_type ())
GType        moi_job_status_get_type     (void) G_GNUC_CONST;
gboolean     moi_job_status_is_valid     (int          value);
const char  *moi_job_status_get_label    (int          value);
/* "processing", "failed", "completed", "pending", "stopped", "retrying":
 * also the counter keys of the files endpoint. */
const char  *moi_job_status_get_nick     (int          value);
/* From a nick, case-insensitive (the genai endpoints send strings);
 * FALSE if unknown. */
gboolean     moi_job_status_from_nick    (const char  *nick,
                                          MoiJobStatus *status);
/* Completed, failed and stopped are final; the others may still change. */
gboolean     moi_job_status_is_final     (int          value);

/* branch_status */
typedef enum
{
  MOI_BRANCH_STATUS_ENABLED  = 0,
  MOI_BRANCH_STATUS_DISABLED = 1,
} MoiBranchStatus;

#define MOI_TYPE_BRANCH_STATUS (moi_branch_status_get_type ())
GType        moi_branch_status_get_type  (void) G_GNUC_CONST;
gboolean     moi_branch_status_is_valid  (int value);
const char  *moi_branch_status_get_label (int value);

G_END_DECLS
