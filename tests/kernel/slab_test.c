/*
 * The slab allocator in the running kernel: every kmalloc class and odd
 * sizes around them, alignment, ksize/krealloc/kzalloc, constructors,
 * shrinking, big kmallocs from the page allocator, the debug checks
 * firing (and the kernel going on), and /proc/slabinfo. Every case
 * starts and ends with all caches shrunk, and checks that the free-page
 * count came back and that every cache's invariants hold.
 */
#include "kunit/test.h"
#include "linux/console.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/slab_def.h"
#include "linux/string.h"

#define MAX_DMA_PFN 4096UL	/* 16 MiB */

static unsigned long free_before;

static void begin(void)
{
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
}

static void end(struct ktest *t)
{
	struct kmem_cache *c;

	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
	list_for_each_entry(c, &cache_chain, next)
		KTEST_EXPECT_EQ(t, kmem_cache_check(c), 0);
}

static const size_t sizes[] = {
	1, 7, 31, 32, 33, 63, 64, 65, 95, 96, 97, 100, 127, 128, 129, 191, 192, 193,
	255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049,
	4095, 4096, 4097, 8191, 8192,
};

/* Linux 2.6's kmalloc classes (include/linux/kmalloc_sizes.h), written out here, not asked of mm/slab_common.c. */
static const size_t classes[] = { 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192 };

static size_t class_for(size_t size)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

static void check_kmalloc(struct ktest *t, size_t size, gfp_t gfp)
{
	unsigned char *p = kmalloc(size, gfp);
	struct page *page;

	KTEST_ASSERT_TRUE(t, p != NULL);
	page = virt_to_page(p);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, 8));
	KTEST_EXPECT_GE(t, ksize(p), size);
	/* the smallest class that fits (with slab_debug, the red zones are not the caller's) */
	KTEST_EXPECT_EQ(t, ksize(p), class_for(size));
	KTEST_EXPECT_TRUE(t, PageSlab(page));
	KTEST_EXPECT_TRUE(t, page->slab_cache == kmalloc_slab(size, gfp));
	if (gfp & GFP_DMA)
		KTEST_EXPECT_LT(t, page_to_pfn(page), MAX_DMA_PFN);
	memset(p, 0x3c, ksize(p));	/* all of it is ours */
	kfree(p);
}

static void kmalloc_every_class_and_odd_sizes(struct ktest *t)
{
	begin();
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		check_kmalloc(t, sizes[i], GFP_KERNEL);
		check_kmalloc(t, sizes[i], GFP_DMA);
	}
	KTEST_EXPECT_TRUE(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	end(t);
}

/* Many live objects of one class: distinct, not overlapping, contents kept. */
static void kmalloc_objects_do_not_overlap(struct ktest *t)
{
	static unsigned char *objs[600];

	begin();
	for (int i = 0; i < 600; i++) {
		objs[i] = kmalloc(96, GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, objs[i] != NULL);
		memset(objs[i], i & 0xff, 96);
	}
	for (int i = 0; i < 600; i++) {
		for (int j = 0; j < 96; j++)
			if (objs[i][j] != (i & 0xff)) {
				KTEST_EXPECT_MSG(t, 0, "object %d byte %d overwritten", i, j);
				break;
			}
		kfree(objs[i]);
	}
	end(t);
}

static void caches_align_as_asked(struct ktest *t)
{
	static const struct { size_t size, align; unsigned long flags, want; } tests[] = {
		{ 24, 16, 0, 16 }, { 40, 64, 0, 64 }, { 10, 256, 0, 256 },
		{ 100, 0, SLAB_HWCACHE_ALIGN, L1_CACHE_BYTES }, { 20, 0, SLAB_HWCACHE_ALIGN, 32 },
	};
	void *objs[50];

	begin();
	for (unsigned int i = 0; i < ARRAY_SIZE(tests); i++) {
		struct kmem_cache *c = kmem_cache_create("slab_test_align", tests[i].size,
							 tests[i].align, tests[i].flags, NULL);

		KTEST_ASSERT_TRUE(t, c != NULL);
		for (int j = 0; j < 50; j++) {
			objs[j] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_TRUE(t, objs[j] != NULL);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[j], tests[i].want));
		}
		for (int j = 0; j < 50; j++)
			kmem_cache_free(c, objs[j]);
		KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	}
	end(t);
}

