/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-store"

#include "config.h"

#include "moi-segments.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* The content of stored documents lives in append-only segment files
 * (NNNNNN.content) beside the database, which keeps for each document
 * where its bytes are (segment, offset, length) and for each segment how
 * many bytes are committed. Content is written once: through SQLite it was
 * written twice (WAL, then checkpoint) and its pages dragged through the
 * page cache and the B-tree; it was most of the group commit's time.
 *
 * A transaction stages its contents, writes and fdatasyncs them past the
 * committed end, records the new end in the database and commits. A crash
 * before the commit leaves bytes past the recorded end, cut off at the next
 * open; a segment file the database never recorded is deleted.
 *
 * The fdatasync runs on a thread of its own: the group commit writes a
 * batch's contents first, inserts the rows while the disk syncs, and waits
 * for it only before COMMIT. (The sync took a third of the commit's time.)
 * A transaction may write in several steps; each starts a new sync. */

typedef struct
{
  gint64   id;
  int      fd;        /* -1 until used */
  gint64   size;      /* committed bytes */
  gboolean declared;  /* recorded in the database */
} Segment;

struct _MoiSegments
{
  char       *dir;
  int         lock_fd;   /* flock()ed for the store's lifetime; -1 for a reader */
  GHashTable *segments;  /* &Segment.id -> Segment */
  gint64      next_id;
  Segment    *active;    /* where staged content goes */
  GArray     *staged;    /* struct iovec */
  gint64      staged_len;
  guint       n_written;   /* staged buffers already written */
  gint64      written_len;
  int         write_errno; /* a write of this transaction failed */

  /* The sync thread: fdatasync (sync_fd) while sync_asked. */
  GThread    *syncer;
  GMutex      sync_lock;
  GCond       sync_cond;
  int         sync_fd;
  gboolean    sync_asked;
  gboolean    sync_stop;
  int         sync_errno;  /* of the last sync, 0 once read */
};

#define SUFFIX  ".content"
#define MAX_IOV 1024  /* Linux's UIO_MAXIOV */

static void
segment_free (Segment *segment)
{
  if (segment->fd >= 0)
    close (segment->fd);
  g_free (segment);
}

static char *
segment_path (MoiSegments *self,
              gint64       id)
{
  g_autofree char *name = g_strdup_printf ("%06" G_GINT64_FORMAT SUFFIX, id);

  return g_build_filename (self->dir, name, NULL);
}

static Segment *
segment_add (MoiSegments *self,
             gint64       id)
{
  Segment *segment = g_new0 (Segment, 1);

  segment->id = id;
  segment->fd = -1;
  g_hash_table_replace (self->segments, &segment->id, segment);
  self->next_id = MAX (self->next_id, id + 1);
  return segment;
}

static gboolean io_error (GError     **error,
                          int          saved_errno,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
  return FALSE;
}

/* A reader (moi_segments_open_reader()) holds no lock and writes nothing. */
static gboolean
is_reader (MoiSegments *self)
{
  return self->lock_fd < 0;
}

/* Opens @segment's file, creating it (and making its name durable) when
 * @create; a reader's read-only. */
static gboolean
segment_open (MoiSegments  *self,
              Segment      *segment,
              gboolean      create,
              GError      **error)
{
  g_autofree char *path = NULL;
  int flags = (is_reader (self) ? O_RDONLY : O_RDWR) | O_CLOEXEC;

  if (segment->fd >= 0)
    return TRUE;
  path = segment_path (self, segment->id);
  if (create)
    flags |= O_CREAT;
  segment->fd = g_open (path, flags, 0600);
  if (segment->fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The document content file %s is missing"), path);
          return FALSE;
        }
      return io_error (error, saved, _("Could not open the document content file %s: %s"), path, g_strerror (saved));
    }
  if (create)
    {
      int dir_fd = g_open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      /* The new name must be on disk before anything records it. */
      if (dir_fd < 0 || fsync (dir_fd) != 0)
        {
          int saved = errno;

          if (dir_fd >= 0)
            close (dir_fd);
          close (segment->fd);
          segment->fd = -1;
          return io_error (error, saved, _("Could not write to the document content file %s: %s"),
                           path, g_strerror (saved));
        }
      close (dir_fd);
    }
  return TRUE;
}

