/*
 * Signals between processes, as Linux 6.1 sends them: SIGCHLD when a
 * child exits, is killed, stops or continues (si_code, si_pid,
 * si_status; not for stops with SA_NOCLDSTOP), kill() to a process and
 * to a process group, stop and continue seen by wait4 (WUNTRACED,
 * WCONTINUED), SIGKILL ending a stopped child, wait4 interrupted by a
 * handler (-EINTR) or restarted (SA_RESTART), pause and sigsuspend woken
 * by another process, SIGCHLD ignored or SA_NOCLDWAIT reaping children
 * (wait4 then says -ECHILD), what fork and exec keep of the signal state.
 * Raw system calls for the process calls: this libc has no fork().
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define NR_fork        2
#define NR_execve     11
#define NR_setpgid    57
#define NR_getppid    64
#define NR_wait4     114
#define NR_sched_yield 158

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)     (((s) >> 8) & 0xff)
#define WIFCONTINUED(s) ((s) == 0xffff)

static volatile int chld_count, usr1_count;
static siginfo_t chld_info[8];

static void on_chld(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	if (chld_count < 8)
		chld_info[chld_count] = *info;
	chld_count++;
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void handle(int sig, void (*fn)(int), void (*action)(int, siginfo_t *, void *), unsigned long flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (action)
		sa.sa_sigaction = action;
	else
		sa.sa_handler = fn;
	sa.sa_flags = flags | (action ? SA_SIGINFO : 0);
	sigaction(sig, &sa, NULL);
}

static long fork_child(void)
{
	long pid = __syscall0(NR_fork);

	if (pid < 0)
		fail("fork: %s", errname(pid));
	return pid;
}

static long wait_for(long pid, int *status, int options)
{
	return __syscall4(NR_wait4, pid, (long)status, options, 0);
}

static void yield_a_while(void)
{
	for (int i = 0; i < 200; i++)
		__syscall0(NR_sched_yield);
}

static void test_sigchld(void)
{
	long pid;
	int status;

	handle(SIGCHLD, NULL, on_chld, SA_RESTART);  /* a wait4 for another child goes on */
	chld_count = 0;
	pid = fork_child();
	if (!pid)
		_exit(7);
	check_ret(wait_for(pid, &status, 0), pid, "wait4 for a child that exits with 7");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status: exited, 7 (%#x)", status);
	check(chld_count == 1 && chld_info[0].si_signo == SIGCHLD && chld_info[0].si_code == CLD_EXITED &&
	      chld_info[0].si_pid == pid && chld_info[0].si_status == 7,
	      "SIGCHLD: CLD_EXITED, si_pid, si_status 7 (%d %d %d)", chld_count, chld_info[0].si_code,
	      chld_info[0].si_status);

	chld_count = 0;
	pid = fork_child();
	if (!pid) {
		for (;;)
			pause();
	}
	check_ret(__syscall2(__NR_kill, pid, SIGTERM), 0, "kill(child, SIGTERM)");
	check_ret(wait_for(pid, &status, 0), pid, "wait4 for it");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM && !(status & 0x80),
	      "status: killed by SIGTERM, no core (%#x)", status);
	check(chld_count == 1 && chld_info[0].si_code == CLD_KILLED && chld_info[0].si_status == SIGTERM,
	      "SIGCHLD: CLD_KILLED, si_status SIGTERM");

	/* default actions, sent to itself; SIGQUIT and SIGABRT would dump core: no core, no 0x80 bit */
	static const int fatal[] = { SIGTERM, SIGKILL, SIGQUIT, SIGABRT, SIGHUP, SIGUSR1, SIGALRM };
	for (unsigned i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		pid = fork_child();
		if (!pid) {
			signal(SIGUSR1, SIG_DFL);
			kill(getpid(), fatal[i]);
			_exit(1);
		}
		chld_count = 0;
		wait_for(pid, &status, 0);
		check(status == fatal[i], "kill(self, %d): the wait status is the signal alone (%#x)", fatal[i],
		      status);
		check(chld_count == 1 && chld_info[0].si_code == CLD_KILLED && chld_info[0].si_status == fatal[i],
		      "SIGCHLD: CLD_KILLED, not CLD_DUMPED");
	}
	signal(SIGCHLD, SIG_DFL);
}

