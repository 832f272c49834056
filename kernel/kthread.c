/*
 * Kernel threads (Linux's kernel/kthread.c). A kernel thread is a task
 * like any other to the scheduler, but it runs a kernel function from its
 * first instruction to its exit, never in user mode: the flusher that
 * writes dirty pages back (fs/fs-writeback.c) is one, kswapd will be one.
 *
 * kthreadd, PID 2, makes them all (as in Linux): kthread_create() puts a
 * request on a list, wakes kthreadd and sleeps; kthreadd builds the task
 * and is its parent. In Linux the reason is that a thread forked by its
 * caller would inherit the caller's mm, files, signal handlers and
 * cgroups; kthreadd's are clean. Pagoda builds a kernel thread from
 * nothing, so the reason is weaker here, but the shape -- and `ps`,
 * where every kernel thread has PPID 2 -- is Linux's.
 *
 * Address space: a kernel thread has no mm. Linux does not load a page
 * directory for it at all: it borrows the previous task's (active_mm,
 * "lazy TLB" mode), because the kernel half of every page directory is
 * the same and a CR3 write would only flush the TLB for nothing; it must
 * then hold that mm (mmgrab) so it is not freed under it. Pagoda is
 * simpler: switch_to() loads swapper_pg_dir for a task without an mm
 * (arch/i386/kernel/process_32.c, task_cr3), paying the TLB flush.
 *
 * The kernel is not preemptible: a kernel thread runs until it sleeps.
 * Signals: every handler is SIG_IGN (kthreadd's ignore_signals), SIGKILL
 * too, so kill() succeeds and does nothing, as on Linux.
 */
#include <stdarg.h>
#include "asm/irq.h"
#include "linux/bug.h"
#include "linux/completion.h"
#include "linux/errno.h"
#include "linux/kthread.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"

int alloc_pid(void);                    /* kernel/pid.c */

#define KTHREAD_SHOULD_STOP 1UL         /* struct kthread's flags */

/* What a kernel thread has beyond its task_struct (task->worker_private, as Linux 6.1). */
struct kthread {
	unsigned long flags;            /* KTHREAD_SHOULD_STOP */
	int (*threadfn)(void *data);
	void *data;
	int result;                     /* threadfn's return value, for kthread_stop */
	struct completion exited;       /* completed by kthread_exit */
};

/* One kthread_create() waiting for kthreadd (Linux's kthread_create_info), on the creator's stack. */
struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	struct task_struct *result;     /* the new thread, or NULL */
	struct completion done;
	struct list_head list;
};

struct task_struct *kthreadd_task;
static LIST_HEAD(kthread_create_list);

static struct kthread *to_kthread(struct task_struct *k)
{
	BUG_ON(!(k->flags & PF_KTHREAD));
	return k->worker_private;
}

void free_kthread_struct(struct task_struct *k)
{
	kfree(k->worker_private);
	k->worker_private = NULL;
}

/*
 * A kernel task that will run fn(arg), a child of parent, with PID pid (0:
 * the next free one), asleep until woken: Linux's kernel_thread() and
 * copy_process() for PF_KTHREAD. NULL if no memory or PID.
 */
static struct task_struct *kernel_thread(int (*fn)(void *), void *arg, struct kthread *self,
					 struct task_struct *parent, int pid)
{
	struct task_struct *p;

	if (nr_threads >= max_threads)
		return NULL;
	p = alloc_task();
	if (!p)
		return NULL;
	if (!pid)
		pid = alloc_pid();
	else
		total_forks++;
	if (pid < 0) {
		free_task(p);
		return NULL;
	}
	p->pid = p->tgid = pid;         /* pgid and sid 0, as Linux's kernel threads */
	p->flags = PF_KTHREAD;
	p->worker_private = self;
	p->state = TASK_UNINTERRUPTIBLE;        /* until wake_up_process() */
	p->exit_signal = SIGCHLD;       /* kthreadd ignores it: a kernel thread is reaped as it exits */
	for (int i = 0; i < _NSIG; i++)
		p->action[i].sa.sa_handler = SIG_IGN;   /* Linux's ignore_signals() */
	p->sas_ss_flags = SS_DISABLE;
	p->real_parent = p->parent = parent;
	p->start_time = jiffies;
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	fpu_init_state(&p->fpu);
	kthread_frame_init(p, fn, arg);
	list_add_tail(&p->sibling, &parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	return p;
}

bool kthread_should_stop(void)
{
	return to_kthread(current)->flags & KTHREAD_SHOULD_STOP;
}

void kthread_exit(long result)
{
	struct kthread *self = to_kthread(current);

	self->result = (int)result;
	complete(&self->exited);        /* Linux completes it in mm_release, through vfork_done */
	do_exit(0);
}

/* Every thread kthreadd makes starts here (Linux's kthread()): unless stopped already, its function. */
static int kthread(void *_self)
{
	struct kthread *self = _self;
	int ret = -EINTR;

	if (!(self->flags & KTHREAD_SHOULD_STOP))
		ret = self->threadfn(self->data);
	kthread_exit(ret);
}

/* kthreadd's part of a request: the thread, or NULL, handed back to the creator. */
static void create_kthread(struct kthread_create_info *create)
{
	struct kthread *self = kzalloc(sizeof(*self), GFP_KERNEL);

	create->result = NULL;
	if (self) {
		self->threadfn = create->threadfn;
		self->data = create->data;
		init_completion(&self->exited);
		create->result = kernel_thread(kthread, self, self, current, 0);
		if (!create->result)
			kfree(self);
	}
	complete(&create->done);
}

/* PID 2: sleeps until kthread_create() asks for a thread, makes it, sleeps again (Linux's kthreadd). */
static int kthreadd(void *unused)
{
	(void)unused;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		set_current_state(TASK_RUNNING);
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create =
				list_first_entry(&kthread_create_list, struct kthread_create_info, list);

			list_del_init(&create->list);
			create_kthread(create);
		}
	}
	return 0;       /* never: kthreadd lives as long as the kernel */
}

void kthreadd_init(void)
{
	struct kthread *self = kzalloc(sizeof(*self), GFP_KERNEL);

	if (!self || find_task_by_vpid(2))
		panic("kthreadd_init: no memory, or PID 2 taken");
	init_completion(&self->exited);
	kthreadd_task = kernel_thread(kthreadd, NULL, self, &init_task, 2);
	if (!kthreadd_task)
		panic("kthreadd_init: cannot make kthreadd");
	strlcpy(kthreadd_task->comm, "kthreadd", sizeof(kthreadd_task->comm));
	last_pid = 2;           /* the next kernel threads are 3, 4 ...; init still gets 1 (kernel/task.c) */
	wake_up_process(kthreadd_task);
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
{
	struct kthread_create_info create = { .threadfn = threadfn, .data = data };
	va_list args;

	BUG_ON(!kthreadd_task);
	init_completion(&create.done);
	list_add_tail(&create.list, &kthread_create_list);
	wake_up_process(kthreadd_task);
	/* Linux's wait is killable; the callers here are the kernel's own, at boot or in a ktest */
	wait_for_completion(&create.done);
	if (!create.result)
		return NULL;
	va_start(args, namefmt);
	vsnprintf(create.result->comm, sizeof(create.result->comm), namefmt, args);
	va_end(args);
	return create.result;
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kthread = to_kthread(k);
	int ret;

	get_task_struct(k);     /* the task_struct, and kthread with it, outlive the exit */
	kthread->flags |= KTHREAD_SHOULD_STOP;
	wake_up_process(k);
	wait_for_completion(&kthread->exited);
	ret = kthread->result;
	put_task_struct(k);
	return ret;
}
