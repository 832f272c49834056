/*
 * task_struct: one running program. Pagoda runs its programs one after
 * another (init first), so there is one current task at a time and no
 * scheduler yet; each task still has everything a scheduler would need:
 * its own kernel stack, page directory, FPU state and TLS descriptors.
 */
#ifndef PAGODA_SCHED_H
#define PAGODA_SCHED_H

#include <stdint.h>
#include "asm/fpu.h"
#include "asm/ptrace.h"
#include "asm/setjmp.h"
#include "linux/mm_types.h"

#define THREAD_SIZE   8192      /* kernel stack: two pages, as i386 Linux */
#define TASK_COMM_LEN 16
#define NR_OPEN       16        /* file descriptors per task */
#define GDT_TLS_ENTRIES 3

struct file;

struct tls_desc {
	uint32_t base, limit;
	uint8_t access, flags;  /* as written into the GDT */
	bool present;
};

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];       /* the program's name, for messages */
	struct mm_struct *mm;
	void *stack;                    /* THREAD_SIZE bytes; pt_regs at the top */
	struct file *files[NR_OPEN];
	struct tls_desc tls[GDT_TLS_ENTRIES];
	unsigned long clear_child_tid;  /* set_tid_address */
	struct fpu_state fpu;
	int exit_code;                  /* what the parent would get from wait() */
	jmp_buf exit_jmp;               /* do_exit() returns to the kernel here */
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
		bool file;
		char name[40];
	} vmas[MAPS_SNAPSHOT];
};

const struct task_record *task_history(int pid);        /* NULL if not remembered */
int task_history_list(const struct task_record **out, int max);  /* by PID, oldest first */

/* kernel/task.c */
int run_program(const char *path, int argc, char **argv, int *exit_code);
__attribute__((noreturn)) void do_exit(int code);
void load_tls(struct task_struct *t);

/* fs/exec.c */
int exec_program(struct task_struct *t, const char *path, int argc, char **argv);

/* fs/file.c */
void files_init(struct task_struct *t);
void files_close_all(struct task_struct *t);

#endif