static void test_kill_others(void)
{
	long a, b;
	int status;

	handle(SIGUSR1, on_usr1, NULL, 0);
	a = fork_child();
	if (!a) {
		sigset_t none = { { 0, 0 } }, usr1 = { { 1UL << (SIGUSR1 - 1), 0 } };

		/* the parent's kill comes whenever it does: wait with it blocked */
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		while (!usr1_count)
			sigsuspend(&none);
		_exit(usr1_count == 1 ? 42 : 1);
	}
	yield_a_while();
	check_ret(__syscall2(__NR_kill, a, SIGUSR1), 0, "kill(child, SIGUSR1)");
	wait_for(a, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42, "the child's handler ran; sigsuspend returned");

	a = fork_child();
	if (!a) {
		pause();
		_exit(usr1_count >= 1 ? 43 : 1);
	}
	/* one SIGUSR1 may come before the child reaches pause(): send until it is gone */
	while (wait_for(a, &status, WNOHANG) == 0) {
		__syscall2(__NR_kill, a, SIGUSR1);
		yield_a_while();
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == 43, "pause() returned after the handler (%#x)", status);

	/* a process group of two */
	a = fork_child();
	if (!a) {
		for (;;)
			pause();
	}
	check_ret(__syscall2(NR_setpgid, a, a), 0, "setpgid(a, a)");
	b = fork_child();
	if (!b) {
		for (;;)
			pause();
	}
	check_ret(__syscall2(NR_setpgid, b, a), 0, "setpgid(b, a)");
	check_ret(__syscall2(__NR_kill, -a, 0), 0, "kill(-group, 0): a probe");
	check_ret(__syscall2(__NR_kill, -a, SIGTERM), 0, "kill(-group, SIGTERM)");
	check_ret(wait_for(a, &status, 0), a, "wait4(a)");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "a was killed");
	check_ret(wait_for(b, &status, 0), b, "wait4(b)");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "b was killed");
	check_ret(__syscall2(__NR_kill, -a, 0), -ESRCH, "kill(-group, 0) once both are gone");
	check_ret(__syscall2(__NR_kill, a, 0), -ESRCH, "kill(a, 0) once reaped");
}

static void test_stop_continue(void)
{
	long pid;
	int status;

	handle(SIGCHLD, NULL, on_chld, SA_RESTART);  /* a wait4 for another child goes on */
	chld_count = 0;
	pid = fork_child();
	if (!pid) {
		kill(getpid(), SIGSTOP);
		_exit(5);       /* after SIGCONT */
	}
	check_ret(wait_for(pid, &status, WUNTRACED), pid, "wait4(WUNTRACED) for a child that stops itself");
	check(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status: stopped by SIGSTOP (%#x)", status);
	check(chld_count == 1 && chld_info[0].si_code == CLD_STOPPED && chld_info[0].si_status == SIGSTOP &&
	      chld_info[0].si_pid == pid, "SIGCHLD: CLD_STOPPED, si_status SIGSTOP");
	check_ret(wait_for(pid, &status, WUNTRACED | WNOHANG), 0, "the stop is reported once");
	check_ret(__syscall2(__NR_kill, pid, SIGCONT), 0, "kill(child, SIGCONT)");
	check_ret(wait_for(pid, &status, WCONTINUED), pid, "wait4(WCONTINUED)");
	check(WIFCONTINUED(status), "status: continued (%#x)", status);
	check_ret(wait_for(pid, &status, 0), pid, "wait4 for its exit");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 5, "it went on and exited with 5");
	check(chld_count == 3 && chld_info[1].si_code == CLD_CONTINUED && chld_info[1].si_status == SIGCONT &&
	      chld_info[2].si_code == CLD_EXITED, "SIGCHLD: CLD_CONTINUED (si_status SIGCONT), then CLD_EXITED");

	/* SIGTSTP stops a process whose group has a parent outside it, in the session */
	pid = fork_child();
	if (!pid) {
		__syscall2(NR_setpgid, 0, 0);
		kill(getpid(), SIGTSTP);
		_exit(6);
	}
	check_ret(wait_for(pid, &status, WUNTRACED), pid, "wait4(WUNTRACED) for a child that sends itself SIGTSTP");
	check(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP, "status: stopped by SIGTSTP (%#x)", status);
	__syscall2(__NR_kill, pid, SIGCONT);
	wait_for(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 6, "continued, it exited with 6");

	/* SA_NOCLDSTOP: no SIGCHLD for a stop; SIGKILL ends a stopped child */
	handle(SIGCHLD, NULL, on_chld, SA_RESTART | SA_NOCLDSTOP);
	chld_count = 0;
	pid = fork_child();
	if (!pid) {
		kill(getpid(), SIGSTOP);
		_exit(1);
	}
	wait_for(pid, &status, WUNTRACED);
	check(WIFSTOPPED(status) && chld_count == 0, "SA_NOCLDSTOP: stopped, and no SIGCHLD");
	check_ret(__syscall2(__NR_kill, pid, SIGKILL), 0, "SIGKILL to the stopped child");
	check_ret(wait_for(pid, &status, 0), pid, "wait4");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && chld_count == 1,
	      "killed while stopped; SIGCHLD CLD_KILLED (%#x)", status);
	signal(SIGCHLD, SIG_DFL);
}

