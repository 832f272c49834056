/*
 * Host tests of the buddy allocator (mm/buddy.c): struct page helpers,
 * GFP zones, hand-worked splits and merges, bad frees, a checker that
 * must notice corruption, and long random runs against a model.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "buddy_harness.h"
#include "linux/gfp.h"
#include "tap.h"

#define SEEDS	12
#define STEPS	5000		/* per seed */

static unsigned long long rng_state;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned long)rng_state;
}

/* Is there a free block of this order at pfn? */
static bool listed(const struct zone *z, unsigned long pfn, unsigned int order)
{
	const struct page *page;

	list_for_each_entry(page, &z->free_area[order].free_list, lru)
		if (page_to_pfn(page) == pfn)
			return true;
	return false;
}

static void test_struct_page(void)
{
	struct page p;

	/* flags, private, freelist: longs/pointers; two ints; lru: two pointers. */
	ok(sizeof(struct page) == 3 * sizeof(long) + 3 * sizeof(void *) + 2 * sizeof(int),
	   "struct page is %zu bytes here (32 on i386)", sizeof(struct page));

	memset(&p, 0, sizeof(p));
	SetPageReserved(&p);
	SetPageBuddy(&p);
	set_page_zone(&p, ZONE_HIGHMEM);
	ok(PageReserved(&p) && PageBuddy(&p) && !PageSlab(&p) &&
	   page_zonenum(&p) == ZONE_HIGHMEM && PageHighMem(&p) &&
	   p.flags >> ZONES_PGSHIFT == ZONE_HIGHMEM,
	   "page flags and the zone index in the top bits coexist");
	set_page_zone(&p, ZONE_DMA);
	ClearPageBuddy(&p);
	ok(PageReserved(&p) && !PageBuddy(&p) && page_zonenum(&p) == ZONE_DMA &&
	   !PageHighMem(&p), "set_page_zone and ClearPageX touch only their bits");

	set_page_refcounted(&p);
	get_page(&p);
	reset_page_mapcount(&p);
	ok(page_count(&p) == 2 && !put_page_testzero(&p) && put_page_testzero(&p) &&
	   page_mapcount(&p) == 0 && !page_mapped(&p),
	   "get_page/put_page_testzero count references; mapcount starts at -1");
}

static bool gfp_zone_bugs(gfp_t flags)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		freopen("/dev/null", "w", stderr);	/* the BUG message is expected */
		gfp_zone(flags);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void test_gfp(void)
{
	ok(GFP_KERNEL == 0xD0 && GFP_USER == 0x200D0 && GFP_ATOMIC == 0x20 &&
	   GFP_HIGHUSER == 0x200D2 && GFP_DMA == 0x01,
	   "GFP_* have Linux 2.6.32's values");
	ok(gfp_zone(GFP_KERNEL) == ZONE_NORMAL && gfp_zone(GFP_ATOMIC) == ZONE_NORMAL &&
	   gfp_zone(GFP_DMA | GFP_KERNEL) == ZONE_DMA &&
	   gfp_zone(GFP_HIGHUSER) == ZONE_HIGHMEM &&
	   gfp_zone(GFP_KERNEL | __GFP_MOVABLE) == ZONE_NORMAL,
	   "gfp_zone: none -> Normal, __GFP_DMA -> DMA, __GFP_HIGHMEM -> HighMem");
	ok(gfp_zone_bugs(__GFP_DMA | __GFP_HIGHMEM) && !gfp_zone_bugs(__GFP_HIGHMEM),
	   "gfp_zone(__GFP_DMA | __GFP_HIGHMEM) is a BUG");
}

