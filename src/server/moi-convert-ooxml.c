/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "moi-converters-private.h"
#include "moi-init-parameters.h"

/* DOCXToDocument / PPTXToDocument (python-docx / python-pptx semantics) and
 * MOI's EnhancedDOCXToDocument / EnhancedPPTXToDocument, text only. The zip
 * is read with libarchive, the parts with libxml2 (no network, no entity
 * expansion). */

#define MAX_PART_SIZE (256 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static gboolean
corrupt (MoiConvertSource  *src,
         const char        *kind,
         const char        *detail,
         GError           **error)
{
  g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_CORRUPT,
               /* Translators: "DOCXToDocument: report.docx is not a valid DOCX file: <detail>" */
               _("%s: %s is not a valid %s file: %s"),
               src->class_name, src->display_name, kind, detail);
  return FALSE;
}

/* Reads the zip entries of @src named in @wanted (NULL-terminated; a name
 * ending in "/" takes every entry under it) into a name -> GBytes table. */
static GHashTable *
read_zip_parts (MoiConvertSource  *src,
                const char        *kind,
                const char       **wanted,
                GError           **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  gsize size;
  gconstpointer data = g_bytes_get_data (src->data, &size);
  int r;

  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, size) != ARCHIVE_OK)
    {
      corrupt (src, kind, archive_error_string (a), error);
      archive_read_free (a);
      return NULL;
    }

  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gboolean want = FALSE;
      g_autoptr(GByteArray) buf = NULL;
      char block[16384];
      la_ssize_t n;

      for (guint i = 0; name != NULL && wanted[i] != NULL; i++)
        if (g_str_has_suffix (wanted[i], "/") ? g_str_has_prefix (name, wanted[i])
                                              : strcmp (name, wanted[i]) == 0)
          want = TRUE;
      if (!want)
        continue;

      buf = g_byte_array_new ();
      while ((n = archive_read_data (a, block, sizeof block)) > 0)
        {
          if (buf->len + n > MAX_PART_SIZE)
            {
              corrupt (src, kind, _("a part is too large"), error);
              archive_read_free (a);
              return NULL;
            }
          g_byte_array_append (buf, (const guint8 *) block, n);
        }
      if (n < 0)
        {
          corrupt (src, kind, archive_error_string (a), error);
          archive_read_free (a);
          return NULL;
        }
      g_hash_table_insert (parts, g_strdup (name),
                           g_byte_array_free_to_bytes (g_steal_pointer (&buf)));
    }

  if (r != ARCHIVE_EOF)
    {
      corrupt (src, kind, archive_error_string (a) != NULL ? archive_error_string (a)
                                                          : _("unreadable zip archive"),
               error);
      archive_read_free (a);
      return NULL;
    }

  archive_read_free (a);
  return g_steal_pointer (&parts);
}

static xmlDoc *
parse_part (MoiConvertSource  *src,
            const char        *kind,
            GHashTable        *parts,
            const char        *name,
            GError           **error)
{
  GBytes *bytes = g_hash_table_lookup (parts, name);
  xmlDoc *doc;
  gsize size;
  const char *data;

  if (bytes == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("the part “%s” is missing"), name);

      corrupt (src, kind, detail, error);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, size, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
                       | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("the part “%s” is not well-formed XML"), name);

      if (doc != NULL)
        xmlFreeDoc (doc);
      corrupt (src, kind, detail, error);
      return NULL;
    }

  return doc;
}

static gboolean
is_el (const xmlNode *node,
       const char    *local_name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && strcmp ((const char *) node->name, local_name) == 0;
}

static xmlNode *
child_el (xmlNode    *node,
          const char *local_name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_el (c, local_name))
      return c;
  return NULL;
}

/* An attribute by local name, whatever its namespace prefix. */
static char *
attr (xmlNode    *node,
      const char *local_name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (strcmp ((const char *) a->name, local_name) == 0)
      {
        xmlChar *v = xmlNodeListGetString (node->doc, a->children, 1);
        char *ret = g_strdup ((const char *) v);

        xmlFree (v);
        return ret;
      }
  return NULL;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *v = xmlNodeGetContent (node);
  char *ret = g_strdup (v != NULL ? (const char *) v : "");

  xmlFree (v);
  return ret;
}

/* ---------------------------------------------------------------- DOCX */

