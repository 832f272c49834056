/*
 * Swap entries (Linux's include/linux/swapops.h with the i386 non-PAE
 * layout of arch/x86/include/asm/pgtable-2level.h): where a page of
 * anonymous memory went when it was written out, kept in the PTE that
 * mapped it, the page cache index of the swap cache, and page->private
 * of a page in that cache.
 *
 * In a PTE (not present):
 *   bit 0       _PAGE_PRESENT, clear
 *   bits 1-5    the swap type: which swap area (swap_info[type])
 *   bits 6-8    clear; bit 8 set would be _PAGE_PROTNONE (a PROT_NONE page)
 *   bits 9-31   the offset: the page slot in that area
 * Linux keeps the arch-independent swp_entry_t (type in the top bits,
 * offset below) apart from that layout; so does Pagoda.
 */
#ifndef PAGODA_SWAPOPS_H
#define PAGODA_SWAPOPS_H

#include "asm/pgtable.h"

#define MAX_SWAPFILES_SHIFT 5
#define SWP_TYPE_BITS       MAX_SWAPFILES_SHIFT
/* The arch-independent form: 31 bits as an xarray value entry, the type in the top 5. */
#define SWP_TYPE_SHIFT      (31 - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK     ((1UL << SWP_TYPE_SHIFT) - 1)

/* i386 without PAE (Linux's pgtable-2level.h) */
#define _SWP_TYPE_SHIFT     (_PAGE_BIT_PRESENT + 1)
#define SWP_OFFSET_SHIFT    (_PAGE_BIT_PROTNONE + 1)
#define SWP_OFFSET_FIRST_BIT SWP_OFFSET_SHIFT

typedef struct {
	unsigned long val;
} swp_entry_t;

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	swp_entry_t e = { (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };

	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)(e.val >> SWP_TYPE_SHIFT);
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & SWP_OFFSET_MASK;
}

/* The PTE holding entry (Linux's swp_entry_to_pte through __swp_entry). */
static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	return (pte_t)((swp_type(e) << _SWP_TYPE_SHIFT) | (swp_offset(e) << SWP_OFFSET_SHIFT));
}

/* The entry a swap PTE holds (Linux's pte_to_swp_entry through __swp_type, __swp_offset). */
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((pte >> _SWP_TYPE_SHIFT) & ((1U << SWP_TYPE_BITS) - 1), pte >> SWP_OFFSET_SHIFT);
}

/* The largest offset a PTE can hold, plus one: a swap area's page limit (read_swap_header's maxpages). */
static inline unsigned long swp_max_pages(void)
{
	return swp_offset(pte_to_swp_entry(swp_entry_to_pte(swp_entry(0, ~0UL)))) + 1;
}

#endif
