/*
 * The fuzzer and other processes: the arguments of the calls that make
 * children, wait for them, send signals, set signal actions and sleep, and
 * the rules that keep the fuzzer (init) alive and the run finite. The
 * calls that make children are made only with -p:
 *  - a child made by fork or clone without CLONE_VM runs on: it exits at
 *    once, writes some memory, yields, or makes a few random calls, then
 *    exits; one made with CLONE_VM, or on a stack of the clone's choosing,
 *    or by vfork, exits at once without touching memory (it shares the
 *    fuzzer's, or its stack is anything);
 *  - execve and execveat are made only in a forked child;
 *  - every wait has WNOHANG, every sleep is 100 us at most, a signal
 *    action is SIG_DFL or SIG_IGN, and a signal that could reach the
 *    fuzzer (pid 1, 0, or any group) is one it survives;
 *  - at every reset and at the end, each child is sent SIGKILL and every
 *    child is reaped: a run ends with no process but the fuzzer.
 * Included by fuzz.c after its generators.
 */
#ifndef FUZZ_PROC_H
#define FUZZ_PROC_H

#define MAX_KIDS        16
#define CLONE_VM        0x00000100
#define WNOHANG_BIT     0x00000001
#define WALL_BIT        0x40000000
#define SCRATCH_TS      576             /* a timespec */
#define SCRATCH_SIGACT  640             /* a struct sigaction (20 bytes) */
#define SCRATCH_SIGSET  704             /* a signal set (8 bytes) */

static long kids[MAX_KIDS];
static int nr_kids;
static bool in_child;                   /* this process is one of the fuzzer's children */
static bool with_children;              /* -p: fork, vfork, clone and execve are made */
static unsigned long kids_made, kids_reaped;

/* A pointer to a structure in scratch, NULL, or one no kernel can read: never memory whose bytes are unknown. */
static unsigned long known_ptr(unsigned long off, unsigned long size)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return below(2) ? below(PAGE) : gen_kernel_addr();
	case 2: return priv.start + PAGE - size / 2;                    /* half of it in the guard page */
	default: return (unsigned long)scratch(off);
	}
}

static unsigned long gen_sig(void)
{
	static const unsigned long bad[] = { 65, 64 + 1, 128, (unsigned long)-1, 0x80000000 };

	if (below(16) == 0)
		return pick_from(bad, sizeof(bad) / sizeof(bad[0]));
	return below(65);
}

static unsigned long gen_cflags(void)
{
	unsigned long f = BITS(0x100 /* VM */, 0x200 /* FS */, 0x400 /* FILES */, 0x800 /* SIGHAND */,
			       0x1000 /* PIDFD */, 0x2000 /* PTRACE */, 0x4000 /* VFORK */, 0x8000 /* PARENT */,
			       0x10000 /* THREAD */, 0x20000 /* NEWNS */, 0x40000 /* SYSVSEM */,
			       0x80000 /* SETTLS */, 0x100000 /* PARENT_SETTID */, 0x200000 /* CHILD_CLEARTID */,
			       0x800000 /* UNTRACED */, 0x1000000 /* CHILD_SETTID */, 0x20000000 /* NEWPID */);

	/*
	 * The exit signal: mostly SIGCHLD, as libcs use, else one the fuzzer (init,
	 * the parent) survives if a child's exit sends it, or one past _NSIG.
	 */
	static const unsigned long exit_sigs[] = { 0, 18, 23, 28, 65, 200, 255 };

	return (f & ~0xffUL) | (below(4) ? 17 : pick_from(exit_sigs, sizeof(exit_sigs) / sizeof(exit_sigs[0])));
}

static unsigned long gen_wopts(void)
{
	return BITS(1 /* WNOHANG */, 2 /* WUNTRACED */, 4 /* WEXITED */, 8 /* WCONTINUED */,
		    0x01000000 /* WNOWAIT */, 0x20000000 /* __WNOTHREAD */, 0x40000000 /* __WALL */,
		    0x80000000 /* __WCLONE */) | WNOHANG_BIT;
}

static unsigned long gen_pid(void)
{
	if (nr_kids && below(2))
		return below(4) ? (unsigned long)kids[below(nr_kids)] : -(unsigned long)kids[below(nr_kids)];
	return below(4) ? below(3) : below(2) ? (unsigned long)-1 : below(2) ? 2 + below(64) : rnd();
}

/* A struct sigaction (old or rt: the handler comes first) whose handler is SIG_DFL or SIG_IGN. */
static unsigned long gen_sigact(void)
{
	unsigned long *sa = (unsigned long *)scratch(SCRATCH_SIGACT);

	sa[0] = below(2);
	sa[1] = rnd();
	sa[2] = below(2) ? rnd() : 0;
	sa[3] = rnd();
	sa[4] = rnd();
	return known_ptr(SCRATCH_SIGACT, 20);
}

static unsigned long gen_sigset(void)
{
	unsigned long *set = (unsigned long *)scratch(SCRATCH_SIGSET);

	set[0] = below(2) ? rnd() : 1UL << below(32);
	set[1] = below(2) ? rnd() : 0;
	return below(4) ? known_ptr(SCRATCH_SIGSET, 8) : gen_addr();    /* any bytes make a mask */
}

/* A timespec: no sleep longer than 100 us, or one the kernel must refuse (a bad tv_nsec, a negative time). */
static unsigned long gen_timespec(void)
{
	long *ts = (long *)scratch(SCRATCH_TS);

	switch (below(8)) {
	case 0: ts[0] = -1; ts[1] = below(1000); break;
	case 1: ts[0] = below(2) ? 0 : rnd(); ts[1] = below(2) ? 1000000000 : -1; break;
	default: ts[0] = 0; ts[1] = below(100000); break;
	}
	return known_ptr(SCRATCH_TS, 8);
}

