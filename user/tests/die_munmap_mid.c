/* Must be killed: munmap the middle of three pages; both ends still work, the middle faults: error 4. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "check.h"

int main(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap three pages at %p", (void *)p);
	memset(p, 'm', 3 * 4096);
	check(munmap(p + 4096, 4096) == 0, "munmap the middle page");
	p[0] = 'a';
	p[3 * 4096 - 1] = 'z';
	check(p[4095] == 'm' && p[2 * 4096] == 'm' && p[0] == 'a' && p[3 * 4096 - 1] == 'z',
	      "the first and the last page are still readable and writable");
	printf("die_munmap_mid: reading address %#010lx\n", (unsigned long)p + 4096 + 100);
	peek((unsigned long)p + 4096 + 100);
	fail("a read of the unmapped middle page did not fault");
}
