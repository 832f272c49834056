/*
 * Zones: physical memory split by what it can be used for (ISA DMA, the
 * kernel's direct map, highmem). Each zone runs its own buddy allocator
 * over the frames in its span.
 */
#ifndef PAGODA_MM_MMZONE_H
#define PAGODA_MM_MMZONE_H

#include <stdbool.h>
#include "linux/list.h"

/* Free blocks of 2^0 .. 2^(MAX_ORDER-1) pages: 4 KiB .. 4 MiB. */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

enum zone_type {
	ZONE_DMA,	/* 0 - 16 MiB: ISA devices can only reach this */
	ZONE_NORMAL,	/* 16 MiB - max_low_pfn: in the kernel's direct map */
	ZONE_HIGHMEM,	/* above max_low_pfn: no permanent kernel address */
	MAX_NR_ZONES
};

/*
 * Linux 2.6.24+ keeps one free list per migrate type in each free_area,
 * so that unmovable allocations do not fragment movable memory. Pagoda
 * keeps a single list per order; the types are here for reference.
 */
#define MIGRATE_UNMOVABLE	0
#define MIGRATE_RECLAIMABLE	1
#define MIGRATE_MOVABLE		2
#define MIGRATE_RESERVE		3
#define MIGRATE_ISOLATE		4
#define MIGRATE_TYPES		5

struct free_area {
	struct list_head free_list;	/* heads of free blocks, via page->lru */
	unsigned long nr_free;		/* blocks (not pages) on the list */
};

/* Order-0 pages cached in front of the buddy lists (Linux's pcp). */
struct per_cpu_pages {
	int count;		/* pages on the list */
	int high;		/* above this, give batch pages back */
	int batch;		/* pages moved to or from the buddy lists at once */
	struct list_head list;	/* Linux 2.6.32: one list per migrate type */
};

enum zone_watermarks {
	WMARK_MIN,	/* below: only atomic and reclaim allocations */
	WMARK_LOW,	/* below: the fast path fails, wake the reclaimer */
	WMARK_HIGH,	/* reclaim stops once free pages reach this */
	NR_WMARK
};

struct zone {
	const char *name;		/* "DMA", "Normal", "HighMem" */
	enum zone_type idx;		/* read it with zone_idx() */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* RAM in the span */
	unsigned long managed_pages;	/* pages handed to the buddy allocator */
	unsigned long free_pages;	/* NR_FREE_PAGES: pages on free_area lists */
	unsigned long watermark[NR_WMARK];
	/* Pages kept back from allocations that could have used zone j. */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pages pcp;
	struct free_area free_area[MAX_ORDER];
};

#define min_wmark_pages(z)	((z)->watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->watermark[WMARK_HIGH])

static inline enum zone_type zone_idx(const struct zone *zone)
{
	return zone->idx;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool is_highmem_idx(enum zone_type idx)
{
	return idx == ZONE_HIGHMEM;
}

static inline bool is_highmem(const struct zone *zone)
{
	return is_highmem_idx(zone_idx(zone));
}

/*
 * The LRU lists (Linux's enum lru_list): pages in use that reclaim may
 * take back, oldest at the tail. Anonymous and shmem pages (swap-backed)
 * apart from file pages, since only swap can free the first kind; each
 * kind split into active (used again since it came) and inactive (the
 * candidates); pages nothing may reclaim (mlocked) on their own list.
 */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define LRU_ACTIVE	1	/* LRU_INACTIVE_x + LRU_ACTIVE = LRU_ACTIVE_x */
#define LRU_FILE	2	/* LRU_x_ANON + LRU_FILE = LRU_x_FILE */

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/* One set of LRU lists (Linux's struct lruvec). */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
};

/*
 * A NUMA node (Linux's pglist_data, pg_data_t). The LRU lists are per
 * node, as Linux has kept them since 4.8, not per zone as in 2.6: reclaim
 * ages all of a node's pages by one clock, so a page's age no longer
 * depends on which zone it came from (HighMem pages were aged apart and
 * too fast before). Pagoda has one node, contig_page_data, and its zones
 * stay in the global zones[] array.
 */
typedef struct pglist_data {
	struct lruvec __lruvec;
} pg_data_t;

extern struct pglist_data contig_page_data;     /* mm/swap.c */
#define NODE_DATA(nid)	(&contig_page_data)

static inline struct lruvec *node_lruvec(struct pglist_data *pgdat)
{
	return &pgdat->__lruvec;
}

#endif
