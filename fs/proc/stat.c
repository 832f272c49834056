/*
 * /proc/stat (Linux's fs/proc/stat.c, one CPU): CPU time by kind in
 * USER_HZ ticks, interrupts, context switches, boot time, forks, and the
 * tasks running and blocked now.
 */
#include "asm/irq.h"
#include "linux/sched.h"
#include "linux/sched/cputime.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "internal.h"

/* Linux's nr_irqs on the Debian 686 kernel this follows: the intr line has that many per-IRQ counts. */
#define LINUX_NR_IRQS 256
#define NR_SOFTIRQS 10

static unsigned long long to_clock_t(uint64_t ticks)
{
	return ticks * USER_HZ / HZ;
}

static void cpu_line(struct seq_file *m, const char *name)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	seq_printf(m, "%s %llu %llu %llu %llu 0 %llu %llu 0 0 0\n", name, to_clock_t(kcpustat[CPUTIME_USER]),
		   to_clock_t(kcpustat[CPUTIME_NICE]), to_clock_t(kcpustat[CPUTIME_SYSTEM]),
		   to_clock_t(kcpustat[CPUTIME_IDLE]), to_clock_t(kcpustat[CPUTIME_IRQ]),
		   to_clock_t(kcpustat[CPUTIME_SOFTIRQ]));
}

int show_stat(struct seq_file *m, void *v)
{
	unsigned long long sum = 0;
	int64_t boot = ktime_get_real_ns() - ktime_get_ns();

	(void)v;
	cpu_line(m, "cpu ");
	cpu_line(m, "cpu0");
	for (int i = 0; i < NR_IRQS; i++)
		sum += kstat_irqs[i];
	seq_printf(m, "intr %llu", sum);
	for (int i = 0; i < LINUX_NR_IRQS; i++)
		seq_printf(m, " %lu", i < NR_IRQS ? kstat_irqs[i] : 0UL);
	seq_printf(m, "\nctxt %lu\nbtime %lld\nprocesses %lu\nprocs_running %u\n", nr_context_switches,
		   boot / NSEC_PER_SEC, total_forks, nr_running());
	seq_puts(m, "procs_blocked 0\n");       /* tasks in I/O wait (nr_iowait): no I/O here */
	seq_puts(m, "softirq 0");
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_puts(m, " 0");
	seq_putc(m, '\n');
	return 0;
}
