/*
 * The boot thread runs a program (Linux's run_init_process and
 * kernel_execve, for init and for the monitor's run command): a new task
 * whose parent is the boot thread (PID 0), with the program's address
 * space built before it first runs; then the boot thread sleeps until it
 * exits, and puts down whatever processes it left behind, so that every
 * page comes back before the leak check. Also here: what the monitor
 * remembers of processes that exited (ps, maps), and the TLS slots.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/pgtable.h"
#include "asm/segment.h"
#include "linux/binfmts.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"

extern int nr_threads;
int alloc_pid(void);                            /* kernel/pid.c */
void start_user_thread(struct task_struct *p);  /* arch/i386/kernel/process_32.c */

static const char *const default_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/tests", NULL };

/* A selector of one of the TLS slots (any RPL)? */
static bool tls_selector(unsigned int sel)
{
	unsigned int idx = (sel & 0xffff) >> 3;

	return !(sel & 4) && idx >= GDT_ENTRY_TLS_MIN && idx < GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES;
}

/*
 * Write the task's TLS descriptors into GDT slots 6-8 (set_thread_area).
 * The kernel runs with the program's %fs and %gs still loaded: one that
 * holds a TLS selector is reloaded, so that it never keeps the old
 * descriptor's base (and a later save and reload of it by a trap cannot
 * fault); a freed slot leaves the null selector there (Linux's
 * load_gs_index() in do_set_thread_area()).
 */
void load_tls(struct task_struct *t)
{
	unsigned int sel;

	for (int i = 0; i < GDT_TLS_ENTRIES; i++) {
		const struct tls_desc *d = &t->tls[i];

		if (d->present)
			set_gdt_entry(GDT_ENTRY_TLS_MIN + i, d->base, d->limit, d->access, d->flags);
		else
			set_gdt_entry(GDT_ENTRY_TLS_MIN + i, 0, 0, 0, 0);
	}
	savesegment(fs, sel);
	if (tls_selector(sel))
		loadsegment(fs, sel);
	savesegment(gs, sel);
	if (tls_selector(sel))
		loadsegment(gs, sel);
}

static struct task_record history[TASK_HISTORY];
static int history_next;

/* Remember a finished program for ps and maps: its mm is about to go. */
void record_exit(const struct task_struct *t)
{
	struct task_record *r = &history[history_next++ % TASK_HISTORY];
	const struct vm_area_struct *v;

	memset(r, 0, sizeof(*r));
	r->pid = t->pid;
	r->exit_code = shell_status(t->exit_code);
	strlcpy(r->comm, t->comm, sizeof(r->comm));
	if (!t->mm)
		return;
	r->min_flt = t->mm->min_flt;
	r->maj_flt = t->mm->maj_flt;
	r->rss_at_exit = get_mm_rss(t->mm);
	r->total_vm = t->mm->total_vm;
	for (v = t->mm->mmap; v && r->nr_vmas < MAPS_SNAPSHOT; v = v->vm_next, r->nr_vmas++) {
		r->vmas[r->nr_vmas].start = v->vm_start;
		r->vmas[r->nr_vmas].end = v->vm_end;
		r->vmas[r->nr_vmas].flags = v->vm_flags;
		r->vmas[r->nr_vmas].file = v->vm_file != NULL;
		r->vmas[r->nr_vmas].pgoff = v->vm_file ? v->vm_pgoff : 0;
		r->vmas[r->nr_vmas].ino = v->vm_file ? v->vm_file->ino : 0;
		r->vmas[r->nr_vmas].dev = v->vm_file && v->vm_file->f_inode ? v->vm_file->f_inode->i_sb->s_dev : 0;
		strlcpy(r->vmas[r->nr_vmas].name,
			v->vm_file ? v->vm_file->name : v->vm_name ? v->vm_name : "",
			sizeof(r->vmas[0].name));
	}
}

const struct task_record *task_history(int pid)
{
	for (int i = 0; i < TASK_HISTORY; i++)
		if (history[i].pid == pid && pid)
			return &history[i];
	return NULL;
}

