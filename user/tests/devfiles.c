/*
 * /dev and getrandom (Linux's drivers/char/mem.c, random.c): /dev/null
 * reads EOF and swallows writes, /dev/zero reads zeros and its mmap is
 * anonymous memory (private or shared between a parent and its child),
 * /dev/full says ENOSPC, /dev/urandom and getrandom give bytes (not all
 * equal) with Linux's argument checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"
#include "process.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

static long open_(const char *p, long flags)
{
	return __syscall3(__NR_open, (long)p, flags, 0);
}

static int all(const char *buf, int c, long n)
{
	for (long i = 0; i < n; i++)
		if (buf[i] != (char)c)
			return 0;
	return 1;
}

static void null_zero_full(void)
{
	static char buf[8192];
	long fd = open_("/dev/null", O_RDWR);

	check(fd >= 0, "open /dev/null O_RDWR = %ld", fd);
	check_ret(__syscall3(__NR_read, fd, (long)buf, sizeof(buf)), 0, "read: EOF");
	check_ret(__syscall3(__NR_write, fd, (long)buf, sizeof(buf)), sizeof(buf), "write: all taken");
	check_ret(__syscall3(__NR_write, fd, 16, 100), 100, "write from a bad pointer: never read, all taken");
	check_ret(__syscall3(__NR_lseek, fd, 100, SEEK_SET), 0, "lseek: always 0");
	__syscall1(__NR_close, fd);

	fd = open_("/dev/zero", O_RDWR);
	memset(buf, 'x', sizeof(buf));
	check_ret(__syscall3(__NR_read, fd, (long)buf, sizeof(buf)), sizeof(buf), "/dev/zero: read 8 KiB");
	check(all(buf, 0, sizeof(buf)), "all zeros");
	check_ret(__syscall3(__NR_write, fd, (long)buf, 10), 10, "write: taken");
	check_ret(__syscall3(__NR_read, fd, 16, 10), -EFAULT, "read into a bad pointer: EFAULT");
	{
		char *p = (char *)__syscall6(__NR_mmap2, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		char *s;
		long pid;
		int status;

		check(!IS_ERR(p), "mmap of /dev/zero, MAP_PRIVATE (%p)", p);
		check(all(p, 0, 8192), "reads zeros");
		p[100] = 'a';
		check(p[100] == 'a', "takes a write");
		s = (char *)__syscall6(__NR_mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		check(!IS_ERR(s), "mmap of /dev/zero, MAP_SHARED (%p)", s);
		pid = __syscall0(__NR_fork);
		if (pid == 0) {
			s[0] = 'c';
			p[0] = 'c';
			_exit(0);
		}
		__syscall4(__NR_wait4, pid, (long)&status, 0, 0);
		check(s[0] == 'c', "a child's write to the shared mapping is seen by the parent");
		check(p[0] == 0, "but not to the private one");
		__syscall2(__NR_munmap, (long)p, 8192);
		__syscall2(__NR_munmap, (long)s, 4096);
	}
	__syscall1(__NR_close, fd);
	fd = open_("/dev/zero", O_RDONLY);
	check_ret(__syscall6(__NR_mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), -EACCES,
		  "MAP_SHARED|PROT_WRITE of /dev/zero opened read-only: EACCES");
	__syscall1(__NR_close, fd);
	fd = open_("/dev/null", O_RDWR);
	check_ret(__syscall6(__NR_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 0), -ENODEV, "mmap of /dev/null: ENODEV");
	__syscall1(__NR_close, fd);

	fd = open_("/dev/full", O_RDWR);
	check_ret(__syscall3(__NR_write, fd, (long)buf, 1), -ENOSPC, "/dev/full: write is ENOSPC");
	memset(buf, 'x', 100);
	check_ret(__syscall3(__NR_read, fd, (long)buf, 100), 100, "read: zeros");
	check(all(buf, 0, 100), "all zeros");
	__syscall1(__NR_close, fd);
}

static void randoms(void)
{
	static char a[256], b[256];
	long fd = open_("/dev/urandom", O_RDONLY);
	int same = 0;

	check_ret(__syscall3(__NR_read, fd, (long)a, sizeof(a)), sizeof(a), "/dev/urandom: read 256 bytes");
	check_ret(__syscall3(__NR_read, fd, (long)b, sizeof(b)), sizeof(b), "and 256 more");
	for (unsigned i = 0; i < sizeof(a); i++)
		same += a[i] == b[i];
	check(same < 32 && !all(a, a[0], sizeof(a)), "they differ (%d bytes alike)", same);
	__syscall1(__NR_close, fd);
	fd = open_("/dev/random", O_RDONLY);
	check_ret(__syscall3(__NR_read, fd, (long)a, 16), 16, "/dev/random: 16 bytes");
	__syscall1(__NR_close, fd);

	check_ret(__syscall3(__NR_getrandom, (long)a, sizeof(a), 0), sizeof(a), "getrandom 256 bytes");
	check_ret(__syscall3(__NR_getrandom, (long)b, sizeof(b), GRND_NONBLOCK), sizeof(b), "GRND_NONBLOCK");
	same = 0;
	for (unsigned i = 0; i < sizeof(a); i++)
		same += a[i] == b[i];
	check(same < 32, "two draws differ (%d bytes alike)", same);
	check_ret(__syscall3(__NR_getrandom, (long)a, 0, 0), 0, "getrandom of 0 bytes");
	check_ret(__syscall3(__NR_getrandom, (long)a, 16, GRND_INSECURE), 16, "GRND_INSECURE");
	check_ret(__syscall3(__NR_getrandom, (long)a, 16, GRND_RANDOM), 16, "GRND_RANDOM");
	check_ret(__syscall3(__NR_getrandom, (long)a, 16, GRND_RANDOM | GRND_INSECURE), -EINVAL,
		  "GRND_RANDOM|GRND_INSECURE");
	check_ret(__syscall3(__NR_getrandom, (long)a, 16, 8), -EINVAL, "an unknown flag");
	check_ret(__syscall3(__NR_getrandom, 16, 16, 0), -EFAULT, "into a bad pointer");
	/* a huge length is clamped (to INT_MAX's pages), then the whole range must be user memory:
	 * from a buffer on our stack that is -EFAULT, with nothing written (the fuzzer's stack once was) */
	{
		volatile char guard[64] = { 7 };

		check_ret(__syscall3(__NR_getrandom, (long)guard, 0xfffffbc2UL, 0), -EFAULT,
			  "getrandom of 0xfffffbc2 bytes onto the stack");
		check(guard[0] == 7 && guard[1] == 0, "and the stack is untouched");
	}
}

