/*
 * Pipes (Linux's fs/pipe.c) between a parent and its forked children:
 * EOF once every writer is gone, EPIPE and SIGPIPE once every reader is,
 * a capacity of 64 KiB (16 pages), writes of PIPE_BUF bytes or less never
 * split, O_NONBLOCK's EAGAIN, a reader that sleeps until data comes, and
 * poll on both ends (Linux's fs/select.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000
#define F_GETFL 3
#define F_SETFL 4
#define PIPE_BUF 4096
#define POLLIN 0x1
#define POLLOUT 0x4
#define POLLERR 0x8
#define POLLHUP 0x10
#define POLLNVAL 0x20
#define FIONREAD_ 0x541B
#define TCGETS_ 0x5401

struct pollfd { int fd; short events, revents; };

static int wait_child(long pid)
{
	int status = -1;

	__syscall4(__NR_wait4, pid, (long)&status, 0, 0);
	return status;
}

static void basics(void)
{
	int p[2];
	char buf[16];

	check_ret(__syscall1(__NR_pipe, (long)p), 0, "pipe");
	check_ret(__syscall3(__NR_write, p[1], (long)"hello", 5), 5, "write 5 bytes");
	check_ret(__syscall3(__NR_read, p[0], (long)buf, sizeof(buf)), 5, "read takes the 5 there, not 16");
	check(!memcmp(buf, "hello", 5), "the same bytes");
	check_ret(__syscall3(__NR_read, p[1], (long)buf, 1), -EBADF, "read from the write end");
	check_ret(__syscall3(__NR_write, p[0], (long)buf, 1), -EBADF, "write to the read end");
	check_ret(__syscall3(__NR_lseek, p[0], 0, SEEK_SET), -ESPIPE, "lseek on a pipe");
	check_ret(__syscall5(__NR_pread64, p[0], (long)buf, 1, 0, 0), -ESPIPE, "pread64 on a pipe");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, 0), 0, "write of 0 bytes");
	__syscall1(__NR_close, p[1]);
	check_ret(__syscall3(__NR_read, p[0], (long)buf, sizeof(buf)), 0, "EOF once the writer is closed");
	__syscall1(__NR_close, p[0]);

	check_ret(__syscall2(__NR_pipe2, (long)p, O_NONBLOCK | O_CLOEXEC), 0, "pipe2(O_NONBLOCK|O_CLOEXEC)");
	check((__syscall2(__NR_fcntl64, p[0], F_GETFL) & O_NONBLOCK) && __syscall2(__NR_fcntl64, p[1], 1) == 1,
	      "both ends non-blocking and close-on-exec");
	check_ret(__syscall3(__NR_read, p[0], (long)buf, 1), -EAGAIN, "an empty non-blocking pipe: EAGAIN");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
	check_ret(__syscall2(__NR_pipe2, (long)p, 1), -EINVAL, "pipe2 with an unknown flag");
	check_ret(__syscall1(__NR_pipe, 16), -EFAULT, "pipe into a bad pointer");
}

/* Fill a non-blocking pipe with writes of size bytes: the bytes it took. */
static long fill(int fd, long size)
{
	static char buf[PIPE_BUF * 2];
	long total = 0, n;

	while ((n = __syscall3(__NR_write, fd, (long)buf, size)) > 0)
		total += n;
	return n == -EAGAIN ? total : n;
}

static void capacity(void)
{
	int p[2];
	static char buf[PIPE_BUF * 2];

	__syscall2(__NR_pipe2, (long)p, O_NONBLOCK);
	check_ret(fill(p[1], 1), 65536, "one-byte writes fill 64 KiB");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, 1), -EAGAIN, "then EAGAIN");
	check_ret(__syscall3(__NR_read, p[0], (long)buf, 100), 100, "read 100");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, 1), -EAGAIN,
		  "a page still holds bytes: no room yet (Linux counts pages)");
	check_ret(__syscall3(__NR_read, p[0], (long)buf, PIPE_BUF - 100), PIPE_BUF - 100, "read the rest of the page");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, 200), 200, "now a 200-byte write goes in");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, PIPE_BUF - 200), PIPE_BUF - 200, "and the rest of a page joins it");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, 1), -EAGAIN, "then it is full again");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);

	__syscall2(__NR_pipe2, (long)p, O_NONBLOCK);
	check_ret(fill(p[1], PIPE_BUF), 65536, "PIPE_BUF-byte writes fill 64 KiB");
	check_ret(__syscall3(__NR_read, p[0], (long)buf, PIPE_BUF + 10), PIPE_BUF + 10, "read a page and 10");
	check_ret(__syscall3(__NR_write, p[1], (long)buf, PIPE_BUF * 2), PIPE_BUF,
		  "a write of 2 pages (not atomic) takes what fits");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
}

