/*
 * Inside a slab cache (Linux's include/linux/slab_def.h). For the code
 * in mm/slab*.c, mm/slab_common.c and the tests; everybody else uses
 * mm/slab.h.
 *
 * A slab is 2^gfporder pages holding `num` object slots of `size` bytes
 * each, from the first byte of the first page. The slab has no header
 * of its own: the struct page of its first page describes it, as in
 * Linux's SLUB (and SLAB since 5.17):
 *
 *	page->lru		on the cache's slabs_full/partial/free list
 *	page->freelist		first free object; each free object holds the next
 *	page->_mapcount		objects in use ("inuse"; a slab is never mapped
 *				by page tables, so Linux reuses this word too)
 *	page->slab_cache	the cache, in every page of the slab, so that
 *				kfree() finds the cache from any object
 *
 * One slot, with the debug options (offsets from the slot's start):
 *
 *	[pad][red zone 1][object: object_size][red zone 2][link][pad]
 *	                 ^ obj_offset                      ^ obj + free_offset
 *
 * The free-list link lives inside the object (free_offset 0) unless the
 * object must keep its contents while free: a constructor's work, or the
 * poison pattern. Then it goes after the object, as in SLUB.
 */
#ifndef PAGODA_MM_SLAB_DEF_H
#define PAGODA_MM_SLAB_DEF_H

#include <stdbool.h>
#include <stdint.h>
#include "linux/list.h"
#include "linux/page.h"
#include "linux/slab.h"

/* Poison bytes and red-zone words: Linux's include/linux/poison.h (2.6.12). */
#define POISON_INUSE	0x5a	/* allocated, not yet written by its owner */
#define POISON_FREE	0x6b	/* freed */
#define POISON_END	0xa5	/* the last byte of a poisoned object */
#define RED_INACTIVE	0x5A2CF071U	/* the object is free */
#define RED_ACTIVE	0x170FC2A5U	/* the object is allocated */

/*
 * The L1 line that SLAB_HWCACHE_ALIGN aligns to: 64 bytes on every x86
 * since the Pentium 4 and Athlon (the Pentium Pro to III had 32).
 */
#define L1_CACHE_BYTES	64

/* Slabs kept empty per cache before pages go back to the buddy allocator. */
#define SLAB_FREE_LIMIT	1

/*
 * Stop looking for a bigger slab at this order unless no object fits yet
 * (Linux's slab_break_gfp_order: 0 below 32 MiB of RAM, 1 above).
 */
#define SLAB_BREAK_ORDER 1

#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON)

/* The largest array: Linux's limit for objects of 256 bytes or less. */
#define AC_LIMIT_MAX	120

/*
 * Linux SLAB's per-CPU array cache: a stack of free objects in front of
 * the slab lists. kmem_cache_alloc() pops and kmem_cache_free() pushes
 * without touching a slab; the slabs give and take objects batchcount at
 * a time. Pagoda has one CPU, so a cache has one array.
 *
 * Only the kmalloc caches turn theirs on (enable_cpucache()). A cache
 * with limit 0 goes straight to its slabs: one from kmem_cache_create(),
 * so that a slab goes back the moment its last object is freed and a
 * freed object's slot is the next one handed out, and a debug cache, so
 * that every object is checked at every allocation and free.
 */
struct array_cache {
	unsigned int avail;		/* free objects in entry[]; the last is the hottest */
	unsigned int limit;		/* entry[] used up to here; 0: no array */
	unsigned int batchcount;	/* objects moved to or from the slabs at once */
	void *entry[AC_LIMIT_MAX];
};

struct kmem_cache {
	struct array_cache array;	/* tried first; see above */

	/* the slabs (Linux 2.6's kmem_list3) */
	struct list_head slabs_full;	/* every object in use */
	struct list_head slabs_partial;	/* some in use: allocate from these first */
	struct list_head slabs_free;	/* none in use: at most SLAB_FREE_LIMIT kept */
	unsigned long num_slabs;	/* on all three lists */
	unsigned long free_slabs;	/* on slabs_free */
	unsigned long active_objs;	/* not free in a slab: handed out, in the array, leaked */
	unsigned long leaked;		/* taken out of use by the debug checks */

	/* the layout, fixed by kmem_cache_create() */
	unsigned int size;		/* one slot: the stride between objects */
	unsigned int object_size;	/* usable bytes: the request rounded to a word */
	unsigned int align;		/* of each object */
	unsigned int obj_offset;	/* object from the start of its slot */
	unsigned int free_offset;	/* free-list link from the object's start */
	unsigned int num;		/* objects per slab */
	unsigned int gfporder;		/* 2^gfporder pages per slab */
	gfp_t allocflags;		/* added to every page request: __GFP_DMA */
	unsigned long flags;		/* SLAB_* */
	void (*ctor)(void *obj);

	const char *name;
	struct list_head next;		/* on cache_chain */
};

extern struct list_head cache_chain;	/* every cache, newest first */

