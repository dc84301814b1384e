/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "moi-application.h"
#include "moi-window.h"
#include "moi-test-screenshot.h"

static void
test_window_opens (void)
{
  g_autoptr(MoiApplication) app = moi_application_new ();
  MoiWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = moi_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "MOI Studio");
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window)
                 || gtk_application_get_windows (GTK_APPLICATION (app)) != NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  {
    g_autoptr(GdkTexture) shot = moi_test_screenshot (GTK_WIDGET (window), "main-window");
    g_assert_cmpint (gdk_texture_get_width (shot), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/moi/app/window-opens", test_window_opens);

  return g_test_run ();
}
