/*
 * GFP ("get free pages") flags: what an allocation may do to succeed and
 * which zone it must come from. Values are Linux 2.6.32's; the missing
 * bits are Linux flags Pagoda does not implement.
 *
 * alloc_pages() and friends: see mm/page_alloc.c.
 */
#ifndef PAGODA_MM_GFP_H
#define PAGODA_MM_GFP_H

#include "linux/bug.h"
#include "linux/mmzone.h"

typedef unsigned int gfp_t;

/* Zone modifiers: none means ZONE_NORMAL. */
#define __GFP_DMA	0x01u
#define __GFP_HIGHMEM	0x02u
#define __GFP_MOVABLE	0x08u	/* Linux: may use ZONE_MOVABLE; we have none */

/* Action modifiers. */
#define __GFP_WAIT	0x10u	/* may sleep */
#define __GFP_HIGH	0x20u	/* may dip into the emergency pool */
#define __GFP_IO	0x40u	/* may start disk I/O */
#define __GFP_FS	0x80u	/* may call into the filesystem */
#define __GFP_NOWARN	0x200u	/* no failure message */
#define __GFP_NOFAIL	0x800u	/* retry forever */
#define __GFP_NORETRY	0x1000u	/* fail rather than retry */
#define __GFP_COMP	0x4000u	/* compound page metadata */
#define __GFP_ZERO	0x8000u	/* return zeroed pages */
#define __GFP_HARDWALL	0x20000u /* stay in the task's cpuset */

#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_NOIO	(__GFP_WAIT)		/* may reclaim, but start no I/O (block layer) */
#define GFP_NOFS	(__GFP_WAIT | __GFP_IO)	/* may reclaim, but not write pages back (a file system holding its locks) */
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER	(GFP_KERNEL | __GFP_HARDWALL)
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA		(__GFP_DMA)

/* The highest zone an allocation may use; the fallback walks down. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	/* DMA memory is not highmem and vice versa: a caller's bug. */
	BUG_ON((flags & (__GFP_DMA | __GFP_HIGHMEM)) == (__GFP_DMA | __GFP_HIGHMEM));
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

#endif
