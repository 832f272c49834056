/*
 * The allocator's and the VM's state in the formats of Linux 6.1's
 * /proc/buddyinfo, /proc/zoneinfo and /proc/vmstat (mm/vmstat.c), the
 * event counters vmstat prints, and the zone ranges printed at boot.
 * Counters Linux has and Pagoda has no use for print as 0, as on a Linux
 * kernel where that feature sits idle; the names are all Linux's.
 */
#include "asm/pgtable.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmstat.h"

extern int nr_threads;          /* kernel/fork.c */

unsigned long vm_events[NR_VM_EVENT_ITEMS];
long vm_node_stat[NR_VM_NODE_STAT_ITEMS];

/* Linux's vmstat_text: zone items, node items, the writeback thresholds, then the events. */
static const char *const vmstat_text[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
	"nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock", "nr_bounce",
	"nr_zspages", "nr_free_cma", "nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
	"nr_active_file", "nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable",
	"nr_isolated_anon", "nr_isolated_file", "workingset_nodes", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "workingset_nodereclaim", "nr_anon_pages",
	"nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback", "nr_writeback_temp", "nr_shmem",
	"nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages", "nr_file_pmdmapped",
	"nr_anon_transparent_hugepages", "nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied",
	"nr_written", "nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages",
	"nr_swapcached", "nr_dirty_threshold", "nr_dirty_background_threshold", "pgpgin", "pgpgout",
	"pswpin", "pswpout", "pgalloc_dma", "pgalloc_normal", "pgalloc_high", "pgalloc_movable",
	"allocstall_dma", "allocstall_normal", "allocstall_high", "allocstall_movable", "pgskip_dma",
	"pgskip_normal", "pgskip_high", "pgskip_movable", "pgfree", "pgactivate", "pgdeactivate",
	"pglazyfree", "pgfault", "pgmajfault", "pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd",
	"pgsteal_direct", "pgdemote_kswapd", "pgdemote_direct", "pgscan_kswapd", "pgscan_direct",
	"pgscan_direct_throttle", "pgscan_anon", "pgscan_file", "pgsteal_anon", "pgsteal_file",
	"pginodesteal", "slabs_scanned", "kswapd_inodesteal", "kswapd_low_wmark_hit_quickly",
	"kswapd_high_wmark_hit_quickly", "pageoutrun", "pgrotated", "drop_pagecache", "drop_slab",
	"oom_kill", "pgmigrate_success", "pgmigrate_fail", "thp_migration_success", "thp_migration_fail",
	"thp_migration_split", "compact_migrate_scanned", "compact_free_scanned", "compact_isolated",
	"compact_stall", "compact_fail", "compact_success", "compact_daemon_wake",
	"compact_daemon_migrate_scanned", "compact_daemon_free_scanned", "htlb_buddy_alloc_success",
	"htlb_buddy_alloc_fail", "unevictable_pgs_culled", "unevictable_pgs_scanned",
	"unevictable_pgs_rescued", "unevictable_pgs_mlocked", "unevictable_pgs_munlocked",
	"unevictable_pgs_cleared", "unevictable_pgs_stranded", "thp_fault_alloc", "thp_fault_fallback",
	"thp_fault_fallback_charge", "thp_collapse_alloc", "thp_collapse_alloc_failed", "thp_file_alloc",
	"thp_file_fallback", "thp_file_fallback_charge", "thp_file_mapped", "thp_split_page",
	"thp_split_page_failed", "thp_deferred_split_page", "thp_split_pmd", "thp_scan_exceed_none_pte",
	"thp_scan_exceed_swap_pte", "thp_scan_exceed_share_pte", "thp_zero_page_alloc",
	"thp_zero_page_alloc_failed", "thp_swpout", "thp_swpout_fallback", "balloon_inflate",
	"balloon_deflate", "balloon_migrate", "swap_ra", "swap_ra_hit", "ksm_swpin_copy", "cow_ksm",
	"zswpin", "zswpout", "direct_map_level2_splits", "direct_map_level3_splits", "nr_unstable",
};

/* The node items zoneinfo prints under "per-node stats" (Linux's node_stat_item names). */
static const char *const node_stat_text[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon",
	"nr_isolated_file", "workingset_nodes", "workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file", "workingset_restore_anon",
	"workingset_restore_file", "workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages",
	"nr_dirty", "nr_writeback", "nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages",
	"nr_shmem_pmdmapped", "nr_file_hugepages", "nr_file_pmdmapped", "nr_anon_transparent_hugepages",
	"nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages",
	"nr_swapcached",
};

/* The zone items (Linux's zone_stat_item names). */
static const char *const zone_stat_text[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending",
	"nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma",
};

