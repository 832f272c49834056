/*
 * Sleeping for a time (Linux's kernel/time/hrtimer.c: do_nanosleep,
 * hrtimer_nanosleep, nanosleep). Linux wakes the sleeper with a
 * high-resolution timer; here the tick's timer list does, so a sleep is
 * rounded up to whole ticks (4 ms at HZ=250) and, as in Linux, never
 * ends early: after each wake-up the clock is read again and the sleep
 * goes on until it has passed the expiry.
 *
 * A signal ends the sleep with -ERESTART_RESTARTBLOCK: after a handler
 * the program sees -EINTR and the time left in rmtp; with no handler
 * do_signal restarts it through restart_syscall (kernel/signal.c), which
 * calls restart_block.fn: hrtimer_nanosleep_restart sleeps on to the
 * same expiry. An absolute sleep is simply made again (-ERESTARTNOHAND).
 */
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/timer.h"

/* The time left, to the program's rmtp: -ERESTART_RESTARTBLOCK, or -EFAULT (Linux's nanosleep_copyout). */
static long nanosleep_copyout(struct restart_block *restart, int64_t left)
{
	struct timespec64 ts = ns_to_timespec64(left);
	int err;

	if (restart->nanosleep.compat32)
		err = put_old_timespec32(&ts, restart->nanosleep.rmtp);
	else
		err = put_timespec64(&ts, restart->nanosleep.rmtp);
	return err ? err : -ERESTART_RESTARTBLOCK;
}

/* Relative sleeps are on CLOCK_MONOTONIC (a realtime step must not stretch them), as Linux's __hrtimer_init. */
static int sleep_clock(int clockid, bool abs)
{
	if (!abs || clockid == CLOCK_BOOTTIME_ALARM)
		return CLOCK_MONOTONIC;
	return clockid == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : clockid;
}

/*
 * Sleep TASK_INTERRUPTIBLE until clockid reads expires (ns): 0 then,
 * -ERESTART_RESTARTBLOCK (or -EFAULT writing rmtp) when a signal comes
 * first (Linux's do_nanosleep).
 */
static long do_nanosleep(int clockid, int64_t expires)
{
	struct restart_block *restart = &current->restart_block;
	int64_t now;

	for (;;) {
		posix_clock_now(clockid, &now);
		if (now >= expires)
			return 0;
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			break;
		}
		schedule_timeout(ns_to_jiffies_up(expires - now));
		set_current_state(TASK_RUNNING);
	}
	if (!restart->nanosleep.rmtp)
		return -ERESTART_RESTARTBLOCK;
	posix_clock_now(clockid, &now);
	return now >= expires ? 0 : nanosleep_copyout(restart, expires - now);
}

static long hrtimer_nanosleep_restart(struct restart_block *restart)
{
	return do_nanosleep(restart->nanosleep.clockid, (int64_t)restart->nanosleep.expires);
}

long hrtimer_nanosleep(int64_t ns, bool abs, int clockid)
{
	struct restart_block *restart = &current->restart_block;
	int clock = sleep_clock(clockid, abs);
	int64_t expires = ns;
	long ret;

	if (!abs) {
		posix_clock_now(clock, &expires);
		expires = ns > KTIME_MAX - expires ? KTIME_MAX : expires + ns;
	}
	ret = do_nanosleep(clock, expires);
	if (ret != -ERESTART_RESTARTBLOCK)
		return ret;
	if (abs)
		return -ERESTARTNOHAND;
	restart->nanosleep.clockid = clock;
	restart->nanosleep.expires = (unsigned long long)expires;
	restart->fn = hrtimer_nanosleep_restart;
	return ret;
}

/*
 * Sleep until a CPU clock reaches a time. Nothing here wakes on CPU
 * time, so the sleeper looks once a tick (Linux arms a CPU timer); a
 * signal ends it with the time left and -ERESTARTNOHAND.
 */
long cpu_clock_nanosleep(int id, bool abs, int64_t ns)
{
	struct restart_block *restart = &current->restart_block;
	int64_t now, expires = ns;

	if (posix_clock_now(id, &now))
		return -EINVAL;
	if (!abs)
		expires = ns > KTIME_MAX - now ? KTIME_MAX : now + ns;
	for (;;) {
		if (posix_clock_now(id, &now) || now >= expires)
			return 0;               /* reached, or the task whose clock it was has gone */
		if (signal_pending(current))
			break;
		schedule_timeout_interruptible(1);
	}
	if (restart->nanosleep.rmtp && nanosleep_copyout(restart, expires - now) == -EFAULT)
		return -EFAULT;
	return -ERESTARTNOHAND;
}

/* nanosleep (162): a relative sleep on CLOCK_MONOTONIC, old 32-bit timespecs (Linux's nanosleep_time32). */
long sys_nanosleep_time32(const struct old_timespec32 *rqtp, struct old_timespec32 *rmtp)
{
	struct restart_block *restart = &current->restart_block;
	struct timespec64 ts;

	if (get_old_timespec32(&ts, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	restart->fn = do_no_restart_syscall;
	restart->nanosleep.rmtp = rmtp;
	restart->nanosleep.compat32 = true;
	return hrtimer_nanosleep(timespec64_to_ns(&ts), false, CLOCK_MONOTONIC);
}
