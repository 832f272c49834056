/*
 * The terminal's ioctls as Linux 6.1 answers them on the serial console
 * (/dev/console, which is ttyS0): TCGETS's 36-byte struct termios and its
 * defaults (tty_std_termios), TCSETS/TCSETSW/TCSETSF and termios2, raw
 * reads with VMIN and VTIME, the window size (0x0 on a serial port), the
 * flush and flow calls, the byte counts, -ENOTTY for an unknown number;
 * then job control: the controlling terminal (TIOCSCTTY, TIOCGSID,
 * TIOCNOTTY), the foreground group (TIOCGPGRP, TIOCSPGRP with -EINVAL,
 * -ESRCH, -EPERM, -ENOTTY), a background reader stopped by SIGTTIN or
 * given -EIO when it ignores SIGTTIN, a background writer stopped by
 * SIGTTOU under TOSTOP.
 *
 * All on ttyS0 itself: Linux leaves job control out of reads and writes on
 * /dev/console (job_control's "don't stop on /dev/console"), so where
 * descriptor 0 is /dev/console (5:1, the Linux oracle) the test makes and
 * opens /dev/ttyS0 (4:64); on Pagoda descriptor 0 is ttyS0 already.
 */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "process.h"
#include "termios.h"

#define SIGHUP  1
#define SIGSTOP 19
#define SIGTTIN 21
#define SIGTTOU 22
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)   WEXITSTATUS(s)

#define O_NOCTTY 0400
#define S_IFCHR  0020000
#define __NR_mknod 14

static struct kernel_termios saved;
static int tty;         /* a descriptor of ttyS0 */

static unsigned long rdev(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_rdev;
}

static void find_ttyS0(void)
{
	if (rdev(0) == ((4 << 8) | 64)) {
		tty = 0;
		return;
	}
	__syscall3(__NR_mknod, (long)"/dev/ttyS0", S_IFCHR | 0600, (4 << 8) | 64);
	tty = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
	if (tty < 0)
		fail("descriptor 0 is not ttyS0 (rdev %#lx) and /dev/ttyS0 does not open", rdev(0));
}

static void defaults(void)
{
	unsigned char buf[64];
	struct kernel_termios t;
	static const unsigned char cc[] = { 3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026 };

	check_ret(sys_ioctl(99, TCGETS, (unsigned long)&t), -EBADF, "TCGETS on a closed descriptor");
	check_ret(sys_ioctl(tty, TCGETS, 0), -EFAULT, "TCGETS to NULL");
	memset(buf, 0xa5, sizeof(buf));
	check_ret(sys_ioctl(tty, TCGETS, (unsigned long)buf), 0, "TCGETS on the console");
	check(buf[36] == 0xa5 && buf[35] != 0xa5 - 1, "TCGETS writes the 36-byte i386 struct termios");
	memcpy(&t, buf, sizeof(t));
	saved = t;
	check(t.c_lflag == (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN),
	      "c_lflag is tty_std_termios's (%#o)", t.c_lflag);
	check(t.c_oflag == (OPOST | ONLCR), "c_oflag is OPOST|ONLCR (%#o)", t.c_oflag);
	check(t.c_iflag == (ICRNL | IXON), "c_iflag is ICRNL|IXON (%#o)", t.c_iflag);
	check((t.c_cflag & (CSIZE | CREAD)) == (CS8 | CREAD), "c_cflag has CS8|CREAD (%#o)", t.c_cflag);
	check(memcmp(t.c_cc, cc, sizeof(cc)) == 0, "c_cc is INIT_C_CC (^C ^\\ DEL ^U ^D, MIN 1, ^Q ^S ^Z, ^R ^O ^W ^V)");
	check(t.c_line == 0, "c_line is N_TTY");
}

static void set_and_get(void)
{
	struct kernel_termios t = saved, u;
	struct kernel_termios2 t2;
	char c;

	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	check_ret(sys_ioctl(tty, TCSETS, (unsigned long)&t), 0, "TCSETS: raw, VMIN 0, VTIME 0");
	check_ret(sys_ioctl(tty, TCGETS, (unsigned long)&u), 0, "TCGETS again");
	check(memcmp(&t, &u, sizeof(t)) == 0, "TCGETS reads back what TCSETS set");
	check_ret(read(tty, &c, 1) < 0 ? -errno : 0, 0, "a raw read with VMIN 0, VTIME 0 and nothing typed returns 0");
	t.c_cc[VTIME] = 1;
	check_ret(sys_ioctl(tty, TCSETSW, (unsigned long)&t), 0, "TCSETSW: VTIME 1");
	check_ret(read(tty, &c, 1) < 0 ? -errno : 0, 0, "a raw read with VMIN 0, VTIME 1 times out with 0");
	check_ret(sys_ioctl(tty, TCSETSF, (unsigned long)&saved), 0, "TCSETSF back to the saved termios");
	check_ret(sys_ioctl(tty, TCSETS, 16), -EFAULT, "TCSETS from a bad pointer");
	check_ret(sys_ioctl(tty, TCGETS2, (unsigned long)&t2), 0, "TCGETS2");
	check(t2.c_lflag == saved.c_lflag && t2.c_ispeed == t2.c_ospeed && t2.c_ospeed > 0,
	      "termios2: the same flags, and equal nonzero speeds (%u)", t2.c_ospeed);
	check_ret(sys_ioctl(tty, TCSETS2, (unsigned long)&t2), 0, "TCSETS2 with what TCGETS2 gave");
}

