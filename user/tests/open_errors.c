/*
 * open's path walk and flag checks, and reading a directory, as Linux 6.1
 * answers (fs/namei.c, fs/open.c): a component followed by a slash must be
 * a directory, O_DIRECTORY wants one, a directory cannot be opened for
 * writing or created, PATH_MAX and NAME_MAX are exact.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "check.h"

#define PAGE 4096UL
#define PATH_MAX 4096
#define NAME_MAX 255

static char path[PATH_MAX + 16];

static long sys_open(const char *p, long flags)
{
	return __syscall3(__NR_open, (long)p, flags, 0644);
}

/* Open, check it worked and close: for paths that must open. */
static void opens(const char *p, long flags, const char *what)
{
	long fd = sys_open(p, flags);

	check(fd >= 0, "open %s = %ld", what, fd);
	__syscall1(__NR_close, fd);
}

static void walks(void)
{
	check_ret(sys_open("/etc/motd", O_RDONLY | O_DIRECTORY), -ENOTDIR, "open(\"/etc/motd\", O_DIRECTORY)");
	check_ret(sys_open("/etc/motd/x", O_RDONLY), -ENOTDIR, "open(\"/etc/motd/x\")");
	check_ret(sys_open("/etc/motd/", O_RDONLY), -ENOTDIR, "open(\"/etc/motd/\")");
	check_ret(sys_open("/etc/motd/.", O_RDONLY), -ENOTDIR, "open(\"/etc/motd/.\")");
	check_ret(sys_open("/etc/motd/..", O_RDONLY), -ENOTDIR, "open(\"/etc/motd/..\")");
	check_ret(sys_open("/no-such-dir/motd", O_RDONLY), -ENOENT, "open(\"/no-such-dir/motd\")");
	check_ret(sys_open("/etc/no-such-file/x", O_RDONLY), -ENOENT, "open(\"/etc/no-such-file/x\")");
	check_ret(sys_open("", O_RDONLY), -ENOENT, "open(\"\")");
	opens("//etc///motd", O_RDONLY, "\"//etc///motd\"");
	opens("/etc/./motd", O_RDONLY, "\"/etc/./motd\"");
	opens("/tests/../etc/motd", O_RDONLY, "\"/tests/../etc/motd\"");
	opens("/../../etc/motd", O_RDONLY, "\"/../../etc/motd\": .. stops at the root");
	opens("/etc/", O_RDONLY | O_DIRECTORY, "\"/etc/\" with O_DIRECTORY");
	opens("/", O_RDONLY | O_DIRECTORY, "\"/\" with O_DIRECTORY");
}

static void flags(void)
{
	check_ret(sys_open("/etc", O_WRONLY), -EISDIR, "open(\"/etc\", O_WRONLY)");
	check_ret(sys_open("/etc", O_RDWR), -EISDIR, "open(\"/etc\", O_RDWR)");
	check_ret(sys_open("/etc", O_RDONLY | O_TRUNC), -EISDIR, "open(\"/etc\", O_TRUNC)");
	check_ret(sys_open("/etc", O_RDONLY | O_CREAT), -EISDIR, "open(\"/etc\", O_CREAT)");
	check_ret(sys_open("/etc/", O_RDONLY | O_CREAT), -EISDIR, "open(\"/etc/\", O_CREAT)");
	check_ret(sys_open("/etc/motd/", O_RDONLY | O_CREAT), -EISDIR, "open(\"/etc/motd/\", O_CREAT)");
	check_ret(sys_open("/etc/new/", O_RDONLY | O_CREAT), -EISDIR, "open(\"/etc/new/\", O_CREAT)");
	check_ret(sys_open("/no-such-dir/new/", O_RDONLY | O_CREAT), -ENOENT,
		  "open(\"/no-such-dir/new/\", O_CREAT)");
	check_ret(sys_open("/etc/motd", O_RDONLY | O_CREAT | O_EXCL), -EEXIST, "open(\"/etc/motd\", O_CREAT|O_EXCL)");
	check_ret(sys_open("/etc", O_RDONLY | O_CREAT | O_EXCL), -EEXIST, "open(\"/etc\", O_CREAT|O_EXCL)");
	opens("/etc/motd", O_RDONLY | O_CREAT, "\"/etc/motd\" with O_CREAT, which exists");
	check_ret(sys_open("/no-such-dir/new", O_RDONLY | O_CREAT), -ENOENT,
		  "open(\"/no-such-dir/new\", O_CREAT)");
	check_ret(sys_open("/etc/motd/new", O_RDONLY | O_CREAT), -ENOTDIR, "open(\"/etc/motd/new\", O_CREAT)");
}

