/*
 * glibc's malloc on Pagoda: small blocks from the brk heap, blocks of 128 KiB
 * and more from mmap2 (freed with munmap), realloc that grows in place or
 * moves (mremap for mmapped blocks), and free. Every block's contents are
 * checked; the output is the same on any kernel that gets it right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMALL 1000

static unsigned char *blocks[SMALL];
static size_t sizes[SMALL];
static int failures;

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i);
}

static int holds(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 31 + i))
			return 0;
	return 1;
}

static void expect(int ok, const char *what)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(void)
{
	unsigned rng = 1;
	size_t total = 0;
	int ok = 1;
	unsigned char *big[4];
	size_t big_sizes[4] = { 128 * 1024, 1024 * 1024, 5 * 1024 * 1024, 300 * 1024 };

	for (int i = 0; i < SMALL; i++) {
		rng = rng * 1103515245 + 12345;
		sizes[i] = 1 + (rng >> 16) % 4000;
		blocks[i] = malloc(sizes[i]);
		ok &= blocks[i] != NULL;
		if (blocks[i])
			fill(blocks[i], sizes[i], i);
		total += sizes[i];
	}
	for (int i = 0; i < SMALL; i++)
		ok &= blocks[i] && holds(blocks[i], sizes[i], i);
	expect(ok, "1000 small blocks allocated and filled");
	for (int i = 0; i < SMALL; i += 2)
		free(blocks[i]);
	for (int i = 1; i < SMALL; i += 2)
		ok &= holds(blocks[i], sizes[i], i);
	expect(ok, "half of them freed, the other half intact");

	for (int i = 0; i < 4; i++) {
		big[i] = malloc(big_sizes[i]);
		ok &= big[i] != NULL;
		if (big[i])
			fill(big[i], big_sizes[i], 100 + i);
	}
	for (int i = 0; i < 4; i++)
		ok &= big[i] && holds(big[i], big_sizes[i], 100 + i);
	expect(ok, "4 large blocks (128 KiB to 5 MiB) allocated and filled");

	for (int i = 1; i < SMALL; i += 2) {
		unsigned char *p = realloc(blocks[i], sizes[i] * 3);

		ok &= p != NULL && holds(p, sizes[i], i);
		if (p) {
			blocks[i] = p;
			fill(p, sizes[i] * 3, i);
			sizes[i] *= 3;
		}
	}
	expect(ok, "500 small blocks tripled with realloc, contents kept");
	big[2] = realloc(big[2], 9 * 1024 * 1024);
	ok &= big[2] && holds(big[2], big_sizes[2], 102);
	expect(ok, "a 5 MiB block grown to 9 MiB with realloc, contents kept");
	big[3] = realloc(big[3], 1000);
	ok &= big[3] && holds(big[3], 1000, 103);
	expect(ok, "a 300 KiB block shrunk to 1000 bytes with realloc, contents kept");

	for (int i = 1; i < SMALL; i += 2)
		free(blocks[i]);
	for (int i = 0; i < 4; i++)
		free(big[i]);
	expect(1, "everything freed");

	void *z = calloc(1000, 1000);
	int nonzero = 0;

	for (int i = 0; z && i < 1000 * 1000; i++)
		nonzero |= ((unsigned char *)z)[i];
	expect(z && !nonzero, "calloc(1000, 1000) is zero");
	free(z);

	printf("summary: %zu bytes in %d small blocks, %d failures\n", total, SMALL, failures);
	return failures ? 1 : 0;
}