static void touch_ctor(void *obj)
{
	*(unsigned int *)obj = 0xc0ffee;
}

/*
 * The alignment a cache was made with holds for every object under every
 * combination of the debug options (red zone, poison), with and without
 * SLAB_HWCACHE_ALIGN and a constructor (which move the free-list link),
 * over more than one slab; and writing all of each object trips no check.
 */
static void every_debug_option_keeps_alignment(struct ktest *t)
{
	static const size_t aligns[] = { 8, 16, 32, 64 };
	static const size_t sizes_[] = { 4, 24, 100, 520, 3000 };
	static const unsigned long debug[] = { 0, SLAB_RED_ZONE, SLAB_POISON, SLAB_RED_ZONE | SLAB_POISON };
	static void *objs[64];
	unsigned long errors_before = 0;

	begin();
	for (unsigned int e = 0; e < NR_SLAB_ERRORS; e++)
		errors_before += slab_errors[e];
	for (unsigned int a = 0; a < ARRAY_SIZE(aligns); a++)
	for (unsigned int s = 0; s < ARRAY_SIZE(sizes_); s++)
	for (unsigned int d = 0; d < ARRAY_SIZE(debug); d++)
	for (unsigned int v = 0; v < 4; v++) {
		unsigned long flags = debug[d] | (v & 1 ? SLAB_HWCACHE_ALIGN : 0);
		struct kmem_cache *c = kmem_cache_create("slab_test_align", sizes_[s], aligns[a], flags,
							 v & 2 ? touch_ctor : NULL);
		unsigned int n;

		KTEST_ASSERT_TRUE(t, c != NULL);
		n = min(c->num * 2 + 1, (unsigned int)ARRAY_SIZE(objs));
		for (unsigned int j = 0; j < n; j++) {
			objs[j] = kmem_cache_alloc(c, GFP_KERNEL);
			KTEST_ASSERT_TRUE(t, objs[j] != NULL);
			KTEST_EXPECT_MSG(t, IS_ALIGNED((unsigned long)objs[j], aligns[a]),
					 "size %zu, align %zu, flags %#lx%s: object %p", sizes_[s], aligns[a],
					 flags, v & 2 ? ", ctor" : "", objs[j]);
			memset(objs[j], 0x77, sizes_[s]);
		}
		for (unsigned int j = 0; j < n; j++)
			kmem_cache_free(c, objs[j]);
		KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	}
	for (unsigned int e = 0; e < NR_SLAB_ERRORS; e++)
		errors_before -= slab_errors[e];
	KTEST_EXPECT_EQ(t, errors_before, 0);   /* no check fired */
	end(t);
}

/* kmalloc of a power of two is aligned to it (Linux's promise), debug options or not. */
static void kmalloc_power_of_two_is_naturally_aligned(struct ktest *t)
{
	begin();
	for (size_t size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size *= 2) {
		for (int i = 0; i < 3; i++) {
			void *p = kmalloc(size, GFP_KERNEL), *q = kmalloc(size, GFP_DMA);

			KTEST_ASSERT_TRUE(t, p != NULL && q != NULL);
			KTEST_EXPECT_MSG(t, IS_ALIGNED((unsigned long)p, size), "kmalloc(%zu) = %p", size, p);
			KTEST_EXPECT_MSG(t, IS_ALIGNED((unsigned long)q, size), "kmalloc(%zu, GFP_DMA) = %p",
					 size, q);
			kfree(p);
			kfree(q);
		}
	}
	end(t);
}

