/*
 * /proc (Linux's fs/proc/root.c, generic.c and base.c's lookups in one
 * place): the VFS hands over a path relative to /proc and gets back a
 * file. A regular file's text is printed whole by each read from offset
 * 0 (Linux's single_open and seq_read; once at open too, for the monitor
 * and the tests), and reads further on serve it from that buffer, so a
 * reader sees one consistent snapshot; directories list their entries,
 * and the PID directories (with fd/, fdinfo/ and task/) are made from the
 * live tasks.
 */
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/swap.h"
#include "linux/uaccess.h"
#include "linux/vmalloc.h"
#include "internal.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define PROC_ROOT_INO 1         /* Linux's PROC_ROOT_INO */
#define PROC_PID_INO_BASE 0x10000       /* PID p's files: base + p * 32 + entry (ours, not Linux's) */
#define PROC_FD_INO_BASE 0x10000000     /* PID p's fd/N: base + 2p * NR_OPEN + N; fdinfo/N NR_OPEN on */
#define PROC_TASK_INO_BASE 0x40000000   /* PID/task/TID/...: base + what TID/... has (no alias of an ancestor) */

static int self_readlink(struct task_struct *task, char *buf, int size)
{
	(void)task;
	/* the boot thread (PID 0) has no /proc directory: Linux's self of a kernel thread is -ENOENT too */
	return current && current->tgid ? snprintf(buf, (size_t)size, "%d", current->tgid) : -ENOENT;
}

static const struct proc_entry root_entries[] = {
	{ "buddyinfo", S_IFREG | 0444, buddyinfo_show, NULL, NULL, NULL, 0 },
	{ "cpuinfo", S_IFREG | 0444, cpuinfo_show, NULL, NULL, NULL, 0 },
	{ "filesystems", S_IFREG | 0444, filesystems_proc_show, NULL, NULL, NULL, 0 },
	{ "loadavg", S_IFREG | 0444, loadavg_proc_show, NULL, NULL, NULL, 0 },
	{ "meminfo", S_IFREG | 0444, meminfo_proc_show, NULL, NULL, NULL, 0 },
	{ "mounts", S_IFLNK | 0777, NULL, proc_mounts_readlink, NULL, NULL, 0 },
	{ "partitions", S_IFREG | 0444, show_partition, NULL, NULL, NULL, 0 },
	{ "self", S_IFLNK | 0777, NULL, self_readlink, NULL, NULL, 0 },
	{ "slabinfo", S_IFREG | 0400, slabinfo_show, NULL, NULL, NULL, 0 },
	{ "stat", S_IFREG | 0444, show_stat, NULL, NULL, NULL, 0 },
	{ "swaps", S_IFREG | 0444, swaps_proc_show, NULL, NULL, NULL, 0 },
	{ "sys", S_IFDIR | 0555, NULL, NULL, NULL, proc_sys_entries, NR_PROC_SYS_ENTRIES },
	{ "uptime", S_IFREG | 0444, uptime_proc_show, NULL, NULL, NULL, 0 },
	{ "vmallocinfo", S_IFREG | 0400, vmallocinfo_show, NULL, NULL, NULL, 0 },
	{ "vmstat", S_IFREG | 0444, vmstat_show, NULL, NULL, NULL, 0 },
	{ "zoneinfo", S_IFREG | 0444, zoneinfo_show, NULL, NULL, NULL, 0 },
};
#define NR_ROOT_ENTRIES ((int)(sizeof(root_entries) / sizeof(root_entries[0])))

/* What a path names: the root, a PID directory, an entry of either, PID/fd/N, PID/fdinfo/N, PID/task/TID/.... */
struct proc_target {
	struct task_struct *task;       /* NULL: the root or one of its entries */
	const struct proc_entry *entry; /* NULL: the root or a PID directory */
	int index;                      /* the entry's place in its table, for the inode number */
	int fd;                         /* >= 0: descriptor fd in entry, the fd or fdinfo directory */
	bool in_task;                   /* reached through PID/task/TID (a thread's own directory) */
};

/* PID/task: a directory of the process's threads, each a directory like PID's */
static bool entry_is_task(const struct proc_entry *e)
{
	return e && !strcmp(e->name, "task");
}

