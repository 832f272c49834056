/* The system calls (Linux i386 numbers in arch/i386/entry/syscall_32.c), as the kernel implements them. */
#ifndef PAGODA_SYSCALLS_H
#define PAGODA_SYSCALLS_H

#include "linux/signal_types.h"

struct iovec;

long sys_exit(int code);
long sys_read(int fd, char *buf, unsigned long count);
long sys_write(int fd, const char *buf, unsigned long count);
long sys_open(const char *path, int flags, int mode);
long sys_close(int fd);
long sys_lseek(int fd, long offset, int whence);
long sys_getpid(void);
long sys_brk(unsigned long brk);
long sys_ioctl(int fd, unsigned long cmd, unsigned long arg);
long sys_old_mmap(const unsigned long *args);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_fstat(int fd, void *buf);
long sys_uname(void *buf);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_pread64(int fd, char *buf, unsigned long count, unsigned long pos_lo, unsigned long pos_hi);
long sys_pwrite64(int fd, const char *buf, unsigned long count, unsigned long pos_lo, unsigned long pos_hi);
long sys_readv(int fd, const struct iovec *iov, unsigned long iovcnt);
long sys_writev(int fd, const struct iovec *iov, unsigned long iovcnt);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_fstat64(int fd, void *buf);
long sys_madvise(unsigned long start, unsigned long len, int behavior);
/* mlock: mm/mlock.c */
long sys_mlock(unsigned long start, unsigned long len);
long sys_mlock2(unsigned long start, unsigned long len, int flags);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mincore(unsigned long start, unsigned long len, unsigned char *vec);  /* mm/mincore.c */
long sys_set_thread_area(void *u_info);
long sys_get_thread_area(void *u_info);
long sys_set_tid_address(int *tidptr);
long sys_pagoda_memmap(void);           /* kernel/debug/memmap_dump.c */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg);  /* kernel/reboot.c */

/* processes */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
	       unsigned long tls, int *child_tidptr);
long sys_execve(const char *filename, char *const *argv, char *const *envp);
long sys_exit_group(int code);
long sys_wait4(int pid, int *stat_addr, int options, void *ru);
long sys_waitpid(int pid, int *stat_addr, int options);
long sys_waitid(int which, int upid, void *infop, int options, void *ru);
long sys_getppid(void);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_getsid(int pid);
long sys_setsid(void);
long sys_gettid(void);

/* (keep the blank lines: each group grows on its own) */

/* signals */
struct sigaction;
struct old_sigaction;
struct old_timespec32;
long sys_restart_syscall(void);
long sys_rt_sigaction(int sig, const struct sigaction *act, struct sigaction *oact, unsigned int sigsetsize);
long sys_sigaction(int sig, const struct old_sigaction *act, struct old_sigaction *oact);
long sys_signal(int sig, __sighandler_t handler);
long sys_rt_sigprocmask(int how, sigset_t *nset, sigset_t *oset, unsigned int sigsetsize);
long sys_sigprocmask(int how, unsigned long *nset, unsigned long *oset);
long sys_rt_sigpending(sigset_t *uset, unsigned int sigsetsize);
long sys_sigpending(unsigned long *uset);
long sys_rt_sigsuspend(sigset_t *unewset, unsigned int sigsetsize);
long sys_sigsuspend(int unused1, int unused2, unsigned long mask);
long sys_pause(void);
long sys_kill(int pid, int sig);
long sys_tkill(int pid, int sig);
long sys_tgkill(int tgid, int pid, int sig);
long sys_sigaltstack(const stack_t *uss, stack_t *uoss);
long sys_rt_sigqueueinfo(int pid, int sig, const void *uinfo);
long sys_rt_sigtimedwait(const sigset_t *uthese, void *uinfo, const struct old_timespec32 *uts,
			 unsigned int sigsetsize);
long sys_sigreturn(void);               /* arch/i386/kernel/signal.c */
long sys_rt_sigreturn(void);

/* (keep the blank lines: each group grows on its own) */

