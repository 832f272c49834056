/*
 * The line discipline (Linux's drivers/tty/n_tty.c): what happens to each
 * byte between the serial port and the program reading the terminal.
 *
 * Received bytes (in the interrupt) go through the input flags (ICRNL,
 * ISTRIP...), the signal characters (ISIG: ^C ^\ ^Z), the line editing of
 * canonical mode (ICANON: erase, kill, word erase, EOF), and are echoed
 * (ECHO...). They wait in a 4 KiB ring (read_buf) for a reader; in
 * canonical mode a reader sees only complete lines (up to canon_head), in
 * raw mode VMIN and VTIME say when a read returns. Output goes through
 * the output flags (OPOST: ONLCR turns "\n" into "\r\n").
 */
#include "asm/io.h"
#include "linux/console.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/poll.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/tty.h"
#include "linux/uaccess.h"
#include "asm/irq.h"

#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
#define __DISABLED_CHAR '\0'    /* what an EOF leaves in the buffer: ends the line, is not read */

#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define CC(tty, v)     ((tty)->termios.c_cc[v])

static bool test_flag(const struct tty_struct *tty, unsigned int i)
{
	i = MASK(i);
	return tty->read_flags[i / 8] & (1u << (i % 8));
}

static void set_flag(struct tty_struct *tty, unsigned int i, bool on)
{
	i = MASK(i);
	if (on)
		tty->read_flags[i / 8] |= (unsigned char)(1u << (i % 8));
	else
		tty->read_flags[i / 8] &= (unsigned char)~(1u << (i % 8));
}

/* One byte to the port as it is (and the VGA mirror, which moves to the next line by itself). */
static void tty_put_char(unsigned char c)
{
	serial_putc((char)c);
	if (console_vga_mirror && c != '\r')
		vga_putc((char)c);
}

/* One byte through the output flags (Linux's do_output_char). */
static void do_output_char(struct tty_struct *tty, unsigned char c)
{
	if (!O_FLAG(tty, OPOST)) {
		tty_put_char(c);
		return;
	}
	if (c == '\n' && O_FLAG(tty, ONLCR))
		tty_put_char('\r');
	else if (c == '\r' && O_FLAG(tty, OCRNL))
		c = '\n';
	else if (O_FLAG(tty, OLCUC) && c >= 'a' && c <= 'z')
		c = (unsigned char)(c - 'a' + 'A');
	tty_put_char(c);
}

static bool is_ctrl(unsigned char c)
{
	return c < ' ' || c == 0x7f;
}

/* Echo c: a control character as ^X with ECHOCTL (not tab or newline), as Linux's echo_char. */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHOCTL) && is_ctrl(c) && c != '\t' && c != '\n') {
		do_output_char(tty, '^');
		do_output_char(tty, c ^ 0100);
	} else {
		do_output_char(tty, c);
	}
}

static void echo_erase_cols(struct tty_struct *tty, int cols)
{
	while (cols-- > 0) {
		do_output_char(tty, '\b');
		do_output_char(tty, ' ');
		do_output_char(tty, '\b');
	}
}

/* How many columns the byte took when echoed (a tab: to the next multiple of 8 from the line start). */
static int echo_width(struct tty_struct *tty, unsigned int pos)
{
	unsigned char c = tty->read_buf[MASK(pos)];
	int col = 0;

	if (c != '\t')
		return L_FLAG(tty, ECHOCTL) && is_ctrl(c) ? 2 : 1;
	for (unsigned int i = tty->canon_head; i != pos; i++) {
		unsigned char d = tty->read_buf[MASK(i)];

		col += d == '\t' ? 8 - (col & 7) : L_FLAG(tty, ECHOCTL) && is_ctrl(d) ? 2 : 1;
	}
	return 8 - (col & 7);
}

