/*
 * Host tests of mm/watermark.c against numbers worked out by hand from
 * Linux 2.6.32's formulas (the arithmetic is in the comments), for four
 * i386 machines, and the edges of zone_watermark_ok().
 *
 * Present pages are given explicitly, like a BIOS map would leave them:
 * DMA loses the 640 KiB - 1 MiB hole (96 pages) and page 0x9f, so 3999
 * of its 4096 pages are present (1951 of 2048 on the 8 MiB machine).
 */
#include <string.h>
#include "linux/page.h"
#include "linux/watermark.h"
#include "tap.h"

struct machine {
	const char *name;
	unsigned long present[MAX_NR_ZONES];
	unsigned long min_free_kbytes;
	unsigned long wmark[MAX_NR_ZONES][NR_WMARK];	/* min, low, high */
	unsigned long reserve[MAX_NR_ZONES][MAX_NR_ZONES];
	int batch[MAX_NR_ZONES];
};

static const struct machine machines[] = {
	{
		/*
		 * lowmem 1951 pages = 7804 KiB; sqrt(7804 * 16 = 124864) = 353.4
		 * pages_min = 353 / 4 = 88; DMA tmp = 88 * 1951 / 1951 = 88
		 * Normal is empty; an empty HighMem still gets the floor of 32.
		 */
		"8 MiB", { 1951, 0, 0 }, 353,
		{ { 88, 110, 132 }, { 0, 0, 0 }, { 32, 32, 32 } },
		{ { 0 } },
		{ 0, 0, 0 },
	},
	{
		/*
		 * lowmem 3999 + 12272 = 16271 pages = 65084 KiB
		 * sqrt(1041344) = 1020.5; pages_min = 255
		 * DMA tmp = 255 * 3999 / 16271 = 62; low 62 + 15, high 62 + 31
		 * Normal tmp = 255 * 12272 / 16271 = 192; low +48, high +96
		 * DMA reserve for Normal and HighMem: 12272 / 256 = 47
		 * Normal batch: 12272 / 1024 = 11, / 4 = 2, rounddown(3) - 1 = 1
		 */
		"64 MiB", { 3999, 12272, 0 }, 1020,
		{ { 62, 77, 93 }, { 192, 240, 288 }, { 32, 32, 32 } },
		{ { 0, 47, 47 }, { 0, 0, 0 }, { 0, 0, 0 } },
		{ 0, 1, 0 },
	},
	{
		/*
		 * DMA 16 MiB, Normal 880 MiB (225280 pages), HighMem 128 MiB less
		 * 64 KiB of ACPI tables (32752 pages).
		 * lowmem 229279 pages = 917116 KiB; sqrt(14673856) = 3830.7
		 * (a 2.6 i386 box with all 896 MiB present shows 3831:
		 * sqrt(917504 * 16) = 3831.4); pages_min = 957
		 * DMA tmp = 957 * 3999 / 229279 = 16
		 * Normal tmp = 957 * 225280 / 229279 = 940
		 * HighMem tmp = 957 * 32752 / 229279 = 136; min = 32752 / 1024
		 * = 31, raised to 32; low = 32 + 34, high = 32 + 68
		 * Reserves: Normal[HighMem] = 32752 / 32 = 1023;
		 * DMA[Normal] = 225280 / 256 = 880;
		 * DMA[HighMem] = (225280 + 32752) / 256 = 1007
		 * Batches: Normal capped at 128 pages, / 4 = 32, rounddown(48) - 1
		 * = 31; HighMem 31 / 4 = 7, rounddown(10) - 1 = 7
		 */
		"1 GiB", { 3999, 225280, 32752 }, 3830,
		{ { 16, 20, 24 }, { 940, 1175, 1410 }, { 32, 66, 100 } },
		{ { 0, 880, 1007 }, { 0, 0, 1023 }, { 0, 0, 0 } },
		{ 0, 31, 7 },
	},
	{
		/*
		 * Lowmem as at 1 GiB; HighMem up to 0xdfff0000: 688112 pages.
		 * HighMem tmp = 957 * 688112 / 229279 = 2872; min 671 capped at
		 * 128; low = 128 + 718, high = 128 + 1436
		 * Normal[HighMem] = 688112 / 32 = 21503;
		 * DMA[HighMem] = (225280 + 688112) / 256 = 3567
		 */
		"3.5 GiB", { 3999, 225280, 688112 }, 3830,
		{ { 16, 20, 24 }, { 940, 1175, 1410 }, { 128, 846, 1564 } },
		{ { 0, 880, 3567 }, { 0, 0, 21503 }, { 0, 0, 0 } },
		{ 0, 31, 31 },
	},
};

