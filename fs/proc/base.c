/*
 * /proc/PID (Linux's fs/proc/base.c): the files of one process, and those
 * read from its own memory (cmdline, environ: the strings execve copied
 * onto its stack, between mm->arg_start..arg_end and env_start..env_end).
 */
#include "asm/pgtable.h"
#include "linux/earlycpio.h"
#include "linux/dcache.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/capability.h"
#include "linux/highmem.h"
#include "linux/kstrtox.h"
#include "linux/memory.h"
#include "linux/printk.h"
#include "linux/resource.h"
#include "linux/mm.h"
#include "linux/oom.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/uaccess.h"
#include "internal.h"

/*
 * Copy len bytes at addr of mm into buf without faulting anything in
 * (Linux's access_remote_vm, read-only): a page not present ends the
 * copy, as it would read zeros or not exist. Returns the bytes copied.
 */
static unsigned long access_remote_vm(struct mm_struct *mm, unsigned long addr, char *buf,
				      unsigned long len)
{
	unsigned long done = 0;

	while (done < len) {
		unsigned long off = (addr + done) & ~PAGE_MASK, n = PAGE_SIZE - off;
		pte_t *pte = user_pte_lookup(mm, addr + done);
		char *k;

		if (!pte || !pte_present(*pte) || !pfn_valid(pte_pfn(*pte)))
			break;
		if (n > len - done)
			n = len - done;
		k = kmap_atomic(pfn_to_page(pte_pfn(*pte)));
		memcpy(buf + done, k + off, n);
		kunmap_atomic(k);
		done += n;
	}
	return done;
}

/* The bytes [start, end) of the task's memory, as they are (NULs and all). */
static int show_user_range(struct seq_file *m, struct task_struct *task, unsigned long start,
			   unsigned long end)
{
	char chunk[256];

	if (!task->mm)
		return 0;       /* a kernel thread or a zombie: empty, as Linux's */
	while (start < end) {
		unsigned long n = end - start < sizeof(chunk) ? end - start : sizeof(chunk);
		unsigned long got = access_remote_vm(task->mm, start, chunk, n);

		seq_write(m, chunk, got);
		if (got < n)
			break;
		start += n;
	}
	return 0;
}

static int proc_pid_cmdline(struct seq_file *m, void *task)
{
	struct task_struct *t = task;

	return t->mm ? show_user_range(m, t, t->mm->arg_start, t->mm->arg_end) : 0;
}

int proc_pid_environ(struct seq_file *m, void *task)
{
	struct task_struct *t = task;

	return t->mm ? show_user_range(m, t, t->mm->env_start, t->mm->env_end) : 0;
}

static int comm_show(struct seq_file *m, void *task)
{
	seq_printf(m, "%s\n", ((struct task_struct *)task)->comm);
	return 0;
}

/*
 * Writing /proc/PID/comm renames the process (Linux's comm_write): the
 * first TASK_COMM_LEN - 1 bytes written, a newline included, and the
 * whole count is reported written. Only a process's own threads may:
 * -EINVAL for another; -EFAULT.
 */
static long comm_write(struct task_struct *task, const char *ubuf, unsigned long count)
{
	char buffer[TASK_COMM_LEN];

	memset(buffer, 0, sizeof(buffer));
	if (copy_from_user(buffer, ubuf, count < TASK_COMM_LEN - 1 ? count : TASK_COMM_LEN - 1))
		return -EFAULT;
	if (task->tgid != current->tgid)
		return -EINVAL;
	memcpy(task->comm, buffer, sizeof(buffer));
	return (long)count;
}

/* /proc/PID/limits (Linux's proc_pid_limits): each rlimit, soft and hard, in Linux's columns and units. */
static const struct limit_names {
	const char *name, *unit;
} lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

