/*
 * Linux declares alloc_pages() and friends in <linux/gfp.h>; here the flags and the allocator are two headers.
 *
 * The zoned page allocator (mm/page_alloc.c): Linux's interface.
 *
 *	struct page *page = alloc_pages(GFP_KERNEL, 2);   // 4 pages
 *	__free_pages(page, 2);
 *	unsigned long addr = __get_free_pages(GFP_KERNEL, 0);  // lowmem only
 *	free_pages(addr, 0);
 */
#ifndef PAGODA_MM_PAGE_ALLOC_H
#define PAGODA_MM_PAGE_ALLOC_H

#include "linux/gfp.h"
#include "linux/mmzone.h"
#include "linux/page.h"

extern struct zone zones[MAX_NR_ZONES];
extern int min_free_kbytes;

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp_mask);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/*
 * Tests only (Linux's fail_page_alloc fault injection): after the next n
 * allocations succeed, every one fails until fail_page_alloc_stop().
 */
void fail_page_alloc_after(unsigned long n);
void fail_page_alloc_stop(void);

unsigned long nr_free_pages(void);              /* on the buddy lists, like MemFree */
unsigned long nr_free_pages_with_pcp(void);     /* plus the per-CPU lists: every free page */
unsigned long zone_free_with_pcp(const struct zone *zone);
void drain_local_pages(void);                   /* per-CPU lists back to the buddy lists */
void free_area_init(void);                      /* zones, from max_pfn/max_low_pfn */
void mem_init(void);                            /* memblock's free memory to the buddy lists */

/* /proc-style reports, in Linux's formats */
/* /proc/buddyinfo, zoneinfo, vmstat (mm/vmstat.c) and meminfo (fs/proc/meminfo.c) into m; always 0. */
struct seq_file;
int buddyinfo_show(struct seq_file *m, void *v);
int zoneinfo_show(struct seq_file *m, void *v);
int vmstat_show(struct seq_file *m, void *v);
/* The same on the console (the monitor's commands, GDB's call). */
void show_buddyinfo(void);
void show_zoneinfo(void);
void show_meminfo(void);
/* Pages of all processes (each mm once): resident, page tables, and mapped by VMAs. */
void vm_user_pages(unsigned long *rss, unsigned long *ptes, unsigned long *vm);
void show_zone_ranges(void);

#endif
