/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A real MoiService on 127.0.0.1 (port 0) with its own temp data dir,
 * running in a thread of its own so the tests can use a synchronous
 * SoupSession against it. */
typedef struct _MoiServiceHarness MoiServiceHarness;

MoiServiceHarness *moi_service_harness_new      (guint              n_workers);
/* A client-only harness for a service running elsewhere (another process);
 * @dir is where make_folder writes. Free it before the service goes. */
MoiServiceHarness *moi_service_harness_connect  (const char        *url,
                                                 const char        *key,
                                                 const char        *dir);
/* Runs the real moi-server binary (--port 0) with its data and key file in
 * @dir (NULL: a new temp dir, removed by free) and @args (NULL-terminated,
 * may be NULL) after the harness's own; its messages are in English. Free
 * stops it (SIGTERM) and waits for it. */
MoiServiceHarness *moi_service_harness_spawn    (const char        *dir,
                                                 const char * const *args);
GSubprocess       *moi_service_harness_get_process (MoiServiceHarness *self);
void               moi_service_harness_free     (MoiServiceHarness *self);
const char        *moi_service_harness_get_url  (MoiServiceHarness *self);
const char        *moi_service_harness_get_key  (MoiServiceHarness *self);
const char        *moi_service_harness_get_dir  (MoiServiceHarness *self);

/* Sends @method @path (relative to the URL, query included) with @body
 * (JSON text or NULL) and the key (or @key when not NULL); checks the HTTP
 * status is @status and the body an envelope with a request_id. Returns
 * the envelope. */
JsonObject *moi_service_harness_call_full (MoiServiceHarness *self,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body,
                                           const char        *key,
                                           guint              status);
/* Same with the harness's key; asserts code "ok" and returns data (a new
 * reference; JSON null gives a null node). */
JsonNode   *moi_service_harness_ok        (MoiServiceHarness *self,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body);
/* @method (no body) on a printf-formatted path; returns data. */
JsonNode   *moi_service_harness_request   (MoiServiceHarness *self,
                                           const char        *method,
                                           const char        *format,
                                           ...) G_GNUC_PRINTF (3, 4);
#define moi_service_harness_get(self, ...) \
  moi_service_harness_request ((self), "GET", __VA_ARGS__)
#define moi_service_harness_put(self, ...) \
  moi_service_harness_request ((self), "PUT", __VA_ARGS__)
/* data[@array_key][@index], an object. */
JsonObject *moi_service_harness_element   (JsonNode          *data,
                                           const char        *array_key,
                                           guint              index);
/* Asserts an error envelope: @status, @code, data null, and a message
 * containing @fragment (when not NULL). Returns nothing: the envelope is
 * checked in full here. */
void        moi_service_harness_error     (MoiServiceHarness *self,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body,
                                           guint              status,
                                           const char        *code,
                                           const char        *fragment);

/* Makes a folder under the data dir with @n files "name", "content" pairs
 * (NULL-terminated); returns its path. */
char       *moi_service_harness_make_folder (MoiServiceHarness *self,
                                             const char        *folder,
                                             ...) G_GNUC_NULL_TERMINATED;
/* make_folder (@folder, files…) and a volume of the same name over it;
 * returns the volume's id. */
char       *moi_service_harness_add_folder_volume (MoiServiceHarness *self,
                                                   const char        *folder,
                                                   ...) G_GNUC_NULL_TERMINATED;
/* Creates a volume over @path; returns its id. */
char       *moi_service_harness_add_volume  (MoiServiceHarness *self,
                                             const char        *name,
                                             const char        *path);
/* Polls the job status until it is no longer processing (or fails the
 * test after @timeout_ms); returns the final status data. */
JsonObject *moi_service_harness_wait_job    (MoiServiceHarness *self,
                                             const char        *job_id,
                                             guint              timeout_ms);
/* The id of the newest job of @workflow_id. */
char       *moi_service_harness_latest_job  (MoiServiceHarness *self,
                                             const char        *workflow_id);

/* A workflow that reads text files and writes one document per file
 * (TextFileToDocument -> DocumentWriter with @policy), as JSON text. */
char       *moi_service_harness_text_workflow (const char *policy);

static inline JsonObject *
moi_service_harness_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* rm -r, not following symlinks. */
void        moi_service_harness_remove_tree (const char *path);

/* Single quotes to double quotes, for JSON written in C strings. */
char       *moi_service_harness_json      (const char *text);

G_END_DECLS
