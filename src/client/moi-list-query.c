/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "moi-client"

#include "config.h"

#include <string.h>

#include "moi-list-query.h"

/* The filters that are lists of numbers. */
enum {
  STATUSES,
  FILE_TYPES,
  PRIORITIES,
  PROCESS_MODES,
  N_INT_LISTS
};

struct _MoiListQuery
{
  gatomicrefcount ref_count;
  char *name_search;
  char *creator;
  char *workflow_id;
  gint64 start_ms;
  gint64 end_ms;
  int count_ge;
  int count_le;
  GArray *ints[N_INT_LISTS];
  char *sort_field;
  gboolean sort_descending;
};

G_DEFINE_BOXED_TYPE (MoiListQuery, moi_list_query, moi_list_query_ref, moi_list_query_unref)

static gboolean
int_array_equal (GArray *a,
                 GArray *b)
{
  /* An empty GArray's data may be NULL, which memcmp must not see. */
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (int)) == 0);
}

MoiListQuery *
moi_list_query_new (void)
{
  MoiListQuery *self = g_new0 (MoiListQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->count_ge = -1;
  self->count_le = -1;
  self->sort_descending = TRUE;
  for (guint i = 0; i < N_INT_LISTS; i++)
    self->ints[i] = g_array_new (FALSE, FALSE, sizeof (int));
  return self;
}

MoiListQuery *
moi_list_query_copy (MoiListQuery *self)
{
  MoiListQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = moi_list_query_new ();
  copy->name_search = g_strdup (self->name_search);
  copy->creator = g_strdup (self->creator);
  copy->workflow_id = g_strdup (self->workflow_id);
  copy->start_ms = self->start_ms;
  copy->end_ms = self->end_ms;
  copy->count_ge = self->count_ge;
  copy->count_le = self->count_le;
  for (guint i = 0; i < N_INT_LISTS; i++)
    g_array_append_vals (copy->ints[i], self->ints[i]->data, self->ints[i]->len);
  copy->sort_field = g_strdup (self->sort_field);
  copy->sort_descending = self->sort_descending;
  return copy;
}

MoiListQuery *
moi_list_query_ref (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moi_list_query_unref (MoiListQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name_search);
  g_free (self->creator);
  g_free (self->workflow_id);
  g_free (self->sort_field);
  for (guint i = 0; i < N_INT_LISTS; i++)
    g_array_unref (self->ints[i]);
  g_free (self);
}

gboolean
moi_list_query_equal (MoiListQuery *a,
                      MoiListQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  for (guint i = 0; i < N_INT_LISTS; i++)
    if (!int_array_equal (a->ints[i], b->ints[i]))
      return FALSE;
  return g_strcmp0 (a->name_search, b->name_search) == 0 &&
         g_strcmp0 (a->creator, b->creator) == 0 &&
         g_strcmp0 (a->workflow_id, b->workflow_id) == 0 &&
         a->start_ms == b->start_ms && a->end_ms == b->end_ms &&
         a->count_ge == b->count_ge && a->count_le == b->count_le &&
         g_strcmp0 (a->sort_field, b->sort_field) == 0 &&
         a->sort_descending == b->sort_descending;
}

static void
set_string (char       **slot,
            const char  *value)
{
  char *copy = value != NULL && *value != '\0' ? g_strdup (value) : NULL;

  g_free (*slot);
  *slot = copy;
}

void
moi_list_query_set_name_search (MoiListQuery *self,
                                const char   *text)
{
  g_return_if_fail (self != NULL);
  set_string (&self->name_search, text);
}

void
moi_list_query_set_creator (MoiListQuery *self,
                            const char   *creator)
{
  g_return_if_fail (self != NULL);
  set_string (&self->creator, creator);
}

void
moi_list_query_set_workflow_id (MoiListQuery *self,
                                const char   *workflow_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->workflow_id, workflow_id);
}

void
moi_list_query_set_time_range (MoiListQuery *self,
                               gint64        start_ms,
                               gint64        end_ms)
{
  g_return_if_fail (self != NULL);
  self->start_ms = start_ms;
  self->end_ms = end_ms;
}

void
moi_list_query_set_count_range (MoiListQuery *self,
                                int           count_ge,
                                int           count_le)
{
  g_return_if_fail (self != NULL);
  self->count_ge = count_ge;
  self->count_le = count_le;
}

void
moi_list_query_add_status (MoiListQuery *self,
                           int           status)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->ints[STATUSES], status);
}

void
moi_list_query_add_file_type (MoiListQuery *self,
                              int           file_type)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->ints[FILE_TYPES], file_type);
}

void
moi_list_query_add_priority (MoiListQuery *self,
                             int           priority)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->ints[PRIORITIES], priority);
}

void
moi_list_query_add_process_mode (MoiListQuery *self,
                                 int           interval)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->ints[PROCESS_MODES], interval);
}

void
moi_list_query_set_sort (MoiListQuery *self,
                         const char   *field,
                         gboolean      descending)
{
  g_return_if_fail (self != NULL);
  set_string (&self->sort_field, field);
  self->sort_descending = !!descending;
}

const char *
moi_list_query_get_name_search (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name_search;
}

const char *
moi_list_query_get_creator (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->creator;
}

const char *
moi_list_query_get_workflow_id (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->workflow_id;
}

void
moi_list_query_get_time_range (MoiListQuery *self,
                               gint64       *start_ms,
                               gint64       *end_ms)
{
  g_return_if_fail (self != NULL);
  if (start_ms != NULL)
    *start_ms = self->start_ms;
  if (end_ms != NULL)
    *end_ms = self->end_ms;
}

void
moi_list_query_get_count_range (MoiListQuery *self,
                                int          *count_ge,
                                int          *count_le)
{
  g_return_if_fail (self != NULL);
  if (count_ge != NULL)
    *count_ge = self->count_ge;
  if (count_le != NULL)
    *count_le = self->count_le;
}

static const int *
array_get (GArray *array,
           guint  *n)
{
  if (n != NULL)
    *n = array->len;
  return (const int *) (gpointer) array->data;
}

const int *
moi_list_query_get_statuses (MoiListQuery *self,
                             guint        *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return array_get (self->ints[STATUSES], n);
}

const int *
moi_list_query_get_file_types (MoiListQuery *self,
                               guint        *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return array_get (self->ints[FILE_TYPES], n);
}

const int *
moi_list_query_get_priorities (MoiListQuery *self,
                               guint        *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return array_get (self->ints[PRIORITIES], n);
}

const int *
moi_list_query_get_process_modes (MoiListQuery *self,
                                  guint        *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return array_get (self->ints[PROCESS_MODES], n);
}

const char *
moi_list_query_get_sort_field (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sort_field;
}

gboolean
moi_list_query_get_sort_descending (MoiListQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->sort_descending;
}
