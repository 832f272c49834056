/*
 * Switching tasks, the i386 part (Linux's arch/x86/kernel/process_32.c
 * and arch/x86/entry/entry_32.S's __switch_to_asm).
 *
 * A task that is not running is stopped inside switch_to(): its kernel
 * stack holds the callee-saved registers and the address to return to,
 * and task->thread.sp points at them. Switching is: save the FPU, load
 * the next task's page directory, TSS stack pointer and TLS descriptors,
 * and swap stack pointers (switch_stack in entry_32.asm). A new task's
 * stack is built by copy_thread() to "return" into ret_from_fork.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/pgtable.h"
#include "asm/irq.h"
#include "asm/segment.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/uaccess.h"

void switch_stack(unsigned long *prev_sp, unsigned long next_sp);     /* entry_32.asm */
void ret_from_fork(void);                                              /* entry_32.asm */
void start_user_thread(struct task_struct *p);

/*
 * The page directory next runs on: its own, or the kernel's (init_task, a
 * task that has exited, a kernel thread). Linux leaves the previous
 * task's loaded for a task without an mm (active_mm, lazy TLB: the
 * kernel half is the same in all of them); see kernel/kthread.c.
 */
static unsigned long task_cr3(const struct task_struct *t)
{
	return __pa(t->mm ? t->mm->pgd : swapper_pg_dir);
}

void switch_to(struct task_struct *prev, struct task_struct *next)
{
	fpu_save(&prev->fpu);   /* the kernel uses no FPU: the registers are prev's */
	if (task_cr3(next) != read_cr3())
		write_cr3(task_cr3(next));
	if (next->stack)
		init_tss.esp0 = (uint32_t)next->stack + THREAD_SIZE;
	/* Each task's own %fs and %gs are in its saved pt_regs: the live ones
	 * may name a TLS slot that next does not have. */
	loadsegment(fs, 0);
	loadsegment(gs, 0);
	load_tls(next);
	fpu_restore(&next->fpu);
	current = next;
	switch_stack(&prev->thread.sp, next->thread.sp);
}

/*
 * The child's first return to user mode: the parent's registers with
 * eax = 0 (fork returns 0 in the child), and a new stack pointer when
 * clone() gave one. Below them, the frame switch_stack pops: four
 * callee-saved registers and ret_from_fork (Linux's copy_thread).
 */
void copy_thread(struct task_struct *p, unsigned long newsp)
{
	struct pt_regs *regs = task_pt_regs(p);

	*regs = *task_pt_regs(current);
	regs->eax = 0;
	if (newsp)
		regs->esp = newsp;
	start_user_thread(p);
}

/* p's saved registers are ready (exec_program's start_thread): its first switch goes through ret_from_fork. */
void start_user_thread(struct task_struct *p)
{
	unsigned long *frame = (unsigned long *)task_pt_regs(p) - 5;

	frame[0] = frame[1] = frame[2] = frame[3] = 0;  /* edi, esi, ebx, ebp */
	frame[4] = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
}

/*
 * A kernel thread's first code, entered by switch_stack's ret with fn and
 * arg above a return address that is never used: finish the switch, turn
 * interrupts back on (schedule() switched with them off), run fn. A kernel
 * thread ends in do_exit() (kthread_exit); one whose fn returns exits too.
 * Linux's ret_from_fork does this for a PF_KTHREAD task.
 */
static __noreturn void ret_from_kernel_thread(int (*fn)(void *), void *arg)
{
	finish_task_switch();
	local_irq_enable();
	fn(arg);
	do_exit(0);
}

void kthread_frame_init(struct task_struct *k, int (*fn)(void *), void *arg)
{
	unsigned long *frame = (unsigned long *)task_pt_regs(k) - 8;

	frame[0] = frame[1] = frame[2] = frame[3] = 0;  /* edi, esi, ebx, ebp: 0 ends a backtrace */
	frame[4] = (unsigned long)ret_from_kernel_thread;
	frame[5] = 0;                                   /* its return address: it never returns */
	frame[6] = (unsigned long)fn;
	frame[7] = (unsigned long)arg;
	k->thread.sp = (unsigned long)frame;
}

/*
 * What a new task does first, on its own stack, before ret_from_trap
 * takes it to user mode (Linux's schedule_tail): free what the task it
 * was switched from left (if that one exited), tell the parent its PID
 * with CLONE_CHILD_SETTID, and take the way back to user mode as every
 * return does.
 */
void schedule_tail(struct pt_regs *regs)
{
	finish_task_switch();
	if (current->set_child_tid)
		put_user(current->pid, (int *)current->set_child_tid);
	exit_to_user_mode(regs);
}
