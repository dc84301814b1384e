/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* Haystack's MetadataRouter: one output per rule (in the rules' order) plus
 * "unmatched"; a document goes to every rule it matches. Rules use Haystack's
 * filter syntax, evaluated as haystack.utils.filters.document_matches_filter. */

struct _MoiMetadataRouter
{
  MoiNode     parent_instance;
  GPtrArray  *names;     /* char* */
  GPtrArray  *filters;   /* JsonNode* */
};

#define MOI_TYPE_METADATA_ROUTER (moi_metadata_router_get_type ())
G_DECLARE_FINAL_TYPE (MoiMetadataRouter, moi_metadata_router, MOI, METADATA_ROUTER, MoiNode)
G_DEFINE_FINAL_TYPE (MoiMetadataRouter, moi_metadata_router, MOI_TYPE_NODE)

/* ---- filters ------------------------------------------------------------ */

static const char * const comparison_operators[] = {
  "==", "!=", ">", ">=", "<", "<=", "in", "not in", NULL
};

static gboolean
filter_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
moi_filter_validate (JsonNode  *filter,
                     GError   **error)
{
  JsonObject *object;
  const char *operator;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (filter))
    return filter_error (error, _("a filter must be an object"));
  object = json_node_get_object (filter);
  if (!json_object_has_member (object, "operator"))
    return filter_error (error, _("a filter needs an “operator”"));
  operator = json_object_get_string_member_with_default (object, "operator", NULL);
  if (operator == NULL)
    return filter_error (error, _("a filter’s “operator” must be a string"));

  if (json_object_has_member (object, "field"))
    {
      JsonNode *field = json_object_get_member (object, "field");

      if (!JSON_NODE_HOLDS_VALUE (field) || json_node_get_value_type (field) != G_TYPE_STRING)
        return filter_error (error, _("a filter’s “field” must be a string"));
      if (!g_strv_contains (comparison_operators, operator))
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                       _("unknown comparison operator “%s”"), operator);
          return FALSE;
        }
      if (!json_object_has_member (object, "value"))
        return filter_error (error, _("a comparison needs a “value”"));
      return TRUE;
    }

  if (strcmp (operator, "AND") == 0 || strcmp (operator, "OR") == 0
      || strcmp (operator, "NOT") == 0)
    {
      JsonNode *conditions = json_object_get_member (object, "conditions");

      if (conditions == NULL || !JSON_NODE_HOLDS_ARRAY (conditions))
        return filter_error (error, _("a logical filter needs a list of “conditions”"));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (conditions)); i++)
        if (!moi_filter_validate (json_array_get_element (json_node_get_array (conditions), i),
                                  error))
          return FALSE;
      return TRUE;
    }

  g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
               _("unknown logical operator “%s”"), operator);
  return FALSE;
}

static const char * const document_fields[] = {
  "id", "content", "dataframe", "blob", "meta", "score", "embedding", "sparse_embedding",
  "mime_type", NULL
};

/* The value of @field on @document, or NULL (Python None) when absent.
 * "meta.a.b" walks nested meta dicts; other names are Document attributes. */
static JsonNode *
field_value (MoiDocument *document,
             const char  *field)
{
  JsonNode *node;

  if (g_str_has_prefix (field, "meta."))
    {
      g_auto(GStrv) parts = g_strsplit (field + strlen ("meta."), ".", -1);
      JsonObject *object = moi_document_get_meta (document);

      node = NULL;
      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (object == NULL)
            return NULL;
          node = json_object_get_member (object, parts[i]);
          if (node == NULL)
            return NULL;
          object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        }
      return node != NULL ? json_node_copy (node) : NULL;
    }

  /* Legacy filters name meta keys without "meta."; Haystack looks up any
   * name that is not a Document field in meta. */
  if (!g_strv_contains (document_fields, field))
    {
      node = json_object_get_member (moi_document_get_meta (document), field);
      return node != NULL ? json_node_copy (node) : NULL;
    }

  node = json_node_new (JSON_NODE_VALUE);
  if (strcmp (field, "content") == 0 && document->content != NULL)
    json_node_set_string (node, document->content);
  else if (strcmp (field, "id") == 0 && moi_document_get_id (document) != NULL)
    json_node_set_string (node, moi_document_get_id (document));
  else if (strcmp (field, "mime_type") == 0 && document->mime_type != NULL)
    json_node_set_string (node, document->mime_type);
  else if (strcmp (field, "score") == 0 && !isnan (document->score))
    json_node_set_double (node, document->score);
  else
    g_clear_pointer (&node, json_node_unref);
  return node;
}

