/*
 * /proc/uptime (Linux's fs/proc/uptime.c): seconds since boot and seconds
 * the CPU spent idle, both to the hundredth; and /proc/filesystems
 * (Linux's fs/filesystems.c): the kinds of file system this kernel has.
 */
#include "linux/sched/cputime.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "internal.h"

int uptime_proc_show(struct seq_file *m, void *v)
{
	int64_t up = ktime_get_ns();
	uint64_t idle = kcpustat[CPUTIME_IDLE] * TICK_NSEC;

	(void)v;
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / NSEC_PER_SEC),
		   (unsigned long)(up % NSEC_PER_SEC / (NSEC_PER_SEC / 100)), (unsigned long)(idle / NSEC_PER_SEC),
		   (unsigned long)(idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
	return 0;
}

int filesystems_proc_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_puts(m, "nodev\trootfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tdevtmpfs\nnodev\tramfs\n");     /* fs/super.c's */
	return 0;
}
