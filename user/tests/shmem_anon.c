/*
 * Shared anonymous memory is shmem, as on Linux: MAP_SHARED|MAP_ANONYMOUS
 * and MAP_SHARED of /dev/zero get an unlinked tmpfs file of their own
 * ("/dev/zero (deleted)" on the kernel's tmpfs, device 00:01, in
 * /proc/PID/maps), so the pages are shared with every child, counted as
 * Shmem in /proc/meminfo and RssShmem in /proc/PID/status, and go back at
 * the last munmap or exit. MAP_PRIVATE of /dev/zero stays private. Checks
 * mremap (growing past the object is SIGBUS; MREMAP_DONTUNMAP and old
 * size 0 share the object), MADV_DONTNEED (the pages stay in the object),
 * MADV_REMOVE (a hole), mprotect, smaps' Rss and Shared_ and Private_
 * rows, and POSIX shared memory in /dev/shm between two processes.
 *
 * Linux gathers its counters lazily (per-CPU vmstat deltas for Shmem, a
 * per-task cache of 64 events for the rss counters), so there the meminfo
 * and status figures are checked within 512 kB; on Pagoda exactly.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "check.h"
#include "namespace.h"

#define PAGE 4096L
#define SHM_DIR "/dev/shm"
#define CHILDREN 4
#define SLACK_KB 512    /* Linux's lazy counters (see above) */

static char buf[32768];

static long sys_open(const char *p, int flags, int mode)
{
	return __syscall3(__NR_open, (long)p, flags, mode);
}

static long map(long addr, long len, int prot, int flags, long fd, long pgoff)
{
	return __syscall6(__NR_mmap2, addr, len, prot, flags, fd, pgoff);
}

