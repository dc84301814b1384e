/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Append-only files holding the content of stored documents, next to the
 * database; see moi-segments.c. Not thread safe: MoiStore calls it under
 * its lock. */
typedef struct _MoiSegments MoiSegments;

/* A segment grows past this only by the batch that crossed it. */
#define MOI_SEGMENTS_MAX_BYTES ((gint64) 256 * 1024 * 1024)

MoiSegments *moi_segments_open          (const char   *dir,
                                         GError      **error);
/* Reads only, beside the store that writes (no lock, nothing created or
 * cut): segments are found as rows point into them. */
MoiSegments *moi_segments_open_reader   (const char   *dir);
void         moi_segments_free          (MoiSegments  *self);

/* Recovery, at open: @segment's committed size is @size (bytes past it are
 * from a commit that never happened and are cut off). Segments never
 * declared are deleted by moi_segments_forget_undeclared(). */
gboolean     moi_segments_declare       (MoiSegments  *self,
                                         gint64        segment,
                                         gint64        size,
                                         GError      **error);
void         moi_segments_forget_undeclared (MoiSegments *self);

/* Writing: stage the contents of one transaction (the bytes must stay alive
 * until moi_segments_end()), write them before the database commits, then
 * end with whether it did. Staging gives where the bytes will be (either
 * may be NULL); what is staged in a row follows on in the same segment.
 * moi_segments_write_staged() writes what is staged so far and starts its
 * fdatasync in the background, so the caller can do other work meanwhile;
 * more may be staged after it. moi_segments_finish_write() writes the rest
 * and waits until everything is on disk: then the commit may record it. */
void         moi_segments_stage         (MoiSegments  *self,
                                         const char   *data,
                                         gsize         len,
                                         gint64       *segment,
                                         gint64       *offset);
/* Takes back what was staged since @mark (its rows were not written),
 * which must not be written yet. */
guint        moi_segments_get_staged_mark (MoiSegments *self);
void         moi_segments_unstage_to    (MoiSegments  *self,
                                         guint         mark);
gboolean     moi_segments_has_staged    (MoiSegments  *self);
gboolean     moi_segments_write_staged  (MoiSegments  *self,
                                         GError      **error);
gboolean     moi_segments_finish_write  (MoiSegments  *self,
                                         gint64       *segment,
                                         gint64       *new_size,
                                         GError      **error);
void         moi_segments_end           (MoiSegments  *self,
                                         gboolean      committed);
/* The next staged content starts a new segment. */
void         moi_segments_rotate        (MoiSegments  *self);

char        *moi_segments_read          (MoiSegments  *self,
                                         gint64        segment,
                                         gint64        offset,
                                         gint64        len,
                                         GError      **error);
const char  *moi_segments_get_dir       (MoiSegments  *self);
/* Deletes @segment's file (once nothing in the database points into it). */
void         moi_segments_remove        (MoiSegments  *self,
                                         gint64        segment);

G_END_DECLS
