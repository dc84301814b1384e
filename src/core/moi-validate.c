/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-catalog-private.h"
#include "moi-component-spec-private.h"
#include "moi-validate.h"

/* Longest cycle spelled out in full in a message. */
#define MAX_CYCLE_NAMES 8

/* Past this many senders into one input, further ones go to a hash table
 * so that a huge fan-in stays linear. */
#define MAX_LISTED_FEEDS 16

typedef struct
{
  guint          sender;
  MoiSocketSpec *output;
} Feed;

typedef struct
{
  /* Distinct senders. */
  guint   n_senders;
  Feed    first;
  /* Of Feed: the second and later senders, up to MAX_LISTED_FEEDS. */
  GArray *more;
} InputState;

typedef struct
{
  MoiComponent     *component;
  const char       *name;
  MoiComponentSpec *spec;
  /* Of MoiSocketSpec; NULL until a connection needs them. */
  GPtrArray        *inputs;
  GPtrArray        *outputs;
  /* Per input, parallel to @inputs. */
  InputState       *input_states;
  /* Unknown types only: the connections that name this component. */
  GPtrArray        *touching;
  guint             n_connected_inputs;
  guint             unresolved_input : 1;
} Node;

typedef struct
{
  guint          sender;
  guint          receiver;
  MoiSocketSpec *output;
  MoiSocketSpec *input;
} Link;

typedef struct
{
  MoiCatalog    *catalog;
  Node          *nodes;
  guint          n_nodes;
  GHashTable    *by_name;
  GPtrArray     *problems;
  GArray        *edges;
  GHashTable    *links;
  /* What a run hands to entry components: the files. */
  MoiSocketType *sources_type;
  /* Regular expressions already compiled: pattern → NULL when valid, else
   * the message. Workflows repeat the same pattern in many components. */
  GHashTable    *regexes;
} Validation;

typedef struct
{
  guint from;
  guint to;
} Edge;

static guint
link_hash (gconstpointer data)
{
  const Link *link = data;

  return (link->sender * 31u + link->receiver) ^ g_direct_hash (link->output) ^
         (g_direct_hash (link->input) << 1);
}

static gboolean
link_equal (gconstpointer a,
            gconstpointer b)
{
  const Link *x = a;
  const Link *y = b;

  return x->sender == y->sender && x->receiver == y->receiver &&
         x->output == y->output && x->input == y->input;
}

static void
add_problem (Validation         *v,
             MoiProblemKind      kind,
             MoiProblemSeverity  severity,
             const char         *component,
             MoiConnection      *connection,
             const char         *socket,
             const char         *parameter,
             char               *message)
{
  MoiProblem *problem = g_object_new (MOI_TYPE_PROBLEM,
                                      "kind", kind,
                                      "severity", severity,
                                      "component-name", component,
                                      "connection", connection,
                                      "socket", socket,
                                      "parameter", parameter,
                                      "message", message,
                                      NULL);

  g_free (message);
  g_ptr_array_add (v->problems, problem);
}

static Node *
find_node (Validation *v,
           const char *name,
           guint      *index)
{
  gpointer value;

  if (name == NULL || !g_hash_table_lookup_extended (v->by_name, name, NULL, &value))
    return NULL;
  *index = GPOINTER_TO_UINT (value);
  return &v->nodes[*index];
}

/* ------------------------------------------------------------- components */

static MoiProblemKind
problem_kind_for_check (MoiParameterCheck check)
{
  switch (check)
    {
    case MOI_PARAMETER_CHECK_WRONG_KIND:
      return MOI_PROBLEM_PARAMETER_WRONG_KIND;
    case MOI_PARAMETER_CHECK_OUT_OF_RANGE:
      return MOI_PROBLEM_PARAMETER_OUT_OF_RANGE;
    case MOI_PARAMETER_CHECK_NOT_ALLOWED:
      return MOI_PROBLEM_PARAMETER_NOT_ALLOWED;
    case MOI_PARAMETER_CHECK_OK:
    case MOI_PARAMETER_CHECK_INVALID:
    default:
      return MOI_PROBLEM_PARAMETER_INVALID;
    }
}

