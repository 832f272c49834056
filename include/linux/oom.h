/*
 * The OOM killer (Linux's include/linux/oom.h and mm/oom_kill.c): when an
 * allocation cannot be met, a victim is chosen by oom_badness, logged as
 * Linux logs it, sent SIGKILL, and its private memory freed at once.
 */
#ifndef PAGODA_OOM_H
#define PAGODA_OOM_H

#include <stdbool.h>
#include "linux/gfp.h"

struct task_struct;
struct mm_struct;

#define OOM_SCORE_ADJ_MIN (-1000)       /* never chosen */
#define OOM_SCORE_ADJ_MAX 1000
/* /proc/PID/oom_adj, the legacy scale */
#define OOM_DISABLE       (-17)
#define OOM_ADJUST_MIN    (-16)
#define OOM_ADJUST_MAX    15

/* mm->flags: the OOM killer has taken what it can; choose someone else (Linux's MMF_OOM_SKIP) */
#define MMF_OOM_SKIP 21

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
	CONSTRAINT_MEMCG,
};

struct oom_control {
	gfp_t gfp_mask;                 /* the failed allocation's; 0 from the page-fault path */
	int order;                      /* its order; -1 from the page-fault path */
	unsigned long totalpages;       /* RAM + swap: oom_score_adj's scale */
	struct task_struct *chosen;     /* the victim; OOM_ABORT: a victim is still dying */
	long chosen_points;
	enum oom_constraint constraint;
	bool freed;                     /* Pagoda: the victim's memory was reaped at once */
};

extern int sysctl_panic_on_oom, sysctl_oom_dump_tasks;

/*
 * How bad is p to keep (Linux's oom_badness): its resident pages, swap
 * entries and page-table pages, plus oom_score_adj thousandths of
 * totalpages. LONG_MIN for a task never to be chosen: init, a kernel
 * thread, one without memory, at -1000, already reaped, or a vfork child.
 */
long oom_badness(struct task_struct *p, unsigned long totalpages);
/*
 * Choose a victim and kill it (Linux's out_of_memory). Returns true if
 * memory is on its way back: a victim was killed (and reaped unless it is
 * current), or current itself is dying and may use the reserves.
 */
bool out_of_memory(struct oom_control *oc);
/* A fault ended in VM_FAULT_OOM (Linux's pagefault_out_of_memory): retry, or die if killed. */
void pagefault_out_of_memory(void);
/* Is p being killed by the OOM killer (Linux's tsk_is_oom_victim)? */
bool tsk_is_oom_victim(const struct task_struct *p);
/* /proc/PID/oom_score: badness scaled to 0..2000 (Linux's proc_oom_score). */
unsigned long oom_score(struct task_struct *p);

#endif
