/*
 * The calls static glibc makes at start, as Linux 6.1 answers them:
 * set_robust_list/get_robust_list (the head kept per task, not inherited by
 * fork, gone at exec; Linux's errnos), rseq (registration with -EINVAL,
 * -EBUSY, -EPERM, -EFAULT in Linux's order; cpu_id written; a critical
 * section interrupted by a signal resumes at its abort address, and a wrong
 * abort signature is SIGSEGV; kept across fork, dropped at exec) and clone3
 * (struct clone_args checked as Linux does; a fork, CLONE_CLEAR_SIGHAND,
 * CLONE_PARENT_SETTID, set_tid, and a child on a stack of its own).
 *
 * With "exec-check" it is its own image after execve: exit 0 when the
 * robust list and rseq registration have gone.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "process.h"

#define __NR_set_robust_list 311
#define __NR_get_robust_list 312
#define __NR_rseq            386
#define __NR_clone3          435
#define __NR_pipe             42

#define PAGE_SIZE_ 4096
#define RSEQ_SIG 0x53053053
#define RSEQ_FLAG_UNREGISTER 1

struct rseq_area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, pad[3];
} __attribute__((aligned(32)));

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static struct rseq_area rs, rs_other;
static unsigned long robust_head[3];
static char big[PAGE_SIZE_ + 64] __attribute__((aligned(32)));

static long rseq(void *area, long len, long flags, long sig)
{
	return __syscall4(__NR_rseq, (long)area, len, flags, sig);
}

static long clone3(struct clone_args *a, long size)
{
	return __syscall2(__NR_clone3, (long)a, size);
}

/* After exec: neither the robust list nor rseq may be left. */
static int exec_check(void)
{
	unsigned long head = 1, len = 0;

	if (__syscall3(__NR_get_robust_list, 0, (long)&head, (long)&len) != 0 || head != 0)
		return 1;
	if (rseq(&rs, sizeof(rs), RSEQ_FLAG_UNREGISTER, RSEQ_SIG) != -EINVAL)
		return 2;       /* something was registered */
	return 0;
}