static void
check_parameter (Validation       *v,
                 Node             *node,
                 JsonObject       *init,
                 MoiParameterSpec *parameter,
                 JsonNode         *value)
{
  const char *key = moi_parameter_spec_get_name (parameter);
  const char *less_than = moi_parameter_spec_get_less_than (parameter);
  g_autofree char *message = NULL;
  MoiParameterCheck check;
  JsonNode *bound;

  if (moi_parameter_spec_get_kind (parameter) == MOI_PARAMETER_KIND_REGEX &&
      JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *pattern = json_node_get_string (value);
      gpointer known;

      if (g_hash_table_lookup_extended (v->regexes, pattern, NULL, &known))
        {
          check = known == NULL ? MOI_PARAMETER_CHECK_OK : MOI_PARAMETER_CHECK_INVALID;
          message = g_strdup (known);
        }
      else
        {
          check = moi_parameter_spec_check_value (parameter, value, &message);
          g_hash_table_insert (v->regexes, g_strdup (pattern), g_strdup (message));
        }
    }
  else
    check = moi_parameter_spec_check_value (parameter, value, &message);
  if (check != MOI_PARAMETER_CHECK_OK)
    {
      add_problem (v, problem_kind_for_check (check), MOI_PROBLEM_SEVERITY_ERROR,
                   node->name, NULL, NULL, key,
                   /* Translators: "DocumentSplitter: parameter “split_length” expects a
                    * whole number, found a string" */
                   g_strdup_printf (_("%s: parameter “%s” %s"), node->name, key, message));
      return;
    }

  /* Haystack refuses split_overlap >= split_length. */
  if (less_than == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) == G_TYPE_STRING)
    return;
  bound = json_object_get_member (init, less_than);
  if (bound == NULL)
    bound = moi_component_spec_get_parameter_default (node->spec, less_than);
  if (bound != NULL && JSON_NODE_HOLDS_VALUE (bound) &&
      (json_node_get_value_type (bound) == G_TYPE_INT64 ||
       json_node_get_value_type (bound) == G_TYPE_DOUBLE) &&
      json_node_get_double (value) >= json_node_get_double (bound))
    add_problem (v, MOI_PROBLEM_PARAMETER_OUT_OF_RANGE, MOI_PROBLEM_SEVERITY_ERROR,
                 node->name, NULL, NULL, key,
                 g_strdup_printf (_("%s: parameter “%s” (%g) must be less than “%s” (%g)"),
                                  node->name, key, json_node_get_double (value),
                                  less_than, json_node_get_double (bound)));
}

static void
check_parameters (Validation *v,
                  Node       *node)
{
  JsonObject *init = moi_component_get_init_parameters (node->component);
  GPtrArray *required = _moi_component_spec_get_required_parameters (node->spec);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  for (guint i = 0; i < required->len; i++)
    {
      MoiParameterSpec *parameter = g_ptr_array_index (required, i);
      const char *name = moi_parameter_spec_get_name (parameter);

      if (init == NULL || !json_object_has_member (init, name))
        add_problem (v, MOI_PROBLEM_PARAMETER_MISSING, MOI_PROBLEM_SEVERITY_ERROR,
                     node->name, NULL, NULL, name,
                     g_strdup_printf (_("“%s” needs the parameter “%s” (%s)"),
                                      node->name, name, moi_parameter_spec_get_label (parameter)));
    }
  if (init == NULL)
    return;

  /* Walk what is set rather than the whole schema; keys the catalog does
   * not know (MOI adds its own) are left alone. */
  json_object_iter_init_ordered (&iter, init);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      MoiParameterSpec *parameter = moi_component_spec_lookup_parameter (node->spec, key);

      if (parameter != NULL)
        check_parameter (v, node, init, parameter, value);
    }
}

