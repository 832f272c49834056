/*
 * The strict number parsers behind every command-line option and monitor
 * command: each case is a string and the value or error Linux's kstrto*()
 * and memparse() rules give it, worked out by hand. Boundaries are tested
 * at the limit and one past it.
 */
#include <stdint.h>
#include "linux/errno.h"
#include "linux/kstrtox.h"
#include "tap.h"

static void ull(const char *s, unsigned int base, int err, unsigned long long want)
{
	unsigned long long v = 0xdeadbeef;
	int got = kstrtoull(s, base, &v);

	ok(got == err && (err ? v == 0xdeadbeef : v == want),
	   "kstrtoull(\"%s\", %u) = %d, %llu (want %d, %llu)", s, base, got, v, err, want);
}

static void uint32(const char *s, int err, unsigned int want)
{
	unsigned int v = 7;
	int got = kstrtouint(s, 0, &v);

	ok(got == err && (err ? v == 7 : v == want),
	   "kstrtouint(\"%s\") = %d, %u (want %d, %u)", s, got, v, err, want);
}

static void int32(const char *s, int err, int want)
{
	int v = 7;
	int got = kstrtoint(s, 10, &v);

	ok(got == err && (err ? v == 7 : v == want),
	   "kstrtoint(\"%s\") = %d, %d (want %d, %d)", s, got, v, err, want);
}

static void size(const char *s, int err, unsigned long long want)
{
	unsigned long long v = 7;
	int got = parse_size(s, &v);

	ok(got == err && (err ? v == 7 : v == want),
	   "parse_size(\"%s\") = %d, %llu (want %d, %llu)", s, got, v, err, want);
}

int main(void)
{
	ull("0", 0, 0, 0);
	ull("42", 10, 0, 42);
	ull("0x1F", 0, 0, 31);
	ull("017", 0, 0, 15);
	ull("ff", 16, 0, 255);
	ull("0xff", 16, 0, 255);
	ull("", 10, -EINVAL, 0);
	ull("abc", 10, -EINVAL, 0);
	ull("12abc", 10, -EINVAL, 0);
	ull("12 ", 10, -EINVAL, 0);
	ull("-1", 10, -EINVAL, 0);
	ull("0x", 0, -EINVAL, 0);
	ull("08", 0, -EINVAL, 0);               /* octal has no 8 */
	ull("18446744073709551615", 10, 0, UINT64_MAX);
	ull("18446744073709551616", 10, -ERANGE, 0);
	ull("0xffffffffffffffff", 0, 0, UINT64_MAX);
	ull("0x10000000000000000", 0, -ERANGE, 0);

	uint32("4294967295", 0, 4294967295u);
	uint32("4294967296", -ERANGE, 0);       /* "alloc 4294967299" must not be order 3 */
	uint32("4294967299", -ERANGE, 0);
	uint32("0xffffffff", 0, 0xffffffffu);
	uint32("0xffffffffff", -ERANGE, 0);     /* "pgwalk 0xffffffffff" must not walk 0xffffffff */

	int32("2147483647", 0, INT32_MAX);
	int32("2147483648", -ERANGE, 0);
	int32("-2147483648", 0, INT32_MIN);
	int32("-2147483649", -ERANGE, 0);
	int32("+5", 0, 5);
	int32("-", -EINVAL, 0);
	int32("abc", -EINVAL, 0);               /* "loglevel=abc" is not 0 */

	size("4096", 0, 4096);
	size("4K", 0, 4096);
	size("2m", 0, 2ULL << 20);
	size("1G", 0, 1ULL << 30);
	size("0x100000", 0, 1ULL << 20);
	size("16E", -EINVAL, 0);
	size("1MB", -EINVAL, 0);
	size("M", -EINVAL, 0);
	size("", -EINVAL, 0);
	size("17179869183G", 0, 17179869183ULL << 30);  /* 2^34 - 1 G: the largest that fits */
	size("17179869184G", -ERANGE, 0);
	size("99999999999999999999", -ERANGE, 0);
	return tap_done();
}