static void krealloc_keeps_contents(struct ktest *t)
{
	unsigned char *p, *q;

	begin();
	p = kmalloc(40, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p != NULL);
	for (int i = 0; i < 40; i++)
		p[i] = (unsigned char)i;
	q = krealloc(p, 60, GFP_KERNEL);	/* still fits size-64 */
	KTEST_EXPECT_TRUE(t, q == p);
	q = krealloc(p, 5000, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, q != NULL);
	KTEST_EXPECT_GE(t, ksize(q), 5000);
	for (int i = 0; i < 40; i++)
		KTEST_EXPECT_EQ(t, q[i], i);
	q = krealloc(q, 70000, GFP_KERNEL);	/* into the page allocator */
	KTEST_ASSERT_TRUE(t, q != NULL);
	KTEST_EXPECT_FALSE(t, PageSlab(virt_to_page(q)));
	KTEST_EXPECT_EQ(t, q[39], 39);
	KTEST_EXPECT_TRUE(t, krealloc(q, 0, GFP_KERNEL) == ZERO_SIZE_PTR);
	end(t);
}

static void kzalloc_zeroes(struct ktest *t)
{
	unsigned char *p;
	bool zero = true;

	begin();
	p = kmalloc(200, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p != NULL);
	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);	/* most likely the same, dirty object */
	KTEST_ASSERT_TRUE(t, p != NULL);
	for (size_t i = 0; i < ksize(p); i++)
		zero &= p[i] == 0;
	KTEST_EXPECT_TRUE(t, zero);
	kfree(p);
	end(t);
}

static int ctor_calls;

static void ctor_fill(void *obj)
{
	ctor_calls++;
	memset(obj, 0xc7, 48);
}

static void cache_with_constructor(struct ktest *t)
{
	struct kmem_cache *c;
	unsigned char *a, *b;
	bool per_slab;

	begin();
	ctor_calls = 0;
	c = kmem_cache_create("slab_test_ctor", 48, 0, 0, ctor_fill);
	KTEST_ASSERT_TRUE(t, c != NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a != NULL);
	/* the whole new slab, once; with poison (slab_debug) at each allocation */
	per_slab = !(c->flags & SLAB_POISON);
	KTEST_EXPECT_EQ(t, ctor_calls, per_slab ? c->num : 1);
	KTEST_EXPECT_EQ(t, a[0], 0xc7);
	KTEST_EXPECT_EQ(t, a[47], 0xc7);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, b[47], 0xc7);	/* freed objects stay constructed */
	KTEST_EXPECT_EQ(t, ctor_calls, per_slab ? c->num : 2);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	end(t);
}

static void shrink_returns_pages(struct ktest *t)
{
	static void *objs[500];
	struct kmem_cache *c;
	unsigned long full;

	begin();
	c = kmem_cache_create("slab_test_shrink", 256, 0, 0, NULL);
	KTEST_ASSERT_TRUE(t, c != NULL);
	for (int i = 0; i < 500; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, objs[i] != NULL);
	}
	full = nr_free_pages_with_pcp();
	KTEST_EXPECT_LE(t, full + c->num_slabs, free_before);
	KTEST_EXPECT_EQ(t, c->num_slabs, (500 + c->num - 1) / c->num);
	for (int i = 0; i < 500; i++)
		kmem_cache_free(c, objs[i]);
	/* all but SLAB_FREE_LIMIT empty slabs went back as they emptied */
	KTEST_EXPECT_EQ(t, c->num_slabs, SLAB_FREE_LIMIT);
	KTEST_EXPECT_EQ(t, kmem_cache_check(c), 0);
	KTEST_EXPECT_EQ(t, kmem_cache_shrink(c), 0);
	KTEST_EXPECT_EQ(t, c->num_slabs, 0);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	end(t);
}

