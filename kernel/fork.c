/*
 * fork, vfork and clone (Linux's kernel/fork.c): a new task that is a
 * copy of the caller. The address space is copied by dup_mm()
 * (mm/memory.c): the VMAs and page tables, with every private page now
 * shared read-only by both, for the first write to copy (copy-on-write).
 * With CLONE_VM the two share one mm instead (vfork, posix_spawn).
 */
#include "asm/io.h"
#include "asm/irq.h"
#include "linux/capability.h"
#include "linux/binfmts.h"
#include "linux/completion.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kthread.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/rseq.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/vmalloc.h"

int alloc_pid(void);                    /* kernel/pid.c */
int alloc_pid_nr(int nr);               /* kernel/pid.c: clone3's set_tid */

/* Tasks alive (zombies too), and how many may be: Linux's nr_threads and max_threads. */
int nr_threads;
int max_threads;

/*
 * Tasks come from a cache of their own, aligned as struct task_struct
 * asks (16 bytes: fxsave's image), whatever the debug options do to a
 * slot; kmalloc promises only 8 for an odd size (Linux's
 * task_struct_cachep, made in fork_init()).
 */
static struct kmem_cache *task_struct_cachep;

/*
 * At boot: the task cache, and the most tasks there may be -- as Linux's
 * set_max_threads(), so many that their kernel stacks would take an
 * eighth of memory (at least 20).
 */
void fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       __alignof__(struct task_struct), SLAB_PANIC, NULL);
	max_threads = (int)((unsigned long long)totalram_pages * PAGE_SIZE / (THREAD_SIZE * 8));
	if (max_threads < 20)
		max_threads = 20;
	/* as Linux: half of them for one user, and as many pending signals */
	init_task.rlim[RLIMIT_NPROC].rlim_cur = init_task.rlim[RLIMIT_NPROC].rlim_max = max_threads / 2;
	init_task.rlim[RLIMIT_SIGPENDING] = init_task.rlim[RLIMIT_NPROC];
	/* The kernel's own programs (create_user_task) get their strings in a
	 * vmalloc buffer (bprm_alloc); the kernel page table under the vmalloc
	 * area stays once made (as Linux's): make it now, not in the first
	 * program's run, whose leak check would count it. */
	vfree(vmalloc(ARG_MAX_BYTES));
}

/* A zeroed task with its kernel stack, or NULL (Linux's dup_task_struct, less the copy). */
struct task_struct *alloc_task(void)
{
	struct task_struct *p = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!p)
		return NULL;
	p->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	if (!p->stack) {
		kmem_cache_free(task_struct_cachep, p);
		return NULL;
	}
	*(unsigned long *)p->stack = STACK_END_MAGIC;  /* an overflow overwrites it first */
	p->usage = 1;
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	return p;
}

/* The task and its stack go back; the caller has let go of everything else. */
void free_task(struct task_struct *p)
{
	if (p->flags & PF_KTHREAD)
		free_kthread_struct(p);
	free_pages((unsigned long)p->stack, 1);
	kmem_cache_free(task_struct_cachep, p);
}

void put_task_struct(struct task_struct *p)
{
	if (--p->usage == 0)
		free_task(p);
}

/*
 * tsk lets go of mm, at exit or exec (Linux's mm_release): a vfork parent
 * waiting for that goes on, and CLONE_CHILD_CLEARTID's word is zeroed if
 * someone else still sees the memory (no futex wake: no threads yet).
 * mm must be the live address space.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		if (mm->mm_users > 1)
			put_user(0, (int *)tsk->clear_child_tid);
		tsk->clear_child_tid = 0;
	}
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
}

/* The flag combinations Linux refuses, and the ones Pagoda cannot do yet. */
static int check_clone_flags(unsigned long flags)
{
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	/* init's siblings would have no reaper: Linux refuses CLONE_PARENT from init */
	if ((flags & CLONE_PARENT) && current->pid == 1)
		return -EINVAL;
	/* Not in Pagoda (yet): threads (a shared signal table and thread group),
	 * a shared file table, pidfds and namespaces. */
	if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_PIDFD | CLONE_NEWNS))
		return -EINVAL;
	if (flags & 0xfe000000UL)        /* the namespace flags (CLONE_NEWCGROUP...CLONE_IO) */
		return -EINVAL;
	return 0;
}

