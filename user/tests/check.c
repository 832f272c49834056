#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <errno.h>
#include "check.h"

extern const char *__progname;
static int checks;

static void say(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char line[512];

	vsnprintf(line, sizeof(line), fmt, ap);
	printf("%s%s%s\n", prefix, line, suffix);
}

void check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(ok ? "ok - " : "FAIL: ", fmt, ap, "");
	va_end(ap);
	if (!ok)
		exit(1);
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
	say(got == want ? "ok - " : "FAIL: ", fmt, ap, suffix);
	va_end(ap);
	if (got != want)
		exit(1);
	checks++;
}

void skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("skip - ", fmt, ap, "");
	va_end(ap);
}

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("FAIL: ", fmt, ap, "");
	va_end(ap);
	exit(1);
}

int done(void)
{
	printf("PASS: %s (%d checks)\n", __progname, checks);
	return 0;
}

const char *errname(long err)
{
	static const char *const names[] = {
		[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
		[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
		[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
		[EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
		[ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL",
		[ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [EFBIG] = "EFBIG",
		[ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [ERANGE] = "ERANGE",
		[ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS", [EOVERFLOW] = "EOVERFLOW",
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
