/*
 * memblock: sorted, non-overlapping region arrays with a top-down
 * allocator. Small and slow on purpose: it runs a few dozen times at boot.
 */
#include "asm/page.h"
#include "linux/bug.h"
#include "linux/memblock.h"
#include "linux/page.h"
#include "linux/printk.h"
#include "linux/string.h"

struct memblock memblock;

/* Insert [base, base+size) into a sorted array, merging overlaps and neighbours. */
static void memblock_insert(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
			    const char *name)
{
	phys_addr_t end = base + size;
	int i = 0, j;

	if (!size)
		return;
	while (i < type->cnt && type->regions[i].base + type->regions[i].size < base)
		i++;
	/* regions i..j-1 touch or overlap the new one: fold them in */
	for (j = i; j < type->cnt && type->regions[j].base <= end; j++) {
		struct memblock_region *r = &type->regions[j];

		if (r->base < base)
			base = r->base;
		if (r->base + r->size > end)
			end = r->base + r->size;
		if (j == i && r->name)
			name = r->name;         /* keep the first owner's name */
	}
	if (j == i) {           /* nothing merged: open a slot */
		BUG_ON(type->cnt == MEMBLOCK_MAX_REGIONS);
		memmove(&type->regions[i + 1], &type->regions[i],
			(size_t)(type->cnt - i) * sizeof(type->regions[0]));
		type->cnt++;
	} else if (j > i + 1) { /* several merged into one: close the gap */
		memmove(&type->regions[i + 1], &type->regions[j],
			(size_t)(type->cnt - j) * sizeof(type->regions[0]));
		type->cnt -= j - i - 1;
	}
	type->regions[i] = (struct memblock_region){ base, end - base, name };
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_insert(&memblock.memory, base, size, "RAM");
}

void memblock_reserve(phys_addr_t base, phys_addr_t size, const char *name)
{
	BUG_ON(memblock.retired);
	memblock_insert(&memblock.reserved, base, size, name);
}

static bool type_contains(const struct memblock_type *type, phys_addr_t addr)
{
	for (int i = 0; i < type->cnt; i++)
		if (addr >= type->regions[i].base && addr - type->regions[i].base < type->regions[i].size)
			return true;
	return false;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return type_contains(&memblock.reserved, addr);
}

bool memblock_is_memory(phys_addr_t addr)
{
	return type_contains(&memblock.memory, addr);
}

phys_addr_t memblock_reserved_size(void)
{
	phys_addr_t total = 0;

	for (int i = 0; i < memblock.reserved.cnt; i++)
		total += memblock.reserved.regions[i].size;
	return total;
}

/* Lowest reserved region that overlaps [base, end), or NULL. */
static const struct memblock_region *first_overlap(phys_addr_t base, phys_addr_t end)
{
	for (int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < end && r->base + r->size > base)
			return r;
	}
	return NULL;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align, const char *name)
{
	BUG_ON(memblock.retired);
	size = ALIGN_UP(size, (phys_addr_t)PAGE_SIZE);
	/* Walk RAM regions from the top; in each, slide a candidate down
	 * below every reserved region it hits. */
	for (int i = memblock.memory.cnt - 1; i >= 0; i--) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		phys_addr_t top = m->base + m->size;

		if (top > memblock.current_limit)
			top = memblock.current_limit;
		while (top >= m->base + size) {
			phys_addr_t cand = ALIGN_DOWN(top - size, align);
			const struct memblock_region *r;

			if (cand < m->base)
				break;
			r = first_overlap(cand, cand + size);
			if (!r) {
				memblock_reserve(cand, size, name);
				return cand;
			}
			top = r->base;
		}
	}
	panic("memblock: cannot allocate %#llx bytes for %s below %#llx",
	      size, name, memblock.current_limit);
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align, const char *name)
{
	phys_addr_t pa = memblock_phys_alloc(size, align, name);
	void *va = __va((unsigned long)pa);

	memset(va, 0, (size_t)size);
	return va;
}

void memblock_for_each_free_range(unsigned long max_pfn,
				  void (*fn)(unsigned long start_pfn, unsigned long end_pfn))
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		/* only whole pages: round the start up and the end down */
		phys_addr_t pos = ALIGN_UP(m->base, (phys_addr_t)PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(m->base + m->size, (phys_addr_t)PAGE_SIZE);

		while (pos < end) {
			const struct memblock_region *r = first_overlap(pos, end);
			phys_addr_t stop = r ? ALIGN_DOWN(r->base, (phys_addr_t)PAGE_SIZE) : end;
			unsigned long s = (unsigned long)(pos >> 12), e;

			if (stop > pos) {
				e = (unsigned long)(stop >> 12);
				if (e > max_pfn)
					e = max_pfn;
				if (s < e)
					fn(s, e);
			}
			if (!r)
				break;
			pos = ALIGN_UP(r->base + r->size, (phys_addr_t)PAGE_SIZE);
		}
	}
}

void memblock_dump(void)
{
	printk(KERN_INFO "memblock: memory %d regions, reserved %d regions:\n",
	       memblock.memory.cnt, memblock.reserved.cnt);
	for (int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		printk(KERN_INFO "  reserved [mem %#010llx-%#010llx] %s\n",
		       r->base, r->base + r->size - 1, r->name ? r->name : "");
	}
}
