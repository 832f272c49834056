/*
 * Wait queues (Linux's include/linux/wait.h, kernel/sched/wait.c): a list
 * of tasks sleeping until something happens. The sleeper puts itself on
 * the queue, marks itself asleep, checks its condition once more and
 * calls schedule(); whoever makes the condition true calls wake_up().
 */
#ifndef PAGODA_WAIT_H
#define PAGODA_WAIT_H

#include <stdbool.h>
#include "linux/list.h"

struct task_struct;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
/* Put current on wq (once) and set its state: the first half of a sleep (Linux's prepare_to_wait). */
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, unsigned int state);
/* Running again, off wq (Linux's finish_wait). */
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait);
/* Wake every task on wq sleeping in one of the states in mask. */
void __wake_up(wait_queue_head_t *wq, unsigned int mask);
#define wake_up(wq)               __wake_up(wq, TASK_NORMAL)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE)

/*
 * Sleep until cond is true, or a signal arrives: 0, or -ERESTARTSYS
 * (the system call is restarted after a handler with SA_RESTART, -EINTR
 * otherwise). Linux's wait_event_interruptible().
 */
#define wait_event_interruptible(wq, cond)                                      \
	({                                                                      \
		struct wait_queue_entry __w = { .task = current };              \
		int __ret = 0;                                                  \
		for (;;) {                                                      \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);       \
			if (cond)                                               \
				break;                                          \
			if (signal_pending(current)) {                          \
				__ret = -ERESTARTSYS;                           \
				break;                                          \
			}                                                       \
			schedule();                                             \
		}                                                               \
		finish_wait(&(wq), &__w);                                       \
		__ret;                                                          \
	})

/* The same, deaf to signals (Linux's wait_event()). */
#define wait_event(wq, cond)                                                    \
	do {                                                                    \
		struct wait_queue_entry __w = { .task = current };              \
		for (;;) {                                                      \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);     \
			if (cond)                                               \
				break;                                          \
			schedule();                                             \
		}                                                               \
		finish_wait(&(wq), &__w);                                       \
	} while (0)

#endif
