/*
 * vsnprintf: the formats printk understands. Conversions d i u x X o c s
 * p %, flags - 0 + space #, width and precision (also as *), and the
 * length modifiers hh h l ll z. %p prints 8 hex digits, as i386 Linux did.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "linux/printk.h"
#include "linux/string.h"

struct out {
	char *buf;
	size_t size, len;   /* len counts every byte, even those cut off */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left, zero, plus, space, alt;
	int width, precision;   /* precision -1: none */
};

static void pad(struct out *o, int n, char c)
{
	while (n-- > 0)
		put(o, c);
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, sp->precision >= 0 ? (size_t)sp->precision : (size_t)-1);
	if (!sp->left)
		pad(o, sp->width - len, ' ');
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, sp->width - len, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool negative,
		       unsigned int base, bool upper, struct spec sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;
	char sign = negative ? '-' : sp.plus ? '+' : sp.space ? ' ' : 0;
	const char *prefix = "";

	if (sp.alt && base == 16)     /* Linux prints 0x0 for zero too, unlike C */
		prefix = upper ? "0X" : "0x";
	else if (sp.alt && base == 8 && v)
		prefix = "0";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp.precision > n)
		sp.zero = false;
	len = (n > sp.precision ? n : sp.precision) + (sign != 0) + (int)strlen(prefix);

	if (!sp.left && !sp.zero)
		pad(o, sp.width - len, ' ');
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	if (!sp.left && sp.zero)
		pad(o, sp.width - len, '0');
	pad(o, sp.precision - n, '0');
	while (n)
		put(o, tmp[--n]);
	if (sp.left)
		pad(o, sp.width - len, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		struct spec sp = { .precision = -1 };
		int lng = 0;    /* 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t */
		unsigned long long u;
		long long s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-') sp.left = true;
			else if (*fmt == '0') sp.zero = true;
			else if (*fmt == '+') sp.plus = true;
			else if (*fmt == ' ') sp.space = true;
			else if (*fmt == '#') sp.alt = true;
			else break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = sp.precision * 10 + (*fmt++ - '0');
			}
		}
		if (*fmt == 'h') {
			lng = -1;
			if (*++fmt == 'h') {
				lng = -2;
				fmt++;
			}
		} else if (*fmt == 'l') {
			lng = 1;
			if (*++fmt == 'l') {
				lng = 2;
				fmt++;
			}
		} else if (*fmt == 'z') {
			lng = 3;
			fmt++;
		}
		if (sp.left)
			sp.zero = false;

		switch (*fmt) {
		case 'd':
		case 'i':
			if (lng == 2) s = va_arg(ap, long long);
			else if (lng == 1) s = va_arg(ap, long);
			else if (lng == 3) s = (long)va_arg(ap, size_t);
			else s = va_arg(ap, int);
			if (lng == -1) s = (short)s;
			if (lng == -2) s = (signed char)s;
			put_number(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
				   s < 0, 10, false, sp);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng == 2) u = va_arg(ap, unsigned long long);
			else if (lng == 1) u = va_arg(ap, unsigned long);
			else if (lng == 3) u = va_arg(ap, size_t);
			else u = va_arg(ap, unsigned int);
			if (lng == -1) u = (unsigned short)u;
			if (lng == -2) u = (unsigned char)u;
			put_number(&o, u, false, *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16,
				   *fmt == 'X', sp);
			break;
		case 'p':
			sp.zero = true;
			if (!sp.width)
				sp.width = 8;
			put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, sp);
			break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), 0 };
			sp.precision = 1;
			put_string(&o, c, &sp);
			break;
		}
		case 's':
			put_string(&o, va_arg(ap, const char *), &sp);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;  /* a lone % at the end: print nothing more */
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
