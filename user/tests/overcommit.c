/*
 * Overcommit as Linux 6.1 accounts it (mm/util.c __vm_enough_memory):
 * /proc/sys/vm/overcommit_memory (0 heuristic, 1 always, 2 never),
 * overcommit_ratio and overcommit_kbytes set CommitLimit (one clears the
 * other), and Committed_AS in /proc/meminfo moves by exactly what a private
 * writable mapping, a shared anonymous one, the heap, mprotect to writable
 * and mremap growth add (MAP_NORESERVE and read-only private mappings add
 * nothing, but MAP_NORESERVE
 * counts under mode 2). Mode 2 refuses mmap, brk, mremap, mprotect and
 * fork past CommitLimit with ENOMEM; mode 1 takes a 2 GiB mapping; mode 0
 * refuses only a single mapping larger than RAM + swap. Every knob is put
 * back. Committed_AS is system-wide: a delta is taken around each step and
 * retried a few times in case another process moved it meanwhile.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"
#include "process.h"

#define VM "/proc/sys/vm/"
#define TRIES 3

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

/* A /proc/meminfo row, in kB; -1 if missing. */
static long meminfo(const char *key)
{
	static char text[8192];
	char pat[40];
	const char *p;

	text[0] = '\n';        /* so that the first row has a newline before it too */
	if (read_file("/proc/meminfo", text + 1, sizeof(text) - 1) < 0)
		return -1;
	snprintf(pat, sizeof(pat), "\n%s:", key);
	p = strstr(text, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

static long knob(const char *name)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), VM "%s", name);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Write text to the knob: write's result or -errno. */
static long set_knob(const char *name, const char *text)
{
	char path[64];
	int fd;
	long n;

	snprintf(path, sizeof(path), VM "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

static void set_num(const char *name, long v)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", v);
	if (set_knob(name, text) != (long)strlen(text))
		printf("# could not set %s to %ld\n", name, v);
}

static long map(unsigned long len, int prot, int flags)
{
	return __syscall6(__NR_mmap2, 0, (long)len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* Steps that change Committed_AS by want kB, and an undo; true if one of TRIES tries saw exactly that. */
typedef long (*step_fn)(void *arg);
static bool delta_is(long want, step_fn step, step_fn undo, void *arg, long *seen)
{
	for (int i = 0; i < TRIES; i++) {
		long before = meminfo("Committed_AS"), after;

		if (step(arg) < 0)
			return false;
		after = meminfo("Committed_AS");
		*seen = after - before;
		undo(arg);
		if (*seen == want)
			return true;
	}
	return false;
}

struct mapping { unsigned long len; int prot, flags; long addr; };

static long do_map(void *arg)
{
	struct mapping *m = arg;

	m->addr = map(m->len, m->prot, m->flags);
	return IS_ERR(m->addr) ? -1 : 0;
}

static long do_unmap(void *arg)
{
	struct mapping *m = arg;

	return munmap((void *)m->addr, m->len);
}

static long do_mprotect(void *arg)
{
	struct mapping *m = arg;

	m->addr = map(m->len, PROT_READ, MAP_PRIVATE);
	if (IS_ERR(m->addr))
		return -1;
	return mprotect((void *)m->addr, m->len, PROT_READ | PROT_WRITE);
}

static long do_mremap(void *arg)
{
	struct mapping *m = arg;

	m->addr = map(m->len, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (IS_ERR(m->addr))
		return -1;
	m->addr = __syscall5(__NR_mremap, m->addr, (long)m->len, (long)(2 * m->len), MREMAP_MAYMOVE, 0);
	if (IS_ERR(m->addr))
		return -1;
	m->len *= 2;
	return 0;
}

static long do_mremap_undo(void *arg)
{
	struct mapping *m = arg;
	long r = munmap((void *)m->addr, m->len);

	m->len /= 2;
	return r;
}

static long do_sbrk(void *arg)
{
	(void)arg;
	return sbrk(MiB) == (void *)-1 ? -1 : 0;
}

static long do_sbrk_undo(void *arg)
{
	(void)arg;
	return sbrk(-(long)MiB) == (void *)-1 ? -1 : 0;
}

/* The [stack] VMA's size in kB, from /proc/self/maps; -1 if not found. */
static long stack_kb(void)
{
	static char text[16384];
	unsigned long start, end;
	char *line;

	if (read_file("/proc/self/maps", text, sizeof(text)) < 0)
		return -1;
	line = strstr(text, "[stack]");
	if (!line)
		return -1;
	while (line > text && line[-1] != '\n')
		line--;
	start = strtoul(line, &line, 16);
	if (*line++ != '-')
		return -1;
	end = strtoul(line, NULL, 16);
	return (long)((end - start) / KiB);
}

/* Touch the stack mib MiB below here: it grows that far. */
static __attribute__((noinline)) void grow_stack(unsigned long mib)
{
	volatile char *p = __builtin_alloca(mib * MiB);

	p[0] = 1;
}

/* The stack grows by as many pages as Committed_AS does: deeper each try, in case someone else moved it. */
static void stack_growth(void)
{
	long before = 0, after = 0, s0 = 0, s1 = 0;
	bool ok = false;

	for (unsigned long mib = 1; mib <= TRIES && !ok; mib++) {
		s0 = stack_kb();
		before = meminfo("Committed_AS");
		grow_stack(mib);
		after = meminfo("Committed_AS");
		s1 = stack_kb();
		ok = s1 > s0 && after - before == s1 - s0;
	}
	check(ok, "stack growth from %ld to %ld kB adds as much to Committed_AS (%ld)", s0, s1, after - before);
}

static void knobs(void)
{
	long total = meminfo("MemTotal"), swap = meminfo("SwapTotal");

	check(knob("overcommit_memory") >= 0 && knob("overcommit_memory") <= 2, "overcommit_memory reads %ld",
	      knob("overcommit_memory"));
	check_ret(set_knob("overcommit_memory", "3\n"), -EINVAL, "overcommit_memory refuses 3");
	check_ret(set_knob("overcommit_memory", "-1\n"), -EINVAL, "overcommit_memory refuses -1");
	check_ret(knob("overcommit_memory"), 0, "and still reads 0");
	set_num("overcommit_ratio", 50);
	check_ret(meminfo("CommitLimit"), (total / 4 * 50 / 100) * 4 + swap,
		  "overcommit_ratio 50: CommitLimit is half of MemTotal (%ld kB) plus SwapTotal (%ld kB)", total, swap);
	set_num("overcommit_ratio", 100);
	check_ret(meminfo("CommitLimit"), total / 4 * 4 + swap, "overcommit_ratio 100: CommitLimit is MemTotal + SwapTotal");
	check_ret(set_knob("overcommit_kbytes", "8192\n"), 5, "overcommit_kbytes takes 8192");
	check_ret(meminfo("CommitLimit"), 8192 + swap, "then CommitLimit is 8192 kB + SwapTotal");
	check_ret(knob("overcommit_ratio"), 0, "and overcommit_ratio reads 0");
	check_ret(set_knob("overcommit_kbytes", "-5\n"), -EINVAL, "overcommit_kbytes refuses -5");
	set_num("overcommit_ratio", 50);
	check_ret(knob("overcommit_kbytes"), 0, "setting overcommit_ratio clears overcommit_kbytes");
}

/* Mode 0: what Committed_AS counts, and the one refusal. */
static void heuristic(void)
{
	struct mapping rw = { 8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0 };
	struct mapping ro = { 8 * MiB, PROT_READ, MAP_PRIVATE, 0 };
	struct mapping nr = { 8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, 0 };
	struct mapping sh = { 8 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, 0 };
	struct mapping shro = { 8 * MiB, PROT_READ, MAP_SHARED, 0 };
	struct mapping shnr = { 8 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, 0 };
	struct mapping mp = { 8 * MiB, 0, 0, 0 }, mr = { 4 * MiB, 0, 0, 0 };
	unsigned long ram_swap = (unsigned long)(meminfo("MemTotal") + meminfo("SwapTotal")) * KiB;
	long seen = 0, r;
	bool ok;

	set_num("overcommit_memory", 0);
	ok = delta_is(8192, do_map, do_unmap, &rw, &seen);
	check(ok, "mode 0: a private writable 8 MiB mmap adds 8192 kB to Committed_AS (%ld)", seen);
	ok = delta_is(0, do_map, do_unmap, &ro, &seen);
	check(ok, "a read-only one adds nothing (%ld)", seen);
	ok = delta_is(0, do_map, do_unmap, &nr, &seen);
	check(ok, "MAP_NORESERVE adds nothing (%ld)", seen);
	ok = delta_is(8192, do_map, do_unmap, &sh, &seen);
	check(ok, "a shared anonymous 8 MiB mapping adds 8192 kB (%ld)", seen);
	ok = delta_is(8192, do_map, do_unmap, &shro, &seen);
	check(ok, "even read-only: it is memory of its own (%ld)", seen);
	ok = delta_is(0, do_map, do_unmap, &shnr, &seen);
	check(ok, "but not with MAP_NORESERVE (%ld)", seen);
	ok = delta_is(8192, do_mprotect, do_unmap, &mp, &seen);
	check(ok, "mprotect of a read-only 8 MiB to writable adds 8192 kB (%ld)", seen);
	ok = delta_is(8192, do_mremap, do_mremap_undo, &mr, &seen);
	check(ok, "a 4 MiB mapping mremap grows to 8 MiB counts 8192 kB in all (%ld)", seen);
	ok = delta_is(1024, do_sbrk, do_sbrk_undo, NULL, &seen);
	check(ok, "sbrk(1 MiB) adds 1024 kB (%ld)", seen);
	stack_growth();
	r = map((ram_swap + 64 * MiB) & ~(PAGE_SIZE - 1), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check_ret(r, -ENOMEM, "a private writable mapping larger than RAM + swap is refused");
	r = map((ram_swap + 64 * MiB) & ~(PAGE_SIZE - 1), PROT_READ, MAP_PRIVATE);
	check(!IS_ERR(r), "a read-only one as large is not counted, so taken (%ld)", r);
	if (!IS_ERR(r))
		munmap((void *)r, (ram_swap + 64 * MiB) & ~(PAGE_SIZE - 1));
	r = map(ram_swap / 2 & ~(PAGE_SIZE - 1), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(!IS_ERR(r), "a writable one of half of RAM + swap is taken (%ld)", r);
	if (!IS_ERR(r))
		munmap((void *)r, ram_swap / 2 & ~(PAGE_SIZE - 1));
}

/* Mode 1: anything goes, even 2 GiB at once. */
static void always(void)
{
	long r;

	set_num("overcommit_memory", 1);
	r = __syscall6(__NR_mmap2, 0x10000000, 0x80000000, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(r, 0x10000000, "mode 1: a private writable 2 GiB mapping is taken");
	if (!IS_ERR(r))
		munmap((void *)r, 0x80000000);
	set_num("overcommit_memory", 0);
	r = __syscall6(__NR_mmap2, 0x10000000, 0x80000000, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(r, -ENOMEM, "mode 0 refuses the same 2 GiB (more than RAM + swap)");
}

/* Mode 2: nothing past CommitLimit, whoever asks. */
static void never(void)
{
	struct mapping nr = { 4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, 0 };
	long limit, room, r, big, seen = 0, pid;
	int status = -1;
	bool ok;

	set_num("overcommit_ratio", 100);
	set_num("overcommit_memory", 2);
	limit = meminfo("CommitLimit");
	room = limit - meminfo("Committed_AS");
	printf("# CommitLimit %ld kB, Committed_AS %ld kB\n", limit, meminfo("Committed_AS"));
	check(room > 32 * 1024, "mode 2, ratio 100: more than 32 MiB left under CommitLimit (%ld kB)", room);
	if (room <= 32 * 1024)
		return;
	r = map((unsigned long)(limit + 16 * 1024) * KiB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check_ret(r, -ENOMEM, "mode 2: a mapping larger than CommitLimit is refused");
	ok = delta_is(4096, do_map, do_unmap, &nr, &seen);
	check(ok, "MAP_NORESERVE counts under mode 2 (%ld)", seen);
	check(sbrk((room + 16 * 1024) * (long)KiB) == (void *)-1 && errno == ENOMEM, "brk past CommitLimit: ENOMEM");
	r = map(4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(!IS_ERR(r), "a 4 MiB mapping is taken");
	if (!IS_ERR(r)) {
		check_ret(__syscall5(__NR_mremap, r, 4 * MiB, (room + 16 * 1024) * (long)KiB, MREMAP_MAYMOVE, 0),
			  -ENOMEM, "mremap growing it past CommitLimit: ENOMEM");
		munmap((void *)r, 4 * MiB);
	}
	r = map((unsigned long)(room + 16 * 1024) * KiB, PROT_READ, MAP_PRIVATE);
	check(!IS_ERR(r), "a read-only mapping past CommitLimit is not counted: taken");
	if (!IS_ERR(r)) {
		check(mprotect((void *)r, (unsigned long)(room + 16 * 1024) * KiB, PROT_READ | PROT_WRITE) == -1 &&
		      errno == ENOMEM, "making it writable: ENOMEM");
		munmap((void *)r, (unsigned long)(room + 16 * 1024) * KiB);
	}
	/* two thirds of the room: the mapping fits once, not twice, so fork cannot copy it */
	big = room / 3 * 2 * (long)KiB;
	r = map((unsigned long)big, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(!IS_ERR(r), "a mapping of two thirds of what is left (%ld kB) is taken", big / 1024);
	if (!IS_ERR(r)) {
		pid = sys_fork();
		if (pid == 0)
			child_exit(0);
		check_ret(pid, -ENOMEM, "fork, which would count it twice: ENOMEM");
		if (pid > 0)
			sys_waitpid(pid, &status, 0);
		munmap((void *)r, (unsigned long)big);
	}
	pid = sys_fork();
	if (pid == 0)
		child_exit(0);
	check(pid > 0 && sys_waitpid(pid, &status, 0) == pid && status == 0, "without it fork works again");
}

int main(void)
{
	long mode = knob("overcommit_memory"), ratio = knob("overcommit_ratio"), kbytes = knob("overcommit_kbytes");
	long committed = meminfo("Committed_AS"), stack = stack_kb();

	check(mode >= 0 && ratio >= 0 && kbytes >= 0, "the knobs read: overcommit_memory %ld, overcommit_ratio %ld, "
	      "overcommit_kbytes %ld", mode, ratio, kbytes);
	set_num("overcommit_memory", 0);
	knobs();
	heuristic();
	always();
	never();
	set_num("overcommit_memory", 0);
	set_num("overcommit_ratio", ratio);
	if (kbytes)
		set_num("overcommit_kbytes", kbytes);
	set_num("overcommit_memory", mode);
	/* Pagoda runs this as init, alone: every charge made since must have been given back, but the stack's */
	if (on_pagoda())
		check_ret(meminfo("Committed_AS"), committed + stack_kb() - stack,
			  "Committed_AS is back where it started, plus the stack's growth");
	return done();
}
