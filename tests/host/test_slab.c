/*
 * Host tests of the slab allocator (mm/slab.c, slab_debug.c, slab_common.c):
 * the layouts chosen for the kmalloc classes and for aligned caches,
 * kmalloc/ksize/krealloc/kfree, each debug check on an injected bug,
 * pages back after destroy and shrink, /proc/slabinfo's format, and
 * long random runs against a model (tests/host/slab_harness.c) with
 * every invariant checked after every step.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "slab_fake_pages.h"
#include "slab_harness.h"
#include "tap.h"

#define SEEDS	8
#define STEPS	4000

static unsigned long errs(enum slab_error kind)
{
	return slab_errors[kind];
}

static bool all_caches_ok(void)
{
	struct kmem_cache *c;
	int bad = 0;

	list_for_each_entry(c, &cache_chain, next)
		bad += kmem_cache_check(c);
	return bad == 0 && fake_bad_frees == 0;
}

static void test_kmalloc_layouts(void)
{
	static const struct { size_t size; unsigned int num, order; } want[] = {
		{ 32, 128, 0 }, { 96, 42, 0 }, { 192, 21, 0 }, { 512, 8, 0 },
		{ 2048, 2, 0 }, { 4096, 1, 0 }, { 8192, 1, 1 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *c = kmalloc_slab(want[i].size, GFP_KERNEL);

		ok(c && c->size == want[i].size && c->num == want[i].num && c->gfporder == want[i].order,
		   "size-%zu: %u objects in %lu page(s), slot %u", want[i].size, c ? c->num : 0,
		   c ? 1UL << c->gfporder : 0, c ? c->size : 0);
	}
	ok(kmalloc_slab(1, GFP_KERNEL) == kmalloc_slab(32, GFP_KERNEL) &&
	   kmalloc_slab(33, GFP_KERNEL) == kmalloc_slab(64, GFP_KERNEL) &&
	   kmalloc_slab(8193, GFP_KERNEL) == NULL, "sizes map to the smallest class that fits");
	ok(strcmp(kmem_cache_name(kmalloc_slab(100, GFP_DMA)), "size-128(DMA)") == 0 &&
	   (kmalloc_slab(100, GFP_DMA)->allocflags & __GFP_DMA),
	   "GFP_DMA uses size-N(DMA), whose pages are __GFP_DMA");

	/* every class wastes at most 1/8 of a slab, or stops at SLAB_BREAK_ORDER */
	bool tails_ok = true;
	for (size_t s = 32; s <= 8192; s *= 2) {
		struct kmem_cache *c = kmalloc_slab(s, GFP_KERNEL);
		unsigned long left = slab_bytes(c) - (unsigned long)c->num * c->size;

		tails_ok &= left * 8 <= slab_bytes(c) || c->gfporder == SLAB_BREAK_ORDER;
	}
	ok(tails_ok, "slab tails waste at most 1/8");
}

static void test_cache_layouts(void)
{
	struct kmem_cache *a = kmem_cache_create("hw100", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *b = kmem_cache_create("hw20", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *c = kmem_cache_create("al256", 40, 256, 0, NULL);
	struct kmem_cache *d = kmem_cache_create("big", 5000, 0, 0, NULL);

	ok(a && a->align == 64 && a->size == 128, "SLAB_HWCACHE_ALIGN: 100 bytes take two 64-byte lines");
	ok(b && b->align == 32 && b->size == 32, "SLAB_HWCACHE_ALIGN: 20 bytes share a line, 32-aligned");
	ok(c && c->size == 256 && c->num == 16, "align=256 is honoured");
	ok(d && d->num * d->size <= slab_bytes(d) && d->num >= 1,
	   "5000-byte objects: %u in %lu pages", d ? d->num : 0, d ? 1UL << d->gfporder : 0);
	/* One page of 3 would waste more than 1/8 (less than 1/4) of it: two pages of 7 waste less. */
	struct kmem_cache *e = kmem_cache_create("x1100", 1100, 0, 0, NULL);

	ok(e && e->num == 7 && e->gfporder == 1,
	   "1100-byte objects: %u in %lu pages, not 3 in one page (slot %u)",
	   e ? e->num : 0, e ? 1UL << e->gfporder : 0, e ? e->size : 0);
	kmem_cache_destroy(e);
	ok(kmem_cache_create("odd", 10, 3, 0, NULL) == NULL &&
	   kmem_cache_create("huge", 5UL << 20, 0, 0, NULL) == NULL &&
	   kmem_cache_create(NULL, 10, 0, 0, NULL) == NULL,
	   "bad alignment, too big or no name: NULL");
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	kmem_cache_destroy(c);
	kmem_cache_destroy(d);
	ok(all_caches_ok(), "invariants hold");
}

static int ctor_calls;
static void count_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0xc7, 24);
}

