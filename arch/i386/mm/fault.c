/*
 * do_page_fault: the page-fault handler (keep the name: students put a
 * breakpoint on it). CR2 holds the address, the error code says why:
 * bit 0 P (0 = page not present, 1 = protection), bit 1 W, bit 2 U,
 * bit 3 RSVD, bit 4 I/D (instruction fetch).
 *
 * The order is Linux's: a kernel address may be a vmalloc page table this
 * page directory has not copied yet (vmalloc_fault); a user address is
 * looked up in the process's VMAs (growing a stack VMA down to it if it
 * lies below one), checked against the VMA's permissions, and handed to
 * handle_mm_fault. A bad user access kills the process; a bad kernel
 * access to user memory resumes at its exception-table fixup; anything
 * else is a kernel bug: Linux's oops.
 */
#include "asm/io.h"
#include "asm/page.h"
#include "asm/traps.h"
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/kallsyms.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/oom.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/uaccess.h"
#include "linux/vma.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

#define PF_PROT  0x01
#define PF_WRITE 0x02
#define PF_USER  0x04
#define PF_RSVD  0x08
#define PF_INSTR 0x10


/* Show the page-directory and page-table entries that translate address. */
static void dump_pagetable(unsigned long address)
{
	unsigned long *pgd = __va(read_cr3() & ~0xFFFUL);
	unsigned long pde = pgd[address >> 22];

	printk(KERN_ALERT "*pde = %08lx", pde);
	if ((pde & 1) && !(pde & 0x80)) {       /* present, and not a 4 MiB page */
		unsigned long pt_phys = pde & ~0xFFFUL;

		if (pt_phys < __pa(high_memory)) {
			unsigned long *pte = __va(pt_phys);
			printk(" *pte = %08lx", pte[(address >> 12) & 1023]);
		}
	}
	printk("\n");
}

static void no_context(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	unsigned long fixup = search_exception_tables(regs->eip);

	if (fixup) {            /* copy_from_user & co.: the call returns -EFAULT */
		regs->eip = fixup;
		return;
	}
	ktest_fault_fixup(regs, address, error_code);  /* a self-test that expects this fault */
	if (address < 4096)
		printk(KERN_ALERT "BUG: unable to handle kernel NULL pointer dereference at %08lx\n", address);
	else
		printk(KERN_ALERT "BUG: unable to handle kernel paging request at %08lx\n", address);
	printk(KERN_ALERT "IP:");
	print_symbol(regs->eip);
	printk(KERN_ALERT "error %lx: %s, %s, %s mode%s\n", error_code,
	       error_code & PF_PROT ? "protection violation" : "page not present",
	       error_code & PF_INSTR ? "instruction fetch" : error_code & PF_WRITE ? "write" : "read",
	       error_code & PF_USER ? "user" : "kernel",
	       error_code & PF_RSVD ? ", reserved bit set" : "");
	dump_pagetable(address);
	die("Oops", regs);
}

/* The fault, for the sigcontext of a handler (Linux keeps it in thread_struct too). */
static void set_signal_archinfo(unsigned long address, unsigned long error_code)
{
	current->thread.cr2 = address;
	current->thread.error_code = error_code;
	current->thread.trap_nr = TRAP_PAGE_FAULT;
}

/*
 * A program touched what it may not: SIGSEGV, with si_code SEGV_MAPERR
 * (nothing mapped there) or SEGV_ACCERR (mapped, but not for this
 * access). Linux logs the fault only when no handler will see it.
 */
static void __bad_area(struct pt_regs *regs, unsigned long error_code, unsigned long address, int si_code)
{
	if (user_mode(regs)) {
		/* Linux's sanitize_error_code(): a user access to a kernel address
		 * reads as a protection fault whether or not a page is there, so
		 * the error code does not tell the program the kernel's layout. */
		if (address >= TASK_SIZE)
			error_code |= PF_PROT;
		if (unhandled_signal(current, SIGSEGV))
			printk(KERN_INFO "%s[%d]: segfault at %lx ip %08x sp %08x error %lx\n",
			       current->comm, current->pid, address, regs->eip, regs->esp, error_code);
		set_signal_archinfo(address, error_code);
		force_sig_fault(SIGSEGV, si_code, address);
		return;
	}
	no_context(regs, error_code, address);
}

