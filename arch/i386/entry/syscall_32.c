/*
 * int $0x80: the Linux i386 system-call ABI. The number is in eax, the
 * arguments in ebx, ecx, edx, esi, edi, ebp; the result goes back in eax
 * (-4095..-1 are -errno). Every other register is preserved: the entry
 * stub saved them all in pt_regs and restores them on the way out.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/traps.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define NR_syscalls 451      /* up to clone3 (435) and the y2038 calls (403-414) */

typedef long (*syscall_fn)(long, long, long, long, long, long);

long sys_getpid(void)
{
	return current->pid;
}

long sys_set_tid_address(int *tidptr)
{
	current->clear_child_tid = (unsigned long)tidptr;
	return current->pid;
}

/* gettid: one thread per process so far, so the PID */
long sys_gettid(void)
{
	return current->pid;
}

/* Pagoda's own: the free page count, so user tests can look for leaks. */
static long sys_pagoda_nr_free_pages(void)
{
	kmem_cache_shrink_all();
	drain_local_pages();
	return (long)nr_free_pages();
}

/* Pagoda's own: print this process's mappings, as /proc/self/maps. */
static long sys_pagoda_show_maps(void)
{
	show_maps(current->mm);
	return 0;
}

#define S(nr, fn) [nr] = (syscall_fn)(void *)fn
static const syscall_fn sys_call_table[NR_syscalls] = {
	S(1, sys_exit), S(3, sys_read), S(4, sys_write), S(5, sys_open), S(6, sys_close),
	S(19, sys_lseek), S(20, sys_getpid), S(45, sys_brk), S(54, sys_ioctl),
	S(90, sys_old_mmap), S(91, sys_munmap), S(108, sys_fstat), S(122, sys_uname),
	S(125, sys_mprotect), S(145, sys_readv), S(146, sys_writev), S(163, sys_mremap),
	S(180, sys_pread64), S(181, sys_pwrite64), S(192, sys_mmap2),
	S(197, sys_fstat64), S(218, sys_mincore), S(219, sys_madvise), S(243, sys_set_thread_area), S(244, sys_get_thread_area),
	S(258, sys_set_tid_address), S(400, sys_pagoda_nr_free_pages),
	S(401, sys_pagoda_show_maps), S(402, sys_pagoda_memmap),
	S(88, sys_reboot),		/* kernel/reboot.c */

	/* mlock: mm/mlock.c */
	S(150, sys_mlock), S(151, sys_munlock), S(152, sys_mlockall), S(153, sys_munlockall), S(376, sys_mlock2),

	/* processes: kernel/fork.c, kernel/exit.c, kernel/sys.c, fs/exec.c, kernel/sched/core.c */
	S(2, sys_fork), S(7, sys_waitpid), S(11, sys_execve), S(57, sys_setpgid), S(64, sys_getppid),
	S(65, sys_getpgrp), S(66, sys_setsid), S(114, sys_wait4), S(120, sys_clone), S(132, sys_getpgid),
	S(147, sys_getsid), S(158, sys_sched_yield), S(190, sys_vfork), S(224, sys_gettid), S(252, sys_exit_group),
	S(284, sys_waitid),

	/* (keep the blank lines: each group grows on its own) */

	/* signals: kernel/signal.c, arch/i386/kernel/signal.c */
	S(0, sys_restart_syscall), S(29, sys_pause), S(37, sys_kill), S(48, sys_signal),
	S(67, sys_sigaction), S(72, sys_sigsuspend), S(73, sys_sigpending), S(119, sys_sigreturn),
	S(126, sys_sigprocmask), S(173, sys_rt_sigreturn), S(174, sys_rt_sigaction),
	S(175, sys_rt_sigprocmask), S(176, sys_rt_sigpending), S(177, sys_rt_sigtimedwait),
	S(178, sys_rt_sigqueueinfo), S(179, sys_rt_sigsuspend), S(186, sys_sigaltstack),
	S(238, sys_tkill), S(270, sys_tgkill),

	/* (keep the blank lines: each group grows on its own) */

	/* time: kernel/time/, kernel/sched/cputime.c's times and getrusage */
	S(13, sys_time), S(27, sys_alarm), S(43, sys_times),
	S(77, sys_getrusage), S(78, sys_gettimeofday), S(79, sys_settimeofday),
	S(104, sys_setitimer), S(105, sys_getitimer), S(162, sys_nanosleep_time32),
	S(264, sys_clock_settime32), S(265, sys_clock_gettime32), S(266, sys_clock_getres_time32),
	S(267, sys_clock_nanosleep_time32), S(403, sys_clock_gettime), S(404, sys_clock_settime),
	S(406, sys_clock_getres), S(407, sys_clock_nanosleep),

	/* (keep the blank lines: each group grows on its own) */

	/* files: fs/ (open, stat, dirs, dup, fcntl, pipe, poll, devices) */
	S(8, sys_creat), S(12, sys_chdir), S(33, sys_access), S(41, sys_dup),
	S(42, sys_pipe), S(55, sys_fcntl), S(60, sys_umask), S(63, sys_dup2), S(85, sys_readlink),
	S(106, sys_stat), S(107, sys_lstat), S(133, sys_fchdir), S(140, sys_llseek), S(141, sys_getdents),
	S(142, sys_select), S(168, sys_poll), S(183, sys_getcwd), S(195, sys_stat64), S(196, sys_lstat64),
	S(220, sys_getdents64), S(221, sys_fcntl64), S(295, sys_openat), S(300, sys_fstatat64),
	S(305, sys_readlinkat), S(307, sys_faccessat), S(308, sys_pselect6), S(309, sys_ppoll),
	S(330, sys_dup3), S(331, sys_pipe2), S(355, sys_getrandom), S(383, sys_statx),
	S(414, sys_ppoll_time64), S(439, sys_faccessat2),

	/* the namespace calls: fs/namei.c, fs/open.c, fs/utimes.c, fs/statfs.c, fs/namespace.c */
	S(9, sys_link), S(10, sys_unlink), S(14, sys_mknod), S(15, sys_chmod), S(16, sys_lchown16),
	S(21, sys_mount), S(22, sys_oldumount), S(30, sys_utime32), S(38, sys_rename), S(39, sys_mkdir),
	S(40, sys_rmdir), S(52, sys_umount), S(83, sys_symlink), S(92, sys_truncate), S(93, sys_ftruncate),
	S(94, sys_fchmod), S(95, sys_fchown16), S(99, sys_statfs), S(100, sys_fstatfs), S(182, sys_chown16),
	S(193, sys_truncate64), S(194, sys_ftruncate64), S(198, sys_lchown), S(207, sys_fchown),
	S(212, sys_chown), S(268, sys_statfs64), S(269, sys_fstatfs64), S(271, sys_utimes_time32),
	S(296, sys_mkdirat), S(297, sys_mknodat), S(298, sys_fchownat), S(299, sys_futimesat_time32),
	S(301, sys_unlinkat), S(302, sys_renameat), S(303, sys_linkat), S(304, sys_symlinkat),
	S(306, sys_fchmodat), S(320, sys_utimensat_time32), S(353, sys_renameat2), S(412, sys_utimensat),

	/* (keep the blank lines: each group grows on its own) */

	/* the page cache: fs/sync.c, mm/msync.c, fs/splice.c */
	S(36, sys_sync), S(118, sys_fsync), S(144, sys_msync), S(148, sys_fdatasync), S(187, sys_sendfile),
	S(239, sys_sendfile64), S(344, sys_syncfs),

	/* (keep the blank lines: each group grows on its own) */

	/* swap: mm/swapfile.c */
	S(87, sys_swapon), S(115, sys_swapoff),

	/* (keep the blank lines: each group grows on its own) */

	/* the tty: drivers/tty/ */

	/* (keep the blank lines: each group grows on its own) */

	/* identity, limits, system information: kernel/sys.c, kernel/uid16.c */
	S(23, sys_setuid16), S(24, sys_getuid16), S(46, sys_setgid16), S(47, sys_getgid16),
	S(49, sys_geteuid16), S(50, sys_getegid16), S(70, sys_setreuid16), S(71, sys_setregid16),
	S(74, sys_sethostname), S(75, sys_setrlimit), S(76, sys_old_getrlimit), S(80, sys_getgroups16),
	S(81, sys_setgroups16), S(116, sys_sysinfo), S(121, sys_setdomainname), S(136, sys_personality),
	S(138, sys_setfsuid16), S(139, sys_setfsgid16), S(164, sys_setresuid16), S(165, sys_getresuid16),
	S(170, sys_setresgid16), S(171, sys_getresgid16), S(172, sys_prctl), S(191, sys_getrlimit),
	S(199, sys_getuid), S(200, sys_getgid), S(201, sys_geteuid), S(202, sys_getegid),
	S(203, sys_setreuid), S(204, sys_setregid), S(205, sys_getgroups), S(206, sys_setgroups),
	S(208, sys_setresuid), S(209, sys_getresuid), S(210, sys_setresgid), S(211, sys_getresgid),
	S(213, sys_setuid), S(214, sys_setgid), S(215, sys_setfsuid), S(216, sys_setfsgid),
	S(340, sys_prlimit64),

	/* (keep the blank lines: each group grows on its own) */

	/* what static glibc calls at start: kernel/futex/syscalls.c, kernel/rseq.c, kernel/fork.c's clone3 */
	S(311, sys_set_robust_list), S(312, sys_get_robust_list), S(386, sys_rseq), S(435, sys_clone3),

};

