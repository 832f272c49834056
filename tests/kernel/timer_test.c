/*
 * Kernel timers and the clocks in the running kernel: timers fire in
 * order of expiry at exactly their jiffy (equal ones in the order they
 * were added), mod_timer moves and del_timer stops one and both say
 * whether it was pending, schedule_timeout sleeps the ticks asked, and
 * CLOCK_MONOTONIC agrees with jiffies and never goes back across ticks,
 * and setting the time moves CLOCK_REALTIME alone.
 * Each case waits a few ticks with interrupts on, as the tick needs.
 */
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/time.h"
#include "linux/timer.h"

#define NR_TEST_TIMERS 4

static struct fired {
	int order[NR_TEST_TIMERS];
	unsigned long at[NR_TEST_TIMERS];       /* jiffies when each ran */
	int count;
} fired;

static void record(struct timer_list *t)
{
	fired.at[t->data] = jiffies;
	if (fired.count < NR_TEST_TIMERS)
		fired.order[fired.count++] = (int)t->data;
}

/* Spin (interrupts on) until jiffies reaches until: the tick runs the timers. */
static void wait_until(unsigned long until)
{
	while (time_before(jiffies, until))
		cpu_relax();
}

static void timers_fire_in_order_at_their_jiffy(struct ktest *t)
{
	struct timer_list tl[NR_TEST_TIMERS];
	static const unsigned long delay[NR_TEST_TIMERS] = { 3, 1, 5, 3 };
	int pending_before[NR_TEST_TIMERS], pending_after[NR_TEST_TIMERS];
	unsigned long now, flags;

	memset(&fired, 0, sizeof(fired));
	/*
	 * Interrupts off while the timers go in: a tick between reading now
	 * and adding the +1 timer would make it late (it fires at the next
	 * tick), which a busy host makes likely -- the guest can be stopped
	 * for a tick's time anywhere.
	 */
	flags = local_irq_save();
	now = jiffies;
	for (int i = 0; i < NR_TEST_TIMERS; i++) {
		timer_setup(&tl[i], record, (unsigned long)i);
		pending_before[i] = timer_pending(&tl[i]);
		tl[i].expires = now + delay[i];
		add_timer(&tl[i]);
		pending_after[i] = timer_pending(&tl[i]);
	}
	local_irq_restore(flags);
	for (int i = 0; i < NR_TEST_TIMERS; i++) {
		KTEST_EXPECT_FALSE(t, pending_before[i]);
		KTEST_EXPECT_TRUE(t, pending_after[i]);
	}
	wait_until(now + 7);
	KTEST_ASSERT_EQ(t, fired.count, NR_TEST_TIMERS);
	KTEST_EXPECT_EQ(t, fired.order[0], 1);          /* +1 */
	KTEST_EXPECT_EQ(t, fired.order[1], 0);          /* +3, added first */
	KTEST_EXPECT_EQ(t, fired.order[2], 3);          /* +3, added after it */
	KTEST_EXPECT_EQ(t, fired.order[3], 2);          /* +5 */
	for (int i = 0; i < NR_TEST_TIMERS; i++) {
		KTEST_EXPECT_EQ(t, fired.at[i], now + delay[i]);
		KTEST_EXPECT_FALSE(t, timer_pending(&tl[i]));
	}
}

static void mod_and_del_timer(struct ktest *t)
{
	struct timer_list a, b, never;
	unsigned long now, flags;
	int was;

	memset(&fired, 0, sizeof(fired));
	memset(&never, 0, sizeof(never));
	KTEST_EXPECT_FALSE(t, timer_pending(&never));   /* a zeroed timer is not pending, as Linux's */
	KTEST_EXPECT_EQ(t, del_timer(&never), 0);
	timer_setup(&a, record, 0);
	timer_setup(&b, record, 1);
	now = jiffies;
	KTEST_EXPECT_EQ(t, mod_timer(&a, now + 2), 0);  /* was not pending */
	KTEST_EXPECT_EQ(t, mod_timer(&b, now + 3), 0);
	KTEST_EXPECT_EQ(t, mod_timer(&a, now + 5), 1);  /* was pending: moved later */
	KTEST_EXPECT_EQ(t, del_timer(&b), 1);
	KTEST_EXPECT_EQ(t, del_timer(&b), 0);           /* already stopped */
	wait_until(now + 4);
	KTEST_EXPECT_EQ(t, fired.count, 0);             /* a moved to +5, b deleted */
	wait_until(now + 6);
	KTEST_ASSERT_EQ(t, fired.count, 1);
	KTEST_EXPECT_EQ(t, fired.order[0], 0);
	KTEST_EXPECT_EQ(t, fired.at[0], now + 5);
	/* a timer whose jiffy has passed runs at the next tick */
	flags = local_irq_save();       /* no tick between reading jiffies and adding */
	now = jiffies;
	was = mod_timer(&b, now - 10);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, was, 0);
	wait_until(now + 2);
	KTEST_ASSERT_EQ(t, fired.count, 2);
	KTEST_EXPECT_EQ(t, fired.at[1], now + 1);
}

