/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-pipeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "moi-node.h"

/* MOI's PythonExecutor: runs python_code as `exec(code, {}, {"documents":
 * documents})` and outputs the `documents` variable afterwards, plus what the
 * code printed (python_output) and wrote to stderr (python_error_output).
 *
 * The code runs in a `python3` subprocess (MOI_PYTHON3 overrides the
 * interpreter), never in this process: a crash, an endless loop or
 * os._exit() only fails the file. Documents go in and out as JSON on
 * stdin/stdout; inside they are objects of a small Document class (also
 * importable as haystack.Document / haystack.dataclasses.Document) that
 * also answers doc["content"]; the code may return plain dicts too. */

#define DEFAULT_TIMEOUT_SECONDS 15

struct _MoiPythonExecutor
{
  MoiNode  parent_instance;
  char    *code;
  double   timeout;
};

#define MOI_TYPE_PYTHON_EXECUTOR (moi_python_executor_get_type ())
G_DECLARE_FINAL_TYPE (MoiPythonExecutor, moi_python_executor, MOI, PYTHON_EXECUTOR, MoiNode)
G_DEFINE_FINAL_TYPE (MoiPythonExecutor, moi_python_executor, MOI_TYPE_NODE)

static const char driver[] =
  "import io, json, os, sys, traceback, types\n"
  "result_out = os.fdopen(os.dup(1), 'w', encoding='utf-8')\n"
  "os.dup2(2, 1)\n"
  "class Document:\n"
  "    def __init__(self, content=None, meta=None, id='', score=None, embedding=None,\n"
  "                 blob=None, **kwargs):\n"
  "        self.id = id or ''\n"
  "        self.content = content\n"
  "        self.meta = dict(meta) if meta else {}\n"
  "        self.score = score\n"
  "        self.embedding = embedding\n"
  "    def __getitem__(self, key):\n"
  "        return getattr(self, key)\n"
  "    def __setitem__(self, key, value):\n"
  "        setattr(self, key, value)\n"
  "    def get(self, key, default=None):\n"
  "        return getattr(self, key, default)\n"
  "    def to_dict(self, flatten=False):\n"
  "        return {'id': self.id, 'content': self.content, 'meta': self.meta,\n"
  "                'score': self.score, 'embedding': self.embedding}\n"
  "    @classmethod\n"
  "    def from_dict(cls, data):\n"
  "        return cls(**data)\n"
  "    def __repr__(self):\n"
  "        return 'Document(id=%r, content=%r, meta=%r)' % (self.id, self.content, self.meta)\n"
  "hs = types.ModuleType('haystack')\n"
  "hs.Document = Document\n"
  "hs_dc = types.ModuleType('haystack.dataclasses')\n"
  "hs_dc.Document = Document\n"
  "hs.dataclasses = hs_dc\n"
  "sys.modules['haystack'] = hs\n"
  "sys.modules['haystack.dataclasses'] = hs_dc\n"
  "payload = json.loads(sys.stdin.buffer.read().decode('utf-8'))\n"
  "documents = [Document(**d) for d in payload['documents']]\n"
  "out, err = io.StringIO(), io.StringIO()\n"
  "scope = {'documents': documents}\n"
  "result = {'stdout': '', 'stderr': ''}\n"
  "real_stdout, real_stderr = sys.stdout, sys.stderr\n"
  "sys.stdout, sys.stderr = out, err\n"
  "try:\n"
  "    exec(compile(payload['code'], '<python_code>', 'exec'), {}, scope)\n"
  "    docs = []\n"
  "    for d in scope.get('documents') or []:\n"
  "        if isinstance(d, Document):\n"
  "            d = d.to_dict()\n"
  "        elif not isinstance(d, dict):\n"
  "            raise TypeError('documents must hold Document objects or dicts, not %s'\n"
  "                            % type(d).__name__)\n"
  "        docs.append(d)\n"
  "    result['documents'] = docs\n"
  "except BaseException as e:\n"
  "    line = None\n"
  "    for frame in traceback.extract_tb(e.__traceback__):\n"
  "        if frame.filename == '<python_code>':\n"
  "            line = frame.lineno\n"
  "    if isinstance(e, SyntaxError) and e.filename == '<python_code>':\n"
  "        line = e.lineno\n"
  "    result['error'] = ''.join(traceback.format_exception_only(type(e), e)).strip()\n"
  "    result['line'] = line\n"
  "    result['traceback'] = traceback.format_exc()\n"
  "sys.stdout, sys.stderr = real_stdout, real_stderr\n"
  "result['stdout'] = out.getvalue()\n"
  "result['stderr'] = err.getvalue()\n"
  "try:\n"
  "    text = json.dumps(result, default=str, allow_nan=False)\n"
  "except ValueError as e:\n"
  "    text = json.dumps({'error': 'the documents cannot be written as JSON: %s' % e,\n"
  "                       'stdout': result['stdout'], 'stderr': result['stderr']})\n"
  "result_out.write(text)\n"
  "result_out.flush()\n";

