/*
 * A file mapping holds a reference to its file, as on Linux (vm_file):
 * an unlinked tmpfs file lives while it is mapped, is read through the
 * mapping after the unlink, lives on in a child after fork, and gives its
 * pages back at the last munmap -- /proc/meminfo's Shmem returns to its
 * value (and on Pagoda so does the free page count). A tmpfs with no
 * mapping left unmounts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"
#include "namespace.h"

#define MNT "/vmafile-mnt"
#define FILE_SIZE (8 * MiB)

static char buf[8192];

static long sys_open(const char *p, int flags, int mode)
{
	return __syscall3(__NR_open, (long)p, flags, mode);
}

/* The kB value of /proc/meminfo's line name ("Shmem:"), or -1. */
static long meminfo(const char *name)
{
	long fd = sys_open("/proc/meminfo", O_RDONLY, 0), n, got = 0;
	const char *at;

	if (fd < 0)
		return -1;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
	at = strstr(buf, name);
	return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

/* The /proc/self/maps line of the VMA starting at addr, without its newline, in buf; NULL if none. */
static const char *maps_line(long addr)
{
	char want[16];
	long fd = sys_open("/proc/self/maps", O_RDONLY, 0), n, got = 0;
	char *at, *end;

	if (fd < 0)
		return NULL;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
	snprintf(want, sizeof(want), "%08lx-", (unsigned long)addr);
	for (at = buf; at && *at; at = strchr(at, '\n'), at = at ? at + 1 : NULL)
		if (!strncmp(at, want, strlen(want))) {
			end = strchr(at, '\n');
			if (end)
				*end = '\0';
			return at;
		}
	return NULL;
}

/* Does line end with suffix? */
static int ends_with(const char *line, const char *suffix)
{
	size_t l = line ? strlen(line) : 0, n = strlen(suffix);

	return l >= n && !strcmp(line + l - n, suffix);
}

/*
 * Is Shmem back to was? Exactly on Pagoda; Linux's counters gather per-CPU
 * deltas lazily (vmstat's stat_threshold), so there within 512 kB (and
 * shared_mapping_then_unlink's growth too).
 */
static int shmem_back(long was)
{
	long now = meminfo("Shmem:");

	return on_pagoda() ? now == was : now >= 0 && now < was + 512;
}

static long map(long fd, unsigned long len, int prot, int flags)
{
	return __syscall6(__NR_mmap2, 0, len, prot, flags, fd, 0);
}

/* The tester's sequence: the whole file's pages come back after close and unlink. */
static void shared_mapping_then_unlink(void)
{
	long shmem = meminfo("Shmem:"), before = free_pages(), fd, p;

	fd = sys_open(MNT "/big", O_CREAT | O_RDWR, 0600);
	check(fd >= 0, "open " MNT "/big = %ld", fd);
	check_ret(__syscall2(__NR_ftruncate, fd, FILE_SIZE), 0, "ftruncate 8 MiB");
	p = map(fd, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
	check(!IS_ERR(p), "mmap MAP_SHARED = %#lx", p);
	for (unsigned long off = 0; off < FILE_SIZE; off += 4096)
		((volatile char *)p)[off] = 1;
	check(meminfo("Shmem:") >= shmem + (long)(FILE_SIZE / KiB) - (on_pagoda() ? 0 : 512), "Shmem grew by the file (%ld kB)",
	      meminfo("Shmem:") - shmem);
	check_ret(__syscall2(__NR_munmap, p, FILE_SIZE), 0, "munmap");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall1(__NR_unlink, (long)MNT "/big"), 0, "unlink");
	check(shmem_back(shmem), "Shmem back to %ld kB (is %ld)", shmem, meminfo("Shmem:"));
	/* Pagoda keeps the page tables that mapped the file (one a 4 MiB) until exit */
	if (on_pagoda())
		check(free_pages() >= before - (long)(FILE_SIZE >> 22), "free pages back: %ld, were %ld",
		      free_pages(), before);
}

/* A PROT_READ MAP_PRIVATE page, unmapped before the unlink, pins nothing either. */
static void private_page_then_unlink(void)
{
	long shmem = meminfo("Shmem:"), fd, p;

	fd = sys_open(MNT "/small", O_CREAT | O_RDWR, 0600);
	check_ret(__syscall3(__NR_write, fd, (long)"x", 1), 1, "write a byte");
	p = map(fd, 4096, PROT_READ, MAP_PRIVATE);
	check(!IS_ERR(p) && *(volatile char *)p == 'x', "read it through a private mapping");
	check_ret(__syscall2(__NR_munmap, p, 4096), 0, "munmap");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall1(__NR_unlink, (long)MNT "/small"), 0, "unlink");
	check(shmem_back(shmem), "Shmem back to %ld kB (is %ld)", shmem, meminfo("Shmem:"));
}

