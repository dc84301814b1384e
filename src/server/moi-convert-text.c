/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-converters"

#include "config.h"

#include "moi-converters-private.h"

/* TextFileToDocument, and MOI's EnhancedPlainToDocument (txt and md alike:
 * MOI keeps markdown as markdown so its splitter can cut at headings). */
gboolean
moi_convert_text (MoiConvertSource  *src,
                  GPtrArray         *out,
                  char             **warning,
                  GError           **error)
{
  g_autofree char *text = NULL;

  if (src->check_only)
    return TRUE;
  if ((text = moi_convert_source_decode (src, warning)) == NULL)
    return TRUE;

  g_ptr_array_add (out, moi_convert_source_document_take (src, g_steal_pointer (&text), NULL));
  return TRUE;
}
