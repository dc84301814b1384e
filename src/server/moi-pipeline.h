/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moi-document.h"
#include "moi-workflow.h"

G_BEGIN_DECLS

#define MOI_PIPELINE_ERROR (moi_pipeline_error_quark ())

typedef enum
{
  /* moi_pipeline_new: the workflow cannot be built (cycle, unknown component
   * or socket, bad parameter). The message names the component/connection. */
  MOI_PIPELINE_ERROR_INVALID,
  /* A component this service cannot run (OCR, LLMs, unknown types...). */
  MOI_PIPELINE_ERROR_UNSUPPORTED,
  /* A component failed on this file (its message is in the error). */
  MOI_PIPELINE_ERROR_COMPONENT_FAILED,
  /* A DocumentWriter's policy refused a duplicate (FAIL / NONE). */
  MOI_PIPELINE_ERROR_DUPLICATE,
} MoiPipelineError;

GQuark moi_pipeline_error_quark (void);

/* Where DocumentWriter components put their documents. The service writes to
 * SQLite; the CLI prints them. Callbacks may be called from several threads
 * at once (one per file being run), never twice at once for the same file. */
typedef struct
{
  /* Returns the number written, or -1 and sets @error. Must honour @policy
   * ("NONE" | "SKIP" | "OVERWRITE" | "FAIL"; NONE behaves as FAIL: an id
   * that exists already is an error, as Haystack's InMemoryDocumentStore).
   * @documents holds MoiDocument*; the sink refs what it keeps. */
  gint64   (*write_documents)    (gpointer     user_data,
                                  const char  *writer_name,
                                  GPtrArray   *documents,
                                  const char  *policy,
                                  GError     **error);
  /* Optional (may be NULL): called after each component ran for a file with
   * the documents it output (all document outputs concatenated), e.g. to
   * keep MOI's debug_results. */
  void     (*component_finished) (gpointer     user_data,
                                  const char  *component_name,
                                  GPtrArray   *documents);
  gpointer user_data;
} MoiDocumentSink;

/* A sink that keeps nothing and adds the number of documents each writer
 * is given to *@count, atomically (workers may share it): for benchmarks
 * and tests that only count. Every document counts, whatever the policy. */
void moi_document_sink_init_counter (MoiDocumentSink *sink,
                                     guint           *count);

typedef struct _MoiPipeline MoiPipeline;

/* Validates the workflow, builds a runtime node per component (parsing and
 * checking its init_parameters once) and the topological order. Fails on a
 * cycle, a connection naming an unknown component or socket, incompatible
 * sockets, or invalid parameters of a runnable component. Components the
 * service cannot run, and components nothing can feed (no connection and no
 * "sources", a mandatory input unconnected) do NOT fail here: they fail each
 * file with a message naming them, so such workflows can still be created. */
MoiPipeline *moi_pipeline_new            (MoiWorkflow          *workflow,
                                          GError              **error);
void         moi_pipeline_free           (MoiPipeline          *self);

/* Runs one source file through the DAG. Reentrant: several threads may run
 * files of one pipeline at once. @file_meta (may be NULL) is merged into the
 * documents' meta by the converters, except "file_path", which they set to
 * the file's basename (store_full_path: the path) as Haystack does. On
 * failure returns FALSE, sets @error and, if @failed_component is not NULL,
 * the failing component's name. The error message already names the
 * component ("component “cleaner”: …"): show it as it is. A cancelled run
 * fails with G_IO_ERROR_CANCELLED. @sink may be NULL (writers then count the
 * documents without storing them). */
gboolean     moi_pipeline_run_file       (MoiPipeline          *self,
                                          const char           *path,
                                          JsonObject           *file_meta,
                                          const MoiDocumentSink *sink,
                                          GCancellable         *cancellable,
                                          char                **failed_component,
                                          GError              **error);

/* Same, and returns in @outputs (MoiDocument*, may be NULL) the documents
 * left on outputs that nothing receives, in component order: the pipeline's
 * result as Haystack's Pipeline.run() returns it. */
gboolean     moi_pipeline_run_file_full  (MoiPipeline          *self,
                                          const char           *path,
                                          JsonObject           *file_meta,
                                          const MoiDocumentSink *sink,
                                          GCancellable         *cancellable,
                                          GPtrArray           **outputs,
                                          char                **failed_component,
                                          GError              **error);

/* TRUE when a DocumentWriter is among the components. */
gboolean     moi_pipeline_has_writer     (MoiPipeline          *self);

/* Names of the components, in the order they run. */
const char * const *moi_pipeline_get_order (MoiPipeline        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiPipeline, moi_pipeline_free)

G_END_DECLS
