/*
 * fork's copy-on-write, seen from user space. After fork, parent and
 * child read the same contents in anonymous, private file, heap (brk) and
 * stack memory; what one of them writes the other never sees, except in a
 * MAP_SHARED|MAP_ANONYMOUS mapping, where the child's writes reach the
 * parent. On Pagoda the kernel's free page count (system call 400) shows
 * the sharing: the child's write to a page copies exactly one page, a read
 * copies nothing, writing a page the other process no longer maps takes
 * no page (reused: the fork_mm ktest sees the same frame), and 1,000 fork/exit/wait cycles leave the free pages
 * where they were. On another kernel only the contents are checked.
 *
 * A child checks with expect(): on the first failure it says what it saw
 * and exits with status 1, which the parent's check on the wait status
 * reports. It touches no global variable, so that it copies only the
 * pages it means to.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#ifndef __NR_fork
#define __NR_fork 2
#endif
#ifndef __NR_wait4
#define __NR_wait4 114
#endif
#ifndef __NR_sched_yield
#define __NR_sched_yield 158
#endif

#define PAGES   16
#define CYCLES  1000
#define FILE_203 "/etc/203-bytes"       /* 'a' + i % 26 for 202 bytes, then '\n' */

static long sys_fork(void)
{
	return __syscall0(__NR_fork);
}

/* Reap pid: its wait status (exit code << 8, or the signal), or a -errno. */
static long reap(long pid)
{
	int status = -1;
	long r = __syscall4(__NR_wait4, pid, (long)&status, 0, 0);

	return r < 0 ? r : r == pid ? status : -1;
}

/* In a child: the first check that fails ends it with status 1. */
static void expect(int ok, const char *what, long got)
{
	if (!ok) {
		printf("# child: %s (got %ld)\n", what, got);
		_exit(1);
	}
}

/*
 * Write 8 KiB of stack below us, so that the stack pages the calls around
 * a measurement use are copied (or made) before it, not during it.
 */
static void __attribute__((noinline)) warm_stack(void)
{
	volatile char buf[8192];

	for (unsigned long i = 0; i < sizeof(buf); i += 64)
		buf[i] = 0;
}

/* Pages taken since free_pages() said before (0 where there is no count: Linux). */
static long pages_used_since(long before)
{
	long now = free_pages();

	return before < 0 || now < 0 ? 0 : before - now;
}

/* In a child: exactly want pages were taken since before (checked on Pagoda only). */
static void expect_used(long before, long want, const char *what)
{
	long used = pages_used_since(before);

	if (before >= 0)
		expect(used == want, what, used);
}

/* Fork, run child() in the child (it exits 0 or 1), and check its wait status in the parent. */
static void in_child(void (*child)(char *), char *arg, const char *what)
{
	long pid = sys_fork();

	if (pid == 0) {
		child(arg);
		_exit(0);
	}
	check(pid > 0, "fork for %s = %ld", what, pid);
	check_ret(reap(pid), 0, "child: %s (wait status)", what);
}

