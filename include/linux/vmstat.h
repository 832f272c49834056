/*
 * Event counters of /proc/vmstat (Linux's include/linux/vm_event_item.h
 * and vmstat.h): how many times something happened since boot. Only the
 * events Pagoda has are counted; vmstat prints Linux's others as 0.
 */
#ifndef PAGODA_VMSTAT_H
#define PAGODA_VMSTAT_H

enum vm_event_item {
	PGALLOC_DMA,            /* pages allocated from each zone (alloc_pages, 2^order each) */
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGFREE,                 /* pages freed (__free_pages) */
	PGFAULT,                /* page faults handled (handle_mm_fault), failed ones too */
	PGMAJFAULT,             /* faults that read a file */
	PGPGIN,                 /* sectors read from block devices (block/bdev.c, as Linux's submit_bio) */
	PGPGOUT,                /* sectors written; /proc/vmstat shows both in KiB (halved) */
	OOM_KILL,               /* processes the out-of-memory handling killed */
	PSWPIN,                 /* pages read from swap (mm/page_io.c) */
	PSWPOUT,                /* pages written to swap */
	/* the LRU and reclaim (mm/swap.c, mm/vmscan.c) */
	PGACTIVATE,             /* pages moved to an active list */
	PGDEACTIVATE,           /* pages moved from an active list to an inactive one */
	PGREFILL,               /* active pages shrink_active_list looked at */
	PGSCAN_DIRECT,          /* inactive pages direct reclaim looked at */
	PGSTEAL_DIRECT,         /* ... and freed */
	/* kswapd (mm/vmscan.c) */
	PGSCAN_KSWAPD,          /* inactive pages kswapd looked at */
	PGSTEAL_KSWAPD,         /* ... and freed */
	KSWAPD_LOW_WMARK_HIT_QUICKLY,   /* kswapd woken again within HZ/10 of balancing */
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,  /* below high again by the end of its HZ/10 nap */
	PAGEOUTRUN,             /* balance_pgdat passes */
	PGSCAN_ANON,            /* of those looked at, anonymous ones (either reclaimer) */
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	ALLOCSTALL_DMA,         /* allocations that reclaimed directly, by their highest zone */
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_HIGH,
	PGROTATED,              /* pages reclaim wanted, put back at the inactive tail after writeback */
	DROP_PAGECACHE,         /* writes of 1 or 3 to drop_caches */
	DROP_SLAB,              /* writes of 2 or 3 */
	UNEVICTABLE_PGS_CULLED,         /* pages reclaim found unevictable and moved there */
	UNEVICTABLE_PGS_SCANNED,
	UNEVICTABLE_PGS_RESCUED,        /* moved back from the unevictable list */
	UNEVICTABLE_PGS_MLOCKED,        /* pages mlock marked PG_mlocked */
	UNEVICTABLE_PGS_MUNLOCKED,      /* ... and munlock cleared */
	UNEVICTABLE_PGS_CLEARED,        /* PG_mlocked cleared when the page was freed */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];      /* mm/vmstat.c */

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

/*
 * Page counts of the page cache and the LRU (Linux's enum node_stat_item;
 * one node, so these are global): how many pages are in each state now.
 */
enum node_stat_item {
	NR_LRU_BASE,            /* one per LRU list, in enum lru_list's order */
	NR_INACTIVE_ANON = NR_LRU_BASE, /* swap-backed: anonymous and shmem */
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,       /* file pages */
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,         /* mlocked (and, in Linux, ramfs) */
	NR_MLOCK,               /* PG_mlocked (Linux keeps it per zone; one count here) */
	NR_ANON_MAPPED,         /* anonymous pages mapped by at least one PTE (AnonPages) */
	NR_FILE_PAGES,          /* in the page cache, shmem included (Linux's nr_file_pages) */
	NR_FILE_MAPPED,         /* page-cache pages mapped by at least one PTE */
	NR_FILE_DIRTY,          /* dirty pages of mappings that write back */
	NR_WRITEBACK,           /* PG_writeback: being written now */
	NR_SHMEM,               /* of NR_FILE_PAGES, those of shmem/tmpfs (PG_swapbacked) */
	/* writeback (the flusher): events counted as node items, as Linux's */
	NR_DIRTIED,             /* pages dirtied since boot */
	NR_WRITTEN,             /* pages written back since boot */
	NR_SWAPCACHE,           /* of NR_FILE_PAGES, those in the swap cache (SwapCached) */
	NR_VM_NODE_STAT_ITEMS
};

extern long vm_node_stat[NR_VM_NODE_STAT_ITEMS];        /* mm/vmstat.c */

static inline void mod_node_page_state(enum node_stat_item item, long delta)
{
	vm_node_stat[item] += delta;
}

static inline void inc_node_page_state(enum node_stat_item item) { mod_node_page_state(item, 1); }
static inline void dec_node_page_state(enum node_stat_item item) { mod_node_page_state(item, -1); }

/* Linux's global_node_page_state: never negative. */
static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	return vm_node_stat[item] < 0 ? 0 : (unsigned long)vm_node_stat[item];
}

#endif
