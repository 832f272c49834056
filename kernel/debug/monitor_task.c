/*
 * Commands of the monitor (Pagoda's kdb, Linux's kernel/debug/kdb/), so beside it.
 *
 * Monitor commands about programs: ps lists the live processes and the
 * last ones that exited; maps PID shows a process's VMAs, live or as
 * they were when it exited.
 */
#include <stdint.h>
#include "linux/earlycpio.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/monitor.h"
#include "linux/printk.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/seq_file.h"
#include "linux/string.h"

/* A task's state as ps spells it (Linux's task_state_array, in words). */
static const char *task_state_name(const struct task_struct *p)
{
	if (p->exit_state & EXIT_ZOMBIE)
		return "zombie";
	if (p == current)
		return "running";
	switch (p->state) {
	case TASK_RUNNING:
		return "runnable";
	case TASK_INTERRUPTIBLE:
		return "sleeping";
	case TASK_UNINTERRUPTIBLE:
		return "disk-sl";       /* Linux's D state */
	case __TASK_STOPPED:
		return "stopped";
	default:
		return "dead";
	}
}

static int cmd_ps(int argc, char **argv)
{
	const struct task_record *recs[TASK_HISTORY];
	struct task_struct *p;
	int n, live = 0;

	(void)argv;
	if (argc != 1)
		return -1;
	n = task_history_list(recs, TASK_HISTORY);
	kprintf("  PID COMM             STATE    EXIT  MINFLT  MAJFLT  RSS(pages)  VM(pages)  PPID\n");
	for_each_process(p) {
		char name[TASK_COMM_LEN + 2];

		/* a kernel thread in brackets, as ps shows one (its /proc/PID/cmdline is empty) */
		snprintf(name, sizeof(name), p->flags & PF_KTHREAD ? "[%s]" : "%s", p->comm);
		kprintf("%5d %-16s %-8s %5s %7lu %7lu %11lu %10lu %5d\n", p->pid, name, task_state_name(p),
			p->exit_state ? "-" : "", p->min_flt, p->maj_flt, p->mm ? get_mm_rss(p->mm) : 0,
			p->mm ? p->mm->total_vm : 0, p->real_parent ? p->real_parent->pid : 0);
		live++;
	}
	for (int i = 0; i < n; i++)
		kprintf("%5d %-16s exited %5d %7lu %7lu %11lu %10lu     -\n", recs[i]->pid, recs[i]->comm,
			recs[i]->exit_code, recs[i]->min_flt, recs[i]->maj_flt, recs[i]->rss_at_exit,
			recs[i]->total_vm);
	if (!n && !live)
		kprintf("(no programs have run yet: try 'run /bin/echo hi')\n");
	return 0;
}
MONITOR_COMMAND("ps", "ps", "live processes, then the last programs that exited", cmd_ps);

static int cmd_maps(int argc, char **argv)
{
	const struct task_record *r;
	struct task_struct *live;
	struct seq_file con = { 0 };    /* no buffer: straight to the console */
	unsigned long pid;

	if (argc != 2 || !monitor_parse_ulong(argv[1], &pid) || pid == 0 || pid > INT32_MAX)
		return -1;
	live = find_task_by_vpid((int)pid);
	if (live && (live->flags & PF_KTHREAD)) {
		kprintf("maps: %s[%d] is a kernel thread: no mm, it runs on the kernel's page tables\n",
			live->comm, live->pid);
		return 0;
	}
	if (live && live->mm) {
		kprintf("# %s[%d] (/proc/%d/maps format)\n", live->comm, live->pid, live->pid);
		show_maps(live->mm);
		return 0;
	}
	r = task_history((int)pid);
	if (!r) {
		kprintf("maps: no program with pid %lu in the last %d ('ps' lists them)\n", pid, TASK_HISTORY);
		return 0;
	}
	kprintf("# %s[%d] at exit (/proc/%d/maps format)\n", r->comm, r->pid, r->pid);
	for (int i = 0; i < r->nr_vmas; i++)
		show_map_line(&con, r->vmas[i].start, r->vmas[i].end, r->vmas[i].flags,
			      (unsigned long long)r->vmas[i].pgoff << PAGE_SHIFT, r->vmas[i].file,
			      r->vmas[i].dev, r->vmas[i].ino, r->vmas[i].name);
	return 0;
}
MONITOR_COMMAND("maps", "maps PID", "a process's mappings (live, or when it exited)", cmd_maps);

/*
 * Any /proc file, made by the show function /proc's read serves (proc
 * PID/status, proc loadavg ...). A NUL (cmdline, environ) prints as a
 * space; a directory or a link says so.
 */
static int cmd_proc(int argc, char **argv)
{
	struct file *f;
	struct seq_file *m;
	char chunk[257];
	int err = 0;

	if (argc != 2)
		return -1;
	f = proc_open(argv[1][0] == '/' && !strncmp(argv[1], "/proc", 5) ? argv[1] + 5 : argv[1], 0, &err);
	if (!f) {
		kprintf("proc: %s: error %d\n", argv[1], err);
		return 0;
	}
	if (S_ISDIR(f->mode)) {
		kprintf("proc: %s is a directory\n", argv[1]);
	} else {
		m = f->private_data;
		for (size_t off = 0; off < m->count; off += sizeof(chunk) - 1) {
			size_t n = m->count - off < sizeof(chunk) - 1 ? m->count - off : sizeof(chunk) - 1;

			for (size_t i = 0; i < n; i++)
				chunk[i] = m->buf[off + i] ? m->buf[off + i] : ' ';
			chunk[n] = '\0';
			kprintf("%s", chunk);
		}
	}
	if (f->f_op && f->f_op->release)
		f->f_op->release(NULL, f);
	fput(f);
	return 0;
}
MONITOR_COMMAND("proc", "proc PATH", "print a /proc file (meminfo, 1/status ...)", cmd_proc);
