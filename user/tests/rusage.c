/*
 * CPU time and faults as a process sees them, as Linux 6.1 i386 reports
 * them: times() (clock_t at USER_HZ=100, and its return value moving with
 * the clock) and getrusage() (RUSAGE_SELF, RUSAGE_THREAD, RUSAGE_CHILDREN;
 * user time after a loop that burns it, ru_minflt rising by at least one
 * per new page touched, ru_maxrss in KiB covering them), and their errnos.
 */
#include <errno.h>
#include <sys/mman.h>
#include "check.h"
#include "clocks.h"

#define BAD ((long)PAGE_OFFSET)
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1
#define PAGES 64

static long long tv_us(const struct tv32 *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static void cpu_time(void)
{
	struct tms t0, t1;
	struct rusage r;
	long c0 = __syscall1(NR_times, (long)&t0), c1;
	long long m0 = clock_ns(CLOCK_MONOTONIC), ms;

	spin_ms(300);
	c1 = __syscall1(NR_times, (long)&t1);
	ms = (clock_ns(CLOCK_MONOTONIC) - m0) / NSEC_PER_MSEC;
	check(t1.tms_utime > t0.tms_utime, "300 ms of spinning in user mode: tms_utime %ld -> %ld", t0.tms_utime,
	      t1.tms_utime);
	check(t1.tms_utime + t1.tms_stime <= t0.tms_utime + t0.tms_stime + ms / 10 + 2,
	      "and no more CPU time than passed (%ld ticks of 10 ms in %lld ms)",
	      t1.tms_utime + t1.tms_stime - t0.tms_utime - t0.tms_stime, ms);
	check(t1.tms_cutime == 0 && t1.tms_cstime == 0, "no children: tms_cutime and tms_cstime are 0");
	check(c1 - c0 >= ms / 10 - 2 && c1 - c0 <= ms / 10 + 2,
	      "times() returned clock_t ticks since boot: %ld more after %lld ms", c1 - c0, ms);
	check(__syscall1(NR_times, 0) - c1 >= 0, "times(NULL) only returns the ticks");
	struct ts32 nap = { 0, 200 * NSEC_PER_MSEC };
	__syscall2(NR_nanosleep, (long)&nap, 0);
	c0 = __syscall1(NR_times, (long)&t0);
	/* 20 clock_t, less one: times() reads jiffies, which may lag an hrtimer's precise 200 ms by a tick (Linux) */
	check(t0.tms_utime + t0.tms_stime <= t1.tms_utime + t1.tms_stime + 5 && c0 - c1 >= 19,
	      "200 ms asleep (%ld clock_t) added %ld clock_t of CPU time: a sleeper's time is no one's", c0 - c1,
	      t0.tms_utime + t0.tms_stime - t1.tms_utime - t1.tms_stime);
	check_ret(__syscall1(NR_times, BAD), -EFAULT, "times to a kernel address");

	check_ret(__syscall2(NR_getrusage, RUSAGE_SELF, (long)&r), 0, "getrusage(RUSAGE_SELF)");
	/*
	 * Linux splits the precise total in the ratio of the ticks (cputime_adjust): a few ms may
	 * move to stime. Tick-sampled accounting under an emulator on a busy host can lose ticks,
	 * so the test asks for most of the time spun, most of it user time, and no more than spun.
	 */
	check(tv_us(&r.ru_utime) + tv_us(&r.ru_stime) >= 100000 &&
	      tv_us(&r.ru_utime) * 3 >= (tv_us(&r.ru_utime) + tv_us(&r.ru_stime)) * 2 &&
	      tv_us(&r.ru_utime) <= ms * 1000 + 100000,
	      "ru_utime %ld.%06ld s, ru_stime %ld.%06ld s: the 300 ms spun, two thirds at least user time",
	      r.ru_utime.tv_sec, r.ru_utime.tv_usec, r.ru_stime.tv_sec, r.ru_stime.tv_usec);
	check(r.ru_utime.tv_usec >= 0 && r.ru_utime.tv_usec < 1000000 && r.ru_stime.tv_usec >= 0 &&
	      r.ru_stime.tv_usec < 1000000, "the timevals are normalised");
	check(tv_us(&r.ru_stime) < 300000, "ru_stime %ld.%06ld s: spinning is not system time", r.ru_stime.tv_sec,
	      r.ru_stime.tv_usec);
	check(t1.tms_utime * 10000LL <= tv_us(&r.ru_utime) + 20000, "times() and getrusage agree on user time");
	check_ret(__syscall2(NR_getrusage, RUSAGE_THREAD, (long)&r), 0, "getrusage(RUSAGE_THREAD)");
	check(tv_us(&r.ru_utime) >= 200000 && tv_us(&r.ru_utime) + tv_us(&r.ru_stime) >= 280000,
	      "a single thread's is the process's: %ld.%06ld + %ld.%06ld s", r.ru_utime.tv_sec, r.ru_utime.tv_usec,
	      r.ru_stime.tv_sec, r.ru_stime.tv_usec);
	check_ret(__syscall2(NR_getrusage, RUSAGE_CHILDREN, (long)&r), 0, "getrusage(RUSAGE_CHILDREN)");
	check(tv_us(&r.ru_utime) == 0 && tv_us(&r.ru_stime) == 0 && r.ru_minflt == 0 && r.ru_majflt == 0,
	      "no children waited for: all zero");
}

static void faults(void)
{
	struct rusage r0, r1;
	char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap %d pages", PAGES);
	check_ret(__syscall2(NR_getrusage, RUSAGE_SELF, (long)&r0), 0, "getrusage before touching them");
	for (int i = 0; i < PAGES; i++)
		p[i * 4096] = 1;
	check_ret(__syscall2(NR_getrusage, RUSAGE_SELF, (long)&r1), 0, "and after");
	check(r1.ru_minflt - r0.ru_minflt >= PAGES && r1.ru_minflt - r0.ru_minflt < PAGES + 16,
	      "touching %d new pages took %ld minor faults", PAGES, r1.ru_minflt - r0.ru_minflt);
	check(r1.ru_majflt == r0.ru_majflt, "and no major ones (%ld)", r1.ru_majflt - r0.ru_majflt);
	check(r1.ru_maxrss >= PAGES * 4, "ru_maxrss %ld KiB holds the %d KiB touched", r1.ru_maxrss, PAGES * 4);
	check(r1.ru_maxrss < 64 * 1024, "and is in KiB, not bytes or pages");
	check_ret(munmap(p, PAGES * 4096), 0, "munmap them");
}

static void errors(void)
{
	struct rusage r;

	check_ret(__syscall2(NR_getrusage, 2, (long)&r), -EINVAL, "getrusage(2)");
	check_ret(__syscall2(NR_getrusage, -2, (long)&r), -EINVAL, "getrusage(RUSAGE_BOTH): not for programs");
	check_ret(__syscall2(NR_getrusage, 2, BAD), -EINVAL, "who is checked before the pointer");
	check_ret(__syscall2(NR_getrusage, RUSAGE_SELF, BAD), -EFAULT, "getrusage to a kernel address");
	check_ret(__syscall2(NR_getrusage, RUSAGE_CHILDREN, 0), -EFAULT, "getrusage to NULL");
}

int main(void)
{
	cpu_time();
	faults();
	errors();
	return done();
}
