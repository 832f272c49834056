/*
 * Rate limits (Linux's lib/ratelimit.c): a flood of identical complaints
 * (a corrupt disk read in a loop) must not drown the console and stall
 * the machine behind a slow serial port.
 */
#include "linux/printk.h"
#include "linux/ratelimit.h"

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long now = (unsigned long)jiffies_64;

	if (!rs->interval)
		return 1;
	if (!rs->begin)
		rs->begin = now;
	if (time_after(now, rs->begin + rs->interval)) {
		if (rs->missed)
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = now;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		return 1;
	}
	rs->missed++;
	return 0;
}
