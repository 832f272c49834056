/* Completions (Linux's kernel/sched/completion.c): wait until another task says done. */
#include "linux/completion.h"
#include "linux/sched.h"

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
