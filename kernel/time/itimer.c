/*
 * Interval timers (Linux's kernel/time/itimer.c): alarm, getitimer and
 * setitimer. ITIMER_REAL counts CLOCK_MONOTONIC and sends SIGALRM from a
 * kernel timer; ITIMER_VIRTUAL (user time, SIGVTALRM) and ITIMER_PROF
 * (user + system time, SIGPROF) are counted down by the tick, as Linux's
 * CPU timers are checked there. Values are kept in nanoseconds and
 * reported in the old 32-bit timeval the i386 calls use.
 */
#include "asm/io.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "linux/uaccess.h"

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

struct old_itimerval32 {
	struct old_timeval32 it_interval, it_value;
};

/* The first tick at which CLOCK_MONOTONIC has reached ns: never early. */
static unsigned long ns_to_tick(unsigned long long ns)
{
	return (unsigned long)((ns + TICK_NSEC - 1) / TICK_NSEC);
}

static void it_real_fn(struct timer_list *t)
{
	struct task_struct *p = (struct task_struct *)t->data;

	send_sig_info(SIGALRM, NULL, p);
	if (p->it_real_incr) {
		/* the next period from the last expiry, skipping any already gone (hrtimer_forward) */
		unsigned long long now = (unsigned long long)ktime_get_ns();

		do
			p->it_real_expires += p->it_real_incr;
		while (p->it_real_expires <= now);
		mod_timer(&p->real_timer, ns_to_tick(p->it_real_expires));
	}
}

void itimers_fork(struct task_struct *p)
{
	timer_setup(&p->real_timer, it_real_fn, (unsigned long)p);
	p->it_real_expires = p->it_real_incr = 0;
	p->it_virt_value = p->it_virt_incr = 0;
	p->it_prof_value = p->it_prof_incr = 0;
}

void exit_itimers(struct task_struct *p)
{
	del_timer(&p->real_timer);
}

/* One CPU timer's share of a tick: at expiry, the signal, and the interval (0 stops it). */
static void cpu_itimer_tick(struct task_struct *p, unsigned long long *value, unsigned long long incr, int sig)
{
	if (!*value)
		return;
	if (*value > (unsigned long long)TICK_NSEC) {
		*value -= TICK_NSEC;
		return;
	}
	*value = incr;
	send_sig_info(sig, NULL, p);
}

void itimers_tick(struct task_struct *p, bool user_tick)
{
	if (user_tick)
		cpu_itimer_tick(p, &p->it_virt_value, p->it_virt_incr, SIGVTALRM);
	cpu_itimer_tick(p, &p->it_prof_value, p->it_prof_incr, SIGPROF);
}

static void to_timeval(struct old_timeval32 *tv, unsigned long long ns)
{
	struct timespec64 ts = ns_to_timespec64((int64_t)ns);

	tv->tv_sec = (int32_t)ts.tv_sec;
	tv->tv_usec = (int32_t)(ts.tv_nsec / NSEC_PER_USEC);
}

/* What is left of ITIMER_REAL: at least 1 us while it is armed (Linux's itimer_get_remtime). */
static unsigned long long real_remaining(struct task_struct *p)
{
	long long left;

	if (!timer_pending(&p->real_timer))
		return 0;
	left = (long long)p->it_real_expires - ktime_get_ns();
	return left > 0 ? (unsigned long long)left : NSEC_PER_USEC;
}

static int do_getitimer(int which, struct old_itimerval32 *v)
{
	struct task_struct *p = current;
	unsigned long flags = local_irq_save();
	int err = 0;

	switch (which) {
	case ITIMER_REAL:
		to_timeval(&v->it_value, real_remaining(p));
		to_timeval(&v->it_interval, p->it_real_incr);
		break;
	case ITIMER_VIRTUAL:
		to_timeval(&v->it_value, p->it_virt_value);
		to_timeval(&v->it_interval, p->it_virt_incr);
		break;
	case ITIMER_PROF:
		to_timeval(&v->it_value, p->it_prof_value);
		to_timeval(&v->it_interval, p->it_prof_incr);
		break;
	default:
		err = -EINVAL;
	}
	local_irq_restore(flags);
	return err;
}

