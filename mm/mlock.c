/*
 * mlock (Linux 6.1's mm/mlock.c): pages of VM_LOCKED VMAs stay in memory.
 * A page mapped into a locked VMA gets PG_mlocked and moves to the
 * unevictable list, where reclaim never looks; page->mlock_count counts
 * its locked mappings, and when the last goes (munlock, munmap, exit, a
 * COW copy replacing it) it returns to an evictable list. As in Linux
 * the count may be low after reclaim had the page isolated: it is a
 * hint, the flag is the rule.
 */
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/vmstat.h"

/* PG_mlocked set, counted (Linux's folio_test_set_mlocked + NR_MLOCK). */
static bool test_set_page_mlocked(struct page *page)
{
	if (PageMlocked(page))
		return true;
	SetPageMlocked(page);
	inc_node_page_state(NR_MLOCK);
	count_vm_event(UNEVICTABLE_PGS_MLOCKED);
	return false;
}

void mlock_vma_page(struct page *page)
{
	struct lruvec *lruvec = page_lruvec(page);

	test_set_page_mlocked(page);
	if (!PageLRU(page))
		return;         /* isolated by reclaim: putback sees the flag */
	if (PageUnevictable(page)) {
		page->mlock_count++;
		return;
	}
	del_page_from_lru_list(page, lruvec);
	ClearPageActive(page);
	SetPageUnevictable(page);
	page->mlock_count = 1;
	add_page_to_lru_list(page, lruvec);
	count_vm_event(UNEVICTABLE_PGS_CULLED);
}

void munlock_vma_page(struct page *page)
{
	struct lruvec *lruvec = page_lruvec(page);

	if (!PageMlocked(page))
		return;
	if (PageLRU(page) && PageUnevictable(page) && page->mlock_count > 1) {
		page->mlock_count--;
		return;         /* another locked VMA still maps it */
	}
	ClearPageMlocked(page);
	dec_node_page_state(NR_MLOCK);
	count_vm_event(UNEVICTABLE_PGS_MUNLOCKED);
	if (!PageLRU(page) || !PageUnevictable(page))
		return;
	del_page_from_lru_list(page, lruvec);
	ClearPageUnevictable(page);
	INIT_LIST_HEAD(&page->lru);     /* the word held the count */
	add_page_to_lru_list(page, lruvec);
	count_vm_event(UNEVICTABLE_PGS_RESCUED);
}
