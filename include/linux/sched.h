/*
 * task_struct: one process (Linux's include/linux/sched.h). Each has its
 * own kernel stack, address space (mm, shared with CLONE_VM), open files,
 * FPU state, TLS descriptors and signal state. The scheduler
 * (kernel/sched/core.c) runs the TASK_RUNNING ones in turn, round robin;
 * init_task (PID 0, "swapper") is the boot thread: it runs the monitor or
 * starts init, and waits while programs run. Kernel threads (PF_KTHREAD,
 * kernel/kthread.c) are tasks with no mm that never enter user mode.
 */
#ifndef PAGODA_SCHED_H
#define PAGODA_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "asm/fpu.h"
#include "asm/ptrace.h"
#include "asm/setjmp.h"
#include "linux/list.h"
#include "linux/mount.h"
#include "linux/mm_types.h"
#include "linux/resource.h"
#include "linux/sched/loadavg.h"
#include "linux/signal.h"
#include "linux/timer.h"
#include "linux/wait.h"

struct completion;

#define THREAD_SIZE   8192      /* kernel stack: two pages, as i386 Linux */
#define TASK_COMM_LEN 16
#define TASK_EXE_LEN  128       /* bytes of exe_path: a longer path is cut */
#define NR_OPEN       1024      /* file descriptors per task: Linux's default RLIMIT_NOFILE */
#define GDT_TLS_ENTRIES 3
#define PID_MAX_DEFAULT 32768   /* Linux's pid_max: PIDs wrap below it */
#define NGROUPS_SMALL 32          /* supplementary groups a task may hold (Linux: up to NGROUPS_MAX) */
#define NGROUPS_MAX   65536
#define STACK_END_MAGIC 0x57AC6E9D      /* at the bottom of every kernel stack (Linux's magic.h) */

/* task->state (Linux's values) */
#define TASK_RUNNING         0x0000
#define TASK_INTERRUPTIBLE   0x0001     /* asleep; a signal wakes it */
#define TASK_UNINTERRUPTIBLE 0x0002     /* asleep; only its event wakes it */
#define __TASK_STOPPED       0x0004     /* SIGSTOP, SIGTSTP: until SIGCONT */
#define TASK_DEAD            0x0080     /* after do_exit's last schedule() */
#define TASK_WAKEKILL        0x0100     /* ... and SIGKILL wakes it too */
#define TASK_KILLABLE        (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_NORMAL          (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
/* task->exit_state */
#define EXIT_DEAD            0x0010     /* reaped: about to be freed */
#define EXIT_ZOMBIE          0x0020     /* exited; its parent has not waited yet */
/* task->flags (Linux's PF_* values) */
#define PF_KTHREAD           0x00200000 /* a kernel thread: no mm, never in user mode (kernel/kthread.c) */

/* clone() flags (Linux's include/uapi/linux/sched.h) */
#define CSIGNAL              0x000000ff /* the signal sent to the parent at exit */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000

struct file;

struct tls_desc {
	uint32_t base, limit;
	uint8_t access, flags;  /* as written into the GDT */
	bool present;
};

/* What switch_to() keeps of a task that is not running: its kernel stack pointer. */
struct thread_struct {
	unsigned long sp;
	/* the last user-mode fault, for the handler's sigcontext (trapno, err, cr2) */
	unsigned long trap_nr, error_code, cr2;
};

/* How to restart a system call a handler interrupted (Linux's restart_block, for nanosleep). */
struct restart_block {
	long (*fn)(struct restart_block *);
	struct {
		int clockid;
		unsigned long long expires;     /* nanoseconds, on clockid */
		void *rmtp;                     /* user pointer for the remaining time */
		bool compat32;                  /* rmtp is an old 32-bit timespec */
	} nanosleep;
};