MoiSegments *
moi_segments_open_reader (const char *dir)
{
  MoiSegments *self = g_new0 (MoiSegments, 1);

  self->lock_fd = -1;
  self->dir = g_strdup (dir);
  self->segments = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) segment_free);
  self->next_id = 1;
  self->staged = g_array_new (FALSE, FALSE, sizeof (struct iovec));
  g_mutex_init (&self->sync_lock);
  g_cond_init (&self->sync_cond);
  return self;
}

MoiSegments *
moi_segments_open (const char  *dir,
                   GError     **error)
{
  g_autoptr(GDir) listing = NULL;
  g_autofree char *lock_path = NULL;
  MoiSegments *self;
  const char *name;
  int lock_fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      io_error (error, errno, _("Cannot create the document content folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  if ((listing = g_dir_open (dir, 0, error)) == NULL)
    return NULL;
  /* Two stores on one folder would write over each other's content (each
   * knows only its own committed sizes): the second one is refused. */
  lock_path = g_build_filename (dir, "lock", NULL);
  if ((lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0
      || flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (lock_fd >= 0)
        close (lock_fd);
      if (saved == EWOULDBLOCK)
        {
          g_autofree char *data_dir = g_path_get_dirname (dir);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("The data folder %s is in use by another MOI service"), data_dir);
        }
      else
        io_error (error, saved, _("Could not lock the document content folder %s: %s"), dir,
                  g_strerror (saved));
      return NULL;
    }

  self = moi_segments_open_reader (dir);
  self->lock_fd = lock_fd;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (name, &end, 10);

      if (id > 0 && end != name && g_str_equal (end, SUFFIX))
        segment_add (self, id);
    }
  return self;
}

void
moi_segments_free (MoiSegments *self)
{
  if (self == NULL)
    return;
  if (self->syncer != NULL)
    {
      g_mutex_lock (&self->sync_lock);
      self->sync_stop = TRUE;
      g_cond_broadcast (&self->sync_cond);
      g_mutex_unlock (&self->sync_lock);
      g_thread_join (self->syncer);
    }
  g_mutex_clear (&self->sync_lock);
  g_cond_clear (&self->sync_cond);
  g_hash_table_unref (self->segments);
  g_array_unref (self->staged);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->dir);
  g_free (self);
}

gboolean
moi_segments_declare (MoiSegments  *self,
                      gint64        id,
                      gint64        size,
                      GError      **error)
{
  Segment *segment = g_hash_table_lookup (self->segments, &id);
  g_autofree char *path = segment_path (self, id);
  struct stat st;

  if (segment == NULL)
    segment = segment_add (self, id);
  segment->declared = TRUE;
  segment->size = size;
  if (!segment_open (self, segment, size == 0, error))
    return FALSE;
  if (fstat (segment->fd, &st) != 0)
    return io_error (error, errno, _("Could not read the document content file %s: %s"), path, g_strerror (errno));
  /* The tail of a commit that did not happen. */
  if (st.st_size > size && ftruncate (segment->fd, size) != 0)
    return io_error (error, errno, _("Could not repair the document content file %s: %s"), path, g_strerror (errno));
  if (st.st_size < size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The document content file %s is shorter than the database records "
                     "(%lld of %lld bytes): documents stored "
                     "at its end cannot be read"), path, (long long) st.st_size, (long long) size);
      return FALSE;
    }
  /* New content goes to the newest sound segment (a damaged one stays as
   * it is, for its readable documents). */
  if (self->active == NULL || id > self->active->id)
    self->active = segment;
  return TRUE;
}

void
moi_segments_forget_undeclared (MoiSegments *self)
{
  GHashTableIter iter;
  Segment *segment;

  g_hash_table_iter_init (&iter, self->segments);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &segment))
    if (!segment->declared && segment != self->active)
      {
        g_autofree char *path = segment_path (self, segment->id);

        g_unlink (path);
        g_hash_table_iter_remove (&iter);
      }
}

void
moi_segments_stage (MoiSegments *self,
                    const char  *data,
                    gsize        len,
                    gint64      *segment,
                    gint64      *offset)
{
  if (self->staged_len == 0
      && (self->active == NULL || self->active->size >= MOI_SEGMENTS_MAX_BYTES))
    self->active = segment_add (self, self->next_id);
  if (segment != NULL)
    *segment = self->active->id;
  if (offset != NULL)
    *offset = self->active->size + self->staged_len;
  if (len > 0)
    {
      struct iovec iov = { (void *) data, len };

      g_array_append_val (self->staged, iov);
      self->staged_len += len;
    }
}

