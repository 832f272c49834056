/*
 * The clocks, as Linux 6.1 i386 answers: clock_gettime and clock_getres
 * in their y2038 (403, 406) and old 32-bit (265, 266) forms for every
 * clock id, their resolutions, errnos in Linux's order, CLOCK_MONOTONIC
 * never going backwards and finer than the tick, CLOCK_REALTIME near the
 * wall-clock time the runner passes (argv[1], seconds since 1970), time
 * and gettimeofday agreeing with it, and what settimeofday and
 * clock_settime refuse.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "clocks.h"

#define BAD ((long)PAGE_OFFSET)         /* a pointer no program may hand the kernel */

static const int fine_clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME,
				   CLOCK_TAI, CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM };

static void every_clock_id(void)
{
	for (int id = -1; id < 20; id++) {
		struct ts64 t = { -1, -1 };
		struct ts32 o = { -1, -1 };
		int valid = id >= 0 && id != 10 && id <= CLOCK_TAI;
		long r64 = __syscall2(NR_clock_gettime64, id, (long)&t);
		long r32 = __syscall2(NR_clock_gettime, id, (long)&o);

		check_ret(r64, valid ? 0 : -EINVAL, "clock_gettime64(%d)", id);
		check_ret(r32, valid ? 0 : -EINVAL, "clock_gettime(%d)", id);
		if (valid)
			check(t.tv_sec >= 0 && t.tv_nsec >= 0 && t.tv_nsec < NSEC_PER_SEC &&
			      o.tv_nsec >= 0 && o.tv_nsec < NSEC_PER_SEC,
			      "clock %d: %lld.%09lld and %ld.%09ld are times", id, t.tv_sec, t.tv_nsec,
			      o.tv_sec, o.tv_nsec);
	}
	check_ret(__syscall2(NR_clock_gettime64, 10, BAD), -EINVAL, "a bad clock id is checked before the pointer");
	check_ret(__syscall2(NR_clock_gettime64, CLOCK_MONOTONIC, BAD), -EFAULT, "clock_gettime64 to a kernel address");
	check_ret(__syscall2(NR_clock_gettime, CLOCK_MONOTONIC, 0), -EFAULT, "clock_gettime to NULL");
	check_ret(__syscall2(NR_clock_gettime64, CLOCK_REALTIME, 16), -EFAULT, "clock_gettime64 to page 0");
}

static void resolutions(void)
{
	for (unsigned int i = 0; i < sizeof(fine_clocks) / sizeof(fine_clocks[0]); i++) {
		struct ts64 t = { -1, -1 };
		struct ts32 o = { -1, -1 };

		check_ret(__syscall2(NR_clock_getres_time64, fine_clocks[i], (long)&t), 0, "clock_getres_time64(%d)",
			  fine_clocks[i]);
		check(t.tv_sec == 0 && t.tv_nsec == 4000000,
		      "clock %d: resolution a tick, as Linux's timers without high resolution (got %lld.%09lld)",
		      fine_clocks[i], t.tv_sec, t.tv_nsec);
		check_ret(__syscall2(NR_clock_getres, fine_clocks[i], (long)&o), 0, "clock_getres(%d)", fine_clocks[i]);
		check(o.tv_sec == 0 && o.tv_nsec == 4000000, "and the same in the old form");
	}
	for (int id = CLOCK_REALTIME_COARSE; id <= CLOCK_MONOTONIC_COARSE; id++) {
		struct ts64 t = { -1, -1 };

		check_ret(__syscall2(NR_clock_getres_time64, id, (long)&t), 0, "clock_getres_time64(%d)", id);
		check(t.tv_sec == 0 && t.tv_nsec == 4000000, "coarse clock %d: resolution one tick, 4 ms at HZ=250 "
		      "(got %lld.%09lld)", id, t.tv_sec, t.tv_nsec);
	}
	for (int id = CLOCK_PROCESS_CPUTIME_ID; id <= CLOCK_THREAD_CPUTIME_ID; id++) {
		struct ts64 t = { -1, -1 };

		check_ret(__syscall2(NR_clock_getres_time64, id, (long)&t), 0, "clock_getres_time64(%d)", id);
		check(t.tv_sec == 0 && t.tv_nsec == 1, "CPU clock %d: 1 ns, as the scheduler's clock", id);
	}
	struct ts64 t = { -1, -1 };
	check_ret(__syscall2(NR_clock_getres_time64, PROCESS_CPUCLOCK(0, 0), (long)&t), 0, "getres of the PROF CPU clock");
	check(t.tv_nsec == 4000000, "is a tick (got %lld)", t.tv_nsec);
	check_ret(__syscall2(NR_clock_getres_time64, CLOCK_MONOTONIC, 0), 0, "clock_getres with NULL only checks the id");
	check_ret(__syscall2(NR_clock_getres_time64, 10, 0), -EINVAL, "clock_getres(10, NULL)");
	check_ret(__syscall2(NR_clock_getres_time64, 16, (long)&t), -EINVAL, "clock_getres(16)");
	check_ret(__syscall2(NR_clock_getres_time64, CLOCK_MONOTONIC, BAD), -EFAULT, "clock_getres to a kernel address");
	check_ret(__syscall2(NR_clock_getres, CLOCK_MONOTONIC, BAD), -EFAULT, "old clock_getres to a kernel address");
}

