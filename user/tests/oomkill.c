/*
 * The OOM killer chooses by oom_badness (Pagoda only: it exhausts the
 * machine's RAM, so it runs at a small --mem). Two rounds, each a holder
 * that maps and writes some memory and waits, beside a hog that grows
 * 1 MiB at a time past what is free:
 *   1. the holder at oom_score_adj 1000 is the victim (SIGKILL) although it
 *      is the smaller; the hog then completes and exits 0;
 *   2. the holder at -1000 is exempt: the hog is the victim, the holder
 *      lives on and exits 0 when told.
 *   3. three holders at 0 of 5, 10 and 50% of the free pages: the largest
 *      goes, the hog (at most 35% when memory runs out) completes.
 *   4. a hog at -1000 alone: there is nobody to kill but init, where Linux
 *      would panic ("no killable processes"); Pagoda kills the hog that
 *      asked instead: a user's demand for memory never brings it down.
 * Each round adds exactly one to /proc/vmstat's oom_kill, and the free
 * pages come back. tests/user.py checks the kernel's log lines (Linux's
 * format: the task table, oom-kill:, Out of memory: Killed process).
 *
 * `oomkill panic N` sets vm.panic_on_oom to N and runs a hog instead: with
 * 1 or 2 the kernel must panic (tests/system.py looks for it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define CHUNK MiB

static long read_file(const char *path, char *buf, long size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -errno;
	while (n < size - 1 && (r = read(fd, buf + n, (size_t)(size - 1 - n))) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

/* /proc/vmstat's oom_kill */
static long oom_kills(void)
{
	static char text[16384];
	const char *p;

	if (read_file("/proc/vmstat", text, sizeof(text)) < 0)
		return -1;
	p = strstr(text, "\noom_kill ");
	return p ? strtol(p + 10, NULL, 10) : -1;
}

/* A /proc/meminfo row, in kB; -1 if missing. */
static long meminfo(const char *key)
{
	static char text[8192];
	char pat[40];
	const char *p;

	text[0] = '\n';
	if (read_file("/proc/meminfo", text + 1, sizeof(text) - 1) < 0)
		return -1;
	snprintf(pat, sizeof(pat), "\n%s:", key);
	p = strstr(text, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

static long proc_num(long pid, const char *file)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), "/proc/%ld/%s", pid, file);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -99999;
	return strtol(buf, NULL, 10);
}

static void set_adj(int adj)
{
	char text[16];
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	snprintf(text, sizeof(text), "%d\n", adj);
	if (fd < 0 || write(fd, text, strlen(text)) != (long)strlen(text))
		child_exit(3);
	close(fd);
}

/* Write every page of a new mapping of bytes; NULL if mmap failed. */
static char *fill(unsigned long bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	for (unsigned long i = 0; i < bytes; i += PAGE_SIZE)
		p[i] = 1;
	return p;
}

/* A child at adj holding bytes written: says so on ready[1], exits 0 once go[1] is closed. */
static long holder(int adj, unsigned long bytes, int ready[2], int go[2])
{
	long pid = sys_fork();
	char c;

	if (pid)
		return pid;
	close(ready[0]);
	close(go[1]);
	set_adj(adj);
	if (!fill(bytes))
		child_exit(2);
	if (write(ready[1], "r", 1) != 1)
		child_exit(4);
	while (read(go[0], &c, 1) > 0)
		;
	child_exit(0);
}

/* A child at adj that writes up to bytes, 1 MiB at a time: exits 0 when done (2: mmap refused). */
static long hog_at(int adj, unsigned long bytes)
{
	long pid = sys_fork();

	if (pid)
		return pid;
	set_adj(adj);
	for (unsigned long done = 0; done < bytes; done += CHUNK)
		if (!fill(CHUNK))
			child_exit(2);
	child_exit(0);
}

static long hog(unsigned long bytes)
{
	return hog_at(0, bytes);
}

static void alone_at_min(void)
{
	long kills = oom_kills(), g = hog_at(-1000, ~0UL);
	int status = -1;

	check_ret(sys_waitpid(g, &status, 0), g, "alone: the hog at -1000 (pid %ld) ends", g);
	check(status == 9, "alone: with nobody else to kill it was killed itself (wait status %#x)", status);
	check(oom_kills() == kills + 1, "alone: oom_kill went up by one (%ld -> %ld)", kills, oom_kills());
}