/* [3, 1030), mem_map ending at 1030: the blocks worked out by hand. */
static void test_add_range(void)
{
	static const struct block want[] = {
		{ 3, 0 }, { 4, 2 }, { 8, 3 }, { 16, 4 }, { 32, 5 }, { 64, 6 },
		{ 128, 7 }, { 256, 8 }, { 512, 9 }, { 1024, 2 }, { 1028, 1 },
	};
	struct hzone h;
	unsigned long a[64], b[64];
	const char *report;
	size_t i, n;
	bool exact = true;

	memmap_init(1030);
	h_init(&h, "Normal", ZONE_NORMAL, 3, 1030);
	ok(h_add_range(&h, 3, 1030) == 0 && h_check(&h) == 0 &&
	   h.zone.free_pages == 1027 && h.zone.managed_pages == 1027,
	   "buddy_add_free_range of 1027 unaligned pages: counts and invariants");
	for (i = 0; i < ARRAY_SIZE(want); i++)
		exact &= listed(&h.zone, want[i].pfn, want[i].order);
	n = h_snapshot(&h, a);
	ok(exact && n == ARRAY_SIZE(want),
	   "[3, 1030) becomes 3/0 4/2 8/3 ... 512/9 1024/2 1028/1 (pfn/order)");
	h_exit(&h);
	memmap_exit();

	/* Same range in three pieces, added out of order. */
	memmap_init(1030);
	h_init(&h, "Normal", ZONE_NORMAL, 3, 1030);
	ok(h_add_range(&h, 700, 1030) == 0 && h_add_range(&h, 3, 77) == 0 &&
	   h_add_range(&h, 77, 700) == 0 && h_check(&h) == 0 &&
	   same_blocks(a, n, b, h_snapshot(&h, b)),
	   "adding the same range in pieces merges to the same blocks");
	capture_begin();
	i = h_add_range(&h, 500, 600);
	report = capture_end();
	ok(i == 0 && h.zone.managed_pages == 1027 && h_check(&h) == 0 &&
	   report[0], "adding free pages a second time is refused and reported");
	print_as_diag(report);
	h_exit(&h);
	memmap_exit();
}

static void test_split_merge(void)
{
	struct hzone h;
	struct page *page, *other;
	unsigned int o;
	bool halves = true;

	memmap_init(1024);
	h_init(&h, "DMA", ZONE_DMA, 0, 1024);
	h_add_range(&h, 0, 1024);
	page = buddy_alloc(&h.zone, 0);
	for (o = 0; o < MAX_ORDER - 1; o++)
		halves &= h.zone.free_area[o].nr_free == 1 && listed(&h.zone, 1UL << o, o);
	ok(page == pfn_to_page(0) && halves && h.zone.free_area[10].nr_free == 0 &&
	   h.zone.free_pages == 1023 && buddy_check_zone(&h.zone) == 0,
	   "expand: order 0 from an order-10 block leaves upper halves 1, 2, 4 .. 512");
	ok(put_page_testzero(page) && buddy_free(&h.zone, page, 0) == 0 &&
	   h.zone.free_area[10].nr_free == 1 && listed(&h.zone, 0, 10) &&
	   h.zone.free_pages == 1024 && buddy_check_zone(&h.zone) == 0,
	   "freeing it merges all the way back to one order-10 block");
	/* The buddy of an upper half lies below it: pfn ^ size, not pfn + size. */
	page = buddy_alloc(&h.zone, 0);
	other = buddy_alloc(&h.zone, 0);
	ok(page == pfn_to_page(0) && other == pfn_to_page(1) &&
	   put_page_testzero(page) && buddy_free(&h.zone, page, 0) == 0 &&
	   put_page_testzero(other) && buddy_free(&h.zone, other, 0) == 0 &&
	   h.zone.free_area[10].nr_free == 1 && listed(&h.zone, 0, 10) &&
	   h.zone.free_pages == 1024 && buddy_check_zone(&h.zone) == 0,
	   "freeing an upper half last merges it with the lower half below it, up to order 10");
	h_exit(&h);
	memmap_exit();

	/* Free blocks of order 3 at 8 and order 5 at 32: order 2 splits the 3. */
	memmap_init(64);
	h_init(&h, "DMA", ZONE_DMA, 0, 64);
	h_add_range(&h, 8, 16);
	h_add_range(&h, 32, 64);
	page = buddy_alloc(&h.zone, 2);
	ok(page == pfn_to_page(8) && listed(&h.zone, 12, 2) && listed(&h.zone, 32, 5) &&
	   buddy_check_zone(&h.zone) == 0,
	   "__rmqueue takes the smallest block that fits");
	h_exit(&h);
	memmap_exit();
}

