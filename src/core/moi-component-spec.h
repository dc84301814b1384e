/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "moi-socket-type.h"

G_BEGIN_DECLS

typedef enum
{
  MOI_SOCKET_DIRECTION_INPUT,
  MOI_SOCKET_DIRECTION_OUTPUT,
} MoiSocketDirection;

/* What the inspector shows for a parameter, and what validation checks. */
typedef enum
{
  MOI_PARAMETER_KIND_BOOL,
  MOI_PARAMETER_KIND_INT,
  MOI_PARAMETER_KIND_FLOAT,
  MOI_PARAMETER_KIND_STRING,
  MOI_PARAMETER_KIND_ENUM,
  MOI_PARAMETER_KIND_STRING_LIST,
  MOI_PARAMETER_KIND_REGEX,
  MOI_PARAMETER_KIND_DICT,
  MOI_PARAMETER_KIND_OBJECT,
  MOI_PARAMETER_KIND_SECRET,
  MOI_PARAMETER_KIND_DOCUMENT_STORE,
  MOI_PARAMETER_KIND_JSON,
} MoiParameterKind;

/* Result of checking one parameter value against its spec. */
typedef enum
{
  MOI_PARAMETER_CHECK_OK,
  MOI_PARAMETER_CHECK_WRONG_KIND,
  MOI_PARAMETER_CHECK_OUT_OF_RANGE,
  MOI_PARAMETER_CHECK_NOT_ALLOWED,
  MOI_PARAMETER_CHECK_INVALID,
} MoiParameterCheck;

#define MOI_TYPE_SOCKET_DIRECTION (moi_socket_direction_get_type ())
#define MOI_TYPE_PARAMETER_KIND   (moi_parameter_kind_get_type ())
#define MOI_TYPE_SOCKET_SPEC      (moi_socket_spec_get_type ())
#define MOI_TYPE_PARAMETER_SPEC   (moi_parameter_spec_get_type ())
#define MOI_TYPE_COMPONENT_SPEC   (moi_component_spec_get_type ())

GType moi_socket_direction_get_type (void) G_GNUC_CONST;
GType moi_parameter_kind_get_type   (void) G_GNUC_CONST;

/* "bool", "int", ..., "document-store", "json" as in catalog.json. */
const char *moi_parameter_kind_to_string   (MoiParameterKind  kind);
gboolean    moi_parameter_kind_from_string (const char       *text,
                                            MoiParameterKind *kind);

/* ---------------------------------------------------------------- sockets */

/* One input or output socket. Immutable, reference counted. */
typedef struct _MoiSocketSpec MoiSocketSpec;

GType               moi_socket_spec_get_type        (void) G_GNUC_CONST;
/* For sockets that are not in the catalog (router outputs, generic nodes):
 * the label is the name, untranslated. */
MoiSocketSpec      *moi_socket_spec_new             (const char          *name,
                                                     MoiSocketDirection   direction,
                                                     const char          *type,
                                                     gboolean             optional,
                                                     GError             **error);
MoiSocketSpec      *moi_socket_spec_ref             (MoiSocketSpec       *self);
void                moi_socket_spec_unref           (MoiSocketSpec       *self);
const char         *moi_socket_spec_get_name        (MoiSocketSpec       *self);
MoiSocketDirection  moi_socket_spec_get_direction   (MoiSocketSpec       *self);
/* The type as the catalog writes it ("Sources", "Variadic[list[Document]]"). */
const char         *moi_socket_spec_get_type_string (MoiSocketSpec       *self);
MoiSocketType      *moi_socket_spec_get_socket_type (MoiSocketSpec       *self);
/* Translated. */
const char         *moi_socket_spec_get_label       (MoiSocketSpec       *self);
/* Translated; NULL when there is none. */
const char         *moi_socket_spec_get_description (MoiSocketSpec       *self);
/* An input with a default in run(): Haystack does not require it. */
gboolean            moi_socket_spec_is_optional     (MoiSocketSpec       *self);
/* An input that accepts several senders. */
gboolean            moi_socket_spec_is_variadic     (MoiSocketSpec       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiSocketSpec, moi_socket_spec_unref)

/* ------------------------------------------------------------- parameters */

/* One init parameter. Immutable, reference counted. */
typedef struct _MoiParameterSpec MoiParameterSpec;

