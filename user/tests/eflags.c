/*
 * What a program leaves in EFLAGS must not change what the kernel does
 * for it: with the direction flag set (std), the kernel's string copies
 * would run backwards over its own memory unless every entry clears it
 * (Linux's SAVE_ALL starts with cld). Each system call below runs with
 * DF set and must give the same result as with DF clear; DF is still set
 * when the call returns, as the program left it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "check.h"

#define EFLAGS_DF 0x400

/* One system call made with DF set; *flags_after: EFLAGS right after it. */
static long syscall3_df(long nr, long a, long b, long c, unsigned long *flags_after)
{
	long r;
	unsigned long f;

	__asm__ volatile("std\n\t"
			 "int $0x80\n\t"
			 "pushfl\n\t"
			 "popl %1\n\t"
			 "cld"
			 : "=a"(r), "=&r"(f) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory", "cc");
	*flags_after = f;
	return r;
}

int main(void)
{
	static struct utsname plain, backwards;
	static char want[203], got[203];
	static const char line[] = "eflags: written with the direction flag set\n";
	unsigned long f;
	long fd, n;

	memset(&backwards, 0x55, sizeof(backwards));
	check_ret(__syscall1(__NR_uname, (long)&plain), 0, "uname");
	check_ret(syscall3_df(__NR_uname, (long)&backwards, 0, 0, &f), 0, "uname with DF set");
	check(f & EFLAGS_DF, "DF is still set after the call (eflags %#lx)", f);
	check(memcmp(&plain, &backwards, sizeof(plain)) == 0, "uname with DF set gives the same answer");

	check_ret(syscall3_df(__NR_write, 1, (long)line, sizeof(line) - 1, &f), sizeof(line) - 1,
		  "write with DF set");
	check(f & EFLAGS_DF, "DF is still set after the call");

	fd = __syscall2(__NR_open, (long)"/etc/203-bytes", O_RDONLY);
	check(fd >= 0, "open /etc/203-bytes = %ld", fd);
	check_ret(__syscall3(__NR_read, fd, (long)want, sizeof(want)), sizeof(want), "read it");
	check_ret(__syscall3(__NR_lseek, fd, 0, 0), 0, "lseek back");
	n = syscall3_df(__NR_read, fd, (long)got, sizeof(got), &f);
	check_ret(n, sizeof(got), "read it again with DF set");
	check(memcmp(want, got, sizeof(got)) == 0, "the same bytes, in the same order");
	check_ret(syscall3_df(__NR_read, fd, (long)got, sizeof(got), &f), 0, "read at the end with DF set");

	/* Interrupts arrive while DF is set too: spin through a few timer ticks. */
	__asm__ volatile("std\n\t"
			 "movl $50000000, %%ecx\n"
			 "1:\tdecl %%ecx\n\t"
			 "jnz 1b\n\t"
			 "cld" : : : "ecx", "cc", "memory");
	check(1, "spun with DF set through interrupts, and came back");
	return done();
}
