/* Must be killed: an invalid opcode (ud2). Linux sends SIGILL: status 128 + 4 = 132. */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_ud2: executing ud2\n");
	__asm__ volatile("ud2");
	fail("ud2 did not trap");
}
