/*
 * Kernel timers and the tick's work (Linux's kernel/time/timer.c). The
 * pending timers are one list kept in order of expiry, so the tick looks
 * only at its head; Linux uses a timer wheel so that adding is O(1) with
 * thousands pending, which a teaching kernel with a few sleepers does
 * not need. Everything here runs with interrupts off: one CPU, and the
 * tick is the only other party.
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/printk.h"
#include "linux/sched/cputime.h"
#include "linux/sched.h"
#include "linux/timer.h"

static LIST_HEAD(pending_timers);

/* Equal expiries run in the order they were added, as Linux's wheel does. */
static void enqueue_timer(struct timer_list *t)
{
	struct list_head *pos;

	list_for_each(pos, &pending_timers) {
		if (time_before(t->expires, list_entry(pos, struct timer_list, entry)->expires))
			break;
	}
	list_add_tail(&t->entry, pos);
}

static void detach_timer(struct timer_list *t)
{
	list_del(&t->entry);
	t->entry.next = t->entry.prev = NULL;
}

void add_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();

	if (timer_pending(t))
		panic("add_timer: timer %p is already pending", (void *)t);
	enqueue_timer(t);
	local_irq_restore(flags);
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags = local_irq_save();
	int was_pending = timer_pending(t);

	if (was_pending)
		detach_timer(t);
	t->expires = expires;
	enqueue_timer(t);
	local_irq_restore(flags);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();
	int was_pending = timer_pending(t);

	if (was_pending)
		detach_timer(t);
	local_irq_restore(flags);
	return was_pending;
}

/* The list is re-read after each call: a function may add or delete timers (an itimer re-arms itself). */
void run_timers(void)
{
	unsigned long flags = local_irq_save();

	while (!list_empty(&pending_timers)) {
		struct timer_list *t = list_entry(pending_timers.next, struct timer_list, entry);

		if (time_before(jiffies, t->expires))
			break;
		detach_timer(t);
		t->function(t);
	}
	local_irq_restore(flags);
}

void update_process_times(bool user_tick)
{
	account_process_tick(current, user_tick);
	run_timers();
	scheduler_tick(user_tick);
}

unsigned long ns_to_jiffies_up(long long ns)
{
	long long j;

	if (ns <= 0)
		return 0;
	j = (ns + TICK_NSEC - 1) / TICK_NSEC;
	return j >= MAX_SCHEDULE_TIMEOUT ? MAX_SCHEDULE_TIMEOUT - 1 : (unsigned long)j;
}

static void process_timeout(struct timer_list *t)
{
	wake_up_process((struct task_struct *)t->data);
}

/*
 * Sleep until timeout jiffies have passed or something wakes current,
 * in the state the caller set (TASK_INTERRUPTIBLE: a signal ends it).
 * The wake-up comes at the tick where jiffies reaches now + timeout, so
 * the sleep lasts between timeout - 1 and timeout ticks. Returns the
 * jiffies left, 0 when the time ran out (Linux's schedule_timeout).
 */
long schedule_timeout(long timeout)
{
	struct timer_list timer;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", (unsigned long)timeout);
		current->state = TASK_RUNNING;
		return 0;
	}
	expire = jiffies + (unsigned long)timeout;
	timer_setup(&timer, process_timeout, (unsigned long)current);
	timer.expires = expire;
	add_timer(&timer);
	schedule();
	del_timer(&timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_interruptible(long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}
