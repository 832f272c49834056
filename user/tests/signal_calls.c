/*
 * The signal system calls' argument checks, in Linux 6.1's order: bad
 * signal numbers and SIGKILL/SIGSTOP actions (-EINVAL), a sigset size
 * other than 8 bytes (-EINVAL), bad pointers (-EFAULT, after the action
 * or mask has changed when only the old one cannot be written), a bad
 * `how` (-EINVAL), no such process (-ESRCH), the sigaltstack rules, and
 * what each call reads back. Raw system calls: the kernel's own answers.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define BAD ((long)PAGE_OFFSET + 0x1000)        /* a kernel address: never readable from here */
#define NOPID 0x7ffffff0                        /* beyond any pid_max */
/* The flags Linux keeps (UAPI_SA_FLAGS): SA_UNSUPPORTED (0x400) and unknown bits are dropped. */
#define UAPI_SA_FLAGS 0xdc000807UL

static volatile int got;
static siginfo_t last;

static void on_sig(int sig, siginfo_t *info, void *uc)
{
	got = sig;
	last = *info;
	(void)uc;
}

struct old_sigaction {
	void *handler;
	unsigned long mask, flags;
	void *restorer;
};

static void test_rt_sigaction(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 4), -EINVAL, "rt_sigaction sigsetsize 4");
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 16), -EINVAL, "rt_sigaction sigsetsize 16");
	check_ret(__syscall4(__NR_rt_sigaction, 0, (long)&sa, 0, 8), -EINVAL, "rt_sigaction signal 0");
	check_ret(__syscall4(__NR_rt_sigaction, 65, (long)&sa, 0, 8), -EINVAL, "rt_sigaction signal 65");
	check_ret(__syscall4(__NR_rt_sigaction, -1, (long)&sa, 0, 8), -EINVAL, "rt_sigaction signal -1");
	check_ret(__syscall4(__NR_rt_sigaction, SIGKILL, (long)&sa, 0, 8), -EINVAL, "rt_sigaction SIGKILL");
	check_ret(__syscall4(__NR_rt_sigaction, SIGSTOP, (long)&sa, 0, 8), -EINVAL, "rt_sigaction SIGSTOP");
	check_ret(__syscall4(__NR_rt_sigaction, SIGKILL, 0, (long)&old, 8), 0, "rt_sigaction SIGKILL, reading only");
	check(old.sa_handler == SIG_DFL, "SIGKILL's action is SIG_DFL");
	check_ret(__syscall4(__NR_rt_sigaction, 64, 0, (long)&old, 8), 0, "rt_sigaction signal 64 (SIGRTMAX)");
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, BAD, 0, 8), -EFAULT, "rt_sigaction bad act");
	check_ret(__syscall4(__NR_rt_sigaction, 0, BAD, 0, 8), -EFAULT, "rt_sigaction bad act and signal 0: act is read first");
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR1, 0, BAD, 8), -EFAULT, "rt_sigaction bad oact");

	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0xffffffffUL;
	sigfillset(&sa.sa_mask);
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR2, (long)&sa, BAD, 8), -EFAULT,
		  "rt_sigaction with a bad oact: fails");
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR2, 0, (long)&old, 8), 0, "rt_sigaction reads it back");
	check(old.sa_handler == SIG_IGN, "... the action was set all the same");
	check(old.sa_flags == UAPI_SA_FLAGS, "sa_flags 0xffffffff reads back as %#lx (want %#lx)",
	      old.sa_flags, UAPI_SA_FLAGS);
	check(old.sa_mask.sig[0] == ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1))) &&
	      old.sa_mask.sig[1] == 0xffffffffUL, "sa_mask cannot hold SIGKILL or SIGSTOP (%#lx %#lx)",
	      old.sa_mask.sig[0], old.sa_mask.sig[1]);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	check_ret(__syscall4(__NR_rt_sigaction, SIGUSR2, (long)&sa, 0, 8), 0, "rt_sigaction back to SIG_DFL");
}