static void round_trip(const char *what, int holder_adj, unsigned long hold_pages, unsigned long hog_pages,
		       int want_holder, int want_hog)
{
	int ready[2], go[2], hstatus = -1, gstatus = -1;
	long kills = oom_kills(), h, g;
	char c;

	if (__syscall1(__NR_pipe, (long)ready) || __syscall1(__NR_pipe, (long)go))
		fail("pipe");
	h = holder(holder_adj, hold_pages * PAGE_SIZE, ready, go);
	close(ready[1]);
	check(read(ready[0], &c, 1) == 1, "%s: the holder (pid %ld, oom_score_adj %d) wrote %lu pages", what, h,
	      holder_adj, hold_pages);
	check(proc_num(h, "oom_score_adj") == holder_adj, "%s: /proc/%ld/oom_score_adj reads %d", what, h,
	      holder_adj);
	if (holder_adj == 1000)
		check(proc_num(h, "oom_score") > 1000, "%s: at 1000 its oom_score is above 1000 (%ld)", what,
		      proc_num(h, "oom_score"));
	else
		check(proc_num(h, "oom_score") == 0, "%s: at -1000 its oom_score is 0 (%ld)", what,
		      proc_num(h, "oom_score"));
	g = hog(hog_pages * PAGE_SIZE);
	check_ret(sys_waitpid(g, &gstatus, 0), g, "%s: the hog (pid %ld) ends", what, g);
	check(gstatus == want_hog, "%s: the hog's wait status is %#x (want %#x)", what, gstatus, want_hog);
	if (want_holder == 0)
		check(sys_kill(h, 0) == 0, "%s: the holder is still alive", what);
	close(go[1]);
	check_ret(sys_waitpid(h, &hstatus, 0), h, "%s: the holder ends", what);
	check(hstatus == want_holder, "%s: the holder's wait status is %#x (want %#x)", what, hstatus, want_holder);
	check(oom_kills() == kills + 1, "%s: oom_kill went up by one (%ld -> %ld)", what, kills, oom_kills());
	close(ready[0]);
	close(go[0]);
}

static void largest_goes(unsigned long free)
{
	static const unsigned long percent[3] = { 5, 10, 50 };
	int ready[2], go[2], status[3], gstatus = -1;
	long kills = oom_kills(), h[3], g;
	char c;

	if (__syscall1(__NR_pipe, (long)ready) || __syscall1(__NR_pipe, (long)go))
		fail("pipe");
	for (int i = 0; i < 3; i++) {
		h[i] = holder(0, free * percent[i] / 100 * PAGE_SIZE, ready, go);
		check(read(ready[0], &c, 1) == 1, "largest: holder %d (pid %ld) wrote %lu%% of the free pages", i,
		      h[i], percent[i]);
	}
	close(ready[1]);
	g = hog(free * 45 / 100 * PAGE_SIZE);
	check_ret(sys_waitpid(g, &gstatus, 0), g, "largest: the hog (pid %ld) ends", g);
	check(gstatus == 0, "largest: the hog got its 45%% (wait status %#x)", gstatus);
	check(sys_kill(h[0], 0) == 0 && sys_kill(h[1], 0) == 0, "largest: the 5%% and 10%% holders are alive");
	close(go[1]);
	for (int i = 0; i < 3; i++)
		check_ret(sys_waitpid(h[i], &status[i], 0), h[i], "largest: holder %d ends", i);
	check(status[0] == 0 && status[1] == 0 && status[2] == 9, "largest: only the 50%% holder was killed "
	      "(wait statuses %#x %#x %#x)", status[0], status[1], status[2]);
	check(oom_kills() == kills + 1, "largest: oom_kill went up by one (%ld -> %ld)", kills, oom_kills());
	close(ready[0]);
	close(go[0]);
}

/* vm.panic_on_oom N, then a hog: returns only if the kernel did not panic. */
static int panic_run(const char *n)
{
	int fd = open("/proc/sys/vm/panic_on_oom", O_WRONLY), status = -1;
	long g;

	if (fd < 0 || write(fd, n, strlen(n)) != (long)strlen(n))
		fail("cannot set vm.panic_on_oom to %s", n);
	close(fd);
	g = hog(~0UL);
	sys_waitpid(g, &status, 0);
	printf("oomkill: no panic with panic_on_oom %s (the hog's wait status %#x)\n", n, status);
	return 1;
}

int main(int argc, char **argv)
{
	long free0 = free_pages(), free1, committed = meminfo("Committed_AS");

	if (argc == 3 && !strcmp(argv[1], "panic"))
		return panic_run(argv[2]);

	if (free0 < 0) {
		skip("no free-page count: not Pagoda, whose RAM this test may exhaust");
		return done();
	}
	printf("oomkill: %ld pages free at start\n", free0);
	/* 1: the smaller holder at 1000 goes; the hog then gets all it asked for */
	round_trip("adj 1000", 1000, (unsigned long)free0 / 8, (unsigned long)free0 * 7 / 8, 9, 0);
	/* 2: the larger holder at -1000 is spared; the hog, asking for more than there is, goes */
	round_trip("adj -1000", -1000, (unsigned long)free0 / 2, (unsigned long)free0, 0, 9);
	/* 3: all at 0, the largest goes */
	largest_goes((unsigned long)free0);
	/* 4: nobody killable but the -1000 hog that asks */
	alone_at_min();
	free1 = free_pages();
	check(free1 >= free0 - 64, "the free pages came back: %ld at start, %ld now", free0, free1);
	check_ret(meminfo("Committed_AS"), committed, "Committed_AS is back where it started (killed, reaped, exited)");
	return done();
}
