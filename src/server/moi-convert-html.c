/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "moi-converters-private.h"

/* HTMLToDocument uses trafilatura's main-text extraction. This is a smaller
 * extractor in the same spirit: boilerplate elements (navigation, headers,
 * footers, asides, scripts, forms) are dropped, <main>/<article> is preferred
 * over the whole body, and paragraphs, headings, list items ("- item"),
 * preformatted blocks and table rows (cells joined with " | ") become lines. */

typedef struct
{
  GString *out;
  GString *line;
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

static gboolean
is_boilerplate (xmlNode *node)
{
  g_autofree char *role = NULL;
  g_autofree char *hidden = NULL;

  if (name_in (node, dropped_elements, G_N_ELEMENTS (dropped_elements)))
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

static void
walk_table_row (Extractor *ex,
                xmlNode   *row)
{
  gboolean first = TRUE;

  flush_line (ex);
  for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
    {
      Extractor cell_ex;
      g_autofree char *text = NULL;

      if (!is_named (cell, "td") && !is_named (cell, "th"))
        continue;

      cell_ex.out = g_string_new (NULL);
      cell_ex.line = g_string_new (NULL);
      walk_children (&cell_ex, cell);
      flush_line (&cell_ex);
      g_string_free (cell_ex.line, TRUE);
      text = g_string_free (cell_ex.out, FALSE);
      g_strdelimit (text, "\n", ' ');

      if (!first)
        g_string_append (ex->line, " | ");
      g_string_append (ex->line, text);
      first = FALSE;
    }
  flush_line (ex);
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
  if (node->type != XML_ELEMENT_NODE || is_boilerplate (node))
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
    return;

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
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (is_named (node, name))
        return node;
      if (node->type == XML_ELEMENT_NODE && !is_boilerplate (node)
          && (found = find_element (node->children, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The plain text of @html's main content; "" when there is none. */
static char *
extract_main_text (const char *html)
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
  main_node = root != NULL ? find_element (root, "main") : NULL;
  if (main_node == NULL && root != NULL)
    main_node = find_element (root, "article");
  if (main_node == NULL && root != NULL)
    main_node = find_element (root, "body");
  if (main_node == NULL)
    main_node = root;

  ex.out = g_string_new (NULL);
  ex.line = g_string_new (NULL);
  if (main_node != NULL)
    walk (&ex, main_node);
  flush_line (&ex);

  g_string_free (ex.line, TRUE);
  xmlFreeDoc (doc);
  return g_string_free (ex.out, FALSE);
}

gboolean
moi_convert_html (MoiConvertSource  *src,
                  GPtrArray         *out,
                  char             **warning,
                  GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  if (src->check_only)
    return TRUE;
  if ((text = moi_convert_source_decode (src, warning)) == NULL)
    return TRUE;

  plain = extract_main_text (text);
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
