/*
 * The stat family field by field against what the initrd holds (Linux's
 * fs/stat.c; its rootfs is a tmpfs, whose sizes and block counts Pagoda
 * reports the same way): stat64, lstat64, fstat64, fstatat64, statx and
 * the old stat, lstat and fstat, on a file, a directory, a symbolic link,
 * a device, a pipe; and their errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"

#define AT_FDCWD -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000
#define STATX_BASIC_STATS 0x7ff
#define S_IFLNK 0120000
#define S_IFIFO 0010000
#define __NR_unlink 10           /* the i386 numbers this test adds to the libc's */
#define __NR_fchown32 207
#define __NR_utimensat 320
#define __NR_mount 21
#define __NR_umount2 52

struct statx_timestamp { long long tv_sec; unsigned int tv_nsec; int pad; };
struct statx {
	unsigned int stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, pad0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	unsigned long long rest[14];
};

static long motd_size(void)
{
	static char buf[8192];
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0), n, total = 0;

	while ((n = __syscall3(__NR_read, fd, (long)buf, sizeof(buf))) > 0)
		total += n;
	__syscall1(__NR_close, fd);
	return total;
}

static void file(void)
{
	struct stat64 a, b, c;
	struct stat old;
	struct statx sx;
	long size = motd_size(), fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);

	check(sizeof(struct statx) == 256, "struct statx is 256 bytes");
	check_ret(__syscall2(__NR_stat64, (long)"/etc/motd", (long)&a), 0, "stat64(/etc/motd)");
	check(a.st_mode == (S_IFREG | 0644), "st_mode = %#o, a regular file rw-r--r--", a.st_mode);
	check(a.st_size == size, "st_size = %lld, the bytes read", a.st_size);
	check(a.st_nlink == 1 && a.st_uid == 0 && a.st_gid == 0, "nlink 1, owner root: %u %lu %lu",
	      a.st_nlink, a.st_uid, a.st_gid);
	check(a.st_blksize == 4096, "st_blksize = %lu", a.st_blksize);
	check(a.st_blocks == (unsigned long long)(size + 4095) / 4096 * 8, "st_blocks = %llu: whole pages",
	      a.st_blocks);
	check(a.st_ino == a.__st_ino && a.st_ino != 0, "st_ino = __st_ino = %llu", a.st_ino);
	check(a.st_rdev == 0, "st_rdev = 0");
	check_ret(__syscall2(__NR_fstat64, fd, (long)&b), 0, "fstat64 of it open");
	check(!memcmp(&a, &b, sizeof(a)), "fstat64 says what stat64 says");
	check_ret(__syscall2(__NR_lstat64, (long)"/etc/motd", (long)&c), 0, "lstat64");
	check(!memcmp(&a, &c, sizeof(a)), "lstat64 of a file says the same");
	check_ret(__syscall4(__NR_fstatat64, AT_FDCWD, (long)"etc/motd", (long)&c, 0), 0, "fstatat64(AT_FDCWD, relative)");
	check(!memcmp(&a, &c, sizeof(a)), "and the same");
	check_ret(__syscall4(__NR_fstatat64, fd, (long)"", (long)&c, AT_EMPTY_PATH), 0, "fstatat64(fd, \"\", AT_EMPTY_PATH)");
	check(!memcmp(&a, &c, sizeof(a)), "and the same");
	check_ret(__syscall4(__NR_fstatat64, fd, (long)"", (long)&c, 0), -ENOENT, "fstatat64(fd, \"\") without AT_EMPTY_PATH");
	check_ret(__syscall2(__NR_stat, (long)"/etc/motd", (long)&old), 0, "the old stat");
	check(old.st_mode == a.st_mode && old.st_size == (unsigned long)size && old.st_ino == a.st_ino &&
	      old.st_nlink == 1 && old.st_dev == a.st_dev, "agrees with stat64");
	check_ret(__syscall2(__NR_fstat, fd, (long)&old), 0, "the old fstat");
	check(old.st_mode == a.st_mode && old.st_size == (unsigned long)size, "agrees");
	memset(&sx, 0xff, sizeof(sx));
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/etc/motd", 0, STATX_BASIC_STATS, (long)&sx), 0, "statx");
	check((sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "stx_mask %#x has the basic stats", sx.stx_mask);
	check(sx.stx_mode == a.st_mode && sx.stx_size == (unsigned long long)size && sx.stx_ino == a.st_ino &&
	      sx.stx_nlink == 1 && sx.stx_blocks == a.st_blocks && sx.stx_blksize == 4096, "statx agrees with stat64");
	check(sx.stx_dev_major == (unsigned int)((a.st_dev >> 8) & 0xfff) &&
	      sx.stx_dev_minor == (unsigned int)((a.st_dev & 0xff) | ((a.st_dev >> 12) & 0xfff00)),
	      "stx_dev %u:%u is st_dev %#llx", sx.stx_dev_major, sx.stx_dev_minor, a.st_dev);
	check_ret(__syscall5(__NR_statx, fd, (long)"", AT_EMPTY_PATH, STATX_BASIC_STATS, (long)&sx), 0,
		  "statx(fd, \"\", AT_EMPTY_PATH)");
	check(sx.stx_ino == a.st_ino, "the same file");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/etc/motd", 0x8000000, STATX_BASIC_STATS, (long)&sx),
		  -EINVAL, "statx with an unknown flag");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/etc/motd", AT_STATX_SYNC_TYPE, STATX_BASIC_STATS,
			     (long)&sx), -EINVAL, "statx with both sync types");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/etc/motd", 0, 0x80000000, (long)&sx), -EINVAL,
		  "statx asking for STATX__RESERVED");
	__syscall1(__NR_close, fd);
}

