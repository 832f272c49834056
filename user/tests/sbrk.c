/*
 * The program break: brk(0) reports it, the raw system call returns the new
 * break or, on any failure, the unchanged one; growing gives zeroed memory,
 * shrinking takes it away, and the break cannot go below where it started or
 * into another mapping. Needs at least ~128 MiB of RAM for the 100 MiB step.
 */
#include <stdint.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

extern char end[];

static unsigned long raw_brk(unsigned long addr)
{
	return __syscall1(__NR_brk, addr);
}

static void one_byte_at_a_time(void)
{
	char *first = sbrk(0), *p = first;
	int bad = -1;

	for (int i = 0; i < 5000; i++) {
		char *q = sbrk(1);

		if (q != p) {
			fail("sbrk(1) number %d returned %p, want %p", i, (void *)q, (void *)p);
		}
		*q = (char)i;
		p = q + 1;
	}
	check(sbrk(0) == first + 5000, "5000 calls of sbrk(1) moved the break by 5000 bytes");
	for (int i = 0; i < 5000 && bad < 0; i++)
		if (first[i] != (char)i)
			bad = i;
	check(bad < 0, "all 5000 bytes hold what was written");
	check(sbrk(-5000) == first + 5000 && sbrk(0) == first, "sbrk(-5000) moves it back");
}

static void hundred_mib(void)
{
	char *p = sbrk(100 * MiB);

	check(p != (void *)-1, "sbrk(100 MiB) from %p", (void *)p);
	p[100 * MiB - 1] = 'z';
	p[0] = 'a';
	check(p[100 * MiB - 1] == 'z' && p[0] == 'a', "the first and the last byte are writable");
	check(p[50 * MiB] == 0 && p[100 * MiB - 2] == 0, "untouched bytes in between read as zero");
	check(sbrk(-100 * MiB) == p + 100 * MiB && sbrk(0) == p, "sbrk(-100 MiB) gives it back");
}

static void shrink_regrow_zero(void)
{
	unsigned long brk0 = (unsigned long)sbrk(0);
	char *p;
	int nonzero = -1;

	sbrk(-brk0 & (PAGE_SIZE - 1));          /* start on a page boundary */
	p = sbrk(16 * PAGE_SIZE);
	for (unsigned long i = 0; i < 16 * PAGE_SIZE; i++)
		p[i] = (char)0xaa;
	check(sbrk(-16 * PAGE_SIZE) == p + 16 * PAGE_SIZE, "filled 16 pages at %p with 0xaa, then shrank",
	      (void *)p);
	check(sbrk(16 * PAGE_SIZE) == p, "growing again returns the same address");
	for (unsigned long i = 0; i < 16 * PAGE_SIZE && nonzero < 0; i++)
		if (p[i])
			nonzero = i;
	check(nonzero < 0, "the regrown pages are zero, not the old 0xaa (first nonzero byte: %d)", nonzero);
	sbrk(-16 * PAGE_SIZE);
}

static void raw_brk_rules(unsigned long start)
{
	unsigned long cur = raw_brk(0), map;
	void *m;

	check_ret(raw_brk(start - PAGE_SIZE), cur, "brk(start - 4096) fails, returning the old break");
	check_ret(raw_brk(0x1000), cur, "brk(0x1000) fails the same way");
	check_ret(raw_brk(cur + 1), cur + 1, "brk(break + 1) returns exactly what was asked");
	check_ret(raw_brk(cur + 3 * PAGE_SIZE + 5), cur + 3 * PAGE_SIZE + 5, "brk(break + 3 pages + 5)");
	poke((cur + 3 * PAGE_SIZE) & ~3UL, 0x1234);
	check(peek((cur + 3 * PAGE_SIZE) & ~3UL) == 0x1234, "the new last page is usable");
	check_ret(raw_brk(start), start, "brk(start) shrinks back to the start");
	check_ret(raw_brk(cur), cur, "brk(old break) grows again");

	/* Put a page 16 MiB above the break: the break may not grow over it. */
	map = ((cur + 16 * MiB) & ~(PAGE_SIZE - 1));
	m = mmap((void *)map, PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m != (void *)map) {
		skip("could not map a page at %#lx to block the break", map);
		return;
	}
	/* Linux keeps a page of gap below the next mapping: up to map - 4096 is fine, a byte more is not */
	check_ret(raw_brk(map - PAGE_SIZE), map - PAGE_SIZE, "brk up to one page below the mapping works");
	check_ret(raw_brk(map - PAGE_SIZE + 1), map - PAGE_SIZE,
		  "brk one byte more (no page of gap left) fails, returning the break");
	check_ret(raw_brk(cur), cur, "brk shrinks back");
	check_ret(raw_brk(map + PAGE_SIZE), cur, "brk over a mapping at %#lx fails, returning the old break",
		  map);
	check_ret(raw_brk(map + 64 * MiB), cur, "brk past that mapping fails too");
	check(*(volatile char *)m == 0, "the mapping is intact");
	munmap(m, PAGE_SIZE);
	check_ret(raw_brk(map + PAGE_SIZE), map + PAGE_SIZE, "once it is unmapped, the same brk works");
	check_ret(raw_brk(cur), cur, "and shrinks back");
}

int main(void)
{
	unsigned long start = raw_brk(0);

	check(start >= (unsigned long)end, "brk(0) = %#lx, at or above the end of bss %p", start, (void *)end);
	check((unsigned long)sbrk(0) == start, "sbrk(0) agrees");
	one_byte_at_a_time();
	hundred_mib();
	shrink_regrow_zero();
	raw_brk_rules(start);
	return done();
}
