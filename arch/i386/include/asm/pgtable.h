/*
 * Two-level i386 page tables (no PAE): a linear address is
 * 10 bits of page-directory index, 10 bits of page-table index and a
 * 12-bit offset. Linux's names; the PMD level is folded away.
 */
#ifndef PAGODA_ARCH_PGTABLE_H
#define PAGODA_ARCH_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "asm/io.h"
#include "asm/page.h"

#define PGDIR_SHIFT   22
#define PGDIR_SIZE    (1UL << PGDIR_SHIFT)
#define PGDIR_MASK    (~(PGDIR_SIZE - 1))
#define PMD_MASK      PGDIR_MASK        /* folded: a PMD covers what a PGD entry does */
#define PTRS_PER_PGD  1024
#define PTRS_PER_PTE  1024
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE)
#define KERNEL_PGD_BOUNDARY (PAGE_OFFSET >> PGDIR_SHIFT)

/* Entry bits (Intel SDM vol. 3, 4.3) with Linux's names. */
#define _PAGE_PRESENT  0x001
#define _PAGE_RW       0x002
#define _PAGE_USER     0x004
#define _PAGE_PWT      0x008
#define _PAGE_PCD      0x010
#define _PAGE_ACCESSED 0x020
#define _PAGE_DIRTY    0x040
#define _PAGE_PSE      0x080
#define _PAGE_GLOBAL   0x100

/*
 * A PROT_NONE entry is not present but keeps its frame; Linux marks it
 * with the global bit, which means nothing in a non-present entry
 * (_PAGE_BIT_PROTNONE = _PAGE_BIT_GLOBAL), so that it can never be taken
 * for a swap entry (<linux/swapops.h>), whose offset starts above it.
 */
#define _PAGE_BIT_PRESENT  0
#define _PAGE_BIT_PROTNONE 8
#define _PAGE_PROTNONE _PAGE_GLOBAL

#define _PAGE_TABLE      (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define _KERNPG_TABLE    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define __PAGE_KERNEL    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define __PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED)
#define __PAGE_KERNEL_NOCACHE (__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)

typedef uint32_t pte_t;
typedef uint32_t pgd_t;
typedef uint32_t pgprot_t;

extern pgd_t *swapper_pg_dir;           /* the kernel's page directory (init_mm's) */
extern pgprot_t __supported_pte_mask;   /* _PAGE_GLOBAL when the CPU has PGE */

#define PAGE_KERNEL      (__PAGE_KERNEL | (__supported_pte_mask & _PAGE_GLOBAL))
#define PAGE_KERNEL_RO   (__PAGE_KERNEL_RO | (__supported_pte_mask & _PAGE_GLOBAL))
#define PAGE_KERNEL_NOCACHE (__PAGE_KERNEL_NOCACHE | (__supported_pte_mask & _PAGE_GLOBAL))

static inline unsigned int pgd_index(unsigned long addr) { return addr >> PGDIR_SHIFT; }
static inline unsigned int pte_index(unsigned long addr) { return (addr >> 12) & (PTRS_PER_PTE - 1); }
static inline pgd_t *pgd_offset(pgd_t *pgd, unsigned long addr) { return pgd + pgd_index(addr); }
static inline bool pgd_present(pgd_t e) { return e & _PAGE_PRESENT; }
static inline bool pgd_large(pgd_t e) { return e & _PAGE_PSE; }
static inline unsigned long pgd_page_paddr(pgd_t e) { return e & 0xFFFFF000UL; }
static inline bool pte_present(pte_t e) { return e & _PAGE_PRESENT; }
static inline bool pte_none(pte_t e) { return !e; }
/* The entry holds a frame: present, or PROT_NONE (Linux's pte_present, which counts _PAGE_PROTNONE too). */
static inline bool pte_maps_frame(pte_t e) { return e & (_PAGE_PRESENT | _PAGE_PROTNONE); }
/* Neither empty nor holding a frame: a swap entry (Linux's is_swap_pte). */
static inline bool is_swap_pte(pte_t e) { return !pte_none(e) && !pte_maps_frame(e); }
static inline bool pte_write(pte_t e) { return e & _PAGE_RW; }
static inline unsigned long pte_pfn(pte_t e) { return e >> 12; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot) { return (pte_t)(pfn << 12) | prot; }

/* The PTE for addr inside the (lowmem) page table the PGD entry points to. */
static inline pte_t *pte_offset_kernel(pgd_t *pgd_entry, unsigned long addr)
{
	return (pte_t *)__va(pgd_page_paddr(*pgd_entry)) + pte_index(addr);
}

static inline void set_pte(pte_t *ptep, pte_t pte) { *ptep = pte; }
static inline void pte_clear(pte_t *ptep) { *ptep = 0; }

static inline void __flush_tlb_one(unsigned long addr) { invlpg(addr); }
static inline void __flush_tlb(void) { write_cr3(read_cr3()); }  /* not global entries */
void __flush_tlb_all(void);     /* global entries too (toggles CR4.PGE) */

/* arch/i386/mm/init_32.c */
void paging_init(void);
/* The PTE mapping addr in the kernel page directory, or NULL when no page table covers it. */
pte_t *lookup_kernel_pte(unsigned long addr);
void pgwalk(pgd_t *pgd, unsigned long addr);

#endif