static gboolean
is_none (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN;
}

static double
number_of (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  return json_node_get_double (node);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Python ==: 1 == 1.0 == True; lists and dicts compare deeply. */
static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  if (is_none (a) || is_none (b))
    return is_none (a) && is_none (b);
  if (is_number (a) && is_number (b))
    return number_of (a) == number_of (b);
  if (is_string (a) && is_string (b))
    return strcmp (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

      if (json_array_get_length (x) != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (x); i++)
        if (!values_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    return json_node_equal (a, b);
  return FALSE;
}

/* datetime.fromisoformat: a date alone is midnight; date and time may be
 * separated by a space. */
static GDateTime *
parse_iso_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *copy = g_strdup (text);
  gsize length = strlen (copy);

  if (length == 10)
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00", NULL);

      return g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (length > 10 && copy[10] == ' ')
    copy[10] = 'T';
  return g_date_time_new_from_iso8601 (copy, utc);
}

/* Haystack compares numbers, or ISO 8601 dates given as strings; anything
 * else with <, > is a FilterError, and None never compares. */
static gboolean
compare_ordered (JsonNode    *document_value,
                 JsonNode    *filter_value,
                 const char  *operator,
                 gboolean    *result,
                 GError     **error)
{
  double a, b;

  *result = FALSE;
  if (is_none (document_value) || is_none (filter_value))
    return TRUE;

  if (is_string (document_value) || is_string (filter_value))
    {
      g_autoptr(GDateTime) da = NULL;
      g_autoptr(GDateTime) db = NULL;

      if (is_string (document_value))
        da = parse_iso_date (json_node_get_string (document_value));
      if (is_string (filter_value))
        db = parse_iso_date (json_node_get_string (filter_value));
      if (da == NULL || db == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("can’t compare strings using operator “%s”: only numbers and "
                         "ISO 8601 dates can be ordered"), operator);
          return FALSE;
        }
      a = (double) g_date_time_to_unix (da) + g_date_time_get_microsecond (da) / 1e6;
      b = (double) g_date_time_to_unix (db) + g_date_time_get_microsecond (db) / 1e6;
    }
  else if (is_number (document_value) && is_number (filter_value))
    {
      a = number_of (document_value);
      b = number_of (filter_value);
    }
  else
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("filter values of operator “%s” must be numbers or dates"), operator);
      return FALSE;
    }

  if (strcmp (operator, ">") == 0)
    *result = a > b;
  else if (strcmp (operator, ">=") == 0)
    *result = a >= b;
  else if (strcmp (operator, "<") == 0)
    *result = a < b;
  else
    *result = a <= b;
  return TRUE;
}

gboolean
moi_filter_matches (JsonNode     *filter,
                    MoiDocument  *document,
                    gboolean     *matches,
                    GError      **error)
{
  JsonObject *object;
  const char *operator;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  if (!moi_filter_validate (filter, error))
    return FALSE;
  object = json_node_get_object (filter);
  operator = json_object_get_string_member (object, "operator");

  if (json_object_has_member (object, "field"))
    {
      g_autoptr(JsonNode) value = field_value (document,
                                               json_object_get_string_member (object, "field"));
      JsonNode *expected = json_object_get_member (object, "value");

      if (strcmp (operator, "==") == 0)
        *matches = values_equal (value, expected);
      else if (strcmp (operator, "!=") == 0)
        *matches = !values_equal (value, expected);
      else if (strcmp (operator, "in") == 0 || strcmp (operator, "not in") == 0)
        {
          gboolean found = FALSE;

          if (!JSON_NODE_HOLDS_ARRAY (expected))
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                           _("filter value of operator “%s” must be a list"), operator);
              return FALSE;
            }
          for (guint i = 0; i < json_array_get_length (json_node_get_array (expected)); i++)
            found = found || values_equal (value,
                                           json_array_get_element (json_node_get_array (expected),
                                                                   i));
          *matches = operator[0] == 'i' ? found : !found;
        }
      else if (!compare_ordered (value, expected, operator, matches, error))
        return FALSE;
      return TRUE;
    }
  else
    {
      JsonArray *conditions = json_object_get_array_member (object, "conditions");
      gboolean is_or = strcmp (operator, "OR") == 0;
      gboolean all = TRUE, any = FALSE;

      for (guint i = 0; i < json_array_get_length (conditions); i++)
        {
          gboolean m = FALSE;

          if (!moi_filter_matches (json_array_get_element (conditions, i), document, &m, error))
            return FALSE;
          /* Haystack evaluates every condition (a list comprehension)
           * before all()/any(), so an error anywhere is an error. */
          all = all && m;
          any = any || m;
        }
      /* Haystack's NOT is "not all(conditions)". */
      if (is_or)
        *matches = any;
      else if (strcmp (operator, "AND") == 0)
        *matches = all;
      else
        *matches = !all;
      return TRUE;
    }
}

