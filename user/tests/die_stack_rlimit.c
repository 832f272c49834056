/*
 * Must be killed: a MAP_GROWSDOWN mapping grows to exactly 8 MiB (RLIMIT_STACK, which growsdown
 * checks), then a store one page further down would make it 8 MiB + 1 page: Linux's
 * acct_stack_growth refuses, and the fault is a segfault, error 6 (user write, not present).
 */
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

int main(void)
{
	unsigned long top = 0x30000000, addr;
	long g = __syscall6(__NR_mmap2, top, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE, -1, 0);

	if (g != (long)top)
		fail("mmap MAP_GROWSDOWN at %#lx = %#lx", top, g);
	poke(top + PAGE_SIZE - 8 * MiB, 1);
	printf("die_stack_rlimit: grown to exactly 8 MiB\n");
	addr = top + PAGE_SIZE - 8 * MiB - 4;
	printf("die_stack_rlimit: writing address %#010lx\n", addr);
	poke(addr, 1);
	fail("a MAP_GROWSDOWN mapping grew past 8 MiB");
}
