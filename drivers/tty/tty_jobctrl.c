/*
 * Job control on the terminal (Linux's drivers/tty/tty_jobctrl.c): which
 * session the console belongs to, its foreground process group, the
 * signals typed at it, and what a background process that touches it gets.
 *
 * A process's controlling terminal is the console when its session is the
 * console's (Linux points signal->tty at it; with one terminal the
 * session says as much). When the session's leader is gone the terminal
 * is free again, as Linux's disassociate_ctty leaves it.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/tty.h"
#include "linux/uaccess.h"

/* The session owning the terminal, dropping one whose leader has exited. */
static int tty_session(struct tty_struct *tty)
{
	struct task_struct *leader;

	if (!tty->session)
		return 0;
	leader = find_task_by_vpid(tty->session);
	if (!leader || leader->exit_state || leader->sid != tty->session) {
		tty->session = 0;
		tty->pgrp = 0;
	}
	return tty->session;
}

bool tty_is_ctty(struct tty_struct *tty)
{
	return tty_session(tty) && current->sid == tty->session;
}

static bool is_session_leader(const struct task_struct *p)
{
	return p->pid == p->sid;
}

/* Does a live process sit in group pgrp (of session sid, if sid >= 0)? */
static bool pgrp_exists(int pgrp, int sid)
{
	struct task_struct *p;

	for_each_process(p)
		if (!p->exit_state && p->pgid == pgrp && (sid < 0 || p->sid == sid))
			return true;
	return false;
}

/* No member of the group has a parent in another group of its session (is_current_pgrp_orphaned). */
static bool pgrp_orphaned(int pgrp)
{
	struct task_struct *p;

	for_each_process(p) {
		struct task_struct *parent = p->real_parent;

		if (p->pgid != pgrp || p->exit_state || !parent)
			continue;
		if (parent->pgid != pgrp && parent->sid == p->sid)
			return false;
	}
	return true;
}

static bool sig_ignored_by_current(int sig)
{
	return sigismember(&current->blocked, sig) || current->action[sig - 1].sa.sa_handler == SIG_IGN;
}

/*
 * Linux's __tty_check_change: current reads (SIGTTIN) or writes or changes
 * (SIGTTOU) its controlling terminal from a background group. Then its
 * group gets the signal and the call restarts after it (-ERESTARTSYS);
 * if current ignores or blocks the signal, a read is -EIO and a write goes
 * ahead; an orphaned group (nobody to continue it) gets -EIO.
 */
int __tty_check_change(struct tty_struct *tty, int sig)
{
	if (!tty_is_ctty(tty) || !tty->pgrp || current->pgid == tty->pgrp)
		return 0;
	if (sig_ignored_by_current(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(current->pgid))
		return -EIO;
	tty_signal_group(current->pgid, sig);
	return -ERESTARTSYS;
}

void tty_signal_group(int pgrp, int sig)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == pgrp && !p->exit_state)
			send_sig_info(sig, NULL, p);
}

void tty_signal_pgrp(struct tty_struct *tty, int sig)
{
	if (tty_session(tty) && tty->pgrp)
		tty_signal_group(tty->pgrp, sig);
}

static void __proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->sid;
	tty->pgrp = current->pgid;
	serial8250_rx_irq(true);        /* its ^C must arrive while it runs */
}

void tty_open_proc_set_tty(struct tty_struct *tty, struct file *f)
{
	(void)f;
	if (is_session_leader(current) && !tty_session(tty) && current->sid != 0)
		__proc_set_tty(tty);
}

/* TIOCSCTTY (tiocsctty): arg 1 lets root steal the terminal from another session. */
static long tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	if (is_session_leader(current) && tty_session(tty) == current->sid)
		return 0;
	if (!is_session_leader(current) || tty_is_ctty(tty))
		return -EPERM;
	if (tty_session(tty)) {
		if (arg != 1)
			return -EPERM;
		tty->session = 0;       /* everyone is root: CAP_SYS_ADMIN */
	}
	__proc_set_tty(tty);
	return 0;
}

/* TIOCNOTTY: a session leader gives the terminal up; its foreground group gets SIGHUP and SIGCONT. */
static long tiocnotty(struct tty_struct *tty)
{
	if (!tty_is_ctty(tty))
		return -ENOTTY;
	if (is_session_leader(current)) {
		int pgrp = tty->pgrp;

		tty->session = 0;
		tty->pgrp = 0;
		if (pgrp) {
			tty_signal_group(pgrp, SIGHUP);
			tty_signal_group(pgrp, SIGCONT);
		}
	}
	/* another member of the session: Linux drops only its own link; here the session keeps it */
	return 0;
}

/* TIOCSPGRP (tiocspgrp): Linux's checks in its order. */
static long tiocspgrp(struct tty_struct *tty, const int *up)
{
	int ret = __tty_check_change(tty, SIGTTOU);
	int pgrp;

	if (ret == -EIO)
		return -ENOTTY;
	if (ret)
		return ret;
	if (get_user(pgrp, up))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!tty_is_ctty(tty))
		return -ENOTTY;
	if (!pgrp_exists(pgrp, -1))
		return -ESRCH;
	if (!pgrp_exists(pgrp, current->sid))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f;
	switch (cmd) {
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCGPGRP:
		if (!tty_is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->pgrp, (int *)arg) ? -EFAULT : 0;
	case TIOCSPGRP:
		return tiocspgrp(tty, (const int *)arg);
	case TIOCGSID:
		if (!tty_is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->session, (int *)arg) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}
