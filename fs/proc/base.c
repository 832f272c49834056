/*
 * /proc/PID (Linux's fs/proc/base.c): the files of one process, and those
 * read from its own memory (cmdline, environ: the strings execve copied
 * onto its stack, between mm->arg_start..arg_end and env_start..env_end).
 */
#include "asm/pgtable.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/printk.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "linux/string.h"
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

static int proc_pid_environ(struct seq_file *m, void *task)
{
	struct task_struct *t = task;

	return t->mm ? show_user_range(m, t, t->mm->env_start, t->mm->env_end) : 0;
}

static int comm_show(struct seq_file *m, void *task)
{
	seq_printf(m, "%s\n", ((struct task_struct *)task)->comm);
	return 0;
}

/* /proc/PID/exe: the path execve was given (Linux: the file's d_path); -ENOENT before any exec. */
static int proc_exe_link(struct task_struct *task, char *buf, int size)
{
	if (!task->mm || !task->exe_path[0])
		return -ENOENT;
	return snprintf(buf, (size_t)size, "%s", task->exe_path);
}

/* In Linux's order of tgid_base_stuff, those Pagoda has. */
const struct proc_entry pid_entries[] = {
	{ "environ", S_IFREG | 0400, proc_pid_environ, NULL },
	{ "status", S_IFREG | 0444, proc_pid_status, NULL },
	{ "cmdline", S_IFREG | 0444, proc_pid_cmdline, NULL },
	{ "comm", S_IFREG | 0644, comm_show, NULL },
	{ "exe", S_IFLNK | 0777, NULL, proc_exe_link },
	{ "maps", S_IFREG | 0444, show_map, NULL },
	{ "mountinfo", S_IFREG | 0444, proc_mountinfo_show, NULL },
	{ "mounts", S_IFREG | 0444, proc_mounts_show, NULL },
	{ "smaps", S_IFREG | 0444, show_smaps, NULL },
	{ "stat", S_IFREG | 0444, proc_pid_stat, NULL },
	{ "statm", S_IFREG | 0444, proc_pid_statm, NULL },
};
const int nr_pid_entries = (int)(sizeof(pid_entries) / sizeof(pid_entries[0]));
