/*
 * The CMOS real-time clock (MC146818 and its PC descendants), read once
 * at boot for CLOCK_REALTIME (Linux's arch/x86/kernel/rtc.c,
 * mach_get_cmos_time, and drivers/rtc/mc146818-lib.c). Its registers are
 * behind an index port (0x70) and a data port (0x71); what they mean is
 * decoded by cmos_time_to_seconds() in kernel/time/time.c.
 */
#include "asm/io.h"
#include "linux/time.h"

#define RTC_INDEX        0x70
#define RTC_DATA         0x71
#define RTC_NMI_DISABLE  0x80   /* bit 7 of the index: keep NMIs off while we select */
#define RTC_SECONDS      0x00
#define RTC_MINUTES      0x02
#define RTC_HOURS        0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH        0x08
#define RTC_YEAR         0x09
#define RTC_FREQ_SELECT  0x0a   /* register A */
#define RTC_CONTROL      0x0b   /* register B */
#define RTC_CENTURY      0x32   /* the century byte PC BIOSes keep (ACPI's FADT names it; QEMU and SeaBIOS use 0x32) */
#define RTC_UIP          0x80   /* register A: an update is in progress, the time registers are changing */

static uint8_t cmos_read(uint8_t reg)
{
	outb(RTC_INDEX, RTC_NMI_DISABLE | reg);
	return inb(RTC_DATA);
}

static void cmos_read_time(struct cmos_time *t)
{
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->mday = cmos_read(RTC_DAY_OF_MONTH);
	t->mon = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
	t->status_b = cmos_read(RTC_CONTROL);
}

/*
 * Once update-in-progress is clear the registers hold still for at
 * least 244 us; reading twice until both agree also covers an update
 * that started while we read. Returns seconds since 1970, or 0 when the
 * clock holds no date (then the clocks start at 1970, as Linux's do).
 */
int64_t mach_get_cmos_time(void)
{
	struct cmos_time a, b;
	int64_t seconds;
	int tries = 0;

	do {
		for (unsigned long spin = 0; (cmos_read(RTC_FREQ_SELECT) & RTC_UIP) && spin < 10000000; spin++)
			cpu_relax();
		cmos_read_time(&a);
		cmos_read_time(&b);
	} while ((a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.mday != b.mday ||
		  a.mon != b.mon || a.year != b.year) && ++tries < 10);
	seconds = cmos_time_to_seconds(&b);
	return seconds < 0 ? 0 : seconds;
}