/*
 * Where slabs get their pages: alloc_pages() in the kernel (mm/slab_pages.c),
 * aligned_alloc() in the host tests. A block of 2^order pages must be
 * aligned to its size (the buddy allocator's blocks are), so the slab
 * holding an object is found by rounding the object's address down.
 */
void *kmem_getpages(gfp_t flags, unsigned int order);
void kmem_freepages(void *addr, unsigned int order);
void *kmem_page_address(const struct page *page);
#ifdef HOST_TEST
struct page *kmem_virt_to_page(const void *addr);	/* NULL if not ours */
#else
#include "linux/mm.h"
/* Inline: kfree() asks for every object. Only the direct map has struct pages by arithmetic. */
static inline struct page *kmem_virt_to_page(const void *addr)
{
	if ((unsigned long)addr < PAGE_OFFSET || addr >= high_memory)
		return NULL;
	return virt_to_page(addr);
}
#endif

/* Objects in use in a slab: the head page's _mapcount (see above). */
static inline unsigned int slab_inuse(const struct page *slab)
{
	return (unsigned int)slab->_mapcount;
}

static inline void set_slab_inuse(struct page *slab, unsigned int n)
{
	slab->_mapcount = (int)n;
}

static inline unsigned long slab_bytes(const struct kmem_cache *c)
{
	return PAGE_SIZE << c->gfporder;
}

/* The start of the slab holding obj: slabs are aligned to their size. */
static inline void *slab_base(const struct kmem_cache *c, const void *obj)
{
	return (void *)((unsigned long)obj & ~(slab_bytes(c) - 1));
}

/* The free-list link of a free object. */
static inline void **freeptr(const struct kmem_cache *c, void *obj)
{
	return (void **)((char *)obj + c->free_offset);
}

static inline void *slab_obj(const struct kmem_cache *c, void *s_mem, unsigned int i)
{
	return (char *)s_mem + (unsigned long)i * c->size + c->obj_offset;
}

/* The index of obj in its slab, or -1 if obj is not on an object boundary. */
static inline long slab_obj_index(const struct kmem_cache *c, const void *s_mem, const void *obj)
{
	unsigned long off = (unsigned long)((const char *)obj - (const char *)s_mem);

	if (off < c->obj_offset || (off - c->obj_offset) % c->size != 0)
		return -1;
	off = (off - c->obj_offset) / c->size;
	return off < c->num ? (long)off : -1;
}

/* mm/slab.c; c is NULL for a bad kfree() */
void slab_error(const struct kmem_cache *c, enum slab_error kind, const char *fmt, ...)
	__printf(3, 4);

/* Give c an array cache sized for its objects (Linux's default tunables). */
void enable_cpucache(struct kmem_cache *c);

/* mm/slab.c: what __cache_free() does not do inline. */
void slab_error_not_object(const struct kmem_cache *c, const void *obj);
void cache_free_slow(struct kmem_cache *c, void *obj);

/* mm/slab_debug.c: SLAB_POISON and SLAB_RED_ZONE */
uint32_t *redzone1(void *obj);
uint32_t *redzone2(const struct kmem_cache *c, void *obj);
void slab_debug_init_obj(const struct kmem_cache *c, void *obj);
bool slab_debug_alloc(const struct kmem_cache *c, void *obj);	/* false: leak obj */
enum slab_free_verdict { FREE_OK, FREE_IGNORE, FREE_LEAK };
enum slab_free_verdict slab_debug_free(const struct kmem_cache *c, struct page *slab, void *obj);
bool on_freelist(const struct kmem_cache *c, const struct page *slab, const void *obj);

/* mm/slab_check.c: the invariants; prints each broken one, returns how many */
int kmem_cache_check(const struct kmem_cache *c);

/* mm/slab_common.c */
void kmalloc_caches_init(void);

/*
 * Interrupt handlers may allocate, so the lists change with interrupts
 * off, as in Linux's kmem_cache_alloc(). Host tests have no interrupts.
 */
#ifdef HOST_TEST
static inline unsigned long slab_lock(void) { return 0; }
static inline void slab_unlock(unsigned long flags) { (void)flags; }
#else
#include "asm/io.h"
static inline unsigned long slab_lock(void) { return local_irq_save(); }
static inline void slab_unlock(unsigned long flags) { local_irq_restore(flags); }
#endif

/*
 * The rest of kmem_cache_free() and kfree(), once obj's page showed that
 * it belongs to c; inline in both. The fast path pushes obj on the
 * array; cache_free_slow() handles a cache without one, a full array,
 * and an object freed twice in a row.
 */
static inline void __cache_free(struct kmem_cache *c, void *obj)
{
	struct array_cache *ac = &c->array;
	unsigned long irq;

	if (unlikely(slab_obj_index(c, slab_base(c, obj), obj) < 0)) {
		slab_error_not_object(c, obj);
		return;
	}
	irq = slab_lock();
	if (likely(ac->avail < ac->limit && !(ac->avail && ac->entry[ac->avail - 1] == obj)))
		ac->entry[ac->avail++] = obj;
	else
		cache_free_slow(c, obj);
	slab_unlock(irq);
}

#endif