static int filled(const char *p, char v)
{
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* --- anonymous memory ----------------------------------------------------- */

/* Page i of the buffer holds the byte 'A' + i, except for page PAGES - 1, never touched. */
static void child_writes_one_page(char *p)
{
	long before;

	warm_stack();
	before = free_pages();
	expect(filled(p + 3 * PAGE_SIZE, 'A' + 3), "page 3 reads what the parent wrote", p[3 * PAGE_SIZE]);
	expect_used(before, 0, "reading a shared page copies nothing");
	before = free_pages();
	p[5 * PAGE_SIZE + 7] = 'c';
	expect_used(before, 1, "writing one shared page copies exactly one page");
	expect(p[5 * PAGE_SIZE + 7] == 'c' && p[5 * PAGE_SIZE] == 'A' + 5, "the copy holds the write and the rest",
	       p[5 * PAGE_SIZE]);
	before = free_pages();
	memset(p + 5 * PAGE_SIZE, 'c', PAGE_SIZE);
	expect_used(before, 0, "the copied page is the child's now: more writes copy nothing");
	before = free_pages();
	expect(p[(PAGES - 1) * PAGE_SIZE] == 0, "the untouched page reads zero", p[(PAGES - 1) * PAGE_SIZE]);
	expect_used(before, 0, "reading an untouched page copies nothing (the zero page)");
}

static void anonymous(void)
{
	char *p = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long before, used;

	check(p != MAP_FAILED, "mmap %d private anonymous pages", PAGES);
	for (int i = 0; i < PAGES - 1; i++)
		memset(p + i * PAGE_SIZE, 'A' + i, PAGE_SIZE);
	in_child(child_writes_one_page, p, "anonymous pages: reads copy nothing, a write copies one page");
	check(filled(p + 5 * PAGE_SIZE, 'A' + 5), "the parent's page 5 is untouched by the child's writes");
	/*
	 * The child is gone: the parent holds every page alone, so its writes
	 * take no page. (A copy freeing the old page at once would look the
	 * same from here; the fork_mm ktest checks that the frame is kept.)
	 */
	warm_stack();
	before = free_pages();
	for (int i = 0; i < PAGES - 1; i++)
		p[i * PAGE_SIZE] = 'p';
	used = pages_used_since(before);
	if (on_pagoda())
		check(used == 0, "after the child exited, the parent's writes to its %d pages take no page (%ld taken)",
		      PAGES - 1, used);
	else
		skip("page counts: no free page count on this kernel");
	check(munmap(p, PAGES * PAGE_SIZE) == 0, "munmap");
}

/* The parent writes while the child still maps the page: the parent copies, the child keeps the old bytes. */
static void parent_writes_first(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *flag = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pid, before, used;

	check(p != MAP_FAILED && flag != MAP_FAILED, "mmap a private page and a shared flag");
	memset(p, 'x', 2 * PAGE_SIZE);
	*flag = 0;
	pid = sys_fork();
	if (pid == 0) {
		while (*flag == 0)
			__syscall0(__NR_sched_yield);
		expect(filled(p, 'x'), "the parent's later write is not seen in the child", p[0]);
		expect(*flag == 2, "the flag the parent wrote in shared memory", *flag);
		_exit(0);
	}
	check(pid > 0, "fork = %ld", pid);
	warm_stack();
	before = free_pages();
	p[0] = 'y';
	used = pages_used_since(before);
	if (on_pagoda())
		check(used == 1, "the parent's write to a page the child shares copies one page (%ld)", used);
	else
		skip("page counts: no free page count on this kernel");
	*flag = 2;
	check_ret(reap(pid), 0, "child: the parent's write after fork stays the parent's (wait status)");
	check(p[0] == 'y' && p[1] == 'x', "the parent reads its own write");
	munmap(p, 2 * PAGE_SIZE);
	munmap((void *)flag, PAGE_SIZE);
}

/*
 * The other calls that rewrite page-table entries, in a child whose pages
 * the parent shares: mprotect back to writable must not let a write reach
 * the parent's page; mremap moves the shared entries (copying nothing) and
 * the write after it still copies; MADV_DONTNEED and munmap drop only the
 * child's view.
 */
static void child_rewrites_ptes(char *p)
{
	char *q = p + 8 * PAGE_SIZE, *moved;
	long before;

	expect(__syscall3(__NR_mprotect, (long)p, 2 * PAGE_SIZE, PROT_READ) == 0, "mprotect(PROT_READ)", 0);
	expect(__syscall3(__NR_mprotect, (long)p, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE) == 0,
	       "mprotect(PROT_READ|PROT_WRITE)", 0);
	memset(p, 'c', 2 * PAGE_SIZE);
	expect(__syscall3(__NR_mprotect, (long)(p + 2 * PAGE_SIZE), PAGE_SIZE, PROT_NONE) == 0,
	       "mprotect(PROT_NONE)", 0);
	expect(__syscall3(__NR_mprotect, (long)(p + 2 * PAGE_SIZE), PAGE_SIZE, PROT_READ | PROT_WRITE) == 0,
	       "mprotect back from PROT_NONE", 0);
	p[2 * PAGE_SIZE] = 'c';
	warm_stack();
	before = free_pages();
	moved = (char *)__syscall5(__NR_mremap, (long)q, 4 * PAGE_SIZE, 4 * PAGE_SIZE,
				   MREMAP_MAYMOVE | MREMAP_FIXED, (long)(p + 32 * PAGE_SIZE));
	expect(moved == p + 32 * PAGE_SIZE, "mremap 4 shared pages elsewhere", (long)moved);
	expect(filled(moved, 'A' + 8) && filled(moved + 3 * PAGE_SIZE, 'A' + 11), "the moved pages' contents",
	       moved[0]);
	expect_used(before, 0, "moving shared pages copies none");
	before = free_pages();
	moved[0] = 'c';
	expect_used(before, 1, "a write to a moved shared page copies it");
	expect(__syscall3(__NR_madvise, (long)(p + 4 * PAGE_SIZE), PAGE_SIZE, MADV_DONTNEED) == 0,
	       "madvise(MADV_DONTNEED)", 0);
	expect(p[4 * PAGE_SIZE] == 0, "after MADV_DONTNEED the child's page reads zero", p[4 * PAGE_SIZE]);
	expect(__syscall2(__NR_munmap, (long)(p + 5 * PAGE_SIZE), PAGE_SIZE) == 0, "munmap a shared page", 0);
}

static void rewritten_in_child(void)
{
	char *p = mmap(NULL, 48 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad = -1;

	check(p != MAP_FAILED, "mmap 48 private pages");
	check_ret(__syscall2(__NR_munmap, (long)(p + 32 * PAGE_SIZE), 16 * PAGE_SIZE), 0,
		  "munmap the top 16: the child's mremap target");
	for (int i = 0; i < 16; i++)
		memset(p + i * PAGE_SIZE, 'A' + i, PAGE_SIZE);
	in_child(child_rewrites_ptes, p, "mprotect, mremap, MADV_DONTNEED and munmap in the child");
	for (int i = 0; i < 16 && bad < 0; i++)
		if (!filled(p + i * PAGE_SIZE, 'A' + i))
			bad = i;
	check(bad < 0, "the parent's 16 pages are untouched by them (first bad: %d)", bad);
	munmap(p, 32 * PAGE_SIZE);
}

/* --- shared anonymous memory ----------------------------------------------- */

static void child_writes_shared(char *p)
{
	expect(p[0] == 's', "the shared page the parent wrote", p[0]);
	expect(p[PAGE_SIZE] == 0, "the shared page nobody touched reads zero", p[PAGE_SIZE]);
	p[0] = 'c';
	p[PAGE_SIZE] = 'd';
	p[2 * PAGE_SIZE + 1] = 'e';
}

static void shared_anonymous(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap 3 shared anonymous pages");
	p[0] = 's';
	(void)*(volatile char *)(p + 2 * PAGE_SIZE);    /* read only: still a page of the shmem object */
	in_child(child_writes_shared, p, "shared anonymous memory");
	check(p[0] == 'c', "MAP_SHARED|MAP_ANONYMOUS: the child's write to a page the parent wrote is seen");
	check(p[PAGE_SIZE] == 'd', "the child's write to a page nobody had touched is seen");
	check(p[2 * PAGE_SIZE + 1] == 'e', "the child's write to a page the parent had only read is seen");
	munmap(p, 3 * PAGE_SIZE);
}

/* --- a private file mapping ------------------------------------------------- */

static int file_bytes_ok(const char *p, int from)
{
	for (int i = from; i < 202; i++)
		if (p[i] != 'a' + i % 26)
			return 0;
	return p[202] == '\n';
}

static void child_writes_file(char *p)
{
	expect(file_bytes_ok(p, 0), "the file's bytes, as the parent read them", p[0]);
	p[0] = 'C';
	expect(p[0] == 'C' && file_bytes_ok(p, 1), "the child's write, and the file's bytes after it", p[1]);
}

/* The kernel's own write into a shared page (read() into it) copies it too: the parent keeps its bytes. */
static void child_reads_file_into_shared_page(char *p)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY), n;

	expect(fd >= 0, "open " FILE_203, fd);
	n = __syscall3(__NR_read, fd, (long)(p + PAGE_SIZE), 203);
	expect(n == 203, "read() 203 bytes into a page the parent shares", n);
	expect(file_bytes_ok(p + PAGE_SIZE, 0) && p[PAGE_SIZE + 203] == 'r', "what read() put there, and the rest",
	       p[PAGE_SIZE]);
	__syscall1(__NR_close, fd);
}

