/*
 * The init of the Linux oracle (tools/linux_oracle.py): Debian's i386
 * kernel boots it from an initramfs that also holds the user programs. It
 * runs the programs listed in /run.list one after the other, each with the
 * console as stdin, stdout and stderr, and says how each ended, as Pagoda's
 * "pagoda: init exited with status N" does; then it powers the machine off.
 *
 * /run.list has one program a line: LABEL TIMEOUT PROG ARGS..., words split
 * by single spaces, TIMEOUT in seconds of (virtual) time. "TIMEOUT/init"
 * runs the program as PID 1 of a new PID namespace (clone's CLONE_NEWPID):
 * there it is init as on Pagoda, where every program runs as PID 1, with
 * getppid() 0, no process group or session of its own (both read 0), orphans
 * reparented to it and unhandled signals from inside ignored. What comes out:
 *
 *     linux-init: run LABEL
 *     ... the program's output, and the kernel's lines about it ...
 *     linux-init: LABEL exited with status N      (128 + signal when killed)
 *     linux-init: LABEL timed out after T s       (then killed)
 *     linux-init: done
 *
 * Built against Debian's static i386 glibc; it is not part of Pagoda's initrd.
 */
#define _GNU_SOURCE     /* CLONE_NEWPID */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAX_ARGS 64

/* One line on the console, written at once so that it is not split. */
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	say("linux-init: reboot(RB_POWER_OFF): %s", strerror(errno));
	for (;;)
		pause();
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		say("linux-init: cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/*
 * The console: the kernel opens /dev/console for init when the node exists
 * (the initramfs carries it); devtmpfs is the way back if it does not.
 */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		power_off();            /* nowhere to say anything: the runner times out */
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/*
 * Every "NAME[PID]: segfault at ..." line must reach the console: they are
 * KERN_INFO (so console_loglevel goes to 7, one above it), and printk_ratelimit()
 * lets only 10 through in 5 s unless its interval is 0.
 */
static void kernel_messages(void)
{
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL) < 0) {
		say("linux-init: mount /proc: %s", strerror(errno));
		return;
	}
	write_file("/proc/sys/kernel/printk", "7");
	write_file("/proc/sys/kernel/printk_ratelimit", "0");
	write_file("/proc/sys/debug/exception-trace", "1");
}

/* Whole disks (sda, sdb ...) in /proc/partitions. */
static int count_disks(void)
{
	char line[256], name[64];
	FILE *f = fopen("/proc/partitions", "r");
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*u %*u %*u %63s", name) == 1 && strncmp(name, "sd", 2) == 0 &&
		    strlen(name) == 3)
			n++;
	fclose(f);
	return n;
}

/*
 * With disks (tools/linux_oracle.py's /modules.list: "disks N", then the
 * driver's modules in load order), load each module, then wait for the N
 * disks: libata and sd probe in the background after their init returns.
 */
static void load_disk_modules(void)
{
	char line[256], path[300];
	FILE *list = fopen("/modules.list", "r");
	int disks = 0;

	if (!list)
		return;
	if (!fgets(line, sizeof(line), list) || sscanf(line, "disks %d", &disks) != 1)
		say("linux-init: /modules.list: no \"disks N\" line");
	while (fgets(line, sizeof(line), list)) {
		int fd;

		line[strcspn(line, "\n")] = '\0';
		snprintf(path, sizeof(path), "/modules/%s", line);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) < 0)
			say("linux-init: load %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	fclose(list);
	for (int tries = 0; count_disks() < disks; tries++) {
		if (tries == 1000) {
			say("linux-init: only %d of %d disks after 10 s", count_disks(), disks);
			break;
		}
		usleep(10000);
	}
}

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig __attribute__((unused)))
{
	timed_out = 1;
}

/*
 * Runs argv[0] and returns its status as a shell reports it, or -1 on a
 * time-out. as_init: as PID 1 of a new PID namespace (clone without a new
 * stack returns twice, as fork does).
 */
static int run(char **argv, unsigned int timeout, int as_init)
{
	int wstatus;
	pid_t pid, got;

	pid = as_init ? syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, NULL) : fork();
	if (pid < 0) {
		say("linux-init: fork: %s", strerror(errno));
		return 255;
	}
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		execv(argv[0], argv);
		say("linux-init: exec %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	timed_out = 0;
	alarm(timeout);
	do
		got = waitpid(pid, &wstatus, 0);
	while (got < 0 && errno == EINTR && !timed_out);
	alarm(0);
	if (got < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &wstatus, 0);
		return -1;
	}
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* Splits one /run.list line in place; returns the number of words. */
static int split(char *line, char **words, int max)
{
	int n = 0;
	char *save, *w;

	for (w = strtok_r(line, " \n", &save); w && n < max; w = strtok_r(NULL, " \n", &save))
		words[n++] = w;
	return n;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	char line[2048], *words[MAX_ARGS + 3];
	FILE *list;

	open_console();
	kernel_messages();
	load_disk_modules();
	/* /dev with every device, as Pagoda's (the initramfs brings only /dev/console) */
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	/* / stays writable: Pagoda unpacks its initramfs into a tmpfs too */
	sigaction(SIGALRM, &sa, NULL);  /* no SA_RESTART: waitpid returns EINTR */
	list = fopen("/run.list", "r");
	if (!list) {
		say("linux-init: /run.list: %s", strerror(errno));
		power_off();
	}
	while (fgets(line, sizeof(line), list)) {
		int n = split(line, words, MAX_ARGS + 2), status;
		unsigned int timeout;
		char *rest;

		if (n == 0)
			continue;
		if (n < 3) {
			say("linux-init: bad /run.list line for %s", words[0]);
			continue;
		}
		timeout = strtoul(words[1], &rest, 10);
		words[n] = NULL;
		say("linux-init: run %s", words[0]);
		status = run(words + 2, timeout, strcmp(rest, "/init") == 0);
		if (status < 0)
			say("linux-init: %s timed out after %u s", words[0], timeout);
		else
			say("linux-init: %s exited with status %d", words[0], status);
	}
	say("linux-init: done");
	power_off();
}
