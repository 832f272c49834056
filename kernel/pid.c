/*
 * Process IDs (Linux's kernel/pid.c, without namespaces or the IDR): PIDs
 * are handed out in increasing order up to pid_max, then wrap to 300
 * (RESERVED_PIDS: the low ones stay for daemons started at boot) and skip
 * those still in use -- by a live task, a zombie, or as a process group
 * or session ID.
 */
#include "linux/errno.h"
#include "linux/sched.h"

#define RESERVED_PIDS 300

int last_pid;                   /* the PID given last: /proc/loadavg's last field */
unsigned long total_forks;      /* PIDs given since boot: /proc/stat's processes (Linux counts in copy_process) */

static bool pid_in_use(int nr)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pid == nr || p->pgid == nr || p->sid == nr)
			return true;
	return false;
}

/* A free PID, or -EAGAIN when all pid_max - 1 are taken (alloc_pid). */
int alloc_pid(void)
{
	int nr = last_pid;

	for (int tries = 0; tries < PID_MAX_DEFAULT; tries++) {
		if (++nr >= PID_MAX_DEFAULT)
			nr = RESERVED_PIDS;
		if (!pid_in_use(nr)) {
			last_pid = nr;
			total_forks++;
			return nr;
		}
	}
	return -EAGAIN;
}

/*
 * The PID nr itself, for clone3's set_tid (Linux's alloc_pid with a
 * requested tid): nr, or -EINVAL (not in 1..pid_max-1), -EEXIST (taken).
 */
int alloc_pid_nr(int nr)
{
	if (nr < 1 || nr >= PID_MAX_DEFAULT)
		return -EINVAL;
	if (pid_in_use(nr))
		return -EEXIST;
	total_forks++;
	return nr;
}

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p;

	if (nr <= 0)
		return NULL;
	for_each_process(p)
		if (p->pid == nr)
			return p;
	return NULL;
}
