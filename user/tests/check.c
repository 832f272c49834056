#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <sys/utsname.h>
#include <errno.h>
#include "check.h"

extern const char *__progname;
static int tests;       /* TAP test points printed so far: checks, skips and the failure */
static int checks;      /* of which passed checks */

/* One TAP test point: "ok N what", "not ok N what" or "ok N # SKIP why". */
static void say(const char *result, const char *directive, const char *fmt, va_list ap, const char *suffix)
{
	char line[512];

	if (tests++ == 0)
		printf("TAP version 13\n");
	vsnprintf(line, sizeof(line), fmt, ap);
	printf("%s %d %s%s%s\n", result, tests, directive, line, suffix);
}

/* A failed check ends the program: the plan counts what ran, and status 1 says why. */
static void __attribute__((noreturn)) bail(void)
{
	printf("# FAIL: %s stopped at its first failed check\n", __progname);
	printf("1..%d\n", tests);
	exit(1);
}

void check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(ok ? "ok" : "not ok", "", fmt, ap, "");
	va_end(ap);
	if (!ok)
		bail();
	checks++;
}

static void describe(long v, char *buf, size_t size)
{
	if (v < 0 && v >= -4095)
		snprintf(buf, size, "-%s", errname(v));
	else if (v >= -4096 && v < 4096)
		snprintf(buf, size, "%ld", v);
	else
		snprintf(buf, size, "%#lx", (unsigned long)v);
}

void check_ret(long got, long want, const char *fmt, ...)
{
	char g[32], w[32], suffix[80];
	va_list ap;

	describe(got, g, sizeof(g));
	describe(want, w, sizeof(w));
	if (got == want)
		snprintf(suffix, sizeof(suffix), " = %s", g);
	else
		snprintf(suffix, sizeof(suffix), ": got %s, want %s", g, w);
	va_start(ap, fmt);
	say(got == want ? "ok" : "not ok", "", fmt, ap, suffix);
	va_end(ap);
	if (got != want)
		bail();
	checks++;
}

void skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("ok", "# SKIP ", fmt, ap, "");
	va_end(ap);
}

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("not ok", "", fmt, ap, "");
	va_end(ap);
	bail();
}

int done(void)
{
	printf("1..%d\n", tests);
	printf("PASS: %s (%d checks)\n", __progname, checks);
	return 0;
}

const char *errname(long err)
{
	static const char *const names[] = {
		[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
		[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
		[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
		[EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EXDEV] = "EXDEV", [EEXIST] = "EEXIST",
		[ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL",
		[ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [EFBIG] = "EFBIG",
		[ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EPIPE] = "EPIPE", [ERANGE] = "ERANGE",
		[ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS", [ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP", [EOVERFLOW] = "EOVERFLOW",
		[EOPNOTSUPP] = "EOPNOTSUPP",
	};
	static char other[16];

	if (err < 0)
		err = -err;
	if (err < (long)(sizeof(names) / sizeof(names[0])) && names[err])
		return names[err];
	snprintf(other, sizeof(other), "errno %ld", err);
	return other;
}

long free_pages(void)
{
	/* On Linux, 400 is msgsnd: queue id -1 makes it fail at once with -EINVAL. */
	long n = __syscall1(__NR_pagoda_nr_free_pages, -1);

	return n < 0 ? -1 : n;
}

int on_pagoda(void)
{
	return free_pages() >= 0;
}

int on_x86_64(void)
{
	struct utsname u;

	return __syscall1(__NR_uname, (long)&u) == 0 && strcmp(u.machine, "x86_64") == 0;
}

unsigned int peek(unsigned long addr)
{
	unsigned int v;

	__asm__ volatile("movl (%1), %0" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

void poke(unsigned long addr, unsigned int value)
{
	__asm__ volatile("movl %1, (%0)" : : "r"(addr), "r"(value) : "memory");
}

unsigned long stack_pointer(void)
{
	unsigned long sp;

	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	return sp;
}
