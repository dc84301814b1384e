/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "moi-converters-private.h"
#include "moi-init-parameters.h"
#include "moi-json-reader.h"

/* HTMLToDocument uses trafilatura's main-text extraction. This is a smaller
 * extractor in the same spirit: boilerplate elements (navigation, headers,
 * footers, asides, scripts, forms) are dropped, <main>/<article> is preferred
 * over the whole body, and paragraphs, headings, list items ("- item"),
 * preformatted blocks and table rows (cells joined with " | ") become lines.
 *
 * extraction_kwargs are trafilatura.extract()'s keyword arguments. Those
 * with a meaning here are applied, as trafilatura's text output does:
 * include_tables (default true), include_links ("[text](url)", default
 * false), include_images ("![alt](src)", default false) and
 * include_comments (default true; false drops comment sections). The others
 * (favor_precision, deduplicate, output_format...) are accepted and have no
 * effect. */

typedef struct
{
  gboolean tables;
  gboolean links;
  gboolean images;
  gboolean comments;
} HtmlOptions;

typedef struct
{
  const HtmlOptions *options;
  GString           *out;
  GString           *line;
} Extractor;

static const char * const dropped_elements[] = {
  "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
  "svg", "template", "head", "button", "select", "textarea", "menu", "object", "canvas",
};

static const char * const block_elements[] = {
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "dl", "dt", "dd", "blockquote", "table", "thead", "tbody", "tfoot",
  "figure", "figcaption", "address", "center", "details", "summary", "body", "html",
  "caption",
};

static gboolean
name_in (const xmlNode      *node,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_named (const xmlNode *node,
          const char    *name)
{
  return node->type == XML_ELEMENT_NODE
         && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* trafilatura's comment sections: an id or class naming comments. */
static gboolean
is_comment_section (xmlNode *node)
{
  static const char * const attributes[] = { "id", "class" };

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) attributes[i]);
      g_autofree char *lower = value ? g_ascii_strdown (value, -1) : NULL;

      if (lower != NULL && strstr (lower, "comment") != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_boilerplate (const HtmlOptions *options,
                xmlNode           *node)
{
  g_autofree char *role = NULL;
  g_autofree char *hidden = NULL;

  if (name_in (node, dropped_elements, G_N_ELEMENTS (dropped_elements)))
    return TRUE;
  if (!options->tables && g_ascii_strcasecmp ((const char *) node->name, "table") == 0)
    return TRUE;
  if (!options->comments && is_comment_section (node))
    return TRUE;

  role = (char *) xmlGetProp (node, (const xmlChar *) "role");
  if (role != NULL && (strcmp (role, "navigation") == 0 || strcmp (role, "banner") == 0
                       || strcmp (role, "contentinfo") == 0 || strcmp (role, "complementary") == 0))
    return TRUE;

  hidden = (char *) xmlGetProp (node, (const xmlChar *) "hidden");
  return hidden != NULL;
}

/* Appends @text with runs of whitespace collapsed, as a browser shows it. */
static void
append_collapsed (GString    *line,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ')
            g_string_append_c (line, ' ');
        }
      else
        g_string_append_unichar (line, c);
    }
}

static void
flush_line (Extractor *ex)
{
  g_autofree char *text = g_strstrip (g_strdup (ex->line->str));

  g_string_truncate (ex->line, 0);
  if (*text == '\0')
    return;
  if (ex->out->len > 0)
    g_string_append_c (ex->out, '\n');
  g_string_append (ex->out, text);
}

static void walk (Extractor *ex, xmlNode *node);

static void
walk_children (Extractor *ex,
               xmlNode   *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    walk (ex, child);
}

/* The text of @node's children on one line. */
static char *
inline_text (Extractor *ex,
             xmlNode   *node)
{
  Extractor inner = { ex->options, g_string_new (NULL), g_string_new (NULL) };

  walk_children (&inner, node);
  flush_line (&inner);
  g_string_free (inner.line, TRUE);
  return g_strdelimit (g_string_free (inner.out, FALSE), "\n", ' ');
}

static void
walk_table_row (Extractor *ex,
                xmlNode   *row)
{
  gboolean first = TRUE;

  flush_line (ex);
  for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
    {
      g_autofree char *text = NULL;

      if (!is_named (cell, "td") && !is_named (cell, "th"))
        continue;

      text = inline_text (ex, cell);
      if (!first)
        g_string_append (ex->line, " | ");
      g_string_append (ex->line, text);
      first = FALSE;
    }
  flush_line (ex);
}

/* A link as trafilatura's text output keeps it: "[text](url)". */
static void
walk_link (Extractor *ex,
           xmlNode   *link)
{
  g_autofree char *href = (char *) xmlGetProp (link, (const xmlChar *) "href");
  g_autofree char *text = NULL;

  if (href == NULL)
    {
      walk_children (ex, link);
      return;
    }
  text = g_strstrip (inline_text (ex, link));
  if (*text != '\0')
    g_string_append_printf (ex->line, "[%s](%s)", text, href);
}

