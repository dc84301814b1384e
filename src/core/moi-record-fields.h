/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The field tables behind the wire records (MoiJob, MoiWorkflowInfo...).
 * A record is a final GObject whose instance struct holds one member per
 * field; a static table maps each member to its JSON key, its property and
 * its kind, so that the tolerant reader, the canonical writer and the
 * properties are written once for every record and cannot drift apart. */

typedef enum
{
  MOI_RECORD_STRING,     /* char * */
  MOI_RECORD_INT,        /* int */
  MOI_RECORD_INT64,      /* gint64 */
  MOI_RECORD_BOOLEAN,    /* gboolean */
  MOI_RECORD_TIME_MS,    /* gint64 ms, written as an integer */
  MOI_RECORD_TIME_ISO,   /* gint64 ms, written as "YYYY-MM-DDTHH:MM:SS" (UTC) */
  MOI_RECORD_STRV,       /* char **, never NULL once read */
  MOI_RECORD_INT_ARRAY,  /* GArray of int, never NULL once read */
  MOI_RECORD_OBJECT,     /* GObject of object_type, via from_node / to_node */
  MOI_RECORD_LIST,       /* GListStore of object_type, via from_node / to_node */
  MOI_RECORD_JSON,       /* JsonNode kept as it came (string-encoded JSON decoded) */
} MoiRecordKind;

typedef enum
{
  MOI_RECORD_FIELD_NONE     = 0,
  /* Written as null (not "" or 0) when unset. */
  MOI_RECORD_FIELD_NULLABLE = 1 << 0,
  /* Left out of the output when unset. */
  MOI_RECORD_FIELD_OPTIONAL = 1 << 1,
} MoiRecordFieldFlags;

typedef gpointer  (*MoiRecordFromNode) (JsonNode  *node,
                                        GError   **error);
typedef JsonNode *(*MoiRecordToNode)   (gpointer   object);

typedef struct
{
  const char         *key;       /* JSON key */
  const char         *prop;      /* property name */
  MoiRecordKind       kind;
  MoiRecordFieldFlags flags;
  gsize               offset;    /* G_STRUCT_OFFSET in the instance */
  /* Optional: the key lives in this sub-object ("process_mode"). */
  const char         *parent;
  /* Optional: a top-level key read when the main one is absent
   * ("flow_interval" for process_mode.interval). */
  const char         *alias;
  /* MOI_RECORD_OBJECT / MOI_RECORD_LIST only. */
  GType             (*object_type) (void);
  MoiRecordFromNode   from_node;
  MoiRecordToNode     to_node;
} MoiRecordField;

typedef enum
{
  /* Arrays as arrays, times as the field's kind says, sub-objects nested. */
  MOI_RECORD_STYLE_CANONICAL,
  /* The shape of the spec's create and job-detail responses: arrays and
   * JSON values as JSON-encoded strings ("[1, 2]"), every time as an ISO
   * string, sub-object fields flattened under their alias
   * ("flow_interval"). */
  MOI_RECORD_STYLE_FLAT,
} MoiRecordStyle;

typedef struct
{
  const char           *name;      /* translated record name for errors ("job file") */
  const MoiRecordField *fields;
  guint                 n_fields;
  gsize                 extra_offset; /* JsonObject * for unknown keys */
  const char * const   *ignored_keys; /* NULL-terminated, or NULL: not kept as extra */
  GParamSpec          **pspecs;       /* n_fields + 1 slots, [0] unused */
} MoiRecordClassInfo;

/* Installs one property per field; property ids are index + 1. */
void      moi_record_install_properties (GObjectClass             *klass,
                                         MoiRecordClassInfo       *info);
void      moi_record_get_property       (const MoiRecordClassInfo *info,
                                         gpointer                  instance,
                                         guint                     prop_id,
                                         GValue                   *value);
/* Returns early when the value is unchanged, else stores and notifies. */
void      moi_record_set_property       (const MoiRecordClassInfo *info,
                                         gpointer                  instance,
                                         guint                     prop_id,
                                         const GValue             *value);
/* Frees every member and the extra object (from dispose). */
void      moi_record_clear              (const MoiRecordClassInfo *info,
                                         gpointer                  instance);
/* Gives STRV, INT_ARRAY and LIST members their empty values. */
void      moi_record_init               (const MoiRecordClassInfo *info,
                                         gpointer                  instance);