typedef struct
{
  GHashTable *links;        /* relationship id -> URL, or NULL */
  const char *link_format;  /* "markdown", "plain" or "none" */
  gboolean    page_breaks;  /* "\f" at page breaks (not in table cells) */
  gboolean    rendered;     /* the document has rendered page breaks */
} DocxContext;

static void append_runs (const DocxContext *ctx, GString *text, xmlNode *node);

/* A hyperlink's text, with its address as the link format wants. */
static void
append_hyperlink (const DocxContext *ctx,
                  GString           *text,
                  xmlNode           *link)
{
  g_autofree char *rid = attr (link, "id");
  const char *url = rid != NULL && ctx->links != NULL ? g_hash_table_lookup (ctx->links, rid)
                                                      : NULL;
  g_autoptr(GString) inner = g_string_new (NULL);

  append_runs (ctx, inner, link);
  if (url == NULL || strcmp (ctx->link_format, "none") == 0)
    g_string_append (text, inner->str);
  else if (strcmp (ctx->link_format, "markdown") == 0)
    g_string_append_printf (text, "[%s](%s)", inner->str, url);
  else
    g_string_append_printf (text, "%s (%s)", inner->str, url);
}

/* python-docx's run text (w:t, tabs, line breaks). Haystack puts "\f" at
 * Word's rendered page breaks (w:lastRenderedPageBreak); a document saved
 * by other software has none, and then hard page breaks (w:br
 * type="page") are where pages end. */
static void
append_runs (const DocxContext *ctx,
             GString           *text,
             xmlNode           *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_el (c, "t"))
        {
          g_autofree char *t = node_text (c);

          g_string_append (text, t);
        }
      else if (is_el (c, "tab") || is_el (c, "ptab"))
        g_string_append_c (text, '\t');
      else if (is_el (c, "cr"))
        g_string_append_c (text, '\n');
      else if (is_el (c, "noBreakHyphen"))
        g_string_append_c (text, '-');
      else if (is_el (c, "br"))
        {
          g_autofree char *type = attr (c, "type");

          if (type == NULL || strcmp (type, "textWrapping") == 0)
            g_string_append_c (text, '\n');
          else if (strcmp (type, "page") == 0 && ctx->page_breaks && !ctx->rendered)
            g_string_append_c (text, '\f');
        }
      else if (is_el (c, "lastRenderedPageBreak"))
        {
          if (ctx->page_breaks)
            g_string_append_c (text, '\f');
        }
      else if (is_el (c, "hyperlink"))
        append_hyperlink (ctx, text, c);
      else if (is_el (c, "r") || is_el (c, "ins") || is_el (c, "smartTag")
               || is_el (c, "fldSimple"))
        append_runs (ctx, text, c);
    }
}

static char *
paragraph_text (const DocxContext *ctx,
                xmlNode           *p)
{
  GString *text = g_string_new (NULL);

  append_runs (ctx, text, p);
  return g_string_free (text, FALSE);
}

static gboolean
has_element (xmlNode    *node,
             const char *local_name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_el (c, local_name) || (c->type == XML_ELEMENT_NODE && has_element (c, local_name)))
      return TRUE;
  return FALSE;
}

/* Relationship id -> target of the external links in a .rels part. */
static GHashTable *
read_links (GHashTable *parts,
            const char *rels_name)
{
  GHashTable *links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GBytes *bytes = g_hash_table_lookup (parts, rels_name);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return links;
  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, size, rels_name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    return links;

  for (xmlNode *rel = root->children; rel != NULL; rel = rel->next)
    {
      g_autofree char *id = is_el (rel, "Relationship") ? attr (rel, "Id") : NULL;
      g_autofree char *type = id != NULL ? attr (rel, "Type") : NULL;
      g_autofree char *target = id != NULL ? attr (rel, "Target") : NULL;

      if (type != NULL && target != NULL && g_str_has_suffix (type, "/hyperlink"))
        g_hash_table_insert (links, g_steal_pointer (&id), g_steal_pointer (&target));
    }
  return links;
}

static gboolean
check_link_format (MoiConvertSource  *src,
                   const char       **link_format,
                   GError           **error)
{
  if (!moi_init_parameters_get_string (src->params, src->class_name, "link_format",
                                       link_format, error))
    return FALSE;
  if (strcmp (*link_format, "markdown") != 0 && strcmp (*link_format, "plain") != 0
      && strcmp (*link_format, "none") != 0)
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                   _("%s: init parameter “%s” must be “markdown”, “plain” or “none”, "
                     "got “%s”"), src->class_name, "link_format", *link_format);
      return FALSE;
    }
  return TRUE;
}

