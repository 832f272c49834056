/*
 * Page reclaim (Linux 6.1's mm/vmscan.c), the part that needs no reverse
 * map: the page cache's pages that no process maps. When an allocation
 * finds every zone below its min watermark it reclaims directly
 * (try_to_free_pages): the inactive file list is scanned from its tail,
 * the oldest end, a batch at a time, more of it at each lower priority.
 *
 * Linux's second-chance rule: a page joins the inactive list; used again
 * while there (mark_page_accessed, twice) it moves to the active list and
 * is out of reach; unused, reclaim takes it -- a clean one is dropped
 * from the cache (__remove_mapping), a dirty one written back first
 * (pageout) and put at the tail again, to be freed by a later pass. One
 * that was used once since it came (PG_referenced) and is dirty is kept a
 * round rather than written (Linux's PAGEREF_RECLAIM_CLEAN). When the
 * inactive list grows short next to the active one, shrink_active_list
 * moves the active list's oldest pages back to it, where they must earn
 * their place again.
 *
 * Not yet: pages mapped by processes and anonymous pages. Those need the
 * reverse map (page_referenced, try_to_unmap) and swap (add_to_swap);
 * their place is marked below. Without swap Linux scans no anonymous
 * list at all (get_scan_count's SCAN_FILE), and neither does Pagoda.
 */
#include "linux/bug.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/vmstat.h"
#include "linux/watermark.h"

/* Pages reclaim tries to free per call, and isolates at once (Linux's SWAP_CLUSTER_MAX). */
#define SWAP_CLUSTER_MAX 32UL
/* The first pass scans 1/2^12 of each list; each pass after it twice as much. */
#define DEF_PRIORITY 12

static unsigned long lru_size(enum lru_list lru)
{
	return global_node_page_state((enum node_stat_item)(NR_LRU_BASE + lru));
}

/*
 * Take up to nr_to_scan pages from the tail of lru onto dst, each with a
 * reference of reclaim's own and PG_lru clear, so that nobody else moves
 * or frees them meanwhile (Linux's isolate_lru_folios). Pages of zones the
 * allocation cannot use are left where they are (Linux's pgskip).
 * Returns the pages looked at.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan, struct lruvec *lruvec, struct list_head *dst,
				       struct scan_control *sc, enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru], *pos = src->prev;
	unsigned long scanned = 0;

	while (pos != src && scanned < nr_to_scan) {
		struct page *page = list_entry(pos, struct page, lru);

		pos = pos->prev;
		if (page_zonenum(page) > sc->reclaim_idx)
			continue;
		scanned++;
		del_page_from_lru_list(page, lruvec);
		ClearPageLRU(page);
		get_page(page);
		list_add_tail(&page->lru, dst);
	}
	return scanned;
}

/* Back onto its list (the one its flags say), dropping reclaim's reference (Linux's folio_putback_lru). */
static void putback_lru_page(struct page *page)
{
	lru_cache_add(page);
	put_page(page);
}

/* Back at the tail of the inactive list: the next pass takes it first (Linux's folio_rotate_reclaimable). */
static void rotate_reclaimable_page(struct page *page)
{
	ClearPageReclaim(page);
	ClearPageActive(page);
	if (PageMlocked(page)) {
		putback_lru_page(page);
		return;
	}
	SetPageLRU(page);
	add_page_to_lru_list_tail(page, page_lruvec(page));
	count_vm_event(PGROTATED);
	put_page(page);
}

enum page_references { PAGEREF_RECLAIM, PAGEREF_RECLAIM_CLEAN, PAGEREF_ACTIVATE, PAGEREF_KEEP };

/*
 * Was the page used since it came to the inactive list (Linux's
 * folio_check_references)? For an unmapped page only PG_referenced
 * tells, and it is cleared as it is read. With the reverse map,
 * page_referenced() will count the PTEs that used it here: a mapped page
 * used again is activated.
 */
static enum page_references page_check_references(struct page *page)
{
	bool referenced_page = PageReferenced(page);

