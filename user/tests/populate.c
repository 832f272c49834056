/*
 * MAP_POPULATE maps pages in at mmap time, and what it maps obeys the
 * mapping's protection as a fault would: for anonymous and file mappings
 * and every protection, a page must be readable exactly when the
 * protection allows reads (PROT_WRITE and PROT_EXEC imply it on i386) and
 * writable exactly when it allows writes. The kernel's own accesses are
 * the probes: open() reads a path from the page (-EFAULT if it may not be
 * read) and read() writes a byte into it (-EFAULT if it may not be
 * written). die_populate checks the same from user mode.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define FILE_203 "/etc/203-bytes"

static const struct { int prot; const char *name; int readable, writable; } prots[] = {
	{ PROT_NONE, "PROT_NONE", 0, 0 },
	{ PROT_READ, "PROT_READ", 1, 0 },
	{ PROT_WRITE, "PROT_WRITE", 1, 1 },
	{ PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE", 1, 1 },
	{ PROT_EXEC, "PROT_EXEC", 1, 0 },
	{ PROT_READ | PROT_EXEC, "PROT_READ|PROT_EXEC", 1, 0 },
};

static int readable(const char *p)
{
	long r = __syscall2(__NR_open, (long)p, O_RDONLY);

	if (r >= 0)
		__syscall1(__NR_close, r);
	return r != -EFAULT;
}

static int writable(int fd, char *p)
{
	long r;

	__syscall3(__NR_lseek, fd, 0, 0);
	r = __syscall3(__NR_read, fd, (long)p, 1);
	check(r == 1 || r == -EFAULT, "read() into the page: 1 or -EFAULT, got %ld", r);
	return r == 1;
}

static void populate(int fd, int file)
{
	for (unsigned int i = 0; i < sizeof(prots) / sizeof(prots[0]); i++) {
		long r = __syscall6(__NR_mmap2, 0, PAGE_SIZE, prots[i].prot,
				    MAP_PRIVATE | MAP_POPULATE | (file ? 0 : MAP_ANONYMOUS), file ? fd : -1, 0);
		char *p = (char *)r;

		check(!IS_ERR(r), "mmap(%s, MAP_POPULATE) of %s = %#lx", prots[i].name,
		      file ? FILE_203 : "anonymous memory", r);
		check(readable(p) == prots[i].readable, "%s %s: %s", file ? "file" : "anonymous",
		      prots[i].name, prots[i].readable ? "readable" : "faults on read");
		check(writable(fd, p) == prots[i].writable, "%s %s: %s", file ? "file" : "anonymous",
		      prots[i].name, prots[i].writable ? "writable" : "faults on write");
		if (prots[i].writable)
			check(p[0] == 'a', "the byte read() wrote is there: %#x", p[0]);
		else if (prots[i].readable)
			check(p[0] == (file ? 'a' : 0), "the page holds what it should: %#x", p[0]);
		check_ret(__syscall2(__NR_munmap, r, PAGE_SIZE), 0, "munmap");
	}
}

/* mprotect after populate rewrites the entries the same way. */
static void mprotect_after_populate(int fd)
{
	long r = __syscall6(__NR_mmap2, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	char *p = (char *)r;

	check(!IS_ERR(r), "mmap(PROT_READ|PROT_WRITE, MAP_POPULATE) = %#lx", r);
	check(writable(fd, p), "populated read-write: writable");
	check_ret(__syscall3(__NR_mprotect, r, PAGE_SIZE, PROT_NONE), 0, "mprotect(PROT_NONE)");
	check(!readable(p), "then faults on read");
	check_ret(__syscall3(__NR_mprotect, r, PAGE_SIZE, PROT_READ), 0, "mprotect(PROT_READ)");
	check(readable(p) && !writable(fd, p), "then readable, not writable");
	check(p[0] == 'a', "and the page kept its byte: %#x", p[0]);
	check_ret(__syscall3(__NR_mprotect, r, PAGE_SIZE, PROT_READ | PROT_WRITE), 0,
		  "mprotect(PROT_READ|PROT_WRITE)");
	check(writable(fd, p), "then writable again");
	check_ret(__syscall2(__NR_munmap, r, PAGE_SIZE), 0, "munmap");
}

int main(void)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY);

	check(fd >= 0, "open %s = %ld", FILE_203, fd);
	populate(fd, 0);
	populate(fd, 1);
	mprotect_after_populate(fd);
	return done();
}
