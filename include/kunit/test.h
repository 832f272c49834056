/*
 * ktest: in-kernel self-tests in the spirit of Linux's KUnit.
 *
 *	static void buddy_merges(struct ktest *t)
 *	{
 *		KTEST_EXPECT_EQ(t, nr_free_pages(), before);
 *	}
 *	static struct ktest_case buddy_cases[] = {
 *		KTEST_CASE(buddy_merges),
 *		{}
 *	};
 *	KTEST_SUITE(buddy, buddy_cases);
 *
 * test=GLOB[,GLOB...] on the command line runs the suites whose names
 * match, prints KTAP version 1 on the console, and powers QEMU off with a
 * status that says whether everything passed (lib/kunit/test.c).
 * EXPECT records a failure and goes on; ASSERT ends the case at once.
 */
#ifndef PAGODA_KTEST_H
#define PAGODA_KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include "asm/setjmp.h"
#include "linux/compiler.h"

struct ktest {
	const char *name;
	bool failed;
	const char *skip_reason;        /* set by KTEST_SKIP: reported "# SKIP reason" */
	jmp_buf abort;          /* ASSERT failures longjmp here */
	jmp_buf fault;          /* an expected kernel fault longjmps here */
	bool fault_armed;
	unsigned long fault_addr, fault_error;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;       /* ends with an empty entry */
	int (*init)(void);              /* optional: run once before the cases */
	bool explicit_only;             /* demo suites: only test=NAME, never a wildcard */
};

#define KTEST_CASE(fn) { #fn, fn }

#define KTEST_SUITE(sname, case_array)					\
	static const struct ktest_suite __ktest_suite_##sname __used	\
		__section(".ktest_suites") __aligned(4) = { #sname, case_array, NULL, false }

/* A suite that fails or crashes on purpose, to show what that looks like. */
#define KTEST_SUITE_EXPLICIT(sname, case_array)				\
	static const struct ktest_suite __ktest_suite_##sname __used	\
		__section(".ktest_suites") __aligned(4) = { #sname, case_array, NULL, true }

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);
__noreturn void ktest_abort(struct ktest *t);
__noreturn void ktest_skip(struct ktest *t, const char *reason);

/*
 * KTEST_SKIP(t, "why"): this machine cannot run the case (no highmem at
 * 8 MiB, say). It ends the case at once and KTAP reports
 * "ok N name # SKIP why": a skip, never counted as a pass. A failure
 * recorded before the skip still fails the case.
 */
#define KTEST_SKIP(t, reason) ktest_skip(t, reason)

#define KTEST_EXPECT_MSG(t, cond, ...) do {				\
	if (!(cond))							\
		ktest_fail(t, __FILE__, __LINE__, __VA_ARGS__);		\
} while (0)

#define KTEST_EXPECT_TRUE(t, c)	\
	KTEST_EXPECT_MSG(t, c, "expected %s to be true", #c)
#define KTEST_EXPECT_FALSE(t, c) \
	KTEST_EXPECT_MSG(t, !(c), "expected %s to be false", #c)

#define KTEST_BINOP(t, a, op, b, abort_case) do {			\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b)) {						\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "expected %s %s %s, but %s == %lld (%#llx), %s == %lld (%#llx)", \
			   #a, #op, #b, #a, __a, __a, #b, __b, __b);	\
		if (abort_case)						\
			ktest_abort(t);					\
	}								\
} while (0)

#define KTEST_EXPECT_EQ(t, a, b) KTEST_BINOP(t, a, ==, b, 0)
#define KTEST_EXPECT_NE(t, a, b) KTEST_BINOP(t, a, !=, b, 0)
#define KTEST_EXPECT_LT(t, a, b) KTEST_BINOP(t, a, <, b, 0)
#define KTEST_EXPECT_LE(t, a, b) KTEST_BINOP(t, a, <=, b, 0)
#define KTEST_EXPECT_GT(t, a, b) KTEST_BINOP(t, a, >, b, 0)
#define KTEST_EXPECT_GE(t, a, b) KTEST_BINOP(t, a, >=, b, 0)
#define KTEST_ASSERT_EQ(t, a, b) KTEST_BINOP(t, a, ==, b, 1)
#define KTEST_ASSERT_NE(t, a, b) KTEST_BINOP(t, a, !=, b, 1)
#define KTEST_ASSERT_TRUE(t, c) do {					\
	if (!(c)) {							\
		ktest_fail(t, __FILE__, __LINE__, "expected %s to be true", #c); \
		ktest_abort(t);						\
	}								\
} while (0)
#define KTEST_EXPECT_STREQ(t, a, b)					\
	KTEST_EXPECT_MSG(t, strcmp(a, b) == 0, "expected %s == %s, but \"%s\" != \"%s\"", \
			 #a, #b, a, b)

/*
 * KTEST_EXPECT_FAULT(t, statement): the statement must cause a kernel
 * page fault; the fault handler hands it back to the test instead of
 * oopsing, and the case goes on. t->fault_addr and t->fault_error hold
 * CR2 and the error code.
 */
#define KTEST_EXPECT_FAULT(t, stmt) do {				\
	if (setjmp((t)->fault) == 0) {					\
		(t)->fault_armed = true;				\
		__asm__ volatile("" ::: "memory"); /* armed before stmt */ \
		stmt;							\
		__asm__ volatile("" ::: "memory");			\
		(t)->fault_armed = false;				\
		ktest_fail(t, __FILE__, __LINE__, "expected a fault from %s", #stmt); \
	}								\
} while (0)

struct pt_regs;
/* Called by the page-fault handler before it oopses: does not return if a test expected this fault. */
void ktest_fault_fixup(struct pt_regs *regs, unsigned long address, unsigned long error_code);

/* Powers QEMU off (isa-debug-exit): these are the values tools/boot decodes. */
#define EXIT_STATUS_PASS  0x10
#define EXIT_STATUS_FAIL  0x11
#define EXIT_STATUS_PANIC 0x12
__noreturn void qemu_exit(int status);

bool ktest_requested(void);
void ktest_run_all(void);
void ktest_watchdog_tick(void);
const char *ktest_current_name(void);   /* "suite.case" or NULL */

#endif
