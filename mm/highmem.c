/*
 * Two ways to reach a page that has no permanent kernel address:
 *
 * kmap(): one of LAST_PKMAP persistent slots at PKMAP_BASE, shared and
 * counted. pkmap_count[i] is 0 (free), 1 (mapped, no users, but the TLB
 * may still hold the old translation) or n (n-1 users). Slots are handed
 * out round the ring; on wrapping to 0, every slot at 1 is cleared and
 * the TLB flushed once (flush_all_zero_pkmaps), which is far cheaper than
 * a flush per kunmap.
 *
 * kmap_atomic: map any page, highmem or not, at a fixmap slot for a short
 * while. Slots are used as a stack (the newest mapping is undone first),
 * so no slot bookkeeping is needed and nothing can sleep in between.
 * A lowmem page needs no mapping: its direct-map address is returned.
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/string.h"

BUILD_BUG_ON(PKMAP_BASE + LAST_PKMAP * 4096UL > FIXADDR_START);  /* pkmap below fixmap */

static int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];     /* Linux hashes page->vaddr; we scan */
static unsigned int last_pkmap_nr;
unsigned long pkmap_flushes;                    /* TLB flushes on wrap: tests read it */

#define PKMAP_ADDR(nr)  (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(addr)  (((addr) - PKMAP_BASE) >> PAGE_SHIFT)

static int kmap_atomic_idx;     /* slots in use (one CPU) */

static void flush_all_zero_pkmaps(void)
{
	/* LAB 3: BEGIN SOLUTION */
	for (int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pte_clear(lookup_kernel_pte(PKMAP_ADDR(i)));
		pkmap_page[i] = NULL;
	}
	__flush_tlb_all();      /* one flush for every slot cleared */
	pkmap_flushes++;
	/* LAB 3: END SOLUTION */
}

static int pkmap_slot_of(const struct page *page)
{
	for (int i = 0; i < LAST_PKMAP; i++)
		if (pkmap_page[i] == page && pkmap_count[i])
			return i;
	return -1;
}

/* The address only while someone holds a kmap: a slot at count 1 may vanish at the next wrap. */
void *kmap_page_address(const struct page *page)
{
	int slot = pkmap_slot_of(page);

	return slot < 0 || pkmap_count[slot] < 2 ? NULL : (void *)PKMAP_ADDR(slot);
}

/* A free slot, flushing stale ones on wrap; -1 when all are in use. */
static int map_new_virtual(struct page *page)
{
	/* LAB 3: BEGIN SOLUTION */
	for (int tries = 0; tries < 2 * LAST_PKMAP; tries++) {
		last_pkmap_nr = (last_pkmap_nr + 1) & (LAST_PKMAP - 1);
		if (last_pkmap_nr == 0)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr] == 0) {
			unsigned int nr = last_pkmap_nr;

			set_pte(lookup_kernel_pte(PKMAP_ADDR(nr)), pfn_pte(page_to_pfn(page), PAGE_KERNEL));
			pkmap_count[nr] = 1;
			pkmap_page[nr] = page;
			return (int)nr;
		}
	}
	return -1;
	/* LAB 3: END SOLUTION */
}

void *kmap(struct page *page)
{
	unsigned long flags;
	int slot;

	if (!PageHighMem(page))
		return page_address(page);
	flags = local_irq_save();
	slot = pkmap_slot_of(page);
	if (slot < 0)
		slot = map_new_virtual(page);
	if (slot >= 0)
		pkmap_count[slot]++;
	local_irq_restore(flags);
	if (slot < 0) {
		/* Linux sleeps until a kunmap frees a slot; there is no scheduler to sleep on yet. */
		printk(KERN_ERR "kmap: all %d pkmap slots are in use; returning NULL\n", LAST_PKMAP);
		return NULL;
	}
	return (void *)PKMAP_ADDR(slot);
}

void kunmap(struct page *page)
{
	unsigned long flags;
	int slot;

	if (!PageHighMem(page))
		return;
	flags = local_irq_save();
	slot = pkmap_slot_of(page);
	if (slot < 0 || pkmap_count[slot] < 2)
		panic("kunmap: page pfn %#lx is not kmapped", page_to_pfn(page));
	/* Down to 1, not 0: the slot stays mapped until the next wrap flushes it. */
	pkmap_count[slot]--;
	local_irq_restore(flags);
}

int pkmap_slot_count(int slot)
{
	return pkmap_count[slot];
}

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
