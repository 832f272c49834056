/*
 * Putting a page on its LRU list and taking it off (Linux's
 * include/linux/mm_inline.h). Which list follows from the page's flags
 * alone (page_lru), so the flags must not change while it is on one:
 * take it off, change them, put it back.
 */
#ifndef PAGODA_MM_INLINE_H
#define PAGODA_MM_INLINE_H

#include "linux/list.h"
#include "linux/mmzone.h"
#include "linux/page.h"
#include "linux/vmstat.h"

/* A file page: reclaim drops it (or writes it back); a swap-backed one needs swap (Linux's page_is_file_lru). */
static inline bool page_is_file_lru(const struct page *page)
{
	return !PageSwapBacked(page);
}

/* The list page belongs on (Linux's folio_lru_list). */
static inline enum lru_list page_lru(const struct page *page)
{
	enum lru_list lru;

	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	lru = page_is_file_lru(page) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	if (PageActive(page))
		lru += LRU_ACTIVE;
	return lru;
}

static inline void update_lru_size(enum lru_list lru, long nr_pages)
{
	mod_node_page_state((enum node_stat_item)(NR_LRU_BASE + lru), nr_pages);
}

/*
 * At the head: the youngest end (Linux's add_page_to_lru_list). As in
 * Linux 6.1, unevictable pages are only counted, not linked: nothing
 * scans them, and their lru.prev word holds the mlock_count instead.
 */
static inline void add_page_to_lru_list(struct page *page, struct lruvec *lruvec)
{
	enum lru_list lru = page_lru(page);

	update_lru_size(lru, 1);
	if (lru != LRU_UNEVICTABLE)
		list_add(&page->lru, &lruvec->lists[lru]);
}

/* At the tail: the next one reclaim looks at (Linux's add_page_to_lru_list_tail). */
static inline void add_page_to_lru_list_tail(struct page *page, struct lruvec *lruvec)
{
	enum lru_list lru = page_lru(page);

	update_lru_size(lru, 1);
	if (lru != LRU_UNEVICTABLE)
		list_add_tail(&page->lru, &lruvec->lists[lru]);
}

static inline void del_page_from_lru_list(struct page *page, struct lruvec *lruvec)
{
	enum lru_list lru = page_lru(page);

	(void)lruvec;
	if (lru != LRU_UNEVICTABLE)
		list_del(&page->lru);
	update_lru_size(lru, -1);
}

#endif
