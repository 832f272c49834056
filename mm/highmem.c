/*
 * kmap_atomic: map any page, highmem or not, at a fixmap slot for a short
 * while. Slots are used as a stack (the newest mapping is undone first),
 * so no slot bookkeeping is needed and nothing can sleep in between.
 * A lowmem page needs no mapping: its direct-map address is returned.
 */
#include "arch/io.h"
#include "bug.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "string.h"

static int kmap_atomic_idx;     /* slots in use (one CPU) */

int kmap_atomic_depth(void)
{
	return kmap_atomic_idx;
}

void *kmap_atomic(struct page *page)
{
	unsigned int idx;
	unsigned long vaddr;

	if (!PageHighMem(page))
		return page_address(page);
	if (kmap_atomic_idx >= KM_TYPE_NR)
		panic("kmap_atomic: all %d slots in use (a kunmap_atomic is missing)", KM_TYPE_NR);
	idx = FIX_KMAP_BEGIN + (unsigned int)kmap_atomic_idx++;
	vaddr = fix_to_virt(idx);
	set_pte(lookup_kernel_pte(vaddr), pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	return (void *)vaddr;
}

void kunmap_atomic(void *addr)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;
	unsigned int idx, top;

	if (vaddr < fix_to_virt(FIX_KMAP_END) || vaddr > fix_to_virt(FIX_KMAP_BEGIN))
		return;         /* a lowmem page: nothing was mapped */
	idx = virt_to_fix(vaddr);
	top = FIX_KMAP_BEGIN + (unsigned int)kmap_atomic_idx - 1;
	if (kmap_atomic_idx == 0 || idx != top)
		panic("kunmap_atomic(%p): slot %u is not the newest mapping (slot %u, depth %d)",
		      addr, idx, top, kmap_atomic_idx);
	pte_clear(lookup_kernel_pte(vaddr));
	__flush_tlb_one(vaddr);
	kmap_atomic_idx--;
}

void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}
