/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-job-runner"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "moi-job-runner.h"
#include "moi-store-sink.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"
#include "moi-pipeline.h"
#include "moi-workflow.h"

/* Watch mode gathers a folder's events this long before starting a job, so
 * a copy of many files makes one job, not one per file. */
#define WATCH_SETTLE_MS 500

typedef struct
{
  MoiJobRunner *runner;        /* unowned */
  char         *workflow_id;
  guint         timer_id;
  GPtrArray    *monitors;      /* GFileMonitor */
  GHashTable   *changed;       /* "vid\npath" set waiting for the settle timer */
  guint         settle_id;
  guint         interval_ms;
  gboolean      after_offset;
} Schedule;

struct _MoiJobRunner
{
  GObject       parent_instance;

  MoiStore     *store;
  guint         n_workers;
  GPtrArray    *threads;
  GMainContext *context;

  GMutex        lock;
  GCond         cond;
  guint         generation;    /* bumped whenever new work may exist */
  gboolean      stopping;
  GHashTable   *in_flight;     /* file id -> InFlight */
  GHashTable   *pipelines;     /* workflow text -> SharedPipeline */

  GHashTable   *schedules;     /* workflow id -> Schedule, main context only */
  guint         file_delay_ms;
  guint         minute_ms;
};

typedef struct
{
  char         *workflow_id;
  GCancellable *cancellable;
} InFlight;

G_DEFINE_FINAL_TYPE (MoiJobRunner, moi_job_runner, G_TYPE_OBJECT)

static void
in_flight_free (InFlight *in_flight)
{
  g_free (in_flight->workflow_id);
  g_clear_object (&in_flight->cancellable);
  g_free (in_flight);
}

/* The runner's sources live in its own context, not the global default. */
static void
remove_source (GMainContext *context,
               guint        *id)
{
  GSource *source;

  if (*id != 0 && (source = g_main_context_find_source_by_id (context, *id)) != NULL)
    g_source_destroy (source);
  *id = 0;
}

static void
schedule_free (Schedule *schedule)
{
  remove_source (schedule->runner->context, &schedule->timer_id);
  remove_source (schedule->runner->context, &schedule->settle_id);
  for (guint i = 0; schedule->monitors && i < schedule->monitors->len; i++)
    {
      g_signal_handlers_disconnect_by_data (schedule->monitors->pdata[i], schedule);
      g_file_monitor_cancel (schedule->monitors->pdata[i]);
    }
  g_clear_pointer (&schedule->monitors, g_ptr_array_unref);
  g_clear_pointer (&schedule->changed, g_hash_table_unref);
  g_free (schedule->workflow_id);
  g_free (schedule);
}

/* File types ------------------------------------------------------------- */

/* Resolves @relative inside @folder; NULL when it is missing or leaves the
 * folder (through "..", an absolute path or a symlink). */
static char *
resolve_inside (const char *folder,
                const char *relative)
{
  g_autofree char *real_folder = realpath (folder, NULL);
  g_autofree char *joined = NULL;
  g_autofree char *real = NULL;
  gsize n;

  if (real_folder == NULL || relative == NULL || g_path_is_absolute (relative))
    return NULL;
  joined = g_build_filename (folder, relative, NULL);
  if ((real = realpath (joined, NULL)) == NULL)
    return NULL;
  n = strlen (real_folder);
  if (strncmp (real, real_folder, n) != 0 || (real[n] != '/' && real[n] != '\0'))
    return NULL;
  return g_steal_pointer (&real);
}

static void
scan_folder (const char *root,
             const char *relative,
             const char *volume_id,
             GArray     *file_types,
             GPtrArray  *out,
             guint       depth)
{
  g_autofree char *path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  if (depth > 32)
    return;
  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;
  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL)
                                        : g_strdup (name);
      int type;

      /* Symlinks are skipped: they could lead out of the volume. */
      if (name[0] == '.' || g_file_info_get_is_symlink (info))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          scan_folder (root, child, volume_id, file_types, out, depth + 1);
          continue;
        }
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      type = (int) moi_file_type_from_extension (name);
      for (guint i = 0; i < file_types->len; i++)
        if (g_array_index (file_types, gint64, i) == type)
          {
            MoiStoreNewFile *file = g_new0 (MoiStoreNewFile, 1);

            file->source_volume_id = g_strdup (volume_id);
            file->file_path = g_steal_pointer (&child);
            file->file_type = type;
            file->file_size = g_file_info_get_size (info);
            g_ptr_array_add (out, file);
            break;
          }
    }
}

