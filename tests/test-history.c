/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "moi-core-error.h"
#include "moi-history.h"
#include "moi-workflow.h"

static MoiWorkflow *
load_moi_25 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workflows",
                                                 "moi-25.json", NULL);
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = moi_workflow_new_from_file (path, &error);

  g_assert_no_error (error);
  return workflow;
}

static char *
snapshot (MoiWorkflow *workflow)
{
  return moi_workflow_to_data (workflow, FALSE, NULL);
}

static void
set_int_parameter (MoiHistory   *history,
                   MoiComponent *component,
                   const char   *key,
                   gint64        value)
{
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), value);

  moi_history_set_parameter (history, component, key, node);
}

static void
test_add_remove (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(MoiComponent) added = moi_component_new ("Extra", "x.Extra");
  g_autofree char *s0 = snapshot (workflow);
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *now = NULL;
  MoiComponent *cleaner = moi_workflow_find_component (workflow, "DocumentCleaner");
  guint position;

  g_assert_false (moi_history_get_can_undo (history));
  g_assert_null (moi_history_get_undo_label (history));

  moi_history_add_component (history, added);
  s1 = snapshot (workflow);
  g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, 26);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Add Component");

  /* Removing restores its connections and its place on undo. */
  g_assert_true (moi_workflow_find_component_position (workflow, cleaner, &position));
  g_assert_cmpuint (position, >, 0);
  g_assert_true (moi_history_remove_component (history, cleaner));
  s2 = snapshot (workflow);
  g_assert_null (strstr (s2, "DocumentCleaner."));
  g_assert_cmpuint (moi_workflow_get_n_connections (workflow), ==, 33);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Remove Component");

  g_assert_true (moi_history_undo (history));
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, s1);
  g_assert_true (moi_workflow_find_component (workflow, "DocumentCleaner") == cleaner);
  g_assert_cmpstr (moi_history_get_redo_label (history), ==, "Redo Remove Component");

  g_assert_true (moi_history_undo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, s0);
  g_assert_false (moi_history_undo (history));

  /* Redo twice, undo twice again: replays are stable. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (moi_history_redo (history));
      g_free (now);
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, s1);
      g_assert_true (moi_history_redo (history));
      g_free (now);
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, s2);
      g_assert_false (moi_history_redo (history));
      g_assert_true (moi_history_undo (history));
      g_assert_true (moi_history_undo (history));
      g_free (now);
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, s0);
    }

  /* Removing something not in the workflow is refused, not recorded. */
  g_assert_false (moi_history_remove_component (history, added));
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 0);
}

static void
test_every_edit (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MoiComponent) a = moi_component_new ("A", "x.A");
  g_autoptr(MoiComponent) b = moi_component_new ("B", "x.B");
  g_autoptr(MoiConnection) ab = moi_connection_new ("A.out", "B.in");
  g_autoptr(MoiConnection) to_a = moi_connection_new ("DocumentWriter.documents_written", "A.x");
  g_autoptr(GPtrArray) paste_components = g_ptr_array_new ();
  g_autoptr(GPtrArray) paste_connections = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MoiComponent *splitter = moi_workflow_find_component (workflow, "DocumentSplitter");
  MoiConnection *first = moi_workflow_get_connection (workflow, 0);
  g_autoptr(MoiConnection) first_ref = g_object_ref (first);

  g_ptr_array_add (snapshots, snapshot (workflow));

#define STEP(edit) \
  G_STMT_START { edit; g_ptr_array_add (snapshots, snapshot (workflow)); } G_STMT_END
  STEP (moi_history_move (history, splitter, 10, 20));
  STEP (set_int_parameter (history, splitter, "split_length", 512));
  STEP (moi_history_set_parameter (history, splitter, "custom_separators", NULL));
  STEP (moi_history_set_intro (history, splitter, "分段"));
  STEP (g_assert_true (moi_history_rename (history, splitter, "Splitter", &error)));
  STEP (g_assert_true (moi_history_disconnect (history, first)));
  STEP (moi_history_insert_component (history, 3, a));
  STEP (moi_history_connect (history, to_a));
  g_ptr_array_add (paste_components, b);
  g_ptr_array_add (paste_connections, ab);
  STEP (moi_history_paste (history, paste_components, paste_connections));
  STEP (g_assert_true (moi_history_remove_component (history, a)));
