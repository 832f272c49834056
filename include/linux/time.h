/*
 * Time in the kernel and at the system-call boundary (Linux's
 * include/linux/time64.h, include/uapi/linux/time.h, time_types.h):
 * nanoseconds in a 64-bit count, timespec64 inside the kernel, and the
 * layouts i386 programs pass: old 32-bit timespec/timeval and the y2038
 * __kernel_timespec (64-bit seconds and nanoseconds).
 */
#ifndef PAGODA_TIME_H
#define PAGODA_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define MSEC_PER_SEC    1000L
#define USEC_PER_SEC    1000000L
#define NSEC_PER_SEC    1000000000L
#define NSEC_PER_USEC   1000L
#define USER_HZ         100             /* clock_t's unit in times() and /proc (Linux's USER_HZ) */
#define KTIME_MAX       ((int64_t)~((uint64_t)1 << 63))
#define KTIME_SEC_MAX   (KTIME_MAX / NSEC_PER_SEC)

/* Clock ids (include/uapi/linux/time.h). Negative ids are CPU clocks of a PID. */
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
#define MAX_CLOCKS              16
#define TIMER_ABSTIME           0x01

struct timespec64 {
	int64_t tv_sec;
	long tv_nsec;                   /* 0..999999999 once checked */
};

/* What i386 programs pass (__kernel_timespec: 64-bit fields; old_timespec32 and old_timeval32: 32-bit). */
struct __kernel_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct old_timespec32 {
	int32_t tv_sec;
	int32_t tv_nsec;
};

struct old_timeval32 {
	int32_t tv_sec;
	int32_t tv_usec;
};

struct timezone {
	int tz_minuteswest, tz_dsttime;
};

/* kernel/time/time.c: conversions (host-tested) */
/* Seconds since 1970-01-01 00:00 UTC of a Gregorian date (mon 1..12, day 1..31): Linux's mktime64. */
int64_t mktime64(unsigned int year, unsigned int mon, unsigned int day,
		 unsigned int hour, unsigned int min, unsigned int sec);
struct timespec64 ns_to_timespec64(int64_t ns);
/* ts as nanoseconds, saturating at KTIME_MAX (Linux's timespec64_to_ns). */
int64_t timespec64_to_ns(const struct timespec64 *ts);
/* A time a program may ask for: seconds >= 0, nanoseconds 0..999999999 (Linux's timespec64_valid). */
static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && (unsigned long)ts->tv_nsec < (unsigned long)NSEC_PER_SEC;
}

/* The CMOS clock's registers as read (mc146818: BCD or binary, 12 or 24 hour). */
struct cmos_time {
	uint8_t sec, min, hour, mday, mon, year, century;       /* century: 0 if unknown */
	uint8_t status_b;                                       /* register B: RTC_DM_BINARY, RTC_24H */
};
#define RTC_24H         0x02
#define RTC_DM_BINARY   0x04
/* Seconds since 1970 of what the CMOS clock says (Linux's mc146818_get_time + mktime64); -1 if it is no date. */
int64_t cmos_time_to_seconds(const struct cmos_time *t);

#ifndef HOST_TEST
/* kernel/time/timekeeping.c: the clocks, in nanoseconds */
void timekeeping_init(void);
int64_t ktime_get_ns(void);                     /* CLOCK_MONOTONIC: since boot, never backwards */
int64_t ktime_get_coarse_ns(void);              /* the same at the last tick */
int64_t ktime_get_real_ns(void);                /* CLOCK_REALTIME */
int64_t ktime_get_coarse_real_ns(void);
/* Set CLOCK_REALTIME (Linux's do_settimeofday64): 0 or -EINVAL. */
int do_settimeofday64(const struct timespec64 *ts);
/* settimeofday's checks, then the time and/or time zone (either may be NULL): 0 or -EINVAL. */
long do_sys_settimeofday64(const struct timespec64 *ts, const struct timezone *tz);

/* Copy a program's timespec in or out: 0 or -EFAULT (Linux's get/put_timespec64, get/put_old_timespec32). */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec *uts);
int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec *uts);
int get_old_timespec32(struct timespec64 *ts, const struct old_timespec32 *uts);
int put_old_timespec32(const struct timespec64 *ts, struct old_timespec32 *uts);

/* kernel/time/posix-timers.c: clock id's time in ns: 0, or -EINVAL for no such clock (posix_clock_now) */
int posix_clock_now(int id, int64_t *ns);
/* kernel/time/hrtimer.c: sleep ns (abs: until clock id reads ns); 0, -ERESTART_RESTARTBLOCK/-ERESTARTNOHAND, -EFAULT */
long hrtimer_nanosleep(int64_t ns, bool abs, int clockid);
long cpu_clock_nanosleep(int id, bool abs, int64_t ns);

/* arch/i386/kernel/rtc.c: the CMOS clock now, in seconds since 1970 (Linux's mach_get_cmos_time). */
int64_t mach_get_cmos_time(void);
/* arch/i386/kernel/i8253.c: nanoseconds since the last tick, from the PIT's count. */
unsigned long pit_ns_since_tick(void);
#endif

#endif
