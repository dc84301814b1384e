/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "moi-application.h"

G_BEGIN_DECLS

#define MOI_TYPE_WINDOW (moi_window_get_type ())
G_DECLARE_FINAL_TYPE (MoiWindow, moi_window, MOI, WINDOW, AdwApplicationWindow)

MoiWindow *moi_window_new (MoiApplication *application);

G_END_DECLS
