/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the pipeline tests: workflows written compactly in C strings
 * (single quotes become double quotes) and a sink that records writes. */

#include <glib/gstdio.h>

#include "moi-node.h"
#include "moi-pipeline.h"
#include "moi-workflow.h"

static inline JsonNode *
fixture_json (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (copy, &error);

  g_assert_no_error (error);
  return node;
}

static inline MoiWorkflow *
fixture_workflow (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr(GError) error = NULL;
  MoiWorkflow *workflow = moi_workflow_new_from_data (copy, -1, &error);

  g_assert_no_error (error);
  return workflow;
}

static inline MoiComponent *
fixture_component (const char *text)
{
  g_autoptr(JsonNode) node = fixture_json (text);
  g_autoptr(GError) error = NULL;
  MoiComponent *component = moi_component_new_from_json_object (json_node_get_object (node),
                                                                &error);

  g_assert_no_error (error);
  return component;
}

/* A node for one component, built or failing with @error. */
static inline MoiNode *
fixture_node (const char  *text,
              GError     **error)
{
  g_autoptr(MoiComponent) component = fixture_component (text);

  return moi_node_new_for_component (component, error);
}

static inline char *
fixture_write (const char *dir,
               const char *name,
               const char *content)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return path;
}

static inline MoiDocument *
fixture_document (const char *content,
                  const char *meta_json,
                  double      score)
{
  g_autoptr(JsonNode) meta = meta_json != NULL ? fixture_json (meta_json) : NULL;
  MoiDocument *document = moi_document_new (content, meta != NULL ? json_node_get_object (meta)
                                                                  : NULL);

  document->score = score;
  return document;
}

typedef struct
{
  GMutex     lock;
  GPtrArray *documents;  /* MoiDocument* written, in order */
  GPtrArray *writers;    /* writer name per document */
  GPtrArray *policies;   /* policy per write call */
  GPtrArray *finished;   /* component names, from component_finished */
  GHashTable *ids;       /* ids written, for the FAIL policy */
} RecordingSink;

static inline gint64
recording_write (gpointer     user_data,
                 const char  *writer_name,
                 GPtrArray   *documents,
                 const char  *policy,
                 GError     **error)
{
  RecordingSink *sink = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sink->lock);

  g_ptr_array_add (sink->policies, g_strdup (policy));
  if (g_strcmp0 (policy, "FAIL") == 0)
    for (guint i = 0; i < documents->len; i++)
      if (g_hash_table_contains (sink->ids, moi_document_get_id (documents->pdata[i])))
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_DUPLICATE,
                       "ID '%s' already exists.", moi_document_get_id (documents->pdata[i]));
          return -1;
        }
  for (guint i = 0; i < documents->len; i++)
    {
      MoiDocument *document = g_ptr_array_index (documents, i);

      g_hash_table_add (sink->ids, g_strdup (moi_document_get_id (document)));
      g_ptr_array_add (sink->documents, moi_document_ref (document));
      g_ptr_array_add (sink->writers, g_strdup (writer_name));
    }
  return documents->len;
}

static inline void
recording_finished (gpointer    user_data,
                    const char *component_name,
                    GPtrArray  *documents)
{
  RecordingSink *sink = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sink->lock);

  g_ptr_array_add (sink->finished, g_strdup (component_name));
}

static inline void
recording_sink_init (RecordingSink   *sink,
                     MoiDocumentSink *out)
{
  g_mutex_init (&sink->lock);
  sink->documents = moi_document_array_new ();
  sink->writers = g_ptr_array_new_with_free_func (g_free);
  sink->policies = g_ptr_array_new_with_free_func (g_free);
  sink->finished = g_ptr_array_new_with_free_func (g_free);
  sink->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out->write_documents = recording_write;
  out->component_finished = recording_finished;
  out->user_data = sink;
}

static inline void
recording_sink_clear (RecordingSink *sink)
{
  g_clear_pointer (&sink->documents, g_ptr_array_unref);
  g_clear_pointer (&sink->writers, g_ptr_array_unref);
  g_clear_pointer (&sink->policies, g_ptr_array_unref);
  g_clear_pointer (&sink->finished, g_ptr_array_unref);
  g_clear_pointer (&sink->ids, g_hash_table_unref);
  g_mutex_clear (&sink->lock);
}

static inline char *
fixture_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("moi-pipeline-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
fixture_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* Runs @node alone on @inputs; returns its outputs or NULL with @error. */
static inline MoiNodeOutputs *
fixture_run_node (MoiNode        *node,
                  MoiNodeInputs  *inputs,
                  GError        **error)
{
  MoiNodeContext context = { "test", NULL, NULL };
  MoiNodeOutputs *outputs = moi_node_outputs_new ();

  if (!moi_node_run (node, &context, inputs, outputs, error))
    {
      moi_node_outputs_free (outputs);
      return NULL;
    }
  return outputs;
}

/* Documents as one value on @socket of @inputs (takes @documents). */
static inline void
fixture_add_documents (MoiNodeInputs *inputs,
                       const char    *socket,
                       GPtrArray     *documents)
{
  g_autoptr(MoiValue) value = moi_value_new_documents (documents);

  moi_node_inputs_add (inputs, socket, value);
}

static inline GPtrArray *
fixture_documents (void)
{
  return moi_document_array_new ();
}
