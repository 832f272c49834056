/*
 * Catching what the code under test printk()s. In host builds printk is
 * printf, so its messages go to stdout, between the TAP lines: a test
 * redirects stdout to a temporary file around the call, then checks the
 * message (an error must say what is wrong) or just drops it.
 */
#ifndef PAGODA_TESTS_CAPTURE_H
#define PAGODA_TESTS_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

static FILE *capture_file;
static int capture_saved_fd = -1;

static inline void capture_begin(void)
{
	fflush(stdout);
	capture_file = tmpfile();
	capture_saved_fd = dup(STDOUT_FILENO);
	dup2(fileno(capture_file), STDOUT_FILENO);
}

/* Stop capturing; what was printed ends up in buf (NUL-terminated, possibly cut short). */
static inline void capture_end(char *buf, size_t len)
{
	size_t n;

	fflush(stdout);
	dup2(capture_saved_fd, STDOUT_FILENO);
	close(capture_saved_fd);
	rewind(capture_file);
	n = fread(buf, 1, len - 1, capture_file);
	buf[n] = '\0';
	fclose(capture_file);
}

#endif
