/*
 * The OOM killer (Linux 6.1's mm/oom_kill.c). When the page allocator has
 * nothing left to give (reclaim made no progress), out_of_memory() picks
 * the process whose loss frees the most memory -- oom_badness: resident
 * pages, swap entries and page tables, moved by oom_score_adj -- logs the
 * task table and Linux's "Out of memory: Killed process" line, and sends it
 * SIGKILL. /proc/PID/oom_score shows the score, oom_score_adj tunes it.
 *
 * Linux's OOM reaper is a kernel thread that frees the victim's private
 * memory while the victim may still be blocked. Here the reaping is done
 * at once, by the task that ran out (oom_reap_task_mm below). That is safe
 * on Pagoda's single CPU with a kernel that is not preempted: the victim is
 * not running, so it is in user mode, not yet started, or asleep in the
 * kernel at a point where it holds no pointer into the pages unmapped --
 * at most a pointer to a page-table entry, and reaping leaves the page
 * tables in place. Only current's own address space (and one a vfork child
 * shares with it) is never reaped: current is using it right now; it dies
 * on its way back to user mode instead. The allocator does not sleep, so
 * it never waits for a victim: it retries at once if the reaping freed
 * memory, and fails otherwise.
 */
#include "asm/pgtable.h"
#include "linux/capability.h"
#include "linux/kallsyms.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/oom.h"
#include "linux/page_alloc.h"
#include "linux/bug.h"
#include "linux/printk.h"
#include "linux/ratelimit.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/vmstat.h"

#define LONG_MIN (-0x7fffffffL - 1)
#define OOM_ABORT ((struct task_struct *)-1L)
#define K(pages) ((pages) << (PAGE_SHIFT - 10))

int sysctl_panic_on_oom;
int sysctl_oom_dump_tasks = 1;

static const char *const oom_constraint_text[] = {
	[CONSTRAINT_NONE] = "CONSTRAINT_NONE",
	[CONSTRAINT_CPUSET] = "CONSTRAINT_CPUSET",
	[CONSTRAINT_MEMORY_POLICY] = "CONSTRAINT_MEMORY_POLICY",
	[CONSTRAINT_MEMCG] = "CONSTRAINT_MEMCG",
};

bool tsk_is_oom_victim(const struct task_struct *p)
{
	return p->oom_victim;
}

/* init and kernel threads are never chosen (Linux's oom_unkillable_task); the boot thread is PID 0 */
static bool oom_unkillable_task(const struct task_struct *p)
{
	return p->pid <= 1;
}

/* Bytes of page tables mm holds (Linux's mm_pgtables_bytes: its PTE pages; the pgd is not counted). */
static unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		if (pgd_present(mm->pgd[i]))
			n++;
	return n * PAGE_SIZE;
}

/* A vfork child, using its parent's memory until it execs or exits (Linux's in_vfork). */
static bool in_vfork(const struct task_struct *p)
{
	return p->vfork_done && p->real_parent && p->real_parent->mm == p->mm;
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable_task(p) || !p->mm || p->exit_state)
		return LONG_MIN;
	adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || (p->mm->flags & (1UL << MMF_OOM_SKIP)) || in_vfork(p))
		return LONG_MIN;
	points = (long)(get_mm_rss(p->mm) + get_mm_counter(p->mm, MM_SWAPENTS) +
			mm_pgtables_bytes(p->mm) / PAGE_SIZE);
	/* normalise to oom_score_adj's units: thousandths of all memory */
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

static unsigned long oom_totalpages(void)
{
	return totalram_pages + (unsigned long)total_swap_pages;
}

unsigned long oom_score(struct task_struct *p)
{
	unsigned long totalpages = oom_totalpages();
	long badness = oom_badness(p, totalpages);

	/* scaled into [0, 2000] as Linux has shown it for years; -1000 reads 0 */
	if (badness == LONG_MIN)
		return 0;
	return (unsigned long)((1000 + badness * 1000 / (long)totalpages) * 2 / 3);
}

/* One candidate (Linux's oom_evaluate_task): false to go on, true to stop the walk. */
static bool oom_evaluate_task(struct task_struct *task, struct oom_control *oc)
{
	long points;

	if (oom_unkillable_task(task))
		return false;
	/* a victim still dying holds the reserves; wait for it unless it has been reaped */
	if (tsk_is_oom_victim(task) && task->mm) {
		if (task->mm->flags & (1UL << MMF_OOM_SKIP))
			return false;
		oc->chosen = OOM_ABORT;
		return true;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return false;
	oc->chosen = task;      /* a tie goes to the later task, as Linux's walk */
	oc->chosen_points = points;
	return false;
}

static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	oc->chosen_points = LONG_MIN;
	for_each_process(p)
		if (oom_evaluate_task(p, oc))
			break;
}

