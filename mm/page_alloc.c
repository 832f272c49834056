/*
 * The zoned page allocator: which zone a request may use (GFP flags and
 * the zonelist), whether the zone is rich enough (watermarks), the
 * per-CPU list in front of order-0 requests, and the checks on free.
 * The buddy algorithm itself is in mm/buddy.c; the formulas for the
 * watermarks and pcp sizes in mm/watermark.c.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "linux/buddy.h"
#include "linux/bug.h"
#include "linux/highmem.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/oom.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/vmstat.h"
#include "linux/watermark.h"

#define MAX_DMA_PFN  ((16UL << 20) >> PAGE_SHIFT)       /* ZONE_DMA: the ISA DMA limit */

struct zone zones[MAX_NR_ZONES];
int min_free_kbytes;
unsigned long totalram_pages, totalhigh_pages;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

/* --- boot: mem_map and the zones ------------------------------------- */

static unsigned long present_in(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long present = 0;

	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = (unsigned long)((r->base + PAGE_SIZE - 1) >> PAGE_SHIFT);
		unsigned long e = (unsigned long)((r->base + r->size) >> PAGE_SHIFT);

		s = max(s, start_pfn);
		e = min(e, end_pfn);
		if (s < e)
			present += e - s;
	}
	return present;
}

/* Every field of one struct page: mem_map comes from memblock unzeroed. */
static inline void __init_single_page(struct page *page, unsigned long flags)
{
	page->flags = flags;
	page->_count = 1;
	page->_mapcount = -1;
	page->private = 0;
	page->freelist = NULL;
	page->lru.next = page->lru.prev = NULL;
}

void free_area_init(void)
{
	unsigned long bounds[MAX_NR_ZONES + 1] = {
		0, min(max_pfn, MAX_DMA_PFN), max_low_pfn, max_pfn
	};

	/* Not zeroed by memblock: the loop below writes every struct page whole. */
	mem_map = __va((unsigned long)memblock_phys_alloc(max_pfn * sizeof(struct page), PAGE_SIZE,
							  "mem_map"));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		/* Reserved until mem_init() frees it: memblock still owns it. */
		unsigned long flags = 1UL << PG_reserved | (unsigned long)z << ZONES_PGSHIFT;

		bounds[z + 1] = max(bounds[z + 1], bounds[z]);
		zone->name = zone_names[z];
		zone->idx = (enum zone_type)z;
		zone->zone_start_pfn = bounds[z];
		zone->spanned_pages = bounds[z + 1] - bounds[z];
		zone->present_pages = present_in(bounds[z], bounds[z + 1]);
		zone_init_free_lists(zone);
		setup_pageset(&zone->pcp, zone_batchsize(zone->present_pages));
		for (unsigned long pfn = bounds[z]; pfn < bounds[z + 1]; pfn++)
			__init_single_page(&mem_map[pfn], flags);
	}
	show_zone_ranges();
}

/* Called by memblock for every free range: split it at zone boundaries. */
static void free_range_to_zones(unsigned long start_pfn, unsigned long end_pfn)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long s = max(start_pfn, zone->zone_start_pfn);
		unsigned long e = min(end_pfn, zone_end_pfn(zone));

		if (s < e)
			buddy_add_free_range(zone, s, e);
	}
}

void mem_init(void)
{
	unsigned long lowmem_kbytes = 0;

	memblock_for_each_free_range(max_pfn, free_range_to_zones);
	memblock.retired = true;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		totalram_pages += zones[z].managed_pages;
		if (!is_highmem_idx((enum zone_type)z))
			lowmem_kbytes += zones[z].managed_pages << (PAGE_SHIFT - 10);
	}
	totalhigh_pages = zones[ZONE_HIGHMEM].managed_pages;
	min_free_kbytes = (int)calculate_min_free_kbytes(lowmem_kbytes);
	setup_per_zone_wmarks(zones, MAX_NR_ZONES, (unsigned long)min_free_kbytes);
	setup_per_zone_lowmem_reserve(zones, MAX_NR_ZONES);
}

/* --- allocation ------------------------------------------------------ */

