/*
 * Kernel threads (Linux's include/linux/kthread.h): tasks that run a
 * kernel function and never go to user mode. kthreadd (PID 2) makes them
 * and is their parent; each has PF_KTHREAD in task->flags, no mm and no
 * files, ignores every signal, and, the kernel not being preemptible, runs
 * until it sleeps: a thread's loop must sleep (schedule_timeout, a wait
 * queue) to let others run.
 */
#ifndef PAGODA_KTHREAD_H
#define PAGODA_KTHREAD_H

#include <stdbool.h>
#include "linux/compiler.h"
#include "linux/sched.h"

extern struct task_struct *kthreadd_task;

/* Start kthreadd as PID 2 (Linux's rest_init does it right after making kernel_init, PID 1). At boot, once. */
void kthreadd_init(void);

/*
 * A new kernel thread that will run threadfn(data), named by namefmt
 * (printf-style, cut to TASK_COMM_LEN - 1). It does not run until
 * wake_up_process() (or kthread_stop()). Sleeps while kthreadd makes it.
 * Returns the task, or NULL when there is no memory or no PID left
 * (Linux returns ERR_PTR(-ENOMEM); Pagoda has no ERR_PTR). Linux's
 * kthread_create (kthread_create_on_node).
 */
__printf(3, 4) struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
						  const char *namefmt, ...);

/* kthread_create, then started at once: the task or NULL (Linux's kthread_run). */
#define kthread_run(threadfn, data, namefmt, ...)                                       \
	({                                                                              \
		struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (__k)                                                                \
			wake_up_process(__k);                                           \
		__k;                                                                    \
	})

/* Has someone called kthread_stop() on the calling kernel thread? Its loop then returns. */
bool kthread_should_stop(void);

/*
 * Tell k to stop (kthread_should_stop() turns true), wake it, and wait
 * until it has exited. Returns what its threadfn returned, or -EINTR if
 * it was stopped before it ever ran. k must not have exited before the
 * call unless the caller holds get_task_struct(k) (as in Linux).
 */
int kthread_stop(struct task_struct *k);

/* End the calling kernel thread with result for kthread_stop() (Linux's kthread_exit). */
__noreturn void kthread_exit(long result);

/* kernel/fork.c's free_task: a kernel thread's struct kthread goes with its task_struct. */
void free_kthread_struct(struct task_struct *k);

/* arch/i386/kernel/process_32.c: k's first switch runs fn(arg) on its stack (Linux's kthread_frame_init). */
void kthread_frame_init(struct task_struct *k, int (*fn)(void *), void *arg);

#endif
