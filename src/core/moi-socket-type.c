/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-socket-type"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-core-error.h"
#include "moi-socket-type.h"

/* Deep enough for any real annotation, shallow enough for the C stack. */
#define MAX_DEPTH 32

struct _MoiSocketType
{
  gatomicrefcount   ref_count;
  /* Interned, so names compare by pointer. */
  const char       *name;
  MoiSocketType   **args;
  guint             n_args;
  /* Written with brackets: "list[]"-style generics vs the bare "list". */
  guint             subscripted : 1;
  guint             variadic : 1;
};

G_DEFINE_BOXED_TYPE (MoiSocketType, moi_socket_type, moi_socket_type_ref, moi_socket_type_unref)

static const char *name_any;
static const char *name_union;
static const char *name_none;
static const char *name_bool;
static const char *name_int;

static void
intern_names (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      name_any = g_intern_static_string ("Any");
      name_union = g_intern_static_string ("Union");
      name_none = g_intern_static_string ("None");
      name_bool = g_intern_static_string ("bool");
      name_int = g_intern_static_string ("int");
      g_once_init_leave (&once, 1);
    }
}

static MoiSocketType *
socket_type_new (const char     *name,
                 MoiSocketType **args,
                 guint           n_args,
                 gboolean        subscripted)
{
  MoiSocketType *self = g_new0 (MoiSocketType, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_intern_string (name);
  self->args = args;
  self->n_args = n_args;
  self->subscripted = !!subscripted;
  return self;
}

MoiSocketType *
moi_socket_type_ref (MoiSocketType *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_socket_type_unref (MoiSocketType *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint i = 0; i < self->n_args; i++)
        moi_socket_type_unref (self->args[i]);
      g_free (self->args);
      g_free (self);
    }
}

/* ------------------------------------------------------------------ parser */

typedef struct
{
  const char *text;
  const char *p;
  GError    **error;
} Parser;

static void
skip_spaces (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static gboolean
parse_fail (Parser     *parser,
            const char *what)
{
  if (parser->error != NULL && *parser->error == NULL)
    g_set_error (parser->error, MOI_CORE_ERROR, MOI_CORE_ERROR_PARSE,
                 /* Translators: a Haystack socket type such as list[Document] could not be read */
                 _("Socket type “%s”, column %d: %s"),
                 parser->text, (int) (parser->p - parser->text) + 1, what);
  return FALSE;
}

/* typing spells the same thing several ways; keep one. */
static const char *
canonical_name (const char *name)
{
  static const struct { const char *from, *to; } map[] = {
    { "List", "list" }, { "Dict", "dict" }, { "Set", "set" }, { "FrozenSet", "frozenset" },
    { "Tuple", "tuple" }, { "Type", "type" }, { "NoneType", "None" }, { "any", "Any" },
  };
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot[1] != '\0')
    name = dot + 1;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (name, map[i].from) == 0)
      return map[i].to;
  return name;
}

static void
union_add (GPtrArray     *members,
           MoiSocketType *type)
{
  if (type->name == name_union)
    {
      for (guint i = 0; i < type->n_args; i++)
        union_add (members, type->args[i]);
      return;
    }
  for (guint i = 0; i < members->len; i++)
    if (moi_socket_type_equal (g_ptr_array_index (members, i), type))
      return;
  g_ptr_array_add (members, moi_socket_type_ref (type));
}

/* Takes the members; flattens nested unions and drops duplicates as
 * typing.Union does, and a union of one is that one type. */
static MoiSocketType *
make_union (GPtrArray *members)
{
  g_autoptr(GPtrArray) flat = NULL;
  guint n;

  flat = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_type_unref);
  for (guint i = 0; i < members->len; i++)
    union_add (flat, g_ptr_array_index (members, i));
  g_ptr_array_unref (members);

  if (flat->len == 1)
    return moi_socket_type_ref (g_ptr_array_index (flat, 0));

  n = flat->len;
  g_ptr_array_set_free_func (flat, NULL);
  return socket_type_new (name_union,
                          (MoiSocketType **) g_ptr_array_free (g_steal_pointer (&flat), FALSE),
                          n, TRUE);
}

static MoiSocketType *parse_union (Parser *parser, guint depth);

static MoiSocketType *
parse_alias (const char *name)
{
  const char *expansion = NULL;

  if (strcmp (name, "Sources") == 0)
    expansion = "list[str | Path | ByteStream]";
  else if (strcmp (name, "Meta") == 0)
    expansion = "dict[str, Any] | list[dict[str, Any]] | None";

  if (expansion != NULL)
    return moi_socket_type_parse (expansion, NULL);
  return NULL;
}

/* "[" type ("," type)* "]" after a name; returns the argument array. */
static GPtrArray *
parse_args (Parser *parser,
            guint   depth)
{
  g_autoptr(GPtrArray) args = NULL;

  args = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_type_unref);
  parser->p++;  /* '[' */
  skip_spaces (parser);
  if (*parser->p == ']')
    {
      parser->p++;
      return g_steal_pointer (&args);
    }
  for (;;)
    {
      MoiSocketType *arg = parse_union (parser, depth + 1);

      if (arg == NULL)
        return NULL;
      g_ptr_array_add (args, arg);
      skip_spaces (parser);
      if (*parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (*parser->p == ']')
        {
          parser->p++;
          return g_steal_pointer (&args);
        }
      parse_fail (parser, _("expected “,” or “]”"));
      return NULL;
    }
}

