/*
 * No Linux twin (JOS's check_page_free_list in spirit); beside the slab allocator it checks.
 *
 * kmem_cache_check(): a cache's invariants, checked directly (JOS's
 * check_page_free_list in spirit). The host tests call it after every
 * step, the in-kernel suite after every case.
 *
 *  - every page of a slab is PG_slab and points back at the cache;
 *  - a slab is on the list its in-use count says (full, partial, free);
 *  - its free list holds exactly num - inuse objects of its own, ends;
 *  - the object array holds at most limit objects, each a slot of this cache;
 *  - the cache's counters are the sums over its slabs;
 *  - at most SLAB_FREE_LIMIT empty slabs are kept.
 */
#include <stdarg.h>
#include "linux/printk.h"
#include "linux/slab_def.h"

static __printf(2, 3) void check_failed(const struct kmem_cache *c, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "slab check `%s': %s\n", c->name, msg);
}

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		check_failed(c, __VA_ARGS__);				\
		bad++;							\
	}								\
} while (0)

static unsigned int count_free(const struct kmem_cache *c, const struct page *slab, void *s_mem)
{
	unsigned int n = 0;

	for (void *p = slab->freelist; p && n <= c->num; p = *freeptr(c, p), n++)
		if (slab_obj_index(c, s_mem, p) < 0)
			return c->num + 1;	/* not an object of this slab */
	return n;
}

static int check_slab(const struct kmem_cache *c, const struct page *slab,
		      const struct list_head *list)
{
	void *s_mem = kmem_page_address(slab);
	unsigned int inuse = slab_inuse(slab);
	int bad = 0;

	CHECK(((unsigned long)s_mem & (slab_bytes(c) - 1)) == 0,
	      "slab %p not aligned to its size", s_mem);
	for (unsigned long i = 0; i < (1UL << c->gfporder); i++)
		CHECK(PageSlab(&slab[i]) && slab[i].slab_cache == c &&
		      kmem_virt_to_page((char *)s_mem + i * PAGE_SIZE) == &slab[i],
		      "slab %p: page %lu is not a page of this cache", s_mem, i);
	if (list == &c->slabs_full)
		CHECK(inuse == c->num, "slab %p on slabs_full with %u/%u in use", s_mem, inuse, c->num);
	else if (list == &c->slabs_partial)
		CHECK(inuse > 0 && inuse < c->num, "slab %p on slabs_partial with %u/%u in use",
		      s_mem, inuse, c->num);
	else
		CHECK(inuse == 0, "slab %p on slabs_free with %u in use", s_mem, inuse);
	CHECK(inuse <= c->num && count_free(c, slab, s_mem) == c->num - inuse,
	      "slab %p: %u in use but %u on the free list (num %u)", s_mem, inuse,
	      count_free(c, slab, s_mem), c->num);
	return bad;
}

static int check_array(const struct kmem_cache *c)
{
	const struct array_cache *ac = &c->array;
	int bad = 0;

	CHECK(ac->avail <= ac->limit && ac->limit <= AC_LIMIT_MAX && ac->batchcount <= ac->limit,
	      "array: %u objects, limit %u, batchcount %u", ac->avail, ac->limit, ac->batchcount);
	for (unsigned int i = 0; i < ac->avail && i < AC_LIMIT_MAX; i++) {
		void *obj = ac->entry[i];
		const struct page *page = kmem_virt_to_page(obj);

		CHECK(page && PageSlab(page) && page->slab_cache == c &&
		      slab_obj_index(c, slab_base(c, obj), obj) >= 0,
		      "array entry %u (%p) is not an object of this cache", i, obj);
	}
	return bad;
}

int kmem_cache_check(const struct kmem_cache *c)
{
	const struct list_head *lists[] = { &c->slabs_full, &c->slabs_partial, &c->slabs_free };
	unsigned long slabs = 0, free_slabs = 0, active = 0;
	int bad = 0;

	for (unsigned int l = 0; l < ARRAY_SIZE(lists); l++) {
		const struct page *slab;

		list_for_each_entry(slab, lists[l], lru) {
			bad += check_slab(c, slab, lists[l]);
			slabs++;
			free_slabs += lists[l] == &c->slabs_free;
			active += slab_inuse(slab);
		}
	}
	bad += check_array(c);
	CHECK(slabs == c->num_slabs, "%lu slabs on the lists, num_slabs %lu", slabs, c->num_slabs);
	CHECK(free_slabs == c->free_slabs, "%lu empty slabs, free_slabs %lu", free_slabs, c->free_slabs);
	CHECK(free_slabs <= SLAB_FREE_LIMIT, "%lu empty slabs kept", free_slabs);
	CHECK(active == c->active_objs, "%lu objects in use in slabs, active_objs %lu",
	      active, c->active_objs);
	CHECK(c->leaked <= c->active_objs, "%lu leaked of %lu active", c->leaked, c->active_objs);
	return bad;
}
