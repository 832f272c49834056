/*
 * What the time tests share: Linux i386's numbers for the time system
 * calls, the structures they take, and reading CLOCK_MONOTONIC in
 * nanoseconds. Every call is made raw (__syscallN), so a test sees the
 * kernel's -errno itself.
 */
#ifndef CLOCKS_H
#define CLOCKS_H

#include <syscall.h>

#define NR_restart_syscall        0
#define NR_time                  13
#define NR_alarm                 27
#define NR_times                 43
#define NR_getrusage             77
#define NR_gettimeofday          78
#define NR_settimeofday          79
#define NR_setitimer            104
#define NR_getitimer            105
#define NR_nanosleep            162
#define NR_rt_sigaction         174
#define NR_rt_sigprocmask       175
#define NR_clock_settime        264
#define NR_clock_gettime        265
#define NR_clock_getres         266
#define NR_clock_nanosleep      267
#define NR_clock_gettime64      403
#define NR_clock_settime64      404
#define NR_clock_getres_time64  406
#define NR_clock_nanosleep_time64 407

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define CLOCK_REALTIME_ALARM     8
#define CLOCK_BOOTTIME_ALARM     9
#define CLOCK_TAI               11
#define TIMER_ABSTIME            1
/* A CPU clock of a PID (Linux's MAKE_PROCESS_CPUCLOCK): which 0 prof, 1 virt, 2 sched. */
#define PROCESS_CPUCLOCK(pid, which) ((int)((~(unsigned int)(pid)) << 3) | (which))
#define THREAD_CPUCLOCK(pid, which)  (PROCESS_CPUCLOCK(pid, which) | 4)

#define NSEC_PER_SEC 1000000000LL
#define NSEC_PER_MSEC 1000000LL

struct ts64 {                   /* __kernel_timespec */
	long long tv_sec, tv_nsec;
};

struct ts32 {                   /* old_timespec32 */
	long tv_sec, tv_nsec;
};

struct tv32 {                   /* old timeval */
	long tv_sec, tv_usec;
};

struct itv32 {
	struct tv32 it_interval, it_value;
};

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

struct rusage {
	struct tv32 ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static inline long long ts_ns(const struct ts64 *t)
{
	return t->tv_sec * NSEC_PER_SEC + t->tv_nsec;
}

/* clock id's time in ns through clock_gettime64; -1 if the call failed. */
static inline long long clock_ns(int id)
{
	struct ts64 t;

	if (__syscall2(NR_clock_gettime64, id, (long)&t))
		return -1;
	return ts_ns(&t);
}

/* Burn user time until CLOCK_MONOTONIC has moved ms milliseconds on. */
static inline void spin_ms(long ms)
{
	long long end = clock_ns(CLOCK_MONOTONIC) + ms * NSEC_PER_MSEC;
	volatile unsigned long x = 0;

	/* each clock read is a system call: read it rarely, so that nearly all the time is user time */
	while (clock_ns(CLOCK_MONOTONIC) < end)
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
}

#endif