static void epipe(void)
{
	int p[2], status;
	long pid;
	char c = 'x';

	__syscall1(__NR_pipe, (long)p);
	__syscall1(__NR_close, p[0]);
	signal(SIGPIPE, SIG_IGN);
	check_ret(__syscall3(__NR_write, p[1], (long)&c, 1), -EPIPE, "write with no reader (SIGPIPE ignored): EPIPE");
	signal(SIGPIPE, SIG_DFL);
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		__syscall3(__NR_write, p[1], (long)&c, 1);
		_exit(0);
	}
	status = wait_child(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "with SIGPIPE at SIG_DFL the writer dies of it "
	      "(status %#x)", status);
	__syscall1(__NR_close, p[1]);
}

/* A reader sleeps until the child writes; EOF comes when the child's end goes at its exit. */
static void between(void)
{
	int p[2], status;
	long pid, n, total = 0;
	static char buf[PIPE_BUF * 4];

	__syscall1(__NR_pipe, (long)p);
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		static char out[200000];

		__syscall1(__NR_close, p[0]);
		for (unsigned i = 0; i < sizeof(out); i++)
			out[i] = (char)(i % 251);
		_exit(__syscall3(__NR_write, p[1], (long)out, sizeof(out)) == sizeof(out) ? 0 : 1);
	}
	__syscall1(__NR_close, p[1]);
	{
		int ok = 1;

		while ((n = __syscall3(__NR_read, p[0], (long)buf, sizeof(buf))) > 0) {
			for (long i = 0; i < n; i++)
				if (buf[i] != (char)((total + i) % 251))
					ok = 0;
			total += n;
		}
		check(n == 0 && total == 200000, "200,000 bytes through a 64 KiB pipe, then EOF (%ld)", total);
		check(ok, "in order, none lost");
	}
	status = wait_child(pid);
	check(status == 0, "the child's blocking write took them all (status %#x)", status);
	__syscall1(__NR_close, p[0]);

	/* atomicity: two writers of PIPE_BUF-byte blocks, never interleaved inside a block */
	__syscall1(__NR_pipe, (long)p);
	for (int w = 0; w < 2; w++) {
		pid = __syscall0(__NR_fork);
		if (pid == 0) {
			static char block[PIPE_BUF];

			memset(block, 'a' + w, sizeof(block));
			for (int i = 0; i < 40; i++)
				if (__syscall3(__NR_write, p[1], (long)block, sizeof(block)) != sizeof(block))
					_exit(1);
			_exit(0);
		}
	}
	__syscall1(__NR_close, p[1]);
	{
		long blocks = 0, bad = 0, got = 0;
		static char block[PIPE_BUF];

		for (;;) {
			n = __syscall3(__NR_read, p[0], (long)block + got, PIPE_BUF - got);
			if (n <= 0)
				break;
			got += n;
			if (got < PIPE_BUF)
				continue;
			for (int i = 1; i < PIPE_BUF; i++)
				if (block[i] != block[0])
					bad++;
			blocks++;
			got = 0;
		}
		check(blocks == 80 && bad == 0 && got == 0, "80 blocks of PIPE_BUF bytes from two writers, none mixed "
		      "(%ld blocks, %ld bytes out of place)", blocks, bad);
	}
	check(wait_child(-1) == 0 && wait_child(-1) == 0, "both writers finished");
	__syscall1(__NR_close, p[0]);
}

