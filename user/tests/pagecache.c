/*
 * The page cache from outside, as Linux 6.1 shows it. read() and a
 * private mapping of a file see the same bytes. A file page mapped twice
 * is one frame: /proc/self/smaps counts it Shared_* in both mappings,
 * and in a child after fork; a second mapping's first touch is a minor
 * fault (getrusage). A private write makes an anonymous copy that read()
 * and the other mappings do not see. msync, fsync, fdatasync, sync and
 * syncfs answer with Linux's errnos (0 for files kept in memory, as the
 * initramfs's are); sendfile copies from the cache with Linux's checks,
 * to a file or into a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define NR_getrusage   77
#define NR_fsync       118
#define NR_msync       144
#define NR_fdatasync   148
#define NR_sendfile    187
#define NR_sendfile64  239
#define NR_syncfs      344

#ifndef F_SETFL
#define F_SETFL       4
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK    04000
#endif

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

#define FILE_203 "/etc/203-bytes"       /* 'a'..'z' repeated, then '\n' */
#define SELF "/tests/pagecache"

static long map(long fd, unsigned long len, int prot, int flags, unsigned long pgoff)
{
	return __syscall6(__NR_mmap2, 0, len, prot, flags, fd, (long)pgoff);
}

static char smaps[64 * 1024];

/* The smaps row name (e.g. "Shared_Clean:") of the VMA starting at addr, in kB; -1 if not found. */
static long smaps_kb(unsigned long addr, const char *name);

/*
 * Private_Clean + Private_Dirty, or the Shared_ pair: a file page of a
 * file kept in memory is dirty on Linux (ramfs, tmpfs), clean where a
 * disk holds it; either way it is private when mapped once.
 */
static long smaps_both_kb(unsigned long addr, const char *which)
{
	char clean[24], dirty[24];

	snprintf(clean, sizeof(clean), "%s_Clean:", which);
	snprintf(dirty, sizeof(dirty), "%s_Dirty:", which);
	return smaps_kb(addr, clean) + smaps_kb(addr, dirty);
}

