/*
 * The physical memory totals and the conversions between a struct page,
 * its page frame number and its kernel virtual address.
 */
#ifndef PAGODA_MM_MM_H
#define PAGODA_MM_MM_H

#include "arch/page.h"
#include "mm/page.h"

extern unsigned long max_pfn;           /* end of RAM, in pages */
extern unsigned long max_low_pfn;       /* end of lowmem (the direct map) */
extern unsigned long totalram_pages, totalhigh_pages;
extern unsigned long vmalloc_reserve;   /* __VMALLOC_RESERVE; vmalloc= sets it */

#define MAXMEM  (-PAGE_OFFSET - vmalloc_reserve)

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

/* NULL for a highmem page: it has no permanent kernel address. */
static inline void *page_address(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	return pfn < max_low_pfn ? __va(pfn << PAGE_SHIFT) : NULL;
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

static inline unsigned long page_to_phys(const struct page *page)
{
	return page_to_pfn(page) << PAGE_SHIFT;
}

#endif
