/*
 * Resource limits as Linux 6.1 answers them: init's defaults (RLIMIT_STACK
 * 8 MiB / unlimited, RLIMIT_NOFILE 1024 / 4096, RLIMIT_CORE 0, RLIMIT_MEMLOCK
 * 8 MiB, RLIMIT_NPROC and RLIMIT_SIGPENDING from memory), getrlimit's old
 * 0x7fffffff infinity, setrlimit's and prlimit64's errnos and their order,
 * and enforcement: RLIMIT_NOFILE in open, RLIMIT_DATA in brk, private
 * writable mmap and mprotect, RLIMIT_AS in mmap, brk and mremap, RLIMIT_STACK in the
 * stack's growth (SIGSEGV); limits kept by a forked child and across execve.
 *
 * With "expect RES CUR MAX" it only checks that limit and exits 0 or 1:
 * the image the execve case runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "process.h"

#define __NR_old_getrlimit  76
#define __NR_prlimit64     340

#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16
#define INF               (~0UL)
#define INF64             (~0ULL)

#define BAD_PTR ((long)0xc0000000)

struct rlimit64 {
	unsigned long long rlim_cur, rlim_max;
};

static long getrl(int res, struct rlimit *r) { return __syscall2(__NR_ugetrlimit, res, (long)r); }
static long setrl(int res, const struct rlimit *r) { return __syscall2(__NR_setrlimit, res, (long)r); }
static long prlimit64(long pid, int res, const struct rlimit64 *n, struct rlimit64 *o)
{
	return __syscall4(__NR_prlimit64, pid, res, (long)n, (long)o);
}
static long sys_brk(unsigned long b) { return __syscall1(__NR_brk, b); }
static long mmap_anon(unsigned long len, int prot, int flags)
{
	return __syscall6(__NR_mmap2, 0, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

static void expect_limit(int res, unsigned long cur, unsigned long max, const char *name)
{
	struct rlimit r = { 1, 1 };

	check_ret(getrl(res, &r), 0, "ugetrlimit(%s)", name);
	check(r.rlim_cur == cur && r.rlim_max == max, "%s: %#lx / %#lx (got %#lx / %#lx)", name, cur, max,
	      r.rlim_cur, r.rlim_max);
}

static void defaults(void)
{
	struct rlimit np, sp, old;

	expect_limit(RLIMIT_CPU, INF, INF, "RLIMIT_CPU");
	expect_limit(RLIMIT_FSIZE, INF, INF, "RLIMIT_FSIZE");
	expect_limit(RLIMIT_DATA, INF, INF, "RLIMIT_DATA");
	expect_limit(RLIMIT_STACK, 8 * MiB, INF, "RLIMIT_STACK");
	expect_limit(RLIMIT_CORE, 0, INF, "RLIMIT_CORE");
	expect_limit(RLIMIT_RSS, INF, INF, "RLIMIT_RSS");
	expect_limit(RLIMIT_NOFILE, 1024, 4096, "RLIMIT_NOFILE");
	expect_limit(RLIMIT_MEMLOCK, 8 * MiB, 8 * MiB, "RLIMIT_MEMLOCK");
	expect_limit(RLIMIT_AS, INF, INF, "RLIMIT_AS");
	expect_limit(RLIMIT_LOCKS, INF, INF, "RLIMIT_LOCKS");
	expect_limit(RLIMIT_MSGQUEUE, 819200, 819200, "RLIMIT_MSGQUEUE");
	expect_limit(RLIMIT_NICE, 0, 0, "RLIMIT_NICE");
	expect_limit(RLIMIT_RTPRIO, 0, 0, "RLIMIT_RTPRIO");
	expect_limit(RLIMIT_RTTIME, INF, INF, "RLIMIT_RTTIME");
	check_ret(getrl(RLIMIT_NPROC, &np), 0, "ugetrlimit(RLIMIT_NPROC)");
	check(np.rlim_cur == np.rlim_max && np.rlim_cur >= 10 && np.rlim_cur < 1000000,
	      "RLIMIT_NPROC: half of threads-max, soft = hard (%lu)", np.rlim_cur);
	check_ret(getrl(RLIMIT_SIGPENDING, &sp), 0, "ugetrlimit(RLIMIT_SIGPENDING)");
	check(sp.rlim_cur == np.rlim_cur && sp.rlim_max == np.rlim_max, "RLIMIT_SIGPENDING = RLIMIT_NPROC");
	check_ret(getrl(RLIM_NLIMITS, &np), -EINVAL, "ugetrlimit(16): no such resource");
	check_ret(getrl(-1, &np), -EINVAL, "ugetrlimit(-1)");
	check_ret(getrl(RLIMIT_STACK, (struct rlimit *)BAD_PTR), -EFAULT, "ugetrlimit into a bad pointer");
	/* the first getrlimit: limits were signed, anything above 0x7fffffff reads as that */
	check_ret(__syscall2(__NR_old_getrlimit, RLIMIT_STACK, (long)&old), 0, "getrlimit (76) RLIMIT_STACK");
	check(old.rlim_cur == 8 * MiB && old.rlim_max == 0x7fffffff, "old getrlimit: 8 MiB / 0x7fffffff (got %#lx / %#lx)",
	      old.rlim_cur, old.rlim_max);
	check_ret(__syscall2(__NR_old_getrlimit, RLIM_NLIMITS, (long)&old), -EINVAL, "getrlimit (76) of resource 16");
	check_ret(__syscall2(__NR_old_getrlimit, RLIMIT_CPU, BAD_PTR), -EFAULT, "getrlimit (76) into a bad pointer");
}

