/*
 * The zoned page allocator, checked JOS-style from inside the kernel at
 * whatever memory size the machine was booted with. Every case checks
 * that the free-page count (buddy lists plus per-CPU lists) comes back to
 * where it started and that every zone's free lists stay consistent.
 */
#include "asm/page.h"
#include "kunit/test.h"
#include "linux/buddy.h"
#include "linux/highmem.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/string.h"
#include "linux/vmalloc.h"
#include "linux/watermark.h"

#define MAX_DMA_PFN 4096UL

static unsigned long free_before;

static void begin(void)
{
	free_before = nr_free_pages_with_pcp();
}

static void end(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KTEST_EXPECT_EQ(t, buddy_check_zone(&zones[z]), 0);
}

/* Pages taken by a test, chained through page->lru (no memory needed). */
static void free_all(struct list_head *taken)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, taken, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
	}
}

static void check_free_block(struct ktest *t, unsigned long pfn, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++) {
		phys_addr_t pa = (phys_addr_t)(pfn + i) << PAGE_SHIFT;

		if (memblock_is_reserved(pa) || !memblock_is_memory(pa)) {
			KTEST_EXPECT_MSG(t, 0, "free page pfn %#lx is %s", pfn + i,
					 memblock_is_reserved(pa) ? "reserved" : "not RAM");
			return;
		}
	}
}

static void no_free_page_is_reserved(struct ktest *t)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		struct page *page;

		for (int o = 0; o < MAX_ORDER; o++)
			list_for_each_entry(page, &zone->free_area[o].free_list, lru)
				check_free_block(t, page_to_pfn(page), 1UL << o);
		list_for_each_entry(page, &zone->pcp.list, lru)
			check_free_block(t, page_to_pfn(page), 1);
	}
	/* the kernel image, page 0 and the BIOS area in particular */
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(_text)));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page((void *)((unsigned long)_end - 1))));
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(0xA0)));
}

static void allocations_are_distinct_and_in_ram(struct ktest *t)
{
	LIST_HEAD(taken);
	/* one bit per pfn of RAM; from vmalloc, not a static array: 128 KiB of
	 * .bss would keep the kernel from booting in 2 MiB (system/mem-2-...) */
	unsigned char *seen = vzalloc(max_pfn / 8 + 1);
	int n = 0;

	KTEST_ASSERT_TRUE(t, seen != NULL);
	begin();
	for (; n < 512; n++) {
		struct page *page = alloc_page(GFP_HIGHUSER);
		unsigned long pfn;

		KTEST_ASSERT_TRUE(t, page != NULL);
		pfn = page_to_pfn(page);
		KTEST_EXPECT_LT(t, pfn, max_pfn);
		KTEST_EXPECT_FALSE(t, memblock_is_reserved((phys_addr_t)pfn << PAGE_SHIFT));
		KTEST_EXPECT_TRUE(t, memblock_is_memory((phys_addr_t)pfn << PAGE_SHIFT));
		KTEST_EXPECT_FALSE(t, seen[pfn / 8] & (1 << (pfn % 8)));
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		seen[pfn / 8] |= (unsigned char)(1 << (pfn % 8));
		list_add(&page->lru, &taken);
	}
	free_all(&taken);
	end(t);
	vfree(seen);
}

static void gfp_dma_pages_lie_below_16mib(struct ktest *t)
{
	LIST_HEAD(taken);

	begin();
	for (int i = 0; i < 64; i++) {
		struct page *page = alloc_page(GFP_DMA);

		KTEST_ASSERT_TRUE(t, page != NULL);
		KTEST_EXPECT_LT(t, page_to_pfn(page), MAX_DMA_PFN);
		list_add(&page->lru, &taken);
	}
	free_all(&taken);
	end(t);
}

static void gfp_kernel_pages_are_lowmem(struct ktest *t)
{
	unsigned long addr;

	begin();
	addr = __get_free_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_TRUE(t, addr != 0);
	KTEST_EXPECT_LT(t, __pa(addr), (unsigned long)max_low_pfn << PAGE_SHIFT);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(__pa(addr), 4 * PAGE_SIZE));
	memset((void *)addr, 0x5a, 4 * PAGE_SIZE);      /* mapped and writable */
	free_pages(addr, 2);
	end(t);
}

