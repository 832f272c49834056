/*
 * The load average (Linux's include/linux/sched/loadavg.h): the number of
 * tasks running or waiting uninterruptibly, sampled every 5 seconds and
 * smoothed into 1, 5 and 15 minute exponential averages, in fixed point
 * with FSHIFT bits of fraction.
 */
#ifndef PAGODA_SCHED_LOADAVG_H
#define PAGODA_SCHED_LOADAVG_H

#define FSHIFT    11                    /* bits of fraction */
#define FIXED_1   (1UL << FSHIFT)       /* 1.0 */
#define LOAD_FREQ (5 * HZ + 1)          /* jiffies between samples: 5 s (+1: off the beat of periodic work) */
#define EXP_1     1884                  /* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5     2014                  /* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15    2037                  /* FIXED_1 / exp(5 s / 15 min) */

#define LOAD_INT(x)  ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* 1, 5 and 15 minutes, FSHIFT fixed point: what sysinfo and /proc/loadavg print. */
extern unsigned long avenrun[3];

/* kernel/sched/loadavg.c: called every tick; every LOAD_FREQ jiffies it samples and folds. */
void calc_global_load(void);

#endif
