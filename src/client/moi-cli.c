/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moi: the BYOA API from a terminal, on libmoi-client. */
#define G_LOG_DOMAIN "moi-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "moi-client.h"
#include "moi-core-error.h"
#include "moi-enums.h"
#include "moi-job-watcher.h"

/* Exit codes, also listed in --help. */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,        /* the service refused, or a watched job failed/stopped */
  EXIT_USAGE = 2,
  EXIT_UNREACHABLE = 3,   /* network, TLS, timeout */
  EXIT_UNAUTHORIZED = 4,
  EXIT_NOT_FOUND = 5,
  EXIT_BAD_ANSWER = 6,
  EXIT_CANCELLED = 130,
};

typedef struct
{
  MoiClient *client;
  GCancellable *cancellable;
  gboolean json;
  /* Options, shared by the commands that use them. */
  char *search;
  char **statuses;
  char **file_types;
  int limit;
  int offset;
  int page;
  int page_size;
  char *sort;
  gboolean ascending;
  gboolean delete_data;
  char *name;
  char *workflow_id;
  int interval_ms;
} Cli;

static Cli cli;

/* --- output -------------------------------------------------------------- */

typedef JsonNode *(*ToJson) (gpointer item);

/* Pretty for a whole answer; compact for `job watch`, one line a change. */
static void
print_json (JsonNode *node,
            gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Takes @node. */
static void
print_json_take (JsonNode *node)
{
  print_json (node, TRUE);
  json_node_unref (node);
}

/* A list's --json output: an array of the items' objects. */
static void
print_items_json (GPtrArray *items,
                  ToJson     to_json)
{
  g_autoptr(JsonArray) array = json_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (items, i)));
  print_json_take (json_node_init_array (json_node_alloc (), array));
}

/* What an action (delete, stop…) prints with --json: {"id": …, "ok": true}. */
static JsonObject *
action_object (const char *id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_boolean_member (object, "ok", TRUE);
  return object;
}

static void
print_object_take (JsonObject *object)
{
  print_json_take (json_node_init_object (json_node_alloc (), object));
  json_object_unref (object);
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = moi_wire_time_to_date_time (ms);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("-");
}

static const char *
or_dash (const char *s)
{
  return s != NULL && *s != '\0' ? s : "-";
}

/* A table: rows of cells, columns padded to their widest cell (in
 * characters, so Chinese labels line up as well as a terminal allows). */
typedef struct
{
  GPtrArray *rows;
} Table;

typedef void (*AddRow) (Table    *table,
                        gpointer  item);

static void
table_add_strv (Table              *table,
                const char * const *cells)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; cells[i] != NULL; i++)
    g_ptr_array_add (row, g_strdup (cells[i]));
  g_ptr_array_add (table->rows, row);
}

static void
table_add (Table      *table,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, (gpointer) cell);
  va_end (args);
  g_ptr_array_add (cells, NULL);
  table_add_strv (table, (const char * const *) cells->pdata);
}

