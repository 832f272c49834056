/*
 * The path walk and open as Linux 6.1 answers (fs/namei.c, fs/open.c):
 * symbolic links followed or not (40 at most: -ELOOP), readlink,
 * O_NOFOLLOW, trailing slashes, openat from a directory descriptor,
 * O_DIRECTORY, access, and -EROFS for whatever would write to a
 * read-only root (the test remounts / read-only for those, and back).
 * The initrd's /links holds the links (user/rootfs/links).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define AT_FDCWD -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200
#define AT_EMPTY_PATH 0x1000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define R_OK 4
#define W_OK 2
#define X_OK 1
#define F_OK 0
#define __NR_mount 21
#define MS_RDONLY 1
#define MS_REMOUNT 32

static const char motd_start[] = "Welcome to Pagoda.";

static long openat_(long dfd, const char *p, long flags)
{
	return __syscall4(__NR_openat, dfd, (long)p, flags, 0644);
}

/* Open p (following links), read its first bytes and say whether it is /etc/motd. */
static void reads_motd(long dfd, const char *p, const char *what)
{
	char buf[32];
	long fd = openat_(dfd, p, O_RDONLY), n;

	check(fd >= 0, "open %s = %ld", what, fd);
	n = __syscall3(__NR_read, fd, (long)buf, sizeof(motd_start) - 1);
	check(n == sizeof(motd_start) - 1 && !memcmp(buf, motd_start, (size_t)n), "%s reads /etc/motd", what);
	__syscall1(__NR_close, fd);
}