static void
new_file_free (MoiStoreNewFile *file)
{
  g_free ((char *) file->source_volume_id);
  g_free ((char *) file->file_path);
  g_free (file);
}

static int
compare_new_files (gconstpointer a,
                   gconstpointer b)
{
  const MoiStoreNewFile *fa = *(MoiStoreNewFile **) a;
  const MoiStoreNewFile *fb = *(MoiStoreNewFile **) b;
  int c = g_strcmp0 (fa->source_volume_id, fb->source_volume_id);

  return c ? c : g_strcmp0 (fa->file_path, fb->file_path);
}

static const char *
member_string (JsonObject *object,
               const char *key,
               const char *fallback)
{
  return json_object_get_string_member_with_default (object, key, fallback);
}

static GArray *
int_array_from_text (const char *text)
{
  g_autoptr(JsonNode) node = moi_json_parse (text ? text : "[]", -1, NULL);
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        gint64 v = json_array_get_int_element (json_node_get_array (node), i);
        g_array_append_val (array, v);
      }
  return array;
}

/* The workflow's files: its "files" list when not empty, else a scan of its
 * source volumes. @only, when not NULL, keeps the "vid\npath" keys in it. */
static GPtrArray *
collect_files (MoiJobRunner  *self,
               JsonObject    *workflow,
               GHashTable    *only,
               GError       **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) new_file_free);
  g_autoptr(GArray) file_types = int_array_from_text (member_string (workflow, "file_types",
                                                                     "[]"));
  g_autoptr(JsonNode) ids = moi_json_parse (member_string (workflow, "source_volume_ids", "[]"),
                                            -1, NULL);
  g_autoptr(JsonNode) listed = NULL;
  const char *files_text = member_string (workflow, "files", NULL);

  if (files_text != NULL)
    listed = moi_json_parse (files_text, -1, NULL);

  if (listed != NULL && JSON_NODE_HOLDS_ARRAY (listed)
      && json_array_get_length (json_node_get_array (listed)) > 0)
    {
      JsonArray *array = json_node_get_array (listed);

      /* SourceFileInfo entries: {file_path, source_volume_id, ...}; the
       * service already checked them when the workflow was created. */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          MoiStoreNewFile *file = g_new0 (MoiStoreNewFile, 1);
          const char *path = member_string (entry, "file_path", "");
          g_autoptr(JsonObject) volume = NULL;
          g_autofree char *full = NULL;

          file->source_volume_id = g_strdup (member_string (entry, "source_volume_id", ""));
          file->file_path = g_strdup (path);
          file->file_type = json_object_get_int_member_with_default (entry, "file_type", 0);
          if (file->file_type == 0)
            file->file_type = (int) moi_file_type_from_extension (path);
          if ((volume = moi_store_get_volume (self->store, file->source_volume_id, NULL)) != NULL
              && (full = resolve_inside (json_object_get_string_member (volume, "path"), path)))
            {
              GStatBuf st;
              if (g_stat (full, &st) == 0)
                file->file_size = st.st_size;
            }
          g_ptr_array_add (files, file);
        }
      return g_steal_pointer (&files);
    }

  for (guint i = 0; ids != NULL && JSON_NODE_HOLDS_ARRAY (ids)
                    && i < json_array_get_length (json_node_get_array (ids)); i++)
    {
      const char *vid = json_array_get_string_element (json_node_get_array (ids), i);
      g_autoptr(JsonObject) volume = moi_store_get_volume (self->store, vid, error);

      if (volume == NULL)
        return NULL;
      scan_folder (json_object_get_string_member (volume, "path"), NULL, vid, file_types,
                   files, 0);
    }
  if (only != NULL)
    for (guint i = files->len; i > 0; i--)
      {
        const MoiStoreNewFile *f = files->pdata[i - 1];
        g_autofree char *key = g_strdup_printf ("%s\n%s", f->source_volume_id, f->file_path);

        if (!g_hash_table_contains (only, key))
          g_ptr_array_remove_index (files, i - 1);
      }
  g_ptr_array_sort (files, compare_new_files);
  return g_steal_pointer (&files);
}