static void terminals(void)
{
	long fd = open_("/dev/tty", O_RDWR);
	struct stat64 { unsigned long long dev; char pad[8]; unsigned int mode; char rest[80]; } st;

	check(fd >= 0 || fd == -6 /* ENXIO: no controlling terminal */, "open /dev/tty = %ld", fd);
	if (fd >= 0)
		__syscall1(__NR_close, fd);
	fd = open_("/dev/console", O_WRONLY);
	check(fd >= 0, "open /dev/console = %ld", fd);
	check_ret(__syscall3(__NR_write, fd, (long)"# /dev/console speaks\n", 22), 22, "write to it");
	check_ret(__syscall2(__NR_fstat64, fd, (long)&st), 0, "fstat64");
	check((st.mode & 0170000) == 0020000, "a character device");
	__syscall1(__NR_close, fd);
	check_ret(open_("/dev/nope", O_RDONLY), -ENOENT, "/dev/nope");
	check_ret(open_("/dev/null/x", O_RDONLY), -ENOTDIR, "/dev/null/x");
	check_ret(open_("/dev/null", O_RDONLY | O_DIRECTORY), -ENOTDIR, "/dev/null with O_DIRECTORY");
}

int main(void)
{
	null_zero_full();
	randoms();
	terminals();
	return done();
}