static void set_errors(void)
{
	struct rlimit r = { 100, 50 }, core;
	struct rlimit64 n, o;

	check_ret(setrl(RLIMIT_CORE, &r), -EINVAL, "setrlimit: soft above hard");
	r.rlim_cur = 10;
	check_ret(setrl(RLIM_NLIMITS, &r), -EINVAL, "setrlimit(16)");
	check_ret(setrl(RLIM_NLIMITS, (struct rlimit *)BAD_PTR), -EFAULT, "setrlimit(16, bad pointer): EFAULT first");
	r.rlim_cur = 1024;
	r.rlim_max = 2 * 1024 * 1024;
	check_ret(setrl(RLIMIT_NOFILE, &r), -EPERM, "RLIMIT_NOFILE above fs.nr_open, even for root");
	/* root may lower a hard limit and raise it again */
	r.rlim_cur = 4096;
	r.rlim_max = 8192;
	check_ret(setrl(RLIMIT_CORE, &r), 0, "RLIMIT_CORE 4096 / 8192");
	r.rlim_max = INF;
	check_ret(setrl(RLIMIT_CORE, &r), 0, "and back to an unlimited hard limit, as root");
	check_ret(getrl(RLIMIT_CORE, &core), 0, "ugetrlimit(RLIMIT_CORE)");
	check(core.rlim_cur == 4096 && core.rlim_max == INF, "RLIMIT_CORE reads 4096 / unlimited");

	/* prlimit64 */
	check_ret(prlimit64(0, RLIMIT_STACK, NULL, &o), 0, "prlimit64(0, RLIMIT_STACK, NULL, old)");
	check(o.rlim_cur == 8 * MiB && o.rlim_max == INF64, "64-bit: 8 MiB / RLIM64_INFINITY");
	check_ret(prlimit64(sys_getpid(), RLIMIT_NOFILE, NULL, &o), 0, "prlimit64(getpid(), RLIMIT_NOFILE)");
	check(o.rlim_cur == 1024 && o.rlim_max == 4096, "1024 / 4096 (got %llu / %llu)", o.rlim_cur, o.rlim_max);
	check_ret(prlimit64(0, RLIM_NLIMITS, NULL, &o), -EINVAL, "prlimit64 of resource 16");
	check_ret(prlimit64(0, RLIMIT_STACK, NULL, (struct rlimit64 *)BAD_PTR), -EFAULT, "prlimit64 into a bad pointer");
	check_ret(prlimit64(30000, RLIMIT_STACK, NULL, &o), -ESRCH, "prlimit64 of PID 30000: no such process");
	check_ret(prlimit64(30000, RLIMIT_STACK, (struct rlimit64 *)BAD_PTR, &o), -EFAULT,
		  "prlimit64(30000, bad new): EFAULT before ESRCH");
	check_ret(prlimit64(0, RLIMIT_STACK, NULL, NULL), 0, "prlimit64 with neither");
	n.rlim_cur = 5000;
	n.rlim_max = 1ULL << 40;        /* more than an unsigned long: unlimited */
	check_ret(prlimit64(0, RLIMIT_CORE, &n, &o), 0, "prlimit64 sets RLIMIT_CORE, reading the old one");
	check(o.rlim_cur == 4096 && o.rlim_max == INF64, "the old value: 4096 / unlimited");
	check_ret(getrl(RLIMIT_CORE, &core), 0, "ugetrlimit(RLIMIT_CORE)");
	check(core.rlim_cur == 5000 && core.rlim_max == INF, "5000, and 2^40 reads as unlimited (got %#lx)",
	      core.rlim_max);
	n.rlim_cur = 0;
	n.rlim_max = INF64;
	check_ret(prlimit64(0, RLIMIT_CORE, &n, (struct rlimit64 *)BAD_PTR), -EFAULT,
		  "prlimit64 with a bad old pointer: EFAULT...");
	check_ret(getrl(RLIMIT_CORE, &core), 0, "ugetrlimit(RLIMIT_CORE)");
	check(core.rlim_cur == 0, "...after the new limit was set");
	n.rlim_cur = 10;
	n.rlim_max = 5;
	check_ret(prlimit64(0, RLIMIT_CORE, &n, NULL), -EINVAL, "prlimit64: soft above hard");
}

