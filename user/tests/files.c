/* Files from the initrd: open, read to the end, lseek, fstat and fstat64, close, and their errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "check.h"

static const char motd_start[] = "Welcome to Pagoda.\n";

int main(void)
{
	static char buf[8192], again[8192];
	struct stat st;
	struct stat64 st64;
	static long many[4096];
	long n, total = 0, fd, fds[8];

	check(sizeof(struct stat) == 64 && sizeof(struct stat64) == 96, "struct stat is 64 bytes, stat64 96");
	fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check(fd >= 0, "open(\"/etc/motd\") = %ld", fd);
	memset(&st, 0xff, sizeof(st));
	check_ret(__syscall2(__NR_fstat, fd, (long)&st), 0, "fstat");
	check(S_ISREG(st.st_mode), "st_mode %#o is a regular file", st.st_mode);
	check(st.st_size > sizeof(motd_start) && st.st_size < sizeof(buf), "st_size = %lu", st.st_size);
	memset(&st64, 0xff, sizeof(st64));
	check_ret(__syscall2(__NR_fstat64, fd, (long)&st64), 0, "fstat64");
	check(S_ISREG(st64.st_mode) && st64.st_size == (long long)st.st_size, "fstat64 agrees: mode %#o size %lld",
	      st64.st_mode, st64.st_size);

	while ((n = __syscall3(__NR_read, fd, (long)buf + total, 10)) > 0)
		total += n;
	check_ret(n, 0, "reading 10 bytes at a time ends with 0 at end of file");
	check(total == (long)st.st_size, "read %ld bytes in all, st_size bytes", total);
	check(memcmp(buf, motd_start, strlen(motd_start)) == 0, "it starts \"Welcome to Pagoda.\"");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 10), 0, "read at end of file again");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 0), 0, "read of 0 bytes");

	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_CUR), total, "lseek(0, SEEK_CUR) is the end");
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_SET), 0, "lseek(0, SEEK_SET)");
	check_ret(__syscall3(__NR_read, fd, (long)again, sizeof(again)), total, "one big read gets the whole file");
	check(memcmp(buf, again, total) == 0, "the same bytes as before");
	check_ret(__syscall3(__NR_lseek, fd, -5, SEEK_END), total - 5, "lseek(-5, SEEK_END)");
	check_ret(__syscall3(__NR_read, fd, (long)again, 100), 5, "leaves 5 bytes to read");
	check_ret(__syscall3(__NR_lseek, fd, 14, SEEK_SET), 14, "lseek(14, SEEK_SET)");
	check_ret(__syscall3(__NR_lseek, fd, -3, SEEK_CUR), 11, "lseek(-3, SEEK_CUR)");
	check_ret(__syscall3(__NR_read, fd, (long)again, 6), 6, "read 6");
	check(memcmp(again, "Pagoda", 6) == 0, "reads \"Pagoda\" at offset 11");
	check_ret(__syscall3(__NR_lseek, fd, -1, SEEK_SET), -EINVAL, "lseek to -1");
	check_ret(__syscall3(__NR_lseek, fd, 0, 7), -EINVAL, "lseek with whence 7");
	check_ret(__syscall3(__NR_lseek, fd, total + 100, SEEK_SET), total + 100, "lseek past the end");
	check_ret(__syscall3(__NR_read, fd, (long)again, 10), 0, "read there gives end of file");

	check_ret(__syscall3(__NR_write, fd, (long)"x", 1), -EBADF, "write to a file opened O_RDONLY");
	check_ret(__syscall3(__NR_ioctl, fd, TCGETS, (long)again), -ENOTTY, "ioctl(TCGETS) on a file");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall1(__NR_close, fd), -EBADF, "close again");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 1), -EBADF, "read from the closed fd");
	check_ret(__syscall2(__NR_fstat, fd, (long)&st), -EBADF, "fstat of the closed fd");
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_SET), -EBADF, "lseek on the closed fd");

	check_ret(__syscall3(__NR_open, (long)"/etc/no-such-file", O_RDONLY, 0), -ENOENT, "open of a missing file");
	check_ret(__syscall3(__NR_open, (long)"/no-such-dir/motd", O_RDONLY, 0), -ENOENT,
		  "open in a missing directory");
	check_ret(__syscall3(__NR_open, (long)"", O_RDONLY, 0), -ENOENT, "open(\"\")");

	int distinct = 0;
	for (int i = 0; i < 8; i++) {
		int seen = 0;

		fds[i] = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
		if (fds[i] < 0)
			fail("open number %d: %s", i, errname(fds[i]));
		for (int j = 0; j < i; j++)
			seen |= fds[j] == fds[i];
		distinct += !seen;
	}
	check(distinct == 8, "8 opens of one file give 8 different fds (%ld..%ld): %d distinct",
	      fds[0], fds[7], distinct);
	check_ret(__syscall3(__NR_read, fds[3], (long)again, 7), 7, "each has its own offset: read 7 from one");
	check_ret(__syscall3(__NR_read, fds[4], (long)again, 7), 7, "and 7 from another");
	check(memcmp(again, "Welcome", 7) == 0, "both from the start");
	for (int i = 0; i < 8; i++)
		if (__syscall1(__NR_close, fds[i]) != 0)
			fail("close(%ld)", fds[i]);
	fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check(fd == fds[0], "after closing them all, open reuses the lowest fd %ld", fds[0]);
	__syscall1(__NR_close, fd);

	for (n = 0; n < 4096; n++) {
		fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
		if (fd < 0)
			break;
		many[n] = fd;
	}
	check(n == 4096 || fd == -EMFILE, "open until the fd table is full: %ld opens, then %s", n,
	      n == 4096 ? "stopped trying" : errname(fd));
	while (n > 0)
		__syscall1(__NR_close, many[--n]);
	fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check(fd == fds[0], "after closing them all, open works again: fd %ld", fd);
	__syscall1(__NR_close, fd);
	return done();
}