/* ---- the router --------------------------------------------------------- */

static gboolean
moi_metadata_router_run (MoiNode              *node,
                         const MoiNodeContext *context,
                         MoiNodeInputs        *inputs,
                         MoiNodeOutputs       *outputs,
                         GError              **error)
{
  MoiMetadataRouter *self = MOI_METADATA_ROUTER (node);
  g_autoptr(GPtrArray) documents = moi_node_inputs_get_items (inputs, "documents");
  g_autoptr(GPtrArray) routed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) unmatched = moi_document_array_new ();

  for (guint r = 0; r < self->names->len; r++)
    g_ptr_array_add (routed, moi_document_array_new ());

  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *document = g_ptr_array_index (documents, i);
      gboolean any = FALSE;

      for (guint r = 0; r < self->names->len; r++)
        {
          g_autoptr(GError) local_error = NULL;
          gboolean matches = FALSE;

          if (!moi_filter_matches (g_ptr_array_index (self->filters, r), document, &matches,
                                   &local_error))
            {
              g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("component “%s”: rule “%s”: %s"), moi_node_get_name (node),
                           (const char *) g_ptr_array_index (self->names, r),
                           local_error->message);
              return FALSE;
            }
          if (matches)
            {
              g_ptr_array_add (g_ptr_array_index (routed, r), moi_document_ref (document));
              any = TRUE;
            }
        }
      if (!any)
        g_ptr_array_add (unmatched, moi_document_ref (document));
    }

  /* Haystack emits every rule, empty lists included. We emit only the rules
   * that got documents, so a branch nothing went to does not run: otherwise
   * a cloud workflow's OCR/caption branch would fail every text file here,
   * for nothing. Receivers of an empty list would produce nothing anyway. */
  for (guint r = 0; r < self->names->len; r++)
    {
      GPtrArray *list = g_ptr_array_index (routed, r);

      if (list->len > 0)
        moi_node_outputs_set (outputs, g_ptr_array_index (self->names, r),
                              moi_value_new_documents (g_ptr_array_ref (list)));
    }
  if (unmatched->len > 0)
    moi_node_outputs_set (outputs, "unmatched",
                          moi_value_new_documents (g_steal_pointer (&unmatched)));
  return TRUE;
}

static void
moi_metadata_router_finalize (GObject *object)
{
  MoiMetadataRouter *self = MOI_METADATA_ROUTER (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->filters, g_ptr_array_unref);

  G_OBJECT_CLASS (moi_metadata_router_parent_class)->finalize (object);
}

static void
moi_metadata_router_class_init (MoiMetadataRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_metadata_router_finalize;
  node_class->run = moi_metadata_router_run;
}

static void
moi_metadata_router_init (MoiMetadataRouter *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
}

MoiNode *
moi_metadata_router_new (MoiComponent  *component,
                         GError       **error)
{
  g_autoptr(MoiMetadataRouter) self = NULL;
  MoiNode *node;
  JsonNode *rules;
  JsonObjectIter iter;
  const char *name;
  JsonNode *rule;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_METADATA_ROUTER, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  rules = moi_node_get_param (node, "rules");
  if (rules == NULL || !JSON_NODE_HOLDS_OBJECT (rules))
    {
      moi_node_set_param_error (node, error, "rules",
                                _("an object of named filter rules is required"));
      return NULL;
    }

  json_object_iter_init (&iter, json_node_get_object (rules));
  while (json_object_iter_next (&iter, &name, &rule))
    {
      g_autoptr(GError) local_error = NULL;

      if (!moi_filter_validate (rule, &local_error))
        {
          g_autofree char *reason = g_strdup_printf (_("rule “%s”: %s"), name,
                                                     local_error->message);

          moi_node_set_param_error (node, error, "rules", reason);
          return NULL;
        }
      g_ptr_array_add (self->names, g_strdup (name));
      g_ptr_array_add (self->filters, json_node_copy (rule));
      moi_node_add_output (node, name, MOI_VALUE_DOCUMENTS);
    }

  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_MANDATORY);
  moi_node_add_output (node, "unmatched", MOI_VALUE_DOCUMENTS);
  return MOI_NODE (g_steal_pointer (&self));
}
