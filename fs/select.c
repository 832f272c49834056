/*
 * poll, ppoll, select and pselect6 (Linux's fs/select.c). One pass asks
 * each file's poll method what is ready and, the first time, registers
 * the task on the wait queues that will change it; if nothing is ready
 * the task sleeps until a queue wakes it, a signal comes or the time is
 * up, and passes again. The task is marked asleep before each pass, so a
 * wake-up between the pass and schedule() is not lost.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/poll.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/timer.h"
#include "linux/uaccess.h"

#define POLL_QUEUES_PER_FILE 2  /* a pipe waits on two queues; the tty on at most two */

struct poll_table_entry {
	struct wait_queue_entry wait;
	wait_queue_head_t *wq;
};

struct poll_table_struct {
	bool registering;       /* the first pass: poll_wait adds entries */
	int nr, max;
	struct poll_table_entry *entries;
};

struct pollfd {
	int fd;
	short events, revents;
};

void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_table_entry *e;

	(void)f;
	if (!pt || !pt->registering || !wq || pt->nr >= pt->max)
		return;
	e = &pt->entries[pt->nr++];
	e->wq = wq;
	e->wait.task = current;
	add_wait_queue(wq, &e->wait);
}

static void poll_freewait(poll_table *pt)
{
	for (int i = 0; i < pt->nr; i++)
		remove_wait_queue(pt->entries[i].wq, &pt->entries[i].wait);
	kfree(pt->entries);
}

/* What fd is ready for, among events (POLLERR, POLLHUP and POLLNVAL always count). */
static unsigned int vfs_poll_fd(int fd, unsigned int events, poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (fd < 0)
		return 0;
	f = fget(fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	return mask & (events | POLLERR | POLLHUP);
}

/*
 * The loop of do_poll and do_select: fill revents of each of n pollfds
 * until one is ready, *timeout (jiffies; MAX_SCHEDULE_TIMEOUT: none) runs
 * out (it is left with what remains), or a signal comes. Returns the
 * number ready, or -ERESTARTNOHAND, -ENOMEM.
 */
static long do_poll(struct pollfd *fds, unsigned int n, long *timeout)
{
	poll_table pt = { .registering = true, .max = (int)n * POLL_QUEUES_PER_FILE };
	long count;

	pt.entries = kmalloc((n ? n : 1) * POLL_QUEUES_PER_FILE * sizeof(*pt.entries), GFP_KERNEL);
	if (!pt.entries)
		return -ENOMEM;
	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < n; i++) {
			fds[i].revents = (short)vfs_poll_fd(fds[i].fd, (unsigned short)fds[i].events, &pt);
			if (fds[i].revents)
				count++;
		}
		pt.registering = false;
		if (count || !*timeout)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		*timeout = schedule_timeout(*timeout);
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(&pt);
	return count;
}

static long msecs_to_timeout(int ms)
{
	return ms < 0 ? MAX_SCHEDULE_TIMEOUT : (long)ns_to_jiffies_up((long long)ms * 1000000);
}

/* Linux's do_sys_poll: more fds than RLIMIT_NOFILE is -EINVAL; the array is read and written back whole. */
static long do_sys_poll(struct pollfd *ufds, unsigned int nfds, long *timeout)
{
	struct pollfd *fds;
	long ret;

	if (nfds > NR_OPEN)
		return -EINVAL;
	fds = kmalloc((nfds ? nfds : 1) * sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	ret = do_poll(fds, nfds, timeout);
	if (ret >= 0) {
		for (unsigned int i = 0; i < nfds; i++)
			if (copy_to_user(&ufds[i].revents, &fds[i].revents, sizeof(short))) {
				ret = -EFAULT;
				break;
			}
	}
	kfree(fds);
	return ret;
}

long sys_poll(struct pollfd *ufds, unsigned int nfds, int timeout_msecs)
{
	long timeout = msecs_to_timeout(timeout_msecs);
	long ret = do_sys_poll(ufds, nfds, &timeout);

	return ret == -ERESTARTNOHAND ? -EINTR : ret;
}

/* A timeout from user space: 32-bit (old_timespec32) or 64-bit seconds; -EFAULT, -EINVAL for a bad nsec. */
static int get_timeout(const void *uts, bool time64, long *timeout)
{
	long long sec;
	long nsec;

	if (!uts) {
		*timeout = MAX_SCHEDULE_TIMEOUT;
		return 0;
	}
	if (time64) {
		struct { long long sec; long nsec, pad; } t;

		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.sec;
		nsec = t.nsec;
	} else {
		struct { long sec, nsec; } t;

		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.sec;
		nsec = t.nsec;
	}
	if (sec < 0 || nsec < 0 || nsec >= 1000000000L)
		return -EINVAL;
	*timeout = sec > 100000000LL ? MAX_SCHEDULE_TIMEOUT : (long)ns_to_jiffies_up(sec * 1000000000LL + nsec);
	return 0;
}

/* The mask a ppoll or pselect6 waits under (Linux's set_user_sigmask): -EINVAL for a size other than 8, -EFAULT. */
static int set_user_sigmask(const sigset_t *umask, unsigned long size)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&set);
	return 1;
}

/* Interrupted: the handler runs under the temporary mask, and the old one comes back after it (restore_saved_sigmask_unless). */
static long finish_sigmask(int masked, long ret)
{
	if (masked > 0) {
		if (ret == -ERESTARTNOHAND)
			current->restore_sigmask = true;
		else
			set_current_blocked(&current->saved_sigmask);
	}
	return ret;
}

