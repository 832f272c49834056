/*
 * printk: format into a buffer, drop the message if its level is not
 * below console_loglevel, else write it to the console. A message without
 * a KERN_ level prints at the default level (KERN_WARNING's 4, as Linux).
 * Interrupts are held off while a line is written so lines never mix.
 */
#include "asm/io.h"
#include "linux/console.h"
#include "linux/printk.h"

#define DEFAULT_MESSAGE_LOGLEVEL 4
#define PRINTK_BUF 1024

int console_loglevel = 7;       /* print all but KERN_DEBUG; loglevel= changes it */
bool printk_ignore_loglevel;    /* while the monitor runs a command: its reports are asked for */

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
		len = PRINTK_BUF - 1;
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