/* ERASE, WERASE or KILL on the line being typed (Linux's eraser). */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	enum { ERASE, WERASE, KILL } kind;
	bool seen_alnum = false;

	if (tty->read_head == tty->canon_head)
		return;         /* nothing typed since the last line ended */
	if (c == CC(tty, VERASE))
		kind = ERASE;
	else if (c == CC(tty, VWERASE))
		kind = WERASE;
	else
		kind = KILL;
	if (kind == KILL && (!L_FLAG(tty, ECHO) || !L_FLAG(tty, ECHOK) || !L_FLAG(tty, ECHOKE) ||
			     !L_FLAG(tty, ECHOE))) {
		tty->read_head = tty->canon_head;
		if (L_FLAG(tty, ECHO)) {
			echo_char(tty, c);
			if (L_FLAG(tty, ECHOK))
				do_output_char(tty, '\n');
		}
		return;
	}
	while (tty->read_head != tty->canon_head) {
		unsigned int pos = tty->read_head - 1;
		unsigned char prev = tty->read_buf[MASK(pos)];

		if (kind == WERASE) {
			bool alnum = prev == '_' || (prev >= '0' && prev <= '9') ||
				     ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z');

			if (alnum)
				seen_alnum = true;
			else if (seen_alnum)
				break;
		}
		if (L_FLAG(tty, ECHO)) {
			if (L_FLAG(tty, ECHOE))
				echo_erase_cols(tty, echo_width(tty, pos));
			else if (kind == ERASE)
				echo_char(tty, CC(tty, VERASE));
		}
		tty->read_head = pos;
		if (kind == ERASE)
			break;
	}
}

static void put_tty_queue(struct tty_struct *tty, unsigned char c)
{
	set_flag(tty, tty->read_head, false);
	tty->read_buf[MASK(tty->read_head)] = c;
	tty->read_head++;
}

/* A signal character: flush unless NOFLSH, echo it, signal the foreground group (n_tty's isig). */
/* Output held by ^S goes on again (Linux's start_tty). */
static void start_tty(struct tty_struct *tty)
{
	tty->stopped = false;
	wake_up_interruptible(&tty->write_wait);
}

/* A signal key also restarts output held by ^S, as Linux's n_tty_receive_signal_char does. */
static void receive_signal_char(struct tty_struct *tty, int sig, unsigned char c)
{
	if (!L_FLAG(tty, NOFLSH))
		n_tty_flush_input(tty);
	if (I_FLAG(tty, IXON))
		start_tty(tty);
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
	tty_signal_pgrp(tty, sig);
}

void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	unsigned int room = N_TTY_BUF_SIZE - (tty->read_head - tty->read_tail);

	if (I_FLAG(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {       /* after ^V: taken as it is */
		tty->lnext = false;
		goto literal;
	}
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (I_FLAG(tty, IXON)) {
		if (c == CC(tty, VSTOP) && c != __DISABLED_CHAR) {
			tty->stopped = true;
			return;
		}
		if (c == CC(tty, VSTART) && c != __DISABLED_CHAR) {
			start_tty(tty);
			return;
		}
	}
	if (L_FLAG(tty, ISIG) && c != __DISABLED_CHAR) {
		int sig = c == CC(tty, VINTR) ? SIGINT : c == CC(tty, VQUIT) ? SIGQUIT :
			  c == CC(tty, VSUSP) ? SIGTSTP : 0;

		if (sig) {
			receive_signal_char(tty, sig, c);
			return;
		}
	}
	if (tty->stopped && I_FLAG(tty, IXON) && I_FLAG(tty, IXANY))
		start_tty(tty);         /* any key restarts output, and is read too */
	if (tty->icanon && c != __DISABLED_CHAR) {
		if (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
		    (c == CC(tty, VWERASE) && L_FLAG(tty, IEXTEN))) {
			eraser(tty, c);
			return;
		}
		if (c == CC(tty, VLNEXT) && L_FLAG(tty, IEXTEN)) {
			tty->lnext = true;
			if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOCTL)) {
				do_output_char(tty, '^');
				do_output_char(tty, '\b');
			}
			return;
		}
		if (c == '\n' || c == CC(tty, VEOF) || c == CC(tty, VEOL) ||
		    (c == CC(tty, VEOL2) && L_FLAG(tty, IEXTEN))) {
			bool eof = c == CC(tty, VEOF);

			if (room == 0)
				return;
			if (!eof && (L_FLAG(tty, ECHO) || (c == '\n' && L_FLAG(tty, ECHONL))))
				echo_char(tty, c);
			put_tty_queue(tty, eof ? __DISABLED_CHAR : c);
			set_flag(tty, tty->read_head - 1, true);
			tty->canon_head = tty->read_head;
			wake_up_interruptible(&tty->read_wait);
			return;
		}
	}
