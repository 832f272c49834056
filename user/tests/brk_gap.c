/*
 * brk keeps Linux 6.1's gap below the next mapping (mm/mmap.c's brk: the
 * VMA after the old break, `newbrk + PAGE_SIZE > vm_start_gap(next)`):
 * a page below an ordinary mapping, and stack_guard_gap (256 pages) below
 * a MAP_GROWSDOWN one. A refused brk returns the old break.
 */
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P   PAGE_SIZE
#define GAP (256 * P)

static unsigned long raw_brk(unsigned long addr)
{
	return __syscall1(__NR_brk, addr);
}

static long map(unsigned long addr, unsigned long len, int flags)
{
	return __syscall6(__NR_mmap2, addr, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | flags, -1, 0);
}

/* With a mapping at top, how far may the break go? Tries the edges either side. */
static void edge(unsigned long b, unsigned long top, unsigned long gap, const char *what)
{
	check_ret(raw_brk(top - gap - P + 1), b, "brk into the last page before %s is refused", what);
	check_ret(raw_brk(top - gap - P), top - gap - P, "brk to a page below %s is allowed", what);
	check_ret(raw_brk(top - P), top - gap - P, "brk to a page below the mapping itself is refused");
	check_ret(raw_brk(b), b, "brk back down");
}

int main(void)
{
	unsigned long b = raw_brk(0), top = ((b + 4 * MiB) & ~(P - 1));

	check_ret(map(top, 16 * P, MAP_GROWSDOWN), top, "a MAP_GROWSDOWN mapping 4 MiB above the break");
	check_ret(raw_brk(top - 2 * MiB), top - 2 * MiB, "brk to 2 MiB below it: outside the guard gap");
	check_ret(raw_brk(top - 512 * KiB), top - 2 * MiB, "brk to 512 KiB below it: inside the gap, refused");
	check_ret(raw_brk(top - 2 * P), top - 2 * MiB, "brk to two pages below it: refused");
	check_ret(raw_brk(b), b, "brk back down");
	edge(b, top, GAP, "the stack's guard gap");
	__syscall2(__NR_munmap, top, 16 * P);

	check_ret(map(top, 16 * P, 0), top, "an ordinary mapping there instead");
	edge(b, top, 0, "it");
	__syscall2(__NR_munmap, top, 16 * P);
	return done();
}
