/*
 * Directories and the cwd (Linux's fs/readdir.c, fs/d_path.c, fs/open.c):
 * getdents64 and getdents list what the initrd holds (in any order), a
 * small buffer resumes where it stopped, lseek back to 0 lists again;
 * getcwd, chdir, fchdir and relative paths; the cwd a child inherits.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "process.h"

#define AT_FDCWD -100
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
#define DT_CHR 2

struct dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* The names getdents64 gives for path, read with a buffer of bufsize bytes, as "name:type," in order met. */
static int list(const char *path, long bufsize, char *out, size_t outsize, int *calls)
{
	static char buf[4096];
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY | O_DIRECTORY, 0), n;
	int count = 0;

	out[0] = '\0';
	*calls = 0;
	if (fd < 0)
		return (int)fd;
	while ((n = __syscall3(__NR_getdents64, fd, (long)buf, bufsize)) > 0) {
		(*calls)++;
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			size_t len = strlen(out);

			if (len + strlen(d->d_name) + 4 < outsize)
				snprintf(out + len, outsize - len, "%s:%d,", d->d_name, d->d_type);
			count++;
			off += d->d_reclen;
		}
	}
	__syscall1(__NR_close, fd);
	return n < 0 ? (int)n : count;
}

/*
 * Every entry of path has a nonzero inode number (readdir skips 0: a
 * directory listed with inode 0 vanishes from ls), and ".." has the
 * inode of the parent, parent_path. Returns the entries, or -1 at the
 * first bad one (named in *bad).
 */
static int inodes_ok(const char *path, const char *parent_path, char *bad, size_t badsize)
{
	static char buf[4096];
	struct stat64 st;
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY | O_DIRECTORY, 0), n;
	int count = 0;

	if (fd < 0 || __syscall2(__NR_stat64, (long)parent_path, (long)&st) < 0)
		return -1;
	while ((n = __syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			if (d->d_ino == 0 || (!strcmp(d->d_name, "..") && d->d_ino != st.st_ino)) {
				snprintf(bad, badsize, "%s: inode %llu", d->d_name, (unsigned long long)d->d_ino);
				__syscall1(__NR_close, fd);
				return -1;
			}
			count++;
			off += d->d_reclen;
		}
	}
	__syscall1(__NR_close, fd);
	return count;
}

static int has(const char *l, const char *entry)
{
	char want[64];
	const char *p = l;

	snprintf(want, sizeof(want), "%s,", entry);
	while ((p = strstr(p, want)) != NULL) {
		if (p == l || p[-1] == ',')
			return 1;
		p++;
	}
	return 0;
}

static void getdents(void)
{
	static char l[4096], l2[4096];
	int calls, n;

	/* /etc: user/rootfs/etc's 8 files (203-bytes, group, motd, not-elf, passwd, profile, rc, shells) */
	n = list("/etc", 4096, l, sizeof(l), &calls);
	check(n == 2 + 8, "/etc lists 10 entries (%d): %s", n, l);
	check(has(l, ".:4") && has(l, "..:4"), "\".\" and \"..\", directories");
	check(has(l, "motd:8") && has(l, "203-bytes:8") && has(l, "not-elf:8") && has(l, "rc:8"),
	      "its files, DT_REG");
	n = list("/links", 4096, l, sizeof(l), &calls);
	check(n == 2 + 49, "/links lists 51 entries (%d)", n);
	check(has(l, "motd:10") && has(l, "etc:10") && has(l, "loop-a:10"), "links are DT_LNK");
	n = list("/links", 40, l2, sizeof(l2), &calls);
	check(n == 51 && calls == 51, "with a 40-byte buffer: one entry a call, the same 51 (%d in %d calls)", n, calls);
	check(!strcmp(l, l2), "in the same order");
	n = list("/", 4096, l, sizeof(l), &calls);
	check(has(l, "etc:4") && has(l, "tests:4") && has(l, "dev:4") && has(l, "proc:4") && has(l, "links:4"),
	      "/ has etc, tests, dev, proc, links");
	n = list("/dev", 4096, l, sizeof(l), &calls);
	check(has(l, "null:2") && has(l, "zero:2") && has(l, "full:2") && has(l, "urandom:2") &&
	      has(l, "random:2") && has(l, "console:2") && has(l, "tty:2"), "/dev has null, zero, full, random, "
	      "urandom, console, tty");
	check_ret(list("/links/etc", 4096, l2, sizeof(l2), &calls), 10, "a link to /etc lists /etc");
	{
		char bad[300] = "";

		check(inodes_ok("/", "/", bad, sizeof(bad)) > 0, "/: no entry with inode 0, \"..\" is / %s", bad);
		check(inodes_ok("/etc", "/", bad, sizeof(bad)) > 0, "/etc: no inode 0, \"..\" is / %s", bad);
		check(inodes_ok("/bin", "/", bad, sizeof(bad)) > 0, "/bin: no inode 0, \"..\" is / %s", bad);
		check(inodes_ok("/dev", "/", bad, sizeof(bad)) > 0, "/dev: no inode 0, \"..\" is / %s", bad);
	}

	{
		static char buf[512];
		long fd = __syscall3(__NR_open, (long)"/etc", O_RDONLY | O_DIRECTORY, 0), a, b;
		struct dirent64 *d = (struct dirent64 *)buf;

		a = __syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf));
		check(a > 0, "getdents64 = %ld", a);
		check(d->d_off != 0, "d_off of the first entry says where the next starts (%lld)", d->d_off);
		check_ret(__syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf)), 0, "then 0 at the end");
		check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_SET), 0, "lseek to 0");
		b = __syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf));
		check(a == b, "lists the same bytes again (%ld)", b);
		check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_END), -EINVAL, "SEEK_END on a directory");
		check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_SET), 0, "lseek to 0");
		check_ret(__syscall3(__NR_getdents64, fd, (long)buf, 10), -EINVAL, "a buffer too small for one entry");
		check_ret(__syscall3(__NR_getdents64, fd, 16, sizeof(buf)), -EFAULT, "getdents64 into a bad buffer");
		b = __syscall3(__NR_getdents, fd, (long)buf, sizeof(buf));
		check(b > 0, "the old getdents lists it too (%ld)", b);
		check(!strcmp(buf + 10, ".") || !strcmp(buf + 10, "..") || buf[10] != 0,
		      "the name at offset 10 of struct linux_dirent: \"%s\"", buf + 10);
		check_ret(__syscall3(__NR_read, fd, (long)buf, sizeof(buf)), -EISDIR, "read of a directory");
		__syscall1(__NR_close, fd);
		fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
		check_ret(__syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf)), -ENOTDIR, "getdents64 of a file");
		__syscall1(__NR_close, fd);
		check_ret(__syscall3(__NR_getdents64, 99, (long)buf, sizeof(buf)), -EBADF, "getdents64 of a closed fd");
	}
}

