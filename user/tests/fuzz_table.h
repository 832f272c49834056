/*
 * What the fuzzer knows about each system call: the kind of each argument
 * (so that an fd gets fds, an address gets addresses, a length gets
 * lengths near the edges) and which calls it must never make.
 *
 * Typed: every call Pagoda implements, and the common Linux ones around
 * memory, files and time. Every other number gets six generic arguments
 * (a mix of all the generators below).
 */
#ifndef FUZZ_TABLE_H
#define FUZZ_TABLE_H

enum arg_kind {
	K_ANY,          /* anything: small numbers, -1, addresses, lengths, random words */
	K_FD,           /* an fd: one the fuzzer opened, or a bogus one (never 0, 1, 2: see fd_gen) */
	K_ADDR,         /* an address: NULL, inside/outside mappings, unaligned, kernel */
	K_LEN,          /* a length: 0, 1, pages, near 2^31 and 2^32, wrapping the address before it */
	K_BUF,          /* an address the kernel writes to; its size is the next K_LEN, else outsize */
	K_PROT,         /* PROT_* bits, and stray ones */
	K_MFLAGS,       /* MAP_* flags */
	K_MADV,         /* MADV_* advice */
	K_RFLAGS,       /* MREMAP_* flags */
	K_OFLAGS,       /* O_* flags */
	K_FLAGS,        /* random flag bits */
	K_PATH,         /* a path: files, directories, missing, too long, unterminated, bad pointers */
	K_IOV,          /* an iovec array for readv/writev (the next argument is its count) */
	K_IOVCNT,       /* 0..8, and bad counts */
	K_OFF,          /* a file offset: 0, small, negative, huge */
	K_PGOFF,        /* an mmap2 page offset, up to the ones whose byte offset overflows */
	K_WHENCE,       /* SEEK_SET..SEEK_HOLE and bad ones */
	K_PID,          /* 0, 1 (the fuzzer: it is init), -1, others */
	K_UDESC,        /* a struct user_desc for set_thread_area */
	K_MMAPARGS,     /* old mmap's block of six longs */
	K_SMALL,        /* 0..63: a resource, signal, clock id, command */
	K_SIG,          /* a signal number: 0..64, and bad ones */
	K_CFLAGS,       /* clone's CLONE_* flags and exit signal */
	K_WOPTS,        /* wait options, always with WNOHANG: a wait never blocks the fuzzer */
	K_SIGACT,       /* a struct sigaction whose handler is SIG_DFL or SIG_IGN: no handler ever runs */
	K_HANDLER,      /* signal()'s handler: SIG_DFL or SIG_IGN */
	K_SIGSET,       /* a signal set (8 bytes) */
	K_SIGSIZE,      /* a sigsetsize: mostly 8 */
	K_TIMESPEC,     /* a sleep of at most 100 us, or one the kernel must refuse */
	K_SLEEPCLK,     /* a clock to sleep on: never a CPU-time clock, whose time stops while its process sleeps */
	K_TIMEOUT,      /* select's timeval or ppoll's timespec: short or refused, never NULL (which waits for ever) */
	K_MSEC,         /* poll's timeout: 0 or 1 ms, never negative (for ever) */
	K_NFDS,         /* poll's count: 0..8 pollfds (in scratch, or anywhere), or past RLIMIT_NOFILE */
	K_SELN,         /* select's n: up to 72 (the tty fd is 70), or past the fd table */
	K_POLLFDS,      /* a pollfd array: built in scratch from open and bogus fds, or any address */
	K_TTYFD,        /* an ioctl's fd: mostly the fuzzer's own /dev/console (TTY_FD), else any K_FD */
	K_IOCTL,        /* an ioctl command: mostly the tty's (TCGETS..TIOCGSID, FIONREAD, FIONBIO) */
	K_FCNTL,        /* a fcntl command: F_DUPFD..F_SETOWN, F_DUPFD_CLOEXEC, F_GETPIPE_SZ.. and bad ones */
};

