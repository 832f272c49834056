/*
 * Handlers, as Linux 6.1 i386 runs them: the frame it builds on the
 * stack (sigframe without SA_SIGINFO, rt_sigframe with it; the restorer,
 * the retcode bytes, 16-byte alignment), the mask while a handler runs
 * (sa_mask and the signal itself, not with SA_NODEFER) and after it,
 * SA_RESETHAND, nesting, pending and ignored signals, every register
 * coming back, a handler changing what it returns to, sigsuspend, and
 * the alternate stack (SA_ONSTACK, SS_AUTODISARM, a stack overflow
 * caught on it).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

static volatile int count[_NSIG + 1];
static sigset_t mask_in_handler;
static volatile unsigned long frame_at;         /* where the handler's frame began */
static volatile int nested_usr2_inside_usr1;

static sigset_t current_mask(void)
{
	sigset_t m;

	sigprocmask(SIG_BLOCK, NULL, &m);
	return m;
}

static void set_mask(unsigned long word0)
{
	sigset_t m = { { word0, 0 } };

	sigprocmask(SIG_SETMASK, &m, NULL);
}

static unsigned long bit(int sig)
{
	return 1UL << (sig - 1);
}

static void plain(int sig)
{
	count[sig]++;
	mask_in_handler = current_mask();
	frame_at = (unsigned long)__builtin_frame_address(0) + 4;      /* past the saved %ebp: pretcode */
}

static void on_usr1_raise_usr2(int sig)
{
	if (++count[sig] > 1)
		return;
	raise(SIGUSR2);
	nested_usr2_inside_usr1 = count[SIGUSR2];
	raise(SIGUSR1);         /* blocked in here: it waits until this handler returns */
	if (count[SIGUSR1] != 1)
		nested_usr2_inside_usr1 = -1;
}

static void set_handler(int sig, void (*fn)(int), unsigned long flags, unsigned long mask0)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sa.sa_mask.sig[0] = mask0;
	if (sigaction(sig, &sa, NULL))
		fail("sigaction(%d): errno %d", sig, errno);
}

