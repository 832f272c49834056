/*
 * Linux keeps the buddy core in mm/page_alloc.c; apart here so the host tests and the fuzzer build it alone.
 *
 * The buddy allocator (Knuth; Linux mm/page_alloc.c). A free block of
 * 2^order pages starts at a pfn that is a multiple of 2^order; its buddy
 * is the other half of the block of order+1 that contains it. Freeing
 * merges a block with its buddy for as long as the buddy is free too;
 * allocating splits a bigger block and frees the halves it does not need.
 *
 * Only the head page of a free block is marked: PageBuddy, with the
 * order in page->private, linked on free_area[order].free_list.
 */
#include "linux/buddy.h"
#include "linux/bug.h"
#include "linux/printk.h"

void zone_init_free_lists(struct zone *zone)
{
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
	zone->free_pages = 0;
}

/* A block that is misaligned or pokes out of its zone is a caller's bug. */
static bool bad_range(const struct zone *zone, unsigned long pfn,
		      unsigned int order)
{
	unsigned long nr = 1UL << order;

	return order >= MAX_ORDER || !IS_ALIGNED(pfn, nr) ||
	       !zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + nr - 1);
}

/*
 * Is the block of this order at pfn free, so that it can merge? Test the
 * span first: mem_map may end with the zone, at a pfn that need not be
 * aligned, and the pages of a neighbouring zone are not ours to merge.
 */
static bool page_is_buddy(const struct zone *zone, unsigned long pfn,
			  unsigned int order)
{
	const struct page *buddy;

	if (!zone_spans_pfn(zone, pfn))
		return false;
	buddy = pfn_to_page(pfn);
	return PageBuddy(buddy) && page_order(buddy) == order;
}

void __free_one_page(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	BUG_ON(bad_range(zone, pfn, order));
	zone->free_pages += 1UL << order;

	/* LAB 2: BEGIN SOLUTION */
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		buddy = pfn_to_page(buddy_pfn);
		list_del(&buddy->lru);
		zone->free_area[order].nr_free--;
		rmv_page_order(buddy);
		pfn &= ~(1UL << order);		/* the pair starts at the lower half */
		order++;
	}
	/* LAB 2: END SOLUTION */
	page = pfn_to_page(pfn);
	set_page_order(page, order);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

/*
 * Split a free block of order high, already off its list, down to order
 * low: each step keeps the lower half and frees the upper half onto the
 * list one order down.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high)
{
	/* LAB 2: BEGIN SOLUTION */
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		BUG_ON(bad_range(zone, page_to_pfn(&page[size]), high));
		list_add(&page[size].lru, &zone->free_area[high].free_list);
		zone->free_area[high].nr_free++;
		set_page_order(&page[size], high);
	}
	/* LAB 2: END SOLUTION */
}

struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	unsigned int current_order;

	BUG_ON(order >= MAX_ORDER);
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		zone->free_pages -= 1UL << order;	/* expand() frees the rest */
		expand(zone, page, order, current_order);
		return page;
	}
	return NULL;
}

unsigned long bad_page_reports;	/* tests check that a bad free was caught */

void bad_page(const struct page *page, const char *reason)
{
	bad_page_reports++;
	printk(KERN_ALERT "BUG: Bad page state: pfn %#lx flags %#lx count %d mapcount %d (%s)\n",
	       page_to_pfn(page), page->flags, page_count(page),
	       page_mapcount(page), reason);
}

/* page_expected_state() failed: say which rule, in Linux's order. */
void free_pages_check_bad(const struct page *page)
{
	const char *reason;

	if (PageBuddy(page))
		reason = "already free";
	else if (PageReserved(page))
		reason = "PageReserved";
	else if (page_count(page) != 0)
		reason = "still referenced";
	else if (page->_mapcount != -1)
		reason = "still mapped";
	else
		reason = "flags set at free";
	bad_page(page, reason);
}

void check_new_page_bad(const struct page *page)
{
	const char *reason;

	if (page_count(page) != 0)
		reason = "free page referenced";
	else if (page->_mapcount != -1)
		reason = "free page mapped";
	else
		reason = "free page has flags";
	bad_page(page, reason);
}

/*
 * Blocks are aligned to their size, so a free block containing the page
 * starts at the page's pfn rounded down to that block's order.
 */