/* The arguments at 0 and 1 are a range the call may unmap or change. */
#define F_RANGE  1
/* mmap: a range to protect only when MAP_FIXED is in the flags (argument 3). */
#define F_MMAP   2
/* mremap: the old range always, the new one with MREMAP_FIXED. */
#define F_MREMAP 4
/* Makes a child (fork, vfork, clone), or is made in one (execve): see fuzz_proc.h. */
#define F_CHILD  8
/* Sends a signal: to the pid at argument 0 with the signal at 1, or (F_TGKILL) tid 1, signal 2. */
#define F_SIGNAL 16
#define F_TGKILL 32
/* Typed, with no arguments. */
#define F_NOARGS 64
/* Makes a pipe: the fuzzer closes one end at once, so that no read or write of it can wait. */
#define F_PIPE   128

struct syscall_type {
	unsigned char nargs;
	unsigned char flags;
	unsigned short outsize;         /* bytes a K_BUF without a length receives */
	unsigned char kind[6];
};

#define T(nr, n, f, out, ...) [nr] = { n, f, out, { __VA_ARGS__ } }

static const struct syscall_type syscall_types[] = {
	T(2, 0, F_CHILD, 0),                                            /* fork */
	T(3, 3, 0, 0, K_FD, K_BUF, K_LEN),                              /* read */
	T(4, 3, 0, 0, K_FD, K_ADDR, K_LEN),                             /* write */
	T(5, 3, 0, 0, K_PATH, K_OFLAGS, K_FLAGS),                       /* open */
	T(6, 1, 0, 0, K_FD),                                            /* close */
	T(7, 3, 0, 4, K_PID, K_BUF, K_WOPTS),                           /* waitpid */
	T(10, 1, 0, 0, K_PATH),                                         /* unlink */
	T(11, 3, F_CHILD, 0, K_PATH, K_ANY, K_ANY),                     /* execve: in a child */
	T(12, 1, 0, 0, K_PATH),                                         /* chdir */
	T(13, 1, 0, 4, K_BUF),                                          /* time */
	T(19, 3, 0, 0, K_FD, K_OFF, K_WHENCE),                          /* lseek */
	T(20, 0, 0, 0),                                                 /* getpid */
	T(33, 2, 0, 0, K_PATH, K_SMALL),                                /* access */
	T(37, 2, F_SIGNAL, 0, K_PID, K_SIG),                            /* kill */
	T(41, 1, 0, 0, K_FD),                                           /* dup */
	T(43, 1, 0, 16, K_BUF),                                         /* times */
	T(45, 1, 0, 0, K_ADDR),                                         /* brk */
	T(48, 2, 0, 0, K_SIG, K_HANDLER),                               /* signal */
	T(42, 1, F_PIPE, 8, K_BUF),                                     /* pipe: one end closed at once */
	T(54, 3, 0, 0, K_TTYFD, K_IOCTL, K_ANY),                        /* ioctl */
	T(55, 3, 0, 0, K_FD, K_FCNTL, K_ANY),                           /* fcntl */
	T(57, 2, 0, 0, K_PID, K_PID),                                   /* setpgid */
	T(63, 2, 0, 0, K_FD, K_FD),                                     /* dup2 */
	T(64, 0, F_NOARGS, 0),                                          /* getppid */
	T(65, 0, F_NOARGS, 0),                                          /* getpgrp */
	T(66, 0, F_NOARGS, 0),                                          /* setsid */
	T(67, 3, 0, 16, K_SIG, K_SIGACT, K_BUF),                        /* sigaction */
	T(73, 1, 0, 4, K_BUF),                                          /* sigpending */
	T(76, 2, 0, 8, K_SMALL, K_BUF),                                 /* getrlimit (old) */
	T(77, 2, 0, 72, K_PID, K_BUF),                                  /* getrusage: who is 0, -1 or 1 */
	T(78, 2, 0, 8, K_BUF, K_BUF),                                   /* gettimeofday */
	T(80, 2, 0, 128, K_SMALL, K_BUF),                               /* getgroups (16-bit): up to 63 */
	T(85, 3, 0, 0, K_PATH, K_BUF, K_LEN),                           /* readlink */
	T(90, 1, 0, 0, K_MMAPARGS),                                     /* mmap (old) */
	T(91, 2, F_RANGE, 0, K_ADDR, K_LEN),                            /* munmap */
	T(106, 2, 0, 64, K_PATH, K_BUF),                                /* stat */
	T(107, 2, 0, 64, K_PATH, K_BUF),                                /* lstat */
	T(108, 2, 0, 64, K_FD, K_BUF),                                  /* fstat */
	T(114, 4, 0, 72, K_PID, K_BUF, K_WOPTS, K_BUF),                 /* wait4: status and rusage */
	T(116, 1, 0, 64, K_BUF),                                        /* sysinfo */
	T(120, 5, F_CHILD, 4, K_CFLAGS, K_ADDR, K_BUF, K_UDESC, K_BUF), /* clone: tids written */
	T(122, 1, 0, 390, K_BUF),                                       /* uname */
	T(125, 3, F_RANGE, 0, K_ADDR, K_LEN, K_PROT),                   /* mprotect */
	T(126, 3, 0, 4, K_SMALL, K_SIGSET, K_BUF),                      /* sigprocmask */
	T(132, 1, 0, 0, K_PID),                                         /* getpgid */
	T(133, 1, 0, 0, K_FD),                                          /* fchdir */
	T(140, 5, 0, 8, K_FD, K_OFF, K_OFF, K_BUF, K_WHENCE),           /* _llseek */
	T(141, 3, 0, 0, K_FD, K_BUF, K_LEN),                            /* getdents */
	T(142, 5, 0, 128, K_SELN, K_BUF, K_BUF, K_BUF, K_TIMEOUT),      /* _newselect: 3 fd_sets */
	T(144, 3, F_RANGE, 0, K_ADDR, K_LEN, K_FLAGS),                  /* msync */
	T(145, 3, 0, 0, K_FD, K_IOV, K_IOVCNT),                         /* readv */
	T(146, 3, 0, 0, K_FD, K_IOV, K_IOVCNT),                         /* writev */
	T(147, 1, 0, 0, K_PID),                                         /* getsid */
	T(150, 2, 0, 0, K_ADDR, K_LEN),                                 /* mlock */
	T(151, 2, 0, 0, K_ADDR, K_LEN),                                 /* munlock */
	T(155, 2, 0, 4, K_PID, K_BUF),                                  /* sched_getparam */
	T(158, 0, F_NOARGS, 0),                                         /* sched_yield */
	T(162, 2, 0, 8, K_TIMESPEC, K_BUF),                             /* nanosleep */
	T(168, 3, 0, 64, K_POLLFDS, K_NFDS, K_MSEC),                    /* poll */
	T(163, 5, F_MREMAP, 0, K_ADDR, K_LEN, K_LEN, K_RFLAGS, K_ADDR), /* mremap */
	T(165, 3, 0, 2, K_BUF, K_BUF, K_BUF),                           /* getresuid (16-bit) */
	T(171, 3, 0, 2, K_BUF, K_BUF, K_BUF),                           /* getresgid (16-bit) */
	T(172, 2, 0, 16, K_SMALL, K_BUF),                               /* prctl: PR_GET_NAME (16) writes 16 */
	T(174, 4, 0, 20, K_SIG, K_SIGACT, K_BUF, K_SIGSIZE),            /* rt_sigaction */
	T(175, 4, 0, 8, K_SMALL, K_SIGSET, K_BUF, K_SIGSIZE),           /* rt_sigprocmask */
	T(176, 2, 0, 8, K_BUF, K_SIGSIZE),                              /* rt_sigpending */
	T(178, 3, F_SIGNAL, 0, K_PID, K_SIG, K_ADDR),                   /* rt_sigqueueinfo */
	T(180, 5, 0, 0, K_FD, K_BUF, K_LEN, K_OFF, K_OFF),              /* pread64 */
	T(181, 5, 0, 0, K_FD, K_ADDR, K_LEN, K_OFF, K_OFF),             /* pwrite64 */
	T(183, 2, 0, 0, K_BUF, K_LEN),                                  /* getcwd */
	T(186, 2, 0, 12, K_ADDR, K_BUF),                                /* sigaltstack */
	T(190, 0, F_CHILD, 0),                                          /* vfork */
	T(191, 2, 0, 8, K_SMALL, K_BUF),                                /* ugetrlimit */
	T(192, 6, F_MMAP, 0, K_ADDR, K_LEN, K_PROT, K_MFLAGS, K_FD, K_PGOFF), /* mmap2 */
	T(195, 2, 0, 96, K_PATH, K_BUF),                                /* stat64 */
	T(196, 2, 0, 96, K_PATH, K_BUF),                                /* lstat64 */
	T(197, 2, 0, 96, K_FD, K_BUF),                                  /* fstat64 */
	T(205, 2, 0, 256, K_SMALL, K_BUF),                              /* getgroups32: up to 63 */
	T(209, 3, 0, 4, K_BUF, K_BUF, K_BUF),                           /* getresuid32 */
	T(211, 3, 0, 4, K_BUF, K_BUF, K_BUF),                           /* getresgid32 */
	T(218, 3, 0, 0, K_ADDR, K_LEN, K_BUF),                          /* mincore: the vector, up to len/4096 bytes */
	T(219, 3, F_RANGE, 0, K_ADDR, K_LEN, K_MADV),                   /* madvise */
	T(220, 3, 0, 0, K_FD, K_BUF, K_LEN),                            /* getdents64 */
	T(221, 3, 0, 0, K_FD, K_FCNTL, K_ANY),                          /* fcntl64 */
	T(224, 0, 0, 0),                                                /* gettid */
	T(243, 1, 0, 0, K_UDESC),                                       /* set_thread_area */
	T(238, 2, F_SIGNAL, 0, K_PID, K_SIG),                           /* tkill */
	T(244, 1, 0, 0, K_UDESC),                                       /* get_thread_area */
	T(257, 5, F_RANGE, 0, K_ADDR, K_LEN, K_PROT, K_PGOFF, K_FLAGS), /* remap_file_pages */
	T(258, 1, 0, 0, K_ADDR),                                        /* set_tid_address */
	T(265, 2, 0, 8, K_SMALL, K_BUF),                                /* clock_gettime */
	T(266, 2, 0, 8, K_SMALL, K_BUF),                                /* clock_getres */
	T(267, 4, 0, 8, K_SLEEPCLK, K_FLAGS, K_TIMESPEC, K_BUF),        /* clock_nanosleep */
	T(270, 3, F_SIGNAL | F_TGKILL, 0, K_PID, K_PID, K_SIG),         /* tgkill */
	T(284, 5, 0, 128, K_SMALL, K_PID, K_BUF, K_WOPTS, K_BUF),       /* waitid: siginfo, rusage */
	T(295, 4, 0, 0, K_FD, K_PATH, K_OFLAGS, K_FLAGS),               /* openat */
	T(300, 4, 0, 96, K_FD, K_PATH, K_BUF, K_FLAGS),                 /* fstatat64 */
	T(305, 4, 0, 0, K_FD, K_PATH, K_BUF, K_LEN),                    /* readlinkat */
	T(308, 6, 0, 128, K_SELN, K_BUF, K_BUF, K_BUF, K_TIMEOUT, K_ANY), /* pselect6 */
	T(309, 5, 0, 64, K_POLLFDS, K_NFDS, K_TIMEOUT, K_SIGSET, K_SIGSIZE), /* ppoll */
	T(307, 3, 0, 0, K_FD, K_PATH, K_SMALL),                         /* faccessat */
	T(330, 3, 0, 0, K_FD, K_FD, K_OFLAGS),                          /* dup3 */
	T(331, 2, F_PIPE, 8, K_BUF, K_OFLAGS),                          /* pipe2: one end closed at once */
	T(335, 4, F_SIGNAL | F_TGKILL, 0, K_PID, K_PID, K_SIG, K_ADDR), /* rt_tgsigqueueinfo */
	T(333, 5, 0, 0, K_FD, K_IOV, K_IOVCNT, K_OFF, K_OFF),           /* preadv */
	T(355, 3, 0, 0, K_BUF, K_LEN, K_FLAGS),                         /* getrandom */
	T(358, 5, F_CHILD, 0, K_FD, K_PATH, K_ANY, K_ANY, K_FLAGS),     /* execveat: in a child */
	T(383, 5, 0, 256, K_FD, K_PATH, K_FLAGS, K_FLAGS, K_BUF),       /* statx */
	T(386, 4, 0, 32, K_BUF, K_SMALL, K_FLAGS, K_ANY),               /* rseq: the kernel writes it at every return */
	T(400, 0, 0, 0),                                                /* pagoda_nr_free_pages */
	T(403, 2, 0, 16, K_SMALL, K_BUF),                               /* clock_gettime64 */
	T(436, 3, 0, 0, K_FD, K_FD, K_FLAGS),                           /* close_range: never from 0-2 */
	T(439, 4, 0, 0, K_FD, K_PATH, K_SMALL, K_FLAGS),                /* faccessat2 */
};

