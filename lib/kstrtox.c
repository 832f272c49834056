/*
 * Strict number parsing (Linux's lib/kstrtox.c and memparse): the whole
 * string must be the number, and a value that does not fit is refused,
 * never wrapped. Every command-line option and every monitor command
 * parses its numbers here. Pure: also built into the host tests
 * (tests/host/test_kstrtox.c).
 */
#include <stdint.h>
#include "linux/errno.h"
#include "linux/kstrtox.h"

static unsigned int digit_of(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A' + 10);
	return 99;
}

int kstrtoull_prefix(const char *s, unsigned int base, unsigned long long *res, const char **end)
{
	unsigned long long v = 0;
	const char *start;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_of(s[2]) < 16) {
			base = 16;
			s += 2;
		} else if (s[0] == '0') {
			base = 8;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_of(s[2]) < 16) {
		s += 2;
	}
	for (start = s; digit_of(*s) < base; s++) {
		unsigned int d = digit_of(*s);

		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (s == start)
		return -EINVAL;
	*res = v;
	*end = s;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	const char *end;
	int err = kstrtoull_prefix(s, base, &v, &end);

	if (err)
		return err;
	if (*end)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v != (unsigned long)v)
		return -ERANGE;
	*res = (unsigned long)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > UINT32_MAX)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	unsigned long long v;
	int err;

	if (s[0] == '-') {
		err = kstrtoull(s + 1, base, &v);
		if (err)
			return err;
		if (v > (unsigned long long)INT32_MAX + 1)
			return -ERANGE;
		*res = (int)-(long long)v;
		return 0;
	}
	err = kstrtoull(s[0] == '+' ? s + 1 : s, base, &v);
	if (err)
		return err;
	if (v > INT32_MAX)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

int parse_size(const char *s, unsigned long long *res)
{
	unsigned long long v;
	const char *end;
	unsigned int shift = 0;
	int err = kstrtoull_prefix(s, 0, &v, &end);

	if (err)
		return err;
	switch (*end) {
	case 'G': case 'g':
		shift += 10;
		/* fall through */
	case 'M': case 'm':
		shift += 10;
		/* fall through */
	case 'K': case 'k':
		shift += 10;
		end++;
		break;
	default:
		break;
	}
	if (*end)
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*res = v << shift;
	return 0;
}