static int proc_pid_limits(struct seq_file *m, void *task)
{
	const struct rlimit *rlim = ((struct task_struct *)task)->rlim;

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		if (rlim[i].rlim_cur == RLIM_INFINITY)
			seq_printf(m, "%-25s %-20s ", lnames[i].name, "unlimited");
		else
			seq_printf(m, "%-25s %-20lu ", lnames[i].name, rlim[i].rlim_cur);
		if (rlim[i].rlim_max == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20lu ", rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s", lnames[i].unit);
		seq_putc(m, '\n');
	}
	return 0;
}

/* /proc/PID/cwd: the working directory's path; -ENOENT once the process has exited (no fs_struct). */
static int proc_cwd_link(struct task_struct *task, char *buf, int size)
{
	char *path;

	if (!task->fs)
		return -ENOENT;
	path = d_path(&task->fs->pwd, buf, size);
	if (!path)
		return -ENAMETOOLONG;
	memmove(buf, path, strlen(path) + 1);   /* d_path writes at the buffer's end */
	return (int)strlen(buf);
}

/* /proc/PID/root: "/" (there is no chroot); -ENOENT once the process has exited. */
static int proc_root_link(struct task_struct *task, char *buf, int size)
{
	if (!task->fs)
		return -ENOENT;
	return snprintf(buf, (size_t)size, "/");
}

/*
 * /proc/PID/exe: the file execve ran, its symbolic links resolved (Linux:
 * mm->exe_file's d_path); -ENOENT before any exec.
 */
static int proc_exe_link(struct task_struct *task, char *buf, int size)
{
	if (!task->mm || !task->exe_path[0])
		return -ENOENT;
	return snprintf(buf, (size_t)size, "%s", task->exe_path);
}

/* --- the OOM killer's files (mm/oom_kill.c) --- */

static int proc_oom_score(struct seq_file *m, void *task)
{
	seq_printf(m, "%lu\n", oom_score(task));
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, void *task)
{
	seq_printf(m, "%d\n", ((struct task_struct *)task)->oom_score_adj);
	return 0;
}

/* The legacy scale: -17..15 for -1000..1000 (Linux's oom_adj_read). */
static int oom_adj_show(struct seq_file *m, void *task)
{
	int adj = ((struct task_struct *)task)->oom_score_adj;

	seq_printf(m, "%d\n", adj == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX : adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX);
	return 0;
}

/*
 * The number written, as Linux's oom_*_write read it: at most 12 bytes,
 * blanks around it stripped, base 0 (kstrtoint: -EINVAL, -ERANGE).
 */
static long oom_get_int(const char *ubuf, unsigned long count, int *val)
{
	char buffer[13], *s = buffer, *e;

	memset(buffer, 0, sizeof(buffer));
	if (count > sizeof(buffer) - 1)
		count = sizeof(buffer) - 1;
	if (copy_from_user(buffer, ubuf, count))
		return -EFAULT;
	while (*s == ' ' || *s == '\t' || *s == '\n')        /* strstrip */
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'); e--)
		;
	*e = '\0';
	return kstrtoint(s, 0, val);
}

/*
 * Set task's oom_score_adj (Linux's __set_oom_adj): below its
 * oom_score_adj_min (legacy: below the present value) needs
 * CAP_SYS_RESOURCE (-EACCES), which also moves the minimum. Every other
 * process sharing task's memory follows (but a vfork child).
 */
static long set_oom_adj(struct task_struct *task, int adj, bool legacy)
{
	static bool warned;
	struct task_struct *p;

	if (legacy) {
		if (adj < task->oom_score_adj && !capable(CAP_SYS_RESOURCE))
			return -EACCES;
		if (!warned) {
			warned = true;
			pr_warn("%s (%d): /proc/%d/oom_adj is deprecated, please use /proc/%d/oom_score_adj instead.\n",
				current->comm, current->pid, task->pid, task->pid);
		}
	} else if (adj < task->oom_score_adj_min && !capable(CAP_SYS_RESOURCE)) {
		return -EACCES;
	}
	task->oom_score_adj = (short)adj;
	if (!legacy && capable(CAP_SYS_RESOURCE))
		task->oom_score_adj_min = (short)adj;
	for_each_process(p)
		if (p != task && task->mm && p->mm == task->mm && !p->vfork_done && p->pid > 1)
			p->oom_score_adj = (short)adj;
	return 0;
}

