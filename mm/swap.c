/*
 * The LRU lists and the last reference of a page (Linux's mm/swap.c).
 * Every page a process or the page cache uses -- anonymous pages, COW
 * copies, page-cache and shmem pages -- sits on one of the node's LRU
 * lists (include/linux/mm_inline.h) from the moment it is added until it
 * is freed, so that reclaim (mm/vmscan.c) can find the least recently
 * used ones. New pages start inactive; mark_page_accessed promotes a page
 * used twice to the active list.
 *
 * No per-CPU pagevecs: Linux batches additions in them to take the LRU
 * lock once per 15 pages; here there is no lock (one CPU, a kernel that is
 * not preempted), and a list_add is cheaper than the batching (measured:
 * README, "LRU"). lru_add_drain exists for the callers Linux has.
 */
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/page_alloc.h"
#include "linux/vmstat.h"

#define LRU_LIST(l) LIST_HEAD_INIT(contig_page_data.__lruvec.lists[l])

struct pglist_data contig_page_data = {
	.__lruvec = { .lists = { LRU_LIST(0), LRU_LIST(1), LRU_LIST(2), LRU_LIST(3), LRU_LIST(4) } },
};

struct lruvec *page_lruvec(const struct page *page)
{
	(void)page;
	return node_lruvec(NODE_DATA(0));       /* one node */
}

/*
 * May reclaim take the page back? Not while an mlock()ed VMA maps it
 * (Linux's folio_evictable; ramfs's unevictable mappings: none here).
 */
static bool page_evictable(const struct page *page)
{
	return !PageMlocked(page);
}

void lru_cache_add(struct page *page)
{
	BUG_ON(PageLRU(page));          /* on the LRU twice would corrupt the list */
	/* Linux's lru_add_fn: an mlocked page goes straight to the unevictable list */
	if (page_evictable(page)) {
		ClearPageUnevictable(page);
	} else {
		ClearPageActive(page);
		SetPageUnevictable(page);
		page->mlock_count = 1;  /* the mapping that mlocked it */
	}
	SetPageLRU(page);
	add_page_to_lru_list(page, page_lruvec(page));
}

void lru_add_drain(void)
{
	/* no pagevecs: every page is on its list already */
}

/* Move an inactive page on the LRU to its active list (Linux's folio_activate). */
void activate_page(struct page *page)
{
	struct lruvec *lruvec = page_lruvec(page);

	if (!PageLRU(page) || PageActive(page) || PageUnevictable(page))
		return;
	del_page_from_lru_list(page, lruvec);
	SetPageActive(page);
	add_page_to_lru_list(page, lruvec);
	count_vm_event(PGACTIVATE);
}

void mark_page_accessed(struct page *page)
{
	if (!PageReferenced(page)) {
		SetPageReferenced(page);        /* the first use: remembered */
	} else if (PageUnevictable(page)) {
		/* on no list reclaim scans: nothing to promote */
	} else if (!PageActive(page)) {
		/* the second use while inactive: promote, and start counting again */
		if (PageLRU(page))
			activate_page(page);
		else
			SetPageActive(page);    /* isolated: it goes back to the active list */
		ClearPageReferenced(page);
	}
}

/*
 * The page is about to be freed: off the LRU, and its mlock gone with it
 * (Linux's __page_cache_release). A page still mlocked here was mapped in
 * a locked VMA until the very end: Linux counts it "cleared".
 */
static void __page_cache_release(struct page *page)
{
	if (PageLRU(page)) {
		del_page_from_lru_list(page, page_lruvec(page));
		ClearPageLRU(page);
		ClearPageActive(page);
		ClearPageUnevictable(page);
	}
	if (PageMlocked(page)) {
		ClearPageMlocked(page);
		dec_node_page_state(NR_MLOCK);
		count_vm_event(UNEVICTABLE_PGS_CLEARED);
	}
}

void put_page(struct page *page)
{
	/* one CPU, no preemption in the kernel: nobody takes a reference between the test and the free */
	if (page_count(page) == 1 && (PageLRU(page) || PageMlocked(page)))
		__page_cache_release(page);
	__free_page(page);
}
