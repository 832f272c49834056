/*
 * Process groups and sessions as Linux 6.1 answers them: getpgrp, getpgid,
 * setpgid, getsid and setsid, with Linux's errnos: EINVAL for a negative
 * pgid, ESRCH for a process that is neither us nor our child, EPERM for a
 * session leader, a child in another session or a group that does not exist
 * in ours, EACCES for a child that has exec'd.
 *
 * Init (this program) starts in the group and session of PID 0 on Linux,
 * which read as 0. With "yield N" it only yields N times: the image a
 * vforked child execs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "process.h"

static void init_ids(void)
{
	check_ret(sys_getpid(), 1, "getpid(): this program is init");
	check_ret(sys_getpgrp(), 0, "init's getpgrp(): PID 0's group, as the kernel started it");
	check_ret(sys_getpgid(0), 0, "getpgid(0)");
	check_ret(sys_getpgid(1), 0, "getpgid(1)");
	check_ret(sys_getsid(0), 0, "getsid(0)");
	check_ret(sys_getsid(1), 0, "getsid(1)");
	check_ret(sys_getpgid(30000), -ESRCH, "getpgid(30000): no such process");
	check_ret(sys_getsid(30000), -ESRCH, "getsid(30000)");
	check_ret(sys_getpgid(-1), -ESRCH, "getpgid(-1)");
	check_ret(sys_getsid(-1), -ESRCH, "getsid(-1)");
	check_ret(sys_setpgid(0, -1), -EINVAL, "setpgid(0, -1)");
	/* pgid 0 means pgid = pid, here -1: Linux checks that before looking pid up. */
	check_ret(sys_setpgid(-1, 0), -EINVAL, "setpgid(-1, 0)");
	check_ret(sys_setpgid(-1, 5), -ESRCH, "setpgid(-1, 5)");
	check_ret(sys_setpgid(30000, 0), -ESRCH, "setpgid(30000, 0): no such process");
	check_ret(sys_setpgid(0, 30000), -EPERM, "setpgid(0, 30000): no such group in our session");
}

/* A child's own group: set from both sides, as shells do. */
static void child_groups(void)
{
	long me = sys_getpid(), pid;

	pid = sys_fork();
	if (pid == 0) {
		/* Its parent's group, unless the parent's setpgid ran first. */
		child_expect(sys_getpgrp() == 0 || sys_getpgrp() == sys_getpid(), 1, 2,
			     "a child starts in its parent's group");
		child_expect(sys_getsid(0), 0, 3, "and its session");
		child_expect(sys_setpgid(0, 0), 0, 4, "setpgid(0, 0)");
		child_expect(sys_getpgrp(), sys_getpid(), 5, "getpgrp() after setpgid(0, 0)");
		child_expect(sys_setpgid(me, 0), -ESRCH, 6, "setpgid(parent, 0): not our child");
		child_expect(sys_setpgid(0, 0), 0, 7, "setpgid(0, 0) again");
		child_expect(sys_setpgid(0, -5), -EINVAL, 8, "setpgid(0, -5)");
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld", pid);
	check_ret(sys_setpgid(pid, pid), 0, "setpgid(child, child) from the parent");
	check_ret(sys_getpgid(pid), pid, "getpgid(child)");
	check_ret(sys_getpgrp(), 0, "the parent's group is unchanged");
	reap_ok(pid, "the child that set its own group too, and met ESRCH and EINVAL");
}

static void sessions(void)
{
	long pid, sid;

	pid = sys_vfork();
	if (pid == 0) {
		sid = sys_setsid();
		child_expect(sid, sys_getpid(), 2, "setsid() returns the new session's id");
		child_expect(sys_getsid(0), sid, 3, "getsid(0)");
		child_expect(sys_getpgrp(), sid, 4, "getpgrp(): a session leader leads its group");
		child_expect(sys_setsid(), -EPERM, 5, "setsid() by a group leader");
		child_expect(sys_setpgid(0, 0), -EPERM, 6, "setpgid(0, 0) by a session leader");
		child_expect(sys_setpgid(0, sid), -EPERM, 7, "setpgid(0, own pgid) by a session leader");
		child_expect(sys_getsid(1), 0, 8, "getsid(init) from another session");
		child_exit(0);
	}
	check(pid > 0, "vfork() = %ld: a child that calls setsid()", pid);
	/* The child has exited, but is a zombie still in its session. */
	check_ret(sys_setpgid(pid, 0), -EPERM, "setpgid(child in another session, 0)");
	check_ret(sys_setpgid(pid, 1), -EPERM, "setpgid(child in another session, 1)");
	reap_ok(pid, "the child that made a session and met EPERM three times");

	pid = sys_fork();
	if (pid == 0) {
		child_expect(sys_setpgid(0, 0), 0, 2, "setpgid(0, 0)");
		/* A group leader may not start a session (the group would span two). */
		child_expect(sys_setsid(), -EPERM, 3, "setsid() by a group leader");
		child_exit(0);
	}
	reap_ok(pid, "a group leader whose setsid() is refused with EPERM");
}

static void after_exec(const char *self)
{
	char *argv[] = { (char *)self, "yield", "20", NULL };
	char *envp[] = { NULL };
	long pid, waiter;
	int status = -1, i;

	pid = sys_vfork();
	if (pid == 0) {
		sys_execve(self, argv, envp);
		child_exit(127);
	}
	check(pid > 0, "vfork() = %ld: a child that execs %s yield 20", pid, self);
	/*
	 * Linux wakes the parent as the old memory goes, before exec marks the
	 * child exec'd: a blocking wait for another child lets the exec finish.
	 */
	waiter = sys_fork();
	if (waiter == 0) {
		for (i = 0; i < 50; i++)
			sys_sched_yield();
		child_exit(0);
	}
	check_ret(sys_wait4(waiter, NULL, 0, NULL), waiter, "a blocking wait4 for a child that yields 50 times");
	check_ret(sys_setpgid(pid, pid), -EACCES, "setpgid(child after exec, child)");
	check_ret(sys_getpgid(pid), 0, "its group is unchanged");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(status == 0, "it exited with 0 (status %#x)", status);
}

/* Last: it changes init's own session. */
static void init_setsid(void)
{
	check_ret(sys_setsid(), 1, "setsid() by init: not a group leader until now");
	check_ret(sys_getsid(0), 1, "getsid(0)");
	check_ret(sys_getpgrp(), 1, "getpgrp()");
	check_ret(sys_setsid(), -EPERM, "setsid() again");
}

int main(int argc, char **argv)
{
	int i;

	if (argc == 3 && strcmp(argv[1], "yield") == 0) {
		for (i = 0; i < atoi(argv[2]); i++)
			sys_sched_yield();
		return 0;
	}
	init_ids();
	child_groups();
	sessions();
	after_exec(argv[0]);
	init_setsid();
	return done();
}
