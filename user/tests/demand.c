/*
 * Demand paging, watched through the kernel's free page count (Pagoda's
 * system call 400): mapping memory costs no pages, reading it maps the
 * shared zero page, writing costs one page per page, and munmap, brk
 * shrinking and MADV_DONTNEED give the pages back. On another kernel the
 * counts are skipped and only the behaviour is checked.
 */
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define SIZE   (16 * MiB)
#define PAGES  (SIZE / PAGE_SIZE)
/* Page tables, VMA slabs and such: what the kernel may keep for itself per step. */
#define SLACK  64

static long before;

static void expect_pages(long used_min, long used_max, const char *what)
{
	long now = free_pages(), used;

	if (now < 0) {
		skip("%s: no free page count on this kernel", what);
		return;
	}
	used = before - now;
	check(used >= used_min && used <= used_max, "%s: %ld pages in use (want %ld..%ld)", what, used,
	      used_min, used_max);
}

static void anonymous(void)
{
	volatile char *p;
	unsigned long sum = 0;

	before = free_pages();
	printf("free pages at start: %ld\n", before);
	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap 16 MiB at %p", (void *)p);
	expect_pages(0, SLACK, "after mmap, before touching");
	for (unsigned long i = 0; i < SIZE; i += PAGE_SIZE)
		sum += p[i];
	check(sum == 0, "reading one byte of each of the %lu pages gives zeros", PAGES);
	expect_pages(0, SLACK, "after reading every page (all map the zero page)");
	for (unsigned long i = 0; i < SIZE; i += PAGE_SIZE)
		p[i] = 1;
	expect_pages(PAGES, PAGES + SLACK, "after writing every page");
	for (unsigned long i = 0; i < SIZE; i += PAGE_SIZE)
		sum += p[i];
	check(sum == PAGES, "every page kept its write");
	check(madvise((void *)p, SIZE / 2, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED) on the first half");
	printf("after MADV_DONTNEED the first page reads %d (Linux: 0)\n", p[0]);
	check(munmap((void *)p, SIZE) == 0, "munmap all 16 MiB");
	expect_pages(0, SLACK, "after munmap");
}

static void heap(void)
{
	char *p;

	before = free_pages();
	p = sbrk(SIZE);
	check(p != (void *)-1, "sbrk(16 MiB) from %p", (void *)p);
	expect_pages(0, SLACK, "after sbrk, before touching");
	for (unsigned long i = 0; i < SIZE; i += PAGE_SIZE)
		p[i] = 1;
	expect_pages(PAGES - 1, PAGES + SLACK, "after writing every heap page");
	check(sbrk(-SIZE) != (void *)-1, "sbrk(-16 MiB)");
	expect_pages(0, SLACK, "after shrinking the heap");
}

static void stack(void)
{
	before = free_pages();
	{
		volatile char big[4 * MiB];

		for (long i = sizeof(big) - 1; i >= 0; i -= PAGE_SIZE)
			big[i] = 1;
		/* The top few pages of the stack were in use already. */
		expect_pages(4 * MiB / PAGE_SIZE - 8, 4 * MiB / PAGE_SIZE + SLACK, "after touching 4 MiB of stack");
	}
}

/*
 * A write after a read copies away from the zero page: the new page is all
 * zeroes but the byte written, even when the frame it gets held something
 * a moment ago (pages just freed, full of 0xa5, are the likeliest to come back).
 */
static void write_after_read_gives_a_clean_page(void)
{
	enum { N = 64 };
	unsigned char *dirty, *p;
	unsigned long bad = 0;

	dirty = mmap(NULL, N * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(dirty != MAP_FAILED, "mmap %d pages to dirty", N);
	memset(dirty, 0xa5, N * PAGE_SIZE);
	munmap(dirty, N * PAGE_SIZE);
	p = mmap(NULL, N * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "mmap %d fresh pages", N);
	for (unsigned long i = 0; i < N; i++) {
		volatile unsigned char *page = p + i * PAGE_SIZE;

		bad += page[100] != 0;          /* read: the zero page */
		page[7] = 1;                    /* write: a page of its own */
		for (unsigned long j = 0; j < PAGE_SIZE; j++)
			bad += page[j] != (j == 7);
	}
	check(bad == 0, "after a read then a write, each of %d pages is zero but the byte written (%lu bad bytes)",
	      N, bad);
	munmap(p, N * PAGE_SIZE);
}

int main(void)
{
	write_after_read_gives_a_clean_page();
	anonymous();
	heap();
	stack();
	return done();
}