static void misc(void)
{
	struct winsize ws = { 1, 2, 3, 4 }, big = { 40, 100, 0, 0 }, zero = { 0, 0, 0, 0 };
	int n = -1;

	check_ret(sys_ioctl(tty, TIOCGWINSZ, (unsigned long)&ws), 0, "TIOCGWINSZ");
	check(ws.ws_row == 0 && ws.ws_col == 0, "a serial port's window is 0x0 until set (%ux%u)", ws.ws_col,
	      ws.ws_row);
	check_ret(sys_ioctl(tty, TIOCSWINSZ, (unsigned long)&big), 0, "TIOCSWINSZ 100x40");
	check_ret(sys_ioctl(tty, TIOCGWINSZ, (unsigned long)&ws), 0, "TIOCGWINSZ");
	check(ws.ws_row == 40 && ws.ws_col == 100, "the size set is the size read (%ux%u)", ws.ws_col, ws.ws_row);
	check_ret(sys_ioctl(tty, TIOCSWINSZ, (unsigned long)&zero), 0, "TIOCSWINSZ back to 0x0");
	check_ret(sys_ioctl(tty, TIOCGWINSZ, 0), -EFAULT, "TIOCGWINSZ to NULL");
	check_ret(sys_ioctl(tty, TCFLSH, 0), 0, "TCFLSH TCIFLUSH");
	check_ret(sys_ioctl(tty, TCFLSH, 1), 0, "TCFLSH TCOFLUSH");
	check_ret(sys_ioctl(tty, TCFLSH, 2), 0, "TCFLSH TCIOFLUSH");
	check_ret(sys_ioctl(tty, TCFLSH, 3), -EINVAL, "TCFLSH 3");
	check_ret(sys_ioctl(tty, TCXONC, 1), 0, "TCXONC TCOON");
	check_ret(sys_ioctl(tty, TCXONC, 7), -EINVAL, "TCXONC 7");
	check_ret(sys_ioctl(tty, FIONREAD, (unsigned long)&n), 0, "FIONREAD");
	check(n == 0, "nothing typed: FIONREAD says 0 (%d)", n);
	n = -1;
	check_ret(sys_ioctl(tty, TIOCOUTQ, (unsigned long)&n), 0, "TIOCOUTQ");
	check(n >= 0, "TIOCOUTQ gives a count (%d)", n);
	check_ret(sys_ioctl(tty, 0x12345678, 0), -ENOTTY, "an unknown ioctl is ENOTTY");
}

/* A child in another session asks for the terminal: not while ours has it (EPERM). */
static int other_session_child(void)
{
	int pgrp = sys_getpgrp();

	child_expect(sys_setsid(), sys_getpid(), 2, "setsid in the child");
	child_expect(sys_ioctl(tty, TIOCSCTTY, 0), -EPERM, 3, "TIOCSCTTY: another session's terminal");
	child_expect(sys_ioctl(tty, TIOCGPGRP, (unsigned long)&pgrp), -ENOTTY, 4,
		     "TIOCGPGRP: not our controlling terminal");
	child_exit(0);
}

