/* Must be killed: memory given back by shrinking the break is gone: a store there faults, error 6. */
#include <stdio.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	char *p = sbrk(64 * KiB);
	unsigned long last = ((unsigned long)p + 64 * KiB - 4) & ~3UL;

	check(p != (void *)-1, "sbrk(64 KiB) = %p", (void *)p);
	poke(last, 1);
	check(peek(last) == 1, "its last word is writable");
	check(sbrk(-64 * KiB) != (void *)-1, "sbrk(-64 KiB)");
	printf("die_brk_shrunk: writing address %#010lx\n", last);
	poke(last, 2);
	fail("a write above the shrunk break did not fault");
}