/* An image as "![title alt](src)". */
static void
append_image (Extractor *ex,
              xmlNode   *image)
{
  g_autofree char *src = (char *) xmlGetProp (image, (const xmlChar *) "src");
  g_autofree char *title = (char *) xmlGetProp (image, (const xmlChar *) "title");
  g_autofree char *alt = (char *) xmlGetProp (image, (const xmlChar *) "alt");
  g_autofree char *label = g_strdup_printf ("%s %s", title ? title : "", alt ? alt : "");

  if (src == NULL || *src == '\0')
    return;
  g_string_append_printf (ex->line, "![%s](%s)", g_strstrip (label), src);
}

static void
walk (Extractor *ex,
      xmlNode   *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_collapsed (ex->line, (const char *) node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || is_boilerplate (ex->options, node))
    return;

  if (is_named (node, "br"))
    {
      flush_line (ex);
      return;
    }
  if (is_named (node, "pre"))
    {
      g_autofree char *text = (char *) xmlNodeGetContent (node);

      flush_line (ex);
      g_strchomp (text);
      if (*text != '\0')
        {
          if (ex->out->len > 0)
            g_string_append_c (ex->out, '\n');
          g_string_append (ex->out, text);
        }
      return;
    }
  if (is_named (node, "tr"))
    {
      walk_table_row (ex, node);
      return;
    }
  if (is_named (node, "li"))
    {
      flush_line (ex);
      g_string_append (ex->line, "- ");
      walk_children (ex, node);
      if (strcmp (ex->line->str, "- ") == 0)
        g_string_truncate (ex->line, 0);
      flush_line (ex);
      return;
    }
  if (is_named (node, "img"))
    {
      if (ex->options->images)
        append_image (ex, node);
      return;
    }
  if (is_named (node, "a") && ex->options->links)
    {
      walk_link (ex, node);
      return;
    }

  if (name_in (node, block_elements, G_N_ELEMENTS (block_elements)))
    {
      flush_line (ex);
      walk_children (ex, node);
      flush_line (ex);
      return;
    }

  walk_children (ex, node);
}

static xmlNode *
find_element (const HtmlOptions *options,
              xmlNode           *node,
              const char        *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (is_named (node, name))
        return node;
      if (node->type == XML_ELEMENT_NODE && !is_boilerplate (options, node)
          && (found = find_element (options, node->children, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The plain text of @html's main content; "" when there is none. */
static char *
extract_main_text (const char        *html,
                   const HtmlOptions *options)
{
  htmlDocPtr doc;
  xmlNode *root;
  xmlNode *main_node;
  Extractor ex;

  doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                        | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  if (doc == NULL)
    return g_strdup ("");

  root = xmlDocGetRootElement (doc);
  main_node = root != NULL ? find_element (options, root, "main") : NULL;
  if (main_node == NULL && root != NULL)
    main_node = find_element (options, root, "article");
  if (main_node == NULL && root != NULL)
    main_node = find_element (options, root, "body");
  if (main_node == NULL)
    main_node = root;

  ex.options = options;
  ex.out = g_string_new (NULL);
  ex.line = g_string_new (NULL);
  if (main_node != NULL)
    walk (&ex, main_node);
  flush_line (&ex);

  g_string_free (ex.line, TRUE);
  xmlFreeDoc (doc);
  return g_string_free (ex.out, FALSE);
}

/* extraction_kwargs: an object, JSON text holding one, or null. */
static gboolean
read_options (MoiConvertSource  *src,
              HtmlOptions       *options,
              GError           **error)
{
  JsonNode *node = json_object_get_member (src->params, "extraction_kwargs");
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *kwargs;

  *options = (HtmlOptions) { .tables = TRUE, .comments = TRUE };
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    node = parsed = moi_json_parse (json_node_get_string (node), -1, NULL);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: init parameter “extraction_kwargs” must be an object of "
                     "trafilatura extract() arguments"), src->class_name);
      return FALSE;
    }
  kwargs = json_node_get_object (node);
  return moi_init_parameters_get_boolean (kwargs, src->class_name, "include_tables",
                                          &options->tables, error)
         && moi_init_parameters_get_boolean (kwargs, src->class_name, "include_links",
                                             &options->links, error)
         && moi_init_parameters_get_boolean (kwargs, src->class_name, "include_images",
                                             &options->images, error)
         && moi_init_parameters_get_boolean (kwargs, src->class_name, "include_comments",
                                             &options->comments, error);
}

gboolean
moi_convert_html (MoiConvertSource  *src,
                  GPtrArray         *out,
                  char             **warning,
                  GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  HtmlOptions options;

  if (!read_options (src, &options, error))
    return FALSE;
  if (src->check_only)
    return TRUE;
  if ((text = moi_convert_source_decode (src, warning)) == NULL)
    return TRUE;

  plain = extract_main_text (text, &options);
  if (*plain == '\0')
    {
      /* trafilatura returns None for a page without main text. */
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: no main text found in %s, skipping it"),
                                    src->class_name, src->display_name);
      return TRUE;
    }

  g_ptr_array_add (out, moi_convert_source_document (src, plain, NULL));
  return TRUE;
}
