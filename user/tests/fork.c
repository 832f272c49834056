/*
 * fork as Linux 6.1 does it: it returns the child's PID to the parent and 0
 * to the child; the child has its own PID and the parent's as its PPID; it
 * starts with a copy of every kind of private memory (data, bss, heap from
 * brk and malloc, anonymous mmap, the stack) and a write on either side is
 * never seen by the other, whichever runs first; sched_yield returns 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "process.h"

#define MAGIC 0x5a5a1234

static int data_word = MAGIC;           /* .data */
static int bss_words[1024];             /* .bss, four pages */

struct copies {
	int *heap;              /* malloc */
	char *brk_area;         /* sbrk */
	char *anon;             /* mmap, 8 pages, every page touched */
	char *untouched;        /* mmap, never touched before fork */
};

static void fill(struct copies *c, int v)
{
	int i;

	data_word = v;
	for (i = 0; i < 1024; i += 256)
		bss_words[i] = v + i;
	c->heap[0] = v;
	c->heap[999] = v + 1;
	c->brk_area[0] = (char)v;
	for (i = 0; i < 8; i++)
		c->anon[i * 4096] = (char)(v + i);
}

/* 0 when c holds what fill(c, v) wrote, else the number of the first field that differs. */
static int holds(const struct copies *c, int v)
{
	int i;

	if (data_word != v)
		return 1;
	for (i = 0; i < 1024; i += 256)
		if (bss_words[i] != v + i)
			return 2;
	if (c->heap[0] != v || c->heap[999] != v + 1)
		return 3;
	if (c->brk_area[0] != (char)v)
		return 4;
	for (i = 0; i < 8; i++)
		if (c->anon[i * 4096] != (char)(v + i))
			return 5;
	return 0;
}

static const char *const fields[] = { "", "data", "bss", "malloc", "brk", "anonymous mmap" };

static void return_values_and_ids(void)
{
	long me = sys_getpid(), parent = sys_getppid(), pid;

	printf("# parent: pid %ld, ppid %ld\n", me, parent);
	pid = sys_fork();
	if (pid == 0) {
		child_expect(sys_getppid(), me, 2, "getppid() in the child is the parent's pid");
		if (sys_getpid() == me)
			child_exit(3);
		child_expect(sys_gettid(), sys_getpid(), 4, "gettid() == getpid() in the child");
		child_exit(0);
	}
	check(pid > 0 && pid != me, "fork() returns the child's pid %ld to the parent (pid %ld)", pid, me);
	check_ret(sys_getpid(), me, "the parent's getpid() is unchanged");
	check_ret(sys_getppid(), parent, "the parent's getppid() is unchanged");
	reap_ok(pid, "a child that checks getpid() != the parent's, getppid() == the parent's, gettid() == getpid()");
}

/* The child's exit status says what it saw: 10 + field when its copy differed, 20 + field after its own writes. */
static void memory_is_copied(struct copies *c, int child_yields_first)
{
	long pid;
	int status = -1, i;

	fill(c, MAGIC);
	pid = sys_fork();
	if (pid == 0) {
		int bad;

		/* Let the parent run (and write its copy) first. */
		for (i = 0; child_yields_first && i < 5; i++)
			sys_sched_yield();
		bad = holds(c, MAGIC);
		if (bad) {
			printf("# child: its copy of %s differs from the parent's at fork\n", fields[bad]);
			child_exit(10 + bad);
		}
		fill(c, 0x77);
		bad = holds(c, 0x77);
		if (bad)
			child_exit(20 + bad);
		for (i = 0; i < 4096; i++)      /* the untouched mapping reads as zeros, and takes writes */
			if (c->untouched[i])
				child_exit(30);
		c->untouched[0] = 1;
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld (%s)", pid, child_yields_first ? "the child yields first" : "no yield");
	fill(c, 0x33);          /* the parent writes at once, perhaps before the child read its copy */
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the child");
	check(status == 0, "the child saw data, bss, malloc, brk and mmap memory as at fork, "
	      "and its own writes (status %#x)", status);
	check(holds(c, 0x33) == 0, "the parent's writes are intact after the child wrote its copy%s",
	      fields[holds(c, 0x33)]);
	check(c->untouched[0] == 0, "the child's write to an untouched mapping is not in the parent's");
}

/* The child grows its stack far below where the parent's was at fork, and the parent's stays as it was. */
static int deep(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	frame[1023] = (char)n;
	if (n == 0)
		return 0;
	return deep(n - 1) + frame[0] + frame[1023] - 2 * (char)n;
}

static void stack_is_copied(void)
{
	volatile int on_stack = 1234;
	long pid;
	int status = -1;

	pid = sys_fork();
	if (pid == 0) {
		child_expect(on_stack, 1234, 2, "a stack variable in the child");
		on_stack = 99;
		child_expect(deep(256), 0, 3, "256 KiB of stack grown in the child");
		child_exit(0);
	}
	on_stack = 5678;
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the child");
	check(status == 0, "the child's stack variable held the value at fork, and its stack grew (status %#x)",
	      status);
	check(on_stack == 5678, "the parent's stack variable kept its own write");
}

/* Read-only and PROT_NONE mappings keep their protection in the child: a write or a read there kills it. */
static void protections_are_copied(void)
{
	char *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long pid;
	int status = -1;

	check(ro != MAP_FAILED, "mmap a page");
	ro[0] = 7;
	check_ret(mprotect(ro, 4096, PROT_READ) ? -errno : 0, 0, "mprotect it PROT_READ");
	pid = sys_fork();
	if (pid == 0) {
		child_expect(ro[0], 7, 2, "the read-only page in the child");
		ro[0] = 8;      /* SIGSEGV */
		child_exit(3);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the child");
	check(status == SIGSEGV, "a child that writes a read-only page it inherited dies of SIGSEGV "
	      "(status word %#x, want %#x)", status, SIGSEGV);
	check(ro[0] == 7, "the page still reads 7 in the parent");
	munmap(ro, 4096);
}

static void yield(void)
{
	int i;

	for (i = 0; i < 100; i++)
		if (sys_sched_yield() != 0)
			break;
	check_ret(sys_sched_yield(), 0, "sched_yield() (and 100 more before it)");
}

int main(void)
{
	struct copies c;

	return_values_and_ids();
	c.heap = malloc(1000 * sizeof(int));
	c.brk_area = sbrk(4096);
	c.anon = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	c.untouched = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(c.heap && c.brk_area != (void *)-1 && c.anon != MAP_FAILED && c.untouched != MAP_FAILED,
	      "malloc, sbrk and two mmaps for the child to copy");
	memory_is_copied(&c, 0);
	memory_is_copied(&c, 1);
	stack_is_copied();
	protections_are_copied();
	yield();
	return done();
}
