/*
 * The ktest runner. test=GLOB[,GLOB...] selects suites by name; each case
 * runs with a fresh struct ktest, and a failed ASSERT longjmps back here.
 * Output is KTAP version 1; a crash (panic, oops) or a hang (the timer's
 * watchdog) during a case is reported by name before QEMU is powered off.
 */
#include <stdarg.h>
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/ptrace.h"
#include "kunit/test.h"
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/kstrtox.h"
#include "linux/monitor.h"
#include "linux/printk.h"
#include "linux/string.h"

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

#define KTEST_GLOB_MAX 256
#define KTEST_TIMEOUT_MAX 86400         /* a day: seconds * HZ stays far below 2^32 */
#define KTEST_REPEAT_MAX 100

static char test_globs[KTEST_GLOB_MAX];
static bool test_requested;
static unsigned long case_timeout_ticks = 60 * HZ;
static int test_repeat = 1;     /* ktest.repeat=N: the selection N times in one boot */

static const struct ktest_suite *current_suite;
static struct ktest *current_test;
static unsigned long case_started;

/* test=GLOB[,GLOB...]; a bare "test" means every suite. */
static int parse_test(char *v)
{
	if (v && (!*v || strchr(v, ' ')))
		return -EINVAL;
	if (v && strlen(v) >= sizeof(test_globs)) {
		pr_err("test=: %u bytes of globs, at most %u; ignored\n", (unsigned int)strlen(v),
		       (unsigned int)sizeof(test_globs) - 1);
		return -ERANGE;
	}
	strlcpy(test_globs, v ? v : "*", sizeof(test_globs));
	test_requested = true;
	return 0;
}
early_param("test", parse_test);

/* ktest.timeout=SECONDS per case, 1..KTEST_TIMEOUT_MAX. */
static int parse_test_timeout(char *v)
{
	unsigned long seconds;

	if (!v || kstrtoul(v, 10, &seconds))
		return -EINVAL;
	if (seconds < 1 || seconds > KTEST_TIMEOUT_MAX) {
		pr_err("ktest.timeout=%s: out of range 1..%d seconds; ignored\n", v, KTEST_TIMEOUT_MAX);
		return -ERANGE;
	}
	case_timeout_ticks = seconds * HZ;
	return 0;
}
early_param("ktest.timeout", parse_test_timeout);

/*
 * ktest.repeat=N runs the selected suites N times over in one boot, so
 * that a case which depends on what ran before it (state left behind by
 * its own first run) fails the second time.
 */
static int parse_test_repeat(char *v)
{
	unsigned long n;

	if (!v || kstrtoul(v, 10, &n))
		return -EINVAL;
	if (n < 1 || n > KTEST_REPEAT_MAX) {
		pr_err("ktest.repeat=%s: out of range 1..%d; ignored\n", v, KTEST_REPEAT_MAX);
		return -ERANGE;
	}
	test_repeat = (int)n;
	return 0;
}
early_param("ktest.repeat", parse_test_repeat);

bool ktest_requested(void)
{
	return test_requested;
}

static bool glob_selects(const char *glob, const struct ktest_suite *s)
{
	return s->explicit_only ? strcmp(glob, s->name) == 0 : glob_match(glob, s->name);
}

/*
 * Call fn for each glob of test_globs; stop at the first that returns
 * true and return true.
 */
static bool for_each_glob(bool (*fn)(const char *glob, void *arg), void *arg)
{
	char glob[KTEST_GLOB_MAX];
	char *p = glob, *comma;

	strlcpy(glob, test_globs, sizeof(glob));
	for (;;) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (fn(p, arg))
			return true;
		if (!comma)
			return false;
		p = comma + 1;
	}
}

static bool glob_selects_suite(const char *glob, void *suite)
{
	return glob_selects(glob, suite);
}

static bool suite_selected(const struct ktest_suite *s)
{
	return for_each_glob(glob_selects_suite, (void *)s);
}

/* A glob that selects no suite is a mistake (a typo): say which, and count it. */
static bool report_if_unmatched(const char *glob, void *count)
{
	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (glob_selects(glob, s))
			return false;
	kprintf("# ktest: no suite matches '%s' (explicit-only suites need their full name)\n", glob);
	(*(int *)count)++;
	return false;
}

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = true;
	kprintf("        # %s: %s:%d: %s\n", t->name, file, line, msg);
}

void ktest_abort(struct ktest *t)
{
	longjmp(t->abort, 1);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
	longjmp(t->abort, 1);
}

