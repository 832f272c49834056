/*
 * What the files of fs/proc/ share (Linux's fs/proc/internal.h): the
 * show functions, one per file, each printing the whole file into a
 * seq_file. Those of a process take its task_struct as arg.
 */
#ifndef PAGODA_PROC_INTERNAL_H
#define PAGODA_PROC_INTERNAL_H

#include "linux/seq_file.h"

struct task_struct;
struct mm_struct;

/* A file or link of /proc or of a /proc/PID directory. */
struct proc_entry {
	const char *name;
	unsigned int mode;                              /* S_IFREG | 0444, S_IFLNK | 0777 */
	int (*show)(struct seq_file *m, void *arg);     /* a file's text */
	/* a link's target into buf (size bytes): its length, or -ENOENT */
	int (*readlink)(struct task_struct *task, char *buf, int size);
	/* a /proc/sys file's write of count (> 0) bytes from user ubuf at offset 0: the bytes taken, -EINVAL, -EFAULT */
	long (*write)(const char *ubuf, unsigned long count);
	const struct proc_entry *children;              /* a directory of /proc (sys, sys/vm): its entries */
	int nr_children;
};

/* fs/proc/proc_sysctl.c: the entries of /proc/sys, directories of numbers */
extern const struct proc_entry proc_sys_entries[];
/* A write at *pos to e, one of them: the bytes taken (0 for none), or -errno; *pos moves on. */
long proc_sys_write(const struct proc_entry *e, const char *ubuf, unsigned long count, long long *pos);
#define NR_PROC_SYS_ENTRIES 1
/* A directory entry's children get index (its index + 1) * 64 + their place: inode numbers apart. */
#define PROC_CHILD_INDEX(parent, i) (((parent) + 1) * 64 + (i))

/* fs/proc/base.c: the files of /proc/PID */
extern const struct proc_entry pid_entries[];
extern const int nr_pid_entries;
int proc_pid_environ(struct seq_file *m, void *task);
/*
 * A write of count bytes at ubuf to e of task (only comm takes them;
 * gone: the task has been reaped): count, -EINVAL (not comm, or another
 * process's), -EFAULT, -ESRCH.
 */
long proc_pid_write(const struct proc_entry *e, struct task_struct *task, const char *ubuf, unsigned long count,
		    bool gone);

/* fs/proc/fd.c: PID/fd/N and PID/fdinfo/N */
struct file;
/* task's open file at fd, or NULL (not open, or a zombie without a table) */
struct file *task_fd_file(struct task_struct *task, int fd);
/* The path of f as Linux's d_path names it ("/dev/null", "pipe:[1000]") into buf: its length. */
int file_path(struct file *f, char *buf, int size);
/* A descriptor named in decimal without leading zeros, below NR_OPEN; -1 if s is not one. */
int proc_fd_number(const char *s, size_t len);
/* fd/N's mode (a link, with the owner's r and w as the file is open): 0, -ENOENT. */
int proc_fd_mode(struct task_struct *task, int fd, unsigned int *mode);
/* fd/N's target: its length, -ENOENT. */
int proc_fd_readlink(struct task_struct *task, int fd, char *buf, int size);
struct file *proc_fd_link(struct task_struct *task, int fd, int *err);
/* fdinfo/N's text: 0, -ENOENT. */
int proc_fdinfo_show(struct seq_file *m, struct task_struct *task, int fd);

/* fs/proc/array.c */
int proc_pid_status(struct seq_file *m, void *task);
int proc_pid_stat(struct seq_file *m, void *task);
int proc_pid_statm(struct seq_file *m, void *task);
/* fs/proc/task_mmu.c */
int show_map(struct seq_file *m, void *task);
int show_smaps(struct seq_file *m, void *task);

/* One file of /proc: meminfo.c, uptime.c, loadavg.c, stat.c, cpuinfo.c, and mm/'s. */
int meminfo_proc_show(struct seq_file *m, void *v);
int uptime_proc_show(struct seq_file *m, void *v);
int loadavg_proc_show(struct seq_file *m, void *v);
int show_stat(struct seq_file *m, void *v);
int cpuinfo_show(struct seq_file *m, void *v);
int filesystems_proc_show(struct seq_file *m, void *v);
/* block/genhd.c: /proc/partitions */
int show_partition(struct seq_file *m, void *v);

/* fs/proc_namespace.c: /proc/PID/mounts and mountinfo; /proc/mounts, a link to self/mounts */
int proc_mounts_show(struct seq_file *m, void *task);
int proc_mountinfo_show(struct seq_file *m, void *task);
int proc_mounts_readlink(struct task_struct *task, char *buf, int size);

#endif
