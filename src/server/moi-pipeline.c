/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-node.h"
#include "moi-pipeline.h"

G_DEFINE_QUARK (moi-pipeline-error-quark, moi_pipeline_error)

static gint64
count_documents (gpointer     user_data,
                 const char  *writer_name,
                 GPtrArray   *documents,
                 const char  *policy,
                 GError     **error)
{
  g_atomic_int_add ((guint *) user_data, documents->len);
  return documents->len;
}

void
moi_document_sink_init_counter (MoiDocumentSink *sink,
                                guint           *count)
{
  g_return_if_fail (sink != NULL);
  g_return_if_fail (count != NULL);

  *sink = (MoiDocumentSink) { count_documents, NULL, count };
}

typedef struct
{
  guint  sender;          /* index in MoiPipeline.nodes */
  char  *sender_socket;
  guint  receiver;
  char  *receiver_socket;
} Edge;

struct _MoiPipeline
{
  GPtrArray  *nodes;      /* MoiNode*, in run (topological) order */
  GStrv       order;      /* their names */
  GPtrArray **incoming;   /* per node: Edge*, sorted by sender name */
  GHashTable *received;   /* "index\nsocket" of outputs that have receivers */
  /* per node: the socket that gets the file (an unconnected "sources"), or
   * NULL; names owned by the nodes */
  const char **entry_socket;
  /* A component that can never run (nothing can feed it): every file fails
   * with this, naming it. Not a build error, so that workflows such as the
   * API documentation's own example (components, no connections) can still
   * be created and edited. */
  GError     *problem;
  char       *problem_component;
};

static void
edge_free (Edge *edge)
{
  g_free (edge->sender_socket);
  g_free (edge->receiver_socket);
  g_free (edge);
}

void
moi_pipeline_free (MoiPipeline *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; self->incoming != NULL && i < self->nodes->len; i++)
    g_clear_pointer (&self->incoming[i], g_ptr_array_unref);
  g_free (self->incoming);
  g_free (self->entry_socket);
  g_clear_pointer (&self->received, g_hash_table_unref);
  g_clear_error (&self->problem);
  g_free (self->problem_component);
  g_strfreev (self->order);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_free (self);
}

static const char *
kind_describe (MoiValueKind kind)
{
  switch (kind)
    {
    case MOI_VALUE_DOCUMENTS:
      return _("documents");
    case MOI_VALUE_SOURCES:
      return _("sources");
    case MOI_VALUE_JSON:
      return _("a value");
    case MOI_VALUE_ANY:
    default:
      return _("anything");
    }
}

static char *
join_sockets (GPtrArray *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_ptr_array_index (names, i));
    }
  if (names->len == 0)
    g_string_append (s, _("(none)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
kinds_compatible (MoiValueKind a,
                  MoiValueKind b)
{
  return a == MOI_VALUE_ANY || b == MOI_VALUE_ANY || a == b;
}

/* Resolves a connection endpoint's socket. A bare "comp" works as in
 * Haystack's connect(): among the sockets whose kind fits @want, the only
 * one, else the one named like the other end (@other_name). */
static char *
resolve_socket (MoiNode      *node,
                const char   *socket,
                gboolean      output,
                MoiValueKind  want,
                const char   *other_name,
                const char   *connection,
                GError      **error)
{
  g_autoptr(GPtrArray) names = output ? moi_node_list_outputs (node)
                                      : moi_node_list_inputs (node);
  g_autoptr(GPtrArray) fitting = g_ptr_array_new ();
  g_autofree char *list = NULL;

  if (socket != NULL)
    {
      gboolean found = output ? moi_node_lookup_output (node, socket, NULL)
                              : moi_node_lookup_input (node, socket, NULL, NULL);

      if (found || moi_node_has_open_sockets (node))
        return g_strdup (socket);

      list = join_sockets (names);
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   output
                   ? _("connection %s: “%s.%s” does not exist; output sockets of “%s” are: %s")
                   : _("connection %s: “%s.%s” does not exist; input sockets of “%s” are: %s"),
                   connection, moi_node_get_name (node), socket,
                   moi_node_get_name (node), list);
      return NULL;
    }

  if (moi_node_has_open_sockets (node))
    return g_strdup (other_name != NULL ? other_name : "documents");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      MoiValueKind kind = MOI_VALUE_ANY;

      if (output)
        moi_node_lookup_output (node, name, &kind);
      else
        moi_node_lookup_input (node, name, &kind, NULL);
      if (kinds_compatible (kind, want))
        g_ptr_array_add (fitting, (gpointer) name);
    }
  if (fitting->len == 1)
    return g_strdup (g_ptr_array_index (fitting, 0));
  for (guint i = 0; other_name != NULL && i < fitting->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fitting, i), other_name) == 0)
      return g_strdup (other_name);

  list = join_sockets (names);
  g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
               _("connection %s: name the socket of “%s”, it has: %s"),
               connection, moi_node_get_name (node), list);
  return NULL;
}

