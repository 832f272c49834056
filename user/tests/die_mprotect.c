/* Must be killed: a store to a page made read-only by mprotect after it was written: error 7. */
#include <stdio.h>
#include <sys/mman.h>
#include "check.h"

int main(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap one page at %p", (void *)p);
	p[0] = 'w';
	check(mprotect(p, 4096, PROT_READ) == 0, "mprotect(PROT_READ)");
	check(p[0] == 'w', "the page is still readable");
	printf("die_mprotect: writing address %#010lx\n", (unsigned long)p + 8);
	poke((unsigned long)p + 8, 1);
	fail("a write to a PROT_READ page did not fault");
}
