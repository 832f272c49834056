/*
 * The slab allocator against a model of its live objects; see
 * slab_harness.h. The caches get random sizes, alignments, debug flags
 * and constructors from the seed.
 */
#include <stdio.h>
#include <string.h>
#include "slab_fake_pages.h"
#include "slab_harness.h"

#define DIAG(...) (printf("# " __VA_ARGS__), putchar('\n'), 1)
#define CTOR_MAGIC 0xC7C7C7C7C7C7C7C7ULL
#define CTOR_BYTES sizeof(uint64_t)

static unsigned long expected_errors;

static unsigned long total_errors(void)
{
	unsigned long n = 0;

	for (int i = 0; i < NR_SLAB_ERRORS; i++)
		n += slab_errors[i];
	return n;
}

/* A constructed object starts with CTOR_MAGIC, which its users keep. */
static void ctor(void *obj)
{
	uint64_t m = CTOR_MAGIC;

	memcpy(obj, &m, sizeof(m));
}

static size_t usable(const struct harness *h, const struct hobj *o)
{
	(void)h;
	return o->usable;
}

static size_t first_free_byte(const struct harness *h, const struct hobj *o)
{
	return o->cache >= 0 && h->caches[o->cache]->ctor ? CTOR_BYTES : 0;
}

void h_init(struct harness *h, uint32_t seed)
{
	static const size_t aligns[] = { 0, 8, 16, 64, 128, 512 };
	static char names[H_CACHES][24];
	uint32_t r = seed * 2654435761u + 1;

	memset(h, 0, sizeof(*h));
	kmem_cache_shrink_all();
	h->base_pages = fake_pages_out;
	expected_errors = total_errors();
	for (int i = 0; i < H_CACHES; i++) {
		unsigned long flags = 0;
		size_t size;

		r ^= r << 13, r ^= r >> 17, r ^= r << 5;
		size = (r & 3) == 0 ? 1 + (r >> 8) % 9000 : 1 + (r >> 8) % 300;
		flags |= (r & 0x10) ? SLAB_HWCACHE_ALIGN : 0;
		flags |= (r & 0x20) ? SLAB_RED_ZONE : 0;
		flags |= (r & 0x40) ? SLAB_POISON : 0;
		flags |= (r & 0x80) ? SLAB_CACHE_DMA : 0;
		h->align[i] = aligns[(r >> 4) % ARRAY_SIZE(aligns)];
		snprintf(names[i], sizeof(names[i]), "test-%d", i);
		h->caches[i] = kmem_cache_create(names[i], size, h->align[i], flags,
						 (r >> 20) % 3 == 0 ? ctor : NULL);
		if (!h->caches[i])
			abort();
	}
}

/* Checks on a new object, then fill it; 0 if all is well. */
static int new_object(struct harness *h, unsigned char *p, size_t size, int cache, bool zeroed)
{
	struct kmem_cache *c = cache >= 0 ? h->caches[cache] : NULL;
	struct hobj *o = &h->objs[h->nr];
	struct page *page = kmem_virt_to_page(p);
	size_t n, align = c ? max(h->align[cache], sizeof(void *)) : 8;
	int bad = 0;

	n = c ? kmem_cache_size(c) : ksize(p);
	*o = (struct hobj){ p, size, n, cache, (unsigned char)(h->steps * 31 + 7) };
	bad += (n < size) && DIAG("%p: usable %zu < %zu asked", p, n, size);
	bad += ((unsigned long)p % align) && DIAG("%p: not aligned to %zu", p, align);
	if (c || size <= 8192) {
		c = c ? c : kmalloc_slab(size, 0);
		bad += !(page && PageSlab(page) && page->slab_cache != NULL) &&
		       DIAG("%p: not in a slab", p);
		if (c && page && page->slab_cache == c)
			bad += (slab_obj_index(c, slab_base(c, p), p) < 0 ||
				p + n > (unsigned char *)slab_base(c, p) + slab_bytes(c)) &&
			       DIAG("%p: not an object slot of `%s'", p, c->name);
		else if (cache >= 0)
			bad += DIAG("%p: from the wrong cache", p);
	} else {
		bad += (!page || PageSlab(page) || ((unsigned long)p & ~PAGE_MASK)) &&
		       DIAG("%p: a %zu-byte kmalloc should be whole pages", p, size);
	}
	for (int i = 0; i < h->nr; i++) {
		const struct hobj *q = &h->objs[i];

		if (p < q->p + usable(h, q) && q->p < p + n)
			bad += DIAG("%p+%zu overlaps live object %p+%zu", p, n, q->p, usable(h, q));
	}
	if (zeroed)
		for (size_t i = 0; i < n; i++)
			if (p[i]) {
				bad += DIAG("%p: kzalloc byte %zu is %#x", p, i, p[i]);
				break;
			}
	if (first_free_byte(h, o)) {
		uint64_t m;

		memcpy(&m, p, sizeof(m));
		bad += (m != CTOR_MAGIC) && DIAG("%p: constructor did not run", p);
	}
	memset(p + first_free_byte(h, o), o->fill, n - first_free_byte(h, o));
	h->nr++;
	h->peak = max(h->peak, h->nr);
	h->allocs++;
	return bad;
}