guint
moi_segments_get_staged_mark (MoiSegments *self)
{
  return self->staged->len;
}

void
moi_segments_unstage_to (MoiSegments *self,
                         guint        mark)
{
  g_return_if_fail (mark >= self->n_written && mark <= self->staged->len);

  for (guint i = mark; i < self->staged->len; i++)
    self->staged_len -= g_array_index (self->staged, struct iovec, i).iov_len;
  g_array_set_size (self->staged, mark);
}

gboolean
moi_segments_has_staged (MoiSegments *self)
{
  return self->staged_len > 0;
}

static gpointer
syncer_main (gpointer data)
{
  MoiSegments *self = data;

  g_mutex_lock (&self->sync_lock);
  for (;;)
    {
      int fd, saved;

      while (!self->sync_asked && !self->sync_stop)
        g_cond_wait (&self->sync_cond, &self->sync_lock);
      if (!self->sync_asked)
        break;
      fd = self->sync_fd;
      g_mutex_unlock (&self->sync_lock);
      saved = fdatasync (fd) == 0 ? 0 : errno;
      g_mutex_lock (&self->sync_lock);
      if (saved != 0 && self->sync_errno == 0)
        self->sync_errno = saved;
      self->sync_asked = FALSE;
      g_cond_broadcast (&self->sync_cond);
    }
  g_mutex_unlock (&self->sync_lock);
  return NULL;
}

/* Waits for the running sync, if any; its errno (0 if none failed since
 * the last call). */
static int
wait_for_sync (MoiSegments *self)
{
  int saved;

  g_mutex_lock (&self->sync_lock);
  while (self->sync_asked)
    g_cond_wait (&self->sync_cond, &self->sync_lock);
  saved = self->sync_errno;
  self->sync_errno = 0;
  g_mutex_unlock (&self->sync_lock);
  return saved;
}

static void
start_sync (MoiSegments *self,
            int          fd)
{
  g_mutex_lock (&self->sync_lock);
  if (self->syncer == NULL)
    self->syncer = g_thread_new ("moi-content-sync", syncer_main, self);
  /* A sync already running may have started before the last write. */
  while (self->sync_asked)
    g_cond_wait (&self->sync_cond, &self->sync_lock);
  self->sync_fd = fd;
  self->sync_asked = TRUE;
  g_cond_broadcast (&self->sync_cond);
  g_mutex_unlock (&self->sync_lock);
}

/* Writes all of @iov (consumed) at @at; 0 or the errno. */
static int
write_all (int           fd,
           struct iovec *iov,
           guint         n,
           gint64        at)
{
  while (n > 0)
    {
      ssize_t done = pwritev (fd, iov, MIN (n, MAX_IOV), at);

      if (done < 0 && errno == EINTR)
        continue;
      if (done < 0)
        return errno;
      if (done == 0)
        return ENOSPC;
      at += done;
      /* Skip what was written, resuming a partly written buffer. */
      while (n > 0 && (gsize) done >= iov->iov_len)
        {
          done -= iov->iov_len;
          iov++;
          n--;
        }
      if (n > 0)
        {
          iov->iov_base = (char *) iov->iov_base + done;
          iov->iov_len -= done;
        }
    }
  return 0;
}

/* FALSE, with the error, if a write of this transaction failed (then its
 * bytes are not all there, whatever was written after). */
static gboolean
check_written (MoiSegments  *self,
              GError      **error)
{
  g_autofree char *path = NULL;

  if (self->write_errno == 0)
    return TRUE;
  path = segment_path (self, self->active->id);
  return io_error (error, self->write_errno,
                   _("Could not write to the document content file %s: %s"), path,
                   g_strerror (self->write_errno));
}

