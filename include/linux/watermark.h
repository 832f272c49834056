/*
 * Linux keeps this in mm/page_alloc.c and mm/internal.h; its own header so the host tests build mm/watermark.c alone.
 *
 * How much of each zone the allocator keeps free, and the per-CPU list
 * sizes: the arithmetic of Linux 2.6.32's mm/page_alloc.c, host-tested.
 */
#ifndef PAGODA_MM_WATERMARK_H
#define PAGODA_MM_WATERMARK_H

#include <stdbool.h>
#include "linux/mmzone.h"

/* alloc_flags for zone_watermark_ok(), Linux's values. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* don't check watermarks at all */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10	/* GFP_ATOMIC, rt tasks: a quarter off min */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: half off min */

/* Lower zone i keeps back (present pages above it) / ratio[i]. */
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];

/* floor(sqrt(x)) */
unsigned long int_sqrt(unsigned long x);

/* The boot-time default: sqrt(16 * lowmem KiB), clamped to [128, 65536]. */
unsigned long calculate_min_free_kbytes(unsigned long lowmem_kbytes);

/* zones[0..nr_zones) in zone_idx order, present_pages filled in. */
void setup_per_zone_wmarks(struct zone *zones, int nr_zones,
			   unsigned long min_free_kbytes);
void setup_per_zone_lowmem_reserve(struct zone *zones, int nr_zones);

/* Pages moved between a pcp list and the buddy lists at once. */
int zone_batchsize(unsigned long present_pages);

/* Empty pcp list for this batch: high = 6 * batch, batch at least 1. */
void setup_pageset(struct per_cpu_pages *pcp, int batch);

/*
 * May an order-sized block come out of z and leave it above mark? The
 * request is for classzone_idx (the highest zone it may use), which sets
 * the lowmem_reserve to respect.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int classzone_idx, int alloc_flags);

#endif
