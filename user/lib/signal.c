/* Signals: sets, and the calls a program makes (the kernel's sigset_t, 64 signals). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return 0;
}

int sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof(*set));
	return 0;
}

static int bad_signal(int sig)
{
	if (sig >= 1 && sig <= _NSIG)
		return 0;
	errno = EINVAL;
	return 1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return !!(set->sig[(sig - 1) / 32] & (1UL << ((sig - 1) % 32)));
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct sigaction k;

	if (act) {
		k = *act;
		k.sa_flags |= SA_RESTORER;
		k.sa_restorer = (act->sa_flags & SA_SIGINFO) ? __restore_rt : __restore;
	}
	return __syscall_ret(__syscall4(__NR_rt_sigaction, sig, act ? (long)&k : 0, (long)oact,
					sizeof(sigset_t)));
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaddset(&sa.sa_mask, sig);
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return __syscall_ret(__syscall4(__NR_rt_sigprocmask, how, (long)set, (long)oset, sizeof(sigset_t)));
}

int sigpending(sigset_t *set)
{
	return __syscall_ret(__syscall2(__NR_rt_sigpending, (long)set, sizeof(sigset_t)));
}

int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(__syscall2(__NR_rt_sigsuspend, (long)mask, sizeof(sigset_t)));
}

int sigaltstack(const stack_t *ss, stack_t *oss)
{
	return __syscall_ret(__syscall2(__NR_sigaltstack, (long)ss, (long)oss));
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall2(__NR_kill, pid, sig));
}

int raise(int sig)
{
	return __syscall_ret(__syscall3(__NR_tgkill, getpid(), getpid(), sig));
}

int pause(void)
{
	return __syscall_ret(__syscall0(__NR_pause));
}