static void bad_area(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	__bad_area(regs, error_code, address, SEGV_MAPERR);
}

static void bad_area_access_error(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	__bad_area(regs, error_code, address, SEGV_ACCERR);
}

/*
 * Grow a VM_GROWSDOWN VMA (the stack, or any MAP_GROWSDOWN mapping) down
 * to cover address. Linux 6.1's expand_downwards and acct_stack_growth:
 * the VMA may not come within stack_guard_gap of an accessible mapping
 * below it (another stack does not count), may not take the address
 * space past RLIMIT_AS, and may not be larger than RLIMIT_STACK afterwards
 * (exactly the limit is allowed). Returns 0, or -ENOMEM, which the caller
 * turns into SIGSEGV.
 */
static int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	/* LAB 4: BEGIN SOLUTION */
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long start = address & PAGE_MASK;

	/* find_vma() gave us vma, so start is at or above prev's end */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
	    start - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if (!may_expand_vm(vma->vm_mm, vma->vm_flags, (vma->vm_start - start) >> PAGE_SHIFT))
		return -ENOMEM;
	if (vma->vm_end - start > rlimit(RLIMIT_STACK))
		return -ENOMEM; /* also stops a kernel access far below a stack */
	/* overcommit last, as it counts the pages (Linux charges even a VMA
	 * without VM_ACCOUNT, which its munmap never gives back: not here) */
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    security_vm_enough_memory_mm(vma->vm_mm, (long)((vma->vm_start - start) >> PAGE_SHIFT)))
		return -ENOMEM;
	vma->vm_mm->total_vm += (vma->vm_start - start) >> PAGE_SHIFT;
	vma->vm_pgoff -= (vma->vm_start - start) >> PAGE_SHIFT;        /* still vm_start's page */
	vma->vm_start = start;  /* still sorted: nothing lies in between */
	return 0;
	/* LAB 4: END SOLUTION */
}

static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & PF_PROT)       /* a read of a present page cannot be allowed later */
		return true;
	return !(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE));
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();
	struct mm_struct *mm = current ? current->mm : NULL;
	struct vm_area_struct *vma;
	int fault;

	if (address >= TASK_SIZE) {
		/* A kernel address, not present, from kernel mode: maybe a vmalloc
		 * page table this page directory has not copied yet. */
		if (!(error_code & (PF_PROT | PF_USER | PF_RSVD)) && vmalloc_fault(address) == 0)
			return;
		bad_area(regs, error_code, address);
		return;
	}
	if (!mm) {
		no_context(regs, error_code, address);
		return;
	}
	if (regs->eflags & (1 << 9))
		local_irq_enable();     /* the fault may take a while; interrupts may run */
	vma = find_vma(mm, address);
	if (!vma) {
		bad_area(regs, error_code, address);
		return;
	}
	if (vma->vm_start > address) {
		/* Below a stack: it grows, however far %esp is (Linux 4.20 dropped the 64 KiB rule) */
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)) {
			bad_area(regs, error_code, address);
			return;
		}
	}
	if (access_error(error_code, vma)) {
		bad_area_access_error(regs, error_code, address);
		return;
	}
	fault = handle_mm_fault(mm, vma, address, error_code & PF_WRITE ? FAULT_FLAG_WRITE : 0);
	if (fault & VM_FAULT_SIGSEGV) {
		bad_area(regs, error_code, address);
		return;
	}
	if (fault & VM_FAULT_SIGBUS) {
		/* A file page past the end of the file: Linux's do_sigbus, which logs nothing. */
		if (!user_mode(regs)) {
			no_context(regs, error_code, address);  /* copy_to_user & co.: -EFAULT */
			return;
		}
		set_signal_archinfo(address, error_code);
		force_sig_fault(SIGBUS, BUS_ADRERR, address);
		return;
	}
	if (fault & VM_FAULT_OOM) {
		if (!user_mode(regs)) {
			no_context(regs, error_code, address);
			return;
		}
		/* the allocator has run the OOM killer: retry, or die if chosen */
		pagefault_out_of_memory();
	}
}