/* Heading level from the paragraph style (Heading1..6, Title), or 0. */
static int
heading_level (xmlNode *p)
{
  xmlNode *style = child_el (child_el (p, "pPr"), "pStyle");
  g_autofree char *val = style != NULL ? attr (style, "val") : NULL;

  if (val == NULL)
    return 0;
  if (g_ascii_strcasecmp (val, "Title") == 0)
    return 1;
  if (g_ascii_strncasecmp (val, "Heading", 7) == 0 && g_ascii_isdigit (val[7]) && val[8] == '\0')
    return MIN (val[7] - '0', 6);
  return 0;
}

/* Rows of cell texts, python-docx style: a cell spanning columns appears
 * once per column, a vertically merged cell repeats the text above it. */
static GPtrArray *
table_rows (const DocxContext *ctx,
            xmlNode           *tbl)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (xmlNode *tr = tbl->children; tr != NULL; tr = tr->next)
    {
      GPtrArray *row;
      GPtrArray *above = rows->len > 0 ? g_ptr_array_index (rows, rows->len - 1) : NULL;

      if (!is_el (tr, "tr"))
        continue;
      row = g_ptr_array_new_with_free_func (g_free);
      for (xmlNode *tc = tr->children; tc != NULL; tc = tc->next)
        {
          xmlNode *pr;
          xmlNode *span;
          xmlNode *vmerge;
          g_autofree char *span_val = NULL;
          g_autofree char *vmerge_val = NULL;
          g_autoptr(GString) cell = NULL;
          guint n = 1;
          gboolean first = TRUE;

          if (!is_el (tc, "tc"))
            continue;
          pr = child_el (tc, "tcPr");
          span = child_el (pr, "gridSpan");
          vmerge = child_el (pr, "vMerge");
          span_val = span != NULL ? attr (span, "val") : NULL;
          vmerge_val = vmerge != NULL ? attr (vmerge, "val") : NULL;
          if (span_val != NULL)
            n = CLAMP (atoi (span_val), 1, 64);

          cell = g_string_new (NULL);
          if (vmerge != NULL && g_strcmp0 (vmerge_val, "restart") != 0
              && above != NULL && row->len < above->len)
            g_string_append (cell, g_ptr_array_index (above, row->len));
          else
            for (xmlNode *p = tc->children; p != NULL; p = p->next)
              if (is_el (p, "p"))
                {
                  g_autofree char *t = paragraph_text (ctx, p);

                  if (!first)
                    g_string_append_c (cell, '\n');
                  g_string_append (cell, t);
                  first = FALSE;
                }

          for (guint k = 0; k < n; k++)
            g_ptr_array_add (row, g_strdup (cell->str));
        }
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* Python's csv.writer, QUOTE_MINIMAL, "\r\n" line ends. */
static void
append_table_csv (GString   *out,
                  GPtrArray *rows)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          const char *cell = g_ptr_array_index (row, c);

          if (c > 0)
            g_string_append_c (out, ',');
          if (strpbrk (cell, ",\"\r\n") != NULL)
            {
              g_string_append_c (out, '"');
              for (const char *p = cell; *p != '\0'; p++)
                {
                  if (*p == '"')
                    g_string_append_c (out, '"');
                  g_string_append_c (out, *p);
                }
              g_string_append_c (out, '"');
            }
          else
            g_string_append (out, cell);
        }
      g_string_append (out, "\r\n");
    }
}

static void
append_padded (GString    *out,
               const char *text,
               glong       width,
               char        pad)
{
  g_string_append (out, text);
  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    g_string_append_c (out, pad);
}

/* Haystack's markdown table: cells stripped and padded to the column's
 * width, a dash row after the first row. */
static void
append_table_markdown (GString   *out,
                       GPtrArray *rows)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          g_autofree char *cell = g_strstrip (g_strdup (g_ptr_array_index (row, c)));
          glong len = g_utf8_strlen (cell, -1);

          if (c >= widths->len)
            g_array_append_val (widths, len);
          else
            g_array_index (widths, glong, c) = MAX (g_array_index (widths, glong, c), len);
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      if (r > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, "| ");
      for (guint c = 0; c < row->len; c++)
        {
          g_autofree char *cell = g_strstrip (g_strdup (g_ptr_array_index (row, c)));

          if (c > 0)
            g_string_append (out, " | ");
          append_padded (out, cell, g_array_index (widths, glong, c), ' ');
        }
      g_string_append (out, " |");
      if (r == 0)
        {
          g_string_append (out, "\n| ");
          for (guint c = 0; c < row->len; c++)
            {
              if (c > 0)
                g_string_append (out, " | ");
              append_padded (out, "", g_array_index (widths, glong, c), '-');
            }
          g_string_append (out, " |");
        }
    }
}

