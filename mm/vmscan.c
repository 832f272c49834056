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
 * Mapped and anonymous pages (the reverse map): page_referenced() reads
 * and clears the accessed bits of the PTEs that map a page, and
 * page_check_references decides as Linux does: used through a PTE again
 * (or twice), activate; an executable file page used once, activate too
 * (code gets a second chance); used once, keep it a round; unused, it
 * goes. An anonymous page gets a swap slot and the swap cache
 * (add_to_swap), its PTEs become the slot's entry (try_to_unmap), it is
 * written (swap_writepage) and dropped from the swap cache. Anonymous
 * against file: vm.swappiness (get_scan_count); without a free swap slot
 * the anonymous lists are not scanned at all (SCAN_FILE).
 *
 * Two reclaimers, as in Linux: kswapd, a kernel thread the allocator
 * wakes when a zone falls below its low watermark, reclaims until every
 * zone is above high (balance_pgdat) and may write dirty file pages; an
 * allocation that finds every zone below min reclaims itself (direct
 * reclaim, try_to_free_pages), which writes only to swap (6.1 leaves file
 * writeback to kswapd and the flusher).
 */
#include "linux/bug.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/kthread.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/swap.h"
#include "linux/vma.h"
#include "linux/wait.h"
#include "linux/vmstat.h"
#include "linux/watermark.h"

/* Pages reclaim tries to free per call, and isolates at once (Linux's SWAP_CLUSTER_MAX). */
#define SWAP_CLUSTER_MAX 32UL
/* The first pass scans 1/2^12 of each list; each pass after it twice as much. */
#define DEF_PRIORITY 12

int vm_swappiness = 60;

/* kswapd0 and what it was woken for (Linux keeps these in pglist_data; one node here) */
static struct task_struct *kswapd_task;
static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static unsigned int kswapd_order;
static enum zone_type kswapd_highest_zoneidx;
static bool kswapd_woken;

/* Is the caller kswapd (Linux's current_is_kswapd, PF_KSWAPD)? */
static bool current_is_kswapd(void)
{
	return current && current == kswapd_task;
}

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

/* What a PTE walk found: how many PTEs had used the page, and their VMAs' flags together. */
struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
				pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;

	(void)page;
	if (*pte & _PAGE_ACCESSED) {
		set_pte(pte, *pte & ~(pte_t)_PAGE_ACCESSED);
		__flush_tlb_one(addr);
		ra->referenced++;
		ra->vm_flags |= vma->vm_flags;
	}
	if (vma->vm_flags & VM_LOCKED)
		ra->vm_flags |= VM_LOCKED;
	return true;
}

/* page_referenced() that also tells the VMAs' flags (Linux's folio_referenced with its vm_flags). */
static int page_referenced_flags(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, 0 };
	struct rmap_walk_control rwc = { .arg = &ra, .rmap_one = page_referenced_one };

	rmap_walk(page, &rwc);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

enum page_references page_references_decide(int referenced_ptes, bool referenced_page, unsigned long vm_flags,
					    bool swapbacked)
{
	if (vm_flags & VM_LOCKED)
		return PAGEREF_ACTIVATE;        /* mlocked meanwhile: putback culls it */
	if (referenced_ptes) {
		/* used twice since it came (again through a PTE, or by read/write and a PTE): activate */
		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;
		/* code: one use earns it the active list, so a program's text outlives streaming data */
		if ((vm_flags & VM_EXEC) && !swapbacked)
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;            /* used once: another round on the inactive list */
	}
	if (referenced_page && !swapbacked)
		return PAGEREF_RECLAIM_CLEAN;   /* clean: go; dirty: not worth a write yet */
	return PAGEREF_RECLAIM;
}

/*
 * Was the page used since it came to the inactive list (Linux's
 * folio_check_references)? The PTEs' accessed bits (cleared as they are
 * read) and PG_referenced (set for a mapped page used once, so a second
 * use activates it).
 */
static enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags;
	int referenced_ptes = page_referenced_flags(page, &vm_flags);
	bool referenced_page = PageReferenced(page);

	ClearPageReferenced(page);
	if (referenced_ptes)
		SetPageReferenced(page);
	return page_references_decide(referenced_ptes, referenced_page, vm_flags, PageSwapBacked(page));
}

/*
 * Write a dirty, locked page of reclaim's back to its file (Linux's
 * pageout). ->writepage unlocks it. Returns false when it cannot be
 * written (the caller keeps it), true when the write was started.
 */
static bool file_pageout(struct page *page, struct address_space *mapping)
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
 * Write a dirty, locked swap-cache page to its slot (Linux's pageout with
 * swap_writepage), synchronously: the page stays locked, so a fault on one
 * of its swap entries waits here. True if the slot now holds its data.
 */
static bool swap_pageout(struct page *page)
{
	int err;

	ClearPageDirty(page);
	SetPageWriteback(page);
	err = swap_writepage(page);     /* sleeps */
	ClearPageWriteback(page);
	if (err)
		SetPageDirty(page);     /* still only in memory */
	return !err;
}

/* A locked page reclaim has freed from everything: unlock, drop reclaim's reference (the last). */
static void free_reclaimed_page(struct page *page)
{
	unlock_page(page);
	ClearPageActive(page);
	put_page(page);
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
		bool anon;

		list_del(&page->lru);
		if (!trylock_page(page))
			goto keep;
		if (PageMlocked(page) || PageWriteback(page))
			goto keep_locked;       /* putback culls the first; the second is not ours to free yet */
		anon = PageAnon(page) || PageSwapCache(page);
		mapping = page->mapping;        /* under the lock: truncation may have taken it meanwhile */
		if (!anon && PageSwapBacked(page))
			goto activate_locked;   /* shmem: no shmem_writepage yet, the cache is its only copy */
		if (!anon && !mapping)
			goto keep_locked;
		ref = page_check_references(page);
		if (ref == PAGEREF_ACTIVATE)
			goto activate_locked;
		if (ref == PAGEREF_KEEP)
			goto keep_locked;
		if (PageAnon(page) && !PageSwapCache(page)) {
			if (!page_mapped(page) && page_count(page) == 1) {
				free_reclaimed_page(page);      /* its last PTE went meanwhile */
				reclaimed++;
				continue;
			}
			if (!(sc->gfp_mask & __GFP_IO))
				goto keep_locked;       /* GFP_NOIO: no swap writes */
			if (!add_to_swap(page))
				goto activate_locked;   /* swap full: as Linux, it waits on the active list */
		}
		if (page_mapped(page) && !try_to_unmap(page, 0))
			goto activate_locked;   /* a slot shared by SWAP_MAP_MAX PTEs */
		if (PageSwapCache(page)) {
			if (PageDirty(page) && (!(sc->gfp_mask & __GFP_IO) || !swap_pageout(page)))
				goto keep_locked;
			if (page_count(page) != 2 || PageDirty(page) || page_mapped(page))
				goto keep_locked;       /* a fault took it back meanwhile */
			delete_from_swap_cache(page);
			free_reclaimed_page(page);
			reclaimed++;
			continue;
		}
		if (!mapping->a_ops || !mapping->a_ops->readpage)
			goto activate_locked;   /* the cache is the only copy: cannot be read back */
		if (PageDirty(page)) {
			/* direct reclaim leaves file writes to kswapd (may_writepage); a write needs GFP_FS */
			if (ref == PAGEREF_RECLAIM_CLEAN || !sc->may_writepage)
				goto keep_locked;
			if (!(sc->gfp_mask & __GFP_FS))
				goto keep_locked;
			if (!file_pageout(page, mapping))
				goto keep_locked;
			/* written (and unlocked); the write has ended here, it is freed on a later pass */
			rotate_reclaimable_page(page);
			continue;
		}
		if (!__remove_mapping(mapping, page))
			goto keep_locked;
		free_reclaimed_page(page);
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
	count_vm_events(current_is_kswapd() ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	count_vm_events(current_is_kswapd() ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, reclaimed);
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
		unsigned long vm_flags;

		list_del(&page->lru);
		/* mapped code whose PTEs were used stays active (Linux's rule for executable file pages) */
		if (page_mapped(page) && page_referenced_flags(page, &vm_flags) && (vm_flags & VM_EXEC) &&
		    page_is_file_lru(page)) {
			putback_lru_page(page);
			continue;
		}
		/* every other page goes back to the inactive list's head, to earn its place again */
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

/* This priority's share of a list: size / 2^priority, and a batch at least. */
static unsigned long scan_share(enum lru_list lru, int priority)
{
	unsigned long size = lru_size(lru), scan = size >> priority;

	return scan ? scan : min(size, SWAP_CLUSTER_MAX);
}

/*
 * How many pages of each evictable list to scan at this priority (Linux's
 * get_scan_count, simply): no free swap slot, no anonymous scan
 * (SCAN_FILE); swappiness 0, or no file pages left, one kind only
 * (SCAN_FILE, SCAN_ANON); otherwise each share weighted by swappiness
 * against 200 - swappiness (SCAN_FRACT), rounded up. Left out: the
 * recent cost of rotations Linux weighs in, and the "file pages are
 * nearly gone" rule.
 */
static void get_scan_count(struct scan_control *sc, unsigned long nr[NR_LRU_LISTS])
{
	unsigned long anon_prio = (unsigned long)vm_swappiness, file_prio = 200 - anon_prio;
	bool file_empty = !lru_size(LRU_INACTIVE_FILE) && !lru_size(LRU_ACTIVE_FILE);

	if (nr_swap_pages <= 0 || (!anon_prio && !file_empty)) {
		anon_prio = 0;
		file_prio = 200;
	} else if (file_empty) {
		anon_prio = 200;
		file_prio = 0;
	}
	for (int lru = LRU_INACTIVE_ANON; lru <= LRU_ACTIVE_FILE; lru++) {
		unsigned long prio = lru >= LRU_INACTIVE_FILE ? file_prio : anon_prio;

		nr[lru] = (scan_share((enum lru_list)lru, sc->priority) * prio + 199) / 200;
	}
}

/* One pass over the node's lists (Linux's shrink_lruvec). */
static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS];

	get_scan_count(sc, nr);
	if (nr[LRU_ACTIVE_ANON] && inactive_is_low(LRU_INACTIVE_ANON))
		shrink_active_list(nr[LRU_ACTIVE_ANON], lruvec, sc, LRU_ACTIVE_ANON);
	if (nr[LRU_ACTIVE_FILE] && inactive_is_low(LRU_INACTIVE_FILE))
		shrink_active_list(nr[LRU_ACTIVE_FILE], lruvec, sc, LRU_ACTIVE_FILE);
	while ((nr[LRU_INACTIVE_ANON] || nr[LRU_INACTIVE_FILE]) && sc->nr_reclaimed < sc->nr_to_reclaim) {
		for (int lru = LRU_INACTIVE_ANON; lru <= LRU_INACTIVE_FILE; lru += LRU_FILE) {
			unsigned long batch = min(nr[lru], SWAP_CLUSTER_MAX);

			nr[lru] -= batch;
			if (batch)
				shrink_inactive_list(batch, lruvec, sc, (enum lru_list)lru);
		}
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
		/* 6.1: dirty file pages are kswapd's and the flusher's to write; swap is written here (GFP_IO) */
		.may_writepage = false,
	};
	unsigned long reclaimed;

	(void)order;    /* order > 0: the allocator retries while reclaim frees; freed pages may merge, no compaction */
	/* PF_MEMALLOC: what reclaim itself allocates (a write's buffers) must not reclaim again */
	if (!current || current->in_reclaim)
		return 0;
	count_vm_event((enum vm_event_item)(ALLOCSTALL_DMA + gfp_zone(gfp_mask)));
	current->in_reclaim = true;
	reclaimed = do_try_to_free_pages(&sc);
	current->in_reclaim = false;
	return reclaimed;
}

