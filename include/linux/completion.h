/*
 * A completion (Linux's include/linux/completion.h): one task waits until
 * another says "done". vfork's parent waits on one until its child execs
 * or exits.
 */
#ifndef PAGODA_COMPLETION_H
#define PAGODA_COMPLETION_H

#include "linux/wait.h"

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

/* Sleep (deaf to signals, as vfork's parent) until complete() (kernel/sched/completion.c). */
void wait_for_completion(struct completion *x);
void complete(struct completion *x);
/* The same, but SIGKILL ends the wait too: 0, or -ERESTARTSYS when killed (wait_for_completion_killable). */
int wait_for_completion_killable(struct completion *x);

#endif
