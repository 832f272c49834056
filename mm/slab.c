/*
 * The slab allocator's core, after Linux 2.6's mm/slab.c: a cache keeps
 * its slabs on three lists (full, partial, free) and hands out objects
 * from a partial slab first, so that free slabs can go back to the buddy
 * allocator. In front of the lists, the kmalloc caches keep an array of
 * free objects (Linux's per-CPU array_cache; see slab_def.h), so that
 * most allocations and frees never touch a slab. Left out: slab
 * colouring, NUMA, the timer that trims the arrays (cache_reap).
 *
 * The layout of a cache and of its slabs: include/linux/slab_def.h. Pages
 * come from kmem_getpages(), so this file also compiles for the host
 * tests (tests/host/test_slab.c).
 */
#include <stdarg.h>
#include "linux/printk.h"
#include "linux/slab_def.h"
#include "linux/string.h"

LIST_HEAD(cache_chain);
unsigned long slab_errors[NR_SLAB_ERRORS];
unsigned long slab_debug_flags;

/* The cache of caches: every struct kmem_cache but this one comes from it. */
static struct kmem_cache cache_cache;
static bool slab_up;

void slab_error(const struct kmem_cache *c, enum slab_error kind, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	slab_errors[kind]++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c)
		printk(KERN_ERR "slab error in cache `%s': %s\n", c->name, msg);
	else
		printk(KERN_ERR "slab error: %s\n", msg);
}

/*
 * The smallest slab whose unused tail is at most 1/8 of it, but no more
 * than 2^SLAB_BREAK_ORDER pages once one object fits (Linux's
 * calculate_slab_order). Leaves num 0 if no slab can hold an object.
 */
static void calculate_slab_order(struct kmem_cache *c)
{
	/* LAB 3: BEGIN SOLUTION */
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long left = bytes % c->size;

		if (bytes < c->size)
			continue;
		c->gfporder = order;
		c->num = (unsigned int)(bytes / c->size);
		if (order >= SLAB_BREAK_ORDER || left * 8 <= bytes)
			break;
	}
	/* LAB 3: END SOLUTION */
}