static void test_old_calls(void)
{
	struct old_sigaction o = { SIG_IGN, 1UL << (SIGUSR2 - 1), 0, 0 }, oo;
	long r;

	check_ret(__syscall3(__NR_sigaction, 0, (long)&o, 0), -EINVAL, "sigaction signal 0");
	check_ret(__syscall3(__NR_sigaction, SIGSTOP, (long)&o, 0), -EINVAL, "sigaction SIGSTOP");
	check_ret(__syscall3(__NR_sigaction, SIGUSR1, BAD, 0), -EFAULT, "sigaction bad act");
	check_ret(__syscall3(__NR_sigaction, SIGUSR1, (long)&o, 0), 0, "sigaction SIGUSR1 SIG_IGN");
	check_ret(__syscall3(__NR_sigaction, SIGUSR1, 0, (long)&oo), 0, "sigaction reads it back");
	check(oo.handler == SIG_IGN && oo.mask == 1UL << (SIGUSR2 - 1), "old sigaction round trip");
	check_ret(__syscall3(__NR_sigaction, SIGUSR1, 0, BAD), -EFAULT, "sigaction bad oact");

	r = __syscall2(__NR_signal, SIGUSR1, (long)SIG_DFL);
	check(r == (long)SIG_IGN, "signal() returns the old handler (%ld)", r);
	check_ret(__syscall2(__NR_signal, SIGKILL, (long)SIG_IGN), -EINVAL, "signal(SIGKILL)");
	check_ret(__syscall2(__NR_signal, 65, (long)SIG_IGN), -EINVAL, "signal(65)");
	__syscall2(__NR_signal, SIGUSR2, (long)on_sig);
	{
		struct sigaction cur;

		__syscall4(__NR_rt_sigaction, SIGUSR2, 0, (long)&cur, 8);
		check(cur.sa_flags == (SA_RESETHAND | SA_NODEFER), "signal() is one-shot: flags %#lx",
		      cur.sa_flags);
	}
	__syscall2(__NR_signal, SIGUSR2, (long)SIG_DFL);
}

