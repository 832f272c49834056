/*
 * mmap, munmap and mprotect on anonymous memory, with Linux's error for each
 * bad request. Faults that must kill the program are in the die_* programs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define RW      (PROT_READ | PROT_WRITE)
#define ANON    (MAP_PRIVATE | MAP_ANONYMOUS)

static long raw_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd, long pgoff)
{
	return __syscall6(__NR_mmap2, addr, len, prot, flags, fd, pgoff);
}

static char *map(unsigned long addr, unsigned long len, int prot, int flags)
{
	long r = raw_mmap(addr, len, prot, flags, -1, 0);

	check(!IS_ERR(r) && (r & (PAGE_SIZE - 1)) == 0, "mmap(%#lx, %lu KiB) = %#lx, page aligned", addr,
	      len / 1024, r);
	return (char *)r;
}

static void bad_requests(void)
{
	check_ret(raw_mmap(0, 0, RW, ANON, -1, 0), -EINVAL, "mmap with length 0");
	check_ret(raw_mmap(0x50000123, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), -EINVAL,
		  "mmap MAP_FIXED at an unaligned address");
	check_ret(raw_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL,
		  "mmap with neither MAP_SHARED nor MAP_PRIVATE");
	check_ret(raw_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE, 99, 0), -EBADF, "mmap of fd 99");
	check_ret(raw_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE, -1, 0), -EBADF, "mmap of fd -1 without MAP_ANONYMOUS");
	check_ret(raw_mmap(0, 0xf0000000, RW, ANON, -1, 0), -ENOMEM, "mmap of 3.75 GiB");
	check_ret(raw_mmap(0, 0xfffff001, RW, ANON, -1, 0), -ENOMEM, "mmap of a length that rounds up past 4 GiB");
	check_ret(raw_mmap(0xfffff000, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM,
		  "mmap MAP_FIXED at 0xfffff000, above the user address space");
	if (!on_x86_64())       /* a 3G/1G kernel: Pagoda, Linux i386 */
		check_ret(raw_mmap(PAGE_OFFSET, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM,
			  "mmap MAP_FIXED over the kernel at %#lx", PAGE_OFFSET);
	else
		skip("mmap MAP_FIXED at %#lx: user memory on a 64-bit kernel", PAGE_OFFSET);
	check_ret(__syscall2(__NR_munmap, 0x50000123, PAGE_SIZE), -EINVAL, "munmap at an unaligned address");
	check_ret(__syscall2(__NR_munmap, 0x50000000, 0), -EINVAL, "munmap of length 0");
	check_ret(__syscall2(__NR_munmap, 0xfffff000, PAGE_SIZE), -EINVAL, "munmap above the user address space");
	check_ret(__syscall3(__NR_mprotect, 0x50000123, PAGE_SIZE, PROT_READ), -EINVAL,
		  "mprotect at an unaligned address");
}

static void zero_and_usable(void)
{
	char *p = map(0, MiB, RW, ANON);
	unsigned int *w = (unsigned int *)p;
	int nonzero = -1;

	for (unsigned long i = 0; i < MiB / 4 && nonzero < 0; i++)
		if (w[i])
			nonzero = i;
	check(nonzero < 0, "every word of 1 MiB of untouched anonymous memory reads zero");
	for (unsigned long i = 0; i < MiB; i += PAGE_SIZE)
		p[i] = p[i + PAGE_SIZE - 1] = (char)(i >> 12);
	for (unsigned long i = 0; i < MiB && nonzero < 0; i += PAGE_SIZE)
		if (p[i] != (char)(i >> 12) || p[i + PAGE_SIZE - 1] != (char)(i >> 12))
			nonzero = i;
	check(nonzero < 0, "each page keeps its own contents after writes");
	check_ret(__syscall2(__NR_munmap, (long)p, MiB), 0, "munmap of the 1 MiB");

	p = map(0, 5000, RW, ANON);
	p[8191] = 1;
	check(p[8191] == 1 && p[4999] == 0, "a 5000-byte mapping covers two whole pages");
	check_ret(__syscall2(__NR_munmap, (long)p, 5000), 0, "munmap with the same unrounded length");

	p = map(0x50000000, PAGE_SIZE, RW, ANON);
	check(p == (char *)0x50000000, "a free hint address is used as given");
	check_ret(__syscall2(__NR_munmap, (long)p, PAGE_SIZE), 0, "munmap");
	check_ret(__syscall2(__NR_munmap, (long)p, PAGE_SIZE), 0, "munmap of a range with nothing mapped");
}