static int check_contents(const struct harness *h, const struct hobj *o, size_t upto)
{
	for (size_t i = first_free_byte(h, o); i < upto; i++)
		if (o->p[i] != o->fill)
			return DIAG("%p: byte %zu is %#x, was filled with %#x", o->p, i, o->p[i], o->fill);
	return 0;
}

/* Take object i out of the model, its contents checked. */
static int forget(struct harness *h, int i, struct hobj *out)
{
	int bad = check_contents(h, &h->objs[i], usable(h, &h->objs[i]));

	*out = h->objs[i];
	h->objs[i] = h->objs[--h->nr];
	h->frees++;
	return bad;
}

static int do_free(struct harness *h, int i)
{
	struct hobj o;
	int bad = forget(h, i, &o);

	if (o.cache >= 0)
		kmem_cache_free(h->caches[o.cache], o.p);
	else
		kfree(o.p);
	return bad;
}

static size_t random_size(uint32_t r)
{
	switch (r % 8) {
	case 0: return r >> 8 & 31;			/* 0 included */
	case 1: return 8192 + (r >> 8) % 40000;		/* the page allocator */
	case 2: return 1 + (r >> 8) % 8192;
	default: return 1 + (r >> 8) % 512;
	}
}

static int do_kmalloc(struct harness *h, uint32_t r)
{
	size_t size = random_size(r);
	gfp_t gfp = GFP_KERNEL | (r & 0x40000000 ? __GFP_ZERO : 0) | (r & 0x80000000 ? GFP_DMA : 0);
	unsigned char *p = kmalloc(size, gfp);

	if (size == 0)
		return (p != ZERO_SIZE_PTR) && DIAG("kmalloc(0) = %p, not ZERO_SIZE_PTR", p);
	if (!p)
		return DIAG("kmalloc(%zu) failed", size);
	if (gfp & GFP_DMA) {
		struct page *page = kmem_virt_to_page(p);

		if (size <= 8192 && !(((struct kmem_cache *)page->slab_cache)->allocflags & __GFP_DMA))
			return DIAG("kmalloc(%zu, GFP_DMA) not from a DMA cache", size);
	}
	return new_object(h, p, size, -1, gfp & __GFP_ZERO);
}

static int do_krealloc(struct harness *h, int i, uint32_t r)
{
	struct hobj *o = &h->objs[i];
	size_t size = random_size(r) + 1, keep = min(size, usable(h, o));
	int bad = check_contents(h, o, usable(h, o));
	unsigned char *p = krealloc(o->p, size, GFP_KERNEL);

	if (!p)
		return bad + DIAG("krealloc(%p, %zu) failed", o->p, size);
	o->p = p;
	o->size = size;
	bad += check_contents(h, o, keep);
	o->usable = ksize(p);
	bad += (usable(h, o) < size) && DIAG("krealloc: ksize %zu < %zu", usable(h, o), size);
	memset(p, o->fill, usable(h, o));
	return bad;
}

/* The detections, where the outcome is certain. */
static int inject(struct harness *h, int i, uint32_t r)
{
	struct hobj o = h->objs[i];
	struct kmem_cache *c = o.cache >= 0 ? h->caches[o.cache] : NULL;
	struct page *slab;
	unsigned char *p;
	int bad = 0;

	if (!c)
		return 0;
	h->injected++;
	slab = kmem_virt_to_page(slab_base(c, o.p));
	if (r % 3 == 0 && (c->flags & SLAB_RED_ZONE)) {
		bad += forget(h, i, &o);
		o.p[c->object_size] ^= 0x55;		/* one byte past the end */
		kmem_cache_free(c, o.p);		/* reported, leaked */
		expected_errors++;
		bad += (slab_errors[SLAB_ERR_REDZONE] == 0) && DIAG("overrun not caught");
	} else if (r % 3 == 1 && (c->flags & SLAB_POISON) && slab_inuse(slab) >= 2) {
		bad += do_free(h, i);
		o.p[r % c->object_size] ^= 0x55;	/* written after free */
		p = kmem_cache_alloc(c, GFP_KERNEL);	/* the same slot comes first: leaked */
		expected_errors++;
		bad += (p == o.p) && DIAG("%p: poisoned object handed out", p);
		bad += p ? new_object(h, p, o.size, o.cache, false) : DIAG("alloc failed");
	} else {
		bad += do_free(h, i);
		kmem_cache_free(c, o.p);		/* a double free, or a bad one */
		expected_errors++;
	}
	return bad;
}