static void
table_print (Table *table)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      if (widths->len < row->len)
        g_array_set_size (widths, row->len);
      for (guint c = 0; c < row->len; c++)
        g_array_index (widths, glong, c) = MAX (g_array_index (widths, glong, c),
                                                g_utf8_strlen (g_ptr_array_index (row, c), -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < row->len; c++)
        {
          const char *cell = g_ptr_array_index (row, c);

          g_string_append (line, cell);
          if (c + 1 < row->len)
            for (glong pad = g_utf8_strlen (cell, -1); pad < g_array_index (widths, glong, c) + 2;
                 pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
  g_ptr_array_unref (table->rows);
}

static Table
table_new (void)
{
  return (Table) { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
}

/* A list command's output: a JSON array with --json, else a table of
 * @header and one row per item. */
static void
print_items (GPtrArray          *items,
             ToJson              to_json,
             const char * const *header,
             AddRow              add_row)
{
  Table table;

  if (cli.json)
    {
      print_items_json (items, to_json);
      return;
    }
  table = table_new ();
  table_add_strv (&table, header);
  for (guint i = 0; i < items->len; i++)
    add_row (&table, g_ptr_array_index (items, i));
  table_print (&table);
}

static void
print_field (const char *label,
             const char *value)
{
  g_print ("%-20s %s\n", label, or_dash (value));
}

static void
print_time_field (const char *label,
                  gint64      ms)
{
  g_autofree char *text = format_time (ms);

  print_field (label, text);
}

static void
print_int_field (const char *label,
                 gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%lld", (long long) value);

  print_field (label, text);
}

/* --- running the async API ----------------------------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The result stays in *@slot; callers hold it in a g_autoptr. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
fail (GError *error)
{
  int code = EXIT_FAILED;

  g_printerr ("moi: %s\n", error->message);
  if (error->domain == MOI_CLIENT_ERROR)
    switch ((MoiClientError) error->code)
      {
      case MOI_CLIENT_ERROR_NETWORK:
      case MOI_CLIENT_ERROR_TLS:
      case MOI_CLIENT_ERROR_TIMEOUT:
        code = EXIT_UNREACHABLE;
        break;
      case MOI_CLIENT_ERROR_UNAUTHORIZED:
        code = EXIT_UNAUTHORIZED;
        break;
      case MOI_CLIENT_ERROR_NOT_FOUND:
        code = EXIT_NOT_FOUND;
        break;
      case MOI_CLIENT_ERROR_UNPARSEABLE:
        code = EXIT_BAD_ANSWER;
        break;
      case MOI_CLIENT_ERROR_CANCELLED:
        code = EXIT_CANCELLED;
        break;
      case MOI_CLIENT_ERROR_HTTP:
      case MOI_CLIENT_ERROR_API:
      case MOI_CLIENT_ERROR_BAD_REQUEST:
      case MOI_CLIENT_ERROR_RATE_LIMITED:
      default:
        code = EXIT_FAILED;
        break;
      }
  else if (error->domain == G_OPTION_ERROR || error->domain == G_FILE_ERROR ||
           error->domain == MOI_CORE_ERROR || error->domain == G_IO_ERROR)
    code = EXIT_USAGE;
  g_error_free (error);
  return code;
}

static int
usage_error (const char *message)
{
  g_printerr ("moi: %s\n%s\n", message, _("Run “moi --help” for the commands."));
  return EXIT_USAGE;
}

/* The end of an action on @id: its confirmation, or {"id", "ok"} with --json. */
static int
done (gboolean    ok,
      GError     *error,
      const char *id,
      const char *message)
{
  if (!ok)
    return fail (error);
  if (cli.json)
    print_object_take (action_object (id));
  else if (message != NULL)
    g_print ("%s\n", message);
  return EXIT_OK;
}

static gboolean
parse_ints (char  **texts,
            GArray *out,
            GError **error)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (texts[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          gint64 v;

          if (!g_ascii_string_to_signed (g_strstrip (parts[j]), 10, G_MININT, G_MAXINT, &v,
                                         NULL))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("“%s” is not a number"), parts[j]);
              return FALSE;
            }
          g_array_append_vals (out, &(int) { (int) v }, 1);
        }
    }
  return TRUE;
}

/* Adds the numbers in @texts ("1,2" or repeated options) with @add. */
static gboolean
add_ints (MoiListQuery  *query,
          char         **texts,
          void         (*add) (MoiListQuery *, int),
          GError       **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));

  if (!parse_ints (texts, values, error))
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    add (query, g_array_index (values, int, i));
  return TRUE;
}

/* Job statuses may be given by number or by nick ("failed"). */
static gboolean
add_job_statuses (MoiListQuery  *query,
                  GError       **error)
{
  for (guint i = 0; cli.statuses != NULL && cli.statuses[i] != NULL; i++)
    {
      char *one[] = { cli.statuses[i], NULL };
      MoiJobStatus status;

      if (moi_job_status_from_nick (cli.statuses[i], &status))
        moi_list_query_add_status (query, status);
      else if (!add_ints (query, one, moi_list_query_add_status, error))
        return FALSE;
    }
  return TRUE;
}

/* --search, --sort and --ascending. */
static MoiListQuery *
searched_query_new (void)
{
  MoiListQuery *query = moi_list_query_new ();

  moi_list_query_set_name_search (query, cli.search);
  if (cli.sort != NULL)
    moi_list_query_set_sort (query, cli.sort, !cli.ascending);
  return query;
}

