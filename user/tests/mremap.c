/* mremap: growing in place, refusing to move without MREMAP_MAYMOVE, moving, shrinking, MREMAP_FIXED. */
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
	read_only_neighbour_blocks_growth();
	return done();
}
