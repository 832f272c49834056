/* CPU time accounting (Linux's include/linux/sched/cputime.h, kernel/sched/cputime.c). */
#ifndef PAGODA_SCHED_CPUTIME_H
#define PAGODA_SCHED_CPUTIME_H

#include <stdbool.h>
#include <stdint.h>
#include "linux/time.h"

struct task_struct;

/* getrusage's who (Linux's include/uapi/linux/resource.h; RUSAGE_BOTH is the kernel's own) */
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_BOTH     (-2)
#define RUSAGE_THREAD   1

/* The i386 struct rusage: two old timevals and fourteen longs. */
struct rusage {
	struct old_timeval32 ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* p's usage in *r (see kernel/sched/cputime.c; Linux's getrusage). */
void getrusage(struct task_struct *p, int who, struct rusage *r);

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