bool is_free_buddy_page(const struct zone *zone, const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long head_pfn = pfn & ~((1UL << order) - 1);
		const struct page *head;

		if (!zone_spans_pfn(zone, head_pfn))
			break;		/* bigger blocks would start lower still */
		head = pfn_to_page(head_pfn);
		if (PageBuddy(head) && page_order(head) >= order)
			return true;
	}
	return false;
}

/*
 * Every page of the block must be fit to free. The page-by-page check
 * finds free blocks inside this one (their heads are PageBuddy); a free
 * block around it shows up from its head. Nothing changes on failure.
 */
bool free_pages_prepare(const struct zone *zone, struct page *page,
			unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++)
		if (free_pages_check(&page[i]))
			return false;	/* one report per block is enough */
	if (is_free_buddy_page(zone, page)) {
		bad_page(page, "inside a free block");
		return false;
	}
	/* Leftover state such as PG_dirty means nothing to the next owner. */
	for (i = 0; i < nr; i++) {
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		page[i].mapping = NULL;	/* the slab's freelist shares the word */
	}
	return true;
}

struct page *buddy_alloc(struct zone *zone, unsigned int order)
{
	struct page *page;
	unsigned long i;

again:
	page = __rmqueue(zone, order);
	if (!page)
		return NULL;
	for (i = 0; i < (1UL << order); i++)
		if (check_new_page(&page[i]))
			goto again;	/* leak the damaged block, as Linux does */
	set_page_refcounted(page);
	return page;
}

int buddy_free(struct zone *zone, struct page *page, unsigned int order)
{
	/* Before looking at the pages: they must be inside mem_map. */
	BUG_ON(bad_range(zone, page_to_pfn(page), order));
	if (!free_pages_prepare(zone, page, order))
		return -1;
	__free_one_page(zone, page, order);
	return 0;
}

/* The largest block that starts at pfn, aligned, and ends by end_pfn. */
static unsigned int max_block_order(unsigned long pfn, unsigned long end_pfn)
{
	unsigned int order = MAX_ORDER - 1;

	while (!IS_ALIGNED(pfn, 1UL << order) || pfn + (1UL << order) > end_pfn)
		order--;
	return order;
}

/*
 * Hand one boot-time block over, the slow way: each check in turn, so
 * that a block in the wrong state is reported for the right reason.
 * The memory map starts every frame reserved; a block that is not
 * reserved was handed over already, or never was boot memory: report
 * it and leave it alone.
 */
static bool add_free_block_slow(struct zone *zone, struct page *page,
				unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		if (!PageReserved(&page[i])) {
			bad_page(&page[i], "added to the allocator twice?");
			return false;
		}
	}
	for (i = 0; i < nr; i++) {
		ClearPageReserved(&page[i]);
		set_page_count(&page[i], 0);
	}
	if (!free_pages_prepare(zone, page, order)) {
		for (i = 0; i < nr; i++)
			SetPageReserved(&page[i]);
		return false;
	}
	__free_one_page(zone, page, order);
	return true;
}

/*
 * Is every page as free_area_init() left it: reserved, unmapped, none
 * of the other flags that forbid a free? Exactly the pages that
 * add_free_block_slow() would accept.
 */
static bool boot_pages_ok(const struct page *page, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++)
		if ((page[i].flags & PAGE_FLAGS_CHECK_AT_FREE) != 1UL << PG_reserved ||
		    page[i]._mapcount != -1)
			return false;
	return true;
}

/*
 * Hand one boot-time block over: memblock's free frames become free
 * pages (count 0). Boot hands over every page of RAM, so the usual case
 * is one check pass and one pass setting each page's free state; any
 * surprise goes the slow way, which reports it.
 */
static bool add_free_block(struct zone *zone, struct page *page,
			   unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	if (unlikely(!boot_pages_ok(page, nr) || is_free_buddy_page(zone, page)))
		return add_free_block_slow(zone, page, order);
	for (i = 0; i < nr; i++) {
		/* Clears PG_reserved, and stale state such as PG_dirty. */
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		page[i].mapping = NULL;
		set_page_count(&page[i], 0);
	}
	__free_one_page(zone, page, order);
	return true;
}

unsigned long buddy_add_free_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, added = 0;

	BUG_ON(start_pfn > end_pfn);
	while (pfn < end_pfn) {
		unsigned int order = max_block_order(pfn, end_pfn);

		BUG_ON(bad_range(zone, pfn, order));
		if (add_free_block(zone, pfn_to_page(pfn), order))
			added += 1UL << order;
		pfn += 1UL << order;
	}
	zone->managed_pages += added;
	return added;
}