static const struct {
  const char *key;
  const char *element;
} core_fields[] = {
  { "author", "creator" },
  { "category", "category" },
  { "comments", "description" },
  { "content_status", "contentStatus" },
  { "created", "created" },
  { "identifier", "identifier" },
  { "keywords", "keywords" },
  { "language", "language" },
  { "last_modified_by", "lastModifiedBy" },
  { "last_printed", "lastPrinted" },
  { "modified", "modified" },
  { "revision", "revision" },
  { "subject", "subject" },
  { "title", "title" },
  { "version", "version" },
};

/* W3CDTF as Python's datetime.isoformat() prints python-docx's value. */
static char *
iso_datetime (const char *w3cdtf)
{
  g_autofree char *s = g_strstrip (g_strdup (w3cdtf));
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == 'Z')
    {
      s[len - 1] = '\0';
      return g_strconcat (s, "+00:00", NULL);
    }
  if (len == 10)
    return g_strconcat (s, "T00:00:00", NULL);
  return g_steal_pointer (&s);
}

/* Haystack's DOCXMetadata (all fields; python-docx defaults "" / None / 0),
 * or MOI's {author, created, modified}. */
static JsonObject *
docx_metadata (GHashTable *parts,
               gboolean    moi)
{
  JsonObject *docx = json_object_new ();
  GBytes *bytes = g_hash_table_lookup (parts, "docProps/core.xml");
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root = NULL;

  if (bytes != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      doc = xmlReadMemory (data, size, "core.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (core_fields); i++)
    {
      const char *key = core_fields[i].key;
      xmlNode *el = child_el (root, core_fields[i].element);
      g_autofree char *value = el != NULL ? node_text (el) : NULL;
      gboolean is_date = strcmp (key, "created") == 0 || strcmp (key, "modified") == 0
                         || strcmp (key, "last_printed") == 0;

      if (moi && strcmp (key, "author") != 0 && strcmp (key, "created") != 0
          && strcmp (key, "modified") != 0)
        continue;

      if (is_date)
        {
          if (value != NULL && *value != '\0')
            {
              g_autofree char *iso = iso_datetime (value);
              json_object_set_string_member (docx, key, iso);
            }
          else
            json_object_set_null_member (docx, key);
        }
      else if (strcmp (key, "revision") == 0)
        {
          gint64 rev = 0;

          if (value != NULL)
            g_ascii_string_to_signed (g_strstrip (value), 10, 0, G_MAXINT64, &rev, NULL);
          json_object_set_int_member (docx, key, rev);
        }
      else
        json_object_set_string_member (docx, key, value != NULL ? value : "");
    }

  return docx;
}

gboolean
moi_convert_docx (MoiConvertSource  *src,
                  GPtrArray         *out,
                  char             **warning,
                  GError           **error)
{
  static const char *wanted[] = {
    "word/document.xml", "word/_rels/document.xml.rels", "docProps/core.xml", NULL
  };
  g_autoptr(GHashTable) links = NULL;
  DocxContext ctx = { NULL, "none", FALSE, FALSE };
  DocxContext cell_ctx;
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonObject) extra = json_object_new ();
  gboolean moi = moi_convert_source_is_moi (src);
  const char *table_format = "csv";
  xmlNode *body;
  gboolean first = TRUE;

  if (!moi_init_parameters_get_string (src->params, src->class_name, "table_format",
                                       &table_format, error))
    return FALSE;
  if (g_ascii_strcasecmp (table_format, "csv") != 0
      && g_ascii_strcasecmp (table_format, "markdown") != 0)
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                   _("%s: init parameter “%s” must be “csv” or “markdown”, got “%s”"),
                   src->class_name, "table_format", table_format);
      return FALSE;
    }
  if (!check_link_format (src, &ctx.link_format, error))
    return FALSE;
  /* MOI's parser writes markdown: tables and links too. */
  if (moi)
    {
      table_format = "markdown";
      ctx.link_format = "markdown";
    }
  if (src->check_only)
    return TRUE;

  if ((parts = read_zip_parts (src, "DOCX", wanted, error)) == NULL
      || (doc = parse_part (src, "DOCX", parts, "word/document.xml", error)) == NULL)
    return FALSE;

  body = child_el (xmlDocGetRootElement (doc), "body");
  links = read_links (parts, "word/_rels/document.xml.rels");
  ctx.links = links;
  ctx.page_breaks = !moi;
  ctx.rendered = body != NULL && has_element (body, "lastRenderedPageBreak");
  cell_ctx = ctx;
  cell_ctx.page_breaks = FALSE;
  for (xmlNode *el = body != NULL ? body->children : NULL; el != NULL; el = el->next)
    {
      g_autoptr(GString) element = g_string_new (NULL);

      if (is_el (el, "p"))
        {
          g_autofree char *t = paragraph_text (&ctx, el);
          int level = moi ? heading_level (el) : 0;

          /* MOI's markdown has headings and no empty paragraphs. */
          if (moi && *g_strstrip (t) == '\0')
            continue;
          for (int i = 0; i < level; i++)
            g_string_append_c (element, '#');
          if (level > 0)
            g_string_append_c (element, ' ');
          g_string_append (element, t);
        }
      else if (is_el (el, "tbl"))
        {
          g_autoptr(GPtrArray) rows = table_rows (&cell_ctx, el);

          if (g_ascii_strcasecmp (table_format, "markdown") == 0)
            append_table_markdown (element, rows);
          else
            append_table_csv (element, rows);
        }
      else
        continue;

      if (!first)
        g_string_append (text, moi ? "\n\n" : "\n");
      g_string_append (text, element->str);
      first = FALSE;
    }

  json_object_set_object_member (extra, "docx", docx_metadata (parts, moi));
  g_ptr_array_add (out, moi_convert_source_document (src, text->str, extra));
  return TRUE;
}

