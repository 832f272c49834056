/*
 * do_trap: the C side of every trap and interrupt (arch/i386/entry/entry_32.asm).
 * Page faults go to mm (do_page_fault), IRQs to do_irq, int $0x80 to the
 * system-call table. Any other exception in the kernel is a bug: print
 * its name, error code, registers and a backtrace, then panic.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/ptrace.h"
#include "asm/traps.h"
#include "linux/bug.h"
#include "linux/kallsyms.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/uaccess.h"

void (*syscall_handler)(struct pt_regs *regs);
extern const char ret_from_trap_fix_fs[], ret_from_trap_fix_gs[];       /* entry_32.asm */

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection", "page fault", "reserved (15)",
	"coprocessor error", "alignment check", "machine check",
	"SIMD floating-point exception", "virtualization exception",
	"control protection", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "reserved (28)",
	"reserved (29)", "security exception", "reserved (31)",
};

const char *trap_name(unsigned int trapno)
{
	if (trapno == TRAP_IRET)
		return "iret exception";
	return trapno < 32 ? exception_names[trapno] : "interrupt";
}

void show_regs(const struct pt_regs *regs)
{
	unsigned long esp = user_mode(regs) ? regs->esp
			    : (unsigned long)&regs->esp;  /* no stack switch: the old esp is here */

	char sym[96];

	sprint_symbol(sym, sizeof(sym), regs->eip);
	printk("EIP: %04x:[<%08x>] EFLAGS: %08x\n", regs->cs & 0xffff, regs->eip, regs->eflags);
	printk("EIP is at %s\n", sym);
	printk("EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk("ESI: %08x EDI: %08x EBP: %08x ESP: %08lx\n", regs->esi, regs->edi, regs->ebp, esp);
	printk(" DS: %04x ES: %04x FS: %04x GS: %04x SS: %04x\n", regs->ds & 0xffff,
	       regs->es & 0xffff, regs->fs & 0xffff, regs->gs & 0xffff,
	       user_mode(regs) ? regs->ss & 0xffff : 0x10);
	printk("CR0: %08x CR2: %08x CR3: %08x CR4: %08x\n", read_cr0(), read_cr2(),
	       read_cr3(), read_cr4());
}

/* Print everything about a fatal trap, then panic. */
void die(const char *msg, struct pt_regs *regs)
{
	static int die_counter;

	printk(KERN_EMERG "%s: %04x [#%d]\n", msg, regs->orig_eax & 0xffff, ++die_counter);
	show_regs(regs);
	show_trace(regs->eip, regs->ebp);
	panic("Fatal exception: %s", msg);
}

static void bad_trap(struct pt_regs *regs)
{
	unsigned long fixup;

	if ((user_mode(regs) && regs->trapno < 32) || regs->trapno == TRAP_IRET) {
		force_sig_trap(regs);   /* a program's own fault: it dies, not the kernel */
		return;
	}
	/* The way back to ring 3 reloads what the program left in its segment
	 * registers and iret frame: those instructions have fixups (entry_32.asm),
	 * as Linux's do_trap() asks fixup_exception() first. */
	fixup = regs->trapno < 32 ? search_exception_tables(regs->eip) : 0;
	if (fixup) {
		/* %fs or %gs could not be reloaded: the live one (saved in this
		 * trap's frame) is as stale; it comes back null too */
		if (fixup == (unsigned long)ret_from_trap_fix_fs)
			regs->fs = 0;
		if (fixup == (unsigned long)ret_from_trap_fix_gs)
			regs->gs = 0;
		regs->eip = fixup;
		return;
	}
	printk(KERN_EMERG "Unexpected exception %u (%s), error code %#x%s\n",
	       regs->trapno, trap_name(regs->trapno), regs->orig_eax,
	       user_mode(regs) ? " in user mode" : "");
	if (regs->trapno == TRAP_PAGE_FAULT)
		printk(KERN_EMERG "CR2 (faulting address): %08x\n", read_cr2());
	die(trap_name(regs->trapno), regs);
}

static void dispatch_trap(struct pt_regs *regs)
{
	if (regs->trapno >= IRQ_VECTOR_BASE && regs->trapno < IRQ_VECTOR_BASE + NR_IRQS)
		do_irq(regs);
	else if (regs->trapno == TRAP_PAGE_FAULT)
		do_page_fault(regs, regs->orig_eax);
	else if (regs->trapno == SYSCALL_VECTOR && syscall_handler)
		syscall_handler(regs);
	else
		bad_trap(regs);
}

void do_trap(struct pt_regs *regs)
{
	dispatch_trap(regs);
	if (user_mode(regs))
		exit_to_user_mode(regs);        /* reschedule, signals */
}