#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))

void vm_user_pages(unsigned long *rss, unsigned long *ptes, unsigned long *vm)
{
	struct task_struct *p;

	*rss = *ptes = *vm = 0;
	for_each_process(p) {
		if (!p->mm || !first_task_of_mm(p))
			continue;       /* vfork and CLONE_VM share one mm: count it once */
		*rss += get_mm_rss(p->mm);
		*vm += p->mm->total_vm;
		for (unsigned int i = 0; i < pgd_index(TASK_SIZE); i++)
			*ptes += pgd_present(p->mm->pgd[i]);
	}
}

/*
 * The value of the counter called name, or 0 for one Pagoda does not
 * keep. zone: that zone's own items (nr_free_pages), NULL for the sums.
 * The LRU counts are node items; Linux also keeps them per zone
 * (nr_zone_*): with one node they are the same sums.
 */
static unsigned long vm_stat_value(const char *name, const struct zone *zone)
{
	static const struct { const char *name; int event; } events[] = {
		{ "pgalloc_dma", PGALLOC_DMA }, { "pgalloc_normal", PGALLOC_NORMAL },
		{ "pgalloc_high", PGALLOC_HIGH }, { "pgfree", PGFREE }, { "pgfault", PGFAULT },
		{ "pgmajfault", PGMAJFAULT }, { "pgpgin", PGPGIN }, { "pgpgout", PGPGOUT },
		{ "oom_kill", OOM_KILL },
		{ "pswpin", PSWPIN }, { "pswpout", PSWPOUT },
		{ "pgactivate", PGACTIVATE }, { "pgdeactivate", PGDEACTIVATE }, { "pgrefill", PGREFILL },
		{ "pgscan_direct", PGSCAN_DIRECT }, { "pgsteal_direct", PGSTEAL_DIRECT },
		/* kswapd */
		{ "pgscan_kswapd", PGSCAN_KSWAPD }, { "pgsteal_kswapd", PGSTEAL_KSWAPD },
		{ "kswapd_low_wmark_hit_quickly", KSWAPD_LOW_WMARK_HIT_QUICKLY },
		{ "kswapd_high_wmark_hit_quickly", KSWAPD_HIGH_WMARK_HIT_QUICKLY },
		{ "pageoutrun", PAGEOUTRUN },
		{ "pgscan_anon", PGSCAN_ANON }, { "pgscan_file", PGSCAN_FILE },
		{ "pgsteal_anon", PGSTEAL_ANON }, { "pgsteal_file", PGSTEAL_FILE },
		{ "allocstall_dma", ALLOCSTALL_DMA }, { "allocstall_normal", ALLOCSTALL_NORMAL },
		{ "allocstall_high", ALLOCSTALL_HIGH }, { "pgrotated", PGROTATED },
		{ "drop_pagecache", DROP_PAGECACHE }, { "drop_slab", DROP_SLAB },
		{ "unevictable_pgs_culled", UNEVICTABLE_PGS_CULLED },
		{ "unevictable_pgs_scanned", UNEVICTABLE_PGS_SCANNED },
		{ "unevictable_pgs_rescued", UNEVICTABLE_PGS_RESCUED },
		{ "unevictable_pgs_mlocked", UNEVICTABLE_PGS_MLOCKED },
		{ "unevictable_pgs_munlocked", UNEVICTABLE_PGS_MUNLOCKED },
		{ "unevictable_pgs_cleared", UNEVICTABLE_PGS_CLEARED },
	};
	static const struct { const char *name; enum node_stat_item item; } nodes[] = {
		{ "nr_zone_inactive_anon", NR_INACTIVE_ANON }, { "nr_inactive_anon", NR_INACTIVE_ANON },
		{ "nr_zone_active_anon", NR_ACTIVE_ANON }, { "nr_active_anon", NR_ACTIVE_ANON },
		{ "nr_anon_pages", NR_ANON_MAPPED },
		{ "nr_zone_inactive_file", NR_INACTIVE_FILE }, { "nr_inactive_file", NR_INACTIVE_FILE },
		{ "nr_zone_active_file", NR_ACTIVE_FILE }, { "nr_active_file", NR_ACTIVE_FILE },
		{ "nr_zone_unevictable", NR_UNEVICTABLE }, { "nr_unevictable", NR_UNEVICTABLE },
		{ "nr_mlock", NR_MLOCK },
		{ "nr_mapped", NR_FILE_MAPPED }, { "nr_file_pages", NR_FILE_PAGES }, { "nr_dirty", NR_FILE_DIRTY },
		{ "nr_writeback", NR_WRITEBACK }, { "nr_shmem", NR_SHMEM },
		{ "nr_dirtied", NR_DIRTIED }, { "nr_written", NR_WRITTEN },
		{ "nr_swapcached", NR_SWAPCACHE },
	};
	unsigned long rss, ptes, vm;

	if (strcmp(name, "nr_free_pages") == 0)
		return zone ? zone->free_pages : nr_free_pages();
	for (int i = 0; i < ARRAY_LEN(events); i++)
		if (strcmp(name, events[i].name) == 0)        /* pgpgin/out: sectors to KiB, as vmstat_start */
			return vm_events[events[i].event] / (events[i].event == PGPGIN || events[i].event == PGPGOUT ? 2 : 1);
	if (zone)
		return 0;       /* the rest are not kept per zone */
	for (int i = 0; i < ARRAY_LEN(nodes); i++)
		if (strcmp(name, nodes[i].name) == 0)
			return global_node_page_state(nodes[i].item);
	if (strcmp(name, "nr_zone_write_pending") == 0)
		return global_node_page_state(NR_FILE_DIRTY) + global_node_page_state(NR_WRITEBACK);
	vm_user_pages(&rss, &ptes, &vm);
	if (strcmp(name, "nr_slab_unreclaimable") == 0)
		return slab_total_pages();
	if (strcmp(name, "nr_kernel_stack") == 0)
		return (unsigned long)(nr_threads + 1) * (THREAD_SIZE / 1024);  /* in kB, as Linux's */
	if (strcmp(name, "nr_page_table_pages") == 0)
		return ptes;
	return 0;
}