static void test_int_sqrt(void)
{
	unsigned long k;
	bool exact = true;

	for (k = 1; k < 70000 && k < 1UL << (sizeof(long) * 4); k++)
		exact &= int_sqrt(k * k) == k && int_sqrt(k * k - 1) == k - 1 &&
			 int_sqrt(k * k + 2 * k) == k;
	ok(exact && int_sqrt(0) == 0 && int_sqrt(~0UL) == (1UL << (sizeof(long) * 4)) - 1,
	   "int_sqrt is floor(sqrt) at and around every square below 70000^2, and at ULONG_MAX");
}

static void test_min_free_kbytes(void)
{
	/* Linux's own table in mm/page_alloc.c: 16 MB 512k, 64 MB 1024k, 1 GB 4096k */
	ok(calculate_min_free_kbytes(16384) == 512 &&
	   calculate_min_free_kbytes(65536) == 1024 &&
	   calculate_min_free_kbytes(1048576) == 4096,
	   "min_free_kbytes: 16 MiB 512, 64 MiB 1024, 1 GiB 4096 (Linux's table)");
	ok(calculate_min_free_kbytes(917504) == 3831,
	   "min_free_kbytes: 896 MiB lowmem gives 3831, as a 2.6 i386 box reports");
	ok(calculate_min_free_kbytes(512) == 128 && calculate_min_free_kbytes(0) == 128 &&
	   calculate_min_free_kbytes(4096) == 256,
	   "min_free_kbytes: at least 128 (512 KiB of lowmem gives sqrt 90)");
	if (sizeof(long) > 4)
		ok(calculate_min_free_kbytes(300UL << 20) == 65536,
		   "min_free_kbytes: at most 65536 (300 GiB would give 70945)");
}

static void setup_machine(const struct machine *m, struct zone *zones)
{
	static const char *const names[] = { "DMA", "Normal", "HighMem" };
	int i;

	memset(zones, 0, MAX_NR_ZONES * sizeof(*zones));
	for (i = 0; i < MAX_NR_ZONES; i++) {
		zones[i].name = names[i];
		zones[i].idx = (enum zone_type)i;
		zones[i].present_pages = m->present[i];
	}
}

static void test_machine(const struct machine *m)
{
	struct zone zones[MAX_NR_ZONES];
	unsigned long lowmem_kb = (m->present[0] + m->present[1]) << (PAGE_SHIFT - 10);
	unsigned long mfk = calculate_min_free_kbytes(lowmem_kb);
	bool wm = true, res = true, batch = true;
	int i, j;

	setup_machine(m, zones);
	setup_per_zone_wmarks(zones, MAX_NR_ZONES, mfk);
	setup_per_zone_lowmem_reserve(zones, MAX_NR_ZONES);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct per_cpu_pages pcp;
		int b = zone_batchsize(zones[i].present_pages);

		setup_pageset(&pcp, b);
		for (j = 0; j < NR_WMARK; j++)
			wm &= zones[i].watermark[j] == m->wmark[i][j];
		for (j = 0; j < MAX_NR_ZONES; j++)
			res &= zones[i].lowmem_reserve[j] == m->reserve[i][j];
		batch &= b == m->batch[i] && pcp.high == 6 * b &&
			 pcp.batch == (b ? b : 1) && pcp.count == 0;
		printf("#   %-7s present %6lu  min %4lu low %4lu high %4lu  protection: (%lu, %lu, %lu)  high %3d batch %2d\n",
		       zones[i].name, zones[i].present_pages, min_wmark_pages(&zones[i]),
		       low_wmark_pages(&zones[i]), high_wmark_pages(&zones[i]),
		       zones[i].lowmem_reserve[0], zones[i].lowmem_reserve[1],
		       zones[i].lowmem_reserve[2], pcp.high, pcp.batch);
	}
	ok(mfk == m->min_free_kbytes, "%s: min_free_kbytes %lu", m->name, mfk);
	ok(wm, "%s: min/low/high watermarks", m->name);
	ok(res, "%s: lowmem_reserve (protection)", m->name);
	ok(batch, "%s: pcp batch and high", m->name);
}