static void test_masks(void)
{
	sigset_t set, old;
	unsigned long word, oword;
	unsigned char pend[8];

	sigemptyset(&set);
	check_ret(__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, (long)&set, 0, 4), -EINVAL,
		  "rt_sigprocmask sigsetsize 4");
	check_ret(__syscall4(__NR_rt_sigprocmask, 3, (long)&set, 0, 8), -EINVAL, "rt_sigprocmask how 3");
	check_ret(__syscall4(__NR_rt_sigprocmask, 3, 0, (long)&old, 8), 0,
		  "rt_sigprocmask how 3 without a set: how is not looked at");
	check_ret(__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, BAD, 0, 8), -EFAULT, "rt_sigprocmask bad set");
	check_ret(__syscall4(__NR_rt_sigprocmask, 3, BAD, 0, 8), -EFAULT, "rt_sigprocmask bad set before bad how");
	sigfillset(&set);
	check_ret(__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&set, BAD, 8), -EFAULT,
		  "rt_sigprocmask bad oset");
	__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, 0, (long)&old, 8);
	check(old.sig[0] == ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1))) && old.sig[1] == 0xffffffffUL,
	      "all blocked but SIGKILL and SIGSTOP (%#lx %#lx)", old.sig[0], old.sig[1]);
	sigemptyset(&set);
	check_ret(__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&set, 0, 8), 0, "rt_sigprocmask unblock all");

	sigaddset(&set, SIGRTMIN + 1);
	__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, (long)&set, 0, 8);
	word = 1UL << (SIGUSR1 - 1);
	check_ret(__syscall3(__NR_sigprocmask, 3, (long)&word, 0), -EINVAL, "sigprocmask how 3");
	check_ret(__syscall3(__NR_sigprocmask, SIG_BLOCK, BAD, 0), -EFAULT, "sigprocmask bad set");
	check_ret(__syscall3(__NR_sigprocmask, SIG_SETMASK, (long)&word, (long)&oword), 0, "sigprocmask SETMASK");
	check(oword == 0, "sigprocmask's old word (%#lx)", oword);
	__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, 0, (long)&old, 8);
	check(old.sig[0] == word && old.sig[1] == 1UL << (SIGRTMIN + 1 - 33),
	      "the old SETMASK keeps the real-time half (%#lx %#lx)", old.sig[0], old.sig[1]);
	check_ret(__syscall3(__NR_sigprocmask, SIG_SETMASK, (long)&word, BAD), -EFAULT, "sigprocmask bad oset");

	/* SIGUSR1 is blocked: send it, it waits */
	got = 0;
	check_ret(__syscall2(__NR_kill, getpid(), SIGUSR1), 0, "kill(self, SIGUSR1) while blocked");
	check_ret(__syscall2(__NR_rt_sigpending, (long)&set, 9), -EINVAL, "rt_sigpending sigsetsize 9");
	check_ret(__syscall2(__NR_rt_sigpending, BAD, 8), -EFAULT, "rt_sigpending bad set");
	memset(pend, 0xa5, sizeof(pend));
	check_ret(__syscall2(__NR_rt_sigpending, (long)pend, 4), 0, "rt_sigpending sigsetsize 4");
	check(pend[4] == 0xa5 && (pend[1] & 0x02), "... wrote 4 bytes: SIGUSR1 pending");
	check_ret(__syscall2(__NR_rt_sigpending, (long)&set, 8), 0, "rt_sigpending");
	check(set.sig[0] == 1UL << (SIGUSR1 - 1) && set.sig[1] == 0, "pending: SIGUSR1 only (%#lx)", set.sig[0]);
	check_ret(__syscall1(__NR_sigpending, BAD), -EFAULT, "sigpending bad set");
	check_ret(__syscall1(__NR_sigpending, (long)&oword), 0, "sigpending");
	check(oword == 1UL << (SIGUSR1 - 1), "sigpending's word (%#lx)", oword);
	/* SIG_IGN discards it, blocked or not */
	signal(SIGUSR1, SIG_IGN);
	__syscall2(__NR_rt_sigpending, (long)&set, 8);
	check(set.sig[0] == 0, "SIG_IGN discards a pending signal (%#lx)", set.sig[0]);
	signal(SIGUSR1, SIG_DFL);
	sigemptyset(&set);
	__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&set, 0, 8);

	/* a stop signal discards a pending SIGCONT, and SIGCONT pending stop signals (blocked here) */
	sigaddset(&set, SIGCONT);
	sigaddset(&set, SIGTSTP);
	sigaddset(&set, SIGTTIN);
	__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&set, 0, 8);
	__syscall2(__NR_kill, getpid(), SIGTSTP);
	__syscall2(__NR_kill, getpid(), SIGTTIN);
	__syscall2(__NR_kill, getpid(), SIGCONT);
	__syscall2(__NR_rt_sigpending, (long)&old, 8);
	check(old.sig[0] == 1UL << (SIGCONT - 1), "SIGCONT discarded the pending SIGTSTP and SIGTTIN (%#lx)",
	      old.sig[0]);
	__syscall2(__NR_kill, getpid(), SIGTSTP);
	__syscall2(__NR_rt_sigpending, (long)&old, 8);
	check(old.sig[0] == 1UL << (SIGTSTP - 1), "SIGTSTP discarded the pending SIGCONT (%#lx)", old.sig[0]);
	signal(SIGTSTP, SIG_IGN);       /* discards it */
	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&set, 0, 8);

	check_ret(__syscall2(__NR_rt_sigsuspend, (long)&set, 4), -EINVAL, "rt_sigsuspend sigsetsize 4");
	check_ret(__syscall2(__NR_rt_sigsuspend, BAD, 8), -EFAULT, "rt_sigsuspend bad set");
}