static void others(void)
{
	struct stat64 a, b, d;
	struct statx sx;
	long fds[2];

	check_ret(__syscall2(__NR_stat64, (long)"/etc", (long)&a), 0, "stat64(/etc)");
	check(a.st_mode == (S_IFDIR | 0755), "a directory rwxr-xr-x: %#o", a.st_mode);
	check(a.st_nlink == 2, "nlink 2: no subdirectory (%u)", a.st_nlink);
	check(a.st_size == 20 * (2 + 8), "st_size %lld: tmpfs's 20 bytes an entry, \".\", \"..\" and 8 files",
	      a.st_size);
	check_ret(__syscall2(__NR_stat64, (long)"/etc/", (long)&b), 0, "stat64(/etc/)");
	check(b.st_ino == a.st_ino, "the same directory");
	check_ret(__syscall2(__NR_stat64, (long)"/etc/motd/", (long)&b), -ENOTDIR, "stat64(/etc/motd/)");
	check_ret(__syscall2(__NR_stat64, (long)"/", (long)&b), 0, "stat64(/)");
	check(S_ISDIR(b.st_mode) && b.st_nlink >= 2 + 5, "/ is a directory with /bin, /dev, /etc, ... (nlink %u)",
	      b.st_nlink);
	check(b.st_dev == a.st_dev, "on the same file system as /etc");

	check_ret(__syscall2(__NR_lstat64, (long)"/links/motd", (long)&b), 0, "lstat64(/links/motd)");
	check(b.st_mode == (S_IFLNK | 0777) && b.st_size == 11, "a link, lrwxrwxrwx, st_size 11 = the target's length"
	      " (%#o %lld)", b.st_mode, b.st_size);
	check_ret(__syscall2(__NR_stat64, (long)"/links/motd", (long)&d), 0, "stat64 follows it");
	check_ret(__syscall2(__NR_stat64, (long)"/etc/motd", (long)&a), 0, "stat64(/etc/motd)");
	check(d.st_ino == a.st_ino && d.st_ino != b.st_ino, "to /etc/motd's inode");
	check_ret(__syscall4(__NR_fstatat64, AT_FDCWD, (long)"/links/motd", (long)&d, AT_SYMLINK_NOFOLLOW), 0,
		  "fstatat64(AT_SYMLINK_NOFOLLOW)");
	check(d.st_ino == b.st_ino, "is lstat64");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/links/motd", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS,
			     (long)&sx), 0, "statx(AT_SYMLINK_NOFOLLOW)");
	check(sx.stx_mode == (S_IFLNK | 0777) && sx.stx_size == 11, "sees the link");
	check_ret(__syscall2(__NR_stat64, (long)"/links/loop-a", (long)&d), -ELOOP, "stat64 of a loop");
	check_ret(__syscall2(__NR_lstat64, (long)"/links/loop-a", (long)&d), 0, "lstat64 of a loop");
	check_ret(__syscall2(__NR_stat64, (long)"/links/dangling", (long)&d), -ENOENT, "stat64 of a dangling link");
	check_ret(__syscall2(__NR_lstat, (long)"/links/dangling", (long)&d), 0, "the old lstat of it");

	check_ret(__syscall2(__NR_stat64, (long)"/dev/null", (long)&b), 0, "stat64(/dev/null)");
	check(b.st_mode == (S_IFCHR | 0666) && b.st_rdev == 0x103 && b.st_size == 0,
	      "a character device 1:3, crw-rw-rw-, size 0 (%#o %#llx)", b.st_mode, b.st_rdev);
	check(b.st_dev != a.st_dev, "on another file system than /etc");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/dev/zero", 0, STATX_BASIC_STATS, (long)&sx), 0,
		  "statx(/dev/zero)");
	check(sx.stx_rdev_major == 1 && sx.stx_rdev_minor == 5, "rdev 1:5 (%u:%u)", sx.stx_rdev_major,
	      sx.stx_rdev_minor);

	check_ret(__syscall1(__NR_pipe, (long)fds), 0, "pipe");
	check_ret(__syscall2(__NR_fstat64, fds[0], (long)&b), 0, "fstat64 of its read end");
	check_ret(__syscall2(__NR_fstat64, fds[1], (long)&d), 0, "and of its write end");
	check((b.st_mode & S_IFMT) == S_IFIFO && b.st_ino == d.st_ino && b.st_size == 0,
	      "a FIFO, one inode for both ends (%#o)", b.st_mode);
	__syscall1(__NR_close, fds[0]);
	__syscall1(__NR_close, fds[1]);
	check_ret(__syscall2(__NR_fstat64, 1, (long)&b), 0, "fstat64 of stdout");
	check(S_ISCHR(b.st_mode), "the console is a character device (%#o)", b.st_mode);
}

