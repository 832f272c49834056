/*
 * kmalloc(): memory of any size, from one cache per size class (2.6.12's
 * "size-N" caches, and "size-N(DMA)" for GFP_DMA), or, above the largest
 * class, straight from the page allocator (as SLUB does above two pages).
 *
 * The classes and the worst internal waste, for a request one byte over
 * the class below:
 *
 *	32  64  96  128  192  256  512  1024  2048  4096  8192
 *	33 in size-64: 31 bytes, 48%      129 in size-192: 33%
 *	65 in size-96: 32%                193 in size-256: 25%
 *	97 in size-128: 24%               257 in size-512: 255 bytes, 49.8%
 *
 * and just under 50% for every power of two from there, the page-
 * allocator sizes (2^n pages) included. Below 32 bytes at most 31 bytes
 * go unused. A slab adds at most 1/8 more at its tail (calculate_slab_order).
 */
#include "linux/printk.h"
#include "linux/slab_def.h"
#include "linux/string.h"

/*
 * Every kmalloc() pointer is aligned to 8 bytes at least (Linux's
 * ARCH_KMALLOC_MINALIGN, alignof(long long)), and a power-of-two class to
 * its size, as Linux guarantees since 5.4: with the debug options on too,
 * whose red zones would otherwise shift every object by a word. The
 * classes are not SLAB_HWCACHE_ALIGN'd: 96 and 192 would round up to 128
 * and 256 (Linux drops those two classes when the line is 64 bytes).
 */
#define ARCH_KMALLOC_MINALIGN	8

/* The alignment a class of size bytes promises (Linux's create_boot_cache). */
static size_t kmalloc_align(size_t size)
{
	if ((size & (size - 1)) == 0)
		return max(size, (size_t)ARCH_KMALLOC_MINALIGN);
	return ARCH_KMALLOC_MINALIGN;
}

#define CACHE(n) { n, "size-" #n, "size-" #n "(DMA)", NULL, NULL },
struct cache_sizes malloc_sizes[] = { KMALLOC_SIZES(CACHE) };
#undef CACHE

void kmalloc_caches_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(malloc_sizes); i++) {
		struct cache_sizes *cs = &malloc_sizes[i];

		size_t align = kmalloc_align(cs->cs_size);

		cs->cs_cachep = kmem_cache_create(cs->name, cs->cs_size, align, SLAB_PANIC, NULL);
		cs->cs_dmacachep = kmem_cache_create(cs->name_dma, cs->cs_size, align,
						     SLAB_PANIC | SLAB_CACHE_DMA, NULL);
		/* The busiest caches in the kernel: give them an object array. */
		enable_cpucache(cs->cs_cachep);
		enable_cpucache(cs->cs_dmacachep);
	}
	pr_info("kmalloc: %u classes, size-32 to size-%u, each with a (DMA) twin; larger from the page allocator%s\n",
		(unsigned int)ARRAY_SIZE(malloc_sizes), KMALLOC_MAX_CACHE_SIZE,
		slab_debug_flags ? "; slab_debug: red zones and poison on" : "");
}

/* Big requests: whole pages, the order kept in the first struct page. */
static void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = 0;
	void *p;

	while (order < MAX_ORDER && (PAGE_SIZE << order) < size)
		order++;
	if (order >= MAX_ORDER) {
		if (!(flags & __GFP_NOWARN))
			pr_warn("kmalloc(%lu): larger than the largest block\n", (unsigned long)size);
		return NULL;
	}
	p = kmem_getpages(flags & ~__GFP_HIGHMEM, order);	/* must have an address */
	if (p)
		kmem_virt_to_page(p)->private = order;	/* for kfree() and ksize() */
	return p;
}

/* kmalloc() of a size the compiler could not see (include/linux/slab.h). */
void *__kmalloc(size_t size, gfp_t flags)
{
	if (size == 0)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, flags);
	return kmem_cache_alloc(kmalloc_slab(size, flags), flags);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/* Pages from kmalloc_large(): the head page, referenced once, page-aligned. */
static struct page *large_page(const void *p)
{
	struct page *page = kmem_virt_to_page(p);

	if (!page || ((unsigned long)p & ~PAGE_MASK) || PageSlab(page) ||
	    page->private >= MAX_ORDER || page_count(page) != 1)
		return NULL;
	return page;
}

void kfree(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	page = kmem_virt_to_page(p);
	if (page && PageSlab(page)) {
		__cache_free(page->slab_cache, (void *)p);	/* its page names the cache */
		return;
	}
	page = large_page(p);
	if (!page) {
		slab_error(NULL, SLAB_ERR_BAD_FREE, "kfree(%p): not a kmalloc() pointer", p);
		return;
	}
	kmem_freepages((void *)p, (unsigned int)page->private);
}

/* The bytes the caller may really use: at least what it asked for. */
size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = kmem_virt_to_page(p);
	if (page && PageSlab(page))
		return kmem_cache_size(page->slab_cache);
	page = large_page(p);
	return page ? PAGE_SIZE << page->private : 0;
}

/* Grow or shrink; the old contents stay, up to the smaller size. */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t old_size;
	void *n;

	if (new_size == 0) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return kmalloc(new_size, flags);
	old_size = ksize(p);
	if (old_size >= new_size)
		return (void *)p;	/* it fits already, as in Linux */
	n = kmalloc(new_size, flags);
	if (!n)
		return NULL;		/* p is untouched */
	memcpy(n, p, old_size);
	kfree(p);
	return n;
}
