/*
 * Running a program: make a task (kernel stack, files, FPU state), let
 * exec_program() build its address space, then drop to ring 3 with iret.
 * The program comes back to the kernel only through traps; when it exits
 * (or is killed), do_exit() jumps back to run_program(), which tears
 * everything down: every page, page table and the page directory.
 */
#include "arch/desc.h"
#include "arch/io.h"
#include "arch/pgtable.h"
#include "errno.h"
#include "mm/memory.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "printk.h"
#include "sched.h"
#include "string.h"

struct task_struct *current;
static int next_pid = 1;

void enter_user_mode(struct pt_regs *regs) __attribute__((noreturn));

/* Write the task's TLS descriptors into GDT slots 6-8 (set_thread_area). */
void load_tls(struct task_struct *t)
{
	for (int i = 0; i < GDT_TLS_ENTRIES; i++) {
		const struct tls_desc *d = &t->tls[i];

		if (d->present)
			set_gdt_entry(GDT_ENTRY_TLS_MIN + i, d->base, d->limit, d->access, d->flags);
		else
			set_gdt_entry(GDT_ENTRY_TLS_MIN + i, 0, 0, 0, 0);
	}
}

void do_exit(int code)
{
	current->exit_code = code;
	longjmp(current->exit_jmp, 1);
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
	kfree(t);
}

int run_program(const char *path, int argc, char **argv, int *exit_code)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	const char *base = strrchr(path, '/');
	int err;

	if (!t)
		return -ENOMEM;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	if (!t->stack) {
		kfree(t);
		return -ENOMEM;
	}
	t->pid = next_pid++;
	strlcpy(t->comm, base ? base + 1 : path, sizeof(t->comm));
	files_init(t);
	fpu_init_state(&t->fpu);
	current = t;
	if (setjmp(t->exit_jmp) == 0) {
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
	printk(KERN_INFO "%s[%d]: exit %d; %lu minor and %lu major faults, %lu pages resident at exit\n",
	       t->comm, t->pid, t->exit_code, t->mm->min_flt, t->mm->maj_flt, t->mm->rss);
	*exit_code = t->exit_code;
	current = NULL;
	task_free(t);
	return 0;
}