/*
 * The largest default, min_free_kbytes 65536 (pages_min 16384), on the
 * 3.5 GiB machine: 16384 * 688112 = 11274027008 does not fit 32 bits.
 * HighMem tmp = 11274027008 / 229279 = 49171: low 128 + 12292,
 * high 128 + 24585. Normal tmp = 16384 * 225280 / 229279 = 16098.
 */
static void test_wmarks_32bit(void)
{
	struct zone zones[MAX_NR_ZONES];

	setup_machine(&machines[3], zones);
	setup_per_zone_wmarks(zones, MAX_NR_ZONES, 65536);
	ok(min_wmark_pages(&zones[2]) == 128 && low_wmark_pages(&zones[2]) == 12420 &&
	   high_wmark_pages(&zones[2]) == 24713 && min_wmark_pages(&zones[1]) == 16098 &&
	   low_wmark_pages(&zones[1]) == 16098 + 4024 && min_wmark_pages(&zones[0]) == 285,
	   "min_free_kbytes 65536 on 3.5 GiB: exact though pages_min * present > 2^32");
}

/* HighMem min: present / 1024, no less than 32 and no more than 128. */
static void test_highmem_min(void)
{
	static const unsigned long present[] = { 0, 40960, 131072, 204800 };
	static const unsigned long want[] = { 32, 40, 128, 128 };
	struct zone zones[MAX_NR_ZONES];
	bool pass = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(present); i++) {
		setup_machine(&machines[2], zones);
		zones[ZONE_HIGHMEM].present_pages = present[i];
		setup_per_zone_wmarks(zones, MAX_NR_ZONES, 3830);
		pass &= min_wmark_pages(&zones[ZONE_HIGHMEM]) == want[i];
	}
	ok(pass, "HighMem min: 0 -> 32, 160 MiB -> 40, 512 MiB -> 128, 800 MiB -> 128");
}

static void test_batchsize(void)
{
	ok(zone_batchsize(0) == 0 && zone_batchsize(4096) == 0 &&
	   zone_batchsize(8192) == 1 && zone_batchsize(16384) == 3 &&
	   zone_batchsize(32768) == 7 && zone_batchsize(65536) == 15,
	   "zone_batchsize: 2^n - 1 steps for 16 .. 256 MiB zones");
	ok(zone_batchsize(131072) == 31 && zone_batchsize(1UL << 20) == 31,
	   "zone_batchsize: a zone of 512 MiB or more gets 31 (high 186)");
}

/*
 * free_pages 100: 40 blocks of order 0, 10 of order 1, 10 of order 2;
 * an allocation for HighMem (classzone 2) must leave 20 pages behind.
 */
static void free_zone(struct zone *z)
{
	memset(z, 0, sizeof(*z));
	z->name = "Normal";
	z->idx = ZONE_NORMAL;
	z->free_pages = 100;
	z->free_area[0].nr_free = 40;
	z->free_area[1].nr_free = 10;
	z->free_area[2].nr_free = 10;
	z->lowmem_reserve[ZONE_HIGHMEM] = 20;
}

