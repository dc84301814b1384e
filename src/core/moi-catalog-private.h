/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "moi-catalog.h"

G_BEGIN_DECLS

/* moi_catalog_get_component_sockets() with the connections that touch
 * @component already gathered (validation groups them in one pass).
 * @spec is the component's spec, NULL for an unknown type. */
void _moi_catalog_build_sockets (MoiCatalog        *self,
                                 MoiComponent      *component,
                                 MoiComponentSpec  *spec,
                                 MoiConnection    **connections,
                                 guint              n_connections,
                                 GPtrArray        **inputs,
                                 GPtrArray        **outputs);

G_END_DECLS
