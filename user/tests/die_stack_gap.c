/*
 * Must be killed: the stack may grow down to stack_guard_gap (256 pages) above the mapping below
 * it, and no closer (Linux 6.1's expand_downwards). A page is mapped 4 MiB below %esp; a store
 * exactly 1 MiB above that page's end grows the stack; a store one page lower, however close to
 * %esp it is (Linux dropped the 64 KiB rule in 4.20), is a segfault, error 6.
 */
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define GAP (256 * PAGE_SIZE)

/* Set %esp to target + 64, store to target, put %esp back: the fault sees %esp right above. */
void store_below_esp(unsigned long target);
__asm__(
	".text\n"
	".globl store_below_esp\n"
	"store_below_esp:\n"
	"	movl 4(%esp), %eax\n"
	"	movl %esp, %ecx\n"
	"	leal 64(%eax), %esp\n"
	"	movl $1, (%eax)\n"
	"	movl %ecx, %esp\n"
	"	ret\n");

int main(void)
{
	unsigned long below = (stack_pointer() - 4 * MiB) & ~(PAGE_SIZE - 1), target;
	long m = __syscall6(__NR_mmap2, below, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (m != (long)below)
		fail("mmap a page at %#lx = %#lx", below, m);
	store_below_esp(below + PAGE_SIZE + GAP);
	printf("die_stack_gap: grown to exactly stack_guard_gap above the page below\n");
	target = below + PAGE_SIZE + GAP - 4;
	printf("die_stack_gap: writing address %#010lx with %%esp at %#010lx\n", target, target + 64);
	store_below_esp(target);
	fail("the stack grew into the guard gap of the mapping below it");
}
