/*
 * The clocks (Linux's kernel/time/timekeeping.c) and the oldest system
 * calls that read and set them (time, gettimeofday, settimeofday: Linux's
 * kernel/time/time.c). CLOCK_MONOTONIC is ticks since boot plus the
 * nanoseconds the PIT has counted since the last one; CLOCK_REALTIME is
 * that plus an offset, taken from the CMOS clock at boot and moved by
 * settimeofday/clock_settime. There is no suspend, so CLOCK_BOOTTIME is
 * CLOCK_MONOTONIC, and no NTP, so CLOCK_MONOTONIC_RAW is too.
 */
#include "asm/io.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "linux/uaccess.h"

static int64_t real_offset;     /* CLOCK_REALTIME - CLOCK_MONOTONIC, ns (Linux's offs_real) */
static int64_t last_mono;       /* the latest CLOCK_MONOTONIC reading given out */
static struct timezone sys_tz;  /* what settimeofday was told; nothing uses it but gettimeofday */

/*
 * The PIT reading is corrected for a tick that is waiting, but a tick
 * that comes late (QEMU's host busy) can still let a reading run ahead
 * of the next one: never give out less than before, so the clock
 * cannot go backwards.
 */
int64_t ktime_get_ns(void)
{
	unsigned long flags = local_irq_save();
	int64_t ns = (int64_t)jiffies_64 * TICK_NSEC + (int64_t)pit_ns_since_tick();

	if (ns < last_mono)
		ns = last_mono;
	last_mono = ns;
	local_irq_restore(flags);
	return ns;
}

int64_t ktime_get_coarse_ns(void)
{
	unsigned long flags = local_irq_save();
	int64_t ns = (int64_t)jiffies_64 * TICK_NSEC;

	local_irq_restore(flags);
	return ns;
}

int64_t ktime_get_real_ns(void)
{
	return ktime_get_ns() + real_offset;
}

int64_t ktime_get_coarse_real_ns(void)
{
	return ktime_get_coarse_ns() + real_offset;
}

void timekeeping_init(void)
{
	int64_t seconds = mach_get_cmos_time();

	real_offset = seconds * NSEC_PER_SEC - ktime_get_ns();
	pr_info("clocksource: CMOS clock says %lld s since 1970; tick %ld ns, PIT interpolation\n",
		(long long)seconds, (long)TICK_NSEC);
}

/* A realtime before boot would make CLOCK_REALTIME - CLOCK_MONOTONIC negative: Linux refuses it. */
int do_settimeofday64(const struct timespec64 *ts)
{
	int64_t offset;

	if (!timespec64_valid(ts) || ts->tv_sec >= KTIME_SEC_MAX)
		return -EINVAL;
	offset = timespec64_to_ns(ts) - ktime_get_ns();
	if (offset < 0)
		return -EINVAL;
	real_offset = offset;
	return 0;
}

/*
 * On i386 the upper half of a __kernel_timespec's tv_nsec is dropped
 * (it lands in a 32-bit long), so garbage there is ignored, as Linux's
 * get_timespec64 does outside compat mode.
 */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec *uts)
{
	struct __kernel_timespec k;

	if (copy_from_user(&k, uts, sizeof(k)))
		return -EFAULT;
	ts->tv_sec = k.tv_sec;
	ts->tv_nsec = (long)k.tv_nsec;
	return 0;
}

int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec *uts)
{
	struct __kernel_timespec k = { ts->tv_sec, ts->tv_nsec };

	return copy_to_user(uts, &k, sizeof(k)) ? -EFAULT : 0;
}

int get_old_timespec32(struct timespec64 *ts, const struct old_timespec32 *uts)
{
	struct old_timespec32 k;

	if (copy_from_user(&k, uts, sizeof(k)))
		return -EFAULT;
	ts->tv_sec = k.tv_sec;
	ts->tv_nsec = k.tv_nsec;
	return 0;
}

int put_old_timespec32(const struct timespec64 *ts, struct old_timespec32 *uts)
{
	struct old_timespec32 k = { (int32_t)ts->tv_sec, (int32_t)ts->tv_nsec };

	return copy_to_user(uts, &k, sizeof(k)) ? -EFAULT : 0;
}

/* time(2): seconds since 1970, also stored at tloc unless it is NULL. */
long sys_time(int *tloc)
{
	int now = (int32_t)(ktime_get_real_ns() / NSEC_PER_SEC);

	if (tloc && copy_to_user(tloc, &now, sizeof(now)))
		return -EFAULT;
	return now;
}

long sys_gettimeofday(struct old_timeval32 *tv, struct timezone *tz)
{
	if (tv) {
		struct timespec64 ts = ns_to_timespec64(ktime_get_real_ns());
		struct old_timeval32 k = { (int32_t)ts.tv_sec, (int32_t)(ts.tv_nsec / NSEC_PER_USEC) };

		if (copy_to_user(tv, &k, sizeof(k)))
			return -EFAULT;
	}
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
		return -EFAULT;
	return 0;
}

/* Linux's do_sys_settimeofday64: a time zone more than 15 hours off is refused. */
long do_sys_settimeofday64(const struct timespec64 *ts, const struct timezone *tz)
{
	if (ts && !timespec64_valid(ts))
		return -EINVAL;
	if (tz) {
		if (tz->tz_minuteswest > 15 * 60 || tz->tz_minuteswest < -15 * 60)
			return -EINVAL;
		sys_tz = *tz;
	}
	return ts ? do_settimeofday64(ts) : 0;
}

long sys_settimeofday(const struct old_timeval32 *tv, const struct timezone *tz)
{
	struct timespec64 ts;
	struct timezone k;

	if (tv) {
		struct old_timeval32 u;

		if (copy_from_user(&u, tv, sizeof(u)))
			return -EFAULT;
		if (u.tv_usec > USEC_PER_SEC || u.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = u.tv_sec;
		ts.tv_nsec = u.tv_usec * NSEC_PER_USEC;
	}
	if (tz && copy_from_user(&k, tz, sizeof(k)))
		return -EFAULT;
	return do_sys_settimeofday64(tv ? &ts : NULL, tz ? &k : NULL);
}
