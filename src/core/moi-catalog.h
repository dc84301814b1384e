/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-component-spec.h"
#include "moi-component.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_TYPE_CATALOG (moi_catalog_get_type ())
G_DECLARE_FINAL_TYPE (MoiCatalog, moi_catalog, MOI, CATALOG, GObject)

/* The component types the palette offers (data/catalog.json, built in as a
 * resource). Loaded once; the tests guarantee it loads, so this never fails
 * at run time. (transfer none) */
MoiCatalog       *moi_catalog_get_default            (void);
/* Errors name the place: line:column for syntax, the entry and key else. */
MoiCatalog       *moi_catalog_new_from_data          (const char   *json,
                                                      gssize        length,
                                                      GError      **error);
/* Full type path ("haystack.components....DocumentSplitter"); NULL if unknown. */
MoiComponentSpec *moi_catalog_lookup                 (MoiCatalog   *self,
                                                      const char   *type);
/* Of MoiComponentSpec, grouped by category in category order, catalog order
 * within a category. */
GListModel       *moi_catalog_get_specs              (MoiCatalog   *self);

guint             moi_catalog_get_n_categories       (MoiCatalog   *self);
/* Category ids ("converters", ...) in palette order. */
const char       *moi_catalog_get_category_id        (MoiCatalog   *self,
                                                      guint         position);
/* Translated; NULL for an unknown id. */
const char       *moi_catalog_get_category_label     (MoiCatalog   *self,
                                                      const char   *id);
const char       *moi_catalog_get_category_description (MoiCatalog *self,
                                                      const char   *id);

/* The sockets of a placed component, as arrays of MoiSocketSpec (do not
 * modify them). Routers get one output per entry of the parameter that names
 * them (FileTypeRouter: each mime_types pattern, then "unclassified" and
 * "failed"; MetadataRouter: each rules key, then "unmatched"). A component
 * of unknown type gets the sockets that @workflow's connections name, typed
 * Any; with a NULL @workflow it has none. */
void              moi_catalog_get_component_sockets  (MoiCatalog   *self,
                                                      MoiWorkflow  *workflow,
                                                      MoiComponent *component,
                                                      GPtrArray   **inputs,
                                                      GPtrArray   **outputs);

G_END_DECLS
