/* Must be killed: a store into the program's own (read-only) text: segfault, error 7 (user write, protection). */
#include <stdio.h>
#include "check.h"

int main(void)
{
	unsigned long addr = (unsigned long)main;

	printf("die_write_text: writing address %#010lx\n", addr);
	poke(addr, 0x90909090);
	fail("a write to text did not fault");
}
