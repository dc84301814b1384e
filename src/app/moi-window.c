/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "moi-window.h"

struct _MoiWindow
{
  AdwApplicationWindow parent_instance;

  GSettings           *settings;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (MoiWindow, moi_window, ADW_TYPE_APPLICATION_WINDOW)

static void
moi_window_dispose (GObject *object)
{
  MoiWindow *self = MOI_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (moi_window_parent_class)->dispose (object);
}

static void
moi_window_class_init (MoiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moi_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/moi-window.ui");
}

static void
moi_window_init (MoiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

MoiWindow *
moi_window_new (MoiApplication *application)
{
  return g_object_new (MOI_TYPE_WINDOW, "application", application, NULL);
}
