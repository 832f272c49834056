/*
 * A process's descriptors and links as /proc shows them (Linux's
 * fs/proc/fd.c and base.c): /proc/self/fd/N links to the file's path or
 * pipe:[INO], with the owner's r and w bits of its open mode;
 * /proc/self/fdinfo/N says pos, flags (O_CLOEXEC too) and ino; cwd, root
 * and exe (the file run, its symbolic links resolved); limits in Linux's
 * table. A file of a reaped process reads -ESRCH, lseek(SEEK_END) on one
 * is -EINVAL, comm takes writes (15 bytes kept) as prctl(PR_SET_NAME);
 * task/ holds the one thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define __NR_prctl 172
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#define SEEK_END_ 2
#define RLIMIT_NOFILE 7
#define S_IFMT 0170000
#define S_IFLNK 0120000

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

static char text[8192];

/* The link's target, NUL-terminated, in text; readlink's answer. */
static long link_of(const char *path)
{
	long n = __syscall3(__NR_readlink, (long)path, (long)text, sizeof(text) - 1);

	text[n > 0 ? n : 0] = '\0';
	return n;
}

/* A whole /proc file into text (NUL-terminated): its length, or a -errno from open or read. */
static long slurp(const char *path)
{
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY, 0), n, len = 0;

	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	__syscall1(__NR_close, fd);
	text[len] = '\0';
	return n < 0 ? n : len;
}

static long read_fd(long fd)
{
	long n = __syscall3(__NR_read, fd, (long)text, sizeof(text) - 1);

	text[n > 0 ? n : 0] = '\0';
	return n;
}

