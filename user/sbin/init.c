/*
 * /sbin/init: Pagoda's first program (`make run` boots it as init=/sbin/init).
 *
 * It runs /etc/rc with BusyBox's sh, then an interactive login shell on the
 * console: in a session of its own with the console as its controlling
 * terminal (setsid, then TIOCSCTTY; until the kernel has a tty that ioctl
 * fails and the shell runs without job control). While the shell runs, init
 * reaps every orphan that comes to it.
 *
 * When the shell exits (`exit`, Ctrl-D), init powers the machine off, as a
 * one-user system does: on Pagoda a session is one QEMU run, and a shell
 * restarted after `exit` would leave no way out but killing QEMU (the shell's
 * `poweroff` is still the usual way out). BusyBox's poweroff, reboot and halt
 * send init a signal, BusyBox init's convention: SIGUSR2 power off, SIGTERM
 * reboot, SIGUSR1 halt. For any of them init sends every other process
 * SIGTERM, then SIGKILL, reaps them all and makes the reboot system call.
 * Not BusyBox's own init: that one wants /etc/inittab, getty and /dev/ttyN.
 *
 * `/sbin/init SCRIPT` (the kernel's command line: init=/sbin/init -- SCRIPT)
 * runs `sh SCRIPT` instead of the interactive shell, the same way otherwise:
 * a boot that does one thing and powers off (tests/shell.py's init case).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <sys/reboot.h>
#include <unistd.h>

#define __NR_fork       2
#define __NR_execve    11
#define __NR_setsid    66
#define __NR_wait4    114
#define __NR_nanosleep 162
#define TIOCSCTTY  0x540E
#define WNOHANG    1

#define SHELL "/bin/sh"

static char *const shell_env[] = {
	"HOME=/root", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "SHELL=" SHELL, "USER=root", "LOGNAME=root",
	"TERM=vt100",   /* a serial console: whatever terminal QEMU's stdio is, it speaks vt100 */
	NULL,
};

/* The reboot command a signal asked for; 0 while none has. */
static volatile unsigned long wanted;

static void on_signal(int sig)
{
	wanted = sig == SIGUSR2 ? LINUX_REBOOT_CMD_POWER_OFF :
		 sig == SIGTERM ? LINUX_REBOOT_CMD_RESTART : LINUX_REBOOT_CMD_HALT;
}

/* One line on the console, written at once. */
static void say(const char *msg, const char *arg)
{
	char line[256];
	int n = snprintf(line, sizeof(line), "init: %s%s\n", msg, arg ? arg : "");

	if (n > 0 && write(STDOUT_FILENO, line, n < (int)sizeof(line) ? n : (int)sizeof(line) - 1) < 0)
		return;
}

static void describe(const char *what, int status)
{
	char buf[64];

	if ((status & 0x7f) == 0)
		snprintf(buf, sizeof(buf), " exited with status %d", (status >> 8) & 0xff);
	else
		snprintf(buf, sizeof(buf), " was killed by signal %d", status & 0x7f);
	say(what, buf);
}

/* Starts argv in a child; a session leader on the console when interactive. -1 if fork fails. */
static long spawn(char *const argv[], int interactive)
{
	long pid = syscall(__NR_fork);
	sigset_t none;

	if (pid != 0)
		return pid;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < 32; sig++)
		signal(sig, SIG_DFL);
	if (interactive) {
		syscall(__NR_setsid);
		syscall(__NR_ioctl, STDIN_FILENO, TIOCSCTTY, 0);       /* -ENOTTY without a tty: no job control */
	}
	syscall(__NR_execve, SHELL, argv, shell_env);
	say("cannot run " SHELL ": ", strerror(errno));
	_exit(127);
}

/* Waits for any child; returns its pid, or -1 (errno EINTR when a signal came, ECHILD when none is left). */
static long reap(int *status)
{
	return syscall(__NR_wait4, -1, status, 0, NULL);
}

static void on_child(int sig)
{
	(void)sig;      /* only to end sigsuspend() */
}

/*
 * Reaps every child that has ended (orphans included) until `which` has:
 * returns 1 then, with its status in *status, or 0 as soon as a signal has
 * asked for a shutdown. The signals that matter stay blocked except inside
 * sigsuspend(), so none is missed between the check and the wait.
 */
static int wait_for(long which, int *status, const sigset_t *unblocked)
{
	long pid;
	int st, done = 0;

	for (;;) {
		while ((pid = syscall(__NR_wait4, -1, &st, WNOHANG, NULL)) > 0)
			if (pid == which) {
				*status = st;
				done = 1;
			}
		if (done)
			return 1;
		if (wanted || pid < 0)  /* pid < 0: ECHILD, which cannot have run */
			return 0;
		sigsuspend(unblocked);
	}
}

static void nap_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	syscall(__NR_nanosleep, ts, NULL);
}

/* Ends every other process, then the machine: reboot(2) with cmd. */
static void __attribute__((noreturn)) shutdown(unsigned long cmd)
{
	int status;

	say(cmd == LINUX_REBOOT_CMD_RESTART ? "rebooting" :
	    cmd == LINUX_REBOOT_CMD_HALT ? "halting" : "powering off", NULL);
	signal(SIGCHLD, SIG_DFL);
	kill(-1, SIGTERM);
	kill(-1, SIGCONT);      /* stopped jobs must run to die of SIGTERM */
	nap_ms(100);
	kill(-1, SIGKILL);
	while (reap(&status) > 0 || errno == EINTR)
		;
	/* The initramfs lives in memory: there is nothing to sync. */
	syscall(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, NULL);
	say("reboot: ", strerror(errno));
	_exit(1);
}

int main(int argc, char **argv)
{
	static char *const rc_argv[] = { "sh", "/etc/rc", NULL };
	static char *const login_argv[] = { "-sh", NULL };     /* "-": a login shell, which reads /etc/profile */
	char *script_argv[] = { "sh", argc > 1 ? argv[1] : NULL, NULL };
	char *const *shell_argv = argc > 1 ? script_argv : login_argv;
	struct sigaction sa;
	sigset_t block, unblocked;
	long rc, shell;
	int status;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGINT, SIG_IGN);        /* Ctrl-Alt-Del: nothing here */
	signal(SIGHUP, SIG_IGN);

	rc = spawn(rc_argv, 0);
	if (rc < 0)
		say("cannot fork for /etc/rc: ", strerror(errno));
	else if (wait_for(rc, &status, &unblocked) && status != 0)
		describe("/etc/rc", status);
	if (wanted)
		shutdown(wanted);

	shell = spawn(shell_argv, 1);
	if (shell < 0)
		say("cannot fork for the shell: ", strerror(errno));
	else if (wait_for(shell, &status, &unblocked))
		describe(SHELL, status);
	shutdown(wanted ? wanted : LINUX_REBOOT_CMD_POWER_OFF);
}
