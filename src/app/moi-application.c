/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "moi-application.h"
#include "moi-window.h"

struct _MoiApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MoiApplication, moi_application, ADW_TYPE_APPLICATION)

static void
moi_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (moi_window_new (MOI_APPLICATION (app)));

  gtk_window_present (window);
}

static void
moi_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MoiApplication *self = user_data;
  static const char *developers[] = { "MOI Studio contributors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("MOI Studio"),
                         "application-icon", APP_ID,
                         "developer-name", _("MOI Studio contributors"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
moi_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = moi_application_about_action },
  { .name = "quit", .activate = moi_application_quit_action },
};

static void
moi_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (moi_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
moi_application_class_init (MoiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = moi_application_activate;
  app_class->startup = moi_application_startup;
}

static void
moi_application_init (MoiApplication *self)
{
}

MoiApplication *
moi_application_new (void)
{
  return g_object_new (MOI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
