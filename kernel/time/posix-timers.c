/*
 * The POSIX clocks (Linux's kernel/time/posix-timers.c and the clock half
 * of posix-cpu-timers.c): clock_gettime, clock_getres, clock_settime and
 * clock_nanosleep, each in its old 32-bit and its y2038 form, checked in
 * Linux's order. Negative clock ids name the CPU clock of a PID
 * (~pid << 3 | per-thread bit | which); CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID are current's.
 */
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/sched/cputime.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "linux/uaccess.h"

#define CPUCLOCK_PROF           0       /* user + system time */
#define CPUCLOCK_VIRT           1       /* user time */
#define CPUCLOCK_SCHED          2       /* time on the CPU (here: the same ticks as PROF) */
#define CPUCLOCK_MAX            3
#define CPUCLOCK_PERTHREAD_MASK 4
#define CPUCLOCK_WHICH(c)       ((c) & 3)
#define CPUCLOCK_PID(c)         ((int)~((c) >> 3))
#define CLOCKFD                 3       /* (id & CLOCKFD_MASK) == CLOCKFD: a clock device's fd */
#define CLOCKFD_MASK            7
#define PROCESS_CLOCK           ((int)(~0u << 3) | CPUCLOCK_SCHED)         /* -6 */
#define THREAD_CLOCK            ((int)(~0u << 3) | CPUCLOCK_PERTHREAD_MASK | CPUCLOCK_SCHED)    /* -2 */

/*
 * What clock_getres says of the fine clocks is the resolution of sleeps
 * and timers (Linux's hrtimer_resolution), not of reading the clock:
 * ours expire at the tick, as Linux's do before it switches to high
 * resolution mode (LOW_RES_NSEC), so a tick; reading is finer (the
 * PIT's 838 ns).
 */
#define HRTIMER_RESOLUTION      TICK_NSEC

/* The task whose CPU clock id names, or NULL (Linux's pid_for_clock; no threads: a thread clock is current's). */
static struct task_struct *cpu_clock_task(int id)
{
	int pid = CPUCLOCK_PID(id);
	struct task_struct *p;

	if (CPUCLOCK_WHICH(id) >= CPUCLOCK_MAX)
		return NULL;
	if (pid == 0)
		return current;
	p = find_task_by_vpid(pid);
	if (p && (id & CPUCLOCK_PERTHREAD_MASK) && p != current)
		return NULL;
	return p;
}

static int64_t cpu_clock_ns(int id, struct task_struct *p)
{
	uint64_t utime, stime;

	task_cputime(p, &utime, &stime);
	return (int64_t)(CPUCLOCK_WHICH(id) == CPUCLOCK_VIRT ? utime : utime + stime);
}

/* Which clocks exist: Linux's posix_clocks[] has no entry 10 (CLOCK_SGI_CYCLE) and none from 12. */
static bool clock_known(int id)
{
	return id >= 0 && id < MAX_CLOCKS && id != 10 && id <= CLOCK_TAI;
}

static int normalise(int id)
{
	if (id == CLOCK_PROCESS_CPUTIME_ID)
		return PROCESS_CLOCK;
	if (id == CLOCK_THREAD_CPUTIME_ID)
		return THREAD_CLOCK;
	return id;
}

int posix_clock_now(int id, int64_t *ns)
{
	id = normalise(id);
	if (id < 0) {
		struct task_struct *p;

		if ((id & CLOCKFD_MASK) == CLOCKFD)
			return -EINVAL;         /* no clock devices: no file is one */
		p = cpu_clock_task(id);
		if (!p)
			return -EINVAL;
		*ns = cpu_clock_ns(id, p);
		return 0;
	}
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:                 /* TAI - UTC is 0 until adjtimex sets it */
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_coarse_real_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = ktime_get_coarse_ns();
		return 0;
	}
	return -EINVAL;
}

static int clock_getres(int id, struct timespec64 *ts)
{
	id = normalise(id);
	ts->tv_sec = 0;
	if (id < 0) {
		if ((id & CLOCKFD_MASK) == CLOCKFD || !cpu_clock_task(id))
			return -EINVAL;
		/* Linux's posix_cpu_clock_getres: a tick, but 1 ns for the scheduler's clock */
		ts->tv_nsec = CPUCLOCK_WHICH(id) == CPUCLOCK_SCHED ? 1 : (NSEC_PER_SEC + HZ - 1) / HZ;
		return 0;
	}
	if (!clock_known(id))
		return -EINVAL;
	ts->tv_nsec = id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE ? TICK_NSEC
		: HRTIMER_RESOLUTION;
	return 0;
}

long sys_clock_gettime(int id, struct __kernel_timespec *tp)
{
	int64_t ns;
	int err = posix_clock_now(id, &ns);
	struct timespec64 ts;

	if (err)
		return err;
	ts = ns_to_timespec64(ns);
	return put_timespec64(&ts, tp);
}