#undef STEP

  g_assert_no_error (error);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, snapshots->len - 1);
  /* Removing A took both of its connections with it. */
  g_assert_null (strstr (g_ptr_array_index (snapshots, snapshots->len - 1), "\"A."));

  for (guint i = snapshots->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (moi_history_undo (history));
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, g_ptr_array_index (snapshots, i - 1));
    }
  g_assert_false (moi_history_get_can_undo (history));

  for (guint i = 1; i < snapshots->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (moi_history_redo (history));
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, g_ptr_array_index (snapshots, i));
    }
  g_assert_false (moi_history_get_can_redo (history));
}

static void
test_redo_cleared (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  MoiComponent *c = moi_workflow_get_component (workflow, 0);

  moi_history_move (history, c, 1, 1);
  moi_history_set_intro (history, c, "x");
  g_assert_true (moi_history_undo (history));
  g_assert_true (moi_history_get_can_redo (history));
  g_assert_cmpstr (moi_history_get_redo_label (history), ==, "Redo Change Description");

  set_int_parameter (history, c, "k", 1);
  g_assert_false (moi_history_get_can_redo (history));
  g_assert_null (moi_history_get_redo_label (history));
  g_assert_false (moi_history_redo (history));
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Change Parameter");

  /* A no-op edit records nothing and keeps redo. */
  g_assert_true (moi_history_undo (history));
  moi_history_set_intro (history, c, moi_component_get_intro (c));
  moi_history_move (history, c, 1, 1);
  g_assert_true (moi_history_get_can_redo (history));
}

static void
test_merge_drags (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  MoiComponent *a = moi_workflow_get_component (workflow, 1);
  MoiComponent *b = moi_workflow_get_component (workflow, 2);
  MoiComponent *pair[2] = { a, b };
  double ax, ay, bx, by, x, y;

  moi_component_get_position (a, &ax, &ay);
  moi_component_get_position (b, &bx, &by);

  for (int i = 1; i <= 10; i++)
    moi_history_move (history, a, ax + i, ay + i);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Move");

  /* Another component: a new step. */
  moi_history_move (history, b, 5, 5);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);

  /* An explicit break ends the drag. */
  moi_history_break_merge (history);
  moi_history_move (history, b, 6, 6);
  moi_history_move (history, b, 7, 7);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 3);

  /* A selection drag merges with itself only. */
  for (int i = 0; i < 5; i++)
    {
      double xs[2] = { 100.0 + i, 200.0 + i }, ys[2] = { 0, 0 };

      moi_history_move_many (history, 2, pair, xs, ys);
    }
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 4);
  moi_history_move (history, a, 0, 0);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 5);

  /* A group in between breaks the merge too. */
  moi_history_begin_group (history, NULL);
  moi_history_end_group (history);
  moi_history_move (history, a, 1, 0);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 6);

  /* Undo the whole history: everything back where it was. */
  while (moi_history_undo (history))
    ;
  moi_component_get_position (a, &x, &y);
  g_assert_cmpfloat (x, ==, ax);
  g_assert_cmpfloat (y, ==, ay);
  moi_component_get_position (b, &x, &y);
  g_assert_cmpfloat (x, ==, bx);
  g_assert_cmpfloat (y, ==, by);

  /* After undo, a move starts a new step instead of merging into redo's. */
  g_assert_true (moi_history_redo (history));
  moi_history_move (history, a, 50, 50);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  g_assert_true (moi_history_undo (history));
  moi_component_get_position (a, &x, &y);
  g_assert_cmpfloat (x, ==, ax + 10);
  g_assert_cmpfloat (y, ==, ay + 10);
}

static void
test_merge_typing (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  MoiComponent *c = moi_workflow_find_component (workflow, "PythonExecutor");
  const char *texts[] = { "p", "pr", "pri", "prin", "print" };
  g_autofree char *before = snapshot (workflow);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), texts[i]);

      moi_history_set_parameter (history, c, "python_code", node);
    }
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (json_node_get_string (moi_component_get_parameter (c, "python_code")), ==,
                   "print");

  set_int_parameter (history, c, "timeout", 30);
  set_int_parameter (history, c, "new_key", 1);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 3);

  while (moi_history_undo (history))
    ;
  after = snapshot (workflow);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (moi_component_get_parameter (c, "new_key"));
}