static char *
received_key (guint       index,
              const char *socket)
{
  return g_strdup_printf ("%u\n%s", index, socket);
}

static int
compare_edges_by_sender (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  GPtrArray *nodes = user_data;
  const Edge *ea = *(const Edge * const *) a;
  const Edge *eb = *(const Edge * const *) b;
  int r = g_strcmp0 (moi_node_get_name (g_ptr_array_index (nodes, ea->sender)),
                     moi_node_get_name (g_ptr_array_index (nodes, eb->sender)));

  return r != 0 ? r : g_strcmp0 (ea->sender_socket, eb->sender_socket);
}

static gboolean
add_connection (GPtrArray      *nodes,
                GHashTable     *by_name,
                GPtrArray      *edges,
                MoiConnection  *connection,
                GError        **error)
{
  const char *sender_name = moi_connection_get_sender_component (connection);
  const char *receiver_name = moi_connection_get_receiver_component (connection);
  g_autofree char *label = g_strdup_printf ("“%s” → “%s”",
                                            moi_connection_get_sender (connection),
                                            moi_connection_get_receiver (connection));
  g_autofree char *sender_socket = NULL;
  g_autofree char *receiver_socket = NULL;
  gpointer sender_index, receiver_index;
  MoiNode *sender, *receiver;
  MoiValueKind out_kind = MOI_VALUE_ANY, in_kind = MOI_VALUE_ANY;
  MoiSocketFlags in_flags = MOI_SOCKET_OPTIONAL;
  Edge *edge;

  if (!g_hash_table_lookup_extended (by_name, sender_name, NULL, &sender_index))
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("connection %s: component “%s” not found in the workflow"),
                   label, sender_name);
      return FALSE;
    }
  if (!g_hash_table_lookup_extended (by_name, receiver_name, NULL, &receiver_index))
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("connection %s: component “%s” not found in the workflow"),
                   label, receiver_name);
      return FALSE;
    }
  if (sender_index == receiver_index)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("connection %s: a component cannot be connected to itself"), label);
      return FALSE;
    }

  sender = g_ptr_array_index (nodes, GPOINTER_TO_UINT (sender_index));
  receiver = g_ptr_array_index (nodes, GPOINTER_TO_UINT (receiver_index));

  /* The end that names its socket is resolved first, so a bare other end
   * can be matched to it. */
  if (moi_connection_get_sender_socket (connection) == NULL
      && moi_connection_get_receiver_socket (connection) != NULL)
    {
      receiver_socket = resolve_socket (receiver, moi_connection_get_receiver_socket (connection),
                                        FALSE, MOI_VALUE_ANY, NULL, label, error);
      if (receiver_socket == NULL)
        return FALSE;
      moi_node_lookup_input (receiver, receiver_socket, &in_kind, NULL);
      sender_socket = resolve_socket (sender, NULL, TRUE, in_kind, receiver_socket, label, error);
    }
  else
    {
      sender_socket = resolve_socket (sender, moi_connection_get_sender_socket (connection),
                                      TRUE, MOI_VALUE_ANY, NULL, label, error);
      if (sender_socket == NULL)
        return FALSE;
      moi_node_lookup_output (sender, sender_socket, &out_kind);
      receiver_socket = resolve_socket (receiver, moi_connection_get_receiver_socket (connection),
                                        FALSE, out_kind, sender_socket, label, error);
    }
  if (sender_socket == NULL || receiver_socket == NULL)
    return FALSE;

  out_kind = in_kind = MOI_VALUE_ANY;
  moi_node_lookup_output (sender, sender_socket, &out_kind);
  moi_node_lookup_input (receiver, receiver_socket, &in_kind, &in_flags);
  if (!kinds_compatible (out_kind, in_kind))
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("connection %s: “%s.%s” gives %s but “%s.%s” takes %s"),
                   label, sender_name, sender_socket, kind_describe (out_kind),
                   receiver_name, receiver_socket, kind_describe (in_kind));
      return FALSE;
    }

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *other = g_ptr_array_index (edges, i);

      if (other->receiver != GPOINTER_TO_UINT (receiver_index)
          || g_strcmp0 (other->receiver_socket, receiver_socket) != 0)
        continue;
      /* Re-connecting an identical edge is a no-op, as in Haystack. */
      if (other->sender == GPOINTER_TO_UINT (sender_index)
          && g_strcmp0 (other->sender_socket, sender_socket) == 0)
        return TRUE;
      /* Lists fan in (variadic or promoted); a single value cannot. */
      if (!(in_flags & MOI_SOCKET_VARIADIC) && in_kind == MOI_VALUE_JSON)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("connection %s: “%s.%s” is already connected and takes one value"),
                       label, receiver_name, receiver_socket);
          return FALSE;
        }
    }

  edge = g_new0 (Edge, 1);
  edge->sender = GPOINTER_TO_UINT (sender_index);
  edge->sender_socket = g_steal_pointer (&sender_socket);
  edge->receiver = GPOINTER_TO_UINT (receiver_index);
  edge->receiver_socket = g_steal_pointer (&receiver_socket);
  g_ptr_array_add (edges, edge);
  return TRUE;
}