static bool entry_is_dir(const struct proc_entry *e)
{
	return e && S_ISDIR(e->mode);
}

/* PID/fdinfo, whose descriptors are files, not links as in PID/fd */
static bool entry_is_fdinfo(const struct proc_entry *e)
{
	return e && !strcmp(e->name, "fdinfo");
}

/* The target is a directory: /proc, PID, PID/fd, PID/fdinfo, PID/task or PID/task/TID. */
static bool target_is_dir(const struct proc_target *t)
{
	return !t->entry || (entry_is_dir(t->entry) && t->fd < 0);
}

/* "42" -> the task with PID 42 (zombies too, as Linux lists them), else NULL. */
static struct task_struct *pid_task_of(const char *s, size_t len)
{
	int pid = 0;

	if (len == 0 || len > 9 || s[0] == '0')
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		pid = pid * 10 + (s[i] - '0');
	}
	return find_task_by_vpid(pid);
}

static const struct proc_entry *find_entry(const struct proc_entry *tab, int n, const char *s,
					   size_t len, int *index)
{
	for (int i = 0; i < n; i++)
		if (strlen(tab[i].name) == len && memcmp(tab[i].name, s, len) == 0) {
			*index = i;
			return &tab[i];
		}
	return NULL;
}

/*
 * Walk path ("", "meminfo", "42", "42/maps", "self/maps"; "self" alone
 * is the link). Slashes repeat or trail freely, as in a path walk.
 * 0, -ENOENT, or -ENOTDIR (a component below a file).
 */
static int proc_lookup(const char *path, struct proc_target *t)
{
	const char *comp[5];
	size_t len[5];
	int n = 0;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (n == 5)
			return -ENOENT;
		comp[n] = p;
		while (*p && *p != '/')
			p++;
		len[n] = (size_t)(p - comp[n]);
		n++;
	}
	if (n == 0)
		return 0;
	if (len[0] == 4 && memcmp(comp[0], "self", 4) == 0 && n > 1)
		t->task = current && current->pid ? current : NULL;
	else
		t->task = pid_task_of(comp[0], len[0]);
	if (!t->task) {
		int i = 1, idx;

		t->entry = find_entry(root_entries, NR_ROOT_ENTRIES, comp[0], len[0], &t->index);
		if (!t->entry)
			return -ENOENT;
		for (; i < n && t->entry->children; i++) {   /* down /proc/sys */
			t->entry = find_entry(t->entry->children, t->entry->nr_children, comp[i], len[i], &idx);
			if (!t->entry)
				return -ENOENT;
			t->index = PROC_CHILD_INDEX(t->index, idx);
		}
		return n == i ? 0 : (S_ISDIR(t->entry->mode) || (t->entry->mode & S_IFMT) == S_IFLNK) ?
				-ENOENT : -ENOTDIR;
	}
	if (n == 1)
		return 0;
	t->entry = find_entry(pid_entries, nr_pid_entries, comp[1], len[1], &t->index);
	if (!t->entry)
		return -ENOENT;
	if (n == 2)
		return 0;
	if (entry_is_task(t->entry)) {
		/* PID/task/TID/...: a process has one thread here, itself (no CLONE_THREAD) */
		if (pid_task_of(comp[2], len[2]) != t->task)
			return -ENOENT;
		t->entry = NULL;
		t->in_task = true;
		if (n == 3)
			return 0;
		t->entry = find_entry(pid_entries, nr_pid_entries, comp[3], len[3], &t->index);
		if (!t->entry || entry_is_task(t->entry))
			return -ENOENT;
		comp[2] = comp[4];
		len[2] = len[4];
		n -= 2;
		if (n == 2)
			return 0;
	} else if (n > 3) {
		return entry_is_dir(t->entry) ? -ENOENT : -ENOTDIR;
	}
	if (!entry_is_dir(t->entry) || entry_is_task(t->entry))
		return (t->entry->mode & S_IFMT) == S_IFLNK ? -ENOENT : -ENOTDIR;
	t->fd = proc_fd_number(comp[2], len[2]);
	return t->fd >= 0 && task_fd_file(t->task, t->fd) ? 0 : -ENOENT;
}