static void
check_components (Validation  *v,
                  MoiWorkflow *workflow)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < v->n_nodes; i++)
    {
      Node *node = &v->nodes[i];
      const char *id;
      const char *type;
      gpointer other;

      node->component = moi_workflow_get_component (workflow, i);
      /* Messages quote the name; an unnamed component reads as “”. */
      node->name = moi_component_get_name (node->component);
      if (node->name == NULL)
        node->name = "";
      type = moi_component_get_component_type (node->component);
      node->spec = moi_catalog_lookup (v->catalog, type);

      if (node->name[0] == '\0')
        add_problem (v, MOI_PROBLEM_EMPTY_NAME, MOI_PROBLEM_SEVERITY_ERROR, node->name, NULL,
                     NULL, NULL,
                     g_strdup_printf (_("Component %u (%s) has no name"), i + 1,
                                      moi_component_get_short_type (node->component) != NULL
                                        ? moi_component_get_short_type (node->component) : "?"));
      else
        {
          if (strchr (node->name, '.') != NULL)
            add_problem (v, MOI_PROBLEM_NAME_HAS_DOT, MOI_PROBLEM_SEVERITY_ERROR, node->name,
                         NULL, NULL, NULL,
                         g_strdup_printf (_("The name “%s” contains a “.”: connections read "
                                            "everything after the first “.” as a socket name"),
                                          node->name));
          if (g_hash_table_lookup_extended (v->by_name, node->name, NULL, &other))
            add_problem (v, MOI_PROBLEM_DUPLICATE_NAME, MOI_PROBLEM_SEVERITY_ERROR, node->name,
                         NULL, NULL, NULL,
                         g_strdup_printf (_("Components %u and %u are both named “%s”; "
                                            "connections cannot tell them apart"),
                                          GPOINTER_TO_UINT (other) + 1, i + 1, node->name));
          else
            g_hash_table_insert (v->by_name, (gpointer) node->name, GUINT_TO_POINTER (i));
        }

      id = moi_component_get_component_id (node->component);
      if (id != NULL && id[0] != '\0')
        {
          Node *first = g_hash_table_lookup (by_id, id);

          if (first != NULL)
            add_problem (v, MOI_PROBLEM_DUPLICATE_ID, MOI_PROBLEM_SEVERITY_ERROR, node->name,
                         NULL, NULL, NULL,
                         g_strdup_printf (_("“%s” has the same component_id “%s” as “%s”"),
                                          node->name, id, first->name));
          else
            g_hash_table_insert (by_id, (gpointer) id, node);
        }

      if (node->spec == NULL)
        {
          add_problem (v, MOI_PROBLEM_UNKNOWN_TYPE, MOI_PROBLEM_SEVERITY_WARNING, node->name, NULL,
                       NULL, NULL,
                       g_strdup_printf (_("“%s” has a type this app does not know (%s); it is "
                                          "kept as it is but not checked"),
                                        node->name, type != NULL ? type : ""));
          node->touching = g_ptr_array_new ();
        }
      else
        check_parameters (v, node);
    }
}

/* ------------------------------------------------------------ connections */

static void
ensure_sockets (Validation *v,
                Node       *node)
{
  if (node->inputs != NULL)
    return;
  _moi_catalog_build_sockets (v->catalog, node->component, node->spec,
                              node->touching != NULL ? (MoiConnection **) node->touching->pdata
                                                     : NULL,
                              node->touching != NULL ? node->touching->len : 0,
                              &node->inputs, &node->outputs);
  node->input_states = g_new0 (InputState, node->inputs->len);
}

static char *
join_socket_names (GPtrArray *sockets)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sockets->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, moi_socket_spec_get_name (g_ptr_array_index (sockets, i)));
    }
  if (sockets->len == 0)
    g_string_append (out, _("none"));
  return g_string_free (out, FALSE);
}

static gboolean
sockets_fit (MoiSocketSpec *output,
             MoiSocketSpec *input)
{
  return moi_socket_type_is_compatible (moi_socket_spec_get_socket_type (output),
                                        moi_socket_spec_get_socket_type (input));
}

/* Haystack's connect() when a socket is not named: every compatible pair;
 * if several, the ones whose names are equal; still several is ambiguous. */
static guint
resolve_pair (Node           *sender,
              Node           *receiver,
              MoiSocketSpec  *given_output,
              MoiSocketSpec  *given_input,
              MoiSocketSpec **output,
              MoiSocketSpec **input)
{
  guint n_out = given_output != NULL ? 1 : sender->outputs->len;
  guint n_in = given_input != NULL ? 1 : receiver->inputs->len;
  guint n_pairs = 0;
  guint n_named = 0;
  MoiSocketSpec *named_output = NULL;
  MoiSocketSpec *named_input = NULL;

  for (guint i = 0; i < n_out; i++)
    {
      MoiSocketSpec *o = given_output != NULL ? given_output
                                               : g_ptr_array_index (sender->outputs, i);

      for (guint j = 0; j < n_in; j++)
        {
          MoiSocketSpec *in = given_input != NULL ? given_input
                                                  : g_ptr_array_index (receiver->inputs, j);

          if (!sockets_fit (o, in))
            continue;
          if (n_pairs++ == 0)
            {
              *output = o;
              *input = in;
            }
          if (strcmp (moi_socket_spec_get_name (o), moi_socket_spec_get_name (in)) == 0)
            {
              n_named++;
              named_output = o;
              named_input = in;
            }
        }
    }

  if (n_pairs > 1 && n_named == 1)
    {
      *output = named_output;
      *input = named_input;
      return 1;
    }
  return n_pairs;
}

