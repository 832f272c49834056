/*
 * /proc (Linux's fs/proc/root.c, generic.c and base.c's lookups in one
 * place): the VFS hands over a path relative to /proc and gets back a
 * file. A regular file's text is printed whole when it is opened (Linux's
 * single_open) and read() serves it from that buffer, so a reader sees
 * one consistent snapshot; directories list their entries, and the PID
 * directories are made from the live tasks.
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
#include "linux/uaccess.h"
#include "linux/vmalloc.h"
#include "internal.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define PROC_ROOT_INO 1         /* Linux's PROC_ROOT_INO */
#define PROC_PID_INO_BASE 0x10000       /* PID p's files: base + p * 32 + entry (ours, not Linux's) */

static int self_readlink(struct task_struct *task, char *buf, int size)
{
	(void)task;
	/* the boot thread (PID 0) has no /proc directory: Linux's self of a kernel thread is -ENOENT too */
	return current && current->tgid ? snprintf(buf, (size_t)size, "%d", current->tgid) : -ENOENT;
}

static const struct proc_entry root_entries[] = {
	{ "buddyinfo", S_IFREG | 0444, buddyinfo_show, NULL },
	{ "cpuinfo", S_IFREG | 0444, cpuinfo_show, NULL },
	{ "filesystems", S_IFREG | 0444, filesystems_proc_show, NULL },
	{ "loadavg", S_IFREG | 0444, loadavg_proc_show, NULL },
	{ "meminfo", S_IFREG | 0444, meminfo_proc_show, NULL },
	{ "mounts", S_IFLNK | 0777, NULL, proc_mounts_readlink },
	{ "partitions", S_IFREG | 0444, show_partition, NULL },
	{ "self", S_IFLNK | 0777, NULL, self_readlink },
	{ "slabinfo", S_IFREG | 0400, slabinfo_show, NULL },
	{ "stat", S_IFREG | 0444, show_stat, NULL },
	{ "uptime", S_IFREG | 0444, uptime_proc_show, NULL },
	{ "vmallocinfo", S_IFREG | 0400, vmallocinfo_show, NULL },
	{ "vmstat", S_IFREG | 0444, vmstat_show, NULL },
	{ "zoneinfo", S_IFREG | 0444, zoneinfo_show, NULL },
};
#define NR_ROOT_ENTRIES ((int)(sizeof(root_entries) / sizeof(root_entries[0])))

/* What a path names: the root, a PID directory, or an entry of either. */
struct proc_target {
	struct task_struct *task;       /* NULL: the root or one of its entries */
	const struct proc_entry *entry; /* NULL: a directory */
	int index;                      /* the entry's place in its table, for the inode number */
};

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
	const char *comp[3];
	size_t len[3];
	int n = 0;

	memset(t, 0, sizeof(*t));
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (n == 3)
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
		t->entry = find_entry(root_entries, NR_ROOT_ENTRIES, comp[0], len[0], &t->index);
		if (!t->entry)
			return -ENOENT;
		return n == 1 ? 0 : (S_ISDIR(t->entry->mode) || (t->entry->mode & S_IFMT) == S_IFLNK) ?
				-ENOENT : -ENOTDIR;
	}
	if (n == 1)
		return 0;
	t->entry = find_entry(pid_entries, nr_pid_entries, comp[1], len[1], &t->index);
	if (!t->entry)
		return -ENOENT;
	return n == 2 ? 0 : -ENOTDIR;
}

static unsigned long target_ino(const struct proc_target *t)
{
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
	if (t.entry) {
		st->mode = t.entry->mode;
		st->nlink = 1;
	} else {
		st->mode = S_IFDIR | 0555;
		st->nlink = 2;
	}
	return 0;
}

int proc_readlink(const char *path, char *buf, int size)
{
	struct proc_target t;
	char target[PATH_MAX];
	int err = proc_lookup(path, &t), n;

	if (err)
		return err;
	if (!t.entry || !t.entry->readlink)
		return -EINVAL;
	n = t.entry->readlink(t.task, target, sizeof(target));
	if (n < 0)
		return n;
	if (n > size)
		n = size;       /* readlink(2) truncates silently */
	memcpy(buf, target, (size_t)n);
	return n;
}

/* ---- regular files: the text made at open ---- */

static long proc_reg_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	struct seq_file *m = f->private_data;
	unsigned long n;

	if (*pos < 0)
		return -EINVAL;
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

static long long proc_reg_llseek(struct file *f, long long offset, int whence)
{
	struct seq_file *m = f->private_data;
	long long base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = (long long)m->count;
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
	struct seq_file *m = f->private_data;

	(void)inode;
	if (m) {
		vfree(m->buf);
		kfree(m);
		f->private_data = NULL;
	}
	return 0;
}

/* No file here takes writes: Linux's proc_reg_write answers -EIO for one without proc_write. */
static long proc_reg_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	(void)f;
	(void)ubuf;
	(void)count;
	(void)pos;
	return -EIO;
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
};

static bool emit(struct dir_context *ctx, const char *name, unsigned long ino, unsigned int type)
{
	if (!dir_emit(ctx, name, (int)strlen(name), ino, type))
		return false;
	ctx->pos++;
	return true;
}

static unsigned int entry_dtype(const struct proc_entry *e)
{
	return (e->mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG;
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
	if (ctx->pos == 0 && !emit(ctx, ".", base_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1 && !emit(ctx, "..", PROC_ROOT_INO, DT_DIR))
		return 0;
	for (; ctx->pos >= 2 && ctx->pos < 2 + n; )
		if (!emit(ctx, tab[ctx->pos - 2].name, base_ino + 1 + (unsigned long)(ctx->pos - 2),
			  entry_dtype(&tab[ctx->pos - 2])))
			return 0;
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

/* Print the entry's text now (a task's files take the task as their argument). */
static int proc_fill(struct file *f, const struct proc_target *t)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int err;

	if (!m)
		return -ENOMEM;
	m->private = t->task;
	err = seq_show_buffer(m, t->entry->show, t->task);
	if (err) {
		kfree(m);
		return err;
	}
	f->private_data = m;
	f->f_op = &proc_reg_fops;
	return 0;
}

struct file *proc_open(const char *path, int flags, int *err)
{
	struct proc_target t;
	struct file *f;
	int rc = proc_lookup(path, &t);

	/* Everyone is root here, and root passes the mode bits: a file opens for writing, its write() fails. */
	if (!rc && !t.entry && (flags & O_ACCMODE))
		rc = -EISDIR;
	else if (!rc && t.entry && !t.entry->show)
		rc = -ELOOP;    /* a link: the VFS follows it with proc_readlink before opening */
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
	f->ino = (unsigned int)target_ino(&t);
	if (t.entry) {
		f->mode = t.entry->mode;
		f->name = t.entry->name;
		rc = proc_fill(f, &t);
	} else {
		struct proc_dir *d = kzalloc(sizeof(*d), GFP_KERNEL);

		f->mode = S_IFDIR | 0555;
		f->name = "proc";
		rc = d ? 0 : -ENOMEM;
		if (d) {
			d->task = t.task;
			d->pid = t.task ? t.task->pid : 0;
			f->private_data = d;
			f->f_op = &proc_dir_fops;
		}
	}
	if (rc) {
		kfree(f);
		*err = rc;
		return NULL;
	}
	return f;
}
