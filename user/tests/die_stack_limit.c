/*
 * Must be killed: move %esp 16 MiB below where it is and store right at it.
 * Where %esp points does not matter: the stack may not grow past its 8 MiB
 * limit (Linux's RLIMIT_STACK): segfault, error 6. die_stack_rlimit checks
 * the limit to the page.
 */
#include <stdio.h>
#include "check.h"

/* Set %esp to target, store at it, put %esp back. */
void store_at_esp(unsigned long target);
__asm__(
	".text\n"
	".globl store_at_esp\n"
	"store_at_esp:\n"
	"	movl 4(%esp), %eax\n"
	"	movl %esp, %ecx\n"
	"	movl %eax, %esp\n"
	"	movl $1, (%esp)\n"
	"	movl %ecx, %esp\n"
	"	ret\n");

int main(void)
{
	unsigned long target = (stack_pointer() & ~15UL) - 16 * MiB;

	printf("die_stack_limit: writing address %#010lx with %%esp at %#010lx\n", target, target);
	store_at_esp(target);
	fail("the stack grew 16 MiB in one step, past an 8 MiB limit");
}
