/*
 * The physical memory map, in the shape of the PC BIOS's e820 table (the
 * multiboot memory map carries the same entries). The boot loader's map
 * may overlap, be unsorted or reach above 4 GiB; e820_sanitize() makes it
 * a sorted list of disjoint ranges before anyone trusts it.
 */
#ifndef PAGODA_MM_E820_H
#define PAGODA_MM_E820_H

#include <stdint.h>

#define E820_MAX       128
#define E820_RAM       1
#define E820_RESERVED  2
#define E820_ACPI      3
#define E820_NVS       4
#define E820_UNUSABLE  5

/* Without PAE a 32-bit page table reaches 4 GiB of physical memory. */
#define MAX_PHYS_ADDR  (1ULL << 32)

/* unsigned long long, not unsigned long long: one printf format on host and target */
struct e820_entry {
	unsigned long long addr, size;
	uint32_t type;
};

struct e820_map {
	int nr;
	struct e820_entry map[E820_MAX];
};

extern struct e820_map e820;

/*
 * Sort, drop empty entries, clip everything to [0, MAX_PHYS_ADDR), and
 * resolve overlaps: where ranges overlap the larger type wins (reserved
 * beats usable, as in Linux). Adjacent ranges of one type merge.
 */
void e820_sanitize(struct e820_map *m);
void e820_add_region(struct e820_map *m, unsigned long long addr, unsigned long long size, uint32_t type);
/* Turn every part of [addr, addr+size) that has old_type into nothing. */
void e820_remove_range(struct e820_map *m, unsigned long long addr, unsigned long long size, uint32_t old_type);
/* Highest RAM page frame number + 1. */
unsigned long e820_end_of_ram_pfn(const struct e820_map *m);
void e820_print_map(const struct e820_map *m, const char *who);
const char *e820_type_name(uint32_t type);

#endif
