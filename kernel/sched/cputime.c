/*
 * CPU time accounting (Linux's kernel/sched/cputime.c, tick-based as with
 * CONFIG_TICK_CPU_ACCOUNTING): each tick is charged whole to the task it
 * interrupted, to utime if it interrupted user mode and to stime if the
 * kernel. Also times() and getrusage(), which report it (Linux keeps
 * those two in kernel/sys.c; they are here, beside what they read).
 */
#include "linux/page.h"
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/sched.h"
#include "linux/sched/cputime.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "linux/uaccess.h"


/*
 * init_task is the boot thread: when it has the CPU nobody else wants
 * it, and idle time is no one's. So is a tick that finds current asleep:
 * the CPU is halted inside schedule() on that task's stack, waiting for
 * anything to run (Linux would be in its idle task).
 */
uint64_t kcpustat[NR_STATS];

void account_process_tick(struct task_struct *p, bool user_tick)
{
	if (p == &init_task || (!user_tick && p->state != TASK_RUNNING)) {
		kcpustat[CPUTIME_IDLE]++;
		return;
	}
	kcpustat[user_tick ? CPUTIME_USER : CPUTIME_SYSTEM]++;
	if (user_tick)
		p->utime++;
	else
		p->stime++;
	itimers_tick(p, user_tick);
}

void task_cputime(struct task_struct *p, uint64_t *utime_ns, uint64_t *stime_ns)
{
	*utime_ns = (uint64_t)p->utime * TICK_NSEC;
	*stime_ns = (uint64_t)p->stime * TICK_NSEC;
}

/* Ticks in clock_t, USER_HZ a second (Linux's jiffies_to_clock_t). */
static long ticks_to_clock_t(uint64_t ticks)
{
	return (long)(ticks * USER_HZ / HZ);
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* times(2): the clock_t ticks since boot (a value that may look negative is still no error), and the CPU times at buf. */
long sys_times(struct tms *buf)
{
	if (buf) {
		struct task_struct *p = current;
		struct tms t = { ticks_to_clock_t(p->utime), ticks_to_clock_t(p->stime),
				 ticks_to_clock_t(p->cutime), ticks_to_clock_t(p->cstime) };

		if (copy_to_user(buf, &t, sizeof(t)))
			return -EFAULT;
	}
	return ticks_to_clock_t(jiffies_64);
}

static void ticks_to_timeval(struct old_timeval32 *tv, unsigned long ticks)
{
	uint64_t us = (uint64_t)ticks * (USEC_PER_SEC / HZ);

	tv->tv_sec = (int32_t)(us / USEC_PER_SEC);
	tv->tv_usec = (int32_t)(us % USEC_PER_SEC);
}

/*
 * p's usage, as Linux's getrusage(p, who, r): RUSAGE_SELF and
 * RUSAGE_THREAD (one thread a process) its own, RUSAGE_CHILDREN its
 * reaped children's (the wait code adds them up), RUSAGE_BOTH the two
 * together (what wait4 reports of a reaped child). ru_maxrss is in KiB.
 * Context-switch counts are not kept.
 */
void getrusage(struct task_struct *p, int who, struct rusage *r)
{
	unsigned long ut = 0, st = 0, minflt = 0, majflt = 0, maxrss = 0;

	memset(r, 0, sizeof(*r));
	if (who != RUSAGE_CHILDREN) {
		ut = p->utime;
		st = p->stime;
		minflt = p->min_flt;
		majflt = p->maj_flt;
		maxrss = p->maxrss;     /* raised by the fault path; the mm's mark covers what it missed */
		if (p->mm && p->mm->hiwater_rss > maxrss)
			maxrss = p->mm->hiwater_rss;
		if (p->mm && get_mm_rss(p->mm) > maxrss)
			maxrss = get_mm_rss(p->mm);
	}
	if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH) {
		ut += p->cutime;
		st += p->cstime;
		minflt += p->cmin_flt;
		majflt += p->cmaj_flt;
		if (p->cmaxrss > maxrss)
			maxrss = p->cmaxrss;
	}
	ticks_to_timeval(&r->ru_utime, ut);
	ticks_to_timeval(&r->ru_stime, st);
	r->ru_minflt = (long)minflt;
	r->ru_majflt = (long)majflt;
	r->ru_maxrss = (long)(maxrss * (PAGE_SIZE / 1024));
}

/* getrusage(2): current's usage; -EINVAL for who, -EFAULT. */
long sys_getrusage(int who, struct rusage *ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage(current, who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}
