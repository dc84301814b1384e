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

G_DEFINE_FINAL_TYPE (MoiVolume, moi_volume, G_TYPE_OBJECT)

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

static void
moi_volume_finalize (GObject *object)
{
  moi_record_clear (&record_info, object);

  G_OBJECT_CLASS (moi_volume_parent_class)->finalize (object);
}

static void
moi_volume_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  moi_record_get_property (&record_info, object, prop_id, value);
}

static void
moi_volume_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  moi_record_set_property (&record_info, object, prop_id, value);
}

static void
moi_volume_class_init (MoiVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_volume_finalize;
  object_class->get_property = moi_volume_get_property;
  object_class->set_property = moi_volume_set_property;

  moi_record_install_properties (object_class, &record_info);
}

static void
moi_volume_init (MoiVolume *self)
{
  moi_record_init (&record_info, self);
}

MoiVolume *
moi_volume_new (void)
{
  return g_object_new (MOI_TYPE_VOLUME, NULL);
}

MoiVolume *
moi_volume_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(MoiVolume) self = moi_volume_new ();

  if (!moi_record_read (&record_info, self, node, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
moi_volume_to_json (MoiVolume *self)
{
  g_return_val_if_fail (MOI_IS_VOLUME (self), NULL);

  return moi_record_write (&record_info, self, MOI_RECORD_STYLE_CANONICAL);
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