static void test_wait_interrupted(void)
{
	long pid, r;
	int status;

	handle(SIGUSR1, on_usr1, NULL, 0);
	usr1_count = 0;
	pid = fork_child();
	if (!pid) {
		for (;;) {      /* until killed: one of these finds the parent in wait4 */
			yield_a_while();
			kill(__syscall0(NR_getppid), SIGUSR1);
		}
	}
	r = wait_for(pid, &status, 0);
	check_ret(r, -EINTR, "wait4 interrupted by a handler without SA_RESTART");
	check(usr1_count >= 1, "the handler ran");
	__syscall2(__NR_kill, pid, SIGKILL);
	wait_for(pid, &status, 0);

	handle(SIGUSR1, on_usr1, NULL, SA_RESTART);
	usr1_count = 0;
	pid = fork_child();
	if (!pid) {
		for (int i = 0; i < 5; i++) {
			yield_a_while();
			kill(__syscall0(NR_getppid), SIGUSR1);
		}
		_exit(9);
	}
	r = wait_for(pid, &status, 0);
	check_ret(r, pid, "with SA_RESTART, wait4 restarts and returns the child");
	check(usr1_count >= 1 && WIFEXITED(status) && WEXITSTATUS(status) == 9, "the handler ran; status 9");
	signal(SIGUSR1, SIG_DFL);
}

static void test_autoreap(void)
{
	long pid;
	int status;

	signal(SIGCHLD, SIG_IGN);
	pid = fork_child();
	if (!pid)
		_exit(0);
	check_ret(wait_for(-1, &status, 0), -ECHILD, "SIGCHLD ignored: the child reaps itself, wait4 -ECHILD");
	(void)pid;

	handle(SIGCHLD, NULL, on_chld, SA_RESTART | SA_NOCLDWAIT);
	chld_count = 0;
	pid = fork_child();
	if (!pid)
		_exit(0);
	check_ret(wait_for(-1, &status, 0), -ECHILD, "SA_NOCLDWAIT: the same");
	check(chld_count == 1, "... but SIGCHLD still comes (Linux sends it)");
	signal(SIGCHLD, SIG_DFL);
}

static void test_fork_exec(const char *self)
{
	long pid;
	int status;
	sigset_t set;
	stack_t ss = { malloc(SIGSTKSZ), 0, SIGSTKSZ };

	handle(SIGUSR1, on_usr1, NULL, 0);
	signal(SIGUSR2, SIG_IGN);
	sigaltstack(&ss, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGHUP);          /* pending in the parent only */
	pid = fork_child();
	if (!pid) {
		struct sigaction a;
		stack_t now;
		sigset_t pend, mask;

		sigaction(SIGUSR1, NULL, &a);
		sigaltstack(NULL, &now);
		sigpending(&pend);
		sigprocmask(SIG_BLOCK, NULL, &mask);
		_exit(a.sa_handler == on_usr1 && now.ss_sp == ss.ss_sp && pend.sig[0] == 0 &&
		      mask.sig[0] == set.sig[0] ? 0 : 1);
	}
	wait_for(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "fork: the child keeps actions, mask and altstack, and nothing is pending");

	pid = fork_child();
	if (!pid) {
		char *argv[] = { (char *)self, "exec-child", NULL }, *envp[] = { NULL };

		raise(SIGHUP);  /* blocked: pending across the exec */
		__syscall3(NR_execve, (long)self, (long)argv, (long)envp);
		_exit(99);
	}
	wait_for(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "exec: handlers back to SIG_DFL, SIG_IGN kept, mask and pending kept, no altstack (%#x)", status);
	signal(SIGHUP, SIG_IGN);        /* discard the pending one */
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* After exec from test_fork_exec: what survived? */
static int exec_child(void)
{
	struct sigaction a1, a2;
	stack_t now;
	sigset_t pend, mask;

	sigaction(SIGUSR1, NULL, &a1);
	sigaction(SIGUSR2, NULL, &a2);
	sigaltstack(NULL, &now);
	sigpending(&pend);
	sigprocmask(SIG_BLOCK, NULL, &mask);
	return a1.sa_handler == SIG_DFL && a2.sa_handler == SIG_IGN && now.ss_flags == SS_DISABLE &&
	       pend.sig[0] == 1UL << (SIGHUP - 1) && mask.sig[0] == ((1UL << (SIGUSR1 - 1)) | 1UL << (SIGHUP - 1))
	       ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child();
	test_sigchld();
	test_kill_others();
	test_stop_continue();
	test_wait_interrupted();
	test_autoreap();
	test_fork_exec(argv[0]);
	return done();
}