static void test_masks(void)
{
	struct sigaction old;

	set_handler(SIGUSR1, plain, 0, bit(SIGUSR2) | bit(SIGKILL));
	count[SIGUSR1] = 0;
	check_ret(__syscall2(__NR_kill, getpid(), SIGUSR1), 0, "kill(self, SIGUSR1)");
	check(count[SIGUSR1] == 1, "the handler ran before kill() returned");
	check(mask_in_handler.sig[0] == (bit(SIGUSR1) | bit(SIGUSR2)) && mask_in_handler.sig[1] == 0,
	      "in the handler: sa_mask and the signal blocked (%#lx)", mask_in_handler.sig[0]);
	check(current_mask().sig[0] == 0, "after it: the mask is back");

	set_handler(SIGUSR1, plain, SA_NODEFER, 0);
	raise(SIGUSR1);
	check(mask_in_handler.sig[0] == 0, "SA_NODEFER: the signal is not blocked in its handler (%#lx)",
	      mask_in_handler.sig[0]);

	set_handler(SIGUSR1, plain, SA_RESETHAND, 0);
	count[SIGUSR1] = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	check(count[SIGUSR1] == 1 && old.sa_handler == SIG_DFL, "SA_RESETHAND: SIG_DFL once delivered");

	/* a signal blocked while raised waits, then comes when unblocked */
	set_handler(SIGUSR1, plain, 0, 0);
	count[SIGUSR1] = 0;
	set_mask(bit(SIGUSR1));
	raise(SIGUSR1);
	raise(SIGUSR1);
	check(count[SIGUSR1] == 0, "blocked: not delivered");
	set_mask(0);
	check(count[SIGUSR1] == 1, "unblocked: delivered once (classic signals do not queue)");

	/* nesting: a handler raising another signal runs the other's handler inside it */
	set_handler(SIGUSR1, on_usr1_raise_usr2, 0, 0);
	set_handler(SIGUSR2, plain, 0, 0);
	count[SIGUSR1] = count[SIGUSR2] = 0;
	raise(SIGUSR1);
	check(nested_usr2_inside_usr1 == 1, "SIGUSR2's handler ran inside SIGUSR1's");
	check(count[SIGUSR1] == 2, "SIGUSR1 raised in its own handler came after it returned (%d)",
	      count[SIGUSR1]);

	/* ignored signals, explicitly or by default */
	signal(SIGUSR2, SIG_IGN);
	count[SIGUSR2] = 0;
	raise(SIGUSR2);
	raise(SIGCHLD);
	raise(SIGURG);
	raise(SIGWINCH);
	raise(SIGCONT);
	check(current_mask().sig[0] == 0, "SIG_IGN and the default-ignored SIGCHLD, SIGURG, SIGWINCH, SIGCONT: "
	      "nothing happens");
	signal(SIGUSR2, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
}

/* The frame without SA_SIGINFO: pretcode, sig, sigcontext, (unused fpstate), extramask, retcode. */
static void frame_plain(int sig)
{
	unsigned long *f = (unsigned long *)__builtin_frame_address(0) + 1;
	struct sigcontext *sc = (struct sigcontext *)(f + 2);
	const unsigned char *retcode = (const unsigned char *)f + 724;
	static const unsigned char want[8] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };

	count[sig]++;
	frame_at = (unsigned long)f;
	check(f[1] == (unsigned long)sig, "sigframe: sig after pretcode");
	check(((unsigned long)f + 4) % 16 == 0, "sigframe: the handler starts with (%%esp + 4) 16-byte aligned");
	check(!memcmp(retcode, want, 8), "sigframe: retcode is popl %%eax; movl $119, %%eax; int $0x80");
	check(sc->oldmask == bit(SIGUSR2) && f[2 + 22 + 156] == 1,
	      "sigframe: oldmask and extramask hold the mask to restore (%#lx %#lx)", sc->oldmask,
	      f[2 + 22 + 156]);
	check(sc->esp_at_signal == sc->esp && sc->fpstate,
	      "sigframe: sp_at_signal is the interrupted esp, fpstate is set");
}

static void frame_rt(int sig, siginfo_t *info, void *ucv)
{
	unsigned long *f = (unsigned long *)__builtin_frame_address(0) + 1;
	ucontext_t *uc = ucv;
	static const unsigned char want[7] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80 };

	count[sig]++;
	check(f[1] == (unsigned long)sig && f[2] == (unsigned long)info && f[3] == (unsigned long)uc,
	      "rt_sigframe: sig, pinfo, puc");
	check((unsigned long)info == (unsigned long)(f + 4) && (unsigned long)uc == (unsigned long)(f + 36),
	      "rt_sigframe: the siginfo (128 bytes) then the ucontext");
	check(!memcmp((const unsigned char *)uc + 116, want, 7), "rt_sigframe: retcode is movl $173, %%eax; int $0x80");
	check(uc->uc_flags == 0 && uc->uc_link == NULL, "ucontext: no flags (no XSAVE), no link");
	check(uc->uc_sigmask.sig[0] == bit(SIGUSR2) && uc->uc_sigmask.sig[1] == 1, "uc_sigmask: the mask to restore");
	check(uc->uc_stack.ss_flags == SS_DISABLE, "uc_stack: no altstack (flags %d)", uc->uc_stack.ss_flags);
	check(info->si_signo == sig && info->si_code == SI_TKILL && info->si_pid == getpid(), "siginfo of tgkill");
}

static void test_frames(void)
{
	struct sigaction sa;
	sigset_t m = { { bit(SIGUSR2), 1 } };

	/* Without SA_RESTORER: Linux returns through its vDSO, Pagoda through the frame's retcode */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = frame_plain;
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8), 0, "a handler without SA_RESTORER");
	sigprocmask(SIG_SETMASK, &m, NULL);
	count[SIGUSR1] = 0;
	raise(SIGUSR1);
	check(count[SIGUSR1] == 1, "... ran and returned");
	sa.sa_sigaction = frame_rt;
	sa.sa_flags = SA_SIGINFO;
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8), 0, "an SA_SIGINFO one without SA_RESTORER");
	raise(SIGUSR1);
	check(count[SIGUSR1] == 2, "... ran and returned");
	check(current_mask().sig[0] == bit(SIGUSR2) && current_mask().sig[1] == 1, "the mask came back");
	set_mask(0);
	sigprocmask(SIG_SETMASK, &(sigset_t){ { 0, 0 } }, NULL);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- every register survives; a handler may change what it returns to ---- */

