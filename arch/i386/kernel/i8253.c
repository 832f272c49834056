/*
 * The 8253/8254 programmable interval timer, channel 0, ticking HZ times
 * a second on IRQ 0 (Linux's arch/x86/kernel/i8253.c, the tick half of
 * kernel/time/tick-common.c). jiffies counts the ticks since boot; each
 * tick accounts the interrupted task's time and runs the timers.
 *
 * Between ticks the clocks interpolate from the PIT's own count, not the
 * TSC: the PIT is the device the ticks come from, so a reading can never
 * disagree with jiffies by more than the interrupt's delay, it needs no
 * calibration, and under QEMU it follows the same virtual clock as the
 * ticks (the TSC does not, without -icount). Its unit is 838 ns.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/ptrace.h"
#include "kunit/test.h"
#include "linux/sched/loadavg.h"
#include "linux/time.h"
#include "linux/timer.h"

#define PIT_CH0      0x40
#define PIT_CMD      0x43
#define PIT_HZ       1193182
#define PIT_MODE_RATE 0x34      /* channel 0, lobyte/hibyte, mode 2 */
#define PIT_LATCH_CH0 0x00      /* counter latch command, channel 0 */
#define LATCH        ((PIT_HZ + HZ / 2) / HZ)   /* PIT counts per tick (Linux's PIT_LATCH) */
#define PIC1_CMD     0x20
#define PIC_READ_IRR 0x0a       /* OCW3: the next read of PIC1_CMD returns the request register */

volatile unsigned long jiffies;
volatile uint64_t jiffies_64;

static void timer_interrupt(struct pt_regs *regs)
{
	jiffies++;
	jiffies_64++;
	calc_global_load();     /* Linux's do_timer: the load average every 5 s */
	ktest_watchdog_tick();
	update_process_times(user_mode(regs));
}

/*
 * Call with interrupts off. In mode 2 the count runs from LATCH down to
 * 1 and reloads as it raises IRQ 0. If that interrupt is still waiting
 * (interrupts are off) and the count has just reloaded, jiffies is one
 * tick behind the count: add the tick, as Linux's old get_offset_pit did.
 */
unsigned long pit_ns_since_tick(void)
{
	unsigned int count, elapsed;

	outb(PIT_CMD, PIT_LATCH_CH0);
	count = inb(PIT_CH0);
	count |= (unsigned int)inb(PIT_CH0) << 8;
	if (count > LATCH || count == 0)        /* not yet loaded, or a torn read */
		count = LATCH;
	elapsed = LATCH - count;
	outb(PIC1_CMD, PIC_READ_IRR);
	if ((inb(PIC1_CMD) & (1 << IRQ_TIMER)) && count > LATCH / 2)
		elapsed += LATCH;
	return (unsigned long)((uint64_t)elapsed * NSEC_PER_SEC / PIT_HZ);
}

void time_init(void)
{
	outb(PIT_CMD, PIT_MODE_RATE);
	outb(PIT_CH0, LATCH & 0xFF);
	outb(PIT_CH0, LATCH >> 8);
	timekeeping_init();
	request_irq(IRQ_TIMER, timer_interrupt);
}
