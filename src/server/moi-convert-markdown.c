/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <string.h>


#include "moi-converters-private.h"
#include "moi-init-parameters.h"

/* MarkdownToDocument renders markdown with markdown-it and a plain-text
 * renderer: the text of the HTML markdown-it would produce. This is a
 * CommonMark-shaped block parser (headings, setext, fences, indented code,
 * quotes, lists, thematic breaks, HTML blocks, GFM tables) and an inline
 * pass that keeps the text of emphasis, code, links, images (alt) and
 * entities. Each block ends with one newline; the result is stripped. */

typedef struct
{
  GString  *out;
  GString  *para;       /* the open paragraph, or empty */
  gboolean  tables;
} Renderer;

static const struct {
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\u00a0" }, { "copy", "©" }, { "reg", "®" }, { "hellip", "…" },
  { "mdash", "—" }, { "ndash", "–" }, { "laquo", "«" }, { "raquo", "»" },
};

/* Appends the entity at @p (just after '&') and returns its end, or NULL. */
static const char *
append_entity (GString    *out,
               const char *p)
{
  const char *semi = strchr (p, ';');

  if (semi == NULL || semi - p > 32 || semi == p)
    return NULL;

  if (*p == '#')
    {
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      const char *digits = p + (hex ? 2 : 1);
      g_autofree char *num = g_strndup (digits, semi - digits);
      guint64 cp;

      if (!g_ascii_string_to_unsigned (num, hex ? 16 : 10, 1, 0x10FFFF, &cp, NULL))
        return NULL;
      g_string_append_unichar (out, g_unichar_validate ((gunichar) cp) ? (gunichar) cp
                                                                        : 0xFFFD);
      return semi + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if ((gsize) (semi - p) == strlen (entities[i].name)
        && strncmp (p, entities[i].name, semi - p) == 0)
      {
        g_string_append (out, entities[i].text);
        return semi + 1;
      }

  return NULL;
}

/* Text of an HTML fragment: tags dropped, entities decoded. */
static void
append_html_text (GString    *out,
                  const char *html,
                  gssize      len)
{
  const char *end = html + (len < 0 ? (gssize) strlen (html) : len);

  for (const char *p = html; p < end;)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);

          if (close != NULL)
            {
              p = close + 1;
              continue;
            }
        }
      if (*p == '&')
        {
          g_autofree char *tail = g_strndup (p + 1, end - p - 1);
          g_autoptr(GString) tmp = g_string_new (NULL);
          const char *after = append_entity (tmp, tail);

          if (after != NULL)
            {
              g_string_append (out, tmp->str);
              p += 1 + (after - tail);
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
}

static gboolean
is_flanking_delimiter (const char *start,
                       const char *run,
                       const char *after)
{
  gunichar prev = run > start ? g_utf8_get_char (g_utf8_prev_char (run)) : ' ';
  gunichar next = *after != '\0' ? g_utf8_get_char (after) : ' ';
  gboolean left = !g_unichar_isspace (next);
  gboolean right = !g_unichar_isspace (prev);

  /* Underscores inside words (snake_case) are not emphasis. */
  if (*run == '_' && g_unichar_isalnum (prev) && g_unichar_isalnum (next))
    return FALSE;

  return left || right;
}

/* Finds the ']' matching the '[' at @open, or NULL. */
static const char *
find_bracket_close (const char *open)
{
  int depth = 0;

  for (const char *p = open; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        depth++;
      else if (*p == ']' && --depth == 0)
        return p;
    }
  return NULL;
}

static void append_inline (GString *out, const char *text, gssize len);

/* Handles [text](dest), [text][ref], ![alt](src) at @p; returns the end or NULL. */
static const char *
append_link (GString    *out,
             const char *p)
{
  const char *open = *p == '!' ? p + 1 : p;
  const char *close = find_bracket_close (open);
  const char *end;

  if (close == NULL)
    return NULL;

  if (close[1] == '(')
    {
      int depth = 0;

      for (end = close + 1; *end != '\0'; end++)
        {
          if (*end == '(')
            depth++;
          else if (*end == ')' && --depth == 0)
            break;
        }
      if (*end != ')')
        return NULL;
      end++;
    }
  else if (close[1] == '[')
    {
      end = strchr (close + 1, ']');
      if (end == NULL)
        return NULL;
      end++;
    }
  else
    return NULL;

  append_inline (out, open + 1, close - open - 1);
  return end;
}

static void
append_inline (GString    *out,
               const char *text,
               gssize      len)
{
  g_autofree char *copy = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);
  const char *p = copy;

  while (*p != '\0')
    {
      const char *next;

      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }
      if (*p == '`')
        {
          gsize ticks = strspn (p, "`");
          g_autofree char *fence = g_strndup (p, ticks);
          const char *close = strstr (p + ticks, fence);

          if (close != NULL)
            {
              g_autofree char *code = g_strndup (p + ticks, close - p - ticks);

              /* CommonMark strips one space on each side of a code span. */
              if (strlen (code) >= 2 && code[0] == ' ' && code[strlen (code) - 1] == ' ')
                g_string_append_len (out, code + 1, strlen (code) - 2);
              else
                g_string_append (out, code);
              p = close + ticks;
              continue;
            }
          g_string_append_len (out, p, ticks);
          p += ticks;
          continue;
        }
      if ((*p == '[' || (*p == '!' && p[1] == '[')) && (next = append_link (out, p)) != NULL)
        {
          p = next;
          continue;
        }
      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close != NULL && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
            {
              g_autofree char *inner = g_strndup (p + 1, close - p - 1);

              /* Autolinks show their address; inline HTML tags show nothing. */
              if (strstr (inner, "://") != NULL || (strchr (inner, '@') != NULL
                                                     && strchr (inner, ' ') == NULL))
                g_string_append (out, inner);
              p = close + 1;
              continue;
            }
        }
      if (*p == '&' && (next = append_entity (out, p + 1)) != NULL)
        {
          p = next;
          continue;
        }
      if (*p == '*' || *p == '_' || (*p == '~' && p[1] == '~'))
        {
          gsize run = strspn (p, *p == '*' ? "*" : *p == '_' ? "_" : "~");

          if (is_flanking_delimiter (copy, p, p + run))
            {
              p += run;
              continue;
            }
          g_string_append_len (out, p, run);
          p += run;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }
}