static JsonNode *
load_json_file (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* --- workflows ----------------------------------------------------------- */

static void
print_workflow (MoiWorkflowInfo *info)
{
  g_autofree char *types = NULL;
  g_autofree char *mode = NULL;
  g_autoptr(GString) type_names = g_string_new (NULL);
  const int *file_types;
  guint n = 0;
  MoiWorkflow *workflow;
  GListModel *branches;

  if (cli.json)
    {
      print_json_take (moi_workflow_info_to_json (info));
      return;
    }

  file_types = moi_workflow_info_get_file_types (info, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (type_names, "%s%s", i ? ", " : "",
                            or_dash (moi_file_type_get_name (file_types[i])));
  mode = moi_process_mode_describe (moi_workflow_info_get_interval (info),
                                    moi_workflow_info_get_offset (info));

  print_field (_("ID"), moi_workflow_info_get_id (info));
  print_field (_("Name"), moi_workflow_info_get_name (info));
  print_field (_("Status"), moi_workflow_status_get_label (moi_workflow_info_get_status (info)));
  print_field (_("Process mode"), mode);
  print_field (_("Priority"), moi_priority_get_label (moi_workflow_info_get_priority (info)));
  print_field (_("File types"), type_names->str);
  types = g_strjoinv (", ", (char **) moi_workflow_info_get_source_volume_names (info));
  print_field (_("Source volumes"), types);
  print_field (_("Target volume"), moi_workflow_info_get_target_volume_name (info));
  print_field (_("Creator"), moi_workflow_info_get_creator (info));
  print_time_field (_("Created"), moi_workflow_info_get_created_at (info));
  print_time_field (_("Updated"), moi_workflow_info_get_updated_at (info));
  print_field (_("Branch"), moi_workflow_info_get_branch_name (info));
  print_field (_("Branch ID"), moi_workflow_info_get_branch_id (info));
  workflow = moi_workflow_info_get_workflow (info);
  if (workflow != NULL)
    {
      print_int_field (_("Components"), moi_workflow_get_n_components (workflow));
      print_int_field (_("Connections"), moi_workflow_get_n_connections (workflow));
    }
  branches = moi_workflow_info_get_branches (info);
  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr(MoiBranchInfo) branch = g_list_model_get_item (branches, i);
      g_autofree char *line = g_strdup_printf ("%s (%s, %s)",
                                               moi_branch_info_get_branch_name (branch),
                                               moi_branch_info_get_branch_id (branch),
                                               moi_branch_status_get_label (
                                                 moi_branch_info_get_branch_status (branch)));

      print_field (i == 0 ? _("Branches") : "", line);
    }
}

static void
workflow_row (Table    *table,
              gpointer  item)
{
  MoiWorkflowInfo *info = item;
  g_autofree char *created = format_time (moi_workflow_info_get_created_at (info));
  g_autofree char *branches = g_strdup_printf ("%d", moi_workflow_info_get_branch_total (info));

  table_add (table, or_dash (moi_workflow_info_get_id (info)),
             or_dash (moi_workflow_info_get_name (info)),
             or_dash (moi_workflow_status_get_label (moi_workflow_info_get_status (info))),
             branches, created, NULL);
}

static int
workflow_list (void)
{
  g_autoptr(MoiListQuery) query = searched_query_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("ID"), _("NAME"), _("STATUS"), _("BRANCHES"), _("CREATED"), NULL };
  GError *error = NULL;
  guint total = 0;

  if (!add_ints (query, cli.file_types, moi_list_query_add_file_type, &error) ||
      !add_ints (query, cli.statuses, moi_list_query_add_status, &error))
    return fail (error);

  moi_client_list_workflows_async (cli.client, query, cli.offset, cli.limit, cli.cancellable,
                                   store_result, &r);
  items = moi_client_list_workflows_finish (cli.client, wait_for (&r), &total, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_workflow_info_to_json, header, workflow_row);
  if (!cli.json)
    {
      /* TRANSLATORS: the footer of `moi workflow list`: shown of total */
      g_autofree char *footer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u of %u workflow",
                                                              "%u of %u workflows", total),
                                                 items->len, total);

      g_print ("%s\n", footer);
    }
  return EXIT_OK;
}

static int
workflow_show (const char *id,
               gboolean    branch)
{
  g_autoptr(MoiWorkflowInfo) info = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;

  if (branch)
    {
      moi_client_get_branch_async (cli.client, id, cli.cancellable, store_result, &r);
      info = moi_client_get_branch_finish (cli.client, wait_for (&r), &error);
    }
  else
    {
      moi_client_get_workflow_async (cli.client, id, cli.cancellable, store_result, &r);
      info = moi_client_get_workflow_finish (cli.client, wait_for (&r), &error);
    }
  if (info == NULL)
    return fail (error);

  print_workflow (info);
  return EXIT_OK;
}

static int
workflow_create (const char *path)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MoiWorkflowInfo) request = NULL;
  g_autoptr(MoiWorkflowInfo) created = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;

  /* FILE is a create body as the spec shows it (name, volumes, file_types,
   * process_mode, workflow...). */
  if ((node = load_json_file (path, &error)) == NULL ||
      (request = moi_workflow_info_new_from_json (node, &error)) == NULL)
    return fail (error);
  if (cli.name != NULL)
    g_object_set (request, "name", cli.name, NULL);

  moi_client_create_workflow_async (cli.client, request, cli.cancellable, store_result, &r);
  created = moi_client_create_workflow_finish (cli.client, wait_for (&r), &error);
  if (created == NULL)
    return fail (error);

  if (cli.json)
    print_json_take (moi_workflow_info_to_json (created));
  else
    g_print ("%s\n", or_dash (moi_workflow_info_get_id (created)));
  return EXIT_OK;
}

typedef void     (*IdAsync)  (MoiClient *, const char *, GCancellable *, GAsyncReadyCallback,
                              gpointer);
