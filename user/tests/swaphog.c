/*
 * Reclaim that swaps (tests/kswapd_test.py boots it with --mem 32 and a
 * swap disk as sda). `swaphog swap MiB`: swapon /dev/sda, map MiB of
 * anonymous memory (twice RAM), write a pattern into every word, fork;
 * the child checks every word, writes its own pattern and checks it
 * again while the parent checks its copy: both see their own data after
 * the pages went out to swap and came back; pswpout and pswpin rose;
 * after munmap, SwapFree is back; swapoff. `swaphog noswap MiB`: a child
 * that touches MiB with no swap is killed by the OOM killer (SIGKILL).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"
#include "process.h"

#define PAGE 4096UL
#define __NR_swapon    87
#define __NR_swapoff   115
#define __NR_close     6

static char text[16384];

/* The number after "name" at a line's start in path, or -1. */
static long field(const char *path, const char *name)
{
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY, 0), n, got = 0;
	size_t len = strlen(name);
	const char *p = text;

	if (fd < 0)
		fail("open %s: %s", path, errname(fd));
	while ((n = __syscall3(__NR_read, fd, (long)(text + got), (long)(sizeof(text) - 1 - got))) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	text[got] = 0;
	while (p && *p) {
		if (!strncmp(p, name, len))
			return strtol(p + len, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static void fill(unsigned int *w, unsigned long words, unsigned int seed)
{
	for (unsigned long i = 0; i < words; i++)
		w[i] = (unsigned int)i * 2654435761u ^ seed;
}

/* Words that differ from the pattern seed wrote. */
static unsigned long wrong(const unsigned int *w, unsigned long words, unsigned int seed)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < words; i++)
		bad += w[i] != ((unsigned int)i * 2654435761u ^ seed);
	return bad;
}

static void hog_with_swap(unsigned long bytes)
{
	unsigned long words = bytes / 4;
	long swapfree0, out0 = field("/proc/vmstat", "pswpout "), in0 = field("/proc/vmstat", "pswpin ");
	unsigned int *w;
	long pid;
	int status;

	check_ret(__syscall2(__NR_swapon, (long)"/dev/sda", 0), 0, "swapon /dev/sda");
	swapfree0 = field("/proc/meminfo", "SwapFree:");
	w = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (w == MAP_FAILED)
		fail("mmap %lu bytes", bytes);
	fill(w, words, 0x5a5a0000u);
	check(!wrong(w, words, 0x5a5a0000u), "every word of %lu MiB read back after the writes", bytes / MiB);
	pid = sys_fork();
	if (pid == 0) {
		unsigned long bad = wrong(w, words, 0x5a5a0000u);

		fill(w, words, 0xc3c30000u);
		bad += wrong(w, words, 0xc3c30000u);
		_exit(bad ? 1 : 0);
	}
	check(pid > 0, "fork: %ld", pid);
	check(!wrong(w, words, 0x5a5a0000u), "the parent's copy intact while the child writes its own");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 the child");
	check(status == 0, "the child saw the parent's data, then its own (status %#x)", status);
	check(!wrong(w, words, 0x5a5a0000u), "the parent's copy intact after the child exits");
	check(field("/proc/vmstat", "pswpout ") > out0, "pswpout rose: %ld", field("/proc/vmstat", "pswpout ") - out0);
	check(field("/proc/vmstat", "pswpin ") > in0, "pswpin rose: %ld", field("/proc/vmstat", "pswpin ") - in0);
	munmap(w, bytes);
	/* Linux keeps freed slots in per-CPU caches for a while; Pagoda has none */
	if (on_pagoda())
		check_ret(field("/proc/meminfo", "SwapFree:"), swapfree0, "SwapFree back after munmap (KiB)");
	check_ret(__syscall1(__NR_swapoff, (long)"/dev/sda"), 0, "swapoff /dev/sda");
}

static void hog_without_swap(unsigned long bytes)
{
	long pid = sys_fork();
	int status;

	if (pid == 0) {
		unsigned int *w = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (w == MAP_FAILED)
			_exit(2);
		fill(w, bytes / 4, 1);
		_exit(3);
	}
	check(pid > 0, "fork: %ld", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 the hog");
	check(WIFSIGNALED(status) && WTERMSIG(status) == 9, "the hog was killed by SIGKILL (status %#x)", status);
}

int main(int argc, char **argv)
{
	unsigned long mib = argc > 2 ? strtoul(argv[2], NULL, 10) : 64;

	if (argc > 1 && !strcmp(argv[1], "noswap"))
		hog_without_swap(mib * MiB);
	else
		hog_with_swap(mib * MiB);
	return done();
}