typedef struct
{
  gboolean      done;
  gboolean      timed_out;
  GBytes       *stdout_bytes;
  GBytes       *stderr_bytes;
  GError       *error;
} Communication;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communication *comm = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result,
                                   &comm->stdout_bytes, &comm->stderr_bytes, &comm->error);
  comm->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  GSubprocess *subprocess = user_data;
  Communication *comm = g_object_get_data (G_OBJECT (subprocess), "moi-communication");

  comm->timed_out = TRUE;
  g_subprocess_force_exit (subprocess);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  g_subprocess_force_exit (G_SUBPROCESS (user_data));
  return G_SOURCE_REMOVE;
}

static MoiDocument *
document_from_json (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(MoiDocument) document = NULL;
  JsonObject *object;
  JsonNode *content, *meta, *id, *score, *embedding;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("each document must be a Document or a dict"));
      return NULL;
    }
  object = json_node_get_object (node);
  content = json_object_get_member (object, "content");
  meta = json_object_get_member (object, "meta");
  if (content != NULL && !JSON_NODE_HOLDS_NULL (content)
      && (!JSON_NODE_HOLDS_VALUE (content) || json_node_get_value_type (content) != G_TYPE_STRING))
    {
      g_set_error_literal (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("a document’s “content” must be a string or None"));
      return NULL;
    }
  if (meta != NULL && !JSON_NODE_HOLDS_NULL (meta) && !JSON_NODE_HOLDS_OBJECT (meta))
    {
      g_set_error_literal (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                           _("a document’s “meta” must be a dict"));
      return NULL;
    }

  document = moi_document_new (content != NULL && JSON_NODE_HOLDS_VALUE (content)
                               ? json_node_get_string (content) : NULL,
                               meta != NULL && JSON_NODE_HOLDS_OBJECT (meta)
                               ? json_node_get_object (meta) : NULL);

  score = json_object_get_member (object, "score");
  if (score != NULL && JSON_NODE_HOLDS_VALUE (score)
      && (json_node_get_value_type (score) == G_TYPE_DOUBLE
          || json_node_get_value_type (score) == G_TYPE_INT64))
    document->score = json_node_get_double (score);

  embedding = json_object_get_member (object, "embedding");
  if (embedding != NULL && JSON_NODE_HOLDS_ARRAY (embedding))
    {
      JsonArray *array = json_node_get_array (embedding);

      document->embedding = g_array_sized_new (FALSE, FALSE, sizeof (float),
                                               json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          float f = (float) json_array_get_double_element (array, i);

          g_array_append_val (document->embedding, f);
        }
    }

  /* Haystack computes an id only when none is given; code that edits a
   * document in place keeps its id, as it would in Haystack. */
  id = json_object_get_member (object, "id");
  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
      && *json_node_get_string (id) != '\0')
    {
      moi_document_set_id (document, json_node_get_string (id));
    }
  else
    {
      moi_document_update_id (document);
    }

  return g_steal_pointer (&document);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL)
    return g_strdup ("");
  return g_utf8_make_valid (data, size);
}

static char *
last_lines (const char *text,
            guint       n)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  guint len = g_strv_length (lines);

  return g_strjoinv ("\n", lines + (len > n ? len - n : 0));
}

