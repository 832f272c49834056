/*
 * The console as a terminal (drivers/tty/): a line discipline (Linux's
 * n_tty) between the serial port and the processes reading it. The VFS
 * gives descriptors 0-2, /dev/console and /dev/tty files whose f_op is
 * tty_fops.
 *
 * There is one terminal, the serial console (ttyS0). Its termios, window
 * size, session and foreground process group are kept here as Linux keeps
 * them in struct tty_struct; a process's controlling terminal is the
 * console when its session is the console's (Linux: signal->tty).
 */
#ifndef PAGODA_TTY_H
#define PAGODA_TTY_H

#include <stdbool.h>
#include "linux/wait.h"

struct file_operations;
struct file;

/* struct termios as the i386 kernel ABI has it (36 bytes: TCGETS); termios2 adds the speeds (44). */
#define NCCS 19
typedef unsigned char cc_t;
typedef unsigned int tcflag_t;
typedef unsigned int speed_t;

struct termios {
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

struct ktermios {               /* = struct termios2 */
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
	speed_t c_ispeed, c_ospeed;
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices (asm-generic/termbits.h) */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define IGNPAR  0000004
#define PARMRK  0000010
#define INPCK   0000020
#define ISTRIP  0000040
#define INLCR   0000100
#define IGNCR   0000200
#define ICRNL   0000400
#define IUCLC   0001000
#define IXON    0002000
#define IXANY   0004000
#define IXOFF   0010000
#define IMAXBEL 0020000
#define IUTF8   0040000
/* c_oflag */
#define OPOST   0000001
#define OLCUC   0000002
#define ONLCR   0000004
#define OCRNL   0000010
#define ONOCR   0000020
#define ONLRET  0000040
/* c_cflag */
#define CBAUD   0010017
#define B9600   0000015
#define B38400  0000017
#define B115200 0010002
#define CSIZE   0000060
#define CS8     0000060
#define CSTOPB  0000100
#define CREAD   0000200
#define PARENB  0000400
#define HUPCL   0002000
#define CLOCAL  0004000
#define BOTHER  0010000
/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define XCASE   0000004
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE  0004000
#define FLUSHO  0010000
#define PENDIN  0040000
#define IEXTEN  0100000
#define EXTPROC 0200000

/* ioctl numbers (asm-generic/ioctls.h, which i386 uses) */
#define TCGETS      0x5401
#define TCSETS      0x5402
#define TCSETSW     0x5403
#define TCSETSF     0x5404
#define TCSBRK      0x5409
#define TCXONC      0x540A
#define TCFLSH      0x540B
#define TIOCSCTTY   0x540E
#define TIOCGPGRP   0x540F
#define TIOCSPGRP   0x5410
#define TIOCOUTQ    0x5411
#define TIOCGWINSZ  0x5413
#define TIOCSWINSZ  0x5414
#define FIONREAD    0x541B
#define TIOCNOTTY   0x5422
#define TCGETS2     0x802c542a
#define TCSETS2     0x402c542b
#define TCSETSW2    0x402c542c
#define TCSETSF2    0x402c542d
#define TIOCGSID    0x5429
/* TCFLSH's and TCXONC's arguments */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

/* An ioctl this layer does not know; the next layer is asked (Linux's include/linux/errno.h). */
#define ENOIOCTLCMD 515

#define N_TTY_BUF_SIZE 4096     /* the line discipline's input buffer, as Linux's */

struct tty_struct {
	struct ktermios termios;
	struct winsize winsize;
	int session;            /* the session whose controlling terminal this is (0: none) */
	int pgrp;               /* the foreground process group (0: none) */
	bool stopped;           /* ^S / TCOOFF: output held until ^Q / TCOON */
	wait_queue_head_t read_wait, write_wait;

	/* n_tty's state (Linux's struct n_tty_data): a ring of input, indices only grow */
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned char read_flags[N_TTY_BUF_SIZE / 8];   /* a set bit ends a canonical line */
	unsigned int read_head;         /* where the next received byte goes */
	unsigned int canon_head;        /* the end of the last complete line (canonical mode) */
	unsigned int read_tail;         /* the next byte a reader takes */
	bool icanon, lnext, erasing;
};

extern struct tty_struct console_tty;
extern const struct file_operations tty_fops;
/* Set up the console's terminal: the receive interrupt wired, off until something reads. */
void tty_init(void);

/* drivers/tty/n_tty.c: the line discipline */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c);      /* interrupt context */
long n_tty_read(struct tty_struct *tty, struct file *f, char *ubuf, unsigned long nr);
long n_tty_write(struct tty_struct *tty, struct file *f, const char *kbuf, unsigned long nr);
unsigned int n_tty_poll_mask(struct tty_struct *tty);
/* Bytes a read could take now (FIONREAD: in canonical mode, only complete lines). */
unsigned int n_tty_chars_in_buffer(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
/* The termios changed: switching ICANON moves what is buffered between lines and raw bytes. */
void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old);
/* The monitor takes back input nobody read: up to size bytes into buf; returns how many. */
unsigned int tty_take_input(char *buf, unsigned int size);

/* drivers/tty/tty_jobctrl.c */
/* Is console_tty current's controlling terminal? */
bool tty_is_ctty(struct tty_struct *tty);
/* A reader (SIGTTIN) or writer/changer (SIGTTOU) in a background group: 0, -EIO or -ERESTARTSYS. */
int __tty_check_change(struct tty_struct *tty, int sig);
/* Send sig to the foreground process group (^C, ^\, ^Z). */
void tty_signal_pgrp(struct tty_struct *tty, int sig);
/* Send sig to every live process of group pgrp (kill_pgrp). */
void tty_signal_group(int pgrp, int sig);
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd, unsigned long arg);
/* A session leader with no terminal opens the console: it becomes the session's. */
void tty_open_proc_set_tty(struct tty_struct *tty, struct file *f);

/* drivers/tty/tty_ioctl.c: the termios calls */
long tty_mode_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg);

/* drivers/tty/serial/8250/8250_port.c: the receive interrupt on or off (the monitor polls instead). */
void serial8250_rx_irq(bool on);

#endif