static void skip_ud2(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	count[sig]++;
	check(info->si_code == ILL_ILLOPN && info->si_addr == (void *)uc->uc_mcontext.eip,
	      "SIGILL: ILL_ILLOPN at the ud2");
	check(uc->uc_mcontext.eax == 0x11111111 && uc->uc_mcontext.ebx == 0x22222222 &&
	      uc->uc_mcontext.ecx == 0x33333333 && uc->uc_mcontext.edx == 0x44444444 &&
	      uc->uc_mcontext.esi == 0x55555555 && uc->uc_mcontext.edi == 0x66666666 &&
	      uc->uc_mcontext.ebp == 0x77777777, "sigcontext: every register as it was");
	check(uc->uc_mcontext.trapno == 6, "sigcontext: trapno 6 (#UD)");
	uc->uc_mcontext.eip += 2;
	uc->uc_mcontext.edx = 0x12345678;       /* changed on purpose: must come back so */
}

unsigned long sig_regs_out[8];          /* what the registers held after the handler: eax..ebp, eflags */

static void test_registers(void)
{
	struct sigaction sa;
	unsigned long *o = sig_regs_out;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = skip_ud2;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	__asm__ volatile(
		"pushl %%ebp\n\t"
		"movl $0x11111111, %%eax\n\t"
		"movl $0x22222222, %%ebx\n\t"
		"movl $0x33333333, %%ecx\n\t"
		"movl $0x44444444, %%edx\n\t"
		"movl $0x55555555, %%esi\n\t"
		"movl $0x66666666, %%edi\n\t"
		"movl $0x77777777, %%ebp\n\t"
		"stc\n\t"
		"ud2\n\t"
		"movl %%eax, sig_regs_out\n\t"
		"movl %%ebx, sig_regs_out+4\n\t"
		"movl %%ecx, sig_regs_out+8\n\t"
		"movl %%edx, sig_regs_out+12\n\t"
		"movl %%esi, sig_regs_out+16\n\t"
		"movl %%edi, sig_regs_out+20\n\t"
		"movl %%ebp, sig_regs_out+24\n\t"
		"pushfl\n\t"
		"popl sig_regs_out+28\n\t"
		"popl %%ebp\n\t"
		: : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
	check(count[SIGILL] == 1, "the SIGILL handler ran once");
	check(o[0] == 0x11111111 && o[1] == 0x22222222 && o[2] == 0x33333333 && o[3] == 0x12345678 &&
	      o[4] == 0x55555555 && o[5] == 0x66666666 && o[6] == 0x77777777,
	      "after sigreturn: every register back, edx as the handler set it");
	check(o[7] & 1, "the carry flag survived the handler");
	signal(SIGILL, SIG_DFL);
}

/* ---- sigsuspend ---- */

static void suspend_handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	count[sig]++;
	mask_in_handler = current_mask();
	(void)info;
	/* the mask to restore is the one before sigsuspend, not its argument */
	if (!(uc->uc_sigmask.sig[0] & bit(SIGUSR1)))
		count[0] = -1;
}

