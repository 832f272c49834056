/*
 * The Interrupt Descriptor Table: 32 CPU exceptions, 16 PIC interrupts
 * (remapped to 32-47) and int $0x80. All are interrupt gates, so the CPU
 * clears IF on entry. Ring 3 may raise only int $0x80 and, as on Linux
 * (its idt.c makes them SYSG), int3 and into (DPL 3); any other int $N from
 * user mode is a general protection fault.
 */
#include <stdint.h>
#include "asm/desc.h"

struct idt_gate {
	uint16_t offset_low, selector;
	uint8_t zero, type_attr;
	uint16_t offset_high;
} __attribute__((packed));

struct idt_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define GATE_INTR32 0x8E        /* present, 32-bit interrupt gate */
#define SYSCALL_VECTOR 0x80
#define X86_TRAP_BP 3           /* int3 */
#define X86_TRAP_OF 4           /* into */

extern void *trap_stub_table[48];
extern void trap_stub_128(void);

static struct idt_gate idt[256] __attribute__((aligned(8)));

void set_intr_gate(int vec, void *handler, int dpl)
{
	uint32_t off = (uint32_t)handler;

	idt[vec].offset_low = off & 0xFFFF;
	idt[vec].selector = __KERNEL_CS;
	idt[vec].zero = 0;
	idt[vec].type_attr = GATE_INTR32 | (uint8_t)(dpl << 5);
	idt[vec].offset_high = off >> 16;
}

void idt_init(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (uint32_t)idt };

	for (int v = 0; v < 48; v++)
		set_intr_gate(v, trap_stub_table[v], 0);
	set_intr_gate(X86_TRAP_BP, trap_stub_table[X86_TRAP_BP], 3);
	set_intr_gate(X86_TRAP_OF, trap_stub_table[X86_TRAP_OF], 3);
	set_intr_gate(SYSCALL_VECTOR, trap_stub_128, 3);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
