/*
 * Restartable sequences (Linux's kernel/rseq.c): rseq(2) registers a
 * struct rseq for the calling task. On the way back to user mode after the
 * task was switched out, and before a signal's frame is built, the kernel
 * looks at rseq->rseq_cs: if the task was stopped inside the critical
 * section it describes, its instruction pointer moves to the section's
 * abort address (whose preceding word must be the signature given at
 * registration), and rseq_cs is cleared. Then cpu_id_start and cpu_id are
 * written: always 0, there is one CPU. A bad rseq_cs, a wrong signature
 * or an unwritable struct kills the task with SIGSEGV, as on Linux.
 */
#include "asm/ptrace.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/rseq.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

void rseq_preempt(struct task_struct *t)
{
	if (!t->rseq)
		return;
	t->rseq_event_mask |= RSEQ_EVENT_PREEMPT;
	t->rseq_notify = true;
}

void rseq_fork(struct task_struct *t, unsigned long clone_flags)
{
	if (clone_flags & CLONE_VM) {
		t->rseq = 0;
		t->rseq_len = t->rseq_sig = 0;
		t->rseq_event_mask = 0;
		t->rseq_notify = false;
	}
}

void rseq_execve(struct task_struct *t)
{
	t->rseq = 0;
	t->rseq_len = t->rseq_sig = 0;
	t->rseq_event_mask = 0;
	t->rseq_notify = false;
}

/* The task's current rseq_cs into *cs (all 0 when none): 0, -EFAULT, -EINVAL (Linux's rseq_get_rseq_cs). */
static int rseq_get_rseq_cs(struct task_struct *t, struct rseq_cs *cs)
{
	struct rseq *r = (struct rseq *)t->rseq;
	uint64_t ptr;
	uint32_t sig;

	if (copy_from_user(&ptr, &r->rseq_cs, sizeof(ptr)))
		return -EFAULT;
	if (!ptr) {
		memset(cs, 0, sizeof(*cs));
		return 0;
	}
	if (ptr >= TASK_SIZE)
		return -EINVAL;
	if (copy_from_user(cs, (const void *)(unsigned long)ptr, sizeof(*cs)))
		return -EFAULT;
	if (cs->start_ip >= TASK_SIZE || cs->start_ip + cs->post_commit_offset >= TASK_SIZE ||
	    cs->abort_ip >= TASK_SIZE || cs->version > 0)
		return -EINVAL;
	if (cs->start_ip + cs->post_commit_offset < cs->start_ip)
		return -EINVAL;         /* it wraps */
	if (cs->abort_ip - cs->start_ip < cs->post_commit_offset)
		return -EINVAL;         /* the abort address inside the section */
	if (get_user(sig, (const uint32_t *)(unsigned long)(cs->abort_ip - sizeof(uint32_t))))
		return -EFAULT;
	if (sig != t->rseq_sig) {
		printk(KERN_WARNING "Possible attack attempt. Unexpected rseq signature 0x%x, expecting 0x%x "
		       "(pid=%d, addr=%lx).\n", sig, t->rseq_sig, t->pid, (unsigned long)(cs->abort_ip - 4));
		return -EINVAL;
	}
	return 0;
}

static int clear_rseq_cs(struct task_struct *t)
{
	return clear_user(&((struct rseq *)t->rseq)->rseq_cs, sizeof(uint64_t)) ? -EFAULT : 0;
}

/* Move regs to the abort address if they are inside the section (Linux's rseq_ip_fixup): 0 or -errno. */
static int rseq_ip_fixup(struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rseq_cs cs;
	uint32_t flags, events;
	int err = rseq_get_rseq_cs(t, &cs);

	if (err)
		return err;
	if ((uint64_t)regs->eip - cs.start_ip >= cs.post_commit_offset)
		return clear_rseq_cs(t);        /* not in it: a lazy clear */
	/* Linux 6.1 refuses the deprecated RSEQ_CS_FLAG_NO_RESTART_ON_* flags */
	if (cs.flags)
		return -EINVAL;
	if (get_user(flags, &((struct rseq *)t->rseq)->flags))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	events = t->rseq_event_mask;
	t->rseq_event_mask = 0;
	if (!events)
		return 0;
	err = clear_rseq_cs(t);
	if (err)
		return err;
	regs->eip = (unsigned long)cs.abort_ip;
	return 0;
}

void rseq_handle_notify_resume(int ksig_nr, struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rseq *r = (struct rseq *)t->rseq;

	t->rseq_notify = false;
	if (!r)
		return;
	if ((regs && rseq_ip_fixup(regs) < 0) || put_user(0u, &r->cpu_id_start) || put_user(0u, &r->cpu_id))
		force_sigsegv(ksig_nr);
}

void rseq_signal_deliver(int sig, struct pt_regs *regs)
{
	if (!current->rseq)
		return;
	current->rseq_event_mask |= RSEQ_EVENT_SIGNAL;
	rseq_handle_notify_resume(sig, regs);
}

/*
 * rseq(rseq, rseq_len, flags, sig): register (flags 0) or unregister
 * (RSEQ_FLAG_UNREGISTER) the caller's struct rseq, with Linux 6.1's checks
 * in its order: unregistering another area or length -EINVAL, another
 * signature -EPERM; registering again the same area -EBUSY (another area
 * or length -EINVAL, another signature -EPERM); a first registration must
 * be 32-byte aligned and 32 bytes long (-EINVAL) and in user memory
 * (-EFAULT); other flags -EINVAL. Returns 0.
 */
long sys_rseq(unsigned long rseq, unsigned long rseq_len, int flags, unsigned long sig)
{
	struct task_struct *t = current;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (t->rseq != rseq || !t->rseq)
			return -EINVAL;
		if (rseq_len != t->rseq_len)
			return -EINVAL;
		if (t->rseq_sig != (uint32_t)sig)
			return -EPERM;
		/* Linux's rseq_reset_rseq_cpu_id */
		if (put_user(0u, &((struct rseq *)rseq)->cpu_id_start) ||
		    put_user(RSEQ_CPU_ID_UNINITIALIZED, &((struct rseq *)rseq)->cpu_id))
			return -EFAULT;
		rseq_execve(t);
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		if (t->rseq != rseq || rseq_len != t->rseq_len)
			return -EINVAL;
		if (t->rseq_sig != (uint32_t)sig)
			return -EPERM;
		return -EBUSY;
	}
	if ((rseq & (__alignof__(struct rseq) - 1)) || rseq_len != sizeof(struct rseq))
		return -EINVAL;
	if (!access_ok((void *)rseq, rseq_len))
		return -EFAULT;
	t->rseq = rseq;
	t->rseq_len = (uint32_t)rseq_len;
	t->rseq_sig = (uint32_t)sig;
	t->rseq_notify = true;  /* the cpu_id fields are written on the way back */
	return 0;
}