literal:
	/* canonical mode keeps one byte free for the newline that ends the line */
	if (room <= (tty->icanon ? 1u : 0u)) {
		if (tty->icanon && I_FLAG(tty, IMAXBEL) && L_FLAG(tty, ECHO))
			tty_put_char('\a');
		return;
	}
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
	put_tty_queue(tty, c);
	if (!tty->icanon)
		wake_up_interruptible(&tty->read_wait);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	tty->read_tail = tty->canon_head = tty->read_head;
	tty->lnext = false;
	wake_up_interruptible(&tty->write_wait);
}

/* What a reader may take now: complete lines in canonical mode, every byte in raw mode. */
static unsigned int available(const struct tty_struct *tty)
{
	return (tty->icanon ? tty->canon_head : tty->read_head) - tty->read_tail;
}

unsigned int n_tty_chars_in_buffer(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();
	unsigned int n = 0;

	if (!tty->icanon) {
		n = available(tty);
	} else {
		/* FIONREAD counts the line's bytes, not the EOF marks (Linux's inq_canon) */
		for (unsigned int i = tty->read_tail; i != tty->canon_head; i++)
			n += !(test_flag(tty, i) && tty->read_buf[MASK(i)] == __DISABLED_CHAR);
	}
	local_irq_restore(flags);
	return n;
}

void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old)
{
	unsigned long flags = local_irq_save();
	bool icanon = tty->termios.c_lflag & ICANON;

	if (!old || (old->c_lflag & ICANON) != (tty->termios.c_lflag & ICANON)) {
		/* raw to canonical: what was typed becomes the line being edited (no line ends yet) */
		if (icanon && !tty->icanon)
			tty->canon_head = tty->read_tail;
		tty->lnext = false;
	}
	tty->icanon = icanon;
	local_irq_restore(flags);
	wake_up_interruptible(&tty->read_wait);
}

/*
 * Copy one line (up to and including its end), or as much as fits, to the
 * user (canon_copy_from_read_buf). Returns bytes copied or -EFAULT; *done
 * is set when a line end was consumed (the read stops there).
 */
static long canon_copy(struct tty_struct *tty, char *ubuf, unsigned long nr, bool *done)
{
	unsigned long n = 0;

	*done = false;
	while (n < nr && tty->read_tail != tty->canon_head) {
		unsigned int i = tty->read_tail;
		unsigned char c = tty->read_buf[MASK(i)];
		bool eol = test_flag(tty, i);

		if (eol && c == __DISABLED_CHAR) {      /* EOF: ends the read, not copied */
			tty->read_tail++;
			*done = true;
			break;
		}
		if (put_user(c, (unsigned char *)ubuf + n))
			return n ? (long)n : -EFAULT;
		tty->read_tail++;
		n++;
		if (eol) {
			*done = true;
			break;
		}
	}
	return (long)n;
}

static long raw_copy(struct tty_struct *tty, char *ubuf, unsigned long nr)
{
	unsigned long n = 0;

	while (n < nr && tty->read_tail != tty->read_head) {
		if (put_user(tty->read_buf[MASK(tty->read_tail)], (unsigned char *)ubuf + n))
			return n ? (long)n : -EFAULT;
		tty->read_tail++;
		n++;
	}
	return (long)n;
}