static void errors(void)
{
	struct stat64 a;
	struct statx sx;

	check_ret(__syscall2(__NR_stat64, (long)"/nope", (long)&a), -ENOENT, "stat64 of a missing file");
	check_ret(__syscall2(__NR_stat64, (long)"", (long)&a), -ENOENT, "stat64(\"\")");
	check_ret(__syscall2(__NR_stat64, 16, (long)&a), -EFAULT, "stat64 of a bad path pointer");
	check_ret(__syscall2(__NR_stat64, (long)"/etc/motd", 16), -EFAULT, "stat64 into a bad buffer");
	check_ret(__syscall2(__NR_stat64, (long)"/etc/motd", (long)PAGE_OFFSET), -EFAULT, "stat64 into the kernel");
	check_ret(__syscall2(__NR_fstat64, 99, (long)&a), -EBADF, "fstat64 of a closed fd");
	check_ret(__syscall2(__NR_fstat64, -1, (long)&a), -EBADF, "fstat64 of fd -1");
	check_ret(__syscall2(__NR_fstat, 99, (long)&a), -EBADF, "fstat of a closed fd");
	check_ret(__syscall4(__NR_fstatat64, AT_FDCWD, (long)"/etc/motd", (long)&a, 0x8000), -EINVAL,
		  "fstatat64 with an unknown flag");
	check_ret(__syscall4(__NR_fstatat64, 99, (long)"motd", (long)&a, 0), -EBADF, "fstatat64 from a closed fd");
	check_ret(__syscall4(__NR_fstatat64, 99, (long)"/etc/motd", (long)&a, 0), 0,
		  "fstatat64 of an absolute path ignores the fd");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)"/etc/motd", 0, STATX_BASIC_STATS, 16), -EFAULT,
		  "statx into a bad buffer");
	check_ret(__syscall5(__NR_statx, 99, (long)"", AT_EMPTY_PATH, STATX_BASIC_STATS, (long)&sx), -EBADF,
		  "statx(closed fd, \"\", AT_EMPTY_PATH)");
}

