/*
 * mremap: growing in place, refusing to move without MREMAP_MAYMOVE, moving, shrinking, MREMAP_FIXED;
 * then Linux 6.1's order of checks and what each failure leaves behind (mm/mremap.c): a range over
 * two VMAs may shrink but not grow (-EFAULT), MREMAP_FIXED unmaps the destination and the tail
 * before it looks at the old range, and overlapping or out-of-range destinations are -EINVAL.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static long raw_mremap(long old, unsigned long old_size, unsigned long new_size, int flags, long new_addr)
{
	return __syscall5(__NR_mremap, old, old_size, new_size, flags, new_addr);
}

static long map_at(unsigned long addr, unsigned long len)
{
	return __syscall6(__NR_mmap2, addr, len, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
}

static void fill(long addr, unsigned long len, char c)
{
	memset((char *)addr, c, len);
}

static int all(long addr, unsigned long len, char c)
{
	for (unsigned long i = 0; i < len; i++)
		if (((char *)addr)[i] != c)
			return 0;
	return 1;
}

static long map_prot_at(unsigned long addr, unsigned long len, int prot)
{
	return __syscall6(__NR_mmap2, addr, len, prot, ANON | MAP_FIXED_NOREPLACE, -1, 0);
}

/* [RW page][R page] at a: two VMAs, the first holding 'x'. */
static void map_rw_r(long a)
{
	check_ret(map_at(a, PAGE_SIZE), a, "mmap a RW page at %#lx", a);
	fill(a, PAGE_SIZE, 'x');
	check_ret(map_prot_at(a + PAGE_SIZE, PAGE_SIZE, PROT_READ), a + PAGE_SIZE, "and a read-only page after it");
}

static int is_free(long addr, unsigned long len)
{
	long r = map_at(addr, len);

	if (r != addr)
		return 0;
	__syscall2(__NR_munmap, r, len);
	return 1;
}

/* The case and its siblings: an old range over two VMAs. */
static void two_vmas(void)
{
	const unsigned long P = PAGE_SIZE;
	const long a = 0x61000000, t = 0x71000000;

	map_rw_r(a);
	check_ret(raw_mremap(a, 2 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, t), t,
		  "[RW][R] 2 pages -> 1 page, MREMAP_FIXED: shrinks first, then moves the RW page");
	check(all(t, P, 'x'), "the moved page holds its data");
	check(is_free(a, 2 * P), "both old pages are gone");
	__syscall2(__NR_munmap, t, P);

	map_rw_r(a);
	check_ret(raw_mremap(a, 2 * P, 3 * P, MREMAP_MAYMOVE, 0), -EFAULT, "growing [RW][R] as one range");
	check_ret(raw_mremap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t), -EFAULT,
		  "moving [RW][R] as one range");
	check(all(a, P, 'x') && all(a + P, P, 0), "both pages are still there");
	check_ret(raw_mremap(a, 2 * P, 2 * P, 0, 0), a, "same size, no flags: nothing to do");
	check_ret(raw_mremap(a, 2 * P, P, 0, 0), a, "shrinking [RW][R] to 1 page unmaps the R page");
	check(all(a, P, 'x') && is_free(a + P, P), "the RW page stays, the R page is free");

	/* mremap_to: the destination goes, and the tail, before the old range is found wanting */
	check_ret(map_prot_at(a + P, P, PROT_READ), a + P, "map the R page again");
	check_ret(map_at(a + 2 * P, P), a + 2 * P, "and a RW page after it");
	check_ret(map_at(t, P), t, "map a page at the destination");
	check_ret(raw_mremap(a, 3 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t), -EFAULT,
		  "[RW][R][RW] 3 pages -> 2 pages, MREMAP_FIXED");
	check(is_free(t, P), "the destination was unmapped anyway");
	check(is_free(a + 2 * P, P), "and so was the tail past 2 pages");
	check(all(a, P, 'x') && all(a + P, P, 0), "the first two pages are still there");
	__syscall2(__NR_munmap, a, 2 * P);
}

/* Linux 6.1's checks, one at a time, each with everything else valid. */
static void checks_in_order(void)
{
	const unsigned long P = PAGE_SIZE;
	const long a = 0x62000000, hole = 0x63000000;

	check_ret(map_at(a, 2 * P), a, "mmap 2 pages at %#lx", a);
	fill(a, 2 * P, 'y');
	check_ret(raw_mremap(a, P, P, 8, 0), -EINVAL, "an unknown flag");
	check_ret(raw_mremap(a, P, 2 * P, MREMAP_DONTUNMAP, 0), -EINVAL, "MREMAP_DONTUNMAP without MREMAP_MAYMOVE");
	check_ret(raw_mremap(hole, P, 0, 0, 0), -EINVAL, "new size 0 comes before looking at the address");
	check_ret(raw_mremap(hole, P, P, 0, 0), -EFAULT, "an address in no VMA");
	check_ret(raw_mremap(a + P / 2, P, P, 0, 0), -EINVAL, "an unaligned address inside the mapping");
	check_ret(raw_mremap(a, 0, P, MREMAP_MAYMOVE, 0), -EINVAL, "old size 0 of a private mapping");
	check_ret(raw_mremap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 1), -EINVAL, "an unaligned MREMAP_FIXED target");
	check_ret(raw_mremap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, a + P), -EINVAL,
		  "a MREMAP_FIXED target overlapping the old range");
	check_ret(raw_mremap(a, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, 0xfffff000), -EINVAL,
		  "a MREMAP_FIXED target running past the end of user space");
	check_ret(raw_mremap(a, 3 * P, 4 * P, MREMAP_MAYMOVE, 0), -EFAULT, "an old range longer than its VMA");
	check_ret(raw_mremap(a, P + 1, P + 2, 0, 0), a, "sizes are rounded up to pages: same size");
	check(all(a, 2 * P, 'y'), "after all that, the mapping is unchanged");
	__syscall2(__NR_munmap, a, 2 * P);
}