#undef T

/*
 * The calls the fuzzer never makes, and why. The rest of 0-450 is made.
 */
static const unsigned short excluded[] = {
	1, 252,                 /* exit, exit_group: end the fuzzer (it exits once, at the end; children exit) */
	435,                    /* clone3: its child would start on whatever stack the random clone_args name */
	29, 72, 179,            /* pause, sigsuspend, rt_sigsuspend: sleep until a signal */
	407,                    /* clock_nanosleep_time64: a 64-bit timespec, which K_TIMESPEC does not build */
	27, 104, 259, 260,      /* alarm, setitimer, timer_create/settime: SIGALRM ends the fuzzer */
	409,                    /* timer_settime64: the same */
	424,                    /* pidfd_send_signal: could kill the fuzzer (kill and the rest are typed) */
	88,                     /* reboot: ends the machine */
	21, 22, 52,             /* mount, umount, umount2: could make / writable again (main remounts it read-only) */
	82,                     /* select (old): its block of arguments could name no time-out (wait for ever) */
	413, 414,               /* pselect6_time64, ppoll_time64: a 64-bit time-out K_TIMEOUT does not build */
	256, 319, 441,          /* epoll_wait, epoll_pwait, epoll_pwait2: wait */
	240, 422, 449,          /* futex, futex_time64, futex_waitv: wait on a word */
	177, 421,               /* rt_sigtimedwait(_time64): wait for a signal */
	102, 364, 371, 372,     /* socketcall, accept4, recvfrom, recvmsg: wait for the network */
	337, 417,               /* recvmmsg(_time64): the same */
	277, 419,               /* mq_timedreceive(_time64): wait on an empty queue */
	418, 276,               /* mq_timedsend(_time64): wait on a full queue */
	119, 173,               /* sigreturn, rt_sigreturn: load registers from the fuzzer's stack */
	113, 166,               /* vm86old, vm86: drop the fuzzer into virtual-8086 mode with random registers */
	75, 340,                /* setrlimit, prlimit64: a low RLIMIT_CPU/STACK/NOFILE kills or cripples the fuzzer */
	23, 70, 164,            /* setuid, setreuid, setresuid: a fuzzer that is no longer root */
	203, 208, 213,          /* (and their 32-bit forms) may not SIGKILL its children at a reset */
	401,                    /* pagoda_show_maps: prints all the maps at every call (a flood) */
	402,                    /* pagoda_memmap: prints every page frame (seconds of output) */
	347, 348,               /* process_vm_readv/writev: write any byte of the fuzzer's (pid 1) memory */
	26,                     /* ptrace: a child could attach to the fuzzer and change its memory or registers */
	354,                    /* seccomp: strict mode kills the fuzzer at its next call */
	117, 420,               /* ipc (semop), semtimedop_time64: wait on a semaphore */
};

#endif
