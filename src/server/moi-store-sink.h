/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-pipeline.h"
#include "moi-store.h"

G_BEGIN_DECLS

/* The DocumentWriter sink of one job file: it keeps the file's documents
 * until the run ends, then hands them with the file's result to the store's
 * group commit (moi_store_submit_file()), so a file is written whole or not
 * at all. Duplicate ids are checked as the writers' policies say: within the
 * file at once, against the volume by the commit (FAIL/NONE: the file
 * fails) or, for SKIP, by a lookup so the writer's count is exact. */
typedef struct _MoiStoreFileRun MoiStoreFileRun;

MoiStoreFileRun       *moi_store_file_run_new      (MoiStore        *store,
                                                    const char      *file_id,
                                                    const char      *target_volume_id);
void                   moi_store_file_run_free     (MoiStoreFileRun *run);
const MoiDocumentSink *moi_store_file_run_get_sink (MoiStoreFileRun *run);
guint                  moi_store_file_run_get_n_documents (MoiStoreFileRun *run);
void                   moi_store_file_run_submit   (MoiStoreFileRun *run,
                                                    int              status,
                                                    const char      *error_message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiStoreFileRun, moi_store_file_run_free)

G_END_DECLS
