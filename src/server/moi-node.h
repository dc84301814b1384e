/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-component.h"
#include "moi-document.h"
#include "moi-pipeline.h"

G_BEGIN_DECLS

/* The runtime side of a component: a MoiNode is built once per pipeline from
 * a MoiComponent (its parameters parsed and checked then) and run once per
 * file. run() must be reentrant: several files of one pipeline run at once,
 * so nodes keep no per-file state in the instance. */

/* What flows along a connection. */
typedef enum
{
  MOI_VALUE_ANY,        /* only for socket declarations: accepts any kind */
  MOI_VALUE_DOCUMENTS,  /* list[Document] */
  MOI_VALUE_SOURCES,    /* list[str | Path | ByteStream] */
  MOI_VALUE_JSON,       /* int, str, dict... as a JsonNode */
} MoiValueKind;

/* A path or a ByteStream: the file a run starts from, or a router's output. */
typedef struct
{
  char       *path;       /* or NULL for an in-memory ByteStream */
  GBytes     *data;       /* a ByteStream's bytes; NULL for a path */
  char       *mime_type;  /* NULL when unknown */
  JsonObject *meta;       /* never NULL */
  /*< private >*/
  gatomicrefcount ref_count;
} MoiSource;

MoiSource *moi_source_new_for_path  (const char  *path,
                                     JsonObject  *meta);
MoiSource *moi_source_new_for_bytes (GBytes      *data,
                                     const char  *mime_type,
                                     JsonObject  *meta);
MoiSource *moi_source_ref           (MoiSource   *self);
void       moi_source_unref         (MoiSource   *self);
/* The ByteStream's bytes, or the file's, read now (not kept: a source is
 * read once per converter, and the source may be shared by threads). */
GBytes    *moi_source_get_data      (MoiSource   *self,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiSource, moi_source_unref)

/* One value on one socket. Immutable once made; reference counted. */
typedef struct
{
  MoiValueKind kind;
  GPtrArray   *items;   /* DOCUMENTS: MoiDocument*, SOURCES: MoiSource* */
  JsonNode    *json;    /* JSON */
  /*< private >*/
  gatomicrefcount ref_count;
} MoiValue;

/* Take ownership of @items / @json. */
MoiValue  *moi_value_new_documents  (GPtrArray   *documents);
MoiValue  *moi_value_new_sources    (GPtrArray   *sources);
MoiValue  *moi_value_new_json       (JsonNode    *json);
MoiValue  *moi_value_new_int        (gint64       value);
MoiValue  *moi_value_new_string     (const char  *value);
MoiValue  *moi_value_ref            (MoiValue    *self);
void       moi_value_unref          (MoiValue    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiValue, moi_value_unref)

/* Copies sharing nothing with @node / @object, in member order. Worker
 * threads share JSON (node parameters, a caller's file meta), and
 * json-glib's reference counts are not atomic, while json_node_copy() (and
 * so moi_json_node_deep_copy()) shares values, objects and arrays by
 * reference: shared JSON must be copied with these, never referenced. */
JsonNode    *moi_node_json_copy        (JsonNode    *node);
JsonObject  *moi_node_json_object_copy (JsonObject  *object);

/* An empty GPtrArray owning MoiDocument references. */
GPtrArray   *moi_document_array_new (void);
/* A new document equal to @document (same id), to change score/embedding
 * without touching the input, since documents are shared between branches. */
MoiDocument *moi_document_dup       (MoiDocument *document);

typedef enum
{
  MOI_SOCKET_MANDATORY = 0,
  MOI_SOCKET_OPTIONAL  = 1 << 0,  /* has a default in run() */
  MOI_SOCKET_VARIADIC  = 1 << 1,  /* Variadic[...]: one value per sender */
  MOI_SOCKET_SOURCES   = 1 << 2,  /* the entry socket that gets the file */
} MoiSocketFlags;

/* Per-file inputs: socket name -> the values that arrived, one per sender,
 * ordered by sender component name (Haystack's sync Pipeline order). */
typedef struct _MoiNodeInputs MoiNodeInputs;

gboolean     moi_node_inputs_has       (MoiNodeInputs *inputs,
                                        const char    *socket);