static unsigned long target_ino(const struct proc_target *t)
{
	if (t->in_task) {
		struct proc_target pid_view = *t;

		pid_view.in_task = false;
		return PROC_TASK_INO_BASE + target_ino(&pid_view);
	}
	if (t->fd >= 0)
		return PROC_FD_INO_BASE + ((unsigned long)t->task->pid * 2 + entry_is_fdinfo(t->entry)) * NR_OPEN +
		       (unsigned long)t->fd;
	if (!t->task)
		return t->entry ? PROC_ROOT_INO + 1 + (unsigned long)t->index : PROC_ROOT_INO;
	return PROC_PID_INO_BASE + (unsigned long)t->task->pid * 32 + (t->entry ? 1 + (unsigned long)t->index : 0);
}

int proc_getattr(const char *path, struct kstat *st)
{
	struct proc_target t;
	int err = proc_lookup(path, &t);

	if (err)
		return err;
	memset(st, 0, sizeof(*st));
	st->ino = target_ino(&t);
	st->blksize = 1024;     /* Linux's proc inodes: i_blkbits 10 */
	st->nlink = 1;
	if (t.fd >= 0 && !entry_is_fdinfo(t.entry)) {
		st->size = 64;  /* Linux's proc_fd_link inodes say 64 */
		return proc_fd_mode(t.task, t.fd, &st->mode);
	}
	if (t.fd >= 0)
		st->mode = S_IFREG | 0444;
	else if (t.entry)
		st->mode = t.entry->mode;
	else
		st->mode = S_IFDIR | 0555;
	if (S_ISDIR(st->mode))
		st->nlink = entry_is_task(t.entry) && t.fd < 0 ? 3 : 2;        /* task/: 2 + its one thread */
	return 0;
}

int proc_readlink(const char *path, char *buf, int size)
{
	struct proc_target t;
	char target[PATH_MAX];
	int err = proc_lookup(path, &t), n;

	if (err)
		return err;
	if (t.fd >= 0 && !entry_is_fdinfo(t.entry))
		n = proc_fd_readlink(t.task, t.fd, target, sizeof(target));
	else if (t.fd >= 0 || !t.entry || !t.entry->readlink)
		return -EINVAL;
	else
		n = t.entry->readlink(t.task, target, sizeof(target));
	if (n < 0)
		return n;
	if (n > size)
		n = size;       /* readlink(2) truncates silently */
	memcpy(buf, target, (size_t)n);
	return n;
}

struct file *proc_get_link(const char *path, int *err)
{
	struct proc_target t;

	*err = proc_lookup(path, &t);
	if (*err || t.fd < 0 || entry_is_fdinfo(t.entry)) {
		*err = *err == -ENOENT ? -ENOENT : 0;   /* not a magic link: readlink says why */
		return NULL;
	}
	return proc_fd_link(t.task, t.fd, err);
}

/* ---- regular files: the text made when read ---- */

/* An open regular file of /proc: its text, and what it shows. */
struct proc_file {
	struct seq_file m;              /* first: the monitor and the tests take private_data as the seq_file */
	const struct proc_entry *entry;
	struct task_struct *task;       /* a PID file's task: compared, never used once it has gone */
	int pid;
	int fd;                         /* fdinfo/N: N; else -1 */
};

static int proc_file_show(struct seq_file *m, void *arg)
{
	struct proc_file *pf = arg;

	if (pf->fd >= 0)
		return proc_fdinfo_show(m, pf->task, pf->fd);
	return pf->entry->show(m, pf->task);
}

/*
 * Is what the file shows still there (Linux's get_proc_task at each
 * read)? 0; -ESRCH once its process has been reaped (zombies are still
 * there); -ENOENT for fdinfo/N once the process or descriptor N has gone;
 * 1 for environ of a reaped process, which reads as empty on Linux.
 */
static int proc_file_gone(const struct proc_file *pf)
{
	if (!pf->task)
		return 0;
	if (find_task_by_vpid(pf->pid) != pf->task)
		return pf->fd >= 0 ? -ENOENT : pf->entry->show == proc_pid_environ ? 1 : -ESRCH;
	return pf->fd >= 0 && !task_fd_file(pf->task, pf->fd) ? -ENOENT : 0;
}

