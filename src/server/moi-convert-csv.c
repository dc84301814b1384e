/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-converters-private.h"
#include "moi-init-parameters.h"

/* Reads one record the way Python's csv module does with the default
 * dialect (doublequote, skipinitialspace off, strict off): a quoted field
 * may hold delimiters and newlines, "" is a quote inside it. Returns NULL at
 * the end of the text. */
static GPtrArray *
read_record (const char **pos,
             gunichar     delimiter,
             gunichar     quotechar)
{
  const char *p = *pos;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  gboolean quoted = FALSE;

  if (*p == '\0')
    return NULL;

  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (quoted)
        {
          if (c == quotechar)
            {
              if (g_utf8_get_char (next) == quotechar)
                {
                  g_string_append_unichar (field, c);
                  next = g_utf8_next_char (next);
                }
              else
                quoted = FALSE;
            }
          else
            g_string_append_len (field, p, next - p);
        }
      else if (c == quotechar && field->len == 0)
        quoted = TRUE;
      else if (c == delimiter)
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && *next == '\n')
            next++;
          p = next;
          break;
        }
      else
        g_string_append_len (field, p, next - p);

      p = next;
    }

  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  *pos = p;
  return g_steal_pointer (&fields);
}

static gboolean
single_char_param (MoiConvertSource  *src,
                   const char        *key,
                   gunichar          *out,
                   GError           **error)
{
  const char *value = NULL;

  if (!moi_init_parameters_get_string (src->params, src->class_name, key, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (g_utf8_strlen (value, -1) != 1)
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                   _("%s: init parameter “%s” must be a single character, got “%s”"),
                   src->class_name, key, value);
      return FALSE;
    }
  *out = g_utf8_get_char (value);
  return TRUE;
}

/* CSVToDocument. "file" mode: the whole file is the content. "row" mode:
 * one document per row, content from content_column (a run-time input),
 * the row's index (row_number) and the other columns in meta. */
gboolean
moi_convert_csv (MoiConvertSource  *src,
                 GPtrArray         *out,
                 char             **warning,
                 GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) header = NULL;
  const char *mode = "file";
  const char *content_column = NULL;
  gunichar delimiter = ',';
  gunichar quotechar = '"';
  const char *pos;
  int column = -1;
  gint64 row_number = 0;

  if (!moi_init_parameters_get_string (src->params, src->class_name, "conversion_mode", &mode,
                                       error)
      || !moi_init_parameters_get_string (src->params, src->class_name, "content_column",
                                          &content_column, error)
      || !single_char_param (src, "delimiter", &delimiter, error)
      || !single_char_param (src, "quotechar", &quotechar, error))
    return FALSE;

  if (g_strcmp0 (mode, "file") != 0 && g_strcmp0 (mode, "row") != 0)
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_PARAMETER,
                   _("%s: init parameter “%s” must be “file” or “row”, got “%s”"),
                   src->class_name, "conversion_mode", mode);
      return FALSE;
    }
  /* content_column is a run-time input in Haystack: not checked up front. */
  if (src->check_only)
    return TRUE;
  if (g_strcmp0 (mode, "row") == 0 && (content_column == NULL || *content_column == '\0'))
    {
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_MISSING_INPUT,
                   _("%s: “content_column” is required when conversion_mode is “row”"),
                   src->class_name);
      return FALSE;
    }

  if ((text = moi_convert_source_decode (src, warning)) == NULL)
    return TRUE;

  if (g_strcmp0 (mode, "file") == 0)
    {
      g_ptr_array_add (out, moi_convert_source_document (src, text, NULL));
      return TRUE;
    }

  pos = text;
  header = read_record (&pos, delimiter, quotechar);
  for (guint i = 0; header != NULL && i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), content_column) == 0)
      column = i;
  if (column < 0)
    {
      g_autofree char *available = NULL;

      if (header != NULL)
        {
          g_ptr_array_add (header, NULL);
          available = g_strjoinv (", ", (char **) header->pdata);
        }
      /* Haystack raises here: the file fails, it is not skipped. */
      g_set_error (error, MOI_CONVERTER_ERROR, MOI_CONVERTER_ERROR_MISSING_INPUT,
                   _("%s: content_column “%s” is not a column of %s (columns: %s)"),
                   src->class_name, content_column, src->display_name,
                   available != NULL ? available : "");
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(GPtrArray) record = read_record (&pos, delimiter, quotechar);
      g_autoptr(JsonObject) extra = NULL;

      if (record == NULL)
        break;
      /* Python's csv skips blank lines. */
      if (record->len == 1 && *(char *) g_ptr_array_index (record, 0) == '\0')
        continue;

      /* Haystack: meta = merged meta + row_number + the other columns, a
       * column whose name is taken already getting a "csv_" prefix; fields
       * missing from a short row are "". */
      extra = json_object_new ();
      json_object_set_int_member (extra, "row_number", row_number++);
      for (guint i = 0; i < header->len; i++)
        {
          const char *name = g_ptr_array_index (header, i);
          g_autofree char *key = NULL;

          if ((int) i == column)
            continue;
          if (json_object_has_member (src->meta, name) || json_object_has_member (extra, name))
            key = g_strconcat ("csv_", name, NULL);
          else
            key = g_strdup (name);
          json_object_set_string_member (extra, key,
                                         i < record->len ? g_ptr_array_index (record, i) : "");
        }
      g_ptr_array_add (out, moi_convert_source_document (src,
                                                         (guint) column < record->len
                                                         ? g_ptr_array_index (record, column)
                                                         : "",
                                                         extra));
    }

  return TRUE;
}