static void
test_groups (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(MoiComponent) a = moi_component_new ("A", "x.A");
  g_autoptr(MoiConnection) c = moi_connection_new ("DataAugmentation.documents", "A.in");
  g_autofree char *before = snapshot (workflow);
  g_autofree char *grouped = NULL;
  g_autofree char *now = NULL;
  MoiComponent *first = moi_workflow_get_component (workflow, 0);

  moi_history_begin_group (history, "Insert Node");
  moi_history_add_component (history, a);
  moi_history_begin_group (history, "Inner");
  moi_history_connect (history, c);
  moi_history_move (history, a, 40, 40);
  moi_history_move (history, first, 1, 2);
  moi_history_end_group (history);
  set_int_parameter (history, a, "k", 2);
  g_assert_false (moi_history_get_can_undo (history));
  moi_history_end_group (history);

  grouped = snapshot (workflow);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Insert Node");

  g_assert_true (moi_history_undo (history));
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  g_assert_true (moi_history_redo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, grouped);

  /* No label: the first edit names the group; an empty group is no step. */
  moi_history_begin_group (history, NULL);
  moi_history_end_group (history);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  moi_history_begin_group (history, NULL);
  moi_history_set_intro (history, a, "first");
  moi_history_move (history, a, 0, 0);
  moi_history_end_group (history);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Change Description");
}

static void
test_paste_and_layout (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (MoiLayoutPosition));
  g_autofree char *before = snapshot (workflow);
  g_autofree char *now = NULL;
  guint n = moi_workflow_get_n_components (workflow);

  g_ptr_array_add (components, moi_component_new ("P1", "x.P"));
  g_ptr_array_add (components, moi_component_new ("P2", "x.P"));
  g_ptr_array_add (connections, moi_connection_new ("P1.out", "P2.in"));
  moi_history_paste (history, components, connections);
  g_assert_cmpuint (moi_workflow_get_n_components (workflow), ==, n + 2);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Paste");

  for (guint i = 0; i < moi_workflow_get_n_components (workflow); i++)
    {
      MoiLayoutPosition p = {
        g_object_ref (moi_workflow_get_component (workflow, i)), i * 300.0, 7.0
      };

      g_array_append_val (positions, p);
    }
  moi_history_layout (history, positions);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Layout");
  /* A move right after a layout is its own step. */
  moi_history_move (history, moi_workflow_get_component (workflow, 0), -5, -5);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 3);

  g_assert_true (moi_history_undo (history));
  g_assert_true (moi_history_undo (history));
  g_assert_true (moi_history_undo (history));
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);

  for (guint i = 0; i < positions->len; i++)
    g_object_unref (g_array_index (positions, MoiLayoutPosition, i).component);
}

static void
test_rename (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(GError) error = NULL;
  MoiComponent *writer = moi_workflow_find_component (workflow, "DocumentWriter");
  g_autofree char *before = snapshot (workflow);
  g_autofree char *now = NULL;

  g_assert_true (moi_history_rename (history, writer, "写入器", &error));
  g_assert_no_error (error);
  now = snapshot (workflow);
  g_assert_nonnull (strstr (now, "\"写入器.documents_written\""));

  /* A refused rename records nothing. */
  g_assert_false (moi_history_rename (history, writer, "DataAugmentation", &error));
  g_assert_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_INVALID);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);

  g_assert_true (moi_history_undo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  g_assert_true (moi_workflow_find_component (workflow, "DocumentWriter") == writer);
}

static void
test_absent_keys (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workflows",
                                                 "unknown.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autofree char *before = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;
  MoiComponent *minimal, *mystery;

  g_assert_no_error (error);
  before = snapshot (workflow);
  minimal = moi_workflow_find_component (workflow, "minimal");
  mystery = moi_workflow_find_component (workflow, "mystery");

  /* Keys the edits add disappear again on undo; a removed parameter comes
   * back at its place. */
  moi_history_move (history, minimal, 3, 4);
  moi_history_set_intro (history, minimal, "最小");
  set_int_parameter (history, minimal, "k", 1);
  moi_history_set_parameter (history, mystery, "z", NULL);
  edited = snapshot (workflow);
  g_assert_nonnull (strstr (edited, "{\"name\":\"minimal\",\"type\":\"x.Minimal\","
                                    "\"intro\":\"最小\",\"position\":{\"x\":3,\"y\":4},"
                                    "\"init_parameters\":{\"k\":1}}"));
  g_assert_nonnull (strstr (edited, "\"init_parameters\":{\"a\":2,"));

  while (moi_history_undo (history))
    ;
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);

  while (moi_history_redo (history))
    ;
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, edited);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
record_change (MoiWorkflow  *workflow,
               MoiComponent *component,
               const char   *what,
               GPtrArray    *changes)
{
  g_ptr_array_add (changes, g_strdup_printf ("%s:%s", moi_component_get_name (component), what));
}

