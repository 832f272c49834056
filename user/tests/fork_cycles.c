/*
 * 1,000 fork/exit/wait cycles, the child writing a page of its own each time:
 * every cycle succeeds with the child's own status, and on Pagoda the free
 * page count after them is exactly what it was after ten warm-up cycles
 * (page tables, VMAs, the child's pages and its kernel stack all came back).
 */
#include <errno.h>
#include <stdlib.h>
#include "process.h"

#define CYCLES 1000

static char page[4096];

/* One cycle: 0 when the child ran and was reaped with its status. */
static int cycle(int n)
{
	int status = -1;
	long pid = sys_fork();

	if (pid == 0) {
		page[0] = (char)n;              /* a COW copy of a .bss page */
		child_exit(n & 0x7f);
	}
	if (pid < 0)
		return 1;
	if (sys_wait4(pid, &status, 0, NULL) != pid)
		return 2;
	return status == (n & 0x7f) << 8 ? 0 : 3;
}

int main(void)
{
	long before, after, every = 0;
	int i, bad = 0, first_bad = -1;

	page[0] = 1;
	for (i = 0; i < 10; i++)
		bad += cycle(i) != 0;
	/* check() writes its counters in a page of ours the cycles do not touch:
	 * its first call must come before the count, or that page looks lost */
	check(bad == 0, "10 warm-up fork/exit/wait cycles");
	before = free_pages();
	for (i = 0; i < CYCLES; i++) {
		int r = cycle(i);

		if (r && !bad++)
			first_bad = i;
		if (on_pagoda() && i % 100 == 99 && free_pages() != before)
			every++;
	}
	check(bad == 0, "%d fork/exit/wait cycles, each child reaped with its own status "
	      "(%d failed, the first at cycle %d)", CYCLES, bad, first_bad);
	check(page[0] == 1, "the parent's page is untouched by 1000 children's writes");
	check_ret(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "no child left");
	if (on_pagoda()) {
		after = free_pages();
		check(after == before, "free pages after the cycles: %ld, before: %ld", after, before);
		check(every == 0, "free pages were the same at every 100th cycle (%ld times not)", every);
	} else {
		skip("the free page count is Pagoda's (syscall 400)");
	}
	return done();
}