static void robust_list(void)
{
	unsigned long head = 0, len = 0;
	int p[2], q[2], status;
	long pid;
	char c;

	check_ret(__syscall2(__NR_set_robust_list, (long)robust_head, 11), -EINVAL, "set_robust_list, len 11");
	check_ret(__syscall2(__NR_set_robust_list, (long)robust_head, 24), -EINVAL, "set_robust_list, len 24");
	check_ret(__syscall2(__NR_set_robust_list, (long)robust_head, 12), 0, "set_robust_list, len 12");
	check_ret(__syscall3(__NR_get_robust_list, 0, (long)&head, (long)&len), 0, "get_robust_list(0)");
	check(head == (unsigned long)robust_head && len == 12, "gives the head back, and len 12");
	check_ret(__syscall3(__NR_get_robust_list, 0, (long)&head, 0), -EFAULT, "get_robust_list, len_ptr NULL");
	check_ret(__syscall3(__NR_get_robust_list, 0, 0, (long)&len), -EFAULT, "get_robust_list, head_ptr NULL");
	check_ret(__syscall3(__NR_get_robust_list, 32767, (long)&head, (long)&len), -ESRCH,
		  "get_robust_list of no such task");
	check_ret(__syscall2(__NR_set_robust_list, 0x12345678, 12), 0, "set_robust_list does not check head");
	__syscall2(__NR_set_robust_list, (long)robust_head, 12);

	if (__syscall1(__NR_pipe, (long)p) != 0 || __syscall1(__NR_pipe, (long)q) != 0)
		fail("pipe");
	pid = sys_fork();
	if (pid == 0) {
		head = 1;
		__syscall3(__NR_get_robust_list, 0, (long)&head, (long)&len);
		if (head != 0)
			child_exit(1);
		__syscall2(__NR_set_robust_list, (long)&robust_head[1], 12);
		write(p[1], "x", 1);
		read(q[0], &c, 1);      /* until the parent has looked */
		child_exit(0);
	}
	read(p[0], &c, 1);
	head = 0;
	check_ret(__syscall3(__NR_get_robust_list, pid, (long)&head, (long)&len), 0, "get_robust_list(child)");
	check(head == (unsigned long)&robust_head[1], "the child's own head, set after a fork that gave it none");
	write(q[1], "x", 1);
	sys_waitpid(pid, &status, 0);
	check(status == 0, "the child started with no robust list (status %#x)", status);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/*
 * A critical section that sends SIGUSR1 to pid from inside itself: the
 * signal is delivered on the way out of kill, inside the section, so it
 * must resume at the abort label: 1; 0 if it ran to its commit.
 */
static int cs_with_kill(struct rseq_area *r, long pid)
{
	int aborted;

	__asm__ volatile(
		".pushsection .data, \"aw\"\n"
		".balign 32\n"
		"6: .long 0, 0\n"               /* version, flags */
		".long 1f, 0\n"                 /* start_ip */
		".long 2f - 1f, 0\n"            /* post_commit_offset */
		".long 4f, 0\n"                 /* abort_ip */
		".popsection\n"
		"movl $6b, 8(%[r])\n"
		"movl $0, 12(%[r])\n"
		"1:\n"
		"movl $37, %%eax\n"             /* kill(pid, SIGUSR1) */
		"int $0x80\n"
		"nop\n"                         /* still inside: the signal comes here */
		"2:\n"
		"movl $0, %[ab]\n"
		"jmp 5f\n"
		".long 0x53053053\n"            /* RSEQ_SIG, before the abort label */
		"4:\n"
		"movl $1, %[ab]\n"
		"5:\n"
		: [ab] "=m"(aborted)
		: [r] "r"(r), "b"(pid), "c"(SIGUSR1)
		: "eax", "memory", "cc");
	return aborted;
}

/* The same, with a signature that is not the registered one before the abort label. */
static int cs_bad_signature(struct rseq_area *r, long pid)
{
	int aborted;

	__asm__ volatile(
		".pushsection .data, \"aw\"\n"
		".balign 32\n"
		"6: .long 0, 0\n"
		".long 1f, 0\n"
		".long 2f - 1f, 0\n"
		".long 4f, 0\n"
		".popsection\n"
		"movl $6b, 8(%[r])\n"
		"movl $0, 12(%[r])\n"
		"1:\n"
		"movl $37, %%eax\n"
		"int $0x80\n"
		"nop\n"
		"2:\n"
		"movl $0, %[ab]\n"
		"jmp 5f\n"
		".long 0x12345678\n"
		"4:\n"
		"movl $1, %[ab]\n"
		"5:\n"
		: [ab] "=m"(aborted)
		: [r] "r"(r), "b"(pid), "c"(SIGUSR1)
		: "eax", "memory", "cc");
	return aborted;
}

static void restartable_sequences(char *self)
{
	struct sigaction sa;
	int status;
	long pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);

	check_ret(rseq(&rs, sizeof(rs), RSEQ_FLAG_UNREGISTER, RSEQ_SIG), -EINVAL, "rseq unregister, none registered");
	check_ret(rseq((char *)&rs + 8, sizeof(rs), 0, RSEQ_SIG), -EINVAL, "rseq, not 32-byte aligned");
	check_ret(rseq(&rs, 31, 0, RSEQ_SIG), -EINVAL, "rseq, len 31");
	check_ret(rseq(&rs, 64, 0, RSEQ_SIG), -EINVAL, "rseq, len 64 (Linux 6.1: only 32)");
	check_ret(rseq(&rs, sizeof(rs), 2, RSEQ_SIG), -EINVAL, "rseq, flags 2");
	check_ret(rseq((void *)PAGE_OFFSET, sizeof(rs), 0, RSEQ_SIG), -EFAULT, "rseq, a kernel address");
	rs.cpu_id = 0xffffffff;
	rs.cpu_id_start = 7;
	check_ret(rseq(&rs, sizeof(rs), 0, RSEQ_SIG), 0, "rseq registers");
	check(rs.cpu_id != 0xffffffff && rs.cpu_id_start == rs.cpu_id, "cpu_id written on the way back (%u, %u)",
	      rs.cpu_id_start, rs.cpu_id);
	if (on_pagoda())
		check(rs.cpu_id == 0, "CPU 0 on Pagoda");
	check_ret(rseq(&rs, sizeof(rs), 0, RSEQ_SIG), -EBUSY, "rseq again, the same");
	check_ret(rseq(&rs, sizeof(rs), 0, RSEQ_SIG + 1), -EPERM, "rseq again, another signature");
	check_ret(rseq(&rs_other, sizeof(rs), 0, RSEQ_SIG), -EINVAL, "rseq again, another area");
	check_ret(rseq(&rs, 64, 0, RSEQ_SIG), -EINVAL, "rseq again, another length");

	handled = 0;
	check(cs_with_kill(&rs, sys_getpid()) == 1, "a signal inside the critical section resumes at abort_ip");
	check(handled == 1 && rs.rseq_cs == 0, "the handler ran, and rseq_cs was cleared");
	handled = 0;
	kill((int)sys_getpid(), SIGUSR1);
	check(handled == 1, "a signal outside any section is just delivered");

	pid = sys_fork();
	if (pid == 0)
		child_exit(rseq(&rs, sizeof(rs), 0, RSEQ_SIG) == -EBUSY ? 0 : 1);
	sys_waitpid(pid, &status, 0);
	check(status == 0, "a forked child is still registered (status %#x)", status);
	pid = sys_fork();
	if (pid == 0) {
		cs_bad_signature(&rs, sys_getpid());
		child_exit(3);
	}
	sys_waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a wrong signature before abort_ip is SIGSEGV (status %#x)", status);
	pid = sys_fork();
	if (pid == 0) {
		char *argv[] = { self, "exec-check", NULL };
		char *envp[] = { NULL };

		sys_execve(self, argv, envp);
		child_exit(9);
	}
	sys_waitpid(pid, &status, 0);
	check(status == 0, "after execve neither the robust list nor rseq is left (status %#x)", status);

	check_ret(rseq(&rs, sizeof(rs), RSEQ_FLAG_UNREGISTER | 2, RSEQ_SIG), -EINVAL, "unregister, flags 3");
	check_ret(rseq(&rs_other, sizeof(rs), RSEQ_FLAG_UNREGISTER, RSEQ_SIG), -EINVAL, "unregister another area");
	check_ret(rseq(&rs, 64, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), -EINVAL, "unregister, another length");
	check_ret(rseq(&rs, sizeof(rs), RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1), -EPERM, "unregister, another signature");
	check_ret(rseq(&rs, sizeof(rs), RSEQ_FLAG_UNREGISTER, RSEQ_SIG), 0, "unregister");
	check(rs.cpu_id == 0xffffffff && rs.cpu_id_start == 0, "cpu_id back to -1, cpu_id_start 0");
}

static volatile unsigned long child_esp;
static char child_stack[4096] __attribute__((aligned(16)));

/* clone3 on a stack of its own, CLONE_VM | CLONE_VFORK: the child notes its stack pointer and exits 42 at once. */
static long clone3_on_stack(struct clone_args *a)
{
	long ret;

	__asm__ volatile(
		"int $0x80\n"
		"test %%eax, %%eax\n"
		"jnz 1f\n"
		"movl %%esp, child_esp\n"
		"movl $1, %%eax\n"
		"movl $42, %%ebx\n"
		"int $0x80\n"
		"1:\n"
		: "=a"(ret)
		: "a"(__NR_clone3), "b"(a), "c"(sizeof(*a))
		: "memory", "cc");
	return ret;
}

static void clone3_calls(void)
{
	struct clone_args a;
	int status, ptid = 0;
	long pid;

#define ARGS(...) do { memset(&a, 0, sizeof(a)); a = (struct clone_args){ __VA_ARGS__ }; } while (0)
	ARGS(.exit_signal = SIGCHLD);
	check_ret(clone3(&a, 63), -EINVAL, "clone3, size 63");
	check_ret(clone3((struct clone_args *)big, PAGE_SIZE_ + 1), -E2BIG, "clone3, size over a page");
	check_ret(clone3(NULL, 64), -EFAULT, "clone3, NULL");
	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	big[100] = 1;
	check_ret(clone3((struct clone_args *)big, 128), -E2BIG, "clone3, a nonzero byte past Linux's struct");
	ARGS(.flags = SIGCHLD);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, a signal in flags");
	ARGS(.exit_signal = 65);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, exit_signal 65");
	ARGS(.exit_signal = 0x100000011ULL);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, exit_signal's high bits");
	ARGS(.exit_signal = SIGCHLD, .stack = (uintptr_t)child_stack);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, a stack without a size");
	ARGS(.exit_signal = SIGCHLD, .stack_size = 4096);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, a size without a stack");
	ARGS(.flags = 0x00000800 | 0x00000100 | 0x100000000ULL);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, CLONE_SIGHAND with CLONE_CLEAR_SIGHAND");
	ARGS(.flags = 0x00008000, .exit_signal = SIGCHLD);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, CLONE_PARENT with an exit_signal");
	ARGS(.flags = 1ULL << 40, .exit_signal = SIGCHLD);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, an unknown flag");
	ARGS(.flags = 0x00400000, .exit_signal = SIGCHLD);
	check_ret(clone3(&a, 64), -EINVAL, "clone3, CLONE_DETACHED");
	ARGS(.exit_signal = SIGCHLD, .set_tid_size = 1);
	check_ret(clone3(&a, 80), -EINVAL, "clone3, set_tid_size without set_tid");
	ARGS(.exit_signal = SIGCHLD, .set_tid = (uintptr_t)&ptid);
	check_ret(clone3(&a, 80), -EINVAL, "clone3, set_tid without a size");
	ARGS(.exit_signal = SIGCHLD, .set_tid = (uintptr_t)&ptid, .set_tid_size = 33);
	check_ret(clone3(&a, 80), -EINVAL, "clone3, set_tid_size 33");
	ARGS(.exit_signal = SIGCHLD, .set_tid = 4, .set_tid_size = 1);
	check_ret(clone3(&a, 80), -EFAULT, "clone3, set_tid unreadable");

	/* A fork, with the struct's trailing zeros allowed */
	memset(big, 0, sizeof(big));
	ARGS(.flags = 0x00100000, .exit_signal = SIGCHLD, .parent_tid = (uintptr_t)&ptid);
	memcpy(big, &a, sizeof(a));
	pid = clone3((struct clone_args *)big, 256);
	if (pid == 0)
		child_exit(7);
	check(pid > 0, "clone3 as fork, 256 bytes, zero past Linux's 88 = %ld", pid);
	check(ptid == pid, "CLONE_PARENT_SETTID wrote the PID (%d)", ptid);
	check(sys_waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "the child exits 7 (status %#x)", status);

	/* CLONE_CLEAR_SIGHAND: handlers back to SIG_DFL, SIG_IGN kept */
	{
		struct sigaction sa, old;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sigaction(SIGUSR1, &sa, NULL);
		sa.sa_handler = SIG_IGN;
		sigaction(SIGUSR2, &sa, NULL);
		ARGS(.flags = 0x100000000ULL, .exit_signal = SIGCHLD);
		pid = clone3(&a, 64);
		if (pid == 0) {
			sigaction(SIGUSR1, NULL, &old);
			if (old.sa_handler != SIG_DFL)
				child_exit(1);
			sigaction(SIGUSR2, NULL, &old);
			child_exit(old.sa_handler == SIG_IGN ? 0 : 2);
		}
		sys_waitpid(pid, &status, 0);
		check(status == 0, "CLONE_CLEAR_SIGHAND: SIG_DFL for a handler, SIG_IGN kept (status %#x)", status);
	}

	/* set_tid: a PID of our choosing, -EEXIST when taken */
	{
		int want = (int)sys_getpid() + 1000, self = (int)sys_getpid();

		ARGS(.exit_signal = SIGCHLD, .set_tid = (uintptr_t)&want, .set_tid_size = 1);
		pid = clone3(&a, 80);
		if (pid == 0)
			child_exit(sys_getpid() == want ? 0 : 1);
		check(pid == want, "set_tid gives the child PID %d (got %ld)", want, pid);
		if (pid > 0) {
			sys_waitpid(pid, &status, 0);
			check(status == 0, "and the child sees it (status %#x)", status);
		}
		ARGS(.exit_signal = SIGCHLD, .set_tid = (uintptr_t)&self, .set_tid_size = 1);
		check_ret(clone3(&a, 80), -EEXIST, "set_tid of a PID in use");
	}

	/* On a stack of its own */
	child_esp = 0;
	ARGS(.flags = 0x00000100 | 0x00004000, .exit_signal = SIGCHLD, .stack = (uintptr_t)child_stack,
	     .stack_size = sizeof(child_stack));
	pid = clone3_on_stack(&a);
	check(pid > 0, "clone3 with CLONE_VM | CLONE_VFORK and a stack = %ld", pid);
	check(child_esp == (uintptr_t)child_stack + sizeof(child_stack),
	      "the child ran on the stack's top (esp %#lx)", child_esp);
	check(sys_waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "and exited 42 (status %#x)", status);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-check") == 0)
		return exec_check();
	robust_list();
	restartable_sequences(argv[0]);
	clone3_calls();
	return done();
}