/* Kahn's algorithm; among ready components the one first in the workflow
 * goes first, so the order is stable and follows how the user wrote it. */
static guint *
topological_order (GPtrArray  *nodes,
                   GPtrArray  *edges,
                   GError    **error)
{
  guint n = nodes->len;
  g_autofree guint *indegree = g_new0 (guint, n);
  g_autofree gboolean *done = g_new0 (gboolean, n);
  g_autofree guint *order = g_new0 (guint, n);
  guint n_done = 0;

  for (guint i = 0; i < edges->len; i++)
    indegree[((Edge *) g_ptr_array_index (edges, i))->receiver]++;

  while (n_done < n)
    {
      guint next = G_MAXUINT;

      for (guint i = 0; i < n; i++)
        if (!done[i] && indegree[i] == 0)
          {
            next = i;
            break;
          }

      if (next == G_MAXUINT)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < n; i++)
            if (!done[i])
              {
                if (names->len > 0)
                  g_string_append (names, ", ");
                g_string_append_printf (names, "“%s”",
                                        moi_node_get_name (g_ptr_array_index (nodes, i)));
              }
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("the workflow has a cycle through components %s"), names->str);
          return NULL;
        }

      done[next] = TRUE;
      order[n_done++] = next;
      for (guint i = 0; i < edges->len; i++)
        {
          Edge *edge = g_ptr_array_index (edges, i);

          if (edge->sender == next)
            indegree[edge->receiver]--;
        }
    }

  return g_steal_pointer (&order);
}

static const char *
find_sources_socket (MoiNode *node)
{
  g_autoptr(GPtrArray) inputs = moi_node_list_inputs (node);

  for (guint i = 0; i < inputs->len; i++)
    {
      const char *name = g_ptr_array_index (inputs, i);
      MoiSocketFlags flags = 0;

      moi_node_lookup_input (node, name, NULL, &flags);
      if (flags & MOI_SOCKET_SOURCES)
        return name;
    }
  if (moi_node_has_open_sockets (node))
    return "sources";
  return NULL;
}

static gboolean
check_inputs (MoiPipeline  *self,
              guint         index,
              GError      **error)
{
  MoiNode *node = g_ptr_array_index (self->nodes, index);
  g_autoptr(GPtrArray) inputs = moi_node_list_inputs (node);
  GPtrArray *incoming = self->incoming[index];

  if (incoming->len == 0)
    {
      if (self->entry_socket[index] == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("component “%s” has no incoming connection and takes no "
                         "files (“sources”), so it can never run; connect its inputs"),
                       moi_node_get_name (node));
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      const char *name = g_ptr_array_index (inputs, i);
      MoiSocketFlags flags = 0;
      gboolean connected = FALSE;

      moi_node_lookup_input (node, name, NULL, &flags);
      if (flags & (MOI_SOCKET_OPTIONAL | MOI_SOCKET_SOURCES))
        continue;
      for (guint j = 0; j < incoming->len && !connected; j++)
        connected = g_strcmp0 (((Edge *) g_ptr_array_index (incoming, j))->receiver_socket,
                               name) == 0;
      if (!connected)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("component “%s”: mandatory input “%s” is not connected, so it "
                         "can never run"),
                       moi_node_get_name (node), name);
          return FALSE;
        }
    }
  return TRUE;
}