static void test_kill(void)
{
	int me = getpid();

	check_ret(__syscall2(__NR_kill, me, 0), 0, "kill(self, 0): a probe");
	check_ret(__syscall2(__NR_kill, me, 65), -EINVAL, "kill(self, 65)");
	check_ret(__syscall2(__NR_kill, me, -1), -EINVAL, "kill(self, -1)");
	check_ret(__syscall2(__NR_kill, NOPID, 0), -ESRCH, "kill(no such pid, 0)");
	check_ret(__syscall2(__NR_kill, NOPID, 65), -ESRCH, "kill(no such pid, 65): the pid first");
	check_ret(__syscall2(__NR_kill, -NOPID, 0), -ESRCH, "kill(no such group, 0)");
	check_ret(__syscall2(__NR_kill, (long)0x80000000, 0), -ESRCH, "kill(INT_MIN, 0)");
	check_ret(__syscall2(__NR_tkill, 0, SIGUSR1), -EINVAL, "tkill(0)");
	check_ret(__syscall2(__NR_tkill, -1, SIGUSR1), -EINVAL, "tkill(-1)");
	check_ret(__syscall2(__NR_tkill, me, 65), -EINVAL, "tkill(self, 65)");
	check_ret(__syscall2(__NR_tkill, NOPID, 0), -ESRCH, "tkill(no such thread)");
	check_ret(__syscall2(__NR_tkill, me, 0), 0, "tkill(self, 0)");
	check_ret(__syscall3(__NR_tgkill, 0, me, 0), -EINVAL, "tgkill(0, self)");
	check_ret(__syscall3(__NR_tgkill, me, 0, 0), -EINVAL, "tgkill(self, 0)");
	check_ret(__syscall3(__NR_tgkill, NOPID, me, 0), -ESRCH, "tgkill(another group, self)");
	check_ret(__syscall3(__NR_tgkill, me, me, 0), 0, "tgkill(self, self, 0)");
	check_ret(__syscall3(__NR_tgkill, me, me, 65), -EINVAL, "tgkill(self, self, 65)");
}

static void test_sigqueue(void)
{
	struct sigaction sa;
	siginfo_t info;
	sigset_t set;
	int me = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	memset(&info, 0, sizeof(info));
	info.si_code = SI_QUEUE;
	info.si_value = 1234;
	check_ret(__syscall3(__NR_rt_sigqueueinfo, me, SIGUSR1, BAD), -EFAULT, "rt_sigqueueinfo bad info");
	check_ret(__syscall3(__NR_rt_sigqueueinfo, NOPID, SIGUSR1, (long)&info), -ESRCH,
		  "rt_sigqueueinfo(no such pid)");
	check_ret(__syscall3(__NR_rt_sigqueueinfo, me, 65, (long)&info), -EINVAL, "rt_sigqueueinfo(self, 65)");
	info.si_code = SI_USER;
	check_ret(__syscall3(__NR_rt_sigqueueinfo, NOPID, SIGUSR1, (long)&info), -EPERM,
		  "rt_sigqueueinfo posing as kill() to another process");
	info.si_code = SI_TKILL;
	check_ret(__syscall3(__NR_rt_sigqueueinfo, NOPID, SIGUSR1, (long)&info), -EPERM,
		  "rt_sigqueueinfo posing as tkill() to another process");
	info.si_code = SI_QUEUE;
	got = 0;
	check_ret(__syscall3(__NR_rt_sigqueueinfo, me, SIGUSR1, (long)&info), 0, "rt_sigqueueinfo(self)");
	check(got == SIGUSR1 && last.si_code == SI_QUEUE && last.si_value == 1234 && last.si_signo == SIGUSR1,
	      "the handler got the caller's siginfo (code %d value %d)", last.si_code, last.si_value);
	got = 0;
	__syscall2(__NR_kill, me, SIGUSR1);
	check(got == SIGUSR1 && last.si_code == SI_USER && last.si_pid == me, "kill(): SI_USER from my pid");
	got = 0;
	__syscall3(__NR_tgkill, me, me, SIGUSR1);
	check(got == SIGUSR1 && last.si_code == SI_TKILL && last.si_pid == me, "tgkill(): SI_TKILL");

	/* rt_sigtimedwait */
	{
		struct { long sec, nsec; } ts = { 0, 0 }, bad_ts = { 0, 1000000000 };

		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, 0, (long)&ts, 4), -EINVAL,
			  "rt_sigtimedwait sigsetsize 4");
		check_ret(__syscall4(__NR_rt_sigtimedwait, BAD, 0, (long)&ts, 8), -EFAULT,
			  "rt_sigtimedwait bad set");
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, 0, BAD, 8), -EFAULT,
			  "rt_sigtimedwait bad timeout");
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, 0, (long)&bad_ts, 8), -EINVAL,
			  "rt_sigtimedwait tv_nsec 1e9");
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, 0, (long)&ts, 8), -EAGAIN,
			  "rt_sigtimedwait nothing pending, timeout 0");
		ts.nsec = 20000000;
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, 0, (long)&ts, 8), -EAGAIN,
			  "rt_sigtimedwait nothing pending, timeout 20 ms");
		ts.nsec = 0;
		sigprocmask(SIG_BLOCK, &set, NULL);
		__syscall2(__NR_kill, me, SIGUSR2);
		memset(&info, 0, sizeof(info));
		check_ret(__syscall4(__NR_rt_sigtimedwait, (long)&set, (long)&info, (long)&ts, 8), SIGUSR2,
			  "rt_sigtimedwait takes the pending SIGUSR2");
		check(info.si_signo == SIGUSR2 && info.si_code == SI_USER && info.si_pid == me,
		      "... with its siginfo");
		__syscall2(__NR_rt_sigpending, (long)&set, 8);
		check(set.sig[0] == 0, "... and it is no longer pending");
		sigemptyset(&set);
		sigprocmask(SIG_SETMASK, &set, NULL);
	}
	signal(SIGUSR1, SIG_DFL);
}