/*
 * Would one more process of the caller's real user go past its
 * RLIMIT_NPROC? Zombies count until reaped. Root and a privileged caller
 * are exempt (Linux: INIT_USER, CAP_SYS_RESOURCE, CAP_SYS_ADMIN), which
 * also spares the walk over every task in the common case.
 */
static bool nproc_exceeded(void)
{
	struct task_struct *p;
	unsigned long n = 0;

	if (current->uid == 0 || capable(CAP_SYS_RESOURCE) || capable(CAP_SYS_ADMIN) ||
	    rlimit(RLIMIT_NPROC) == RLIM_INFINITY)
		return false;
	for_each_process(p)
		if (p->uid == current->uid)
			n++;
	return n >= rlimit(RLIMIT_NPROC);
}

/* What only clone3 asks of copy_process (Linux's kernel_clone_args: set_tid, CLONE_CLEAR_SIGHAND) */
struct clone3_extra {
	int set_tid;            /* the child's PID, or 0: the next free one */
	bool clear_sighand;     /* the child's handlers back to SIG_DFL (SIG_IGN stays) */
};

/* Every handler of p but SIG_IGN back to SIG_DFL (Linux's flush_signal_handlers(p, 0)). */
static void flush_signal_handlers(struct task_struct *p)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &p->action[i];

		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}

/*
 * The new task, a copy of current: Linux's copy_process(). Returns it, or
 * an ERR_PTR-style NULL with *err set: -EINVAL (flags), -EAGAIN (too many
 * tasks, no PID), -ENOMEM, -EFAULT (CLONE_SETTLS's descriptor).
 */