/* ---------------------------------------------------------------- PPTX */

typedef struct
{
  gboolean    moi;
  GHashTable *links;        /* this slide's relationship id -> URL */
  const char *link_format;
} PptxContext;

static void
append_pptx_run (const PptxContext *ctx,
                 GString           *text,
                 xmlNode           *run)
{
  xmlNode *t = child_el (run, "t");
  xmlNode *click = child_el (child_el (run, "rPr"), "hlinkClick");
  g_autofree char *s = t != NULL ? node_text (t) : g_strdup ("");
  g_autofree char *rid = click != NULL ? attr (click, "id") : NULL;
  const char *url = rid != NULL ? g_hash_table_lookup (ctx->links, rid) : NULL;

  if (url == NULL || strcmp (ctx->link_format, "none") == 0)
    g_string_append (text, s);
  else if (strcmp (ctx->link_format, "markdown") == 0)
    g_string_append_printf (text, "[%s](%s)", s, url);
  else
    g_string_append_printf (text, "%s (%s)", s, url);
}

/* python-pptx's text_frame.text: paragraphs joined with "\n", a:br as "\v"
 * (MOI: "\n"). With a link format, Haystack rebuilds each paragraph from
 * its a:r runs only, so line breaks and fields drop out there: kept as is. */
static char *
text_frame_text (const PptxContext *ctx,
                 xmlNode           *tx_body)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean runs_only = strcmp (ctx->link_format, "none") != 0 && !ctx->moi;
  gboolean first = TRUE;

  for (xmlNode *p = tx_body->children; p != NULL; p = p->next)
    {
      if (!is_el (p, "p"))
        continue;
      if (!first)
        g_string_append_c (text, '\n');
      first = FALSE;
      for (xmlNode *r = p->children; r != NULL; r = r->next)
        {
          if (is_el (r, "r") || (is_el (r, "fld") && !runs_only))
            append_pptx_run (ctx, text, r);
          else if (is_el (r, "br") && !runs_only)
            g_string_append_c (text, ctx->moi ? '\n' : '\v');
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_shapes (const PptxContext *ctx,
               GString           *slide,
               xmlNode           *tree,
               gboolean          *first)
{
  for (xmlNode *shape = tree->children; shape != NULL; shape = shape->next)
    {
      xmlNode *tx_body;
      g_autofree char *t = NULL;

      /* MOI also reads grouped shapes; python-pptx's slide.shapes does not. */
      if (ctx->moi && is_el (shape, "grpSp"))
        {
          append_shapes (ctx, slide, shape, first);
          continue;
        }
      if (!is_el (shape, "sp") || (tx_body = child_el (shape, "txBody")) == NULL)
        continue;

      t = text_frame_text (ctx, tx_body);
      if (ctx->moi && *t == '\0')
        continue;
      if (!*first)
        g_string_append_c (slide, '\n');
      g_string_append (slide, t);
      *first = FALSE;
    }
}

/* The r:id of a p:sldId (it also has a plain "id"). */
static char *
relationship_id (xmlNode *node)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (strcmp ((const char *) a->name, "id") == 0 && a->ns != NULL)
      {
        xmlChar *v = xmlNodeListGetString (node->doc, a->children, 1);
        char *ret = g_strdup ((const char *) v);

        xmlFree (v);
        return ret;
      }
  return NULL;
}

/* Slide part names in presentation order (p:sldIdLst through the rels). */
static GPtrArray *
slide_order (xmlNode *presentation,
             xmlNode *rels)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  xmlNode *list = child_el (presentation, "sldIdLst");

  for (xmlNode *id = list != NULL ? list->children : NULL; id != NULL; id = id->next)
    {
      g_autofree char *rid = is_el (id, "sldId") ? relationship_id (id) : NULL;

      if (rid == NULL)
        continue;
      for (xmlNode *rel = rels->children; rel != NULL; rel = rel->next)
        {
          g_autofree char *rel_id = is_el (rel, "Relationship") ? attr (rel, "Id") : NULL;
          g_autofree char *target = NULL;

          if (g_strcmp0 (rel_id, rid) != 0 || (target = attr (rel, "Target")) == NULL)
            continue;
          g_ptr_array_add (names, target[0] == '/' ? g_strdup (target + 1)
                                                   : g_strconcat ("ppt/", target, NULL));
          break;
        }
    }

  return names;
}

