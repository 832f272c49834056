/*
 * Linux's nearest is arch/x86/mm/dump_pagetables.c; a page-table walk is per-architecture, so arch/i386/mm/.
 *
 * pgwalk: print how the MMU translates a virtual address, level by
 * level, with every flag decoded. The monitor and the tests use it; GDB's
 * pg-walk does the same from outside.
 */
#include "asm/pgtable.h"
#include "linux/printk.h"

static void print_flags(unsigned long e)
{
	kprintf("%s %s %s%s%s%s%s%s",
		e & _PAGE_PRESENT ? "P" : "-", e & _PAGE_RW ? "RW" : "RO", e & _PAGE_USER ? "U" : "S",
		e & _PAGE_ACCESSED ? " A" : "", e & _PAGE_DIRTY ? " D" : "", e & _PAGE_PSE ? " PSE" : "",
		e & _PAGE_GLOBAL ? " G" : "", e & _PAGE_PCD ? " PCD" : "");
}

void pgwalk(pgd_t *pgd, unsigned long addr)
{
	pgd_t pde = pgd[pgd_index(addr)];
	pte_t pte;

	kprintf("pgwalk %#010lx: pgd %#010lx, index %u (bits 31-22), %u (bits 21-12), offset %#lx\n",
		addr, __pa(pgd), pgd_index(addr), pte_index(addr), addr & 0xFFF);
	kprintf("  pde[%4u] = %08lx  ", pgd_index(addr), (unsigned long)pde);
	print_flags(pde);
	kprintf("\n");
	/* LAB 1: BEGIN SOLUTION */
	if (!pgd_present(pde)) {
		kprintf("  not mapped: no page table\n");
		return;
	}
	if (pgd_large(pde)) {
		kprintf("  4 MiB page: phys %#010lx\n", (pde & PGDIR_MASK) | (addr & ~PGDIR_MASK));
		return;
	}
	pte = *pte_offset_kernel(&pde, addr);
	kprintf("  pte[%4u] = %08lx  ", pte_index(addr), (unsigned long)pte);
	print_flags(pte);
	kprintf("\n");
	if (!pte_present(pte)) {
		kprintf("  not mapped: PTE not present\n");
		return;
	}
	kprintf("  phys %#010lx (pfn %#lx)\n", (pte_pfn(pte) << 12) | (addr & 0xFFF), pte_pfn(pte));
	/* LAB 1: END SOLUTION */
}
