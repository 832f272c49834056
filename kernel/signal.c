/*
 * Signals (Linux's kernel/signal.c): sending one to a task, the set of
 * signals pending and blocked, what happens when a task takes one with no
 * handler (terminate, ignore, stop, continue), the notice a parent gets
 * when a child stops, continues or exits, and the system calls that
 * change a task's actions and mask. Building a handler's frame on the
 * user stack is the architecture's part: arch/i386/kernel/signal.c.
 *
 * One thread per process, so Linux's shared and private pending queues
 * are one set here; each signal keeps one siginfo (a real-time signal
 * sent twice before delivery arrives once, not twice as in Linux).
 * There are no users: every task may signal every other (root). PID 1
 * is protected as the init of a Linux PID namespace: it gets only the
 * signals it has handlers for, and the faults it causes.
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/traps.h"
#include "linux/capability.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define M(sig) (1UL << ((sig) - 1))
/* Classic signals whose default action is to do nothing, or to stop (every other one terminates). */
#define SIG_KERNEL_IGNORE_MASK   (M(SIGCONT) | M(SIGCHLD) | M(SIGWINCH) | M(SIGURG))
#define SIG_KERNEL_STOP_MASK     (M(SIGSTOP) | M(SIGTSTP) | M(SIGTTIN) | M(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (M(SIGQUIT) | M(SIGILL) | M(SIGTRAP) | M(SIGABRT) | M(SIGFPE) | M(SIGSEGV) | \
				  M(SIGBUS) | M(SIGSYS) | M(SIGXCPU) | M(SIGXFSZ))
/* Faults: taken before any other pending signal (Linux's SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK (M(SIGSEGV) | M(SIGBUS) | M(SIGILL) | M(SIGTRAP) | M(SIGFPE) | M(SIGSYS))

/*
 * Linux's siglock: the tick sends SIGALRM, SIGVTALRM and SIGPROF from
 * its interrupt, so a task's pending, blocked and actions change with
 * interrupts off. One CPU: that is the whole lock.
 */
static unsigned long lock_signals(void)
{
	return local_irq_save();
}

static void unlock_signals(unsigned long flags)
{
	local_irq_restore(flags);
}

static bool sig_in(int sig, unsigned long mask)
{
	return sig < SIGRTMIN && (M(sig) & mask);
}

static bool sig_kernel_only(int sig)
{
	return sig == SIGKILL || sig == SIGSTOP;
}

static __sighandler_t sig_handler(struct task_struct *t, int sig)
{
	return t->action[sig - 1].sa.sa_handler;
}

/* Is the handler SIG_IGN, or SIG_DFL for a signal whose default is to do nothing? */
static bool sig_handler_ignored(__sighandler_t handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_in(sig, SIG_KERNEL_IGNORE_MASK));
}

/* Signals pending and not in mask (the blocked ones): those that interrupt a sleep. */
static unsigned long deliverable(struct task_struct *p, const sigset_t *mask, int word)
{
	return p->pending.signal.sig[word] & ~mask->sig[word];
}

bool signal_pending(struct task_struct *p)
{
	return p && (deliverable(p, &p->blocked, 0) || deliverable(p, &p->blocked, 1));
}

/*
 * Would sig, delivered now, kill p (Linux's sig_fatal)? Its handler is
 * SIG_DFL and its default action terminates (not ignore, not stop), and
 * p is not init, which no default action touches.
 */
static bool sig_fatal(struct task_struct *p, int sig)
{
	return sig_handler(p, sig) == SIG_DFL && !sig_in(sig, SIG_KERNEL_IGNORE_MASK) &&
	       !sig_in(sig, SIG_KERNEL_STOP_MASK) && !(p->signal_flags & SIGNAL_UNKILLABLE);
}

/*
 * Does sig end p at once, even from a killable sleep or a stop? A fatal
 * signal that would not dump core: Linux's complete_signal makes those a
 * group SIGKILL (the core-dump signals take the slower way, through
 * their delivery).
 */
