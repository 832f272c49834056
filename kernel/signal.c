/*
 * Signals. So far: a fatal exception in user mode kills the process
 * with the signal Linux would send (its wait status says which).
 * The rest of the interface in linux/signal.h answers "nothing pending".
 */
#include "asm/traps.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/signal.h"

static int trap_signal(unsigned int trapno)
{
	switch (trapno) {
	case 0: case 16: case 19:
		return SIGFPE;          /* divide error, x87 and SIMD errors */
	case 1: case 3:
		return SIGTRAP;
	case 6: case TRAP_IRET:
		return SIGILL;          /* Linux's iret_error sends SIGILL too */
	case 11: case 12: case 17:
		return SIGBUS;          /* segment not present, stack segment, alignment */
	default:
		return SIGSEGV;         /* overflow (into: do_error_trap), general protection, the rest */
	}
}

void force_sig_trap(struct pt_regs *regs)
{
	int sig = trap_signal(regs->trapno);

	printk(KERN_INFO "traps: %s[%d] trap %s ip:%x sp:%x error:%x\n", current->comm,
	       current->pid, trap_name(regs->trapno), regs->eip, regs->esp, regs->orig_eax);
	force_sig_fault(sig, 0, 0);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	(void)code, (void)addr;
	do_exit(sig);
}

bool signal_pending(struct task_struct *p)
{
	(void)p;
	return false;
}

bool fatal_signal_pending(struct task_struct *p)
{
	(void)p;
	return false;
}

int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	(void)info, (void)p;
	return sig < 1 || sig > _NSIG ? -22 : 0;
}

void signal_fork(struct task_struct *p, unsigned long clone_flags)
{
	(void)p, (void)clone_flags;
}

void signal_exec(struct task_struct *p)
{
	(void)p;
}

bool do_notify_parent(struct task_struct *tsk, int sig)
{
	(void)tsk, (void)sig;
	return false;
}

void do_signal(struct pt_regs *regs)
{
	(void)regs;
}