/* Fix the layout of one slot (see slab_def.h); false if impossible. */
static bool setup_cache(struct kmem_cache *c, const char *name, size_t size,
			size_t align, unsigned long flags, void (*ctor)(void *))
{
	const unsigned int word = sizeof(void *);	/* the free-list link */
	unsigned int ralign = word, end;

	if (!name || size == 0 || size > (PAGE_SIZE << (MAX_ORDER - 1)) ||
	    (align & (align - 1)) || align > (PAGE_SIZE << (MAX_ORDER - 1)))
		return false;
	memset(c, 0, sizeof(*c));
	flags |= slab_debug_flags;
	if (flags & SLAB_HWCACHE_ALIGN) {
		/* small objects share a line rather than each wasting most of one */
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > word)
			ralign /= 2;
	}
	c->align = max(ralign, (unsigned int)align);
	c->object_size = ALIGN_UP((unsigned int)size, word);

	/* Red zone 1 takes the last word of an aligned front pad, and the slot
	 * is a multiple of the alignment: slabs are aligned to their size,
	 * which is at least the slot's, so every object keeps c->align under
	 * every debug option (what fxsave of a task_struct needs). */
	c->obj_offset = flags & SLAB_RED_ZONE ? ALIGN_UP(4u, c->align) : 0;
	end = c->obj_offset + c->object_size + (flags & SLAB_RED_ZONE ? 4 : 0);
	if (ctor || (flags & SLAB_POISON)) {
		end = ALIGN_UP(end, word);
		c->free_offset = end - c->obj_offset;
		end += word;
	}
	c->size = ALIGN_UP(end, c->align);
	calculate_slab_order(c);
	if (c->num == 0)
		return false;

	INIT_LIST_HEAD(&c->slabs_full);
	INIT_LIST_HEAD(&c->slabs_partial);
	INIT_LIST_HEAD(&c->slabs_free);
	c->allocflags = flags & SLAB_CACHE_DMA ? __GFP_DMA : 0;
	c->flags = flags;
	c->ctor = ctor;
	c->name = name;
	return true;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *obj))
{
	struct kmem_cache *c;
	unsigned long irq;

	BUG_ON(!slab_up);	/* kmem_cache_init() has not run */
	c = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (c && !setup_cache(c, name, size, align, flags, ctor)) {
		kmem_cache_free(&cache_cache, c);
		c = NULL;
	}
	if (!c) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create(): failed to create slab `%s'", name ? name : "?");
		pr_err("kmem_cache_create(%s, %lu, %lu): cannot create the cache\n",
		       name ? name : "?", (unsigned long)size, (unsigned long)align);
		return NULL;
	}
	irq = slab_lock();
	list_add(&c->next, &cache_chain);
	slab_unlock(irq);
	return c;
}

/* Put the slab on the list its in-use count calls for. */
static inline void relist(struct kmem_cache *c, struct page *slab, bool was_free)
{
	unsigned int inuse = slab_inuse(slab);

	if (was_free)
		c->free_slabs--;
	if (inuse == 0) {
		c->free_slabs++;
		list_move(&slab->lru, &c->slabs_free);
	} else {
		list_move(&slab->lru, inuse == c->num ? &c->slabs_full : &c->slabs_partial);
	}
}

/* A new slab on slabs_free, every object free (and constructed). */
static struct page *cache_grow(struct kmem_cache *c, gfp_t flags)
{
	void *s_mem = kmem_getpages((flags & ~(__GFP_ZERO | __GFP_HIGHMEM)) | c->allocflags,
				    c->gfporder);
	struct page *slab;

	if (!s_mem)
		return NULL;
	slab = kmem_virt_to_page(s_mem);
	for (unsigned long i = 0; i < (1UL << c->gfporder); i++) {
		SetPageSlab(&slab[i]);
		slab[i].slab_cache = c;
	}
	for (unsigned int i = 0; i < c->num; i++) {
		void *obj = slab_obj(c, s_mem, i);

		if (c->flags & SLAB_DEBUG_FLAGS)
			slab_debug_init_obj(c, obj);
		/* with poison the constructor runs at each allocation instead */
		if (c->ctor && !(c->flags & SLAB_POISON))
			c->ctor(obj);
		*freeptr(c, obj) = i + 1 < c->num ? slab_obj(c, s_mem, i + 1) : NULL;
	}
	slab->freelist = slab_obj(c, s_mem, 0);
	set_slab_inuse(slab, 0);
	list_add(&slab->lru, &c->slabs_free);
	c->num_slabs++;
	c->free_slabs++;
	return slab;
}

/* The pages back to the buddy allocator; the caller fixed free_slabs. */
static void slab_destroy(struct kmem_cache *c, struct page *slab)
{
	void *s_mem = kmem_page_address(slab);

	list_del(&slab->lru);
	c->num_slabs--;
	for (unsigned long i = 0; i < (1UL << c->gfporder); i++) {
		ClearPageSlab(&slab[i]);
		slab[i].slab_cache = NULL;
	}
	slab->freelist = NULL;
	reset_page_mapcount(slab);	/* it held inuse */
	kmem_freepages(s_mem, c->gfporder);
}

/*
 * Pop the first free object. A link that points outside the slab means
 * a free object was written to: the rest of the free list cannot be
 * trusted, so its objects are leaked and NULL returned.
 */
static void *take_object(struct kmem_cache *c, struct page *slab)
{
	unsigned int inuse = slab_inuse(slab);
	void *obj = slab->freelist, *next = *freeptr(c, obj);

	if (next && slab_obj_index(c, slab_base(c, obj), next) < 0) {
		slab_error(c, SLAB_ERR_FREELIST,
			   "free object %p links to %p, outside its slab; leaking %u free objects",
			   obj, next, c->num - inuse);
		c->leaked += c->num - inuse;
		c->active_objs += c->num - inuse;
		slab->freelist = NULL;
		set_slab_inuse(slab, c->num);
		relist(c, slab, inuse == 0);
		return NULL;
	}
	slab->freelist = next;
	set_slab_inuse(slab, inuse + 1);
	c->active_objs++;
	/* A partial slab that stays partial is already where it belongs. */
	if (inuse == 0 || inuse + 1 == c->num)
		relist(c, slab, inuse == 0);
	return obj;
}

/* One object from the slab lists, growing the cache if they are empty. */
static inline void *alloc_from_slabs(struct kmem_cache *c, gfp_t flags)
{
	for (;;) {
		struct page *slab;
		void *obj;

		if (!list_empty(&c->slabs_partial))
			slab = list_first_entry(&c->slabs_partial, struct page, lru);
		else if (!list_empty(&c->slabs_free))
			slab = list_first_entry(&c->slabs_free, struct page, lru);
		else if (!(slab = cache_grow(c, flags)))
			return NULL;
		obj = take_object(c, slab);
		if (!obj)
			continue;
		if (!(c->flags & SLAB_DEBUG_FLAGS) || slab_debug_alloc(c, obj))
			return obj;
		c->leaked++;	/* corrupted while free: reported, never handed out */
	}
}

/*
 * The array is empty: fill it with up to batchcount objects from the
 * slabs, and hand out the last.
 */
static void *cache_alloc_refill(struct kmem_cache *c, gfp_t flags)
{
	struct array_cache *ac = &c->array;

	while (ac->avail < ac->batchcount) {
		void *obj = alloc_from_slabs(c, flags);

		if (!obj)
			break;		/* no pages: make do with what we got */
		ac->entry[ac->avail++] = obj;
	}
	return ac->avail ? ac->entry[--ac->avail] : NULL;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t flags)
{
	struct array_cache *ac = &c->array;
	unsigned long irq = slab_lock();
	void *obj;

	if (likely(ac->avail)) {
		obj = ac->entry[--ac->avail];	/* the one freed last: still in the CPU cache */
		slab_unlock(irq);
	} else {
		obj = ac->limit ? cache_alloc_refill(c, flags) : alloc_from_slabs(c, flags);
		slab_unlock(irq);
		if (!obj)
			return NULL;
		/* with poison (no array then) the constructor runs at each allocation */
		if (c->ctor && (c->flags & SLAB_POISON))
			c->ctor(obj);
	}
	if (unlikely(flags & __GFP_ZERO))
		memset(obj, 0, c->object_size);
	return obj;
}

/* Put obj back on its slab's free list: a cache without an array, or objects out of one. */
static inline void free_to_slab(struct kmem_cache *c, void *obj)
{
	struct page *slab = kmem_virt_to_page(slab_base(c, obj));
	unsigned int inuse = slab_inuse(slab);

	if (c->flags & SLAB_DEBUG_FLAGS) {
		enum slab_free_verdict v = slab_debug_free(c, slab, obj);

		if (v == FREE_LEAK)
			c->leaked++;
		if (v != FREE_OK)
			return;
	} else if (obj == slab->freelist || inuse == 0) {
		/* the cheap check; the debug options catch every double free */
		slab_error(c, SLAB_ERR_DOUBLE_FREE, "double free of object %p", obj);
		return;
	}
	*freeptr(c, obj) = slab->freelist;
	slab->freelist = obj;
	set_slab_inuse(slab, inuse - 1);
	c->active_objs--;
	relist(c, slab, false);
	if (inuse == 1 && c->free_slabs > SLAB_FREE_LIMIT) {
		c->free_slabs--;
		slab_destroy(c, slab);
	}
}

/* The array is full: its batchcount coldest objects go back to their slabs. */
static void cache_flusharray(struct kmem_cache *c)
{
	struct array_cache *ac = &c->array;
	unsigned int i, batch = ac->batchcount;

	for (i = 0; i < batch; i++)
		free_to_slab(c, ac->entry[i]);
	ac->avail -= batch;
	for (i = 0; i < ac->avail; i++)
		ac->entry[i] = ac->entry[i + batch];
}

/* Every object in the array back to its slab. */
static void drain_array(struct kmem_cache *c)
{
	struct array_cache *ac = &c->array;

	for (unsigned int i = 0; i < ac->avail; i++)
		free_to_slab(c, ac->entry[i]);
	ac->avail = 0;
}

void slab_error_not_object(const struct kmem_cache *c, const void *obj)
{
	slab_error(c, SLAB_ERR_BAD_FREE, "kmem_cache_free(%p): not the start of an object", obj);
}

/* __cache_free() could not just push obj on the array (interrupts are off). */
void cache_free_slow(struct kmem_cache *c, void *obj)
{
	struct array_cache *ac = &c->array;

	if (ac->limit == 0) {
		free_to_slab(c, obj);
	} else if (ac->avail && ac->entry[ac->avail - 1] == obj) {
		/* free_to_slab()'s cheap check, for the array: freed twice in a row */
		slab_error(c, SLAB_ERR_DOUBLE_FREE, "double free of object %p", obj);
	} else {
		cache_flusharray(c);
		ac->entry[ac->avail++] = obj;
	}
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *page;

	if (!obj)
		return;
	page = kmem_virt_to_page(obj);
	if (unlikely(!page || !PageSlab(page) || page->slab_cache != c)) {
		slab_error(c, SLAB_ERR_BAD_FREE, "kmem_cache_free(%p): not an object of this cache (%s)",
			   obj, page && PageSlab(page) ? ((struct kmem_cache *)page->slab_cache)->name
						      : "not slab memory");
		return;
	}
	__cache_free(c, obj);
}

/*
 * Linux's defaults for the array: fewer objects the bigger they are,
 * half of them moved at a time.
 */
void enable_cpucache(struct kmem_cache *c)
{
	unsigned int limit;

	if (c->flags & SLAB_DEBUG_FLAGS)
		return;		/* every object checked every time */
	if (c->size > 131072)
		limit = 1;
	else if (c->size > PAGE_SIZE)
		limit = 8;
	else if (c->size > 1024)
		limit = 24;
	else if (c->size > 256)
		limit = 54;
	else
		limit = AC_LIMIT_MAX;
	c->array.limit = limit;
	c->array.batchcount = (limit + 1) / 2;
}

static void drain_free_slabs(struct kmem_cache *c)
{
	while (!list_empty(&c->slabs_free)) {
		c->free_slabs--;
		slab_destroy(c, list_first_entry(&c->slabs_free, struct page, lru));
	}
}

int kmem_cache_shrink(struct kmem_cache *c)
{
	unsigned long irq = slab_lock();
	int busy;

	drain_array(c);
	drain_free_slabs(c);
	busy = c->num_slabs != 0;
	slab_unlock(irq);
	return busy;
}

/* Linux reaps every cache's spare slabs from a timer (cache_reap); we on demand. */
void kmem_cache_shrink_all(void)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &cache_chain, next)
		kmem_cache_shrink(c);
}

/*
 * A cache with objects still in use stays (the objects' owners would be
 * left holding freed memory). Objects the debug checks leaked have no
 * owner: their slabs go with the cache.
 */
int kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long irq = slab_lock();

	drain_array(c);
	if (c == &cache_cache || c->active_objs > c->leaked) {
		slab_error(c, SLAB_ERR_BUSY, "kmem_cache_destroy: Slab cache still has objects (%lu)",
			   c->active_objs - c->leaked);
		slab_unlock(irq);
		return 1;
	}
	if (c->leaked)
		pr_warn("kmem_cache_destroy %s: dropping %lu leaked objects\n", c->name, c->leaked);
	drain_free_slabs(c);
	while (!list_empty(&c->slabs_partial))
		slab_destroy(c, list_first_entry(&c->slabs_partial, struct page, lru));
	while (!list_empty(&c->slabs_full))
		slab_destroy(c, list_first_entry(&c->slabs_full, struct page, lru));
	list_del(&c->next);
	slab_unlock(irq);
	kmem_cache_free(&cache_cache, c);
	return 0;
}

unsigned int kmem_cache_size(const struct kmem_cache *c)
{
	return c->object_size;
}

const char *kmem_cache_name(const struct kmem_cache *c)
{
	return c->name;
}

/* cache_cache is set up by hand: it cannot come from itself. */
void kmem_cache_init(void)
{
	if (!setup_cache(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
			 SLAB_HWCACHE_ALIGN, NULL))
		panic("kmem_cache_init: cannot set up the cache of caches");
	list_add(&cache_cache.next, &cache_chain);
	slab_up = true;
	kmalloc_caches_init();
}
