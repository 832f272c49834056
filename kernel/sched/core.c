/*
 * The scheduler (Linux's kernel/sched/core.c, with a much simpler policy).
 *
 * Every task that can run and is not running sits on one run queue, in
 * the order it became runnable. schedule() takes the first; a task whose
 * time slice is used up goes to the back (round robin, Linux's SCHED_RR
 * with its 100 ms slice: RR_TIMESLICE). Linux's default policy, CFS,
 * picks by virtual run time instead; the machinery around it is the same:
 * task->state says whether a task may run, a sleeper sets its state and
 * calls schedule(), a waker calls wake_up_process(), and the tick sets
 * need_resched for the way back to user mode to act on.
 *
 * The kernel is not preemptible: a task in kernel mode runs until it
 * sleeps or returns to user mode (Linux without CONFIG_PREEMPT).
 *
 * When nothing can run, the CPU halts inside schedule() until an
 * interrupt makes something runnable (Linux has a separate idle task).
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/pgtable.h"
#include "linux/bug.h"
#include "linux/printk.h"
#include "linux/rseq.h"
#include "linux/sched.h"

#define RR_TIMESLICE (100 * HZ / 1000)  /* 100 ms in ticks, as Linux's SCHED_RR */

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 0, .comm = "swapper",
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.time_slice = RR_TIMESLICE,
	.rlim = INIT_RLIMITS,           /* fork_init() sets RLIMIT_NPROC and RLIMIT_SIGPENDING */
};
struct task_struct *current = &init_task;

static LIST_HEAD(runqueue);
unsigned long nr_context_switches;
/* Tasks that went to sleep in TASK_UNINTERRUPTIBLE and are not woken yet (Linux's rq->nr_uninterruptible). */
static unsigned int nr_uninterruptible_tasks;

void sched_init(void)
{
	fpu_init_state(&init_task.fpu);
}

static bool on_runqueue(const struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

static void enqueue_task(struct task_struct *p)
{
	if (!on_runqueue(p))
		list_add_tail(&p->run_list, &runqueue);
}

/* The next task to run, off the queue; NULL if none is runnable. */
static struct task_struct *pick_next_task(void)
{
	struct task_struct *next;

	if (list_empty(&runqueue))
		return NULL;
	next = list_entry(runqueue.next, struct task_struct, run_list);
	list_del_init(&next->run_list);
	return next;
}

void switch_to(struct task_struct *prev, struct task_struct *next);    /* arch/i386/kernel/process_32.c */

/* A task that exited and reaps itself: its stack is in use until the switch away from it. */
static struct task_struct *dead_task;

/*
 * After every switch, on the new task's stack: free the task switched
 * away from if it had exited for good (Linux's finish_task_switch and
 * put_task_struct). Called by schedule() and by a new task's first run.
 */
void finish_task_switch(void)
{
	struct task_struct *dead = dead_task;

	if (dead && dead != current) {
		dead_task = NULL;
		release_task(dead);
	}
}

/*
 * Checks on the way into schedule() (Linux's schedule_debug): a kernel
 * stack that overflowed has overwritten the magic word at its lowest
 * address; a task that is not running must not be on the run queue.
 */
static void schedule_debug(struct task_struct *prev)
{
	if (prev->stack && *(unsigned long *)prev->stack != STACK_END_MAGIC)
		panic("corrupted stack end detected inside scheduler: %s[%d], stack %p",
		      prev->comm, prev->pid, prev->stack);
	if (on_runqueue(prev))
		panic("schedule: the running task %s[%d] is on the run queue", prev->comm, prev->pid);
}

void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next;

	schedule_debug(prev);
	prev->need_resched = false;
	if ((prev->state & TASK_UNINTERRUPTIBLE) && !prev->sched_contributes_to_load && prev != &init_task) {
		prev->sched_contributes_to_load = true;         /* counted until its wake-up */
		nr_uninterruptible_tasks++;
	}
	for (;;) {
		/* A yield, or a sleep a wake-up already ended -- maybe while we
		 * idled below: wake_up_state() does not queue current itself. */
		if (prev->state == TASK_RUNNING)
			enqueue_task(prev);
		next = pick_next_task();
		if (next)
			break;
		/* Nothing to run: wait for an interrupt to wake someone (Linux's idle loop). */
		local_irq_enable();
		__asm__ volatile("hlt");
		local_irq_disable();
	}
	if (next->time_slice == 0)
		next->time_slice = RR_TIMESLICE;
	if (next != prev) {
		nr_context_switches++;
		rseq_preempt(prev);
		if (prev->state == TASK_DEAD && prev->exit_state == EXIT_DEAD)
			dead_task = prev;
		switch_to(prev, next);  /* returns when prev is picked again */
		finish_task_switch();
	}
	local_irq_restore(flags);
}

int wake_up_state(struct task_struct *p, unsigned int mask)
{
	unsigned long flags = local_irq_save();
	int woken = 0;

	if (p->state & mask) {
		if (p->sched_contributes_to_load) {
			p->sched_contributes_to_load = false;
			nr_uninterruptible_tasks--;
		}
		p->state = TASK_RUNNING;
		if (p != current)
			enqueue_task(p);
		woken = 1;
	}
	local_irq_restore(flags);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	p->state = TASK_RUNNING;
	p->time_slice = RR_TIMESLICE;
	enqueue_task(p);
	local_irq_restore(flags);
}

unsigned int nr_running(void)
{
	struct list_head *pos;
	unsigned int n = current != &init_task && current->state == TASK_RUNNING;

	/* the boot thread is the idle task here (it only waits for programs): never load */
	list_for_each(pos, &runqueue)
		n += list_entry(pos, struct task_struct, run_list) != &init_task;
	return n;
}

/* A counter, not a walk of the task list: the tick reads it, maybe while fork or exit edits that list. */
unsigned int nr_uninterruptible(void)
{
	return nr_uninterruptible_tasks;
}

/*
 * Called from the timer interrupt: the running task used one more tick of
 * its slice. The load average is folded here too (Linux does it from
 * do_timer, the tick of the CPU that keeps time: ours is the only one).
 */
void scheduler_tick(bool user_tick)
{
	struct task_struct *p = current;

	(void)user_tick;
	calc_global_load();
	if (p->time_slice > 0)
		p->time_slice--;
	if (p->time_slice == 0 && !list_empty(&runqueue))
		p->need_resched = true; /* acted on at the way back to user mode */
}

/*
 * sched_yield: to the back of the queue, behind every runnable task.
 * Returns 0 (Linux's do_sched_yield).
 */
long sys_sched_yield(void)
{
	current->time_slice = 0;
	schedule();
	return 0;
}
