/*
 * Interval timers without their signal, as Linux 6.1 i386 answers:
 * setitimer/getitimer for ITIMER_REAL, ITIMER_VIRTUAL and ITIMER_PROF
 * (what is left counts down, the interval is kept as set, the old value
 * comes back), alarm's rounding to whole seconds, and the errnos. Each
 * timer is disarmed before it could fire (the signal's own test is
 * alarm.c).
 */
#include <errno.h>
#include "check.h"
#include "clocks.h"

#define BAD ((long)PAGE_OFFSET)
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

static long long tv_us(const struct tv32 *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static void real(void)
{
	struct itv32 set = { { 2, 500000 }, { 10, 0 } }, get, old;

	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), 0, "setitimer(ITIMER_REAL, 10 s, every 2.5 s)");
	check_ret(__syscall2(NR_getitimer, ITIMER_REAL, (long)&get), 0, "getitimer(ITIMER_REAL)");
	check(tv_us(&get.it_value) <= 10000000 && tv_us(&get.it_value) > 9000000,
	      "%ld.%06ld s left of 10", get.it_value.tv_sec, get.it_value.tv_usec);
	check(get.it_interval.tv_sec == 2 && get.it_interval.tv_usec == 500000, "the interval is 2.5 s, as set");
	struct ts32 t = { 0, 100 * NSEC_PER_MSEC };
	__syscall2(NR_nanosleep, (long)&t, 0);
	check_ret(__syscall2(NR_getitimer, ITIMER_REAL, (long)&get), 0, "getitimer after 100 ms");
	check(tv_us(&get.it_value) <= 9900000 && tv_us(&get.it_value) > 8000000,
	      "%ld.%06ld s left: it counts down", get.it_value.tv_sec, get.it_value.tv_usec);
	set.it_value.tv_sec = 0, set.it_interval.tv_sec = 0, set.it_interval.tv_usec = 0;
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, (long)&old), 0, "disarm it, asking the old value");
	check(tv_us(&old.it_value) <= 9900000 && tv_us(&old.it_value) > 8000000 && old.it_interval.tv_sec == 2,
	      "the old value: %ld.%06ld s left, every %ld.%06ld s", old.it_value.tv_sec, old.it_value.tv_usec,
	      old.it_interval.tv_sec, old.it_interval.tv_usec);
	check_ret(__syscall2(NR_getitimer, ITIMER_REAL, (long)&get), 0, "getitimer once disarmed");
	check(tv_us(&get.it_value) == 0 && tv_us(&get.it_interval) == 0, "all zero");

	check_ret(__syscall1(NR_alarm, 5), 0, "alarm(5) with none set returns 0");
	check_ret(__syscall1(NR_alarm, 7), 5, "alarm(7) returns the 5 s left, rounded");
	check_ret(__syscall2(NR_getitimer, ITIMER_REAL, (long)&get), 0, "alarm is ITIMER_REAL");
	check(get.it_value.tv_sec == 6 || get.it_value.tv_sec == 7, "%ld.%06ld s left", get.it_value.tv_sec,
	      get.it_value.tv_usec);
	check_ret(__syscall1(NR_alarm, 0), 7, "alarm(0) cancels, returning 7");
	set.it_value.tv_sec = 0, set.it_value.tv_usec = 300000;
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), 0, "a 0.3 s timer");
	check_ret(__syscall1(NR_alarm, 0), 1, "alarm(0) rounds what is left below a second up to 1");
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, 0, (long)&old), 0, "setitimer with NULL disarms (a misfeature)");
	check(tv_us(&old.it_value) == 0, "nothing was armed");
}

static void cpu(int which, const char *name)
{
	struct itv32 set = { { 0, 0 }, { 1, 0 } }, get, old;

	check_ret(__syscall3(NR_setitimer, which, (long)&set, 0), 0, "setitimer(%s, 1 s)", name);
	check_ret(__syscall2(NR_getitimer, which, (long)&get), 0, "getitimer(%s)", name);
	check(tv_us(&get.it_value) > 900000 && tv_us(&get.it_value) <= 1100000, "%ld.%06ld s left",
	      get.it_value.tv_sec, get.it_value.tv_usec);
	spin_ms(100);
	check_ret(__syscall2(NR_getitimer, which, (long)&get), 0, "after 100 ms of spinning");
	check(tv_us(&get.it_value) > 700000 && tv_us(&get.it_value) < 1000000, "%ld.%06ld s left: CPU time counts",
	      get.it_value.tv_sec, get.it_value.tv_usec);
	set.it_value.tv_sec = 0;
	check_ret(__syscall3(NR_setitimer, which, (long)&set, (long)&old), 0, "disarm %s", name);
	check(tv_us(&old.it_value) > 700000, "the old value came back");
}

static void errors(void)
{
	struct itv32 set = { { 0, 0 }, { 0, 1000000 } }, get;

	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), -EINVAL, "it_value.tv_usec 1000000");
	set.it_value.tv_usec = -1;
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), -EINVAL, "it_value.tv_usec -1");
	set.it_value.tv_usec = 0, set.it_interval.tv_usec = 1000000;
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), -EINVAL, "it_interval.tv_usec 1000000");
	set.it_interval.tv_usec = 0, set.it_value.tv_sec = -1;
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, 0), -EINVAL, "it_value.tv_sec -1");
	set.it_value.tv_sec = 0;
	check_ret(__syscall3(NR_setitimer, 3, (long)&set, 0), -EINVAL, "setitimer(3)");
	check_ret(__syscall3(NR_setitimer, -1, (long)&set, 0), -EINVAL, "setitimer(-1)");
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, BAD, 0), -EFAULT, "setitimer from a kernel address");
	check_ret(__syscall3(NR_setitimer, 3, BAD, 0), -EFAULT, "the pointer is read before which is checked");
	check_ret(__syscall3(NR_setitimer, ITIMER_REAL, (long)&set, BAD), -EFAULT, "the old value to a kernel address");
	check_ret(__syscall2(NR_getitimer, 3, (long)&get), -EINVAL, "getitimer(3)");
	check_ret(__syscall2(NR_getitimer, 3, BAD), -EINVAL, "getitimer(3) to a kernel address: which first");
	check_ret(__syscall2(NR_getitimer, ITIMER_REAL, BAD), -EFAULT, "getitimer to a kernel address");
}

int main(void)
{
	real();
	cpu(ITIMER_VIRTUAL, "ITIMER_VIRTUAL");
	cpu(ITIMER_PROF, "ITIMER_PROF");
	errors();
	return done();
}
