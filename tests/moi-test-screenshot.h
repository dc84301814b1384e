/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders @widget (with its CSS and children) to $MOI_SCREENSHOT_DIR/@name.png
 * and returns the texture for pixel checks. gtk_widget_snapshot() is private
 * in GTK 4.8, so this goes through a GtkWidgetPaintable. */
GdkTexture *moi_test_screenshot (GtkWidget  *widget,
                                 const char *name);
/* Iterates the main loop until @condition or @timeout_ms. */
gboolean    moi_test_wait_until  (GSourceFunc condition,
                                  gpointer    data,
                                  guint       timeout_ms);

G_END_DECLS
