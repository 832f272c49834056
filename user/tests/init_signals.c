/*
 * Init is protected from signals (Linux's SIGNAL_UNKILLABLE): as PID 1 a
 * process gets only the signals it has a handler for. SIGKILL and SIGSTOP
 * never reach it, from itself or from a child; a signal left at SIG_DFL
 * is dropped when sent, and when it was blocked, dropped at delivery; a
 * handled one arrives. Its own fault still kills it (die_* tests). Runs
 * as init on both kernels (a new PID namespace on Linux).
 */
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include "check.h"

static volatile int got;

static void on_usr1(int sig)
{
	got = sig;
}

int main(void)
{
	struct sigaction sa = { 0 };
	sigset_t set, pending;
	int status = -1;
	pid_t pid;

	check(getpid() == 1, "running as PID 1 (got %d)", getpid());
	check_ret(kill(1, SIGTERM), 0, "kill(1, SIGTERM) at SIG_DFL is accepted");
	check_ret(kill(1, SIGKILL), 0, "kill(1, SIGKILL) is accepted");
	check_ret(kill(1, SIGSTOP), 0, "kill(1, SIGSTOP) is accepted");
	check_ret(kill(1, SIGSEGV), 0, "kill(1, SIGSEGV) is accepted");
	check(1, "... and init is still here after all four");

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(1, SIGUSR2);
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR2), "a blocked SIGUSR2 at SIG_DFL is queued");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	sigpending(&pending);
	check(!sigismember(&pending, SIGUSR2), "unblocked, it is dropped, not acted on");

	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	kill(1, SIGUSR1);
	check(got == SIGUSR1, "a handled SIGUSR1 arrives (handler saw %d)", got);

	pid = fork();
	if (pid == 0) {
		kill(1, SIGKILL);
		kill(1, SIGSTOP);
		kill(1, SIGTERM);
		_exit(7);
	}
	check(pid > 0, "fork");
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "a child's SIGKILL, SIGSTOP and SIGTERM to init change nothing (child status %#x)", status);
	return done();
}