static void test_exhaust(void)
{
	struct hzone h;
	unsigned long a[8192], b[8192], n = 0;
	size_t na;
	int bad = 0;

	memmap_init(5003);
	h_init(&h, "Normal", ZONE_NORMAL, 13, 5003);
	h_add_range(&h, 13, 2000);
	h_add_range(&h, 2100, 5003);
	na = h_snapshot(&h, a);
	while (h.zone.free_pages && !bad && n < 5000) {
		bad += h_alloc(&h, 0);
		n++;
	}
	bad += h_alloc(&h, 0);		/* must fail, and the model agrees */
	ok(bad == 0 && n == 4890 && h.nr_allocs == 4890 && h_check(&h) == 0,
	   "order 0 until empty: 4890 distinct pages, then NULL");
	bad += h_free_all(&h);
	ok(bad == 0 && h_check(&h) == 0 && same_blocks(a, na, b, h_snapshot(&h, b)),
	   "freeing them all gives back exactly the initial blocks");
	h_exit(&h);
	memmap_exit();
}

/* A corruption the checker must report, and be quiet once it is undone. */
static void test_checker(void)
{
	struct hzone h;
	struct zone *z = &h.zone;
	struct page *p;
	const char *report;
	int found[5];

	memmap_init(4096);
	h_init(&h, "Normal", ZONE_NORMAL, 0, 4096);
	h_add_range(&h, 0, 4096);

	capture_begin();
	z->free_area[3].nr_free++;
	found[0] = buddy_check_zone(z);
	z->free_area[3].nr_free--;
	z->free_pages--;
	found[1] = buddy_check_zone(z);
	z->free_pages++;
	p = pfn_to_page(1024);
	ClearPageBuddy(p);
	found[2] = buddy_check_zone(z);
	SetPageBuddy(p);
	SetPageBuddy(p + 16);			/* a second head inside the block */
	p[16].private = 4;
	found[3] = buddy_check_zone(z);
	ClearPageBuddy(p + 16);
	p[16].private = 0;
	/* Split an order-10 block by hand into two unmerged order-9 halves. */
	list_del(&p->lru);
	z->free_area[10].nr_free--;
	set_page_order(p, 9);
	set_page_order(p + 512, 9);
	list_add(&p->lru, &z->free_area[9].free_list);
	list_add(&p[512].lru, &z->free_area[9].free_list);
	z->free_area[9].nr_free += 2;
	found[4] = buddy_check_zone(z);
	report = capture_end();
	ok(found[0] && found[1] && found[2] && found[3] && found[4],
	   "buddy_check_zone reports nr_free, free_pages, PageBuddy, overlap, unmerged");
	print_as_diag(report);
	list_del(&p->lru);
	list_del(&p[512].lru);
	z->free_area[9].nr_free -= 2;
	rmv_page_order(p + 512);
	set_page_order(p, 10);
	list_add(&p->lru, &z->free_area[10].free_list);
	z->free_area[10].nr_free++;
	ok(h_check(&h) == 0, "and finds nothing once the zone is repaired");
	h_exit(&h);
	memmap_exit();
}

static void test_bad_frees(void)
{
	struct hzone h;
	unsigned int kind, i;

	memmap_init(3000);
	h_init(&h, "Normal", ZONE_NORMAL, 5, 3000);
	h_add_range(&h, 5, 1500);
	h_add_range(&h, 1600, 3000);
	for (i = 0; i < 40; i++)
		h_alloc(&h, i % 5);
	h_free(&h, 7, 0);
	for (kind = 0; kind < NR_BAD_FREES; kind++) {
		int bad = 0;

		for (i = 0; i < 10; i++) {
			bad += h_bad_free(&h, kind, rnd());
			bad += h_check(&h);
		}
		ok(bad == 0, "%s: refused, reported, lists unchanged",
		   bad_free_names[kind]);
		printf("#   %s\n", h.report);
	}
	h_exit(&h);
	memmap_exit();
}

/* Mostly small orders, now and then up to MAX_ORDER - 1. */
static unsigned int random_order(void)
{
	unsigned long r = rnd() % 100;

	if (r < 50)
		return rnd() % 3;
	if (r < 85)
		return 3 + rnd() % 4;
	return 7 + rnd() % 4;
}

/* Random steps on a set of zones; returns 0 or the first step's problems. */
static int run_steps(struct hzone *hz, int nr_zones, int steps)
{
	int step;

	for (step = 0; step < steps; step++) {
		struct hzone *h = &hz[rnd() % nr_zones];
		/* Phases of filling and draining reach both full and empty. */
		unsigned long p_alloc = (step / 400) % 2 ? 30 : 75;
		unsigned long r = rnd() % 100;
		int bad;

		if (r < 4)
			bad = h_bad_free(h, rnd() % NR_BAD_FREES, rnd());
		else if (r < 4 + p_alloc)
			bad = h_alloc(h, random_order());
		else
			bad = h_free(h, rnd(), rnd());
		bad += h_check(h);
		if (bad) {
			printf("# step %d: %d problems\n", step, bad);
			return bad;
		}
	}
	return 0;
}