/* 200,000 reads: never smaller than the one before; some fall between ticks (the clock is finer than 4 ms). */
static void monotonic(void)
{
	long long first = clock_ns(CLOCK_MONOTONIC), prev = first, between = 0;
	long backwards = 0;

	for (long i = 0; i < 200000; i++) {
		long long now = clock_ns(CLOCK_MONOTONIC);

		if (now < prev)
			backwards++;
		if (now % 4000000)
			between++;
		prev = now;
	}
	check(backwards == 0, "CLOCK_MONOTONIC never went backwards in 200000 reads (%ld times)", backwards);
	check(prev > first, "and moved on (%lld ns)", prev - first);
	check(between > 0, "reads between ticks: %lld of 200000 not a multiple of 4 ms", between);

	long long coarse = clock_ns(CLOCK_MONOTONIC_COARSE), fine = clock_ns(CLOCK_MONOTONIC);
	check(coarse <= fine && fine - coarse < 100 * NSEC_PER_MSEC,
	      "CLOCK_MONOTONIC_COARSE (%lld) is at most CLOCK_MONOTONIC read after it (%lld), by less than 100 ms",
	      coarse, fine);
	long long boot = clock_ns(CLOCK_BOOTTIME), mono = clock_ns(CLOCK_MONOTONIC);
	check(boot >= mono - 1000 * NSEC_PER_MSEC, "CLOCK_BOOTTIME (%lld) is no less than CLOCK_MONOTONIC (%lld)", boot,
	      mono);
}

static void realtime(long long expect)
{
	long long real = clock_ns(CLOCK_REALTIME);
	long long secs = real / NSEC_PER_SEC, diff = secs - expect;
	long long coarse = clock_ns(CLOCK_REALTIME_COARSE);
	struct tv32 tv = { -1, -1 };
	long tloc = -1, t;
	long long after;

	check(diff > -600 && diff < 600, "CLOCK_REALTIME %lld s is within 10 minutes of the runner's %lld s (%+lld s)",
	      secs, expect, diff);
	check(coarse / NSEC_PER_SEC - secs <= 1 && secs - coarse / NSEC_PER_SEC <= 1, "CLOCK_REALTIME_COARSE agrees");
	check(clock_ns(CLOCK_TAI) / NSEC_PER_SEC - secs <= 1, "CLOCK_TAI agrees (TAI - UTC is 0 until set)");

	real = clock_ns(CLOCK_REALTIME);
	t = __syscall1(NR_time, (long)&tloc);
	check_ret(__syscall2(NR_gettimeofday, (long)&tv, 0), 0, "gettimeofday");
	after = clock_ns(CLOCK_REALTIME);
	check(t == tloc && t >= real / NSEC_PER_SEC && t <= after / NSEC_PER_SEC,
	      "time() = %ld, stored at tloc, between two CLOCK_REALTIME reads", t);
	long long tv_ns = tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000LL;
	check(tv.tv_usec >= 0 && tv.tv_usec < 1000000 && tv_ns >= real - 1000 && tv_ns <= after,
	      "gettimeofday = %ld.%06ld, between them too", tv.tv_sec, tv.tv_usec);
	check(__syscall1(NR_time, 0) >= t, "time(NULL)");
	check_ret(__syscall1(NR_time, BAD), -EFAULT, "time to a kernel address");
	check_ret(__syscall2(NR_gettimeofday, BAD, 0), -EFAULT, "gettimeofday to a kernel address");
	check_ret(__syscall2(NR_gettimeofday, 0, BAD), -EFAULT, "gettimeofday's time zone to a kernel address");
	check_ret(__syscall2(NR_gettimeofday, 0, 0), 0, "gettimeofday(NULL, NULL)");
}

