/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOI_TYPE_LIST_QUERY (moi_list_query_get_type ())

/* Filters and sort of a list request (workflows, jobs, job files). Each
 * endpoint sends the parts it knows, under its own names (status for
 * workflows, statuses for job files; "ascend"/"descend" for workflows,
 * "asc"/"desc" for jobs). Reference counted; treat as immutable once given
 * to a MoiPagedList. */
typedef struct _MoiListQuery MoiListQuery;

GType         moi_list_query_get_type        (void) G_GNUC_CONST;
MoiListQuery *moi_list_query_new             (void);
MoiListQuery *moi_list_query_copy            (MoiListQuery *self);
MoiListQuery *moi_list_query_ref             (MoiListQuery *self);
void          moi_list_query_unref           (MoiListQuery *self);
gboolean      moi_list_query_equal           (MoiListQuery *a,
                                              MoiListQuery *b);

void          moi_list_query_set_name_search (MoiListQuery *self,
                                              const char   *text);
void          moi_list_query_set_creator     (MoiListQuery *self,
                                              const char   *creator);
void          moi_list_query_set_workflow_id (MoiListQuery *self,
                                              const char   *workflow_id);
/* Milliseconds since the epoch; 0 leaves that end open. */
void          moi_list_query_set_time_range  (MoiListQuery *self,
                                              gint64        start_ms,
                                              gint64        end_ms);
/* -1 leaves that end open. */
void          moi_list_query_set_count_range (MoiListQuery *self,
                                              int           count_ge,
                                              int           count_le);
void          moi_list_query_add_status      (MoiListQuery *self,
                                              int           status);
void          moi_list_query_add_file_type   (MoiListQuery *self,
                                              int           file_type);
void          moi_list_query_add_priority    (MoiListQuery *self,
                                              int           priority);
void          moi_list_query_add_process_mode (MoiListQuery *self,
                                               int           interval);
/* NULL field: the service's default order (created_at, newest first). */
void          moi_list_query_set_sort        (MoiListQuery *self,
                                              const char   *field,
                                              gboolean      descending);

const char   *moi_list_query_get_name_search (MoiListQuery *self);
const char   *moi_list_query_get_creator     (MoiListQuery *self);
const char   *moi_list_query_get_workflow_id (MoiListQuery *self);
void          moi_list_query_get_time_range  (MoiListQuery *self,
                                              gint64       *start_ms,
                                              gint64       *end_ms);
void          moi_list_query_get_count_range (MoiListQuery *self,
                                              int          *count_ge,
                                              int          *count_le);
const int    *moi_list_query_get_statuses    (MoiListQuery *self,
                                              guint        *n);
const int    *moi_list_query_get_file_types  (MoiListQuery *self,
                                              guint        *n);
const int    *moi_list_query_get_priorities  (MoiListQuery *self,
                                              guint        *n);
const int    *moi_list_query_get_process_modes (MoiListQuery *self,
                                                guint        *n);
const char   *moi_list_query_get_sort_field  (MoiListQuery *self);
gboolean      moi_list_query_get_sort_descending (MoiListQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiListQuery, moi_list_query_unref)

G_END_DECLS
