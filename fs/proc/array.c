/*
 * /proc/PID/status, stat and statm (Linux's fs/proc/array.c). Fields
 * Pagoda has no notion of (users, capabilities, seccomp, NUMA, threads)
 * print what Linux prints for a root process of one thread on one CPU.
 */
#include "asm/pgtable.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "internal.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))
#define RLIM_INFINITY (~0UL)
extern int max_threads;         /* kernel/fork.c: RLIMIT_SIGPENDING is half of it, as Linux's fork_init */

/* Linux's task_state_array: the letter and word of each state. */
static const char *get_task_state(const struct task_struct *p)
{
	if (p->exit_state & EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state & EXIT_DEAD)
		return "X (dead)";
	switch (p->state) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE:
		return "D (disk sleep)";
	case __TASK_STOPPED:
		return "T (stopped)";
	default:
		return "X (dead)";
	}
}

/* The sizes status and statm print, in pages (Linux's mm->data_vm, stack_vm, exec_vm, text). */
struct vm_sizes {
	unsigned long data, stack, exec, text, ptes;
};

static void vm_sizes(const struct mm_struct *mm, struct vm_sizes *s)
{
	*s = (struct vm_sizes){ 0 };
	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned long pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;

		if (v->vm_flags & VM_GROWSDOWN)
			s->stack += pages;      /* Linux's is_stack_mapping */
		else if ((v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			s->data += pages;       /* is_data_mapping */
		else if ((v->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			s->exec += pages;       /* is_exec_mapping */
	}
	if (mm->end_code > mm->start_code)
		s->text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	for (unsigned int i = 0; i < pgd_index(TASK_SIZE); i++)
		if (pgd_present(mm->pgd[i]))
			s->ptes++;      /* one page table per present user PGD entry */
}

static void render_sigset_t(struct seq_file *m, const char *header, const sigset_t *set)
{
	seq_printf(m, "%s%08lx%08lx\n", header, set->sig[1], set->sig[0]);
}

/* The signals p ignores and those it catches (Linux's collect_sigign_sigcatch). */
static void collect_sigign_sigcatch(const struct task_struct *p, sigset_t *ign, sigset_t *caught)
{
	sigemptyset(ign);
	sigemptyset(caught);
	for (int sig = 1; sig <= _NSIG; sig++) {
		__sighandler_t h = p->action[sig - 1].sa.sa_handler;

		if (h == SIG_IGN)
			sigaddset(ign, sig);
		else if (h != SIG_DFL)
			sigaddset(caught, sig);
	}
}

static void task_sig(struct seq_file *m, const struct task_struct *p)
{
	sigset_t ign, caught, shared = { { 0 } };
	int queued = 0;

	collect_sigign_sigcatch(p, &ign, &caught);
	for (int sig = 1; sig <= _NSIG; sig++)
		if (sigismember(&p->pending.signal, sig))
			queued++;
	seq_printf(m, "SigQ:\t%d/%d\n", queued, max_threads / 2);
	render_sigset_t(m, "SigPnd:\t", &p->pending.signal);
	render_sigset_t(m, "ShdPnd:\t", &shared);       /* one pending set per task: no shared queue */
	render_sigset_t(m, "SigBlk:\t", &p->blocked);
	render_sigset_t(m, "SigIgn:\t", &ign);
	render_sigset_t(m, "SigCgt:\t", &caught);
}

static void status_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s\t%8lu kB\n", name, K(pages));
}

static void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct vm_sizes s;
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES), file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);

	vm_sizes(mm, &s);
	status_kb(m, "VmPeak:", mm->total_vm);  /* no high-water mark of the VM size is kept */
	status_kb(m, "VmSize:", mm->total_vm);
	status_kb(m, "VmLck:", mm->locked_vm);
	status_kb(m, "VmPin:", 0);
	status_kb(m, "VmHWM:", get_mm_hiwater_rss(mm));
	status_kb(m, "VmRSS:", get_mm_rss(mm));
	status_kb(m, "RssAnon:", anon);
	status_kb(m, "RssFile:", file);
	status_kb(m, "RssShmem:", shmem);
	status_kb(m, "VmData:", s.data);
	status_kb(m, "VmStk:", s.stack);
	status_kb(m, "VmExe:", s.text);
	status_kb(m, "VmLib:", s.exec > s.text ? s.exec - s.text : 0);
	status_kb(m, "VmPTE:", s.ptes);
	status_kb(m, "VmSwap:", get_mm_counter(mm, MM_SWAPENTS));
	seq_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}

