/*
 * Three edges of process life, as Linux 6.1 handles them:
 *  - waitid: CLD_EXITED/CLD_KILLED/CLD_STOPPED/CLD_CONTINUED in a siginfo,
 *    WNOWAIT leaving the child to be waited for again, WNOHANG's zeroed
 *    siginfo, P_PGID, and the errnos for options and ids;
 *  - a vfork parent is killed at once by SIGKILL or a fatal SIGTERM, even
 *    while its child still sleeps or is stopped (its wait is killable);
 *  - a process group orphaned with a stopped member gets SIGHUP and
 *    SIGCONT (POSIX; Linux's kill_orphaned_pgrp), so it does not stay
 *    stopped forever.
 * Runs as init on both kernels.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include "process.h"

#define __NR_nanosleep 162
#define __NR_waitid    284
#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#undef WSTOPPED
#define WSTOPPED   2
#undef WEXITED
#define WEXITED    4
#undef WNOWAIT
#define WNOWAIT    0x01000000
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_STOPPED   5
#define CLD_CONTINUED 6
#undef SIGKILL
#define SIGKILL 9
#undef SIGTERM
#define SIGTERM 15
#undef SIGSTOP
#define SIGSTOP 19
#undef SIGCONT
#define SIGCONT 18

/* i386's siginfo as waitid fills it (si_signo, si_errno, si_code, then _sigchld's pid, uid, status) */
struct wsiginfo {
	int signo, err, code, pid, uid, status;
	int pad[26];
};

static long sys_waitid(int which, long id, struct wsiginfo *info, int options)
{
	return __syscall5(__NR_waitid, which, id, (long)info, options, 0);
}

static void nap_ms(long ms)
{
	long ts[2] = { ms / 1000, ms % 1000 * 1000000 };

	__syscall2(__NR_nanosleep, (long)ts, 0);
}

static void test_waitid(void)
{
	struct wsiginfo si;
	long pid;

	pid = sys_fork();
	if (pid == 0)
		child_exit(7);
	memset(&si, 0x55, sizeof(si));
	check_ret(sys_waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0, "waitid(P_PID, WEXITED|WNOWAIT)");
	check(si.signo == 17 && si.code == CLD_EXITED && si.pid == pid && si.status == 7 &&
	      si.err == 0, "siginfo: SIGCHLD, CLD_EXITED, its pid, status 7 (%d %d %d %d)",
	      si.signo, si.code, si.pid, si.status);
	check_ret(sys_waitid(P_ALL, 0, &si, WEXITED), 0, "WNOWAIT left it: waitid(P_ALL) finds it again");
	check(si.pid == pid, "the same child (%d)", si.pid);
	check_ret(sys_waitid(P_ALL, 0, &si, WEXITED | WNOHANG), -ECHILD, "then it is gone: -ECHILD");

	pid = sys_fork();
	if (pid == 0) {
		sys_kill(sys_getpid(), SIGSTOP);
		for (;;)
			nap_ms(1000);
	}
	memset(&si, 0x55, sizeof(si));
	check_ret(sys_waitid(P_PGID, 0, &si, WSTOPPED), 0, "waitid(P_PGID 0, WSTOPPED)");
	check(si.code == CLD_STOPPED && si.status == SIGSTOP && si.pid == pid,
	      "CLD_STOPPED by SIGSTOP (%d %d)", si.code, si.status);
	memset(&si, 0x55, sizeof(si));
	check_ret(sys_waitid(P_PID, pid, &si, WEXITED | WNOHANG), 0, "WNOHANG with nothing to say");
	check(si.signo == 0 && si.pid == 0 && si.code == 0, "and a zeroed siginfo");
	sys_kill(pid, SIGCONT);
	check_ret(sys_waitid(P_PID, pid, &si, WCONTINUED), 0, "waitid(WCONTINUED)");
	check(si.code == CLD_CONTINUED && si.status == SIGCONT, "CLD_CONTINUED (%d %d)", si.code,
	      si.status);
	sys_kill(pid, SIGKILL);
	check_ret(sys_waitid(P_PID, pid, &si, WEXITED), 0, "waitid after SIGKILL");
	check(si.code == CLD_KILLED && si.status == SIGKILL, "CLD_KILLED by SIGKILL (%d %d)", si.code,
	      si.status);

	check_ret(sys_waitid(P_ALL, 0, &si, WNOHANG), -EINVAL, "no WEXITED/WSTOPPED/WCONTINUED: -EINVAL");
	check_ret(sys_waitid(P_ALL, 0, &si, WEXITED | 0x100), -EINVAL, "an unknown option: -EINVAL");
	check_ret(sys_waitid(7, 0, &si, WEXITED), -EINVAL, "an unknown idtype: -EINVAL");
	check_ret(sys_waitid(P_PID, 0, &si, WEXITED), -EINVAL, "P_PID 0: -EINVAL");
	check_ret(sys_waitid(P_PGID, -1, &si, WEXITED), -EINVAL, "P_PGID -1: -EINVAL");
	check_ret(sys_waitid(P_ALL, 0, &si, WEXITED), -ECHILD, "no children: -ECHILD");
}

/* A vfork parent (a child of ours) whose own child sleeps (or stops): sig must end it at once. */
static void test_vfork_parent_killed(int sig, bool stop)
{
	int status = -1;
	long pid = sys_fork();

	if (pid == 0) {
		long v = sys_vfork();

		if (v == 0) {
			if (stop)
				sys_kill(sys_getpid(), SIGSTOP);
			nap_ms(3000);
			_exit(6);
		}
		child_exit(5);
	}
	nap_ms(200);
	sys_kill(pid, sig);
	nap_ms(200);
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), pid,
		  "a vfork parent is gone 0.2 s after signal %d, its child %s", sig, stop ? "stopped" : "asleep");
	check(status == sig, "killed by it (status %#x)", status);
	/* its vfork child is ours now (reparented to init): end it */
	sys_kill(-1, SIGKILL);
	while (sys_wait4(-1, NULL, 0, NULL) > 0)
		;
}

static volatile int got_hup, got_cont;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup++;
	else
		got_cont++;
}

/*
 * A session (the middle process) whose child is a group of its own and
 * stops; the middle exits: the group is orphaned with a stopped member,
 * so it gets SIGHUP and SIGCONT, and the grandchild runs on and exits 3.
 */
static void test_orphaned_pgrp(void)
{
	int status = -1;
	long pid = sys_fork();

	if (pid == 0) {
		long g;

		sys_setsid();
		g = sys_fork();
		if (g == 0) {
			struct sigaction sa = { 0 };

			sa.sa_handler = on_signal;
			sigaction(SIGHUP, &sa, NULL);
			sigaction(SIGCONT, &sa, NULL);
			sys_setpgid(0, 0);
			sys_kill(sys_getpid(), SIGSTOP);
			_exit(got_hup == 1 && got_cont == 1 ? 3 : 4);
		}
		nap_ms(200);    /* the grandchild has stopped */
		_exit(0);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "the session leader exits");
	check(sys_wait4(-1, &status, 0, NULL) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "its stopped child, orphaned, got SIGHUP and SIGCONT once each and ran on (status %#x)", status);
}

int main(void)
{
	test_waitid();
	test_vfork_parent_killed(SIGKILL, false);
	test_vfork_parent_killed(SIGTERM, false);
	test_vfork_parent_killed(SIGKILL, true);
	test_orphaned_pgrp();
	return done();
}
