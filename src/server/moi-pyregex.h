/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Python's re.sub(pattern, repl, text) on UTF-8 text, over GRegex (PCRE2).
 * The pattern is read with Python 3's str-pattern meaning where PCRE2 would
 * differ: \s is exactly str.isspace() (with U+001C..U+001F), \d, \w and \b
 * are Unicode-aware, "." and "$" know only "\n" as a line end, \Z is the very
 * end, {,n} is {0,n}, \uXXXX and \UXXXXXXXX are code points, and (?u) is
 * accepted. The replacement uses Python's syntax (\1, \g<1>, \g<name>, \n,
 * \\; other escaped ASCII letters are errors), and empty matches are
 * replaced as Python 3.7+ does ("x*" on "abxd" gives "-a-b--d-"). */
typedef struct _MoiPyRegex MoiPyRegex;

/* @replacement may be NULL for "". Errors are in G_REGEX_ERROR. */
MoiPyRegex *moi_py_regex_new  (const char  *pattern,
                               const char  *replacement,
                               GError     **error);
void        moi_py_regex_free (MoiPyRegex  *self);
/* Appends re.sub(pattern, replacement, text[:len]) to @out. */
gboolean    moi_py_regex_sub  (MoiPyRegex  *self,
                               const char  *text,
                               gsize        len,
                               GString     *out,
                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoiPyRegex, moi_py_regex_free)

G_END_DECLS