static void print_stats(const struct hzone *h)
{
	printf("#   %s: %lu allocations, %lu refused, %lu blocks freed, %lu bad frees caught\n",
	       h->zone.name, h->nr_alloc_ok, h->nr_alloc_fail, h->nr_freed, h->nr_bad);
}

/* A zone with an unaligned span, reserved holes, ranges added in pieces. */
static void test_random(unsigned long seed)
{
	unsigned long start, end, pfn, na, nb, *a, *b;
	unsigned char *hole;
	int holes, bad = 0, i;
	struct hzone h;

	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	start = rnd() % 2500;
	end = start + 1500 + rnd() % 5000;
	memmap_init(end);		/* mem_map ends with the zone */
	h_init(&h, "Normal", ZONE_NORMAL, start, end);
	hole = calloc(end, 1);
	holes = rnd() % 7;
	for (i = 0; i < holes; i++) {
		unsigned long at = start + rnd() % (end - start);
		unsigned long len = 1 + rnd() % 200;

		for (pfn = at; pfn < at + len && pfn < end; pfn++)
			hole[pfn] = 1;
	}
	/* Add the runs between holes, each cut at random points. */
	for (pfn = start; pfn < end;) {
		unsigned long stop = pfn + 1;

		if (hole[pfn]) {
			pfn++;
			continue;
		}
		while (stop < end && !hole[stop] && rnd() % 700)
			stop++;
		bad += h_add_range(&h, pfn, stop);
		pfn = stop;
	}
	h.zone.present_pages = h.zone.managed_pages;

	a = calloc(end - start, sizeof(*a));
	b = calloc(end - start, sizeof(*b));
	na = h_snapshot(&h, a);
	bad += h_check(&h);
	if (!bad)
		bad = run_steps(&h, 1, STEPS);
	if (!bad)
		bad = h_free_all(&h) + h_check(&h);
	nb = h_snapshot(&h, b);
	ok(!bad && same_blocks(a, na, b, nb),
	   "seed %lu: zone [%#lx, %#lx), %d holes, %lu pages: %d random steps",
	   seed, start, end, holes, h.zone.managed_pages, STEPS);
	print_stats(&h);
	free(a);
	free(b);
	free(hole);
	h_exit(&h);
	memmap_exit();
}

/* DMA and Normal side by side, their boundary inside a would-be block. */
static void test_two_zones(void)
{
	struct hzone hz[2];
	unsigned long a[8192], b[8192], na, nb;
	int bad;

	rng_state = 42;
	memmap_init(9001);
	h_init(&hz[0], "DMA", ZONE_DMA, 0, 4000);
	h_init(&hz[1], "Normal", ZONE_NORMAL, 4000, 9001);
	bad = h_add_range(&hz[0], 1, 4000) + h_add_range(&hz[1], 4000, 9001);
	ok(!bad && listed(&hz[1].zone, 4000, 5) && listed(&hz[0].zone, 3968, 5) &&
	   h_check(&hz[0]) == 0 && h_check(&hz[1]) == 0,
	   "no merging across a zone boundary (3968/5 and 4000/5 stay apart)");
	na = h_snapshot(&hz[1], a);
	bad = run_steps(hz, 2, 4000);
	bad += h_free_all(&hz[0]) + h_free_all(&hz[1]);
	bad += h_check(&hz[0]) + h_check(&hz[1]);
	nb = h_snapshot(&hz[1], b);
	ok(!bad && same_blocks(a, na, b, nb), "two zones in one mem_map: 4000 random steps");
	print_stats(&hz[0]);
	print_stats(&hz[1]);
	h_exit(&hz[0]);
	h_exit(&hz[1]);
	memmap_exit();
}

int main(void)
{
	unsigned long seed;

	rng_state = 1;
	test_struct_page();
	test_gfp();
	test_add_range();
	test_split_merge();
	test_exhaust();
	test_checker();
	test_bad_frees();
	for (seed = 1; seed <= SEEDS; seed++)
		test_random(seed);
	test_two_zones();
	return tap_done();
}
