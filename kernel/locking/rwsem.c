/*
 * Reader/writer semaphores (Linux's kernel/locking/rwsem.c, reduced): a
 * count of readers, or -1 for a writer. One CPU and no kernel preemption
 * make each test-and-take one step; waiters sleep on one queue and every
 * release wakes them all to try again (few tasks wait here; Linux hands
 * the lock over in queue order instead).
 */
#include "linux/bug.h"
#include "linux/rwsem.h"
#include "linux/sched.h"

/* A semaphore in zeroed memory (a kzalloc'ed inode) is a free one: its queue is made at the first wait. */
static wait_queue_head_t *rwsem_waitqueue(struct rw_semaphore *sem)
{
	if (!sem->wait.head.next)
		init_waitqueue_head(&sem->wait);
	return &sem->wait;
}

static bool read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0 || sem->writers_waiting)
		return false;
	sem->count++;
	return true;
}

static bool write_trylock(struct rw_semaphore *sem)
{
	if (sem->count)
		return false;
	sem->count = -1;
	sem->owner = current;
	return true;
}

void down_read(struct rw_semaphore *sem)
{
	if (read_trylock(sem))
		return;
	BUG_ON(sem->owner == current && sem->count < 0);        /* the writer asks again: a deadlock */
	wait_event(*rwsem_waitqueue(sem), read_trylock(sem));
}

void up_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->count <= 0);                /* no reader holds it */
	if (--sem->count == 0)
		wake_up(rwsem_waitqueue(sem));
}

void down_write(struct rw_semaphore *sem)
{
	if (write_trylock(sem))
		return;
	BUG_ON(sem->owner == current && sem->count < 0);        /* taken twice by one task */
	sem->writers_waiting++;
	wait_event(*rwsem_waitqueue(sem), write_trylock(sem));
	sem->writers_waiting--;
}

void up_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->count != -1 || sem->owner != current);      /* not this task's to release */
	sem->count = 0;
	sem->owner = NULL;
	wake_up(rwsem_waitqueue(sem));
}