static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					 int *child_tidptr, unsigned long tls, const struct clone3_extra *x, int *err)
{
	struct task_struct *p;
	void *stack;
	int pid;

	*err = check_clone_flags(flags);
	if (*err)
		return NULL;
	*err = -EAGAIN;
	if (nr_threads >= max_threads || nproc_exceeded())
		return NULL;
	*err = -ENOMEM;
	p = alloc_task();
	if (!p)
		return NULL;
	/* Start from a copy of the parent, as Linux's dup_task_struct: its FPU
	 * registers first, which live in the CPU until the next switch. */
	fpu_save(&current->fpu);
	stack = p->stack;
	memcpy(p, current, sizeof(*p));
	p->stack = stack;
	p->usage = 1;
	p->flags = 0;                   /* a kernel thread forks nothing: no PF_* passes on yet */
	p->worker_private = NULL;
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	p->state = TASK_UNINTERRUPTIBLE;        /* until wake_up_new_task() */
	p->exit_state = 0;
	p->exit_code = 0;
	p->stop_code = 0;
	p->continued = false;
	p->need_resched = false;
	p->vfork_done = NULL;
	p->ktest_exit = NULL;
	p->did_exec = false;
	p->oom_victim = false;          /* oom_score_adj and its minimum are inherited */
	p->utime = p->stime = p->cutime = p->cstime = 0;
	p->min_flt = p->maj_flt = p->cmin_flt = p->cmaj_flt = 0;
	p->maxrss = p->cmaxrss = 0;
	p->start_time = jiffies;
	p->set_child_tid = flags & CLONE_CHILD_SETTID ? (unsigned long)child_tidptr : 0;
	p->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? (unsigned long)child_tidptr : 0;
	p->robust_list = 0;
	rseq_fork(p, flags);
	p->exit_signal = (int)(flags & CSIGNAL);
	signal_fork(p, flags);
	if (x && x->clear_sighand)
		flush_signal_handlers(p);
	itimers_fork(p);                /* the child starts with no interval timers */

	if (flags & CLONE_SETTLS) {
		*err = do_set_thread_area(p, (void *)tls, false);
		if (*err)
			goto free;
	}
	if (flags & CLONE_VM) {
		mmget(current->mm);
		p->mm = current->mm;
	} else {
		p->mm = dup_mm(current->mm);
		*err = -ENOMEM;
		if (!p->mm)
			goto free;
	}
	*err = copy_files(p);
	if (*err)
		goto free_mm;
	pid = x && x->set_tid ? alloc_pid_nr(x->set_tid) : alloc_pid();
	if (pid < 0) {
		*err = pid;
		goto free_files;
	}
	p->pid = p->tgid = pid;
	copy_thread(p, newsp);

	/* Into the family: CLONE_PARENT makes it our sibling. */
	p->real_parent = p->parent = flags & CLONE_PARENT ? current->real_parent : current;
	if (flags & CLONE_PARENT)
		p->exit_signal = current->exit_signal;  /* as Linux: the parent's parent gets what it expects */
	list_add_tail(&p->sibling, &p->real_parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	*err = 0;
	return p;

free_files:
	files_close_all(p);
free_mm:
	mmput(p->mm);
free:
	free_task(p);
	return NULL;
}

/*
 * clone(flags, newsp, parent_tidptr, tls, child_tidptr), the common part of
 * fork, vfork and clone: Linux's kernel_clone(). Returns the child's PID
 * in the parent (the child returns 0 from the same call), or -errno.
 * CLONE_VFORK: the parent sleeps until the child execs or exits.
 */
static long do_kernel_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
			    int *child_tidptr, unsigned long tls, const struct clone3_extra *x)
{
	struct completion vfork;
	struct task_struct *p;
	int err, pid;

	p = copy_process(clone_flags, newsp, child_tidptr, tls, x, &err);
	if (!p)
		return err;
	pid = p->pid;
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tidptr);   /* Linux ignores a fault here too */
	if (clone_flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	wake_up_new_task(p);
	if ((clone_flags & CLONE_VFORK) && wait_for_completion_killable(&vfork)) {
		/* Killed while the child still runs on our memory: it must not
		 * complete a completion that leaves with this stack frame (Linux's
		 * wait_for_vfork_done). Not done means the child has not yet let go
		 * of the mm, so it is alive and p is still valid. */
		unsigned long flags = local_irq_save();

		if (!vfork.done)
			p->vfork_done = NULL;
		local_irq_restore(flags);
	}
	return pid;
}

long kernel_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
		  int *child_tidptr, unsigned long tls)
{
	return do_kernel_clone(clone_flags, newsp, parent_tidptr, child_tidptr, tls, NULL);
}

long sys_fork(void)
{
	return kernel_clone(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return kernel_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, NULL, 0);
}

/* i386 passes clone's arguments in this order (CONFIG_CLONE_BACKWARDS): flags, newsp, parent_tid, tls, child_tid. */
long sys_clone(unsigned long clone_flags, unsigned long newsp, int *parent_tidptr,
	       unsigned long tls, int *child_tidptr)
{
	return kernel_clone(clone_flags, newsp, parent_tidptr, child_tidptr, tls);
}

/* Linux's struct clone_args: 64 bytes (CLONE_ARGS_SIZE_VER0), 80 with set_tid (VER1), 88 with cgroup (VER2) */
struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size;
	uint64_t cgroup;
};
#define CLONE_ARGS_SIZE_VER0    64
#define CLONE_ARGS_SIZE_VER2    88
#define CLONE_LEGACY_FLAGS      0xffffffffULL
#define CLONE_CLEAR_SIGHAND     0x100000000ULL
#define CLONE_INTO_CGROUP       0x200000000ULL
#define CLONE_DETACHED          0x00400000
#define CLONE_NEWTIME           0x00000080
#define MAX_PID_NS_LEVEL        32

