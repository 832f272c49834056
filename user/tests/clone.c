/*
 * clone with the flags C libraries use, as Linux 6.1 answers them:
 *  - glibc's and musl's fork: SIGCHLD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID
 *    with a tid pointer: the child finds its tid there, the parent's copy is untouched;
 *  - vfork: CLONE_VM | CLONE_VFORK | SIGCHLD, on the parent's stack and on a new one;
 *  - posix_spawn: CLONE_VM | CLONE_VFORK | SIGCHLD on a stack of its own, the child execs;
 *  - CLONE_PARENT_SETTID, CLONE_SETTLS, and CLONE_CHILD_CLEARTID with shared memory
 *    (the tid is cleared when the child exits);
 *  - flag combinations Linux refuses, with its errno.
 *
 * With "exit CODE" it only exits with CODE: the image the spawned child execs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <asm/ldt.h>
#include "process.h"

static char stack_area[4][16384] __attribute__((aligned(16)));
static volatile int shared_word;
static int tid_word = -1;

static void *stack_top(int n)
{
	return stack_area[n] + sizeof(stack_area[n]);
}

static void libc_fork(void)
{
	long pid;

	tid_word = -1;
	pid = sys_clone(SIGCHLD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, NULL, NULL, NULL, &tid_word);
	if (pid == 0) {
		child_expect(tid_word, sys_gettid(), 2, "CLONE_CHILD_SETTID wrote the child's tid");
		child_expect(sys_getpid(), sys_gettid(), 3, "the child's pid is its tid");
		child_exit(0);
	}
	check(pid > 0, "clone(SIGCHLD|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID, stack 0) = %ld (glibc's fork)", pid);
	check(tid_word == -1, "the parent's copy of the tid word is untouched (%d)", tid_word);
	reap_ok(pid, "the child that found its tid in its copy of the word");
	check(tid_word == -1, "the child's exit did not clear the parent's copy (no shared memory) (%d)", tid_word);
}

static int write_then_exit(void *arg)
{
	int i;

	shared_word = 1;
	for (i = 0; i < 10; i++)        /* the parent must not run until we exit */
		sys_sched_yield();
	shared_word = (int)(long)arg;
	return 5;
}

static void vfork_flags(void)
{
	long pid;
	int status = -1;

	shared_word = 0;
	pid = clone_on_stack(CLONE_VM | CLONE_VFORK | SIGCHLD, stack_top(0), NULL, NULL, NULL,
			     write_then_exit, (void *)77L);
	check(pid > 0, "clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a new stack = %ld", pid);
	check(shared_word == 77, "the parent resumed after the child exited, and sees its write (%d)", shared_word);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 5, "it exited with fn's result 5 (status %#x)", status);

	/* The vfork way: the child runs on the parent's stack, and only exits. */
	shared_word = 0;
	pid = sys_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid == 0) {
		shared_word = 88;
		child_exit(6);
	}
	check(pid > 0 && shared_word == 88, "clone(CLONE_VM|CLONE_VFORK|SIGCHLD, stack 0) = %ld, "
	      "the child's write is shared (%d)", pid, shared_word);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 6, "it exited with 6 (status %#x)", status);
}

static const char *self;

static int spawn_child(void *arg)
{
	char *argv[] = { (char *)self, "exit", "43", NULL };
	char *envp[] = { "SPAWNED=1", NULL };

	shared_word = (int)sys_execve(self, argv, envp);        /* only on failure */
	return 127;
}

static void posix_spawn_flags(void)
{
	long pid;
	int status = -1;

	shared_word = 0;
	pid = clone_on_stack(CLONE_VM | CLONE_VFORK | SIGCHLD, stack_top(1), NULL, NULL, NULL, spawn_child, NULL);
	check(pid > 0, "posix_spawn's clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a new stack = %ld, the child execs",
	      pid);
	check_ret(shared_word, 0, "no exec error reached the shared memory");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 43, "the exec'd image exited with 43 (status %#x)",
	      status);
}

static int report_tid(void *arg)
{
	volatile int *ctid = arg;
	int i;

	shared_word = *ctid == sys_gettid() ? 1 : 2;
	for (i = 0; i < 3; i++)
		sys_sched_yield();
	return 0;
}