static bool sig_kills_at_once(struct task_struct *p, int sig)
{
	return sig == SIGKILL || (sig_fatal(p, sig) && !sig_in(sig, SIG_KERNEL_COREDUMP_MASK));
}

/*
 * Will a pending signal kill p? SIGKILL, or an unblocked one that is
 * fatal (Linux's complete_signal turns it into SIGKILL for the group;
 * here it stays itself, so the wait status names it). A killable sleep
 * (vfork's parent) ends for it.
 */
bool fatal_signal_pending(struct task_struct *p)
{
	if (!p)
		return false;
	if (sigismember(&p->pending.signal, SIGKILL))
		return true;
	for (int sig = 1; sig <= _NSIG; sig++)
		if (sigismember(&p->pending.signal, sig) && !sigismember(&p->blocked, sig) &&
		    sig_kills_at_once(p, sig))
			return true;
	return false;
}

static void flush_sigqueue_mask(unsigned long mask, struct task_struct *p)
{
	p->pending.signal.sig[0] &= ~mask;
}

/* Wake p for a new signal: from an interruptible sleep, or for SIGKILL from a killable one or a stop too. */
static void signal_wake_up(struct task_struct *p, bool fatal)
{
	wake_up_state(p, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL | __TASK_STOPPED : 0));
}

/* Clock ticks (HZ) as the clock_t of siginfo's si_utime (USER_HZ = 100). */
static long ticks_to_clock_t(unsigned long ticks)
{
	return (long)((unsigned long long)ticks * 100 / HZ);
}

/*
 * Tell tsk's parent it stopped or continued (why: CLD_STOPPED or
 * CLD_CONTINUED): SIGCHLD unless the parent ignores it or asked
 * SA_NOCLDSTOP; a parent in wait4 wakes either way (Linux's
 * do_notify_parent_cldstop).
 */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *parent = tsk->real_parent;
	struct kernel_siginfo info;
	struct k_sigaction *ka;

	if (!parent)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.chld.pid = tsk->pid;
	info.chld.status = why == CLD_CONTINUED ? SIGCONT : tsk->stop_code;
	info.chld.utime = ticks_to_clock_t(tsk->utime);
	info.chld.stime = ticks_to_clock_t(tsk->stime);
	ka = &parent->action[SIGCHLD - 1];
	if (ka->sa.sa_handler != SIG_IGN && !(ka->sa.sa_flags & SA_NOCLDSTOP))
		send_sig_info(SIGCHLD, &info, parent);
	__wake_up_parent(tsk);
}

/*
 * What sending sig does before it is queued (Linux's prepare_signal): a
 * stop signal discards a pending SIGCONT; SIGCONT discards pending stop
 * signals and wakes a stopped task, whatever its handler. Returns false
 * when the signal is to be dropped: p has exited, or ignores it (a
 * blocked signal is never ignored: its handler may change before it is
 * unblocked).
 */
static bool prepare_signal(int sig, struct task_struct *p)
{
	if (p->exit_state)
		return false;
	if (sig_in(sig, SIG_KERNEL_STOP_MASK)) {
		flush_sigqueue_mask(M(SIGCONT), p);
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, p);
		if (p->state == __TASK_STOPPED) {
			p->stop_code = 0;       /* no longer stopped: WUNTRACED has nothing to say */
			p->continued = true;
			wake_up_state(p, __TASK_STOPPED);
			do_notify_parent_cldstop(p, CLD_CONTINUED);
		}
	}
	if (sigismember(&p->blocked, sig) || sigismember(&p->real_blocked, sig))
		return true;
	/* init takes only the signals it has a handler for (Linux's sig_task_ignored) */
	if ((p->signal_flags & SIGNAL_UNKILLABLE) && sig_handler(p, sig) == SIG_DFL)
		return false;
	return !sig_handler_ignored(sig_handler(p, sig), sig);
}