gboolean
moi_segments_write_staged (MoiSegments  *self,
                           GError      **error)
{
  Segment *active = self->active;
  struct iovec *iov = (struct iovec *) (gpointer) self->staged->data + self->n_written;
  guint n = self->staged->len - self->n_written;
  gint64 len = self->staged_len - self->written_len;
  int saved;

  g_return_val_if_fail (self->staged_len > 0, FALSE);

  if (len == 0)
    return check_written (self, error);
  if (!segment_open (self, active, TRUE, error))
    return FALSE;
  /* write_all() consumes the buffers: they are not needed again. */
  saved = write_all (active->fd, iov, n, active->size + self->written_len);
  self->n_written = self->staged->len;
  self->written_len = self->staged_len;
  if (saved == 0)
    start_sync (self, active->fd);
  else if (self->write_errno == 0)
    self->write_errno = saved;
  return check_written (self, error);
}

gboolean
moi_segments_finish_write (MoiSegments  *self,
                           gint64       *segment,
                           gint64       *new_size,
                           GError      **error)
{
  int saved;

  g_return_val_if_fail (self->staged_len > 0, FALSE);

  if (!moi_segments_write_staged (self, error))
    return FALSE;
  if ((saved = wait_for_sync (self)) != 0 && self->write_errno == 0)
    self->write_errno = saved;
  if (!check_written (self, error))
    return FALSE;
  *segment = self->active->id;
  *new_size = self->active->size + self->staged_len;
  return TRUE;
}

void
moi_segments_end (MoiSegments *self,
                  gboolean     committed)
{
  /* The sync thread may still use the file. */
  wait_for_sync (self);
  if (committed && self->written_len > 0)
    {
      self->active->size += self->staged_len;
      self->active->declared = TRUE;
    }
  else if (self->written_len > 0 && self->active->fd >= 0)
    {
      /* Not needed for correctness (the next write goes over it, and an
       * open cuts it off), but leaves no garbage. */
      if (ftruncate (self->active->fd, self->active->size) != 0)
        g_debug ("Could not cut back segment %" G_GINT64_FORMAT ": %s", self->active->id,
                 g_strerror (errno));
    }
  g_array_set_size (self->staged, 0);
  self->staged_len = 0;
  self->n_written = 0;
  self->written_len = 0;
  self->write_errno = 0;
}

void
moi_segments_rotate (MoiSegments *self)
{
  g_return_if_fail (self->staged_len == 0);
  self->active = NULL;
}

static char *
damaged (MoiSegments  *self,
         gint64        id,
         gint64        offset,
         GError      **error)
{
  g_autofree char *path = segment_path (self, id);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The document content file %s is damaged at byte %lld"),
               path, (long long) offset);
  return NULL;
}

char *
moi_segments_read (MoiSegments  *self,
                   gint64        id,
                   gint64        offset,
                   gint64        len,
                   GError      **error)
{
  Segment *segment = g_hash_table_lookup (self->segments, &id);
  g_autofree char *data = NULL;
  gint64 done = 0;

  /* Empty content takes no bytes: its segment may not exist yet. */
  if (len == 0 && offset >= 0)
    return g_strdup ("");
  if (len < 0 || offset < 0)
    return damaged (self, id, offset, error);
  if (segment == NULL)
    {
      g_autofree char *path = segment_path (self, id);

      /* A reader learns of segments as rows point into them. */
      if (!is_reader (self) || !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The document content file %s is missing"), path);
          return NULL;
        }
      segment = segment_add (self, id);
    }
  if (!segment_open (self, segment, FALSE, error))
    return NULL;
  data = g_malloc (len + 1);
  while (done < len)
    {
      ssize_t n = pread (segment->fd, data + done, len - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_autofree char *path = segment_path (self, id);
          int saved = errno;

          io_error (error, saved, _("Could not read the document content file %s: %s"), path,
                    g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  data[done] = '\0';
  if (done < len || !g_utf8_validate (data, len, NULL))
    return damaged (self, id, offset, error);
  return g_steal_pointer (&data);
}

const char *
moi_segments_get_dir (MoiSegments *self)
{
  return self->dir;
}

void
moi_segments_remove (MoiSegments *self,
                     gint64       id)
{
  g_autofree char *path = segment_path (self, id);
  Segment *segment = g_hash_table_lookup (self->segments, &id);

  g_return_if_fail (segment == NULL || segment != self->active || self->staged_len == 0);

  if (segment == self->active)
    self->active = NULL;
  g_hash_table_remove (self->segments, &id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", path, g_strerror (errno));
}
