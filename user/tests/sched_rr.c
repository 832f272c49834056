/*
 * The scheduler shares the CPU: a process that never makes a system call
 * is still preempted at the tick, so others run. The parent forks
 * children that each raise their own flag in shared memory and then spin
 * forever; the parent spins (no system calls) until it has seen every
 * flag. Without preemption at the timer tick the first spinner would
 * keep the CPU and this would never end. Then the children are killed
 * and reaped: SIGKILL ends a spinning process.
 */
#include <stdio.h>
#include <syscall.h>
#include <sys/mman.h>
#include "check.h"

#define NCHILD 3
#define SIGKILL 9

int main(void)
{
	volatile unsigned long *flags = mmap(0, 4096, PROT_READ | PROT_WRITE,
					    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pids[NCHILD];
	unsigned long spins = 0;
	int seen = 0;

	check(flags != MAP_FAILED, "shared anonymous page for the flags");
	for (int i = 0; i < NCHILD; i++) {
		pids[i] = __syscall0(2);        /* fork */
		if (pids[i] == 0) {
			flags[i] = 1;
			for (;;)
				flags[NCHILD + i]++;    /* spin: never a system call */
		}
		check(pids[i] > 0, "fork child %d = %ld", i, pids[i]);
	}
	while (seen != NCHILD) {
		seen = 0;
		for (int i = 0; i < NCHILD; i++)
			seen += flags[i] == 1;
		spins++;
	}
	check(1, "the spinning parent saw all %d spinning children run (%lu spins)", NCHILD, spins);
	for (int i = 0; i < NCHILD; i++) {
		int status = 0;

		check_ret(__syscall2(37, pids[i], SIGKILL), 0, "kill(child %d, SIGKILL)", i);
		check_ret(__syscall4(114, pids[i], (long)&status, 0, 0), pids[i], "wait4(child %d)", i);
		check(status == SIGKILL, "child %d was killed by SIGKILL: status %#x", i, status);
	}
	return done();
}