/* Queue sig for p with info (NULL: from the kernel) and wake it if it may take it. */
static int send_signal(int sig, const struct kernel_siginfo *info, struct task_struct *p)
{
	struct kernel_siginfo *q = &p->pending.info[sig - 1];
	unsigned long flags = lock_signals();

	/* a classic signal does not queue twice (legacy_queue) */
	if (prepare_signal(sig, p) && !sigismember(&p->pending.signal, sig)) {
		if (info) {
			*q = *info;
		} else {
			memset(q, 0, sizeof(*q));
			q->si_signo = sig;
			q->si_code = SI_KERNEL;
		}
		sigaddset(&p->pending.signal, sig);
		if (!sigismember(&p->blocked, sig))
			signal_wake_up(p, sig_kills_at_once(p, sig));
	}
	unlock_signals(flags);
	return 0;
}

int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	if (!valid_signal((unsigned long)sig))
		return -EINVAL;
	return sig ? send_signal(sig, info, p) : 0;
}

/*
 * A signal current caused and cannot ignore (Linux's
 * force_sig_info_to_task): one it blocks or ignores is unblocked and
 * goes back to SIG_DFL, so the fault kills. dfl: SIG_DFL whatever the
 * handler (a frame that could not be built: force_fatal_sig).
 */
static void force_sig_info(struct kernel_siginfo *info, bool dfl)
{
	int sig = info->si_signo;
	struct k_sigaction *ka = &current->action[sig - 1];
	unsigned long flags = lock_signals();

	if (sigismember(&current->blocked, sig) || ka->sa.sa_handler == SIG_IGN || dfl) {
		ka->sa.sa_handler = SIG_DFL;
		sigdelset(&current->blocked, sig);
	}
	if (ka->sa.sa_handler == SIG_DFL)
		current->signal_flags &= ~SIGNAL_UNKILLABLE;    /* a fault kills init too */
	send_signal(sig, info, current);
	unlock_signals(flags);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct kernel_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.fault.addr = addr;
	force_sig_info(&info, false);
}

void force_sig(int sig)
{
	struct kernel_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_sig_info(&info, false);
}

void force_sigsegv(int sig)
{
	struct kernel_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGSEGV;
	info.si_code = SI_KERNEL;
	force_sig_info(&info, sig == SIGSEGV);  /* its own handler's frame failed: die */
}

bool unhandled_signal(struct task_struct *tsk, int sig)
{
	__sighandler_t handler = sig_handler(tsk, sig);

	if (tsk->pid == 1)
		return true;            /* Linux's is_global_init(): always logged */
	return handler == SIG_IGN || handler == SIG_DFL;
}

/*
 * A fatal exception in user mode: the signal, si_code and si_addr Linux's
 * arch/x86/kernel/traps.c gives for the trap (SI_KERNEL where it uses
 * force_sig), and its log line when nothing will handle it.
 */
void force_sig_trap(struct pt_regs *regs)
{
	int sig = SIGSEGV, code = SI_KERNEL;
	unsigned long addr = 0;

	switch (regs->trapno) {
	case 0:
		sig = SIGFPE, code = FPE_INTDIV, addr = regs->eip;
		break;
	case 16: case 19:               /* x87 and SIMD errors: which one, from the FPU's state */
		sig = SIGFPE, code = fpu_exception_code(regs->trapno), addr = regs->eip;
		if (!code)
			return;         /* none unmasked: spurious, as Linux's math_error says */
		break;
	case 1:
		sig = SIGTRAP, code = TRAP_TRACE, addr = regs->eip;
		break;
	case 3:
		sig = SIGTRAP;
		break;
	case 6:
		sig = SIGILL, code = ILL_ILLOPN, addr = regs->eip;
		break;
	case TRAP_IRET:
		sig = SIGILL, code = ILL_BADSTK;        /* Linux's iret_error */
		break;
	case 11: case 12:               /* segment not present, stack segment */
		sig = SIGBUS;
		break;
	case 17:
		sig = SIGBUS, code = BUS_ADRALN;
		break;
	case 9:
		sig = SIGFPE;
		break;
	}
	current->thread.trap_nr = regs->trapno;
	current->thread.error_code = regs->orig_eax;
	if (unhandled_signal(current, sig))
		printk(KERN_INFO "traps: %s[%d] trap %s ip:%x sp:%x error:%x\n", current->comm,
		       current->pid, trap_name(regs->trapno), regs->eip, regs->esp, regs->orig_eax);
	if (code == SI_KERNEL)
		force_sig(sig);
	else
		force_sig_fault(sig, code, addr);
}

