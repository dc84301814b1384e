/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MOI_TYPE_APPLICATION (moi_application_get_type ())
G_DECLARE_FINAL_TYPE (MoiApplication, moi_application, MOI, APPLICATION, AdwApplication)

MoiApplication *moi_application_new (void);

G_END_DECLS
