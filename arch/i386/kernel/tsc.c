/*
 * How fast the TSC runs, measured once at boot against the PIT (Linux's
 * arch/x86/kernel/tsc.c: pit_calibrate_tsc, run three times by
 * pit_hpet_ptimer_calibrate_cpu, the least kept). PIT channel 2, the one
 * wired to the PC speaker's gate and readable at port 0x61 rather than
 * through an interrupt, counts down 10 ms in mode 0; the TSC is read in a
 * loop until its output goes high. /proc/cpuinfo prints the result ("cpu
 * MHz", "bogomips"). Under QEMU's -icount the TSC counts instructions, so
 * the figure is whatever QEMU's virtual clock makes it.
 */
#include <stdbool.h>
#include <stdint.h>
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/tsc.h"
#include "linux/printk.h"

#define PIT_TICK_RATE   1193182         /* Hz, as the PIT's crystal (Linux's PIT_TICK_RATE) */
#define CAL_MS          10
#define CAL_LATCH       (PIT_TICK_RATE / (1000 / CAL_MS))
#define CAL_PIT_LOOPS   1000            /* fewer reads of port 0x61 than this: disturbed, say so (Linux's) */
#define PORT_B          0x61            /* the keyboard controller's port B: bit 0 gates channel 2, bit 5 is its output */
#define PIT_CH2         0x42
#define PIT_CMD         0x43

unsigned int tsc_khz, cpu_khz;
unsigned long loops_per_jiffy;

/*
 * One measurement: the TSC's kHz over CAL_MS of PIT channel 2, and in
 * *sane whether Linux's sanity checks hold (the loop ran at least
 * CAL_PIT_LOOPS times, no gap between TSC reads ten times the shortest:
 * nothing, an SMI or the host, stole the CPU meanwhile).
 */
static unsigned int pit_calibrate_tsc(bool *sane)
{
	uint64_t t1, t2, tsc;
	uint32_t delta, tscmin = ~0u, tscmax = 0;
	unsigned long pitcnt = 0, flags = local_irq_save();

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);    /* gate high, speaker off */
	outb(PIT_CMD, 0xb0);                            /* channel 2, lobyte/hibyte, mode 0, binary */
	outb(PIT_CH2, CAL_LATCH & 0xff);
	outb(PIT_CH2, CAL_LATCH >> 8);
	tsc = t1 = t2 = rdtsc();
	while ((inb(PORT_B) & 0x20) == 0) {
		t2 = rdtsc();
		delta = (uint32_t)(t2 - tsc);
		tsc = t2;
		if (delta < tscmin)
			tscmin = delta;
		if (delta > tscmax)
			tscmax = delta;
		pitcnt++;
	}
	local_irq_restore(flags);
	*sane = pitcnt >= CAL_PIT_LOOPS && tscmax <= 10 * tscmin;
	return (unsigned int)((t2 - t1) / CAL_MS);
}

/*
 * Measure tsc_khz (the least of three tries, sane ones first: a try the
 * host interrupted only reads high) and derive cpu_khz and
 * loops_per_jiffy; print it as Linux's tsc_init does.
 */
void tsc_init(void)
{
	unsigned int best = ~0u, any = ~0u;

	for (int i = 0; i < 3; i++) {
		bool sane;
		unsigned int khz = pit_calibrate_tsc(&sane);

		if (khz && khz < any)
			any = khz;
		if (khz && sane && khz < best)
			best = khz;
	}
	if (best == ~0u) {
		/* Linux would try the HPET or the PM timer here; there is only the PIT, so keep its figure */
		printk(KERN_INFO "tsc: PIT calibration was disturbed every time: the figure may be high\n");
		best = any == ~0u ? 0 : any;
	}
	tsc_khz = cpu_khz = best;
	loops_per_jiffy = (unsigned long)((uint64_t)tsc_khz * 1000 / HZ);
	printk(KERN_INFO "tsc: Detected %u.%03u MHz processor\n", cpu_khz / 1000, cpu_khz % 1000);
}
