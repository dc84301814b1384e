/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-connection.h"
#include "moi-core-error.h"
#include "moi-json-reader.h"
#include "moi-json-writer.h"

#include "moi-connection-private.h"

struct _MoiConnection
{
  GObject     parent_instance;

  char       *sender;
  char       *receiver;
  /* The endpoints split at the first dot; socket NULL when there is none. */
  char       *sender_component;
  char       *sender_socket;
  char       *receiver_component;
  char       *receiver_socket;

  /* Unknown keys (NULL until there is one), and the order of all keys when
   * it is not sender, receiver, then the others. */
  JsonObject *extra;
  char      **order;
};

G_DEFINE_FINAL_TYPE (MoiConnection, moi_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENDER,
  PROP_RECEIVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_keys[] = { "sender", "receiver", NULL };

static void
split_endpoint (const char  *endpoint,
                char       **component,
                char       **socket)
{
  const char *dot = strchr (endpoint, '.');

  g_free (*component);
  g_free (*socket);
  if (dot != NULL)
    {
      *component = g_strndup (endpoint, dot - endpoint);
      *socket = g_strdup (dot + 1);
    }
  else
    {
      *component = g_strdup (endpoint);
      *socket = NULL;
    }
}

static void
moi_connection_finalize (GObject *object)
{
  MoiConnection *self = (MoiConnection *)object;

  g_free (self->sender);
  g_free (self->receiver);
  g_free (self->sender_component);
  g_free (self->sender_socket);
  g_free (self->receiver_component);
  g_free (self->receiver_socket);
  g_clear_pointer (&self->extra, json_object_unref);
  g_strfreev (self->order);

  G_OBJECT_CLASS (moi_connection_parent_class)->finalize (object);
}

static void
moi_connection_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoiConnection *self = MOI_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SENDER:
      g_value_set_string (value, self->sender);
      break;

    case PROP_RECEIVER:
      g_value_set_string (value, self->receiver);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_connection_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoiConnection *self = MOI_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SENDER:
      g_free (self->sender);
      self->sender = g_value_dup_string (value);
      if (self->sender == NULL)
        self->sender = g_strdup ("");
      split_endpoint (self->sender, &self->sender_component, &self->sender_socket);
      break;

    case PROP_RECEIVER:
      g_free (self->receiver);
      self->receiver = g_value_dup_string (value);
      if (self->receiver == NULL)
        self->receiver = g_strdup ("");
      split_endpoint (self->receiver, &self->receiver_component, &self->receiver_socket);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_connection_class_init (MoiConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moi_connection_finalize;
  object_class->get_property = moi_connection_get_property;
  object_class->set_property = moi_connection_set_property;

  properties[PROP_SENDER] =
    g_param_spec_string ("sender", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECEIVER] =
    g_param_spec_string ("receiver", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_connection_init (MoiConnection *self)
{
}

MoiConnection *
moi_connection_new (const char *sender,
                    const char *receiver)
{
  g_return_val_if_fail (sender != NULL, NULL);
  g_return_val_if_fail (receiver != NULL, NULL);

  return g_object_new (MOI_TYPE_CONNECTION,
                       "sender", sender,
                       "receiver", receiver,
                       NULL);
}

static char *
join_endpoint (const char *component,
               const char *socket)
{
  if (socket == NULL)
    return g_strdup (component);
  return g_strconcat (component, ".", socket, NULL);
}

MoiConnection *
moi_connection_new_from_parts (const char *sender_component,
                               const char *sender_socket,
                               const char *receiver_component,
                               const char *receiver_socket)
{
  g_autofree char *sender = NULL;
  g_autofree char *receiver = NULL;

  g_return_val_if_fail (sender_component != NULL, NULL);
  g_return_val_if_fail (receiver_component != NULL, NULL);

  sender = join_endpoint (sender_component, sender_socket);
  receiver = join_endpoint (receiver_component, receiver_socket);
  return moi_connection_new (sender, receiver);
}

static MoiConnection *
new_from_json_object (JsonObject  *object,
                      guint        index,
                      gboolean     take,
                      GError     **error)
{
  g_autofree char *where = NULL;
  const char *sender = NULL;
  const char *receiver = NULL;
  MoiConnection *self;

  g_assert (object != NULL);

  /* TRANSLATORS: %u is the connection's number in the list, from 1 */
  where = g_strdup_printf (_("connection %u"), index + 1);
  if (!moi_json_get_string_member (object, "sender", where, NULL, MOI_JSON_REQUIRED,
                                   &sender, error) ||
      !moi_json_get_string_member (object, "receiver", where, NULL, MOI_JSON_REQUIRED,
                                   &receiver, error))
    return NULL;

  self = moi_connection_new (sender, receiver);
  self->order = moi_json_object_dup_order (object, known_keys);
  if (take)
    self->extra = moi_json_object_take_unknown (object, known_keys);
  else if (json_object_get_size (object) > 2)
    self->extra = moi_json_object_copy_unknown (object, known_keys);

  return self;
}

MoiConnection *
moi_connection_new_from_json_object (JsonObject  *object,
                                     guint        index,
                                     GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_json_object (object, index, FALSE, error);
}

MoiConnection *
moi_connection_new_from_json_object_take (JsonObject  *object,
                                          guint        index,
                                          GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_json_object (object, index, TRUE, error);
}

MoiConnection *
moi_connection_new_from_scanner (MoiJsonScanner *scanner)
{
  MoiJsonKeyOrder order = { known_keys, 0, -1, NULL, NULL };
  g_autofree char *sender = NULL;
  g_autofree char *receiver = NULL;
  char **endpoints[2] = { &sender, &receiver };
  g_autoptr(JsonObject) extra = NULL;
  MoiConnection *self;
  gboolean done;

  g_return_val_if_fail (scanner != NULL, NULL);

  if (!moi_json_scanner_begin_object (scanner, &done))
    return NULL;

  order.unknown = &extra;
  while (!done)
    {
      gsize length;
      const char *key = moi_json_scanner_key (scanner, &length);
      const char *value;
      int k;

      if (key == NULL)
        goto fail;
      k = moi_json_find_key (known_keys, key);
      if (k >= 0 && *endpoints[k] != NULL)
        goto fail;
      moi_json_key_order_add (&order, k, key);
      if (k >= 0)
        {
          if (!(value = moi_json_scanner_string (scanner)))
            goto fail;
          *endpoints[k] = g_strdup (value);
        }
      else if (!moi_json_scanner_member_into (scanner, key, length, &extra))
        goto fail;
      if (!moi_json_scanner_next (scanner, '}', &done))
        goto fail;
    }

  if (sender == NULL || receiver == NULL)
    goto fail;

  self = moi_connection_new (sender, receiver);
  self->order = moi_json_key_order_steal (&order);
  self->extra = g_steal_pointer (&extra);
  return self;

fail:
  moi_json_key_order_clear (&order);
  return NULL;
}

static gboolean
append_member (GString    *out,
               const char *key,
               guint       known_index,
               gboolean    pretty,
               guint       level,
               gpointer    user_data)
{
  MoiConnection *self = user_data;

  moi_json_append_string (out, known_index == 0 ? self->sender : self->receiver);
  return TRUE;
}

JsonObject *
moi_connection_to_json_object (MoiConnection *self)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);

  out = g_string_new (NULL);
  moi_connection_append_json (self, out, FALSE, 0);
  node = moi_json_parse_written (out->str, out->len);
  return json_node_dup_object (node);
}

void
moi_connection_append_json (MoiConnection *self,
                            GString       *out,
                            gboolean       pretty,
                            guint          level)
{
  g_return_if_fail (MOI_IS_CONNECTION (self));
  g_return_if_fail (out != NULL);

  moi_json_append_ordered (out, pretty, level, (const char * const *) self->order, known_keys,
                           self->extra, append_member, self);
}

MoiConnection *
moi_connection_rename_component (MoiConnection *self,
                                 const char    *old_name,
                                 const char    *new_name)
{
  g_autofree char *sender = NULL;
  g_autofree char *receiver = NULL;
  gboolean sender_matches, receiver_matches;
  MoiConnection *copy;

  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (old_name != NULL, NULL);
  g_return_val_if_fail (new_name != NULL, NULL);

  sender_matches = g_strcmp0 (self->sender_component, old_name) == 0;
  receiver_matches = g_strcmp0 (self->receiver_component, old_name) == 0;
  if (!sender_matches && !receiver_matches)
    return NULL;

  sender = join_endpoint (sender_matches ? new_name : self->sender_component,
                          self->sender_socket);
  receiver = join_endpoint (receiver_matches ? new_name : self->receiver_component,
                            self->receiver_socket);

  copy = moi_connection_new (sender, receiver);
  copy->extra = moi_json_object_deep_copy (self->extra);
  copy->order = g_strdupv (self->order);
  return copy;
}

gboolean
moi_connection_touches (MoiConnection *self,
                        const char    *name)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_strcmp0 (self->sender_component, name) == 0 ||
         g_strcmp0 (self->receiver_component, name) == 0;
}

const char *
moi_connection_get_sender (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->sender;
}

const char *
moi_connection_get_receiver (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->receiver;
}

const char *
moi_connection_get_sender_component (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->sender_component;
}

const char *
moi_connection_get_sender_socket (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->sender_socket;
}

const char *
moi_connection_get_receiver_component (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->receiver_component;
}

const char *
moi_connection_get_receiver_socket (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);
  return self->receiver_socket;
}

gboolean
moi_connection_equal (MoiConnection *a,
                      MoiConnection *b)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (a), FALSE);
  g_return_val_if_fail (MOI_IS_CONNECTION (b), FALSE);

  /* Endpoints only: extra keys carry no meaning this app relies on. */
  return g_str_equal (a->sender, b->sender) && g_str_equal (a->receiver, b->receiver);
}

JsonObject *
moi_connection_get_extra (MoiConnection *self)
{
  g_return_val_if_fail (MOI_IS_CONNECTION (self), NULL);

  if (self->extra == NULL)
    self->extra = json_object_new ();
  return self->extra;
}
