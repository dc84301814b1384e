/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_VOLUME (moi_volume_get_type ())
G_DECLARE_FINAL_TYPE (MoiVolume, moi_volume, MOI, VOLUME, GObject)

/* A volume of MOI's explore API (/byoa/api/v1/explore/volumes). The
 * cloud's exact fields are not documented; these are the ones both sides
 * agree on, the rest is kept in the extra object. "path" is the local
 * service's folder (absent from cloud volumes). */
MoiVolume  *moi_volume_new             (void);
MoiVolume  *moi_volume_new_from_json   (JsonNode  *node,
                                        GError   **error);
JsonNode   *moi_volume_to_json         (MoiVolume *self);
JsonObject *moi_volume_get_extra       (MoiVolume *self);
const char *moi_volume_get_id          (MoiVolume *self);
const char *moi_volume_get_name        (MoiVolume *self);
const char *moi_volume_get_description (MoiVolume *self);
const char *moi_volume_get_path        (MoiVolume *self);
int         moi_volume_get_file_count  (MoiVolume *self);
gint64      moi_volume_get_created_at  (MoiVolume *self);
gint64      moi_volume_get_updated_at  (MoiVolume *self);
const char *moi_volume_get_creator     (MoiVolume *self);

G_END_DECLS