static char *
run_workflow_files (MoiJobRunner  *self,
                    const char    *workflow_id,
                    GHashTable    *only,
                    GError       **error)
{
  g_autoptr(JsonObject) workflow = moi_store_get_workflow (self->store, workflow_id, error);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *name = NULL;
  char *job_id;

  if (workflow == NULL)
    return NULL;
  if ((files = collect_files (self, workflow, only, error)) == NULL)
    return NULL;
  if (only != NULL && files->len == 0)
    return NULL;
  name = g_strdup_printf ("%s %s", json_object_get_string_member (workflow, "name"), stamp);
  job_id = moi_store_create_job (self->store, workflow_id, name, files, error);
  if (job_id != NULL)
    {
      g_debug ("Job %s: %u files for workflow %s", job_id, files->len, workflow_id);
      moi_job_runner_wake (self);
    }
  return job_id;
}

char *
moi_job_runner_run_workflow (MoiJobRunner  *self,
                             const char    *workflow_id,
                             GError       **error)
{
  g_return_val_if_fail (MOI_IS_JOB_RUNNER (self), NULL);
  g_return_val_if_fail (workflow_id != NULL, NULL);

  return run_workflow_files (self, workflow_id, NULL, error);
}

/* Workers ---------------------------------------------------------------- */

/* Pipelines are reentrant, so workers share one per workflow text; the
 * cache forgets them when it grows (edited workflows leave old texts
 * behind) while workers still running one keep their reference. */
#define MAX_CACHED_PIPELINES 16

typedef struct
{
  MoiPipeline     *pipeline;
  gatomicrefcount  ref_count;
} SharedPipeline;

static void
shared_pipeline_unref (SharedPipeline *shared)
{
  if (shared != NULL && g_atomic_ref_count_dec (&shared->ref_count))
    {
      moi_pipeline_free (shared->pipeline);
      g_free (shared);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharedPipeline, shared_pipeline_unref)

static SharedPipeline *
get_pipeline (MoiJobRunner  *self,
              const char    *workflow_text,
              GError       **error)
{
  g_autoptr(MoiWorkflow) workflow = NULL;
  SharedPipeline *shared;
  MoiPipeline *pipeline;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if ((shared = g_hash_table_lookup (self->pipelines, workflow_text)) != NULL)
    {
      g_atomic_ref_count_inc (&shared->ref_count);
      return shared;
    }
  if ((workflow = moi_workflow_new_from_data (workflow_text, -1, error)) == NULL)
    return NULL;
  if ((pipeline = moi_pipeline_new (workflow, error)) == NULL)
    return NULL;
  if (g_hash_table_size (self->pipelines) >= MAX_CACHED_PIPELINES)
    g_hash_table_remove_all (self->pipelines);
  shared = g_new0 (SharedPipeline, 1);
  shared->pipeline = pipeline;
  g_atomic_ref_count_init (&shared->ref_count);
  g_hash_table_insert (self->pipelines, g_strdup (workflow_text), shared);
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
process_file (MoiJobRunner *self,
              JsonObject   *file)
{
  const char *file_id = json_object_get_string_member (file, "id");
  const char *volume_path = member_string (file, "volume_path", NULL);
  const char *workflow_text = member_string (file, "workflow_text", NULL);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(SharedPipeline) shared = NULL;
  g_autoptr(MoiStoreFileRun) run =
    moi_store_file_run_new (self->store, file_id, member_string (file, "target_volume_id", ""));
  InFlight *in_flight;
  int status;

  in_flight = g_new0 (InFlight, 1);
  in_flight->workflow_id = g_strdup (json_object_get_string_member (file, "workflow_id"));
  in_flight->cancellable = g_object_ref (cancellable);
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->in_flight, g_strdup (file_id), in_flight);
  if (self->stopping)
    g_cancellable_cancel (cancellable);
  g_mutex_unlock (&self->lock);

  json_object_set_string_member (meta, "source_volume_id",
                                 member_string (file, "source_volume_id", ""));

  if (volume_path != NULL)
    path = resolve_inside (volume_path, json_object_get_string_member (file, "file_path"));
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("File “%s” is missing or lies outside its volume's folder"),
                 json_object_get_string_member (file, "file_path"));
  else if (workflow_text == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The job's branch no longer exists"));
  else if ((shared = get_pipeline (self, workflow_text, &error)) != NULL)
    {
      /* For tests of crash recovery: slow each file down on request. */
      for (guint waited = 0;
           waited < self->file_delay_ms && !g_cancellable_is_cancelled (cancellable);
           waited += 10)
        g_usleep (10 * 1000);
      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        moi_pipeline_run_file (shared->pipeline, path, meta,
                               moi_store_file_run_get_sink (run), cancellable,
                               NULL, &error);
    }

  if (error == NULL)
    status = MOI_JOB_STATUS_COMPLETED;
  else if (g_cancellable_is_cancelled (cancellable))
    status = MOI_JOB_STATUS_STOPPED;
  else
    {
      status = MOI_JOB_STATUS_FAILED;
      /* The pipeline's messages already name the component ("component
       * “cleaner”: …"); prefixing it again would repeat it. */
      message = g_strdup (error->message);
    }

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->in_flight, file_id);
  /* On shutdown the file stays "processing" so the next start re-queues it:
   * it was cut short, not stopped by anyone. */
  if (self->stopping && status == MOI_JOB_STATUS_STOPPED)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  moi_store_file_run_submit (run, status, message);
}

