/*
 * Must be killed: a privileged instruction (cli) in ring 3 raises a general
 * protection fault. Linux sends SIGSEGV: status 139, but no "segfault at" line.
 */
#include <stdio.h>
#include "check.h"

int main(void)
{
	printf("die_gpf: executing cli\n");
	__asm__ volatile("cli");
	fail("cli in user mode did not trap");
}
