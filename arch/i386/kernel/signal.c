/*
 * Running a signal handler in user mode (Linux's arch/x86/kernel/signal.c,
 * i386): on the way back to ring 3 with a signal to take, decide whether
 * an interrupted system call restarts, push a frame on the user stack
 * (struct sigframe or rt_sigframe, asm/sigframe.h) holding every register
 * and the FPU state, and point eip at the handler. When the handler
 * returns, it lands on the restorer, which calls sigreturn or
 * rt_sigreturn: they load the registers back from the frame, trusting
 * nothing in it.
 *
 * Linux's handlers return through the vDSO (__kernel_sigreturn) unless
 * the program gave SA_RESTORER, as glibc and musl always do. Pagoda has
 * no vDSO: pretcode points at the frame's own retcode bytes instead (the
 * code Linux still writes there, and used before it had a vDSO).
 */
#include "asm/desc.h"
#include "asm/fpu.h"
#include "asm/sigframe.h"
#include "asm/traps.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/rseq.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define __NR_restart_syscall 0

#define X86_EFLAGS_CF 0x00000001
#define X86_EFLAGS_PF 0x00000004
#define X86_EFLAGS_AF 0x00000010
#define X86_EFLAGS_ZF 0x00000040
#define X86_EFLAGS_SF 0x00000080
#define X86_EFLAGS_TF 0x00000100
#define X86_EFLAGS_DF 0x00000400
#define X86_EFLAGS_OF 0x00000800
#define X86_EFLAGS_RF 0x00010000
#define X86_EFLAGS_AC 0x00040000
/* What sigreturn may change in eflags: the arithmetic flags, DF, TF, AC, RF. Never IOPL, IF, NT, VM. */
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_SF | \
		    X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | X86_EFLAGS_CF | X86_EFLAGS_RF)

