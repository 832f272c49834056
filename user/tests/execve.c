/*
 * execve as Linux 6.1 does it. In a forked child: argv and envp arrive
 * intact (empty strings, a long one, many of them); the new image replaces
 * the old memory (its data is as linked, the old mappings are gone); the
 * pid, the ppid, open file descriptors (and their offsets), ignored signals
 * and the blocked mask survive, while a caught signal goes back to SIG_DFL
 * and an O_CLOEXEC descriptor is closed. In this process: a failed execve
 * returns Linux's errno (ENOENT, EFAULT, EACCES, ENOEXEC, ENOTDIR) and the
 * old image runs on intact.
 *
 * With "image ARGS..." it is the new image: it checks what it was given
 * and exits 0, or 2.. at the first difference (saying what differed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "process.h"

#define O_CLOEXEC 02000000
#define OLD_MAPPING 0x50000000UL
#define NARGS 100
#define LONG_LEN 3000

/* The kernel's struct sigaction for rt_sigaction on i386 (sigsetsize 8). */
struct k_sigaction {
	unsigned long handler, flags, restorer, mask[2];
};
#define SIG_DFL 0UL
#define SIG_IGN 1UL
#define SIG_BLOCK 0
#define SIGBIT(s) (1UL << ((s) - 1))

static int linked_value = 5;    /* .data: the new image must see 5 again */
static char long_arg[LONG_LEN + 1], long_env[LONG_LEN + 8];
static char numbers[NARGS][16];

/* The extra arguments and environment both sides expect: built the same way on each. */
static void make_lists(char **args, char **env)
{
	int i;

	memset(long_arg, 'a', LONG_LEN);
	for (i = 0; i < LONG_LEN; i += 100)
		long_arg[i] = (char)('A' + i / 100 % 26);
	memcpy(long_env, "LONG=", 5);
	memcpy(long_env + 5, long_arg, LONG_LEN + 1);
	args[0] = "";
	args[1] = long_arg;
	args[2] = "with spaces and\ttab";
	for (i = 3; i < NARGS; i++) {
		snprintf(numbers[i], sizeof(numbers[i]), "arg%d", i);
		args[i] = numbers[i];
	}
	args[NARGS] = NULL;
	env[0] = "A=1";
	env[1] = "EMPTY=";
	env[2] = long_env;
	env[3] = "";
	env[4] = NULL;
}

static void handler(int sig)
{
}

/* The new image: argv is self image PID PPID FD FD_OFFSET CLOEXEC_FD, then make_lists' args. */
static int image(int argc, char **argv, char **envp)
{
	char *args[NARGS + 1], *env[5];
	struct k_sigaction sa;
	unsigned long mask[2];
	int i;

	make_lists(args, env);
	child_expect(argc, 8 + NARGS, 2, "argc");
	for (i = 0; i < NARGS; i++)
		if (strcmp(argv[8 + i], args[i]) != 0) {
			printf("# image: argv[%d] is \"%.40s\", want \"%.40s\"\n", 8 + i, argv[8 + i], args[i]);
			return 3;
		}
	child_expect(argv[argc] == NULL, 1, 4, "argv[argc] == NULL");
	for (i = 0; env[i]; i++)
		if (!envp[i] || strcmp(envp[i], env[i]) != 0) {
			printf("# image: envp[%d] is \"%.40s\", want \"%.40s\"\n", i, envp[i] ? envp[i] : "(null)",
			       env[i]);
			return 5;
		}
	child_expect(envp[i] == NULL, 1, 6, "envp ends after 4 strings");
	child_expect(linked_value, 5, 7, "a .data word is as linked, not as the old image left it");
	child_expect(mprotect((void *)OLD_MAPPING, 4096, PROT_READ) ? -errno : 0, -ENOMEM, 8,
		     "mprotect of the old image's mapping: it is gone");
	child_expect(sys_getpid(), strtol(argv[2], NULL, 10), 9, "getpid() survives exec");
	child_expect(sys_getppid(), strtol(argv[3], NULL, 10), 10, "getppid() survives exec");
	child_expect(lseek(atoi(argv[4]), 0, SEEK_CUR), strtol(argv[5], NULL, 10), 11,
		     "an open descriptor survives exec, at its offset");
	child_expect(lseek(atoi(argv[6]), 0, SEEK_CUR) < 0 ? -errno : 0, -EBADF, 12,
		     "an O_CLOEXEC descriptor is closed by exec");
	child_expect(__syscall4(__NR_rt_sigaction, SIGUSR1, 0, (long)&sa, 8), 0, 13, "rt_sigaction(SIGUSR1)");
	child_expect(sa.handler, SIG_IGN, 14, "an ignored signal stays ignored across exec");
	child_expect(__syscall4(__NR_rt_sigaction, SIGUSR2, 0, (long)&sa, 8), 0, 15, "rt_sigaction(SIGUSR2)");
	child_expect(sa.handler, SIG_DFL, 16, "a caught signal is back to SIG_DFL after exec");
	child_expect(__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, 0, (long)mask, 8), 0, 17, "rt_sigprocmask");
	child_expect(mask[0], SIGBIT(SIGTERM), 18, "the blocked mask (SIGTERM) survives exec");
	return 0;
}

