/*
 * e820_sanitize and e820_remove_range against hand-made memory maps:
 * unsorted, overlapping, empty, above 4 GiB, wrapping. After sanitising,
 * the map must be sorted, disjoint, merged, below 4 GiB, and every byte
 * must have the largest type any input entry gave it (checked against a
 * brute-force model on a small address grid).
 */
#include <stdlib.h>
#include <string.h>
#include "asm/e820.h"
#include "tap.h"

static struct e820_map m;

static void reset(void)
{
	memset(&m, 0, sizeof(m));
}

static void add(uint64_t addr, uint64_t size, uint32_t type)
{
	e820_add_region(&m, addr, size, type);
}

static bool well_formed(const struct e820_map *map)
{
	for (int i = 0; i < map->nr; i++) {
		const struct e820_entry *e = &map->map[i];

		if (e->size == 0 || e->addr + e->size > MAX_PHYS_ADDR)
			return false;
		if (i > 0) {
			const struct e820_entry *p = &map->map[i - 1];

			if (p->addr + p->size > e->addr)
				return false;           /* overlap or unsorted */
			if (p->addr + p->size == e->addr && p->type == e->type)
				return false;           /* should have merged */
		}
	}
	return true;
}

static uint32_t type_at(const struct e820_map *map, uint64_t addr)
{
	for (int i = 0; i < map->nr; i++)
		if (addr >= map->map[i].addr && addr < map->map[i].addr + map->map[i].size)
			return map->map[i].type;
	return 0;
}

static void sorts_and_merges(void)
{
	reset();
	add(0x100000, 0x100000, E820_RAM);
	add(0, 0x9fc00, E820_RAM);
	add(0x200000, 0x100000, E820_RAM);     /* adjacent to the first: merges */
	add(0x9fc00, 0x400, E820_RESERVED);
	e820_sanitize(&m);
	ok(m.nr == 3 && well_formed(&m), "unsorted adjacent entries sort and merge (nr=%d)", m.nr);
	ok(m.map[2].addr == 0x100000 && m.map[2].size == 0x200000, "merged RAM is 1-3 MiB");
}

static void reserved_wins_over_ram(void)
{
	reset();
	add(0, 0x1000000, E820_RAM);
	add(0x800000, 0x1000, E820_RESERVED);
	e820_sanitize(&m);
	ok(m.nr == 3 && well_formed(&m), "a reserved hole splits RAM in three");
	ok(type_at(&m, 0x800000) == E820_RESERVED && type_at(&m, 0x801000) == E820_RAM &&
	   type_at(&m, 0x7ff000) == E820_RAM, "the hole is reserved, both sides usable");
}

static void drops_empty_and_high(void)
{
	reset();
	add(0x1000, 0, E820_RAM);
	add(0x100000000ULL, 0x20000000, E820_RAM);     /* all above 4 GiB */
	add(0xfff00000, 0x200000, E820_RAM);           /* crosses 4 GiB */
	add(0xffffffffffff0000ULL, 0x20000, E820_RAM); /* wraps around */
	add(0, 0x9f000, E820_RAM);
	e820_sanitize(&m);
	ok(well_formed(&m) && m.nr == 2, "empty, above-4GiB and wrapping entries dropped or clipped (nr=%d)", m.nr);
	ok(m.map[1].addr == 0xfff00000 && m.map[1].size == 0x100000, "entry crossing 4 GiB clipped at 4 GiB");
	ok(e820_end_of_ram_pfn(&m) == 0x100000, "end of RAM pfn is 0x100000");
}

static void remove_range_for_mem_limit(void)
{
	reset();
	add(0, 0x9fc00, E820_RAM);
	add(0x100000, 0x3ff00000, E820_RAM);
	add(0x3fff0000, 0x10000, E820_RESERVED);
	e820_sanitize(&m);
	e820_remove_range(&m, 0x2000000, MAX_PHYS_ADDR - 0x2000000, E820_RAM);
	ok(well_formed(&m), "mem=32M leaves a well-formed map");
	ok(e820_end_of_ram_pfn(&m) == 0x2000, "mem=32M: RAM ends at 32 MiB");
	ok(type_at(&m, 0x3fff0000) == E820_RESERVED, "mem= keeps reserved entries");
	e820_remove_range(&m, 0x10000, 0x1000, E820_RAM);
	ok(well_formed(&m) && type_at(&m, 0x10000) == 0 && type_at(&m, 0x11000) == E820_RAM &&
	   type_at(&m, 0xf000) == E820_RAM, "removing from the middle splits an entry");
}

/* Random maps on a 64-slot grid of 4 KiB cells, checked against a brute-force model. */
static void random_maps_match_model(void)
{
	bool all = true;

	srand(820);
	for (int round = 0; round < 5000 && all; round++) {
		uint32_t model[64] = { 0 };
		int n = 1 + rand() % 12;

		reset();
		for (int i = 0; i < n; i++) {
			int start = rand() % 64, len = rand() % 16;
			uint32_t type = 1 + (uint32_t)(rand() % 5);

			add((uint64_t)start * 4096, (uint64_t)len * 4096, type);
			for (int c = start; c < start + len && c < 64; c++)
				if (type > model[c])
					model[c] = type;
		}
		e820_sanitize(&m);
		all = well_formed(&m);
		for (int c = 0; c < 64 && all; c++)
			all = type_at(&m, (uint64_t)c * 4096) == model[c];
		if (!all)
			printf("# mismatch in round %d\n", round);
	}
	ok(all, "5000 random maps: sanitised map equals the max-type model");
}

int main(void)
{
	sorts_and_merges();
	reserved_wins_over_ram();
	drops_empty_and_high();
	remove_range_for_mem_limit();
	random_maps_match_model();
	return tap_done();
}
