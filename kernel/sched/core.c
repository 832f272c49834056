/* The scheduler: not yet; one task runs at a time. */
#include "linux/sched.h"

void schedule(void)
{
	current->need_resched = false;
}
