/*
 * open("/proc/self/fd/N") opens the file descriptor N has, not whatever its
 * link's text names now (Linux's proc_fd_link: the walk jumps to the
 * file's own dentry). So a file unlinked since still opens (its link says
 * "... (deleted)"), a renamed one is the same inode, a directory's fd
 * leads on to its entries, and a pipe opens again with the mode open asks
 * for: its read end for writing too, its ends counted so that EOF comes
 * only once every writer has gone, never waiting for the other end (only a
 * named FIFO does), -ENOTDIR for a pipe taken as a directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define __NR_unlink   10
#define __NR_rename   38
#define __NR_pipe     42
#define __NR_readlink 85
#define __NR_stat64  195
#define __NR_fstat64 197
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define S_IFMT  0170000
#define S_IFIFO 0010000

struct stat64_ {        /* Linux i386's struct stat64 */
	unsigned long long st_dev;
	unsigned char pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode, st_nlink;
	unsigned long st_uid, st_gid;
	unsigned long long st_rdev;
	unsigned char pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	unsigned long long st_ino;
};

static char text[256];

static long sys_open(const char *path, long flags) { return __syscall3(__NR_open, (long)path, flags, 0644); }
static long sys_read(long fd) { long n = __syscall3(__NR_read, fd, (long)text, sizeof(text) - 1); text[n > 0 ? n : 0] = '\0'; return n; }
static long sys_write(long fd, const char *s) { return __syscall3(__NR_write, fd, (long)s, (long)strlen(s)); }
static long sys_close(long fd) { return __syscall1(__NR_close, fd); }
static long sys_pread0(long fd) { __syscall3(__NR_lseek, fd, 0, 0); return sys_read(fd); }

static const char *fd_path(long fd, const char *rest)
{
	static char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%ld%s", fd, rest);
	return path;
}

static unsigned long long ino_of(long fd, unsigned int *nlink, unsigned int *mode)
{
	struct stat64_ st;

	if (__syscall2(__NR_fstat64, fd, (long)&st) != 0)
		return 0;
	if (nlink)
		*nlink = st.st_nlink;
	if (mode)
		*mode = st.st_mode;
	return st.st_ino;
}

