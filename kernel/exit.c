/*
 * Ending a process and waiting for it (Linux's kernel/exit.c).
 *
 * do_exit() gives back what the task holds -- its address space, files
 * and TLS slots -- and leaves a zombie: the task_struct with its exit
 * status, until the parent collects it with wait4(). Its children go to
 * PID 1 (or, when there is none, to the boot thread, PID 0), which reaps
 * them in turn. The kernel stack goes last, in release_task(), once
 * nothing runs on it.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/pgtable.h"
#include "linux/completion.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "asm/segment.h"
#include "linux/bug.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/sched.h"
#include "linux/sched/cputime.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

/* wait4's options (Linux's include/uapi/linux/wait.h) */
#define WNOHANG     0x00000001
#define WUNTRACED   0x00000002
#define WSTOPPED    WUNTRACED
#define WEXITED     0x00000004
#define WCONTINUED  0x00000008
#define WNOWAIT     0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

extern int nr_threads;
void free_task(struct task_struct *p);          /* kernel/fork.c */
void record_exit(const struct task_struct *t);  /* kernel/task.c */

void __wake_up_parent(struct task_struct *p)
{
	wake_up_interruptible(&p->parent->wait_chldexit);
	/* the boot thread waits uninterruptibly for the program it runs */
	if (p->parent == &init_task)
		wake_up(&init_task.wait_chldexit);
}

void release_task(struct task_struct *p)
{
	struct task_struct *parent = p->real_parent;

	if (p->exit_state != EXIT_DEAD || p == current || !list_empty(&p->run_list))
		panic("release_task: %s[%d] is not dead (exit_state %#x, state %#x)", p->comm, p->pid,
		      p->exit_state, p->state);
	/* Linux's __exit_signal and wait_task_zombie: the parent keeps the child's times and faults */
	parent->cutime += p->utime + p->cutime;
	parent->cstime += p->stime + p->cstime;
	parent->cmin_flt += p->min_flt + p->cmin_flt;
	parent->cmaj_flt += p->maj_flt + p->cmaj_flt;
	if (p->maxrss > parent->cmaxrss)
		parent->cmaxrss = p->maxrss;
	if (p->cmaxrss > parent->cmaxrss)
		parent->cmaxrss = p->cmaxrss;
	list_del_init(&p->sibling);
	list_del_init(&p->tasks);
	nr_threads--;
	put_task_struct(p);     /* freed now, unless someone holds it (kthread_stop) */
}

/* Who adopts the children of a task that exits: PID 1, unless that is the one exiting (Linux's find_child_reaper). */
static struct task_struct *find_child_reaper(struct task_struct *father)
{
	struct task_struct *init = find_task_by_vpid(1);

	if (init && init != father && !init->exit_state)
		return init;
	return &init_task;
}

/* The parent is told a child is a zombie; true when it asked for none, and the child is gone. */
static bool notify_parent_of_zombie(struct task_struct *p)
{
	bool autoreap = do_notify_parent(p, p->exit_signal);

	if (p->parent == &init_task)
		autoreap = false;       /* the boot thread always waits */
	__wake_up_parent(p);
	return autoreap;
}

/* Is the parent one of the inits, whose children's groups count as orphaned (Linux's is_global_init)? */
static bool is_init(const struct task_struct *p)
{
	return p == &init_task || p->pid == 1;
}

/*
 * Will process group pgrp be orphaned once ignored is gone: no live
 * member has a parent outside the group but in the same session, that
 * is, no shell is left to continue its stopped jobs (Linux's
 * will_become_orphaned_pgrp).
 */
static bool will_become_orphaned_pgrp(int pgrp, const struct task_struct *ignored)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->pgid != pgrp || p == ignored || p->exit_state || is_init(p->real_parent))
			continue;
		if (p->real_parent->pgid != pgrp && p->real_parent->sid == p->sid)
			return false;
	}
	return true;
}

static bool has_stopped_jobs(int pgrp)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == pgrp && p->state == __TASK_STOPPED)
			return true;
	return false;
}

/*
 * POSIX: a process group that becomes orphaned with a stopped member
 * gets SIGHUP and then SIGCONT, so it does not stay stopped forever
 * (Linux's kill_orphaned_pgrp). tsk is exiting (parent NULL: its own
 * group, through its parent) or is a child of the exiting parent.
 */
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	const struct task_struct *ignored = NULL;
	struct task_struct *p;
	int pgrp = tsk->pgid;

	if (!parent) {
		parent = tsk->real_parent;
		ignored = tsk;
	}
	if (!parent || parent->pgid == pgrp || parent->sid != tsk->sid)
		return;
	if (!will_become_orphaned_pgrp(pgrp, ignored) || !has_stopped_jobs(pgrp))
		return;
	for_each_process(p)
		if (p->pgid == pgrp && !p->exit_state)
			send_sig_info(SIGHUP, NULL, p);
	for_each_process(p)
		if (p->pgid == pgrp && !p->exit_state)
			send_sig_info(SIGCONT, NULL, p);
}

