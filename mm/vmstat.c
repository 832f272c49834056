/*
 * The allocator's state in the formats of Linux's /proc/buddyinfo and
 * /proc/zoneinfo (mm/vmstat.c), and the zone ranges printed at boot.
 */
#include "linux/page_alloc.h"
#include "linux/printk.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

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

void show_buddyinfo(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!populated_zone(zone))
			continue;
		kprintf("Node %d, zone %8s ", 0, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			kprintf("%6lu ", zone->free_area[o].nr_free);
		kprintf("\n");
	}
}

void show_zoneinfo(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		kprintf("Node %d, zone %8s\n", 0, zone->name);
		kprintf("  pages free     %lu\n", zone->free_pages);
		kprintf("        min      %lu\n", zone->watermark[WMARK_MIN]);
		kprintf("        low      %lu\n", zone->watermark[WMARK_LOW]);
		kprintf("        high     %lu\n", zone->watermark[WMARK_HIGH]);
		kprintf("        spanned  %lu\n", zone->spanned_pages);
		kprintf("        present  %lu\n", zone->present_pages);
		kprintf("        managed  %lu\n", zone->managed_pages);
		kprintf("        protection: (%lu, %lu, %lu)\n", zone->lowmem_reserve[0],
		       zone->lowmem_reserve[1], zone->lowmem_reserve[2]);
		kprintf("  pagesets\n    cpu: 0\n");
		kprintf("              count: %d\n", zone->pcp.count);
		kprintf("              high:  %d\n", zone->pcp.high);
		kprintf("              batch: %d\n", zone->pcp.batch);
		kprintf("  start_pfn:         %lu\n", zone->zone_start_pfn);
	}
}
