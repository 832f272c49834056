/*
 * panic: a kernel invariant broke. Print the reason, the backtrace and,
 * during a self-test, which test was running; then power QEMU off with
 * the "panic" status, or with panic=halt stop the CPU so GDB can look.
 * Never a silent reboot.
 */
#include <stdarg.h>
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/bug.h"
#include "linux/init.h"
#include "linux/kallsyms.h"
#include "linux/printk.h"
#include "linux/string.h"

static bool panic_halt;
static bool in_panic;

static int parse_panic(char *v)
{
	if (v && strcmp(v, "halt") == 0)
		panic_halt = true;
	else if (v && strcmp(v, "poweroff") == 0)
		panic_halt = false;
	else
		return -1;
	return 0;
}
early_param("panic", parse_panic);

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;
	const char *test;

	local_irq_disable();
	if (in_panic) {         /* a fault while panicking: say so and stop */
		printk(KERN_EMERG "panic: recursive panic, stopping\n");
		qemu_exit(EXIT_STATUS_PANIC);
	}
	in_panic = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	test = ktest_current_name();
	if (test)       /* tools/boot and tests/run look for this line */
		printk("    # CRASH in %s: %s\n", test, buf);
	if (panic_halt) {
		printk(KERN_EMERG "---[ end Kernel panic: halted (panic=halt) ]---\n");
		for (;;)
			halt();
	}
	printk(KERN_EMERG "---[ end Kernel panic: powering off ]---\n");
	qemu_exit(EXIT_STATUS_PANIC);
}