/* GFP_HIGHUSER takes HighMem while HighMem is above its watermark, then falls back. */
static void gfp_highuser_prefers_highmem_then_falls_back(struct ktest *t)
{
	LIST_HEAD(taken);
	struct page *page;
	unsigned long from_high = 0;
	bool has_high = populated_zone(&zones[ZONE_HIGHMEM]);

	begin();
	for (;;) {
		page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		KTEST_ASSERT_TRUE(t, page != NULL);
		if (!PageHighMem(page))
			break;
		from_high++;
		list_add(&page->lru, &taken);
	}
	list_add(&page->lru, &taken);
	if (has_high) {
		/* it stopped only when HighMem hit its low watermark */
		KTEST_EXPECT_GT(t, from_high, 0);
		KTEST_EXPECT_LE(t, zone_free_with_pcp(&zones[ZONE_HIGHMEM]),
				zones[ZONE_HIGHMEM].watermark[WMARK_LOW] + 1 + zones[ZONE_HIGHMEM].pcp.batch);
		KTEST_EXPECT_EQ(t, page_zonenum(page), ZONE_NORMAL);
	} else {
		KTEST_EXPECT_EQ(t, from_high, 0);
		KTEST_EXPECT_EQ(t, page_zonenum(page), max_pfn > MAX_DMA_PFN ? ZONE_NORMAL : ZONE_DMA);
	}
	free_all(&taken);
	end(t);
}

/* Take everything a request may have: it ends in NULL, no crash, and all comes back. */
static void exhausting_memory_returns_null(struct ktest *t)
{
	LIST_HEAD(taken);
	struct page *page;
	unsigned long got = 0, got_atomic = 0;

	begin();
	while ((page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN)) != NULL) {
		list_add(&page->lru, &taken);
		got++;
	}
	/*
	 * A request that could have used HighMem leaves each lower zone its min
	 * watermark plus its lowmem_reserve against HighMem (less at most one
	 * per-CPU batch, taken when the zone was last just above the mark).
	 */
	for (int z = 0; z < ZONE_HIGHMEM; z++)
		if (populated_zone(&zones[z]))
			KTEST_EXPECT_GE(t, zones[z].free_pages + zones[z].pcp.batch,
					zones[z].watermark[WMARK_MIN] + zones[z].lowmem_reserve[ZONE_HIGHMEM]);
	/* GFP_ATOMIC may dig below min, where GFP_KERNEL may not */
	while ((page = alloc_page(GFP_ATOMIC | __GFP_NOWARN)) != NULL) {
		list_add(&page->lru, &taken);
		got_atomic++;
	}
	KTEST_EXPECT_GT(t, got, 0);
	KTEST_EXPECT_GT(t, got_atomic, 0);
	KTEST_EXPECT_TRUE(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) == NULL);
	KTEST_EXPECT_TRUE(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10) == NULL);
	free_all(&taken);
	end(t);
}

static void exhausting_dma_returns_null(struct ktest *t)
{
	LIST_HEAD(taken);
	struct page *page;
	unsigned long got = 0;

	begin();
	while ((page = alloc_page(GFP_DMA | __GFP_NOWARN)) != NULL) {
		KTEST_EXPECT_LT(t, page_to_pfn(page), MAX_DMA_PFN);
		list_add(&page->lru, &taken);
		got++;
	}
	KTEST_EXPECT_GT(t, got, 100);
	free_all(&taken);
	end(t);
}

static bool page_is_filled(struct page *page, unsigned char byte)
{
	unsigned char *p = kmap_atomic(page);
	bool ok = true;

	for (unsigned long i = 0; i < PAGE_SIZE && ok; i++)
		ok = p[i] == byte;
	kunmap_atomic(p);
	return ok;
}