/* time */
struct __kernel_timespec;
struct old_timespec32;
struct old_timeval32;
struct old_itimerval32;
struct timezone;
struct tms;
struct rusage;
long sys_time(int *tloc);
long sys_alarm(unsigned int seconds);
long sys_times(struct tms *buf);
long sys_getrusage(int who, struct rusage *ru);
long sys_gettimeofday(struct old_timeval32 *tv, struct timezone *tz);
long sys_settimeofday(const struct old_timeval32 *tv, const struct timezone *tz);
long sys_getitimer(int which, struct old_itimerval32 *value);
long sys_setitimer(int which, const struct old_itimerval32 *value, struct old_itimerval32 *ovalue);
long sys_nanosleep_time32(const struct old_timespec32 *rqtp, struct old_timespec32 *rmtp);
long sys_clock_settime32(int id, const struct old_timespec32 *tp);
long sys_clock_gettime32(int id, struct old_timespec32 *tp);
long sys_clock_getres_time32(int id, struct old_timespec32 *tp);
long sys_clock_nanosleep_time32(int id, int flags, const struct old_timespec32 *rqtp, struct old_timespec32 *rmtp);
long sys_clock_gettime(int id, struct __kernel_timespec *tp);
long sys_clock_settime(int id, const struct __kernel_timespec *tp);
long sys_clock_getres(int id, struct __kernel_timespec *tp);
long sys_clock_nanosleep(int id, int flags, const struct __kernel_timespec *rqtp, struct __kernel_timespec *rmtp);


/* (keep the blank lines: each group grows on its own) */

/* files */
struct pollfd;
long sys_openat(int dfd, const char *path, int flags, int mode);
long sys_creat(const char *path, int mode);
long sys_stat(const char *path, void *buf);
long sys_lstat(const char *path, void *buf);
long sys_stat64(const char *path, void *buf);
long sys_lstat64(const char *path, void *buf);
long sys_fstatat64(int dfd, const char *path, void *buf, int flags);
long sys_statx(int dfd, const char *path, int flags, unsigned int mask, void *buf);
long sys_access(const char *path, int mode);
long sys_faccessat(int dfd, const char *path, int mode);
long sys_faccessat2(int dfd, const char *path, int mode, int flags);
long sys_getdents(int fd, void *dirent, unsigned int count);
long sys_getdents64(int fd, void *dirent, unsigned int count);
long sys_getcwd(char *buf, unsigned long size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_readlink(const char *path, char *buf, int bufsiz);
long sys_readlinkat(int dfd, const char *path, char *buf, int bufsiz);
long sys_dup(int oldfd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg);
long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long *result, unsigned int whence);
long sys_pipe(int *fds);
long sys_pipe2(int *fds, int flags);
long sys_poll(struct pollfd *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd *ufds, unsigned int nfds, const void *tsp, const sigset_t *sigmask,
	       unsigned long sigsetsize);
long sys_ppoll_time64(struct pollfd *ufds, unsigned int nfds, const void *tsp, const sigset_t *sigmask,
		      unsigned long sigsetsize);
long sys_select(int n, unsigned long *inp, unsigned long *outp, unsigned long *exp, long *tvp);
long sys_pselect6(int n, unsigned long *inp, unsigned long *outp, unsigned long *exp, const void *tsp,
		  const unsigned long *sig);
long sys_umask(int mask);
long sys_getrandom(char *buf, unsigned long count, unsigned int flags);

/* the page cache: fs/sync.c, mm/msync.c, fs/splice.c */
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fsync(int fd);
long sys_fdatasync(int fd);
long sys_msync(unsigned long start, unsigned long len, int flags);
long sys_sendfile(int out_fd, int in_fd, long *offset, unsigned long count);
long sys_sendfile64(int out_fd, int in_fd, long long *offset, unsigned long count);

/* (keep the blank lines: each group grows on its own) */

/* swap: mm/swapfile.c */
long sys_swapon(const char *specialfile, int swap_flags);
long sys_swapoff(const char *specialfile);

/* (keep the blank lines: each group grows on its own) */

/* the tty */

/* (keep the blank lines: each group grows on its own) */

