/* Must be killed: a store to address 0: segfault, error 6 (user write, not present). */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_write_null: writing address 0x00000000\n");
	poke(0, 1);
	fail("a write to address 0 did not fault");
}
