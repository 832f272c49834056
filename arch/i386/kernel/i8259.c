/*
 * The two 8259A interrupt controllers. The BIOS leaves IRQ 0-7 on vectors
 * 8-15, on top of the CPU exceptions, so we move IRQ 0-15 to 32-47.
 */
#include <stdint.h>
#include "asm/io.h"
#include "asm/irq.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086      0x01
#define PIC_EOI        0x20

static uint16_t irq_mask = 0xFFFF & ~(1 << 2);  /* all masked but the cascade */

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xFF);
	outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4); io_delay();
	outb(PIC2_CMD, ICW1_INIT_ICW4); io_delay();
	outb(PIC1_DATA, IRQ_VECTOR_BASE); io_delay();     /* ICW2: vector base */
	outb(PIC2_DATA, IRQ_VECTOR_BASE + 8); io_delay();
	outb(PIC1_DATA, 1 << 2); io_delay();  /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2); io_delay();       /* ICW3: slave's cascade id */
	outb(PIC1_DATA, ICW4_8086); io_delay();
	outb(PIC2_DATA, ICW4_8086); io_delay();
	pic_write_mask();
}

void pic_unmask(int irq)
{
	irq_mask &= (uint16_t)~(1u << irq);
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