static void deleted_file(void)
{
	long fd = sys_open("/tmp/pfr_del", O_RDWR | O_CREAT | O_TRUNC), fd2, n;
	unsigned int nlink = 99;
	struct stat64_ st;

	if (fd < 0 || sys_write(fd, "hello") != 5)
		fail("make /tmp/pfr_del: %s", errname(fd));
	check_ret(__syscall1(__NR_unlink, (long)"/tmp/pfr_del"), 0, "unlink the open file");
	n = __syscall3(__NR_readlink, (long)fd_path(fd, ""), (long)text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	check(strcmp(text, "/tmp/pfr_del (deleted)") == 0, "its link reads \"%s\"", text);
	fd2 = sys_open(fd_path(fd, ""), O_RDONLY);
	check(fd2 >= 0, "open /proc/self/fd/N of the unlinked file = %s", fd2 < 0 ? errname(fd2) : "a new fd");
	if (fd2 < 0)
		return;
	check(sys_read(fd2) == 5 && strcmp(text, "hello") == 0, "it reads what was written: \"%s\"", text);
	check(ino_of(fd2, &nlink, NULL) == ino_of(fd, NULL, NULL) && nlink == 0,
	      "the same inode, with no links (nlink %u)", nlink);
	check_ret(__syscall2(__NR_stat64, (long)fd_path(fd, ""), (long)&st), 0, "stat of the link follows it");
	check(st.st_ino == ino_of(fd, NULL, NULL) && st.st_nlink == 0, "to the unlinked inode");
	sys_close(fd2);
	fd2 = sys_open(fd_path(fd, ""), O_RDWR);
	check(fd2 >= 0 && sys_write(fd2, "HE") == 2, "opened again for writing, and written");
	check(sys_pread0(fd) == 5 && strcmp(text, "HEllo") == 0, "the first fd reads the write: \"%s\"", text);
	sys_close(fd2);
	sys_close(fd);
	check_ret(sys_open(fd_path(fd, ""), O_RDONLY), -ENOENT, "a closed fd's link");
}

static void renamed_file(void)
{
	long fd = sys_open("/tmp/pfr_a", O_RDWR | O_CREAT | O_TRUNC), fd2, newfd, dir;

	if (fd < 0 || sys_write(fd, "old") != 3)
		fail("make /tmp/pfr_a: %s", errname(fd));
	check_ret(__syscall2(__NR_rename, (long)"/tmp/pfr_a", (long)"/tmp/pfr_b"), 0, "rename it");
	newfd = sys_open("/tmp/pfr_a", O_RDWR | O_CREAT | O_TRUNC);
	if (newfd < 0 || sys_write(newfd, "new") != 3)
		fail("make a new /tmp/pfr_a: %s", errname(newfd));
	fd2 = sys_open(fd_path(fd, ""), O_RDONLY);
	check(fd2 >= 0 && sys_read(fd2) == 3 && strcmp(text, "old") == 0,
	      "the link opens the renamed file, not the new one at its old name: \"%s\"", text);
	sys_close(fd2);
	dir = sys_open("/tmp", O_RDONLY | O_DIRECTORY);
	fd2 = sys_open(fd_path(dir, "/pfr_b"), O_RDONLY);
	check(fd2 >= 0 && sys_read(fd2) == 3 && strcmp(text, "old") == 0,
	      "a directory fd's link leads on to its entries");
	sys_close(fd2);
	check_ret(sys_open(fd_path(fd, "/x"), O_RDONLY), -ENOTDIR, "a regular file's link taken as a directory");
	sys_close(dir);
	sys_close(newfd);
	sys_close(fd);
	__syscall1(__NR_unlink, (long)"/tmp/pfr_a");
	__syscall1(__NR_unlink, (long)"/tmp/pfr_b");
}

static void pipes(void)
{
	int p[2];
	long r, w, rw;
	unsigned int mode = 0;

	if (__syscall1(__NR_pipe, (long)p) != 0)
		fail("pipe");
	sys_write(p[1], "pipe data");
	r = sys_open(fd_path(p[0], ""), O_RDONLY);
	check(r >= 0, "open the read end's link for reading = %s", r < 0 ? errname(r) : "a new fd");
	check(sys_read(r) == 9 && strcmp(text, "pipe data") == 0, "it reads the pipe: \"%s\"", text);
	check(ino_of(r, NULL, &mode) == ino_of(p[0], NULL, NULL) && (mode & S_IFMT) == S_IFIFO,
	      "the same pipe inode, a FIFO");
	w = sys_open(fd_path(p[0], ""), O_WRONLY);
	check(w >= 0, "the read end's link opens for writing = %s", w < 0 ? errname(w) : "a new fd");
	check(sys_write(w, "more") == 4 && sys_read(p[0]) == 4 && strcmp(text, "more") == 0,
	      "what the new writer writes comes out of the pipe");
	rw = sys_open(fd_path(p[1], ""), O_RDWR);
	check(rw >= 0, "the write end's link opens O_RDWR = %s", rw < 0 ? errname(rw) : "a new fd");
	check(sys_write(rw, "xy") == 2 && sys_read(rw) == 2 && strcmp(text, "xy") == 0, "and both reads and writes");
	check_ret(sys_open(fd_path(p[0], "/"), O_RDONLY), -ENOTDIR, "a pipe's link with a slash after it");
	check_ret(sys_open(fd_path(p[0], ""), O_RDONLY | O_DIRECTORY), -ENOTDIR, "O_DIRECTORY on a pipe's link");
	sys_close(p[1]);
	sys_close(w);
	sys_close(rw);
	check_ret(sys_read(r), 0, "EOF once every writer, the reopened ones too, has gone");
	sys_close(p[0]);
	sys_close(r);
	/* No FIFO waits: only a named FIFO waits for its other end or says -ENXIO */
	if (__syscall1(__NR_pipe, (long)p) != 0)
		fail("pipe");
	sys_close(p[0]);
	w = sys_open(fd_path(p[1], ""), O_WRONLY | O_NONBLOCK);
	check(w >= 0, "a non-blocking writer with no reader left opens = %s", w < 0 ? errname(w) : "a new fd");
	sys_close(w);
	sys_close(p[1]);
	if (__syscall1(__NR_pipe, (long)p) != 0)
		fail("pipe");
	sys_close(p[1]);
	r = sys_open(fd_path(p[0], ""), O_RDONLY);
	check(r >= 0, "a blocking reader with no writer left opens at once = %s", r < 0 ? errname(r) : "a new fd");
	check_ret(sys_read(r), 0, "and reads EOF");
	sys_close(r);
	sys_close(p[0]);
}

int main(void)
{
	deleted_file();
	renamed_file();
	pipes();
	return done();
}
