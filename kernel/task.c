/*
 * Linux splits this between kernel/fork.c and kernel/exit.c; one file until Pagoda has fork and exit.
 *
 * Running a program: make a task (kernel stack, files, FPU state), let
 * exec_program() build its address space, then drop to ring 3 with iret.
 * The program comes back to the kernel only through traps; when it exits
 * (or is killed), do_exit() jumps back to run_program(), which tears
 * everything down: every page, page table and the page directory.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/pgtable.h"
#include "asm/segment.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"

struct task_struct *current;
static int next_pid = 1;

/*
 * Tasks come from a cache of their own, aligned as struct task_struct
 * asks (16 bytes: fxsave's image), whatever the debug options do to a
 * slot; kmalloc promises only 8 for an odd size (Linux's
 * task_struct_cachep, made in fork_init()).
 */
static struct kmem_cache *task_struct_cachep;

static struct task_struct *alloc_task_struct(void)
{
	if (!task_struct_cachep)
		task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
						       __alignof__(struct task_struct), SLAB_PANIC, NULL);
	return kmem_cache_alloc(task_struct_cachep, GFP_KERNEL | __GFP_ZERO);
}

void enter_user_mode(struct pt_regs *regs) __attribute__((noreturn));

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
static void record_exit(const struct task_struct *t)
{
	struct task_record *r = &history[history_next++ % TASK_HISTORY];
	const struct vm_area_struct *v;

	memset(r, 0, sizeof(*r));
	r->pid = t->pid;
	r->exit_code = t->exit_code & 0x7f ? 128 + (t->exit_code & 0x7f) : (t->exit_code >> 8) & 0xff;
	strlcpy(r->comm, t->comm, sizeof(r->comm));
	if (!t->mm)
		return;
	r->min_flt = t->mm->min_flt;
	r->maj_flt = t->mm->maj_flt;
	r->rss_at_exit = t->mm->rss;
	r->total_vm = t->mm->total_vm;
	for (v = t->mm->mmap; v && r->nr_vmas < MAPS_SNAPSHOT; v = v->vm_next, r->nr_vmas++) {
		r->vmas[r->nr_vmas].start = v->vm_start;
		r->vmas[r->nr_vmas].end = v->vm_end;
		r->vmas[r->nr_vmas].flags = v->vm_flags;
		r->vmas[r->nr_vmas].file = v->vm_file != NULL;
		r->vmas[r->nr_vmas].pgoff = v->vm_file ? v->vm_pgoff : 0;
		r->vmas[r->nr_vmas].ino = v->vm_file ? v->vm_file->ino : 0;
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

void do_exit(long code)
{
	current->exit_code = (int)code;
	longjmp(*current->ktest_exit, 1);
}

static void task_free(struct task_struct *t)
{
	write_cr3(__pa(swapper_pg_dir));        /* off the dying page directory */
	if (t->mm)
		mmput(t->mm);
	files_close_all(t);
	memset(t->tls, 0, sizeof(t->tls));
	load_tls(t);
	free_pages((unsigned long)t->stack, 1);
	kmem_cache_free(task_struct_cachep, t);
}

int run_program(const char *path, int argc, char **argv, int *exit_code)
{
	struct task_struct *t = alloc_task_struct();
	const char *base = strrchr(path, '/');
	jmp_buf exit_jmp;
	int err;

	if (!t)
		return -ENOMEM;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	if (!t->stack) {
		kmem_cache_free(task_struct_cachep, t);
		return -ENOMEM;
	}
	t->pid = next_pid++;
	strlcpy(t->comm, base ? base + 1 : path, sizeof(t->comm));
	files_init(t);
	fpu_init_state(&t->fpu);
	current = t;
	t->ktest_exit = &exit_jmp;
	if (setjmp(exit_jmp) == 0) {
		err = exec_program(t, path, argc, argv);
		if (err) {
			current = NULL;
			task_free(t);
			return err;
		}
		init_tss.esp0 = (uint32_t)t->stack + THREAD_SIZE;
		load_tls(t);
		fpu_restore(&t->fpu);
		enter_user_mode(task_pt_regs(t));
	}
	/* do_exit() lands here, on the kernel's own stack again. fs and gs may
	 * still hold the program's selectors (its TLS slot is about to go):
	 * the next interrupt would reload them, so clear them first. */
	__asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0));
	local_irq_enable();
	/* as a shell shows it: the exit status, or 128 + the signal that killed it */
	*exit_code = t->exit_code & 0x7f ? 128 + (t->exit_code & 0x7f) : (t->exit_code >> 8) & 0xff;
	printk(KERN_INFO "%s[%d]: exit %d; %lu minor and %lu major faults, %lu pages resident at exit\n",
	       t->comm, t->pid, *exit_code, t->mm->min_flt, t->mm->maj_flt, t->mm->rss);
	record_exit(t);
	current = NULL;
	task_free(t);
	return 0;
}
