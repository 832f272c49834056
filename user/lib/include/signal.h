/*
 * Signals, as the Linux i386 kernel passes them (not glibc's larger
 * sigset_t): 64 signals, the kernel's struct sigaction, the 128-byte
 * siginfo_t and the ucontext a SA_SIGINFO handler gets. sigaction()
 * always sets SA_RESTORER with a restorer of its own, as glibc does.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32
#define SIGRTMAX  64
#define _NSIG     64

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

#define SA_NOCLDSTOP   0x00000001
#define SA_NOCLDWAIT   0x00000002
#define SA_SIGINFO     0x00000004
#define SA_RESTORER    0x04000000
#define SA_ONSTACK     0x08000000
#define SA_RESTART     0x10000000
#define SA_NODEFER     0x40000000
#define SA_RESETHAND   0x80000000

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)
#define SI_TKILL    (-6)
#define ILL_ILLOPN  2
#define ILL_BADSTK  8
#define FPE_INTDIV  1
#define FPE_FLTDIV  3
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

typedef struct {
	unsigned long sig[2];
} sigset_t;

typedef struct {
	int si_signo, si_errno, si_code;
	union {
		struct { pid_t pid; unsigned int uid; int value; } rt;
		struct { pid_t pid; unsigned int uid; int status; long utime, stime; } chld;
		struct { void *addr; } fault;
		int pad[29];
	} u;
} siginfo_t;
#define si_pid    u.rt.pid
#define si_uid    u.rt.uid
#define si_value  u.rt.value
#define si_status u.chld.status
#define si_addr   u.fault.addr

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	unsigned long sa_flags;
	void (*sa_restorer)(void);
	sigset_t sa_mask;
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* The registers at the signal (the kernel's struct sigcontext). */
struct sigcontext {
	unsigned short gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
	unsigned long trapno, err, eip;
	unsigned short cs, __csh;
	unsigned long eflags, esp_at_signal;
	unsigned short ss, __ssh;
	void *fpstate;          /* struct _fpstate: 112-byte fsave header, then the fxsave image */
	unsigned long oldmask, cr2;
};

typedef struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
sighandler_t signal(int sig, sighandler_t handler);     /* BSD semantics, as glibc: SA_RESTART */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *oss);
int kill(pid_t pid, int sig);
int raise(int sig);
int pause(void);        /* POSIX puts it in <unistd.h> */

/* The restorers sigaction() installs: rt_sigreturn and sigreturn. */
void __restore_rt(void);
void __restore(void);

#endif