/* The per-CPU list is empty: refill it with batch pages from the buddy lists. */
static void rmqueue_bulk(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	for (int i = 0; i < pcp->batch; i++) {
		struct page *page = __rmqueue(zone, 0);

		if (!page)
			break;
		list_add_tail(&page->lru, &pcp->list);
		pcp->count++;
	}
}

/* Give count pages from the cold end of the per-CPU list back to the buddy lists. */
static void free_pcppages_bulk(struct zone *zone, int count)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	while (count-- > 0 && !list_empty(&pcp->list)) {
		struct page *page = list_entry(pcp->list.prev, struct page, lru);

		list_del(&page->lru);
		pcp->count--;
		__free_one_page(zone, page, 0);
	}
}

/* One block from one zone, order 0 through the per-CPU list (Linux's buffered_rmqueue). */
static inline struct page *buffered_rmqueue(struct zone *zone, unsigned int order)
{
	struct page *page;

	if (order == 0) {
		struct per_cpu_pages *pcp = &zone->pcp;

		if (unlikely(list_empty(&pcp->list))) {
			rmqueue_bulk(zone);
			if (list_empty(&pcp->list))
				return NULL;
		}
		page = list_entry(pcp->list.next, struct page, lru);   /* hot end */
		list_del(&page->lru);
		pcp->count--;
		if (check_new_page(page))
			return NULL;
		set_page_refcounted(page);
		return page;
	}
	return buddy_alloc(zone, order);
}

static void prep_zero(struct page *page, unsigned int order)
{
	for (unsigned int i = 0; i < (1U << order); i++)
		clear_highpage(page + i);       /* through kmap_atomic for highmem */
}

/*
 * For order 0 without ALLOC_HIGH or ALLOC_HARDER, zone_watermark_ok()
 * comes down to its first comparison: make that inline, and call the
 * full check only when it fails (Linux's zone_watermark_fast()).
 */
static inline bool zone_watermark_fast(const struct zone *z, unsigned int order,
				       unsigned long mark, int classzone_idx, int alloc_flags)
{
	if (order == 0 && !(alloc_flags & (ALLOC_HIGH | ALLOC_HARDER)) &&
	    (long)z->free_pages > (long)(mark + z->lowmem_reserve[classzone_idx]))
		return true;
	return zone_watermark_ok(z, order, mark, classzone_idx, alloc_flags);
}

/*
 * Walk the zonelist from the highest zone gfp_mask allows down to DMA,
 * taking from the first zone that is above the given watermark. Inline:
 * alloc_pages() passes constant alloc_flags on its fast path.
 */
static inline __attribute__((always_inline))
struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order, int alloc_flags)
{
	int high = (int)gfp_zone(gfp_mask);

	for (int z = high; z >= 0; z--) {
		struct zone *zone = &zones[z];
		struct page *page;

		if (!populated_zone(zone))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(zone, order, zone->watermark[alloc_flags & ALLOC_WMARK_MASK],
					 high, alloc_flags))
			continue;
		page = buffered_rmqueue(zone, order);
		if (page)
			return page;
	}
	return NULL;
}

/* Orders above this are not worth killing a process for (Linux's PAGE_ALLOC_COSTLY_ORDER). */
#define PAGE_ALLOC_COSTLY_ORDER 3

/* Linux's MAX_RECLAIM_RETRIES: rounds of reclaim that freed something before giving up. */
#define MAX_RECLAIM_RETRIES 16

/* The watermark and reserves a request may go down to (Linux's gfp_to_alloc_flags): min; atomic callers deeper. */
static int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (!(gfp_mask & __GFP_WAIT))
		alloc_flags |= ALLOC_HARDER;
	return alloc_flags;
}

/* get_page_from_freelist with interrupts off, whatever the caller's state (the lists are shared with interrupts). */
static struct page *get_page_irqsafe(gfp_t gfp_mask, unsigned int order, int alloc_flags)
{
	unsigned long flags = local_irq_save();
	struct page *page = get_page_from_freelist(gfp_mask, order, alloc_flags);