typedef struct
{
  MoiWorkflow *workflow;
  GArray      *positions;   /* the layout being applied, or NULL */
  guint        changed;
  guint        notifies;
  guint        early;       /* notifications seen before all were placed */
} LayoutWatch;

static void
count_changed (MoiWorkflow *workflow,
               LayoutWatch *watch)
{
  watch->changed++;
}

static void
check_all_placed (MoiComponent *component,
                  GParamSpec   *pspec,
                  LayoutWatch  *watch)
{
  watch->notifies++;
  if (watch->positions == NULL)
    return;
  for (guint i = 0; i < watch->positions->len; i++)
    {
      MoiLayoutPosition *p = &g_array_index (watch->positions, MoiLayoutPosition, i);

      if (!moi_component_is_at (p->component, p->x, p->y))
        watch->early++;
    }
}

/* Positions absent, null, and objects with extra keys or doubles: a move
 * and its undo write back exactly what was read. */
static const char positions_json[] =
  "{\"components\":["
  "{\"name\":\"absent\",\"type\":\"x.A\"},"
  "{\"name\":\"null\",\"type\":\"x.N\",\"position\":null,\"intro\":\"n\"},"
  "{\"name\":\"object\",\"type\":\"x.O\",\"position\":{\"y\":2.0,\"z\":\"keep\",\"x\":1}},"
  "{\"position\":{\"x\":5,\"y\":6},\"name\":\"first\",\"type\":\"x.F\"}"
  "],\"connections\":[]}";

static void
test_position_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (positions_json, -1, &error);
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autofree char *before = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *now = NULL;
  MoiComponent *absent, *null_position, *object, *first;

  g_assert_no_error (error);
  before = snapshot (workflow);
  g_assert_cmpstr (before, ==, positions_json);
  absent = moi_workflow_find_component (workflow, "absent");
  null_position = moi_workflow_find_component (workflow, "null");
  object = moi_workflow_find_component (workflow, "object");
  first = moi_workflow_find_component (workflow, "first");
  g_assert_false (moi_component_has_key (absent, "position"));
  g_assert_true (moi_component_get_position_null (null_position));
  g_assert_false (moi_component_get_position_null (object));

  /* One at a time, each undone at once. */
  for (guint i = 0; i < moi_workflow_get_n_components (workflow); i++)
    {
      MoiComponent *c = moi_workflow_get_component (workflow, i);

      moi_history_move (history, c, 40.5, -8);
      g_free (now);
      now = snapshot (workflow);
      g_assert_cmpstr (now, !=, before);
      g_assert_true (moi_history_undo (history));
      g_free (now);
      now = snapshot (workflow);
      g_assert_cmpstr (now, ==, before);
    }
  g_assert_false (moi_component_has_key (absent, "position"));
  g_assert_true (moi_component_get_position_null (null_position));

  /* A drag (merged moves) of all of them, then a second drag: undo both. */
  {
    MoiComponent *all[] = { absent, null_position, object, first };
    double x[] = { 1, 2, 3, 4 }, y[] = { 0, 0, 0, 0 };

    moi_history_move_many (history, G_N_ELEMENTS (all), all, x, y);
    x[0] = 10;
    moi_history_move_many (history, G_N_ELEMENTS (all), all, x, y);
    moi_history_break_merge (history);
    moi_history_move (history, null_position, 7, 7);
  }
  moved = snapshot (workflow);
  g_assert_nonnull (strstr (moved, "{\"name\":\"absent\",\"type\":\"x.A\",\"position\":{\"x\":10,\"y\":0}}"));
  g_assert_nonnull (strstr (moved, "\"position\":{\"x\":7,\"y\":7},\"intro\":\"n\""));
  g_assert_nonnull (strstr (moved, "\"position\":{\"y\":0.0,\"z\":\"keep\",\"x\":3}"));
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  while (moi_history_undo (history))
    ;
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  while (moi_history_redo (history))
    ;
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, moved);

  /* Moving to (0, 0), where an absent or null position reads, still writes
   * the position, and undo takes it away again. */
  while (moi_history_undo (history))
    ;
  moi_history_move (history, absent, 0, 0);
  g_assert_true (moi_component_has_key (absent, "position"));
  moi_history_move (history, null_position, 0, 0);
  g_assert_false (moi_component_get_position_null (null_position));
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  while (moi_history_undo (history))
    ;
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
}