static void kernel_writes_in_child(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap 2 pages");
	memset(p, 'r', 2 * PAGE_SIZE);
	in_child(child_reads_file_into_shared_page, p, "read() into a shared page");
	check(filled(p + PAGE_SIZE, 'r'), "the parent's page is untouched by the child's read()");
	munmap(p, 2 * PAGE_SIZE);
}

static void private_file(void)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY);
	char *p;

	check(fd >= 0, "open %s = %ld", FILE_203, fd);
	p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED, "mmap it MAP_PRIVATE, writable");
	check(file_bytes_ok(p, 0), "the parent reads the file's bytes before fork");
	in_child(child_writes_file, p, "a private file page");
	check(p[0] == 'a' && file_bytes_ok(p, 0), "the parent still reads the file's bytes");
	p[1] = 'P';
	check(p[0] == 'a' && p[1] == 'P' && file_bytes_ok(p, 2), "the parent's own write after the child left");
	munmap(p, PAGE_SIZE);
	__syscall1(__NR_close, fd);
}

/* --- the heap and the stack ------------------------------------------------- */

/* The kernel's program break (brk(0)), not the library's copy of it. */
static long kernel_brk(void)
{
	return __syscall1(__NR_brk, 0);
}

static void child_writes_heap(char *p)
{
	long end = kernel_brk();

	expect(filled(p, 'h') && filled(p + PAGE_SIZE, 'H'), "the heap the parent wrote", p[0]);
	memset(p, 'c', 2 * PAGE_SIZE);
	expect(__syscall1(__NR_brk, end + PAGE_SIZE) == end + PAGE_SIZE, "the child's brk grows a page", end);
	p[2 * PAGE_SIZE] = 'c';
}

