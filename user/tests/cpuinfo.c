/*
 * /proc/cpuinfo's clock rows as Linux 6.1 prints them once the TSC has been
 * measured at boot: "cpu MHz\t\t: 2893.202" (three decimals, cpu_khz) and
 * "bogomips\t: 5786.40" (two decimals, from loops_per_jiffy, which the TSC
 * gives: twice the MHz, to the jiffy's rounding). The figures are whatever
 * the machine (or QEMU's -icount) makes them: only the format, > 0 and
 * their ratio are checked.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static char text[8192];

/* The value of row name (the text after "name: ") into digits of the form D+.F{decimals}: 0 or -1. */
static int row(const char *name, int decimals, unsigned long *whole, unsigned long *frac)
{
	char *p = strstr(text, name), *q;
	int n = 0;

	if (!p)
		return -1;
	p += strlen(name);
	if (p[0] != ':' || p[1] != ' ')
		return -1;
	p += 2;
	*whole = *frac = 0;
	for (q = p; *q >= '0' && *q <= '9'; q++)
		*whole = *whole * 10 + (unsigned long)(*q - '0');
	if (q == p || *q++ != '.')
		return -1;
	for (; *q >= '0' && *q <= '9'; q++, n++)
		*frac = *frac * 10 + (unsigned long)(*q - '0');
	return n == decimals && *q == '\n' ? 0 : -1;
}

int main(void)
{
	int fd = open("/proc/cpuinfo", O_RDONLY);
	unsigned long mhz, mhz_frac, bogo, bogo_frac, khz, centi;
	ssize_t n, len = 0;

	if (fd < 0)
		fail("open /proc/cpuinfo");
	while ((n = read(fd, text + len, sizeof(text) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	check(row("\ncpu MHz\t\t", 3, &mhz, &mhz_frac) == 0, "\"cpu MHz\\t\\t: N.NNN\"");
	khz = mhz * 1000 + mhz_frac;
	check(khz > 0, "cpu MHz is above 0 (%lu.%03lu)", mhz, mhz_frac);
	check(row("\nbogomips\t", 2, &bogo, &bogo_frac) == 0, "\"bogomips\\t: N.NN\"");
	centi = bogo * 100 + bogo_frac;
	check(centi > 0, "bogomips is above 0 (%lu.%02lu)", bogo, bogo_frac);
	/* bogomips = loops_per_jiffy / (500000 / HZ), loops_per_jiffy = tsc_khz * 1000 / HZ: in hundredths, kHz / 5 */
	check(centi <= khz / 5 + 2 && khz / 5 <= centi + 2,
	      "bogomips is twice cpu MHz (%lu.%02lu, %lu.%03lu)", bogo, bogo_frac, mhz, mhz_frac);
	return done();
}
