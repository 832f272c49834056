/*
 * /proc/PID/fd and /proc/PID/fdinfo (Linux's fs/proc/fd.c): a directory
 * with one symbolic link per open descriptor, named by its number, whose
 * target is the file's path ("/dev/console", "pipe:[1000]"), and one with
 * a small text file per descriptor: its position, flags, mount and inode.
 * A task's descriptor table is read as it is when asked: a descriptor
 * closed since the directory was listed is -ENOENT, as on Linux.
 */
#include "linux/dcache.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "internal.h"

/* The open file at fd of task, or NULL (no table: a zombie, or fd not open). */
struct file *task_fd_file(struct task_struct *task, int fd)
{
	if (!task->files || fd < 0 || fd >= NR_OPEN)
		return NULL;
	return task->files->fd[fd];
}

int file_path(struct file *f, char *buf, int size)
{
	if (is_pipe(f))
		return snprintf(buf, (size_t)size, "pipe:[%u]", f->ino);
	if (f->f_path.dentry) {
		char *path = d_path(&f->f_path, buf, size);

		if (!path)
			return -ENAMETOOLONG;
		memmove(buf, path, strlen(path) + 1);   /* d_path writes at the buffer's end */
		return (int)strlen(buf);
	}
	if (f->console)
		return snprintf(buf, (size_t)size, "/dev/console");    /* the table init starts with */
	return snprintf(buf, (size_t)size, "%s", f->name ? f->name : "");
}

/* "3" -> 3; -1 for anything that is not a descriptor number as Linux names them. */
int proc_fd_number(const char *s, size_t len)
{
	int fd = 0;

	if (len == 0 || len > 9 || (s[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		fd = fd * 10 + (s[i] - '0');
	}
	return fd < NR_OPEN ? fd : -1;
}

/*
 * /proc/PID/fd/N's mode: a link whose owner bits say how the file is open
 * (lr-x------ read, l-wx------ write, lrwx------ both), as Linux's
 * tid_fd_update_inode. -ENOENT if fd is not open.
 */
int proc_fd_mode(struct task_struct *task, int fd, unsigned int *mode)
{
	struct file *f = task_fd_file(task, fd);
	unsigned int acc;

	if (!f)
		return -ENOENT;
	acc = f->f_flags & O_ACCMODE;
	*mode = S_IFLNK;
	if (acc == O_RDONLY || acc == O_RDWR)
		*mode |= 0500;
	if (acc == O_WRONLY || acc == O_RDWR)
		*mode |= 0300;
	return 0;
}

int proc_fd_readlink(struct task_struct *task, int fd, char *buf, int size)
{
	struct file *f = task_fd_file(task, fd);

	return f ? file_path(f, buf, size) : -ENOENT;
}

/* /proc/PID/fd/N's file, referenced, for the walk to jump to (Linux's proc_fd_link): NULL with *err -ENOENT. */
struct file *proc_fd_link(struct task_struct *task, int fd, int *err)
{
	struct file *f = task_fd_file(task, fd);

	*err = f ? 0 : -ENOENT;
	return f ? get_file(f) : NULL;
}

/* The mnt_id Debian's Linux 6.1 i386 gives each mount when booted from an initramfs (measured). */
static int file_mnt_id(struct file *f)
{
	const char *type = f->f_inode && f->f_inode->i_sb ? f->f_inode->i_sb->s_type : "";

	if (is_pipe(f))
		return 13;      /* pipefs, an internal mount */
	if (!strcmp(type, "proc"))
		return 20;
	if (!strcmp(type, "devtmpfs"))
		return 21;
	return 1;       /* rootfs: /, and the console init starts with, /dev/console on it */
}

/*
 * /proc/PID/fdinfo/N (Linux's seq_show): "pos:", "flags:" in octal with a
 * leading 0 (O_CLOEXEC added when the descriptor has it), "mnt_id:",
 * "ino:". -ENOENT when fd is not open (any more), as Linux's.
 */
int proc_fdinfo_show(struct seq_file *m, struct task_struct *task, int fd)
{
	struct file *f = task_fd_file(task, fd);
	unsigned int flags;

	if (!f)
		return -ENOENT;
	flags = f->f_flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);  /* do_dentry_open drops these */
	if ((task->files->close_on_exec[fd / 32] >> (fd % 32)) & 1)
		flags |= O_CLOEXEC;
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", f->pos, flags, file_mnt_id(f),
		   f->f_inode ? f->f_inode->i_ino : (unsigned long)f->ino);
	return 0;
}