static gpointer
worker_main (gpointer data)
{
  MoiJobRunner *self = data;

  for (;;)
    {
      g_autoptr(JsonObject) file = NULL;
      guint generation;

      g_mutex_lock (&self->lock);
      generation = self->generation;
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      if ((file = moi_store_claim_next_file (self->store)) != NULL)
        {
          process_file (self, file);
          continue;
        }

      g_mutex_lock (&self->lock);
      while (!self->stopping && generation == self->generation)
        g_cond_wait (&self->cond, &self->lock);
      g_mutex_unlock (&self->lock);
    }
  g_object_unref (self);
  return NULL;
}

void
moi_job_runner_wake (MoiJobRunner *self)
{
  g_return_if_fail (MOI_IS_JOB_RUNNER (self));

  g_mutex_lock (&self->lock);
  self->generation++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
moi_job_runner_cancel_workflow (MoiJobRunner *self,
                                const char   *workflow_id)
{
  GHashTableIter iter;
  InFlight *in_flight;

  g_return_if_fail (MOI_IS_JOB_RUNNER (self));

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &in_flight))
    if (g_strcmp0 (in_flight->workflow_id, workflow_id) == 0)
      g_cancellable_cancel (in_flight->cancellable);
  g_mutex_unlock (&self->lock);
}

gboolean
moi_job_runner_stop_workflow (MoiJobRunner  *self,
                              const char    *workflow_id,
                              GError       **error)
{
  g_return_val_if_fail (MOI_IS_JOB_RUNNER (self), FALSE);

  if (!moi_store_stop_workflow (self->store, workflow_id, error))
    return FALSE;
  moi_job_runner_cancel_workflow (self, workflow_id);
  moi_job_runner_reschedule (self, workflow_id);
  return TRUE;
}

/* Schedules -------------------------------------------------------------- */

static guint
add_timeout (MoiJobRunner *self,
             guint         ms,
             GSourceFunc   callback,
             gpointer      data)
{
  g_autoptr(GSource) source = g_timeout_source_new (ms);

  g_source_set_callback (source, callback, data, NULL);
  return g_source_attach (source, self->context);
}