	ClearPageReferenced(page);
	if (referenced_page && page_is_file_lru(page))
		return PAGEREF_RECLAIM_CLEAN;   /* clean: go; dirty: not worth a write yet */
	return PAGEREF_RECLAIM;
}

/*
 * Write a dirty, locked page of reclaim's back to its file (Linux's
 * pageout). ->writepage unlocks it. Returns false when it cannot be
 * written (the caller keeps it), true when the write was started.
 */
static bool pageout(struct page *page, struct address_space *mapping)
{
	if (!mapping_can_writeback(mapping))
		return false;
	if (!clear_page_dirty_for_io(page))
		return false;
	SetPageReclaim(page);
	if (mapping->a_ops->writepage(page, NULL) < 0)
		SetPageError(page);
	if (!PageWriteback(page))
		ClearPageReclaim(page);
	return true;
}

/*
 * Drop a clean, locked, unmapped page from its mapping if nobody but the
 * cache and reclaim holds it (Linux's __remove_mapping). True if dropped:
 * then reclaim's reference is the last.
 */
static bool __remove_mapping(struct address_space *mapping, struct page *page)
{
	if (page_count(page) != 2 || PageDirty(page) || page_mapped(page))
		return false;   /* a reader, a buffer head or a PTE holds it, or it was dirtied */
	delete_from_page_cache(page);
	(void)mapping;
	return true;
}

/*
 * Try to free each page of page_list (Linux's shrink_folio_list). What
 * cannot be freed goes back on a list: kept (the inactive head), rotated
 * after its write, activated, or to the unevictable list. Returns the
 * pages freed.
 */
static unsigned long shrink_page_list(struct list_head *page_list, struct scan_control *sc)
{
	unsigned long reclaimed = 0;

	while (!list_empty(page_list)) {
		struct page *page = list_first_entry(page_list, struct page, lru);
		struct address_space *mapping;
		enum page_references ref;

		list_del(&page->lru);
		if (!trylock_page(page))
			goto keep;
		mapping = page->mapping;        /* under the lock: truncation may have taken it meanwhile */
		if (PageMlocked(page) || PageWriteback(page))
			goto keep_locked;       /* putback culls the first; the second is not ours to free yet */
		if (!page_is_file_lru(page) || page_mapped(page) || !mapping) {
			/*
			 * The reverse map's place: page_referenced() to see whether a
			 * PTE used it (then activate), try_to_unmap() to take every
			 * PTE away, and for an anonymous page add_to_swap(). Until
			 * they exist a mapped page stays.
			 */
			goto keep_locked;
		}
		ref = page_check_references(page);
		if (!mapping->a_ops || !mapping->a_ops->readpage)
			goto activate_locked;   /* the cache is the only copy: cannot be read back */
		if (PageDirty(page)) {
			if (ref == PAGEREF_RECLAIM_CLEAN || !sc->may_writepage)
				goto keep_locked;
			if (!pageout(page, mapping))
				goto keep_locked;
			/* written (and unlocked); the write has ended here, it is freed on a later pass */
			rotate_reclaimable_page(page);
			continue;
		}
		if (!__remove_mapping(mapping, page))
			goto keep_locked;
		unlock_page(page);
		ClearPageActive(page);
		put_page(page);         /* reclaim's: the last */
		reclaimed++;
		continue;
activate_locked:
		if (!PageMlocked(page)) {
			SetPageActive(page);
			count_vm_event(PGACTIVATE);
		}
keep_locked:
		unlock_page(page);
keep:
		putback_lru_page(page);
	}
	return reclaimed;
}

unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct lruvec *lruvec, struct scan_control *sc,
				   enum lru_list lru)
{
	LIST_HEAD(page_list);
	unsigned long scanned = isolate_lru_pages(nr_to_scan, lruvec, &page_list, sc, lru);
	unsigned long reclaimed = shrink_page_list(&page_list, sc);
	bool file = lru == LRU_INACTIVE_FILE;