/*
 * read() on the terminal (Linux's n_tty_read): a background reader is
 * stopped first (SIGTTIN). Canonical mode returns one line (or what of it
 * fits) once Enter or EOF ended it; raw mode waits as VMIN and VTIME say:
 * MIN bytes (TIME = 0), up to TIME tenths of a second for the first byte
 * (MIN = 0), or until TIME passes between bytes once one came. Returns
 * bytes read, 0 at EOF or when the time ran out, -EAGAIN (O_NONBLOCK and
 * nothing there), -ERESTARTSYS (a signal), -EIO, -EFAULT.
 */
long n_tty_read(struct tty_struct *tty, struct file *f, char *ubuf, unsigned long nr)
{
	long minimum = 0, time = 0, timeout = MAX_SCHEDULE_TIMEOUT, copied = 0;
	struct wait_queue_entry wait = { .task = current };
	long ret = __tty_check_change(tty, SIGTTIN);

	if (ret)
		return ret;
	if (!nr)
		return 0;
	if (!tty->icanon) {
		minimum = CC(tty, VMIN);
		if (minimum)
			time = (HZ / 10) * CC(tty, VTIME);
		else {
			timeout = (HZ / 10) * CC(tty, VTIME);
			minimum = 1;
		}
	}
	serial8250_rx_irq(true);        /* someone wants input: take it (the monitor may have turned it off) */
	for (;;) {
		unsigned long flags = local_irq_save();

		if (!available(tty)) {
			local_irq_restore(flags);
			if (!timeout)
				break;
			if (f && (f->f_flags & O_NONBLOCK)) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				ret = -ERESTARTSYS;
				break;
			}
			prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
			if (!available(tty) && !signal_pending(current))
				timeout = schedule_timeout(timeout);
			finish_wait(&tty->read_wait, &wait);
			continue;
		}
		if (tty->icanon) {
			bool done;
			long n = canon_copy(tty, ubuf + copied, nr - (unsigned long)copied, &done);

			local_irq_restore(flags);
			if (n < 0) {
				ret = n;
				break;
			}
			copied += n;
			break;          /* one line per read (minimum 0) */
		}
		ret = raw_copy(tty, ubuf + copied, nr - (unsigned long)copied);
		local_irq_restore(flags);
		if (ret < 0)
			break;
		copied += ret;
		ret = 0;
		if (copied >= minimum || (unsigned long)copied == nr)
			break;
		if (time)
			timeout = time;
	}
	wake_up_interruptible(&tty->write_wait);
	return copied ? copied : ret;
}

/*
 * Output (n_tty_write): nr bytes of a kernel buffer through the output
 * flags; ^S holds output until ^Q. Returns nr, or -ERESTARTSYS if a signal
 * came while output was held.
 */
long n_tty_write(struct tty_struct *tty, struct file *f, const char *kbuf, unsigned long nr)
{
	(void)f;
	if (tty->stopped && wait_event_interruptible(tty->write_wait, !tty->stopped))
		return -ERESTARTSYS;
	for (unsigned long i = 0; i < nr; i++)
		do_output_char(tty, (unsigned char)kbuf[i]);
	return (long)nr;
}

unsigned int n_tty_poll_mask(struct tty_struct *tty)
{
	unsigned int mask = tty->stopped ? 0 : POLLOUT | POLLWRNORM;
	unsigned int amt = 1;

	/* raw mode with VMIN and no VTIME: readable once VMIN bytes are there (input_available_p) */
	if (!tty->icanon && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	if (available(tty) >= amt)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

unsigned int tty_take_input(char *buf, unsigned int size)
{
	struct tty_struct *tty = &console_tty;
	unsigned long flags = local_irq_save();
	unsigned int n = 0;

	while (n < size && tty->read_tail != tty->read_head) {
		unsigned char c = tty->read_buf[MASK(tty->read_tail)];

		if (!(test_flag(tty, tty->read_tail) && c == __DISABLED_CHAR))
			buf[n++] = (char)c;
		tty->read_tail++;
	}
	tty->canon_head = tty->read_head;
	local_irq_restore(flags);
	return n;
}