/* ---- taking a signal: default actions ---- */

/* The next signal to take, not in mask: a fault first, then the lowest number (Linux's next_signal). */
static int next_signal(struct task_struct *p, const sigset_t *mask)
{
	for (int w = 0; w < _NSIG_WORDS; w++) {
		unsigned long x = deliverable(p, mask, w);

		if (!x)
			continue;
		if (w == 0 && (x & SYNCHRONOUS_MASK))
			x &= SYNCHRONOUS_MASK;
		return w * _NSIG_BPW + __builtin_ctzl(x) + 1;
	}
	return 0;
}

/*
 * Is current's process group orphaned: does no member have a parent in
 * another group of the same session? Then SIGTSTP, SIGTTIN and SIGTTOU
 * do not stop it, for no shell would continue it (Linux's
 * is_current_pgrp_orphaned).
 */
static bool is_current_pgrp_orphaned(void)
{
	struct task_struct *p;

	for_each_process(p) {
		struct task_struct *parent = p->real_parent;

		if (p->pgid != current->pgid || p->exit_state || !parent)
			continue;
		if (parent->pgid != p->pgid && parent->sid == p->sid)
			return false;
	}
	return true;
}

/* Stop current for sig until SIGCONT or SIGKILL (Linux's do_signal_stop). */
static void do_signal_stop(int sig)
{
	current->stop_code = sig;
	current->continued = false;
	set_current_state(__TASK_STOPPED);
	do_notify_parent_cldstop(current, CLD_STOPPED);
	while (current->state == __TASK_STOPPED)
		schedule();
}

bool get_signal(struct ksignal *ksig)
{
	for (;;) {
		unsigned long flags = lock_signals();
		int sig = next_signal(current, &current->blocked);
		struct k_sigaction *ka;

		if (!sig) {
			unlock_signals(flags);
			return false;
		}
		ka = &current->action[sig - 1];
		sigdelset(&current->pending.signal, sig);
		ksig->ka = *ka;
		ksig->info = current->pending.info[sig - 1];
		ksig->sig = sig;
		if (ka->sa.sa_handler != SIG_DFL && ka->sa.sa_handler != SIG_IGN &&
		    (ka->sa.sa_flags & SA_RESETHAND))
			ka->sa.sa_handler = SIG_DFL;
		unlock_signals(flags);
		ka = &ksig->ka;
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL)
			return true;
		if (sig_in(sig, SIG_KERNEL_IGNORE_MASK))
			continue;
		/* init: a signal queued while blocked that it has no handler for */
		if ((current->signal_flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(sig))
			continue;
		if (sig_in(sig, SIG_KERNEL_STOP_MASK)) {
			if (sig != SIGSTOP && is_current_pgrp_orphaned())
				continue;
			do_signal_stop(sig);
			continue;
		}
		/*
		 * Everything else terminates. The core-dump signals would set
		 * 0x80 in the wait status if a core were written; Pagoda writes
		 * none, as Linux with RLIMIT_CORE 0 (its default), so it is clear.
		 */
		do_exit(sig);
	}
}

void set_current_blocked(sigset_t *set)
{
	unsigned long flags;

	sigdelset(set, SIGKILL);
	sigdelset(set, SIGSTOP);
	flags = lock_signals();
	current->blocked = *set;
	unlock_signals(flags);
}

sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
}

void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(&current->saved_sigmask);
	}
}

/* The handler's frame holds the mask to go back to: block sa_mask and (unless SA_NODEFER) sig. */
void signal_setup_done(bool failed, struct ksignal *ksig)
{
	sigset_t blocked = current->blocked;

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	current->restore_sigmask = false;
	blocked.sig[0] |= ksig->ka.sa.sa_mask.sig[0];
	blocked.sig[1] |= ksig->ka.sa.sa_mask.sig[1];
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
		current->sas_ss_flags = SS_DISABLE;
	}
}

