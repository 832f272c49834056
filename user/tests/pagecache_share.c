/*
 * Pagoda's page cache measured from inside (not a conformance test: it
 * reads Pagoda's free-page count, syscall 400, and counts that differ on
 * Linux, whose initramfs is always in memory). Reading a file not yet
 * cached grows /proc/meminfo's Cached and /proc/vmstat's nr_file_pages
 * by its size, and reading it again does not; the first touch of a file
 * page nobody read is a major fault (pgmajfault, maj_flt in
 * /proc/self/stat), a second mapping's touch a minor one. Mapping cached
 * pages takes no new frames, a private write one each. And programs
 * share their text: the second busybox costs fewer pages than the first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define NR_execve    11
#define NR_nanosleep 162
#define BUSYBOX "/bin/busybox"

static char text[64 * 1024];

static void slurp(const char *path)
{
	long fd = __syscall2(__NR_open, (long)path, O_RDONLY), n, got = 0;

	if (fd < 0)
		fail("open %s: %s", path, errname(fd));
	while ((n = __syscall3(__NR_read, fd, (long)text + got, (long)sizeof(text) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	text[got] = '\0';
}

/* The number after "name" (a row label with its colon, or a vmstat name and a space) in file. */
static long value(const char *file, const char *name)
{
	const char *p;

	slurp(file);
	for (p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, name, strlen(name)))
			return strtol(p + strlen(name), NULL, 10);
	fail("no %s in %s", name, file);
}

/* Field 12 of /proc/self/stat, maj_flt (the comm field has no spaces here). */
static long maj_flt(void)
{
	const char *p;
	int field = 1;

	slurp("/proc/self/stat");
	for (p = text; *p && field < 12; p++)
		if (*p == ' ')
			field++;
	return strtol(p, NULL, 10);
}

static void nap(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	__syscall2(NR_nanosleep, (long)ts, 0);
}

static void read_grows_the_cache(long fd)
{
	static char buf[64 * 1024];
	long cached0 = value("/proc/meminfo", "Cached:"), files0 = value("/proc/vmstat", "nr_file_pages ");
	long cached1, files1, got = 0, n;

	while (got < 1024 * 1024 && (n = __syscall3(__NR_read, fd, (long)buf, (long)sizeof(buf))) > 0)
		got += n;
	check(got == 1024 * 1024, "read the first MiB of %s (%ld bytes)", BUSYBOX, got);
	cached1 = value("/proc/meminfo", "Cached:");
	files1 = value("/proc/vmstat", "nr_file_pages ");
	check(cached1 - cached0 >= 1024 && cached1 - cached0 < 1024 + 64,
	      "Cached grew by the MiB read: %ld kB -> %ld kB", cached0, cached1);
	check(files1 - files0 >= 256 && files1 - files0 < 256 + 16, "nr_file_pages by its 256 pages: %ld -> %ld",
	      files0, files1);
	__syscall3(__NR_lseek, fd, 0, 0);
	got = 0;
	while (got < 1024 * 1024 && (n = __syscall3(__NR_read, fd, (long)buf, (long)sizeof(buf))) > 0)
		got += n;
	check(value("/proc/meminfo", "Cached:") - cached1 < 16, "reading it again adds nothing");
}

static void faults_major_then_minor(long fd)
{
	long pgmaj0 = value("/proc/vmstat", "pgmajfault "), maj0 = maj_flt(), a, b, mapped0;

	/* 1.5 MiB in: nobody read that far */
	a = __syscall6(__NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, (3 * MiB / 2) >> 12);
	b = __syscall6(__NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, (3 * MiB / 2) >> 12);
	check(!IS_ERR(a) && !IS_ERR(b), "two mappings of the page at 1.5 MiB");
	mapped0 = value("/proc/meminfo", "Mapped:");
	(void)*(volatile const char *)a;
	check(value("/proc/vmstat", "pgmajfault ") == pgmaj0 + 1, "its first touch is a major fault (pgmajfault)");
	check(maj_flt() == maj0 + 1, "counted in /proc/self/stat's maj_flt");
	check(value("/proc/meminfo", "Mapped:") == mapped0 + 4, "Mapped grew by its 4 kB");
	(void)*(volatile const char *)b;
	check(value("/proc/vmstat", "pgmajfault ") == pgmaj0 + 1, "the second mapping's touch is minor");
	check(value("/proc/meminfo", "Mapped:") == mapped0 + 4, "and maps no new page (Mapped)");
	__syscall2(__NR_munmap, a, PAGE_SIZE);
	__syscall2(__NR_munmap, b, PAGE_SIZE);
	check(value("/proc/meminfo", "Mapped:") == mapped0, "unmapped, Mapped is back");
}

static void cached_pages_cost_no_frames(long fd)
{
	long m = __syscall6(__NR_mmap2, 0, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), before, after;

	check(!IS_ERR(m), "a private mapping of the 64 pages read above");
	before = free_pages();
	for (int i = 0; i < 64; i++)
		(void)((volatile const char *)m)[i * PAGE_SIZE];
	after = free_pages();
	check(before - after <= 1, "reading them maps the cache's frames: %ld pages taken (a page table at most)",
	      before - after);
	for (int i = 0; i < 64; i++)
		((volatile char *)m)[i * PAGE_SIZE] = 1;
	check(after - free_pages() == 64, "writing them copies each: %ld pages taken", after - free_pages());
	__syscall2(__NR_munmap, m, 64 * PAGE_SIZE);
}

static long spawn_sleeper(void)
{
	long pid = __syscall0(__NR_fork);

	if (pid == 0) {
		static char *argv[] = { "sleep", "5", NULL };
		static char *envp[] = { "PATH=/bin", NULL };

		__syscall3(NR_execve, (long)BUSYBOX, (long)argv, (long)envp);
		__syscall1(__NR_exit, 127);
	}
	/* until it sleeps in busybox's sleep: "PID (busybox) S" in its /proc/PID/stat */
	for (int tries = 0; tries < 500; tries++) {
		char path[32];

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		slurp(path);
		if (strstr(text, "(busybox) S"))
			return pid;
		nap(10);
	}
	fail("busybox %ld never went to sleep: %s", pid, text);
}

static void programs_share_text(void)
{
	long f0, f1, f2, f3, pids[3];

	f0 = free_pages();
	pids[0] = spawn_sleeper();
	f1 = free_pages();
	pids[1] = spawn_sleeper();
	f2 = free_pages();
	pids[2] = spawn_sleeper();
	f3 = free_pages();
	check((f0 - f1) - (f1 - f2) >= 8, "the first busybox took %ld pages, the second %ld: its text is shared",
	      f0 - f1, f1 - f2);
	check((f1 - f2) - (f2 - f3) <= 2 && (f2 - f3) - (f1 - f2) <= 2, "the third took as many as the second (%ld)",
	      f2 - f3);
	for (int i = 0; i < 3; i++) {
		__syscall2(__NR_kill, pids[i], 9);
		__syscall4(__NR_wait4, pids[i], 0, 0, 0);
	}
}

int main(void)
{
	long fd = __syscall2(__NR_open, (long)BUSYBOX, O_RDONLY);

	if (!on_pagoda())
		fail("this program measures Pagoda");
	check(fd >= 0, "open %s", BUSYBOX);
	read_grows_the_cache(fd);
	faults_major_then_minor(fd);
	cached_pages_cost_no_frames(fd);
	programs_share_text();
	__syscall1(__NR_close, fd);
	return done();
}
