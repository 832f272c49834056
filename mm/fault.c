/*
 * do_page_fault: the page-fault handler (keep the name: students put a
 * breakpoint on it). CR2 holds the address, the error code says why:
 * bit 0 P (0 = page not present, 1 = protection), bit 1 W, bit 2 U,
 * bit 3 RSVD, bit 4 I/D (instruction fetch).
 *
 * This stage of the kernel has no user processes yet, so every fault is a
 * kernel bug: print Linux's oops and die.
 */
#include "arch/io.h"
#include "arch/page.h"
#include "arch/traps.h"
#include "kallsyms.h"
#include "ktest.h"
#include "mm/vmalloc.h"
#include "printk.h"

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

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	/* A kernel address, not present, from kernel mode: maybe a vmalloc
	 * page table this page directory has not copied yet. */
	if (address >= TASK_SIZE && !(error_code & (PF_PROT | PF_USER | PF_RSVD))) {
		if (vmalloc_fault(address) == 0)
			return;
	}
	no_context(regs, error_code, address);
}
