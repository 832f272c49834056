/*
 * The C string functions, written plainly. GCC may emit calls to memset,
 * memcpy, memmove and memcmp on its own, so these must exist. memset and
 * memcpy use the string instructions (rep stosl / rep movsl) for whole
 * words: clearing a page is then 1024 stores, not 4096 trips round a loop.
 */
#include <stdint.h>
#include "linux/string.h"

void *memset(void *s, int c, size_t n)
{
	uint32_t word = (unsigned char)c * 0x01010101u;
	void *edi = s;
	size_t words = n / 4, bytes = n % 4;

	__asm__ volatile("rep stosl\n\t"
			 "mov %[bytes], %%ecx\n\t"
			 "rep stosb"
			 : "+D"(edi), "+c"(words)
			 : "a"(word), [bytes] "r"(bytes)
			 : "memory");
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *edi = dst;
	const void *esi = src;
	size_t words = n / 4, bytes = n % 4;

	__asm__ volatile("rep movsl\n\t"
			 "mov %[bytes], %%ecx\n\t"
			 "rep movsb"
			 : "+D"(edi), "+S"(esi), "+c"(words)
			 : [bytes] "r"(bytes)
			 : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c == 0 ? (char *)s : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* base 0 means: 0x for hex, a leading 0 for octal, else decimal. */
unsigned long simple_strtoul(const char *s, char **end, unsigned int base)
{
	unsigned long v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if ((s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	for (int d; (d = digit_value(*s)) < (int)base; s++)
		v = v * base + (unsigned long)d;
	if (end)
		*end = (char *)s;
	return v;
}

long simple_strtol(const char *s, char **end, unsigned int base)
{
	if (*s == '-')
		return -(long)simple_strtoul(s + 1, end, base);
	return (long)simple_strtoul(s, end, base);
}

/* Linux's memparse: a number with an optional K, M or G suffix. */
unsigned long long memparse(const char *s, char **end)
{
	char *p;
	unsigned long long v = simple_strtoul(s, &p, 0);

	switch (*p) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		p++;
		break;
	default:
		break;
	}
	if (end)
		*end = p;
	return v;
}

/* Shell-style glob with * and ?, as test=GLOB uses. */
int glob_match(const char *pat, const char *str)
{
	const char *star = NULL, *resume = NULL;

	while (*str) {
		if (*pat == '?' || *pat == *str) {
			pat++, str++;
		} else if (*pat == '*') {
			star = pat++;
			resume = str;
		} else if (star) {
			pat = star + 1;
			str = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}