typedef gboolean (*IdFinish) (MoiClient *, GAsyncResult *, GError **);

static int
simple_id_call (const char *id,
                IdAsync     async,
                IdFinish    finish,
                const char *message)
{
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean ok;

  async (cli.client, id, cli.cancellable, store_result, &r);
  ok = finish (cli.client, wait_for (&r), &error);
  return done (ok, error, id, message);
}

static int
workflow_delete (const char *id,
                 gboolean    branch)
{
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean ok;

  if (branch)
    {
      moi_client_delete_branch_async (cli.client, id, cli.delete_data, cli.cancellable,
                                      store_result, &r);
      ok = moi_client_delete_branch_finish (cli.client, wait_for (&r), &error);
    }
  else
    {
      moi_client_delete_workflow_async (cli.client, id, cli.delete_data, cli.cancellable,
                                        store_result, &r);
      ok = moi_client_delete_workflow_finish (cli.client, wait_for (&r), &error);
    }
  return done (ok, error, id, _("Deleted."));
}

static int
workflow_check_name (const char *name)
{
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean available = FALSE;

  moi_client_check_workflow_name_async (cli.client, name, cli.cancellable, store_result, &r);
  if (!moi_client_check_workflow_name_finish (cli.client, wait_for (&r), &available, &error))
    return fail (error);
  if (cli.json)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", name);
      json_object_set_boolean_member (object, "available", available);
      print_object_take (object);
    }
  else
    g_print ("%s\n", available ? _("Available.") : _("Taken."));
  /* Scripts test the status: 0 free, 1 taken. */
  return available ? EXIT_OK : EXIT_FAILED;
}

/* --- branches ------------------------------------------------------------ */

static void
branch_row (Table    *table,
            gpointer  item)
{
  MoiWorkflowInfo *info = item;

  table_add (table, or_dash (moi_workflow_info_get_branch_id (info)),
             or_dash (moi_workflow_info_get_branch_name (info)),
             or_dash (moi_branch_status_get_label (moi_workflow_info_get_branch_status (info))),
             or_dash (moi_workflow_info_get_branch_volume_id (info)), NULL);
}

static int
branch_list (const char *workflow_id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("BRANCH ID"), _("NAME"), _("STATUS"), _("TARGET VOLUME"), NULL };
  GError *error = NULL;

  if (!parse_ints (cli.statuses, statuses, &error))
    return fail (error);
  moi_client_list_branches_async (cli.client, workflow_id, (const int *) (gpointer) statuses->data,
                                  statuses->len, cli.cancellable, store_result, &r);
  items = moi_client_list_branches_finish (cli.client, wait_for (&r), NULL, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_workflow_info_to_json, header, branch_row);
  return EXIT_OK;
}

static int
branch_write (const char *id,
              const char *name,
              const char *path,
              gboolean    create)
{
  g_autoptr(MoiWorkflow) workflow = NULL;
  g_autofree char *branch_id = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean ok;

  /* A WorkflowConfig, or a body holding one under "workflow". */
  if ((workflow = moi_workflow_new_from_file (path, &error)) == NULL)
    return fail (error);

  if (!create)
    {
      moi_client_update_branch_async (cli.client, id, name, workflow, cli.cancellable,
                                      store_result, &r);
      ok = moi_client_update_branch_finish (cli.client, wait_for (&r), &error);
      return done (ok, error, id, _("Updated."));
    }

  moi_client_create_branch_async (cli.client, id, name, workflow, cli.cancellable,
                                  store_result, &r);
  if (!moi_client_create_branch_finish (cli.client, wait_for (&r), &branch_id, &error))
    return fail (error);
  if (cli.json)
    {
      JsonObject *object = action_object (id);

      /* The spec's answer has no id; null when the service sent none. */
      if (branch_id != NULL)
        json_object_set_string_member (object, "branch_id", branch_id);
      else
        json_object_set_null_member (object, "branch_id");
      print_object_take (object);
    }
  else
    g_print ("%s\n", branch_id ? branch_id : _("Created."));
  return EXIT_OK;
}

static int
branch_set_enabled (const char *id,
                    gboolean    enabled)
{
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean ok;

  moi_client_set_branch_enabled_async (cli.client, id, enabled, cli.cancellable, store_result,
                                       &r);
  ok = moi_client_set_branch_enabled_finish (cli.client, wait_for (&r), &error);
  return done (ok, error, id, enabled ? _("Enabled.") : _("Disabled."));
}

/* --- jobs ---------------------------------------------------------------- */