static long smaps_kb(unsigned long addr, const char *name)
{
	long fd = __syscall2(__NR_open, (long)"/proc/self/smaps", O_RDONLY), n, got = 0;
	char head[32];
	const char *p, *row;

	if (fd < 0)
		return -1;
	while ((n = __syscall3(__NR_read, fd, (long)smaps + got, (long)sizeof(smaps) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	smaps[got] = '\0';
	snprintf(head, sizeof(head), "%08lx-", addr);
	for (p = smaps; p && strncmp(p, head, strlen(head)); p = strchr(p, '\n'), p = p ? p + 1 : p)
		;
	if (!p)
		return -1;
	row = strstr(p, name);
	if (!row)
		return -1;
	return strtol(row + strlen(name), NULL, 10);
}

struct rusage_words {
	long utime[2], stime[2];
	long maxrss, ixrss, idrss, isrss, minflt, majflt, rest[8];
};

static void faults(long *minflt, long *majflt)
{
	struct rusage_words r;

	__syscall2(NR_getrusage, 0, (long)&r);
	*minflt = r.minflt;
	*majflt = r.majflt;
}

static void read_and_map_agree(void)
{
	static char buf[256 * 1024];
	long fd = __syscall2(__NR_open, (long)SELF, O_RDONLY), size = 0, n, m;

	check(fd >= 0, "open %s = %ld", SELF, fd);
	while ((n = __syscall3(__NR_read, fd, (long)buf + size, (long)sizeof(buf) - size)) > 0)
		size += n;
	check(size > (long)PAGE_SIZE && size < (long)sizeof(buf), "read() gives its %ld bytes", size);
	m = map(fd, (unsigned long)size, PROT_READ, MAP_PRIVATE, 0);
	check(!IS_ERR(m), "mmap of all of it = %#lx", m);
	check(memcmp((const void *)m, buf, (size_t)size) == 0, "the mapping holds what read() gave");
	check_ret(__syscall3(__NR_lseek, fd, 5000, 0), 5000, "lseek to 5000");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 10), 10, "read 10 bytes there");
	check(memcmp(buf, (const char *)m + 5000, 10) == 0, "the same as the mapping's bytes 5000..5009");
	check_ret(__syscall2(__NR_munmap, m, size), 0, "munmap");
	__syscall1(__NR_close, fd);
}

static void one_frame_for_every_mapping(void)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY), a, b, c, min0, maj0, min1, maj1, pid;
	int status = 0;
	char byte = 0;

	check(fd >= 0, "open %s = %ld", FILE_203, fd);
	a = map(fd, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0);
	b = map(fd, PAGE_SIZE, PROT_READ, MAP_SHARED, 0);
	c = map(fd, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	check(!IS_ERR(a) && !IS_ERR(b) && !IS_ERR(c), "three mappings of its page: %#lx %#lx %#lx", a, b, c);
	check(*(volatile const char *)a == 'a', "the first reads 'a'");
	check_ret(smaps_both_kb(a, "Private"), 4, "smaps: mapped once, it is Private_*");
	faults(&min0, &maj0);
	check(*(volatile const char *)b == 'a', "the shared one reads 'a'");
	faults(&min1, &maj1);
	check(min1 - min0 >= 1 && maj1 == maj0, "its fault was minor: the page was in the cache (+%ld minor, +%ld major)",
	      min1 - min0, maj1 - maj0);
	check_ret(smaps_both_kb(a, "Shared"), 4, "smaps: mapped twice, the first mapping's page is Shared_*");
	check_ret(smaps_both_kb(b, "Shared"), 4, "and the second's: one frame");
	check_ret(smaps_kb(b, "Rss:"), 4, "Rss of the second is its one page");

	/* a private write copies: nobody else sees it */
	check(*(volatile const char *)c == 'a', "the private writable one reads 'a'");
	*(volatile char *)c = 'Z';
	check(*(volatile const char *)a == 'a' && *(volatile const char *)b == 'a',
	      "after a private write the other mappings still read 'a'");
	check_ret(__syscall5(__NR_pread64, fd, (long)&byte, 1, 0, 0), 1, "pread of byte 0");
	check(byte == 'a', "read() still sees 'a', not the private 'Z'");
	check_ret(smaps_kb(c, "Private_Dirty:"), 4, "smaps: the written copy is Private_Dirty");
	check_ret(smaps_kb(c, "Anonymous:"), 4, "and Anonymous");
	check_ret(smaps_kb(a, "Anonymous:"), 0, "the file page is not Anonymous");

	/* fork: the child maps the same frame */
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		/* touched first: Linux's fork copies no PTEs of a file VMA without private pages */
		int ok = *(volatile const char *)a == 'a' && *(volatile const char *)c == 'Z' &&
			 smaps_both_kb(a, "Shared") == 4;

		__syscall1(__NR_exit, ok ? 0 : 1);
	}
	check(pid > 0, "fork = %ld", pid);
	check_ret(__syscall4(__NR_wait4, pid, (long)&status, 0, 0), pid, "wait4");
	check(status == 0, "the child sees the file page Shared_* and its own copy of the private one (%#x)",
	      status);
	__syscall2(__NR_munmap, a, PAGE_SIZE);
	__syscall2(__NR_munmap, b, PAGE_SIZE);
	__syscall2(__NR_munmap, c, PAGE_SIZE);
	__syscall1(__NR_close, fd);
}