static void large_kmalloc_uses_pages(struct ktest *t)
{
	unsigned char *p;
	unsigned long before;

	begin();
	before = nr_free_pages_with_pcp();
	p = kmalloc(100000, GFP_KERNEL);	/* 25 pages: an order-5 block */
	KTEST_ASSERT_TRUE(t, p != NULL);
	KTEST_EXPECT_FALSE(t, PageSlab(virt_to_page(p)));
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, ksize(p), 32 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), before - 32);
	memset(p, 0x11, 100000);
	kfree(p);
	KTEST_EXPECT_TRUE(t, kmalloc(8UL << 20, GFP_KERNEL | __GFP_NOWARN) == NULL);
	end(t);
}

static void debug_checks_report_and_go_on(struct ktest *t)
{
	unsigned long e[NR_SLAB_ERRORS];
	struct kmem_cache *c;
	unsigned char *a, *b, *d;

	begin();
	memcpy(e, slab_errors, sizeof(e));
	c = kmem_cache_create("slab_test_debug", 40, 0, SLAB_POISON | SLAB_RED_ZONE, NULL);
	KTEST_ASSERT_TRUE(t, c != NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, a[0], POISON_INUSE);
	KTEST_EXPECT_EQ(t, a[39], POISON_END);

	kmem_cache_free(c, a);
	KTEST_EXPECT_EQ(t, a[0], POISON_FREE);
	kmem_cache_free(c, a);				/* double free */
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_DOUBLE_FREE], e[SLAB_ERR_DOUBLE_FREE] + 1);

	b[40] = 'X';					/* one byte past the end */
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_REDZONE], e[SLAB_ERR_REDZONE] + 1);
	KTEST_EXPECT_EQ(t, c->leaked, 1);

	d = kmem_cache_alloc(c, GFP_KERNEL);		/* a again */
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, d);
	d[5] = 'Y';					/* use after free */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_POISON], e[SLAB_ERR_POISON] + 1);
	KTEST_EXPECT_TRUE(t, a != d);
	KTEST_EXPECT_EQ(t, c->leaked, 2);
	KTEST_EXPECT_EQ(t, kmem_cache_check(c), 0);

	kfree(&e);					/* not kmalloc memory */
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_BAD_FREE], e[SLAB_ERR_BAD_FREE] + 1);

	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 1);	/* a and b still in use */
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_BUSY], e[SLAB_ERR_BUSY] + 1);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);	/* the leaked ones go with it */
	end(t);
}

/* The row /proc/slabinfo prints for a cache whose contents this test knows. */
static void slabinfo_rows_show_what_is_allocated(struct ktest *t)
{
	static char out[8192];
	unsigned long active, total, objsize, perslab, pages, limit, batch, shared, aslabs, nslabs;
	struct kmem_cache *c;
	void *objs[5];
	char *row, *q;

	begin();
	c = kmem_cache_create("slab_test_info", 1000, 0, 0, NULL);
	KTEST_ASSERT_TRUE(t, c != NULL);
	for (int i = 0; i < 5; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, objs[i] != NULL);
	}
	console_capture(out, sizeof(out));
	show_slabinfo();
	console_capture_end();
	KTEST_EXPECT_TRUE(t, strncmp(out, "slabinfo - version: 2.1", 23) == 0);
	row = strchr(out, '\n');
	while (row && strncmp(row + 1, "slab_test_info ", 15) != 0)
		row = strchr(row + 1, '\n');
	KTEST_ASSERT_TRUE(t, row != NULL);
	q = row + 16;
#define FIELD(v) do { while (*q == ' ' || *q == ':' || (*q >= 'a' && *q <= 'z')) q++; \
		      v = simple_strtoul(q, &q, 10); } while (0)
	FIELD(active); FIELD(total); FIELD(objsize); FIELD(perslab); FIELD(pages);
	FIELD(limit); FIELD(batch); FIELD(shared); FIELD(aslabs); FIELD(nslabs);
