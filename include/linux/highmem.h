/*
 * Pages without a permanent kernel address (ZONE_HIGHMEM) are mapped on
 * demand: kmap() into one of LAST_PKMAP persistent slots at PKMAP_BASE,
 * kmap_atomic() into a per-CPU fixmap slot (no sleeping, strictly nested).
 */
#ifndef PAGODA_MM_HIGHMEM_H
#define PAGODA_MM_HIGHMEM_H

#include "asm/fixmap.h"
#include "linux/page.h"

#define LAST_PKMAP  1024
#define PKMAP_BASE  ((FIXADDR_BOOT_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)

void *kmap(struct page *page);          /* NULL only when all LAST_PKMAP slots are busy */
void kunmap(struct page *page);
int pkmap_slot_count(int slot);
extern unsigned long pkmap_flushes;

void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
int kmap_atomic_depth(void);

void clear_highpage(struct page *page);

#endif
