/*
 * Linux keeps this arithmetic in mm/page_alloc.c; apart here so the host tests build it alone.
 *
 * Zone watermarks, lowmem reserves and pcp batch sizes, computed as
 * Linux 2.6.32's mm/page_alloc.c does, so /proc/zoneinfo shows its numbers.
 *
 * The kernel links no libgcc, so nothing here divides 64-bit numbers.
 */
#include "linux/bug.h"
#include "linux/page.h"
#include "linux/watermark.h"

/* Linux's reclaim batch; the smallest highmem min watermark. */
#define SWAP_CLUSTER_MAX	32UL

/* Index: the lower zone. Nothing sits above HighMem, so its 32 is unused. */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32, 32 };

/* Digit by digit in base 4: each step settles one bit of the root. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0;
	unsigned long bit = 1UL << (sizeof(unsigned long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

unsigned long calculate_min_free_kbytes(unsigned long lowmem_kbytes)
{
	unsigned long kbytes = int_sqrt(lowmem_kbytes * 16);

	if (kbytes < 128)
		kbytes = 128;
	if (kbytes > 65536)
		kbytes = 65536;
	return kbytes;
}

/*
 * x * numer / denom without the wide product: exact as long as
 * (denom - 1) * numer fits in an unsigned long.
 */
static unsigned long mult_frac(unsigned long x, unsigned long numer,
			       unsigned long denom)
{
	return (x / denom) * numer + (x % denom) * numer / denom;
}

void setup_per_zone_wmarks(struct zone *zones, int nr_zones,
			   unsigned long min_free_kbytes)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	int i;

	for (i = 0; i < nr_zones; i++)
		if (!is_highmem(&zones[i]))
			lowmem_pages += zones[i].present_pages;
	BUG_ON(lowmem_pages == 0);
	/* 32-bit mult_frac() limit; i386 lowmem (<= 896 MiB) is far below it. */
	BUG_ON(pages_min && lowmem_pages - 1 > ~0UL / pages_min);

	for (i = 0; i < nr_zones; i++) {
		struct zone *zone = &zones[i];
		/* The zone's share of pages_min, in proportion to its size. */
		unsigned long tmp = mult_frac(zone->present_pages, pages_min,
					      lowmem_pages);

		if (is_highmem(zone)) {
			/*
			 * Kernel emergencies cannot use highmem, so keep only
			 * a token reserve there; lowmem needs the rest.
			 */
			unsigned long min_pages = zone->present_pages / 1024;

			if (min_pages < SWAP_CLUSTER_MAX)
				min_pages = SWAP_CLUSTER_MAX;
			if (min_pages > 128)
				min_pages = 128;
			zone->watermark[WMARK_MIN] = min_pages;
		} else {
			zone->watermark[WMARK_MIN] = tmp;
		}
		zone->watermark[WMARK_LOW] = min_wmark_pages(zone) + (tmp >> 2);
		zone->watermark[WMARK_HIGH] = min_wmark_pages(zone) + (tmp >> 1);
	}
}

/*
 * An allocation that could have used a higher zone j must leave some of
 * a lower zone alone, for those that can only use the lower one.
 */
void setup_per_zone_lowmem_reserve(struct zone *zones, int nr_zones)
{
	int i, j;

	for (j = 0; j < nr_zones; j++) {
		unsigned long pages = zones[j].present_pages;

		BUG_ON((int)zone_idx(&zones[j]) != j);
		for (i = 0; i <= j; i++)
			zones[j].lowmem_reserve[i] = 0;
		for (i = j - 1; i >= 0; i--) {
			int ratio = sysctl_lowmem_reserve_ratio[i];

			if (ratio < 1)
				ratio = 1;
			zones[i].lowmem_reserve[j] = pages / (unsigned long)ratio;
			pages += zones[i].present_pages;
		}
	}
}

static unsigned long rounddown_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p <= n / 2)
		p <<= 1;
	return p;
}

int zone_batchsize(unsigned long present_pages)
{
	/* A thousandth of the zone, but no more than 512 KiB at a time. */
	unsigned long batch = present_pages / 1024;

	if (batch > (512 * 1024) / PAGE_SIZE)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;		/* a quarter: the list may hold 6 batches */
	if (batch < 1)
		batch = 1;
	/*
	 * 2^n - 1: Linux found power-of-two batches more likely to alias in
	 * the cache.
	 */
	return (int)(rounddown_pow_of_two(batch + batch / 2) - 1);
}

void setup_pageset(struct per_cpu_pages *pcp, int batch)
{
	pcp->count = 0;
	pcp->high = 6 * batch;
	pcp->batch = batch > 1 ? batch : 1;
	INIT_LIST_HEAD(&pcp->list);
}

bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int classzone_idx, int alloc_flags)
{
	/* LAB 2: BEGIN SOLUTION */
	/* Signed: a big order from a nearly empty zone takes free below 0. */
	long min = (long)mark;
	long free_pages = (long)z->free_pages - (1L << order) + 1;
	unsigned int o;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + (long)z->lowmem_reserve[classzone_idx])
		return false;
	for (o = 0; o < order; o++) {
		/* Pages in smaller blocks cannot serve this order... */
		free_pages -= (long)(z->free_area[o].nr_free << o);
		/* ...and fewer big blocks are needed to count as enough. */
		min >>= 1;
		if (free_pages <= min)
			return false;
	}
	return true;
	/* LAB 2: END SOLUTION */
}
