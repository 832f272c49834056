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
};

/* The arguments at 0 and 1 are a range the call may unmap or change. */
#define F_RANGE  1
/* mmap: a range to protect only when MAP_FIXED is in the flags (argument 3). */
#define F_MMAP   2
/* mremap: the old range always, the new one with MREMAP_FIXED. */
#define F_MREMAP 4

struct syscall_type {
	unsigned char nargs;
	unsigned char flags;
	unsigned short outsize;         /* bytes a K_BUF without a length receives */
	unsigned char kind[6];
};

#define T(nr, n, f, out, ...) [nr] = { n, f, out, { __VA_ARGS__ } }

static const struct syscall_type syscall_types[] = {
	T(3, 3, 0, 0, K_FD, K_BUF, K_LEN),                              /* read */
	T(4, 3, 0, 0, K_FD, K_ADDR, K_LEN),                             /* write */
	T(5, 3, 0, 0, K_PATH, K_OFLAGS, K_FLAGS),                       /* open */
	T(6, 1, 0, 0, K_FD),                                            /* close */
	T(10, 1, 0, 0, K_PATH),                                         /* unlink */
	T(12, 1, 0, 0, K_PATH),                                         /* chdir */
	T(13, 1, 0, 4, K_BUF),                                          /* time */
	T(19, 3, 0, 0, K_FD, K_OFF, K_WHENCE),                          /* lseek */
	T(20, 0, 0, 0),                                                 /* getpid */
	T(33, 2, 0, 0, K_PATH, K_SMALL),                                /* access */
	T(41, 1, 0, 0, K_FD),                                           /* dup */
	T(42, 1, 0, 8, K_BUF),                                          /* pipe */
	T(45, 1, 0, 0, K_ADDR),                                         /* brk */
	T(54, 3, 0, 0, K_FD, K_ANY, K_ANY),                             /* ioctl */
	T(55, 3, 0, 0, K_FD, K_SMALL, K_ANY),                           /* fcntl */
	T(63, 2, 0, 0, K_FD, K_FD),                                     /* dup2 */
	T(78, 2, 0, 8, K_BUF, K_BUF),                                   /* gettimeofday */
	T(85, 3, 0, 0, K_PATH, K_BUF, K_LEN),                           /* readlink */
	T(90, 1, 0, 0, K_MMAPARGS),                                     /* mmap (old) */
	T(91, 2, F_RANGE, 0, K_ADDR, K_LEN),                            /* munmap */
	T(106, 2, 0, 64, K_PATH, K_BUF),                                /* stat */
	T(107, 2, 0, 64, K_PATH, K_BUF),                                /* lstat */
	T(108, 2, 0, 64, K_FD, K_BUF),                                  /* fstat */
	T(122, 1, 0, 390, K_BUF),                                       /* uname */
	T(125, 3, F_RANGE, 0, K_ADDR, K_LEN, K_PROT),                   /* mprotect */
	T(132, 1, 0, 0, K_PID),                                         /* getpgid */
	T(141, 3, 0, 0, K_FD, K_BUF, K_LEN),                            /* getdents */
	T(144, 3, F_RANGE, 0, K_ADDR, K_LEN, K_FLAGS),                  /* msync */
	T(145, 3, 0, 0, K_FD, K_IOV, K_IOVCNT),                         /* readv */
	T(146, 3, 0, 0, K_FD, K_IOV, K_IOVCNT),                         /* writev */
	T(147, 1, 0, 0, K_PID),                                         /* getsid */
	T(150, 2, 0, 0, K_ADDR, K_LEN),                                 /* mlock */
	T(151, 2, 0, 0, K_ADDR, K_LEN),                                 /* munlock */
	T(155, 2, 0, 4, K_PID, K_BUF),                                  /* sched_getparam */
	T(163, 5, F_MREMAP, 0, K_ADDR, K_LEN, K_LEN, K_RFLAGS, K_ADDR), /* mremap */
	T(180, 5, 0, 0, K_FD, K_BUF, K_LEN, K_OFF, K_OFF),              /* pread64 */
	T(181, 5, 0, 0, K_FD, K_ADDR, K_LEN, K_OFF, K_OFF),             /* pwrite64 */
	T(183, 2, 0, 0, K_BUF, K_LEN),                                  /* getcwd */
	T(191, 2, 0, 8, K_SMALL, K_BUF),                                /* ugetrlimit */
	T(192, 6, F_MMAP, 0, K_ADDR, K_LEN, K_PROT, K_MFLAGS, K_FD, K_PGOFF), /* mmap2 */
	T(195, 2, 0, 96, K_PATH, K_BUF),                                /* stat64 */
	T(196, 2, 0, 96, K_PATH, K_BUF),                                /* lstat64 */
	T(197, 2, 0, 96, K_FD, K_BUF),                                  /* fstat64 */
	T(218, 3, 0, 0, K_ADDR, K_LEN, K_BUF),                          /* mincore: the vector, up to len/4096 bytes */
	T(219, 3, F_RANGE, 0, K_ADDR, K_LEN, K_MADV),                   /* madvise */
	T(220, 3, 0, 0, K_FD, K_BUF, K_LEN),                            /* getdents64 */
	T(224, 0, 0, 0),                                                /* gettid */
	T(243, 1, 0, 0, K_UDESC),                                       /* set_thread_area */
	T(244, 1, 0, 0, K_UDESC),                                       /* get_thread_area */
	T(257, 5, F_RANGE, 0, K_ADDR, K_LEN, K_PROT, K_PGOFF, K_FLAGS), /* remap_file_pages */
	T(258, 1, 0, 0, K_ADDR),                                        /* set_tid_address */
	T(265, 2, 0, 8, K_SMALL, K_BUF),                                /* clock_gettime */
	T(295, 4, 0, 0, K_FD, K_PATH, K_OFLAGS, K_FLAGS),               /* openat */
	T(330, 3, 0, 0, K_FD, K_FD, K_OFLAGS),                          /* dup3 */
	T(333, 5, 0, 0, K_FD, K_IOV, K_IOVCNT, K_OFF, K_OFF),           /* preadv */
	T(355, 3, 0, 0, K_BUF, K_LEN, K_FLAGS),                         /* getrandom */
	T(386, 4, 0, 32, K_BUF, K_SMALL, K_FLAGS, K_ANY),               /* rseq: the kernel writes it at every return */
	T(400, 0, 0, 0),                                                /* pagoda_nr_free_pages */
	T(403, 2, 0, 16, K_SMALL, K_BUF),                               /* clock_gettime64 */
	T(436, 3, 0, 0, K_FD, K_FD, K_FLAGS),                           /* close_range: never from 0-2 */
};

