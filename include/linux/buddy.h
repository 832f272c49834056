/*
 * Linux keeps these in mm/internal.h; a header of its own so the host tests build the buddy core alone.
 *
 * The buddy allocator of one zone: free blocks of 2^order pages, each
 * aligned to its size, on the zone's free_area[order] lists.
 *
 * Pure algorithm over struct zone and mem_map, built for the kernel and
 * for host tests. The caller serialises access to a zone (zone->lock
 * with interrupts off, in the kernel).
 */
#ifndef PAGODA_MM_BUDDY_H
#define PAGODA_MM_BUDDY_H

#include <stdbool.h>
#include "linux/mmzone.h"
#include "linux/page.h"

/* Empty free lists; the rest of *zone is the caller's to fill in. */
void zone_init_free_lists(struct zone *zone);

/* Put a block on the free lists, merging it with free buddies. */
void __free_one_page(struct zone *zone, struct page *page, unsigned int order);

/* Take a block of 2^order pages off the free lists, or NULL. */
struct page *__rmqueue(struct zone *zone, unsigned int order);

/* Report a page whose state forbids freeing or handing it out; counted in bad_page_reports. */
extern unsigned long bad_page_reports;
void bad_page(const struct page *page, const char *reason);

/*
 * A free page has no references, no mappings and none of check_flags:
 * one test on the fast path (Linux's page_expected_state()). The
 * *_bad() functions work out which rule broke, only once one has.
 */
static inline bool page_expected_state(const struct page *page,
				       unsigned long check_flags)
{
	return !((unsigned long)page->_count | (unsigned long)(page->_mapcount + 1) |
		 (page->flags & check_flags));
}

/* Cold: kept out of line, so the loops that check every page stay tight. */
__attribute__((cold)) void free_pages_check_bad(const struct page *page);
__attribute__((cold)) void check_new_page_bad(const struct page *page);

/* True (after bad_page()) if the page may not be freed. */
static inline bool free_pages_check(const struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_FREE)))
		return false;
	free_pages_check_bad(page);
	return true;
}

/* True (after bad_page()) if a page on a free list is not fit to hand out. */
static inline bool check_new_page(const struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_PREP)))
		return false;
	check_new_page_bad(page);
	return true;
}

/*
 * All checks before a block of 2^order pages goes back (free_pages_check()
 * on each page, is_free_buddy_page()); then clears leftover page state.
 * False, with nothing changed, if the block must not be freed.
 */
bool free_pages_prepare(const struct zone *zone, struct page *page,
			unsigned int order);

/* True if the page is in a free block, as its head or inside it. */
bool is_free_buddy_page(const struct zone *zone, const struct page *page);

/*
 * Allocate: __rmqueue() plus the checks of Linux's prep_new_page(); the
 * head page comes back with _count 1. NULL if no block is big enough.
 */
struct page *buddy_alloc(struct zone *zone, unsigned int order);

/*
 * Free a block whose last reference is gone (Linux's __free_pages_ok()).
 * Returns -1, leaving the lists untouched, if any page is in a bad state.
 */
int buddy_free(struct zone *zone, struct page *page, unsigned int order);

/*
 * Give the frames [start_pfn, end_pfn) to the allocator, in the largest
 * naturally aligned blocks (memblock's free memory at the end of boot).
 * The pages must be PageReserved, as the memory map starts them. Returns
 * the number of pages added; managed_pages grows by as much.
 */
unsigned long buddy_add_free_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn);

/* Check every free-list invariant; print and count the broken ones. */
int buddy_check_zone(const struct zone *zone);

#endif
