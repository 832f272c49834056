/*
 * Timers that send signals, and sleeps that signals end, as Linux 6.1
 * i386 does: ITIMER_REAL (one-shot and periodic) and alarm deliver
 * SIGALRM no earlier than asked, ITIMER_VIRTUAL SIGVTALRM after user
 * time; a handled signal ends nanosleep and relative clock_nanosleep
 * with -EINTR and the time left in rem (even with SA_RESTART), an
 * absolute one without touching rem; a stop and continue with no
 * handler restarts the sleep (restart_syscall) so that it still lasts
 * the whole time. The signal calls are made raw, with a restorer of
 * its own, so the test needs nothing from a C library.
 */
#include <errno.h>
#include "check.h"
#include "clocks.h"

#define NR_exit        1
#define NR_fork        2
#define NR_kill       37
#define NR_wait4     114
#define SIGALRM       14
#define SIGCONT       18
#define SIGSTOP       19
#define SIGVTALRM     26
#define SA_SIGINFO    0x00000004
#define SA_RESTORER   0x04000000
#define SA_RESTART    0x10000000
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define BAD_REM       ((long)PAGE_OFFSET)

struct ksigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[2];
};

void alarm_test_restorer(void);
__asm__(".text\n.globl alarm_test_restorer\nalarm_test_restorer:\n\tmovl $173, %eax\n\tint $0x80\n");

#define SI_KERNEL     0x80
static volatile int alarms, vtalarms, last_code = -1;

/* siginfo_t starts si_signo, si_errno, si_code */
static void on_signal(int sig, void *info, void *uc)
{
	(void)uc;
	last_code = ((int *)info)[2];
	if (sig == SIGALRM)
		alarms++;
	else if (sig == SIGVTALRM)
		vtalarms++;
}

static void catch(int sig, unsigned long flags)
{
	struct ksigaction sa = { on_signal, SA_SIGINFO | SA_RESTORER | flags, alarm_test_restorer, { 0, 0 } };

	check_ret(__syscall4(NR_rt_sigaction, sig, (long)&sa, 0, 8), 0, "rt_sigaction(%d) with a handler", sig);
}

static void arm(int which, long value_us, long interval_us)
{
	struct itv32 it = { { interval_us / 1000000, interval_us % 1000000 }, { value_us / 1000000, value_us % 1000000 } };

	__syscall3(NR_setitimer, which, (long)&it, 0);
}

static long long ms_since(long long start)
{
	return (clock_ns(CLOCK_MONOTONIC) - start) / NSEC_PER_MSEC;
}

/* A 5 s sleep that SIGALRM ends after 100 ms: -EINTR, and rem + the time slept is the 5 s. */
static void interrupted(void)
{
	for (int restart = 0; restart < 2; restart++) {
		struct ts32 req = { 5, 0 }, rem = { -1, -1 };
		long long start = clock_ns(CLOCK_MONOTONIC), slept, left;

		catch(SIGALRM, restart ? SA_RESTART : 0);
		alarms = 0;
		arm(ITIMER_REAL, 100000, 0);
		check_ret(__syscall2(NR_nanosleep, (long)&req, (long)&rem), -EINTR, "nanosleep(5 s) ended by SIGALRM%s",
			  restart ? ", even with SA_RESTART" : "");
		slept = clock_ns(CLOCK_MONOTONIC) - start;
		left = rem.tv_sec * NSEC_PER_SEC + rem.tv_nsec;
		check(alarms == 1 && slept >= 100 * NSEC_PER_MSEC && slept < 600 * NSEC_PER_MSEC,
		      "after %lld ms, the handler ran once", slept / NSEC_PER_MSEC);
		check(rem.tv_nsec >= 0 && rem.tv_nsec < NSEC_PER_SEC && left + slept >= 5 * NSEC_PER_SEC - 50 * NSEC_PER_MSEC &&
		      left + slept <= 5 * NSEC_PER_SEC + 50 * NSEC_PER_MSEC,
		      "rem %ld.%09ld s: what was left of the 5 s", rem.tv_sec, rem.tv_nsec);
	}
	struct ts64 req = { 5, 0 }, rem = { -1, -1 };
	alarms = 0;
	arm(ITIMER_REAL, 50000, 0);
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&req, (long)&rem), -EINTR,
		  "clock_nanosleep_time64, relative, ended by SIGALRM");
	check(alarms == 1 && rem.tv_sec >= 4 && rem.tv_sec < 5 && rem.tv_nsec >= 0 && rem.tv_nsec < NSEC_PER_SEC,
	      "rem %lld.%09lld s", rem.tv_sec, rem.tv_nsec);

	struct ts32 req32 = { 5, 0 }, rem32 = { -1, -1 };
	arm(ITIMER_REAL, 50000, 0);
	check_ret(__syscall4(NR_clock_nanosleep, CLOCK_REALTIME, 0, (long)&req32, (long)&rem32), -EINTR,
		  "old clock_nanosleep on CLOCK_REALTIME, relative, ended by SIGALRM");
	check(alarms == 2 && rem32.tv_sec >= 4 && rem32.tv_sec < 5, "rem %ld.%09ld s", rem32.tv_sec, rem32.tv_nsec);

	long long target = clock_ns(CLOCK_MONOTONIC) + 5 * NSEC_PER_SEC;
	req.tv_sec = target / NSEC_PER_SEC, req.tv_nsec = target % NSEC_PER_SEC;
	rem.tv_sec = rem.tv_nsec = -1;
	arm(ITIMER_REAL, 50000, 0);
	check_ret(__syscall4(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&req, (long)&rem), -EINTR,
		  "an absolute clock_nanosleep ended by SIGALRM");
	check(alarms == 3 && rem.tv_sec == -1 && rem.tv_nsec == -1, "leaves rem alone");

	arm(ITIMER_REAL, 50000, 0);
	req32.tv_sec = 5, req32.tv_nsec = 0;
	check_ret(__syscall2(NR_nanosleep, (long)&req32, BAD_REM), -EFAULT, "an interrupted nanosleep with a bad rem");
}

