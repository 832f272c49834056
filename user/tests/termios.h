/*
 * The terminal's user ABI on i386, as the tty tests use it: struct termios
 * as the kernel reads and writes it with TCGETS (36 bytes, not glibc's
 * 60-byte struct with speeds), termios2, struct winsize, and Linux's
 * ioctl numbers and flag values.
 */
#ifndef TEST_TERMIOS_H
#define TEST_TERMIOS_H

#include <syscall.h>

#define NCCS 19
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[NCCS];
};
struct kernel_termios2 {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[NCCS];
	unsigned int c_ispeed, c_ospeed;
};
struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VWERASE 14

#define ICRNL   0000400
#define IXON    0002000
#define OPOST   0000001
#define ONLCR   0000004
#define CBAUD   0010017
#define CSIZE   0000060
#define CS8     0000060
#define CREAD   0000200
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHOCTL 0001000
#define ECHOKE  0004000
#define IEXTEN  0100000
#define TOSTOP  0000400

#define TCGETS      0x5401
#define TCSETS      0x5402
#define TCSETSW     0x5403
#define TCSETSF     0x5404
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
#define TIOCGSID    0x5429
#define TCGETS2     0x802c542a
#define TCSETS2     0x402c542b

#define __NR_ioctl 54
static inline long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	return __syscall3(__NR_ioctl, fd, (long)cmd, (long)arg);
}

#endif
