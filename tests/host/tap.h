/*
 * TAP-like output for host tests: one "ok N - what" or "not ok N - what"
 * line per case, "# ..." lines for diagnostics, and the exit status says
 * whether every case passed.
 */
#ifndef PAGODA_TESTS_TAP_H
#define PAGODA_TESTS_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include "linux/compiler.h"

static int tap_cases, tap_failed;

static inline __printf(2, 3) bool ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_cases);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!pass)
		tap_failed++;
	return pass;
}

/* Return from main() with this. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_cases);
	return tap_failed ? 1 : 0;
}

#endif
