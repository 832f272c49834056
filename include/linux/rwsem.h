/*
 * Reader/writer semaphores (Linux's include/linux/rwsem.h,
 * kernel/locking/rwsem.c): many readers or one writer, sleeping while the
 * other kind holds it. A writer that waits keeps new readers out, so a
 * stream of readers cannot starve it (Linux queues both in order; this is
 * the same promise, simpler). An inode's i_rwsem is one (inode_lock).
 */
#ifndef PAGODA_RWSEM_H
#define PAGODA_RWSEM_H

#include <stdbool.h>
#include "linux/wait.h"

struct task_struct;

struct rw_semaphore {
	int count;                      /* readers holding it; -1: a writer does; 0: free */
	int writers_waiting;            /* tasks in down_write: readers queue behind them */
	struct task_struct *owner;      /* the writer, for the checks */
	wait_queue_head_t wait;
};

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->writers_waiting = 0;
	sem->owner = NULL;
	init_waitqueue_head(&sem->wait);
}

/* Shared: sleep while a writer holds or waits for sem (Linux's down_read). */
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
/* Exclusive: sleep while anyone holds sem (Linux's down_write). Not recursive. */
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
/* Is it held for writing (by anyone)? For assertions. */
static inline bool rwsem_is_write_locked(const struct rw_semaphore *sem)
{
	return sem->count < 0;
}

#endif