static void msync_errors(void)
{
	long a = map(-1, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY), s;

	check(!IS_ERR(a), "three anonymous pages at %#lx", a);
	check_ret(__syscall3(NR_msync, a, PAGE_SIZE, 8), -EINVAL, "msync with an unknown flag");
	check_ret(__syscall3(NR_msync, a + 1, PAGE_SIZE, MS_SYNC), -EINVAL, "msync of an unaligned start");
	check_ret(__syscall3(NR_msync, a, PAGE_SIZE, MS_SYNC | MS_ASYNC), -EINVAL, "msync MS_SYNC|MS_ASYNC");
	check_ret(__syscall3(NR_msync, a, 0, MS_SYNC), 0, "msync of 0 bytes");
	check_ret(__syscall3(NR_msync, a, 1, MS_SYNC), 0, "msync of anonymous memory, MS_SYNC");
	check_ret(__syscall3(NR_msync, a, 3 * PAGE_SIZE, MS_ASYNC), 0, "MS_ASYNC");
	check_ret(__syscall3(NR_msync, a, 3 * PAGE_SIZE, MS_INVALIDATE), 0, "MS_INVALIDATE");
	check_ret(__syscall3(NR_msync, a, 3 * PAGE_SIZE, 0), 0, "no flags at all");
	check_ret(__syscall3(NR_msync, a, -PAGE_SIZE, MS_SYNC), -ENOMEM, "a length that wraps");
	check_ret(__syscall2(__NR_munmap, a + PAGE_SIZE, PAGE_SIZE), 0, "munmap of the middle page");
	check_ret(__syscall3(NR_msync, a, 3 * PAGE_SIZE, MS_SYNC), -ENOMEM, "MS_SYNC over the hole");
	check_ret(__syscall3(NR_msync, a, 3 * PAGE_SIZE, MS_ASYNC), -ENOMEM, "MS_ASYNC over the hole");
	check_ret(__syscall3(NR_msync, a + PAGE_SIZE, PAGE_SIZE, MS_SYNC), -ENOMEM, "MS_SYNC of the hole alone");
	check_ret(__syscall3(NR_msync, a + PAGE_SIZE, 2 * PAGE_SIZE, MS_INVALIDATE), -ENOMEM,
		  "MS_INVALIDATE from the hole on");
	__syscall2(__NR_munmap, a, 3 * PAGE_SIZE);
	s = map(fd, PAGE_SIZE, PROT_READ, MAP_SHARED, 0);
	check(!IS_ERR(s), "a shared mapping of %s", FILE_203);
	check(*(volatile const char *)s == 'a', "reads 'a'");
	check_ret(__syscall3(NR_msync, s, PAGE_SIZE, MS_SYNC), 0, "msync MS_SYNC of it (a file in memory)");
	check_ret(__syscall3(NR_msync, s, PAGE_SIZE, MS_ASYNC | MS_INVALIDATE), 0, "MS_ASYNC|MS_INVALIDATE");
	__syscall2(__NR_munmap, s, PAGE_SIZE);
	__syscall1(__NR_close, fd);
}

static void fsync_and_sync(void)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY);
	long dir = __syscall2(__NR_open, (long)"/", O_RDONLY | O_DIRECTORY);
	long null = __syscall2(__NR_open, (long)"/dev/null", O_WRONLY);
	int p[2];

	check(fd >= 0 && dir >= 0 && null >= 0, "open a file, / and /dev/null");
	check_ret(__syscall1(NR_fsync, fd), 0, "fsync of a file of the initramfs");
	check_ret(__syscall1(NR_fdatasync, fd), 0, "fdatasync of it");
	check_ret(__syscall1(NR_fsync, dir), 0, "fsync of /");
	check_ret(__syscall1(NR_fsync, null), -EINVAL, "fsync of /dev/null");
	check_ret(__syscall1(NR_fsync, -1), -EBADF, "fsync(-1)");
	check_ret(__syscall1(NR_fdatasync, 999), -EBADF, "fdatasync of a closed descriptor");
	check_ret(__syscall1(__NR_pipe, (long)p), 0, "pipe");
	check_ret(__syscall1(NR_fsync, p[0]), -EINVAL, "fsync of a pipe");
	check_ret(__syscall1(NR_fdatasync, p[1]), -EINVAL, "fdatasync of a pipe");
	check_ret(__syscall0(__NR_sync), 0, "sync");
	check_ret(__syscall1(NR_syncfs, fd), 0, "syncfs");
	check_ret(__syscall1(NR_syncfs, -1), -EBADF, "syncfs(-1)");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
	__syscall1(__NR_close, null);
	__syscall1(__NR_close, dir);
	__syscall1(__NR_close, fd);
}

