/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_VOLUME_FILE (moi_volume_file_get_type ())
G_DECLARE_FINAL_TYPE (MoiVolumeFile, moi_volume_file, MOI, VOLUME_FILE, GObject)

/* A file of a volume (POST /explore/volumes/{vid}/files items). Times
 * are ms since the epoch (0 when not set); duration is in ms. */
MoiVolumeFile *moi_volume_file_new                    (void);
MoiVolumeFile *moi_volume_file_new_from_json          (JsonNode  *node,
                                                       GError   **error);
JsonNode      *moi_volume_file_to_json                (MoiVolumeFile *self);
JsonObject    *moi_volume_file_get_extra              (MoiVolumeFile *self);
const char    *moi_volume_file_get_id                 (MoiVolumeFile *self);
const char    *moi_volume_file_get_file_name          (MoiVolumeFile *self);
int            moi_volume_file_get_file_type          (MoiVolumeFile *self);
gint64         moi_volume_file_get_file_size          (MoiVolumeFile *self);
const char    *moi_volume_file_get_file_path          (MoiVolumeFile *self);
int            moi_volume_file_get_file_status        (MoiVolumeFile *self);
const char    *moi_volume_file_get_source_volume_id   (MoiVolumeFile *self);
const char    *moi_volume_file_get_source_file_id     (MoiVolumeFile *self);
const char    *moi_volume_file_get_target_volume_id   (MoiVolumeFile *self);
const char    *moi_volume_file_get_workflow_meta_id   (MoiVolumeFile *self);
const char    *moi_volume_file_get_workflow_branch_id (MoiVolumeFile *self);
const char    *moi_volume_file_get_job_id             (MoiVolumeFile *self);
const char    *moi_volume_file_get_error_message      (MoiVolumeFile *self);
gint64         moi_volume_file_get_duration           (MoiVolumeFile *self);
gint64         moi_volume_file_get_start_time         (MoiVolumeFile *self);
gint64         moi_volume_file_get_end_time           (MoiVolumeFile *self);
int            moi_volume_file_get_delete_status      (MoiVolumeFile *self);
int            moi_volume_file_get_priority           (MoiVolumeFile *self);

G_END_DECLS
