/*
 * The physical memory totals and the conversions between a struct page,
 * its page frame number and its kernel virtual address.
 */
#ifndef PAGODA_MM_MM_H
#define PAGODA_MM_MM_H

#include "asm/page.h"
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
/* Put a new page on the LRU (PG_lru; Linux's lru_cache_add, mm/swap.c). */
void lru_cache_add(struct page *page);

#endif
