/*
 * /proc/loadavg (Linux's fs/proc/loadavg.c): the three load averages to
 * the hundredth, runnable tasks / all tasks, and the PID given last.
 */
#include "linux/sched.h"
#include "internal.h"

extern int nr_threads;          /* kernel/fork.c */

#define LOAD_INT(x)  ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

int loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long a[3];

	(void)v;
	for (int i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;      /* rounds to the nearest hundredth */
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n", LOAD_INT(a[0]), LOAD_FRAC(a[0]),
		   LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running(), nr_threads,
		   last_pid);
	return 0;
}