/*
 * clock_nanosleep's clock: the wall and monotonic ones, or one no kernel
 * sleeps on. Never CLOCK_PROCESS_CPUTIME_ID or a process's CPU clock (a
 * negative id): a sleeper's own CPU time does not advance, so a fresh
 * child would sleep for ever, and with CLONE_VFORK hold its parent too.
 */
static unsigned long gen_sleep_clock(void)
{
	static const unsigned long ids[] = { 0, 1, 7, 8, 9, 11, 16, 64, 0x7fffffff };

	return pick_from(ids, sizeof(ids) / sizeof(ids[0]));
}

/* A signal the fuzzer survives if it reaches it: none, or one whose default is to ignore or continue. */
static bool harmless_sig(unsigned long sig)
{
	return sig == 0 || sig == 17 || sig == 18 || sig == 23 || sig == 28 || sig > 64;
}

static bool is_kid(unsigned long pid)
{
	for (int i = 0; i < nr_kids; i++)
		if ((unsigned long)kids[i] == pid)
			return true;
	return false;
}

/*
 * May this signal be sent? Only to a process by its own pid (never 1),
 * unless it is harmless; and a stop signal only to a child the fuzzer
 * itself will kill at the next reset, so that nothing stays stopped.
 */
static bool safe_signal(const struct syscall_type *t, const unsigned long *a)
{
	unsigned long target = (t->flags & F_TGKILL) ? a[1] : a[0];
	unsigned long sig = (t->flags & F_TGKILL) ? a[2] : a[1];

	if (sig >= 19 && sig <= 22)     /* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU */
		return !in_child && is_kid(target);
	if ((long)target > 1)
		return true;
	return harmless_sig(sig);
}

/*
 * Kill every child the fuzzer knows, then reap every child it has (orphans
 * included). A child that saw a wrong result exits with WRONG_RESULT.
 */
#define WRONG_RESULT 200
static unsigned long tally_bad;

static void reap_kids(void)
{
	int status;
	long r;

	for (int i = 0; i < nr_kids; i++)
		__syscall2(37 /* kill */, kids[i], 9 /* SIGKILL */);
	nr_kids = 0;
	while ((r = __syscall4(114 /* wait4 */, -1, (long)&status, WALL_BIT, 0)) > 0) {
		kids_reaped++;
		if ((status & 0xffff) == WRONG_RESULT << 8) {
			printf("fuzz: child %ld saw a wrong result\n", r);
			tally_bad++;
		}
	}
}

static void remember_kid(long pid)
{
	kids_made++;
	if (nr_kids < MAX_KIDS)
		kids[nr_kids++] = pid;
}

static void one_call(unsigned long n, bool verbose, bool tls);

/* What a forked child does before it exits with a random status. */
static void __attribute__((noreturn)) child_body(unsigned long n)
{
	unsigned long bad_before = tally_bad;

	in_child = true;
	nr_kids = 0;
	switch (below(4)) {
	case 1:                 /* write its copies of some pages (or die of SIGSEGV) */
		for (int i = below(8); i >= 0; i--) {
			unsigned long addr = gen_addr();

			if (!certainly_bad(addr) && !hits_writable(addr, 1))
				*(volatile char *)addr = 1;
		}
		break;
	case 2:
		for (int i = below(64); i >= 0; i--)
			__syscall0(158 /* sched_yield */);
		break;
	case 3:                 /* a few random calls of its own */
		for (int i = below(8); i >= 0; i--)
			one_call(n, false, false);
		reap_kids();
		break;
	}
	__syscall1(1 /* exit */, tally_bad != bad_before ? WRONG_RESULT : below(WRONG_RESULT));
	__builtin_unreachable();
}

/* A call that shares memory with the child, or gives it an unknown stack: the child exits at once. */
static long call_child_exits(long nr, const unsigned long *a)
{
	long ret;

	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $1, %%eax\n\t"           /* exit(0), on no stack at all */
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
			 : "memory");
	return ret;
}

/* fork, vfork, clone, and execve/execveat in a forked child: returns what the parent gets. */
static long make_child(long nr, const unsigned long *a, unsigned long n)
{
	long ret;

	if (nr == 11 || nr == 358) {
		ret = __syscall0(2 /* fork */);
		if (ret == 0) {
			in_child = true;
			ret = __syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			__syscall1(1 /* exit */, -ret & 0xff);
		}
	} else if (nr == 190 || (nr == 120 && ((a[0] & CLONE_VM) || a[1]))) {
		ret = call_child_exits(nr, a);
	} else {
		ret = __syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (ret == 0)
			child_body(n);
	}
	if (ret > 0)
		remember_kid(ret);
	return ret;
}

/* Is the call safe for the fuzzer's processes? */
static bool safe_proc(long nr, const struct syscall_type *t, unsigned long *a)
{
	if ((t->flags & F_CHILD) && (!with_children || nr_kids >= MAX_KIDS))
		return false;
	if ((nr == 11 || nr == 358) && (unsigned long)scratch(SCRATCH_PATH) == a[nr == 11 ? 0 : 1] &&
	    !strcmp(scratch(SCRATCH_PATH), "/bin/cat"))
		return false;                   /* cat would read the console, which never answers */
	if ((t->flags & F_SIGNAL) && !safe_signal(t, a))
		return false;
	return true;
}

#endif
