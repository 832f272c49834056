/*
 * Signals through real glibc, unmodified: its sigaction (its own
 * restorers, its 1024-bit sigset_t folded to the kernel's 64), raise,
 * sigprocmask, a SIGSEGV handler that leaves with siglongjmp, a
 * floating-point handler whose FPU use does not disturb the program's,
 * and abort() ending a child with SIGABRT (init, as this program is on
 * Pagoda, cannot be killed by a signal it has no handler for).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile sig_atomic_t usr1;
static volatile double in_handler;

static void on_usr1(int sig)
{
	volatile double x = 1.0;

	for (int i = 0; i < 10; i++)
		x = x * 3.0 + 0.5;
	in_handler = x;
	usr1 = sig;
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	printf("SIGSEGV at %s address, code %s\n", info->si_addr == (void *)16 ? "the" : "another",
	       info->si_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other");
	siglongjmp(env, sig);
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	volatile double kept = 2.5;
	int *volatile bad = (int *)16;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("raise: handler saw signal %d, computed %.1f; mine is still %.1f\n", usr1, in_handler, kept * 2);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	usr1 = 0;
	raise(SIGUSR1);
	printf("blocked: %s\n", usr1 ? "delivered" : "pending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: %s\n", usr1 ? "delivered" : "pending");

	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(env, 1) == 0)
		*bad = 1;
	printf("back from siglongjmp\n");
	fflush(stdout);
	pid_t pid = fork();
	int status;

	if (pid == 0)
		abort();
	waitpid(pid, &status, 0);
	printf("a child's abort(): %s by signal %d\n", WIFSIGNALED(status) ? "killed" : "not killed",
	       WTERMSIG(status));
	return 0;
}