static void
flush_paragraph (Renderer *r)
{
  if (r->para->len == 0)
    return;

  append_inline (r->out, r->para->str, r->para->len);
  g_string_append_c (r->out, '\n');
  g_string_truncate (r->para, 0);
}

static void
add_paragraph_line (Renderer   *r,
                    const char *line)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));
  gsize len = strlen (stripped);

  if (r->para->len > 0)
    {
      /* Two trailing spaces or a backslash make a hard break: still "\n". */
      if (r->para->str[r->para->len - 1] == '\\')
        g_string_truncate (r->para, r->para->len - 1);
      g_string_append_c (r->para, '\n');
    }
  g_string_append_len (r->para, stripped, len);
}

static gsize
leading_spaces (const char *line)
{
  gsize n = 0;

  for (; *line == ' ' || *line == '\t'; line++)
    n += *line == '\t' ? 4 - (n % 4) : 1;
  return n;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static gboolean
is_thematic_break (const char *line)
{
  char c = 0;
  int count = 0;

  if (leading_spaces (line) > 3)
    return FALSE;
  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (*p != '-' && *p != '*' && *p != '_')
        return FALSE;
      if (c != 0 && *p != c)
        return FALSE;
      c = *p;
      count++;
    }
  return count >= 3;
}

/* Returns the heading level of an ATX heading and its text in @text. */
static int
atx_heading (const char  *line,
             char       **text)
{
  const char *p = line + strspn (line, " \t");
  int level = strspn (p, "#");
  char *t;
  gsize len;

  if (leading_spaces (line) > 3 || level < 1 || level > 6
      || (p[level] != '\0' && p[level] != ' ' && p[level] != '\t'))
    return 0;

  t = g_strstrip (g_strdup (p + level));
  len = strlen (t);
  /* An optional closing sequence of #s preceded by a space. */
  while (len > 0 && t[len - 1] == '#')
    len--;
  if (len == 0 || t[len - 1] == ' ' || t[len - 1] == '\t')
    t[len] = '\0';
  *text = g_strstrip (t);
  return level;
}

