/*
 * Signals, as far as Pagoda has them: a fatal exception in user mode
 * kills the process with the signal Linux would send, and its exit status
 * is 128 + the signal number, as a shell shows it.
 */
#include "asm/traps.h"
#include "linux/printk.h"
#include "linux/sched.h"

#define SIGILL  4
#define SIGTRAP 5
#define SIGBUS  7
#define SIGFPE  8
#define SIGSEGV 11

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
	do_exit(128 + sig);
}
