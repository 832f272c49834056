/*
 * Rate limits for messages (Linux's include/linux/ratelimit.h): at most
 * burst events in each interval; the rest are counted and reported as
 * "callbacks suppressed" when the next interval begins.
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include "linux/timer.h"

#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST 10

struct ratelimit_state {
	unsigned long interval;         /* jiffies */
	int burst;
	int printed, missed;
	unsigned long begin;            /* jiffies: the start of this interval, 0 before the first event */
};

#define RATELIMIT_STATE_INIT(name, i, b) { .interval = (i), .burst = (b) }
#define DEFINE_RATELIMIT_STATE(name, i, b) struct ratelimit_state name = RATELIMIT_STATE_INIT(name, i, b)

/* Linux's ___ratelimit: 1 if the event may go ahead (print), 0 if it is suppressed; func names rs's user. */
int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(rs) ___ratelimit(rs, __func__)

#endif