static gboolean
setext_underline (const char *line)
{
  const char *p = line + strspn (line, " \t");
  char c = *p;
  gsize n;

  if (leading_spaces (line) > 3 || (c != '=' && c != '-'))
    return FALSE;
  n = strspn (p, c == '=' ? "=" : "-");
  return is_blank (p + n);
}

/* The text after a list marker, or NULL when @line starts no list item. */
static const char *
list_item_text (const char *line)
{
  const char *p = line + strspn (line, " \t");

  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0'))
    return p[1] == '\0' ? p + 1 : p + 2;

  if (g_ascii_isdigit (*p))
    {
      gsize digits = strspn (p, "0123456789");

      if (digits <= 9 && (p[digits] == '.' || p[digits] == ')')
          && (p[digits + 1] == ' ' || p[digits + 1] == '\t' || p[digits + 1] == '\0'))
        return p[digits + 1] == '\0' ? p + digits + 1 : p + digits + 2;
    }
  return NULL;
}

static const char *
fence_marker (const char *line)
{
  const char *p = line + strspn (line, " ");

  if (leading_spaces (line) > 3)
    return NULL;
  if (g_str_has_prefix (p, "```") || g_str_has_prefix (p, "~~~"))
    return p;
  return NULL;
}

static gboolean
is_table_delimiter_row (const char *line)
{
  gboolean dash = FALSE;

  if (strchr (line, '-') == NULL)
    return FALSE;
  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }
  return dash && (strchr (line, '|') != NULL);
}

/* Appends the cells of a table row, separated by single spaces. */
static void
append_table_row (GString    *out,
                  const char *line)
{
  g_autofree char *row = g_strstrip (g_strdup (line));
  char *start = row;
  g_auto(GStrv) cells = NULL;

  if (*start == '|')
    start++;
  if (*start != '\0' && start[strlen (start) - 1] == '|')
    start[strlen (start) - 1] = '\0';

  cells = g_strsplit (start, "|", -1);
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_strstrip (cells[i]);
      if (*cells[i] == '\0')
        continue;
      if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      append_inline (out, cells[i], -1);
    }
}

