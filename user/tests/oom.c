/*
 * Running out of RAM: map and write 4 MiB at a time until something gives.
 * Either mmap says ENOMEM (a kernel that counts what it promised) or, as on
 * Linux, a page fault finds no free page and the kernel kills the program
 * (SIGKILL, status 137). Both are fine; a kernel panic or hang is not. On a
 * kernel without Pagoda's free page count the program stops at 512 MiB.
 */
#include <errno.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define CHUNK (4 * MiB)

int main(void)
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
