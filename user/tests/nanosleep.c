/*
 * Sleeping, as Linux 6.1 i386 answers: nanosleep (162) and
 * clock_nanosleep in both forms (267, 407), relative and TIMER_ABSTIME,
 * on every clock that can sleep. A sleep never ends before the time
 * asked for (CLOCK_MONOTONIC says), nor absurdly later (Pagoda rounds up
 * to the 4 ms tick); the argument checks come in Linux's order.
 */
#include <errno.h>
#include "check.h"
#include "clocks.h"

#define BAD ((long)PAGE_OFFSET)
#define SLACK_MS 250            /* "not absurdly late": a loaded host may run the guest late */

static long nsleep64(int id, int flags, long long ns, struct ts64 *rem)
{
	struct ts64 t = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return __syscall4(NR_clock_nanosleep_time64, id, flags, (long)&t, (long)rem);
}

static void relative(void)
{
	static const long ms[] = { 1, 10, 50, 200 };

	for (unsigned int i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		struct ts32 t = { 0, ms[i] * NSEC_PER_MSEC }, rem = { -1, -1 };
		long long start = clock_ns(CLOCK_MONOTONIC), took;

		check_ret(__syscall2(NR_nanosleep, (long)&t, (long)&rem), 0, "nanosleep %ld ms", ms[i]);
		took = clock_ns(CLOCK_MONOTONIC) - start;
		check(took >= ms[i] * NSEC_PER_MSEC && took < (ms[i] + SLACK_MS) * NSEC_PER_MSEC,
		      "slept %lld ns: no less than %ld ms, less than %d ms more", took, ms[i], SLACK_MS);
		check(rem.tv_sec == -1 && rem.tv_nsec == -1, "a sleep that was not interrupted leaves rem alone");
	}
	static const int clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_TAI };
	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		long long start = clock_ns(CLOCK_MONOTONIC), took;
		struct ts32 t = { 0, 30 * NSEC_PER_MSEC };

		check_ret(nsleep64(clocks[i], 0, 30 * NSEC_PER_MSEC, NULL), 0, "clock_nanosleep_time64(%d) 30 ms",
			  clocks[i]);
		took = clock_ns(CLOCK_MONOTONIC) - start;
		check(took >= 30 * NSEC_PER_MSEC && took < (30 + SLACK_MS) * NSEC_PER_MSEC, "slept %lld ns", took);
		start = clock_ns(CLOCK_MONOTONIC);
		check_ret(__syscall4(NR_clock_nanosleep, clocks[i], 0, (long)&t, 0), 0, "clock_nanosleep(%d) 30 ms",
			  clocks[i]);
		took = clock_ns(CLOCK_MONOTONIC) - start;
		check(took >= 30 * NSEC_PER_MSEC && took < (30 + SLACK_MS) * NSEC_PER_MSEC, "slept %lld ns", took);
	}
	struct ts32 zero = { 0, 0 };
	check_ret(__syscall2(NR_nanosleep, (long)&zero, 0), 0, "nanosleep of 0");
	check_ret(__syscall4(NR_clock_nanosleep, CLOCK_MONOTONIC, 2, (long)&zero, 0), 0,
		  "clock_nanosleep ignores flags other than TIMER_ABSTIME");
}

static void absolute(void)
{
	static const int clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_TAI };

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		long long target = clock_ns(clocks[i]) + 40 * NSEC_PER_MSEC, now;
		struct ts64 rem = { -1, -1 };

		check_ret(nsleep64(clocks[i], TIMER_ABSTIME, target, &rem), 0, "TIMER_ABSTIME on clock %d, 40 ms on",
			  clocks[i]);
		now = clock_ns(clocks[i]);
		check(now >= target && now < target + SLACK_MS * NSEC_PER_MSEC,
		      "woke %lld ns after the target, not before", now - target);
		check(rem.tv_sec == -1, "an absolute sleep never writes rem");
		long long start = clock_ns(CLOCK_MONOTONIC);
		check_ret(nsleep64(clocks[i], TIMER_ABSTIME, target - NSEC_PER_SEC / 2, NULL), 0,
			  "TIMER_ABSTIME in the past");
		check(clock_ns(CLOCK_MONOTONIC) - start < SLACK_MS * NSEC_PER_MSEC, "returns at once");
	}
	struct ts32 t;
	long long target = clock_ns(CLOCK_MONOTONIC) + 20 * NSEC_PER_MSEC;
	t.tv_sec = (long)(target / NSEC_PER_SEC), t.tv_nsec = (long)(target % NSEC_PER_SEC);
	check_ret(__syscall4(NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&t, 0), 0,
		  "old clock_nanosleep, TIMER_ABSTIME");
	check(clock_ns(CLOCK_MONOTONIC) >= target, "woke after its target");
}

