/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-wire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-record-fields.h"
#include "moi-volume.h"

struct _MoiVolume
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  char *path;
  int file_count;
  gint64 created_at;
  gint64 updated_at;
  char *creator;
  JsonObject *extra;
};

static const MoiRecordField fields[] = {
  { "id", "id", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolume, id) },
  { "name", "name", MOI_RECORD_STRING, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolume, name) },
  { "description", "description", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolume, description) },
  { "path", "path", MOI_RECORD_STRING, MOI_RECORD_FIELD_OPTIONAL,
    G_STRUCT_OFFSET (MoiVolume, path) },
  { "file_count", "file-count", MOI_RECORD_INT, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolume, file_count) },
  { "created_at", "created-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolume, created_at) },
  { "updated_at", "updated-at", MOI_RECORD_TIME_MS, MOI_RECORD_FIELD_NONE,
    G_STRUCT_OFFSET (MoiVolume, updated_at) },
  { "creator", "creator", MOI_RECORD_STRING, MOI_RECORD_FIELD_NULLABLE,
    G_STRUCT_OFFSET (MoiVolume, creator) },
};

static MoiRecordClassInfo record_info = {
  N_("Volume"), fields, G_N_ELEMENTS (fields),
  G_STRUCT_OFFSET (MoiVolume, extra), NULL, NULL,
};

MOI_DEFINE_RECORD_TYPE (MoiVolume, moi_volume, record_info)

static void
moi_volume_init (MoiVolume *self)
{
  moi_record_init (&record_info, self);
}

JsonObject *
moi_volume_get_extra (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->extra;
}

const char *
moi_volume_get_id (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->id;
}

const char *
moi_volume_get_name (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->name;
}

const char *
moi_volume_get_description (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->description;
}

const char *
moi_volume_get_path (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->path;
}

int
moi_volume_get_file_count (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), 0);

  return self->file_count;
}

gint64
moi_volume_get_created_at (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), 0);

  return self->created_at;
}

gint64
moi_volume_get_updated_at (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), 0);

  return self->updated_at;
}

const char *
moi_volume_get_creator (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return self->creator;
}
