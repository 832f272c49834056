/*
 * What the process tests share: Linux i386's numbers for the process calls,
 * raw wrappers that return the kernel's answer (a -errno on failure), the wait
 * status macros as Linux encodes the word, a clone that starts the child on a
 * stack of its own, and the way a child reports: it prints "# child: what:
 * got X, want Y" and exits with a status the parent checks, since only the
 * parent speaks TAP (a child's check() would number its lines twice).
 */
#ifndef PROCESS_H
#define PROCESS_H

#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define __NR_fork             2
#define __NR_waitpid          7
#define __NR_execve          11
#define __NR_kill            37
#define __NR_setpgid         57
#define __NR_getppid         64
#define __NR_getpgrp         65
#define __NR_setsid          66
#define __NR_setrlimit       75
#define __NR_getrusage       77
#define __NR_wait4          114
#define __NR_clone          120
#define __NR_getpgid        132
#define __NR_getsid         147
#define __NR_sched_yield    158
#define __NR_rt_sigaction   174
#define __NR_rt_sigprocmask 175
#define __NR_vfork          190
#define __NR_ugetrlimit     191
#define __NR_gettid         224

/* <linux/sched.h> */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_NEWPID         0x20000000

#define SIGKILL  9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGTERM 15
#define SIGCHLD 17

/* <linux/wait.h> */
#define WNOHANG     0x00000001
#define WUNTRACED   0x00000002
#define WEXITED     0x00000004
#define WCONTINUED  0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

/* The status word as Linux's wait_task_zombie() stores it: exit code << 8, or the signal. */
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)

#define RLIMIT_NPROC 6

/* <linux/resource.h>'s struct rusage on i386: two timevals, then 14 longs. */
struct rusage {
	long ru_utime[2], ru_stime[2];
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

static inline long sys_fork(void) { return __syscall0(__NR_fork); }
static inline long sys_getpid(void) { return __syscall0(__NR_getpid); }
static inline long sys_getppid(void) { return __syscall0(__NR_getppid); }
static inline long sys_gettid(void) { return __syscall0(__NR_gettid); }
static inline long sys_wait4(long pid, int *status, long options, struct rusage *ru)
{
	return __syscall4(__NR_wait4, pid, (long)status, options, (long)ru);
}
static inline long sys_waitpid(long pid, int *status, long options)
{
	return __syscall3(__NR_waitpid, pid, (long)status, options);
}
static inline long sys_kill(long pid, long sig) { return __syscall2(__NR_kill, pid, sig); }
static inline long sys_execve(const char *path, char *const *argv, char *const *envp)
{
	return __syscall3(__NR_execve, (long)path, (long)argv, (long)envp);
}
static inline long sys_setpgid(long pid, long pgid) { return __syscall2(__NR_setpgid, pid, pgid); }
static inline long sys_getpgid(long pid) { return __syscall1(__NR_getpgid, pid); }
static inline long sys_getpgrp(void) { return __syscall0(__NR_getpgrp); }
static inline long sys_setsid(void) { return __syscall0(__NR_setsid); }
static inline long sys_getsid(long pid) { return __syscall1(__NR_getsid, pid); }
static inline long sys_sched_yield(void) { return __syscall0(__NR_sched_yield); }

/* The child's end: _exit at once, without the parent's atexit work (there is none, but glibc's habit). */
static inline void __attribute__((noreturn)) child_exit(int code)
{
	__syscall1(__NR_exit, code);
	__builtin_unreachable();
}

/*
 * vfork: the child runs on the parent's stack until it execs or exits, so
 * this cannot be a C function that returns twice through its own frame
 * safely unless it is inlined into the caller: always_inline, and the
 * caller's child side only calls exec or child_exit.
 */
static inline __attribute__((always_inline)) long sys_vfork(void)
{
	return __syscall0(__NR_vfork);
}

/*
 * clone(flags, stack, parent_tid, tls, child_tid), i386's argument order
 * (CLONE_BACKWARDS). With stack 0 the child returns here on a copy of the
 * parent's stack, as from fork: only for flags without CLONE_VM.
 */
static inline __attribute__((always_inline)) long sys_clone(unsigned long flags, void *stack, int *ptid, void *tls, int *ctid)
{
	return __syscall5(__NR_clone, flags, (long)stack, (long)ptid, (long)tls, (long)ctid);
}

/*
 * clone with the child on its own stack (stack_top: one past the end, 16-byte
 * aligned), the way posix_spawn and pthread_create start one: the child calls
 * fn(arg) there and exits with what it returns. Returns the child's PID to
 * the parent, or a -errno.
 */
static inline long clone_on_stack(unsigned long flags, void *stack_top, int *ptid, void *tls, int *ctid,
				  int (*fn)(void *), void *arg)
{
	unsigned long *sp = (unsigned long *)stack_top - 4;
	long ret;

	sp[0] = (unsigned long)fn;
	sp[1] = (unsigned long)arg;
	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 /* the child, on sp: fn's address, then its argument */
			 "popl %%eax\n\t"
			 "call *%%eax\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "movl $1, %%eax\n\t"           /* exit */
			 "int $0x80\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone), "b"(flags), "c"(sp), "d"(ptid), "S"(tls), "D"(ctid)
			 : "memory");
	return ret;
}

/* In a child: a mismatch ends it with status code after saying what differed. */
#define child_expect(got, want, code, what)                                                          \
	do {                                                                                         \
		long g_ = (long)(got), w_ = (long)(want);                                            \
		if (g_ != w_) {                                                                      \
			printf("# child %ld: %s: got %ld, want %ld\n", sys_getpid(), what, g_, w_);  \
			child_exit(code);                                                            \
		}                                                                                    \
	} while (0)

/* Reaps pid and checks that it exited with status 0 (its own checks all held). */
static inline void reap_ok(long pid, const char *what)
{
	int status = -1;

	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for %s", what);
	check(status == 0, "%s: exited with status 0 (status word %#x)", what, status);
}

#endif