static void test_watermark_ok(void)
{
	struct zone z;

	free_zone(&z);
	ok(zone_watermark_ok(&z, 0, 99, ZONE_NORMAL, ALLOC_WMARK_LOW) &&
	   !zone_watermark_ok(&z, 0, 100, ZONE_NORMAL, ALLOC_WMARK_LOW),
	   "order 0 needs free > mark: 100 free passes mark 99, not mark 100");
	ok(zone_watermark_ok(&z, 0, 79, ZONE_HIGHMEM, 0) &&
	   !zone_watermark_ok(&z, 0, 80, ZONE_HIGHMEM, 0),
	   "lowmem_reserve[classzone] adds to the mark (20 for HighMem requests)");
	ok(zone_watermark_ok(&z, 0, 198, ZONE_NORMAL, ALLOC_HIGH) &&
	   !zone_watermark_ok(&z, 0, 199, ZONE_NORMAL, ALLOC_HIGH),
	   "ALLOC_HIGH: min - min/2 (199 -> 100 fails, 198 -> 99 passes)");
	ok(zone_watermark_ok(&z, 0, 132, ZONE_NORMAL, ALLOC_HARDER) &&
	   !zone_watermark_ok(&z, 0, 133, ZONE_NORMAL, ALLOC_HARDER),
	   "ALLOC_HARDER: min - min/4 (133 -> 100 fails, 132 -> 99 passes)");
	ok(zone_watermark_ok(&z, 0, 264, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER) &&
	   !zone_watermark_ok(&z, 0, 265, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER),
	   "GFP_ATOMIC's HIGH | HARDER: 265 -> 133 -> 100 fails, 264 -> 132 -> 99 passes");
	/* order 2: 97 > 10; minus 40 order-0 pages 57 > 5; minus 20 more 37 > 2 */
	ok(zone_watermark_ok(&z, 2, 10, ZONE_NORMAL, 0),
	   "order 2 passes when enough pages sit in blocks of order >= 2");
	/*
	 * 20 order-0, 30 order-1 (60 pages), 5 order-2 (20 pages). Order 2,
	 * mark 67: 97 > 67; 77 > 33; 17 > 16 passes. Mark 68: 17 <= 17 fails.
	 */
	z.free_area[0].nr_free = 20;
	z.free_area[1].nr_free = 30;
	z.free_area[2].nr_free = 5;
	ok(zone_watermark_ok(&z, 2, 67, ZONE_NORMAL, 0) &&
	   !zone_watermark_ok(&z, 2, 68, ZONE_NORMAL, 0),
	   "each lower order subtracted halves min: order 2 passes mark 67, fails 68");
	z.free_area[0].nr_free = 100;
	z.free_area[1].nr_free = z.free_area[2].nr_free = 0;
	/* order 1: 99 > 10, but without the 100 order-0 pages -1 <= 5 */
	ok(!zone_watermark_ok(&z, 1, 10, ZONE_NORMAL, 0) &&
	   zone_watermark_ok(&z, 0, 10, ZONE_NORMAL, 0),
	   "100 free pages all of order 0: order 0 passes, order 1 fails");
	z.free_pages = z.free_area[0].nr_free = 5;
	/* 5 - 1024 + 1 < 0: must compare signed */
	ok(!zone_watermark_ok(&z, MAX_ORDER - 1, 0, ZONE_NORMAL, ALLOC_HIGH),
	   "order 10 from 5 free pages fails even at mark 0 (free goes negative)");
	z.free_pages = z.free_area[0].nr_free = 0;
	ok(!zone_watermark_ok(&z, 0, 0, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER),
	   "an empty zone never passes");
	z.free_pages = z.free_area[0].nr_free = 1;
	ok(zone_watermark_ok(&z, 0, 0, ZONE_NORMAL, 0), "one free page passes mark 0");
}

int main(void)
{
	size_t i;

	test_int_sqrt();
	test_min_free_kbytes();
	for (i = 0; i < ARRAY_SIZE(machines); i++)
		test_machine(&machines[i]);
	test_wmarks_32bit();
	test_highmem_min();
	test_batchsize();
	test_watermark_ok();
	return tap_done();
}
