/*
 * execve's limits as Linux 6.1 applies them (fs/exec.c). The argument and
 * environment strings, their pointers and the file name may take
 * max(min(RLIMIT_STACK / 4, 6 MiB), 128 KiB) bytes: exactly that runs, one
 * byte more is E2BIG with the old image intact. One string may be 128 KiB
 * with its NUL. The limits on memory are checked as the new image is
 * mapped, after the point of no return, so a too small RLIMIT_AS or
 * RLIMIT_DATA kills with SIGSEGV instead of failing execve; a soft
 * RLIMIT_DATA of 0 under a bigger hard limit is Linux's exception and runs.
 *
 * With "image N" it is the new image: it exits 0 if argc is N, else 2.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "process.h"

#define RLIMIT_DATA  2
#define RLIMIT_STACK 3
#define RLIMIT_AS    9
#define INF          (~0UL)
#define SELF         "/tests/exec_limits"
#define STRLEN_MAX   (32 * 4096)        /* MAX_ARG_STRLEN, with the NUL */
#define NPTR         200

struct rlim {
	unsigned long cur, max;
};

static inline long sys_setrlimit(long res, const struct rlim *rl)
{
	return __syscall2(__NR_setrlimit, res, (long)rl);
}

static char *argv_buf[NPTR];
static char count_arg[16];

/*
 * Fill argv_buf so that the file name, the strings and (if ptrs is 4) their
 * pointers take exactly total bytes; returns argc.
 */
static int build(unsigned long total, unsigned long ptrs, char *big)
{
	unsigned long used = sizeof(SELF) + (sizeof(SELF) + ptrs) + (sizeof("image") + ptrs) +
			     (sizeof(count_arg) + ptrs);
	int argc = 3;

	argv_buf[0] = SELF;
	argv_buf[1] = "image";
	argv_buf[2] = count_arg;
	memset(count_arg, '0', sizeof(count_arg) - 1);  /* its length stays fixed; the number goes in last */
	while (used < total) {
		unsigned long chunk = total - used, len;

		if (chunk > STRLEN_MAX + ptrs)
			chunk = STRLEN_MAX + ptrs;
		if (total - used - chunk > 0 && total - used - chunk < 1UL + ptrs)
			chunk = total - used - 1 - ptrs;    /* the last string needs its NUL and its pointer */
		len = chunk - 1 - ptrs;
		if (argc >= NPTR - 1)
			fail("build: too many strings for %lu bytes", total);
		argv_buf[argc++] = big + STRLEN_MAX - 1 - len;  /* big is STRLEN_MAX - 1 letters, then NUL */
		used += chunk;
	}
	argv_buf[argc] = NULL;
	snprintf(count_arg, sizeof(count_arg), "%015d", argc);
	return argc;
}

/* In a child: set the limit res (if res >= 0), execve with total bytes; the wait status, or -errno << 8 | 0x7f. */
static int run_ptrs(int res, unsigned long cur, unsigned long max, unsigned long total, unsigned long ptrs, char *big)
{
	long pid = sys_fork(), r;
	int status;

	if (pid == 0) {
		static char *envp[] = { NULL };
		struct rlim rl = { cur, max };

		if (res >= 0 && sys_setrlimit(res, &rl))
			child_exit(90);
		build(total, ptrs, big);
		r = sys_execve(SELF, argv_buf, envp);
		child_exit(r == -E2BIG ? 50 : r == -EFAULT ? 51 : r == -ENOMEM ? 52 : 53);
	}
	if (pid < 0)
		fail("fork: %s", errname(pid));
	if (sys_wait4(pid, &status, 0, NULL) != pid)
		fail("wait4");
	return status;
}

static int run(int res, unsigned long cur, unsigned long max, unsigned long total, char *big)
{
	return run_ptrs(res, cur, max, total, 4, big);
}

/* The limit Linux computes for a stack limit of stack bytes. */
static unsigned long arg_limit(unsigned long stack)
{
	unsigned long limit = 6 * MiB;  /* _STK_LIM / 4 * 3 */

	if (stack / 4 < limit)
		limit = stack / 4;
	return limit < 128 * KiB ? 128 * KiB : limit;
}

