/*
 * The way back to user mode (Linux's kernel/entry/common.c): before a
 * trap, interrupt or system call returns to ring 3, the task gives up
 * the CPU if its time slice is over, takes its pending signals, and
 * brings its restartable sequence up to date (kernel/rseq.c).
 * Kernel code is never preempted: it runs until it sleeps or returns.
 */
#include "asm/io.h"
#include "linux/rseq.h"
#include "linux/sched.h"
#include "linux/signal.h"

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		local_irq_disable();
		if (current->need_resched) {
			local_irq_enable();
			schedule();
			continue;
		}
		if (signal_pending(current)) {
			local_irq_enable();
			do_signal(regs);
			continue;
		}
		if (current->rseq_notify) {
			local_irq_enable();
			rseq_handle_notify_resume(0, regs);
			continue;
		}
		return;         /* with interrupts off: iret turns them back on */
	}
}