static void
job_row (Table    *table,
         gpointer  item)
{
  MoiJob *job = item;
  g_autofree char *created = format_time (moi_job_get_created_at (job));

  table_add (table, or_dash (moi_job_get_id (job)), or_dash (moi_job_get_name (job)),
             or_dash (moi_job_status_get_label (moi_job_get_status (job))),
             or_dash (moi_job_get_workflow_meta_id (job)), created, NULL);
}

static int
job_list (void)
{
  g_autoptr(MoiListQuery) query = searched_query_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("JOB ID"), _("NAME"), _("STATUS"), _("WORKFLOW"), _("CREATED"),
                           NULL };
  GError *error = NULL;
  guint total = 0;

  moi_list_query_set_workflow_id (query, cli.workflow_id);
  if (!add_job_statuses (query, &error))
    return fail (error);

  moi_client_list_jobs_async (cli.client, query, cli.page, cli.page_size, cli.cancellable,
                              store_result, &r);
  items = moi_client_list_jobs_finish (cli.client, wait_for (&r), &total, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_job_to_json, header, job_row);
  if (!cli.json)
    {
      /* TRANSLATORS: the footer of `moi job list`: shown of total */
      g_autofree char *footer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u job",
                                                              "%u of %u jobs", total),
                                                 items->len, total);

      g_print ("%s\n", footer);
    }
  return EXIT_OK;
}

static int
job_show (const char *id)
{
  g_autoptr(MoiJob) job = NULL;
  g_autoptr(MoiJobStatusInfo) status = NULL;
  g_autoptr(GAsyncResult) job_result = NULL;
  g_autoptr(GAsyncResult) status_result = NULL;
  GError *error = NULL;

  moi_client_get_job_async (cli.client, id, cli.cancellable, store_result, &job_result);
  job = moi_client_get_job_finish (cli.client, wait_for (&job_result), &error);
  if (job == NULL)
    return fail (error);
  moi_client_get_job_status_async (cli.client, id, cli.cancellable, store_result,
                                   &status_result);
  status = moi_client_get_job_status_finish (cli.client, wait_for (&status_result), &error);
  if (status == NULL)
    return fail (error);

  if (cli.json)
    {
      JsonNode *node = moi_job_to_json (job);

      json_object_set_member (json_node_get_object (node), "status_info",
                              moi_job_status_info_to_json (status));
      print_json_take (node);
    }
  else
    {
      g_autofree char *progress = g_strdup_printf ("%d%%",
                                                   moi_job_status_info_get_progress (status));

      print_field (_("ID"), moi_job_get_id (job));
      print_field (_("Name"), moi_job_get_name (job));
      print_field (_("Status"), moi_job_status_get_label (moi_job_status_info_get_status (status)));
      print_field (_("Progress"), progress);
      print_field (_("Message"), moi_job_status_info_get_message (status));
      print_field (_("Workflow"), moi_job_get_workflow_meta_id (job));
      print_field (_("Branch"), moi_job_get_workflow_branch_id (job));
      print_time_field (_("Started"), moi_job_status_info_get_start_time (status));
      print_time_field (_("Ended"), moi_job_status_info_get_end_time (status));
    }
  return EXIT_OK;
}

static void
job_file_row (Table    *table,
              gpointer  item)
{
  MoiJobFile *file = item;

  table_add (table, or_dash (moi_job_file_get_id (file)),
             or_dash (moi_job_file_get_file_name (file)),
             or_dash (moi_job_status_get_label (moi_job_file_get_file_status (file))),
             or_dash (moi_job_file_get_error_message (file)), NULL);
}

static int
job_files (const char *id)
{
  g_autoptr(MoiListQuery) query = moi_list_query_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("FILE ID"), _("NAME"), _("STATUS"), _("ERROR"), NULL };
  GError *error = NULL;

  if (!add_job_statuses (query, &error))
    return fail (error);
  moi_client_list_job_files_async (cli.client, id, query, cli.page, cli.page_size,
                                   cli.cancellable, store_result, &r);
  items = moi_client_list_job_files_finish (cli.client, wait_for (&r), NULL, &counts, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_job_file_to_json, header, job_file_row);
  if (!cli.json && counts != NULL)
    {
      int total = moi_job_file_counts_get_total (counts);
      /* TRANSLATORS: the counters of a job's files; the plural follows the
       * first number, the total */
      g_autofree char *line =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%d file: %d completed, %d failed, %d processing, "
                                      "%d pending, %d stopped",
                                      "%d files: %d completed, %d failed, %d processing, "
                                      "%d pending, %d stopped",
                                      total),
                         total,
                         moi_job_file_counts_get_completed (counts),
                         moi_job_file_counts_get_failed (counts),
                         moi_job_file_counts_get_processing (counts),
                         moi_job_file_counts_get_pending (counts),
                         moi_job_file_counts_get_stopped (counts));

      g_print ("%s\n", line);
    }
  return EXIT_OK;
}