static void exec_in_child(const char *self)
{
	char *argv[8 + NARGS + 1], *envp[5], pid_s[16], ppid_s[16], fd_s[16], off_s[16], cloexec_s[16];
	struct k_sigaction ign = { .handler = SIG_IGN }, caught = { .handler = (unsigned long)handler };
	unsigned long block[2] = { SIGBIT(SIGTERM), 0 };
	long pid;
	int status = -1, fd, cloexec_fd;

	pid = sys_fork();
	if (pid == 0) {
		linked_value = 6;
		child_expect(mmap((void *)OLD_MAPPING, 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), OLD_MAPPING, 30, "mmap");
		fd = open("/etc/motd", O_RDONLY);
		cloexec_fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);
		child_expect(fd >= 0 && cloexec_fd >= 0, 1, 31, "open /etc/motd twice");
		child_expect(lseek(fd, 17, SEEK_SET), 17, 32, "lseek");
		child_expect(__syscall4(__NR_rt_sigaction, SIGUSR1, (long)&ign, 0, 8), 0, 33, "ignore SIGUSR1");
		child_expect(__syscall4(__NR_rt_sigaction, SIGUSR2, (long)&caught, 0, 8), 0, 34, "catch SIGUSR2");
		child_expect(__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, (long)block, 0, 8), 0, 35, "block SIGTERM");
		snprintf(pid_s, sizeof(pid_s), "%ld", sys_getpid());
		snprintf(ppid_s, sizeof(ppid_s), "%ld", sys_getppid());
		snprintf(fd_s, sizeof(fd_s), "%d", fd);
		snprintf(off_s, sizeof(off_s), "%d", 17);
		snprintf(cloexec_s, sizeof(cloexec_s), "%d", cloexec_fd);
		argv[0] = (char *)self;
		argv[1] = "image";
		argv[2] = pid_s;
		argv[3] = ppid_s;
		argv[4] = fd_s;
		argv[5] = off_s;
		argv[6] = cloexec_s;
		argv[7] = "-";
		make_lists(argv + 8, envp);
		printf("# child: execve %s image with %d arguments, 4 environment strings\n", self, 8 + NARGS);
		sys_execve(self, argv, envp);
		child_exit(40);
	}
	check(pid > 0, "fork() = %ld for a child that execs this program", pid);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(status == 0, "the new image found argv, envp, a fresh memory, its pid, ppid, open descriptor "
	      "and offset, no O_CLOEXEC descriptor, SIGUSR1 ignored, SIGUSR2 at SIG_DFL, SIGTERM blocked "
	      "(status %#x)", status);
}

static char *const no_args[] = { "x", NULL };
static char *const no_env[] = { NULL };

static void refused(const char *self)
{
	static char *const bad_string[] = { "x", (char *)1, NULL };
	int *heap = malloc(64);
	char long_path[4200];

	heap[0] = 0x600d;
	linked_value = 9;
	check_ret(sys_execve("/nonexistent", no_args, no_env), -ENOENT, "execve(\"/nonexistent\")");
	check_ret(sys_execve("", no_args, no_env), -ENOENT, "execve(\"\")");
	check_ret(sys_execve((char *)1, no_args, no_env), -EFAULT, "execve(path 0x1)");
	check_ret(sys_execve((char *)PAGE_OFFSET, no_args, no_env), -EFAULT, "execve(path at PAGE_OFFSET)");
	check_ret(sys_execve(self, (char **)1, no_env), -EFAULT, "execve(%s, argv 0x1)", self);
	check_ret(sys_execve(self, bad_string, no_env), -EFAULT, "execve(%s, argv[1] 0x1)", self);
	check_ret(sys_execve(self, no_args, (char **)1), -EFAULT, "execve(%s, envp 0x1)", self);
	check_ret(sys_execve(self, no_args, bad_string), -EFAULT, "execve(%s, envp[1] 0x1)", self);
	check_ret(sys_execve("/etc/motd", no_args, no_env), -EACCES, "execve(\"/etc/motd\"): mode 0644");
	check_ret(sys_execve("/tests", no_args, no_env), -EACCES, "execve(\"/tests\"): a directory");
	check_ret(sys_execve("/etc/not-elf", no_args, no_env), -ENOEXEC,
		  "execve(\"/etc/not-elf\"): mode 0755, text without #!");
	check_ret(sys_execve("/etc/motd/x", no_args, no_env), -ENOTDIR, "execve(\"/etc/motd/x\")");
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	check_ret(sys_execve(long_path, no_args, no_env), -ENAMETOOLONG, "execve of a %zu-byte path",
		  sizeof(long_path) - 1);
	check(heap[0] == 0x600d && linked_value == 9, "the old image runs on: its heap and data are intact");
	free(heap);
}

int main(int argc, char **argv, char **envp)
{
	if (argc >= 2 && strcmp(argv[1], "image") == 0)
		return image(argc, argv, envp);
	refused(argv[0]);
	exec_in_child(argv[0]);
	return done();
}
