/*
 * Truncating a file reaches every mapping of it (the kernel finds them
 * through the file's reverse map, its i_mmap), wherever the mapping is
 * now and whoever holds it: a shared mapping moved by mremap and then cut
 * in two by munmap, the same mapping in a forked child, and a private
 * mapping's copy-on-write page (Linux's truncate unmaps those too). Each
 * of those pages had a page-table entry before the truncation; touching
 * one past the new end is SIGBUS afterwards, while the first page still
 * reads its bytes everywhere.
 *
 * A child touches what the parent cannot afford to be killed by; its wait
 * status says whether the touch was refused (SIGBUS) or not (exit 0).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#ifndef __NR_fork
#define __NR_fork 2
#endif
#ifndef __NR_wait4
#define __NR_wait4 114
#endif
#ifndef __NR_ftruncate
#define __NR_ftruncate 93
#endif
#ifndef __NR_unlink
#define __NR_unlink 10
#endif

#define P       4096UL
#define PAGES   4
#define PATH    "/tmp/mapped_truncate"
#define SIGBUS_ 7               /* i386's SIGBUS */

/* Reap pid: its wait status (exit code << 8, or the signal), or a -errno. */
static long reap(long pid)
{
	int status = -1;
	long r = __syscall4(__NR_wait4, pid, (long)&status, 0, 0);

	return r < 0 ? r : r == pid ? status : -1;
}

/* A child reads the byte at addr and exits 0 if it is want (else 1); its wait status. */
static long touch_in_child(unsigned long addr, unsigned char want)
{
	long pid = __syscall0(__NR_fork);

	if (pid == 0)
		_exit(*(volatile unsigned char *)addr == want ? 0 : 1);
	return pid < 0 ? pid : reap(pid);
}

static void wait_byte(long fd)
{
	char c;

	if (__syscall3(__NR_read, fd, (long)&c, 1) != 1)
		_exit(2);
}

static void send_byte(long fd)
{
	if (__syscall3(__NR_write, fd, (long)"x", 1) != 1)
		_exit(2);
}

int main(void)
{
	static char page[P];
	int ready[2], go[2];
	unsigned char *m, *p, *moved;
	long fd, pid, status;

	fd = __syscall3(__NR_open, (long)PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail("open %s: %s", PATH, errname(fd));
	for (int i = 0; i < PAGES; i++) {
		memset(page, 'a' + i, sizeof(page));
		check_ret(__syscall3(__NR_write, fd, (long)page, P), (long)P, "write page %d", i);
	}
	m = mmap(NULL, PAGES * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, PAGES * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED || p == MAP_FAILED)
		fail("mmap");
	p[3 * P] = 'X';                 /* a private copy of page 3 */
	check(m[2 * P] == 'c' && p[2 * P] == 'c', "both mappings read page 2");

	/* move the shared mapping over a reserved range, then cut page 1 out of it */
	moved = mmap(NULL, PAGES * P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (moved == MAP_FAILED)
		fail("mmap a destination");
	check_ret(__syscall5(__NR_mremap, (long)m, PAGES * P, PAGES * P, MREMAP_MAYMOVE | MREMAP_FIXED,
			     (long)moved), (long)moved, "mremap the shared mapping elsewhere");
	check(moved[2 * P] == 'c' && moved[3 * P] == 'd', "it reads pages 2 and 3 at its new place");
	check_ret(munmap(moved + P, P), 0, "munmap its page 1: two mappings now");

	/* a child with the same mappings waits while the parent truncates */
	if (__syscall1(__NR_pipe, (long)ready) || __syscall1(__NR_pipe, (long)go))
		fail("pipe");
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		if (moved[2 * P] != 'c' || p[3 * P] != 'X')
			_exit(1);
		send_byte(ready[1]);
		wait_byte(go[0]);
		(void)*(volatile unsigned char *)(moved + 2 * P);      /* SIGBUS: past the end now */
		_exit(3);
	}
	check(pid > 0, "fork");
	wait_byte(ready[0]);
	check_ret(__syscall2(__NR_ftruncate, fd, P + 100), 0, "ftruncate to one page and 100 bytes");
	send_byte(go[1]);
	status = reap(pid);
	check(status == SIGBUS_, "the child's page 2 of the moved mapping is gone: SIGBUS (status %#lx)", status);

	check_ret(touch_in_child((unsigned long)moved + 2 * P, 'c'), SIGBUS_, "page 2 of the moved mapping: SIGBUS");
	check_ret(touch_in_child((unsigned long)moved + 3 * P, 'd'), SIGBUS_, "page 3 of the moved mapping: SIGBUS");
	check_ret(touch_in_child((unsigned long)p + 3 * P, 'X'), SIGBUS_,
		  "the private copy of page 3 went too: SIGBUS");
	check_ret(touch_in_child((unsigned long)p + 2 * P, 'c'), SIGBUS_, "page 2 of the private mapping: SIGBUS");
	check_ret(touch_in_child((unsigned long)moved, 'a'), 0, "page 0 of the moved mapping reads 'a'");
	check_ret(touch_in_child((unsigned long)p + P + 99, 'b'), 0, "the private mapping reads the kept byte of page 1");
	check(moved[0] == 'a' && p[0] == 'a', "and so does the parent");

	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall1(__NR_unlink, (long)PATH), 0, "unlink");
	return done();
}
