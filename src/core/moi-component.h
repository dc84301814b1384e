/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOI_TYPE_COMPONENT (moi_component_get_type ())
G_DECLARE_FINAL_TYPE (MoiComponent, moi_component, MOI, COMPONENT, GObject)

/* One entry of WorkflowConfig.components. Properties (all notify):
 * "name", "type", "component-id", "intro", "x", "y", "input-keys",
 * "output-keys", and
 * "init-parameters" (notified with detail-free notify after any parameter
 * change; the "parameter-changed" signal carries the key).
 * Keys this app does not know are kept, in their order, and written back. */
MoiComponent *moi_component_new                  (const char   *name,
                                                  const char   *type);
/* Reads one component object. @error names the component and the key. */
MoiComponent *moi_component_new_from_json_object (JsonObject   *object,
                                                  GError      **error);
/* The same, naming the component by its place (@index, 0-based) in errors
 * when it has no usable name. */
MoiComponent *moi_component_new_from_json_object_at (JsonObject *object,
                                                     guint       index,
                                                     GError    **error);
/* A fresh JSON object; reading it back gives an equal component. */
JsonObject   *moi_component_to_json_object       (MoiComponent *self);
/* Writes the same object to @out (moi_json_append_value()'s layout at
 * @level) without building it. */
void          moi_component_append_json          (MoiComponent *self,
                                                  GString      *out,
                                                  gboolean      pretty,
                                                  guint         level);
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
/* TRUE when "position" is an object at exactly @x, @y: writing @x, @y
 * would change nothing. */
gboolean      moi_component_is_at                (MoiComponent *self,
                                                  double        x,
                                                  double        y);
/* "position": null, as it may come from files: TRUE only for a present
 * null. set_position_null() writes it so (x and y keep their values);
 * set_position() makes it an object again. */
gboolean      moi_component_get_position_null    (MoiComponent *self);
void          moi_component_set_position_null    (MoiComponent *self);

/* input_keys / output_keys: the objects themselves, NULL when null or
 * absent (has_key() tells which). The setters take a copy of @keys; NULL
 * writes null. Each notifies "input-keys" / "output-keys". */
JsonObject   *moi_component_get_input_keys       (MoiComponent *self);
void          moi_component_set_input_keys       (MoiComponent *self,
                                                  JsonObject   *keys);
JsonObject   *moi_component_get_output_keys      (MoiComponent *self);
void          moi_component_set_output_keys      (MoiComponent *self,
                                                  JsonObject   *keys);

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

/* TRUE when the component object had (or, for new components, has) @key;
 * absent optional keys are not invented on write. */
gboolean      moi_component_has_key              (MoiComponent *self,
                                                  const char   *key);

/* Makes an optional key absent again (so that it is not written), e.g. to
 * undo the edit that added it; "name" and "type" cannot be removed. For an
 * unknown key, removes it from the extra keys. */
void          moi_component_remove_key           (MoiComponent *self,
                                                  const char   *key);
/* Like set_parameter() but a new key goes at @position (0-based) among the
 * parameters instead of last, e.g. to undo its removal in place. */
void          moi_component_insert_parameter     (MoiComponent *self,
                                                  guint         position,
                                                  const char   *key,
                                                  JsonNode     *value);
/* The place of @key among the parameters, or -1. */
int           moi_component_get_parameter_index  (MoiComponent *self,
                                                  const char   *key);

/* Makes "<name>_<ms timestamp>" as MOI does. */
char         *moi_component_make_id              (const char   *name,
                                                  gint64        unix_ms);

G_END_DECLS