static void errors(void)
{
	struct ts32 t = { 0, NSEC_PER_SEC };
	struct ts64 t64 = { 0, NSEC_PER_SEC };

	check_ret(__syscall2(NR_nanosleep, (long)&t, 0), -EINVAL, "nanosleep with tv_nsec 1e9");
	t.tv_nsec = -1;
	check_ret(__syscall2(NR_nanosleep, (long)&t, 0), -EINVAL, "with tv_nsec -1");
	t.tv_sec = -1, t.tv_nsec = 0;
	check_ret(__syscall2(NR_nanosleep, (long)&t, 0), -EINVAL, "with tv_sec -1");
	check_ret(__syscall2(NR_nanosleep, BAD, 0), -EFAULT, "from a kernel address");
	check_ret(__syscall2(NR_nanosleep, 0, 0), -EFAULT, "from NULL");
	t.tv_sec = 0, t.tv_nsec = 1000;
	check_ret(__syscall2(NR_nanosleep, (long)&t, BAD), 0, "rem is only written when interrupted: a bad one is unseen");

	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&t64, 0), -EINVAL,
		  "clock_nanosleep_time64 with tv_nsec 1e9");
	t64.tv_nsec = -1;
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&t64, 0), -EINVAL, "with tv_nsec -1");
	t64.tv_nsec = (1LL << 32) | 1000;
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&t64, 0), 0,
		  "tv_nsec's upper half is dropped on i386: 1 us");
	t64.tv_sec = -1, t64.tv_nsec = 0;
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&t64, 0), -EINVAL,
		  "with tv_sec -1, even absolute");
	t64.tv_sec = 0, t64.tv_nsec = 1000;
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, BAD, 0), -EFAULT, "from a kernel address");
	check_ret(__syscall4(NR_clock_nanosleep_time64, 10, 0, BAD, 0), -EINVAL, "clock 10: before the pointer");
	check_ret(__syscall4(NR_clock_nanosleep_time64, 16, 0, (long)&t64, 0), -EINVAL, "clock 16");
	check_ret(__syscall4(NR_clock_nanosleep_time64, -1, 0, (long)&t64, 0), -EINVAL, "clock -1");
	for (int id = CLOCK_MONOTONIC_RAW; id <= CLOCK_MONOTONIC_COARSE; id++)
		check_ret(__syscall4(NR_clock_nanosleep_time64, id, 0, BAD, 0), -EOPNOTSUPP,
			  "clock %d cannot sleep: before the pointer", id);
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_THREAD_CPUTIME_ID, 0, BAD, 0), -EOPNOTSUPP,
		  "CLOCK_THREAD_CPUTIME_ID cannot sleep: before the pointer");
	check_ret(__syscall4(NR_clock_nanosleep_time64, THREAD_CPUCLOCK(0, 2), 0, (long)&t64, 0), -EINVAL,
		  "my own thread's CPU clock by a negative id: it would stand still");
	check_ret(__syscall4(NR_clock_nanosleep_time64, PROCESS_CPUCLOCK(29999, 2), 0, (long)&t64, 0), -EINVAL,
		  "the CPU clock of no PID");
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_BOOTTIME_ALARM, 2, (long)&t64, 0), -EINVAL,
		  "an alarm clock refuses flags other than TIMER_ABSTIME");
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_REALTIME_ALARM, 0, (long)&t64, 0), 0,
		  "CLOCK_REALTIME_ALARM sleeps");
	check_ret(__syscall4(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, 0), -EFAULT,
		  "old clock_nanosleep from a kernel address");
	check_ret(__syscall4(NR_clock_nanosleep, CLOCK_MONOTONIC_COARSE, 0, (long)&t, 0), -EOPNOTSUPP,
		  "old clock_nanosleep on a coarse clock");
	t64.tv_sec = 0;
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, (long)&t64, 0), 0,
		  "my CPU clock's time 0 is past: at once");
}

int main(void)
{
	relative();
	absolute();
	errors();
	return done();
}
