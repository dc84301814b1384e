/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-client"

#include "config.h"

#include "moi-paged-list.h"
#include "moi-record-fields.h"

#define DEFAULT_PAGE_SIZE 50

typedef enum
{
  KIND_WORKFLOWS,
  KIND_JOBS,
  KIND_JOB_FILES,
} Kind;

typedef enum
{
  PAGE_NOT_LOADED,
  PAGE_LOADING,
  PAGE_LOADED,
  PAGE_FAILED,
} PageState;

struct _MoiPagedList
{
  GObject parent_instance;

  MoiClient *client;
  MoiListQuery *query;
  char *job_id;
  Kind kind;
  GType item_type;
  guint page_size;

  GPtrArray *items;          /* n_items slots; NULL until asked for or loaded */
  GArray *pages;             /* PageState per page */
  guint n_loading;
  guint generation;          /* bumped by a reset: late answers are dropped */
  GCancellable *cancellable;
  GError *error;
  MoiJobFileCounts *counts;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoiPagedList, moi_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_QUERY,
  PROP_PAGE_SIZE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_COUNTS,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  MoiPagedList *self;
  guint page;
  guint generation;
} PageRequest;

static void load_page (MoiPagedList *self,
                       guint         page);

/* Slots stay NULL until someone asks for them. */
static void
item_free (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static char *
item_id (GObject *item)
{
  char *id = NULL;

  g_object_get (item, "id", &id, NULL);
  return id;
}

static void
set_loading_delta (MoiPagedList *self,
                   int           delta)
{
  gboolean was = self->n_loading > 0;

  self->n_loading += delta;
  if (was != (self->n_loading > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (MoiPagedList *self,
           const GError *error)
{
  if (moi_client_error_replace (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
resize (MoiPagedList *self,
        guint         n_items)
{
  guint old = self->items->len;
  guint n_pages = (n_items + self->page_size - 1) / self->page_size;

  if (n_items == old)
    return;

  while (self->pages->len < n_pages)
    {
      guint8 state = PAGE_NOT_LOADED;

      g_array_append_val (self->pages, state);
    }
  if (self->pages->len > n_pages)
    g_array_set_size (self->pages, n_pages);

  g_ptr_array_set_size (self->items, n_items);
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Objects already in the list, by id, so a refresh that brings an id back
 * (even at another position) hands out the same object. */
static GHashTable *
index_by_id (MoiPagedList *self)
{
  /* Holds references: a page may replace an object that a later slot of
   * the same page takes back. */
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < self->items->len; i++)
    {
      GObject *item = g_ptr_array_index (self->items, i);
      char *id;

      if (item == NULL)
        continue;
      id = item_id (item);
      if (id != NULL)
        g_hash_table_insert (index, id, g_object_ref (item));
    }
  return index;
}

static void
apply_page (MoiPagedList *self,
            guint         page,
            GPtrArray    *fresh)
{
  g_autoptr(GHashTable) index = NULL;
  guint first = page * self->page_size;
  guint changed_lo = G_MAXUINT;
  guint changed_hi = 0;

  for (guint i = 0; i < fresh->len && first + i < self->items->len; i++)
    {
      GObject *incoming = g_ptr_array_index (fresh, i);
      GObject *current = g_ptr_array_index (self->items, first + i);
      g_autofree char *id = item_id (incoming);
      g_autofree char *current_id = current ? item_id (current) : NULL;
      GObject *keep;

      if (current != NULL && (current_id == NULL || g_strcmp0 (current_id, id) == 0))
        {
          /* A placeholder or the same record: fill it in place. */
          moi_record_assign (current, incoming);
          continue;
        }

      /* Only a refresh that moved things needs the index (built once per
       * page), so scrolling stays linear. */
      if (index == NULL && current != NULL && id != NULL)
        index = index_by_id (self);
      keep = id && index ? g_hash_table_lookup (index, id) : NULL;
      if (keep != NULL)
        moi_record_assign (keep, incoming);
      else
        keep = incoming;

      if (current == NULL)
        {
          /* Nobody has seen this slot's object yet: no signal needed. */
          g_ptr_array_index (self->items, first + i) = g_object_ref (keep);
          continue;
        }

      g_ptr_array_index (self->items, first + i) = g_object_ref (keep);
      g_object_unref (current);
      changed_lo = MIN (changed_lo, first + i);
      changed_hi = MAX (changed_hi, first + i);
    }

  if (changed_lo != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), changed_lo,
                                changed_hi - changed_lo + 1, changed_hi - changed_lo + 1);
}

static void
on_page_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageRequest *req = user_data;
  g_autoptr(MoiPagedList) self = req->self;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MoiJobFileCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  guint page = req->page;
  guint generation = req->generation;
  guint total = 0;

  g_free (req);

  switch (self->kind)
    {
    case KIND_WORKFLOWS:
      items = moi_client_list_workflows_finish (MOI_CLIENT (source), result, &total, &error);
      break;
    case KIND_JOBS:
      items = moi_client_list_jobs_finish (MOI_CLIENT (source), result, &total, &error);
      break;
    case KIND_JOB_FILES:
      items = moi_client_list_job_files_finish (MOI_CLIENT (source), result, &total, &counts,
                                                &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (generation != self->generation)
    return;

  set_loading_delta (self, -1);

  if (page < self->pages->len)
    g_array_index (self->pages, guint8, page) = items ? PAGE_LOADED : PAGE_FAILED;

  if (items == NULL)
    {
      if (!moi_client_error_is_cancelled (error))
        set_error (self, error);
      return;
    }

  set_error (self, NULL);
  if (counts != NULL)
    moi_record_assign (G_OBJECT (self->counts), G_OBJECT (counts));
  resize (self, total);
  if (page < self->pages->len)
    g_array_index (self->pages, guint8, page) = PAGE_LOADED;
  apply_page (self, page, items);
}

static void
load_page (MoiPagedList *self,
           guint         page)
{
  PageRequest *req = g_new0 (PageRequest, 1);

  if (page < self->pages->len)
    g_array_index (self->pages, guint8, page) = PAGE_LOADING;

  req->self = g_object_ref (self);
  req->page = page;
  req->generation = self->generation;
  set_loading_delta (self, 1);

  switch (self->kind)
    {
    case KIND_WORKFLOWS:
      moi_client_list_workflows_async (self->client, self->query, page * self->page_size,
                                       self->page_size, self->cancellable, on_page_loaded, req);
      break;
    case KIND_JOBS:
      moi_client_list_jobs_async (self->client, self->query, page + 1, self->page_size,
                                  self->cancellable, on_page_loaded, req);
      break;
    case KIND_JOB_FILES:
      moi_client_list_job_files_async (self->client, self->job_id, self->query, page + 1,
                                       self->page_size, self->cancellable, on_page_loaded, req);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Empties the list and fetches the first page again (new query). */
static void
reset (MoiPagedList *self)
{
  guint old = self->items->len;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  if (self->n_loading > 0)
    {
      self->n_loading = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->pages, 0);
  if (old > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  load_page (self, 0);
}

/* --- GListModel ---------------------------------------------------------- */

static GType
moi_paged_list_get_item_type (GListModel *model)
{
  return MOI_PAGED_LIST (model)->item_type;
}

static guint
moi_paged_list_get_n_items (GListModel *model)
{
  return MOI_PAGED_LIST (model)->items->len;
}

static gpointer
moi_paged_list_get_item (GListModel *model,
                         guint       position)
{
  MoiPagedList *self = MOI_PAGED_LIST (model);
  guint page;
  GObject *item;

  if (position >= self->items->len)
    return NULL;

  page = position / self->page_size;
  if (g_array_index (self->pages, guint8, page) == PAGE_NOT_LOADED)
    load_page (self, page);

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = g_object_new (self->item_type, NULL);
      g_ptr_array_index (self->items, position) = item;
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = moi_paged_list_get_item_type;
  iface->get_n_items = moi_paged_list_get_n_items;
  iface->get_item = moi_paged_list_get_item;
}

/* --- GObject ------------------------------------------------------------- */

static void
moi_paged_list_dispose (GObject *object)
{
  MoiPagedList *self = (MoiPagedList *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->counts);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (moi_paged_list_parent_class)->dispose (object);
}

static void
moi_paged_list_finalize (GObject *object)
{
  MoiPagedList *self = (MoiPagedList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->query, moi_list_query_unref);
  g_clear_pointer (&self->job_id, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (moi_paged_list_parent_class)->finalize (object);
}

static void
moi_paged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoiPagedList *self = MOI_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_COUNTS:
      g_value_set_object (value, self->counts);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_paged_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoiPagedList *self = MOI_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_PAGE_SIZE:
      moi_paged_list_set_page_size (self, g_value_get_uint (value));
      break;
    case PROP_QUERY:
      moi_paged_list_set_query (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moi_paged_list_class_init (MoiPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moi_paged_list_dispose;
  object_class->finalize = moi_paged_list_finalize;
  object_class->get_property = moi_paged_list_get_property;
  object_class->set_property = moi_paged_list_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MOI_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, MOI_TYPE_LIST_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 1000, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTS] =
    g_param_spec_object ("counts", NULL, NULL, MOI_TYPE_JOB_FILE_COUNTS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moi_paged_list_init (MoiPagedList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->pages = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->cancellable = g_cancellable_new ();
  self->counts = moi_job_file_counts_new ();
}

static MoiPagedList *
paged_list_new (MoiClient    *client,
                Kind          kind,
                GType         item_type,
                const char   *job_id,
                MoiListQuery *query)
{
  MoiPagedList *self = g_object_new (MOI_TYPE_PAGED_LIST, NULL);

  self->client = g_object_ref (client);
  self->kind = kind;
  self->item_type = item_type;
  self->job_id = g_strdup (job_id);
  self->query = query ? moi_list_query_ref (query) : moi_list_query_new ();
  reset (self);
  return self;
}

MoiPagedList *
moi_paged_list_new_workflows (MoiClient    *client,
                              MoiListQuery *query)
{
  g_return_val_if_fail (MOI_IS_CLIENT (client), NULL);

  return paged_list_new (client, KIND_WORKFLOWS, MOI_TYPE_WORKFLOW_INFO, NULL, query);
}

MoiPagedList *
moi_paged_list_new_jobs (MoiClient    *client,
                         MoiListQuery *query)
{
  g_return_val_if_fail (MOI_IS_CLIENT (client), NULL);

  return paged_list_new (client, KIND_JOBS, MOI_TYPE_JOB, NULL, query);
}

MoiPagedList *
moi_paged_list_new_job_files (MoiClient    *client,
                              const char   *job_id,
                              MoiListQuery *query)
{
  g_return_val_if_fail (MOI_IS_CLIENT (client), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);

  return paged_list_new (client, KIND_JOB_FILES, MOI_TYPE_JOB_FILE, job_id, query);
}

MoiClient *
moi_paged_list_get_client (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), NULL);

  return self->client;
}

MoiListQuery *
moi_paged_list_get_query (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), NULL);

  return self->query;
}

void
moi_paged_list_set_query (MoiPagedList *self,
                          MoiListQuery *query)
{
  g_return_if_fail (MOI_IS_PAGED_LIST (self));

  if (query == NULL)
    query = moi_list_query_new ();
  else
    moi_list_query_ref (query);

  if (moi_list_query_equal (self->query, query))
    {
      moi_list_query_unref (query);
      return;
    }

  g_clear_pointer (&self->query, moi_list_query_unref);
  self->query = query;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  if (self->client != NULL)
    reset (self);
}

guint
moi_paged_list_get_page_size (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), 0);

  return self->page_size;
}

void
moi_paged_list_set_page_size (MoiPagedList *self,
                              guint         page_size)
{
  g_return_if_fail (MOI_IS_PAGED_LIST (self));
  g_return_if_fail (page_size > 0);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
  /* Page boundaries moved: what was loaded no longer lines up. */
  if (self->client != NULL)
    reset (self);
}

gboolean
moi_paged_list_get_loading (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), FALSE);

  return self->n_loading > 0;
}

const GError *
moi_paged_list_get_error (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), NULL);

  return self->error;
}

MoiJobFileCounts *
moi_paged_list_get_counts (MoiPagedList *self)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), NULL);

  return self->counts;
}

void
moi_paged_list_refresh (MoiPagedList *self)
{
  gboolean any = FALSE;

  g_return_if_fail (MOI_IS_PAGED_LIST (self));

  for (guint page = 0; page < self->pages->len; page++)
    {
      guint8 state = g_array_index (self->pages, guint8, page);

      /* Pages in flight will bring fresh data anyway. */
      if (state == PAGE_LOADED || state == PAGE_FAILED)
        {
          load_page (self, page);
          any = TRUE;
        }
      else if (state == PAGE_LOADING)
        any = TRUE;
    }
  if (!any)
    load_page (self, 0);
}

gboolean
moi_paged_list_find_id (MoiPagedList *self,
                        const char   *id,
                        guint        *position)
{
  g_return_val_if_fail (MOI_IS_PAGED_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      GObject *item = g_ptr_array_index (self->items, i);
      g_autofree char *item_id_str = item ? item_id (item) : NULL;

      if (g_strcmp0 (item_id_str, id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}