static void heap(void)
{
	char *p = sbrk(2 * PAGE_SIZE);
	long end;

	check(p != (void *)-1, "sbrk(2 pages) = %p", (void *)p);
	memset(p, 'h', PAGE_SIZE);
	memset(p + PAGE_SIZE, 'H', PAGE_SIZE);
	end = kernel_brk();
	check(end == (long)(p + 2 * PAGE_SIZE), "the kernel's brk is the end of the 2 pages");
	in_child(child_writes_heap, p, "heap (brk) memory");
	check(filled(p, 'h') && filled(p + PAGE_SIZE, 'H'), "the parent's heap is untouched by the child");
	check(kernel_brk() == end, "the child's brk moved, the parent's did not");
	check(sbrk(-2 * PAGE_SIZE) != (void *)-1, "sbrk(-2 pages)");
}

static void child_writes_stack(char *p)
{
	expect(filled(p, 'k'), "the parent's stack array", p[0]);
	memset(p, 'c', PAGE_SIZE);
}

static void stack(void)
{
	char buf[2 * PAGE_SIZE];
	char *p = (char *)(((unsigned long)buf + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));

	memset(p, 'k', PAGE_SIZE);
	in_child(child_writes_stack, p, "stack memory");
	check(filled(p, 'k'), "the parent's stack is untouched by the child");
}

