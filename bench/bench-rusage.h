/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the benchmarks measure besides wall time: the machine is shared, so
 * CPU time says what the work costs, and peak RSS what it holds. */

#include <sys/resource.h>

static inline double
bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static inline double
bench_peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}