/* Whether this sender already feeds the input; remembers it if not. */
static gboolean
feed_seen (Validation    *v,
           InputState    *state,
           guint          receiver,
           MoiSocketSpec *input,
           guint          sender,
           MoiSocketSpec *output)
{
  Feed feed = { sender, output };
  Link key = { sender, receiver, output, input };

  if (state->first.sender == sender && state->first.output == output)
    return TRUE;
  if (state->more == NULL)
    state->more = g_array_new (FALSE, FALSE, sizeof (Feed));
  for (guint i = 0; i < state->more->len; i++)
    {
      Feed *other = &g_array_index (state->more, Feed, i);

      if (other->sender == sender && other->output == output)
        return TRUE;
    }
  if (state->more->len < MAX_LISTED_FEEDS)
    {
      g_array_append_val (state->more, feed);
      return FALSE;
    }
  if (g_hash_table_contains (v->links, &key))
    return TRUE;
  g_hash_table_add (v->links, g_memdup2 (&key, sizeof key));
  return FALSE;
}

static void
record_link (Validation    *v,
             MoiConnection *connection,
             guint          sender_index,
             guint          receiver_index,
             MoiSocketSpec *output,
             MoiSocketSpec *input)
{
  Node *sender = &v->nodes[sender_index];
  Node *receiver = &v->nodes[receiver_index];
  InputState *state;
  guint position = 0;

  _moi_socket_spec_array_find (receiver->inputs, moi_socket_spec_get_name (input), &position);
  state = &receiver->input_states[position];

  if (state->n_senders == 0)
    {
      state->first = (Feed) { sender_index, output };
      state->n_senders = 1;
      receiver->n_connected_inputs++;
      return;
    }

  if (feed_seen (v, state, receiver_index, input, sender_index, output))
    {
      add_problem (v, MOI_PROBLEM_DUPLICATE_CONNECTION, MOI_PROBLEM_SEVERITY_WARNING,
                   receiver->name, connection, moi_socket_spec_get_name (input), NULL,
                   g_strdup_printf (_("The connection %s.%s → %s.%s appears more than once"),
                                    sender->name, moi_socket_spec_get_name (output),
                                    receiver->name, moi_socket_spec_get_name (input)));
      return;
    }

  state->n_senders++;
  /* A generic node's inputs may well be variadic: we cannot tell. */
  if (receiver->spec != NULL && !moi_socket_spec_is_variadic (input))
    add_problem (v, MOI_PROBLEM_MULTIPLE_SENDERS, MOI_PROBLEM_SEVERITY_ERROR, receiver->name,
                 connection, moi_socket_spec_get_name (input), NULL,
                 g_strdup_printf (_("The input %s.%s already has a sender; only variadic inputs "
                                    "accept several (this one comes from %s.%s)"),
                                  receiver->name, moi_socket_spec_get_name (input),
                                  sender->name, moi_socket_spec_get_name (output)));
}

static void
unknown_socket (Validation    *v,
                MoiConnection *connection,
                Node          *node,
                const char    *socket,
                gboolean       is_output)
{
  g_autofree char *names = join_socket_names (is_output ? node->outputs : node->inputs);

  add_problem (v, MOI_PROBLEM_UNKNOWN_SOCKET, MOI_PROBLEM_SEVERITY_ERROR, node->name, connection,
               socket, NULL,
               is_output
                 ? g_strdup_printf (_("“%s” has no output “%s” (its outputs: %s)"),
                                    node->name, socket, names)
                 : g_strdup_printf (_("“%s” has no input “%s” (its inputs: %s)"),
                                    node->name, socket, names));
}

