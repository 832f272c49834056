/*
 * membench: what the memory system calls and faults cost, measured from
 * a program. Under qemu -icount shift=0 rdtsc counts guest instructions
 * (user and kernel alike), so `make bench` gets exact figures; run
 * without it, the numbers are just time. Each loop does thousands of
 * operations and prints the average.
 *
 * membench cold: read faults on file pages not in the page cache, from
 * /dev/sda (tests/bench attaches a disk that tools/mkdisk made from a folder
 * holding "data"): /mnt/data on ext2, or, where ext2 cannot be mounted
 * (Debian's Linux has no ext2 driver loaded in the oracle), the block
 * device's own page cache. The caches are dropped before each round.
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

#define COLD_ROUNDS 32           /* rounds of 16 pages: /mnt/data holds 2 MiB */
#define __NR_mount 21
#define __NR_umount2 52
#define __NR_mkdir 39

/* Write "3" to /proc/sys/vm/drop_caches: the clean page cache goes. */
static void drop_caches(void)
{
	long fd = __syscall2(__NR_open, (long)"/proc/sys/vm/drop_caches", 1);

	if (fd < 0 || __syscall3(__NR_write, fd, (long)"3", 1) != 1) {
		printf("membench: cannot drop the caches\n");
		_exit(1);
	}
	__syscall1(__NR_close, fd);
}

/* 9. read faults on file pages not in the page cache: MAP_PRIVATE, 16 pages in order, each round cold */
static int cold(void)
{
	const char *path = "/mnt/data";
	volatile char sink;
	uint64_t t, total = 0;
	long fd;

	__syscall2(__NR_mkdir, (long)"/mnt", 0755);
	if (__syscall5(__NR_mount, (long)"/dev/sda", (long)"/mnt", (long)"ext2", 1 /* MS_RDONLY */, 0) != 0) {
		path = "/dev/sda";
		printf("membench: no ext2 here: the block device's page cache instead\n");
	}
	fd = __syscall2(__NR_open, (long)path, 0);
	if (fd < 0) {
		printf("membench: cannot open %s\n", path);
		return 1;
	}
	for (int r = 0; r < COLD_ROUNDS; r++) {
		volatile char *f;

		drop_caches();
		f = mmap(NULL, 16 * PAGE, PROT_READ, MAP_PRIVATE, (int)fd, (long)r * 16 * PAGE);
		if (f == MAP_FAILED) {
			printf("membench: cannot map %s\n", path);
			return 1;
		}
		t = rdtsc();
		for (int i = 0; i < 16; i++)
			sink = f[i * PAGE];
		total += rdtsc() - t - overhead;
		munmap((void *)f, 16 * PAGE);
	}
	(void)sink;
	__syscall1(__NR_close, fd);
	if (path[1] == 'm')
		__syscall2(__NR_umount2, (long)"/mnt", 0);
	report("read fault, file page not cached (16)", total, COLD_ROUNDS * 16);
	printf("membench: cold done\n");
	return 0;
}

int main(int argc, char **argv)
{
	volatile char *a, *b;
	uint64_t t, total;
	volatile char sink;

	t = rdtsc();
	overhead = rdtsc() - t;
	if (argc > 1 && argv[1][0] == 'c')
		return cold();

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
