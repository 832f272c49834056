/*
 * The 3G/1G split. Lowmem is mapped at PAGE_OFFSET, so converting between
 * a physical address and its kernel virtual address is one addition.
 */
#ifndef PAGODA_ARCH_PAGE_H
#define PAGODA_ARCH_PAGE_H

#define PAGE_OFFSET   0xC0000000UL
#define TASK_SIZE     PAGE_OFFSET

#define __pa(v)  ((unsigned long)(v) - PAGE_OFFSET)
#define __va(p)  ((void *)((unsigned long)(p) + PAGE_OFFSET))

/* What boot/entry.asm maps before the kernel's own page tables exist. */
#define BOOT_MAPPED_BYTES (16UL << 20)

/* End of the direct map (Linux's high_memory); the boot mapping until mm sets it. */
extern void *high_memory;

/* Linker-script symbols (linker.ld). */
extern char _text[], _etext[], _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];
extern char _kernel_phys_start[];

#endif
