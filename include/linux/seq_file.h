/*
 * seq_file (Linux's include/linux/seq_file.h): how /proc files and the
 * monitor print text into a buffer. A show function prints the whole
 * file with seq_printf(); /proc serves the buffer to read(), the monitor
 * sends it to the console -- one function prints both.
 */
#ifndef PAGODA_SEQ_FILE_H
#define PAGODA_SEQ_FILE_H

#include <stdbool.h>
#include <stddef.h>

struct seq_file {
	char *buf;
	size_t size;            /* bytes in buf */
	size_t count;           /* bytes used */
	bool overflow;          /* something did not fit: the caller retries with a larger buf */
	void *private;          /* the show function's argument (a task, ...) */
};

__attribute__((format(printf, 2, 3))) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

#endif