static void
check_connection (Validation    *v,
                  MoiConnection *connection,
                  guint          sender_index,
                  guint          receiver_index)
{
  Node *sender = &v->nodes[sender_index];
  Node *receiver = &v->nodes[receiver_index];
  const char *sender_socket = moi_connection_get_sender_socket (connection);
  const char *receiver_socket = moi_connection_get_receiver_socket (connection);
  MoiSocketSpec *given_output = NULL;
  MoiSocketSpec *given_input = NULL;
  MoiSocketSpec *output = NULL;
  MoiSocketSpec *input = NULL;
  guint n_pairs;

  ensure_sockets (v, sender);
  ensure_sockets (v, receiver);

  if (sender_socket != NULL)
    given_output = _moi_socket_spec_array_find (sender->outputs, sender_socket, NULL);
  if (receiver_socket != NULL)
    given_input = _moi_socket_spec_array_find (receiver->inputs, receiver_socket, NULL);
  if (sender_socket != NULL && given_output == NULL)
    unknown_socket (v, connection, sender, sender_socket, TRUE);
  if (receiver_socket != NULL && given_input == NULL)
    unknown_socket (v, connection, receiver, receiver_socket, FALSE);
  if ((sender_socket != NULL && given_output == NULL) ||
      (receiver_socket != NULL && given_input == NULL))
    {
      receiver->unresolved_input = TRUE;
      return;
    }

  /* A generic node's sockets are typed Any and exist only as named: check
   * nothing we cannot know. */
  if (sender->spec == NULL || receiver->spec == NULL)
    {
      if (given_output != NULL && given_input != NULL)
        record_link (v, connection, sender_index, receiver_index, given_output, given_input);
      else
        receiver->unresolved_input = TRUE;
      return;
    }

  if (given_output != NULL && given_input != NULL)
    {
      if (!sockets_fit (given_output, given_input))
        {
          add_problem (v, MOI_PROBLEM_INCOMPATIBLE_TYPES, MOI_PROBLEM_SEVERITY_ERROR,
                       receiver->name, connection, receiver_socket, NULL,
                       g_strdup_printf (_("%s.%s sends %s, which %s.%s (%s) cannot take"),
                                        sender->name, sender_socket,
                                        moi_socket_spec_get_type_string (given_output),
                                        receiver->name, receiver_socket,
                                        moi_socket_spec_get_type_string (given_input)));
          /* Count it as connected: the fix is a type, not a missing wire. */
          record_link (v, connection, sender_index, receiver_index, given_output, given_input);
          return;
        }
      record_link (v, connection, sender_index, receiver_index, given_output, given_input);
      return;
    }

  n_pairs = resolve_pair (sender, receiver, given_output, given_input, &output, &input);
  if (n_pairs == 1)
    {
      record_link (v, connection, sender_index, receiver_index, output, input);
      return;
    }

  receiver->unresolved_input = TRUE;
  if (n_pairs == 0)
    add_problem (v, MOI_PROBLEM_INCOMPATIBLE_TYPES, MOI_PROBLEM_SEVERITY_ERROR, receiver->name,
                 connection, receiver_socket, NULL,
                 g_strdup_printf (_("No output of “%s” fits an input of “%s” in the connection "
                                    "%s → %s"),
                                  sender->name, receiver->name,
                                  moi_connection_get_sender (connection),
                                  moi_connection_get_receiver (connection)));
  else
    add_problem (v, MOI_PROBLEM_AMBIGUOUS_CONNECTION, MOI_PROBLEM_SEVERITY_ERROR, receiver->name,
                 connection, receiver_socket, NULL,
                 g_strdup_printf (_("The connection %s → %s is ambiguous: %u socket pairs fit; "
                                    "name the sockets"),
                                  moi_connection_get_sender (connection),
                                  moi_connection_get_receiver (connection), n_pairs));
}