static void fill_page(struct page *page, unsigned char byte)
{
	void *p = kmap_atomic(page);

	memset(p, byte, PAGE_SIZE);
	kunmap_atomic(p);
}

/* Dirty a page, free it, get it back with __GFP_ZERO (the per-CPU list is LIFO). */
static void check_zeroing(struct ktest *t, gfp_t gfp)
{
	struct page *page = alloc_page(gfp), *again;

	KTEST_ASSERT_TRUE(t, page != NULL);
	fill_page(page, 0xAA);
	KTEST_EXPECT_TRUE(t, page_is_filled(page, 0xAA));
	__free_pages(page, 0);
	again = alloc_page(gfp | __GFP_ZERO);
	KTEST_ASSERT_TRUE(t, again != NULL);
	KTEST_EXPECT_TRUE(t, again == page);
	KTEST_EXPECT_TRUE(t, page_is_filled(again, 0));
	__free_pages(again, 0);
}

/*
 * __GFP_ZERO on order-2 blocks clears every page of the block, not only
 * the first: dirty many blocks, free them, take as many back zeroed (most
 * come from the dirty ones) and look at each page.
 */
static void check_zeroing_order2(struct ktest *t)
{
	enum { NR = 64 };
	static struct page *blocks[NR];
	int dirty = 0;

	for (int i = 0; i < NR; i++) {
		blocks[i] = alloc_pages(GFP_KERNEL, 2);
		KTEST_ASSERT_TRUE(t, blocks[i] != NULL);
		for (int j = 0; j < 4; j++)
			fill_page(blocks[i] + j, 0xAA);
	}
	for (int i = 0; i < NR; i++)
		__free_pages(blocks[i], 2);
	for (int i = 0; i < NR; i++) {
		blocks[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
		KTEST_ASSERT_TRUE(t, blocks[i] != NULL);
		for (int j = 0; j < 4; j++)
			dirty += !page_is_filled(blocks[i] + j, 0);
	}
	KTEST_EXPECT_EQ(t, dirty, 0);
	for (int i = 0; i < NR; i++)
		__free_pages(blocks[i], 2);
}

static void gfp_zero_clears_lowmem_and_highmem(struct ktest *t)
{
	begin();
	check_zeroing(t, GFP_KERNEL);
	check_zeroing(t, GFP_HIGHUSER);
	check_zeroing_order2(t);
	if (populated_zone(&zones[ZONE_HIGHMEM])) {
		struct page *page = alloc_page(GFP_HIGHUSER);

		KTEST_ASSERT_TRUE(t, page != NULL);
		KTEST_EXPECT_TRUE(t, PageHighMem(page));
		KTEST_EXPECT_TRUE(t, page_address(page) == NULL);   /* no permanent address */
		__free_pages(page, 0);
	}
	KTEST_EXPECT_EQ(t, kmap_atomic_depth(), 0);
	end(t);
}

/* Is there a free block of at least this order in a lowmem zone? */
static bool lowmem_has_block(unsigned int order)
{
	for (int z = 0; z < ZONE_HIGHMEM; z++)
		for (unsigned int o = order; o < MAX_ORDER; o++)
			if (zones[z].free_area[o].nr_free)
				return true;
	return false;
}

static void higher_orders_are_aligned(struct ktest *t)
{
	begin();
	for (unsigned int order = 1; order < MAX_ORDER; order++) {
		struct page *page;

		/* an 8 MiB machine has no free 4 MiB block: the kernel sits in it */
		if (order > 8 && !lowmem_has_block(order))
			continue;
		page = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT_TRUE(t, page != NULL);
		KTEST_EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(page), 1UL << order));
		__free_pages(page, order);
	}
	KTEST_EXPECT_TRUE(t, alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
	end(t);
}