/* identity, limits, system information */
struct rlimit;
struct rlimit64;
struct sysinfo;
/* kernel/sys.c */
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(unsigned int uid);
long sys_setgid(unsigned int gid);
long sys_setreuid(unsigned int ruid, unsigned int euid);
long sys_setregid(unsigned int rgid, unsigned int egid);
long sys_setresuid(unsigned int ruid, unsigned int euid, unsigned int suid);
long sys_setresgid(unsigned int rgid, unsigned int egid, unsigned int sgid);
long sys_getresuid(unsigned int *ruid, unsigned int *euid, unsigned int *suid);
long sys_getresgid(unsigned int *rgid, unsigned int *egid, unsigned int *sgid);
long sys_setfsuid(unsigned int uid);
long sys_setfsgid(unsigned int gid);
long sys_getgroups(int size, unsigned int *list);
long sys_setgroups(int size, const unsigned int *list);
long sys_getrlimit(unsigned int resource, struct rlimit *urlim);
long sys_old_getrlimit(unsigned int resource, struct rlimit *urlim);
long sys_setrlimit(unsigned int resource, const struct rlimit *urlim);
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 *unew, struct rlimit64 *uold);
long sys_sysinfo(struct sysinfo *uinfo);
long sys_sethostname(const char *name, int len);
long sys_setdomainname(const char *name, int len);
long sys_personality(unsigned int persona);
long sys_prctl(int option, unsigned long arg2);
/* kernel/uid16.c: the same with 16-bit ids */
long sys_getuid16(void);
long sys_geteuid16(void);
long sys_getgid16(void);
long sys_getegid16(void);
long sys_setuid16(unsigned short uid);
long sys_setgid16(unsigned short gid);
long sys_setreuid16(unsigned short ruid, unsigned short euid);
long sys_setregid16(unsigned short rgid, unsigned short egid);
long sys_setresuid16(unsigned short ruid, unsigned short euid, unsigned short suid);
long sys_setresgid16(unsigned short rgid, unsigned short egid, unsigned short sgid);
long sys_getresuid16(unsigned short *ruid, unsigned short *euid, unsigned short *suid);
long sys_getresgid16(unsigned short *rgid, unsigned short *egid, unsigned short *sgid);
long sys_setfsuid16(unsigned short uid);
long sys_setfsgid16(unsigned short gid);
long sys_getgroups16(int size, unsigned short *list);
long sys_setgroups16(int size, const unsigned short *list);

/* the namespace calls: fs/namei.c, fs/open.c, fs/utimes.c, fs/statfs.c, fs/namespace.c */
struct __kernel_timespec;
struct old_timespec32;
struct old_timeval32;
long sys_mkdir(const char *path, int mode);
long sys_mkdirat(int dfd, const char *path, int mode);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_unlinkat(int dfd, const char *path, int flags);
long sys_symlink(const char *target, const char *path);
long sys_symlinkat(const char *target, int newdfd, const char *path);
long sys_link(const char *oldpath, const char *newpath);
long sys_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags);
long sys_rename(const char *oldpath, const char *newpath);
long sys_renameat(int olddfd, const char *oldpath, int newdfd, const char *newpath);
long sys_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath, unsigned int flags);
long sys_mknod(const char *path, int mode, unsigned int dev);
long sys_mknodat(int dfd, const char *path, int mode, unsigned int dev);
long sys_chmod(const char *path, int mode);
long sys_fchmod(int fd, int mode);
long sys_fchmodat(int dfd, const char *path, int mode);
long sys_chown(const char *path, unsigned int uid, unsigned int gid);
long sys_lchown(const char *path, unsigned int uid, unsigned int gid);
long sys_fchown(int fd, unsigned int uid, unsigned int gid);
long sys_fchownat(int dfd, const char *path, unsigned int uid, unsigned int gid, int flags);
long sys_chown16(const char *path, unsigned int uid, unsigned int gid);
long sys_lchown16(const char *path, unsigned int uid, unsigned int gid);
long sys_fchown16(int fd, unsigned int uid, unsigned int gid);
long sys_truncate(const char *path, long length);
long sys_ftruncate(int fd, long length);
long sys_truncate64(const char *path, unsigned long lo, unsigned long hi);
long sys_ftruncate64(int fd, unsigned long lo, unsigned long hi);
long sys_utimensat(int dfd, const char *path, const struct __kernel_timespec *utimes, int flags);
long sys_utimensat_time32(int dfd, const char *path, const struct old_timespec32 *utimes, int flags);
long sys_futimesat_time32(int dfd, const char *path, const struct old_timeval32 *utimes);
long sys_utimes_time32(const char *path, const struct old_timeval32 *utimes);
long sys_utime32(const char *path, const int *times);
long sys_statfs(const char *path, void *buf);
long sys_fstatfs(int fd, void *buf);
long sys_statfs64(const char *path, unsigned long sz, void *buf);
long sys_fstatfs64(int fd, unsigned long sz, void *buf);
long sys_mount(const char *dev, const char *dir, const char *type, unsigned long flags, const void *data);
long sys_umount(const char *path, int flags);
long sys_oldumount(const char *path);

/* what static glibc calls at start: kernel/futex/syscalls.c, kernel/rseq.c, kernel/fork.c */
long sys_set_robust_list(unsigned long head, unsigned long len);
long sys_get_robust_list(int pid, unsigned long *head_ptr, unsigned long *len_ptr);
long sys_rseq(unsigned long rseq, unsigned long rseq_len, int flags, unsigned long sig);
long sys_clone3(const void *uargs, unsigned long size);

#endif