/* The lowest descriptor open() would give, closed again. */
static int next_fd(void)
{
	int fd = open("/tests/rlimits", O_RDONLY);

	check(fd >= 0, "open(/tests/rlimits) = %d", fd);
	close(fd);
	return fd;
}

static void nofile(void)
{
	struct rlimit r, saved;
	int fd = next_fd();

	check_ret(getrl(RLIMIT_NOFILE, &saved), 0, "ugetrlimit(RLIMIT_NOFILE)");
	r.rlim_cur = fd;
	r.rlim_max = saved.rlim_max;
	check_ret(setrl(RLIMIT_NOFILE, &r), 0, "RLIMIT_NOFILE = %d, the next free descriptor", fd);
	check_ret(open("/tests/rlimits", O_RDONLY) < 0 ? -errno : 0, -EMFILE, "open past RLIMIT_NOFILE");
	r.rlim_cur = fd + 1;
	check_ret(setrl(RLIMIT_NOFILE, &r), 0, "RLIMIT_NOFILE = %d", fd + 1);
	check_ret(open("/tests/rlimits", O_RDONLY), fd, "open within it");
	close(fd);
	check_ret(setrl(RLIMIT_NOFILE, &saved), 0, "RLIMIT_NOFILE back to 1024");
}

static void set_limit(int res, unsigned long cur, const char *name)
{
	struct rlimit r;

	check_ret(getrl(res, &r), 0, "ugetrlimit(%s)", name);
	r.rlim_cur = cur;
	check_ret(setrl(res, &r), 0, "%s = %#lx", name, cur);
}

