/*
 * Linux sets up the GDT in arch/x86/kernel/cpu/common.c; a file of its own here, as it is all Pagoda does there.
 *
 * The Global Descriptor Table. Paging does the real protection, so the
 * code and data segments are flat (base 0, limit 4 GiB); they differ only
 * in privilege level. The TSS is there for one field: esp0, the kernel
 * stack the CPU switches to on a trap from ring 3.
 */
#include <stdint.h>
#include "asm/desc.h"

struct gdt_desc {
	uint16_t limit_low, base_low;
	uint8_t base_mid, access, limit_high_flags, base_high;
} __attribute__((packed));

struct gdt_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* access byte: present, DPL, code/data, type */
#define ACC_KERNEL_CODE 0x9A
#define ACC_KERNEL_DATA 0x92
#define ACC_USER_CODE   0xFA
#define ACC_USER_DATA   0xF2
#define ACC_TSS         0x89    /* 32-bit available TSS */
#define FLAGS_4K_32BIT  0xC     /* granularity 4 KiB, 32-bit default size */

static struct gdt_desc gdt[GDT_ENTRIES] __attribute__((aligned(8)));
struct tss_struct init_tss;

void set_gdt_entry(int slot, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	struct gdt_desc *d = &gdt[slot];

	d->limit_low = limit & 0xFFFF;
	d->base_low = base & 0xFFFF;
	d->base_mid = (base >> 16) & 0xFF;
	d->access = access;
	d->limit_high_flags = ((limit >> 16) & 0x0F) | (uint8_t)(flags << 4);
	d->base_high = (base >> 24) & 0xFF;
}

void gdt_init(void)
{
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (uint32_t)gdt };

	set_gdt_entry(GDT_ENTRY_KERNEL_CS, 0, 0xFFFFF, ACC_KERNEL_CODE, FLAGS_4K_32BIT);
	set_gdt_entry(GDT_ENTRY_KERNEL_DS, 0, 0xFFFFF, ACC_KERNEL_DATA, FLAGS_4K_32BIT);
	set_gdt_entry(GDT_ENTRY_USER_CS, 0, 0xFFFFF, ACC_USER_CODE, FLAGS_4K_32BIT);
	set_gdt_entry(GDT_ENTRY_USER_DS, 0, 0xFFFFF, ACC_USER_DATA, FLAGS_4K_32BIT);

	init_tss.ss0 = __KERNEL_DS;
	init_tss.iomap_base = sizeof(init_tss);     /* no I/O bitmap */
	set_gdt_entry(GDT_ENTRY_TSS, (uint32_t)&init_tss, sizeof(init_tss) - 1, ACC_TSS, 0);

	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"mov %2, %%ax\n\t"
		"mov %%ax, %%ds\n\t"
		"mov %%ax, %%es\n\t"
		"mov %%ax, %%ss\n\t"
		"xor %%ax, %%ax\n\t"
		"mov %%ax, %%fs\n\t"
		"mov %%ax, %%gs\n\t"
		"ltr %w3"
		: : "m"(ptr), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(__TSS) : "eax", "memory");
}