/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
static const uint8_t retcode[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
static const uint8_t rt_retcode[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };

/* Was the task in a system call when it stopped for this signal? (syscall_get_nr() != -1) */
static bool in_syscall(const struct pt_regs *regs)
{
	return regs->trapno == SYSCALL_VECTOR && (int)regs->orig_eax >= 0;
}

/* Within the altstack, whatever SS_AUTODISARM says (__on_sig_stack)? */
static bool within_altstack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

/*
 * Where the frame goes (Linux's get_sigframe): below the interrupted esp,
 * or at the top of the altstack for SA_ONSTACK when not on it already.
 * The FPU state goes first (highest), then the frame, aligned so that
 * the handler starts as if called: (esp + 4) a multiple of 16. Returns
 * the frame's user address, or -1 when it would overflow the altstack or
 * the FPU state cannot be written (the caller's copy then fails).
 */
static void *get_sigframe(const struct k_sigaction *ka, const struct pt_regs *regs, unsigned long frame_size,
			  void **fpstate)
{
	unsigned long sp = regs->esp, buf_fx;
	bool nested_altstack = on_sig_stack(sp), entering_altstack = false;

	if (ka->sa.sa_flags & SA_ONSTACK) {
		if (sas_ss_flags(sp) == 0) {
			sp = current->sas_ss_sp + current->sas_ss_size;
			entering_altstack = true;
		}
	} else if (!nested_altstack && (regs->ss & 0xffff) != __USER_DS && !(ka->sa.sa_flags & SA_RESTORER) &&
		   ka->sa.sa_restorer) {
		/* The legacy stack switch of i386: a program on its own stack segment */
		sp = (unsigned long)ka->sa.sa_restorer;
		entering_altstack = true;
	}
	sp = fpu_alloc_mathframe(sp, &buf_fx);
	*fpstate = (void *)sp;
	sp = ((sp - frame_size + 4) & ~15UL) - 4;
	if ((nested_altstack || entering_altstack) && !within_altstack(sp)) {
		printk(KERN_INFO "%s[%d] overflowed sigaltstack\n", current->comm, current->pid);
		return (void *)-1L;
	}
	if (!copy_fpstate_to_sigframe(*fpstate, (void *)buf_fx))
		return (void *)-1L;
	return (void *)sp;
}

static void put_sigcontext(struct sigcontext *sc, void *fp, const struct pt_regs *regs, const sigset_t *mask)
{
	memset(sc, 0, sizeof(*sc));
	sc->gs = (uint16_t)regs->gs;
	sc->fs = (uint16_t)regs->fs;
	sc->es = (uint16_t)regs->es;
	sc->ds = (uint16_t)regs->ds;
	sc->di = regs->edi;
	sc->si = regs->esi;
	sc->bp = regs->ebp;
	sc->sp = regs->esp;
	sc->bx = regs->ebx;
	sc->dx = regs->edx;
	sc->cx = regs->ecx;
	sc->ax = regs->eax;
	sc->trapno = current->thread.trap_nr;
	sc->err = current->thread.error_code;
	sc->ip = regs->eip;
	sc->cs = (uint16_t)regs->cs;
	sc->flags = regs->eflags;
	sc->sp_at_signal = regs->esp;
	sc->ss = (uint16_t)regs->ss;
	sc->fpstate = (uint32_t)fp;
	sc->oldmask = mask->sig[0];
	sc->cr2 = current->thread.cr2;
}

/* The frame of a handler installed without SA_SIGINFO: handler(sig). 0 or -EFAULT. */
static int setup_frame(struct ksignal *ksig, const sigset_t *set, struct pt_regs *regs)
{
	struct sigframe *frame;
	struct sigcontext sc;
	void *fp;
	uint32_t head[2], restorer;

	frame = get_sigframe(&ksig->ka, regs, sizeof(*frame), &fp);
	restorer = (uint32_t)frame->retcode;
	if (ksig->ka.sa.sa_flags & SA_RESTORER)
		restorer = (uint32_t)ksig->ka.sa.sa_restorer;
	head[0] = restorer;
	head[1] = (uint32_t)ksig->sig;
	put_sigcontext(&sc, fp, regs, set);
	/* fpstate_unused is left as it was, as Linux leaves it */
	if (copy_to_user(&frame->pretcode, head, sizeof(head)) ||
	    copy_to_user(&frame->sc, &sc, sizeof(sc)) ||
	    copy_to_user(frame->extramask, &set->sig[1], sizeof(frame->extramask)) ||
	    copy_to_user(frame->retcode, retcode, sizeof(retcode)))
		return -EFAULT;
	regs->esp = (uint32_t)frame;
	regs->eip = (uint32_t)ksig->ka.sa.sa_handler;
	regs->eax = (uint32_t)ksig->sig;
	regs->edx = 0;
	regs->ecx = 0;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	return 0;
}

/* The frame of an SA_SIGINFO handler: handler(sig, &info, &uc). 0 or -EFAULT. */
static int setup_rt_frame(struct ksignal *ksig, const sigset_t *set, struct pt_regs *regs)
{
	struct rt_sigframe *frame, k;
	void *fp;

	frame = get_sigframe(&ksig->ka, regs, sizeof(*frame), &fp);
	memset(&k, 0, sizeof(k));
	k.pretcode = (uint32_t)frame->retcode;
	if (ksig->ka.sa.sa_flags & SA_RESTORER)
		k.pretcode = (uint32_t)ksig->ka.sa.sa_restorer;
	k.sig = ksig->sig;
	k.pinfo = (uint32_t)frame->info;
	k.puc = (uint32_t)&frame->uc;
	memcpy(k.info, &ksig->info, sizeof(ksig->info));       /* the rest of the 128 bytes is zero */
	k.uc.uc_flags = 0;              /* UC_FP_XSTATE only with XSAVE */
	save_altstack(&k.uc.uc_stack, regs->esp);
	put_sigcontext(&k.uc.uc_mcontext, fp, regs, set);
	k.uc.uc_sigmask = *set;
	memcpy(k.retcode, rt_retcode, sizeof(rt_retcode));
	if (copy_to_user(frame, &k, sizeof(k)))
		return -EFAULT;
	regs->esp = (uint32_t)frame;
	regs->eip = (uint32_t)ksig->ka.sa.sa_handler;
	regs->eax = (uint32_t)ksig->sig;
	regs->edx = (uint32_t)frame->info;
	regs->ecx = (uint32_t)&frame->uc;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	return 0;
}

/*
 * Run ksig's handler (Linux's handle_signal). An interrupted system call
 * fails with -EINTR, or restarts when the handler returns (SA_RESTART,
 * or -ERESTARTNOINTR); nanosleep's -ERESTART_RESTARTBLOCK is -EINTR
 * after a handler. The handler starts with DF, TF and RF clear and a
 * clean FPU.
 */
static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	sigset_t *set = sigmask_to_save();
	bool failed;

	if (in_syscall(regs)) {
		switch ((int)regs->eax) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->eax = (uint32_t)-EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
				regs->eax = (uint32_t)-EINTR;
				break;
			}
			/* fall through */
		case -ERESTARTNOINTR:
			regs->eax = regs->orig_eax;
			regs->eip -= 2;         /* back onto the int $0x80 */
			break;
		}
	}
	rseq_signal_deliver(ksig->sig, regs);   /* the frame saves the abort address, if it moved there */
	if (ksig->ka.sa.sa_flags & SA_SIGINFO)
		failed = setup_rt_frame(ksig, set, regs) < 0;
	else
		failed = setup_frame(ksig, set, regs) < 0;
	if (!failed) {
		regs->eflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
		fpu_reset_user_state();
	}
	signal_setup_done(failed, ksig);
}