static long shared_anon(long pages)
{
	long p = map(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	check(!IS_ERR(p), "mmap %ld pages MAP_SHARED|MAP_ANONYMOUS = %#lx", pages, p);
	return p;
}

/* The whole of a /proc file in buf (NUL-terminated). */
static void slurp(const char *path)
{
	long fd = sys_open(path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		fail("open %s = %s", path, errname(fd));
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
}

/* The kB value of the row name ("Shmem:") in a /proc file. */
static long kb_row(const char *path, const char *name)
{
	const char *at;

	slurp(path);
	at = strstr(buf, name);
	if (!at)
		fail("%s has no %s row", path, name + 1);
	return strtol(at + strlen(name), NULL, 10);
}

static long shmem_kb(void)
{
	return kb_row("/proc/meminfo", "\nShmem:");
}

static long rss_shmem_kb(void)
{
	return kb_row("/proc/self/status", "\nRssShmem:");
}

/* Is now within the counters' noise of want (kB)? Exact on Pagoda. */
static int about(long now, long want)
{
	return on_pagoda() ? now == want : now > want - SLACK_KB && now < want + SLACK_KB;
}

/*
 * The same for RssShmem, which counts this program's own text too (it is
 * a tmpfs file of the initramfs): a function run for the first time may
 * fault its page in, so on Pagoda up to 16 pages (one fault-around) more.
 */
static int rss_about(long now, long want)
{
	return on_pagoda() ? now >= want && now <= want + 64 : about(now, want);
}

/* Read this program's file through, so that no first run of a function reads a page in and grows Shmem. */
static void cache_own_file(const char *path)
{
	long fd = sys_open(path, O_RDONLY, 0);

	if (fd < 0)
		fail("open %s = %s", path, errname(fd));
	while (__syscall3(__NR_read, fd, (long)buf, sizeof(buf)) > 0)
		;
	__syscall1(__NR_close, fd);
}

/* The maps line of the VMA that starts at addr, without its newline, in buf; NULL if none. */
static const char *maps_line(const char *path, long addr)
{
	char want[16];
	char *at, *end;

	slurp(path);
	snprintf(want, sizeof(want), "%08lx-", (unsigned long)addr);
	for (at = buf; at && *at; at = strchr(at, '\n'), at = at ? at + 1 : NULL)
		if (!strncmp(at, want, strlen(want))) {
			end = strchr(at, '\n');
			if (end)
				*end = '\0';
			return at;
		}
	return NULL;
}

/* The kB of row name ("Rss:") in the smaps block of the VMA at addr, or -1. */
static long smaps_kb(long addr, const char *name)
{
	const char *line = maps_line("/proc/self/smaps", addr), *at;
	const char *rest = line ? line + strlen(line) + 1 : NULL;

	if (!rest)
		return -1;
	at = strstr(rest, name);
	return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

static int ends_with(const char *line, const char *suffix)
{
	size_t l = line ? strlen(line) : 0, n = strlen(suffix);

	return l >= n && !strcmp(line + l - n, suffix);
}

/* The inode field (the fifth) of a maps line. */
static long maps_ino(const char *line)
{
	for (int field = 0; line && field < 4; field++) {
		line = strchr(line, ' ');
		if (line)
			line++;
	}
	return line ? strtol(line, NULL, 10) : -1;
}

/* Run fn(arg) in a child; its wait status. */
static int in_child(void (*fn)(long), long arg)
{
	int status = -1;
	long pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	check(pid > 0, "fork = %ld", pid);
	check_ret(waitpid((int)pid, &status, 0), pid, "wait for child %ld", pid);
	return status;
}

static void child_write(long addr)
{
	*(volatile char *)addr = 'w';
}

static void child_read(long addr)
{
	(void)*(volatile char *)addr;
}

/* ---- what /proc/PID/maps says ---- */

static void maps_names_dev_zero(void)
{
	long a = shared_anon(2), b = shared_anon(1), zfd = sys_open("/dev/zero", O_RDWR, 0), z, zp;
	const char *line;
	long ino_a;

	line = maps_line("/proc/self/maps", a);
	check(line && !strncmp(line + 18, "rw-s 00000000 00:01 ", 20) && ends_with(line, " /dev/zero (deleted)"),
	      "MAP_SHARED|MAP_ANONYMOUS is an unlinked \"dev/zero\" on the kernel's tmpfs (00:01): %s",
	      line ? line : "(none)");
	ino_a = maps_ino(line);
	line = maps_line("/proc/self/maps", b);
	check(maps_ino(line) != ino_a && maps_ino(line) > 0, "each mapping is an object of its own: inodes %ld, %ld",
	      ino_a, maps_ino(line));
	check(zfd >= 0, "open /dev/zero");
	z = map(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zfd, 1);
	check(!IS_ERR(z), "mmap /dev/zero MAP_SHARED at offset 4096");
	line = maps_line("/proc/self/maps", z);
	check(line && !strncmp(line + 18, "rw-s 00001000 00:01 ", 20) && ends_with(line, " /dev/zero (deleted)"),
	      "so is MAP_SHARED of /dev/zero, at its offset: %s", line ? line : "(none)");
	*(volatile char *)z = 1;
	/* the object is as long as the mapping, but starts at the offset: Linux's quirk */
	check(WIFSIGNALED(in_child(child_write, z + PAGE)) && WTERMSIG(in_child(child_read, z + PAGE)) == SIGBUS,
	      "its page past the object's size (offset + length > size) is SIGBUS");
	zp = map(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zfd, 1);
	check(!IS_ERR(zp), "mmap /dev/zero MAP_PRIVATE");
	line = maps_line("/proc/self/maps", zp);
	check(line && !strncmp(line + 18, "rw-p ", 5), "it is private: %s", line ? line : "(none)");
	((char *)zp)[0] = 'p';
	check(in_child(child_write, zp) == 0 && ((char *)zp)[0] == 'p' && ((char *)zp)[PAGE] == 0,
	      "a child's write to it stays the child's");
	__syscall1(__NR_close, zfd);
	check_ret(__syscall2(__NR_munmap, a, 2 * PAGE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, b, PAGE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, z, 2 * PAGE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, zp, 2 * PAGE), 0, "munmap");
}

/* ---- fork ---- */

static void several_children(void)
{
	long p = shared_anon(CHILDREN + 1);
	char *c = (char *)p;
	int status;

	c[0] = 'P';
	for (long i = 0; i < CHILDREN; i++) {
		long pid = fork();

		if (pid == 0) {
			/* each child reads the parent's byte and writes its own page, and one byte of page 0 */
			c[(i + 1) * PAGE] = (char)('a' + i);
			c[1 + i] = c[0] == 'P' ? (char)('0' + i) : '?';
			_exit(0);
		}
		check(pid > 0, "fork child %ld", i);
	}
	for (long i = 0; i < CHILDREN; i++)
		check(wait(&status) > 0 && status == 0, "a child exited 0 (%#x)", status);
	for (long i = 0; i < CHILDREN; i++) {
		check(c[(i + 1) * PAGE] == 'a' + i, "child %ld's write to a page nobody had touched is seen", i);
		check(c[1 + i] == '0' + i, "child %ld saw the parent's write and its write beside it is seen", i);
	}
	check_ret(__syscall2(__NR_munmap, p, (CHILDREN + 1) * PAGE), 0, "munmap");
}

/* ---- counters: Shmem, RssShmem, smaps ---- */

#define BIG 256L        /* pages: 1 MiB, past Linux's 64-event rss cache */

static void shmem_counted(void)
{
	long shmem = shmem_kb(), rss = rss_shmem_kb(), p = shared_anon(BIG);
	long before = free_pages();

	for (long i = 0; i < BIG; i++)
		((volatile char *)p)[i * PAGE] = 1;
	check(about(shmem_kb(), shmem + BIG * 4), "Shmem grew by %ld kB: %ld -> %ld", BIG * 4, shmem, shmem_kb());
	check(rss_about(rss_shmem_kb(), rss + BIG * 4), "RssShmem grew by %ld kB: %ld -> %ld", BIG * 4, rss,
	      rss_shmem_kb());
	check(in_child(child_read, p + PAGE) == 0, "a child read a page and exited");
	check(about(shmem_kb(), shmem + BIG * 4), "the child's exit freed none: Shmem %ld kB", shmem_kb());
	check_ret(__syscall2(__NR_munmap, p, BIG * PAGE), 0, "munmap");
	check(about(shmem_kb(), shmem), "Shmem back at the last munmap: %ld -> %ld", shmem, shmem_kb());
	check(rss_about(rss_shmem_kb(), rss), "RssShmem back: %ld -> %ld", rss, rss_shmem_kb());
	/* Pagoda keeps the page table that mapped them until exit */
	if (on_pagoda())
		check(free_pages() >= before - 2, "every page came back: %ld free, were %ld", free_pages(), before);
}

/* A read fault takes a page of the object too (Linux's shmem_fault), unlike private memory's zero page. */
static void reads_take_pages(void)
{
	long shmem = shmem_kb(), p = shared_anon(64);

	for (long i = 0; i < 64; i++)
		(void)((volatile char *)p)[i * PAGE];
	check(about(shmem_kb(), shmem + 64 * 4), "reading 64 pages took 256 kB of Shmem: %ld -> %ld", shmem,
	      shmem_kb());
	check(smaps_kb(p, "\nRss:") == 64 * 4 && smaps_kb(p, "\nPrivate_Clean:") == 64 * 4,
	      "smaps: Rss %ld kB, Private_Clean %ld kB", smaps_kb(p, "\nRss:"), smaps_kb(p, "\nPrivate_Clean:"));
	check_ret(__syscall2(__NR_munmap, p, 64 * PAGE), 0, "munmap");
	check(about(shmem_kb(), shmem), "and gave it back: %ld", shmem_kb());
}

static void child_maps_and_exits(long pages)
{
	long p = map(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (IS_ERR(p))
		_exit(2);
	for (long i = 0; i < pages; i++)
		((volatile char *)p)[i * PAGE] = 1;
	_exit(0);       /* without munmap: exit frees the object */
}

static void exit_frees_object(void)
{
	long shmem = shmem_kb(), before = free_pages();

	check(in_child(child_maps_and_exits, 128) == 0, "a child mapped 128 shared pages, wrote them, exited");
	check(about(shmem_kb(), shmem), "their Shmem went with it: %ld -> %ld", shmem, shmem_kb());
	if (on_pagoda())
		check(free_pages() >= before, "and every page: %ld free, were %ld", free_pages(), before);
}

static int sync_pipe[2], go_pipe[2];

static void child_touches_and_waits(long p)
{
	char c;

	for (long i = 0; i < 3; i++)
		(void)((volatile char *)p)[i * PAGE];
	__syscall3(__NR_write, sync_pipe[1], (long)"t", 1);
	__syscall3(__NR_read, go_pipe[0], (long)&c, 1);
}

static void smaps_rows(void)
{
	long p = shared_anon(3), pid;
	int status = -1;
	char c;

	((char *)p)[0] = 1;
	((char *)p)[PAGE] = 1;
	(void)((volatile char *)p)[2 * PAGE];
	check(smaps_kb(p, "\nRss:") == 12, "smaps Rss 12 kB: %ld", smaps_kb(p, "\nRss:"));
	check(smaps_kb(p, "\nPrivate_Dirty:") == 8 && smaps_kb(p, "\nPrivate_Clean:") == 4,
	      "two written pages Private_Dirty (%ld kB), one read Private_Clean (%ld kB)",
	      smaps_kb(p, "\nPrivate_Dirty:"), smaps_kb(p, "\nPrivate_Clean:"));
	check(smaps_kb(p, "\nAnonymous:") == 0 && smaps_kb(p, "\nShared_Dirty:") == 0,
	      "shmem is not Anonymous (%ld kB), nothing Shared yet", smaps_kb(p, "\nAnonymous:"));
	check_ret(__syscall1(__NR_pipe, (long)sync_pipe), 0, "pipe");
	check_ret(__syscall1(__NR_pipe, (long)go_pipe), 0, "pipe");
	pid = fork();
	if (pid == 0) {
		child_touches_and_waits(p);
		_exit(0);
	}
	check(pid > 0, "fork");
	check_ret(__syscall3(__NR_read, sync_pipe[0], (long)&c, 1), 1, "the child touched the three pages");
	check(smaps_kb(p, "\nShared_Dirty:") == 8 && smaps_kb(p, "\nShared_Clean:") == 4 &&
	      smaps_kb(p, "\nPrivate_Dirty:") == 0 && smaps_kb(p, "\nPss:") == 6,
	      "mapped by both: Shared_Dirty %ld, Shared_Clean %ld, Private_Dirty %ld, Pss %ld kB",
	      smaps_kb(p, "\nShared_Dirty:"), smaps_kb(p, "\nShared_Clean:"), smaps_kb(p, "\nPrivate_Dirty:"),
	      smaps_kb(p, "\nPss:"));
	__syscall3(__NR_write, go_pipe[1], (long)"g", 1);
	check_ret(waitpid((int)pid, &status, 0), pid, "wait");
	for (int i = 0; i < 2; i++) {
		__syscall1(__NR_close, sync_pipe[i]);
		__syscall1(__NR_close, go_pipe[i]);
	}
	check_ret(__syscall2(__NR_munmap, p, 3 * PAGE), 0, "munmap");
}

/* ---- madvise, mremap, mprotect ---- */

static void madvise_calls(void)
{
	long p = shared_anon(2), shmem, r;

	memset((void *)p, 's', 2 * PAGE);
	shmem = shmem_kb();
	check_ret(madvise((void *)p, 2 * PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED both pages");
	check(smaps_kb(p, "\nRss:") == 0, "they leave the mapping: Rss %ld kB", smaps_kb(p, "\nRss:"));
	check(about(shmem_kb(), shmem), "but stay in the object: Shmem %ld -> %ld kB", shmem, shmem_kb());
	check(((char *)p)[0] == 's' && ((char *)p)[2 * PAGE - 1] == 's', "the mapping faults them back, bytes intact");
	check_ret(madvise((void *)p, PAGE, MADV_REMOVE), 0, "MADV_REMOVE the first page");
	check(about(shmem_kb(), shmem - 4), "punched out of the object: Shmem %ld -> %ld kB", shmem, shmem_kb());
	check(((char *)p)[0] == 0 && ((char *)p)[PAGE - 1] == 0, "the hole reads zeroes");
	check(((char *)p)[PAGE] == 's', "the other page kept its bytes");
	r = madvise((void *)p, PAGE, MADV_FREE);
	check(r == -1 && errno == EINVAL, "MADV_FREE of shared memory is EINVAL (%ld, %s)", r, errname(errno));
	check_ret(__syscall2(__NR_munmap, p, 2 * PAGE), 0, "munmap");
}

static void mremap_calls(void)
{
	long p = shared_anon(2), m, d, s;
	const char *line;

	((char *)p)[0] = 'm';
	((char *)p)[PAGE] = 'n';
	m = (long)mremap((void *)p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	check(m != (long)MAP_FAILED, "mremap 2 -> 4 pages = %#lx", m);
	check(((char *)m)[0] == 'm' && ((char *)m)[PAGE] == 'n', "the pages moved with it");
	line = maps_line("/proc/self/maps", m);
	check(ends_with(line, " /dev/zero (deleted)"), "still the same object: %s", line ? line : "(none)");
	check(WIFSIGNALED(in_child(child_write, m + 2 * PAGE)) &&
	      WTERMSIG(in_child(child_read, m + 3 * PAGE)) == SIGBUS,
	      "the grown pages lie past the object's size: SIGBUS");
	d = (long)mremap((void *)m, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	check(d != (long)MAP_FAILED, "MREMAP_DONTUNMAP the first page = %#lx", d);
	check(((char *)d)[0] == 'm' && ((char *)m)[0] == 'm', "both ranges read the page");
	((char *)d)[0] = 'D';
	check(((char *)m)[0] == 'D', "a write through the new range is seen in the old: one object");
	s = (long)mremap((void *)m, 0, PAGE, MREMAP_MAYMOVE);
	check(s != (long)MAP_FAILED, "mremap old size 0: a second mapping of the object = %#lx", s);
	check(((char *)s)[0] == 'D', "it maps the same page");
	check_ret(__syscall2(__NR_munmap, m, 4 * PAGE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, d, PAGE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, s, PAGE), 0, "munmap");
}

static void mprotect_calls(void)
{
	long p = shared_anon(2);
	int status;

	((char *)p)[0] = 'r';
	check_ret(mprotect((void *)p, PAGE, PROT_READ), 0, "mprotect the first page read-only");
	status = in_child(child_write, p);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a child's write to it is SIGSEGV (%#x)", status);
	check(in_child(child_write, p + PAGE) == 0 && ((char *)p)[PAGE] == 'w',
	      "the writable page beside it is still shared");
	check_ret(mprotect((void *)p, PAGE, PROT_READ | PROT_WRITE), 0, "mprotect it back");
	check(maps_line("/proc/self/maps", p + PAGE) == NULL, "the two halves are one VMA again");
	check(in_child(child_write, p) == 0 && ((char *)p)[0] == 'w', "a child's write to it is seen again");
	check_ret(__syscall2(__NR_munmap, p, 2 * PAGE), 0, "munmap");
}

/* ---- POSIX shared memory: a file in /dev/shm, mapped by two processes ---- */

static void child_opens_shm(long unused)
{
	long fd = sys_open(SHM_DIR "/pagoda-shm", O_RDWR, 0);
	char *q = (char *)map(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	(void)unused;
	if (fd < 0 || IS_ERR((long)q) || q[0] != 'p')
		_exit(1);
	q[PAGE] = 'c';
	_exit(0);
}

static void posix_shm(void)
{
	long r = __syscall2(__NR_mkdir, (long)SHM_DIR, 01777), fd, p, shmem;
	struct stat64 st;
	const char *line;

	check(r == 0 || r == -EEXIST, "mkdir " SHM_DIR " = %s", errname(r));
	check_ret(__syscall5(__NR_mount, (long)"shm", (long)SHM_DIR, (long)"tmpfs", 0, 0), 0,
		  "mount a tmpfs on " SHM_DIR);
	shmem = shmem_kb();
	fd = sys_open(SHM_DIR "/pagoda-shm", O_CREAT | O_EXCL | O_RDWR, 0600);
	check(fd >= 0, "shm_open's open(O_CREAT|O_EXCL) = %ld", fd);
	check_ret(__syscall2(__NR_ftruncate, fd, 2 * PAGE), 0, "ftruncate 2 pages");
	p = map(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(!IS_ERR(p), "mmap it MAP_SHARED");
	line = maps_line("/proc/self/maps", p);
	check(ends_with(line, " " SHM_DIR "/pagoda-shm"), "maps names it: %s", line ? line : "(none)");
	((char *)p)[0] = 'p';
	check(in_child(child_opens_shm, 0) == 0, "a second process opened and mapped it, read and wrote");
	check(((char *)p)[PAGE] == 'c', "its write is seen here");
	check_ret(fstat64((int)fd, &st), 0, "fstat64");
	check(st.st_blocks == 2 * PAGE / 512 && st.st_size == 2 * PAGE,
	      "the pages the mappings made count in st_blocks: %llu blocks, size %lld", st.st_blocks, st.st_size);
	check(about(shmem_kb(), shmem + 8), "two pages of Shmem: %ld -> %ld kB", shmem, shmem_kb());
	check_ret(__syscall1(__NR_unlink, (long)SHM_DIR "/pagoda-shm"), 0, "shm_unlink's unlink");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check(((char *)p)[0] == 'p', "the mapping outlives the name");
	check_ret(__syscall2(__NR_munmap, p, 2 * PAGE), 0, "munmap");
	check(about(shmem_kb(), shmem), "Shmem back: %ld kB", shmem_kb());
	check_ret(__syscall2(__NR_umount2, (long)SHM_DIR, 0), 0, "umount " SHM_DIR);
	if (r == 0)
		check_ret(__syscall1(__NR_rmdir, (long)SHM_DIR), 0, "rmdir " SHM_DIR);
}

/* A fault that needs a page past the mount's size= is SIGBUS, as a write() would be -ENOSPC. */
static void fault_past_size_limit(void)
{
	long r = __syscall2(__NR_mkdir, (long)SHM_DIR, 01777), fd, p;
	int status;

	check(r == 0 || r == -EEXIST, "mkdir " SHM_DIR " = %ld", r);
	check_ret(__syscall5(__NR_mount, (long)"shm", (long)SHM_DIR, (long)"tmpfs", 0, (long)"size=8k"), 0,
		  "mount a 2-page tmpfs on " SHM_DIR);
	fd = sys_open(SHM_DIR "/full", O_CREAT | O_RDWR, 0600);
	check(fd >= 0, "create " SHM_DIR "/full = %ld", fd);
	check_ret(__syscall2(__NR_ftruncate, fd, 4 * PAGE), 0, "ftruncate it to 4 pages: holes cost nothing");
	p = map(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(!IS_ERR(p), "mmap it MAP_SHARED");
	((char *)p)[0] = 1;
	((char *)p)[PAGE] = 1;
	status = in_child(child_write, p + 2 * PAGE);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, "the third page's fault is SIGBUS (%#x)", status);
	check_ret(__syscall5(__NR_pwrite64, fd, (long)"x", 1, 2 * PAGE, 0), -ENOSPC, "and pwrite() there -ENOSPC");
	check_ret(__syscall2(__NR_munmap, p, 4 * PAGE), 0, "munmap");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall2(__NR_umount2, (long)SHM_DIR, 0), 0, "umount " SHM_DIR);
	if (r == 0)
		check_ret(__syscall1(__NR_rmdir, (long)SHM_DIR), 0, "rmdir " SHM_DIR);
}

int main(int argc, char **argv)
{
	(void)argc;
	cache_own_file(argv[0]);
	maps_names_dev_zero();
	several_children();
	shmem_counted();
	reads_take_pages();
	exit_frees_object();
	smaps_rows();
	madvise_calls();
	mremap_calls();
	mprotect_calls();
	posix_shm();
	fault_past_size_limit();
	return done();
}
