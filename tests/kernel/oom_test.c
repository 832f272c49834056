/*
 * The OOM killer's score and the overcommit accounting (mm/oom_kill.c,
 * mm/util.c), on a task of our own (proc_make_task: 8 writable anonymous
 * pages of which 3 are written, 1 read-only page). oom_badness is rss +
 * swap entries + page-table pages, moved by oom_score_adj thousandths of
 * RAM + swap, LONG_MIN for whom it must never choose; /proc/PID/oom_score
 * scales it as Linux does. Committed_AS follows the VM_ACCOUNT mappings of
 * an mm, its fork copy and their end; __vm_enough_memory's three policies
 * refuse exactly what Linux refuses. Every knob is put back.
 */
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/oom.h"
#include "linux/page_alloc.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "proc_test.h"

#define LONG_MIN (-0x7fffffffL - 1)

static unsigned long free_before;

static void begin(void)
{
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
}

static void end(struct ktest *t)
{
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
}

static unsigned long totalpages(void)
{
	return totalram_pages + (unsigned long)total_swap_pages;
}

static void badness_is_rss_swap_and_page_tables(struct ktest *t)
{
	unsigned long anon, other, total = totalpages();
	struct task_struct *p;

	begin();
	p = proc_make_task(t, &anon, &other);
	/* 3 pages written (the zero page is not counted) and the one page table holding them */
	KTEST_EXPECT_EQ(t, oom_badness(p, total), 3L + 1);
	p->mm->rss_stat[MM_SWAPENTS] = 5;
	KTEST_EXPECT_EQ(t, oom_badness(p, total), 4L + 5);
	p->mm->rss_stat[MM_SWAPENTS] = 0;
	p->oom_score_adj = 500;
	KTEST_EXPECT_EQ(t, oom_badness(p, total), 4L + 500 * (long)(total / 1000));
	p->oom_score_adj = -999;        /* may go below zero: still a candidate */
	KTEST_EXPECT_EQ(t, oom_badness(p, total), 4L - 999 * (long)(total / 1000));
	p->oom_score_adj = OOM_SCORE_ADJ_MIN;
	KTEST_EXPECT_EQ(t, oom_badness(p, total), LONG_MIN);
	p->oom_score_adj = 0;
	p->mm->flags |= 1UL << MMF_OOM_SKIP;    /* reaped already */
	KTEST_EXPECT_EQ(t, oom_badness(p, total), LONG_MIN);
	p->mm->flags = 0;
	p->pid = 1;                             /* init */
	KTEST_EXPECT_EQ(t, oom_badness(p, total), LONG_MIN);
	p->pid = PROC_TEST_PID;
	proc_drop_task(p);
	end(t);
}

static void oom_score_is_scaled_to_2000(struct ktest *t)
{
	unsigned long anon, other;
	long total = (long)totalpages();
	struct task_struct *p;

	begin();
	p = proc_make_task(t, &anon, &other);
	KTEST_EXPECT_EQ(t, oom_score(p), (unsigned long)((1000 + 4 * 1000 / total) * 2 / 3));
	p->oom_score_adj = OOM_SCORE_ADJ_MAX;
	KTEST_EXPECT_EQ(t, oom_score(p), (unsigned long)((1000 + (4 + total / 1000 * 1000) * 1000 / total) * 2 / 3));
	p->oom_score_adj = OOM_SCORE_ADJ_MIN;
	KTEST_EXPECT_EQ(t, oom_score(p), 0UL);
	proc_drop_task(p);
	end(t);
}

static void committed_as_follows_accounted_mappings(struct ktest *t)
{
	unsigned long anon, other, before = vm_memory_committed();
	struct task_struct *p;
	struct mm_struct *copy;

	begin();
	p = proc_make_task(t, &anon, &other);
	/* the 8 writable pages are counted, the read-only one is not */
	KTEST_EXPECT_EQ(t, vm_accounted_pages(p->mm), 8UL);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), before + 8);
	/* split by munmap of its middle: only the page unmapped comes back */
	KTEST_EXPECT_EQ(t, do_munmap(p->mm, anon + 4 * PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), before + 7);
	/* fork's copy is counted again, and its end gives it back */
	copy = dup_mm(p->mm);
	KTEST_ASSERT_TRUE(t, copy != NULL);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), before + 14);
	mmput(copy);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), before + 7);
	proc_drop_task(p);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), before);
	end(t);
}

static void vm_enough_memory_policies(struct ktest *t)
{
	int mode = sysctl_overcommit_memory, ratio = sysctl_overcommit_ratio;
	unsigned long kbytes = sysctl_overcommit_kbytes, c = vm_memory_committed();
	long total = (long)totalpages(), swap = total_swap_pages;

	/* 0: only a single request larger than RAM + swap is refused, and leaves no count behind */
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, total + 1, 1), -ENOMEM);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), c);
	KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, total, 1), 0);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), c + (unsigned long)total);
	vm_unacct_memory(total);
	/* 1: anything */
	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, 4 * total, 1), 0);
	vm_unacct_memory(4 * total);
	/* 2: the ratio of RAM, or the kbytes, plus swap */
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	sysctl_overcommit_kbytes = 0;
	sysctl_overcommit_ratio = 50;
	KTEST_EXPECT_EQ(t, vm_commit_limit(), totalram_pages * 50 / 100 + (unsigned long)swap);
	sysctl_overcommit_kbytes = (c + 100) * (PAGE_SIZE / 1024);      /* 100 pages above what is committed */
	KTEST_EXPECT_EQ(t, vm_commit_limit(), c + 100 + (unsigned long)swap);
	KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, 99 + swap, 1), 0);
	vm_unacct_memory(99 + swap);
	KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, 100 + swap, 1), -ENOMEM);
	KTEST_EXPECT_EQ(t, vm_memory_committed(), c);
	/* without CAP_SYS_ADMIN the admin reserve is not to be had */
	if (sysctl_admin_reserve_kbytes >= PAGE_SIZE / 1024)
		KTEST_EXPECT_EQ(t, __vm_enough_memory(NULL, 99 + swap, 0), -ENOMEM);
	sysctl_overcommit_memory = mode;
	sysctl_overcommit_ratio = ratio;
	sysctl_overcommit_kbytes = kbytes;
	KTEST_EXPECT_EQ(t, vm_memory_committed(), c);
}

static struct ktest_case oom_cases[] = {
	KTEST_CASE(badness_is_rss_swap_and_page_tables),
	KTEST_CASE(oom_score_is_scaled_to_2000),
	KTEST_CASE(committed_as_follows_accounted_mappings),
	KTEST_CASE(vm_enough_memory_policies),
	{ 0 },
};

KTEST_SUITE(oom, oom_cases);