static void polls(void)
{
	int p[2];
	long pid;
	struct pollfd fds[3];
	char c = 'x';

	__syscall1(__NR_pipe, (long)p);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	fds[2] = (struct pollfd){ .fd = 99, .events = POLLIN };
	check_ret(__syscall3(__NR_poll, (long)fds, 3, 0), 2, "poll: the write end and the closed fd are ready");
	check(fds[0].revents == 0 && fds[1].revents == POLLOUT && fds[2].revents == POLLNVAL,
	      "revents: none, POLLOUT, POLLNVAL (%#x %#x %#x)", fds[0].revents, fds[1].revents, fds[2].revents);
	check_ret(__syscall3(__NR_poll, (long)fds, 1, 50), 0, "poll for input times out after 50 ms");
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		struct timespec_ { long s, ns; } t = { 0, 50000000 };

		__syscall2(162, (long)&t, 0);   /* nanosleep */
		__syscall3(__NR_write, p[1], (long)&c, 1);
		_exit(0);
	}
	check_ret(__syscall3(__NR_poll, (long)fds, 1, -1), 1, "poll with no time-out wakes when the child writes");
	check(fds[0].revents == POLLIN, "POLLIN (%#x)", fds[0].revents);
	wait_child(pid);
	__syscall1(__NR_close, p[1]);
	__syscall3(__NR_read, p[0], (long)&c, 1);
	check_ret(__syscall3(__NR_poll, (long)fds, 1, 0), 1, "the writer gone");
	check(fds[0].revents == POLLHUP, "the read end says POLLHUP (%#x)", fds[0].revents);
	__syscall1(__NR_close, p[0]);

	__syscall1(__NR_pipe, (long)p);
	__syscall1(__NR_close, p[0]);
	fds[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	check_ret(__syscall3(__NR_poll, (long)fds, 1, 0), 1, "the reader gone");
	check(fds[0].revents == (POLLOUT | POLLERR), "the write end says POLLOUT|POLLERR (%#x)", fds[0].revents);
	check_ret(__syscall5(__NR_ppoll, (long)fds, 1, 0, 0, 0), 1, "ppoll with no time-out or mask agrees");
	check_ret(__syscall3(__NR_poll, 16, 1, 0), -EFAULT, "poll of a bad array");
	check_ret(__syscall3(__NR_poll, (long)fds, 2000000, 0), -EINVAL, "poll of more fds than RLIMIT_NOFILE");
	{
		struct { long s, ns; } t = { 0, 2000000000 };

		check_ret(__syscall5(__NR_ppoll, (long)fds, 1, (long)&t, 0, 0), -EINVAL, "ppoll with tv_nsec of 2e9");
	}
	{
		unsigned long rd = 0, wr = 1UL << p[1];
		struct { long s, us; } tv = { 0, 0 };

		check_ret(__syscall5(__NR__newselect, p[1] + 1, (long)&rd, (long)&wr, 0, (long)&tv), 1,
			  "select: the write end is ready");
		check(wr == 1UL << p[1], "and stays in the write set");
		rd = 1UL << 30;
		check_ret(__syscall5(__NR__newselect, 31, (long)&rd, 0, 0, (long)&tv), -EBADF,
			  "select of a closed fd");
	}
	__syscall1(__NR_close, p[1]);
}

/* ioctl(FIONREAD) on either end: the bytes buffered, across pages (Linux's pipe_ioctl); others -ENOTTY. */
static void fionread(void)
{
	static char buf[PIPE_BUF + 1000];
	int p[2], n = -1;

	__syscall1(__NR_pipe, (long)p);
	check_ret(__syscall3(__NR_ioctl, p[0], FIONREAD_, (long)&n), 0, "FIONREAD on an empty pipe");
	check(n == 0, "says 0 (%d)", n);
	__syscall3(__NR_write, p[1], (long)buf, 10);
	__syscall3(__NR_ioctl, p[0], FIONREAD_, (long)&n);
	check(n == 10, "10 after a write of 10 (%d)", n);
	__syscall3(__NR_write, p[1], (long)buf, PIPE_BUF + 1000);
	__syscall3(__NR_ioctl, p[0], FIONREAD_, (long)&n);
	check(n == PIPE_BUF + 1010, "%d after another of %d, over two pages (%d)", PIPE_BUF + 1010, PIPE_BUF + 1000, n);
	__syscall3(__NR_read, p[0], (long)buf, 4);
	n = -1;
	check_ret(__syscall3(__NR_ioctl, p[1], FIONREAD_, (long)&n), 0, "FIONREAD on the write end");
	check(n == PIPE_BUF + 1006, "says the same, less the 4 read (%d)", n);
	check_ret(__syscall3(__NR_ioctl, p[0], FIONREAD_, 16), -EFAULT, "FIONREAD into a bad pointer");
	check_ret(__syscall3(__NR_ioctl, p[0], TCGETS_, (long)buf), -ENOTTY, "TCGETS on a pipe: not a tty");
	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
}

int main(void)
{
	basics();
	capacity();
	fionread();
	epipe();
	between();
	polls();
	return done();
}
