/*
 * The scheduler: not yet (step 0 of the process work). One task runs at
 * a time; these answer as if it were the only one.
 */
#include "linux/sched.h"

struct task_struct init_task = {
	.pid = 0, .comm = "swapper",
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
};

void schedule(void)
{
	current->need_resched = false;
}

int wake_up_state(struct task_struct *p, unsigned int mask)
{
	if (!(p->state & mask))
		return 0;
	p->state = TASK_RUNNING;
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

struct task_struct *find_task_by_vpid(int pid)
{
	return current && current->pid == pid ? current : NULL;
}

void __wake_up_parent(struct task_struct *p)
{
	(void)p;
}

void __wake_up(wait_queue_head_t *wq, unsigned int mask)
{
	(void)wq, (void)mask;
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, unsigned int state)
{
	(void)wq, (void)wait;
	current->state = state;
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	(void)wq, (void)wait;
	current->state = TASK_RUNNING;
}

void scheduler_tick(bool user_tick)
{
	(void)user_tick;
}
