/*
 * Bad arguments to the process calls, as Linux 6.1 answers them: a bad
 * pointer where the kernel only reports back (CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID) does not stop the clone; a bad TLS descriptor does
 * (EFAULT, EINVAL); kill with a bad signal number is EINVAL, with no such
 * process or group ESRCH; vfork and fork ignore their registers.
 */
#include <errno.h>
#include <asm/ldt.h>
#include "process.h"

#define INT_MIN (-2147483647 - 1)

static void clone_pointers(void)
{
	struct user_desc bad_entry = { .entry_number = 3, .limit = 0xfffff, .seg_32bit = 1 };
	long pid;
	int status = -1;

	pid = sys_clone(CLONE_PARENT_SETTID | SIGCHLD, NULL, (int *)1, NULL, NULL);
	if (pid == 0)
		child_exit(4);
	check(pid > 0, "clone(CLONE_PARENT_SETTID, parent_tid 0x1) still makes the child (%ld)", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(status == 0x400, "it ran and exited with 4 (status %#x)", status);

	pid = sys_clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, NULL, NULL,
			(int *)PAGE_OFFSET);
	if (pid == 0)
		child_exit(5);
	check(pid > 0, "clone(CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID, child_tid at PAGE_OFFSET) = %ld", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(status == 0x500, "it ran and exited with 5 (status %#x)", status);

	check_ret(sys_clone(CLONE_SETTLS | SIGCHLD, NULL, NULL, (void *)1, NULL), -EFAULT,
		  "clone(CLONE_SETTLS, tls 0x1)");
	check_ret(sys_clone(CLONE_SETTLS | SIGCHLD, NULL, NULL, &bad_entry, NULL), -EINVAL,
		  "clone(CLONE_SETTLS, entry_number 3: not a TLS slot)");
	check_ret(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "no child was made by the refused clones");
}

static void kill_arguments(void)
{
	check_ret(sys_kill(sys_getpid(), 65), -EINVAL, "kill(self, 65)");
	check_ret(sys_kill(sys_getpid(), -1), -EINVAL, "kill(self, -1)");
	check_ret(sys_kill(sys_getpid(), 0), 0, "kill(self, 0)");
	check_ret(sys_kill(30000, 0), -ESRCH, "kill(30000, 0): no such process");
	check_ret(sys_kill(-30000, 0), -ESRCH, "kill(-30000, 0): no such group");
	check_ret(sys_kill(INT_MIN, 0), -ESRCH, "kill(INT_MIN, 0)");
	/* Linux looks the process up before it checks the signal number. */
	check_ret(sys_kill(30000, 65), -ESRCH, "kill(30000, 65)");
}

static void registers_ignored(void)
{
	long pid;
	int status = -1;

	pid = __syscall5(__NR_fork, -1, -1, -1, -1, -1);
	if (pid == 0)
		child_exit(6);
	check(pid > 0, "fork with -1 in every argument register = %ld", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(status == 0x600, "status %#x", status);
}

int main(void)
{
	clone_pointers();
	kill_arguments();
	registers_ignored();
	return done();
}