static gboolean
moi_python_executor_run (MoiNode              *node,
                         const MoiNodeContext *context,
                         MoiNodeInputs        *inputs,
                         MoiNodeOutputs       *outputs,
                         GError              **error)
{
  MoiPythonExecutor *self = MOI_PYTHON_EXECUTOR (node);
  const char *name = moi_node_get_name (node);
  g_autoptr(GPtrArray) documents = moi_node_inputs_get_items (inputs, "documents");
  g_autoptr(GMainContext) main_context = g_main_context_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GSource) timeout_source = NULL;
  g_autoptr(GSource) cancel_source = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *stdin_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *stdout_text = NULL;
  const char *code = self->code;
  const char *python = g_getenv ("MOI_PYTHON3");
  JsonNode *code_input = moi_node_inputs_get_json (inputs, "python_code");
  JsonNode *timeout_input = moi_node_inputs_get_json (inputs, "timeout");
  double timeout = self->timeout;
  Communication comm = { 0 };
  const char *printed;
  JsonObject *object;
  JsonNode *docs;

  if (code_input != NULL && JSON_NODE_HOLDS_VALUE (code_input)
      && json_node_get_value_type (code_input) == G_TYPE_STRING)
    code = json_node_get_string (code_input);
  if (timeout_input != NULL && JSON_NODE_HOLDS_VALUE (timeout_input)
      && json_node_get_value_type (timeout_input) != G_TYPE_STRING)
    timeout = json_node_get_double (timeout_input);
  if (python == NULL || *python == '\0')
    python = "python3";

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code != NULL ? code : "");
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    json_builder_add_value (builder, moi_document_to_json (g_ptr_array_index (documents, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  stdin_text = json_generator_to_data (generator, NULL);
  stdin_bytes = g_bytes_new_static (stdin_text, strlen (stdin_text));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* -I: isolated from the user's PYTHON* variables and site-packages, so
   * the service behaves the same whoever starts it. */
  subprocess = g_subprocess_launcher_spawn (launcher, &local_error, python, "-I", "-c",
                                            driver, NULL);
  if (subprocess == NULL)
    {
      if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: “%s” was not found: PythonExecutor needs Python 3 "
                       "installed (%s)"), name, python, local_error->message);
      else
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: cannot start “%s”: %s"), name, python,
                     local_error->message);
      return FALSE;
    }

  /* A private main context lets this worker thread wait for the child with a
   * timeout without touching anyone else's loop. */
  g_main_context_push_thread_default (main_context);
  g_object_set_data (G_OBJECT (subprocess), "moi-communication", &comm);
  g_subprocess_communicate_async (subprocess, stdin_bytes, NULL, communicate_cb, &comm);
  if (timeout > 0)
    {
      timeout_source = g_timeout_source_new ((guint) MIN (timeout * 1000, G_MAXUINT));
      g_source_set_callback (timeout_source, timeout_cb, subprocess, NULL);
      g_source_attach (timeout_source, main_context);
    }
  if (context->cancellable != NULL)
    {
      cancel_source = g_cancellable_source_new (context->cancellable);
      g_source_set_callback (cancel_source, G_SOURCE_FUNC (cancelled_cb), subprocess, NULL);
      g_source_attach (cancel_source, main_context);
    }
  while (!comm.done)
    g_main_context_iteration (main_context, TRUE);
  if (timeout_source != NULL)
    g_source_destroy (timeout_source);
  if (cancel_source != NULL)
    g_source_destroy (cancel_source);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_main_context_pop_thread_default (main_context);

  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    goto out_error;
  if (comm.timed_out)
    {
      /* The plural form follows the whole seconds the limit reaches. */
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "component “%s”: python_code did not finish within %g second",
                                "component “%s”: python_code did not finish within %g seconds",
                                (gulong) MIN (ceil (timeout), (double) G_MAXULONG)),
                   name, timeout);
      goto out_error;
    }
  if (comm.error != NULL)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                   _("component “%s”: talking to %s failed: %s"), name, python,
                   comm.error->message);
      goto out_error;
    }

  stdout_text = bytes_to_string (comm.stdout_bytes);
  stderr_text = bytes_to_string (comm.stderr_bytes);
  reply = json_from_string (stdout_text, NULL);
  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    {
      g_autofree char *tail = last_lines (stderr_text, 5);
      int status = g_subprocess_get_exit_status (subprocess);

      if (*tail != '\0')
        /* TRANSLATORS: the last %s is what Python printed on stderr */
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: %s ended without a result (exit status %d): %s"),
                     name, python, status, tail);
      else
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: %s ended without a result (exit status %d)"),
                     name, python, status);
      goto out_error;
    }

  object = json_node_get_object (reply);
  if (json_object_has_member (object, "error"))
    {
      JsonNode *line = json_object_get_member (object, "line");

      if (line != NULL && JSON_NODE_HOLDS_VALUE (line))
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: python_code line %d: %s"), name,
                     (int) json_node_get_int (line),
                     json_object_get_string_member_with_default (object, "error", ""));
      else
        g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                     _("component “%s”: python_code failed: %s"), name,
                     json_object_get_string_member_with_default (object, "error", ""));
      goto out_error;
    }

  results = moi_document_array_new ();
  docs = json_object_get_member (object, "documents");
  for (guint i = 0; docs != NULL && JSON_NODE_HOLDS_ARRAY (docs)
                    && i < json_array_get_length (json_node_get_array (docs)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (docs), i);
      MoiDocument *document = document_from_json (item, &local_error);

      if (document == NULL)
        {
          g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_COMPONENT_FAILED,
                       _("component “%s”: document %u returned by python_code: %s"),
                       name, i, local_error->message);
          goto out_error;
        }
      g_ptr_array_add (results, document);
    }

  moi_node_outputs_set (outputs, "documents", moi_value_new_documents (g_steal_pointer (&results)));
  printed = json_object_get_string_member_with_default (object, "stdout", "");
  moi_node_outputs_set (outputs, "python_output", moi_value_new_string (printed));
  printed = json_object_get_string_member_with_default (object, "stderr", "");
  moi_node_outputs_set (outputs, "python_error_output", moi_value_new_string (printed));
  g_clear_pointer (&comm.stdout_bytes, g_bytes_unref);
  g_clear_pointer (&comm.stderr_bytes, g_bytes_unref);
  return TRUE;

