/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-client"

#include "config.h"

#include "moi-enums.h"
#include "moi-job-watcher.h"

#define DEFAULT_MIN_INTERVAL 1000
#define DEFAULT_MAX_INTERVAL 10000

struct _MoiJobWatcher
{
  GObject parent_instance;

  MoiClient *client;
  char *job_id;
  int status;
  int progress;
  char *message;
  MoiJobFileCounts *counts;
  GError *error;
  gboolean running;
  gboolean finished;

  guint min_interval;
  guint max_interval;
  guint interval;
  guint timeout_id;
  GCancellable *cancellable;
  gboolean changed;          /* anything changed during this poll */
};

G_DEFINE_FINAL_TYPE (MoiJobWatcher, moi_job_watcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_JOB_ID,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_MESSAGE,
  PROP_COUNTS,
  PROP_RUNNING,
  PROP_FINISHED,
  PROP_ERROR,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Callbacks hold no reference, so dropping the watcher stops it; they
 * check the poll's own cancellable before touching it. */
typedef struct
{
  MoiJobWatcher *self;
  GCancellable *cancellable;
} Poll;

static void schedule (MoiJobWatcher *self);

static Poll *
poll_new (MoiJobWatcher *self)
{
  Poll *poll = g_new0 (Poll, 1);

  poll->self = self;
  poll->cancellable = g_object_ref (self->cancellable);
  return poll;
}

static void
poll_free (Poll *poll)
{
  g_object_unref (poll->cancellable);
  g_free (poll);
}

static void
set_running (MoiJobWatcher *self,
             gboolean       running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_error (MoiJobWatcher *self,
           const GError  *error)
{
  if (moi_client_error_replace (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_interval (MoiJobWatcher *self,
              guint          interval)
{
  interval = CLAMP (interval, self->min_interval, self->max_interval);
  if (self->interval == interval)
    return;
  self->interval = interval;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

static void
halt (MoiJobWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
}

/* Shows @error; a refused key or a job that is gone will not come right by
 * itself, so those stop the watch. TRUE when stopped. */
static gboolean
stop_on_error (MoiJobWatcher *self,
               const GError  *error)
{
  set_error (self, error);
  if (!g_error_matches (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_UNAUTHORIZED) &&
      !g_error_matches (error, MOI_CLIENT_ERROR, MOI_CLIENT_ERROR_NOT_FOUND))
    return FALSE;
  halt (self);
  return TRUE;
}

/* After both answers, so that "finished" comes with the final counters. */
static void
poll_done (MoiJobWatcher *self)
{
  if (moi_job_status_is_final (self->status))
    {
      halt (self);
      self->finished = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  set_interval (self, self->changed ? self->min_interval : self->interval * 2);
  schedule (self);
}

static void
on_counts (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;
  MoiJobWatcher *self = poll->self;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (poll->cancellable);

  files = moi_client_list_job_files_finish (MOI_CLIENT (source), result, NULL, &counts, &error);
  poll_free (poll);
  if (cancelled)
    return;

  if (files == NULL)
    {
      if (stop_on_error (self, error))
        return;
    }
  else if (counts != NULL)
    {
      g_autoptr(JsonNode) before = moi_job_file_counts_to_json (self->counts);
      g_autoptr(JsonNode) after = moi_job_file_counts_to_json (counts);

      if (!json_node_equal (before, after))
        {
          self->changed = TRUE;
          moi_record_assign (G_OBJECT (self->counts), G_OBJECT (counts));
        }
    }
  poll_done (self);
}

static void
on_status (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;
  MoiJobWatcher *self = poll->self;
  g_autoptr(MoiJobStatusInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GObject *object;

  info = moi_client_get_job_status_finish (MOI_CLIENT (source), result, &error);
  if (g_cancellable_is_cancelled (poll->cancellable))
    {
      poll_free (poll);
      return;
    }

  if (info == NULL)
    {
      poll_free (poll);
      if (stop_on_error (self, error))
        return;
      /* Back off while the service fails. */
      self->changed = FALSE;
      poll_done (self);
      return;
    }

  set_error (self, NULL);
  object = G_OBJECT (self);
  g_object_freeze_notify (object);
  if (self->status != moi_job_status_info_get_status (info))
    {
      self->status = moi_job_status_info_get_status (info);
      self->changed = TRUE;
      g_object_notify_by_pspec (object, properties[PROP_STATUS]);
    }
  if (self->progress != moi_job_status_info_get_progress (info))
    {
      self->progress = moi_job_status_info_get_progress (info);
      self->changed = TRUE;
      g_object_notify_by_pspec (object, properties[PROP_PROGRESS]);
    }
  if (g_strcmp0 (self->message, moi_job_status_info_get_message (info)) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (moi_job_status_info_get_message (info));
      g_object_notify_by_pspec (object, properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (object);

  /* One request for the counters (page_size 1: only the totals matter). */
  moi_client_list_job_files_async (self->client, self->job_id, NULL, 1, 1, poll->cancellable,
                                   on_counts, poll);
}

static gboolean
poll_cb (gpointer user_data)
{
  MoiJobWatcher *self = user_data;

  self->timeout_id = 0;
  self->changed = FALSE;
  moi_client_get_job_status_async (self->client, self->job_id, self->cancellable, on_status,
                                   poll_new (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (MoiJobWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->interval, poll_cb, self);
}

static void
moi_job_watcher_dispose (GObject *object)
{
  MoiJobWatcher *self = (MoiJobWatcher *)object;

  halt (self);
  g_clear_object (&self->client);
  g_clear_object (&self->counts);

  G_OBJECT_CLASS (moi_job_watcher_parent_class)->dispose (object);
}

static void
moi_job_watcher_finalize (GObject *object)
{
  MoiJobWatcher *self = (MoiJobWatcher *)object;

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (moi_job_watcher_parent_class)->finalize (object);
}

static void
moi_job_watcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MoiJobWatcher *self = MOI_JOB_WATCHER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_COUNTS:
      g_value_set_object (value, self->counts);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_job_watcher_class_init (MoiJobWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = moi_job_watcher_dispose;
  object_class->finalize = moi_job_watcher_finalize;
  object_class->get_property = moi_job_watcher_get_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MOI_TYPE_CLIENT, ro);
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, G_MININT, G_MAXINT, 0, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_COUNTS] =
    g_param_spec_object ("counts", NULL, NULL, MOI_TYPE_JOB_FILE_COUNTS, ro);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_MIN_INTERVAL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
moi_job_watcher_init (MoiJobWatcher *self)
{
  self->status = -1;
  self->min_interval = DEFAULT_MIN_INTERVAL;
  self->max_interval = DEFAULT_MAX_INTERVAL;
  self->interval = DEFAULT_MIN_INTERVAL;
  self->counts = moi_job_file_counts_new ();
}

MoiJobWatcher *
moi_job_watcher_new (MoiClient  *client,
                     const char *job_id)
{
  MoiJobWatcher *self;

  g_return_val_if_fail (MOI_IS_CLIENT (client), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);

  self = g_object_new (MOI_TYPE_JOB_WATCHER, NULL);
  self->client = g_object_ref (client);
  self->job_id = g_strdup (job_id);
  moi_job_watcher_start (self);
  return self;
}

const char *
moi_job_watcher_get_job_id (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), NULL);
  return self->job_id;
}

int
moi_job_watcher_get_status (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), -1);
  return self->status;
}

int
moi_job_watcher_get_progress (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), 0);
  return self->progress;
}

const char *
moi_job_watcher_get_message (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), NULL);
  return self->message;
}

MoiJobFileCounts *
moi_job_watcher_get_counts (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), NULL);
  return self->counts;
}

gboolean
moi_job_watcher_get_running (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), FALSE);
  return self->running;
}

