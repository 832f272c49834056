/*
 * mlock, mlock2, munlock, mlockall and munlockall as Linux 6.1 answers
 * them (mm/mlock.c): the argument checks and their errnos, pages faulted
 * in at once (mincore) or, with MLOCK_ONFAULT, as they are touched;
 * VmLck in /proc/self/status and "lo" in smaps' VmFlags; Mlocked in
 * /proc/meminfo rising and falling with the pages; munmap, munlock and
 * exit giving everything back; fork not passing locks on; mlockall's
 * MCL_FUTURE locking later mmaps; and, with no privilege (setuid to
 * 1000), RLIMIT_MEMLOCK: -EPERM at 0, -ENOMEM past it for mlock and
 * mlockall(MCL_CURRENT), -EAGAIN for a MAP_LOCKED mmap past it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "process.h"

#define PAGE 4096UL
#define __NR_mincore    218
#define __NR_mlock      150
#define __NR_munlock    151
#define __NR_mlockall   152
#define __NR_munlockall 153
#define __NR_setuid32   213
#define __NR_mlock2     376
#define RLIMIT_MEMLOCK  8

static long mlock_(void *p, unsigned long len) { return __syscall2(__NR_mlock, (long)p, (long)len); }
static long mlock2_(void *p, unsigned long len, long f) { return __syscall3(__NR_mlock2, (long)p, (long)len, f); }
static long munlock_(void *p, unsigned long len) { return __syscall2(__NR_munlock, (long)p, (long)len); }
static long mlockall_(long flags) { return __syscall1(__NR_mlockall, flags); }
static long munlockall_(void) { return __syscall0(__NR_munlockall); }

/* mmap2 itself: -errno, not libc's -1 */
static long mmap_(unsigned long len, long flags)
{
	return __syscall6(__NR_mmap2, 0, (long)len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static char *map(unsigned long pages, int prot, int flags)
{
	char *p = mmap(NULL, pages * PAGE, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap %lu pages", pages);
	return p;
}

/* Pages of [p, p + pages) resident, by mincore. */
static unsigned long resident(void *p, unsigned long pages)
{
	unsigned char vec[64];
	unsigned long n = 0;

	if (pages > sizeof(vec) || __syscall3(__NR_mincore, (long)p, (long)(pages * PAGE), (long)vec))
		return ~0UL;
	for (unsigned long i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

static char text[32768];

static long read_proc(const char *path)
{
	long fd = __syscall2(__NR_open, (long)path, O_RDONLY), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)text + got, (long)sizeof(text) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	text[got] = '\0';
	return got;
}

/* The number after "key:" in a /proc file (kB), or -1. */
static long proc_kb(const char *path, const char *key)
{
	size_t len = strlen(key);
	char *s;

	if (read_proc(path) <= 0)
		return -1;
	for (s = text; s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (strncmp(s, key, len) == 0 && s[len] == ':')
			return strtol(s + len + 1, NULL, 10);
	return -1;
}

static long vmlck(void) { return proc_kb("/proc/self/status", "VmLck"); }
static long mlocked(void) { return proc_kb("/proc/meminfo", "Mlocked"); }

/* The VmFlags line of the smaps entry that starts at p, or NULL. */
static const char *smaps_flags(void *p)
{
	char head[16];
	char *s, *end;

	if (read_proc("/proc/self/smaps") <= 0)
		return NULL;
	snprintf(head, sizeof(head), "%08lx-", (unsigned long)p);
	s = strstr(text, head);
	if (!s || !(s = strstr(s, "VmFlags:")))
		return NULL;
	end = strchr(s, '\n');
	if (end)
		*end = '\0';
	return s;
}

static void arguments(void)
{
	char *p = map(4, PROT_READ | PROT_WRITE, 0);

	check_ret(mlock2_(p, PAGE, 2), -EINVAL, "mlock2 with flag 2");
	check_ret(mlock2_(p, PAGE, -1), -EINVAL, "mlock2 with every flag");
	check_ret(mlockall_(0), -EINVAL, "mlockall(0)");
	check_ret(mlockall_(MCL_ONFAULT), -EINVAL, "mlockall(MCL_ONFAULT) alone");
	check_ret(mlockall_(8), -EINVAL, "mlockall(8)");
	check_ret(mlock_(p, 0), 0, "mlock of 0 bytes");
	check_ret(mlock_((void *)0xfffff000UL, 2 * PAGE), -EINVAL, "mlock of a range that wraps");
	check_ret(munmap(p + 2 * PAGE, PAGE), 0, "a hole in the middle");
	check_ret(mlock_(p, 4 * PAGE), -ENOMEM, "mlock across a hole");
	check_ret(vmlck(), 2 * 4, "VmLck: the pages before the hole were locked");
	check_ret((long)resident(p, 2), 0, "but not faulted in: the error came first");
	check_ret(mlock_(p + 2 * PAGE, PAGE), -ENOMEM, "mlock of the hole");
	check_ret(munlock_(p, 4 * PAGE), -ENOMEM, "munlock across a hole");
	check_ret(vmlck(), 0, "VmLck 0 again: it unlocked the part before the hole");
	check_ret(mlock_((void *)PAGE_OFFSET, PAGE), -ENOMEM, "mlock of kernel space");
	munmap(p, 4 * PAGE);
}

static void lock_and_unlock(void)
{
	char *p = map(8, PROT_READ | PROT_WRITE, 0);
	const char *flags;

	check_ret(vmlck(), 0, "VmLck 0 at first");
	check_ret((long)resident(p, 8), 0, "nothing resident before mlock");
	check_ret(mlock_(p + 100, 3 * PAGE), 0, "mlock of 3 pages from an unaligned start");
	check_ret(vmlck(), 4 * 4, "VmLck: the 4 pages the range touches");
	check_ret((long)resident(p, 8), 4, "the 4 pages faulted in");
	flags = smaps_flags(p);
	check(flags && strstr(flags, " lo "), "smaps VmFlags of the locked part has lo: %s", flags ? flags : "none");
	flags = smaps_flags(p + 4 * PAGE);
	check(flags && !strstr(flags, " lo "), "the rest has no lo: %s", flags ? flags : "none");
	check_ret(p[0] + p[4 * PAGE - 1], 0, "locked pages read zeroes");
	check_ret(__syscall3(__NR_madvise, (long)p, (long)PAGE, MADV_DONTNEED), -EINVAL, "MADV_DONTNEED on locked pages");
	check_ret(mlock_(p, 8 * PAGE), 0, "mlock of all 8 (4 of them locked already)");
	check_ret(vmlck(), 8 * 4, "VmLck counts each page once");
	check_ret(munlock_(p + 2 * PAGE, 4 * PAGE), 0, "munlock of the middle 4");
	check_ret(vmlck(), 4 * 4, "VmLck: 4 left");
	check_ret(munmap(p, 8 * PAGE), 0, "munmap");
	check_ret(vmlck(), 0, "munmap took the lock with the pages");
}

/*
 * Mlocked in /proc/meminfo. Linux adds to its counters through per-CPU
 * deltas folded in past a threshold (stat_threshold, at most 125 pages),
 * so it may show up to that many pages off: 1 MiB is locked, and Linux is
 * allowed that slack. Pagoda counts at once: exact.
 */
static void mlocked_counts(void)
{
	long slack = on_pagoda() ? 0 : 125 * 4, before = mlocked(), now;
	char *p = map(256, PROT_READ | PROT_WRITE, 0);

	check_ret(mlock_(p, 256 * PAGE), 0, "mlock 1 MiB");
	now = mlocked();
	check(now >= before + 1024 - slack && now <= before + 1024 + slack, "Mlocked %ld -> %ld kB", before, now);
	check_ret(munlock_(p, 256 * PAGE), 0, "munlock it");
	now = mlocked();
	check(now >= before - slack && now <= before + slack, "Mlocked back: %ld -> %ld kB", before, now);
	check_ret(mlock_(p, 256 * PAGE), 0, "mlock it again");
	check_ret(munmap(p, 256 * PAGE), 0, "munmap it locked");
	now = mlocked();
	check(now >= before - slack && now <= before + slack, "Mlocked back after munmap: %ld -> %ld kB", before, now);
}

static void onfault(void)
{
	char *p = map(4, PROT_READ | PROT_WRITE, 0);

	check_ret(mlock2_(p, 4 * PAGE, MLOCK_ONFAULT), 0, "mlock2 MLOCK_ONFAULT");
	check_ret(vmlck(), 4 * 4, "VmLck counts the VMA");
	check_ret((long)resident(p, 4), 0, "nothing faulted in");
	p[PAGE] = 1;
	check_ret((long)resident(p, 4), 1, "a touched page is resident");
	check_ret(mlock_(p, 4 * PAGE), 0, "mlock without the flag populates");
	check_ret((long)resident(p, 4), 4, "all 4 resident");
	munmap(p, 4 * PAGE);
}

static void locks_and_fork(void)
{
	char *p = map(2, PROT_READ | PROT_WRITE, 0);
	int status;
	long pid;

	check_ret(mlock_(p, 2 * PAGE), 0, "mlock 2 pages");
	p[0] = 7;
	pid = sys_fork();
	if (pid == 0) {
		long lck = vmlck();

		p[0] = 8;       /* the child's copy */
		_exit(lck == 0 && p[0] == 8 ? 0 : 1);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait for the child");
	check_ret(status, 0, "the child has no locks (VmLck 0) and a copy of its own");
	check_ret(p[0], 7, "the parent's page is its own");
	check_ret(vmlck(), 2 * 4, "the parent's lock stays");
	munmap(p, 2 * PAGE);
}

static void lockall(void)
{
	long size = proc_kb("/proc/self/status", "VmSize"), lck;
	char *p;

	check_ret(mlockall_(MCL_CURRENT | MCL_FUTURE), 0, "mlockall(MCL_CURRENT | MCL_FUTURE)");
	lck = vmlck();
	/* Linux leaves out [vdso] and [vvar] (VM_SPECIAL): a few pages */
	check(lck > 0 && lck <= size && lck >= size - 32, "VmLck %ld kB of VmSize %ld kB", lck, size);
	p = map(4, PROT_READ | PROT_WRITE, 0);
	check_ret(vmlck(), lck + 16, "a new mmap is locked (MCL_FUTURE)");
	check_ret((long)resident(p, 4), 4, "and faulted in");
	check_ret(munlockall_(), 0, "munlockall");
	check_ret(vmlck(), 0, "VmLck 0");
	munmap(p, 4 * PAGE);
	p = map(4, PROT_READ | PROT_WRITE, 0);
	check_ret((long)resident(p, 4), 0, "after munlockall a new mmap is not");
	munmap(p, 4 * PAGE);
}

/*
 * fn's checks in a child (its memory goes when it exits); limit: with
 * RLIMIT_MEMLOCK at limit bytes and no privilege (setuid 1000), or ~0UL
 * as root.
 */
static void in_child(unsigned long limit, void (*fn)(void), const char *what)
{
	int status;
	long pid = sys_fork();

	if (pid == 0) {
		struct rlimit r = { limit, limit };

		if (limit != ~0UL &&
		    (__syscall2(__NR_setrlimit, RLIMIT_MEMLOCK, (long)&r) || __syscall1(__NR_setuid32, 1000)))
			_exit(2);
		fn();
		_exit(done());
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait for %s", what);
	check_ret(status, 0, "%s: every check passed", what);
}

static void limit_zero(void)
{
	char *p = map(1, PROT_READ | PROT_WRITE, 0);

	check_ret(mlock_(p, PAGE), -EPERM, "RLIMIT_MEMLOCK 0: mlock is EPERM");
	check_ret(mlock2_(p, PAGE, 2), -EINVAL, "mlock2's flags are checked first");
	check_ret(mlockall_(MCL_CURRENT), -EPERM, "mlockall EPERM");
	check_ret(mlockall_(0), -EINVAL, "mlockall's flags first");
	check_ret(munlock_(p, PAGE), 0, "munlock needs no privilege");
	check_ret(munlockall_(), 0, "munlockall neither");
	check_ret(mmap_(PAGE, MAP_LOCKED), -EPERM,
		  "MAP_LOCKED is EPERM");
}

static void limit_two_pages(void)
{
	char *p = map(4, PROT_READ | PROT_WRITE, 0);

	check_ret(mlock_(p, 3 * PAGE), -ENOMEM, "3 pages past a 2-page RLIMIT_MEMLOCK: ENOMEM");
	check_ret(vmlck(), 0, "nothing locked");
	check_ret(mlock_(p, 2 * PAGE), 0, "2 pages fit");
	check_ret(mlock_(p, 2 * PAGE), 0, "locking them again fits: counted once");
	check_ret(mlock_(p + PAGE, 2 * PAGE), -ENOMEM, "one more page does not");
	check_ret(mlockall_(MCL_CURRENT), -ENOMEM, "mlockall(MCL_CURRENT) of more than the limit");
	check_ret(mmap_(PAGE, MAP_LOCKED), -EAGAIN,
		  "a MAP_LOCKED page past the limit: EAGAIN");
	check_ret(mlockall_(MCL_FUTURE), 0, "mlockall(MCL_FUTURE) alone is allowed");
	check_ret(mmap_(PAGE, 0), -EAGAIN,
		  "then any mmap past the limit: EAGAIN");
	check_ret(munlockall_(), 0, "munlockall");
	check_ret(vmlck(), 0, "VmLck 0");
}

static void as_root(void)
{
	arguments();
	lock_and_unlock();
	onfault();
	mlocked_counts();
	locks_and_fork();
	lockall();
}

/* Each part in a child of its own: what it faulted in (page tables too) goes at its exit, and is counted back. */
static void nothing(void)
{
}

int main(void)
{
	long free_before;

	in_child(~0UL, nothing, "a warm-up fork"); /* the first fork's lasting allocations are not ours */
	free_before = on_pagoda() ? free_pages() : 0;

	in_child(~0UL, as_root, "as root");
	in_child(0, limit_zero, "RLIMIT_MEMLOCK 0");
	in_child(2 * PAGE, limit_two_pages, "RLIMIT_MEMLOCK 2 pages");
	if (on_pagoda())
		check_ret(free_pages(), free_before, "every page back");
	return done();
}