static void schedule_timeout_sleeps_the_ticks(struct ktest *t)
{
	unsigned long start = jiffies;
	long left;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(5);
	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_EQ(t, current->state, TASK_RUNNING);
	KTEST_EXPECT_GE(t, jiffies - start, 5UL);
	KTEST_EXPECT_LE(t, jiffies - start, 7UL);
	KTEST_EXPECT_EQ(t, schedule_timeout(-1), 0);    /* refused, and the task left running */
	KTEST_EXPECT_EQ(t, current->state, TASK_RUNNING);
}

static void jiffies_conversions(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, TICK_NSEC, 4000000L);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(0), 0UL);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(-5), 0UL);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(1), 1UL);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(4000000), 1UL);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(4000001), 2UL);
	KTEST_EXPECT_EQ(t, ns_to_jiffies_up(1000000000LL * 1000000000LL), (unsigned long)MAX_SCHEDULE_TIMEOUT - 1);
	KTEST_EXPECT_TRUE(t, time_after(5UL, 3UL));
	KTEST_EXPECT_TRUE(t, time_after(2UL, 0xfffffff0UL));    /* across the wrap */
	KTEST_EXPECT_TRUE(t, time_before_eq(7UL, 7UL));
}

/* Read the clock across several ticks: never back, within a tick of jiffies, finer than the tick. */
static void monotonic_follows_jiffies(struct ktest *t)
{
	unsigned long end = jiffies + 5;
	int64_t prev = ktime_get_ns();
	long backwards = 0, off_tick = 0, between = 0;

	while (time_before(jiffies, end)) {
		unsigned long flags = local_irq_save();
		int64_t now = ktime_get_ns(), coarse = ktime_get_coarse_ns();

		local_irq_restore(flags);
		if (now < prev)
			backwards++;
		if (now < coarse || now - coarse > 2 * TICK_NSEC)
			off_tick++;
		if (now % TICK_NSEC)
			between++;
		prev = now;
	}
	KTEST_EXPECT_EQ(t, backwards, 0L);
	KTEST_EXPECT_EQ(t, off_tick, 0L);
	KTEST_EXPECT_GT(t, between, 0L);
	KTEST_EXPECT_GE(t, ktime_get_real_ns() - ktime_get_ns(), (int64_t)0);   /* realtime is no earlier than boot */
}

/* clock_settime's work: CLOCK_REALTIME moves, CLOCK_MONOTONIC does not; a time before boot is refused. */
static void settimeofday_moves_realtime_only(struct ktest *t)
{
	int64_t real = ktime_get_real_ns(), mono = ktime_get_ns();
	struct timespec64 ts = { 2000000000, 0 };       /* 2033-05-18 */
	int64_t now;

	KTEST_ASSERT_EQ(t, do_settimeofday64(&ts), 0);
	now = ktime_get_real_ns();
	KTEST_EXPECT_GE(t, now, (int64_t)2000000000 * NSEC_PER_SEC);
	KTEST_EXPECT_LT(t, now, (int64_t)2000000001 * NSEC_PER_SEC);
	KTEST_EXPECT_LT(t, ktime_get_ns() - mono, (int64_t)NSEC_PER_SEC);
	ts.tv_sec = 0;
	KTEST_EXPECT_EQ(t, do_settimeofday64(&ts), -EINVAL);    /* 1970 is before this boot */
	ts.tv_sec = 2000000000;
	ts.tv_nsec = NSEC_PER_SEC;
	KTEST_EXPECT_EQ(t, do_settimeofday64(&ts), -EINVAL);
	ts = ns_to_timespec64(real + (ktime_get_ns() - mono));  /* put the clock back */
	KTEST_EXPECT_EQ(t, do_settimeofday64(&ts), 0);
	KTEST_EXPECT_LT(t, ktime_get_real_ns() - real, (int64_t)NSEC_PER_SEC);
}

static struct ktest_case timer_cases[] = {
	KTEST_CASE(timers_fire_in_order_at_their_jiffy),
	KTEST_CASE(mod_and_del_timer),
	KTEST_CASE(schedule_timeout_sleeps_the_ticks),
	KTEST_CASE(jiffies_conversions),
	KTEST_CASE(monotonic_follows_jiffies),
	KTEST_CASE(settimeofday_moves_realtime_only),
	{}
};
KTEST_SUITE(timer, timer_cases);