/* @extra, if not NULL, is checked as if it came after the workflow's own. */
static void
check_connections (Validation    *v,
                   MoiWorkflow   *workflow,
                   MoiConnection *extra)
{
  guint n_own = moi_workflow_get_n_connections (workflow);
  guint n = n_own + (extra != NULL ? 1 : 0);
  g_autofree MoiConnection **connections = g_new (MoiConnection *, MAX (n, 1));
  g_autofree guint *senders = g_new (guint, n);
  g_autofree guint *receivers = g_new (guint, n);
  g_autofree gboolean *resolved = g_new0 (gboolean, n);

  /* First pass: endpoints, and the connections generic nodes derive their
   * sockets from. */
  for (guint i = 0; i < n; i++)
    {
      MoiConnection *connection = connections[i] =
        i < n_own ? moi_workflow_get_connection (workflow, i) : extra;
      const char *sender_name = moi_connection_get_sender_component (connection);
      const char *receiver_name = moi_connection_get_receiver_component (connection);
      Node *sender = find_node (v, sender_name, &senders[i]);
      Node *receiver = find_node (v, receiver_name, &receivers[i]);

      if (sender == NULL || receiver == NULL)
        {
          const char *missing = sender == NULL ? sender_name : receiver_name;

          add_problem (v, MOI_PROBLEM_DANGLING_ENDPOINT, MOI_PROBLEM_SEVERITY_ERROR,
                       sender != NULL ? sender->name : receiver != NULL ? receiver->name : NULL,
                       connection, NULL, NULL,
                       g_strdup_printf (_("The connection %s → %s names “%s”, which is not a "
                                          "component of this workflow"),
                                        moi_connection_get_sender (connection),
                                        moi_connection_get_receiver (connection),
                                        missing != NULL ? missing : ""));
          continue;
        }

      resolved[i] = TRUE;
      if (sender->touching != NULL)
        g_ptr_array_add (sender->touching, connection);
      if (receiver->touching != NULL && receiver != sender)
        g_ptr_array_add (receiver->touching, connection);
      g_array_append_val (v->edges, ((Edge) { senders[i], receivers[i] }));
    }

  for (guint i = 0; i < n; i++)
    if (resolved[i])
      check_connection (v, connections[i], senders[i], receivers[i]);
}

/* -------------------------------------------------------- required inputs */

static void
check_required_inputs (Validation *v)
{
  for (guint i = 0; i < v->n_nodes; i++)
    {
      Node *node = &v->nodes[i];
      GPtrArray *inputs;

      if (node->spec == NULL || node->unresolved_input)
        continue;
      inputs = node->inputs != NULL ? node->inputs : moi_component_spec_get_inputs (node->spec);

      for (guint j = 0; j < inputs->len; j++)
        {
          MoiSocketSpec *input = g_ptr_array_index (inputs, j);
          const char *socket = moi_socket_spec_get_name (input);

          if (moi_socket_spec_is_optional (input) ||
              (node->input_states != NULL && node->input_states[j].n_senders > 0))
            continue;

          if (node->n_connected_inputs > 0)
            add_problem (v, MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED, MOI_PROBLEM_SEVERITY_ERROR,
                         node->name, NULL, socket, NULL,
                         g_strdup_printf (_("The required input %s.%s is not connected"),
                                          node->name, socket));
          /* An entry component (nothing wired into it) gets its mandatory
           * inputs from the run, and a MOI run supplies files only. */
          else if (!moi_socket_type_is_compatible (v->sources_type,
                                                   moi_socket_spec_get_socket_type (input)))
            add_problem (v, MOI_PROBLEM_REQUIRED_INPUT_UNCONNECTED, MOI_PROBLEM_SEVERITY_ERROR,
                         node->name, NULL, socket, NULL,
                         g_strdup_printf (_("“%s” receives nothing: its required input “%s” is "
                                            "not connected, and a run only supplies files"),
                                          node->name, socket));
        }
    }
}

/* ----------------------------------------------------------------- cycles */

typedef struct
{
  guint *offsets;
  guint *targets;
} Graph;

static void
build_graph (Validation *v,
             Graph      *graph)
{
  guint n_edges = v->edges->len;
  g_autofree guint *fill = g_new0 (guint, v->n_nodes + 1);

  graph->offsets = g_new0 (guint, v->n_nodes + 1);
  graph->targets = g_new (guint, MAX (n_edges, 1));
  for (guint i = 0; i < n_edges; i++)
    graph->offsets[g_array_index (v->edges, Edge, i).from + 1]++;
  for (guint i = 0; i < v->n_nodes; i++)
    graph->offsets[i + 1] += graph->offsets[i];
  for (guint i = 0; i < n_edges; i++)
    {
      Edge *edge = &g_array_index (v->edges, Edge, i);

      graph->targets[graph->offsets[edge->from] + fill[edge->from]++] = edge->to;
    }
}

static char *
cycle_message (Validation *v,
               GArray     *cycle)
{
  GString *path = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = cycle->len;

  for (guint i = 0; i < n; i++)
    {
      if (n > MAX_CYCLE_NAMES && i == MAX_CYCLE_NAMES - 1)
        {
          g_string_append (path, "… → ");
          i = n - 1;
        }
      g_string_append (path, v->nodes[g_array_index (cycle, guint, i)].name);
      g_string_append (path, " → ");
    }
  g_string_append (path, v->nodes[g_array_index (cycle, guint, 0)].name);
  text = g_string_free (path, FALSE);

  if (n == 1)
    return g_strdup_printf (_("“%s” is connected to itself"),
                            v->nodes[g_array_index (cycle, guint, 0)].name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u component forms a cycle: %s",
                                       "These %u components form a cycle: %s", n),
                          n, text);
}

