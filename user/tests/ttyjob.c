/*
 * A program to type at, for tests/tty.py, which drives the serial console
 * as a terminal. Each mode takes the console as its controlling terminal
 * first (setsid, TIOCSCTTY), as a shell started by init would:
 *
 *   lines   prints each line read as "got [LINE]" until a read returns 0 ("eof")
 *   intr    runs a child that loops in the foreground group until a signal
 *           ends or stops it (then it is killed), reports how, takes the
 *           terminal back and reads lines
 *   raw     no ICANON, no ECHO, VMIN 3: prints the bytes of one read in hex
 *   spin S  spins in user mode for S seconds of uptime, then says "spin: done"
 *   sink    ignores ^C ^\ ^Z and end of file; counts what it reads until a line "quit"
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "process.h"
#include "termios.h"

#define SIGTTOU 22
#define __NR_time 13

static void take_terminal(void)
{
	signal(SIGTTOU, SIG_IGN);       /* as a shell: it moves the terminal between groups */
	if (sys_getsid(0) != sys_getpid())
		sys_setsid();
	if (sys_ioctl(0, TIOCSCTTY, 0) != 0)
		printf("ttyjob: TIOCSCTTY failed\n");
}

static int lines(void)
{
	char buf[256];
	long n;

	printf("ttyjob: ready\n");
	while ((n = read(0, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		if (buf[n - 1] == '\n')
			buf[n - 1] = '\0';
		printf("got [%s]\n", buf);
	}
	printf(n == 0 ? "ttyjob: eof\n" : "ttyjob: read error %ld\n", n);
	return 0;
}

static int intr(void)
{
	int pgrp, status = -1;
	long pid = sys_fork();

	if (pid == 0) {
		sys_setpgid(0, 0);
		printf("child: looping\n");
		for (volatile unsigned long i = 0;; i++)
			;
	}
	sys_setpgid(pid, pid);
	pgrp = (int)pid;
	sys_ioctl(0, TIOCSPGRP, (unsigned long)&pgrp);
	printf("ttyjob: child %ld in the foreground\n", pid);
	sys_wait4(pid, &status, WUNTRACED, NULL);
	if ((status & 0xff) == 0x7f) {
		printf("ttyjob: child stopped by signal %d\n", WEXITSTATUS(status));
		sys_kill(pid, SIGKILL);
		sys_wait4(pid, &status, 0, NULL);
	}
	if (WIFSIGNALED(status))
		printf("ttyjob: child killed by signal %d\n", WTERMSIG(status));
	else
		printf("ttyjob: child exited, status %#x\n", status);
	pgrp = (int)sys_getpid();
	sys_ioctl(0, TIOCSPGRP, (unsigned long)&pgrp);
	printf("ttyjob: parent alive\n");
	return lines();
}

static int raw(void)
{
	struct kernel_termios t, old;
	unsigned char buf[16];
	long n;

	sys_ioctl(0, TCGETS, (unsigned long)&old);
	t = old;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	sys_ioctl(0, TCSETS, (unsigned long)&t);
	printf("ttyjob: raw\n");
	n = read(0, buf, sizeof(buf));
	sys_ioctl(0, TCSETS, (unsigned long)&old);
	printf("raw read %ld:", n);
	for (long i = 0; i < n; i++)
		printf(" %02x", buf[i]);
	printf("\n");
	return 0;
}

static int sink(void)
{
	char buf[256];
	unsigned long total = 0;
	long n;

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	printf("ttyjob: sink\n");
	while ((n = read(0, buf, sizeof(buf) - 1)) >= 0) {
		total += (unsigned long)n;
		if (n == 5 && memcmp(buf, "quit\n", 5) == 0)
			break;
	}
	printf("ttyjob: sink read %lu bytes\n", total);
	return 0;
}

static int spin(int seconds)
{
	long start = __syscall1(__NR_time, 0);

	printf("spin: spinning\n");
	while (__syscall1(__NR_time, 0) < start + seconds)
		;
	printf("spin: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "lines";

	take_terminal();
	if (strcmp(mode, "intr") == 0)
		return intr();
	if (strcmp(mode, "raw") == 0)
		return raw();
	if (strcmp(mode, "sink") == 0)
		return sink();
	if (strcmp(mode, "spin") == 0)
		return spin(argc > 2 ? argv[2][0] - '0' : 3);
	return lines();
}