MoiPipeline *
moi_pipeline_new (MoiWorkflow  *workflow,
                  GError      **error)
{
  g_autoptr(MoiPipeline) self = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *position = NULL;
  guint n;

  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = moi_workflow_get_n_components (workflow);
  if (n == 0)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("the workflow has no components"));
      return NULL;
    }

  nodes = g_ptr_array_new_with_free_func (g_object_unref);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      MoiComponent *component = moi_workflow_get_component (workflow, i);
      const char *name = moi_component_get_name (component);
      MoiNode *node;

      if (name == NULL || *name == '\0')
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("component %u of the workflow has no name"), i + 1);
          return NULL;
        }
      if (g_hash_table_contains (by_name, name))
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("two components are named “%s”"), name);
          return NULL;
        }
      node = moi_node_new_for_component (component, error);
      if (node == NULL)
        return NULL;
      g_ptr_array_add (nodes, node);
      g_hash_table_insert (by_name, (char *) moi_node_get_name (node), GUINT_TO_POINTER (i));
    }

  edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  for (guint i = 0; i < moi_workflow_get_n_connections (workflow); i++)
    if (!add_connection (nodes, by_name, edges,
                         moi_workflow_get_connection (workflow, i), error))
      return NULL;

  order = topological_order (nodes, edges, error);
  if (order == NULL)
    return NULL;

  /* Re-index everything in run order. */
  position = g_new0 (guint, n);
  self = g_new0 (MoiPipeline, 1);
  self->nodes = g_ptr_array_new_full (n, g_object_unref);
  self->order = g_new0 (char *, n + 1);
  self->incoming = g_new0 (GPtrArray *, n);
  self->entry_socket = g_new0 (const char *, n);
  self->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      MoiNode *node = g_ptr_array_index (nodes, order[i]);

      position[order[i]] = i;
      g_ptr_array_add (self->nodes, g_object_ref (node));
      self->order[i] = g_strdup (moi_node_get_name (node));
      self->incoming[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
    }
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = g_ptr_array_index (edges, i);
      Edge *copy = g_new0 (Edge, 1);

      copy->sender = position[edge->sender];
      copy->sender_socket = g_strdup (edge->sender_socket);
      copy->receiver = position[edge->receiver];
      copy->receiver_socket = g_strdup (edge->receiver_socket);
      g_hash_table_add (self->received, received_key (copy->sender, copy->sender_socket));
      g_ptr_array_add (self->incoming[copy->receiver], copy);
    }
  for (guint i = 0; i < n; i++)
    {
      MoiNode *node = g_ptr_array_index (self->nodes, i);
      const char *sources_socket = find_sources_socket (node);
      gboolean fed = FALSE;

      g_ptr_array_sort_with_data (self->incoming[i], compare_edges_by_sender, self->nodes);
      for (guint j = 0; j < self->incoming[i]->len; j++)
        fed |= g_strcmp0 (((Edge *) g_ptr_array_index (self->incoming[i], j))->receiver_socket,
                          sources_socket) == 0;
      /* As Haystack's pipeline inputs: a converter whose "sources" nothing
       * feeds takes the file, even when its "meta" is connected. Nodes we
       * know nothing about only when nothing at all feeds them. */
      if (sources_socket != NULL && !fed
          && (self->incoming[i]->len == 0 || !moi_node_has_open_sockets (node)))
        self->entry_socket[i] = sources_socket;
    }
  for (guint i = 0; i < n && self->problem == NULL; i++)
    if (!check_inputs (self, i, &self->problem))
      self->problem_component = g_strdup (self->order[i]);

  return g_steal_pointer (&self);
}

const char * const *
moi_pipeline_get_order (MoiPipeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->order;
}

gboolean
moi_pipeline_has_writer (MoiPipeline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const char *type_path = moi_node_get_type_path (g_ptr_array_index (self->nodes, i));

      if (type_path != NULL
          && (g_str_has_suffix (type_path, ".DocumentWriter")
              || g_strcmp0 (type_path, "DocumentWriter") == 0))
        return TRUE;
    }
  return FALSE;
}

/* Haystack runs a component once its connected inputs are in; one whose
 * mandatory inputs got nothing (a router branch not taken) is skipped. */
