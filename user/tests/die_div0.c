/* Must be killed: an integer division by zero. Linux sends SIGFPE: status 128 + 8 = 136. */
#include <stdio.h>
#include "check.h"

int main(void)
{
	unsigned int q, zero = 0;

	printf("die_div0: dividing by zero\n");
	__asm__ volatile("xorl %%edx, %%edx\n\tdivl %1" : "=a"(q) : "r"(zero), "a"(1) : "edx");
	fail("division by zero did not trap (got %u)", q);
}