static void cwd(void)
{
	char buf[256];
	long fd, pid;
	int status;

	check_ret(__syscall2(__NR_getcwd, (long)buf, sizeof(buf)), 2, "getcwd at start: \"/\", 2 bytes with the NUL");
	check(!strcmp(buf, "/"), "is \"/\"");
	check_ret(__syscall1(__NR_chdir, (long)"/etc"), 0, "chdir(/etc)");
	check_ret(__syscall2(__NR_getcwd, (long)buf, sizeof(buf)), 5, "getcwd");
	check(!strcmp(buf, "/etc"), "is \"/etc\" (%s)", buf);
	check_ret(__syscall2(__NR_getcwd, (long)buf, 4), -ERANGE, "getcwd into 4 bytes");
	check_ret(__syscall2(__NR_getcwd, 16, sizeof(buf)), -EFAULT, "getcwd into a bad buffer");
	fd = __syscall3(__NR_open, (long)"motd", O_RDONLY, 0);
	check(fd >= 0, "open(\"motd\") relative to /etc = %ld", fd);
	__syscall1(__NR_close, fd);
	check_ret(__syscall2(__NR_access, (long)"../tests/dirs", 1), 0, "access(\"../tests/dirs\")");
	check_ret(__syscall1(__NR_chdir, (long)"/links/etc"), 0, "chdir through a link");
	__syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(!strcmp(buf, "/etc"), "getcwd says where it led: %s", buf);
	check_ret(__syscall1(__NR_chdir, (long)".."), 0, "chdir(\"..\")");
	__syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(!strcmp(buf, "/"), "back at / (%s)", buf);
	check_ret(__syscall1(__NR_chdir, (long)".."), 0, "chdir(\"..\") at /");
	__syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(!strcmp(buf, "/"), "stays at /");
	check_ret(__syscall1(__NR_chdir, (long)"/etc/motd"), -ENOTDIR, "chdir to a file");
	check_ret(__syscall1(__NR_chdir, (long)"/nope"), -ENOENT, "chdir to nothing");
	check_ret(__syscall1(__NR_chdir, (long)"/links/loop-a"), -ELOOP, "chdir to a loop");
	check_ret(__syscall1(__NR_chdir, 16), -EFAULT, "chdir of a bad pointer");
	check_ret(__syscall1(__NR_chdir, (long)""), -ENOENT, "chdir(\"\")");

	fd = __syscall3(__NR_open, (long)"/dev", O_RDONLY | O_DIRECTORY, 0);
	check_ret(__syscall1(__NR_fchdir, fd), 0, "fchdir to /dev");
	__syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(!strcmp(buf, "/dev"), "getcwd: %s", buf);
	check_ret(__syscall2(__NR_access, (long)"null", 0), 0, "\"null\" is found from there");
	__syscall1(__NR_close, fd);
	fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check_ret(__syscall1(__NR_fchdir, fd), -ENOTDIR, "fchdir to a file");
	__syscall1(__NR_close, fd);
	check_ret(__syscall1(__NR_fchdir, 99), -EBADF, "fchdir of a closed fd");

	check_ret(__syscall1(__NR_chdir, (long)"/tests"), 0, "chdir(/tests)");
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		char b[64];

		__syscall2(__NR_getcwd, (long)b, sizeof(b));
		if (strcmp(b, "/tests"))
			_exit(1);
		__syscall1(__NR_chdir, (long)"/etc");
		_exit(0);
	}
	check(pid > 0, "fork = %ld", pid);
	check_ret(__syscall4(__NR_wait4, pid, (long)&status, 0, 0), pid, "wait4");
	check(status == 0, "the child starts in /tests (status %#x)", status);
	__syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(!strcmp(buf, "/tests"), "and its chdir leaves the parent's cwd alone (%s)", buf);
	__syscall1(__NR_chdir, (long)"/");
}

static void umask_(void)
{
	long old = __syscall1(__NR_umask, 077);

	check_ret(__syscall1(__NR_umask, old), 077, "umask returns the mask set before");
	check_ret(__syscall1(__NR_umask, 0777777), old, "umask(0777777)");
	check_ret(__syscall1(__NR_umask, old), 0777, "keeps only 0777");
}

int main(void)
{
	getdents();
	cwd();
	umask_();
	return done();
}
