/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moi-document.h"
#include "moi-json-writer.h"
#include "moi-store-sink.h"

struct _MoiStoreFileRun
{
  MoiStore        *store;
  char            *file_id;
  char            *target_volume_id;
  GPtrArray       *documents;   /* MoiStoreDocument, in write order */
  GHashTable      *ids;         /* document id -> index in documents */
  MoiStorePolicy   policy;      /* the most permissive policy seen */
  char            *writer_name; /* the writer whose policy fails duplicates */
  MoiDocumentSink  sink;
};

static MoiStorePolicy
parse_policy (const char *policy)
{
  if (g_strcmp0 (policy, "OVERWRITE") == 0)
    return MOI_STORE_POLICY_OVERWRITE;
  if (g_strcmp0 (policy, "SKIP") == 0)
    return MOI_STORE_POLICY_SKIP;
  /* NONE behaves as FAIL, as Haystack's InMemoryDocumentStore. */
  return MOI_STORE_POLICY_FAIL;
}

static gint64
write_documents (gpointer     user_data,
                 const char  *writer_name,
                 GPtrArray   *documents,
                 const char  *policy,
                 GError     **error)
{
  MoiStoreFileRun *run = user_data;
  MoiStorePolicy p = parse_policy (policy);
  gint64 written = 0;

  /* The commit inserts under one policy: the most permissive one seen. */
  if (p < run->policy)
    run->policy = p;
  if (p == MOI_STORE_POLICY_FAIL && run->writer_name == NULL)
    run->writer_name = g_strdup (writer_name);

  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *doc = g_ptr_array_index (documents, i);
      const char *id = moi_document_get_id (doc);
      gpointer index;
      gboolean in_run = g_hash_table_lookup_extended (run->ids, id, NULL, &index);
      MoiStoreDocument *stored;

      if (p == MOI_STORE_POLICY_SKIP
          && (in_run || moi_store_has_document (run->store, run->file_id, id)))
        continue;
      if (p == MOI_STORE_POLICY_FAIL && in_run)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_DUPLICATE,
                       _("component “%s”: document %s already exists in volume %s "
                         "(policy %s)"),
                       writer_name, id, run->target_volume_id, policy ? policy : "NONE");
          return -1;
        }
      /* The content stays the document's: no copy of every chunk. */
      stored = moi_store_document_new_full (id, doc->content, moi_document_ref (doc),
                                            (GDestroyNotify) moi_document_unref,
                                            moi_document_dup_meta_json (doc, NULL));
      if (in_run)
        {
          guint at = GPOINTER_TO_UINT (index);

          moi_store_document_free (run->documents->pdata[at]);
          run->documents->pdata[at] = stored;
        }
      else
        {
          g_hash_table_insert (run->ids, g_strdup (id),
                               GUINT_TO_POINTER (run->documents->len));
          g_ptr_array_add (run->documents, stored);
        }
      written++;
    }
  return written;
}

MoiStoreFileRun *
moi_store_file_run_new (MoiStore   *store,
                        const char *file_id,
                        const char *target_volume_id)
{
  MoiStoreFileRun *run = g_new0 (MoiStoreFileRun, 1);

  g_return_val_if_fail (MOI_IS_STORE (store), NULL);
  g_return_val_if_fail (file_id != NULL, NULL);

  run->store = g_object_ref (store);
  run->file_id = g_strdup (file_id);
  run->target_volume_id = g_strdup (target_volume_id ? target_volume_id : "");
  run->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_store_document_free);
  run->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->policy = MOI_STORE_POLICY_FAIL;
  run->sink.write_documents = write_documents;
  run->sink.user_data = run;
  return run;
}

void
moi_store_file_run_free (MoiStoreFileRun *run)
{
  if (run == NULL)
    return;
  g_object_unref (run->store);
  g_free (run->file_id);
  g_free (run->target_volume_id);
  g_ptr_array_unref (run->documents);
  g_hash_table_unref (run->ids);
  g_free (run->writer_name);
  g_free (run);
}

const MoiDocumentSink *
moi_store_file_run_get_sink (MoiStoreFileRun *run)
{
  return &run->sink;
}

guint
moi_store_file_run_get_n_documents (MoiStoreFileRun *run)
{
  return run->documents->len;
}

void
moi_store_file_run_submit (MoiStoreFileRun *run,
                           int              status,
                           const char      *error_message)
{
  GPtrArray *documents = g_steal_pointer (&run->documents);

  run->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) moi_store_document_free);
  g_hash_table_remove_all (run->ids);
  moi_store_submit_file (run->store, run->file_id, status, error_message, documents,
                         run->policy, run->writer_name ? run->writer_name : "DocumentWriter");
}
