/* Segment selectors and the descriptor-table setup (GDT, IDT, TSS). */
#ifndef PAGODA_ARCH_DESC_H
#define PAGODA_ARCH_DESC_H

#include <stdint.h>

/* GDT slots. User selectors carry RPL 3. */
#define GDT_ENTRY_KERNEL_CS  1
#define GDT_ENTRY_KERNEL_DS  2
#define GDT_ENTRY_USER_CS    3
#define GDT_ENTRY_USER_DS    4
#define GDT_ENTRY_TSS        5
#define GDT_ENTRY_TLS_MIN    6      /* set_thread_area slots, as Linux */
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRIES          (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)

#define __KERNEL_CS  (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS  (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS    (GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS    (GDT_ENTRY_USER_DS * 8 + 3)
#define __TSS        (GDT_ENTRY_TSS * 8)

struct tss_struct {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3;
	uint32_t eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

extern struct tss_struct init_tss;

void gdt_init(void);
void idt_init(void);
void set_gdt_entry(int slot, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags);
void set_intr_gate(int vec, void *handler, int dpl);

#endif
