/*
 * memblock: the boot-time allocator. Before struct page exists there is
 * nothing to hand out pages with, yet the page tables and mem_map need
 * memory. memblock keeps two lists of physical ranges: memory (all RAM)
 * and reserved (in use). memblock_alloc() carves from RAM that is not
 * reserved, from the top down, and reserves what it took. At the end of
 * boot memblock_free_all() gives every unreserved page to the buddy
 * allocator and memblock retires.
 */
#ifndef PAGODA_MM_MEMBLOCK_H
#define PAGODA_MM_MEMBLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t phys_addr_t;

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base, size;
	const char *name;       /* what reserved it: shown at boot and in tests */
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory, reserved;
	phys_addr_t current_limit;      /* allocate only below this: mapped memory */
	bool retired;
};

extern struct memblock memblock;

void memblock_add(phys_addr_t base, phys_addr_t size);
void memblock_reserve(phys_addr_t base, phys_addr_t size, const char *name);
/* Aligned, zeroed, below current_limit; panics when memory runs out (boot cannot go on). */
void *memblock_alloc(phys_addr_t size, phys_addr_t align, const char *name);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align, const char *name);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_memory(phys_addr_t addr);
phys_addr_t memblock_reserved_size(void);
void memblock_dump(void);

/* Call fn for each [start_pfn, end_pfn) of RAM not reserved, below max_pfn. */
void memblock_for_each_free_range(unsigned long max_pfn,
				  void (*fn)(unsigned long start_pfn, unsigned long end_pfn));

#endif
