/*
 * The LRU list and the last reference of a page (Linux's mm/swap.c).
 * Pages of the page cache sit on the LRU from the moment they are added
 * until they are freed, so that reclaim (once it exists) can find the
 * least recently used ones. One inactive list for now: nothing promotes
 * pages to an active list, and nothing reclaims from it yet.
 */
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/vmstat.h"

static LIST_HEAD(lru_inactive);

/* Swap-backed pages (shmem) are counted with the anonymous ones, as Linux's page_is_file_lru says. */
static enum node_stat_item lru_item(const struct page *page)
{
	return PageSwapBacked(page) ? NR_INACTIVE_ANON : NR_INACTIVE_FILE;
}

void lru_cache_add(struct page *page)
{
	BUG_ON(PageLRU(page));          /* on the LRU twice would corrupt the list */
	SetPageLRU(page);
	list_add(&page->lru, &lru_inactive);
	inc_node_page_state(lru_item(page));
}

/* The page is about to be freed: off the LRU (Linux's __page_cache_release). */
static void __page_cache_release(struct page *page)
{
	list_del(&page->lru);
	ClearPageLRU(page);
	dec_node_page_state(lru_item(page));
}

void put_page(struct page *page)
{
	/* one CPU, no preemption in the kernel: nobody takes a reference between the test and the free */
	if (page_count(page) == 1 && PageLRU(page))
		__page_cache_release(page);
	__free_page(page);
}
