/*
 * Sleeping locks (Linux's include/linux/mutex.h, kernel/locking/mutex.c):
 * one owner at a time; a task that finds the mutex taken sleeps on its
 * wait queue until the owner unlocks. Pagoda's kernel runs on one CPU and
 * is never preempted, so code between two sleeps is already atomic; a
 * mutex is for a critical section that sleeps inside (a disk read, a
 * page lock, an allocation), where another task could otherwise run in
 * the middle of it. Not recursive: taking one's own mutex again panics.
 */
#ifndef PAGODA_MUTEX_H
#define PAGODA_MUTEX_H

#include <stdbool.h>
#include "linux/wait.h"

struct task_struct;

struct mutex {
	struct task_struct *owner;      /* NULL: unlocked */
	wait_queue_head_t wait;         /* tasks waiting for it */
};

#define __MUTEX_INITIALIZER(name) { NULL, __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

static inline void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

/* Take lock, sleeping (deaf to signals) while another task holds it (Linux's mutex_lock). */
void mutex_lock(struct mutex *lock);
/* Take lock if it is free: true if taken (Linux's mutex_trylock). */
bool mutex_trylock(struct mutex *lock);
/* Give lock back and wake its waiters; only the owner may (Linux's mutex_unlock). */
void mutex_unlock(struct mutex *lock);

static inline bool mutex_is_locked(const struct mutex *lock)
{
	return lock->owner != NULL;
}

#endif
