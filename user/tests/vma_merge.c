/*
 * When two VMAs become one, as Linux 6.1 decides it (is_mergeable_vma,
 * can_vma_merge_before/after): they must touch, be alike and have
 * consecutive vm_pgoffs. An anonymous VMA's vm_pgoff is its address >>
 * PAGE_SHIFT when it is made (do_mmap, do_brk_flags), kept when mremap
 * moves it, and lowered as a stack grows down; a shared anonymous mapping
 * is its own shmem file from page 0. Seen from outside through mremap, which
 * refuses to grow or move a range over two VMAs (-EFAULT).
 */
#include <errno.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P    PAGE_SIZE
#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define MOVE (MREMAP_MAYMOVE | MREMAP_FIXED)
#define AWAY 0x58000000UL               /* a free place to move ranges to */

static long map(unsigned long addr, unsigned long len, int flags)
{
	return __syscall6(__NR_mmap2, addr, len, RW, flags | MAP_FIXED_NOREPLACE, -1, 0);
}

static long raw_mremap(unsigned long old, unsigned long old_len, unsigned long new_len, int flags,
		       unsigned long new_addr)
{
	return __syscall5(__NR_mremap, old, old_len, new_len, flags, new_addr);
}

static void unmap(unsigned long addr, unsigned long len)
{
	__syscall2(__NR_munmap, addr, len);
}

/* Is [addr, addr + len) one VMA? Moving it all to AWAY (and back) works only then. */
static int one_vma(unsigned long addr, unsigned long len)
{
	long r = raw_mremap(addr, len, len, MOVE, AWAY);

	if (r == (long)AWAY) {
		check_ret(raw_mremap(AWAY, len, len, MOVE, addr), addr, "and moving %#lx back", addr);
		return 1;
	}
	if (r != -EFAULT)
		check(0, "moving %#lx-%#lx says %s, want the address or EFAULT", addr, addr + len,
		      errname(r));
	return 0;
}

/* The tester's case: a VMA moved next to another keeps its old pgoff, so they stay two. */
static void moved_vma_stays_apart(void)
{
	unsigned long a = 0x50024000, b = 0x50030000, b2 = 0x50025000;

	check_ret(map(a, P, ANON), a, "one page at %#lx", a);
	check_ret(map(b, 4 * P, ANON), b, "four pages at %#lx", b);
	*(volatile char *)a = 1;
	*(volatile char *)b = 2;
	check_ret(raw_mremap(b, 4 * P, 4 * P, MOVE, b2), b2, "move the four pages to just above the page");
	check_ret(raw_mremap(a, 5 * P, 5 * P, MOVE, 0x50040000), -EFAULT,
		  "moving both as one range: two VMAs, EFAULT");
	check_ret(raw_mremap(a, 5 * P, 6 * P, 0, 0), -EFAULT, "growing both as one range: EFAULT");
	check(*(volatile char *)a == 1 && *(volatile char *)b2 == 2, "both kept their bytes");
	unmap(a, 5 * P);
}

/* Never written, a moved VMA has no anon_vma: copy_vma gives it the pgoff of its new place. */
static void unwritten_moved_vma_joins(void)
{
	unsigned long a = 0x51024000, b = 0x51030000;

	check_ret(map(a, P, ANON), a, "one page at %#lx", a);
	*(volatile char *)a = 1;
	check_ret(map(b, 4 * P, ANON), b, "four pages at %#lx, never written", b);
	check_ret(raw_mremap(b, 4 * P, 4 * P, MOVE, a + P), a + P, "moved to just above the page");
	check(one_vma(a, 5 * P), "they are one VMA");
	check(*(volatile char *)a == 1, "the written page kept its byte");
	unmap(a, 5 * P);
}

/* Fresh mappings side by side, and a split that is undone, merge. */
static void contiguous_ones_merge(void)
{
	unsigned long x = 0x50100000;

	check_ret(map(x, P, ANON), x, "a page at %#lx", x);
	*(volatile char *)x = 1;
	check_ret(map(x + P, P, ANON), x + P, "a page just above it");
	check(one_vma(x, 2 * P), "two fresh neighbours are one VMA");
	check_ret(__syscall3(__NR_mprotect, x + P, P, PROT_READ), 0, "mprotect the upper page read-only");
	check(!one_vma(x, 2 * P), "split by mprotect: two VMAs");
	check_ret(__syscall3(__NR_mprotect, x + P, P, RW), 0, "and back to read-write");
	check(one_vma(x, 2 * P), "merged again");
	unmap(x, 2 * P);
}

/* Two anonymous shared mappings are two shmem files: never one VMA; a split one rejoins. */
static void shared_anonymous(void)
{
	unsigned long x = 0x50200000;

	check_ret(map(x, P, MAP_SHARED | MAP_ANONYMOUS), x, "a shared page at %#lx", x);
	check_ret(map(x + P, P, MAP_SHARED | MAP_ANONYMOUS), x + P, "another just above it");
	check(!one_vma(x, 2 * P), "two shared anonymous mappings stay two VMAs");
	unmap(x, 2 * P);
	check_ret(map(x, 2 * P, MAP_SHARED | MAP_ANONYMOUS), x, "two shared pages at %#lx", x);
	check_ret(__syscall3(__NR_mprotect, x + P, P, PROT_READ), 0, "mprotect the upper one read-only");
	check_ret(__syscall3(__NR_mprotect, x + P, P, RW), 0, "and back");
	check(one_vma(x, 2 * P), "the split shared mapping is one VMA again");
	unmap(x, 2 * P);
}

/* A growing stack's pgoff follows its start, so a stack mapped just below it joins it. */
static void grown_stack_joins_below(void)
{
	unsigned long g = 0x50300000;

	check_ret(map(g, P, ANON | MAP_GROWSDOWN), g, "a MAP_GROWSDOWN page at %#lx", g);
	*(volatile char *)(g - P) = 1;  /* grows by a page */
	check_ret(map(g - 2 * P, P, ANON | MAP_GROWSDOWN), g - 2 * P,
		  "another MAP_GROWSDOWN page just below the grown one");
	check_ret(raw_mremap(g - 2 * P, 3 * P, 3 * P, MOVE, AWAY), AWAY,
		  "the three pages move as one VMA");
	unmap(AWAY, 3 * P);
}

/* The heap grown twice is one VMA: brk gives each piece the pgoff of its address. */
static void heap_is_one_vma(void)
{
	unsigned long b = __syscall1(__NR_brk, 0), a = (b + P - 1) & ~(P - 1);

	check_ret(__syscall1(__NR_brk, a + P), a + P, "brk a page up");
	*(volatile char *)a = 1;
	check_ret(__syscall1(__NR_brk, a + 2 * P), a + 2 * P, "and another");
	check(one_vma(a, 2 * P), "the two pages of heap are one VMA");
	check_ret(__syscall1(__NR_brk, b), b, "brk back down");
}

int main(void)
{
	moved_vma_stays_apart();
	unwritten_moved_vma_joins();
	contiguous_ones_merge();
	shared_anonymous();
	grown_stack_joins_below();
	heap_is_one_vma();
	return done();
}
