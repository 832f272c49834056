/*
 * Must be killed: a call to an unmapped user address. The fault is on the
 * instruction fetch, at ip = address: error 4 (user read, not present; without
 * NX, non-PAE i386 does not set the instruction-fetch bit 0x10).
 */
#include <stdio.h>
#include "check.h"

#define NOWHERE 0x5eadb000UL   /* below PAGE_OFFSET, far from text, heap, mmap and stack */

int main(void)
{
	void (*f)(void) = (void (*)(void))NOWHERE;

	printf("die_jump_unmap: jumping to address %#010lx\n", NOWHERE);
	f();
	fail("a jump to an unmapped page did not fault");
}
