/* CPU time accounting (Linux's include/linux/sched/cputime.h, kernel/sched/cputime.c). */
#ifndef PAGODA_SCHED_CPUTIME_H
#define PAGODA_SCHED_CPUTIME_H

#include <stdbool.h>
#include <stdint.h>

struct task_struct;

/* One tick of p's: to utime if it interrupted user mode, else stime; init_task's count nowhere. */
void account_process_tick(struct task_struct *p, bool user_tick);
/* p's CPU time in nanoseconds: user, system (tick-granular, as Linux's tick-based accounting). */
void task_cputime(struct task_struct *p, uint64_t *utime_ns, uint64_t *stime_ns);

#endif
