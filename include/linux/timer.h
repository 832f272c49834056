/*
 * Kernel timers (Linux's include/linux/timer.h, kernel/time/timer.c): a
 * function to call at a jiffy. The tick runs every timer whose time has
 * come, with interrupts off; a timer's function must not sleep.
 */
#ifndef PAGODA_TIMER_H
#define PAGODA_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "asm/irq.h"
#include "linux/list.h"

struct timer_list {
	struct list_head entry;         /* on the pending list, in order of expires; next is NULL when not */
	unsigned long expires;          /* jiffies */
	void (*function)(struct timer_list *);
	unsigned long data;             /* for the function's use */
};

extern volatile uint64_t jiffies_64;    /* jiffies that never wrap, for the clocks */

#define TICK_NSEC ((1000000000L + HZ / 2) / HZ)         /* 4,000,000 ns at HZ=250 */

/* Not pending: a zeroed timer too, as Linux's (a task_struct from __GFP_ZERO holds one). */
static inline bool timer_pending(const struct timer_list *t)
{
	return t->entry.next != NULL;
}

/* Jiffies compared across the wrap (Linux's include/linux/jiffies.h). */
#define time_after(a, b)     ((long)((b) - (a)) < 0)
#define time_before(a, b)    time_after(b, a)
#define time_after_eq(a, b)  ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)

static inline void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned long data)
{
	t->entry.next = t->entry.prev = NULL;
	t->function = fn;
	t->data = data;
	t->expires = 0;
}

/* Start t at t->expires (it must not be pending). */
void add_timer(struct timer_list *t);
/* (Re)start t at expires: 1 if it was pending, 0 if not (Linux's mod_timer). */
int mod_timer(struct timer_list *t, unsigned long expires);
/* Stop t: 1 if it was pending, 0 if not (Linux's del_timer). */
int del_timer(struct timer_list *t);
/* Run every timer whose expires <= jiffies (the tick calls it; Linux's run_timer_softirq). */
void run_timers(void);
/*
 * The tick's work for the interrupted task (Linux's update_process_times):
 * run the expired timers, account the tick, let the scheduler see it.
 * user_tick: the tick interrupted user mode.
 */
void update_process_times(bool user_tick);

/* ns rounded up to whole ticks, at most MAX_SCHEDULE_TIMEOUT (Linux's nsecs_to_jiffies, rounding up). */
unsigned long ns_to_jiffies_up(long long ns);

struct task_struct;
/* kernel/time/itimer.c: fork gives the child no interval timers; exit stops the task's (call both). */
void itimers_fork(struct task_struct *p);
void exit_itimers(struct task_struct *p);
/* The tick's share of ITIMER_VIRTUAL and ITIMER_PROF (from account_process_tick). */
void itimers_tick(struct task_struct *p, bool user_tick);

#endif