/*
 * clone3(uargs, size): clone with its arguments in a struct clone_args of
 * size bytes (Linux's sys_clone3, copy_clone_args_from_user and
 * clone3_args_valid, in their order): a size over a page -E2BIG, under 64
 * bytes -EINVAL; a struct larger than ours must be zero past it (-E2BIG);
 * -EFAULT; set_tid_size over MAX_PID_NS_LEVEL or not matching set_tid, an
 * exit_signal that is not a signal, CLONE_INTO_CGROUP without its field,
 * unknown flags, CLONE_DETACHED or CSIGNAL bits in flags (exit_signal says
 * it), CLONE_SIGHAND with CLONE_CLEAR_SIGHAND, an exit_signal with
 * CLONE_THREAD or CLONE_PARENT, a stack without a size or the reverse:
 * -EINVAL. Then as clone, on the stack's top (stack + stack_size); set_tid
 * (one level: there are no PID namespaces) asks for that PID: -EEXIST when
 * taken. CLONE_INTO_CGROUP: no cgroups here, -EINVAL.
 */
long sys_clone3(const void *uargs, unsigned long size)
{
	struct clone_args args;
	struct clone3_extra x = { 0 };
	int set_tid[MAX_PID_NS_LEVEL];
	unsigned long newsp = 0;

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	if (copy_from_user(&args, uargs, min(size, (unsigned long)sizeof(args))))
		return -EFAULT;
	for (unsigned long off = sizeof(args); off < size; off++) {     /* Linux's copy_struct_from_user */
		unsigned char c;

		if (get_user(c, (const unsigned char *)uargs + off))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	if (args.set_tid_size > MAX_PID_NS_LEVEL)
		return -EINVAL;
	if ((!args.set_tid && args.set_tid_size > 0) || (args.set_tid && args.set_tid_size == 0))
		return -EINVAL;
	if ((args.exit_signal & ~(uint64_t)CSIGNAL) || !valid_signal((int)args.exit_signal))
		return -EINVAL;
	if ((args.flags & CLONE_INTO_CGROUP) && (args.cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	if (args.set_tid && copy_from_user(set_tid, (const void *)(unsigned long)args.set_tid,
					   (unsigned long)args.set_tid_size * sizeof(int)))
		return -EFAULT;
	/* clone3_args_valid */
	if (args.flags & ~(CLONE_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (args.flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return -EINVAL;
	if ((args.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((args.flags & (CLONE_THREAD | CLONE_PARENT)) && args.exit_signal)
		return -EINVAL;
	if (args.stack == 0) {
		if (args.stack_size > 0)
			return -EINVAL;
	} else {
		if (args.stack_size == 0 || args.stack >= TASK_SIZE || args.stack_size > TASK_SIZE - args.stack)
			return -EINVAL;         /* access_ok */
		newsp = (unsigned long)(args.stack + args.stack_size);
	}
	/* Not here: cgroups, and PID namespaces, so set_tid has one level (Linux: -EINVAL past ns->level + 1) */
	if (args.flags & CLONE_INTO_CGROUP)
		return -EINVAL;
	if (args.set_tid_size > 1)
		return -EINVAL;
	x.set_tid = args.set_tid ? set_tid[0] : 0;
	x.clear_sighand = args.flags & CLONE_CLEAR_SIGHAND;
	return do_kernel_clone((unsigned long)(args.flags & CLONE_LEGACY_FLAGS) | (unsigned long)args.exit_signal, newsp,
			       (int *)(unsigned long)args.parent_tid, (int *)(unsigned long)args.child_tid,
			       (unsigned long)args.tls, &x);
}

bool first_task_of_mm(const struct task_struct *p)
{
	struct task_struct *q;

	for_each_process(q) {
		if (q == p)
			return true;
		if (q->mm == p->mm)
			return false;
	}
	return true;
}