static void lengths(char *hole)
{
	char *p;

	memset(path, '/', PATH_MAX - 1 - 8);
	strcpy(path + PATH_MAX - 1 - 8, "etc/motd");
	opens(path, O_RDONLY, "of a path of PATH_MAX - 1 bytes");
	memset(path, '/', PATH_MAX - 8);
	strcpy(path + PATH_MAX - 8, "etc/motd");
	check_ret(sys_open(path, O_RDONLY), -ENAMETOOLONG, "open of a path of PATH_MAX bytes");
	strcpy(path, "/etc/");
	memset(path + 5, 'a', NAME_MAX);
	path[5 + NAME_MAX] = '\0';
	check_ret(sys_open(path, O_RDONLY), -ENOENT, "open of a missing NAME_MAX-byte name");
	strcpy(path + 5 + NAME_MAX, "a");
	check_ret(sys_open(path, O_RDONLY), -ENAMETOOLONG, "open of a name of NAME_MAX + 1 bytes");
	strcpy(path + 5 + NAME_MAX + 1, "/motd");
	check_ret(sys_open(path, O_RDONLY), -ENAMETOOLONG, "and of one followed by /motd");

	check_ret(sys_open(NULL, O_RDONLY), -EFAULT, "open(NULL)");
	p = hole - 9;
	memcpy(p, "/etc/motd", 9);
	check_ret(sys_open(p, O_RDONLY), -EFAULT, "open of a path that runs into a hole without its NUL");
	p = hole - 10;
	memcpy(p, "/etc/motd", 10);
	opens(p, O_RDONLY, "of a path whose NUL is the last byte before a hole");
}

static void directory(void)
{
	struct stat st;
	struct iovec iov;
	char buf[16];
	long fd = sys_open("/etc", O_RDONLY);

	check(fd >= 0, "open(\"/etc\") = %ld", fd);
	check_ret(__syscall2(__NR_fstat, fd, (long)&st), 0, "fstat");
	check(S_ISDIR(st.st_mode), "it is a directory: mode %#o", st.st_mode);
	check_ret(__syscall3(__NR_read, fd, (long)buf, sizeof(buf)), -EISDIR, "read a directory");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 0), -EISDIR, "read 0 bytes of a directory");
	iov = (struct iovec){ buf, sizeof(buf) };
	check_ret(__syscall3(__NR_readv, fd, (long)&iov, 1), -EISDIR, "readv a directory");
	check_ret(__syscall3(__NR_write, fd, (long)buf, 1), -EBADF, "write to a directory opened O_RDONLY");
	check_ret(__syscall6(__NR_mmap2, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), -ENODEV, "mmap a directory");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
}

static void bad_fds(void)
{
	char buf[4];
	struct stat st;

	check_ret(__syscall1(__NR_close, -1), -EBADF, "close(-1)");
	check_ret(__syscall1(__NR_close, 1000000), -EBADF, "close(1000000)");
	check_ret(__syscall3(__NR_read, -1, (long)buf, 1), -EBADF, "read(-1)");
	check_ret(__syscall3(__NR_write, 1000000, (long)buf, 1), -EBADF, "write(1000000)");
	check_ret(__syscall3(__NR_lseek, -1, 0, SEEK_SET), -EBADF, "lseek(-1)");
	check_ret(__syscall2(__NR_fstat, 1000000, (long)&st), -EBADF, "fstat(1000000)");
	check_ret(__syscall3(__NR_ioctl, -1, TCGETS, (long)buf), -EBADF, "ioctl(-1, TCGETS)");
	check_ret(__syscall3(__NR_ioctl, 1000, TCGETS, (long)buf), -EBADF, "ioctl(1000, TCGETS)");
}

int main(void)
{
	char *hole = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(hole != MAP_FAILED, "mmap two pages");
	hole += PAGE;
	check_ret(__syscall2(__NR_munmap, (long)hole, PAGE), 0, "munmap the second: a hole at %p", (void *)hole);
	walks();
	flags();
	lengths(hole);
	directory();
	bad_fds();
	return done();
}