static void job_control(void)
{
	long me = sys_getpid(), pid;
	int pgrp = -1, status = -1;
	char c;

	signal(SIGTTOU, SIG_IGN);       /* as a shell: it moves the terminal between groups */
	signal(SIGHUP, SIG_IGN);        /* TIOCNOTTY at the end hangs up the foreground group: us */
	check_ret(sys_ioctl(tty, TIOCGPGRP, (unsigned long)&pgrp), -ENOTTY, "TIOCGPGRP with no controlling terminal");
	check_ret(sys_ioctl(tty, TIOCGSID, (unsigned long)&pgrp), -ENOTTY, "TIOCGSID with no controlling terminal");
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), -EINVAL,
		  "TIOCSPGRP -1 with no controlling terminal: the value is checked first");
	pgrp = (int)me;
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), -ENOTTY, "TIOCSPGRP with no controlling terminal");
	check_ret(sys_ioctl(tty, TIOCSCTTY, 0), -EPERM, "TIOCSCTTY: not a session leader");
	check_ret(sys_ioctl(tty, TIOCNOTTY, 0), -ENOTTY, "TIOCNOTTY with no controlling terminal");
	check_ret(sys_setsid(), me, "setsid");
	check_ret(sys_ioctl(tty, TIOCSCTTY, 0), 0, "TIOCSCTTY: the console becomes our terminal");
	check_ret(sys_ioctl(tty, TIOCSCTTY, 0), 0, "TIOCSCTTY again: already ours");
	check_ret(sys_ioctl(tty, TIOCGPGRP, (unsigned long)&pgrp), 0, "TIOCGPGRP");
	check(pgrp == me, "the foreground group is ours (%d)", pgrp);
	check_ret(sys_ioctl(tty, TIOCGSID, (unsigned long)&pgrp), 0, "TIOCGSID");
	check(pgrp == me, "the terminal's session is ours (%d)", pgrp);

	pid = sys_fork();
	if (pid == 0)
		other_session_child();
	reap_ok(pid, "a child in its own session");

	pgrp = -5;
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), -EINVAL, "TIOCSPGRP -5");
	pgrp = 30000;
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), -ESRCH, "TIOCSPGRP: no such group");
	check_ret(sys_ioctl(tty, TIOCSPGRP, 0), -EFAULT, "TIOCSPGRP from NULL");

	/* A child in a group of its own, made the foreground: we are in the background. */
	pid = sys_fork();
	if (pid == 0) {
		sys_setpgid(0, 0);
		for (;;)
			sys_sched_yield();      /* until killed */
	}
	sys_setpgid(pid, pid);
	pgrp = (int)pid;
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), 0, "TIOCSPGRP: the child's group");
	pgrp = -1;
	check_ret(sys_ioctl(tty, TIOCGPGRP, (unsigned long)&pgrp), 0, "TIOCGPGRP");
	check(pgrp == pid, "the foreground group is the child's (%d)", pgrp);
	signal(SIGTTIN, SIG_IGN);
	check_ret(read(tty, &c, 1) < 0 ? -errno : 0, -EIO, "a background read ignoring SIGTTIN is EIO");
	signal(SIGTTIN, SIG_DFL);
	pgrp = (int)me;
	check_ret(sys_ioctl(tty, TIOCSPGRP, (unsigned long)&pgrp), 0,
		  "TIOCSPGRP from the background, SIGTTOU ignored: back to our group");
	sys_kill(pid, SIGKILL);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "reap the foreground child");

	/* A background child that reads the terminal is stopped by SIGTTIN. */
	pid = sys_fork();
	if (pid == 0) {
		sys_setpgid(0, 0);
		child_exit(read(tty, &c, 1) < 0 ? 10 : 11);   /* never: it stops first */
	}
	sys_setpgid(pid, pid);
	status = -1;
	check_ret(sys_wait4(pid, &status, WUNTRACED, NULL), pid, "wait4 WUNTRACED for the background reader");
	check(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN, "it was stopped by SIGTTIN (status %#x)", status);
	sys_kill(pid, SIGKILL);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "reap it");

	/* With TOSTOP, a background writer is stopped by SIGTTOU. */
	{
		struct kernel_termios t = saved;

		t.c_lflag |= TOSTOP;
		check_ret(sys_ioctl(tty, TCSETS, (unsigned long)&t), 0, "TCSETS with TOSTOP");
	}
	pid = sys_fork();
	if (pid == 0) {
		sys_setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL);
		child_exit(write(tty, "x", 1) == 1 ? 10 : 11);  /* never: it stops first */
	}
	sys_setpgid(pid, pid);
	status = -1;
	check_ret(sys_wait4(pid, &status, WUNTRACED, NULL), pid, "wait4 WUNTRACED for the background writer");
	check(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU, "TOSTOP: it was stopped by SIGTTOU (status %#x)",
	      status);
	sys_kill(pid, SIGKILL);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "reap it");
	check_ret(write(tty, "", 0), 0, "the foreground may write with TOSTOP");
	check_ret(sys_ioctl(tty, TCSETS, (unsigned long)&saved), 0, "TCSETS without TOSTOP");

	check_ret(sys_ioctl(tty, TIOCNOTTY, 0), 0, "TIOCNOTTY: the session leader gives the terminal up");
	check_ret(sys_ioctl(tty, TIOCGPGRP, (unsigned long)&pgrp), -ENOTTY, "TIOCGPGRP after TIOCNOTTY");
}

int main(void)
{
	find_ttyS0();
	defaults();
	set_and_get();
	misc();
	job_control();
	return done();
}
