/*
 * select()'s bits for descriptors that are not open, as Linux's
 * fs/select.c treats them: below the fdtable's size (max_fds: 32 at
 * first, then 128, 256, ... to hold the highest descriptor used, never
 * smaller again, and sized afresh for a forked child) a set bit of a closed
 * descriptor is -EBADF; at or above it the bit is neither looked at nor
 * written back.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define WORDS (1024 / 32)

struct timeval_ { long sec, usec; };

static unsigned long rd[WORDS];

static void set(int fd)
{
	rd[fd / 32] |= 1UL << (fd % 32);
}

static int isset(int fd)
{
	return (rd[fd / 32] >> (fd % 32)) & 1;
}

/* select(n, rd, NULL, NULL, 0 s): the answer */
static long select_now(int n)
{
	struct timeval_ tv = { 0, 0 };

	return __syscall5(__NR__newselect, n, (long)rd, 0, 0, (long)&tv);
}

int main(void)
{
	long a = __syscall3(__NR_open, (long)"/dev/null", O_RDONLY, 0);
	long b = __syscall3(__NR_open, (long)"/dev/null", O_RDONLY, 0);
	long pid;
	int status;

	check(a >= 0 && b > a && b < 31, "two descriptors of /dev/null below 31 (%ld, %ld)", a, b);
	__syscall1(__NR_close, a);

	memset(rd, 0, sizeof(rd));
	set((int)a);
	check_ret(select_now((int)b + 1), -EBADF, "a closed descriptor below the highest open one");
	memset(rd, 0, sizeof(rd));
	set((int)b + 1);
	check_ret(select_now((int)b + 2), -EBADF, "one just above the highest open one");
	memset(rd, 0, sizeof(rd));
	set(31);
	check_ret(select_now(1024), -EBADF, "fd 31, the last of the first 32");

	/* 100 lies beyond the 32-descriptor table: not looked at, not cleared */
	memset(rd, 0, sizeof(rd));
	set((int)b);
	set(100);
	check_ret(select_now(1024), 1, "fd 100 past the table is not -EBADF: /dev/null is ready");
	check(isset((int)b), "its bit stays set");
	check(isset(100), "and fd 100's bit is left as it was");
	memset(rd, 0, sizeof(rd));
	set(32);
	check_ret(select_now(33), 0, "fd 32 with n = 33: nothing to wait for");
	check(isset(32), "its bit left set");

	/* a descriptor of 100 grows the table to 128 for good */
	check_ret(__syscall2(__NR_dup2, b, 100), 100, "dup2 to fd 100");
	check_ret(__syscall1(__NR_close, 100), 0, "and close it");
	memset(rd, 0, sizeof(rd));
	set(100);
	check_ret(select_now(1024), -EBADF, "now fd 100 is inside the table: -EBADF");
	memset(rd, 0, sizeof(rd));
	set((int)b);
	set(300);
	check_ret(select_now(1024), 1, "fd 300 is past the table of 128");
	check(isset(300) && isset((int)b), "its bit left set, b's too");

	/* a forked child's table is sized for the descriptors open, not the parent's table */
	pid = sys_fork();
	if (pid == 0) {
		memset(rd, 0, sizeof(rd));
		set(100);
		_exit(select_now(1024) == 0 && isset(100) ? 0 : 1);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait for the child");
	check(status == 0, "in the child, fd 100 is past its 32 again (status %#x)", status);

	/* the table does not shrink: still 128 after the close */
	memset(rd, 0, sizeof(rd));
	set(127);
	check_ret(select_now(1024), -EBADF, "fd 127 is inside the table");
	memset(rd, 0, sizeof(rd));
	set(128);
	check_ret(select_now(1024), 0, "fd 128 is not");
	/* a descriptor of 128 doubles it: 256 */
	check_ret(__syscall2(__NR_dup2, b, 128), 128, "dup2 to fd 128");
	__syscall1(__NR_close, 128);
	memset(rd, 0, sizeof(rd));
	set(255);
	check_ret(select_now(1024), -EBADF, "fd 255 is inside the table of 256");
	memset(rd, 0, sizeof(rd));
	set(256);
	check_ret(select_now(1024), 0, "fd 256 is not");
	return done();
}
