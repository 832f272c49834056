/* Completions (Linux's kernel/sched/completion.c): wait until another task says done. */
#include "linux/completion.h"
#include "linux/sched.h"
#include "linux/signal.h"

void complete(struct completion *x)
{
	x->done++;
	wake_up(&x->wait);
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, x->done);
	x->done--;
}

int wait_for_completion_killable(struct completion *x)
{
	struct wait_queue_entry wait = { .task = current };
	int ret = 0;

	for (;;) {
		prepare_to_wait(&x->wait, &wait, TASK_KILLABLE);
		if (x->done)
			break;
		if (fatal_signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&x->wait, &wait);
	if (!ret)
		x->done--;
	return ret;
}
