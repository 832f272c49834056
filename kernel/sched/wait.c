/*
 * Wait queues (Linux's kernel/sched/wait.c). Interrupts are turned off
 * while a list is changed: an interrupt handler may wake a queue too.
 */
#include "asm/io.h"
#include "linux/sched.h"
#include "linux/wait.h"

void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&wait->entry, &wq->head);
	local_irq_restore(flags);
}

void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	list_del_init(&wait->entry);
	local_irq_restore(flags);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, unsigned int state)
{
	unsigned long flags = local_irq_save();

	wait->task = current;
	if (!wait->entry.next || list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	set_current_state(TASK_RUNNING);
	if (wait->entry.next && !list_empty(&wait->entry))
		list_del_init(&wait->entry);
	local_irq_restore(flags);
}

void __wake_up(wait_queue_head_t *wq, unsigned int mask)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, entry)
		wake_up_state(w->task, mask);
	local_irq_restore(flags);
}
