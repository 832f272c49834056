/*
 * vfork as Linux 6.1 does it: the child shares the parent's memory, and the
 * parent does not run again until the child exits or execs (even when the
 * child yields the CPU); a failed exec in the child leaves it running in the
 * shared memory; a successful one gives the child a memory of its own and
 * leaves the parent's as it was.
 *
 * With "exit CODE" it only exits with CODE: the image the child execs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "process.h"

static volatile int shared_step;
static volatile long seen_pid, seen_ppid;
static volatile long exec_error;

static void child_writes_parent_waits(void)
{
	long me = sys_getpid(), pid;
	int i, status = -1;

	shared_step = 0;
	pid = sys_vfork();
	if (pid == 0) {
		shared_step = 1;
		seen_pid = sys_getpid();
		seen_ppid = sys_getppid();
		/* The parent is runnable no more: yielding must not let it see step 1. */
		for (i = 0; i < 10; i++)
			sys_sched_yield();
		shared_step = 2;
		child_exit(3);
	}
	check(pid > 0, "vfork() = %ld in the parent", pid);
	check(shared_step == 2, "the parent resumed only after the child exited (it saw step %d, want 2)",
	      shared_step);
	check(seen_pid == pid, "the child's getpid(), written to shared memory, is vfork's answer (%ld)", seen_pid);
	check(seen_ppid == me, "the child's getppid() is the parent's pid (%ld)", seen_ppid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the vforked child");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 3, "it exited with status 3 (status word %#x)", status);
}

static void child_execs(const char *self)
{
	static char *const argv_fail[] = { "/nonexistent", NULL };
	char *argv[] = { (char *)self, "exit", "42", NULL };
	char *envp[] = { NULL };
	volatile int parent_word = 1234;
	long pid;
	int status = -1;

	exec_error = 0;
	shared_step = 0;
	pid = sys_vfork();
	if (pid == 0) {
		/* A failed exec returns in the child, still sharing the parent's memory. */
		exec_error = sys_execve(argv_fail[0], argv_fail, envp);
		shared_step = 1;
		sys_execve(self, argv, envp);
		child_exit(99);
	}
	check(pid > 0, "vfork() = %ld, then the child execs %s exit 42", pid, self);
	check_ret(exec_error, -ENOENT, "the child's failed execve(\"/nonexistent\"), seen in shared memory");
	check(shared_step == 1, "the parent resumed after the child's exec (step %d)", shared_step);
	check(parent_word == 1234, "the parent's stack is intact after the child's exec");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42, "the exec'd image exited with 42 (status word %#x)",
	      status);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	child_writes_parent_waits();
	child_execs(argv[0]);
	return done();
}
