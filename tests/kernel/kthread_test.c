/*
 * Kernel threads (kernel/kthread.c) in the running kernel: kthreadd is
 * PID 2, a child of the boot thread; kthread_create makes a sleeping
 * PF_KTHREAD task without an mm, named by its format and parented by
 * kthreadd, that runs only once woken; kthread_stop wakes it, waits for
 * its exit and returns its function's value (-EINTR if it never ran); a
 * thread that returns by itself is reaped at once and its task_struct
 * and stack come back; SIGKILL does nothing to one. The cases sleep:
 * the boot thread that runs them gives the CPU to the threads.
 */
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/kthread.h"
#include "linux/page_alloc.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"

/* Every free page, the slab caches' empty slabs and the per-CPU lists given back first. */
static unsigned long free_pages_settled(void)
{
	kmem_cache_shrink_all();
	drain_local_pages();
	return nr_free_pages_with_pcp();
}

/* Sleep ticks jiffies in the boot thread: the kernel threads run meanwhile. */
static void nap(long ticks)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(ticks);
}

static int count_until_stopped(void *data)
{
	int *count = data;

	while (!kthread_should_stop()) {
		(*count)++;
		schedule_timeout_interruptible(1);
	}
	return 42;
}

static int return_at_once(void *data)
{
	(*(int *)data)++;
	return 7;
}

static void kthreadd_is_pid_2(struct ktest *t)
{
	struct task_struct *k = find_task_by_vpid(2);

	KTEST_ASSERT_TRUE(t, k != NULL);
	KTEST_EXPECT_TRUE(t, k == kthreadd_task);
	KTEST_EXPECT_STREQ(t, k->comm, "kthreadd");
	KTEST_EXPECT_EQ(t, k->flags & PF_KTHREAD, PF_KTHREAD);
	KTEST_EXPECT_TRUE(t, k->mm == NULL);
	KTEST_EXPECT_TRUE(t, k->real_parent == &init_task);
	nap(1);                 /* woken at boot: it may not have run yet */
	KTEST_EXPECT_EQ(t, k->state, TASK_INTERRUPTIBLE);     /* nothing asked of it: asleep */
}

static void create_does_not_run_it(struct ktest *t)
{
	int count = 0;
	struct task_struct *k = kthread_create(count_until_stopped, &count, "ktest/%d", 7);

	KTEST_ASSERT_TRUE(t, k != NULL);
	KTEST_EXPECT_STREQ(t, k->comm, "ktest/7");
	KTEST_EXPECT_EQ(t, k->flags & PF_KTHREAD, PF_KTHREAD);
	KTEST_EXPECT_TRUE(t, k->mm == NULL);
	KTEST_EXPECT_TRUE(t, k->files == NULL);
	KTEST_EXPECT_TRUE(t, k->real_parent == kthreadd_task);
	KTEST_EXPECT_TRUE(t, find_task_by_vpid(k->pid) == k);
	nap(3);
	KTEST_EXPECT_EQ(t, count, 0);           /* not woken: never ran */
	KTEST_EXPECT_EQ(t, kthread_stop(k), -EINTR);
	KTEST_EXPECT_EQ(t, count, 0);
}

static void run_then_stop_returns_its_value(struct ktest *t)
{
	int count = 0, pid, ret;
	struct task_struct *k = kthread_run(count_until_stopped, &count, "ktest-run");

	KTEST_ASSERT_TRUE(t, k != NULL);
	pid = k->pid;
	for (int i = 0; i < 50 && count < 3; i++)
		nap(1);
	KTEST_EXPECT_GE(t, count, 3);           /* it ran, slept and ran again */
	ret = kthread_stop(k);
	KTEST_EXPECT_EQ(t, ret, 42);
	KTEST_EXPECT_TRUE(t, find_task_by_vpid(pid) == NULL);   /* reaped by the time stop returns */
}

static void signals_do_nothing(struct ktest *t)
{
	int count = 0;
	struct task_struct *k = kthread_run(count_until_stopped, &count, "ktest-sig");

	KTEST_ASSERT_TRUE(t, k != NULL);
	KTEST_EXPECT_EQ(t, send_sig_info(SIGKILL, NULL, k), 0);
	KTEST_EXPECT_EQ(t, send_sig_info(SIGTERM, NULL, k), 0);
	KTEST_EXPECT_FALSE(t, sigismember(&k->pending.signal, SIGKILL));
	nap(3);
	KTEST_EXPECT_FALSE(t, k->exit_state);
	KTEST_EXPECT_GT(t, count, 0);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
}

static void exit_gives_everything_back(struct ktest *t)
{
	int ran = 0, threads, pid;
	unsigned long before;
	struct task_struct *k;

	before = free_pages_settled();
	threads = nr_threads;
	k = kthread_run(return_at_once, &ran, "ktest-exit");
	KTEST_ASSERT_TRUE(t, k != NULL);
	pid = k->pid;
	k = NULL;               /* it may be gone at the next sleep: no reference held */
	for (int i = 0; i < 50 && find_task_by_vpid(pid); i++)
		nap(1);
	KTEST_EXPECT_EQ(t, ran, 1);
	KTEST_EXPECT_TRUE(t, find_task_by_vpid(pid) == NULL);
	KTEST_EXPECT_EQ(t, nr_threads, threads);
	KTEST_EXPECT_EQ(t, free_pages_settled(), before);
}

static void stop_after_exit_with_a_reference(struct ktest *t)
{
	int ran = 0;
	struct task_struct *k = kthread_create(return_at_once, &ran, "ktest-ref");

	KTEST_ASSERT_TRUE(t, k != NULL);
	get_task_struct(k);     /* Linux's rule: stopping a thread that may exit by itself */
	wake_up_process(k);
	nap(3);
	KTEST_EXPECT_EQ(t, ran, 1);
	KTEST_EXPECT_TRUE(t, k->exit_state == EXIT_DEAD);      /* reaped; the task_struct is ours */
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
	put_task_struct(k);
}

static struct ktest_case kthread_cases[] = {
	KTEST_CASE(kthreadd_is_pid_2),
	KTEST_CASE(create_does_not_run_it),
	KTEST_CASE(run_then_stop_returns_its_value),
	KTEST_CASE(signals_do_nothing),
	KTEST_CASE(exit_gives_everything_back),
	KTEST_CASE(stop_after_exit_with_a_reference),
	{}
};
KTEST_SUITE(kthread, kthread_cases);
