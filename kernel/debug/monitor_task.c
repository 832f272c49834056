/*
 * Commands of the monitor (Pagoda's kdb, Linux's kernel/debug/kdb/), so beside it.
 *
 * Monitor commands about programs: ps lists the programs run since boot
 * (they run one at a time, so at the prompt none is running), maps PID
 * shows a program's VMAs as they were when it exited.
 */
#include <stdint.h>
#include "linux/memory.h"
#include "linux/monitor.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"

static int cmd_ps(int argc, char **argv)
{
	const struct task_record *recs[TASK_HISTORY];
	int n;

	(void)argv;
	if (argc != 1)
		return -1;
	n = task_history_list(recs, TASK_HISTORY);
	kprintf("  PID COMM             STATE    EXIT  MINFLT  MAJFLT  RSS(pages)  VM(pages)\n");
	if (current)
		kprintf("%5d %-16s running\n", current->pid, current->comm);
	for (int i = 0; i < n; i++)
		kprintf("%5d %-16s exited %5d %7lu %7lu %11lu %10lu\n", recs[i]->pid, recs[i]->comm,
			recs[i]->exit_code, recs[i]->min_flt, recs[i]->maj_flt, recs[i]->rss_at_exit,
			recs[i]->total_vm);
	if (!n && !current)
		kprintf("(no programs have run yet: try 'run /bin/echo hi')\n");
	return 0;
}
MONITOR_COMMAND("ps", "ps", "programs run since boot, with exit status and faults", cmd_ps);

static int cmd_maps(int argc, char **argv)
{
	const struct task_record *r;
	unsigned long pid;

	if (argc != 2 || !monitor_parse_ulong(argv[1], &pid) || pid == 0 || pid > INT32_MAX)
		return -1;
	r = task_history((int)pid);
	if (!r) {
		kprintf("maps: no program with pid %lu in the last %d ('ps' lists them)\n", pid, TASK_HISTORY);
		return 0;
	}
	kprintf("# %s[%d] at exit (/proc/%d/maps format)\n", r->comm, r->pid, r->pid);
	for (int i = 0; i < r->nr_vmas; i++)
		show_map_line(r->vmas[i].start, r->vmas[i].end, r->vmas[i].flags,
			      (unsigned long long)r->vmas[i].pgoff << PAGE_SHIFT, r->vmas[i].file,
			      r->vmas[i].ino, r->vmas[i].name);
	return 0;
}
MONITOR_COMMAND("maps", "maps PID", "a program's mappings when it exited", cmd_maps);
