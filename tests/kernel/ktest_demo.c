/*
 * Suites that fail on purpose, run only when named exactly (test=NAME):
 * tests/system.py uses them to check that a failed expectation, a crash
 * and a hang inside a test are each reported with the test's name.
 */
#include "kunit/test.h"

static void demo_expect_fails(struct ktest *t)
{
	int pages = 3;

	KTEST_EXPECT_EQ(t, pages, 4);
}

static void demo_assert_stops(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, 1 + 1 == 3);
	KTEST_EXPECT_MSG(t, 0, "this line must not run after a failed ASSERT");
}

static struct ktest_case demo_fail_cases[] = {
	KTEST_CASE(demo_expect_fails),
	KTEST_CASE(demo_assert_stops),
	{}
};
KTEST_SUITE_EXPLICIT(demo_fail, demo_fail_cases);

static void demo_null_deref(struct ktest *t)
{
	volatile int *p = (volatile int *)0;

	(void)t;
	*p = 1;
}

static struct ktest_case demo_crash_cases[] = {
	KTEST_CASE(demo_null_deref),
	{}
};
KTEST_SUITE_EXPLICIT(demo_crash, demo_crash_cases);

static void demo_spin_forever(struct ktest *t)
{
	(void)t;
	for (;;)
		__asm__ volatile("pause");
}

static struct ktest_case demo_hang_cases[] = {
	KTEST_CASE(demo_spin_forever),
	{}
};
KTEST_SUITE_EXPLICIT(demo_hang, demo_hang_cases);