/* Only what is refused: a program that set the clock would change it for the tests after it. */
static void setting(void)
{
	struct tv32 tv = { 1700000000, -1 };
	struct ts64 t = { 1700000000, NSEC_PER_SEC };
	struct ts32 o = { 1700000000, -1 };
	int tz[2] = { 16 * 60, 0 };

	check_ret(__syscall2(NR_settimeofday, (long)&tv, 0), -EINVAL, "settimeofday with tv_usec -1");
	tv.tv_usec = 1000000;
	check_ret(__syscall2(NR_settimeofday, (long)&tv, 0), -EINVAL, "settimeofday with tv_usec 1000000");
	tv.tv_sec = 0, tv.tv_usec = 0;
	check_ret(__syscall2(NR_settimeofday, (long)&tv, 0), -EINVAL, "settimeofday to 1970, before the machine booted");
	check_ret(__syscall2(NR_settimeofday, BAD, 0), -EFAULT, "settimeofday from a kernel address");
	check_ret(__syscall2(NR_settimeofday, 0, (long)tz), -EINVAL, "a time zone 16 hours west");
	check_ret(__syscall2(NR_settimeofday, 0, BAD), -EFAULT, "a time zone at a kernel address");
	check_ret(__syscall2(NR_clock_settime64, CLOCK_REALTIME, (long)&t), -EINVAL, "clock_settime64 with tv_nsec 1e9");
	t.tv_nsec = -1;
	check_ret(__syscall2(NR_clock_settime64, CLOCK_REALTIME, (long)&t), -EINVAL, "clock_settime64 with tv_nsec -1");
	t.tv_sec = -1, t.tv_nsec = 0;
	check_ret(__syscall2(NR_clock_settime64, CLOCK_REALTIME, (long)&t), -EINVAL, "clock_settime64 to -1 s");
	check_ret(__syscall2(NR_clock_settime, CLOCK_REALTIME, (long)&o), -EINVAL, "clock_settime with tv_nsec -1");
	check_ret(__syscall2(NR_clock_settime64, CLOCK_REALTIME, BAD), -EFAULT, "clock_settime64 from a kernel address");
	check_ret(__syscall2(NR_clock_settime64, CLOCK_MONOTONIC, BAD), -EINVAL,
		  "CLOCK_MONOTONIC cannot be set: -EINVAL before the pointer is read");
	check_ret(__syscall2(NR_clock_settime64, CLOCK_BOOTTIME, (long)&t), -EINVAL, "nor CLOCK_BOOTTIME");
	check_ret(__syscall2(NR_clock_settime64, 10, (long)&t), -EINVAL, "nor clock 10");
	t.tv_sec = 1, t.tv_nsec = 0;
	check_ret(__syscall2(NR_clock_settime64, CLOCK_PROCESS_CPUTIME_ID, (long)&t), -EINVAL,
		  "CLOCK_PROCESS_CPUTIME_ID cannot be set");
	check_ret(__syscall2(NR_clock_settime64, CLOCK_THREAD_CPUTIME_ID, (long)&t), -EINVAL,
		  "nor CLOCK_THREAD_CPUTIME_ID");
	check_ret(__syscall2(NR_clock_settime64, PROCESS_CPUCLOCK(0, 2), BAD), -EFAULT,
		  "a CPU clock by a negative id: the pointer is read first");
	check_ret(__syscall2(NR_clock_settime64, PROCESS_CPUCLOCK(0, 2), (long)&t), -EPERM,
		  "then -EPERM: CPU clocks cannot be set");
	check_ret(__syscall2(NR_clock_settime64, PROCESS_CPUCLOCK(29999, 2), (long)&t), -EINVAL,
		  "and no PID 29999 is -EINVAL");
}

static void cpu_clocks(void)
{
	int pid = getpid();
	long long p0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), t0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	struct ts64 t;

	spin_ms(100);
	long long p1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), t1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	check(p1 > p0 && p1 - p0 <= 2000 * NSEC_PER_MSEC,
	      "100 ms of spinning moved CLOCK_PROCESS_CPUTIME_ID on by %lld ns", p1 - p0);
	check(t1 > t0, "and CLOCK_THREAD_CPUTIME_ID by %lld ns", t1 - t0);
	check(clock_ns(PROCESS_CPUCLOCK(pid, 2)) >= p1, "my PID's process clock reads the same");
	check(clock_ns(PROCESS_CPUCLOCK(0, 1)) >= 0, "the VIRT clock (user time) reads");
	check(clock_ns(THREAD_CPUCLOCK(pid, 2)) >= t1, "my thread clock by PID");
	check_ret(__syscall2(NR_clock_gettime64, PROCESS_CPUCLOCK(0, 3), (long)&t), -EINVAL, "CPU clock kind 3");
	check_ret(__syscall2(NR_clock_gettime64, PROCESS_CPUCLOCK(29999, 2), (long)&t), -EINVAL, "no PID 29999");
	check_ret(__syscall2(NR_clock_gettime64, (int)((~0u << 3) | 3), (long)&t), -EINVAL,
		  "a clock device's id (fd 0 is no clock)");
	check_ret(__syscall2(NR_clock_getres_time64, PROCESS_CPUCLOCK(29999, 2), (long)&t), -EINVAL,
		  "getres: no PID 29999");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		fail("usage: clock SECONDS-SINCE-1970 (the runner's wall clock)");
	every_clock_id();
	resolutions();
	monotonic();
	realtime(strtol(argv[1], NULL, 10));
	setting();
	cpu_clocks();
	return done();
}