static int
job_retry (const char  *id,
           char       **file_ids)
{
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;
  gboolean ok;

  moi_client_retry_job_files_async (cli.client, id, (const char * const *) file_ids,
                                    cli.cancellable, store_result, &r);
  ok = moi_client_retry_job_files_finish (cli.client, wait_for (&r), &error);
  return done (ok, error, id, _("Retrying."));
}

static void
print_watch_line (MoiJobWatcher *watcher)
{
  MoiJobFileCounts *counts = moi_job_watcher_get_counts (watcher);

  if (cli.json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (object, "status", moi_job_watcher_get_status (watcher));
      json_object_set_int_member (object, "progress", moi_job_watcher_get_progress (watcher));
      json_object_set_member (object, "counts", moi_job_file_counts_to_json (counts));
      node = json_node_init_object (json_node_alloc (), object);
      print_json (node, FALSE);
    }
  else
    {
      /* TRANSLATORS: one line of `moi job watch`: status, progress, files
       * completed of all, files failed */
      g_autofree char *line =
        g_strdup_printf (_("%s  %3d%%  completed: %d/%d  failed: %d"),
                         or_dash (moi_job_status_get_label (moi_job_watcher_get_status (watcher))),
                         moi_job_watcher_get_progress (watcher),
                         moi_job_file_counts_get_completed (counts),
                         moi_job_file_counts_get_total (counts),
                         moi_job_file_counts_get_failed (counts));

      g_print ("%s\n", line);
    }
}

static int
job_watch (const char *id)
{
  g_autoptr(MoiJobWatcher) watcher = moi_job_watcher_new (cli.client, id);
  g_autofree char *last = NULL;
  int status;

  if (cli.interval_ms > 0)
    moi_job_watcher_set_intervals (watcher, cli.interval_ms, MAX (cli.interval_ms, 10000));

  while (moi_job_watcher_get_running (watcher) &&
         !g_cancellable_is_cancelled (cli.cancellable))
    {
      g_autofree char *now = NULL;
      MoiJobFileCounts *counts;

      g_main_context_iteration (NULL, TRUE);
      if (moi_job_watcher_get_status (watcher) < 0)
        continue;
      counts = moi_job_watcher_get_counts (watcher);
      now = g_strdup_printf ("%d/%d/%d/%d", moi_job_watcher_get_status (watcher),
                             moi_job_watcher_get_progress (watcher),
                             moi_job_file_counts_get_completed (counts),
                             moi_job_file_counts_get_failed (counts));
      if (g_strcmp0 (now, last) != 0)
        {
          print_watch_line (watcher);
          g_free (last);
          last = g_steal_pointer (&now);
        }
    }

  if (g_cancellable_is_cancelled (cli.cancellable))
    return EXIT_CANCELLED;
  if (!moi_job_watcher_get_finished (watcher))
    return fail (g_error_copy (moi_job_watcher_get_error (watcher)));

  status = moi_job_watcher_get_status (watcher);
  return status == MOI_JOB_STATUS_COMPLETED ? EXIT_OK : EXIT_FAILED;
}

/* --- volumes ------------------------------------------------------------- */

static void
volume_row (Table    *table,
            gpointer  item)
{
  MoiVolume *volume = item;
  g_autofree char *count = g_strdup_printf ("%d", moi_volume_get_file_count (volume));

  table_add (table, or_dash (moi_volume_get_id (volume)), or_dash (moi_volume_get_name (volume)),
             count, or_dash (moi_volume_get_path (volume)), NULL);
}

static int
volume_list (void)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("VOLUME ID"), _("NAME"), _("FILES"), _("PATH"), NULL };
  GError *error = NULL;

  moi_client_list_volumes_async (cli.client, cli.cancellable, store_result, &r);
  items = moi_client_list_volumes_finish (cli.client, wait_for (&r), NULL, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_volume_to_json, header, volume_row);
  return EXIT_OK;
}

static int
volume_create (const char *name,
               const char *path)
{
  g_autoptr(MoiVolume) volume = NULL;
  g_autofree char *absolute = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;

  /* The service resolves nothing relative to the caller's directory. */
  if (path != NULL)
    absolute = g_canonicalize_filename (path, NULL);
  moi_client_create_volume_async (cli.client, name, absolute, cli.cancellable, store_result, &r);
  volume = moi_client_create_volume_finish (cli.client, wait_for (&r), &error);
  if (volume == NULL)
    return fail (error);

  if (cli.json)
    print_json_take (moi_volume_to_json (volume));
  else
    g_print ("%s\n", or_dash (moi_volume_get_id (volume)));
  return EXIT_OK;
}

