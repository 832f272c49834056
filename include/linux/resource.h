/*
 * Resource limits (Linux's include/uapi/linux/resource.h,
 * include/asm-generic/resource.h and rlimit() of include/linux/sched/signal.h):
 * each task has a soft limit (rlim_cur, what is enforced) and a hard one
 * (rlim_max, the ceiling the soft one may be raised to without privilege).
 * Copied at fork, kept across execve.
 */
#ifndef PAGODA_RESOURCE_H
#define PAGODA_RESOURCE_H

#include <stdint.h>

#define RLIMIT_CPU        0     /* seconds of CPU time (not enforced) */
#define RLIMIT_FSIZE      1     /* the largest file a write may make (not enforced: no writable files) */
#define RLIMIT_DATA       2     /* brk's heap and private writable mappings, bytes */
#define RLIMIT_STACK      3     /* the stack's size, bytes */
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6     /* processes of one real user id */
#define RLIMIT_NOFILE     7     /* one more than the largest descriptor number */
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9     /* the address space, bytes */
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16

#define RLIM_INFINITY     (~0UL)
#define RLIM64_INFINITY   (~0ULL)

#define _STK_LIM          (8UL << 20)   /* RLIMIT_STACK's soft default: 8 MiB */
#define MLOCK_LIMIT       (8UL << 20)   /* RLIMIT_MEMLOCK's default (Linux 5.16 on) */
#define INR_OPEN_CUR      1024          /* RLIMIT_NOFILE's defaults */
#define INR_OPEN_MAX      4096
#define MQ_BYTES_MAX      819200
#define NR_OPEN_MAX       (1024 * 1024) /* sysctl fs.nr_open: RLIMIT_NOFILE's ceiling */

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

struct rlimit64 {
	uint64_t rlim_cur, rlim_max;
};

/* The limits init starts with (Linux's INIT_RLIMITS); fork_init() fills in RLIMIT_NPROC and RLIMIT_SIGPENDING. */
#define INIT_RLIMITS {                                                  \
	[RLIMIT_CPU]        = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_FSIZE]      = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_DATA]       = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_STACK]      = { _STK_LIM, RLIM_INFINITY },              \
	[RLIMIT_CORE]       = { 0, RLIM_INFINITY },                     \
	[RLIMIT_RSS]        = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_NPROC]      = { 0, 0 },                                 \
	[RLIMIT_NOFILE]     = { INR_OPEN_CUR, INR_OPEN_MAX },           \
	[RLIMIT_MEMLOCK]    = { MLOCK_LIMIT, MLOCK_LIMIT },             \
	[RLIMIT_AS]         = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_LOCKS]      = { RLIM_INFINITY, RLIM_INFINITY },         \
	[RLIMIT_SIGPENDING] = { 0, 0 },                                 \
	[RLIMIT_MSGQUEUE]   = { MQ_BYTES_MAX, MQ_BYTES_MAX },           \
	[RLIMIT_NICE]       = { 0, 0 },                                 \
	[RLIMIT_RTPRIO]     = { 0, 0 },                                 \
	[RLIMIT_RTTIME]     = { RLIM_INFINITY, RLIM_INFINITY },         \
}

/*
 * The calling task's soft limit for resource (RLIMIT_*), in the
 * resource's unit (bytes, descriptors, processes); RLIM_INFINITY for none.
 * Linux's rlimit(); rlimit_max() is the hard limit. Defined in
 * kernel/sys.c so this header needs no task_struct.
 */
unsigned long rlimit(unsigned int resource);
unsigned long rlimit_max(unsigned int resource);

/*
 * Change task p's limit and/or read the old one (Linux's do_prlimit):
 * 0, -EINVAL (no such resource, soft above hard), -EPERM (raising the hard
 * limit without privilege, RLIMIT_NOFILE above NR_OPEN_MAX).
 */
struct task_struct;
int do_prlimit(struct task_struct *p, unsigned int resource, const struct rlimit *new_rlim,
	       struct rlimit *old_rlim);

#endif
