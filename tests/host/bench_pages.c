/*
 * Pages for the slab in `make bench-host`: the buddy core (mm/buddy.c)
 * over one aligned arena, with a flat mem_map beside it, so that a slab
 * finds its struct page by arithmetic, as in the kernel. The host tests
 * use tests/host/slab_fake_pages.c instead, which checks more and is slower.
 */
#include <stdlib.h>
#include "bench_pages.h"
#include "linux/buddy.h"
#include "linux/slab_def.h"

#define ARENA_PAGES	16384UL		/* 64 MiB */

struct page *mem_map;
static struct zone zone;
static char *arena;

void bench_pages_init(void)
{
	unsigned long pfn;

	arena = aligned_alloc(PAGE_SIZE << (MAX_ORDER - 1), ARENA_PAGES * PAGE_SIZE);
	mem_map = calloc(ARENA_PAGES, sizeof(struct page));
	if (!arena || !mem_map)
		abort();
	/* As free_area_init() leaves them: reserved until handed over. */
	for (pfn = 0; pfn < ARENA_PAGES; pfn++) {
		mem_map[pfn].flags = 1UL << PG_reserved;
		set_page_zone(&mem_map[pfn], ZONE_NORMAL);
		set_page_count(&mem_map[pfn], 1);
		reset_page_mapcount(&mem_map[pfn]);
	}
	zone.name = "Normal";
	zone.idx = ZONE_NORMAL;
	zone.spanned_pages = zone.present_pages = ARENA_PAGES;
	zone_init_free_lists(&zone);
	if (buddy_add_free_range(&zone, 0, ARENA_PAGES) != ARENA_PAGES)
		abort();
}

void *kmem_getpages(gfp_t flags, unsigned int order)
{
	struct page *page = buddy_alloc(&zone, order);

	(void)flags;
	return page ? arena + (page_to_pfn(page) << PAGE_SHIFT) : NULL;
}

void kmem_freepages(void *addr, unsigned int order)
{
	struct page *page = kmem_virt_to_page(addr);

	if (put_page_testzero(page))
		buddy_free(&zone, page, order);
}

struct page *kmem_virt_to_page(const void *addr)
{
	const char *a = addr;

	if (a < arena || a >= arena + ARENA_PAGES * PAGE_SIZE)
		return NULL;
	return pfn_to_page((unsigned long)(a - arena) >> PAGE_SHIFT);
}

void *kmem_page_address(const struct page *page)
{
	return arena + (page_to_pfn(page) << PAGE_SHIFT);
}