/* --- kswapd --------------------------------------------------------------- */

/* Is every populated zone up to highest_zoneidx above its high watermark for order (Linux's pgdat_balanced)? */
static bool pgdat_balanced(unsigned int order, enum zone_type highest_zoneidx)
{
	for (int z = 0; z <= (int)highest_zoneidx; z++) {
		struct zone *zone = &zones[z];

		if (populated_zone(zone) &&
		    !zone_watermark_ok(zone, order, high_wmark_pages(zone), (int)highest_zoneidx, 0))
			return false;
	}
	return true;
}

/*
 * Reclaim until the zones are balanced, at rising pressure (Linux's
 * balance_pgdat). kswapd may write dirty file pages. Returns the pages
 * freed.
 */
static unsigned long balance_pgdat(unsigned int order, enum zone_type highest_zoneidx)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.reclaim_idx = highest_zoneidx,
		.may_writepage = true,
	};

	count_vm_event(PAGEOUTRUN);
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
		unsigned long before = sc.nr_reclaimed;

		if (pgdat_balanced(order, highest_zoneidx))
			break;
		sc.nr_to_reclaim = sc.nr_reclaimed + SWAP_CLUSTER_MAX;
		shrink_lruvec(node_lruvec(NODE_DATA(0)), &sc);
		/* progress at this priority: try it again before pressing harder (Linux's raise_priority) */
		if (sc.nr_reclaimed - before >= SWAP_CLUSTER_MAX)
			sc.priority++;
	}
	return sc.nr_reclaimed;
}