/* Our children go to the reaper; a zombie among them is announced to it (Linux's forget_original_parent). */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = find_child_reaper(father), *p, *n;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		list_del(&p->sibling);
		p->real_parent = p->parent = reaper;
		list_add_tail(&p->sibling, &reaper->children);
		p->exit_signal = SIGCHLD;       /* whatever clone asked, the reaper gets SIGCHLD */
		if (p->exit_state == EXIT_ZOMBIE && notify_parent_of_zombie(p)) {
			p->exit_state = EXIT_DEAD;
			release_task(p);
			continue;
		}
		kill_orphaned_pgrp(p, father);  /* we were its group's link to the session */
	}
	kill_orphaned_pgrp(father, NULL);       /* and maybe our own group's */
}

/*
 * Give back the address space (Linux's exit_mm and mm_release): a vfork
 * parent is let go, CLONE_CHILD_CLEARTID's word is zeroed, and the page
 * directory is left for the kernel's before the mm may be freed.
 */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	/* the high-water RSS counts pages fork gave us too, not only our faults (Linux's setmax_mm_hiwater_rss) */
	if (get_mm_hiwater_rss(mm) > tsk->maxrss)
		tsk->maxrss = get_mm_hiwater_rss(mm);
	tsk->mm = NULL;
	write_cr3(__pa(swapper_pg_dir));
	mmput(mm);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk->ktest_exit) {          /* a stand-in task of tests/kernel/ */
		tsk->exit_code = (int)code;
		longjmp(*tsk->ktest_exit, 1);
	}
	if (tsk == &init_task)
		panic("do_exit: the boot thread (PID 0) tried to exit, code %#lx", code);
	tsk->exit_code = (int)code;
	if (tsk->parent == &init_task && tsk->mm)
		printk(KERN_INFO "%s[%d]: exit %d; %lu minor and %lu major faults, %lu pages resident at exit\n",
		       tsk->comm, tsk->pid, shell_status((int)code),
		       tsk->mm->min_flt, tsk->mm->maj_flt, get_mm_rss(tsk->mm));
	record_exit(tsk);               /* for the monitor: before the mm goes */
	exit_itimers(tsk);              /* no SIGALRM for a task that is gone */
	exit_mm(tsk);
	files_close_all(tsk);
	loadsegment(fs, 0);
	loadsegment(gs, 0);
	memset(tsk->tls, 0, sizeof(tsk->tls));
	load_tls(tsk);
	local_irq_disable();            /* nothing may wake or reap us half-way */
	forget_original_parent(tsk);
	tsk->exit_state = notify_parent_of_zombie(tsk) ? EXIT_DEAD : EXIT_ZOMBIE;
	tsk->state = TASK_DEAD;
	schedule();
	panic("do_exit: dead task %d ran again", tsk->pid);
}

/* exit and exit_group: the same while Pagoda has no threads. */
long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);    /* the wait status: exited, with this code */
}

long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);
}

/* Does wait4(pid, ..., options) of the caller look at child p (Linux's eligible_child)? */
static bool eligible_child(const struct task_struct *p, int pid, int options)
{
	if (pid > 0 && p->pid != pid)
		return false;
	if (pid == 0 && p->pgid != current->pgid)
		return false;
	if (pid < -1 && p->pgid != -pid)
		return false;
	/* a "clone" child tells its parent with another signal than SIGCHLD */
	if (options & __WALL)
		return true;
	return (p->exit_signal != SIGCHLD) == !!(options & __WCLONE);
}

/* What a wait found (Linux's struct waitid_info): the child, and what became of it. */
struct wait_result {
	int pid;
	int status;             /* the wait status word, for wait4 */
	int code;               /* CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED, CLD_CONTINUED (waitid) */
	int si_status;          /* the exit code or the signal (waitid) */
};

/*
 * One look at the children: the PID of one with news -- exited (WEXITED;
 * reaped unless WNOWAIT), stopped (WUNTRACED/WSTOPPED), continued
 * (WCONTINUED) -- described in *res; 0 if eligible children have none,
 * -ECHILD if there are no eligible children.
 */