static gboolean
periodic_cb (gpointer data)
{
  Schedule *schedule = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_id = NULL;

  job_id = run_workflow_files (schedule->runner, schedule->workflow_id, NULL, &error);
  if (job_id == NULL && error != NULL)
    g_warning ("Periodic run of workflow %s: %s", schedule->workflow_id, error->message);
  /* The first tick came after the offset; the next ones come every interval. */
  if (schedule->after_offset)
    {
      schedule->after_offset = FALSE;
      schedule->timer_id = add_timeout (schedule->runner, schedule->interval_ms,
                                        periodic_cb, schedule);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
settle_cb (gpointer data)
{
  Schedule *schedule = data;
  g_autoptr(GHashTable) changed = g_steal_pointer (&schedule->changed);
  g_autoptr(GError) error = NULL;
  g_autofree char *job_id = NULL;

  schedule->settle_id = 0;
  schedule->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job_id = run_workflow_files (schedule->runner, schedule->workflow_id, changed, &error);
  if (job_id == NULL && error != NULL)
    g_warning ("Watch run of workflow %s: %s", schedule->workflow_id, error->message);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           data)
{
  Schedule *schedule = data;
  const char *root = g_object_get_data (G_OBJECT (monitor), "moi-root");
  const char *vid = g_object_get_data (G_OBJECT (monitor), "moi-volume-id");
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autofree char *relative = NULL;

  if (event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_RENAMED)
    file = other ? other : file;
  else if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT
           && event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  if (file == NULL || (relative = g_file_get_relative_path (root_file, file)) == NULL)
    return;
  g_hash_table_add (schedule->changed, g_strdup_printf ("%s\n%s", vid, relative));
  remove_source (schedule->runner->context, &schedule->settle_id);
  schedule->settle_id = add_timeout (schedule->runner, WATCH_SETTLE_MS, settle_cb, schedule);
}

static void
watch_folder (Schedule   *schedule,
              const char *root,
              const char *relative,
              const char *volume_id,
              guint       depth)
{
  g_autofree char *path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileMonitor *monitor;
  GFileInfo *info;

  if (depth > 8)
    return;
  monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (monitor), "moi-root", g_strdup (root), g_free);
  g_object_set_data_full (G_OBJECT (monitor), "moi-volume-id", g_strdup (volume_id), g_free);
  g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed_cb), schedule);
  g_ptr_array_add (schedule->monitors, monitor);

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator && (info = g_file_enumerator_next_file (enumerator, NULL, NULL)))
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);

      if (name[0] != '.' && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        watch_folder (schedule, root, child, volume_id, depth + 1);
    }
}

void
moi_job_runner_reschedule (MoiJobRunner *self,
                           const char   *workflow_id)
{
  g_autoptr(JsonObject) workflow = NULL;
  g_autoptr(JsonNode) ids = NULL;
  Schedule *schedule;
  gint64 interval, offset;

  g_return_if_fail (MOI_IS_JOB_RUNNER (self));

  g_hash_table_remove (self->schedules, workflow_id);
  workflow = moi_store_get_workflow (self->store, workflow_id, NULL);
  if (workflow == NULL
      || json_object_get_int_member (workflow, "status") == MOI_WORKFLOW_STATUS_STOPPED
      || json_object_get_int_member (workflow, "status") == MOI_WORKFLOW_STATUS_PAUSED)
    return;
  interval = json_object_get_int_member (workflow, "flow_interval");
  offset = MAX (json_object_get_int_member (workflow, "flow_offset"), 0);
  if (interval == 0)
    return;

  schedule = g_new0 (Schedule, 1);
  schedule->runner = self;
  schedule->workflow_id = g_strdup (workflow_id);
  schedule->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  schedule->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->schedules, g_strdup (workflow_id), schedule);

  if (interval > 0)
    {
      /* First run after the offset, then every interval (both minutes). */
      /* Clamped to what a GLib timeout holds (about 49 days). */
      schedule->interval_ms = MIN (interval, G_MAXUINT / self->minute_ms) * self->minute_ms;
      schedule->after_offset = offset > 0;
      schedule->timer_id = add_timeout (self, offset > 0
                                                ? MIN (offset, G_MAXUINT / self->minute_ms)
                                                  * self->minute_ms
                                                : schedule->interval_ms,
                                        periodic_cb, schedule);
      return;
    }

  ids = moi_json_parse (json_object_get_string_member (workflow, "source_volume_ids"), -1,
                        NULL);
  for (guint i = 0; ids && JSON_NODE_HOLDS_ARRAY (ids)
                    && i < json_array_get_length (json_node_get_array (ids)); i++)
    {
      const char *vid = json_array_get_string_element (json_node_get_array (ids), i);
      g_autoptr(JsonObject) volume = moi_store_get_volume (self->store, vid, NULL);

      if (volume != NULL)
        watch_folder (schedule, json_object_get_string_member (volume, "path"), NULL, vid, 0);
    }
}