static void child_cleartid_shared(void)
{
	long pid;
	int status = -1;

	tid_word = -1;
	shared_word = 0;
	pid = clone_on_stack(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			     stack_top(2), NULL, NULL, &tid_word, report_tid, &tid_word);
	check(pid > 0, "clone(CLONE_VM|CLONE_VFORK|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID) = %ld", pid);
	check(shared_word == 1, "the child found its tid in the shared word (%s)",
	      shared_word == 1 ? "yes" : "no");
	check(tid_word == 0, "the child's exit cleared the shared tid word (%d)", tid_word);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
}

static void parent_settid(void)
{
	int ptid = -1;
	long pid;

	pid = sys_clone(CLONE_PARENT_SETTID | SIGCHLD, NULL, &ptid, NULL, NULL);
	if (pid == 0) {
		/* Linux writes the word in the parent's memory after the copy: the child's reads -1. */
		child_expect(ptid, -1, 2, "the child's copy of the CLONE_PARENT_SETTID word");
		child_exit(0);
	}
	check(pid > 0, "clone(CLONE_PARENT_SETTID|SIGCHLD) = %ld", pid);
	check(ptid == pid, "the parent's word holds the child's pid (%d)", ptid);
	reap_ok(pid, "the child whose copy of the word is -1 as before the clone");
}

static unsigned int gs_word(void)
{
	unsigned int v;

	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	return v;
}

static void settls(void)
{
	static unsigned int parent_block[1] = { 0x11111111 }, child_block[1] = { 0x22222222 };
	struct user_desc d = {
		.entry_number = -1, .base_addr = (unsigned long)parent_block, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1,
	};
	struct user_desc c;
	unsigned short sel;
	long pid;

	check_ret(__syscall1(__NR_set_thread_area, (long)&d), 0, "set_thread_area(entry -1) takes a TLS slot");
	sel = (unsigned short)(d.entry_number * 8 + 3);
	__asm__ volatile("movw %0, %%gs" : : "r"(sel));
	c = d;
	c.base_addr = (unsigned long)child_block;
	pid = sys_clone(CLONE_SETTLS | SIGCHLD, NULL, NULL, &c, NULL);
	if (pid == 0) {
		struct user_desc got = { .entry_number = d.entry_number };

		__asm__ volatile("movw %0, %%gs" : : "r"(sel));
		child_expect(gs_word(), 0x22222222, 2, "%gs:0 in the child reads its own TLS block");
		child_expect(__syscall1(__NR_get_thread_area, (long)&got), 0, 3, "get_thread_area in the child");
		child_expect(got.base_addr, (unsigned long)child_block, 4, "the child's TLS base");
		child_exit(0);
	}
	check(pid > 0, "clone(CLONE_SETTLS|SIGCHLD) with slot %u based at the child's block = %ld",
	      d.entry_number, pid);
	reap_ok(pid, "the child whose %gs:0 and get_thread_area show the new base");
	__asm__ volatile("movw %0, %%gs" : : "r"(sel));
	check(gs_word() == 0x11111111, "the parent's %%gs:0 still reads its own block");
	__asm__ volatile("movw %0, %%gs" : : "r"((unsigned short)0));
}

static void refused(void)
{
	check_ret(sys_clone(CLONE_THREAD | SIGCHLD, NULL, NULL, NULL, NULL), -EINVAL,
		  "clone(CLONE_THREAD) without CLONE_SIGHAND");
	check_ret(sys_clone(CLONE_SIGHAND | SIGCHLD, NULL, NULL, NULL, NULL), -EINVAL,
		  "clone(CLONE_SIGHAND) without CLONE_VM");
	/* init (which this program is) may not make a sibling: Linux's SIGNAL_UNKILLABLE check. */
	check_ret(sys_clone(CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL), -EINVAL,
		  "clone(CLONE_PARENT) from init");
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	self = argv[0];
	check(sys_getpid() == 1, "running as init, pid 1 (%ld)", sys_getpid());
	libc_fork();
	vfork_flags();
	posix_spawn_flags();
	child_cleartid_shared();
	parent_settid();
	settls();
	refused();
	return done();
}
