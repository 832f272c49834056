/*
 * Signals (kernel/signal.c, arch/i386/kernel/signal.c): what the rest of the
 * kernel calls. The numbers are Linux i386's.
 */
#ifndef PAGODA_SIGNAL_H
#define PAGODA_SIGNAL_H

#include <stdbool.h>
#include "linux/signal_types.h"

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

/* Restarting a system call a signal interrupted (Linux's include/linux/errno.h): never seen by a program. */
#define ERESTARTSYS           512
#define ERESTARTNOINTR        513
#define ERESTARTNOHAND        514
#define ERESTART_RESTARTBLOCK 516

struct task_struct;
struct pt_regs;
struct restart_block;

/* Signal sets: signal sig is bit sig - 1. */
static inline unsigned long sigmask(int sig)
{
	return 1UL << ((sig - 1) % _NSIG_BPW);
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[(sig - 1) / _NSIG_BPW] |= sigmask(sig);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[(sig - 1) / _NSIG_BPW] &= ~sigmask(sig);
}

static inline bool sigismember(const sigset_t *set, int sig)
{
	return set->sig[(sig - 1) / _NSIG_BPW] & sigmask(sig);
}

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = 0;
}

static inline void siginitset(sigset_t *set, unsigned long mask)
{
	set->sig[0] = mask;
	set->sig[1] = 0;
}

static inline bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

/* A signal about to be delivered to a handler (Linux's struct ksignal). */
struct ksignal {
	struct k_sigaction ka;
	struct kernel_siginfo info;
	int sig;
};

/* Is a signal waiting that current must handle before it sleeps on (Linux's signal_pending)? */
bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);

/* Send sig to p, with info (NULL: as kill() from the kernel). 0, or -EINVAL for a bad number. */
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p);
/* A fault of current's: deliver sig even if blocked or ignored (Linux's force_sig_fault). */
void force_sig_fault(int sig, int code, unsigned long addr);
/* A fatal exception in user mode: the signal Linux sends for the trap (arch/i386/kernel/traps.c). */
void force_sig_trap(struct pt_regs *regs);

/* fork: p (a copy of current) keeps its actions, mask and altstack, with nothing pending. */
void signal_fork(struct task_struct *p, unsigned long clone_flags);
/* execve: handled signals go back to SIG_DFL, ignored ones stay ignored; no altstack (flush_signal_handlers). */
void signal_exec(struct task_struct *p);
/*
 * A child of its parent's stopped or exited: send the parent sig
 * (exit_signal, normally SIGCHLD). Returns true when the parent does not
 * want zombies (SIGCHLD ignored or SA_NOCLDWAIT): the child reaps itself.
 */
bool do_notify_parent(struct task_struct *tsk, int sig);

/* On the way back to user mode, with a signal pending: deliver it (arch/i386/kernel/signal.c). */
void do_signal(struct pt_regs *regs);

/* kernel/signal.c, for the arch code and the fault handlers */
/* Take the next signal; default actions happen here. true: run ksig's handler (Linux's get_signal). */
bool get_signal(struct ksignal *ksig);
/* The handler's frame is built (failed: it could not be written, SIGSEGV): block what it asks. */
void signal_setup_done(bool failed, struct ksignal *ksig);
/* Would sig kill current, with no handler to see it? (Linux's unhandled_signal, for the log lines) */
bool unhandled_signal(struct task_struct *tsk, int sig);
/* Send sig to current from the kernel, as a fault does: unblocked, SIG_DFL if it was ignored. */
void force_sig(int sig);
/* Delivering sig failed: SIGSEGV, fatal if sig was SIGSEGV itself (Linux's force_sigsegv). */
void force_sigsegv(int sig);
/* The blocked set becomes *set, less SIGKILL and SIGSTOP. */
void set_current_blocked(sigset_t *set);
/* The mask a handler's frame saves: the one sigsuspend replaced, if any (sigmask_to_save). */
sigset_t *sigmask_to_save(void);
/* No handler ran after sigsuspend: put its caller's mask back (restore_saved_sigmask). */
void restore_saved_sigmask(void);
/* The sigaltstack a frame saves (uc_stack), and the one sigreturn puts back: 0 or -EFAULT. */
void save_altstack(stack_t *ss, unsigned long sp);
int restore_altstack(const stack_t *ss, unsigned long sp);
/* Is sp on current's alternate signal stack? (on_sig_stack, sas_ss_flags) */
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
/* restart_block.fn of a call that must not restart: -EINTR. */
long do_no_restart_syscall(struct restart_block *param);
/* The 128-byte siginfo_t a handler sees, from info: 0 or -EFAULT. */
int copy_siginfo_to_user(void *to, const struct kernel_siginfo *info);

#endif