const char *ktest_current_name(void)
{
	static char name[128];

	if (!current_test)
		return NULL;
	snprintf(name, sizeof(name), "%s.%s", current_suite->name, current_test->name);
	return name;
}

void ktest_fault_fixup(struct pt_regs *regs, unsigned long address, unsigned long error_code)
{
	struct ktest *t = current_test;

	if (!t || !t->fault_armed)
		return;
	t->fault_armed = false;
	t->fault_addr = address;
	t->fault_error = error_code;
	kprintf("        # %s: expected fault at %08lx (error %lx) caught\n", t->name, address, error_code);
	/* The trap entered with interrupts off; the test ran with them on. */
	if (regs->eflags & (1 << 9))
		local_irq_enable();
	longjmp(t->fault, 1);
}

void ktest_watchdog_tick(void)
{
	if (current_test && jiffies - case_started > case_timeout_ticks)
		panic("ktest: %s did not finish within %lu s (hung?)",
		      ktest_current_name(), case_timeout_ticks / HZ);
}

enum case_result { CASE_PASS, CASE_FAIL, CASE_SKIP };

static enum case_result run_case(const struct ktest_case *c, const char **skip_reason)
{
	struct ktest t = { .name = c->name };

	kprintf("    # running: %s\n", c->name);
	current_test = &t;
	case_started = jiffies;
	if (setjmp(t.abort) == 0)
		c->run(&t);
	current_test = NULL;
	*skip_reason = t.skip_reason;
	if (t.failed)
		return CASE_FAIL;
	return t.skip_reason ? CASE_SKIP : CASE_PASS;
}

/* Returns true when every case of the suite passed. */
static bool run_suite(const struct ktest_suite *s, int index)
{
	int n = 0, passed = 0, skipped = 0;

	current_suite = s;
	while (s->cases[n].name)
		n++;
	kprintf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", s->name, n);
	if (s->init && s->init() != 0) {
		kprintf("    # %s: suite init failed\n", s->name);
		kprintf("not ok %d %s\n", index, s->name);
		return false;
	}
	for (int i = 0; i < n; i++) {
		const char *why;
		enum case_result r = run_case(&s->cases[i], &why);

		passed += r == CASE_PASS;
		skipped += r == CASE_SKIP;
		if (r == CASE_SKIP)
			kprintf("    ok %d %s # SKIP %s\n", i + 1, s->cases[i].name, why);
		else
			kprintf("    %s %d %s\n", r == CASE_PASS ? "ok" : "not ok", i + 1, s->cases[i].name);
	}
	kprintf("# %s: pass:%d fail:%d skip:%d total:%d\n", s->name, passed, n - passed - skipped, skipped, n);
	kprintf("%s %d %s\n", passed + skipped == n ? "ok" : "not ok", index, s->name);
	current_suite = NULL;
	return passed + skipped == n;
}

/* Run the suites test_globs selects; returns how many failed, plus the globs that matched nothing. */
static int ktest_run_selected(void)
{
	int selected = 0, index = 0, failed = 0, unmatched = 0;

	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
		selected += suite_selected(s);
	selected *= test_repeat;
	kprintf("KTAP version 1\n1..%d\n", selected);
	for_each_glob(report_if_unmatched, &unmatched);
	for (int round = 0; round < test_repeat; round++)
		for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
			if (suite_selected(s))
				failed += !run_suite(s, ++index);
	kprintf("# Totals: suites:%d failed:%d\n", selected, failed);
	if (unmatched)
		kprintf("# FAIL: %d test glob(s) matched no suite\n", unmatched);
	return failed + unmatched;
}

void ktest_run_all(void)
{
	qemu_exit(ktest_run_selected() ? EXIT_STATUS_FAIL : EXIT_STATUS_PASS);
}

/* The monitor's "test [GLOB]": run suites and come back to the prompt. */
static int cmd_test(int argc, char **argv)
{
	if (argc > 2)
		return -1;
	strlcpy(test_globs, argc == 2 ? argv[1] : "*", sizeof(test_globs));
	ktest_run_selected();
	return 0;
}
MONITOR_COMMAND("test", "test [GLOB]", "run in-kernel test suites (KTAP), then come back", cmd_test);

void qemu_exit(int status)
{
	/* isa-debug-exit at 0xf4 (tools/boot adds it): QEMU exits (status << 1) | 1. */
	outb(0xf4, (uint8_t)status);
	kprintf(KERN_EMERG "qemu_exit: no isa-debug-exit device; halting\n");
	for (;;) {
		local_irq_disable();
		halt();
	}
}