/* The table of candidates (Linux's dump_tasks): init and tasks without memory are left out. */
static void dump_tasks(void)
{
	struct task_struct *p;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for_each_process(p) {
		if (oom_unkillable_task(p) || !p->mm || p->exit_state)
			continue;
		pr_info("[%7d] %5u %5d %8lu %8lu %8lu %8lu         %5d %s\n", p->pid, p->uid, p->tgid,
			p->mm->total_vm, get_mm_rss(p->mm), mm_pgtables_bytes(p->mm),
			get_mm_counter(p->mm, MM_SWAPENTS), p->oom_score_adj, p->comm);
	}
}

/* The gfp mask as Linux's %pGg names it, for what Pagoda's flags can say. */
static void gfp_names(char *buf, size_t size, gfp_t gfp)
{
	static const struct { gfp_t mask; const char *name; } names[] = {
		{ GFP_HIGHUSER, "GFP_HIGHUSER" }, { GFP_USER, "GFP_USER" }, { GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" }, { __GFP_DMA, "GFP_DMA" }, { __GFP_HIGHMEM, "__GFP_HIGHMEM" },
		{ __GFP_MOVABLE, "__GFP_MOVABLE" }, { __GFP_NOWARN, "__GFP_NOWARN" },
		{ __GFP_NOFAIL, "__GFP_NOFAIL" }, { __GFP_NORETRY, "__GFP_NORETRY" },
		{ __GFP_COMP, "__GFP_COMP" }, { __GFP_ZERO, "__GFP_ZERO" },
	};
	size_t len = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]) && gfp; i++) {
		if ((gfp & names[i].mask) != names[i].mask)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "|" : "", names[i].name);
		if (len >= size)
			break;
		gfp &= ~names[i].mask;
	}
	if (!len)
		snprintf(buf, size, "%s", gfp ? "??" : "0");
}

/* The zones' free memory and watermarks, as the first lines of Linux's show_free_areas. */
static void show_mem(void)
{
	unsigned long pcp = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		pcp += (unsigned long)zones[z].pcp.count;
	pr_warn("Mem-Info:\n");
	pr_info("free:%lu free_pcp:%lu free_cma:0\n", nr_free_pages(), pcp);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (!populated_zone(zone))
			continue;
		pr_info("%s free:%lukB boost:0kB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB\n",
			zone->name, K(zone->free_pages), K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
			K(high_wmark_pages(zone)), K(zone->present_pages), K(zone->managed_pages));
	}
	pr_info("%lu pages RAM\n%lu pages HighMem/MovableOnly\n", totalram_pages, totalhigh_pages);
}

/* What Linux prints before it kills (dump_header), then its one-line summary (dump_oom_summary). */
static void dump_header(struct oom_control *oc, struct task_struct *victim)
{
	char gfp[96];

	gfp_names(gfp, sizeof(gfp), oc->gfp_mask);
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%d\n", current->comm,
		oc->gfp_mask, gfp, oc->order, current->oom_score_adj);
	pr_warn("CPU: 0 PID: %d Comm: %s\n", current->pid, current->comm);     /* dump_stack's first line */
	dump_stack();
	show_mem();
	if (sysctl_oom_dump_tasks)
		dump_tasks();
	/* a kernel without cpusets and memory cgroups: nothing between nodemask and task */
	if (victim)
		pr_info("oom-kill:constraint=%s,nodemask=(null),task=%s,pid=%d,uid=%u\n",
			oom_constraint_text[oc->constraint], victim->comm, victim->pid, victim->uid);
}

static void mark_oom_victim(struct task_struct *p)
{
	p->oom_victim = true;
}

/*
 * Free what the victim's mm has that nobody else needs: its private pages
 * (Linux's __oom_reap_task_mm; shared mappings are left alone). The caller
 * made sure nobody is using mm right now (see the top of this file).
 */
static void oom_reap_task_mm(struct task_struct *victim, struct mm_struct *mm)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		if (!(vma->vm_flags & VM_SHARED))
			zap_page_range(mm, vma->vm_start, vma->vm_end);
	mm->flags |= 1UL << MMF_OOM_SKIP;
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
		victim->pid, victim->comm, K(get_mm_counter(mm, MM_ANONPAGES)),
		K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)));
}