static void test_sigaltstack(void)
{
	static char stack[3 * 4096];
	stack_t ss, old;

	check_ret(__syscall2(__NR_sigaltstack, 0, (long)&old), 0, "sigaltstack query");
	check(old.ss_flags == SS_DISABLE && old.ss_size == 0 && old.ss_sp == 0, "none at first (flags %d)",
	      old.ss_flags);
	ss.ss_sp = stack;
	ss.ss_size = MINSIGSTKSZ - 1;
	ss.ss_flags = 0;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, 0), -ENOMEM, "sigaltstack below MINSIGSTKSZ");
	ss.ss_size = MINSIGSTKSZ;
	ss.ss_flags = 4;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, 0), -EINVAL, "sigaltstack flags 4");
	ss.ss_flags = SS_ONSTACK | SS_DISABLE;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, 0), -EINVAL, "sigaltstack SS_ONSTACK|SS_DISABLE");
	ss.ss_flags = 0;
	check_ret(__syscall2(__NR_sigaltstack, BAD, 0), -EFAULT, "sigaltstack bad ss");
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, BAD), -EFAULT, "sigaltstack bad oss");
	check_ret(__syscall2(__NR_sigaltstack, 0, (long)&old), 0, "... the stack was set all the same");
	check(old.ss_sp == stack && old.ss_size == MINSIGSTKSZ && old.ss_flags == 0, "MINSIGSTKSZ bytes, flags 0");
	ss.ss_size = sizeof(stack);
	ss.ss_flags = SS_ONSTACK;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, (long)&old), 0, "sigaltstack SS_ONSTACK: a mode like 0");
	check(old.ss_size == MINSIGSTKSZ, "the old one came back");
	ss.ss_flags = SS_AUTODISARM;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, 0), 0, "sigaltstack SS_AUTODISARM");
	__syscall2(__NR_sigaltstack, 0, (long)&old);
	check(old.ss_flags == (int)SS_AUTODISARM, "flags read back as SS_AUTODISARM (%#x)", old.ss_flags);
	ss.ss_flags = SS_DISABLE;
	ss.ss_size = 1;
	check_ret(__syscall2(__NR_sigaltstack, (long)&ss, 0), 0, "sigaltstack SS_DISABLE: no size check");
	__syscall2(__NR_sigaltstack, 0, (long)&old);
	check(old.ss_flags == SS_DISABLE && old.ss_size == 0 && old.ss_sp == 0, "disabled: sp and size 0");
}

int main(void)
{
	test_rt_sigaction();
	test_old_calls();
	test_masks();
	test_kill();
	test_sigqueue();
	test_sigaltstack();
	return done();
}
