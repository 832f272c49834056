/*
 * Running out of RAM: map and write 4 MiB at a time until something gives.
 * Either mmap says ENOMEM (a kernel that counts what it promised) or, as on
 * Linux, a page fault finds no free page and the kernel kills the program
 * (SIGKILL, status 137). Both are fine; a kernel panic or hang is not. On a
 * kernel without Pagoda's free page count the program stops at 512 MiB.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define CHUNK (4 * MiB)

#define __NR_fork_ 2             /* i386 numbers the libc's syscall.h lacks */
#define __NR_wait4_ 114

/* /proc/vmstat's oom_kill: processes the OOM handling killed; -1 if it cannot be read. */
static long oom_kills(void)
{
	static char text[16384];
	long fd = __syscall2(__NR_open, (long)"/proc/vmstat", 0), n = 0, r;
	const char *p;

	if (fd < 0)
		return -1;
	while (n < (long)sizeof(text) - 1 && (r = __syscall3(__NR_read, fd, (long)text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	__syscall1(__NR_close, fd);
	text[n] = '\0';
	p = strstr(text, "\noom_kill ");
	return p ? strtol(p + 10, NULL, 10) : -1;
}

static int hog(void);

/* The hog runs in a child: when the kernel kills it (SIGKILL), /proc/vmstat's oom_kill counts one more. */
int main(void)
{
	long before = oom_kills(), pid = __syscall0(__NR_fork_);
	int status = 0;

	if (pid == 0)
		return hog();
	check(pid > 0, "fork the hog: %ld", pid);
	check_ret(__syscall4(__NR_wait4_, pid, (long)&status, 0, 0), pid, "wait for it");
	if ((status & 0x7f) == 9)
		check(oom_kills() == before + 1, "killed: oom_kill went from %ld to %ld", before, oom_kills());
	else
		check((status & 0x7f) == 0 && oom_kills() == before,
		      "not killed (status %#x): oom_kill unchanged at %ld", status, before);
	return done();
}

static int hog(void)
{
	unsigned long limit = on_pagoda() ? ~0UL : 512 * MiB, total = 0;
	long r;

	printf("oom: free pages at start: %ld\n", free_pages());
	while (total < limit) {
		r = __syscall6(__NR_mmap2, 0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (IS_ERR(r)) {
			check_ret(r, -ENOMEM, "mmap failed cleanly after %lu MiB were written", total / MiB);
			return done();
		}
		for (unsigned long i = 0; i < CHUNK; i += PAGE_SIZE)
			((volatile char *)r)[i] = 1;
		total += CHUNK;
		if (total % (32 * MiB) == 0)
			printf("oom: %lu MiB written, %ld pages free\n", total / MiB, free_pages());
	}
	skip("stopped at %lu MiB: not Pagoda, so the host's RAM is not this test's to exhaust", total / MiB);
	return done();
}