static void links(void)
{
	char buf[64];

	reads_motd(AT_FDCWD, "/links/motd", "\"/links/motd\" (-> ../etc/motd)");
	reads_motd(AT_FDCWD, "/links/motd-abs", "\"/links/motd-abs\" (-> /etc/motd)");
	reads_motd(AT_FDCWD, "/links/chain", "\"/links/chain\" (a link to a link)");
	reads_motd(AT_FDCWD, "/links/etc/motd", "\"/links/etc/motd\" (a link to a directory)");
	reads_motd(AT_FDCWD, "/links/etc/../links/motd", "\"/links/etc/../links/motd\" (.. of /etc, not of /links)");
	reads_motd(AT_FDCWD, "/links/n01", "a chain of exactly 40 links");
	check_ret(openat_(AT_FDCWD, "/links/n00", O_RDONLY), -ELOOP, "a chain of 41 links");
	check_ret(openat_(AT_FDCWD, "/links/loop-a", O_RDONLY), -ELOOP, "open of a loop a -> b -> a");
	check_ret(openat_(AT_FDCWD, "/links/self", O_RDONLY), -ELOOP, "open of a link to itself");
	check_ret(openat_(AT_FDCWD, "/links/self/x", O_RDONLY), -ELOOP, "a loop in the middle of a path");
	check_ret(openat_(AT_FDCWD, "/links/dangling", O_RDONLY), -ENOENT, "open of a dangling link");
	check_ret(openat_(AT_FDCWD, "/links/motd", O_RDONLY | O_NOFOLLOW), -ELOOP, "O_NOFOLLOW on a link");
	reads_motd(AT_FDCWD, "/links/etc/motd", "O_NOFOLLOW only looks at the last component");
	{
		long fd = openat_(AT_FDCWD, "/links/etc/motd", O_RDONLY | O_NOFOLLOW);

		check(fd >= 0, "O_NOFOLLOW with a link before the last component = %ld", fd);
		__syscall1(__NR_close, fd);
	}
	check_ret(openat_(AT_FDCWD, "/links/motd/", O_RDONLY), -ENOTDIR, "\"/links/motd/\": a link to a file, slash");
	check_ret(openat_(AT_FDCWD, "/links/etc/", O_RDONLY | O_NOFOLLOW | O_DIRECTORY) >= 0, 1,
		  "\"/links/etc/\" with O_NOFOLLOW: the slash follows it");
	check_ret(openat_(AT_FDCWD, "/links/etc", O_RDONLY | O_DIRECTORY | O_NOFOLLOW), -ENOTDIR,
		  "\"/links/etc\" with O_DIRECTORY|O_NOFOLLOW");
	check_ret(openat_(AT_FDCWD, "/links/motd", O_RDONLY | O_CREAT | O_EXCL), -EEXIST,
		  "O_CREAT|O_EXCL on a link (not followed)");
	check_ret(openat_(AT_FDCWD, "/links/dangling", O_RDONLY | O_CREAT | O_EXCL), -EEXIST,
		  "O_CREAT|O_EXCL on a dangling link");

	memset(buf, 'x', sizeof(buf));
	check_ret(__syscall3(__NR_readlink, (long)"/links/motd", (long)buf, sizeof(buf)), 11, "readlink /links/motd");
	check(!memcmp(buf, "../etc/motd", 11) && buf[11] == 'x', "the target, with no NUL added");
	check_ret(__syscall3(__NR_readlink, (long)"/links/motd", (long)buf, 3), 3, "readlink into 3 bytes: truncated");
	check_ret(__syscall3(__NR_readlink, (long)"/links/etc/", (long)buf, sizeof(buf)), -EINVAL,
		  "readlink of \"/links/etc/\" (the slash follows it to a directory)");
	check_ret(__syscall3(__NR_readlink, (long)"/etc/motd", (long)buf, sizeof(buf)), -EINVAL, "readlink of a file");
	check_ret(__syscall3(__NR_readlink, (long)"/links/motd", (long)buf, 0), -EINVAL, "readlink, bufsiz 0");
	check_ret(__syscall3(__NR_readlink, (long)"/links/nope", (long)buf, 0), -EINVAL,
		  "readlink, bufsiz 0 is checked before the walk");
	check_ret(__syscall3(__NR_readlink, (long)"/links/nope", (long)buf, sizeof(buf)), -ENOENT, "readlink, missing");
	check_ret(__syscall3(__NR_readlink, (long)"/links/motd", 16, sizeof(buf)), -EFAULT, "readlink to a bad buffer");
	check_ret(__syscall3(__NR_readlink, (long)"/links/loop-a", (long)buf, sizeof(buf)), 6,
		  "readlink of a loop reads it");
	check_ret(__syscall4(__NR_readlinkat, AT_FDCWD, (long)"links/n40", (long)buf, sizeof(buf)), 11,
		  "readlinkat of a relative path from /");
	check_ret(__syscall4(__NR_readlinkat, AT_FDCWD, (long)"", (long)buf, sizeof(buf)), -ENOENT,
		  "readlinkat of \"\": the cwd, not a link");
	{
		long dir = openat_(AT_FDCWD, "/links", O_RDONLY | O_DIRECTORY);

		check_ret(__syscall4(__NR_readlinkat, dir, (long)"motd-abs", (long)buf, sizeof(buf)), 9,
			  "readlinkat from a directory descriptor");
		check(!memcmp(buf, "/etc/motd", 9), "reads \"/etc/motd\"");
		reads_motd(dir, "motd", "openat(dir /links, \"motd\")");
		reads_motd(dir, "../etc/motd", "openat(dir /links, \"../etc/motd\")");
		reads_motd(dir, "/etc/motd", "openat(dir, an absolute path): dir is ignored");
		__syscall1(__NR_close, dir);
		dir = openat_(AT_FDCWD, "/etc/motd", O_RDONLY);
		check_ret(openat_(dir, "motd", O_RDONLY), -ENOTDIR, "openat from a file's descriptor");
		reads_motd(dir, "/etc/motd", "openat from a file's descriptor, absolute path");
		__syscall1(__NR_close, dir);
		check_ret(openat_(dir, "motd", O_RDONLY), -EBADF, "openat from a closed descriptor");
		check_ret(openat_(-1, "motd", O_RDONLY), -EBADF, "openat from fd -1");
		reads_motd(-1, "/etc/motd", "openat(-1, absolute path)");
	}
}

