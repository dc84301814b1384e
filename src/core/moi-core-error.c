/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "moi-core-error.h"

G_DEFINE_QUARK (moi-core-error-quark, moi_core_error)
