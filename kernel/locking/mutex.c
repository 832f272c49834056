/*
 * Mutexes (Linux's kernel/locking/mutex.c, without the spinning and the
 * hand-off): the kernel runs on one CPU and is never preempted, so testing
 * owner and setting it is one step; a task that finds it taken sleeps until
 * the owner's mutex_unlock wakes the queue, then tries again.
 */
#include "linux/bug.h"
#include "linux/mutex.h"
#include "linux/sched.h"

/* A mutex in memory that was zeroed, not mutex_init'ed: its queue is made at the first wait. */
static wait_queue_head_t *mutex_waitqueue(struct mutex *lock)
{
	if (!lock->wait.head.next)
		init_waitqueue_head(&lock->wait);
	return &lock->wait;
}

bool mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return false;
	lock->owner = current;
	return true;
}

void mutex_lock(struct mutex *lock)
{
	if (mutex_trylock(lock))
		return;
	BUG_ON(lock->owner == current);         /* taken twice by one task: it would sleep for ever */
	BUG_ON(!current);                       /* nobody to sleep: a lock held at boot was never released */
	wait_event(*mutex_waitqueue(lock), mutex_trylock(lock));
}

void mutex_unlock(struct mutex *lock)
{
	BUG_ON(lock->owner != current);         /* unlocking a mutex this task does not hold */
	lock->owner = NULL;
	wake_up(mutex_waitqueue(lock));
}
