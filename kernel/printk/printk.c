/*
 * printk: format into a buffer, drop the message if its level is not
 * below console_loglevel, else write it to the console. A message without
 * a KERN_ level prints at the default level (KERN_WARNING's 4, as Linux).
 * Interrupts are held off while a line is written so lines never mix.
 */
#include "asm/io.h"
#include "linux/console.h"
#include "linux/printk.h"
#include "linux/string.h"

#define DEFAULT_MESSAGE_LOGLEVEL 4
#define PRINTK_BUF 1024

int console_loglevel = 7;       /* print all but KERN_DEBUG; loglevel= changes it */
bool printk_ignore_loglevel;    /* while the monitor runs a command: its reports are asked for */

/*
 * A message longer than the buffer loses its end: say so where it stops
 * (TRUNCATED_MARK), and keep the newline it would have ended with, so the
 * next message starts on its own line. Returns the length now in buf.
 */
#define TRUNCATED_MARK "[...]"
static int mark_truncated(char *buf, const char *fmt)
{
	size_t flen = strlen(fmt);
	bool newline = flen && fmt[flen - 1] == '\n';
	int len = PRINTK_BUF - 1 - (int)sizeof(TRUNCATED_MARK) - 1;

	memcpy(buf + len, TRUNCATED_MARK, sizeof(TRUNCATED_MARK) - 1);
	len += (int)sizeof(TRUNCATED_MARK) - 1;
	if (newline)
		buf[len++] = '\n';
	buf[len] = '\0';
	return len;
}

static int vprintk_level(int level, const char *fmt, va_list ap)
{
	static char buf[PRINTK_BUF];
	int len;
	unsigned long flags;

	if (level >= console_loglevel && !printk_ignore_loglevel)
		return 0;
	flags = local_irq_save();
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (len >= PRINTK_BUF)
		len = mark_truncated(buf, fmt);
	console_write(buf, (unsigned int)len);
	local_irq_restore(flags);
	return len;
}

/* Output the user asked for (test results, monitor replies): never filtered by loglevel. */
int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(-1, fmt, ap);
	va_end(ap);
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	int level = DEFAULT_MESSAGE_LOGLEVEL;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	return vprintk_level(level, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