out_error:
  g_clear_pointer (&comm.stdout_bytes, g_bytes_unref);
  g_clear_pointer (&comm.stderr_bytes, g_bytes_unref);
  g_clear_error (&comm.error);
  return FALSE;
}

static void
moi_python_executor_finalize (GObject *object)
{
  MoiPythonExecutor *self = MOI_PYTHON_EXECUTOR (object);

  g_free (self->code);

  G_OBJECT_CLASS (moi_python_executor_parent_class)->finalize (object);
}

static void
moi_python_executor_class_init (MoiPythonExecutorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoiNodeClass *node_class = MOI_NODE_CLASS (klass);

  object_class->finalize = moi_python_executor_finalize;
  node_class->run = moi_python_executor_run;
}

static void
moi_python_executor_init (MoiPythonExecutor *self)
{
}

MoiNode *
moi_python_executor_new (MoiComponent  *component,
                         GError       **error)
{
  g_autoptr(MoiPythonExecutor) self = NULL;
  MoiNode *node;

  g_return_val_if_fail (MOI_IS_COMPONENT (component), NULL);

  self = g_object_new (MOI_TYPE_PYTHON_EXECUTOR, NULL);
  node = MOI_NODE (self);
  moi_node_init_for_component (node, component);

  if (!moi_node_param_string (node, "python_code", "", &self->code, error)
      || !moi_node_param_double (node, "timeout", DEFAULT_TIMEOUT_SECONDS, &self->timeout, error))
    return NULL;
  if (self->timeout < 0)
    {
      g_set_error (error, MOI_PIPELINE_ERROR, MOI_PIPELINE_ERROR_INVALID,
                   _("component “%s”: parameter “timeout” must not be negative, got %g"),
                   moi_node_get_name (node), self->timeout);
      return NULL;
    }

  moi_node_add_input (node, "python_code", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_input (node, "timeout", MOI_VALUE_JSON, MOI_SOCKET_OPTIONAL);
  moi_node_add_input (node, "documents", MOI_VALUE_DOCUMENTS, MOI_SOCKET_OPTIONAL);
  moi_node_add_output (node, "documents", MOI_VALUE_DOCUMENTS);
  moi_node_add_output (node, "python_output", MOI_VALUE_JSON);
  moi_node_add_output (node, "python_error_output", MOI_VALUE_JSON);
  return MOI_NODE (g_steal_pointer (&self));
}
