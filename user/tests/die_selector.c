/*
 * Must be killed: the program loads a selector the CPU refuses into a
 * segment register itself. A general protection fault in user mode:
 * SIGSEGV, status 139, and the kernel goes on. The argument says which:
 *   gs-empty   0x3b, the second TLS slot, never filled
 *   fs-ldt     0x07, the LDT, which the program does not have
 *   gs-beyond  0xfffb, past the end of any GDT
 *   ds-kernel  0x13, GDT entry 2 with RPL 3 (the kernel's data or nothing)
 *   ss-null    0, the null selector, into %ss
 */
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	printf("die_selector: loading %s\n", what);
	if (!strcmp(what, "gs-empty"))
		__asm__ volatile("movw %w0, %%gs" : : "r"(0x3b));
	else if (!strcmp(what, "fs-ldt"))
		__asm__ volatile("movw %w0, %%fs" : : "r"(0x07));
	else if (!strcmp(what, "gs-beyond"))
		__asm__ volatile("movw %w0, %%gs" : : "r"(0xfffb));
	else if (!strcmp(what, "ds-kernel"))
		__asm__ volatile("movw %w0, %%ds" : : "r"(0x13));
	else if (!strcmp(what, "ss-null"))
		__asm__ volatile("movw %w0, %%ss" : : "r"(0));
	else
		fail("usage: die_selector gs-empty|fs-ldt|gs-beyond|ds-kernel|ss-null");
	fail("loading %s did not fault", what);
}