int proc_pid_status(struct seq_file *m, void *task)
{
	struct task_struct *p = task;
	int ppid = p->real_parent ? p->real_parent->tgid : 0;

	seq_printf(m, "Name:\t%s\n", p->comm);
	seq_puts(m, "Umask:\t0022\n");          /* no umask here: Linux's default */
	seq_printf(m, "State:\t%s\n", get_task_state(p));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->tgid, p->pid, ppid);
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	seq_printf(m, "FDSize:\t%d\nGroups:\t \n", NR_OPEN);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->tgid, p->pid, p->pgid, p->sid);
	if (p->mm)
		task_mem(m, p->mm);
	seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t%d\n", p->mm ? 1 : 0);
	seq_puts(m, "Threads:\t1\n");
	task_sig(m, p);
	seq_puts(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n"
		 "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n");
	seq_puts(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_puts(m, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	return 0;
}

static unsigned long long jiffies_to_clock_t(unsigned long long j)
{
	return j * USER_HZ / HZ;
}

/* The 52 fields of Linux's do_task_stat, in its order. */
int proc_pid_stat(struct seq_file *m, void *task)
{
	struct task_struct *p = task;
	struct mm_struct *mm = p->mm;
	sigset_t ign, caught;
	unsigned long long start = jiffies_to_clock_t(p->start_time);

	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 %u ", p->pid, p->comm, get_task_state(p)[0],
		   p->real_parent ? p->real_parent->tgid : 0, p->pgid, p->sid, p->flags);
	seq_printf(m, "%lu %lu %lu %lu ", p->min_flt, p->cmin_flt, p->maj_flt, p->cmaj_flt);
	seq_printf(m, "%llu %llu %llu %llu ", jiffies_to_clock_t(p->utime), jiffies_to_clock_t(p->stime),
		   jiffies_to_clock_t(p->cutime), jiffies_to_clock_t(p->cstime));
	seq_printf(m, "20 0 1 0 %llu %lu %lu %lu ", start, mm ? mm->total_vm << PAGE_SHIFT : 0,
		   mm ? get_mm_rss(mm) : 0, RLIM_INFINITY);
	seq_printf(m, "%lu %lu %lu 0 0 ", mm ? mm->start_code : 1, mm ? mm->end_code : 1,
		   mm ? mm->start_stack : 0);
	/* signal, blocked, sigignore, sigcatch: the first 31 signals in decimal (obsolete; status has all) */
	collect_sigign_sigcatch(p, &ign, &caught);
	seq_printf(m, "%lu %lu %lu %lu ", p->pending.signal.sig[0] & 0x7fffffffUL, p->blocked.sig[0] & 0x7fffffffUL,
		   ign.sig[0] & 0x7fffffffUL, caught.sig[0] & 0x7fffffffUL);
	seq_printf(m, "%d 0 0 %d 0 0 0 0 0 0 ", p->state == TASK_RUNNING ? 0 : 1, p->exit_signal);
	if (mm)
		seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu ", mm->start_data, mm->end_data, mm->start_brk,
			   mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, "0 0 0 0 0 0 0 ");
	seq_printf(m, "%d\n", p->exit_state ? p->exit_code : 0);
	return 0;
}

int proc_pid_statm(struct seq_file *m, void *task)
{
	struct task_struct *p = task;
	struct vm_sizes s;
	if (!p->mm) {
		seq_puts(m, "0 0 0 0 0 0 0\n");
		return 0;
	}
	vm_sizes(p->mm, &s);
	/* resident, then shared: Linux counts file and shmem pages as shared */
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", p->mm->total_vm, get_mm_rss(p->mm),
		   get_mm_counter(p->mm, MM_FILEPAGES) + get_mm_counter(p->mm, MM_SHMEMPAGES), s.text,
		   s.data + s.stack);
	return 0;
}