int copy_siginfo_to_user(void *to, const struct kernel_siginfo *info)
{
	if (copy_to_user(to, info, sizeof(*info)))
		return -EFAULT;
	return clear_user((char *)to + sizeof(*info), SI_MAX_SIZE - sizeof(*info)) ? -EFAULT : 0;
}

/* ---- fork, exec, exit ---- */

void signal_fork(struct task_struct *p, unsigned long clone_flags)
{
	memcpy(p->action, current->action, sizeof(p->action));
	p->blocked = current->blocked;
	sigemptyset(&p->real_blocked);
	sigemptyset(&p->pending.signal);
	p->restore_sigmask = false;
	p->sas_ss_sp = current->sas_ss_sp;
	p->sas_ss_size = current->sas_ss_size;
	p->sas_ss_flags = current->sas_ss_flags;
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		p->sas_ss_sp = p->sas_ss_size = 0;      /* a thread on the same stack: its own altstack */
		p->sas_ss_flags = SS_DISABLE;
	}
	p->stop_code = 0;
	p->continued = false;
	p->signal_flags = 0;
}

void signal_exec(struct task_struct *p)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &p->action[i];

		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;    /* the handler's code is gone */
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
	p->sas_ss_sp = p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct kernel_siginfo info;
	struct k_sigaction *ka;
	bool autoreap = false;

	if (!parent)
		return false;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.chld.pid = tsk->pid;
	info.chld.utime = ticks_to_clock_t(tsk->utime);
	info.chld.stime = ticks_to_clock_t(tsk->stime);
	info.chld.status = tsk->exit_code & 0x7f;
	if (tsk->exit_code & 0x80)
		info.si_code = CLD_DUMPED;
	else if (tsk->exit_code & 0x7f)
		info.si_code = CLD_KILLED;
	else {
		info.si_code = CLD_EXITED;
		info.chld.status = (tsk->exit_code >> 8) & 0xff;
	}
	ka = &parent->action[SIGCHLD - 1];
	if (sig == SIGCHLD && (ka->sa.sa_handler == SIG_IGN || (ka->sa.sa_flags & SA_NOCLDWAIT))) {
		/* POSIX: the parent does not want zombies. With SA_NOCLDWAIT it still gets SIGCHLD. */
		autoreap = true;
		if (ka->sa.sa_handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && valid_signal((unsigned long)sig))
		send_signal(sig, &info, parent);
	__wake_up_parent(tsk);          /* a wait4 may now find the zombie, or say -ECHILD */
	return autoreap;
}

/* ---- the sigaltstack ---- */

bool on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * sigaltstack's work (Linux's do_sigaltstack): report the old stack in
 * *oss, then install *ss. -EPERM while running on the current one,
 * -EINVAL for a mode other than 0, SS_ONSTACK or SS_DISABLE (plus
 * SS_AUTODISARM), -ENOMEM below MINSIGSTKSZ bytes.
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void *)current->sas_ss_sp;
		oss->ss_size = current->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (int)(current->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int mode = (unsigned int)ss->ss_flags & ~SS_FLAG_BITS;
		unsigned long ss_sp = (unsigned long)ss->ss_sp, ss_size = ss->ss_size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss_sp = ss_size = 0;
		} else if (ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = ss_sp;
		current->sas_ss_size = ss_size;
		current->sas_ss_flags = (unsigned int)ss->ss_flags;
	}
	return 0;
}

void save_altstack(stack_t *ss, unsigned long sp)
{
	do_sigaltstack(NULL, ss, sp);
}

int restore_altstack(const stack_t *ss, unsigned long sp)
{
	stack_t new;

	if (copy_from_user(&new, ss, sizeof(new)))
		return -EFAULT;
	do_sigaltstack(&new, NULL, sp);  /* Linux squashes every error but -EFAULT */
	return 0;
}