char *
moi_markdown_to_text (const char *markdown,
                      gboolean    tables)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) para = g_string_new (NULL);
  Renderer r = { out, para, tables };
  gboolean after_blank = TRUE;
  gboolean in_list = FALSE;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  /* markdown-it normalizes line endings before parsing. */
  {
    g_autoptr(GRegex) re = g_regex_new ("\\r\\n?", 0, 0, NULL);
    normalized = g_regex_replace_literal (re, markdown, -1, 0, "\n", 0, NULL);
  }
  lines = g_strsplit (normalized, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *fence;
      const char *item;
      g_autofree char *heading = NULL;

      /* Block quotes: their content renders like any other. */
      while (TRUE)
        {
          char *q = line + strspn (line, " ");

          if (*q != '>' || q - line > 3)
            break;
          line = q + 1;
          if (*line == ' ')
            line++;
        }

      if (is_blank (line))
        {
          flush_paragraph (&r);
          after_blank = TRUE;
          continue;
        }

      if ((fence = fence_marker (line)) != NULL)
        {
          gsize n = strspn (fence, fence[0] == '`' ? "`" : "~");
          g_autofree char *marker = g_strndup (fence, n);
          gsize indent = fence - line;

          flush_paragraph (&r);
          for (i++; lines[i] != NULL; i++)
            {
              const char *l = lines[i];
              const char *f = fence_marker (l);

              if (f != NULL && g_str_has_prefix (f, marker) && is_blank (f + strspn (f, marker)))
                break;
              /* Fence indentation is removed from the content lines. */
              for (gsize k = 0; k < indent && *l == ' '; k++)
                l++;
              g_string_append (out, l);
              g_string_append_c (out, '\n');
            }
          if (lines[i] == NULL)
            break;
          after_blank = FALSE;
          continue;
        }

      if (para->len == 0 && !in_list && after_blank && leading_spaces (line) >= 4)
        {
          /* Indented code block: this line (maybe inside a quote) and the
           * indented or blank lines after it. */
          for (const char *first = line; lines[i] != NULL; i++, first = NULL)
            {
              const char *l = first != NULL ? first : lines[i];
              gsize col = 0;

              if (!is_blank (l) && leading_spaces (l) < 4)
                break;
              while (col < 4 && (*l == ' ' || *l == '\t'))
                col += *l++ == '\t' ? 4 - col % 4 : 1;
              g_string_append (out, l);
              g_string_append_c (out, '\n');
            }
          /* markdown-it drops trailing blank lines of an indented block. */
          while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
            g_string_truncate (out, out->len - 1);
          if (lines[i] == NULL)
            break;
          i--;
          after_blank = TRUE;
          continue;
        }

      if (atx_heading (line, &heading) > 0)
        {
          flush_paragraph (&r);
          append_inline (out, heading, -1);
          g_string_append_c (out, '\n');
          after_blank = FALSE;
          in_list = FALSE;
          continue;
        }

      if (para->len > 0 && setext_underline (line) && !in_list)
        {
          flush_paragraph (&r);
          after_blank = FALSE;
          continue;
        }

      if (is_thematic_break (line))
        {
          flush_paragraph (&r);
          after_blank = FALSE;
          in_list = FALSE;
          continue;
        }

      if (tables && lines[i + 1] != NULL && strchr (line, '|') != NULL
          && is_table_delimiter_row (lines[i + 1]) && para->len == 0)
        {
          append_table_row (out, line);
          for (i += 2; lines[i] != NULL && !is_blank (lines[i]) && strchr (lines[i], '|'); i++)
            {
              g_string_append_c (out, ' ');
              append_table_row (out, lines[i]);
            }
          g_string_append_c (out, '\n');
          if (lines[i] == NULL)
            break;
          i--;
          after_blank = FALSE;
          continue;
        }

      if ((item = list_item_text (line)) != NULL && leading_spaces (line) <= 3 + (in_list ? 8 : 0))
        {
          flush_paragraph (&r);
          in_list = TRUE;
          after_blank = FALSE;
          if (!is_blank (item))
            add_paragraph_line (&r, item);
          continue;
        }

      if (para->len == 0 && leading_spaces (line) <= 3 && line[strspn (line, " \t")] == '<'
          && g_ascii_isalpha (line[strspn (line, " \t") + 1]))
        {
          /* HTML block: runs to the next blank line; its text only. */
          g_autoptr(GString) block = g_string_new (NULL);

          for (; lines[i] != NULL && !is_blank (lines[i]); i++)
            {
              g_string_append (block, lines[i]);
              g_string_append_c (block, '\n');
            }
          append_html_text (out, block->str, block->len);
          if (lines[i] == NULL)
            break;
          i--;
          continue;
        }

      if (after_blank && in_list && leading_spaces (line) < 2)
        in_list = FALSE;
      add_paragraph_line (&r, line);
      after_blank = FALSE;
    }

  flush_paragraph (&r);

  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

/* A YAML scalar as PyYAML would load it, reduced to JSON. */
static JsonNode *
yaml_scalar (const char *raw)
{
  g_autofree char *value = g_strstrip (g_strdup (raw));
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gsize len = strlen (value);
  gint64 i;
  char *end = NULL;
  double d;

  if (len >= 2 && ((value[0] == '"' && value[len - 1] == '"')
                   || (value[0] == '\'' && value[len - 1] == '\'')))
    {
      value[len - 1] = '\0';
      json_node_set_string (node, value + 1);
    }
  else if (len == 0 || strcmp (value, "~") == 0 || g_ascii_strcasecmp (value, "null") == 0)
    json_node_init_null (node);
  else if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0
           || g_ascii_strcasecmp (value, "on") == 0)
    json_node_set_boolean (node, TRUE);
  else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0
           || g_ascii_strcasecmp (value, "off") == 0)
    json_node_set_boolean (node, FALSE);
  else if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &i, NULL))
    json_node_set_int (node, i);
  else if ((d = g_ascii_strtod (value, &end)), end != value && *end == '\0'
           && strchr (value, '.') != NULL)
    json_node_set_double (node, d);
  else
    json_node_set_string (node, value);

  return node;
}

