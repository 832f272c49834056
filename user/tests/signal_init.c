/*
 * init (PID 1; on Linux, of a new PID namespace) takes only the signals
 * it has a handler for: kill() of a default action (terminate, stop,
 * even SIGKILL) from itself or its child is dropped, as Linux's
 * SIGNAL_UNKILLABLE has it; a signal queued while blocked is dropped
 * when unblocked; a handled one runs.
 */
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define NR_fork   2
#define NR_wait4 114

static volatile int usr2;

static void on_usr2(int sig)
{
	usr2 = sig;
}

int main(void)
{
	sigset_t set, pend;
	long pid;
	int status;

	check_ret(getpid(), 1, "this program is init");
	check_ret(__syscall2(__NR_kill, 1, SIGTERM), 0, "kill(1, SIGTERM)");
	check_ret(__syscall2(__NR_kill, 1, SIGKILL), 0, "kill(1, SIGKILL)");
	check_ret(__syscall2(__NR_kill, 1, SIGSTOP), 0, "kill(1, SIGSTOP)");
	check_ret(__syscall3(__NR_tgkill, 1, 1, SIGSEGV), 0, "tgkill(1, 1, SIGSEGV)");
	check_ret(__syscall2(__NR_kill, 0, SIGHUP), 0, "kill(0, SIGHUP): my process group");
	__syscall2(__NR_rt_sigpending, (long)&pend, 8);
	check(pend.sig[0] == 0, "still running, and none of them is pending");

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	__syscall2(__NR_kill, 1, SIGTERM);
	__syscall2(__NR_rt_sigpending, (long)&pend, 8);
	check(pend.sig[0] == 1UL << (SIGTERM - 1), "SIGTERM blocked: it waits (%#lx)", pend.sig[0]);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	__syscall2(__NR_rt_sigpending, (long)&pend, 8);
	check(pend.sig[0] == 0, "unblocked: dropped, and init lives");

	signal(SIGUSR2, on_usr2);
	raise(SIGUSR2);
	check(usr2 == SIGUSR2, "a handled signal runs its handler");

	pid = __syscall0(NR_fork);
	if (pid == 0) {
		_exit(__syscall2(__NR_kill, 1, SIGTERM) == 0 && __syscall2(__NR_kill, 1, SIGKILL) == 0 &&
		      __syscall2(__NR_kill, 1, SIGUSR2) == 0 ? 0 : 1);
	}
	check_ret(__syscall4(NR_wait4, pid, (long)&status, 0, 0), pid, "a child that sends init SIGTERM, "
		  "SIGKILL and SIGUSR2");
	check(status == 0 && usr2 == SIGUSR2, "init is still here, and SIGUSR2 was handled");
	return done();
}