long sys_sigaltstack(const stack_t *uss, stack_t *uoss)
{
	stack_t new, old;
	long err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, task_pt_regs(current)->esp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* ---- actions ---- */

/*
 * Read and change sig's action (Linux's do_sigaction): -EINVAL for a
 * bad number or for SIGKILL and SIGSTOP. Unknown flag bits are dropped,
 * so a program can tell what this kernel knows. Setting SIG_IGN (or
 * SIG_DFL where the default is to ignore) discards a pending sig.
 */
static int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;

	if (!valid_signal((unsigned long)sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &current->action[sig - 1];
	if (oact) {
		*oact = *k;
		oact->sa.sa_flags &= UAPI_SA_FLAGS;
	}
	if (act) {
		unsigned long flags;

		act->sa.sa_flags &= UAPI_SA_FLAGS;
		sigdelset(&act->sa.sa_mask, SIGKILL);
		sigdelset(&act->sa.sa_mask, SIGSTOP);
		flags = lock_signals();
		*k = *act;
		if (sig_handler_ignored(k->sa.sa_handler, sig))
			sigdelset(&current->pending.signal, sig);
		unlock_signals(flags);
	}
	return 0;
}

long sys_rt_sigaction(int sig, const struct sigaction *act, struct sigaction *oact, unsigned int sigsetsize)
{
	struct k_sigaction new_sa, old_sa;
	long ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_sa.sa, act, sizeof(new_sa.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_sa : NULL, oact ? &old_sa : NULL);
	if (ret)
		return ret;
	if (oact && copy_to_user(oact, &old_sa.sa, sizeof(old_sa.sa)))
		return -EFAULT;
	return 0;
}

/* The old sigaction's layout (i386's struct old_sigaction): a one-word mask, flags after it. */
struct old_sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_mask;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
};

long sys_sigaction(int sig, const struct old_sigaction *act, struct old_sigaction *oact)
{
	struct k_sigaction new_ka, old_ka;
	struct old_sigaction o;
	long ret;

	if (act) {
		if (copy_from_user(&o, act, sizeof(o)))
			return -EFAULT;
		new_ka.sa.sa_handler = o.sa_handler;
		new_ka.sa.sa_restorer = o.sa_restorer;
		new_ka.sa.sa_flags = o.sa_flags;
		siginitset(&new_ka.sa.sa_mask, o.sa_mask);
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		o.sa_handler = old_ka.sa.sa_handler;
		o.sa_restorer = old_ka.sa.sa_restorer;
		o.sa_flags = old_ka.sa.sa_flags;
		o.sa_mask = old_ka.sa.sa_mask.sig[0];
		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return ret;
}

/* signal(): System V's one-shot handler. Returns the old handler, or -EINVAL. */
long sys_signal(int sig, __sighandler_t handler)
{
	struct k_sigaction new_sa, old_sa;
	long ret;

	new_sa.sa.sa_handler = handler;
	new_sa.sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	new_sa.sa.sa_restorer = NULL;
	sigemptyset(&new_sa.sa.sa_mask);
	ret = do_sigaction(sig, &new_sa, &old_sa);
	return ret ? ret : (long)old_sa.sa.sa_handler;
}

/* ---- the mask ---- */

static long sigprocmask(int how, sigset_t *set)
{
	sigset_t newset = current->blocked;

	switch (how) {
	case SIG_BLOCK:
		newset.sig[0] |= set->sig[0];
		newset.sig[1] |= set->sig[1];
		break;
	case SIG_UNBLOCK:
		newset.sig[0] &= ~set->sig[0];
		newset.sig[1] &= ~set->sig[1];
		break;
	case SIG_SETMASK:
		newset = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&newset);
	return 0;
}

long sys_rt_sigprocmask(int how, sigset_t *nset, sigset_t *oset, unsigned int sigsetsize)
{
	sigset_t old_set = current->blocked, new_set;
	long err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new_set, nset, sizeof(new_set)))
			return -EFAULT;
		err = sigprocmask(how, &new_set);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old_set, sizeof(old_set)))
		return -EFAULT;
	return 0;
}

