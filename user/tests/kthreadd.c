/*
 * kthreadd, PID 2, seen through /proc as on Linux 6.1 (kernel/kthread.c):
 * "2 (kthreadd) S 0 0 0" with PF_KTHREAD (0x00200000) in stat's flags,
 * a status with PPid 0, no memory lines and every signal ignored, an
 * empty cmdline (ps shows it as [kthreadd]), empty maps, statm all zero,
 * and an exe that does not resolve (ENOENT). On Linux this runs as PID 1
 * of a PID namespace, but /proc is the boot's: its 2 is kthreadd there too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define __NR_readlink 85
#define PF_KTHREAD 0x00200000UL

static char buf[8192];

/* The whole of /proc/2/what into buf (NUL-terminated): its length, or -errno. */
static long slurp(const char *what)
{
	char path[64];
	long fd, n, got = 0;

	snprintf(path, sizeof(path), "/proc/2/%s", what);
	fd = __syscall3(__NR_open, (long)path, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
	return n < 0 ? n : got;
}

/* Field n (1-based, after the name in parentheses counts as 2) of /proc/2/stat in buf. */
static unsigned long stat_field(int n)
{
	char *p = strrchr(buf, ')');

	for (int field = 2; p && field < n; field++)
		p = strchr(p + 1, ' ');
	return p ? strtoul(p + 1, NULL, 10) : ~0UL;
}

int main(void)
{
	check(slurp("stat") > 0, "read /proc/2/stat");
	check(strncmp(buf, "2 (kthreadd) S 0 0 0 ", 21) == 0, "stat: pid 2, kthreadd, S, ppid, pgrp, session 0: %.24s",
	      buf);
	check(stat_field(9) & PF_KTHREAD, "stat's flags hold PF_KTHREAD: %#lx", stat_field(9));
	check(stat_field(23) == 0 && stat_field(24) == 0, "vsize and rss 0: %lu %lu", stat_field(23), stat_field(24));
	check(slurp("status") > 0, "read /proc/2/status");
	check(strstr(buf, "Name:\tkthreadd\n") == buf, "status: Name kthreadd");
	check(strstr(buf, "\nState:\tS (sleeping)\n") != NULL, "status: State S (sleeping)");
	check(strstr(buf, "\nPPid:\t0\n") != NULL, "status: PPid 0");
	check(strstr(buf, "\nVmSize:") == NULL && strstr(buf, "\nVmRSS:") == NULL, "status: no Vm lines (no mm)");
	check(strstr(buf, "\nSigIgn:\tffffffffffffffff\n") != NULL, "status: every signal ignored");
	check_ret(slurp("cmdline"), 0, "cmdline is empty");
	check_ret(slurp("maps"), 0, "maps is empty");
	check(slurp("statm") > 0 && strcmp(buf, "0 0 0 0 0 0 0\n") == 0, "statm is all zero: %s", buf);
	check_ret(__syscall3(__NR_readlink, (long)"/proc/2/exe", (long)buf, 64), -ENOENT, "readlink /proc/2/exe");
	return done();
}