static void access_(void)
{
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", R_OK), 0, "access(/etc/motd, R_OK)");
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", F_OK), 0, "access(F_OK)");
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", X_OK), -EACCES, "access(X_OK) of a file without x");
	check_ret(__syscall2(__NR_access, (long)"/tests/paths", X_OK), 0, "access(X_OK) of a program");
	check_ret(__syscall2(__NR_access, (long)"/etc", X_OK), 0, "access(X_OK) of a directory");
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", W_OK), 0, "access(W_OK) on the writable root");
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", 8), -EINVAL, "access with mode 8");
	check_ret(__syscall2(__NR_access, (long)"/nope", F_OK), -ENOENT, "access of a missing file");
	check_ret(__syscall2(__NR_access, (long)"/links/dangling", F_OK), -ENOENT, "access of a dangling link");
	check_ret(__syscall2(__NR_access, (long)"/links/loop-a", F_OK), -ELOOP, "access of a loop");
	check_ret(__syscall2(__NR_access, 16, F_OK), -EFAULT, "access of a bad pointer");
	check_ret(__syscall3(__NR_faccessat, AT_FDCWD, (long)"etc/motd", R_OK), 0, "faccessat(AT_FDCWD, relative)");
	check_ret(__syscall4(__NR_faccessat2, AT_FDCWD, (long)"/links/loop-a", F_OK, AT_SYMLINK_NOFOLLOW), 0,
		  "faccessat2(AT_SYMLINK_NOFOLLOW) of a loop");
	check_ret(__syscall4(__NR_faccessat2, AT_FDCWD, (long)"/etc/motd", R_OK, AT_EACCESS), 0,
		  "faccessat2(AT_EACCESS)");
	check_ret(__syscall4(__NR_faccessat2, AT_FDCWD, (long)"/etc/motd", R_OK, 1), -EINVAL,
		  "faccessat2 with an unknown flag");
}

static void readonly(void)
{
	check_ret(__syscall5(__NR_mount, 0, (long)"/", 0, MS_REMOUNT | MS_RDONLY, 0), 0, "remount / read-only");
	check_ret(__syscall2(__NR_access, (long)"/etc/motd", W_OK), -EROFS, "access(W_OK) on the read-only root");
	check_ret(openat_(AT_FDCWD, "/etc/motd", O_WRONLY), -EROFS, "open(/etc/motd, O_WRONLY)");
	check_ret(openat_(AT_FDCWD, "/etc/motd", O_RDWR), -EROFS, "open(O_RDWR)");
	check_ret(openat_(AT_FDCWD, "/etc/motd", O_RDONLY | O_TRUNC), -EROFS, "open(O_TRUNC)");
	check_ret(openat_(AT_FDCWD, "/etc/new", O_RDONLY | O_CREAT), -EROFS, "O_CREAT of a new file");
	check_ret(openat_(AT_FDCWD, "/links/dangling", O_WRONLY | O_CREAT), -EROFS,
		  "O_CREAT through a dangling link");
	check_ret(__syscall2(__NR_creat, (long)"/etc/new", 0644), -EROFS, "creat of a new file");
	check_ret(__syscall2(__NR_creat, (long)"/etc/motd", 0644), -EROFS, "creat of a file that exists");
	check_ret(__syscall2(__NR_creat, (long)"/nope/new", 0644), -ENOENT, "creat in a missing directory");
	check_ret(__syscall2(__NR_creat, (long)"/etc", 0644), -EISDIR, "creat of a directory");
	check_ret(__syscall5(__NR_mount, 0, (long)"/", 0, MS_REMOUNT, 0), 0, "remount / read-write");
}

static void bad(void)
{
	static char longpath[4200];

	memset(longpath, 'a', sizeof(longpath) - 1);
	check_ret(openat_(AT_FDCWD, longpath, O_RDONLY), -ENAMETOOLONG, "openat of a path over PATH_MAX");
	check_ret(openat_(AT_FDCWD, (const char *)16, O_RDONLY), -EFAULT, "openat of a bad pointer");
	check_ret(openat_(AT_FDCWD, "", O_RDONLY), -ENOENT, "openat of \"\"");
	check_ret(openat_(AT_FDCWD, "/etc/motd", O_RDONLY | O_DIRECTORY), -ENOTDIR, "O_DIRECTORY on a file");
	check_ret(openat_(AT_FDCWD, "/links/motd", O_RDONLY | O_DIRECTORY), -ENOTDIR,
		  "O_DIRECTORY on a link to a file");
	check_ret(__syscall3(__NR_open, (long)"/etc/motd", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR,
		  "open(O_DIRECTORY) on a file");
	{
		long fd = openat_(AT_FDCWD, "/etc/motd", O_RDONLY | O_CLOEXEC);

		check(fd >= 0, "O_CLOEXEC opens = %ld", fd);
		check_ret(__syscall2(__NR_fcntl64, fd, 1 /* F_GETFD */), 1, "and sets FD_CLOEXEC");
		__syscall1(__NR_close, fd);
	}
}

int main(void)
{
	links();
	access_();
	readonly();
	bad();
	return done();
}
