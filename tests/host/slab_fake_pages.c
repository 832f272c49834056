/*
 * The slab's page provider for host tests: every block of 2^order pages
 * is an aligned_alloc() aligned to its size, as buddy blocks are, with
 * an array of struct page beside it. A freed block must come back as the
 * page allocator wants it: same order, PG_slab clear, one reference,
 * unmapped; anything else is counted in fake_bad_frees.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/slab_def.h"
#include "slab_fake_pages.h"

struct chunk {
	char *addr;
	unsigned int order;
	struct page *pages;
};

#define MAX_CHUNKS 8192
static struct chunk chunks[MAX_CHUNKS];
static int nr_chunks;
unsigned long fake_pages_out, fake_bad_frees;
long fake_fail_after = -1;

void *kmem_getpages(gfp_t flags, unsigned int order)
{
	unsigned long bytes = PAGE_SIZE << order, n = 1UL << order;
	struct chunk *ch;

	if (fake_fail_after == 0 || nr_chunks == MAX_CHUNKS || order >= MAX_ORDER)
		return NULL;
	if (fake_fail_after > 0)
		fake_fail_after--;
	ch = &chunks[nr_chunks++];
	ch->addr = aligned_alloc(bytes, bytes);
	ch->order = order;
	ch->pages = calloc(n, sizeof(struct page));
	if (!ch->addr || !ch->pages)
		abort();
	for (unsigned long i = 0; i < n; i++) {
		ch->pages[i]._mapcount = -1;
		INIT_LIST_HEAD(&ch->pages[i].lru);
	}
	ch->pages[0]._count = 1;
	if (flags & __GFP_ZERO)
		memset(ch->addr, 0, bytes);
	fake_pages_out += n;
	return ch->addr;
}

void kmem_freepages(void *addr, unsigned int order)
{
	for (int i = 0; i < nr_chunks; i++) {
		struct chunk *ch = &chunks[i];

		if (ch->addr != addr)
			continue;
		if (ch->order != order || ch->pages[0]._count != 1)
			fake_bad_frees++;
		for (unsigned long p = 0; p < (1UL << order); p++)
			if (ch->pages[p].flags || ch->pages[p]._mapcount != -1)
				fake_bad_frees++;
		fake_pages_out -= 1UL << ch->order;
		free(ch->addr);
		free(ch->pages);
		*ch = chunks[--nr_chunks];
		return;
	}
	fake_bad_frees++;	/* not a block we handed out */
}

struct page *kmem_virt_to_page(const void *addr)
{
	const char *a = addr;

	for (int i = 0; i < nr_chunks; i++)
		if (a >= chunks[i].addr && a < chunks[i].addr + (PAGE_SIZE << chunks[i].order))
			return &chunks[i].pages[(unsigned long)(a - chunks[i].addr) >> PAGE_SHIFT];
	return NULL;
}

void *kmem_page_address(const struct page *page)
{
	for (int i = 0; i < nr_chunks; i++)
		if (page >= chunks[i].pages && page < chunks[i].pages + (1UL << chunks[i].order))
			return chunks[i].addr + ((unsigned long)(page - chunks[i].pages) << PAGE_SHIFT);
	abort();	/* the slab asked about a page it does not own */
}
