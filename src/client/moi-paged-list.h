/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "moi-client.h"

G_BEGIN_DECLS

#define MOI_TYPE_PAGED_LIST (moi_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (MoiPagedList, moi_paged_list, MOI, PAGED_LIST, GObject)

/* A GListModel over a paged endpoint (workflows, jobs, or a job's files).
 * n-items is the service's total; get_item() returns at once — for a page
 * not fetched yet, an empty record that is filled in (property
 * notifications) when its page arrives, so each page is fetched once as a
 * view scrolls. Refreshing re-fetches the pages already seen and keeps the
 * item objects whose ids come back, so selections survive. */
MoiPagedList     *moi_paged_list_new_workflows (MoiClient     *client,
                                                MoiListQuery  *query);
MoiPagedList     *moi_paged_list_new_jobs      (MoiClient     *client,
                                                MoiListQuery  *query);
/* @query: only its statuses are used. */
MoiPagedList     *moi_paged_list_new_job_files (MoiClient     *client,
                                                const char    *job_id,
                                                MoiListQuery  *query);

MoiClient        *moi_paged_list_get_client    (MoiPagedList  *self);
MoiListQuery     *moi_paged_list_get_query     (MoiPagedList  *self);
/* A different query empties the list and starts again from the first page. */
void              moi_paged_list_set_query     (MoiPagedList  *self,
                                                MoiListQuery  *query);
guint             moi_paged_list_get_page_size (MoiPagedList  *self);
/* Takes effect at the next set_query () or reset; default 50. */
void              moi_paged_list_set_page_size (MoiPagedList  *self,
                                                guint          page_size);
gboolean          moi_paged_list_get_loading   (MoiPagedList  *self);
/* The last page's error, NULL once a page loads again. */
const GError     *moi_paged_list_get_error     (MoiPagedList  *self);
/* Job files only: the per-status counters of the last page (same object
 * throughout, updated in place). */
MoiJobFileCounts *moi_paged_list_get_counts    (MoiPagedList  *self);
void              moi_paged_list_refresh       (MoiPagedList  *self);
/* Where the item with @id is, among the items loaded. */
gboolean          moi_paged_list_find_id       (MoiPagedList  *self,
                                                const char    *id,
                                                guint         *position);

G_END_DECLS
