/*
 * How a write to a /proc/sys file is parsed, as Linux 6.1's
 * __do_proc_dointvec and proc_get_long do it (on
 * /proc/sys/vm/dirty_background_ratio, 0..100): a write of no bytes is 0;
 * blanks around the number are taken; what follows a number and a blank
 * is left (the write returns fewer bytes); a number glued to other
 * characters, blanks alone, a number over 20 characters or out of range is
 * EINVAL; base 0 (hex, octal); and with sysctl_writes_strict, a write not
 * at offset 0 (a second write on the same descriptor, pwrite) takes its
 * bytes but changes nothing. The old value is put back at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define KNOB "/proc/sys/vm/dirty_background_ratio"
#define __NR_pwrite64 181

static long value(void)
{
	char buf[32];
	int fd = open(KNOB, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1), v = 0;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		fail("read %s", KNOB);
	buf[n] = '\0';
	for (char *p = buf; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return v;
}

/* One write of len bytes of s on a new descriptor: the raw result. */
static long write_once(const char *s, size_t len)
{
	int fd = open(KNOB, O_WRONLY);
	long r;

	if (fd < 0)
		fail("open %s: %s", KNOB, errname(errno));
	r = __syscall3(__NR_write, fd, (long)s, (long)len);
	close(fd);
	return r;
}

static void case_(const char *s, long want_ret, long want_value, const char *what)
{
	long r = write_once(s, strlen(s));

	check(r == want_ret && value() == want_value, "%s: write = %s%ld, value %ld (want %ld, %ld)", what,
	      r < 0 ? errname(r) : "", r < 0 ? 0 : r, value(), want_ret, want_value);
}

int main(void)
{
	static char big[5003];
	long old = value(), r;
	int fd;

	case_("11", 2, 11, "\"11\"");
	check(write_once("7", 0) == 0 && value() == 11, "a write of no bytes is 0 and changes nothing");
	case_("  12\n", 5, 12, "\"  12\\n\": the blanks are taken");
	case_("13 abc", 3, 13, "\"13 abc\": the number and a blank are taken, the rest left");
	case_("14\n15", 3, 14, "\"14\\n15\": one number, the second left");
	case_("15abc", -EINVAL, 14, "\"15abc\"");
	case_("15.5", -EINVAL, 14, "\"15.5\"");
	case_("   ", -EINVAL, 14, "blanks alone");
	case_("\n", -EINVAL, 14, "a newline alone");
	case_("-", -EINVAL, 14, "\"-\"");
	case_("-1", -EINVAL, 14, "\"-1\": under the minimum");
	case_("101", -EINVAL, 14, "\"101\": over the maximum");
	case_("+5", -EINVAL, 14, "\"+5\"");
	case_("0x10", 4, 16, "\"0x10\" is hex");
	case_("010", 3, 8, "\"010\" is octal");
	case_("08", -EINVAL, 8, "\"08\": not octal");
	case_("00000000000000000007", 20, 7, "20 characters");
	case_("000000000000000000007", -EINVAL, 7, "21 characters");
	case_("99999999999999999999", -EINVAL, 7, "a number past 64 bits");
	case_("\t17\t\t", 5, 17, "tabs around it");
	memset(big, ' ', sizeof(big) - 1);
	memcpy(big, "18", 2);
	check(write_once(big, sizeof(big) - 1) == (long)sizeof(big) - 1 && value() == 18,
	      "\"18\" and 5000 blanks: all taken");

	fd = open(KNOB, O_WRONLY);
	r = write(fd, "2", 1);
	check(r == 1 && value() == 2, "a number in two writes: the first, \"2\" = %ld", r);
	r = write(fd, "3", 1);
	check(r == 1 && value() == 2, "the second, \"3\", at offset 1: taken (%ld), and ignored", r);
	r = __syscall5(__NR_pwrite64, fd, (long)"40", 2, 5, 0);
	check(r == 2 && value() == 2, "pwrite at offset 5: taken (%ld), and ignored", r);
	r = __syscall5(__NR_pwrite64, fd, (long)"40", 2, 0, 0);
	check(r == 2 && value() == 40, "pwrite at offset 0 sets it (%ld)", r);
	lseek(fd, 0, SEEK_SET);
	r = write(fd, "41", 2);
	check(r == 2 && value() == 41, "after lseek to 0 a write sets it (%ld)", r);
	close(fd);

	{
		char s[16];

		snprintf(s, sizeof(s), "%ld", old);
		write_once(s, strlen(s));
		check(value() == old, "the old value %ld is back", old);
	}
	return done();
}