static int wait_consider_children(int pid, int options, struct wait_result *res, struct rusage *ru)
{
	struct task_struct *p;
	bool any = false;

	list_for_each_entry(p, &current->children, sibling) {
		if (!eligible_child(p, pid, options))
			continue;
		any = true;
		res->pid = p->pid;
		if (p->exit_state == EXIT_ZOMBIE) {
			if (!(options & WEXITED))
				continue;
			res->status = p->exit_code;
			if (p->exit_code & 0x7f) {
				res->code = p->exit_code & 0x80 ? CLD_DUMPED : CLD_KILLED;
				res->si_status = p->exit_code & 0x7f;
			} else {
				res->code = CLD_EXITED;
				res->si_status = (p->exit_code >> 8) & 0xff;
			}
			if (ru)
				getrusage(p, RUSAGE_BOTH, ru);
			if (!(options & WNOWAIT)) {
				p->exit_state = EXIT_DEAD;
				release_task(p);
			}
			return res->pid;
		}
		if ((options & WUNTRACED) && p->stop_code && p->state == __TASK_STOPPED) {
			res->status = (p->stop_code << 8) | 0x7f;
			res->code = CLD_STOPPED;
			res->si_status = p->stop_code;
			if (!(options & WNOWAIT))
				p->stop_code = 0;
			if (ru)
				getrusage(p, RUSAGE_BOTH, ru);
			return res->pid;
		}
		if ((options & WCONTINUED) && p->continued) {
			res->status = 0xffff;
			res->code = CLD_CONTINUED;
			res->si_status = SIGCONT;
			if (!(options & WNOWAIT))
				p->continued = false;
			if (ru)
				getrusage(p, RUSAGE_BOTH, ru);
			return res->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

/*
 * The wait of wait4 and waitid: sleeps until a child has news unless
 * WNOHANG; returns its PID, 0 (WNOHANG and none yet), -ECHILD, or
 * -ERESTARTSYS when a signal came first (Linux's do_wait; the boot thread
 * is deaf to signals). Options are the callers' to check.
 */
static long do_wait(int pid, int options, struct wait_result *res, struct rusage *ru)
{
	struct wait_queue_entry wait = { .task = current };
	unsigned int state = current == &init_task ? TASK_UNINTERRUPTIBLE : TASK_INTERRUPTIBLE;
	long ret;

	memset(res, 0, sizeof(*res));
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait, state);
		ret = wait_consider_children(pid, options, res, ru);
		if (ret != 0 || (options & WNOHANG))
			break;
		if (state == TASK_INTERRUPTIBLE && signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	return ret;
}

/* wait4's checks (Linux's kernel_wait4): -EINVAL for options, -ESRCH for INT_MIN. */
static long do_wait4(int pid, int options, struct wait_result *res, struct rusage *ru)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == -2147483647 - 1)     /* INT_MIN: there is no -INT_MIN process group */
		return -ESRCH;
	return do_wait(pid, options | WEXITED, res, ru);
}

long kernel_wait4(int pid, int *stat_addr, int options, void *ru)
{
	struct wait_result res;
	long ret = do_wait4(pid, options, &res, ru);

	if (ret > 0 && stat_addr)
		*stat_addr = res.status;
	return ret;
}

/*
 * wait4(pid, status, options, rusage): Linux's kernel_wait4. The child is
 * reaped before the status is written: a bad pointer gives -EFAULT and
 * the child is gone all the same, as on Linux.
 */
long sys_wait4(int pid, int *stat_addr, int options, void *uru)
{
	struct wait_result res;
	struct rusage ru;
	long ret = do_wait4(pid, options, &res, uru ? &ru : NULL);

	if (ret > 0) {
		if (stat_addr && put_user(res.status, stat_addr))
			return -EFAULT;
		if (uru && copy_to_user(uru, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return ret;
}

/* waitid's idtype (Linux's include/uapi/linux/wait.h) */
#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#define P_PIDFD 3

/* The part of i386's 128-byte siginfo that waitid writes (Linux's _sigchld). */
struct waitid_siginfo {
	int si_signo, si_errno, si_code;
	int si_pid;
	unsigned int si_uid;
	int si_status;
};

/*
 * waitid(idtype, id, infop, options, rusage): the child's news in a
 * siginfo (SIGCHLD, CLD_*, its PID, exit code or signal); 0, or -ECHILD,
 * -EINVAL (options without WEXITED/WSTOPPED/WCONTINUED, an unknown idtype,
 * a bad id), -EFAULT, -EINTR. With WNOHANG and no news the siginfo is
 * zeroed. WNOWAIT leaves the child to be waited for again. P_PIDFD: Pagoda
 * has no pidfds (-EINVAL). Linux's kernel_waitid and sys_waitid.
 */
long sys_waitid(int which, int upid, void *infop, int options, void *uru)
{
	struct waitid_siginfo info;
	struct wait_result res;
	struct rusage ru;
	long ret;
	int pid;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		pid = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		pid = upid ? -upid : 0;         /* 0: the caller's own group (Linux 5.4) */
		if (pid == 0 && current->pgid > 0)
			pid = -current->pgid;
		break;
	default:
		return -EINVAL;
	}
	ret = do_wait(pid, options, &res, uru ? &ru : NULL);
	if (ret < 0)
		return ret;
	if (uru && ret > 0 && copy_to_user(uru, &ru, sizeof(ru)))
		return -EFAULT;
	if (!infop)
		return 0;
	memset(&info, 0, sizeof(info));
	if (ret > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = res.code;
		info.si_pid = res.pid;
		info.si_status = res.si_status;
	}
	return copy_to_user(infop, &info, sizeof(info)) ? -EFAULT : 0;
}

long sys_waitpid(int pid, int *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