struct task_struct {
	volatile unsigned int state;    /* TASK_RUNNING, TASK_INTERRUPTIBLE, ... */
	unsigned int flags;             /* PF_KTHREAD */
	int usage;                      /* references: the task's own, and get_task_struct's (freed at 0) */
	unsigned int exit_state;        /* 0, EXIT_ZOMBIE, EXIT_DEAD */
	int pid, tgid;                  /* tgid == pid: no threads yet */
	int pgid, sid;                  /* process group and session */
	char comm[TASK_COMM_LEN];       /* the program's name, for messages */
	char exe_path[TASK_EXE_LEN];    /* the path execve ran, for /proc/PID/exe (Linux: mm->exe_file) */
	struct mm_struct *mm;           /* NULL for init_task and kernel threads */
	void *stack;                    /* THREAD_SIZE bytes; pt_regs at the top */
	struct thread_struct thread;
	bool need_resched;              /* the tick or a wake-up asks for schedule() */
	bool in_reclaim;                /* in direct reclaim: its allocations may not reclaim (Linux's PF_MEMALLOC) */
	bool sched_contributes_to_load; /* asleep in D state, counted in the load average until woken */
	unsigned int time_slice;        /* ticks left before round robin moves on */

	struct list_head tasks;         /* every task, from init_task (for_each_process) */
	struct list_head run_list;      /* on the run queue while TASK_RUNNING */
	struct task_struct *real_parent, *parent;       /* the same: no ptrace */
	struct list_head children;      /* my children, through their sibling */
	struct list_head sibling;
	wait_queue_head_t wait_chldexit;        /* wait4() sleeps here (Linux: signal->wait_chldexit) */
	struct completion *vfork_done;      /* CLONE_VFORK: the parent waits until exec or exit */
	int exit_code;                  /* the wait status, as Linux encodes it */
	int exit_signal;                /* sent to the parent at exit (SIGCHLD; clone's CSIGNAL) */
	int stop_code;                  /* stopped by this signal, not yet reported to wait (WUNTRACED) */
	bool continued;                 /* continued, not yet reported (WCONTINUED) */

	struct files_struct *files;     /* the descriptor table: its own, copied at fork (fs/file.c) */
	struct fs_struct *fs;           /* cwd and umask: copied at fork (fs/fs_struct.c) */
	struct tls_desc tls[GDT_TLS_ENTRIES];
	unsigned long set_child_tid, clear_child_tid;   /* CLONE_CHILD_SETTID, set_tid_address */
	/* robust futexes and restartable sequences: kernel/futex/syscalls.c, kernel/rseq.c */
	unsigned long robust_list;      /* set_robust_list's head (a user address); not inherited, gone at exec */
	unsigned long rseq;             /* the registered struct rseq (a user address), or 0 */
	uint32_t rseq_len, rseq_sig;
	uint32_t rseq_event_mask;       /* RSEQ_EVENT_*: why the section would restart */
	bool rseq_notify;               /* look at rseq on the way back to user mode (Linux's TIF_NOTIFY_RESUME) */
	struct fpu_state fpu;

	/* signals: kernel/signal.c */
	struct k_sigaction action[_NSIG];       /* Linux: sighand->action; copied at fork */
	sigset_t blocked, saved_sigmask;
	sigset_t real_blocked;                  /* rt_sigtimedwait: blocked before it unblocked what it waits for */
	bool restore_sigmask;                   /* put saved_sigmask back after the handler's frame is built */
	struct sigpending pending;
	unsigned long sas_ss_sp, sas_ss_size;   /* sigaltstack */
	unsigned int sas_ss_flags;
	unsigned int signal_flags;              /* SIGNAL_UNKILLABLE: init's */
	bool did_exec;                          /* has called execve since fork (setpgid's -EACCES) */
	struct restart_block restart_block;

	/* accounting: ticks (1/HZ s) and faults, mine and my reaped children's */
	unsigned long utime, stime, cutime, cstime;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long maxrss, cmaxrss;          /* pages: the high-water RSS, for getrusage */
	unsigned long long start_time;          /* jiffies at fork */