static void limits_at(unsigned long stack, const char *what, char *big)
{
	unsigned long limit = arg_limit(stack);
	int st;

	st = run(RLIMIT_STACK, stack, INF, limit, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "RLIMIT_STACK %s: %lu bytes of strings and pointers run (status %#x)", what, limit, st);
	st = run(RLIMIT_STACK, stack, INF, limit + 1, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 50,
	      "RLIMIT_STACK %s: %lu bytes are E2BIG (status %#x)", what, limit + 1, st);
}

static int image(int argc, char **argv)
{
	return atoi(argv[2]) == argc ? 0 : 2;
}

int main(int argc, char **argv)
{
	char *big;
	int st;

	if (argc >= 3 && !strcmp(argv[1], "image"))
		return image(argc, argv);
	big = malloc(STRLEN_MAX + 1);
	if (!big)
		fail("malloc");
	memset(big, 'x', STRLEN_MAX + 1);
	big[STRLEN_MAX - 1] = '\0';

	limits_at(8 * MiB, "8 MiB (the default)", big);
	limits_at(256 * KiB, "256 KiB (the 128 KiB floor)", big);
	/* The strings also go on the new stack as they are copied: with the 4-byte
	 * end marker above them they may fill RLIMIT_STACK's pages, no more. */
	st = run_ptrs(RLIMIT_STACK, 64 * KiB, INF, 32 * KiB, 0, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "RLIMIT_STACK 64 KiB: 32 KiB of strings run (status %#x)", st);
	st = run_ptrs(RLIMIT_STACK, 64 * KiB, INF, 64 * KiB - 4, 0, big);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "RLIMIT_STACK 64 KiB: 64 KiB - 4 of strings fill the stack: SIGSEGV (status %#x)", st);
	st = run_ptrs(RLIMIT_STACK, 64 * KiB, INF, 64 * KiB - 3, 0, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 50,
	      "RLIMIT_STACK 64 KiB: 64 KiB - 3 of strings are E2BIG (status %#x)", st);
	st = run_ptrs(RLIMIT_AS, 64 * KiB, INF, 64 * KiB - 3, 0, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 50,
	      "RLIMIT_AS 64 KiB: 64 KiB - 3 of strings are E2BIG (status %#x)", st);
	limits_at(12 * MiB, "12 MiB", big);
	st = run(RLIMIT_STACK, INF, INF, arg_limit(INF) + 1, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 50,
	      "RLIMIT_STACK unlimited: 6 MiB + 1 byte is E2BIG (status %#x)", st);

	/* One string: STRLEN_MAX with its NUL runs, one more byte is E2BIG. */
	{
		static char *envp[] = { NULL };
		long pid = sys_fork(), r;

		if (pid == 0) {
			static char *args[] = { SELF, "image", "4", NULL, NULL };

			args[3] = big;
			r = sys_execve(SELF, args, envp);
			child_exit(r == -E2BIG ? 50 : 53);
		}
		sys_wait4(pid, &st, 0, NULL);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a string of %d bytes with its NUL runs (status %#x)",
		      STRLEN_MAX, st);
		big[STRLEN_MAX - 1] = 'x';
		big[STRLEN_MAX] = '\0';
		pid = sys_fork();
		if (pid == 0) {
			static char *args[] = { SELF, "image", "4", NULL, NULL };

			args[3] = big;
			r = sys_execve(SELF, args, envp);
			child_exit(r == -E2BIG ? 50 : 53);
		}
		sys_wait4(pid, &st, 0, NULL);
		big[STRLEN_MAX - 1] = '\0';
		check(WIFEXITED(st) && WEXITSTATUS(st) == 50, "a string of %d bytes with its NUL is E2BIG (status %#x)",
		      STRLEN_MAX + 1, st);
	}

	/* Memory limits: past the point of no return, so SIGSEGV kills the caller. */
	st = run(RLIMIT_AS, 64 * KiB, INF, 4096, big);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "RLIMIT_AS 64 KiB: execve kills with SIGSEGV (status %#x)",
	      st);
	st = run(RLIMIT_DATA, 0, 0, 4096, big);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "RLIMIT_DATA 0/0: execve kills with SIGSEGV (status %#x)", st);
	st = run(RLIMIT_DATA, 0, INF, 4096, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "RLIMIT_DATA 0 under an unlimited hard limit: execve runs (status %#x)", st);
	st = run(RLIMIT_AS, 64 * MiB, INF, 4096, big);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "RLIMIT_AS 64 MiB: execve runs (status %#x)", st);
	free(big);
	return done();
}