/* Kill victim and every other process using its memory, then reap it (Linux's __oom_kill_process). */
static void __oom_kill_process(struct oom_control *oc, struct task_struct *victim, const char *message)
{
	struct mm_struct *mm = victim->mm;
	bool can_oom_reap = mm != current->mm;
	unsigned long free_before = nr_free_pages_with_pcp();
	struct task_struct *p;

	send_sig_info(SIGKILL, NULL, victim);
	mark_oom_victim(victim);
	count_vm_event(OOM_KILL);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, "
	       "UID:%u pgtables:%lukB oom_score_adj:%d\n", message, victim->pid, victim->comm,
	       K(mm->total_vm), K(get_mm_counter(mm, MM_ANONPAGES)), K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), victim->uid, mm_pgtables_bytes(mm) >> 10,
	       victim->oom_score_adj);
	/* a vfork parent or child shares the memory: it goes too, unless it is init */
	for_each_process(p) {
		if (p == victim || p->mm != mm || p->exit_state)
			continue;
		if (oom_unkillable_task(p)) {
			can_oom_reap = false;
			mm->flags |= 1UL << MMF_OOM_SKIP;
			pr_info("oom killer %d (%s) has mm pinned by %d (%s)\n", victim->pid, victim->comm,
				p->pid, p->comm);
			continue;
		}
		send_sig_info(SIGKILL, NULL, p);
		mark_oom_victim(p);
	}
	if (can_oom_reap) {
		oom_reap_task_mm(victim, mm);
		oc->freed = nr_free_pages_with_pcp() > free_before;
	}
}

static void oom_kill_process(struct oom_control *oc, const char *message)
{
	static DEFINE_RATELIMIT_STATE(oom_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
	struct task_struct *victim = oc->chosen;

	/* already dying: no need to alarm anyone, it only needs the reserves (Linux's task_will_free_mem) */
	if (fatal_signal_pending(victim) && victim != current) {
		mark_oom_victim(victim);
		if (victim->mm != current->mm)
			oom_reap_task_mm(victim, victim->mm);
		return;
	}
	if (__ratelimit(&oom_rs))
		dump_header(oc, victim);
	__oom_kill_process(oc, victim, message);
}

/* vm.panic_on_oom: 1 panics on a system-wide OOM, 2 on any (Linux's check_panic_on_oom). */
static void check_panic_on_oom(struct oom_control *oc)
{
	if (!sysctl_panic_on_oom)
		return;
	if (sysctl_panic_on_oom != 2 && oc->constraint != CONSTRAINT_NONE)
		return;
	dump_header(oc, NULL);
	panic("Out of memory: %s panic_on_oom is enabled\n",
	      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
}

bool out_of_memory(struct oom_control *oc)
{
	static DEFINE_RATELIMIT_STATE(none_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

	oc->chosen = NULL;
	oc->freed = false;
	/* current is dying already: let it have the reserves to get out (task_will_free_mem) */
	if (current->mm && (fatal_signal_pending(current) || tsk_is_oom_victim(current))) {
		mark_oom_victim(current);
		return true;
	}
	/* the OOM killer does not make up for reclaim that could not do I/O */
	if (oc->gfp_mask && !(oc->gfp_mask & __GFP_FS))
		return true;
	oc->constraint = CONSTRAINT_NONE;       /* no NUMA, cpusets or memory cgroups */
	oc->totalpages = oom_totalpages();
	check_panic_on_oom(oc);
	select_bad_process(oc);
	if (!oc->chosen) {
		if (__ratelimit(&none_rs)) {
			dump_header(oc, NULL);
			pr_warn("Out of memory and no killable processes...\n");
		}
		/*
		 * Linux panics here ("System is deadlocked on memory"). A user's
		 * demand must not bring Pagoda down: the process that asked goes,
		 * even at -1000, unless it is init; then the allocation fails.
		 */
		if (!current->mm || oom_unkillable_task(current))
			return false;
		oc->chosen = current;
	}
	if (oc->chosen != OOM_ABORT)
		oom_kill_process(oc, "Out of memory");
	return true;
}

/* Is a task the OOM killer chose still on its way out, holding its memory? */
static bool oom_victim_exiting(void)
{
	struct task_struct *p;

	for_each_process(p)
		if (tsk_is_oom_victim(p) && p->mm && !(p->mm->flags & (1UL << MMF_OOM_SKIP)))
			return true;
	return false;
}

void pagefault_out_of_memory(void)
{
	static DEFINE_RATELIMIT_STATE(pfoom_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

	if (fatal_signal_pending(current))
		return;         /* killed: it dies on the way out */
	/*
	 * A victim is dying: Linux's allocator would loop until it is gone;
	 * here the fault is retried instead, once the victim has run (one CPU,
	 * no preemption: looping in the allocator would wait for ever). That
	 * is expected, not worth Linux's "Huh" line.
	 */
	if (oom_victim_exiting())
		return;
	/* the allocator ran the OOM killer already; a victim is still on its way out */
	if (__ratelimit(&pfoom_rs))
		pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
}