/* --- madvise: MADV_DONTFORK and MADV_WIPEONFORK ------------------------------ */

static void child_touches_dontfork(char *p)
{
	expect(p[PAGE_SIZE] == 'f', "the page after the MADV_DONTFORK one came along", p[PAGE_SIZE]);
	(void)*(volatile char *)p;      /* not mapped in the child: SIGSEGV */
	expect(0, "a MADV_DONTFORK page was mapped in the child", p[0]);
}

static void child_reads_wiped(char *p)
{
	expect(p[0] == 0 && p[PAGE_SIZE - 1] == 0, "a MADV_WIPEONFORK page reads zero in the child", p[0]);
	expect(p[PAGE_SIZE] == 'w', "the page after it is copied as usual", p[PAGE_SIZE]);
	p[0] = 'c';
}

static void child_reads_kept(char *p)
{
	expect(p[0] == 'w' && p[PAGE_SIZE] == 'w', "after MADV_DOFORK/KEEPONFORK the child sees the pages", p[0]);
}

static void fork_advice(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long pid;

	check(p != MAP_FAILED, "mmap 2 pages");
	memset(p, 'f', 2 * PAGE_SIZE);
	check_ret(__syscall3(__NR_madvise, (long)p, PAGE_SIZE, MADV_DONTFORK), 0, "madvise(MADV_DONTFORK) page 0");
	pid = sys_fork();
	if (pid == 0) {
		child_touches_dontfork(p);
		_exit(0);
	}
	check(pid > 0, "fork = %ld", pid);
	check_ret(reap(pid) & 0x7f, 11, "the child touching the MADV_DONTFORK page dies of SIGSEGV");
	check(p[0] == 'f', "the parent still has it");
	check_ret(__syscall3(__NR_madvise, (long)p, PAGE_SIZE, MADV_DOFORK), 0, "madvise(MADV_DOFORK)");

	memset(p, 'w', 2 * PAGE_SIZE);
	check_ret(__syscall3(__NR_madvise, (long)p, PAGE_SIZE, MADV_WIPEONFORK), 0, "madvise(MADV_WIPEONFORK) page 0");
	in_child(child_reads_wiped, p, "MADV_WIPEONFORK");
	check(p[0] == 'w', "the parent's wiped-on-fork page keeps its bytes");
	check_ret(__syscall3(__NR_madvise, (long)p, PAGE_SIZE, MADV_KEEPONFORK), 0, "madvise(MADV_KEEPONFORK)");
	in_child(child_reads_kept, p, "MADV_DOFORK and MADV_KEEPONFORK undo the advice");
	munmap(p, 2 * PAGE_SIZE);
}

/* --- many processes ----------------------------------------------------------- */

static void cycles(void)
{
	long before = 0, used;
	int bad = 0;

	for (int i = 0; i < CYCLES + 10; i++) {
		long pid;

		if (i == 10)
			before = free_pages();  /* after the kernel's caches have seen a fork */
		pid = sys_fork();
		if (pid == 0)
			_exit(i & 0x7f);
		if (pid < 0 || reap(pid) != (i & 0x7f) << 8) {
			bad = i + 1;
			break;
		}
	}
	check(bad == 0, "%d fork/exit/wait cycles, each child's exit code in its wait status (first bad: %d)",
	      CYCLES, bad - 1);
	used = pages_used_since(before);
	if (on_pagoda())
		check(used == 0, "after %d cycles the free pages are where they were (%ld missing)", CYCLES, used);
	else
		skip("page counts: no free page count on this kernel");
}

int main(void)
{
	warm_stack();
	anonymous();
	parent_writes_first();
	rewritten_in_child();
	shared_anonymous();
	private_file();
	kernel_writes_in_child();
	heap();
	stack();
	fork_advice();
	cycles();
	return done();
}