	/* interval timers: kernel/time/itimer.c (Linux keeps them in signal_struct); fork clears them */
	struct timer_list real_timer;           /* ITIMER_REAL: SIGALRM when it fires */
	unsigned long long it_real_expires, it_real_incr;       /* ns on CLOCK_MONOTONIC; interval ns (0: once) */
	unsigned long long it_virt_value, it_virt_incr; /* ITIMER_VIRTUAL: user ns left (0: off), interval */
	unsigned long long it_prof_value, it_prof_incr; /* ITIMER_PROF: user + system ns */

	/* identity: kernel/sys.c (Linux keeps it in struct cred); copied at fork, 0 (root) for init */
	unsigned int uid, euid, suid, fsuid;    /* real, effective, saved, file system user ids */
	unsigned int gid, egid, sgid, fsgid;
	int ngroups;                            /* supplementary groups, sorted (setgroups) */
	unsigned int groups[NGROUPS_SMALL];
	unsigned int personality;               /* PER_LINUX (0) and its flags */

	/* resource limits: kernel/sys.c (Linux: signal->rlim); copied at fork, kept across execve */
	struct rlimit rlim[RLIM_NLIMITS];

	/* the OOM killer (mm/oom_kill.c; Linux keeps these in signal_struct): fork copies them */
	short oom_score_adj;                    /* -1000..1000, /proc/PID/oom_score_adj */
	short oom_score_adj_min;                /* lowest an unprivileged writer may set */
	bool oom_victim;                        /* killed by it: may use the reserves (tsk_is_oom_victim) */

	jmp_buf *ktest_exit;            /* tests/kernel only: do_exit() longjmps here instead */
	void *worker_private;           /* a kernel thread's struct kthread (kernel/kthread.c) */
};

extern struct task_struct *current;

/* The registers a program resumes with: at the top of its kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

/* What the monitor's ps and maps show of a program that has run (kernel/task.c). */
#define TASK_HISTORY   8
#define MAPS_SNAPSHOT 24

struct task_record {
	int pid, exit_code;
	char comm[TASK_COMM_LEN];
	unsigned long min_flt, maj_flt, rss_at_exit, total_vm;
	int nr_vmas;
	struct {
		unsigned long start, end, flags, pgoff, ino;
		unsigned int dev;       /* the file system's st_dev (new_encode_dev form) */
		bool file;
		char name[40];
	} vmas[MAPS_SNAPSHOT];
};

const struct task_record *task_history(int pid);        /* NULL if not remembered */
int task_history_list(const struct task_record **out, int max);  /* by PID, oldest first */

extern struct task_struct init_task;

#define for_each_process(p) \
	for (p = &init_task; (p = list_entry(p->tasks.next, struct task_struct, tasks)) != &init_task;)

/* A wait status as a shell shows it: the exit code, or 128 + the signal that killed the process. */
static inline int shell_status(int wait_status)
{
	return wait_status & 0x7f ? 128 + (wait_status & 0x7f) : (wait_status >> 8) & 0xff;
}

static inline void set_current_state(unsigned int state)
{
	current->state = state;
}

/* kernel/sched/core.c */
void sched_init(void);
/* Give the CPU to the next runnable task; current sleeps unless TASK_RUNNING (Linux's schedule()). */
void schedule(void);
/* Wake p if its state is in mask: 1 if it was woken, 0 if it was not asleep so (try_to_wake_up). */
int wake_up_state(struct task_struct *p, unsigned int mask);
int wake_up_process(struct task_struct *p);     /* any sleep but a stop */
/* After a switch: free the task switched from if it exited and reaped itself. */
void finish_task_switch(void);
/* A new task's first run (kernel/fork.c): onto the run queue (wake_up_new_task). */
void wake_up_new_task(struct task_struct *p);
/* Sleep timeout jiffies at most in the state set before; the jiffies left (0: it ran out). */
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffL
/* The timer tick: account it and ask for a switch when the time slice is gone. */
void scheduler_tick(bool user_tick);
/* On the way back to ring 3: reschedule and deliver signals (Linux's exit_to_user_mode_loop). */
void exit_to_user_mode(struct pt_regs *regs);
long sys_sched_yield(void);