static MoiSocketType *
type_from_args (const char *name,
                GPtrArray  *args,
                gboolean    subscripted)
{
  guint n = args != NULL ? args->len : 0;

  if (args != NULL)
    g_ptr_array_set_free_func (args, NULL);
  return socket_type_new (name,
                          args != NULL ? (MoiSocketType **) g_ptr_array_free (args, FALSE) : NULL,
                          n, subscripted);
}

static MoiSocketType *
parse_primary (Parser *parser,
               guint   depth)
{
  const char *start;
  g_autofree char *word = NULL;
  const char *name;

  if (depth > MAX_DEPTH)
    {
      parse_fail (parser, _("nested too deeply"));
      return NULL;
    }

  skip_spaces (parser);
  start = parser->p;

  /* Literal["word", 'char'] arguments and Callable's "..." */
  if (*start == '"' || *start == '\'')
    {
      char quote = *start;

      parser->p++;
      while (*parser->p != '\0' && *parser->p != quote)
        parser->p++;
      if (*parser->p != quote)
        {
          parse_fail (parser, _("unterminated string"));
          return NULL;
        }
      parser->p++;
      word = g_strndup (start, parser->p - start);
      return socket_type_new (word, NULL, 0, FALSE);
    }
  if (g_str_has_prefix (start, "..."))
    {
      parser->p += 3;
      return socket_type_new ("...", NULL, 0, FALSE);
    }
  /* Callable[[str], list[str]]: a bracketed argument list. */
  if (*start == '[')
    {
      GPtrArray *args = parse_args (parser, depth);

      if (args == NULL)
        return NULL;
      return type_from_args ("[]", args, TRUE);
    }

  while (g_ascii_isalnum (*parser->p) || *parser->p == '_' || *parser->p == '.' ||
         *parser->p == '-')
    parser->p++;
  if (parser->p == start)
    {
      parse_fail (parser, _("expected a type name"));
      return NULL;
    }
  word = g_strndup (start, parser->p - start);
  name = canonical_name (word);
  skip_spaces (parser);

  if (*parser->p != '[')
    {
      MoiSocketType *alias = parse_alias (name);

      if (alias != NULL)
        return alias;
      return socket_type_new (name, NULL, 0, FALSE);
    }
  else
    {
      GPtrArray *args = parse_args (parser, depth);

      if (args == NULL)
        return NULL;

      if (strcmp (name, "Optional") == 0)
        {
          if (args->len != 1)
            {
              g_ptr_array_unref (args);
              parse_fail (parser, _("Optional takes one type"));
              return NULL;
            }
          g_ptr_array_add (args, socket_type_new (name_none, NULL, 0, FALSE));
          return make_union (args);
        }
      if (strcmp (name, "Union") == 0)
        {
          if (args->len == 0)
            {
              g_ptr_array_unref (args);
              parse_fail (parser, _("Union needs at least one type"));
              return NULL;
            }
          return make_union (args);
        }
      return type_from_args (name, args, TRUE);
    }
}

static MoiSocketType *
parse_union (Parser *parser,
             guint   depth)
{
  g_autoptr(GPtrArray) members = NULL;
  MoiSocketType *first = parse_primary (parser, depth);

  if (first == NULL)
    return NULL;
  skip_spaces (parser);
  if (*parser->p != '|')
    return first;

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_socket_type_unref);
  g_ptr_array_add (members, first);
  while (*parser->p == '|')
    {
      MoiSocketType *next;

      parser->p++;
      next = parse_primary (parser, depth);
      if (next == NULL)
        return NULL;
      g_ptr_array_add (members, next);
      skip_spaces (parser);
    }
  return make_union (g_steal_pointer (&members));
}

MoiSocketType *
moi_socket_type_parse (const char  *text,
                       GError     **error)
{
  Parser parser = { text, text, error };
  g_autoptr(MoiSocketType) type = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  intern_names ();

  type = parse_union (&parser, 0);
  if (type == NULL)
    return NULL;
  skip_spaces (&parser);
  if (*parser.p != '\0')
    {
      parse_fail (&parser, _("unexpected text after the type"));
      return NULL;
    }

  if ((strcmp (type->name, "Variadic") == 0 || strcmp (type->name, "GreedyVariadic") == 0) &&
      type->n_args == 1)
    {
      MoiSocketType *inner = type->args[0];
      MoiSocketType *copy;
      MoiSocketType **args = NULL;

      if (inner->n_args > 0)
        {
          args = g_new (MoiSocketType *, inner->n_args);
          for (guint i = 0; i < inner->n_args; i++)
            args[i] = moi_socket_type_ref (inner->args[i]);
        }
      copy = socket_type_new (inner->name, args, inner->n_args, inner->subscripted);
      copy->variadic = TRUE;
      return copy;
    }

  return g_steal_pointer (&type);
}

