/*
 * Orphans, as Linux 6.1 treats them: when a process exits, its children go
 * to init (PID 1, which this program is on Pagoda and, in a PID namespace of
 * its own, on Linux); an orphan's getppid() becomes 1, and init's wait4
 * reaps it, whether it was still running or already a zombie when its parent
 * exited. A fork tree of three levels checks, at each level, that the data
 * every ancestor wrote arrived and that its own survives its children.
 */
#include <errno.h>
#include <string.h>
#include "process.h"

/* The middle child forks a grandchild, then exits: running selects a grandchild that outlives it. */
static void orphan(int running)
{
	long middle, got;
	int status = -1;

	middle = sys_fork();
	if (middle == 0) {
		long me = sys_getpid(), grandchild = sys_fork();
		int i;

		if (grandchild == 0) {
			if (!running)
				child_exit(9);          /* a zombie, then an orphan */
			/* Its parent is me until it exits (it may have exited already). */
			child_expect(sys_getppid() == me || sys_getppid() == 1, 1, 2, "getppid() is its parent or init");
			for (i = 0; i < 100000 && sys_getppid() != 1; i++)
				sys_sched_yield();
			child_expect(sys_getppid(), 1, 3, "getppid() of the orphan, after its parent exited");
			child_exit(8);
		}
		if (!running)                   /* leave it a zombie: wait for nothing, exit */
			for (i = 0; i < 20; i++)
				sys_sched_yield();
		child_exit(grandchild > 0 ? 0 : 4);
	}
	check(middle > 0, "fork() = %ld: a child that forks a grandchild (%s) and exits", middle,
	      running ? "which runs on" : "which exits at once");
	check_ret(sys_wait4(middle, &status, 0, NULL), middle, "wait4 for the middle child");
	check(status == 0, "it forked and exited (status %#x)", status);
	got = sys_wait4(-1, &status, 0, NULL);
	check(got > 0 && got != middle, "init's wait4(-1) reaps the orphaned grandchild (pid %ld)", got);
	check(status == (running ? 0x800 : 0x900), "its status word %#x, want %#x (%s)", status,
	      running ? 0x800 : 0x900, running ? "its getppid() became 1" : "it exited before its parent");
	check_ret(sys_wait4(-1, &status, WNOHANG, NULL), -ECHILD, "no other child is left");
}

/* The tree: each process appends its level's byte to path[] and checks its ancestors' bytes. */
#define DEPTH 3
#define FANOUT 3
static char path[DEPTH + 1];
static int level_data[DEPTH + 1][256];

static int grow(int level)
{
	long kids[FANOUT];
	int i, k, status, bad = 0;

	for (i = 0; i < level; i++) {
		if (level_data[i][0] != i * 1000 + path[i] || level_data[i][255] != ~(i * 1000 + path[i]))
			return 10 + i;          /* an ancestor's data did not arrive intact */
	}
	if (level == DEPTH)
		return 0;
	for (k = 0; k < FANOUT; k++) {
		path[level] = (char)('a' + k);
		level_data[level][0] = level * 1000 + path[level];
		level_data[level][255] = ~(level * 1000 + path[level]);
		kids[k] = sys_fork();
		if (kids[k] == 0)
			child_exit(grow(level + 1));
		if (kids[k] < 0)
			return 30;
	}
	for (k = 0; k < FANOUT; k++) {
		if (sys_wait4(kids[k], &status, 0, NULL) != kids[k])
			return 31;
		if (status != 0 && !bad) {
			printf("# level %d: child %c exited with status %#x\n", level, 'a' + k, status);
			bad = WIFEXITED(status) ? WEXITSTATUS(status) : 40;
		}
	}
	/* Our own data: the last child's values, whatever the children wrote in their copies. */
	if (level_data[level][0] != level * 1000 + 'a' + FANOUT - 1)
		return 20 + level;
	return bad;
}

static void tree(void)
{
	int processes = 0, n = 1, i;

	for (i = 1; i <= DEPTH; i++) {
		n *= FANOUT;
		processes += n;
	}
	check_ret(grow(0), 0, "a fork tree %d levels deep, %d children each (%d processes): every level "
		  "saw its ancestors' data and kept its own", DEPTH, FANOUT, processes);
	check_ret(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "every process of the tree was reaped");
}

int main(void)
{
	check_ret(sys_getpid(), 1, "getpid(): this program is init");
	check_ret(sys_getppid(), 0, "getppid() of init");
	orphan(1);
	orphan(0);
	tree();
	return done();
}