static void fd_links(void)
{
	long null = __syscall3(__NR_open, (long)"/dev/null", O_RDWR, 0);
	long dir = __syscall3(__NR_open, (long)"/tests", O_RDONLY | O_DIRECTORY, 0);
	int p[2];
	struct stat64_ st, pst;
	char path[64], want[64];

	check(null >= 0 && dir >= 0, "open /dev/null and /tests (%ld, %ld)", null, dir);
	check_ret(__syscall2(__NR_pipe2, (long)p, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", null);
	check_ret(link_of(path), 9, "readlink %s", path);
	check(!strcmp(text, "/dev/null"), "is /dev/null (%s)", text);
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", dir);
	link_of(path);
	check(!strcmp(text, "/tests"), "fd/%ld -> /tests (%s)", dir, text);
	check_ret(__syscall2(__NR_fstat64, p[0], (long)&pst), 0, "fstat64 of the pipe");
	snprintf(want, sizeof(want), "pipe:[%llu]", pst.st_ino);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", getpid(), p[1]);
	link_of(path);
	check(!strcmp(text, want), "fd/%d of the write end -> %s (%s)", p[1], want, text);
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", null);
	check_ret(__syscall2(__NR_lstat64, (long)path, (long)&st), 0, "lstat64 %s", path);
	check(st.st_mode == (S_IFLNK | 0700), "O_RDWR: lrwx------ (%o)", st.st_mode);
	check(st.st_size == 64, "st_size 64, as Linux's fd links (%lld)", st.st_size);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	__syscall2(__NR_lstat64, (long)path, (long)&st);
	check(st.st_mode == (S_IFLNK | 0500), "the read end: lr-x------ (%o)", st.st_mode);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	__syscall2(__NR_lstat64, (long)path, (long)&st);
	check(st.st_mode == (S_IFLNK | 0300), "the write end: l-wx------ (%o)", st.st_mode);
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", null);
	check_ret(__syscall2(__NR_stat64, (long)path, (long)&st), 0, "stat64 follows %s", path);
	check((st.st_mode & S_IFMT) == 0020000, "to /dev/null, a character device (%o)", st.st_mode);
	{
		long st_fd = __syscall3(__NR_open, (long)"/proc/self/status", O_RDONLY, 0);

		snprintf(path, sizeof(path), "/proc/self/fd/%ld", st_fd);
		snprintf(want, sizeof(want), "/proc/%d/status", getpid());
		link_of(path);
		check(!strcmp(text, want), "/proc/self/status opened: its link names %s (%s)", want, text);
		__syscall1(__NR_close, st_fd);
	}
	check_ret(link_of("/proc/self/fd/99"), -ENOENT, "readlink of a descriptor not open");
	check_ret(link_of("/proc/self/fd/03"), -ENOENT, "a leading zero names no descriptor");
	check_ret(__syscall2(__NR_lstat64, (long)"/proc/self/fd/x", (long)&st), -ENOENT, "nor does x");
	check_ret(__syscall2(__NR_lstat64, (long)"/proc/self/fd", (long)&st), 0, "lstat64 /proc/self/fd");
	check(st.st_mode == (0040000 | 0500), "fd/ is dr-x------ (%o)", st.st_mode);
	__syscall2(__NR_lstat64, (long)"/proc/self/fdinfo", (long)&st);
	check(st.st_mode == (0040000 | 0555), "fdinfo/ is dr-xr-xr-x (%o)", st.st_mode);

	/* the listing: exactly the open descriptors, the directory's own among them */
	{
		long d = __syscall3(__NR_open, (long)"/proc/self/fd", O_RDONLY | O_DIRECTORY, 0), n;
		char buf[1024], names[256] = "", want_names[256] = "";

		check(d >= 0, "open /proc/self/fd (%ld)", d);
		for (int fd = 0; fd < 64; fd++)
			if (__syscall2(__NR_fcntl64, fd, 1 /* F_GETFD */) >= 0)
				snprintf(want_names + strlen(want_names), 8, "%d ", fd);
		while ((n = __syscall3(__NR_getdents64, d, (long)buf, sizeof(buf))) > 0)
			for (long off = 0; off < n;) {
				unsigned short reclen = *(unsigned short *)(buf + off + 16);
				unsigned char type = (unsigned char)buf[off + 18];
				const char *name = buf + off + 19;

				if (strcmp(name, ".") && strcmp(name, "..")) {
					check(type == 10, "fd/%s is DT_LNK (%u)", name, type);
					strcpy(names + strlen(names), name);
					strcpy(names + strlen(names), " ");
				}
				off += reclen;
			}
		check(!strcmp(names, want_names), "fd/ lists the open descriptors, ascending: %s(%s)", want_names, names);
		__syscall1(__NR_close, d);
	}

	/* fdinfo */
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%ld", null);
	check(slurp(path) > 0, "read %s", path);
	check(!strncmp(text, "pos:\t0\nflags:\t02\nmnt_id:\t", 25), "/dev/null's begins pos 0, flags 02 (%s)", text);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", p[1]);
	slurp(path);
	snprintf(want, sizeof(want), "\nino:\t%llu\n", pst.st_ino);
	check(!strncmp(text, "pos:\t0\nflags:\t04001\nmnt_id:\t", 27) && strstr(text, want),
	      "the write end: flags 04001, the pipe's ino (%s)", text);
	{
		long m = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY | O_CLOEXEC, 0);
		char b[5];

		__syscall3(__NR_read, m, (long)b, 5);
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%ld", m);
		slurp(path);
		check(!strncmp(text, "pos:\t5\nflags:\t02000000\n", 23), "/etc/motd after 5 bytes, O_CLOEXEC (%s)", text);
		/* open while fd m is open, read after it is closed: -ENOENT, as Linux's seq_show */
		{
			long info = __syscall3(__NR_open, (long)path, O_RDONLY, 0);

			__syscall1(__NR_close, m);
			check_ret(read_fd(info), -ENOENT, "fdinfo of a descriptor closed since the open");
			__syscall1(__NR_close, info);
		}
	}
	check_ret(slurp("/proc/self/fdinfo/99"), -ENOENT, "fdinfo of a descriptor not open");

	__syscall1(__NR_close, p[0]);
	__syscall1(__NR_close, p[1]);
	__syscall1(__NR_close, dir);
	__syscall1(__NR_close, null);
}

static void cwd_root_exe(void)
{
	check_ret(__syscall1(__NR_chdir, (long)"/tests"), 0, "chdir /tests");
	link_of("/proc/self/cwd");
	check(!strcmp(text, "/tests"), "/proc/self/cwd -> /tests (%s)", text);
	check_ret(__syscall1(__NR_chdir, (long)"/"), 0, "chdir /");
	link_of("/proc/self/cwd");
	check(!strcmp(text, "/"), "then -> / (%s)", text);
	link_of("/proc/self/root");
	check(!strcmp(text, "/"), "/proc/self/root -> / (%s)", text);
	link_of("/proc/self/exe");
	check(!strcmp(text, "/tests/proc_fds"), "/proc/self/exe -> /tests/proc_fds (%s)", text);

	/* run through a symbolic link: exe names the file it leads to */
	{
		int p[2], status;
		long pid, n;
		/* no environment at all: argv and envp must each still end in NULL */
		char *argv[] = { "readlink", "/proc/self/exe", NULL }, *envp[] = { NULL };

		__syscall1(__NR_pipe, (long)p);
		pid = sys_fork();
		if (pid == 0) {
			__syscall2(__NR_dup2, p[1], 1);
			__syscall3(__NR_execve, (long)"/bin/readlink", (long)argv, (long)envp);
			_exit(127);
		}
		__syscall1(__NR_close, p[1]);
		n = read_fd(p[0]);
		__syscall1(__NR_close, p[0]);
		__syscall4(__NR_wait4, pid, (long)&status, 0, 0);
		check(n > 0 && !strcmp(text, "/bin/busybox\n"),
		      "/bin/readlink (a link to busybox) reads its exe as /bin/busybox (%s)", text);
	}
}

/* "%-25s %-20s %-20s %-10s\n", as Linux's proc_pid_limits prints */
#define HEADER "Limit                     Soft Limit           Hard Limit           Units     \n"
#define NOFILE_LINE "\nMax open files            100                  200                  files     \n"

static void limits(void)
{
	struct { unsigned long cur, max; } nofile = { 100, 200 }, old;
	const char *line;

	check(slurp("/proc/self/limits") > 0, "read /proc/self/limits");
	check(!strncmp(text, HEADER, strlen(HEADER)),
	      "the header, in Linux's columns");
	check(strstr(text, "\nMax stack size            8388608              unlimited            bytes     \n") != NULL,
	      "Max stack size: 8 MiB soft, unlimited hard, bytes");
	check(strstr(text, "\nMax nice priority         0                    0                    \n") != NULL,
	      "Max nice priority: no unit");
	check(strstr(text, "\nMax realtime timeout      unlimited            unlimited            us        \n") !=
	      NULL, "the last line: Max realtime timeout, us");
	__syscall2(__NR_ugetrlimit, RLIMIT_NOFILE, (long)&old);
	check_ret(__syscall2(__NR_setrlimit, RLIMIT_NOFILE, (long)&nofile), 0, "setrlimit(RLIMIT_NOFILE, 100, 200)");
	slurp("/proc/self/limits");
	line = strstr(text, "\nMax open files ");
	check(line && !strncmp(line, NOFILE_LINE, strlen(NOFILE_LINE)), "Max open files 100 200 files");
	__syscall2(__NR_setrlimit, RLIMIT_NOFILE, (long)&old);
}

static void comm_and_prctl(void)
{
	long fd = __syscall3(__NR_open, (long)"/proc/self/comm", O_RDWR, 0);
	char name[16];

	check(fd >= 0, "open /proc/self/comm for writing (%ld)", fd);
	check_ret(__syscall3(__NR_write, fd, (long)"abcdefghijklmnopqrstuvwxyz", 26), 26,
		  "write 26 bytes: all are taken");
	__syscall1(__NR_close, fd);
	slurp("/proc/self/comm");
	check(!strcmp(text, "abcdefghijklmno\n"), "15 of them kept (%s)", text);
	check_ret(__syscall2(__NR_prctl, PR_GET_NAME, (long)name), 0, "prctl(PR_GET_NAME)");
	check(!strcmp(name, "abcdefghijklmno"), "says the same (%s)", name);
	check_ret(__syscall2(__NR_prctl, PR_SET_NAME, (long)"renamed"), 0, "prctl(PR_SET_NAME, renamed)");
	slurp("/proc/self/comm");
	check(!strcmp(text, "renamed\n"), "comm reads renamed (%s)", text);
	fd = __syscall3(__NR_open, (long)"/proc/self/comm", O_WRONLY, 0);
	check_ret(__syscall3(__NR_write, fd, (long)"hi\n", 3), 3, "write hi and a newline");
	__syscall1(__NR_close, fd);
	slurp("/proc/self/comm");
	check(!strcmp(text, "hi\n\n"), "the newline is part of the name, as on Linux");
	__syscall2(__NR_prctl, PR_SET_NAME, (long)"proc_fds");
	fd = __syscall3(__NR_open, (long)"/proc/meminfo", O_RDWR, 0);
	check_ret(__syscall3(__NR_write, fd, (long)"x", 1), -EIO, "meminfo opens for writing, a write is -EIO");
	__syscall1(__NR_close, fd);
	fd = __syscall3(__NR_open, (long)"/proc/self/status", O_RDWR, 0);
	check_ret(__syscall3(__NR_write, fd, (long)"x", 1), -EINVAL,
		  "status (no write function: FMODE_CAN_WRITE cleared) -EINVAL");
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_END_), -EINVAL, "lseek(SEEK_END) on a /proc file");
	check_ret(__syscall3(__NR_lseek, fd, 6, SEEK_SET), 6, "SEEK_SET works");
	check(read_fd(fd) > 0 && !strncmp(text, "proc_fds\n", 9), "and reads from there (%.9s)", text);
	__syscall1(__NR_close, fd);
}

