/*
 * wait4 and waitpid as Linux 6.1 answers them: the status word (exit code <<
 * 8 from exit and exit_group, the signal number for a killed child); WNOHANG
 * returning 0 while a child runs; -ECHILD with no child to wait for; which
 * children pid -1, >0, 0 and <-1 select; -EINVAL for unknown options;
 * rusage filled; a bad status or rusage pointer gives -EFAULT after the child
 * was reaped; a zombie stays until waited for.
 *
 * vfork makes the zombies: the parent runs again only once the child is in
 * exit (Linux wakes it from mm_release, before the child is a zombie: a
 * blocking wait for another child lets the exit finish).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "process.h"

#define INT_MIN (-2147483647 - 1)

static long zombie(int code)
{
	long pid = sys_vfork();

	if (pid == 0)
		child_exit(code);
	return pid;
}

static void status_words(void)
{
	long pid;
	int status = -1;

	pid = zombie(0x1ff);
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for a child that called exit(0x1ff)");
	check(status == 0xff00 && WIFEXITED(status) && WEXITSTATUS(status) == 255,
	      "status word %#x, want 0xff00 (WIFEXITED, WEXITSTATUS 255)", status);

	pid = sys_vfork();
	if (pid == 0) {
		__syscall1(__NR_exit_group, 0x107);
		child_exit(99);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for a child that called exit_group(0x107)");
	check(status == 0x700, "status word %#x, want 0x700", status);

	pid = sys_vfork();
	if (pid == 0) {
		sys_kill(sys_getpid(), SIGKILL);
		child_exit(99);
	}
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for a child that sent itself SIGKILL");
	check(status == SIGKILL && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status word %#x, want 9 (WIFSIGNALED, WTERMSIG 9)", status);

	pid = zombie(3);
	check_ret(sys_waitpid(pid, &status, 0), pid, "waitpid for a child that exited with 3");
	check(status == 0x300, "status word %#x, want 0x300", status);

	pid = zombie(4);
	check_ret(sys_wait4(pid, NULL, 0, NULL), pid, "wait4 with a NULL status pointer");
}

static void no_children(void)
{
	check_ret(sys_wait4(-1, NULL, 0, NULL), -ECHILD, "wait4(-1) with no children");
	check_ret(sys_wait4(-1, NULL, WNOHANG, NULL), -ECHILD, "wait4(-1, WNOHANG) with no children");
	check_ret(sys_wait4(0, NULL, 0, NULL), -ECHILD, "wait4(0) with no children");
	check_ret(sys_waitpid(-1, NULL, 0), -ECHILD, "waitpid(-1) with no children");
	check_ret(sys_wait4(sys_getpid(), NULL, 0, NULL), -ECHILD, "wait4(getpid()): not a child");
	check_ret(sys_wait4(30000, NULL, 0, NULL), -ECHILD, "wait4(30000): no such process");
	check_ret(sys_wait4(-30000, NULL, 0, NULL), -ECHILD, "wait4(-30000): no such group");
	check_ret(sys_wait4(-1, NULL, __WALL | __WCLONE | __WNOTHREAD, NULL), -ECHILD,
		  "wait4(-1, __WALL|__WCLONE|__WNOTHREAD) with no children");
}

static void bad_arguments(void)
{
	long pid = zombie(5);
	int status = -1;

	check_ret(sys_wait4(-1, &status, WEXITED, NULL), -EINVAL, "wait4(-1, WEXITED): not a wait4 option");
	check_ret(sys_wait4(-1, &status, 0x100, NULL), -EINVAL, "wait4(-1, 0x100)");
	check_ret(sys_wait4(-1, &status, 0x10000000, NULL), -EINVAL, "wait4(-1, 0x10000000)");
	check_ret(sys_waitpid(-1, &status, 0x100), -EINVAL, "waitpid(-1, 0x100)");
	check_ret(sys_wait4(INT_MIN, &status, 0, NULL), -ESRCH, "wait4(INT_MIN)");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "the zombie is still there after the refused calls");

	pid = zombie(6);
	check_ret(sys_wait4(pid, (int *)1, 0, NULL), -EFAULT, "wait4(zombie, status 0x1)");
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), -ECHILD, "the zombie was reaped all the same");
	pid = zombie(6);
	check_ret(sys_wait4(pid, (int *)PAGE_OFFSET, 0, NULL), -EFAULT, "wait4(zombie, status at PAGE_OFFSET)");
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), -ECHILD, "the zombie was reaped all the same");
	pid = zombie(6);
	check_ret(sys_wait4(pid, &status, 0, (struct rusage *)1), -EFAULT, "wait4(zombie, rusage 0x1)");
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), -ECHILD, "the zombie was reaped all the same");
	pid = zombie(6);
	check_ret(sys_waitpid(pid, (int *)1, 0), -EFAULT, "waitpid(zombie, status 0x1)");
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), -ECHILD, "the zombie was reaped all the same");
}

/* Blocks in wait4 for a child that yields 50 times: the CPU goes to every other runnable child meanwhile. */
static void settle(void)
{
	long pid = sys_fork();
	int i;

	if (pid == 0) {
		for (i = 0; i < 50; i++)
			sys_sched_yield();
		child_exit(0);
	}
	check_ret(sys_wait4(pid, NULL, 0, NULL), pid, "a blocking wait4 for a child that yields 50 times");
}

