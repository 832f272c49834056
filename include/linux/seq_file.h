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

/*
 * With buf NULL the text goes straight to the console (kprintf): how the
 * monitor and GDB print the same show functions without a buffer.
 */
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
/* Run show(m, arg) into a buffer, retrying with a larger one while it overflows: 0, -ENOMEM. */
int seq_show_buffer(struct seq_file *m, int (*show)(struct seq_file *m, void *arg), void *arg);
/* Print show(m, arg)'s text on the console (the monitor's commands). */
void seq_show_console(int (*show)(struct seq_file *m, void *arg), void *arg);

#endif
