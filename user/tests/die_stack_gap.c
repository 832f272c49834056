/*
 * Must be killed on Pagoda: after growing the stack 512 KiB down, a store
 * 65536 + 32 * 4 + 4096 bytes below %esp, one page beyond what i386 Linux
 * (before 4.20) let a stack grow to: segfault, error 6. Linux 4.20 and later
 * drop that rule, so there the store succeeds and this prints FAIL.
 */
#include <stdio.h>
#include "check.h"

#define GAP 69760               /* 65536 + 32 * 4 + 4096 */
#define STR(x) #x
#define XSTR(x) STR(x)

/* Set %esp to target + GAP, store to target, put %esp back: the fault sees exactly that %esp. */
void store_gap_below_esp(unsigned long target);
__asm__(
	".text\n"
	".globl store_gap_below_esp\n"
	"store_gap_below_esp:\n"
	"	movl 4(%esp), %eax\n"
	"	movl %esp, %ecx\n"
	"	leal " XSTR(GAP) "(%eax), %esp\n"
	"	movl $1, (%eax)\n"
	"	movl %ecx, %esp\n"
	"	ret\n");

int main(void)
{
	volatile char pad[512 * KiB];
	unsigned long target;

	for (long i = sizeof(pad) - 1; i >= 0; i -= 4096)
		pad[i] = 0;
	target = (stack_pointer() & ~15UL) - GAP;
	printf("die_stack_gap: writing address %#010lx with %%esp at %#010lx\n", target, target + GAP);
	store_gap_below_esp(target);
	fail("a write %d bytes below %%esp did not fault", GAP);
}