/*
 * Balanced: nap HZ/10 and look again, then sleep until woken (Linux's
 * kswapd_try_to_sleep). Woken in the nap: the low watermark was hit
 * quickly; below high again at its end: the high one was.
 */
static void kswapd_try_to_sleep(void)
{
	long remaining;

	set_current_state(TASK_INTERRUPTIBLE);
	remaining = schedule_timeout(HZ / 10);
	if (remaining || kswapd_woken) {
		count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
		return;
	}
	if (!pgdat_balanced(0, kswapd_highest_zoneidx)) {
		count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
		return;
	}
	set_current_state(TASK_INTERRUPTIBLE);
	if (!kswapd_woken && !kthread_should_stop())
		schedule();
	set_current_state(TASK_RUNNING);
}

static int kswapd(void *arg)
{
	(void)arg;
	current->in_reclaim = true;     /* PF_MEMALLOC: its own allocations do not reclaim */
	while (!kthread_should_stop()) {
		unsigned int order = kswapd_order;
		enum zone_type idx = kswapd_highest_zoneidx;

		kswapd_order = 0;
		kswapd_highest_zoneidx = ZONE_DMA;
		kswapd_woken = false;
		balance_pgdat(order, idx);
		if (kswapd_woken)
			continue;       /* woken again while it worked */
		kswapd_try_to_sleep();
	}
	return 0;
}

void wakeup_kswapd(unsigned int order, enum zone_type highest_zoneidx)
{
	if (!kswapd_task)
		return;
	if (order > kswapd_order)
		kswapd_order = order;
	if (highest_zoneidx > kswapd_highest_zoneidx)
		kswapd_highest_zoneidx = highest_zoneidx;
	kswapd_woken = true;
	wake_up_process(kswapd_task);
}

void kswapd_init(void)
{
	kswapd_task = kthread_run(kswapd, NULL, "kswapd%d", 0);
	if (!kswapd_task)
		printk(KERN_ERR "kswapd0 not started: only direct reclaim will free memory\n");
}