/*
 * A timeval's microseconds times 1000 in a 32-bit long, as Linux's
 * get_itimerval does on i386: the check that follows sees what Linux's sees.
 */
static struct timespec64 from_timeval(const struct old_timeval32 *tv)
{
	struct timespec64 ts = { tv->tv_sec, (long)((unsigned long)tv->tv_usec * NSEC_PER_USEC) };

	return ts;
}

/* Linux's set_cpu_itimer adds a tick to a new CPU timer: the tick now running has not been counted. */
static void set_cpu_itimer(unsigned long long *value, unsigned long long *incr,
			   const struct timespec64 *nval, const struct timespec64 *nincr)
{
	unsigned long long v = (unsigned long long)timespec64_to_ns(nval);

	*value = v ? v + TICK_NSEC : 0;
	*incr = (unsigned long long)timespec64_to_ns(nincr);
}

static int do_setitimer(int which, const struct old_itimerval32 *nv, struct old_itimerval32 *ov)
{
	struct task_struct *p = current;
	struct timespec64 value = from_timeval(&nv->it_value), interval = from_timeval(&nv->it_interval);
	unsigned long flags;
	int err;

	if (!timespec64_valid(&value) || !timespec64_valid(&interval))
		return -EINVAL;
	if (ov && (err = do_getitimer(which, ov)))
		return err;
	flags = local_irq_save();
	switch (which) {
	case ITIMER_REAL:
		if (!p->real_timer.function)
			timer_setup(&p->real_timer, it_real_fn, (unsigned long)p);
		del_timer(&p->real_timer);
		p->it_real_incr = 0;
		if (value.tv_sec || value.tv_nsec) {
			p->it_real_incr = (unsigned long long)timespec64_to_ns(&interval);
			p->it_real_expires = (unsigned long long)(ktime_get_ns() + timespec64_to_ns(&value));
			mod_timer(&p->real_timer, ns_to_tick(p->it_real_expires));
		}
		break;
	case ITIMER_VIRTUAL:
		set_cpu_itimer(&p->it_virt_value, &p->it_virt_incr, &value, &interval);
		break;
	case ITIMER_PROF:
		set_cpu_itimer(&p->it_prof_value, &p->it_prof_incr, &value, &interval);
		break;
	default:
		local_irq_restore(flags);
		return -EINVAL;
	}
	local_irq_restore(flags);
	return 0;
}

long sys_getitimer(int which, struct old_itimerval32 *value)
{
	struct old_itimerval32 v;
	int err = do_getitimer(which, &v);

	if (!err && copy_to_user(value, &v, sizeof(v)))
		err = -EFAULT;
	return err;
}

/* A NULL value disarms the timer, a misfeature Linux still keeps. */
long sys_setitimer(int which, const struct old_itimerval32 *value, struct old_itimerval32 *ovalue)
{
	struct old_itimerval32 nv = { { 0, 0 }, { 0, 0 } }, ov;
	int err;

	static bool warned;

	if (value && copy_from_user(&nv, value, sizeof(nv)))
		return -EFAULT;
	if (!value && !warned) {
		warned = true;
		pr_warn("%s calls setitimer() with new_value NULL pointer. Misfeature support will be removed\n",
			current->comm);
	}
	err = do_setitimer(which, &nv, ovalue ? &ov : NULL);
	if (err || !ovalue)
		return err;
	return copy_to_user(ovalue, &ov, sizeof(ov)) ? -EFAULT : 0;
}

/* alarm(2): ITIMER_REAL once, in seconds; the seconds that were left, rounded to the nearest (at least 1). */
long sys_alarm(unsigned int seconds)
{
	struct old_itimerval32 nv = { { 0, 0 }, { 0, 0 } }, ov;

	if (seconds > 0x7fffffff)       /* a 32-bit timeval holds no more */
		seconds = 0x7fffffff;
	nv.it_value.tv_sec = (int32_t)seconds;
	do_setitimer(ITIMER_REAL, &nv, &ov);
	if ((!ov.it_value.tv_sec && ov.it_value.tv_usec) || ov.it_value.tv_usec >= 500000)
		ov.it_value.tv_sec++;
	return ov.it_value.tv_sec;
}
