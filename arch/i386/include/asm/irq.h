/* Hardware interrupts: the PIC, the timer, and the handler table. */
#ifndef PAGODA_ARCH_IRQ_H
#define PAGODA_ARCH_IRQ_H

#include <stdint.h>

#define IRQ_VECTOR_BASE 32
#define NR_IRQS         16
#define IRQ_TIMER       0
#define IRQ_COM1        4
#define HZ              250     /* Linux i386 Debian config: CONFIG_HZ_250 */

struct pt_regs;
typedef void (*irq_handler_t)(struct pt_regs *regs);

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
void request_irq(int irq, irq_handler_t handler);
void do_irq(struct pt_regs *regs);

void time_init(void);
extern volatile unsigned long jiffies;
extern unsigned long kstat_irqs[NR_IRQS];     /* arch/i386/kernel/irq.c: interrupts per IRQ since boot */

#endif
