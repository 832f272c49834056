/*
 * The slab allocator: caches of same-sized objects carved out of pages
 * from the page allocator, and kmalloc() on top of them. Linux's
 * interface:
 *
 *	struct kmem_cache *c = kmem_cache_create("task", sizeof(struct task),
 *						 0, SLAB_HWCACHE_ALIGN, NULL);
 *	struct task *t = kmem_cache_alloc(c, GFP_KERNEL);
 *	kmem_cache_free(c, t);
 *	char *buf = kmalloc(100, GFP_KERNEL);    // from "size-128"
 *	kfree(buf);
 *
 * The core is mm/slab.c, the size classes mm/slab_common.c; the layout of a
 * cache is in include/linux/slab_def.h.
 */
#ifndef PAGODA_MM_SLAB_H
#define PAGODA_MM_SLAB_H

#include <stddef.h>
#include "linux/gfp.h"

/* kmem_cache_create() flags: Linux 2.6's values. */
#define SLAB_RED_ZONE		0x00000400UL	/* guard words around each object */
#define SLAB_POISON		0x00000800UL	/* fill free objects with 0x6b, catch writes */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* objects start on an L1 cache line */
#define SLAB_CACHE_DMA		0x00004000UL	/* pages from ZONE_DMA */
#define SLAB_PANIC		0x00040000UL	/* panic if the cache cannot be created */

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *obj));
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
int kmem_cache_shrink(struct kmem_cache *cachep);	/* 0: no slab left in use */
int kmem_cache_destroy(struct kmem_cache *cachep);	/* 0, or 1 if objects remain */
void kmem_cache_shrink_all(void);	/* every cache's free slabs back to the buddy */
unsigned int kmem_cache_size(const struct kmem_cache *cachep);	/* usable bytes */
const char *kmem_cache_name(const struct kmem_cache *cachep);

/* kmalloc(0) returns this: not NULL (no failure), but any use faults. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/*
 * The kmalloc size classes, smallest first (mm/slab_common.c says why these).
 * KMALLOC_SIZES(X) expands X(size) once per class, so that the table of
 * caches and kmalloc_index() are made from the one list.
 */
#define KMALLOC_SIZES(X) \
	X(32) X(64) X(96) X(128) X(192) X(256) X(512) X(1024) X(2048) X(4096) X(8192)
#define KMALLOC_MAX_CACHE_SIZE	8192

/* One class: Linux 2.6's struct cache_sizes. */
struct cache_sizes {
	size_t cs_size;
	const char *name, *name_dma;
	struct kmem_cache *cs_cachep;		/* GFP_KERNEL and friends */
	struct kmem_cache *cs_dmacachep;	/* GFP_DMA */
};
extern struct cache_sizes malloc_sizes[];

/* The smallest class that fits size, or -1. A constant when size is. */
static inline int kmalloc_index(size_t size)
{
	int i = 0;

#define KMALLOC_INDEX(n) if (size <= (n)) return i; i++;
	KMALLOC_SIZES(KMALLOC_INDEX)
#undef KMALLOC_INDEX
	return -1;
}

/* The cache kmalloc(size, flags) uses; NULL above the largest class. */
static inline struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	int i = kmalloc_index(size);

	if (i < 0)
		return NULL;
	return flags & __GFP_DMA ? malloc_sizes[i].cs_dmacachep : malloc_sizes[i].cs_cachep;
}

void *__kmalloc(size_t size, gfp_t flags);

/*
 * Most callers ask for a constant size (sizeof a structure): then the
 * compiler picks the cache, and kmalloc() is a kmem_cache_alloc(), as
 * in Linux 2.6. Any other size goes through __kmalloc().
 */
static inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size) && size != 0 && size <= KMALLOC_MAX_CACHE_SIZE)
		return kmem_cache_alloc(kmalloc_slab(size, flags), flags);
	return __kmalloc(size, flags);
}

void *kzalloc(size_t size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

/* Set up the caches; after mem_init(), before the first kmalloc(). */
void kmem_cache_init(void);

/* /proc/slabinfo, version 2.1. */
struct seq_file;
/* /proc/slabinfo into m (mm/slabinfo.c); always 0. show_slabinfo prints it on the console. */
int slabinfo_show(struct seq_file *m, void *v);
void show_slabinfo(void);
/* Pages held by all slabs of every cache: meminfo's Slab. */
unsigned long slab_total_pages(void);

/*
 * What the checks caught, by kind, so tests can see a report happen.
 * Every report prints a line naming the cache and the object.
 */
enum slab_error {
	SLAB_ERR_DOUBLE_FREE,	/* the object was already free */
	SLAB_ERR_REDZONE,	/* a write past the end (or before the start) */
	SLAB_ERR_POISON,	/* a write to a free object */
	SLAB_ERR_BAD_FREE,	/* not an object of this cache / of kmalloc */
	SLAB_ERR_FREELIST,	/* a free object's link points outside its slab */
	SLAB_ERR_BUSY,		/* kmem_cache_destroy() with objects in use */
	NR_SLAB_ERRORS
};
extern unsigned long slab_errors[NR_SLAB_ERRORS];

/* SLAB_POISON | SLAB_RED_ZONE on every cache: the slab_debug boot option. */
extern unsigned long slab_debug_flags;

#endif
