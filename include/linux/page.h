/*
 * Linux splits this between <linux/mm_types.h> (struct page) and <linux/page-flags.h>; one header here.
 *
 * struct page: one per physical page frame, in the flat array mem_map
 * (FLATMEM). The buddy allocator, the slab, the page cache and the fault
 * code all keep their per-frame state here, so it is kept small: 32 bytes
 * on i386, as Linux 6.1's (28 before the page cache gave it mapping and
 * index; Linux 2.6's was 32 too).
 */
#ifndef PAGODA_MM_PAGE_H
#define PAGODA_MM_PAGE_H

#include <stdbool.h>
#include "linux/bug.h"
#include "linux/compiler.h"
#include "linux/list.h"
#include "linux/mmzone.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

struct page {
	unsigned long flags;		/* PG_* bits; zone index in the top bits */
	int _count;			/* references; 0 while free */
	int _mapcount;			/* page-table mappings - 1; -1 = none */
	union {
		unsigned long private;	/* buddy: the block's order while PageBuddy */
		void *slab_cache;	/* slab: the kmem_cache owning the page */
	};
	union {
		void *freelist;		/* slab: first free object */
		struct address_space *mapping;	/* page cache: the file (or shmem object) it caches; anonymous: its anon_vma | PAGE_MAPPING_ANON; NULL otherwise */
	};
	union {
		struct list_head lru;	/* buddy free_list, pcp list, slab list or LRU list */
		struct {		/* on the unevictable "list", which is no list (Linux 6.1's folio) */
			void *__filler;
			unsigned int mlock_count;	/* VM_LOCKED mappings of it */
		};
	};
	unsigned long index;		/* page cache: its offset in the file, in pages; anonymous: its linear offset (page.h's PAGE_MAPPING_ANON) */
};

/*
 * Bit numbers as in Linux 2.6.32 (i386, CONFIG_PAGEFLAGS_EXTENDED); the
 * gaps are flags we do not have. Highmem is not a flag: PageHighMem()
 * reads the zone index, as Linux does.
 */
enum pageflags {
	PG_locked = 0,		/* owner has exclusive use (I/O in flight) */
	PG_error = 1,		/* the last I/O on it failed */
	PG_referenced = 2,
	PG_uptodate = 3,	/* its contents are the file's: read in, or written whole */
	PG_dirty = 4,		/* newer than the disk: must be written back before it is freed */
	PG_lru = 5,		/* on an LRU list */
	PG_active = 6,		/* on the active LRU list */
	PG_slab = 7,		/* owned by the slab allocator */
	PG_reserved = 10,	/* never handed to the buddy allocator */
	PG_private = 11,	/* page->private holds the file system's data (buffer heads) */
	PG_writeback = 13,	/* being written to disk now */
	PG_swapcache = 16,	/* in the swap cache: page->private is its swap entry */
	PG_mappedtodisk = 17,	/* has blocks on disk */
	PG_reclaim = 18,	/* reclaim wants it freed when its writeback ends */
	PG_buddy = 19,		/* head of a free block on a free_area list */
	PG_swapbacked = 20,	/* backed by swap, not a file (anonymous, shmem) */
	PG_unevictable = 21,	/* on the unevictable list (mlocked, ramfs) */
	PG_mlocked = 22,	/* in an mlock()ed VMA */
	NR_PAGEFLAGS
};

/* Checked clear when a page is freed, and when it is allocated. */
#define PAGE_FLAGS_CHECK_AT_FREE \
	(1UL << PG_locked | 1UL << PG_slab | 1UL << PG_reserved | 1UL << PG_buddy | \
	 1UL << PG_lru | 1UL << PG_active | 1UL << PG_private | 1UL << PG_writeback | \
	 1UL << PG_swapcache | 1UL << PG_unevictable | 1UL << PG_mlocked)
/* Every page-state bit; freeing clears what is not an error (dirty...). */
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << NR_PAGEFLAGS) - 1)

/*
 * Non-atomic bit operations: Pagoda runs on one CPU and the callers that
 * share a page hold zone->lock or have interrupts off.
 */
#define PAGEFLAG(uname, lname)						\
static inline bool Page##uname(const struct page *page)		\
{ return (page->flags >> PG_##lname) & 1; }				\
static inline void SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void ClearPage##uname(struct page *page)			\
{ page->flags &= ~(1UL << PG_##lname); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Error, error)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(MappedToDisk, mappedtodisk)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)

/* Zone index in the top ZONES_SHIFT bits of page->flags, as in Linux. */
#define ZONES_SHIFT	2
#define ZONES_PGSHIFT	(sizeof(unsigned long) * 8 - ZONES_SHIFT)
#define ZONES_MASK	((1UL << ZONES_SHIFT) - 1)

BUILD_BUG_ON(MAX_NR_ZONES > (1 << ZONES_SHIFT));
BUILD_BUG_ON(NR_PAGEFLAGS > ZONES_PGSHIFT);

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline bool PageHighMem(const struct page *page)
{
	return is_highmem_idx(page_zonenum(page));
}

/*
 * An anonymous page's mapping is not a file's: it points at the anon_vma
 * (include/linux/rmap.h) that finds the page's mappings, with bit 0 set
 * to say so (Linux's PAGE_MAPPING_ANON; the pointer is 4-byte aligned).
 * page->index is then the page's linear offset in its VMA family: the
 * VMA's vm_pgoff plus the page's place in it, in pages.
 */
#define PAGE_MAPPING_ANON	0x1UL

/* Mapped as anonymous memory: page->mapping is an anon_vma (Linux's PageAnon). */
static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)page->mapping & PAGE_MAPPING_ANON;
}

/* The page cache (file or shmem object) holding page; NULL for an anonymous page or none (Linux's page_mapping). */
static inline struct address_space *page_mapping(const struct page *page)
{
	return PageAnon(page) ? NULL : page->mapping;
}

/* Reference count: the page is freed when the last reference goes. */
static inline int page_count(const struct page *page)
{
	return page->_count;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_count = v;
}

/* A page leaves the allocator with one reference, its owner's. */
static inline void set_page_refcounted(struct page *page)
{
	set_page_count(page, 1);
}

static inline void get_page(struct page *page)
{
	BUG_ON(page->_count <= 0);	/* a free page cannot gain users */
	page->_count++;
}

/* Drop a reference; true if it was the last and the page must be freed. */
static inline bool put_page_testzero(struct page *page)
{
	BUG_ON(page->_count <= 0);
	return --page->_count == 0;
}

/* Mappings by page tables, kept apart from references as in Linux. */
static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

static inline void reset_page_mapcount(struct page *page)
{
	page->_mapcount = -1;
}

/* Order of a free block, valid only while PageBuddy(head). */
static inline unsigned int page_order(const struct page *page)
{
	return (unsigned int)page->private;
}

static inline void set_page_order(struct page *page, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
}

static inline void rmv_page_order(struct page *page)
{
	ClearPageBuddy(page);
	page->private = 0;
}

/* FLATMEM: one struct page per frame from pfn 0 up to max_pfn. */
extern struct page *mem_map;

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

#endif