/* The shortest cycle through @root inside its strongly connected component
 * (breadth-first, so the message is as short as it can be). */
static void
report_cycle (Validation *v,
              Graph      *graph,
              guint      *component_of,
              guint       root,
              guint      *parent,
              guint      *queue)
{
  g_autoptr(GArray) cycle = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) components = NULL;
  guint head = 0, tail = 0;
  guint last = G_MAXUINT;
  guint scc = component_of[root];
  MoiProblem *problem;
  char *message;

  parent[root] = root;
  queue[tail++] = root;
  while (head < tail && last == G_MAXUINT)
    {
      guint u = queue[head++];

      for (guint e = graph->offsets[u]; e < graph->offsets[u + 1]; e++)
        {
          guint w = graph->targets[e];

          if (w == root)
            {
              last = u;
              break;
            }
          if (component_of[w] == scc && parent[w] == G_MAXUINT)
            {
              parent[w] = u;
              queue[tail++] = w;
            }
        }
    }
  g_assert (last != G_MAXUINT);

  for (guint u = last; ; u = parent[u])
    {
      g_array_prepend_val (cycle, u);
      if (u == root)
        break;
    }
  /* Leave parent[] clean for the next component. */
  for (guint i = 0; i < tail; i++)
    parent[queue[i]] = G_MAXUINT;

  for (guint i = 0; i < cycle->len; i++)
    g_strv_builder_add (names, v->nodes[g_array_index (cycle, guint, i)].name);
  components = g_strv_builder_end (names);

  message = cycle_message (v, cycle);
  problem = g_object_new (MOI_TYPE_PROBLEM,
                          "kind", MOI_PROBLEM_CYCLE,
                          "severity", MOI_PROBLEM_SEVERITY_ERROR,
                          "component-name", v->nodes[root].name,
                          "components", components,
                          "message", message,
                          NULL);
  g_free (message);
  g_ptr_array_add (v->problems, problem);
}

/* Tarjan's strongly connected components, iteratively (graphs of thousands
 * of nodes would overflow the stack recursively). Every component with more
 * than one node, or a node wired to itself, holds a cycle; report one. */
static void
check_cycles (Validation *v)
{
  guint n = v->n_nodes;
  Graph graph = { NULL, NULL };
  g_autofree guint *index = NULL;
  g_autofree guint *lowlink = NULL;
  g_autofree guint *component_of = NULL;
  g_autofree guint *stack = NULL;
  g_autofree gboolean *on_stack = NULL;
  g_autofree guint *call_node = NULL;
  g_autofree guint *call_edge = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint *queue = NULL;
  guint next_index = 0;
  guint n_components = 0;
  guint sp = 0;

  if (v->edges->len == 0)
    return;

  build_graph (v, &graph);
  index = g_new (guint, n);
  lowlink = g_new (guint, n);
  component_of = g_new (guint, n);
  stack = g_new (guint, n);
  on_stack = g_new0 (gboolean, n);
  call_node = g_new (guint, n);
  call_edge = g_new (guint, n);
  parent = g_new (guint, n);
  queue = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      index[i] = G_MAXUINT;
      parent[i] = G_MAXUINT;
      component_of[i] = G_MAXUINT;
    }

  for (guint start = 0; start < n; start++)
    {
      guint depth = 0;

      if (index[start] != G_MAXUINT)
        continue;

      call_node[0] = start;
      call_edge[0] = graph.offsets[start];
      index[start] = lowlink[start] = next_index++;
      stack[sp++] = start;
      on_stack[start] = TRUE;

      while (TRUE)
        {
          guint u = call_node[depth];

          if (call_edge[depth] < graph.offsets[u + 1])
            {
              guint w = graph.targets[call_edge[depth]++];

              if (index[w] == G_MAXUINT)
                {
                  depth++;
                  call_node[depth] = w;
                  call_edge[depth] = graph.offsets[w];
                  index[w] = lowlink[w] = next_index++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                }
              else if (on_stack[w])
                lowlink[u] = MIN (lowlink[u], index[w]);
              continue;
            }

          if (lowlink[u] == index[u])
            {
              guint size = 0;
              guint w;
              gboolean self_loop = FALSE;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  component_of[w] = n_components;
                  size++;
                }
              while (w != u);

              if (size == 1)
                for (guint e = graph.offsets[u]; e < graph.offsets[u + 1] && !self_loop; e++)
                  self_loop = graph.targets[e] == u;
              if (size > 1 || self_loop)
                {
                  /* Report from the component that comes first in the file. */
                  guint root = u;

                  for (guint k = sp; k < sp + size; k++)
                    root = MIN (root, stack[k]);
                  report_cycle (v, &graph, component_of, root, parent, queue);
                }
              n_components++;
            }

          if (depth == 0)
            break;
          depth--;
          lowlink[call_node[depth]] = MIN (lowlink[call_node[depth]], lowlink[u]);
        }
    }

  g_free (graph.offsets);
  g_free (graph.targets);
}

