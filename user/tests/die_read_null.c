/* Must be killed: a load from address 0 (no page there): segfault, error 4 (user read, not present). */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_read_null: reading address 0x00000000\n");
	peek(0);
	fail("a read of address 0 did not fault");
}
