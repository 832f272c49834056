/*
 * kernel/time/time.c on the host: mktime64 against dates whose seconds
 * since 1970 Python's calendar.timegm gives, ns_to_timespec64 on both
 * sides of zero, and the CMOS clock's registers decoded in every mode the
 * MC146818 has (BCD or binary, 24 or 12 hour, with and without the
 * century register), including what no clock can say.
 */
#include "linux/time.h"
#include "tap.h"

static void date(unsigned int y, unsigned int mo, unsigned int d, unsigned int h, unsigned int mi,
		 unsigned int s, long long want)
{
	long long got = mktime64(y, mo, d, h, mi, s);

	ok(got == want, "mktime64(%04u-%02u-%02u %02u:%02u:%02u) = %lld (want %lld)", y, mo, d, h, mi, s, got, want);
}

static void cmos(const char *what, struct cmos_time t, long long want)
{
	long long got = cmos_time_to_seconds(&t);

	ok(got == want, "%s: %lld (want %lld)", what, got, want);
}

static void split(long long ns, long long sec, long nsec)
{
	struct timespec64 ts = ns_to_timespec64(ns);

	ok(ts.tv_sec == sec && ts.tv_nsec == nsec, "ns_to_timespec64(%lld) = %lld.%09ld (want %lld.%09ld)", ns,
	   (long long)ts.tv_sec, ts.tv_nsec, sec, nsec);
}

int main(void)
{
	date(1970, 1, 1, 0, 0, 0, 0);
	date(1999, 12, 31, 23, 59, 59, 946684799);
	date(2000, 1, 1, 0, 0, 0, 946684800);
	date(2000, 3, 1, 0, 0, 0, 951868800);           /* 2000 is a leap year (divisible by 400) */
	date(2024, 2, 29, 12, 34, 56, 1709210096);
	date(2038, 1, 19, 3, 14, 7, 2147483647);        /* the last second of a 32-bit time_t */
	date(2100, 3, 1, 0, 0, 0, 4107542400LL);        /* 2100 is not */

	split(0, 0, 0);
	split(1500000000LL, 1, 500000000);
	split(-1, -1, 999999999);
	split(-1000000000LL, -1, 0);

	/* 2024-02-29 12:34:56 in each of the clock's modes */
	cmos("BCD, 24 hour, century register 0x20",
	     (struct cmos_time){ 0x56, 0x34, 0x12, 0x29, 0x02, 0x24, 0x20, RTC_24H }, 1709210096);
	cmos("binary, 24 hour", (struct cmos_time){ 56, 34, 12, 29, 2, 24, 20, RTC_24H | RTC_DM_BINARY }, 1709210096);
	cmos("BCD, 24 hour, no century: 24 is 2024",
	     (struct cmos_time){ 0x56, 0x34, 0x12, 0x29, 0x02, 0x24, 0, RTC_24H }, 1709210096);
	cmos("BCD, 12 hour: 12 PM is noon", (struct cmos_time){ 0x56, 0x34, 0x92, 0x29, 0x02, 0x24, 0x20, 0 },
	     1709210096);
	cmos("binary, 12 hour: 12 PM is noon",
	     (struct cmos_time){ 56, 34, 0x80 | 12, 29, 2, 24, 20, RTC_DM_BINARY }, 1709210096);
	cmos("BCD, 12 hour: 12 AM is midnight", (struct cmos_time){ 0x56, 0x34, 0x12, 0x29, 0x02, 0x24, 0x20, 0 },
	     1709210096 - 12 * 3600);
	cmos("BCD, 12 hour: 7 PM is 19:05",
	     (struct cmos_time){ 0x00, 0x05, 0x87, 0x04, 0x07, 0x05, 0x20, 0 }, 1120503900);
	cmos("BCD, no century: 99 is 1999",
	     (struct cmos_time){ 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0, RTC_24H }, 946684799);
	cmos("binary, century register 19: 1999",
	     (struct cmos_time){ 59, 59, 23, 31, 12, 99, 19, RTC_24H | RTC_DM_BINARY }, 946684799);
	cmos("BCD month 0x13 is no month", (struct cmos_time){ 0, 0, 0, 0x01, 0x13, 0x24, 0x20, RTC_24H }, -1);
	cmos("BCD day 0 is no day", (struct cmos_time){ 0, 0, 0, 0x00, 0x01, 0x24, 0x20, RTC_24H }, -1);
	cmos("hour 24 is no hour", (struct cmos_time){ 0, 0, 0x24, 0x01, 0x01, 0x24, 0x20, RTC_24H }, -1);
	cmos("12 hour mode has no hour 0", (struct cmos_time){ 0, 0, 0x00, 0x01, 0x01, 0x24, 0x20, 0 }, -1);
	cmos("binary year 100 is no year",
	     (struct cmos_time){ 0, 0, 0, 1, 1, 100, 20, RTC_24H | RTC_DM_BINARY }, -1);
	return tap_done();
}