static void fixed_and_noreplace(void)
{
	char *p = map(0, 3 * PAGE_SIZE, RW, ANON);
	long r;

	memset(p, 'A', 3 * PAGE_SIZE);
	r = raw_mmap((long)p + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	check_ret(r, (long)p + PAGE_SIZE, "MAP_FIXED over the middle page of a mapping");
	check(p[PAGE_SIZE] == 0 && p[2 * PAGE_SIZE - 1] == 0, "the middle page is replaced by a zero page");
	check(p[0] == 'A' && p[PAGE_SIZE - 1] == 'A' && p[2 * PAGE_SIZE] == 'A' && p[3 * PAGE_SIZE - 1] == 'A',
	      "the pages either side keep their contents");
	r = raw_mmap((long)p, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(r, -EEXIST, "MAP_FIXED_NOREPLACE over a mapping");
	check(p[0] == 'A', "and the mapping is untouched");
	check_ret(__syscall2(__NR_munmap, (long)p + PAGE_SIZE, PAGE_SIZE), 0, "munmap of the middle page");
	p[0] = 'B';
	p[2 * PAGE_SIZE] = 'C';
	check(p[0] == 'B' && p[PAGE_SIZE - 1] == 'A' && p[2 * PAGE_SIZE] == 'C' && p[3 * PAGE_SIZE - 1] == 'A',
	      "both ends are still readable and writable");
	r = raw_mmap((long)p + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(r, (long)p + PAGE_SIZE, "MAP_FIXED_NOREPLACE into the hole succeeds: the middle was unmapped");
	check(p[PAGE_SIZE] == 0, "and gives a fresh zero page");
	check_ret(__syscall2(__NR_munmap, (long)p, 3 * PAGE_SIZE), 0, "munmap of all three");
}

static void protections(void)
{
	char *p = map(0, 3 * PAGE_SIZE, RW, ANON);

	strcpy(p, "kept");
	check_ret(__syscall3(__NR_mprotect, (long)p, 2 * PAGE_SIZE, PROT_NONE), 0, "mprotect(PROT_NONE)");
	check_ret(__syscall3(__NR_mprotect, (long)p, 2 * PAGE_SIZE, RW), 0, "mprotect back to read-write");
	check(strcmp(p, "kept") == 0, "the contents survive a round trip through PROT_NONE");
	check_ret(__syscall3(__NR_mprotect, (long)p, PAGE_SIZE, PROT_READ), 0, "mprotect(PROT_READ) of the first page");
	check(strcmp(p, "kept") == 0, "a read-only page is still readable");
	p[PAGE_SIZE] = 1;
	check(p[PAGE_SIZE] == 1, "the second page is still writable");
	check_ret(__syscall3(__NR_mprotect, (long)p, PAGE_SIZE, 0x10), -EINVAL, "mprotect with unknown bits 0x10");
	check_ret(__syscall2(__NR_munmap, (long)p + 2 * PAGE_SIZE, PAGE_SIZE), 0, "munmap of the third page");
	/* Linux may change the pages before the hole: nothing below relies on them. */
	check_ret(__syscall3(__NR_mprotect, (long)p, 3 * PAGE_SIZE, PROT_READ), -ENOMEM,
		  "mprotect over a range whose last page is unmapped");
	check_ret(__syscall2(__NR_munmap, (long)p, 3 * PAGE_SIZE), 0, "munmap");

	p = map(0, PAGE_SIZE, PROT_NONE, ANON);
	check_ret(__syscall3(__NR_mprotect, (long)p, PAGE_SIZE, RW), 0, "a PROT_NONE mapping made read-write");
	p[5] = 5;
	check(p[5] == 5 && p[6] == 0, "is usable and zero");
	check_ret(__syscall3(__NR_madvise, (long)p, PAGE_SIZE, MADV_DONTNEED), 0, "madvise(MADV_DONTNEED)");
	printf("after MADV_DONTNEED the page reads %d (Linux: 0)\n", p[5]);
	check_ret(__syscall2(__NR_munmap, (long)p, PAGE_SIZE), 0, "munmap");
}

static void old_mmap(void)
{
	unsigned long args[6] = { 0, 2 * PAGE_SIZE, RW, ANON, -1UL, 0 };
	long r = __syscall1(__NR_mmap, (long)args);
	char *p = (char *)r;

	check(!IS_ERR(r) && (r & (PAGE_SIZE - 1)) == 0, "old mmap (90) with an argument block = %#lx", r);
	p[2 * PAGE_SIZE - 1] = 1;
	check(p[0] == 0 && p[2 * PAGE_SIZE - 1] == 1, "its memory is usable");
	check_ret(__syscall2(__NR_munmap, r, 2 * PAGE_SIZE), 0, "munmap");
	args[5] = 100;
	check_ret(__syscall1(__NR_mmap, (long)args), -EINVAL, "old mmap with an offset that is not page aligned");
}

/* Many small mappings with alternating protections, so that none merge. */
static void many_mappings(void)
{
	enum { N = 1000 };
	static char *pages[N];
	int bad = -1;

	for (int i = 0; i < N; i++) {
		long r = raw_mmap(0, PAGE_SIZE, i % 2 ? PROT_READ : RW, ANON, -1, 0);

		if (IS_ERR(r))
			fail("mapping %d of %d: %s", i, N, errname(r));
		pages[i] = (char *)r;
		if (i % 2 == 0)
			pages[i][0] = (char)i;
	}
	for (int i = 0; i < N && bad < 0; i++)
		if (pages[i][0] != (i % 2 ? 0 : (char)i))
			bad = i;
	check(bad < 0, "%d one-page mappings, alternately read-only and read-write, read back", N);
	for (int i = 0; i < N; i += 2)
		if (__syscall2(__NR_munmap, (long)pages[i], PAGE_SIZE) != 0)
			bad = i;
	for (int i = 1; i < N && bad < 0; i += 2)
		if (pages[i][PAGE_SIZE - 1] != 0)
			bad = i;
	check(bad < 0, "unmapping every other one leaves the rest readable");
	for (int i = 1; i < N; i += 2)
		if (__syscall2(__NR_munmap, (long)pages[i], PAGE_SIZE) != 0)
			bad = i;
	check(bad < 0, "all %d unmapped", N);
}

int main(void)
{
	bad_requests();
	zero_and_usable();
	fixed_and_noreplace();
	protections();
	old_mmap();
	many_mappings();
	return done();
}