int task_history_list(const struct task_record **out, int max)
{
	int n = 0;

	/* The ring holds them in the order its slots were reused: sort by PID, oldest first. */
	for (int i = 0; i < TASK_HISTORY && n < max; i++) {
		int j = n;

		if (!history[i].pid)
			continue;
		for (; j > 0 && out[j - 1]->pid > history[i].pid; j--)
			out[j] = out[j - 1];
		out[j] = &history[i];
		n++;
	}
	return n;
}

/* A child of the boot thread that is a process, not kthreadd: NULL when none is left. */
static struct task_struct *leftover_child(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.children, sibling)
		if (!(p->flags & PF_KTHREAD))
			return p;
	return NULL;
}

/*
 * Kill what a program left running and reap it all: the boot thread's
 * children, at any depth. Kernel threads stay: they ignore SIGKILL, and
 * kthreadd, a child of the boot thread too, never exits.
 */
static void reap_leftovers(void)
{
	struct task_struct *p;
	int status, n = 0;

	for_each_process(p)
		if (!p->exit_state && !(p->flags & PF_KTHREAD)) {
			send_sig_info(SIGKILL, NULL, p);
			n++;
		}
	if (n)
		printk(KERN_INFO "run: killing %d process%s left behind\n", n, n == 1 ? "" : "es");
	while ((p = leftover_child()))
		kernel_wait4(p->pid, &status, 0x40000000 /* __WALL */, NULL);
}

/*
 * The first program the boot thread runs is init: PID 1. Linux makes
 * kernel_init (PID 1) before kthreadd (2) and every other kernel thread;
 * here the kernel threads come first (the disks' flushers at boot), and
 * kthreadd_init() left PID 1 free for this.
 */
static int alloc_program_pid(void)
{
	static bool init_pid_given;

	if (!init_pid_given && !find_task_by_vpid(1)) {
		init_pid_given = true;
		total_forks++;
		return 1;
	}
	return alloc_pid();
}

/* The new task, ready to run the program with argv and the default environment; NULL with *err. */
static struct task_struct *create_user_task(const char *path, int argc, char **argv, int *err)
{
	struct linux_binprm *bprm = bprm_alloc();
	struct task_struct *t = alloc_task();
	const char *base = strrchr(path, '/');

	*err = -ENOMEM;
	if (!t || !bprm)
		goto fail;
	*err = 0;
	for (int i = 0; i < argc && !*err; i++)
		*err = bprm_add_string(bprm, argv[i]);
	bprm->argc = argc;
	for (int i = 0; default_envp[i] && !*err; i++, bprm->envc++)
		*err = bprm_add_string(bprm, default_envp[i]);
	if (*err)
		goto fail;      /* -E2BIG */
	*err = alloc_program_pid();
	if (*err < 0)
		goto fail;
	t->pid = t->tgid = *err;
	if (t->pid == 1)        /* init takes only the signals it has handlers for (kernel/signal.c) */
		t->signal_flags = SIGNAL_UNKILLABLE;
	strlcpy(t->comm, base ? base + 1 : path, sizeof(t->comm));
	strlcpy(t->exe_path, path, sizeof(t->exe_path));
	t->exit_signal = SIGCHLD;
	t->real_parent = t->parent = &init_task;
	t->start_time = jiffies;
	memcpy(t->rlim, init_task.rlim, sizeof(t->rlim));      /* its ids are root's: zero */
	*err = files_init(t);
	if (*err)
		goto fail;
	fpu_init_state(&t->fpu);
	*err = exec_program(t, path, bprm);
	write_cr3(__pa(swapper_pg_dir));        /* the boot thread's page directory again */
	if (*err) {
		if (t->mm)
			mmput(t->mm);
		files_close_all(t);
		goto fail;
	}
	bprm_free(bprm);
	start_user_thread(t);
	list_add_tail(&t->sibling, &init_task.children);
	list_add_tail(&t->tasks, &init_task.tasks);
	nr_threads++;
	return t;
fail:
	if (bprm)
		bprm_free(bprm);
	if (t)
		free_task(t);
	return NULL;
}

int run_program(const char *path, int argc, char **argv, int *exit_code)
{
	struct task_struct *t;
	int err, status = 0, pid;

	t = create_user_task(path, argc, argv, &err);
	if (!t)
		return err;
	pid = t->pid;
	wake_up_new_task(t);
	while (kernel_wait4(pid, &status, 0, NULL) != pid)
		;
	*exit_code = shell_status(status);
	reap_leftovers();
	return 0;
}