/* kernel/pid.c: the PID given last, and how many were given since boot (fork's and run_program's) */
extern int last_pid;
extern unsigned long total_forks;
/* kernel/sched/core.c: tasks runnable now, the one running included (the idle boot thread not), and sleeping in D state */
unsigned int nr_running(void);
unsigned int nr_uninterruptible(void);
extern unsigned long nr_context_switches;
/* kernel/pid.c (in kernel/fork.c): the live task with this PID, or NULL (find_task_by_vpid). */
struct task_struct *find_task_by_vpid(int pid);

/*
 * Is p the first task on the task list that uses its mm? A walk over
 * every address space visits each once by taking only these (CLONE_VM
 * and vfork share one mm). kernel/fork.c.
 */
bool first_task_of_mm(const struct task_struct *p);

/* kernel/fork.c */
extern int nr_threads, max_threads;     /* tasks alive (zombies too), and the most there may be */
void fork_init(void);
struct task_struct *alloc_task(void);   /* zeroed, with a kernel stack; NULL: no memory */
void free_task(struct task_struct *p);
/* A reference that keeps p's task_struct (not the task) after it is reaped (include/linux/sched/task.h). */
static inline void get_task_struct(struct task_struct *p)
{
	p->usage++;
}
/* Drop one: the last frees the task_struct and its stack (__put_task_struct). */
void put_task_struct(struct task_struct *p);
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
long kernel_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
		  int *child_tidptr, unsigned long tls);

/* arch/i386/kernel/process_32.c: the child's kernel stack, to start in ret_from_fork (newsp: its user esp, 0 = the parent's). */
void copy_thread(struct task_struct *p, unsigned long newsp);

/* kernel/exit.c */
/* Free a dead task: its PID, kernel stack and task_struct; its parent collects its times (release_task). */
void release_task(struct task_struct *p);
__attribute__((noreturn)) void do_exit(long code);      /* code: the wait status */
void __wake_up_parent(struct task_struct *p);
long kernel_wait4(int pid, int *stat_addr, int options, void *ru);

/* kernel/task.c (run_program): the boot thread starts a program and waits for it. */
int run_program(const char *path, int argc, char **argv, int *exit_code);
void load_tls(struct task_struct *t);
/* arch/i386/kernel/tls.c: set_thread_area for task p (clone's CLONE_SETTLS: can_allocate false). */
int do_set_thread_area(struct task_struct *p, void *uptr, bool can_allocate);


/* The descriptor table (Linux's files_struct and fdtable, one per process: no CLONE_FILES). */
struct files_struct {
	struct file **fd;                       /* NR_OPEN slots */
	uint32_t close_on_exec[NR_OPEN / 32];   /* bit fd: closed by execve */
	/*
	 * The size Linux's fdtable would have (max_fds): 32 at first, grown
	 * by expand_files to hold each descriptor installed, never shrunk;
	 * select() looks at no bit at or above it.
	 */
	unsigned int max_fds;
};

/* Where relative paths start, and the mode bits open masks (Linux's fs_struct; the root is always /). */
/* A process's cwd (Linux's struct fs_struct; the root is the mount tree's). */
struct fs_struct {
	struct path pwd;        /* references: a mount and a dentry */
	unsigned int umask;
};

/* fs/file.c */
/* The console on 0, 1 and 2 of a new table, and / as cwd: 0 or -ENOMEM. */
int files_init(struct task_struct *t);
/* fork: copy the parent's table and fs_struct into p (which holds the parent's pointers): 0 or -ENOMEM. */
int copy_files(struct task_struct *p);
/* Close every descriptor and free the table and the fs_struct (exit_files, exit_fs). */
void files_close_all(struct task_struct *t);
void do_close_on_exec(struct task_struct *t);

#endif