static long do_ppoll(struct pollfd *ufds, unsigned int nfds, const void *tsp, const sigset_t *sigmask,
		     unsigned long sigsetsize, bool time64)
{
	long timeout;
	int masked = get_timeout(tsp, time64, &timeout);

	if (masked)
		return masked;
	masked = set_user_sigmask(sigmask, sigsetsize);
	if (masked < 0)
		return masked;
	return finish_sigmask(masked, do_sys_poll(ufds, nfds, &timeout));
}

long sys_ppoll(struct pollfd *ufds, unsigned int nfds, const void *tsp, const sigset_t *sigmask,
	       unsigned long sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, sigmask, sigsetsize, false);
}

long sys_ppoll_time64(struct pollfd *ufds, unsigned int nfds, const void *tsp, const sigset_t *sigmask,
		      unsigned long sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, sigmask, sigsetsize, true);
}

/*
 * select: the three fd_sets become pollfds (read: POLLIN, write: POLLOUT,
 * except: POLLPRI), a descriptor not open in any is -EBADF, and each set
 * comes back holding the ready ones. Only the first max_fds bits are
 * read and written back (Linux's core_sys_select caps n at the fdtable's
 * size). Returns how many bits are set.
 */
#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET  POLLPRI

static long core_sys_select(int n, unsigned long *uin, unsigned long *uout, unsigned long *uex, long *timeout)
{
	unsigned long sets[3][NR_OPEN / 32];
	unsigned long *usets[3] = { uin, uout, uex };
	size_t bytes;
	struct pollfd *fds;
	unsigned int nr = 0;
	long ret;

	if (n < 0)
		return -EINVAL;
	/* Linux looks no further than its fdtable: a set bit above it is left as it is, not -EBADF */
	if (n > (int)current->files->max_fds)
		n = (int)current->files->max_fds;
	bytes = (size_t)(n + 31) / 32 * 4;
	memset(sets, 0, sizeof(sets));
	for (int s = 0; s < 3; s++)
		if (usets[s] && copy_from_user(sets[s], usets[s], bytes))
			return -EFAULT;
	fds = kmalloc((n ? (size_t)n : 1) * sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	for (int fd = 0; fd < n; fd++) {
		short ev = 0;

		if (sets[0][fd / 32] & (1UL << (fd % 32)))
			ev |= POLLIN_SET;
		if (sets[1][fd / 32] & (1UL << (fd % 32)))
			ev |= POLLOUT_SET;
		if (sets[2][fd / 32] & (1UL << (fd % 32)))
			ev |= POLLEX_SET;
		if (!ev)
			continue;
		if (!fget(fd)) {
			kfree(fds);
			return -EBADF;
		}
		fds[nr++] = (struct pollfd){ .fd = fd, .events = ev };
	}
	ret = do_poll(fds, nr, timeout);
	if (ret >= 0) {
		memset(sets, 0, sizeof(sets));
		ret = 0;
		for (unsigned int i = 0; i < nr; i++) {
			int fd = fds[i].fd;
			unsigned int r = (unsigned short)fds[i].revents;

			if ((r & POLLIN_SET) && (fds[i].events & POLLIN)) {
				sets[0][fd / 32] |= 1UL << (fd % 32);
				ret++;
			}
			if ((r & POLLOUT_SET) && (fds[i].events & POLLOUT)) {
				sets[1][fd / 32] |= 1UL << (fd % 32);
				ret++;
			}
			if ((r & POLLEX_SET) && (fds[i].events & POLLPRI)) {
				sets[2][fd / 32] |= 1UL << (fd % 32);
				ret++;
			}
		}
		for (int s = 0; s < 3; s++)
			if (usets[s] && copy_to_user(usets[s], sets[s], bytes))
				ret = -EFAULT;
	}
	kfree(fds);
	return ret;
}

/* _newselect: the timeval is read and, as Linux does, written back with the time left. */
long sys_select(int n, unsigned long *inp, unsigned long *outp, unsigned long *exp, long *utv)
{
	long tv[2], timeout = MAX_SCHEDULE_TIMEOUT, ret;

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
			return -EINVAL;
		timeout = (long)ns_to_jiffies_up((long long)tv[0] * 1000000000LL + (long long)tv[1] * 1000);
	}
	ret = core_sys_select(n, inp, outp, exp, &timeout);
	if (utv && ret != -EFAULT) {
		long long left = (long long)timeout * TICK_NSEC;

		tv[0] = (long)(left / 1000000000LL);
		tv[1] = (long)(left % 1000000000LL / 1000);
		copy_to_user(utv, tv, sizeof(tv));
	}
	return ret == -ERESTARTNOHAND ? -EINTR : ret;
}

/* pselect6: the sixth argument points to { const sigset_t *ss; size_t ss_len }. */
long sys_pselect6(int n, unsigned long *inp, unsigned long *outp, unsigned long *exp, const void *tsp,
		  const unsigned long *usig)
{
	unsigned long sig[2] = { 0, 0 };
	long timeout;
	int masked = get_timeout(tsp, false, &timeout);

	if (masked)
		return masked;
	if (usig && copy_from_user(sig, usig, sizeof(sig)))
		return -EFAULT;
	masked = set_user_sigmask((const sigset_t *)sig[0], sig[1]);
	if (masked < 0)
		return masked;
	return finish_sigmask(masked, core_sys_select(n, inp, outp, exp, &timeout));
}
