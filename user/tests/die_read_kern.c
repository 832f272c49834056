/*
 * Must be killed: a load from the kernel's direct map at 0xc0000000. The page
 * is present but supervisor-only: segfault, error 5 (user read, protection).
 */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_read_kern: reading address %#010lx\n", PAGE_OFFSET);
	peek(PAGE_OFFSET);
	fail("a read of kernel memory did not fault");
}