static void test_pages_come_back(void)
{
	unsigned long before;
	struct kmem_cache *c;
	void *objs[300];

	kmem_cache_shrink_all();
	before = fake_pages_out;
	c = kmem_cache_create("ctor24", 24, 0, 0, count_ctor);
	for (int i = 0; i < 300; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ok(ctor_calls == (int)(c->num * c->num_slabs), "constructor ran once per object of each new slab (%d)",
	   ctor_calls);
	ok(c->num_slabs == (300 + c->num - 1) / c->num && c->active_objs == 300,
	   "300 objects in %lu slabs of %u", c->num_slabs, c->num);
	for (int i = 0; i < 300; i++)
		kmem_cache_free(c, objs[i]);
	ok(c->num_slabs == SLAB_FREE_LIMIT && c->free_slabs == SLAB_FREE_LIMIT,
	   "after freeing all, %d empty slab kept", SLAB_FREE_LIMIT);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	ok(((unsigned char *)objs[0])[23] == 0xc7, "a reused object keeps its constructed state");
	kmem_cache_free(c, objs[0]);
	ok(kmem_cache_shrink(c) == 0 && c->num_slabs == 0, "kmem_cache_shrink empties it");
	ok(kmem_cache_destroy(c) == 0, "destroy");
	kmem_cache_shrink_all();
	ok(fake_pages_out == before && all_caches_ok(), "every page back (%lu out, %lu before)",
	   fake_pages_out, before);
}

static void test_kmalloc_family(void)
{
	unsigned long before = fake_pages_out;
	unsigned char *p, *q;

	ok(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR && ksize(ZERO_SIZE_PTR) == 0,
	   "kmalloc(0) is ZERO_SIZE_PTR, of size 0");
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	p = kmalloc(20000, GFP_KERNEL);
	ok(p && !PageSlab(kmem_virt_to_page(p)) && ksize(p) == 32768 && fake_pages_out == before + 8,
	   "kmalloc(20000) is 8 pages from the page allocator");
	kfree(p);
	ok(fake_pages_out == before, "kfree gives them back");
	ok(kmalloc(5UL << 20, GFP_KERNEL | __GFP_NOWARN) == NULL, "kmalloc(5 MiB) fails");
	p = kzalloc(100, GFP_KERNEL);
	ok(p && ksize(p) == 128 && p[0] == 0 && p[127] == 0, "kzalloc(100): 128 zeroed bytes");
	memset(p, 'a', 100);
	q = krealloc(p, 120, GFP_KERNEL);
	ok(q == p, "krealloc within ksize keeps the pointer");
	q = krealloc(p, 3000, GFP_KERNEL);
	ok(q && ksize(q) == 4096 && q[0] == 'a' && q[99] == 'a', "krealloc to 3000 moves and keeps the contents");
	q = krealloc(q, 50000, GFP_KERNEL);
	ok(q && ksize(q) == 65536 && q[99] == 'a', "krealloc into the page allocator keeps them too");
	ok(krealloc(q, 0, GFP_KERNEL) == ZERO_SIZE_PTR, "krealloc(p, 0) frees");
	kmem_cache_shrink_all();
	ok(fake_pages_out <= before && all_caches_ok(), "nothing left over");
}

static void test_debug_checks(void)
{
	unsigned long before;
	struct kmem_cache *c, *plain;
	unsigned char *a, *b, *d;
	unsigned long e;

	kmem_cache_shrink_all();
	before = fake_pages_out;
	c = kmem_cache_create("dbg", 40, 0, SLAB_POISON | SLAB_RED_ZONE, NULL);
	plain = kmem_cache_create("plain", 40, 0, 0, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	ok(a[0] == POISON_INUSE && a[39] == POISON_END && *redzone1(a) == RED_ACTIVE &&
	   *redzone2(c, a) == RED_ACTIVE, "a new object: 0x5a, last byte 0xa5, red zones active");
	kmem_cache_free(c, a);
	ok(a[0] == POISON_FREE && a[39] == POISON_END && *redzone1(a) == RED_INACTIVE,
	   "a freed object: 0x6b, last byte 0xa5, red zones inactive");

	e = errs(SLAB_ERR_DOUBLE_FREE);
	kmem_cache_free(c, a);
	ok(errs(SLAB_ERR_DOUBLE_FREE) == e + 1 && all_caches_ok(), "double free reported, ignored");

	e = errs(SLAB_ERR_REDZONE);
	b[40] = 'X';
	kmem_cache_free(c, b);
	ok(errs(SLAB_ERR_REDZONE) == e + 1 && c->leaked == 1 && all_caches_ok(),
	   "write past the end reported at free, object leaked");
	e = errs(SLAB_ERR_DOUBLE_FREE);
	kmem_cache_free(c, b);
	ok(errs(SLAB_ERR_DOUBLE_FREE) == e + 1 && c->leaked == 1, "freeing the leaked object again: double free");

	e = errs(SLAB_ERR_POISON);
	d = kmem_cache_alloc(c, GFP_KERNEL);	/* a again: LIFO */
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, d);
	d[7] = 'Y';				/* use after free */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	ok(errs(SLAB_ERR_POISON) == e + 1 && a != d && c->leaked == 2 && all_caches_ok(),
	   "write after free reported at the next allocation, object leaked");

	e = errs(SLAB_ERR_BUSY);
	ok(kmem_cache_destroy(c) == 1 && errs(SLAB_ERR_BUSY) == e + 1, "destroy with objects in use refused");
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	ok(kmem_cache_destroy(c) == 0, "destroy with only leaked objects goes ahead");

	e = errs(SLAB_ERR_DOUBLE_FREE);
	a = kmem_cache_alloc(plain, GFP_KERNEL);
	b = kmem_cache_alloc(plain, GFP_KERNEL);
	kmem_cache_free(plain, a);
	kmem_cache_free(plain, a);
	ok(errs(SLAB_ERR_DOUBLE_FREE) == e + 1, "without debug flags an immediate double free is still caught");

	e = errs(SLAB_ERR_BAD_FREE);
	kmem_cache_free(plain, b + 1);
	kfree(&e);
	d = kmalloc(64, GFP_KERNEL);
	kmem_cache_free(plain, d);
	ok(errs(SLAB_ERR_BAD_FREE) == e + 3, "frees of non-objects and of another cache's objects reported");
	kfree(d);

	e = errs(SLAB_ERR_FREELIST);
	a = kmem_cache_alloc(plain, GFP_KERNEL);
	kmem_cache_free(plain, a);
	memset(a, 0x41, sizeof(void *));	/* the link inside a free object */
	d = kmem_cache_alloc(plain, GFP_KERNEL);
	ok(errs(SLAB_ERR_FREELIST) == e + 1 && d && d != a && all_caches_ok(),
	   "a smashed free-list link is reported, the slab's free objects leaked");
	kmem_cache_free(plain, b);
	kmem_cache_free(plain, d);
	ok(kmem_cache_destroy(plain) == 0, "destroy");

	slab_debug_flags = SLAB_DEBUG_FLAGS;
	c = kmem_cache_create("all", 16, 0, 0, NULL);
	ok(c && (c->flags & SLAB_DEBUG_FLAGS) == SLAB_DEBUG_FLAGS, "slab_debug turns both on for new caches");
	slab_debug_flags = 0;
	kmem_cache_destroy(c);
	kmem_cache_shrink_all();
	ok(fake_pages_out == before && all_caches_ok(), "every page back");
}

/*
 * Frees at the edges of a slab: the last object is fine; the slot one past
 * it (base + num * size, still inside the slab's pages when the tail is
 * left over) and the first byte before an object are not objects.
 */
static void test_free_at_the_edges(void)
{
	struct kmem_cache *c = kmem_cache_create("edges", 1000, 0, 0, NULL);
	unsigned char *objs[8], *base, *last, *past;
	unsigned long e, bytes;
	unsigned int n;

	kmem_cache_shrink_all();
	for (n = 0; n < 8; n++)
		objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
	bytes = 4096UL << c->gfporder;
	base = (unsigned char *)((unsigned long)objs[0] & ~(bytes - 1));
	ok(c->num == 4 && c->size == 1000 && bytes == 4096, "1000-byte objects: 4 to a page (%u of %u)",
	   c->num, c->size);
	last = base + c->obj_offset + 3 * 1000;
	past = base + c->obj_offset + 4 * 1000;
	ok(past + 1 <= base + bytes, "the slot one past the last object is inside the slab");
	e = errs(SLAB_ERR_BAD_FREE);
	kmem_cache_free(c, past);
	ok(errs(SLAB_ERR_BAD_FREE) == e + 1 && all_caches_ok(), "a free of base + num * size is refused");
	kmem_cache_free(c, last - 1);
	kmem_cache_free(c, base + c->obj_offset + 1000 + 8);
	ok(errs(SLAB_ERR_BAD_FREE) == e + 3 && all_caches_ok(), "frees inside and just before an object are refused");
	for (n = 0; n < 8; n++)
		kmem_cache_free(c, objs[n]);
	ok(errs(SLAB_ERR_BAD_FREE) == e + 3 && c->active_objs == 0 && all_caches_ok(),
	   "the last object of each slab frees cleanly");
	ok(kmem_cache_destroy(c) == 0, "destroy");
}

/* kmalloc's classes end at 8192; above, a power-of-two number of pages, exact at each power. */
static void test_kmalloc_large_boundaries(void)
{
	static const struct { size_t size, bytes; } want[] = {
		{ 8192, 8192 }, { 8193, 16384 }, { 16384, 16384 }, { 16385, 32768 },
		{ 32768, 32768 }, { 32769, 65536 }, { 4UL << 20, 4UL << 20 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		unsigned long before = fake_pages_out;
		unsigned char *p = kmalloc(want[i].size, GFP_KERNEL);
		bool large = want[i].size > 8192;

		ok(p && ksize(p) == want[i].bytes &&
		   (!large || fake_pages_out == before + want[i].bytes / 4096),
		   "kmalloc(%zu): %zu bytes (ksize %zu, %lu pages taken)", want[i].size, want[i].bytes,
		   p ? ksize(p) : 0, fake_pages_out - before);
		if (p)
			p[want[i].size - 1] = 1;
		kfree(p);
		ok(!large || fake_pages_out == before, "kfree(kmalloc(%zu)) gives them back", want[i].size);
	}
	ok(kmalloc((4UL << 20) + 1, GFP_KERNEL | __GFP_NOWARN) == NULL, "kmalloc(4 MiB + 1) fails: past MAX_ORDER");
}

static void test_alloc_failure(void)
{
	struct kmem_cache *c = kmem_cache_create("fail", 3000, 0, 0, NULL);

	fake_fail_after = 0;
	ok(kmem_cache_alloc(c, GFP_KERNEL) == NULL && c->num_slabs == 0 && all_caches_ok(),
	   "no pages: kmem_cache_alloc returns NULL, nothing changes");
	fake_fail_after = -1;
	kmem_cache_destroy(c);
}

/* include/linux/string.h, which the host build sees first, has no strstr */
static bool contains(const char *s, const char *part)
{
	for (; *s; s++)
		if (strncmp(s, part, strlen(part)) == 0)
			return true;
	return false;
}

static void test_slabinfo(void)
{
	char buf[8192] = "", tmpl[] = "/tmp/slabinfoXXXXXX";
	int fd = mkstemp(tmpl), saved = dup(1);
	ssize_t n;

	fflush(stdout);
	dup2(fd, 1);
	show_slabinfo();
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	unlink(tmpl);
	buf[n > 0 ? n : 0] = '\0';
	ok(strncmp(buf, "slabinfo - version: 2.1\n# name            <active_objs> <num_objs>", 66) == 0,
	   "slabinfo header");
	ok(contains(buf, "\nsize-32                ") && contains(buf, "size-8192(DMA)") &&
	   contains(buf, "\nkmem_cache "), "a row per cache");
	ok(contains(buf, ": tunables    0    0    0 : slabdata "), "rows in the 2.1 format");
}

static void test_random_runs(void)
{
	static struct harness h;

	for (uint32_t seed = 1; seed <= SEEDS; seed++) {
		uint64_t s = seed * 0x9E3779B97F4A7C15ULL;
		int bad = 0;

		h_init(&h, seed);
		for (int i = 0; i < STEPS && bad < 5; i++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			bad += h_step(&h, (uint32_t)s, (uint32_t)(s >> 32));
		}
		bad += h_finish(&h);
		ok(bad == 0, "random run %u: %lu allocs (up to %d live), %lu frees, %lu injected bugs caught",
		   seed, h.allocs, h.peak, h.frees, h.injected);
	}
}

int main(void)
{
	kmem_cache_init();
	test_kmalloc_layouts();
	test_cache_layouts();
	test_pages_come_back();
	test_kmalloc_family();
	test_debug_checks();
	test_alloc_failure();
	test_free_at_the_edges();
	test_kmalloc_large_boundaries();
	test_slabinfo();
	test_random_runs();
	return tap_done();
}
