/* Trap numbers and the handlers other layers provide to do_trap(). */
#ifndef PAGODA_ARCH_TRAPS_H
#define PAGODA_ARCH_TRAPS_H

#include "asm/ptrace.h"

#define TRAP_DIVIDE      0
#define TRAP_INVALID_OP  6
#define TRAP_DOUBLE_FAULT 8
#define TRAP_GP          13
#define TRAP_PAGE_FAULT  14
#define SYSCALL_VECTOR   0x80
/* Not a CPU vector: iret to user mode faulted (Linux's X86_TRAP_IRET,
 * which is 32 there; here 32 is IRQ 0). arch/i386/entry/entry_32.asm raises it. */
#define TRAP_IRET        256

const char *trap_name(unsigned int trapno);
__attribute__((noreturn)) void die(const char *msg, struct pt_regs *regs);

/* arch/i386/mm/fault.c */
void do_page_fault(struct pt_regs *regs, unsigned long error_code);

/* kernel/signal.c: kill the current program for a fatal user-mode exception. */
void force_sig_trap(struct pt_regs *regs);

/* Set by the system-call layer once it exists. */
extern void (*syscall_handler)(struct pt_regs *regs);

#endif