static long oom_score_adj_write(struct task_struct *task, const char *ubuf, unsigned long count)
{
	int adj;
	long err = oom_get_int(ubuf, count, &adj);

	if (err)
		return err;
	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	err = set_oom_adj(task, adj, false);
	return err < 0 ? err : (long)count;
}

/* The legacy scale (Linux's oom_adj_write): -16..15, or -17 to disable; 15 is always 1000. */
static long oom_adj_write(struct task_struct *task, const char *ubuf, unsigned long count)
{
	int adj;
	long err = oom_get_int(ubuf, count, &adj);

	if (err)
		return err;
	if ((adj < OOM_ADJUST_MIN || adj > OOM_ADJUST_MAX) && adj != OOM_DISABLE)
		return -EINVAL;
	adj = adj == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX : adj * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	err = set_oom_adj(task, adj, true);
	return err < 0 ? err : (long)count;
}

long proc_pid_write(const struct proc_entry *e, struct task_struct *task, const char *ubuf, unsigned long count,
		    bool gone)
{
	long (*write)(struct task_struct *, const char *, unsigned long);

	if (e->show == comm_show)
		write = comm_write;
	else if (e->show == oom_score_adj_show)
		write = oom_score_adj_write;
	else if (e->show == oom_adj_show)
		write = oom_adj_write;
	else
		return -EINVAL;
	return gone ? -ESRCH : write(task, ubuf, count);
}

/* In Linux's order of tgid_base_stuff, those Pagoda has. */
const struct proc_entry pid_entries[] = {
	{ "task", S_IFDIR | 0555, NULL, NULL, NULL, NULL, 0 },
	{ "fd", S_IFDIR | 0500, NULL, NULL, NULL, NULL, 0 },
	{ "fdinfo", S_IFDIR | 0555, NULL, NULL, NULL, NULL, 0 },
	{ "environ", S_IFREG | 0400, proc_pid_environ, NULL, NULL, NULL, 0 },
	{ "status", S_IFREG | 0444, proc_pid_status, NULL, NULL, NULL, 0 },
	{ "limits", S_IFREG | 0444, proc_pid_limits, NULL, NULL, NULL, 0 },
	{ "comm", S_IFREG | 0644, comm_show, NULL, NULL, NULL, 0 },
	{ "cmdline", S_IFREG | 0444, proc_pid_cmdline, NULL, NULL, NULL, 0 },
	{ "stat", S_IFREG | 0444, proc_pid_stat, NULL, NULL, NULL, 0 },
	{ "statm", S_IFREG | 0444, proc_pid_statm, NULL, NULL, NULL, 0 },
	{ "maps", S_IFREG | 0444, show_map, NULL, NULL, NULL, 0 },
	{ "cwd", S_IFLNK | 0777, NULL, proc_cwd_link, NULL, NULL, 0 },
	{ "root", S_IFLNK | 0777, NULL, proc_root_link, NULL, NULL, 0 },
	{ "exe", S_IFLNK | 0777, NULL, proc_exe_link, NULL, NULL, 0 },
	{ "mounts", S_IFREG | 0444, proc_mounts_show, NULL, NULL, NULL, 0 },
	{ "mountinfo", S_IFREG | 0444, proc_mountinfo_show, NULL, NULL, NULL, 0 },
	{ "smaps", S_IFREG | 0444, show_smaps, NULL, NULL, NULL, 0 },
	{ "oom_score", S_IFREG | 0444, proc_oom_score, NULL, NULL, NULL, 0 },
	{ "oom_adj", S_IFREG | 0644, oom_adj_show, NULL, NULL, NULL, 0 },
	{ "oom_score_adj", S_IFREG | 0644, oom_score_adj_show, NULL, NULL, NULL, 0 },
};
const int nr_pid_entries = (int)(sizeof(pid_entries) / sizeof(pid_entries[0]));
