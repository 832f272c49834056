/*
 * printf and friends. One formatter writes characters into a sink: a caller's
 * buffer (snprintf) or a small buffer flushed to a file descriptor with write
 * (printf). Output is written before printf returns, so nothing is lost when
 * a program exits or is killed.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct sink {
	char *buf;
	size_t size;            /* room in buf */
	size_t len;             /* characters in buf */
	int fd;                 /* flush to this fd when buf fills; -1: drop what does not fit */
	int total;              /* characters produced, fitting or not */
};

static void flush(struct sink *o)
{
	size_t done = 0;

	while (done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n <= 0)
			break;
		done += n;
	}
	o->len = 0;
}

static void emit(struct sink *o, char c)
{
	if (o->len == o->size && o->fd >= 0)
		flush(o);
	if (o->len < o->size)
		o->buf[o->len++] = c;
	o->total++;
}

static void emit_n(struct sink *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

enum { LEFT = 1, ZERO = 2, PLUS = 4, SPACE = 8, ALT = 16 };

static void format_number(struct sink *o, unsigned long long v, int negative, unsigned base,
			  int upper, int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3];
	int n = 0, np = 0, body, alt = (flags & ALT) && base == 16 && v != 0;   /* as glibc: %#x of 0 is "0" */

	if (v == 0 && prec != 0)
		tmp[n++] = '0';
	for (; v; v /= base)
		tmp[n++] = digits[v % base];
	if (negative)
		prefix[np++] = '-';
	else if (flags & PLUS)
		prefix[np++] = '+';
	else if (flags & SPACE)
		prefix[np++] = ' ';
	if (alt) {
		prefix[np++] = '0';
		prefix[np++] = upper ? 'X' : 'x';
	}
	body = n > prec ? n : prec;
	if (!(flags & LEFT) && !((flags & ZERO) && prec < 0))
		emit_n(o, ' ', width - np - body);
	for (int i = 0; i < np; i++)
		emit(o, prefix[i]);
	if (!(flags & LEFT) && (flags & ZERO) && prec < 0)
		emit_n(o, '0', width - np - body);
	emit_n(o, '0', prec - n);
	while (n)
		emit(o, tmp[--n]);
	if (flags & LEFT)
		emit_n(o, ' ', width - np - body);
}

static void format_string(struct sink *o, const char *s, int flags, int width, int prec)
{
	int n = prec < 0 ? (int)strlen(s) : (int)strnlen(s, prec);

	if (!(flags & LEFT))
		emit_n(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		emit(o, s[i]);
	if (flags & LEFT)
		emit_n(o, ' ', width - n);
}

static void format(struct sink *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, size = 0;   /* size: -2 hh, -1 h, 1 l, 2 ll */
		unsigned long long u;
		long long s;

		if (*fmt != '%') {
			emit(o, *fmt);
			continue;
		}
		for (;; fmt++) {
			if (fmt[1] == '-')
				flags |= LEFT;
			else if (fmt[1] == '0')
				flags |= ZERO;
			else if (fmt[1] == '+')
				flags |= PLUS;
			else if (fmt[1] == ' ')
				flags |= SPACE;
			else if (fmt[1] == '#')
				flags |= ALT;
			else
				break;
		}
		fmt++;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= LEFT;
				width = -width;
			}
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + *fmt - '0';
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + *fmt - '0';
		}
		for (;; fmt++) {
			if (*fmt == 'h')
				size--;
			else if (*fmt == 'l')
				size++;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j')
				size = *fmt == 'j' ? 2 : 1;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			s = size >= 2 ? va_arg(ap, long long) : size == 1 ? va_arg(ap, long) : va_arg(ap, int);
			if (size == -1)
				s = (short)s;
			else if (size <= -2)
				s = (signed char)s;
			u = s < 0 ? -(unsigned long long)s : (unsigned long long)s;
			format_number(o, u, s < 0, 10, 0, flags, width, prec);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			u = size >= 2 ? va_arg(ap, unsigned long long) :
			    size == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			if (size == -1)
				u = (unsigned short)u;
			else if (size <= -2)
				u = (unsigned char)u;
			format_number(o, u, 0, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X',
				      flags, width, prec);
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			if (u)
				format_number(o, u, 0, 16, 0, flags | ALT, width, prec);
			else
				format_string(o, "(nil)", flags, width, -1);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);

			format_string(o, str ? str : "(null)", flags, width, prec);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!(flags & LEFT))
				emit_n(o, ' ', width - 1);
			emit(o, c);
			if (flags & LEFT)
				emit_n(o, ' ', width - 1);
			break;
		}
		case '%':
			emit(o, '%');
			break;
		case '\0':
			return;
		default:
			emit(o, '%');
			emit(o, *fmt);
		}
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { .buf = buf, .size = size ? size - 1 : 0, .fd = -1 };

	format(&o, fmt, ap);
	if (size)
		buf[o.len] = '\0';
	return o.total;
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

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[256];
	struct sink o = { .buf = buf, .size = sizeof(buf), .fd = fd };

	format(&o, fmt, ap);
	flush(&o);
	return o.total;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vdprintf(STDOUT_FILENO, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}

int putchar(int c)
{
	char ch = c;

	return write(STDOUT_FILENO, &ch, 1) == 1 ? (unsigned char)c : EOF;
}
