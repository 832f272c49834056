/*
 * Must be killed: a call to an unmapped kernel address. Linux reports any
 * user access at or above TASK_SIZE as a protection fault (error 5, user
 * read, protection: arch/x86/mm/fault.c's sanitize_error_code()), so the
 * error code does not reveal whether the kernel maps that page.
 */
#include <stdio.h>
#include "check.h"

#define KERNEL_NOWHERE 0xfffff000UL     /* the page above the fixmap: never mapped */

int main(void)
{
	void (*f)(void) = (void (*)(void))KERNEL_NOWHERE;

	printf("die_jump_kern: jumping to address %#010lx\n", KERNEL_NOWHERE);
	f();
	fail("a jump to a kernel address did not fault");
}