	local_irq_restore(flags);
	return page;
}

/*
 * Every zone is below min: free pages from the LRU and try again, while
 * reclaim makes progress (Linux's __alloc_pages_direct_reclaim and
 * should_reclaim_retry). Only for callers that may sleep; with
 * interrupts on, as writing a dirty page back needs them.
 * *did_some_progress: 1 if reclaim freed anything.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask, unsigned int order, int *did_some_progress)
{
	struct page *page = NULL;

	*did_some_progress = 0;
	for (int retries = 0; !page && retries < MAX_RECLAIM_RETRIES; retries++) {
		if (!try_to_free_pages(gfp_mask, order))
			break;
		*did_some_progress = 1;
		page = get_page_irqsafe(gfp_mask, order, gfp_to_alloc_flags(gfp_mask));
	}
	return page;
}

/*
 * Reclaim has given up: ask the OOM killer (Linux's __alloc_pages_may_oom).
 * *did_some_progress: 1 if it freed memory, so the allocation is worth
 * another try; the victim's own allocations get the reserves then.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order, int *did_some_progress)
{
	struct oom_control oc = { .gfp_mask = gfp_mask, .order = (int)order };
	struct page *page;

	*did_some_progress = 0;
	if (!current)
		return NULL;    /* still booting: nobody to kill */
	/* one last look above the high watermark, in case someone freed meanwhile */
	page = get_page_irqsafe(gfp_mask, order, ALLOC_WMARK_HIGH);
	if (page)
		return page;
	/* the OOM killer does not help higher orders, nor callers that would rather fail */
	if (order > PAGE_ALLOC_COSTLY_ORDER || (gfp_mask & __GFP_NORETRY))
		return NULL;
	/* nor kill a process for DMA memory (Linux: highest_zoneidx < ZONE_NORMAL) */
	if (gfp_zone(gfp_mask) < ZONE_NORMAL)
		return NULL;
	if (out_of_memory(&oc) && (oc.freed || tsk_is_oom_victim(current)))
		*did_some_progress = 1;
	return NULL;
}

/*
 * Slow path, after the fast path found every zone below low: wake kswapd,
 * go down to min (atomic callers deeper); then, for a caller that may sleep, reclaim
 * directly (mm/vmscan.c; it may sleep on the disk, so only with
 * interrupts on: can_sleep); then the OOM killer, whose victim's memory
 * comes back at once (mm/oom_kill.c); a killed current takes from the
 * reserves to get out (2.6.32's TIF_MEMDIE).
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order, bool can_sleep)
{
	int alloc_flags = gfp_to_alloc_flags(gfp_mask), did_some_progress;
	struct page *page;

	/* below low somewhere: kswapd reclaims in the background (Linux's wake_all_kswapds) */
	wakeup_kswapd(order, gfp_zone(gfp_mask));
retry:
	page = get_page_irqsafe(gfp_mask, order, alloc_flags);
	if (page || !(gfp_mask & __GFP_WAIT))
		return page;
	if (current && tsk_is_oom_victim(current))
		return get_page_irqsafe(gfp_mask, order, ALLOC_NO_WATERMARKS);
	/*
	 * Reclaim itself allocating (a swap-cache slot's tree node, a write's
	 * buffers; kswapd always): the reserves below min are for it, and it
	 * neither reclaims again nor calls the OOM killer (Linux's PF_MEMALLOC
	 * in __gfp_pfmemalloc_flags and the slow path's "nopage").
	 */
	if (current && current->in_reclaim)
		return get_page_irqsafe(gfp_mask, order, ALLOC_NO_WATERMARKS);
	if (can_sleep) {
		page = __alloc_pages_direct_reclaim(gfp_mask, order, &did_some_progress);
		if (page)
			return page;
	}
	page = __alloc_pages_may_oom(gfp_mask, order, &did_some_progress);
	if (page)
		return page;
	/* each round reaped a new victim (MMF_OOM_SKIP keeps it from being chosen again): this ends */
	if (did_some_progress)
		goto retry;
	return NULL;
}