static void double_free_is_reported(struct ktest *t)
{
	struct page *page;
	unsigned long reports = bad_page_reports;

	begin();
	page = alloc_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_TRUE(t, page != NULL);
	__free_pages(page, 1);
	__free_pages(page, 1);                  /* the bug */
	KTEST_EXPECT_EQ(t, bad_page_reports, reports + 1);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page != NULL);
	__free_pages(page, 0);
	__free_pages(page, 0);                  /* again, through the per-CPU list */
	KTEST_EXPECT_EQ(t, bad_page_reports, reports + 2);
	__free_pages(pfn_to_page(0), 0);        /* a reserved page */
	KTEST_EXPECT_EQ(t, bad_page_reports, reports + 3);
	end(t);
}

static void refcount_defers_the_free(struct ktest *t)
{
	struct page *page;

	begin();
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page != NULL);
	get_page(page);
	__free_pages(page, 0);          /* drops one reference: still in use */
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before - 1);
	__free_pages(page, 0);
	end(t);
}

/* Linux's formulas (mm/page_alloc.c: min_free_kbytes, watermarks, lowmem_reserve), computed here independently. */
static void zones_and_watermarks_match_linux_formulas(struct ktest *t)
{
	unsigned long lowmem_kb = 0, pages_min, lowmem_pages = 0;
	unsigned long expect_min_free;
	unsigned long max_low = min(max_pfn, (unsigned long)((-PAGE_OFFSET - vmalloc_reserve) >> PAGE_SHIFT));

	KTEST_EXPECT_EQ(t, max_low_pfn, max_low);
	KTEST_EXPECT_EQ(t, zones[ZONE_DMA].spanned_pages, min(max_pfn, MAX_DMA_PFN));
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].spanned_pages, max_low > MAX_DMA_PFN ? max_low - MAX_DMA_PFN : 0);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].spanned_pages, max_pfn - max_low);
	for (int z = 0; z < ZONE_HIGHMEM; z++) {
		lowmem_kb += zones[z].managed_pages * 4;
		lowmem_pages += zones[z].present_pages;
	}
	expect_min_free = int_sqrt(lowmem_kb * 16);
	if (expect_min_free < 128)
		expect_min_free = 128;
	if (expect_min_free > 65536)
		expect_min_free = 65536;
	KTEST_EXPECT_EQ(t, min_free_kbytes, expect_min_free);
	pages_min = expect_min_free / 4;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long tmp = pages_min * zone->present_pages / lowmem_pages, min_w;

		if (!zone->present_pages)
			continue;
		if (z == ZONE_HIGHMEM) {
			min_w = zone->present_pages / 1024;
			min_w = min_w < 32 ? 32 : min_w > 128 ? 128 : min_w;
		} else {
			min_w = tmp;
		}
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_MIN], min_w);
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_LOW], min_w + tmp / 4);
		KTEST_EXPECT_EQ(t, zone->watermark[WMARK_HIGH], min_w + tmp / 2);
		if (zone->present_pages >= (512UL << 20) >> PAGE_SHIFT) {
			KTEST_EXPECT_EQ(t, zone->pcp.batch, 31);
			KTEST_EXPECT_EQ(t, zone->pcp.high, 186);
		}
	}
	/* DMA protects itself from Normal allocations by present(Normal)/256 */
	KTEST_EXPECT_EQ(t, zones[ZONE_DMA].lowmem_reserve[ZONE_NORMAL],
			zones[ZONE_NORMAL].present_pages / 256);
}

static struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(no_free_page_is_reserved),
	KTEST_CASE(allocations_are_distinct_and_in_ram),
	KTEST_CASE(gfp_dma_pages_lie_below_16mib),
	KTEST_CASE(gfp_kernel_pages_are_lowmem),
	KTEST_CASE(gfp_highuser_prefers_highmem_then_falls_back),
	KTEST_CASE(exhausting_memory_returns_null),
	KTEST_CASE(exhausting_dma_returns_null),
	KTEST_CASE(gfp_zero_clears_lowmem_and_highmem),
	KTEST_CASE(higher_orders_are_aligned),
	KTEST_CASE(double_free_is_reported),
	KTEST_CASE(refcount_defers_the_free),
	KTEST_CASE(zones_and_watermarks_match_linux_formulas),
	{}
};
KTEST_SUITE(page_alloc, page_alloc_cases);
