/* Must be killed: a store to the kernel's direct map at 0xc0000000: segfault, error 7 (user write, protection). */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_write_kern: writing address %#010lx\n", PAGE_OFFSET);
	poke(PAGE_OFFSET, 0xdead);
	fail("a write to kernel memory did not fault");
}