/* ------------------------------------------------------------------ queries */

gboolean
moi_socket_type_is_variadic (const MoiSocketType *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->variadic;
}

gboolean
moi_socket_type_is_any (const MoiSocketType *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  intern_names ();
  return self->name == name_any;
}

static void append_type (GString             *out,
                         const MoiSocketType *self);

static void
append_args (GString             *out,
             const MoiSocketType *self,
             const char          *separator)
{
  for (guint i = 0; i < self->n_args; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      append_type (out, self->args[i]);
    }
}

static void
append_type (GString             *out,
             const MoiSocketType *self)
{
  if (self->name == name_union)
    {
      append_args (out, self, " | ");
      return;
    }

  if (strcmp (self->name, "[]") != 0)
    g_string_append (out, self->name);
  if (self->subscripted)
    {
      g_string_append_c (out, '[');
      append_args (out, self, ", ");
      g_string_append_c (out, ']');
    }
}

char *
moi_socket_type_to_string (const MoiSocketType *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  intern_names ();
  out = g_string_new (NULL);
  append_type (out, self);
  return g_string_free (out, FALSE);
}

typedef gboolean (*TypeRelation) (const MoiSocketType *a,
                                  const MoiSocketType *b);

/* Whether @type relates to some member of the union @set. */
static gboolean
relates_to_some (const MoiSocketType *type,
                 const MoiSocketType *set,
                 TypeRelation         relation)
{
  for (guint i = 0; i < set->n_args; i++)
    if (relation (type, set->args[i]))
      return TRUE;
  return FALSE;
}

/* Whether every member of the union @a relates to some member of @b. */
static gboolean
each_relates_to_some (const MoiSocketType *a,
                      const MoiSocketType *b,
                      TypeRelation         relation)
{
  for (guint i = 0; i < a->n_args; i++)
    if (!relates_to_some (a->args[i], b, relation))
      return FALSE;
  return TRUE;
}

gboolean
moi_socket_type_equal (const MoiSocketType *a,
                       const MoiSocketType *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  intern_names ();

  if (a == b)
    return TRUE;
  if (a->name != b->name || a->n_args != b->n_args)
    return FALSE;

  /* Union members are a set: typing.Union[int, str] == Union[str, int]. */
  if (a->name == name_union)
    return each_relates_to_some (a, b, moi_socket_type_equal);

  for (guint i = 0; i < a->n_args; i++)
    if (!moi_socket_type_equal (a->args[i], b->args[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_subclass (const MoiSocketType *sender,
             const MoiSocketType *receiver)
{
  /* The only builtin subclass relation among socket types: bool is an int. */
  return sender->n_args == 0 && receiver->n_args == 0 &&
         sender->name == name_bool && receiver->name == name_int;
}

static gboolean
compatible (const MoiSocketType *sender,
            const MoiSocketType *receiver)
{
  gboolean sender_union;
  gboolean receiver_union;
  guint n_sender;
  guint n_receiver;

  if (receiver->name == name_any || moi_socket_type_equal (sender, receiver))
    return TRUE;
  if (sender->name == name_any)
    return FALSE;
  if (is_subclass (sender, receiver))
    return TRUE;

  sender_union = sender->name == name_union;
  receiver_union = receiver->name == name_union;

  if (!sender_union && receiver_union)
    return relates_to_some (sender, receiver, compatible);
  if (sender_union && receiver_union)
    return each_relates_to_some (sender, receiver, compatible);

  /* Different origins, or two different plain classes. */
  if (sender_union || receiver_union || sender->name != receiver->name)
    return FALSE;
  if (!sender->subscripted && !receiver->subscripted && sender->n_args == 0)
    return FALSE;

  /* A bare generic means "of Any": the sender's Any only fits a receiver's
   * Any, while a bare receiver accepts every argument. */
  n_sender = MAX (sender->n_args, 1);
  n_receiver = receiver->n_args > 0 ? receiver->n_args : n_sender;
  if (n_sender > n_receiver)
    return FALSE;

  for (guint i = 0; i < n_sender; i++)
    {
      if (receiver->n_args == 0)
        continue;
      if (sender->n_args == 0)
        {
          if (receiver->args[i]->name != name_any)
            return FALSE;
          continue;
        }
      if (!compatible (sender->args[i], receiver->args[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
moi_socket_type_is_compatible (const MoiSocketType *sender,
                               const MoiSocketType *receiver)
{
  g_return_val_if_fail (sender != NULL, FALSE);
  g_return_val_if_fail (receiver != NULL, FALSE);

  intern_names ();
  return compatible (sender, receiver);
}

gboolean
moi_socket_types_compatible (const char *sender,
                             const char *receiver)
{
  g_autoptr(MoiSocketType) s = NULL;
  g_autoptr(MoiSocketType) r = NULL;

  g_return_val_if_fail (sender != NULL, FALSE);
  g_return_val_if_fail (receiver != NULL, FALSE);

  s = moi_socket_type_parse (sender, NULL);
  r = moi_socket_type_parse (receiver, NULL);
  if (s == NULL || r == NULL)
    return FALSE;
  return moi_socket_type_is_compatible (s, r);
}
