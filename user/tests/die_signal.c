/*
 * Must be killed by a signal, as Linux 6.1 kills it (the exit status is
 * 128 + the signal), even as init: the signal comes from its own fault,
 * which init cannot refuse. The argument picks the case:
 *   segv-blocked            a fault while SIGSEGV is blocked: it kills, the
 *                           handler never runs
 *   segv-ignored            a fault while SIGSEGV is SIG_IGN
 *   frame-unwritable        a handled signal with %esp at unmapped memory:
 *                           its frame cannot be written, SIGSEGV
 *   segv-frame-unwritable   the same for SIGSEGV's own handler: fatal
 *   sigreturn-unreadable    sigreturn with no frame under %esp: SIGSEGV
 *   rt-sigreturn-unreadable the same for rt_sigreturn
 *   fpstate-unreadable      a handler points the frame's fpstate at nothing
 *   cs-null, ss-null        a handler puts the null selector in the frame's
 *                           cs or ss: iret refuses it, SIGILL
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

static const char *what;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct sigcontext *sc = &((ucontext_t *)ucv)->uc_mcontext;

	(void)info;
	if (sig == SIGSEGV || sig == SIGBUS)
		fail("%s: the handler of signal %d ran", what, sig);
	if (!strcmp(what, "fpstate-unreadable"))
		sc->fpstate = (void *)0x100;
	else if (!strcmp(what, "cs-null"))
		sc->cs = 0;
	else if (!strcmp(what, "ss-null"))
		sc->ss = 0;
}

static void install(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

/* tgkill(self, sig) with %esp at a page nothing is mapped at */
static void raise_on_bad_stack(int sig)
{
	int me = getpid();

	__asm__ volatile("movl %%esp, %%esi\n\t"
			 "movl $0x1000, %%esp\n\t"
			 "int $0x80\n\t"
			 "movl %%esi, %%esp"
			 : : "a"(__NR_tgkill), "b"(me), "c"(me), "d"(sig) : "esi", "memory");
}

static void return_with_esp(long nr)
{
	__asm__ volatile("movl $0x1000, %%esp\n\tint $0x80" : : "a"(nr) : "memory");
}

int main(int argc, char **argv)
{
	sigset_t set;

	what = argc > 1 ? argv[1] : "";
	printf("die_signal: %s\n", what);
	if (!strcmp(what, "segv-blocked")) {
		install(SIGSEGV);
		sigemptyset(&set);
		sigaddset(&set, SIGSEGV);
		sigprocmask(SIG_BLOCK, &set, NULL);
		peek(0);
	} else if (!strcmp(what, "segv-ignored")) {
		signal(SIGSEGV, SIG_IGN);
		peek(0);
	} else if (!strcmp(what, "frame-unwritable")) {
		install(SIGUSR1);
		install(SIGSEGV);       /* which cannot run either, on that stack */
		raise_on_bad_stack(SIGUSR1);
	} else if (!strcmp(what, "segv-frame-unwritable")) {
		install(SIGSEGV);
		__asm__ volatile("movl $0x1000, %%esp\n\tmovl (%%esp), %%eax" : : : "eax", "memory");
	} else if (!strcmp(what, "sigreturn-unreadable")) {
		return_with_esp(__NR_sigreturn);
	} else if (!strcmp(what, "rt-sigreturn-unreadable")) {
		return_with_esp(__NR_rt_sigreturn);
	} else if (!strcmp(what, "fpstate-unreadable") || !strcmp(what, "cs-null") || !strcmp(what, "ss-null")) {
		install(SIGUSR1);
		raise(SIGUSR1);
	} else {
		fail("usage: die_signal segv-blocked|segv-ignored|frame-unwritable|"
		     "segv-frame-unwritable|sigreturn-unreadable|rt-sigreturn-unreadable|fpstate-unreadable|"
		     "cs-null|ss-null");
	}
	fail("%s: still alive", what);
}