static void
volume_file_row (Table    *table,
                 gpointer  item)
{
  MoiVolumeFile *file = item;
  g_autofree char *size = g_format_size (moi_volume_file_get_file_size (file));

  table_add (table, or_dash (moi_volume_file_get_id (file)),
             or_dash (moi_volume_file_get_file_name (file)),
             or_dash (moi_file_type_get_name (moi_volume_file_get_file_type (file))), size,
             or_dash (moi_job_status_get_label (moi_volume_file_get_file_status (file))), NULL);
}

static int
volume_files (const char *id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  const char *header[] = { _("FILE ID"), _("NAME"), _("TYPE"), _("SIZE"), _("STATUS"), NULL };
  GError *error = NULL;

  moi_client_list_volume_files_async (cli.client, id, cli.offset, cli.limit, cli.cancellable,
                                      store_result, &r);
  items = moi_client_list_volume_files_finish (cli.client, wait_for (&r), NULL, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, (ToJson) moi_volume_file_to_json, header, volume_file_row);
  return EXIT_OK;
}

static int
volume_blocks (const char *volume_id,
               const char *file_id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  GError *error = NULL;

  moi_client_list_file_blocks_async (cli.client, volume_id, file_id, cli.offset, cli.limit,
                                     cli.cancellable, store_result, &r);
  items = moi_client_list_file_blocks_finish (cli.client, wait_for (&r), NULL, &error);
  if (items == NULL)
    return fail (error);

  if (cli.json)
    print_items_json (items, (ToJson) moi_document_block_to_json);
  else
    for (guint i = 0; i < items->len; i++)
      {
        MoiDocumentBlock *block = g_ptr_array_index (items, i);

        g_print ("── %s (%s)\n%s\n", or_dash (moi_document_block_get_id (block)),
                 or_dash (moi_document_block_get_block_type (block)),
                 or_dash (moi_document_block_get_content (block)));
      }
  return EXIT_OK;
}

/* --- dispatch ------------------------------------------------------------ */

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

/* The local moi-server's key file, for a loopback URL given without a key. */
static char *
read_local_key (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "moi-studio", "server-key",
                                            NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_strstrip (contents);
}

static gboolean
on_sigint (gpointer user_data)
{
  g_cancellable_cancel (cli.cancellable);
  return G_SOURCE_CONTINUE;
}

/* The command if it has its @n arguments, else a usage error. */
#define NEED(n, call) (n_args < (n) ? usage_error (_("Missing argument.")) : (call))

static int
dispatch (char **args,
          guint  n_args)
{
  const char *noun = args[0];
  const char *verb = n_args > 1 ? args[1] : "list";

  args += 2;
  n_args = n_args >= 2 ? n_args - 2 : 0;

  if (g_str_equal (noun, "workflow"))
    {
      if (g_str_equal (verb, "list"))
        return workflow_list ();
      if (g_str_equal (verb, "show"))
        return NEED (1, workflow_show (args[0], FALSE));
      if (g_str_equal (verb, "create"))
        return NEED (1, workflow_create (args[0]));
      if (g_str_equal (verb, "delete"))
        return NEED (1, workflow_delete (args[0], FALSE));
      if (g_str_equal (verb, "stop"))
        return NEED (1, simple_id_call (args[0], moi_client_stop_workflow_async,
                                         moi_client_stop_workflow_finish, _("Stopped.")));
      if (g_str_equal (verb, "check-name"))
        return NEED (1, workflow_check_name (args[0]));
      if (g_str_equal (verb, "rerun"))
        return NEED (1, simple_id_call (args[0], moi_client_rerun_workflow_async,
                                         moi_client_rerun_workflow_finish, _("Started again.")));
    }
  else if (g_str_equal (noun, "branch"))
    {
      if (g_str_equal (verb, "list"))
        return NEED (1, branch_list (args[0]));
      if (g_str_equal (verb, "show"))
        return NEED (1, workflow_show (args[0], TRUE));
      if (g_str_equal (verb, "create"))
        return NEED (3, branch_write (args[0], args[1], args[2], TRUE));
      if (g_str_equal (verb, "update"))
        return NEED (2, branch_write (args[0], cli.name, args[1], FALSE));
      if (g_str_equal (verb, "delete"))
        return NEED (1, workflow_delete (args[0], TRUE));
      if (g_str_equal (verb, "enable") || g_str_equal (verb, "disable"))
        return NEED (1, branch_set_enabled (args[0], g_str_equal (verb, "enable")));
    }
  else if (g_str_equal (noun, "job"))
    {
      if (g_str_equal (verb, "list"))
        return job_list ();
      if (g_str_equal (verb, "show"))
        return NEED (1, job_show (args[0]));
      if (g_str_equal (verb, "files"))
        return NEED (1, job_files (args[0]));
      if (g_str_equal (verb, "retry"))
        return NEED (2, job_retry (args[0], args + 1));
      if (g_str_equal (verb, "watch"))
        return NEED (1, job_watch (args[0]));
    }
  else if (g_str_equal (noun, "volume"))
    {
      if (g_str_equal (verb, "list"))
        return volume_list ();
      if (g_str_equal (verb, "create"))
        return NEED (1, volume_create (args[0], n_args > 1 ? args[1] : NULL));
      if (g_str_equal (verb, "files"))
        return NEED (1, volume_files (args[0]));
      if (g_str_equal (verb, "blocks"))
        return NEED (2, volume_blocks (args[0], args[1]));
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), noun);

      return usage_error (message);
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s %s”."), noun, verb);

    return usage_error (message);
  }
}