static void
test_keys (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "workflows",
                                                 "unknown.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_file (path, &error);
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(JsonObject) keys = json_object_new ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;
  MoiComponent *minimal, *nulls, *mystery;
  guint input_notifies = 0;

  g_assert_no_error (error);
  before = snapshot (workflow);
  minimal = moi_workflow_find_component (workflow, "minimal");
  nulls = moi_workflow_find_component (workflow, "nulls");
  mystery = moi_workflow_find_component (workflow, "mystery");
  g_signal_connect_swapped (minimal, "notify::input-keys", G_CALLBACK (count_notify),
                            &input_notifies);
  g_signal_connect (workflow, "component-changed", G_CALLBACK (record_change), changes);

  json_object_set_string_member (keys, "query", "文本");
  moi_history_set_input_keys (history, minimal, keys);        /* absent -> object */
  moi_history_set_output_keys (history, minimal, NULL);       /* absent -> null */
  moi_history_set_input_keys (history, nulls, keys);          /* null -> object */
  moi_history_set_output_keys (history, mystery, keys);       /* absent -> object */
  /* The history kept a copy: changing the caller's object changes nothing. */
  json_object_set_int_member (keys, "later", 1);
  moi_history_set_input_keys (history, mystery, NULL);        /* absent -> null */
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 5);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Change Input Keys");
  g_assert_cmpuint (input_notifies, ==, 1);
  g_assert_cmpuint (changes->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "minimal:input-keys");
  g_assert_cmpstr (g_ptr_array_index (changes, 1), ==, "minimal:output-keys");

  edited = snapshot (workflow);
  g_assert_nonnull (strstr (edited, "{\"name\":\"minimal\",\"type\":\"x.Minimal\","
                                    "\"input_keys\":{\"query\":\"文本\"},"
                                    "\"output_keys\":null}"));
  g_assert_nonnull (strstr (edited, "\"input_keys\":{\"query\":\"文本\"},\"output_keys\":null,"
                                    "\"init_parameters\":null}"));
  g_assert_null (strstr (edited, "later"));

  /* Setting the same again is no step. */
  json_object_remove_member (keys, "later");
  moi_history_set_input_keys (history, minimal, keys);
  moi_history_set_output_keys (history, minimal, NULL);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 5);

  while (moi_history_undo (history))
    ;
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (moi_component_has_key (minimal, "input_keys"));
  g_assert_true (moi_component_has_key (nulls, "input_keys"));
  g_assert_null (moi_component_get_input_keys (nulls));

  while (moi_history_redo (history))
    ;
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, edited);
}

static void
test_layout_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoiWorkflow) workflow = moi_workflow_new_from_data (positions_json, -1, &error);
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(GArray) positions = NULL;
  g_autofree char *before = NULL;
  g_autofree char *laid_out = NULL;
  g_autofree char *now = NULL;
  LayoutWatch watch = { 0 };
  guint n;

  g_assert_no_error (error);
  before = snapshot (workflow);
  n = moi_workflow_get_n_components (workflow);
  positions = g_array_new (FALSE, FALSE, sizeof (MoiLayoutPosition));
  for (guint i = 0; i < n; i++)
    {
      MoiLayoutPosition p = { moi_workflow_get_component (workflow, i), 100.0 * (i + 1), 50 };

      g_array_append_val (positions, p);
    }

  watch.workflow = workflow;
  watch.positions = positions;
  g_signal_connect (workflow, "changed", G_CALLBACK (count_changed), &watch);
  for (guint i = 0; i < n; i++)
    g_signal_connect (moi_workflow_get_component (workflow, i), "notify::x",
                      G_CALLBACK (check_all_placed), &watch);

  moi_history_layout (history, positions);
  /* One step, one "changed", and every view told only once all positions
   * were written. */
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (moi_history_get_undo_label (history), ==, "Undo Layout");
  g_assert_cmpuint (watch.changed, ==, 1);
  g_assert_cmpuint (watch.notifies, ==, n);
  g_assert_cmpuint (watch.early, ==, 0);
  laid_out = snapshot (workflow);
  for (guint i = 0; i < n; i++)
    g_assert_true (moi_component_is_at (moi_workflow_get_component (workflow, i),
                                        100.0 * (i + 1), 50));

  /* Undo restores every position (absent and null ones as such), as one
   * "changed". */
  watch.changed = 0;
  watch.positions = NULL;
  g_assert_true (moi_history_undo (history));
  g_assert_cmpuint (watch.changed, ==, 1);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (moi_history_get_can_undo (history));

  g_assert_true (moi_history_redo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, laid_out);

  /* The same positions again change nothing and make no step. */
  moi_history_layout (history, positions);
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 1);
}