void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler ran: a system call the signal interrupted starts again. */
	if (in_syscall(regs)) {
		switch ((int)regs->eax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->eax = regs->orig_eax;
			regs->eip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->eax = __NR_restart_syscall;
			regs->eip -= 2;
			break;
		}
	}
	restore_saved_sigmask();
}

/*
 * Load the registers a handler's frame holds (Linux's restore_sigcontext).
 * cs and ss get RPL 3 (a kernel selector then fails at iret: SIGILL);
 * a data selector that cannot be loaded comes back null on the way out
 * (arch/i386/entry/entry_32.asm's fixups); eflags takes only FIX_EFLAGS.
 * false: the frame or its FPU state could not be read.
 */
static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext *usc)
{
	struct sigcontext sc;

	current->restart_block.fn = do_no_restart_syscall;
	if (copy_from_user(&sc, usc, sizeof(sc)))
		return false;
	regs->gs = sc.gs;
	regs->fs = sc.fs;
	regs->es = sc.es;
	regs->ds = sc.ds;
	regs->ebx = sc.bx;
	regs->ecx = sc.cx;
	regs->edx = sc.dx;
	regs->esi = sc.si;
	regs->edi = sc.di;
	regs->ebp = sc.bp;
	regs->eax = sc.ax;
	regs->esp = sc.sp;
	regs->eip = sc.ip;
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_eax = (uint32_t)-1;  /* not a system call any more: no restart */
	return fpu_restore_sig((const void *)sc.fpstate);
}

/* A frame sigreturn could not use: SIGSEGV (Linux's signal_fault). */
static void signal_fault(struct pt_regs *regs, void *frame, const char *where)
{
	printk(KERN_INFO "%s[%d] bad frame in %s frame:%p ip:%x sp:%x orax:%x\n", current->comm,
	       current->pid, where, frame, regs->eip, regs->esp, regs->orig_eax);
	force_sig(SIGSEGV);
}

long sys_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	/* the handler's ret popped pretcode, the restorer's popl the signal number */
	struct sigframe *frame = (struct sigframe *)(regs->esp - 8);
	sigset_t set;

	if (copy_from_user(&set.sig[0], &frame->sc.oldmask, sizeof(set.sig[0])) ||
	    copy_from_user(&set.sig[1], frame->extramask, sizeof(set.sig[1])))
		goto badframe;
	set_current_blocked(&set);
	if (!restore_sigcontext(regs, &frame->sc))
		goto badframe;
	return (long)regs->eax;

badframe:
	signal_fault(regs, frame, "sigreturn");
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe *frame = (struct rt_sigframe *)(regs->esp - 4);     /* pretcode popped */
	sigset_t set;

	if (copy_from_user(&set, &frame->uc.uc_sigmask, sizeof(set)))
		goto badframe;
	set_current_blocked(&set);
	if (!restore_sigcontext(regs, &frame->uc.uc_mcontext))
		goto badframe;
	if (restore_altstack(&frame->uc.uc_stack, regs->esp))
		goto badframe;
	return (long)regs->eax;

badframe:
	signal_fault(regs, frame, "rt_sigreturn");
	return 0;
}