int vmstat_show(struct seq_file *m, void *v)
{
	(void)v;
	for (int i = 0; i < ARRAY_LEN(vmstat_text); i++)
		seq_printf(m, "%s %lu\n", vmstat_text[i], vm_stat_value(vmstat_text[i], NULL));
	return 0;
}

void show_zone_ranges(void)
{
	printk(KERN_INFO "Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!zone->spanned_pages)
			printk(KERN_INFO "  %-8s empty\n", zone->name);
		else
			printk(KERN_INFO "  %-8s [mem %#010llx-%#010llx]\n", zone->name,
			       (unsigned long long)zone->zone_start_pfn << PAGE_SHIFT,
			       ((unsigned long long)zone_end_pfn(zone) << PAGE_SHIFT) - 1);
	}
}

int buddyinfo_show(struct seq_file *m, void *v)
{
	(void)v;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!populated_zone(zone))
			continue;
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			seq_printf(m, "%6lu ", zone->free_area[o].nr_free);
		seq_putc(m, '\n');
	}
	return 0;
}

void show_buddyinfo(void)
{
	seq_show_console(buddyinfo_show, NULL);
}

/* One zone, as Linux's zoneinfo_show_print (no ZONE_MOVABLE here: three protection values). */
static void zoneinfo_show_print(struct seq_file *m, const struct zone *zone, bool first_populated)
{
	seq_printf(m, "Node %d, zone %8s", 0, zone->name);
	if (first_populated) {
		seq_puts(m, "\n  per-node stats");
		for (int i = 0; i < ARRAY_LEN(node_stat_text); i++)
			seq_printf(m, "\n      %-12s %lu", node_stat_text[i], vm_stat_value(node_stat_text[i], NULL));
	}
	seq_printf(m, "\n  pages free     %lu\n        boost    %lu\n        min      %lu"
		   "\n        low      %lu\n        high     %lu\n        spanned  %lu"
		   "\n        present  %lu\n        managed  %lu\n        cma      %lu",
		   zone->free_pages, 0UL, min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		   zone->spanned_pages, zone->present_pages, zone->managed_pages, 0UL);
	seq_printf(m, "\n        protection: (%ld", (long)zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", (long)zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (int i = 0; i < ARRAY_LEN(zone_stat_text); i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_text[i], vm_stat_value(zone_stat_text[i], zone));
	seq_printf(m, "\n  pagesets\n    cpu: %i\n              count: %i\n              high:  %i"
		   "\n              batch: %i", 0, zone->pcp.count, zone->pcp.high, zone->pcp.batch);
	seq_printf(m, "\n  vm stats threshold: %d", 0);     /* per-CPU counter batching: none here */
	seq_printf(m, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu\n", 0u, zone->zone_start_pfn);
}

int zoneinfo_show(struct seq_file *m, void *v)
{
	bool first = true;

	(void)v;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		zoneinfo_show_print(m, &zones[z], first && populated_zone(&zones[z]));
		if (populated_zone(&zones[z]))
			first = false;
	}
	return 0;
}

void show_zoneinfo(void)
{
	seq_show_console(zoneinfo_show, NULL);
}
