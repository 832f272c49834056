/* Hardware interrupt dispatch: vector 32+n calls the handler for IRQ n. */
#include "asm/irq.h"
#include "asm/ptrace.h"
#include "linux/printk.h"

static irq_handler_t irq_handlers[NR_IRQS];
unsigned long kstat_irqs[NR_IRQS];      /* interrupts taken per IRQ since boot: /proc/stat's intr line */

void request_irq(int irq, irq_handler_t handler)
{
	irq_handlers[irq] = handler;
	pic_unmask(irq);
}

void do_irq(struct pt_regs *regs)
{
	int irq = (int)regs->trapno - IRQ_VECTOR_BASE;

	/* Acknowledge first: a handler may switch tasks and not come back soon. */
	pic_eoi(irq);
	kstat_irqs[irq]++;
	if (irq_handlers[irq])
		irq_handlers[irq](regs);
}
