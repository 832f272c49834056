/*
 * A fork bomb the kernel must survive: fork until fork fails, first with
 * children that exit at once and are not waited for (zombies hold only their
 * task), then with children that stay alive in pause() (each holds an
 * address space and a kernel stack). Fork must fail with EAGAIN (a task
 * limit: Linux's threads-max, RLIMIT_NPROC) or ENOMEM, never crash; then
 * every child is killed and reaped, and on Pagoda the free page count comes
 * back to where it was (within a few pages the slab caches may keep).
 */
#include <errno.h>
#include <stdlib.h>
#include "process.h"

#define __NR_pause 29
#define MAX_CHILDREN 200000
#define SLAB_SLACK 64           /* pages: empty slabs a cache may keep */

static long *pids;

static long bomb(int live, long *failure)
{
	long n = 0, pid;

	for (;;) {
		if (n == MAX_CHILDREN)
			fail("fork still works after %d children", MAX_CHILDREN);
		pid = sys_fork();
		if (pid == 0) {
			while (live)
				__syscall0(__NR_pause);
			child_exit(0);
		}
		if (pid < 0) {
			*failure = pid;
			return n;
		}
		pids[n++] = pid;
	}
}

static void round(int live)
{
	long before = free_pages(), failure = 0, n, i, reaped = 0, bad = 0;
	int status;

	n = bomb(live, &failure);
	printf("# %ld %s children, then fork() = -%s\n", n, live ? "live" : "zombie", errname(failure));
	check(failure == -EAGAIN || failure == -ENOMEM, "fork() fails with EAGAIN or ENOMEM after %ld %s children "
	      "(-%s)", n, live ? "live" : "zombie", errname(failure));
	check(n > 10, "more than 10 children were made first (%ld)", n);
	for (i = 0; live && i < n; i++)
		if (sys_kill(pids[i], SIGKILL) != 0)
			bad++;
	check(bad == 0, "kill(child, SIGKILL) for each live child (%ld refused)", bad);
	for (i = 0; i < n; i++) {
		status = -1;
		if (sys_wait4(pids[i], &status, 0, NULL) == pids[i] &&
		    status == (live ? SIGKILL : 0))
			reaped++;
	}
	check(reaped == n, "each of the %ld children reaped, with status %s (%ld were)", n,
	      live ? "9 (SIGKILL)" : "0", reaped);
	check_ret(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "no child left");
	if (on_pagoda()) {
		long after = free_pages();

		check(after >= before - SLAB_SLACK && after <= before,
		      "free pages back to %ld (of %ld before, %d of slack for the slab caches)", after, before,
		      SLAB_SLACK);
	} else {
		skip("the free page count is Pagoda's (syscall 400)");
	}
	n = sys_fork();
	if (n == 0)
		child_exit(3);
	check(n > 0, "fork() works again afterwards (%ld)", n);
	check_ret(sys_wait4(n, &status, 0, NULL), n, "and its child is reaped");
}

int main(void)
{
	pids = malloc(MAX_CHILDREN * sizeof(*pids));
	check(pids != NULL, "room for %d pids", MAX_CHILDREN);
	round(0);
	round(1);
	return done();
}