gboolean
moi_job_watcher_get_finished (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), FALSE);
  return self->finished;
}

const GError *
moi_job_watcher_get_error (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), NULL);
  return self->error;
}

guint
moi_job_watcher_get_interval (MoiJobWatcher *self)
{
  g_return_val_if_fail (MOI_IS_JOB_WATCHER (self), 0);
  return self->interval;
}

void
moi_job_watcher_set_intervals (MoiJobWatcher *self,
                               guint          min_interval,
                               guint          max_interval)
{
  g_return_if_fail (MOI_IS_JOB_WATCHER (self));
  g_return_if_fail (min_interval > 0 && min_interval <= max_interval);

  self->min_interval = min_interval;
  self->max_interval = max_interval;
  set_interval (self, self->interval);
  if (self->timeout_id != 0)
    schedule (self);
}

void
moi_job_watcher_start (MoiJobWatcher *self)
{
  g_return_if_fail (MOI_IS_JOB_WATCHER (self));

  halt (self);
  self->cancellable = g_cancellable_new ();
  if (self->finished)
    {
      /* Restarted after a retry: the job may run again. */
      self->finished = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
    }
  set_interval (self, self->min_interval);
  set_running (self, TRUE);
  self->timeout_id = g_idle_add (poll_cb, self);
}

void
moi_job_watcher_stop (MoiJobWatcher *self)
{
  g_return_if_fail (MOI_IS_JOB_WATCHER (self));

  halt (self);
}