/*
 * Log each unimplemented number once, at KERN_DEBUG (not on the console
 * unless loglevel=8; Linux says nothing): a program probing features is
 * not an error. tests/shell.py boots with loglevel=8 to name them.
 */
static void report_enosys(unsigned long nr)
{
	static unsigned char reported[(NR_syscalls + 7) / 8 + 64];

	if (nr < 8 * sizeof(reported) && !(reported[nr / 8] & (1 << (nr % 8)))) {
		reported[nr / 8] |= (unsigned char)(1 << (nr % 8));
		printk(KERN_DEBUG "%s[%d]: system call %lu not implemented (-ENOSYS)\n",
		       current->comm, current->pid, nr);
	}
}

static void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->eax;
	syscall_fn fn = nr < NR_syscalls ? sys_call_table[nr] : NULL;

	regs->orig_eax = nr;
	if (!fn) {
		report_enosys(nr);
		regs->eax = (uint32_t)-ENOSYS;
		return;
	}
	local_irq_enable();     /* system calls run with interrupts on */
	regs->eax = (uint32_t)fn((long)regs->ebx, (long)regs->ecx, (long)regs->edx,
				 (long)regs->esi, (long)regs->edi, (long)regs->ebp);
	local_irq_disable();
}

void syscall_init(void)
{
	syscall_handler = do_syscall;
}