/* Owner and times come through every layout: chown and utimensat set them, stat shows them. */
static void owner_and_times(void)
{
	static const char path[] = "/tmp/stat_family.owner";
	struct { long sec, nsec; } times[2] = { { 1234567890, 500000000 }, { 1111111111, 250000000 } };
	struct stat64 a;
	struct stat old;
	struct statx sx;
	long fd;

	/* a tmpfs of its own: the oracle's root is read-only, and this test may run as init before any /etc/rc */
	check_ret(__syscall5(__NR_mount, (long)"none", (long)"/tmp", (long)"tmpfs", 0, 0), 0, "mount a tmpfs on /tmp");
	fd = __syscall3(__NR_open, (long)path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	check(fd >= 0, "open(O_CREAT) in /tmp: %ld", fd);
	check_ret(__syscall3(__NR_fchown32, fd, 12, 34), 0, "fchown32(12, 34)");
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)path, (long)times, 0), 0, "utimensat(atime, mtime)");
	check_ret(__syscall2(__NR_stat64, (long)path, (long)&a), 0, "stat64");
	check(a.st_uid == 12 && a.st_gid == 34, "stat64: owner 12:34 (%lu:%lu)", a.st_uid, a.st_gid);
	check(a.st_atime == 1234567890 && a.st_atime_nsec == 500000000, "stat64: atime %lu.%09lu",
	      a.st_atime, a.st_atime_nsec);
	check(a.st_mtime == 1111111111 && a.st_mtime_nsec == 250000000, "stat64: mtime %lu.%09u",
	      a.st_mtime, a.st_mtime_nsec);
	check(a.st_ctime > 1500000000, "stat64: ctime is the time of the change, now (%lu)", a.st_ctime);
	check_ret(__syscall2(__NR_stat, (long)path, (long)&old), 0, "the old stat");
	check(old.st_uid == 12 && old.st_gid == 34 && old.st_mtime == 1111111111 && old.st_mtime_nsec == 250000000 &&
	      old.st_atime == 1234567890 && old.st_ctime == a.st_ctime,
	      "the old stat: the same owner and times");
	check_ret(__syscall5(__NR_statx, AT_FDCWD, (long)path, 0, STATX_BASIC_STATS, (long)&sx), 0, "statx");
	check(sx.stx_uid == 12 && sx.stx_gid == 34 && sx.stx_mtime.tv_sec == 1111111111 &&
	      sx.stx_mtime.tv_nsec == 250000000 && sx.stx_atime.tv_sec == 1234567890 &&
	      sx.stx_ctime.tv_sec == (long long)a.st_ctime, "statx: the same owner and times");
	check_ret(__syscall3(__NR_fchown32, fd, 70000, 70001), 0, "fchown32(70000, 70001)");
	check_ret(__syscall2(__NR_stat, (long)path, (long)&old), 0, "the old stat again");
	check(old.st_uid == 65534 && old.st_gid == 65534, "the old stat's 16-bit owner is the overflow id 65534 (%u:%u)",
	      old.st_uid, old.st_gid);
	__syscall1(__NR_close, fd);
	check_ret(__syscall1(__NR_unlink, (long)path), 0, "unlink");
	check_ret(__syscall2(__NR_umount2, (long)"/tmp", 0), 0, "umount /tmp");
}

int main(void)
{
	file();
	owner_and_times();
	others();
	errors();
	return done();
}