GType               moi_parameter_spec_get_type        (void) G_GNUC_CONST;
MoiParameterSpec   *moi_parameter_spec_ref             (MoiParameterSpec *self);
void                moi_parameter_spec_unref           (MoiParameterSpec *self);
const char         *moi_parameter_spec_get_name        (MoiParameterSpec *self);
MoiParameterKind    moi_parameter_spec_get_kind        (MoiParameterSpec *self);
/* Translated. */
const char         *moi_parameter_spec_get_label       (MoiParameterSpec *self);
const char         *moi_parameter_spec_get_description (MoiParameterSpec *self);
/* The value put in init_parameters when a component is placed; NULL when
 * the parameter is left out. A JSON null node when the default is None. */
JsonNode           *moi_parameter_spec_get_default     (MoiParameterSpec *self);
/* Haystack has no default for it: init_parameters must hold it. */
gboolean            moi_parameter_spec_is_required     (MoiParameterSpec *self);
/* null (None) is an accepted value. */
gboolean            moi_parameter_spec_is_nullable     (MoiParameterSpec *self);
/* Allowed values of an enum, or of the items of a string list; NULL if any. */
const char * const *moi_parameter_spec_get_values      (MoiParameterSpec *self);
gboolean            moi_parameter_spec_get_minimum     (MoiParameterSpec *self,
                                                        double           *minimum);
gboolean            moi_parameter_spec_get_maximum     (MoiParameterSpec *self,
                                                        double           *maximum);
/* Name of a parameter this one must stay below (split_overlap <
 * split_length), or NULL. */
const char         *moi_parameter_spec_get_less_than   (MoiParameterSpec *self);
/* Checks @value (not NULL) against kind, nullability, allowed values and
 * range. On failure, @message (if not NULL) gets a translated sentence that
 * says what is wrong, without naming the component. */
MoiParameterCheck   moi_parameter_spec_check_value     (MoiParameterSpec *self,
                                                        JsonNode         *value,
                                                        char            **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiParameterSpec, moi_parameter_spec_unref)

/* ------------------------------------------------------------- components */

G_DECLARE_FINAL_TYPE (MoiComponentSpec, moi_component_spec, MOI, COMPONENT_SPEC, GObject)

/* Read-only properties: "type", "short-name", "category", "icon-name",
 * "label", "description" (the last two translated). */
const char       *moi_component_spec_get_component_type    (MoiComponentSpec *self);
const char       *moi_component_spec_get_short_name        (MoiComponentSpec *self);
const char       *moi_component_spec_get_category          (MoiComponentSpec *self);
const char       *moi_component_spec_get_icon_name         (MoiComponentSpec *self);
const char       *moi_component_spec_get_label             (MoiComponentSpec *self);
const char       *moi_component_spec_get_description       (MoiComponentSpec *self);
/* The catalog's sockets (of MoiSocketSpec; do not modify). For routers these
 * are only the fixed outputs: use moi_catalog_get_component_sockets() for a
 * placed component. */
GPtrArray        *moi_component_spec_get_inputs            (MoiComponentSpec *self);
GPtrArray        *moi_component_spec_get_outputs           (MoiComponentSpec *self);
MoiSocketSpec    *moi_component_spec_lookup_input          (MoiComponentSpec *self,
                                                            const char       *name);
MoiSocketSpec    *moi_component_spec_lookup_output         (MoiComponentSpec *self,
                                                            const char       *name);
/* Of MoiParameterSpec, in catalog order; do not modify. */
GPtrArray        *moi_component_spec_get_parameters        (MoiComponentSpec *self);
MoiParameterSpec *moi_component_spec_lookup_parameter      (MoiComponentSpec *self,
                                                            const char       *name);
/* NULL if the parameter is unknown or has no default. */
JsonNode         *moi_component_spec_get_parameter_default (MoiComponentSpec *self,
                                                            const char       *name);
/* A fresh init_parameters object with every default, in catalog order. */
JsonObject       *moi_component_spec_new_init_parameters   (MoiComponentSpec *self);
/* The parameter whose items (or keys) name extra outputs, as
 * FileTypeRouter.mime_types and MetadataRouter.rules do; NULL otherwise. */
const char       *moi_component_spec_get_outputs_parameter (MoiComponentSpec *self);

G_END_DECLS