static void test_sigsuspend(void)
{
	struct sigaction sa;
	sigset_t none = { { 0, 0 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = suspend_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	set_mask(bit(SIGUSR1) | bit(SIGUSR2));
	raise(SIGUSR1);
	count[SIGUSR1] = 0;
	check_ret(__syscall2(__NR_rt_sigsuspend, (long)&none, 8), -EINTR, "rt_sigsuspend with SIGUSR1 pending");
	check(count[SIGUSR1] == 1 && count[0] == 0, "its handler ran, its frame saved the old mask");
	check(mask_in_handler.sig[0] == bit(SIGUSR1), "in the handler: sigsuspend's mask and the signal (%#lx)",
	      mask_in_handler.sig[0]);
	check(current_mask().sig[0] == (bit(SIGUSR1) | bit(SIGUSR2)), "after: the mask before sigsuspend");
	raise(SIGUSR1);
	check_ret(__syscall3(__NR_sigsuspend, 0, 0, bit(SIGUSR2)), -EINTR, "the old sigsuspend (mask in edx)");
	check(count[SIGUSR1] == 2 && mask_in_handler.sig[0] == (bit(SIGUSR1) | bit(SIGUSR2)) &&
	      current_mask().sig[0] == (bit(SIGUSR1) | bit(SIGUSR2)), "... the same");
	set_mask(0);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- the alternate stack ---- */

static char *alt;
#define ALT_SIZE (64 * 1024)
static volatile unsigned long local_at;
static stack_t in_handler;
static long eperm;

static void on_alt(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	stack_t ss = { alt, 0, ALT_SIZE };

	count[sig]++;
	local_at = (unsigned long)&ss;
	sigaltstack(NULL, &in_handler);
	eperm = __syscall2(__NR_sigaltstack, (long)&ss, 0);
	in_handler.ss_size = uc->uc_stack.ss_size == ALT_SIZE ? in_handler.ss_size : 0;
	(void)info;
}

static volatile unsigned long depth;
static unsigned long overflow_at;

static void on_overflow(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long here = (unsigned long)&here;

	check(here >= (unsigned long)alt && here < (unsigned long)alt + ALT_SIZE,
	      "stack overflow: SIGSEGV's handler runs on the altstack");
	check(info->si_code == SEGV_MAPERR && (unsigned long)info->si_addr < overflow_at &&
	      uc->uc_mcontext.esp <= (unsigned long)info->si_addr + 64,
	      "... SEGV_MAPERR at %p, by %%esp %#lx, %lu frames deep", info->si_addr, uc->uc_mcontext.esp, depth);
	(void)sig;
	exit(done());
}

static unsigned long recurse(unsigned long n)
{
	volatile char buf[1000];

	buf[0] = (char)n;
	depth = n;
	if (n == (unsigned long)-1)
		return buf[0];  /* never: the stack runs out first */
	return recurse(n + 1) + buf[0];
}

static void test_altstack(void)
{
	struct sigaction sa;
	stack_t ss, now;

	alt = malloc(ALT_SIZE);
	ss.ss_sp = alt;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	check_ret(sigaltstack(&ss, NULL), 0, "sigaltstack 64 KiB");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_alt;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check(local_at >= (unsigned long)alt && local_at < (unsigned long)alt + ALT_SIZE,
	      "SA_ONSTACK: the handler ran on the altstack");
	check(in_handler.ss_flags == SS_ONSTACK && in_handler.ss_size == ALT_SIZE,
	      "in it, sigaltstack says SS_ONSTACK, and uc_stack holds it");
	check_ret(eperm, -EPERM, "changing the altstack while on it");
	sigaltstack(NULL, &now);
	check(now.ss_flags == 0, "after: not on it");

	ss.ss_flags = SS_AUTODISARM;
	sigaltstack(&ss, NULL);
	raise(SIGUSR1);
	check(in_handler.ss_flags == SS_DISABLE && eperm == 0,
	      "SS_AUTODISARM: in the handler there is no altstack, and one may be set");
	sigaltstack(NULL, &now);
	check(now.ss_sp == alt && now.ss_size == ALT_SIZE && now.ss_flags == (int)SS_AUTODISARM,
	      "rt_sigreturn put the altstack back (flags %#x)", now.ss_flags);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	signal(SIGUSR1, SIG_DFL);

	/* last: overflow the stack; the handler ends the program */
	sa.sa_sigaction = on_overflow;
	sigaction(SIGSEGV, &sa, NULL);
	overflow_at = stack_pointer();
	recurse(0);
	fail("the recursion returned");
}

int main(void)
{
	test_masks();
	test_frames();
	test_registers();
	test_sigsuspend();
	test_altstack();
	return done();
}