/* RLIMIT_DATA: brk and private writable mappings; read-only and shared ones are not data. */
static void data_limit(void)
{
	long m, b = sys_brk(0);

	m = mmap_anon(8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(!IS_ERR(m), "without a limit, 8 MiB of private writable memory maps (%#lx)", m);
	munmap((void *)m, 8 * MiB);
	check_ret(sys_brk(b + 8 * MiB), b + 8 * MiB, "and brk grows 8 MiB");
	check_ret(sys_brk(b), b, "brk back");
	set_limit(RLIMIT_DATA, 4 * MiB, "RLIMIT_DATA");
	check_ret(mmap_anon(8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE), -ENOMEM,
		  "8 MiB private writable past RLIMIT_DATA = 4 MiB");
	m = mmap_anon(8 * MiB, PROT_READ, MAP_PRIVATE);
	check(!IS_ERR(m), "8 MiB read-only: not data (%#lx)", m);
	check_ret(__syscall3(__NR_mprotect, m, 8 * MiB, PROT_READ | PROT_WRITE), -ENOMEM,
		  "mprotect making it writable: data past the limit");
	check_ret(__syscall3(__NR_mprotect, m, 1 * MiB, PROT_READ | PROT_WRITE), 0, "1 MiB of it writable fits");
	munmap((void *)m, 8 * MiB);
	m = mmap_anon(8 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED);
	check(!IS_ERR(m), "8 MiB shared writable: not data (%#lx)", m);
	munmap((void *)m, 8 * MiB);
	m = mmap_anon(1 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(!IS_ERR(m), "1 MiB private writable fits (%#lx)", m);
	check_ret(__syscall4(__NR_mremap, m, 1 * MiB, 8 * MiB, MREMAP_MAYMOVE), -ENOMEM,
		  "mremap growing it to 8 MiB");
	munmap((void *)m, 1 * MiB);
	check_ret(sys_brk(b + 8 * MiB), b, "brk 8 MiB up fails: the break stays");
	check_ret(sys_brk(b + PAGE_SIZE), b + PAGE_SIZE, "brk one page up works");
	check_ret(sys_brk(b), b, "brk back");
	set_limit(RLIMIT_DATA, INF, "RLIMIT_DATA");
}

/* RLIMIT_AS: every mapping counts. The program itself takes far less than 32 MiB. */
static void as_limit(void)
{
	long m, b = sys_brk(0);

	m = mmap_anon(40 * MiB, PROT_NONE, MAP_PRIVATE);
	check(!IS_ERR(m), "without a limit, 40 MiB of PROT_NONE maps (%#lx)", m);
	munmap((void *)m, 40 * MiB);
	set_limit(RLIMIT_AS, 32 * MiB, "RLIMIT_AS");
	check_ret(mmap_anon(40 * MiB, PROT_NONE, MAP_PRIVATE), -ENOMEM, "40 MiB past RLIMIT_AS = 32 MiB");
	m = mmap_anon(4 * MiB, PROT_NONE, MAP_PRIVATE);
	check(!IS_ERR(m), "4 MiB fits (%#lx)", m);
	check_ret(__syscall4(__NR_mremap, m, 4 * MiB, 40 * MiB, MREMAP_MAYMOVE), -ENOMEM, "mremap to 40 MiB");
	munmap((void *)m, 4 * MiB);
	check_ret(sys_brk(b + 40 * MiB), b, "brk 40 MiB up fails");
	set_limit(RLIMIT_AS, INF, "RLIMIT_AS");
}

/* Touch a word size bytes below where the stack is now. */
static void __attribute__((noinline)) touch_below(unsigned long size)
{
	poke((stack_pointer() - size) & ~3UL, 1);
}

/* RLIMIT_STACK: a child lowers it to 1 MiB; 512 KiB down works, 2 MiB down is a SIGSEGV. */
static void stack_limit(void)
{
	int status = -1;
	long pid = sys_fork();

	if (pid == 0) {
		struct rlimit r = { 1 * MiB, INF };

		child_expect(setrl(RLIMIT_STACK, &r), 0, 2, "RLIMIT_STACK = 1 MiB");
		touch_below(512 * KiB);
		printf("# child: the stack grew 512 KiB under a 1 MiB RLIMIT_STACK\n");
		touch_below(2 * MiB);
		child_exit(3);
	}
	check(pid > 0, "fork() = %ld", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the child");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a stack growing 2 MiB under a 1 MiB RLIMIT_STACK: SIGSEGV (status word %#x)", status);
}

/* Limits are the child's too, and survive execve. */
static void inherited(void)
{
	long pid;

	set_limit(RLIMIT_CORE, 12345, "RLIMIT_CORE");
	pid = sys_fork();
	if (pid == 0) {
		struct rlimit r;
		char *argv[] = { "rlimits", "expect", "4", "54321", NULL };
		char *envp[] = { NULL };

		child_expect(getrl(RLIMIT_CORE, &r), 0, 2, "ugetrlimit in the child");
		child_expect(r.rlim_cur, 12345, 3, "the child has its parent's RLIMIT_CORE");
		r.rlim_cur = 54321;
		child_expect(setrl(RLIMIT_CORE, &r), 0, 4, "the child sets its own");
		sys_execve("/tests/rlimits", argv, envp);
		child_exit(5);
	}
	check(pid > 0, "fork() = %ld", pid);
	reap_ok(pid, "a child that inherits RLIMIT_CORE, sets it and execs: the new image sees it");
	expect_limit(RLIMIT_CORE, 12345, INF, "the parent's RLIMIT_CORE, untouched by the child's");
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "expect")) {
		struct rlimit r;

		if (getrl(atoi(argv[2]), &r) || r.rlim_cur != strtoul(argv[3], NULL, 0)) {
			printf("# after execve: resource %s is %lu, want %s\n", argv[2], r.rlim_cur, argv[3]);
			return 1;
		}
		return 0;
	}
	defaults();
	set_errors();
	nofile();
	data_limit();
	as_limit();
	stack_limit();
	inherited();
	return done();
}