	sc->nr_scanned += scanned;
	sc->nr_reclaimed += reclaimed;
	count_vm_events(PGSCAN_DIRECT, scanned);        /* no kswapd yet: every scan is direct */
	count_vm_events(PGSTEAL_DIRECT, reclaimed);
	count_vm_events(file ? PGSCAN_FILE : PGSCAN_ANON, scanned);
	count_vm_events(file ? PGSTEAL_FILE : PGSTEAL_ANON, reclaimed);
	return reclaimed;
}

void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec, struct scan_control *sc,
			enum lru_list lru)
{
	LIST_HEAD(l_hold);
	unsigned long scanned = isolate_lru_pages(nr_to_scan, lruvec, &l_hold, sc, lru);

	count_vm_events(PGREFILL, scanned);
	while (!list_empty(&l_hold)) {
		struct page *page = list_first_entry(&l_hold, struct page, lru);

		list_del(&page->lru);
		/*
		 * With the reverse map: a mapped executable file page whose PTEs
		 * were used (page_referenced) stays active (Linux's rule for
		 * code). Every other page goes back to the inactive list's head.
		 */
		if (!PageMlocked(page)) {
			ClearPageActive(page);
			count_vm_event(PGDEACTIVATE);
		}
		putback_lru_page(page);
	}
}

/*
 * Is the inactive list short beside the active one (Linux's
 * inactive_is_low)? The ratio grows with the square root of the memory
 * the lists hold: 1 below 1 GiB, 3 at 1 GiB, 10 at 10 GiB.
 */
static bool inactive_is_low(enum lru_list inactive_lru)
{
	unsigned long inactive = lru_size(inactive_lru), active = lru_size(inactive_lru + LRU_ACTIVE);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * ratio < active;
}

/* This priority's share of a list: size / 2^priority, and a batch at least (Linux's get_scan_count). */
static unsigned long scan_share(enum lru_list lru, int priority)
{
	unsigned long size = lru_size(lru), scan = size >> priority;

	return scan ? scan : min(size, SWAP_CLUSTER_MAX);
}

/* One pass over the node's file lists (Linux's shrink_lruvec; no swap: the anon lists are left alone). */
static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long nr_inactive = scan_share(LRU_INACTIVE_FILE, sc->priority);

	if (inactive_is_low(LRU_INACTIVE_FILE))
		shrink_active_list(scan_share(LRU_ACTIVE_FILE, sc->priority), lruvec, sc, LRU_ACTIVE_FILE);
	while (nr_inactive && sc->nr_reclaimed < sc->nr_to_reclaim) {
		unsigned long batch = min(nr_inactive, SWAP_CLUSTER_MAX);

		nr_inactive -= batch;
		shrink_inactive_list(batch, lruvec, sc, LRU_INACTIVE_FILE);
	}
}

/* Shrink at rising pressure until enough is freed (Linux's do_try_to_free_pages). */
static unsigned long do_try_to_free_pages(struct scan_control *sc)
{
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0; sc->priority--) {
		shrink_lruvec(node_lruvec(NODE_DATA(0)), sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
	return sc->nr_reclaimed;
}

unsigned long try_to_free_pages(unsigned int gfp_mask, unsigned int order)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.reclaim_idx = gfp_zone(gfp_mask),
		/* with no kswapd yet, direct reclaim writes dirty pages itself (Linux 6.1 leaves that to kswapd) */
		.may_writepage = (gfp_mask & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS),
	};
	unsigned long reclaimed;

	(void)order;    /* order > 0: freed pages may merge; no compaction */
	/* PF_MEMALLOC: what reclaim itself allocates (a write's buffers) must not reclaim again */
	if (!current || current->in_reclaim)
		return 0;
	count_vm_event((enum vm_event_item)(ALLOCSTALL_DMA + gfp_zone(gfp_mask)));
	current->in_reclaim = true;
	reclaimed = do_try_to_free_pages(&sc);
	current->in_reclaim = false;
	return reclaimed;
}
