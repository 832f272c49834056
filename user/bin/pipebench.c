/*
 * pipebench: a one-byte round trip through two pipes between a parent and
 * its child (the parent writes a byte, the child reads it and writes it
 * back, the parent reads it), counted as membench and procbench count:
 * under qemu -icount shift=0 rdtsc counts guest instructions, both
 * processes' and the kernel's, so `make bench` sets it beside Linux 6.1's.
 */
#include <stdint.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>

#define __NR_fork   2
#define __NR_wait4  114
#define ROUND_TRIPS 2000

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
	int to_child[2], to_parent[2], status;
	uint64_t t, overhead, total;
	long pid;
	char c = 'x';

	t = rdtsc();
	overhead = rdtsc() - t;
	if (__syscall1(__NR_pipe, (long)to_child) || __syscall1(__NR_pipe, (long)to_parent)) {
		printf("pipebench: pipe failed\n");
		return 1;
	}
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		for (int i = 0; i <= ROUND_TRIPS; i++) {
			if (__syscall3(__NR_read, to_child[0], (long)&c, 1) != 1 ||
			    __syscall3(__NR_write, to_parent[1], (long)&c, 1) != 1)
				__syscall1(__NR_exit, 1);
		}
		__syscall1(__NR_exit, 0);
	}
	/* one round trip first, so both processes have run and faulted their pages in */
	__syscall3(__NR_write, to_child[1], (long)&c, 1);
	__syscall3(__NR_read, to_parent[0], (long)&c, 1);
	t = rdtsc();
	for (int i = 0; i < ROUND_TRIPS; i++) {
		__syscall3(__NR_write, to_child[1], (long)&c, 1);
		__syscall3(__NR_read, to_parent[0], (long)&c, 1);
	}
	total = rdtsc() - t - overhead;
	if (__syscall4(__NR_wait4, pid, (long)&status, 0, 0) != pid || status != 0) {
		printf("pipebench: the child failed (%#x)\n", status);
		return 1;
	}
	printf("BENCH %-36s %8lu instructions per op\n", "pipe round trip of one byte", (unsigned long)(total / ROUND_TRIPS));
	printf("pipebench: 1 benchmark done\n");
	return 0;
}
