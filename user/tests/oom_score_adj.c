/*
 * /proc/PID/oom_score_adj, oom_adj and oom_score as Linux 6.1 has them
 * (fs/proc/base.c): oom_score_adj takes -1000..1000 (EINVAL outside, and
 * for what is not a number; ERANGE past an int), oom_adj is the legacy
 * scale (-17, -16..15; 15 reads back as 1000, the rest as adj * 1000 / 17),
 * oom_score is 0 at -1000 and 1333 or more at 1000. A fork inherits the
 * value and its floor: a child that gave up root (setuid) may not go
 * below oom_score_adj_min (EACCES), nor lower oom_adj at all, but may go up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define __NR_setuid32 213
#define __NR_prctl_ 172
#define PR_SET_DUMPABLE 4

static long read_num(const char *file)
{
	char path[64], buf[32];
	int fd;
	long n;

	snprintf(path, sizeof(path), "/proc/self/%s", file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -99999;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -99998;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* A /proc/meminfo row in kB (-1: none). */
static long meminfo_kb(const char *key)
{
	static char text[8192];
	char pat[40];
	const char *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	text[0] = '\n';
	n = read(fd, text + 1, sizeof(text) - 2);
	close(fd);
	text[n > 0 ? n + 1 : 1] = '\0';
	snprintf(pat, sizeof(pat), "\n%s:", key);
	p = strstr(text, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

/* write(2) of text to /proc/self/FILE: its result or -errno. */
static long write_str(const char *file, const char *text)
{
	char path[64];
	int fd;
	long n;

	snprintf(path, sizeof(path), "/proc/self/%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

static void writes(const char *file, const char *text, long want_ret, long want_value)
{
	check_ret(write_str(file, text), want_ret, "write %s \"%s\"", file, text);
	check_ret(read_num("oom_score_adj"), want_value, "  then oom_score_adj reads %ld", want_value);
}

/* The unprivileged child: exits with the number of checks that failed. */
static int child(void)
{
	int bad = 0;

	bad += read_num("oom_score_adj") != 500;
	bad += write_str("oom_score_adj", "600") != 3;          /* up is fine */
	bad += write_str("oom_score_adj", "400") != -EACCES;    /* below the floor of 500 */
	bad += write_str("oom_score_adj", "500") != 3;          /* back to the floor is fine */
	bad += write_str("oom_adj", "0") != -EACCES;            /* legacy: no lowering at all */
	bad += write_str("oom_adj", "15") != 2;                 /* raising is fine */
	bad += read_num("oom_score_adj") != 1000;
	return bad;
}

/* The checks run in a child: init (Pagoda runs the test as PID 1) is never the OOM killer's, its oom_score 0. */
static int test(void)
{
	/* at 1000: (1000 + (rss + 1000 * (T / 1000)) * 1000 / T) * 2 / 3, T = RAM + swap in pages */
	long t = meminfo_kb("MemTotal") / 4 + meminfo_kb("SwapTotal") / 4, least = (1000 + t / 1000 * 1000 * 1000 / t) * 2 / 3;
	long pid;
	int status = -1;

	check_ret(read_num("oom_score_adj"), 0, "oom_score_adj starts at 0");
	check_ret(read_num("oom_adj"), 0, "oom_adj starts at 0");
	check(read_num("oom_score") >= 0 && read_num("oom_score") < 1000, "oom_score at 0 is below 1000 (%ld)",
	      read_num("oom_score"));
	writes("oom_score_adj", "1000\n", 5, 1000);
	check_ret(read_num("oom_adj"), 15, "  and oom_adj reads 15");
	check(read_num("oom_score") >= least && read_num("oom_score") <= 2000, "  and oom_score is %ld..2000 (%ld)",
	      least, read_num("oom_score"));
	writes("oom_score_adj", "1001", -EINVAL, 1000);
	writes("oom_score_adj", "-1001", -EINVAL, 1000);
	writes("oom_score_adj", "abc", -EINVAL, 1000);
	writes("oom_score_adj", "12x", -EINVAL, 1000);
	writes("oom_score_adj", "", -EINVAL, 1000);
	writes("oom_score_adj", "99999999999", -ERANGE, 1000);
	writes("oom_score_adj", "  -1000  \n", 10, -1000);
	check_ret(read_num("oom_adj"), -17, "  and oom_adj reads -17");
	check_ret(read_num("oom_score"), 0, "  and oom_score reads 0");
	writes("oom_score_adj", "0x10", 4, 16);
	writes("oom_adj", "16", -EINVAL, 16);
	writes("oom_adj", "-18", -EINVAL, 16);
	writes("oom_adj", "-17", 3, -1000);
	writes("oom_adj", "15", 2, 1000);
	writes("oom_adj", "-16", 3, -941);
	check_ret(read_num("oom_adj"), -15, "  and oom_adj reads -941 * 17 / 1000 = -15");
	writes("oom_adj", "8", 1 + 0, 470);
	check_ret(read_num("oom_adj"), 7, "  and oom_adj reads 470 * 17 / 1000 = 7");
	/* root (CAP_SYS_RESOURCE) setting 500 makes 500 the floor for the unprivileged */
	writes("oom_score_adj", "500", 3, 500);
	pid = sys_fork();
	if (pid == 0) {
		if (__syscall1(__NR_setuid32, 65534))
			child_exit(100);
		/* Linux makes a task that changed its uid undumpable, which hands its
		 * /proc files to root: dumpable again, they are its own (Pagoda has no
		 * such flag and says EINVAL, which changes nothing here) */
		__syscall2(__NR_prctl_, PR_SET_DUMPABLE, 1);
		child_exit(child());
	}
	check(pid > 0 && sys_waitpid(pid, &status, 0) == pid, "fork a child that drops root");
	check(status == 0, "the child inherited 500 and its floor: up yes, below no, legacy lowering no "
	      "(status %#x: %d wrong)", status, (status >> 8) & 0xff);
	writes("oom_score_adj", "0", 1, 0);
	return done();
}

int main(void)
{
	long pid = sys_fork();
	int status = -1;

	if (pid == 0)
		child_exit(test());
	if (pid < 0 || sys_waitpid(pid, &status, 0) != pid)
		return 2;
	return (status & 0x7f) ? 3 : (status >> 8) & 0xff;
}
