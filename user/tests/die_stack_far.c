/*
 * Must be killed: a store 16 MiB below the stack pointer. No stack grows that
 * far in one step (Pagoda: more than 65536 + 32 * 4 below %esp; Linux: past
 * the 8 MiB stack limit): segfault, error 6.
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
