/*
 * Restartable sequences (Linux's include/linux/rseq.h and uapi/linux/rseq.h):
 * a task registers a struct rseq in its memory; the kernel keeps its
 * cpu_id fields current and, when the task is preempted or takes a signal
 * inside a critical section that rseq_cs describes, resumes it at the
 * section's abort address instead (kernel/rseq.c).
 */
#ifndef PAGODA_RSEQ_H
#define PAGODA_RSEQ_H

#include <stdint.h>

struct pt_regs;
struct task_struct;

/* Linux 6.1's struct rseq: 32 bytes, aligned to 32 (ORIG_RSEQ_SIZE) */
struct rseq {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
	uint64_t rseq_cs;       /* the critical section's struct rseq_cs, or 0 */
	uint32_t flags;
	uint32_t pad[3];
} __attribute__((aligned(32)));

/* A critical section: [start_ip, start_ip + post_commit_offset), restarted at abort_ip */
struct rseq_cs {
	uint32_t version;
	uint32_t flags;
	uint64_t start_ip;
	uint64_t post_commit_offset;
	uint64_t abort_ip;
} __attribute__((aligned(32)));

#define RSEQ_FLAG_UNREGISTER    1
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)
#define RSEQ_EVENT_PREEMPT      (1U << 0)       /* Linux's RSEQ_EVENT_*_BIT */
#define RSEQ_EVENT_SIGNAL       (1U << 1)

/* The task was switched out: its section, if it is in one, aborts on the way back (Linux's rseq_preempt). */
void rseq_preempt(struct task_struct *t);
/* On the way back to user mode with regs (ksig_nr: the signal being delivered, or 0): Linux's __rseq_handle_notify_resume. */
void rseq_handle_notify_resume(int ksig_nr, struct pt_regs *regs);
/* A signal is about to be delivered over regs (Linux's rseq_signal_deliver). */
void rseq_signal_deliver(int sig, struct pt_regs *regs);
/* fork: the child keeps the registration unless it shares the memory (CLONE_VM); exec drops it. */
void rseq_fork(struct task_struct *t, unsigned long clone_flags);
void rseq_execve(struct task_struct *t);

#endif
