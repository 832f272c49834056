/*
 * Must be killed: a store 16 MiB below the stack pointer. The stack would
 * then be larger than its 8 MiB limit (RLIMIT_STACK): segfault, error 6.
 */
#include <stdio.h>
#include "check.h"

int main(void)
{
	unsigned long addr = (stack_pointer() - 16 * MiB) & ~3UL;

	printf("die_stack_far: writing address %#010lx\n", addr);
	poke(addr, 1);
	fail("a write 16 MiB below the stack did not fault");
}
