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
#include "linux/tty.h"

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

static long tty_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	(void)pos;
	return n_tty_write(file_tty(f), f, ubuf, count);
}

/* A stand-in until fs/select.c (the VFS's poll) lands and replaces it: registers nothing. */
__attribute__((weak)) void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *pt)
{
	(void)f, (void)wq, (void)pt;
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
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.open = tty_open,
};

void serial8250_startup(void);  /* drivers/tty/serial/8250/8250_port.c */

void tty_init(void)
{
	serial8250_startup();
}