#undef T

/*
 * The calls the fuzzer never makes, and why. The rest of 0-450 is made.
 */
static const unsigned short excluded[] = {
	1, 252,                 /* exit, exit_group: end the fuzzer (it exits once, at the end) */
	2, 190, 120, 435,       /* fork, vfork, clone, clone3: Pagoda has no processes yet */
	11, 358,                /* execve, execveat: would replace the fuzzer */
	7, 114, 284,            /* waitpid, wait4, waitid: wait for children */
	29, 72, 179,            /* pause, sigsuspend, rt_sigsuspend: sleep until a signal */
	162, 267, 407,          /* nanosleep, clock_nanosleep(_time64): sleep */
	27, 104, 259, 260,      /* alarm, setitimer, timer_create/settime: SIGALRM ends the fuzzer */
	409,                    /* timer_settime64: the same */
	37, 238, 270, 424,      /* kill, tkill, tgkill, pidfd_send_signal: could kill the fuzzer */
	178, 335,               /* rt_sigqueueinfo, rt_tgsigqueueinfo: the same */
	88,                     /* reboot: ends the machine */
	82, 142, 168, 308, 309, /* select, _newselect, poll, pselect6, ppoll: wait for fds */
	413, 414,               /* pselect6_time64, ppoll_time64: the same */
	256, 319, 441,          /* epoll_wait, epoll_pwait, epoll_pwait2: wait */
	240, 422, 449,          /* futex, futex_time64, futex_waitv: wait on a word */
	177, 421,               /* rt_sigtimedwait(_time64): wait for a signal */
	102, 364, 371, 372,     /* socketcall, accept4, recvfrom, recvmsg: wait for the network */
	337, 417,               /* recvmmsg(_time64): the same */
	277, 419,               /* mq_timedreceive(_time64): wait on an empty queue */
	418, 276,               /* mq_timedsend(_time64): wait on a full queue */
	119, 173,               /* sigreturn, rt_sigreturn: load registers from the fuzzer's stack */
	48, 67, 174,            /* signal, sigaction, rt_sigaction: a random handler would run on the next signal */
	113, 166,               /* vm86old, vm86: drop the fuzzer into virtual-8086 mode with random registers */
	75, 340,                /* setrlimit, prlimit64: a low RLIMIT_CPU/STACK/NOFILE kills or cripples the fuzzer */
	401,                    /* pagoda_show_maps: prints all the maps at every call (a flood) */
	402,                    /* pagoda_memmap: prints every page frame (seconds of output) */
	347, 348,               /* process_vm_readv/writev: write any byte of the fuzzer's (pid 1) memory */
	354,                    /* seccomp: strict mode kills the fuzzer at its next call */
	117, 420,               /* ipc (semop), semtimedop_time64: wait on a semaphore */
};

#endif
