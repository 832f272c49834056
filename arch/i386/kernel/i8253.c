/*
 * The 8253/8254 programmable interval timer, channel 0, ticking HZ times
 * a second on IRQ 0. jiffies counts the ticks since boot.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "kunit/test.h"

#define PIT_CH0      0x40
#define PIT_CMD      0x43
#define PIT_HZ       1193182
#define PIT_MODE_RATE 0x34      /* channel 0, lobyte/hibyte, mode 2 */

volatile unsigned long jiffies;

static void timer_interrupt(struct pt_regs *regs)
{
	(void)regs;
	jiffies++;
	ktest_watchdog_tick();
}

void time_init(void)
{
	unsigned int divisor = (PIT_HZ + HZ / 2) / HZ;

	outb(PIT_CMD, PIT_MODE_RATE);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	request_irq(IRQ_TIMER, timer_interrupt);
}
