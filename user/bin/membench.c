/*
 * membench: what the memory system calls and faults cost, measured from
 * a program. Under qemu -icount shift=0 rdtsc counts guest instructions
 * (user and kernel alike), so `make bench` gets exact figures; run
 * without it, the numbers are just time. Each loop does thousands of
 * operations and prints the average.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>

#define PAGES 2000
#define ROUNDS 2000
#define PAGE 4096

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

static volatile char *fresh_area(void)
{
	void *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("membench: mmap failed\n");
		_exit(1);
	}
	return p;
}

int main(void)
{
	volatile char *a, *b;
	uint64_t t, total;
	volatile char sink;

	t = rdtsc();
	overhead = rdtsc() - t;

	/* 1. first touch is a write: a fresh zeroed page */
	a = fresh_area();
	total = 0;
	for (int i = 0; i < PAGES; i++) {
		t = rdtsc();
		a[i * PAGE] = 1;
		total += rdtsc() - t - overhead;
	}
	report("first-touch write fault", total, PAGES);
	munmap((void *)a, PAGES * PAGE);

	/* 2. first touch is a read: the shared zero page */
	b = fresh_area();
	total = 0;
	for (int i = 0; i < PAGES; i++) {
		t = rdtsc();
		sink = b[i * PAGE];
		total += rdtsc() - t - overhead;
	}
	(void)sink;
	report("read fault (zero page)", total, PAGES);

	/* 3. then a write: copy-on-write away from the zero page */
	total = 0;
	for (int i = 0; i < PAGES; i++) {
		t = rdtsc();
		b[i * PAGE] = 1;
		total += rdtsc() - t - overhead;
	}
	report("write after read (COW from zero page)", total, PAGES);
	munmap((void *)b, PAGES * PAGE);

	/* 4. mmap + munmap of one page, never touched */
	total = 0;
	for (int i = 0; i < ROUNDS; i++) {
		t = rdtsc();
		munmap(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), PAGE);
		total += rdtsc() - t - overhead;
	}
	report("mmap+munmap of one page", total, ROUNDS);

	/* 5. brk up and down by one page (raw system calls, no libc heap logic) */
	{
		long cur = __syscall1(__NR_brk, 0);

		total = 0;
		for (int i = 0; i < ROUNDS; i++) {
			t = rdtsc();
			__syscall1(__NR_brk, cur + PAGE);
			__syscall1(__NR_brk, cur);
			total += rdtsc() - t - overhead;
		}
		report("brk grow+shrink by one page", total, ROUNDS);
	}

	/* 6. the cheapest system call */
	total = 0;
	for (int i = 0; i < ROUNDS; i++) {
		t = rdtsc();
		__syscall0(__NR_getpid);
		total += rdtsc() - t - overhead;
	}
	report("getpid", total, ROUNDS);

	/* 7. read faults on file pages already in the page cache: MAP_PRIVATE, 16 pages in order */
	{
		long fd = __syscall2(__NR_open, (long)"/bin/busybox", 0);
		volatile char *f;

		if (fd < 0) {
			printf("membench: no /bin/busybox to map\n");
			return 1;
		}
		f = mmap(NULL, 16 * PAGE, PROT_READ, MAP_PRIVATE, (int)fd, 0);
		for (int i = 0; i < 16; i++)    /* brings them into the cache */
			sink = f[i * PAGE];
		munmap((void *)f, 16 * PAGE);
		total = 0;
		for (int r = 0; r < ROUNDS / 16; r++) {
			f = mmap(NULL, 16 * PAGE, PROT_READ, MAP_PRIVATE, (int)fd, 0);
			t = rdtsc();
			for (int i = 0; i < 16; i++)
				sink = f[i * PAGE];
			total += rdtsc() - t - overhead;
			munmap((void *)f, 16 * PAGE);
		}
		report("read fault, cached file page (16 in order)", total, ROUNDS / 16 * 16);

		/* 8. read() of 1 MiB from the page cache (its first pass brings the pages in) */
		static char mib[1024 * 1024];

		total = 0;
		for (int r = 0; r < 9; r++) {
			t = rdtsc();
			__syscall5(__NR_pread64, fd, (long)mib, sizeof(mib), 0, 0);
			if (r)
				total += rdtsc() - t - overhead;
		}
		report("read() of 1 MiB from the page cache", total, 8);
		__syscall1(__NR_close, fd);
	}
	printf("membench: 8 benchmarks done\n");
	return 0;
}
