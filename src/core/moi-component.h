/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_COMPONENT (moi_component_get_type ())
G_DECLARE_FINAL_TYPE (MoiComponent, moi_component, MOI, COMPONENT, GObject)

/* One entry of WorkflowConfig.components. Properties (all notify):
 * "name", "type", "component-id", "intro", "x", "y", and
 * "init-parameters" (notified with detail-free notify after any parameter
 * change; the "parameter-changed" signal carries the key).
 * Keys this app does not know are kept, in their order, and written back. */
MoiComponent *moi_component_new                  (const char   *name,
                                                  const char   *type);
/* Reads one component object. @error names the component and the key. */
MoiComponent *moi_component_new_from_json_object (JsonObject   *object,
                                                  GError      **error);
/* A fresh JSON object; reading it back gives an equal component. */
JsonObject   *moi_component_to_json_object       (MoiComponent *self);
MoiComponent *moi_component_copy                 (MoiComponent *self);
gboolean      moi_component_equal                (MoiComponent *a,
                                                  MoiComponent *b);

const char   *moi_component_get_name             (MoiComponent *self);
void          moi_component_set_name             (MoiComponent *self,
                                                  const char   *name);
const char   *moi_component_get_component_type   (MoiComponent *self);
void          moi_component_set_component_type   (MoiComponent *self,
                                                  const char   *type);
/* The class name, last dot-separated part of the type ("DocumentCleaner"). */
const char   *moi_component_get_short_type       (MoiComponent *self);
const char   *moi_component_get_component_id     (MoiComponent *self);
void          moi_component_set_component_id     (MoiComponent *self,
                                                  const char   *component_id);
const char   *moi_component_get_intro            (MoiComponent *self);
void          moi_component_set_intro            (MoiComponent *self,
                                                  const char   *intro);
void          moi_component_get_position         (MoiComponent *self,
                                                  double       *x,
                                                  double       *y);
void          moi_component_set_position         (MoiComponent *self,
                                                  double        x,
                                                  double        y);
JsonObject   *moi_component_get_input_keys       (MoiComponent *self);
JsonObject   *moi_component_get_output_keys      (MoiComponent *self);

/* init_parameters: the object itself (do not modify it behind the
 * component's back; use set/remove so that views are told). */
JsonObject   *moi_component_get_init_parameters  (MoiComponent *self);
JsonNode     *moi_component_get_parameter        (MoiComponent *self,
                                                  const char   *key);
/* Takes a copy of @value; NULL removes the key. Emits "parameter-changed". */
void          moi_component_set_parameter        (MoiComponent *self,
                                                  const char   *key,
                                                  JsonNode     *value);
void          moi_component_set_init_parameters  (MoiComponent *self,
                                                  JsonObject   *parameters);

/* Keys of the component object that are not one of the known eight,
 * e.g. "extra_node_info"; kept in place for the round trip. */
JsonObject   *moi_component_get_extra            (MoiComponent *self);

/* Makes "<name>_<ms timestamp>" as MOI does. */
char         *moi_component_make_id              (const char   *name,
                                                  gint64        unix_ms);

G_END_DECLS
