/*
 * Who a process is related to (Linux's kernel/sys.c): its parent, its
 * process group (the jobs a shell runs together, which a terminal's
 * Ctrl-C signals) and its session (the processes of one login).
 */
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/syscalls.h"

/* getppid: the parent's PID; 0 for a process the kernel started (its parent is PID 0). */
long sys_getppid(void)
{
	return current->real_parent ? current->real_parent->tgid : 0;
}

/* Is there a process group pgid in the session sid? */
static bool pgrp_in_session(int pgid, int sid)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == pgid && p->sid == sid && !p->exit_state)
			return true;
	return false;
}

/*
 * setpgid(pid, pgid): move pid (0: the caller) into group pgid (0: its
 * own PID), Linux's rules and errnos: -EINVAL (pgid < 0), -ESRCH (not the
 * caller or a child of it), -EACCES (a child that has exec'd), -EPERM (a
 * session leader, a child in another session, or a group that is not in
 * the caller's session).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_vpid(pid);
	if (!p)
		return -ESRCH;
	if (p->real_parent == current) {
		if (p->sid != current->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != current) {
		return -ESRCH;
	}
	if (p->pid == p->sid)
		return -EPERM;  /* a session leader stays in its group */
	if (pgid != pid && !pgrp_in_session(pgid, current->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* getpgid(pid): pid's (0: the caller's) process group, or -ESRCH. */
long sys_getpgid(int pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

/* getsid(pid): pid's (0: the caller's) session, or -ESRCH. */
long sys_getsid(int pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p ? p->sid : -ESRCH;
}

/*
 * setsid: a new session and process group, both named by the caller's
 * PID; returns it, or -EPERM if a process group of that number exists
 * (the caller leads one already). Linux's ksys_setsid.
 */
long sys_setsid(void)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == current->pid)
			return -EPERM;
	current->pgid = current->sid = current->pid;
	return current->pid;
}