#undef FIELD
	/* 1000-byte objects: 4 to a 4 KiB slab, so 5 of them take 2 slabs, both in use */
	KTEST_EXPECT_EQ(t, active, 5);
	KTEST_EXPECT_EQ(t, total, 8);
	KTEST_EXPECT_EQ(t, objsize, c->flags & SLAB_RED_ZONE ? c->size : 1000);
	KTEST_EXPECT_EQ(t, perslab, c->flags & SLAB_RED_ZONE ? c->num : 4);
	KTEST_EXPECT_EQ(t, pages, 1);
	KTEST_EXPECT_EQ(t, limit + batch + shared, 0);  /* no object array: made by kmem_cache_create() */
	KTEST_EXPECT_EQ(t, aslabs, 2);
	KTEST_EXPECT_EQ(t, nslabs, 2);
	for (int i = 0; i < 5; i++)
		kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	KTEST_EXPECT_STREQ(t, kmem_cache_name(kmalloc_slab(8192, GFP_DMA)), "size-8192(DMA)");
	end(t);
}

/*
 * Frees at the edge of a slab: one past the last object (base + num *
 * size, inside the slab's page when its tail is left over) is no object.
 */
static void free_one_past_the_last_object_is_refused(struct ktest *t)
{
	unsigned long e = slab_errors[SLAB_ERR_BAD_FREE], bytes;
	struct kmem_cache *c;
	unsigned char *a, *base, *past;

	begin();
	c = kmem_cache_create("slab_test_edge", 1000, 0, 0, NULL);
	KTEST_ASSERT_TRUE(t, c != NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a != NULL);
	bytes = PAGE_SIZE << c->gfporder;
	base = (unsigned char *)((unsigned long)a & ~(bytes - 1));
	past = base + c->obj_offset + c->num * c->size;
	KTEST_ASSERT_TRUE(t, past < base + bytes);
	kmem_cache_free(c, past);
	KTEST_EXPECT_EQ(t, slab_errors[SLAB_ERR_BAD_FREE], e + 1);
	KTEST_EXPECT_EQ(t, c->active_objs, 1);
	KTEST_EXPECT_EQ(t, kmem_cache_check(c), 0);
	kmem_cache_free(c, a);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	end(t);
}

/* Above size-8192, whole pages: exactly 16 KiB is 4 of them, one byte more is 8. */
static void large_kmalloc_at_a_power_of_two(struct ktest *t)
{
	static const unsigned long size[] = { 8193, 16384, 16385, 65536 }, pages[] = { 4, 4, 8, 16 };

	begin();
	for (unsigned int i = 0; i < ARRAY_SIZE(size); i++) {
		unsigned long before = nr_free_pages_with_pcp();
		unsigned char *p = kmalloc(size[i], GFP_KERNEL);

		KTEST_ASSERT_TRUE(t, p != NULL);
		KTEST_EXPECT_EQ(t, ksize(p), pages[i] * PAGE_SIZE);
		KTEST_EXPECT_EQ(t, before - nr_free_pages_with_pcp(), pages[i]);
		p[size[i] - 1] = 1;
		kfree(p);
		KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), before);
	}
	end(t);
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(kmalloc_every_class_and_odd_sizes),
	KTEST_CASE(kmalloc_objects_do_not_overlap),
	KTEST_CASE(caches_align_as_asked),
	KTEST_CASE(every_debug_option_keeps_alignment),
	KTEST_CASE(kmalloc_power_of_two_is_naturally_aligned),
	KTEST_CASE(krealloc_keeps_contents),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(cache_with_constructor),
	KTEST_CASE(shrink_returns_pages),
	KTEST_CASE(large_kmalloc_uses_pages),
	KTEST_CASE(debug_checks_report_and_go_on),
	KTEST_CASE(slabinfo_rows_show_what_is_allocated),
	KTEST_CASE(free_one_past_the_last_object_is_refused),
	KTEST_CASE(large_kmalloc_at_a_power_of_two),
	{}
};
KTEST_SUITE(slab, slab_cases);