static const char commands_help[] =
  N_("Commands:\n"
     "  workflow list|show ID|create FILE.json|delete ID|stop ID|rerun ID\n"
     "           check-name NAME\n"
     "  branch list WORKFLOW_ID|show BRANCH_ID|create WORKFLOW_ID NAME FILE.json\n"
     "         update BRANCH_ID FILE.json|delete BRANCH_ID|enable ID|disable ID\n"
     "  job list|show JOB_ID|files JOB_ID|retry JOB_ID FILE_ID...|watch JOB_ID\n"
     "  volume list|create NAME [FOLDER]|files VOLUME_ID|blocks VOLUME_ID FILE_ID\n"
     "\n"
     "The service is --url or MOI_URL; the key --key or MOI_KEY (for a local\n"
     "moi-server, its key file is read when no key is given).\n"
     "\n"
     "Exit status: 0 done, 1 refused by the service or the watched job failed,\n"
     "2 usage, 3 service unreachable or too slow, 4 key refused, 5 not found,\n"
     "6 unreadable answer, 130 interrupted.");

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) args = NULL;
  int timeout = 30;
  int status;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Service address (default: $MOI_URL)"), "URL" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("The moi-key (default: $MOI_KEY)"), "KEY" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json, N_("Print JSON instead of tables"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Seconds to wait for an answer"), "S" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &cli.search, N_("Filter lists by name"), "TEXT" },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli.statuses,
      N_("Filter by status (number or name; repeatable)"), "STATUS" },
    { "file-type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli.file_types,
      N_("Filter workflows by file type number (repeatable)"), "N" },
    { "workflow", 0, 0, G_OPTION_ARG_STRING, &cli.workflow_id,
      N_("Jobs of this workflow only"), "ID" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &cli.limit, N_("Items per page (default 20)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &cli.offset, N_("Items to skip"), "N" },
    { "page", 0, 0, G_OPTION_ARG_INT, &cli.page, N_("Page of jobs or files, from 1"), "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &cli.page_size, N_("Jobs or files per page"), "N" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &cli.sort, N_("Sort field (created_at, name...)"),
      "FIELD" },
    { "ascending", 0, 0, G_OPTION_ARG_NONE, &cli.ascending, N_("Sort ascending"), NULL },
    { "delete-data", 0, 0, G_OPTION_ARG_NONE, &cli.delete_data,
      N_("Also delete the data a workflow or branch produced"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &cli.name, N_("New name (create, branch update)"),
      "NAME" },
    { "interval", 0, 0, G_OPTION_ARG_INT, &cli.interval_ms,
      N_("Shortest polling interval for watch, in ms"), "MS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, N_("COMMAND") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cli.limit = 20;
  cli.page = 1;
  cli.page_size = 10;

  context = g_option_context_new (_("COMMAND [ARGUMENTS…] — the MOI data-processing API"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _(commands_help));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (args == NULL || args[0] == NULL)
    return usage_error (_("No command given."));
  if (cli.limit < 1 || cli.page < 1 || cli.page_size < 1 || cli.offset < 0 || timeout < 1)
    return usage_error (_("--limit, --page, --page-size and --timeout must be positive."));

  if (url == NULL)
    url = g_strdup (g_getenv ("MOI_URL"));
  if (key == NULL)
    key = g_strdup (g_getenv ("MOI_KEY"));
  if (url == NULL || *url == '\0')
    return usage_error (_("No service address: use --url or set MOI_URL."));
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    return usage_error (_("The service address must start with http:// or https://."));
  if ((key == NULL || *key == '\0') && is_loopback_url (url))
    {
      g_free (key);
      key = read_local_key ();
    }
  if (key == NULL || *key == '\0')
    return usage_error (_("No moi-key: use --key or set MOI_KEY."));

  cli.client = moi_client_new (url, key);
  moi_client_set_timeout (cli.client, timeout);
  cli.cancellable = g_cancellable_new ();
  g_unix_signal_add (SIGINT, on_sigint, NULL);

  status = dispatch (args, g_strv_length (args));

  g_clear_object (&cli.client);
  g_clear_object (&cli.cancellable);
  return status;
}