/* (transfer none) The values on @socket, or NULL when none arrived. */
GPtrArray   *moi_node_inputs_get_all   (MoiNodeInputs *inputs,
                                        const char    *socket);
/* All documents (or sources) of @socket, concatenated in sender order.
 * (transfer full) An empty array when nothing arrived. */
GPtrArray   *moi_node_inputs_get_items (MoiNodeInputs *inputs,
                                        const char    *socket);
/* The JSON value of a single-sender socket, or NULL. (transfer none) */
JsonNode    *moi_node_inputs_get_json  (MoiNodeInputs *inputs,
                                        const char    *socket);

/* Per-file outputs: a node sets only the sockets it emits; a socket left
 * unset is "not taken" and its receivers get nothing (router branches). */
typedef struct _MoiNodeOutputs MoiNodeOutputs;

/* Takes ownership of @value. */
void         moi_node_outputs_set      (MoiNodeOutputs *outputs,
                                        const char     *socket,
                                        MoiValue       *value);

/* What a node's run() may use besides its inputs. */
typedef struct
{
  const char            *file_path;
  const MoiDocumentSink *sink;         /* may be NULL */
  GCancellable          *cancellable;  /* may be NULL */
} MoiNodeContext;

#define MOI_TYPE_NODE (moi_node_get_type ())
G_DECLARE_DERIVABLE_TYPE (MoiNode, moi_node, MOI, NODE, GObject)

struct _MoiNodeClass
{
  GObjectClass parent_class;

  /* Runs the node on one file's inputs; FALSE + @error fails the file. */
  gboolean (*run) (MoiNode              *self,
                   const MoiNodeContext *context,
                   MoiNodeInputs        *inputs,
                   MoiNodeOutputs       *outputs,
                   GError              **error);
};

/* The registry: a node for @component's type (full Haystack/byoa type path).
 * Types without a native implementation give a node that fails each file
 * it is asked to run, saying why; only invalid parameters of a runnable
 * type fail here (the error names the component and key). */
MoiNode     *moi_node_new_for_component (MoiComponent  *component,
                                         GError       **error);
/* TRUE when @type_path runs natively in the local service. */
gboolean     moi_node_type_is_supported (const char    *type_path);

const char  *moi_node_get_name          (MoiNode       *self);
const char  *moi_node_get_type_path     (MoiNode       *self);
JsonObject  *moi_node_get_parameters    (MoiNode       *self);

/* For subclass constructors: name, type and a private copy of the
 * component's init_parameters. */
void         moi_node_init_for_component (MoiNode      *self,
                                          MoiComponent *component);
/* Declared by subclasses while building. */
void         moi_node_add_input         (MoiNode       *self,
                                         const char    *name,
                                         MoiValueKind   kind,
                                         MoiSocketFlags flags);
void         moi_node_add_output        (MoiNode       *self,
                                         const char    *name,
                                         MoiValueKind   kind);
/* Nodes that cannot run accept any socket name, since the sockets of a type
 * we don't know cannot be checked. */
void         moi_node_set_open_sockets  (MoiNode       *self,
                                         gboolean       open_sockets);

gboolean     moi_node_has_open_sockets  (MoiNode       *self);
/* Returns FALSE when there is no such socket; @kind/@flags may be NULL. */
gboolean     moi_node_lookup_input      (MoiNode       *self,
                                         const char    *name,
                                         MoiValueKind  *kind,
                                         MoiSocketFlags *flags);
gboolean     moi_node_lookup_output     (MoiNode       *self,
                                         const char    *name,
                                         MoiValueKind  *kind);
/* Socket names in declaration order. (transfer container) */
GPtrArray   *moi_node_list_inputs       (MoiNode       *self);
GPtrArray   *moi_node_list_outputs      (MoiNode       *self);

gboolean     moi_node_run               (MoiNode              *self,
                                         const MoiNodeContext *context,
                                         MoiNodeInputs        *inputs,
                                         MoiNodeOutputs       *outputs,
                                         GError              **error);