long sys_clock_gettime32(int id, struct old_timespec32 *tp)
{
	int64_t ns;
	int err = posix_clock_now(id, &ns);
	struct timespec64 ts;

	if (err)
		return err;
	ts = ns_to_timespec64(ns);
	return put_old_timespec32(&ts, tp);
}

/* A NULL tp only asks whether the clock exists. */
long sys_clock_getres(int id, struct __kernel_timespec *tp)
{
	struct timespec64 ts;
	int err = clock_getres(id, &ts);

	if (err)
		return err;
	return tp ? put_timespec64(&ts, tp) : 0;
}

long sys_clock_getres_time32(int id, struct old_timespec32 *tp)
{
	struct timespec64 ts;
	int err = clock_getres(id, &ts);

	if (err)
		return err;
	return tp ? put_old_timespec32(&ts, tp) : 0;
}

/*
 * Only CLOCK_REALTIME can be set; the other fixed clocks (the CPU-time
 * ones too) say -EINVAL before the pointer is read, CPU clocks named by
 * a negative id -EPERM after it (Linux's order: clock_set exists for
 * clock_posix_cpu, not for clock_process and clock_thread).
 */
static long clock_settime(int id, const struct timespec64 *ts)
{
	id = normalise(id);
	if (id < 0) {
		if ((id & CLOCKFD_MASK) == CLOCKFD || !cpu_clock_task(id))
			return -EINVAL;
		return -EPERM;
	}
	return do_sys_settimeofday64(ts, NULL);
}

static bool clock_settable(int id)
{
	return id < 0 || id == CLOCK_REALTIME;
}

long sys_clock_settime(int id, const struct __kernel_timespec *tp)
{
	struct timespec64 ts;

	if (!clock_settable(id))
		return -EINVAL;
	if (get_timespec64(&ts, tp))
		return -EFAULT;
	return clock_settime(id, &ts);
}

long sys_clock_settime32(int id, const struct old_timespec32 *tp)
{
	struct timespec64 ts;

	if (!clock_settable(id))
		return -EINVAL;
	if (get_old_timespec32(&ts, tp))
		return -EFAULT;
	return clock_settime(id, &ts);
}

/*
 * clock_nanosleep's order (Linux's SYSCALL_DEFINE4(clock_nanosleep)):
 * the clock must exist (-EINVAL) and be one that sleeps (-EOPNOTSUPP),
 * then the pointer and the time are checked, then the clock's own
 * nsleep has its say. An absolute sleep never writes the remaining time.
 */
static int nsleep_supported(int id)
{
	if (id < 0)
		return (id & CLOCKFD_MASK) == CLOCKFD ? -EOPNOTSUPP : 0;     /* clock devices cannot sleep */
	if (!clock_known(id))
		return -EINVAL;
	/* Linux's clock_thread has no nsleep either (a negative thread clock id goes to posix_cpu_nsleep) */
	if (id == CLOCK_MONOTONIC_RAW || id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE ||
	    id == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	return 0;
}

static long clock_nanosleep(int id, int flags, const struct timespec64 *ts, void *rmtp, bool compat32)
{
	struct restart_block *restart = &current->restart_block;
	bool abs = flags & TIMER_ABSTIME;

	restart->fn = do_no_restart_syscall;
	restart->nanosleep.rmtp = abs ? NULL : rmtp;
	restart->nanosleep.compat32 = compat32;
	if ((id == CLOCK_REALTIME_ALARM || id == CLOCK_BOOTTIME_ALARM) && (flags & ~TIMER_ABSTIME))
		return -EINVAL;                 /* alarm_timer_nsleep */
	if (id == CLOCK_PROCESS_CPUTIME_ID || id < 0) {
		id = normalise(id);
		if ((id & CPUCLOCK_PERTHREAD_MASK) && (CPUCLOCK_PID(id) == 0 || CPUCLOCK_PID(id) == current->pid))
			return -EINVAL;         /* posix_cpu_nsleep: my own thread clock stands still as I sleep */
		if (!cpu_clock_task(id))
			return -EINVAL;
		return cpu_clock_nanosleep(id, abs, timespec64_to_ns(ts));
	}
	return hrtimer_nanosleep(timespec64_to_ns(ts), abs, id);
}

long sys_clock_nanosleep(int id, int flags, const struct __kernel_timespec *rqtp, struct __kernel_timespec *rmtp)
{
	struct timespec64 ts;
	int err = nsleep_supported(id);

	if (err)
		return err;
	if (get_timespec64(&ts, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	return clock_nanosleep(id, flags, &ts, rmtp, false);
}

long sys_clock_nanosleep_time32(int id, int flags, const struct old_timespec32 *rqtp, struct old_timespec32 *rmtp)
{
	struct timespec64 ts;
	int err = nsleep_supported(id);

	if (err)
		return err;
	if (get_old_timespec32(&ts, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	return clock_nanosleep(id, flags, &ts, rmtp, true);
}
