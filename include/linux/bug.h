/*
 * BUG_ON: a broken kernel invariant. In the kernel it panics with the
 * condition, file and line, registers and a backtrace; in a host test it
 * prints the same and aborts, so the sanitizer run stops right there.
 */
#ifndef PAGODA_BUG_H
#define PAGODA_BUG_H

#include "linux/compiler.h"

#ifdef HOST_TEST
#include <stdio.h>
#include <stdlib.h>
#define panic(...) do { fprintf(stderr, "panic: " __VA_ARGS__); fputc('\n', stderr); abort(); } while (0)
#else
__noreturn __printf(1, 2) void panic(const char *fmt, ...);
#endif

#define BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__);	\
} while (0)

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#endif
