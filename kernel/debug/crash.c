/*
 * Linux's crash tester is drivers/misc/lkdtm/; here in kernel/debug/ with the other debugging aids.
 *
 * crash=KIND: crash the kernel on purpose after boot, so tests (and
 * students) can see what each kind of failure prints. KIND is one of
 * null (NULL dereference), ud (invalid opcode), div0, panic, bug, hang,
 * triple (an empty IDT: the CPU resets, which -no-reboot turns into exit),
 * vmalloc-guard (write one byte past a vmalloc area), write-text (write
 * into the read-only kernel text).
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

static const char *crash_kind;

static const char *const crash_kinds[] = {
	"null", "ud", "div0", "panic", "bug", "hang", "triple", "vmalloc-guard", "write-text",
};

/* An unknown kind is refused here, at boot, not after the machine came up. */
static int parse_crash(char *v)
{
	if (!v || !*v)
		return -EINVAL;
	for (unsigned int i = 0; i < ARRAY_SIZE(crash_kinds); i++) {
		if (strcmp(v, crash_kinds[i]) == 0) {
			crash_kind = v;
			return 0;
		}
	}
	pr_err("crash=%s: unknown kind (null, ud, div0, panic, bug, hang, triple, vmalloc-guard, "
	       "write-text); ignored\n", v);
	return -ERANGE;
}
early_param("crash", parse_crash);

/* noinline: so the backtrace shows each step by name */
static __attribute__((noinline)) void crash_null_deref(void)
{
	volatile int *p = NULL;

	*p = 42;
}

static __attribute__((noinline)) void crash_divide(void)
{
	volatile int one = 1, zero = 0;	/* volatile: no constant folding */
	volatile int x = one / zero;
	(void)x;
}

static __attribute__((noinline)) void crash_vmalloc_overrun(void)
{
	volatile char *p = vmalloc(PAGE_SIZE);

	p[PAGE_SIZE] = 1;       /* the guard page */
}

static __attribute__((noinline)) void crash_write_text(void)
{
	*(volatile unsigned char *)crash_write_text = 0xc3;
}

static __attribute__((noinline)) void crash_now(const char *kind)
{
	printk(KERN_ALERT "crash=%s: crashing on purpose\n", kind);
	if (strcmp(kind, "null") == 0)
		crash_null_deref();
	else if (strcmp(kind, "ud") == 0)
		__asm__ volatile("ud2");
	else if (strcmp(kind, "div0") == 0)
		crash_divide();
	else if (strcmp(kind, "panic") == 0)
		panic("crash=panic requested");
	else if (strcmp(kind, "bug") == 0)
		BUG_ON(kind != NULL);
	else if (strcmp(kind, "vmalloc-guard") == 0)
		crash_vmalloc_overrun();
	else if (strcmp(kind, "write-text") == 0)
		crash_write_text();
	else if (strcmp(kind, "triple") == 0) {
		static const struct { unsigned short limit; unsigned long base; }
			__attribute__((packed)) no_idt = { 0, 0 };
		__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	} else if (strcmp(kind, "hang") == 0)
		for (local_irq_disable();;)
			halt();
}

void crash_if_requested(void)
{
	if (crash_kind)
		crash_now(crash_kind);
}
