/*
 * What the system-call fuzzer (user/tests/fuzz.c) found, each case as a
 * direct check of Linux 6.1's answer (so it holds on both kernels).
 *
 * - mremap that shrinks or keeps the size of an unmapped range (or one at
 *   a kernel address) returned the address itself, as if it had worked:
 *   Linux looks the old address up first and says -EFAULT (fuzz seeds 3,
 *   5-9: "mremap returned 0xc0100000"). Its sibling: MREMAP_FIXED from an
 *   unmapped address unmapped the target range before saying -EFAULT.
 */
#include <errno.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P PAGE_SIZE

static long raw_mremap(unsigned long old, unsigned long old_size, unsigned long new_size, int flags,
		       unsigned long new_addr)
{
	return __syscall5(__NR_mremap, old, old_size, new_size, flags, new_addr);
}

static void mremap_needs_a_mapping(void)
{
	const unsigned long hole = 0x7e000000;      /* nothing is mapped here */
	long a;

	check_ret(raw_mremap(hole, P, P, 0, 0), -EFAULT, "mremap of an unmapped page to the same size");
	check_ret(raw_mremap(hole, 2 * P, P, 0, 0), -EFAULT, "mremap shrinking an unmapped range");
	check_ret(raw_mremap(hole, 2 * P, P, MREMAP_MAYMOVE, 0), -EFAULT, "... with MREMAP_MAYMOVE");
	check_ret(raw_mremap(PAGE_OFFSET, P, P, 0, 0), -EFAULT, "mremap of a kernel address, same size");
	check_ret(raw_mremap(0xfffff000, P, P, 0, 0), -EFAULT, "mremap of the last page, same size");
	check_ret(raw_mremap(0xf8000000, 4 * P, P, 0, 0), -EFAULT, "mremap shrinking at a kernel address");
	a = __syscall6(__NR_mmap2, 0x7d000000, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);
	check_ret(a, 0x7d000000, "mmap a page at 0x7d000000");
	check_ret(raw_mremap(hole, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a), -EFAULT,
		  "MREMAP_FIXED of an unmapped page onto it");
	check_ret(__syscall6(__NR_mmap2, a, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		  -EEXIST, "the target page is still mapped (the failed call unmapped nothing)");
	check_ret(__syscall2(__NR_munmap, a, P), 0, "munmap it");

	/* A real mapping still shrinks, and the same size is a no-op. */
	a = __syscall6(__NR_mmap2, hole, 2 * P, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(a, hole, "mmap 2 pages there");
	check_ret(raw_mremap(a, 2 * P, 2 * P, 0, 0), a, "mremap to the same size returns the address");
	check_ret(raw_mremap(a, 2 * P, P, 0, 0), a, "mremap shrinking it returns the address");
	check_ret(raw_mremap(a + P, P, P, 0, 0), -EFAULT, "the page cut off is gone");
	check_ret(__syscall2(__NR_munmap, a, P), 0, "munmap the rest");
}

int main(void)
{
	mremap_needs_a_mapping();
	return done();
}
