/*
 * The physical memory totals and the conversions between a struct page,
 * its page frame number and its kernel virtual address.
 */
#ifndef PAGODA_MM_MM_H
#define PAGODA_MM_MM_H

#include "asm/page.h"
#include "linux/mmzone.h"
#include "linux/page.h"

extern unsigned long max_pfn;           /* end of RAM, in pages */
extern unsigned long max_low_pfn;       /* end of lowmem (the direct map) */
extern unsigned long totalram_pages, totalhigh_pages;
extern unsigned long vmalloc_reserve;   /* __VMALLOC_RESERVE; vmalloc= sets it */

#define MAXMEM  (-PAGE_OFFSET - vmalloc_reserve)
#define PAGE_ALIGN(addr) ALIGN_UP(addr, PAGE_SIZE)

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

void *kmap_page_address(const struct page *page);     /* mm/highmem.c */

/* A highmem page has an address only while kmap() maps it; else NULL. */
static inline void *page_address(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	return pfn < max_low_pfn ? __va(pfn << PAGE_SHIFT) : kmap_page_address(page);
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

static inline unsigned long page_to_phys(const struct page *page)
{
	return page_to_pfn(page) << PAGE_SHIFT;
}

/*
 * Drop a reference to page; the last one frees it, taking it off the LRU
 * first (Linux's put_page, mm/swap.c). Use it for any page that may be in
 * the page cache or on the LRU; __free_page() for pages that never are.
 */
void put_page(struct page *page);
/* --- the LRU lists (mm/swap.c) and reclaim (mm/vmscan.c) --------------- */

struct lruvec;

/* Put a new page on its inactive LRU list (PG_lru; Linux's lru_cache_add, mm/swap.c). */
void lru_cache_add(struct page *page);
/*
 * read(), write() or a lookup used the page (Linux's mark_page_accessed):
 * the first use sets PG_referenced, the second moves an inactive page to
 * its active list.
 */
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);         /* to the active list now (pgactivate) */
void lru_add_drain(void);                      /* Linux's: empty the pagevecs (none here) */
struct lruvec *page_lruvec(const struct page *page);    /* the node's lists */

/* What one reclaim call wants and has done (Linux's struct scan_control, mm/vmscan.c). */
struct scan_control {
	unsigned long nr_to_reclaim;    /* pages: stop once this many are freed */
	unsigned int gfp_mask;          /* the allocation reclaim is for */
	enum zone_type reclaim_idx;     /* its highest zone: pages above it would not help */
	int priority;                   /* scan size/2^priority of each list: 12 down to 0 */
	bool may_writepage;             /* may write dirty pages back (pageout) */
	unsigned long nr_scanned, nr_reclaimed;
};

/*
 * Scan nr_to_scan pages from the tail of the inactive list lru, freeing
 * the unused clean unmapped page-cache pages and writing back the dirty
 * ones (Linux's shrink_inactive_list). Returns the pages freed.
 */
unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct lruvec *lruvec, struct scan_control *sc,
				   enum lru_list lru);
/* Move up to nr_to_scan pages from the tail of the active list lru to its inactive list (Linux's). */
void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec, struct scan_control *sc,
			enum lru_list lru);

/* What reclaim does with an inactive page it looked at (Linux's enum folio_references). */
enum page_references { PAGEREF_RECLAIM, PAGEREF_RECLAIM_CLEAN, PAGEREF_KEEP, PAGEREF_ACTIVATE };

/*
 * Linux's folio_check_references rule, from what it reads: referenced_ptes
 * PTEs used the page since the last look, referenced_page its
 * PG_referenced, vm_flags the flags of the VMAs that used it (VM_LOCKED
 * from any that maps it), swapbacked: anonymous or shmem. mm/vmscan.c.
 */
enum page_references page_references_decide(int referenced_ptes, bool referenced_page, unsigned long vm_flags,
					    bool swapbacked);

/*
 * Wake kswapd: a zone at or below highest_zoneidx fell below its low
 * watermark for an allocation of 2^order pages (Linux's wakeup_kswapd).
 * Any context; does nothing before kswapd runs.
 */
void wakeup_kswapd(unsigned int order, enum zone_type highest_zoneidx);
/* Start kswapd0 (Linux's kswapd_init/kswapd_run). Once, at boot, after kthreadd. */
void kswapd_init(void);

/*
 * Direct reclaim (Linux's try_to_free_pages): free at least a batch of
 * pages from the LRU lists for an allocation of 2^order pages with
 * gfp_mask, which may sleep. Returns the pages freed (0: nothing could be).
 */
unsigned long try_to_free_pages(unsigned int gfp_mask, unsigned int order);

/* mm/mlock.c: a page gains or loses one VM_LOCKED mapping (Linux's mlock_folio, munlock_folio) */
void mlock_vma_page(struct page *page);
void munlock_vma_page(struct page *page);
struct mm_struct;
bool can_do_mlock(void);        /* RLIMIT_MEMLOCK above 0, or CAP_IPC_LOCK (Linux's) */
/* May mm lock len more bytes of a new mapping with vm_flags (Linux's mlock_future_ok)? */
bool mlock_future_ok(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);
/* Fault in the VM_LOCKED pages of [start, end) of current (bytes): 0, -EAGAIN or -ENOMEM (Linux's __mm_populate). */
int mm_populate_locked(unsigned long start, unsigned long end, bool ignore_errors);

#endif