/* /proc/self/task: one directory per thread; a single-threaded process has its own PID there. */
static void task_dir(void)
{
	long d = __syscall3(__NR_open, (long)"/proc/self/task", O_RDONLY | O_DIRECTORY, 0), n;
	char buf[512], names[64] = "", want[64], path[64];
	struct stat64_ st, pst;

	check(d >= 0, "open /proc/self/task (%ld)", d);
	while ((n = __syscall3(__NR_getdents64, d, (long)buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += *(unsigned short *)(buf + off + 16)) {
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s ", buf + off + 19);
			if (strcmp(buf + off + 19, ".") && strcmp(buf + off + 19, ".."))
				check(buf[off + 18] == 4, "task/%s is DT_DIR (%d)", buf + off + 19, buf[off + 18]);
		}
	__syscall1(__NR_close, d);
	snprintf(want, sizeof(want), ". .. %d ", getpid());
	check(!strcmp(names, want), "task/ lists ., .. and our PID (%s)", names);
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", getpid());
	check(slurp(path) > 0 && !strcmp(text, "proc_fds\n"), "task/PID/comm is ours (%s)", text);
	snprintf(path, sizeof(path), "/proc/self/task/%d/fd/1", getpid());
	check(link_of(path) > 0, "task/PID/fd/1 is a link (%s)", text);
	snprintf(path, sizeof(path), "/proc/self/task/%d", getpid());
	__syscall2(__NR_stat64, (long)path, (long)&st);
	__syscall2(__NR_stat64, (long)"/proc/self", (long)&pst);
	check(st.st_ino != pst.st_ino, "task/PID is not the same inode as /proc/PID (find would see a loop)");
	snprintf(path, sizeof(path), "/proc/self/task/%d/task", getpid());
	check_ret(__syscall2(__NR_stat64, (long)path, (long)&st), -ENOENT, "a thread's directory has no task/");
	{
		long pid = sys_fork();
		int status;

		if (pid == 0) {
			__syscall0(__NR_pause);
			_exit(0);
		}
		snprintf(path, sizeof(path), "/proc/self/task/%ld", pid);
		check_ret(__syscall2(__NR_stat64, (long)path, (long)&st), -ENOENT,
			  "nor does task/ hold another process (a child)");
		sys_kill(pid, 9);
		sys_wait4(pid, &status, 0, NULL);
	}
}

/* Files of a child opened while it lives, read once it is a zombie and once it is reaped. */
static void after_reap(void)
{
	int p[2], status;
	long pid, st, cmd, env, comm, stat, info, maps;
	char path[64], c;

	__syscall1(__NR_pipe, (long)p);
	pid = sys_fork();
	if (pid == 0) {
		__syscall1(__NR_close, p[1]);
		__syscall3(__NR_read, p[0], (long)&c, 1);       /* until the parent has opened */
		_exit(0);
	}
	__syscall1(__NR_close, p[0]);
#define OPEN(var, name) \
	snprintf(path, sizeof(path), "/proc/%ld/" name, pid); \
	var = __syscall3(__NR_open, (long)path, name[0] == 'c' && name[1] == 'o' ? O_RDWR : O_RDONLY, 0); \
	check(var >= 0, "open %s while the child lives (%ld)", path, var)
	OPEN(st, "status");
	OPEN(cmd, "cmdline");
	OPEN(env, "environ");
	OPEN(comm, "comm");
	OPEN(stat, "stat");
	OPEN(info, "fdinfo/0");
	OPEN(maps, "maps");
	check_ret(__syscall3(__NR_write, comm, (long)"other", 5), -EINVAL, "writing another process's comm");
	__syscall1(__NR_close, p[1]);
	/* a zombie still has its files: wait for it to exit without reaping it */
	while (1) {
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		slurp(path);
		if (strstr(text, ") Z "))
			break;
		__syscall0(__NR_sched_yield);
	}
	check(read_fd(st) > 0 && strstr(text, "\nState:\tZ (zombie)\n"), "a zombie's status reads: State Z");
	__syscall4(__NR_wait4, pid, (long)&status, 0, 0);
	check_ret(__syscall3(__NR_lseek, st, 0, SEEK_SET), 0, "reaped; back to the start of status");
	check_ret(read_fd(st), -ESRCH, "status reads -ESRCH");
	check_ret(read_fd(cmd), -ESRCH, "cmdline -ESRCH");
	check_ret(read_fd(comm), -ESRCH, "comm -ESRCH");
	check_ret(__syscall3(__NR_write, comm, (long)"x", 1), -ESRCH, "and takes no write: -ESRCH");
	check_ret(read_fd(stat), -ESRCH, "stat -ESRCH");
	check_ret(read_fd(maps), -ESRCH, "maps -ESRCH");
	check_ret(read_fd(env), 0, "environ reads empty");
	check_ret(read_fd(info), -ENOENT, "fdinfo/0 -ENOENT");
	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	check_ret(slurp(path), -ENOENT, "and the directory is gone");
	__syscall1(__NR_close, st);
	__syscall1(__NR_close, cmd);
	__syscall1(__NR_close, env);
	__syscall1(__NR_close, comm);
	__syscall1(__NR_close, stat);
	__syscall1(__NR_close, info);
	__syscall1(__NR_close, maps);
}

int main(void)
{
	fd_links();
	cwd_root_exe();
	limits();
	comm_and_prctl();
	task_dir();
	after_reap();
	return done();
}
