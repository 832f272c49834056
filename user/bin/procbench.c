/*
 * procbench: what processes cost, measured from a program as membench
 * measures memory: under qemu -icount shift=0 rdtsc counts guest
 * instructions (the parent's, the child's and the kernel's alike), so `make
 * bench` gets exact figures to set beside Linux 6.1's in the same QEMU.
 *
 *   fork + exit + wait   the parent has 1 MiB of touched private memory
 *   COW write fault      a child's first write to each of those pages
 *   fork + execve + exit + wait   of this program with the argument "exit"
 *   sched_yield          with nothing else to run
 *
 * With "exit" it exits at once: the small static program the third execs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>

#define __NR_fork         2
#define __NR_execve      11
#define __NR_wait4      114
#define __NR_sched_yield 158

#define PAGE 4096
#define TOUCHED_PAGES 256       /* 1 MiB */
#define FORKS 200
#define YIELDS 2000

static char touched[TOUCHED_PAGES * PAGE] __attribute__((aligned(PAGE)));

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t overhead;

static void report(const char *what, uint64_t total, unsigned long n)
{
	printf("BENCH %-36s %8lu instructions per op\n", what, (unsigned long)(total / n));
}

static void die(const char *what, long err)
{
	printf("procbench: %s failed: %ld\n", what, err);
	_exit(1);
}

static void reap(long pid)
{
	int status;

	if (pid < 0)
		die("fork", pid);
	if (__syscall4(__NR_wait4, pid, (long)&status, 0, 0) != pid || status != 0)
		die("wait4", status);
}

static void fork_exit_wait(void)
{
	uint64_t t, total = 0;
	long pid;
	int i;

	for (i = 0; i < FORKS; i++) {
		t = rdtsc();
		pid = __syscall0(__NR_fork);
		if (pid == 0)
			__syscall1(__NR_exit, 0);
		reap(pid);
		total += rdtsc() - t - overhead;
	}
	report("fork+exit+wait (1 MiB touched)", total, FORKS);
}

/* The child measures its own writes, one to each page the parent touched, and prints the figure. */
static void cow_fault(void)
{
	uint64_t t, total = 0;
	long pid;
	int i;

	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		for (i = 0; i < TOUCHED_PAGES; i++) {
			t = rdtsc();
			touched[i * PAGE] = 2;
			total += rdtsc() - t - overhead;
		}
		report("COW write fault in a forked child", total, TOUCHED_PAGES);
		__syscall1(__NR_exit, 0);
	}
	reap(pid);
}

static void fork_exec_wait(const char *self)
{
	char *argv[] = { (char *)self, "exit", NULL };
	char *envp[] = { NULL };
	uint64_t t, total = 0;
	long pid;
	int i;

	for (i = 0; i < FORKS; i++) {
		t = rdtsc();
		pid = __syscall0(__NR_fork);
		if (pid == 0) {
			__syscall3(__NR_execve, (long)self, (long)argv, (long)envp);
			__syscall1(__NR_exit, 127);
		}
		reap(pid);
		total += rdtsc() - t - overhead;
	}
	report("fork+execve+exit+wait", total, FORKS);
}

static void yield(void)
{
	uint64_t t, total = 0;
	int i;

	for (i = 0; i < YIELDS; i++) {
		t = rdtsc();
		__syscall0(__NR_sched_yield);
		total += rdtsc() - t - overhead;
	}
	report("sched_yield", total, YIELDS);
}

int main(int argc, char **argv)
{
	uint64_t t;

	if (argc == 2 && strcmp(argv[1], "exit") == 0)
		return 0;
	t = rdtsc();
	overhead = rdtsc() - t;
	memset(touched, 1, sizeof(touched));
	fork_exit_wait();
	cow_fault();
	fork_exec_wait(argv[0]);
	yield();
	printf("procbench: 4 benchmarks done\n");
	return 0;
}