/* A step that renames, moves and removes one component replays right: the
 * workflow follows the rename at once even inside a batch. */
static void
test_group_replay (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (workflow);
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  MoiComponent *cleaner = moi_workflow_find_component (workflow, "DocumentCleaner");
  guint changed = 0;

  g_signal_connect_swapped (workflow, "changed", G_CALLBACK (count_notify), &changed);
  moi_history_begin_group (history, "Tidy");
  moi_history_move (history, cleaner, 9, 9);
  g_assert_true (moi_history_rename (history, cleaner, "Cleaner2", &error));
  g_assert_no_error (error);
  moi_history_move (history, cleaner, 10, 10);
  g_assert_true (moi_history_remove_component (history, cleaner));
  moi_history_end_group (history);
  after = snapshot (workflow);
  g_assert_null (strstr (after, "Cleaner2"));
  g_assert_null (strstr (after, "DocumentCleaner."));

  changed = 0;
  g_assert_true (moi_history_undo (history));
  /* One "changed" for the whole step. */
  g_assert_cmpuint (changed, ==, 1);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
  g_assert_true (moi_workflow_find_component (workflow, "DocumentCleaner") == cleaner);

  g_assert_true (moi_history_redo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, after);
  g_assert_true (moi_history_undo (history));
  g_free (now);
  now = snapshot (workflow);
  g_assert_cmpstr (now, ==, before);
}

static void
test_dirty (void)
{
  g_autoptr(MoiWorkflow) workflow = load_moi_25 ();
  g_autoptr(MoiHistory) history = moi_history_new (workflow);
  MoiComponent *c = moi_workflow_get_component (workflow, 0);
  guint dirty_notifies = 0, can_undo_notifies = 0;

  g_signal_connect_swapped (history, "notify::dirty", G_CALLBACK (count_notify), &dirty_notifies);
  g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (count_notify),
                            &can_undo_notifies);

  g_assert_false (moi_history_is_dirty (history));
  moi_history_move (history, c, 1, 1);
  g_assert_true (moi_history_is_dirty (history));
  g_assert_cmpuint (dirty_notifies, ==, 1);
  g_assert_cmpuint (can_undo_notifies, ==, 1);

  moi_history_set_clean (history);
  g_assert_false (moi_history_is_dirty (history));
  g_assert_cmpuint (dirty_notifies, ==, 2);

  /* A move after saving is a step of its own: undo returns to the save. */
  moi_history_move (history, c, 2, 2);
  g_assert_true (moi_history_is_dirty (history));
  g_assert_cmpuint (moi_history_get_n_undo (history), ==, 2);
  g_assert_true (moi_history_undo (history));
  g_assert_false (moi_history_is_dirty (history));
  g_assert_true (moi_history_undo (history));
  g_assert_true (moi_history_is_dirty (history));
  g_assert_true (moi_history_redo (history));
  g_assert_false (moi_history_is_dirty (history));

  /* Undo past the save, then edit: the saved state can't come back. */
  g_assert_true (moi_history_undo (history));
  moi_history_set_intro (history, c, "other");
  g_assert_true (moi_history_is_dirty (history));
  g_assert_true (moi_history_undo (history));
  g_assert_true (moi_history_is_dirty (history));

  moi_history_clear (history);
  g_assert_false (moi_history_is_dirty (history));
  g_assert_false (moi_history_get_can_undo (history));
  g_assert_false (moi_history_get_can_redo (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moi/history/add-remove", test_add_remove);
  g_test_add_func ("/moi/history/every-edit", test_every_edit);
  g_test_add_func ("/moi/history/redo-cleared", test_redo_cleared);
  g_test_add_func ("/moi/history/merge-drags", test_merge_drags);
  g_test_add_func ("/moi/history/merge-typing", test_merge_typing);
  g_test_add_func ("/moi/history/groups", test_groups);
  g_test_add_func ("/moi/history/paste-and-layout", test_paste_and_layout);
  g_test_add_func ("/moi/history/rename", test_rename);
  g_test_add_func ("/moi/history/dirty", test_dirty);
  g_test_add_func ("/moi/history/absent-keys", test_absent_keys);
  g_test_add_func ("/moi/history/position-round-trip", test_position_round_trip);
  g_test_add_func ("/moi/history/keys", test_keys);
  g_test_add_func ("/moi/history/layout-batch", test_layout_batch);
  g_test_add_func ("/moi/history/group-replay", test_group_replay);

  return g_test_run ();
}