int h_step(struct harness *h, uint32_t r, uint32_t r2)
{
	int bad = 0, cache = r2 % H_CACHES, i = h->nr ? (int)(r2 % (uint32_t)h->nr) : -1;
	unsigned char *p;
	bool zero, growing;

	h->steps++;
	/* phases of mostly allocating and mostly freeing, to fill slabs and empty them */
	growing = (h->steps / 600) % 2 == 0;
	switch (r % 16) {
	case 0 ... 4:
		if (h->nr == H_OBJS || (!growing && (r & 0x200)))
			break;
		/* __GFP_ZERO would undo a constructor: not for those caches */
		zero = (r & 0x100) && !h->caches[cache]->ctor;
		p = kmem_cache_alloc(h->caches[cache], GFP_KERNEL | (zero ? __GFP_ZERO : 0));
		bad += p ? new_object(h, p, kmem_cache_size(h->caches[cache]), cache, zero)
			 : DIAG("kmem_cache_alloc(%s) failed", h->caches[cache]->name);
		break;
	case 5 ... 9:
		if (i >= 0 && (!growing || (r & 0x200)))
			bad += do_free(h, i);
		break;
	case 10 ... 11:
		if (h->nr < H_OBJS)
			bad += do_kmalloc(h, r2);
		break;
	case 12:
		if (i >= 0 && h->objs[i].cache < 0)
			bad += do_krealloc(h, i, r >> 4);
		break;
	case 13:
		if (r & 0x10)
			kmem_cache_shrink_all();
		else
			kmem_cache_shrink(h->caches[cache]);
		break;
	case 14:
		if (i >= 0)
			bad += inject(h, i, r >> 4);
		break;
	case 15:
		/* the page allocator fails: NULL, and nothing else changes */
		fake_fail_after = 0;
		p = kmalloc(random_size(r >> 4) + 1, GFP_KERNEL);
		if (p && h->nr < H_OBJS)
			bad += new_object(h, p, ksize(p), -1, false);	/* a slab had room */
		else if (p)
			kfree(p);
		fake_fail_after = -1;
		break;
	}
	return bad + h_check(h);
}

int h_check(struct harness *h)
{
	struct kmem_cache *c;
	int bad = 0;

	list_for_each_entry(c, &cache_chain, next)
		bad += kmem_cache_check(c);
	for (int k = 0; k < H_CACHES; k++) {
		unsigned long live = 0;

		for (int i = 0; i < h->nr; i++)
			live += h->objs[i].cache == k;
		c = h->caches[k];
		bad += (c->active_objs - c->leaked != live) &&
		       DIAG("`%s': %lu active, %lu leaked, model has %lu", c->name,
			    c->active_objs, c->leaked, live);
	}
	bad += (total_errors() != expected_errors) &&
	       DIAG("%lu slab errors reported, %lu expected", total_errors(), expected_errors);
	expected_errors = total_errors();	/* report a difference once */
	bad += fake_bad_frees && DIAG("%lu pages freed in a bad state", fake_bad_frees);
	return bad;
}

int h_finish(struct harness *h)
{
	int bad = 0;

	while (h->nr)
		bad += do_free(h, h->nr - 1);
	for (int k = 0; k < H_CACHES; k++)
		bad += kmem_cache_destroy(h->caches[k]) && DIAG("destroy `test-%d' refused", k);
	kmem_cache_shrink_all();
	bad += (fake_pages_out != h->base_pages) &&
	       DIAG("%lu pages out after the run, %lu before", fake_pages_out, h->base_pages);
	bad += (total_errors() != expected_errors) &&
	       DIAG("%lu slab errors reported, %lu expected", total_errors(), expected_errors);
	bad += fake_bad_frees && DIAG("%lu pages freed in a bad state", fake_bad_frees);
	return bad;
}
