/*
 * The load average (Linux's kernel/sched/loadavg.c, for one CPU): every
 * LOAD_FREQ ticks (5 s), each of the three averages moves towards the
 * number of active tasks (runnable or in uninterruptible sleep) by an
 * exponential decay whose factor makes it a 1, 5 or 15 minute average.
 * All in fixed point with FSHIFT fractional bits, as /proc/loadavg reads it.
 */
#include "asm/irq.h"
#include "linux/sched.h"
#include "linux/timer.h"

unsigned long avenrun[3];
static unsigned long calc_load_update;  /* jiffies of the next sample (0: not started yet) */

/* load * exp + active * (1 - exp), rounded up while rising so a steady load is reached (calc_load). */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

void calc_global_load(void)
{
	unsigned long active;

	if (!calc_load_update)
		calc_load_update = jiffies + LOAD_FREQ;
	if (time_before(jiffies, calc_load_update))
		return;
	active = (nr_running() + nr_uninterruptible()) * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
