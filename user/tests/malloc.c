/*
 * The libc's malloc: small blocks come from the brk heap, blocks of
 * M_MMAP_THRESHOLD (128 KiB) or more from mmap; free merges and gives the top
 * of the heap back; realloc keeps contents, in place or moved (mremap for big
 * blocks); calloc zeroes; mallopt moves the threshold.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"

#define N 2000

static char *heap_start;

static int in_heap(void *p)
{
	return (char *)p >= heap_start && (char *)p < (char *)sbrk(0);
}

/* Is any of [p, p + n) still mapped? mprotect of a range with a hole is ENOMEM. */
static int unmapped(void *p, size_t n)
{
	uintptr_t page = (uintptr_t)p & ~(uintptr_t)4095;

	return mprotect((void *)page, n, PROT_READ) == -1 && errno == ENOMEM;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int holds(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

static unsigned rng = 12345;

static unsigned next_random(void)
{
	rng = rng * 1103515245 + 12345;
	return rng >> 8;
}

static void small_blocks(void)
{
	static unsigned char *p[N];
	static size_t len[N];
	int bad = -1;

	for (int i = 0; i < N; i++) {
		len[i] = next_random() % 2000;
		p[i] = malloc(len[i]);
		if (!p[i])
			fail("malloc(%zu) number %d returned NULL", len[i], i);
		fill(p[i], len[i], i);
	}
	for (int i = 0; i < N && bad < 0; i++)
		if (!holds(p[i], len[i], i) || !in_heap(p[i]) || (uintptr_t)p[i] % 16)
			bad = i;
	check(bad < 0, "%d blocks of 0..1999 bytes: 16-byte aligned, in the heap, contents intact", N);
	for (int i = 0; i < N; i += 2)
		free(p[i]);
	for (int i = 1; i < N && bad < 0; i += 2)
		if (!holds(p[i], len[i], i))
			bad = i;
	check(bad < 0, "freeing every other block leaves the others intact");
	for (int i = 0; i < N; i += 2) {
		p[i] = malloc(len[i]);
		fill(p[i], len[i], i);
	}
	for (int i = 0; i < N && bad < 0; i++)
		if (!holds(p[i], len[i], i))
			bad = i;
	check(bad < 0, "allocating them again reuses the holes without overlap");
	/* everything freed: their bytes go back to the kernel (the free chunks merge and the top is trimmed) */
	char *top = sbrk(0);
	size_t total = 0;
	for (int i = N - 1; i >= 0; i--) {
		total += len[i];
		free(p[i]);
	}
	check((size_t)(top - (char *)sbrk(0)) >= total, "freed all %d: the heap shrank by %lu bytes, at least the %lu they held",
	      N, (unsigned long)(top - (char *)sbrk(0)), (unsigned long)total);
}

static void large_blocks(void)
{
	size_t big = 128 * KiB;
	unsigned char *a = malloc(big), *b = malloc(big - 64), *c;

	check(a && !in_heap(a), "malloc(128 KiB) = %p comes from mmap, outside the heap", (void *)a);
	check(b && in_heap(b), "malloc(128 KiB - 64) = %p comes from the heap", (void *)b);
	fill(a, big, 1);
	fill(b, big - 64, 2);
	check(holds(a, big, 1) && holds(b, big - 64, 2), "both hold what was written");
	free(a);
	check(unmapped(a, big), "free of the 128 KiB block unmaps it at once");
	free(b);
	a = malloc(10 * MiB);
	check(a && !in_heap(a), "malloc(10 MiB) = %p", (void *)a);
	a[0] = 1;
	a[10 * MiB - 1] = 2;
	check(a[5 * MiB] == 0, "untouched parts of it read zero");
	free(a);
	check(unmapped(a, 10 * MiB), "free of the 10 MiB block unmaps it at once");

	check(mallopt(M_MMAP_THRESHOLD, 4096) == 1, "mallopt(M_MMAP_THRESHOLD, 4096)");
	a = malloc(8192);
	check(a && !in_heap(a), "now malloc(8 KiB) = %p comes from mmap", (void *)a);
	check(mallopt(M_MMAP_THRESHOLD, 1024 * KiB) == 1, "mallopt(M_MMAP_THRESHOLD, 1 MiB)");
	c = malloc(512 * KiB);
	check(c && in_heap(c), "now malloc(512 KiB) = %p comes from the heap", (void *)c);
	free(a);
	free(c);
	mallopt(M_MMAP_THRESHOLD, 128 * KiB);
}

static void trimming(void)
{
	char *top0 = sbrk(0), *top1;
	void *p = malloc(100 * KiB), *q = malloc(100 * KiB);

	top1 = sbrk(0);
	check(p && q && top1 > top0, "two 100 KiB blocks grow the heap to %p", (void *)top1);
	free(q);
	free(p);
	check((char *)sbrk(0) < top1, "freeing them shrinks it again, to %p", sbrk(0));
}

static void reallocs(void)
{
	unsigned char *p = malloc(100), *q;

	fill(p, 100, 3);
	q = realloc(p, 50);
	check(q == p && holds(q, 50, 3), "realloc to a smaller size stays in place");
	q = realloc(q, 5000);
	check(q && holds(q, 50, 3), "realloc 50 -> 5000 keeps the first 50 bytes");
	fill(q, 5000, 4);
	q = realloc(q, 100 * KiB);
	check(q && in_heap(q) && holds(q, 5000, 4), "realloc 5000 -> 100 KiB in the heap keeps them");
	fill(q, 100 * KiB, 5);
	q = realloc(q, 300 * KiB);
	check(q && !in_heap(q) && holds(q, 100 * KiB, 5), "realloc to 300 KiB moves it to a mapping");
	fill(q, 300 * KiB, 6);
	q = realloc(q, 4 * MiB);
	check(q && holds(q, 300 * KiB, 6), "realloc of a mapping to 4 MiB (mremap) keeps the contents");
	q = realloc(q, 1000);
	check(q && in_heap(q) && holds(q, 1000, 6), "realloc back to 1000 bytes returns to the heap");
	check(realloc(q, 0) == NULL, "realloc(p, 0) frees and returns NULL");
	p = realloc(NULL, 64);
	check(p != NULL, "realloc(NULL, 64) is malloc");
	free(p);
}

static void edges(void)
{
	unsigned char *p = malloc(0), *z;
	int nonzero = 0;

	check(p != NULL, "malloc(0) returns a unique pointer");
	free(p);
	char *top = sbrk(0);
	errno = 0;
	free(NULL);
	check(errno == 0 && (char *)sbrk(0) == top, "free(NULL) does nothing: no error, the heap unchanged");
	errno = 0;
	check(malloc(0xf0000000u) == NULL && errno == ENOMEM, "malloc(3.75 GiB) fails with ENOMEM");
	check(calloc(0x10000, 0x10001) == NULL && errno == ENOMEM, "calloc whose size overflows fails");
	p = malloc(3000);
	memset(p, 0xee, 3000);
	free(p);
	z = calloc(1000, 3);
	for (int i = 0; i < 3000; i++)
		nonzero |= z[i];
	check(z && !nonzero, "calloc(1000, 3) is zero even in reused memory");
	free(z);
	z = calloc(1, MiB);
	check(z && z[0] == 0 && z[MiB - 1] == 0, "calloc(1, 1 MiB) is zero");
	free(z);
	p = malloc(100);
	check(malloc_usable_size(p) >= 100, "malloc_usable_size(malloc(100)) = %zu", malloc_usable_size(p));
	free(p);
}

int main(void)
{
	heap_start = sbrk(0);
	small_blocks();
	large_blocks();
	trimming();
	reallocs();
	edges();
	return done();
}
