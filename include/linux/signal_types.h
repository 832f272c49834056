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

/* What a queued signal carries (Linux's kernel_siginfo: si_signo, si_errno, si_code and a union). */
struct kernel_siginfo {
	int si_signo, si_errno, si_code;
	union {
		struct { int pid; unsigned int uid; } kill;                     /* kill, tkill */
		struct { int pid; unsigned int uid; int status; long utime, stime; } chld;
		struct { unsigned long addr; } fault;                            /* SIGSEGV, SIGBUS, ... */
	};
};

/* Signals sent but not yet delivered: a set, and one siginfo each (classic signals do not queue twice). */
struct sigpending {
	sigset_t signal;
	struct kernel_siginfo info[_NSIG];
};

#endif
