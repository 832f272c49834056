/*
 * fixmap: virtual addresses fixed at compile time, counted down from
 * FIXADDR_TOP one page per index, whose physical page is chosen at run
 * time with set_fixmap(). Linux uses them for the APIC, for boot-time
 * mappings and for kmap_atomic's slots; so do we, for the last.
 */
#ifndef PAGODA_MM_FIXMAP_H
#define PAGODA_MM_FIXMAP_H

#include "asm/pgtable.h"
#include "linux/compiler.h"

#define NR_CPUS     1
#define KM_TYPE_NR  13          /* kmap_atomic slots per CPU, as 2.6.12 */
#define FIXADDR_TOP 0xFFFFF000UL    /* the topmost page stays a hole */

enum fixed_addresses {
	FIX_HOLE,               /* fix_to_virt(FIX_HOLE) == FIXADDR_TOP, never mapped */
	FIX_DEMO,               /* the monitor's and the tests' playground slot */
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE        (__end_of_fixed_addresses << PAGE_SHIFT_FIX)
#define PAGE_SHIFT_FIX      12
#define FIXADDR_START       (FIXADDR_TOP - FIXADDR_SIZE)
#define FIXADDR_BOOT_START  FIXADDR_START   /* no boot-time-only slots here */

static inline unsigned long fix_to_virt(unsigned int idx)
{
	return FIXADDR_TOP - ((unsigned long)idx << PAGE_SHIFT_FIX);
}

static inline unsigned int virt_to_fix(unsigned long vaddr)
{
	return (unsigned int)((FIXADDR_TOP - (vaddr & ~0xFFFUL)) >> PAGE_SHIFT_FIX);
}

void __set_fixmap(unsigned int idx, unsigned long phys, pgprot_t prot);
#define set_fixmap(idx, phys) __set_fixmap(idx, phys, PAGE_KERNEL)
#define clear_fixmap(idx)     __set_fixmap(idx, 0, 0)

#endif
