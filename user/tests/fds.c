/*
 * The descriptor table (Linux's fs/file.c, fs/fcntl.c): dup, dup2, dup3,
 * fcntl's F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL;
 * a shared file position; 1024 descriptors (RLIMIT_NOFILE), then EMFILE;
 * close-on-exec across execve; _llseek and lseek; their errnos; the
 * ioctls of any descriptor (FIOCLEX, FIONCLEX, FIONBIO, FIOQSIZE, FIONREAD).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define O_NONBLOCK 04000
#define O_LARGEFILE 0100000
#define O_CLOEXEC 02000000
#define NR_OPEN 1024

static long open_motd(void)
{
	return __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
}

static void dups(void)
{
	long fd = open_motd(), d, e;
	char a[4], b[4];

	check(fd == 3, "the first open is fd 3 (%ld)", fd);
	d = __syscall1(__NR_dup, fd);
	check(d == 4, "dup takes the lowest free fd, 4 (%ld)", d);
	check_ret(__syscall3(__NR_read, fd, (long)a, 4), 4, "read 4 bytes from fd 3");
	check_ret(__syscall3(__NR_read, d, (long)b, 4), 4, "then 4 from its dup");
	check(!memcmp(a, "Welc", 4) && !memcmp(b, "ome ", 4), "they share one file position");
	check_ret(__syscall3(__NR_lseek, d, 0, SEEK_CUR), 8, "lseek on the dup says 8");
	check_ret(__syscall2(__NR_dup2, fd, 10), 10, "dup2(3, 10)");
	check_ret(__syscall3(__NR_lseek, 10, 0, SEEK_CUR), 8, "fd 10 has the same position");
	check_ret(__syscall2(__NR_dup2, fd, fd), fd, "dup2(fd, fd) returns fd");
	check_ret(__syscall2(__NR_dup2, 99, 99), -EBADF, "dup2(closed, itself)");
	check_ret(__syscall2(__NR_dup2, 99, 10), -EBADF, "dup2 of a closed fd");
	check_ret(__syscall2(__NR_dup2, fd, NR_OPEN), -EBADF, "dup2 to fd 1024, past RLIMIT_NOFILE");
	check_ret(__syscall2(__NR_dup2, fd, -1), -EBADF, "dup2 to fd -1");
	check_ret(__syscall3(__NR_dup3, fd, fd, 0), -EINVAL, "dup3(fd, fd)");
	check_ret(__syscall3(__NR_dup3, fd, 11, 1), -EINVAL, "dup3 with a flag other than O_CLOEXEC");
	check_ret(__syscall3(__NR_dup3, fd, 11, O_CLOEXEC), 11, "dup3(O_CLOEXEC)");
	check_ret(__syscall2(__NR_fcntl64, 11, F_GETFD), FD_CLOEXEC, "sets FD_CLOEXEC on 11");
	check_ret(__syscall2(__NR_fcntl64, fd, F_GETFD), 0, "not on 3");
	check_ret(__syscall3(__NR_dup3, fd, 11, 0), 11, "dup3 onto 11 again, without");
	check_ret(__syscall2(__NR_fcntl64, 11, F_GETFD), 0, "clears it");
	check_ret(__syscall1(__NR_dup, 99), -EBADF, "dup of a closed fd");
	check_ret(__syscall1(__NR_dup, -1), -EBADF, "dup of fd -1");

	check_ret(__syscall3(__NR_fcntl64, fd, F_DUPFD, 20), 20, "F_DUPFD from 20");
	check_ret(__syscall3(__NR_fcntl64, fd, F_DUPFD, 20), 21, "again: 21");
	check_ret(__syscall3(__NR_fcntl64, fd, F_DUPFD_CLOEXEC, 5), 5, "F_DUPFD_CLOEXEC from 5");
	check_ret(__syscall2(__NR_fcntl64, 5, F_GETFD), FD_CLOEXEC, "close-on-exec");
	check_ret(__syscall3(__NR_fcntl64, 5, F_SETFD, 0), 0, "F_SETFD 0");
	check_ret(__syscall2(__NR_fcntl64, 5, F_GETFD), 0, "cleared");
	check_ret(__syscall3(__NR_fcntl64, fd, F_DUPFD, NR_OPEN), -EINVAL, "F_DUPFD from 1024");
	check_ret(__syscall3(__NR_fcntl64, fd, F_DUPFD, -1), -EINVAL, "F_DUPFD from -1");
	check_ret(__syscall2(__NR_fcntl64, 99, F_GETFD), -EBADF, "fcntl64 of a closed fd");
	check_ret(__syscall2(__NR_fcntl64, fd, 9999), -EINVAL, "fcntl64 with an unknown command");
	e = __syscall2(__NR_fcntl64, fd, F_GETFL);
	check((e & ~O_LARGEFILE) == O_RDONLY, "F_GETFL: O_RDONLY (%#lo)", e);
	check_ret(__syscall3(__NR_fcntl64, fd, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY), 0,
		  "F_SETFL O_NONBLOCK|O_APPEND|O_WRONLY");
	e = __syscall2(__NR_fcntl, d, F_GETFL);
	check((e & ~O_LARGEFILE) == (O_NONBLOCK | O_APPEND), "the dup sees O_NONBLOCK|O_APPEND, not O_WRONLY (%#lo)", e);
	check_ret(__syscall3(__NR_fcntl64, fd, F_SETFL, 0), 0, "F_SETFL 0");
	for (int i = 3; i < 32; i++)
		__syscall1(__NR_close, i);
}

static void limits(void)
{
	long fd = open_motd(), last = 0, n = 0, r;

	while ((r = __syscall1(__NR_dup, fd)) >= 0) {
		last = r;
		n++;
	}
	check_ret(r, -EMFILE, "dup until it fails: EMFILE");
	check(last == NR_OPEN - 1, "the last fd is 1023 (%ld, %ld dups)", last, n);
	check_ret(open_motd(), -EMFILE, "open too");
	check_ret(__syscall2(__NR_dup2, fd, NR_OPEN - 1), NR_OPEN - 1, "dup2 onto a used fd closes it first");
	check_ret(__syscall1(__NR_close, 500), 0, "close 500");
	check_ret(open_motd(), 500, "open takes it");
	for (int i = 3; i < NR_OPEN; i++)
		__syscall1(__NR_close, i);
	check_ret(__syscall1(__NR_close, 3), -EBADF, "close of a closed fd");
	check_ret(__syscall1(__NR_close, NR_OPEN), -EBADF, "close(1024)");
	check_ret(__syscall1(__NR_close, -1), -EBADF, "close(-1)");
}

static void seeks(void)
{
	long fd = open_motd();
	long long pos = -1;

	check_ret(__syscall5(__NR__llseek, fd, 0, 5, (long)&pos, SEEK_SET), 0, "_llseek to 5");
	check(pos == 5, "result 5 (%lld)", pos);
	check_ret(__syscall5(__NR__llseek, fd, 0, 0, (long)&pos, SEEK_END), 0, "_llseek to the end");
	check(pos > 100, "at the size (%lld)", pos);
	check_ret(__syscall5(__NR__llseek, fd, 1, 0, (long)&pos, SEEK_SET), 0, "_llseek to 4 GiB");
	check(pos == 1LL << 32, "result 2^32 (%lld)", pos);
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_CUR), -EOVERFLOW, "lseek sees a position over 2^31");
	check_ret(__syscall5(__NR__llseek, fd, -1, -1, (long)&pos, SEEK_SET), -EINVAL, "_llseek to -1");
	check_ret(__syscall5(__NR__llseek, fd, 0, 0, (long)&pos, 5), -EINVAL, "_llseek whence 5");
	check_ret(__syscall5(__NR__llseek, fd, 0, 0, 16, SEEK_SET), -EFAULT, "_llseek into a bad result");
	check_ret(__syscall5(__NR__llseek, 99, 0, 0, (long)&pos, SEEK_SET), -EBADF, "_llseek of a closed fd");
	check_ret(__syscall5(__NR__llseek, 1, 0, 0, (long)&pos, SEEK_SET), -ESPIPE, "_llseek of the console");
	__syscall1(__NR_close, fd);
}

static void cloexec(char *self)
{
	long fd = open_motd(), pid;
	int status;

	__syscall2(__NR_dup2, fd, 7);
	__syscall3(__NR_fcntl64, 7, F_SETFD, FD_CLOEXEC);
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		char *argv[] = { self, "child", NULL }, *envp[] = { NULL };

		__syscall3(__NR_execve, (long)self, (long)argv, (long)envp);
		_exit(99);
	}
	check_ret(__syscall4(__NR_wait4, pid, (long)&status, 0, 0), pid, "wait4");
	check(status == 0, "after execve, fd 3 is open and fd 7 (FD_CLOEXEC) closed (status %#x)", status);
	check_ret(__syscall2(__NR_fcntl64, 7, F_GETFD), FD_CLOEXEC, "the parent's fd 7 is untouched");
	__syscall1(__NR_close, 7);
	__syscall1(__NR_close, fd);
}

/* The ioctls every descriptor answers (Linux's do_vfs_ioctl): FIOCLEX, FIONCLEX, FIONBIO, FIOQSIZE, FIONREAD. */
static void vfs_ioctls(void)
{
	long fd = open_motd(), size = __syscall3(__NR_lseek, fd, 0, SEEK_END);
	long long qsize = -1;
	int p[2], n = -1, on = 1;
	char c;

	check(size > 5, "/etc/motd has %ld bytes", size);
	__syscall3(__NR_lseek, fd, 5, SEEK_SET);
	check_ret(__syscall3(__NR_ioctl, fd, 0x541B /* FIONREAD */, (long)&n), 0, "FIONREAD on a regular file");
	check(n == size - 5, "the bytes left after the position: %ld (%d)", size - 5, n);
	check_ret(__syscall3(__NR_ioctl, fd, 0x5460 /* FIOQSIZE */, (long)&qsize), 0, "FIOQSIZE");
	{
		unsigned long long st[24], blocks;      /* i386's struct stat64: st_blocks at byte 56 */

		__syscall2(__NR_fstat64, fd, (long)st);
		memcpy(&blocks, (char *)st + 56, sizeof(blocks));
		check(qsize == (long long)blocks * 512, "the bytes it takes: st_blocks * 512 = %llu (%lld)",
		      blocks * 512, qsize);
	}
	check_ret(__syscall3(__NR_ioctl, fd, 0x5451 /* FIOCLEX */, 0), 0, "FIOCLEX");
	check_ret(__syscall2(__NR_fcntl64, fd, F_GETFD), FD_CLOEXEC, "sets FD_CLOEXEC");
	check_ret(__syscall3(__NR_ioctl, fd, 0x5450 /* FIONCLEX */, 0), 0, "FIONCLEX");
	check_ret(__syscall2(__NR_fcntl64, fd, F_GETFD), 0, "clears it");
	check_ret(__syscall3(__NR_ioctl, fd, 0x5401 /* TCGETS */, (long)&n), -ENOTTY, "TCGETS on a file: -ENOTTY");
	__syscall1(__NR_close, fd);
	__syscall1(__NR_pipe, (long)p);
	check_ret(__syscall3(__NR_ioctl, p[0], 0x5421 /* FIONBIO */, (long)&on), 0, "FIONBIO 1 on a pipe");
	check((__syscall2(__NR_fcntl64, p[0], F_GETFL) & O_NONBLOCK) != 0, "sets O_NONBLOCK");
	check_ret(__syscall3(__NR_read, p[0], (long)&c, 1), -EAGAIN, "an empty pipe's read is now -EAGAIN");
	on = 0;
	__syscall3(__NR_ioctl, p[0], 0x5421, (long)&on);
	check((__syscall2(__NR_fcntl64, p[0], F_GETFL) & O_NONBLOCK) == 0, "FIONBIO 0 clears it");
	check_ret(__syscall3(__NR_ioctl, p[0], 0x5421, 16), -EFAULT, "FIONBIO from a bad pointer");
	check_ret(__syscall3(__NR_ioctl, p[0], 0x5460, (long)&qsize), -ENOTTY, "FIOQSIZE on a pipe: -ENOTTY");
	check_ret(__syscall3(__NR_ioctl, 99, 0x5451, 0), -EBADF, "FIOCLEX on a closed fd");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		char c;

		if (__syscall3(__NR_read, 3, (long)&c, 1) != 1)
			return 1;
		return __syscall2(__NR_fcntl64, 7, F_GETFD) == -EBADF ? 0 : 2;
	}
	for (int i = 3; i < NR_OPEN; i++)
		__syscall1(__NR_close, i);      /* whatever the runner left open (Linux's init) */
	dups();
	limits();
	seeks();
	cloexec(argv[0]);
	vfs_ioctls();
	return done();
}
