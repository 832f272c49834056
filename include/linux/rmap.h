/*
 * Counting the user page-table entries that map a page (Linux's
 * mm/rmap.c without the reverse map itself): page->_mapcount is -1 when
 * no user PTE maps the page, and one more for each that does. The shared
 * zero page is never counted (Linux's vm_normal_page() skips it too).
 * Call page_add_rmap() where a user PTE is set to a page, and
 * page_remove_rmap() where it is cleared or pointed elsewhere, before the
 * page is freed: the page allocator reports a freed page that is still
 * mapped ("Bad page state").
 */
#ifndef PAGODA_MM_RMAP_H
#define PAGODA_MM_RMAP_H

#include "linux/bug.h"
#include "linux/memory.h"
#include "linux/page.h"
#include "linux/vmstat.h"

/*
 * A page's first mapping and its last are counted in /proc/meminfo:
 * Mapped (a page-cache page, page->mapping set) or AnonPages.
 */
static inline enum node_stat_item page_mapped_item(const struct page *page)
{
	return page->mapping ? NR_FILE_MAPPED : NR_ANON_MAPPED;
}

/* A user PTE now maps page (Linux's page_add_new_anon_rmap / page_add_file_rmap). */
static inline void page_add_rmap(struct page *page)
{
	if (page != zero_page && ++page->_mapcount == 0)
		inc_node_page_state(page_mapped_item(page));
}

/* A user PTE no longer maps page (Linux's page_remove_rmap). */
static inline void page_remove_rmap(struct page *page)
{
	if (page == zero_page)
		return;
	BUG_ON(page->_mapcount < 0);    /* unmapped more often than mapped */
	if (--page->_mapcount < 0)
		dec_node_page_state(page_mapped_item(page));
}

#endif