static void sendfile_checks(void)
{
	long in = __syscall2(__NR_open, (long)FILE_203, O_RDONLY);
	long out = __syscall2(__NR_open, (long)"/dev/null", O_WRONLY);
	long rdonly = __syscall2(__NR_open, (long)"/dev/null", O_RDONLY);
	long append = __syscall2(__NR_open, (long)"/dev/null", O_WRONLY | O_APPEND);
	long long off64;
	long off;
	int p[2];

	check(in >= 0 && out >= 0 && rdonly >= 0 && append >= 0, "open the file and /dev/null three ways");
	check_ret(__syscall4(NR_sendfile64, out, in, 0, 100), 100, "sendfile64 of 100 bytes from its position");
	check_ret(__syscall3(__NR_lseek, in, 0, 1), 100, "which moved it to 100");
	off64 = 150;
	check_ret(__syscall4(NR_sendfile64, out, in, (long)&off64, 1000), 53, "from offset 150: the 53 left");
	check(off64 == 203, "the offset moved to 203 (%lld)", off64);
	check_ret(__syscall3(__NR_lseek, in, 0, 1), 100, "and the file's position stayed at 100");
	check_ret(__syscall4(NR_sendfile64, out, in, (long)&off64, 10), 0, "at the end of the file: 0");
	off = 0;
	check_ret(__syscall4(NR_sendfile, out, in, (long)&off, 10), 10, "sendfile with a 32-bit offset");
	check(off == 10, "moved it to 10 (%ld)", off);
	check_ret(__syscall4(NR_sendfile64, out, -1, 0, 10), -EBADF, "a bad in_fd");
	check_ret(__syscall4(NR_sendfile64, -1, in, 0, 10), -EBADF, "a bad out_fd");
	check_ret(__syscall4(NR_sendfile64, rdonly, in, 0, 10), -EBADF, "out_fd not open for writing");
	check_ret(__syscall4(NR_sendfile64, out, out, 0, 10), -EBADF, "in_fd not open for reading");
	check_ret(__syscall4(NR_sendfile64, append, in, 0, 10), -EINVAL, "out_fd opened O_APPEND");
	off64 = -1;
	check_ret(__syscall4(NR_sendfile64, out, in, (long)&off64, 10), -EINVAL, "a negative offset");
	check_ret(__syscall4(NR_sendfile64, out, in, 16, 10), -EFAULT, "an offset pointer into nothing");
	check_ret(__syscall1(__NR_pipe, (long)p), 0, "pipe");
	off64 = 0;
	check_ret(__syscall4(NR_sendfile64, out, p[0], (long)&off64, 10), -ESPIPE, "an offset on a pipe");
	{
		char want[203], got[256];

		check_ret(__syscall3(__NR_lseek, in, 0, 0), 0, "back to the start");
		check_ret(__syscall3(__NR_read, in, (long)want, sizeof(want)), 203, "read the file");
		off64 = 3;
		check_ret(__syscall4(NR_sendfile64, p[1], in, (long)&off64, 100), 100, "sendfile into a pipe");
		check(off64 == 103, "moved the offset to 103 (%lld)", off64);
		check_ret(__syscall4(NR_sendfile64, p[1], in, (long)&off64, 1000), 100, "and the rest of the file after it");
		check_ret(__syscall3(__NR_read, p[0], (long)got, sizeof(got)), 200, "the pipe holds the 200 bytes");
		check(!memcmp(got, want + 3, 200), "the file's bytes from 3 on, in order");
		check_ret(__syscall3(__NR_fcntl, p[1], F_SETFL, O_APPEND), 0, "make the pipe's write end O_APPEND");
		off64 = 0;
		check_ret(__syscall4(NR_sendfile64, p[1], in, (long)&off64, 10), 10, "a pipe takes it O_APPEND too");
		check_ret(__syscall3(__NR_read, p[0], (long)got, sizeof(got)), 10, "the 10 bytes came through");
		check_ret(__syscall3(__NR_fcntl, p[1], F_SETFL, O_NONBLOCK), 0, "make it O_NONBLOCK");
		while (__syscall3(__NR_write, p[1], (long)want, sizeof(want)) > 0)
			;
		off64 = 0;
		check_ret(__syscall4(NR_sendfile64, p[1], in, (long)&off64, 10), -EAGAIN,
			  "into a full O_NONBLOCK pipe");
		check(off64 == 0, "which left the offset alone (%lld)", off64);
	}
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
	__syscall1(__NR_close, append);
	__syscall1(__NR_close, rdonly);
	__syscall1(__NR_close, out);
	__syscall1(__NR_close, in);
}

int main(void)
{
	read_and_map_agree();
	one_frame_for_every_mapping();
	msync_errors();
	fsync_and_sync();
	sendfile_checks();
	return done();
}