/* The old sigprocmask: the first 32 signals only. */
long sys_sigprocmask(int how, unsigned long *nset, unsigned long *oset)
{
	unsigned long old_set = current->blocked.sig[0], new_set;
	sigset_t set;
	long err;

	if (nset) {
		if (copy_from_user(&new_set, nset, sizeof(new_set)))
			return -EFAULT;
		/* SIG_SETMASK replaces the first word and keeps the real-time signals' */
		set.sig[0] = new_set;
		set.sig[1] = how == SIG_SETMASK ? current->blocked.sig[1] : 0;
		err = sigprocmask(how, &set);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old_set, sizeof(old_set)))
		return -EFAULT;
	return 0;
}

/* Pending signals that are blocked (the others are delivered before the call returns). */
static void do_sigpending(sigset_t *set)
{
	set->sig[0] = current->pending.signal.sig[0] & current->blocked.sig[0];
	set->sig[1] = current->pending.signal.sig[1] & current->blocked.sig[1];
}

long sys_rt_sigpending(sigset_t *uset, unsigned int sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(set))
		return -EINVAL;
	do_sigpending(&set);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(unsigned long *uset)
{
	sigset_t set;

	do_sigpending(&set);
	return copy_to_user(uset, &set.sig[0], sizeof(set.sig[0])) ? -EFAULT : 0;
}

/* ---- waiting for a signal ---- */