static JsonNode *
yaml_flow_list (const char *raw)
{
  g_autofree char *inner = g_strndup (raw + 1, strlen (raw) - 2);
  g_auto(GStrv) items = g_strsplit (inner, ",", -1);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; items[i] != NULL; i++)
    if (!is_blank (items[i]) || items[i + 1] != NULL)
      json_array_add_element (array, yaml_scalar (items[i]));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/* Front matter as python-frontmatter reads it: "---" on the first line, a
 * YAML mapping, then "---" (or "..."). Handles the YAML people put there:
 * scalars, flow lists and block lists. Returns the body, or NULL when there
 * is no front matter. */
static char *
split_frontmatter (const char  *text,
                   JsonObject  *meta)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonArray) list = NULL;
  guint end;

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  if (!g_str_has_prefix (text, "---\n") && !g_str_has_prefix (text, "---\r\n"))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (end = 1; lines[end] != NULL; end++)
    {
      g_strchomp (lines[end]);
      if (strcmp (lines[end], "---") == 0 || strcmp (lines[end], "...") == 0)
        break;
    }
  if (lines[end] == NULL)
    return NULL;

  for (guint i = 1; i < end; i++)
    {
      const char *line = lines[i];
      const char *colon;

      if (is_blank (line) || line[0] == '#')
        continue;
      if (key != NULL && list != NULL && g_str_has_prefix (line + strspn (line, " "), "- "))
        {
          json_array_add_element (list, yaml_scalar (line + strspn (line, " ") + 2));
          continue;
        }
      if (list != NULL)
        {
          json_object_set_array_member (meta, key, g_steal_pointer (&list));
          g_clear_pointer (&key, g_free);
        }
      if (line[0] == ' ' || (colon = strstr (line, ":")) == NULL)
        continue;

      g_free (key);
      key = g_strstrip (g_strndup (line, colon - line));
      if (is_blank (colon + 1))
        list = json_array_new ();
      else
        {
          g_autofree char *value = g_strstrip (g_strdup (colon + 1));

          if (value[0] == '[' && value[strlen (value) - 1] == ']')
            json_object_set_member (meta, key, yaml_flow_list (value));
          else
            json_object_set_member (meta, key, yaml_scalar (value));
          g_clear_pointer (&key, g_free);
        }
    }
  if (list != NULL)
    {
      /* "key:" with nothing under it is None in YAML. */
      if (json_array_get_length (list) == 0)
        json_object_set_null_member (meta, key);
      else
        json_object_set_array_member (meta, key, g_steal_pointer (&list));
    }

  body = g_string_new (NULL);
  for (guint i = end + 1; lines[i] != NULL; i++)
    {
      g_string_append (body, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (body, '\n');
    }
  return g_strstrip (g_string_free (g_steal_pointer (&body), FALSE));
}

gboolean
moi_convert_markdown (MoiConvertSource  *src,
                      GPtrArray         *out,
                      char             **warning,
                      GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(JsonObject) frontmatter = NULL;
  gboolean table_to_single_line = FALSE;
  gboolean extract_frontmatter = FALSE;

  if (!moi_init_parameters_get_boolean (src->params, src->class_name, "table_to_single_line",
                                        &table_to_single_line, error)
      || !moi_init_parameters_get_boolean (src->params, src->class_name, "extract_frontmatter",
                                           &extract_frontmatter, error))
    return FALSE;
  if (src->check_only)
    return TRUE;

  if ((text = moi_convert_source_decode (src, warning)) == NULL)
    return TRUE;

  if (extract_frontmatter)
    {
      frontmatter = json_object_new ();
      body = split_frontmatter (text, frontmatter);
    }

  plain = moi_markdown_to_text (body != NULL ? body : text, table_to_single_line);
  g_ptr_array_add (out, moi_convert_source_document (src, plain,
                                                     body != NULL ? frontmatter : NULL));
  return TRUE;
}
