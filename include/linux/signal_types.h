/*
 * The types of signal handling (Linux's include/linux/signal_types.h and
 * include/uapi/asm-generic/signal-defs.h): signal sets, the action a
 * process chose for each signal, and the signals waiting for delivery.
 * kernel/signal.c keeps them; struct task_struct holds one of each.
 */
#ifndef PAGODA_SIGNAL_TYPES_H
#define PAGODA_SIGNAL_TYPES_H

#include <stdint.h>

#define _NSIG       64          /* signals 1..64: 1..31 classic, 32..64 real-time */
#define _NSIG_BPW   32
#define _NSIG_WORDS (_NSIG / _NSIG_BPW)

typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;

typedef void (*__sighandler_t)(int);
typedef void (*__sigrestore_t)(void);

#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)

/* sa_flags (Linux's include/uapi/asm-generic/signal-defs.h and asm/signal.h) */
#define SA_NOCLDSTOP      0x00000001    /* SIGCHLD: not when a child stops or continues */
#define SA_NOCLDWAIT      0x00000002    /* SIGCHLD: children reap themselves */
#define SA_SIGINFO        0x00000004    /* the handler takes (sig, siginfo, ucontext): an rt frame */
#define SA_UNSUPPORTED    0x00000400    /* never set: programs probe with it */
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER       0x04000000    /* sa_restorer is the way back (libcs always set it) */
#define SA_ONSTACK        0x08000000    /* run on the sigaltstack */
#define SA_RESTART        0x10000000    /* restart an interrupted system call */
#define SA_NODEFER        0x40000000    /* do not block the signal in its own handler */
#define SA_RESETHAND      0x80000000    /* back to SIG_DFL once delivered */
#define UAPI_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
		       SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

/* task->signal_flags (Linux's signal->flags) */
#define SIGNAL_UNKILLABLE 0x00000040    /* init: no signal it did not ask for kills or stops it */

/* sigprocmask's how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack (i386's stack_t) */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)        /* off while the handler runs on it */
#define SS_FLAG_BITS  SS_AUTODISARM
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

typedef struct {
	void *ss_sp;
	int ss_flags;
	unsigned int ss_size;
} stack_t;

/* si_code: who sent it (negative: a process, SI_KERNEL: the kernel) or why (a fault's kind) */
#define SI_USER     0           /* kill() */
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)        /* sigqueue() */
#define SI_TKILL    (-6)        /* tkill(), tgkill() */
#define ILL_ILLOPN  2
#define ILL_BADSTK  8
#define FPE_INTDIV  1
#define FPE_FLTDIV  3
#define FPE_FLTOVF  4
#define FPE_FLTUND  5
#define FPE_FLTRES  6
#define FPE_FLTINV  7
#define SEGV_MAPERR 1           /* nothing mapped there */
#define SEGV_ACCERR 2           /* mapped, but not for this access */
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_BRKPT  1
#define TRAP_TRACE  2
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* The kernel's sigaction, as rt_sigaction passes it on i386. */
struct sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {
	struct sigaction sa;
};

/*
 * What a queued signal carries (Linux's kernel_siginfo: si_signo,
 * si_errno, si_code and a union). It is the first 32 bytes of the
 * 128-byte siginfo_t a handler sees; the rest is zero.
 */
struct kernel_siginfo {
	int si_signo, si_errno, si_code;
	union {
		struct { int pid; unsigned int uid; } kill;                     /* kill, tkill */
		struct { int pid; unsigned int uid; int sigval; } rt;           /* sigqueue */
		struct { int pid; unsigned int uid; int status; long utime, stime; } chld;
		struct { unsigned long addr; } fault;                            /* SIGSEGV, SIGBUS, ... */
		unsigned int raw[5];                                            /* as rt_sigqueueinfo gave it */
	};
};
#define SI_MAX_SIZE 128         /* the user's siginfo_t */

/* Signals sent but not yet delivered: a set, and one siginfo each (classic signals do not queue twice). */
struct sigpending {
	sigset_t signal;
	struct kernel_siginfo info[_NSIG];
};

#endif
