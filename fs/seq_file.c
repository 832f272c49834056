/*
 * seq_file (Linux's fs/seq_file.c): show functions print a whole file
 * into a buffer. A line that does not fit sets overflow and the buffer
 * stays as it was before that line, so the opener can retry with one
 * twice as large (Linux's seq_read does the same on overflow).
 * A seq_file with no buffer prints to the console instead.
 */
#include <stdarg.h>
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/string.h"
#ifndef HOST_TEST
#include "linux/vmalloc.h"
#endif

/* Console lines longer than this are cut (the monitor's only; a buffer has no such limit). */
#define SEQ_CONSOLE_LINE 512

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!m->buf) {
		char line[SEQ_CONSOLE_LINE];

		va_start(ap, fmt);
		n = vsnprintf(line, sizeof(line), fmt, ap);
		va_end(ap);
		kprintf("%s", line);
		m->count += n < 0 ? 0 : (size_t)n;
		return;
	}
	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= m->size - m->count) {
		m->overflow = true;
		return;
	}
	m->count += (size_t)n;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (!m->buf) {
		const char *p = data;

		for (size_t i = 0; i < len; i++)
			kprintf("%c", p[i]);
		m->count += len;
		return;
	}
	if (m->overflow)
		return;
	if (len > m->size - m->count) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_show_console(int (*show)(struct seq_file *m, void *arg), void *arg)
{
	struct seq_file m = { 0 };

	show(&m, arg);
}

#ifndef HOST_TEST
/* The first buffer: a page, as Linux's seq_read starts with. */
#define SEQ_FIRST_SIZE 4096
/* Larger than any file /proc makes here (smaps of 64 Ki VMAs would not fit: -ENOMEM). */
#define SEQ_MAX_SIZE (8UL << 20)

int seq_show_buffer(struct seq_file *m, int (*show)(struct seq_file *m, void *arg), void *arg)
{
	for (size_t size = SEQ_FIRST_SIZE; size <= SEQ_MAX_SIZE; size *= 2) {
		int err;

		m->buf = vmalloc(size);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		m->overflow = false;
		err = show(m, arg);
		if (err) {
			vfree(m->buf);
			m->buf = NULL;
			return err;
		}
		if (!m->overflow)
			return 0;
		vfree(m->buf);
		m->buf = NULL;
	}
	return -ENOMEM;
}
#endif