static void zombies_stay(void)
{
	long pid = zombie(7);
	int status = -1;

	settle();
	check_ret(sys_kill(pid, 0), 0, "kill(zombie, 0): it is still there");
	check_ret(sys_getpgid(pid), sys_getpgrp(), "getpgid(zombie) is our group");
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), pid, "wait4(zombie, WNOHANG) reaps it");
	check(status == 0x700, "status word %#x, want 0x700", status);
	check_ret(sys_kill(pid, 0), -ESRCH, "kill(reaped, 0)");
	check_ret(sys_getpgid(pid), -ESRCH, "getpgid(reaped)");
	check_ret(sys_wait4(pid, &status, 0, NULL), -ECHILD, "wait4(reaped)");
}

static void wnohang_running(void)
{
	long pid = sys_fork();
	int status = -1;

	if (pid == 0)
		for (;;)
			sys_sched_yield();
	check(pid > 0, "fork() = %ld: a child that yields forever", pid);
	check_ret(sys_wait4(pid, &status, WNOHANG, NULL), 0, "wait4(running child, WNOHANG)");
	check_ret(sys_wait4(-1, &status, WNOHANG, NULL), 0, "wait4(-1, WNOHANG)");
	check_ret(sys_waitpid(pid, &status, WNOHANG), 0, "waitpid(running child, WNOHANG)");
	check_ret(sys_kill(pid, SIGKILL), 0, "kill(child, SIGKILL)");
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for it");
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status word %#x, want 9", status);
}

static void selection(void)
{
	long a, b, c, grouped;
	int status = -1, got;

	a = zombie(1);
	b = zombie(2);
	c = zombie(3);
	check_ret(sys_wait4(b, &status, 0, NULL), b, "wait4(pid of the second of three zombies)");
	check(status == 0x200, "it is the second: status word %#x, want 0x200", status);
	got = sys_wait4(-1, &status, 0, NULL);
	check(got == a || got == c, "wait4(-1) = %d, one of the other two (%ld, %ld)", got, a, c);
	check(status == (got == a ? 0x100 : 0x300), "with its own status word %#x", status);
	check_ret(sys_wait4(-1, &status, 0, NULL), got == a ? c : a, "wait4(-1) again: the last one");
	check_ret(sys_wait4(-1, &status, WNOHANG, NULL), -ECHILD, "wait4(-1) after all three");

	a = zombie(1);
	grouped = sys_vfork();
	if (grouped == 0) {
		sys_setpgid(0, 0);
		child_exit(2);
	}
	check_ret(sys_getpgid(grouped), grouped, "a zombie that made its own process group");
	check_ret(sys_wait4(0, &status, 0, NULL), a, "wait4(0): only the child in our group");
	check_ret(sys_wait4(0, &status, WNOHANG, NULL), -ECHILD, "wait4(0) again: none left in our group");
	check_ret(sys_wait4(-grouped, &status, 0, NULL), grouped, "wait4(-pgid) reaps the other");
	check(status == 0x200, "status word %#x, want 0x200", status);
}

static void rusage_filled(void)
{
	struct rusage ru;
	long pid;
	int status = -1, i;

	pid = sys_fork();
	if (pid == 0) {
		char *p = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			child_exit(2);
		for (i = 0; i < 64; i++)
			p[i * 4096] = 1;
		child_exit(0);
	}
	for (i = 0; i < (int)(sizeof(ru) / sizeof(long)); i++)
		((long *)&ru)[i] = -1;
	check_ret(sys_wait4(pid, &status, 0, &ru), pid, "wait4 with rusage for a child that touched 64 pages");
	check(status == 0, "it exited with 0 (status %#x)", status);
	check(ru.ru_minflt >= 64, "ru_minflt %ld >= 64", ru.ru_minflt);
	check(ru.ru_majflt == 0, "ru_majflt %ld == 0", ru.ru_majflt);
	check(ru.ru_utime[1] >= 0 && ru.ru_utime[1] < 1000000 && ru.ru_stime[1] >= 0 && ru.ru_stime[1] < 1000000,
	      "ru_utime and ru_stime are timevals (%ld.%06ld, %ld.%06ld)",
	      ru.ru_utime[0], ru.ru_utime[1], ru.ru_stime[0], ru.ru_stime[1]);
}

int main(void)
{
	no_children();
	status_words();
	bad_arguments();
	zombies_stay();
	wnohang_running();
	selection();
	rusage_filled();
	no_children();
	return done();
}
