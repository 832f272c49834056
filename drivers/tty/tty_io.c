/*
 * The terminal's file operations (Linux's drivers/tty/tty_io.c): what
 * read, write, poll and ioctl do on a descriptor of the console. They hand
 * the bytes to the line discipline (n_tty.c), the termios calls to
 * tty_ioctl.c and the job-control calls to tty_jobctrl.c.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/poll.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/tty.h"
#include "linux/uio.h"

/*
 * The console's terminal. Its termios are Linux's tty_std_termios with the
 * c_cflag Linux gives ttyS0 for "console=ttyS0" (9600 8N1, CREAD, HUPCL,
 * CLOCAL: uart_set_options). The UART really runs at 115200, which under
 * QEMU makes no difference; the window size is 0x0, as a serial port
 * reports until someone sets it.
 */
struct tty_struct console_tty = {
	.termios = {
		.c_iflag = ICRNL | IXON,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B9600 | CS8 | CREAD | HUPCL | CLOCAL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
		/* INIT_C_CC: ^C ^\ DEL ^U ^D, TIME 0, MIN 1, -, ^Q ^S ^Z, -, ^R ^O ^W ^V */
		.c_cc = { 3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0 },
		.c_ispeed = 9600, .c_ospeed = 9600,
	},
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.write_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.write_wait),
	.icanon = true,
};

static struct tty_struct *file_tty(struct file *f)
{
	(void)f;
	return &console_tty;
}

static long tty_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	(void)pos;
	return n_tty_read(file_tty(f), f, ubuf, count);
}

/*
 * tty_write (iterate_tty_write): with TOSTOP a background writer is
 * stopped first (SIGTTOU); then 2048-byte chunks through one buffer
 * (tty->write_buf; the kernel runs one system call at a time). A chunk
 * whose copy faults is not written: the call returns what the earlier
 * chunks wrote, or -EFAULT if none.
 */
#define TTY_WRITE_CHUNK 2048
static long tty_write_iter(struct file *f, struct iov_iter *from, long long *pos)
{
	static char write_buf[TTY_WRITE_CHUNK];
	struct tty_struct *tty = file_tty(f);
	long written = 0;

	(void)pos;                      /* a stream: no position */
	if (tty->termios.c_lflag & TOSTOP) {
		long ret = __tty_check_change(tty, SIGTTOU);

		if (ret)
			return ret;
	}
	while (from->count) {
		size_t size = from->count < sizeof(write_buf) ? from->count : sizeof(write_buf);
		long n;

		if (copy_from_iter(write_buf, size, from) != size)
			return written ? written : -EFAULT;
		n = n_tty_write(tty, f, write_buf, size);
		if (n < 0)
			return written ? written : n;
		written += n;
	}
	return written;
}

static long tty_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	struct iovec iov;
	struct iov_iter from;

	iov_iter_single(&from, &iov, (void *)ubuf, count);
	return tty_write_iter(f, &from, pos);
}

/* tty_poll: POLLIN when a read would not wait, POLLOUT unless output is stopped. */
static unsigned int tty_poll(struct file *f, struct poll_table_struct *pt)
{
	struct tty_struct *tty = file_tty(f);

	serial8250_rx_irq(true);
	poll_wait(f, &tty->read_wait, pt);
	poll_wait(f, &tty->write_wait, pt);
	return n_tty_poll_mask(tty);
}

/* tty_ioctl: job control first, then the termios calls; -ENOTTY for the rest, as Linux. */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(f);
	long ret = tty_jobctrl_ioctl(tty, f, cmd, arg);

	if (ret == -ENOIOCTLCMD)
		ret = tty_mode_ioctl(tty, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

/* tty_open: the session leader with no terminal that opens the console makes it its own. */
static int tty_open(struct inode *inode, struct file *f)
{
	(void)inode;
	tty_open_proc_set_tty(file_tty(f), f);
	return 0;
}

const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.write_iter = tty_write_iter,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.open = tty_open,
};

void serial8250_startup(void);  /* drivers/tty/serial/8250/8250_port.c */

void tty_init(void)
{
	serial8250_startup();
}
