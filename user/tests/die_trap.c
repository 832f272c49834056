/*
 * Must be killed: a trap instruction Linux lets user mode raise (IDT gates
 * 3 and 4 are DPL 3 there, X86_TRAP_BP and X86_TRAP_OF in idt.c). The
 * argument says which:
 *   int3    0xcc, the breakpoint: SIGTRAP, status 128 + 5 = 133
 *   int-3   int $3 (0xcd 0x03), the same trap: 133
 *   into    into with OF set, the overflow trap: Linux's do_error_trap
 *           sends SIGSEGV, status 139 (not the #GP a DPL 0 gate would give)
 *   int-4   int $4, the same trap: 139
 */
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	printf("die_trap: executing %s\n", what);
	if (!strcmp(what, "int3"))
		__asm__ volatile(".byte 0xcc");
	else if (!strcmp(what, "int-3"))
		__asm__ volatile(".byte 0xcd, 0x03");
	else if (!strcmp(what, "into"))         /* 0x7f + 1 sets OF */
		__asm__ volatile("movb $0x7f, %%al\n\taddb $1, %%al\n\tinto" : : : "eax", "cc");
	else if (!strcmp(what, "int-4"))
		__asm__ volatile("int $4");
	else
		fail("usage: die_trap int3|int-3|into|int-4");
	fail("%s did not trap", what);
}