/* "ppt/slides/slide1.xml" -> "ppt/slides/_rels/slide1.xml.rels" */
static char *
rels_name_for (const char *part)
{
  g_autofree char *dir = g_path_get_dirname (part);
  g_autofree char *base = g_path_get_basename (part);

  return g_strconcat (dir, "/_rels/", base, ".rels", NULL);
}

gboolean
moi_convert_pptx (MoiConvertSource  *src,
                  GPtrArray         *out,
                  char             **warning,
                  GError           **error)
{
  static const char *wanted[] = {
    "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "ppt/slides/", NULL
  };
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(xmlDoc) presentation = NULL;
  g_autoptr(xmlDoc) rels = NULL;
  g_autoptr(GPtrArray) slides = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonObject) extra = NULL;
  PptxContext ctx = { moi_convert_source_is_moi (src), NULL, "none" };

  if (!check_link_format (src, &ctx.link_format, error))
    return FALSE;
  if (src->check_only)
    return TRUE;
  if ((parts = read_zip_parts (src, "PPTX", wanted, error)) == NULL
      || (presentation = parse_part (src, "PPTX", parts, "ppt/presentation.xml", error)) == NULL
      || (rels = parse_part (src, "PPTX", parts, "ppt/_rels/presentation.xml.rels",
                             error)) == NULL)
    return FALSE;

  slides = slide_order (xmlDocGetRootElement (presentation), xmlDocGetRootElement (rels));
  for (guint i = 0; i < slides->len; i++)
    {
      const char *name = g_ptr_array_index (slides, i);
      g_autoptr(xmlDoc) slide = parse_part (src, "PPTX", parts, name, error);
      g_autofree char *slide_rels = rels_name_for (name);
      g_autoptr(GHashTable) links = NULL;
      xmlNode *tree;
      gboolean first = TRUE;

      if (slide == NULL)
        return FALSE;
      if (i > 0)
        g_string_append (text, ctx.moi ? "\n\n" : "\f");
      links = read_links (parts, slide_rels);
      ctx.links = links;
      tree = child_el (child_el (xmlDocGetRootElement (slide), "cSld"), "spTree");
      if (tree != NULL)
        append_shapes (&ctx, text, tree, &first);
    }

  if (ctx.moi)
    {
      extra = json_object_new ();
      json_object_set_int_member (extra, "page_count", slides->len);
    }
  g_ptr_array_add (out, moi_convert_source_document (src, text->str, extra));
  return TRUE;
}
