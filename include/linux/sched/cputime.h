/* CPU time accounting (Linux's include/linux/sched/cputime.h, kernel/sched/cputime.c). */
#ifndef PAGODA_SCHED_CPUTIME_H
#define PAGODA_SCHED_CPUTIME_H

#include <stdbool.h>
#include <stdint.h>

struct task_struct;

/* Every tick since boot by what the CPU was doing (Linux's kcpustat_cpu(0).cpustat, in ticks): /proc/stat's cpu line. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	NR_STATS,
};
extern uint64_t kcpustat[NR_STATS];

/* One tick of p's: to utime if it interrupted user mode, else stime; init_task's count nowhere. */
void account_process_tick(struct task_struct *p, bool user_tick);
/* p's CPU time in nanoseconds: user, system (tick-granular, as Linux's tick-based accounting). */
void task_cputime(struct task_struct *p, uint64_t *utime_ns, uint64_t *stime_ns);

#endif
