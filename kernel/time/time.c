/*
 * Time conversions (Linux's kernel/time/time.c and the decoding half of
 * drivers/rtc/lib.c, mc146818-lib.c): dates to seconds since 1970,
 * nanoseconds to timespec, and what the CMOS clock's registers mean. No
 * hardware here: the host test (tests/host/test_time.c) builds it too.
 */
#include "linux/time.h"

/*
 * Gauss's algorithm, as Linux's mktime64: count years from March, so
 * that February, with its leap day, is the last month of the year.
 */
int64_t mktime64(unsigned int year, unsigned int mon, unsigned int day,
		 unsigned int hour, unsigned int min, unsigned int sec)
{
	int m = (int)mon - 2;

	if (m <= 0) {                   /* January and February belong to the year before */
		m += 12;
		year -= 1;
	}
	return ((((int64_t)(year / 4 - year / 100 + year / 400 + 367 * (unsigned int)m / 12 + day) +
		  (int64_t)year * 365 - 719499) * 24 + hour) * 60 + min) * 60 + sec;
}

struct timespec64 ns_to_timespec64(int64_t ns)
{
	struct timespec64 ts = { ns / NSEC_PER_SEC, (long)(ns % NSEC_PER_SEC) };

	if (ts.tv_nsec < 0) {           /* C rounds towards zero; a timespec's nanoseconds are never negative */
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

int64_t timespec64_to_ns(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static unsigned int bcd2bin(uint8_t v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* A register's number: BCD unless register B says binary. */
static unsigned int cmos_value(const struct cmos_time *t, uint8_t v)
{
	return t->status_b & RTC_DM_BINARY ? v : bcd2bin(v);
}

/*
 * Register B says how the other registers count: RTC_DM_BINARY clear
 * means BCD; RTC_24H clear means 12-hour, with bit 7 of the hour set
 * after noon and 12 meaning the first hour. The year register has two
 * digits: the century register (0x32 on PCs) gives the rest when it
 * holds one; otherwise 70..99 are 1970..1999 and 00..69 are 2000..2069,
 * as Linux's mc146818_get_time does without a century register.
 */
int64_t cmos_time_to_seconds(const struct cmos_time *t)
{
	bool pm = !(t->status_b & RTC_24H) && (t->hour & 0x80);
	unsigned int sec = cmos_value(t, t->sec), min = cmos_value(t, t->min);
	unsigned int hour = cmos_value(t, t->hour & 0x7f);
	unsigned int mday = cmos_value(t, t->mday), mon = cmos_value(t, t->mon);
	unsigned int year = cmos_value(t, t->year);
	unsigned int century = t->century ? cmos_value(t, t->century) : 0;

	if (!(t->status_b & RTC_24H)) {
		if (hour < 1 || hour > 12)
			return -1;
		hour = hour % 12 + (pm ? 12 : 0);
	}
	if (year > 99)
		return -1;
	if (century >= 19 && century <= 30)
		year += century * 100;
	else
		year += year < 70 ? 2000 : 1900;
	if (sec > 59 || min > 59 || hour > 23 || mday < 1 || mday > 31 || mon < 1 || mon > 12)
		return -1;
	return mktime64(year, mon, mday, hour, min, sec);
}