/*
 * A neighbour that cannot merge with the mapping (read-only after a
 * read-write one) is a separate VMA: growing in place would run over it.
 */
static void read_only_neighbour_blocks_growth(void)
{
	const unsigned long P = PAGE_SIZE;
	long c = map_at(0x62000000, 2 * P), d;

	check_ret(c, 0x62000000, "mmap 2 read-write pages at 0x62000000");
	d = __syscall6(__NR_mmap2, c + 2 * P, P, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(d, c + 2 * P, "and a read-only page right after them");
	check_ret(raw_mremap(c, 2 * P, 3 * P, 0, 0), -ENOMEM, "grow against the read-only page: ENOMEM");
	check_ret(map_at(d, P), -EEXIST, "the read-only page is still mapped");
	check_ret(raw_mremap(c, 2 * P, 2 * P, 0, 0), c, "mremap to the same size is a no-op");
	__syscall2(__NR_munmap, c, 3 * P);
}

int main(void)
{
	const unsigned long P = PAGE_SIZE;
	long a = map_at(0x60000000, 2 * P), b, r;

	check_ret(a, 0x60000000, "mmap 2 pages at 0x60000000");

	fill(a, 2 * P, 'a');
	check_ret(raw_mremap(a, 2 * P, 4 * P, 0, 0), a, "grow 2 -> 4 pages in place");
	check(all(a, 2 * P, 'a') && all(a + 2 * P, 2 * P, 0), "old contents kept, new pages zero");
	fill(a, 4 * P, 'a');

	b = map_at(a + 4 * P, P);                       /* a neighbour blocks growth in place */
	check_ret(b, a + 4 * P, "mmap a page right after it");
	fill(b, P, 'b');
	check_ret(raw_mremap(a, 4 * P, 8 * P, 0, 0), -ENOMEM, "grow against a neighbour without MREMAP_MAYMOVE");
	r = raw_mremap(a, 4 * P, 8 * P, MREMAP_MAYMOVE, 0);
	check(!IS_ERR(r) && r != a, "with MREMAP_MAYMOVE it moves: %#lx -> %#lx", a, r);
	check(all(r, 4 * P, 'a') && all(r + 4 * P, 4 * P, 0), "the moved mapping has the old contents");
	check(all(b, P, 'b'), "the neighbour is untouched");
	check_ret(map_at(a, 4 * P), a, "the old range is free again");
	__syscall2(__NR_munmap, a, 4 * P);
	a = r;

	check_ret(raw_mremap(a, 8 * P, 3 * P, 0, 0), a, "shrink 8 -> 3 pages");
	check(all(a, 3 * P, 'a'), "the first 3 pages keep their contents");
	check_ret(map_at(a + 3 * P, 5 * P), a + 3 * P, "the 5 pages cut off are free again");
	__syscall2(__NR_munmap, a + 3 * P, 5 * P);

	check_ret(raw_mremap(a + 1, P, 2 * P, MREMAP_MAYMOVE, 0), -EINVAL, "mremap of an unaligned address");
	check_ret(raw_mremap(a, P, 0, MREMAP_MAYMOVE, 0), -EINVAL, "mremap to size 0");
	check_ret(raw_mremap(a, P, P, MREMAP_FIXED, 0x71000000), -EINVAL, "MREMAP_FIXED without MREMAP_MAYMOVE");
	check_ret(raw_mremap(0x7f000000, P, 2 * P, MREMAP_MAYMOVE, 0), -EFAULT, "mremap of nothing mapped");

	r = raw_mremap(a, 3 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED, 0x70000000);
	check_ret(r, 0x70000000, "MREMAP_FIXED moves it to 0x70000000");
	check(all(r, 3 * P, 'a'), "with its contents");
	check_ret(map_at(a, 3 * P), a, "leaving the old place free");
	__syscall2(__NR_munmap, a, 3 * P);
	__syscall2(__NR_munmap, r, 3 * P);
	__syscall2(__NR_munmap, b, P);
	two_vmas();
	checks_in_order();
	read_only_neighbour_blocks_growth();
	return done();
}