/* Print the text afresh into pf->m: 0, or -ESRCH, -ENOENT, -ENOMEM as proc_file_gone and seq_show_buffer. */
static int proc_file_fill(struct proc_file *pf)
{
	int err = proc_file_gone(pf);

	vfree(pf->m.buf);
	pf->m.buf = NULL;
	pf->m.count = 0;
	if (err)
		return err < 0 ? err : 0;
	return seq_show_buffer(&pf->m, proc_file_show, pf);
}

/*
 * A read from offset 0 prints the text afresh, as Linux's seq_read starts
 * over there (the text printed at open is for the monitor and the tests):
 * what the file shows must still be there (proc_file_gone). Reads further
 * on serve the same text.
 */
static long proc_reg_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	struct proc_file *pf = f->private_data;
	struct seq_file *m = &pf->m;
	unsigned long n;

	if (*pos < 0)
		return -EINVAL;
	if (*pos == 0 || !m->buf) {
		int err = proc_file_fill(pf);

		if (err)
			return err;
	}
	if ((unsigned long long)*pos >= m->count)
		return 0;
	n = m->count - (size_t)*pos;
	if (n > count)
		n = count;
	if (copy_to_user(ubuf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return (long)n;
}

/* Linux's seq_lseek: SEEK_SET and SEEK_CUR only (the size is not known before the text is made). */
static long long proc_reg_llseek(struct file *f, long long offset, int whence)
{
	long long base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	default:
		return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	f->pos = base + offset;
	return f->pos;
}

static int proc_reg_release(struct inode *inode, struct file *f)
{
	struct proc_file *pf = f->private_data;

	(void)inode;
	if (pf) {
		vfree(pf->m.buf);
		kfree(pf);
		f->private_data = NULL;
	}
	return 0;
}

/*
 * comm takes writes while its process lives (-ESRCH after). The other
 * files of a process have no write function on Linux, so the open drops
 * FMODE_CAN_WRITE and write() is -EINVAL; those of /proc itself answer
 * -EIO, as Linux's proc_reg_write for a file without proc_write, but for
 * /proc/sys's.
 */
static long proc_reg_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	struct proc_file *pf = f->private_data;

	if (!pf->task)          /* /proc/sys's files take writes (proc_sysctl.c) */
		return pf->entry->write ? proc_sys_write(pf->entry, ubuf, count, pos) : -EIO;
	if (pf->fd >= 0)
		return -EINVAL;
	return proc_pid_write(pf->entry, pf->task, ubuf, count, proc_file_gone(pf) != 0);
}

static const struct file_operations proc_reg_fops = {
	.llseek = proc_reg_llseek,
	.read = proc_reg_read,
	.write = proc_reg_write,
	.release = proc_reg_release,
};

/* ---- directories ---- */

struct proc_dir {
	struct task_struct *task;       /* NULL: /proc itself */
	int pid;                        /* the PID directory's, to notice that it went */
	const struct proc_entry *entry; /* PID/fd, PID/fdinfo, PID/task, sys, sys/vm; NULL: the PID directory */
	int index;                      /* a directory of /proc/sys: its proc_target index */
	bool in_task;                   /* under PID/task/TID */
};

/* The directory as a proc_target, for the inode numbers of it and its entries. */
static struct proc_target dir_target(const struct proc_dir *d)
{
	struct proc_target t = { .task = d->task, .entry = d->entry, .fd = -1, .in_task = d->in_task };

	t.index = d->entry ? (int)(d->entry - pid_entries) : 0;
	return t;
}

static bool emit(struct dir_context *ctx, const char *name, unsigned long ino, unsigned int type)
{
	if (!dir_emit(ctx, name, (int)strlen(name), ino, type))
		return false;
	ctx->pos++;
	return true;
}

