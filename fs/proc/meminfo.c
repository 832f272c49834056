/*
 * /proc/meminfo (Linux's fs/proc/meminfo.c): the memory totals, lowmem
 * and highmem apart, and the vmalloc area's rows.
 */
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/vmalloc.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static void meminfo_row(const char *name, unsigned long kb)
{
	char label[20];

	snprintf(label, sizeof(label), "%s:", name);
	kprintf("%-15s %8lu kB\n", label, kb);
}

void show_meminfo(void)
{
	unsigned long free_high = zones[ZONE_HIGHMEM].free_pages;

	meminfo_row("MemTotal", K(totalram_pages));
	meminfo_row("MemFree", K(nr_free_pages()));
	meminfo_row("HighTotal", K(totalhigh_pages));
	meminfo_row("HighFree", K(free_high));
	meminfo_row("LowTotal", K(totalram_pages - totalhigh_pages));
	meminfo_row("LowFree", K(nr_free_pages() - free_high));
	vmalloc_meminfo_rows(meminfo_row);
}