/* ----------------------------------------------------------------- public */

static GPtrArray *
validate (MoiWorkflow   *workflow,
          MoiCatalog    *catalog,
          MoiConnection *extra)
{
  Validation v = { 0 };

  v.catalog = catalog != NULL ? catalog : moi_catalog_get_default ();
  v.n_nodes = moi_workflow_get_n_components (workflow);
  v.nodes = g_new0 (Node, MAX (v.n_nodes, 1));
  v.by_name = g_hash_table_new (g_str_hash, g_str_equal);
  v.problems = g_ptr_array_new_with_free_func (g_object_unref);
  v.edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  v.links = g_hash_table_new_full (link_hash, link_equal, g_free, NULL);
  v.sources_type = moi_socket_type_parse ("Sources", NULL);
  v.regexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  check_components (&v, workflow);
  check_connections (&v, workflow, extra);
  check_required_inputs (&v);
  check_cycles (&v);

  for (guint i = 0; i < v.n_nodes; i++)
    {
      Node *node = &v.nodes[i];

      for (guint j = 0; node->input_states != NULL && j < node->inputs->len; j++)
        g_clear_pointer (&node->input_states[j].more, g_array_unref);
      g_free (node->input_states);
      g_clear_pointer (&node->inputs, g_ptr_array_unref);
      g_clear_pointer (&node->outputs, g_ptr_array_unref);
      g_clear_pointer (&node->touching, g_ptr_array_unref);
    }
  g_free (v.nodes);
  g_hash_table_unref (v.by_name);
  g_array_unref (v.edges);
  g_hash_table_unref (v.links);
  moi_socket_type_unref (v.sources_type);
  g_hash_table_unref (v.regexes);

  return v.problems;
}

GPtrArray *
moi_workflow_validate (MoiWorkflow *workflow,
                       MoiCatalog  *catalog)
{
  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (catalog == NULL || MOI_IS_CATALOG (catalog), NULL);

  return validate (workflow, catalog, NULL);
}

MoiProblem *
moi_workflow_check_connection (MoiWorkflow   *workflow,
                               MoiCatalog    *catalog,
                               MoiConnection *connection)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *sender;
  const char *receiver;

  g_return_val_if_fail (MOI_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (catalog == NULL || MOI_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (MOI_IS_CONNECTION (connection), NULL);

  problems = validate (workflow, catalog, connection);
  sender = moi_connection_get_sender_component (connection);
  receiver = moi_connection_get_receiver_component (connection);

  for (guint i = 0; i < problems->len; i++)
    {
      MoiProblem *problem = g_ptr_array_index (problems, i);
      const char * const *cycle = moi_problem_get_components (problem);

      /* Problems elsewhere in the workflow are not this connection's. */
      if (moi_problem_get_connection (problem) == connection ||
          (cycle != NULL && sender != NULL && receiver != NULL &&
           g_strv_contains (cycle, sender) && g_strv_contains (cycle, receiver)))
        return g_object_ref (problem);
    }
  return NULL;
}

guint
moi_problems_count_errors (GPtrArray *problems)
{
  guint n = 0;

  g_return_val_if_fail (problems != NULL, 0);

  for (guint i = 0; i < problems->len; i++)
    if (moi_problem_get_severity (g_ptr_array_index (problems, i)) == MOI_PROBLEM_SEVERITY_ERROR)
      n++;
  return n;
}
