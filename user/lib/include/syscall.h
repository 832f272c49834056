/*
 * The Linux i386 system call ABI: `int $0x80` with the number in %eax and
 * arguments in %ebx, %ecx, %edx, %esi, %edi, %ebp; the result comes back in
 * %eax, -4095..-1 meaning -errno. Every other register survives the call.
 *
 * The __syscallN functions return the raw result (a -errno on failure) and
 * leave errno alone: tests use them to see exactly what the kernel said.
 * Numbers are Linux's (arch/x86/entry/syscalls/syscall_32.tbl).
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#define __NR_exit             1
#define __NR_wait4          114
#define __NR_getppid        64
#define __NR_fork           2
#define __NR_read             3
#define __NR_write            4
#define __NR_open             5
#define __NR_close            6
#define __NR_lseek           19
#define __NR_getpid          20
#define __NR_brk             45
#define __NR_ioctl           54
#define __NR_mmap            90     /* old mmap: one pointer to six longs */
#define __NR_munmap          91
#define __NR_fstat          108
#define __NR_uname          122
#define __NR_mprotect       125
#define __NR_readv          145
#define __NR_writev         146
#define __NR_mremap         163
#define __NR_pread64        180
#define __NR_pwrite64       181
#define __NR_mmap2          192     /* offset in pages */
#define __NR_fstat64        197
#define __NR_madvise        219
#define __NR_set_thread_area 243
#define __NR_get_thread_area 244
#define __NR_exit_group     252
#define __NR_set_tid_address 258
/* signals */
#define __NR_restart_syscall  0
#define __NR_pause           29
#define __NR_kill            37
#define __NR_signal          48
#define __NR_sigaction       67     /* old struct: a one-word mask */
#define __NR_sigsuspend      72
#define __NR_sigpending      73
#define __NR_sigreturn      119
#define __NR_sigprocmask    126
#define __NR_rt_sigreturn   173
#define __NR_rt_sigaction   174
#define __NR_rt_sigprocmask 175
#define __NR_rt_sigpending  176
#define __NR_rt_sigtimedwait 177
#define __NR_rt_sigqueueinfo 178
#define __NR_rt_sigsuspend  179
#define __NR_sigaltstack    186
#define __NR_tkill          238
#define __NR_tgkill         270
/* files */
#define __NR_creat            8
#define __NR_chdir           12
#define __NR_access          33
#define __NR_sync            36
#define __NR_dup             41
#define __NR_pipe            42
#define __NR_fcntl           55
#define __NR_umask           60
#define __NR_dup2            63
#define __NR_readlink        85
#define __NR_stat           106
#define __NR_lstat          107
#define __NR_fchdir         133
#define __NR__llseek        140
#define __NR_getdents       141
#define __NR__newselect     142
#define __NR_poll           168
#define __NR_getcwd         183
#define __NR_stat64         195
#define __NR_lstat64        196
#define __NR_getdents64     220
#define __NR_fcntl64        221
#define __NR_openat         295
#define __NR_fstatat64      300
#define __NR_readlinkat     305
#define __NR_faccessat      307
#define __NR_pselect6       308
#define __NR_ppoll          309
#define __NR_dup3           330
#define __NR_pipe2          331
#define __NR_getrandom      355
#define __NR_statx          383
#define __NR_ppoll_time64   414
#define __NR_faccessat2     439
/* Pagoda's own: the kernel's count of free pages, so tests can watch demand paging. */
#define __NR_pagoda_nr_free_pages 400

static inline long __syscall0(long nr)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
	return ret;
}

static inline long __syscall1(long nr, long a)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a) : "memory");
	return ret;
}

static inline long __syscall2(long nr, long a, long b)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b) : "memory");
	return ret;
}

static inline long __syscall3(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static inline long __syscall4(long nr, long a, long b, long c, long d)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
	return ret;
}

static inline long __syscall5(long nr, long a, long b, long c, long d, long e)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
	return ret;
}

/* In syscall.S: %ebp cannot be named in an asm constraint. */
long __syscall6(long nr, long a, long b, long c, long d, long e, long f);

/* Turn a raw result into the C convention: -1 with errno set. */
long __syscall_ret(unsigned long ret);

/* The C-convention call with any number of arguments, as glibc's syscall(2). */
long syscall(long nr, ...);

#endif
