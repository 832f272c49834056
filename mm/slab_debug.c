/*
 * Linux keeps this in mm/slab.c under CONFIG_DEBUG_SLAB; apart here to keep each file one idea.
 *
 * The slab debug options (Linux's CONFIG_DEBUG_SLAB, per cache or for all
 * with the slab_debug boot option):
 *
 *  SLAB_RED_ZONE  a word before and after each object: RED_ACTIVE while
 *                 it is allocated, RED_INACTIVE while free. Checked at
 *                 free and at allocation: a write past the end shows.
 *  SLAB_POISON    a free object is filled with POISON_FREE (0x6b), its
 *                 last byte POISON_END; checked at allocation, so a write
 *                 after free shows. A new allocation is filled with
 *                 POISON_INUSE (0x5a): reading it before writing shows.
 *
 * A bad object is reported and leaked, never handed out again: the
 * kernel goes on, a little poorer, and the evidence stays in memory.
 */
#include "linux/printk.h"
#include "linux/slab_def.h"
#include "linux/string.h"

uint32_t *redzone1(void *obj)
{
	return (uint32_t *)((char *)obj - sizeof(uint32_t));
}

uint32_t *redzone2(const struct kmem_cache *c, void *obj)
{
	return (uint32_t *)((char *)obj + c->object_size);
}

static void poison_obj(const struct kmem_cache *c, void *obj, unsigned char val)
{
	memset(obj, val, c->object_size);
	((unsigned char *)obj)[c->object_size - 1] = POISON_END;
}

/* The first byte that is not POISON_FREE's pattern, or -1. */
static long poison_mismatch(const struct kmem_cache *c, const void *obj)
{
	const unsigned char *p = obj;

	for (unsigned int i = 0; i < c->object_size; i++)
		if (p[i] != (i == c->object_size - 1 ? POISON_END : POISON_FREE))
			return i;
	return -1;
}

/* Walk the slab's free list (which may itself be damaged). */
bool on_freelist(const struct kmem_cache *c, const struct page *slab, const void *obj)
{
	void *base = slab_base(c, obj), *p = slab->freelist;

	for (unsigned int n = 0; p && n < c->num; n++) {
		if (p == obj)
			return true;
		if (slab_obj_index(c, base, p) < 0)
			return false;
		p = *freeptr(c, p);
	}
	return false;
}

void slab_debug_init_obj(const struct kmem_cache *c, void *obj)
{
	if (c->flags & SLAB_POISON)
		poison_obj(c, obj, POISON_FREE);
	if (c->flags & SLAB_RED_ZONE)
		*redzone1(obj) = *redzone2(c, obj) = RED_INACTIVE;
}

/* A free object about to be handed out: is it as we left it? */
bool slab_debug_alloc(const struct kmem_cache *c, void *obj)
{
	bool good = true;

	if ((c->flags & SLAB_RED_ZONE) &&
	    (*redzone1(obj) != RED_INACTIVE || *redzone2(c, obj) != RED_INACTIVE)) {
		slab_error(c, SLAB_ERR_REDZONE,
			   "free object %p: memory outside the object was overwritten (redzone 1: %#x, redzone 2: %#x); leaking it",
			   obj, *redzone1(obj), *redzone2(c, obj));
		*redzone1(obj) = *redzone2(c, obj) = RED_INACTIVE;	/* a later kfree is a double free */
		good = false;
	}
	if (c->flags & SLAB_POISON) {
		long bad = poison_mismatch(c, obj);

		if (bad >= 0) {
			slab_error(c, SLAB_ERR_POISON,
				   "Slab corruption: start=%p, len=%u: byte %ld is %#x, not %#x (written after free?); leaking it",
				   obj, c->object_size, bad, ((unsigned char *)obj)[bad],
				   (unsigned int)(bad == (long)c->object_size - 1 ? POISON_END : POISON_FREE));
			good = false;
		}
	}
	if (!good)
		return false;
	if (c->flags & SLAB_RED_ZONE)
		*redzone1(obj) = *redzone2(c, obj) = RED_ACTIVE;
	if (c->flags & SLAB_POISON)
		poison_obj(c, obj, POISON_INUSE);
	return true;
}

/*
 * An object being freed. Not on the free list but RED_INACTIVE before it:
 * an object the checks leaked, so this too is a second free.
 */
enum slab_free_verdict slab_debug_free(const struct kmem_cache *c, struct page *slab, void *obj)
{
	bool rz = c->flags & SLAB_RED_ZONE;

	if (on_freelist(c, slab, obj) || (rz && *redzone1(obj) == RED_INACTIVE)) {
		slab_error(c, SLAB_ERR_DOUBLE_FREE, "double free of object %p", obj);
		return FREE_IGNORE;
	}
	if (rz && (*redzone1(obj) != RED_ACTIVE || *redzone2(c, obj) != RED_ACTIVE)) {
		slab_error(c, SLAB_ERR_REDZONE,
			   "object %p: memory outside the object was overwritten (redzone 1: %#x, redzone 2: %#x); leaking it",
			   obj, *redzone1(obj), *redzone2(c, obj));
		*redzone1(obj) = *redzone2(c, obj) = RED_INACTIVE;
		return FREE_LEAK;
	}
	if (rz)
		*redzone1(obj) = *redzone2(c, obj) = RED_INACTIVE;
	if (c->flags & SLAB_POISON)
		poison_obj(c, obj, POISON_FREE);
	return FREE_OK;
}
