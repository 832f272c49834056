/*
 * The termios calls (Linux's drivers/tty/tty_ioctl.c): TCGETS and the
 * TCSETS family (the 36-byte struct termios of the i386 ABI, and
 * termios2 with its speeds), the window size, flushing and flow control,
 * and the byte counts (FIONREAD, TIOCOUTQ).
 */
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/string.h"
#include "linux/tty.h"
#include "linux/uaccess.h"

/* What the serial port reports it runs at; the baud in c_cflag for TCSETS (tty_termios_baud_rate). */
static speed_t cbaud_speed(tcflag_t cflag)
{
	static const speed_t low[] = { 0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400,
				       4800, 9600, 19200, 38400 };
	static const speed_t high[] = { 0, 57600, 115200, 230400, 460800, 500000, 576000, 921600,
					1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000,
					4000000 };
	unsigned int cbaud = cflag & CBAUD;

	return cbaud & BOTHER ? high[cbaud & 017] : low[cbaud];
}

/* Set the terminal's termios from user memory (set_termios): SIGTTOU first, then drain or flush. */
static long set_termios(struct tty_struct *tty, unsigned int cmd, unsigned long arg, bool termios2)
{
	struct ktermios old = tty->termios, tmp = tty->termios;
	long ret = __tty_check_change(tty, SIGTTOU);

	if (ret)
		return ret;
	if (termios2) {
		if (copy_from_user(&tmp, (void *)arg, sizeof(struct ktermios)))
			return -EFAULT;
	} else {
		if (copy_from_user(&tmp, (void *)arg, sizeof(struct termios)))
			return -EFAULT;
	}
	/* BOTHER keeps the speeds given in termios2; otherwise they follow the CBAUD bits */
	if (!termios2 || (tmp.c_cflag & CBAUD) != BOTHER)
		tmp.c_ispeed = tmp.c_ospeed = cbaud_speed(tmp.c_cflag);
	if (cmd == TCSETSF || cmd == TCSETSF2)
		n_tty_flush_input(tty);
	/* TCSETSW would wait for output to drain: it is written as it is produced */
	tty->termios = tmp;
	n_tty_set_termios(tty, &old);
	return 0;
}

/* TIOCSWINSZ: a new size tells the foreground group (SIGWINCH), as tty_do_resize. */
static long set_winsize(struct tty_struct *tty, unsigned long arg)
{
	struct winsize ws;

	if (copy_from_user(&ws, (void *)arg, sizeof(ws)))
		return -EFAULT;
	if (memcmp(&ws, &tty->winsize, sizeof(ws)) != 0) {
		tty->winsize = ws;
		tty_signal_pgrp(tty, SIGWINCH);
	}
	return 0;
}

static long tcflsh(struct tty_struct *tty, unsigned long arg)
{
	long ret = __tty_check_change(tty, SIGTTOU);

	if (ret)
		return ret;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_flush_input(tty);
		return 0;
	case TCOFLUSH:
		return 0;       /* nothing waits to go out */
	}
	return -EINVAL;
}

static long tcxonc(struct tty_struct *tty, unsigned long arg)
{
	long ret = __tty_check_change(tty, SIGTTOU);

	if (ret)
		return ret;
	switch (arg) {
	case TCOOFF:
		tty->stopped = true;
		return 0;
	case TCOON:
		tty->stopped = false;
		wake_up_interruptible(&tty->write_wait);
		return 0;
	case TCIOFF:
	case TCION:
		return 0;       /* would send STOP/START to the other end: QEMU ignores flow control */
	}
	return -EINVAL;
}

/*
 * The termios and size ioctls (tty_mode_ioctl, n_tty_ioctl): 0 or a
 * count, -EFAULT, -EINVAL, -EIO, -ERESTARTSYS; -ENOIOCTLCMD for a number
 * this layer does not know.
 */
long tty_mode_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty->termios, sizeof(struct termios)) ? -EFAULT : 0;
	case TCGETS2:
		return copy_to_user((void *)arg, &tty->termios, sizeof(struct ktermios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, arg, false);
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
		return set_termios(tty, cmd, arg, true);
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(tty, arg);
	case TCFLSH:
		return tcflsh(tty, arg);
	case TCXONC:
		return tcxonc(tty, arg);
	case TCSBRK:
		return 0;       /* tcdrain (arg 1) and a break: output is already out */
	case FIONREAD:
		return put_user((int)n_tty_chars_in_buffer(tty), (int *)arg) ? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user(0, (int *)arg) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}
