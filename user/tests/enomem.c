/*
 * Running out of address space is an error, not a crash: mmap 64 MiB at a
 * time until the kernel says ENOMEM, then sbrk 16 MiB at a time until it does,
 * give everything back and check that memory can be had again. Nothing is
 * touched, so with demand paging mmap hands out far more address space than
 * there is RAM. (Linux refuses only a single request larger than RAM; Pagoda
 * also caps the heap as a whole at the size of RAM.)
 */
#include <errno.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define CHUNK (64 * MiB)

static void *maps[64];

int main(void)
{
	int n = 0;
	long r = 0;
	char *brk0, *p;
	unsigned long grown = 0;

	while (n < 64) {
		r = __syscall6(__NR_mmap2, 0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (IS_ERR(r))
			break;
		maps[n++] = (void *)r;
		*(volatile char *)r = 1;        /* one page each, so they are real */
	}
	check_ret(r, -ENOMEM, "mmap of 64 MiB chunks ends with ENOMEM after %d chunks (%d MiB)", n, n * 64);
	check(n >= 8, "at least 512 MiB of address space could be mapped, more than the RAM of a test run");
	for (int i = 0; i < n; i++)
		if (munmap(maps[i], CHUNK) != 0)
			fail("munmap of chunk %d", i);
	/* the first and the last chunk's addresses are free again: mapping there exactly works */
	for (int i = 0; i < n; i += n - 1 > 0 ? n - 1 : 1) {
		r = __syscall6(__NR_mmap2, (long)maps[i], CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		check_ret(r, (long)maps[i], "all %d chunks unmapped: chunk %d's range can be mapped again", n, i);
		if (!IS_ERR(r))
			munmap((void *)r, CHUNK);
	}

	brk0 = sbrk(0);
	errno = 0;
	while ((p = sbrk(16 * MiB)) != (void *)-1) {
		p[0] = 1;
		grown += 16 * MiB;
	}
	check(errno == ENOMEM, "sbrk(16 MiB) steps end with ENOMEM after %lu MiB", grown / MiB);
	check(grown >= 64 * MiB, "the heap grew by at least 64 MiB first");
	check(brk(brk0) == 0 && sbrk(0) == brk0, "brk gives it all back");

	p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "afterwards mmap of 64 MiB works again");
	p[CHUNK - 1] = 1;
	check(munmap(p, CHUNK) == 0, "and munmap");
	p = sbrk(PAGE_SIZE);
	check(p != (void *)-1, "and so does sbrk");
	p[0] = 1;
	return done();
}