static void timers(void)
{
	long long start;

	catch(SIGALRM, 0);
	alarms = 0;
	start = clock_ns(CLOCK_MONOTONIC);
	check_ret(__syscall1(NR_alarm, 1), 0, "alarm(1)");
	while (!alarms && ms_since(start) < 3000) {
		struct ts32 nap = { 0, 10 * NSEC_PER_MSEC };

		__syscall2(NR_nanosleep, (long)&nap, 0);
	}
	check(alarms == 1 && ms_since(start) >= 1000 && ms_since(start) < 1500,
	      "SIGALRM came %lld ms after alarm(1): not before the second", ms_since(start));
	check(last_code == SI_KERNEL, "sent by the kernel: si_code SI_KERNEL (got %#x)", last_code);

	alarms = 0;
	start = clock_ns(CLOCK_MONOTONIC);
	arm(ITIMER_REAL, 20000, 20000);
	while (alarms < 5 && ms_since(start) < 3000)
		;
	arm(ITIMER_REAL, 0, 0);
	check(alarms >= 5 && ms_since(start) >= 100, "a 20 ms periodic ITIMER_REAL: 5 SIGALRMs took %lld ms",
	      ms_since(start));

	catch(SIGVTALRM, 0);
	long long cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	arm(ITIMER_VIRTUAL, 50000, 0);
	start = clock_ns(CLOCK_MONOTONIC);
	/* spin mostly in user mode: each clock read is a system call, and a tick that
	 * lands in one counts as system time, which ITIMER_VIRTUAL does not count */
	while (!vtalarms && ms_since(start) < 3000)
		for (volatile int i = 0; i < 20000; i++)
			;
	check(vtalarms == 1 && last_code == SI_KERNEL && clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 40 * NSEC_PER_MSEC,
	      "SIGVTALRM after %lld ms of CPU time (50 ms of user time asked)",
	      (clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / NSEC_PER_MSEC);
}

/* No handler: SIGSTOP then SIGCONT restart the child's sleep, which still lasts its 300 ms. */
static void restarted(void)
{
	long pid = __syscall0(NR_fork);
	int status = -1;

	if (pid == 0) {
		struct ts32 req = { 0, 300 * NSEC_PER_MSEC };
		long long start = clock_ns(CLOCK_MONOTONIC);
		long r = __syscall2(NR_nanosleep, (long)&req, 0);

		__syscall1(NR_exit, r == 0 && ms_since(start) >= 300 ? 0 : r == 0 ? 2 : 1);
	}
	check(pid > 0, "fork = %ld", pid);
	struct ts32 nap = { 0, 50 * NSEC_PER_MSEC };
	__syscall2(NR_nanosleep, (long)&nap, 0);
	check_ret(__syscall2(NR_kill, pid, SIGSTOP), 0, "SIGSTOP the sleeping child");
	__syscall2(NR_nanosleep, (long)&nap, 0);
	check_ret(__syscall2(NR_kill, pid, SIGCONT), 0, "SIGCONT it");
	check_ret(__syscall4(NR_wait4, pid, (long)&status, 0, 0), pid, "wait4 for it");
	check(status == 0, "its nanosleep(300 ms) returned 0 after at least 300 ms (status %#x)", status);
}

int main(void)
{
	interrupted();
	timers();
	restarted();
	return done();
}