/* Unlinked and closed, the file lives while mapped: in a child after fork too. */
static void read_after_unlink_and_fork(void)
{
	long shmem = meminfo("Shmem:"), fd, p, pid;
	const char *line;
	int status = -1;

	fd = sys_open(MNT "/kept", O_CREAT | O_RDWR, 0600);
	check_ret(__syscall3(__NR_write, fd, (long)"kept bytes", 10), 10, "write kept");
	check_ret(__syscall2(__NR_ftruncate, fd, 3 * 4096), 0, "ftruncate 3 pages");
	p = map(fd, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED);
	check(!IS_ERR(p), "mmap 3 pages");
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	line = maps_line(p);
	check(ends_with(line, " " MNT "/kept") && !strstr(line, " 00:00 "),
	      "maps names the file by its path, on its tmpfs's device: %s", line ? line : "(no line)");
	check_ret(__syscall1(__NR_unlink, (long)MNT "/kept"), 0, "unlink");
	line = maps_line(p);
	check(ends_with(line, " " MNT "/kept (deleted)"), "and after the unlink as Linux does, \" (deleted)\": %s",
	      line ? line : "(no line)");
	check(memcmp((void *)p, "kept bytes", 10) == 0, "read through the mapping after unlink");
	/* split it: each part holds the file */
	check_ret(__syscall3(__NR_mprotect, p + 4096, 4096, PROT_READ), 0, "mprotect the middle page");
	pid = fork();
	if (pid == 0) {
		int ok = memcmp((void *)p, "kept bytes", 10) == 0;

		((char *)p)[0] = 'K';   /* shared: the parent sees it */
		_exit(ok ? 0 : 1);
	}
	check(pid > 0, "fork = %ld", pid);
	check_ret(waitpid((int)pid, &status, 0), pid, "wait");
	check(status == 0, "the child read the unlinked file (status %#x)", status);
	check(((char *)p)[0] == 'K', "the parent sees the child's write");
	check_ret(__syscall2(__NR_munmap, p + 4096, 4096), 0, "munmap the middle");
	((char *)p)[2 * 4096] = 'z';
	check(((char *)p)[2 * 4096] == 'z', "the last page is still mapped");
	check(!on_pagoda() || meminfo("Shmem:") >= shmem + 4, "the file's pages are still there (%ld -> %ld kB)", shmem,
	      meminfo("Shmem:"));
	check_ret(__syscall2(__NR_munmap, p, 3 * 4096), 0, "munmap the rest");
	check(shmem_back(shmem), "the file's pages went back at the last munmap (%ld -> %ld kB)",
	      shmem, meminfo("Shmem:"));
}

int main(void)
{
	long r = __syscall2(__NR_mkdir, (long)MNT, 0755);

	check(r == 0 || r == -EEXIST, "mkdir " MNT " = %s", errname(r));
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)MNT, (long)"tmpfs", 0, (long)"size=16m"), 0,
		  "mount tmpfs");
	shared_mapping_then_unlink();
	private_page_then_unlink();
	read_after_unlink_and_fork();
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), 0, "umount: no mapping pins the tmpfs");
	check_ret(__syscall1(__NR_rmdir, (long)MNT), 0, "rmdir " MNT);
	return done();
}