/*
 * Fault injection for the in-kernel tests (Linux's fail_page_alloc,
 * reduced to one knob): once armed, the next fail_page_alloc_left
 * allocations succeed and every one after them fails, until disarmed.
 */
static bool fail_page_alloc_armed;
static unsigned long fail_page_alloc_left;

void fail_page_alloc_after(unsigned long n)
{
	fail_page_alloc_left = n;
	fail_page_alloc_armed = true;
}

void fail_page_alloc_stop(void)
{
	fail_page_alloc_armed = false;
}

static bool should_fail_alloc_page(void)
{
	if (likely(!fail_page_alloc_armed))
		return false;
	if (fail_page_alloc_left == 0)
		return true;
	fail_page_alloc_left--;
	return false;
}

/*
 * May another allocation failure be reported? At most 10 lines every 5
 * seconds, as Linux's warn_alloc (DEFAULT_RATELIMIT_INTERVAL and _BURST),
 * so that a program running out of memory does not bury the console.
 */
static bool warn_alloc_ratelimit(void)
{
	static unsigned long begin;
	static int printed;

	if (!begin || (long)(jiffies - (begin + 5 * HZ)) > 0) {
		begin = jiffies;
		printed = 0;
	}
	return printed++ < 10;
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;
	unsigned long flags;

	if (unlikely(order >= MAX_ORDER))
		return NULL;
	if (unlikely(should_fail_alloc_page()))
		return NULL;
	flags = local_irq_save();
	/* Fast path: stay above the low watermark in every zone. */
	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_LOW);
	local_irq_restore(flags);
	/* reclaim may sleep on the disk: not with interrupts off (EFLAGS.IF, 0x200) */
	if (unlikely(!page))
		page = __alloc_pages_slowpath(gfp_mask, order, flags & 0x200);
	if (unlikely(!page)) {
		if (!(gfp_mask & __GFP_NOWARN) && warn_alloc_ratelimit())
			pr_warn("page allocation failure: order:%u, mode:%#x\n", order, gfp_mask);
		return NULL;
	}
	count_vm_events(PGALLOC_DMA + page_zonenum(page), 1UL << order);
	if (unlikely(gfp_mask & __GFP_ZERO))
		prep_zero(page, order);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	/* A highmem page has no permanent kernel address to return. */
	BUG_ON(gfp_mask & __GFP_HIGHMEM);
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* --- freeing --------------------------------------------------------- */

static inline struct zone *page_zone(const struct page *page)
{
	return &zones[page_zonenum(page)];
}

static inline void free_hot_cold_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp = &zone->pcp;

	/* __free_pages() saw the refcount drop from 1 to 0, so the page was not
	 * free already; the per-page check is all that is left (as Linux). */
	if (free_pages_check(page))
		return;         /* bad_page() said why; the page stays out of circulation */
	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	page->mapping = NULL;	/* the slab's freelist shares the word */
	list_add(&page->lru, &pcp->list);
	if (unlikely(++pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch);
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;

	/* A free page, in the buddy lists or on a per-CPU list, has count 0. */
	if (unlikely(page_count(page) <= 0)) {
		bad_page(page, page_count(page) < 0 ? "negative refcount" : "freeing a free page");
		return;
	}
	if (!put_page_testzero(page))
		return;         /* somebody else still holds a reference */
	count_vm_events(PGFREE, 1UL << order);
	flags = local_irq_save();
	if (order == 0)
		free_hot_cold_page(page);
	else
		buddy_free(page_zone(page), page, order);
	local_irq_restore(flags);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

void drain_local_pages(void)
{
	unsigned long flags = local_irq_save();

	for (int z = 0; z < MAX_NR_ZONES; z++)
		free_pcppages_bulk(&zones[z], zones[z].pcp.count);
	local_irq_restore(flags);
}

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zones[z].free_pages;
	return n;
}

unsigned long zone_free_with_pcp(const struct zone *zone)
{
	return zone->free_pages + (unsigned long)zone->pcp.count;
}

unsigned long nr_free_pages_with_pcp(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zone_free_with_pcp(&zones[z]);
	return n;
}