static gboolean
can_run (MoiPipeline   *self,
         guint          index,
         MoiNodeInputs *inputs)
{
  MoiNode *node = g_ptr_array_index (self->nodes, index);
  GPtrArray *incoming = self->incoming[index];

  if (moi_node_inputs_is_empty (inputs))
    return FALSE;

  for (guint i = 0; i < incoming->len; i++)
    {
      Edge *edge = g_ptr_array_index (incoming, i);
      MoiSocketFlags flags = 0;

      if (!moi_node_lookup_input (node, edge->receiver_socket, NULL, &flags))
        continue;
      if (!(flags & MOI_SOCKET_OPTIONAL) && !moi_node_inputs_has (inputs, edge->receiver_socket))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
collect_documents (MoiNodeOutputs *outputs,
                   MoiPipeline    *self,
                   guint           index,
                   gboolean        only_unreceived)
{
  g_autoptr(GPtrArray) names = moi_node_outputs_list (outputs);
  GPtrArray *documents = moi_document_array_new ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *socket = g_ptr_array_index (names, i);
      MoiValue *value = moi_node_outputs_get (outputs, socket);

      if (value->kind != MOI_VALUE_DOCUMENTS)
        continue;
      if (only_unreceived)
        {
          g_autofree char *key = received_key (index, socket);

          if (g_hash_table_contains (self->received, key))
            continue;
        }
      for (guint j = 0; j < value->items->len; j++)
        g_ptr_array_add (documents, moi_document_ref (g_ptr_array_index (value->items, j)));
    }
  return documents;
}

gboolean
moi_pipeline_run_file_full (MoiPipeline            *self,
                            const char             *path,
                            JsonObject             *file_meta,
                            const MoiDocumentSink  *sink,
                            GCancellable           *cancellable,
                            GPtrArray             **outputs,
                            char                  **failed_component,
                            GError                **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MoiValue) sources = NULL;
  g_autoptr(GPtrArray) result_documents = NULL;
  MoiNodeContext context = { path, sink, cancellable };
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (failed_component != NULL)
    *failed_component = NULL;

  /* Converters skip unreadable sources, as Haystack does; a file that is
   * not there at all is the caller's mistake and says so. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("file “%s” does not exist"), path);
      return FALSE;
    }

  if (self->problem != NULL)
    {
      if (failed_component != NULL)
        *failed_component = g_strdup (self->problem_component);
      g_propagate_error (error, g_error_copy (self->problem));
      return FALSE;
    }

  n = self->nodes->len;
  results = g_ptr_array_new_full (n, (GDestroyNotify) moi_node_outputs_free);
  sources = moi_value_new_sources (g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   moi_source_unref));
  g_ptr_array_add (sources->items, moi_source_new_for_path (path, file_meta));
  result_documents = moi_document_array_new ();

  for (guint i = 0; i < n; i++)
    {
      MoiNode *node = g_ptr_array_index (self->nodes, i);
      g_autoptr(MoiNodeInputs) inputs = moi_node_inputs_new ();
      g_autoptr(MoiNodeOutputs) node_outputs = NULL;
      g_autoptr(GError) local_error = NULL;

      if (self->entry_socket[i] != NULL)
        moi_node_inputs_add (inputs, self->entry_socket[i], sources);
      for (guint j = 0; j < self->incoming[i]->len; j++)
        {
          Edge *edge = g_ptr_array_index (self->incoming[i], j);
          MoiNodeOutputs *sent = g_ptr_array_index (results, edge->sender);
          MoiValue *value = sent != NULL ? moi_node_outputs_get (sent, edge->sender_socket) : NULL;

          if (value != NULL)
            moi_node_inputs_add (inputs, edge->receiver_socket, value);
        }

      if (!can_run (self, i, inputs))
        {
          g_debug ("%s: component “%s” got no input, skipped", path, moi_node_get_name (node));
          g_ptr_array_add (results, NULL);
          continue;
        }

      node_outputs = moi_node_outputs_new ();
      if (!moi_node_run (node, &context, inputs, node_outputs, &local_error))
        {
          g_autofree char *place = g_strdup_printf (_("component “%s”"),
                                                    moi_node_get_name (node));

          /* Every message names its component, whoever made it. */
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
              && !g_str_has_prefix (local_error->message, place))
            g_prefix_error (&local_error, "%s: ", place);
          if (failed_component != NULL)
            *failed_component = g_strdup (moi_node_get_name (node));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (sink != NULL && sink->component_finished != NULL)
        {
          g_autoptr(GPtrArray) documents = collect_documents (node_outputs, self, i, FALSE);

          sink->component_finished (sink->user_data, moi_node_get_name (node), documents);
        }
      if (outputs != NULL)
        {
          g_autoptr(GPtrArray) left = collect_documents (node_outputs, self, i, TRUE);

          g_ptr_array_extend_and_steal (result_documents, g_steal_pointer (&left));
        }
      g_ptr_array_add (results, g_steal_pointer (&node_outputs));
    }

  if (outputs != NULL)
    *outputs = g_steal_pointer (&result_documents);
  return TRUE;
}

gboolean
moi_pipeline_run_file (MoiPipeline           *self,
                       const char            *path,
                       JsonObject            *file_meta,
                       const MoiDocumentSink *sink,
                       GCancellable          *cancellable,
                       char                 **failed_component,
                       GError               **error)
{
  return moi_pipeline_run_file_full (self, path, file_meta, sink, cancellable,
                                     NULL, failed_component, error);
}