/* For the pipeline runner. */
MoiNodeInputs  *moi_node_inputs_new     (void);
void            moi_node_inputs_free    (MoiNodeInputs  *inputs);
/* Appends (refs) a value to @socket. */
void            moi_node_inputs_add     (MoiNodeInputs  *inputs,
                                         const char     *socket,
                                         MoiValue       *value);
gboolean        moi_node_inputs_is_empty (MoiNodeInputs *inputs);
MoiNodeOutputs *moi_node_outputs_new    (void);
void            moi_node_outputs_free   (MoiNodeOutputs *outputs);
/* (transfer none) The value on @socket, or NULL when not emitted. */
MoiValue       *moi_node_outputs_get    (MoiNodeOutputs *outputs,
                                         const char     *socket);
/* (transfer container) Emitted socket names, sorted. */
GPtrArray      *moi_node_outputs_list   (MoiNodeOutputs *outputs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiNodeInputs, moi_node_inputs_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiNodeOutputs, moi_node_outputs_free)

/* Init-parameter readers shared by the node implementations: they accept
 * the string forms old MOI documents use ("false", "10", "null") and name
 * the component and key in their errors. A missing or null key gives
 * @default_value. */
gboolean     moi_node_param_boolean     (MoiNode       *self,
                                         const char    *key,
                                         gboolean       default_value,
                                         gboolean      *out_value,
                                         GError       **error);
gboolean     moi_node_param_int         (MoiNode       *self,
                                         const char    *key,
                                         gint64         default_value,
                                         gint64        *out_value,
                                         GError       **error);
gboolean     moi_node_param_double      (MoiNode       *self,
                                         const char    *key,
                                         double         default_value,
                                         double        *out_value,
                                         GError       **error);
/* (transfer full) */
gboolean     moi_node_param_string      (MoiNode       *self,
                                         const char    *key,
                                         const char    *default_value,
                                         char         **out_value,
                                         GError       **error);
/* The parameter, or NULL when missing, null or the string "null"/"None".
 * (transfer none) */
JsonNode    *moi_node_get_param         (MoiNode       *self,
                                         const char    *key);
/* An error in MOI_PIPELINE_ERROR about parameter @key of this node. */
void         moi_node_set_param_error   (MoiNode       *self,
                                         GError       **error,
                                         const char    *key,
                                         const char    *reason);

/* Native implementations, one per file; each is a MoiNode subclass whose
 * constructor reads @component's parameters. */
typedef MoiNode *(*MoiNodeConstructor) (MoiComponent  *component,
                                        GError       **error);

MoiNode *moi_file_type_router_new   (MoiComponent *component, GError **error);
MoiNode *moi_metadata_router_new    (MoiComponent *component, GError **error);
MoiNode *moi_document_joiner_new    (MoiComponent *component, GError **error);
MoiNode *moi_document_writer_new    (MoiComponent *component, GError **error);
MoiNode *moi_python_executor_new    (MoiComponent *component, GError **error);
MoiNode *moi_openai_embedder_new    (MoiComponent *component, GError **error);
MoiNode *moi_converter_node_new     (MoiComponent *component, GError **error);
MoiNode *moi_preprocessor_node_new  (MoiComponent *component, GError **error);
gboolean moi_converter_node_type_path_is_known    (const char *type_path);
gboolean moi_preprocessor_node_type_path_is_known (const char *type_path);
/* Fails each file with @reason (a translated sentence saying why). */
MoiNode *moi_unsupported_node_new   (MoiComponent *component,
                                     const char   *reason);
/* NULL when @type_path is not a known-unsupported type. (transfer none) */
const char *moi_unsupported_reason  (const char   *type_path);

/* Haystack's filter syntax (MetadataRouter rules): AND/OR/NOT and
 * ==, !=, >, >=, <, <=, in, not in on "meta.*" fields and "content". */
gboolean moi_filter_validate        (JsonNode     *filter,
                                     GError      **error);
gboolean moi_filter_matches         (JsonNode     *filter,
                                     MoiDocument  *document,
                                     gboolean     *matches,
                                     GError      **error);

/* The MIME type Python's mimetypes.guess_type gives @path, with Haystack's
 * additions (.md/.markdown, .msg). NULL when unknown. (transfer none) */
const char *moi_guess_mime_type     (const char   *path);

G_END_DECLS