/* The tolerant reader: fills the members from a JSON object. Missing keys
 * and nulls leave the member as it is; numbers, booleans and arrays sent as
 * strings are converted; keys not in the table go to the extra object.
 * Fails (naming the record and the key) only when a value cannot mean
 * what the field needs, or when @node is not an object. */
gboolean  moi_record_read               (const MoiRecordClassInfo *info,
                                         gpointer                  instance,
                                         JsonNode                 *node,
                                         GError                  **error);
/* The canonical writer: every field in table order (nested ones in their
 * sub-object), then the unknown keys kept by the reader. */
JsonNode *moi_record_write              (const MoiRecordClassInfo *info,
                                         gpointer                  instance,
                                         MoiRecordStyle            style);
/* The same, appended to @out as compact JSON text (what
 * moi_json_to_string() makes of moi_record_write()'s object), without
 * building the object: for servers that write many records and send
 * them on. */
void      moi_record_append             (const MoiRecordClassInfo *info,
                                         gpointer                  instance,
                                         MoiRecordStyle            style,
                                         GString                  *out);

/* Copies every readable+writable property of @src into @dst (same type),
 * notifying only those that change; lets a list keep its item objects when
 * a refresh brings the same ids back. */
void      moi_record_assign             (GObject                  *dst,
                                         GObject                  *src);

/* Parses @text as JSON for string-encoded values ("[1, 2]") with
 * moi_json_parse() (strict, bounded); NULL if it is not JSON. */
JsonNode *moi_record_parse_embedded     (const char               *text);

/* The GObject plumbing every record type shares, driven by its
 * MoiRecordClassInfo @info (defined before): G_DEFINE_FINAL_TYPE, finalize,
 * get/set_property, class_init, and the public type_new(),
 * type_new_from_json() and type_to_json(). The file still defines
 * type_init(), which calls moi_record_init() and sets any defaults. */
#define MOI_DEFINE_RECORD_TYPE(TypeName, type_name, info)                                 \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, G_TYPE_OBJECT)                                \
                                                                                          \
  static void                                                                             \
  type_name##_finalize (GObject *object)                                                  \
  {                                                                                       \
    moi_record_clear (&(info), object);                                                   \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);                         \
  }                                                                                       \
                                                                                          \
  static void                                                                             \
  type_name##_get_property (GObject    *object,                                           \
                            guint       prop_id,                                          \
                            GValue     *value,                                            \
                            GParamSpec *pspec)                                            \
  {                                                                                       \
    moi_record_get_property (&(info), object, prop_id, value);                            \
  }                                                                                       \
                                                                                          \
  static void                                                                             \
  type_name##_set_property (GObject      *object,                                         \
                            guint         prop_id,                                        \
                            const GValue *value,                                          \
                            GParamSpec   *pspec)                                          \
  {                                                                                       \
    moi_record_set_property (&(info), object, prop_id, value);                            \
  }                                                                                       \
                                                                                          \
  static void                                                                             \
  type_name##_class_init (TypeName##Class *klass)                                         \
  {                                                                                       \
    GObjectClass *object_class = G_OBJECT_CLASS (klass);                                  \
                                                                                          \
    object_class->finalize = type_name##_finalize;                                        \
    object_class->get_property = type_name##_get_property;                                \
    object_class->set_property = type_name##_set_property;                                \
    moi_record_install_properties (object_class, &(info));                                \
  }                                                                                       \
                                                                                          \
  TypeName *                                                                              \
  type_name##_new (void)                                                                  \
  {                                                                                       \
    return g_object_new (type_name##_get_type (), NULL);                                  \
  }                                                                                       \
                                                                                          \
  TypeName *                                                                              \
  type_name##_new_from_json (JsonNode  *node,                                             \
                             GError   **error)                                            \
  {                                                                                       \
    g_autoptr(TypeName) self = type_name##_new ();                                        \
                                                                                          \
    if (!moi_record_read (&(info), self, node, error))                                    \
      return NULL;                                                                        \
    return g_steal_pointer (&self);                                                       \
  }                                                                                       \
                                                                                          \
  JsonNode *                                                                              \
  type_name##_to_json (TypeName *self)                                                    \
  {                                                                                       \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()), NULL); \
                                                                                          \
    return moi_record_write (&(info), self, MOI_RECORD_STYLE_CANONICAL);                  \
  }

/* Helpers for records' typed accessors. */
const int *moi_record_int_array_get     (GArray                   *array,
                                         guint                    *n_values);

G_END_DECLS