/* Sleep with *set blocked until a signal is taken; the old mask comes back after the handler. */
static long sigsuspend(sigset_t *set)
{
	current->saved_sigmask = current->blocked;
	set_current_blocked(set);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	set_current_state(TASK_RUNNING);
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(sigset_t *unewset, unsigned int sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	return sigsuspend(&newset);
}

/* i386's old sigsuspend takes the mask itself, in its third argument. */
long sys_sigsuspend(int unused1, int unused2, unsigned long mask)
{
	sigset_t blocked;

	(void)unused1, (void)unused2;
	siginitset(&blocked, mask);
	return sigsuspend(&blocked);
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

/* ---- sending ---- */

static void prepare_kill_siginfo(int sig, struct kernel_siginfo *info, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.pid = current->tgid;
	info->kill.uid = current->uid;
}

/*
 * May the caller signal p? Its real or effective user id must be p's real
 * or saved one, or it holds CAP_KILL; SIGCONT may also go anywhere in the
 * caller's session (Linux's kill_ok_by_cred and check_kill_permission).
 */
static bool kill_permitted(int sig, const struct task_struct *p)
{
	const struct task_struct *c = current;

	if (p->tgid == c->tgid || capable(CAP_KILL))
		return true;
	if (c->euid == p->suid || c->euid == p->uid || c->uid == p->suid || c->uid == p->uid)
		return true;
	return sig == SIGCONT && p->sid == c->sid;
}

/*
 * Signal p as a process may (Linux's group_send_sig_info): -EINVAL for a
 * bad number, -EPERM (kill_permitted); sig 0 only probes.
 */
static int group_send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	if (!valid_signal((unsigned long)sig))
		return -EINVAL;
	if (!kill_permitted(sig, p))
		return -EPERM;
	return sig ? send_signal(sig, info, p) : 0;
}

static int kill_proc_info(int sig, struct kernel_siginfo *info, int pid)
{
	struct task_struct *p = find_task_by_vpid(pid);

	return p ? group_send_sig_info(sig, info, p) : -ESRCH;
}

/* Every process in group pgrp: 0 if one got it, else the last error (-ESRCH: nobody there). */
static int kill_pgrp_info(int sig, struct kernel_siginfo *info, int pgrp)
{
	struct task_struct *p;
	int ret = -ESRCH;
	bool success = false;

	for_each_process(p) {
		if (p->pgid != pgrp)
			continue;
		ret = group_send_sig_info(sig, info, p);
		success |= !ret;
	}
	return success ? 0 : ret;
}

/*
 * kill(): pid > 0 that process; 0 my process group; -1 every process
 * but init and me; < -1 the group -pid (Linux's kill_something_info).
 */
static int kill_something_info(int sig, struct kernel_siginfo *info, int pid)
{
	struct task_struct *p;
	int ret = 0, count = 0;

	if (pid > 0)
		return kill_proc_info(sig, info, pid);
	if (pid == (int)0x80000000)
		return -ESRCH;          /* -INT_MIN does not exist */
	if (pid != -1)
		return kill_pgrp_info(sig, info, pid ? -pid : current->pgid);
	for_each_process(p) {
		if (p->pid > 1 && p->tgid != current->tgid) {
			int err = group_send_sig_info(sig, info, p);

			count++;
			if (err != -EPERM)
				ret = err;
		}
	}
	return count ? ret : -ESRCH;
}

long sys_kill(int pid, int sig)
{
	struct kernel_siginfo info;

	prepare_kill_siginfo(sig, &info, SI_USER);
	return kill_something_info(sig, &info, pid);
}

/* One thread: tgid (if > 0) must be its thread group (Linux's do_send_specific). */
static long do_tkill(int tgid, int pid, int sig)
{
	struct kernel_siginfo info;
	struct task_struct *p = find_task_by_vpid(pid);

	if (!p || (tgid > 0 && p->tgid != tgid))
		return -ESRCH;
	prepare_kill_siginfo(sig, &info, SI_TKILL);
	return group_send_sig_info(sig, &info, p);
}

long sys_tkill(int pid, int sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

long sys_tgkill(int tgid, int pid, int sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

/*
 * sigqueue(): the caller's own siginfo. Only to itself may a process
 * claim to be the kernel or kill()/tkill() (si_code >= 0 or SI_TKILL):
 * -EPERM otherwise.
 */
long sys_rt_sigqueueinfo(int pid, int sig, const void *uinfo)
{
	struct kernel_siginfo info;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	info.si_signo = sig;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && current->pid != pid)
		return -EPERM;
	return kill_proc_info(sig, &info, pid);
}

/* The old 32-bit timespec of rt_sigtimedwait. */
struct old_timespec32 {
	int tv_sec;
	int tv_nsec;
};

/*
 * Wait for one of the signals in *uthese (Linux's do_sigtimedwait): its
 * number, its siginfo in *uinfo; -EAGAIN when the timeout ran out,
 * -EINTR when another signal came first; -EINVAL for a bad size or
 * timespec.
 */
long sys_rt_sigtimedwait(const sigset_t *uthese, void *uinfo, const struct old_timespec32 *uts,
			 unsigned int sigsetsize)
{
	sigset_t these, others, saved;
	struct old_timespec32 ts;
	struct kernel_siginfo info;
	unsigned long flags;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		/* jiffies, rounded up: never shorter than asked */
		timeout = (long)(((unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned)ts.tv_nsec +
				  1000000000ULL / HZ - 1) / (1000000000ULL / HZ));
		if (timeout > MAX_SCHEDULE_TIMEOUT - 1)
			timeout = MAX_SCHEDULE_TIMEOUT - 1;
	}
	sigdelset(&these, SIGKILL);
	sigdelset(&these, SIGSTOP);
	flags = lock_signals();
	saved = current->blocked;
	/* Only these may end the wait; the others stay as blocked as they were. */
	current->blocked.sig[0] = saved.sig[0] & ~these.sig[0];
	current->blocked.sig[1] = saved.sig[1] & ~these.sig[1];
	current->real_blocked = saved;
	unlock_signals(flags);
	while (!signal_pending(current) && timeout) {
		set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
	set_current_state(TASK_RUNNING);
	others.sig[0] = ~these.sig[0];
	others.sig[1] = ~these.sig[1];
	flags = lock_signals();
	current->blocked = saved;
	sigemptyset(&current->real_blocked);
	sig = next_signal(current, &others);
	if (sig) {
		sigdelset(&current->pending.signal, sig);
		info = current->pending.info[sig - 1];
	}
	unlock_signals(flags);
	if (sig)
		return uinfo && copy_siginfo_to_user(uinfo, &info) ? -EFAULT : sig;
	return timeout ? -EINTR : -EAGAIN;
}

/* ---- restarting ---- */

long do_no_restart_syscall(struct restart_block *param)
{
	(void)param;
	return -EINTR;
}

/* System call 0: go on with what restart_block says (nanosleep's remaining time). */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn ? rb->fn(rb) : -EINTR;
}