/* Files that appeared while the service was down. */
static void
catch_up_watch (MoiJobRunner *self,
                const char   *workflow_id)
{
  g_autoptr(JsonObject) workflow = moi_store_get_workflow (self->store, workflow_id, NULL);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *job_id = NULL;

  if (workflow == NULL || json_object_get_int_member (workflow, "flow_interval") != -1)
    return;
  seen = moi_store_get_seen_files (self->store, workflow_id);
  if ((files = collect_files (self, workflow, NULL, NULL)) == NULL)
    return;
  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      const MoiStoreNewFile *f = files->pdata[i];
      char *key = g_strdup_printf ("%s\n%s", f->source_volume_id, f->file_path);

      if (!g_hash_table_contains (seen, key))
        g_hash_table_add (missing, key);
      else
        g_free (key);
    }
  if (g_hash_table_size (missing) > 0)
    job_id = run_workflow_files (self, workflow_id, missing, NULL);
}

/* Lifecycle -------------------------------------------------------------- */

void
moi_job_runner_start (MoiJobRunner *self)
{
  g_autoptr(GPtrArray) running = NULL;
  guint requeued;

  g_return_if_fail (MOI_IS_JOB_RUNNER (self));
  g_return_if_fail (self->threads->len == 0);

  requeued = moi_store_requeue_processing (self->store);
  if (requeued > 0)
    g_message ("Resuming %u files interrupted by the last shutdown", requeued);

  running = moi_store_list_workflow_ids (self->store, MOI_WORKFLOW_STATUS_RUNNING);
  for (guint i = 0; i < running->len; i++)
    {
      moi_job_runner_reschedule (self, running->pdata[i]);
      catch_up_watch (self, running->pdata[i]);
    }

  for (guint i = 0; i < self->n_workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("moi-worker-%u", i);

      g_ptr_array_add (self->threads, g_thread_new (name, worker_main, g_object_ref (self)));
    }
}

void
moi_job_runner_shutdown (MoiJobRunner *self)
{
  GHashTableIter iter;
  InFlight *in_flight;

  g_return_if_fail (MOI_IS_JOB_RUNNER (self));

  g_hash_table_remove_all (self->schedules);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &in_flight))
    g_cancellable_cancel (in_flight->cancellable);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (self->threads->pdata[i]);
  g_ptr_array_set_size (self->threads, 0);
  /* What the workers finished is on disk before the service exits. */
  moi_store_flush (self->store);
}

static void
moi_job_runner_dispose (GObject *object)
{
  MoiJobRunner *self = (MoiJobRunner *) object;

  g_clear_pointer (&self->schedules, g_hash_table_unref);

  G_OBJECT_CLASS (moi_job_runner_parent_class)->dispose (object);
}

static void
moi_job_runner_finalize (GObject *object)
{
  MoiJobRunner *self = (MoiJobRunner *) object;

  g_clear_pointer (&self->threads, g_ptr_array_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->pipelines, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (moi_job_runner_parent_class)->finalize (object);
}

static void
moi_job_runner_class_init (MoiJobRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_job_runner_dispose;
  object_class->finalize = moi_job_runner_finalize;
}

static void
moi_job_runner_init (MoiJobRunner *self)
{
  /* Test hooks: slow each file down (crash tests), shorten the minute
   * (periodic workflows). */
  const char *delay = g_getenv ("MOI_SERVER_FILE_DELAY_MS");
  const char *minute = g_getenv ("MOI_SERVER_MINUTE_MS");

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->threads = g_ptr_array_new ();
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) in_flight_free);
  self->pipelines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) shared_pipeline_unref);
  self->schedules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) schedule_free);
  self->file_delay_ms = delay ? (guint) g_ascii_strtoull (delay, NULL, 10) : 0;
  self->minute_ms = minute ? (guint) g_ascii_strtoull (minute, NULL, 10) : 0;
  if (self->minute_ms == 0)
    self->minute_ms = 60 * 1000;
}

MoiJobRunner *
moi_job_runner_new (MoiStore *store,
                    guint     n_workers)
{
  MoiJobRunner *self;

  g_return_val_if_fail (MOI_IS_STORE (store), NULL);

  self = g_object_new (MOI_TYPE_JOB_RUNNER, NULL);
  self->store = g_object_ref (store);
  self->n_workers = n_workers > 0 ? n_workers : MAX (g_get_num_processors (), 1);
  self->context = g_main_context_ref_thread_default ();
  return self;
}
