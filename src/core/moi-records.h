/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The wire records of the BYOA API, read tolerantly and written
 * canonically (see moi-record-fields.h). */
#include "moi-branch-info.h"
#include "moi-document-block.h"
#include "moi-job.h"
#include "moi-job-file.h"
#include "moi-job-file-counts.h"
#include "moi-job-status-info.h"
#include "moi-record-fields.h"
#include "moi-volume.h"
#include "moi-volume-file.h"
#include "moi-wire-time.h"
#include "moi-workflow-info.h"
