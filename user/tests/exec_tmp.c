/*
 * execve of a program that is not in the initramfs: this program copies
 * itself (/proc/self/exe) into /tmp (tmpfs), so the kernel must read the
 * ELF headers through the file's page cache, not initramfs bytes. The
 * copy runs and its exit status comes back; copies cut short at various
 * lengths fail with Linux's errno: ENOEXEC, for less than an ELF header
 * and when the program headers are cut (load_elf_phdrs fails); a copy without execute
 * permission is EACCES. The old image runs on after each failure.
 *
 * With "child" it is the copy: it exits 42.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#ifndef __NR_unlink
#define __NR_unlink 10
#endif
#ifndef __NR_chmod
#define __NR_chmod 15
#endif
#define unlink(p) __syscall1(__NR_unlink, (long)(p))

#define COPY "/tmp/exec_tmp_copy"

static char *image;
static size_t image_len;

static void read_self(void)
{
	int fd = open("/proc/self/exe", O_RDONLY);
	size_t cap = 1 << 20;
	ssize_t n;

	if (fd < 0)
		fail("open /proc/self/exe: %s", errname(errno));
	image = malloc(cap);
	while (image && (n = read(fd, image + image_len, cap - image_len)) > 0) {
		image_len += (size_t)n;
		if (image_len == cap)
			image = realloc(image, cap *= 2);
	}
	close(fd);
	if (!image || image_len < 64)
		fail("could not read my own image (%zu bytes)", image_len);
}

/* Write the first len bytes of the image to COPY with mode; 0 or fail. */
static void write_copy(size_t len, long mode)
{
	long r;
	int fd;

	/* One inode, truncated each time: Pagoda's file mappings still pin an
	 * executed file's inode for good (file_for_mapping), so a new inode
	 * per copy would keep its pages after the unlink. */
	fd = open(COPY, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, image, len) != (ssize_t)len || close(fd) != 0)
		fail("write %s (%zu bytes): %s", COPY, len, errname(errno));
	r = __syscall2(__NR_chmod, (long)COPY, mode);
	if (r != 0)
		fail("chmod %s: %s", COPY, errname(r));
}

/* execve COPY in a child: its exit status (as waitpid gives it), or 1000 + errno when execve failed. */
static int run_copy(void)
{
	int status;
	long pid = sys_fork();

	if (pid < 0)
		fail("fork: %s", errname(pid));
	if (pid == 0) {
		char *argv[] = { COPY, "child", NULL };
		char *envp[] = { NULL };

		child_exit(100 + (int)(-sys_execve(COPY, argv, envp) & 0x7f));
	}
	if (sys_waitpid(pid, &status, 0) != pid)
		fail("waitpid failed");
	if ((status & 0x7f) == 0 && (status >> 8 & 0xff) >= 100)
		return 1000 + (status >> 8 & 0xff) - 100;
	return status;
}

/* execve of COPY from this process: it must fail with want and come back. */
static void exec_fails(size_t len, int want)
{
	char *argv[] = { COPY, "child", NULL };
	char *envp[] = { NULL };
	long r;

	r = sys_execve(COPY, argv, envp);
	check_ret(r, -want, "execve of the image cut to %zu bytes", len);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 42;
	read_self();

	write_copy(image_len, 0755);
	check(run_copy() == 42 << 8, "a copy in /tmp runs and exits 42");
	write_copy(image_len, 0755);
	check(run_copy() == 42 << 8, "again, with its pages now in the page cache");

	write_copy(image_len, 0644);
	exec_fails(image_len, EACCES);
	write_copy(image_len, 0700);
	check(run_copy() == 42 << 8, "mode 0700 runs");

	write_copy(0, 0755);
	exec_fails(0, ENOEXEC);
	write_copy(3, 0755);
	exec_fails(3, ENOEXEC);
	write_copy(51, 0755);
	exec_fails(51, ENOEXEC);
	write_copy(52, 0755);
	exec_fails(52, ENOEXEC);
	write_copy(52 + 40, 0755);
	exec_fails(52 + 40, ENOEXEC);

	memset(image, 'x', 300);        /* not an ELF at all: bad magic */
	write_copy(image_len, 0755);
	exec_fails(image_len, ENOEXEC);
	write_copy(0, 0600);            /* its pages go back before the unlink */
	unlink(COPY);
	return done();
}