/* Report one broken invariant; uses the caller's zone and bad. */
#define CHECK(cond, fmt, ...) do {					\
	if (!(cond)) {							\
		pr_err("buddy_check_zone %s: " fmt "\n", zone->name,	\
		       ##__VA_ARGS__);					\
		bad++;							\
	}								\
} while (0)

/* Walk the lists; count blocks per order into listed[]. */
static int check_free_lists(const struct zone *zone, unsigned long *listed)
{
	unsigned long total = 0;
	unsigned int order;
	int bad = 0;

	for (order = 0; order < MAX_ORDER; order++) {
		const struct list_head *head = &zone->free_area[order].free_list;
		const struct list_head *prev = head, *pos;
		unsigned long n = 0;

		for (pos = head->next; pos != head; prev = pos, pos = pos->next) {
			const struct page *page = list_entry(pos, struct page, lru);
			unsigned long pfn = page_to_pfn(page);

			if (pos->prev != prev || n > zone->spanned_pages) {
				CHECK(0, "order %u: list corrupt after %lu blocks", order, n);
				break;
			}
			n++;
			CHECK(!bad_range(zone, pfn, order),
			      "order %u: block %#lx misaligned or outside the zone", order, pfn);
			if (!zone_spans_pfn(zone, pfn))
				continue;	/* do not read a stranger's page */
			CHECK(PageBuddy(page), "order %u: listed block %#lx not PageBuddy", order, pfn);
			CHECK(page_order(page) == order, "order %u: block %#lx says order %u",
			      order, pfn, page_order(page));
		}
		CHECK(n == zone->free_area[order].nr_free, "order %u: nr_free %lu but %lu listed",
		      order, zone->free_area[order].nr_free, n);
		listed[order] = n;
		total += n << order;
	}
	CHECK(total == zone->free_pages, "free_pages %lu but %lu on the lists",
	      zone->free_pages, total);
	return bad;
}

/* The pages of one free block, head at pfn, as seen in mem_map. */
static int check_free_block(const struct zone *zone, unsigned long pfn,
			    unsigned int order)
{
	unsigned long i, nr = 1UL << order;
	int bad = 0;

	for (i = 0; i < nr; i++) {
		const struct page *page = pfn_to_page(pfn + i);

		CHECK(i == 0 || !PageBuddy(page), "block %#lx order %u overlaps block %#lx",
		      pfn, order, pfn + i);
		CHECK(page_count(page) == 0 && page->_mapcount == -1,
		      "free page %#lx count %d mapcount %d", pfn + i,
		      page_count(page), page_mapcount(page));
		CHECK(!(page->flags & (PAGE_FLAGS_CHECK_AT_PREP & ~(1UL << PG_buddy))),
		      "free page %#lx flags %#lx", pfn + i, page->flags);
		CHECK(page_zonenum(page) == zone_idx(zone), "free page %#lx in zone %d",
		      pfn + i, (int)page_zonenum(page));
	}
	CHECK(order == MAX_ORDER - 1 || !page_is_buddy(zone, pfn ^ nr, order),
	      "block %#lx order %u and its buddy are both free", pfn, order);
	return bad;
}

int buddy_check_zone(const struct zone *zone)
{
	unsigned long listed[MAX_ORDER], marked[MAX_ORDER] = { 0 };
	unsigned long pfn = zone->zone_start_pfn;
	unsigned int order;
	int bad = check_free_lists(zone, listed);

	/* Every PageBuddy head in mem_map must be a listed block, and back. */
	while (pfn < zone_end_pfn(zone)) {
		const struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page)) {
			pfn++;
			continue;
		}
		order = page_order(page);
		if (bad_range(zone, pfn, order)) {
			CHECK(0, "PageBuddy %#lx: order %u misaligned or outside the zone",
			      pfn, order);
			pfn++;
			continue;
		}
		marked[order]++;
		bad += check_free_block(zone, pfn, order);
		pfn += 1UL << order;
	}
	for (order = 0; order < MAX_ORDER; order++)
		CHECK(marked[order] == listed[order], "order %u: %lu PageBuddy heads, %lu listed",
		      order, marked[order], listed[order]);
	return bad;
}
