/*
 * The load average (Linux's kernel/sched/loadavg.c), in one CPU's terms:
 * every LOAD_FREQ jiffies (5 s) count the tasks that are running or
 * runnable or asleep uninterruptibly, and fold that count into three
 * exponentially decaying averages,
 *
 *	load = load * e + active * (1 - e),	e = exp(-5 s / 1, 5 or 15 min)
 *
 * in fixed point (FSHIFT bits of fraction). With n tasks always busy the
 * 1-minute average reaches 63% of n after a minute.
 */
#include "asm/irq.h"
#include "linux/sched.h"
#include "linux/sched/loadavg.h"
#include "linux/timer.h"

unsigned long avenrun[3];

/* When the next sample is due, in jiffies (Linux's calc_load_update). */
static unsigned long calc_load_update = LOAD_FREQ;

/* One step of the average: Linux's calc_load, rounding up while the load rises. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* Tasks that count as load: running, runnable, or in an uninterruptible sleep (Linux's nr_active). */
static unsigned long count_active_tasks(void)
{
	struct task_struct *p;
	unsigned long n = 0;

	for_each_process(p)
		if (!p->exit_state && (p->state == TASK_RUNNING || (p->state & TASK_UNINTERRUPTIBLE)))
			n++;
	return n;
}

/*
 * From the timer interrupt, every tick: when a sample is due, fold the
 * number of active tasks into avenrun[] (Linux's calc_global_load, which
 * runs 10 ticks after the sample point; one CPU needs no such delay).
 */
void calc_global_load(void)
{
	unsigned long active;

	if (time_before(jiffies, calc_load_update))
		return;
	active = count_active_tasks() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