static unsigned int entry_dtype(const struct proc_entry *e)
{
	if (S_ISDIR(e->mode))
		return DT_DIR;
	return (e->mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG;
}

/* PID/fd and PID/fdinfo: ".", "..", then each open descriptor; ctx->pos is 2 + the next fd to look at. */
static int proc_fd_iterate(struct proc_dir *d, struct dir_context *ctx)
{
	struct proc_target t = dir_target(d), parent = t;
	bool info = entry_is_fdinfo(d->entry);

	parent.entry = NULL;
	if (ctx->pos == 0 && !emit(ctx, ".", target_ino(&t), DT_DIR))
		return 0;
	if (ctx->pos == 1 && !emit(ctx, "..", target_ino(&parent), DT_DIR))
		return 0;
	for (; ctx->pos >= 2 && ctx->pos < 2 + NR_OPEN; ctx->pos++) {
		char name[12];

		t.fd = (int)ctx->pos - 2;
		if (!task_fd_file(d->task, t.fd))
			continue;
		snprintf(name, sizeof(name), "%d", t.fd);
		if (!dir_emit(ctx, name, (int)strlen(name), target_ino(&t), info ? DT_REG : DT_LNK))
			return 0;
	}
	return 0;
}

/* PID/task: ".", "..", and the one thread, the process itself. */
static int proc_task_iterate(struct proc_dir *d, struct dir_context *ctx)
{
	struct proc_target t = dir_target(d), parent = t, thread = t;
	char name[12];

	parent.entry = NULL;
	thread.entry = NULL;
	thread.in_task = true;
	if (ctx->pos == 0 && !emit(ctx, ".", target_ino(&t), DT_DIR))
		return 0;
	if (ctx->pos == 1 && !emit(ctx, "..", target_ino(&parent), DT_DIR))
		return 0;
	snprintf(name, sizeof(name), "%d", d->pid);
	if (ctx->pos == 2 && !emit(ctx, name, target_ino(&thread), DT_DIR))
		return 0;
	return 0;
}

/* /proc/sys and its directories: ".", "..", then the entries. */
static int proc_children_iterate(struct proc_dir *d, struct dir_context *ctx)
{
	unsigned long parent = d->index < 64 ? PROC_ROOT_INO : PROC_ROOT_INO + 1 + (unsigned long)(d->index / 64 - 1);

	if (ctx->pos == 0 && !emit(ctx, ".", PROC_ROOT_INO + 1 + (unsigned long)d->index, DT_DIR))
		return 0;
	if (ctx->pos == 1 && !emit(ctx, "..", parent, DT_DIR))
		return 0;
	while (ctx->pos >= 2 && ctx->pos < 2 + d->entry->nr_children) {
		const struct proc_entry *e = &d->entry->children[ctx->pos - 2];

		if (!emit(ctx, e->name, PROC_ROOT_INO + 1 + (unsigned long)PROC_CHILD_INDEX(d->index, ctx->pos - 2),
			  entry_dtype(e)))
			return 0;
	}
	return 0;
}

/*
 * ctx->pos counts entries: ".", "..", the table, then (in /proc) the PIDs
 * in ascending order; a PID entry's pos is 2 + table + its rank, so a
 * reader resumes after the last PID it saw even if tasks came or went.
 */
static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_dir *d = f->private_data;
	const struct proc_entry *tab = d->task ? pid_entries : root_entries;
	int n = d->task ? nr_pid_entries : NR_ROOT_ENTRIES;
	unsigned long base_ino = d->task ? PROC_PID_INO_BASE + (unsigned long)d->pid * 32 : PROC_ROOT_INO;

	if (d->task && find_task_by_vpid(d->pid) != d->task)
		return -ENOENT;         /* the process went: Linux's readdir of a dead PID directory */
	if (d->entry && d->entry->children)
		return proc_children_iterate(d, ctx);
	if (entry_is_task(d->entry))
		return proc_task_iterate(d, ctx);
	if (d->entry)
		return proc_fd_iterate(d, ctx);
	if (d->in_task)
		base_ino += PROC_TASK_INO_BASE;
	if (ctx->pos == 0 && !emit(ctx, ".", base_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1 && !emit(ctx, "..", d->in_task ? PROC_PID_INO_BASE + (unsigned long)d->pid * 32 + 1 :
				   PROC_ROOT_INO, DT_DIR))
		return 0;       /* a thread's directory is in PID/task, the first of PID's entries */
	for (; ctx->pos >= 2 && ctx->pos < 2 + n; ) {
		if (d->in_task && entry_is_task(&tab[ctx->pos - 2])) {
			ctx->pos++;     /* a thread's directory has no task/ of its own */
			continue;
		}
		if (!emit(ctx, tab[ctx->pos - 2].name, base_ino + 1 + (unsigned long)(ctx->pos - 2),
			  entry_dtype(&tab[ctx->pos - 2])))
			return 0;
	}
	if (d->task)
		return 0;
	/* PIDs: the next one above the last listed, found afresh each time (pos - 2 - n is that PID + 1). */
	for (;;) {
		struct task_struct *p, *next = NULL;
		long long after = ctx->pos - 2 - n;     /* list PIDs >= after */
		char name[12];

		for_each_process(p)
			if (p->pid >= after && (!next || p->pid < next->pid))
				next = p;
		if (!next)
			return 0;
		snprintf(name, sizeof(name), "%d", next->pid);
		ctx->pos = 2 + n + next->pid;
		if (!dir_emit(ctx, name, (int)strlen(name), PROC_PID_INO_BASE + (unsigned long)next->pid * 32,
			      DT_DIR))
			return 0;
		ctx->pos++;
	}
}

static int proc_dir_release(struct inode *inode, struct file *f)
{
	(void)inode;
	kfree(f->private_data);
	f->private_data = NULL;
	return 0;
}

static const struct file_operations proc_dir_fops = {
	.iterate_shared = proc_iterate,
	.release = proc_dir_release,
};

/* A regular file: its text printed now (a task's files take the task as their argument). 0 or -ENOMEM. */
static int proc_file_open(struct file *f, const struct proc_target *t)
{
	struct proc_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	int err;

	if (!pf)
		return -ENOMEM;
	pf->entry = t->entry;
	pf->task = t->task;
	pf->pid = t->task ? t->task->pid : 0;
	pf->fd = t->fd;
	pf->m.private = t->task;
	err = proc_file_fill(pf);
	if (err) {
		kfree(pf);
		return err;
	}
	f->private_data = pf;
	f->f_op = &proc_reg_fops;
	return 0;
}

static int proc_dir_open(struct file *f, const struct proc_target *t)
{
	struct proc_dir *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	d->task = t->task;
	d->pid = t->task ? t->task->pid : 0;
	d->entry = t->entry;
	d->index = t->index;
	d->in_task = t->in_task;
	f->private_data = d;
	f->f_op = &proc_dir_fops;
	return 0;
}

/* Linux's test_perm for root: a file of /proc/sys opens only as its owner bits allow (drop_caches is 0200). */
static bool sysctl_may_open(unsigned int mode, int flags)
{
	int acc = flags & O_ACCMODE;

	if (acc != O_WRONLY && !(mode & 0400))
		return false;
	return acc == O_RDONLY || (mode & 0200);
}

struct file *proc_open(const char *path, int flags, int *err)
{
	struct proc_target t;
	struct file *f;
	struct kstat st;
	int rc = proc_lookup(path, &t);

	if (!rc)
		rc = proc_getattr(path, &st);
	/* Everyone is root here, and root passes the mode bits: a file opens for writing, its write() fails. */
	if (!rc && S_ISDIR(st.mode) && (flags & O_ACCMODE))
		rc = -EISDIR;
	else if (!rc && S_ISLNK(st.mode))
		rc = -ELOOP;    /* a link: the VFS follows it with proc_readlink before opening */
	else if (!rc && t.entry && t.entry->write && !sysctl_may_open(st.mode, flags))
		rc = -EACCES;
	if (rc) {
		*err = rc;
		return NULL;
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	f->count = 1;
	f->f_flags = (unsigned int)flags;
	f->ino = (unsigned int)st.ino;
	f->mode = st.mode;
	f->name = t.entry ? t.entry->name : "proc";
	rc = target_is_dir(&t) ? proc_dir_open(f, &t) : proc_file_open(f, &t);
	if (rc) {
		kfree(f);
		*err = rc;
		return NULL;
	}
	return f;
}
