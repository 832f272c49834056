/*
 * ioctl (Linux's fs/ioctl.c): the commands every descriptor answers
 * before its file's own (do_vfs_ioctl) -- close-on-exec, O_NONBLOCK, and
 * the bytes left in a regular file and those it takes -- then f_op->unlocked_ioctl,
 * -ENOTTY without one.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define FIONBIO   0x5421
#define FIONREAD  0x541B
#define FIONCLEX  0x5450
#define FIOCLEX   0x5451
#define FIOQSIZE  0x5460

static long long file_size(const struct file *f)
{
	return f->f_inode ? f->f_inode->i_size : (long long)f->size;
}

/* FIONBIO: a nonzero int at arg sets O_NONBLOCK, zero clears it (Linux's ioctl_fionbio). */
static long ioctl_fionbio(struct file *f, int *argp)
{
	int on;

	if (copy_from_user(&on, argp, sizeof(on)))
		return -EFAULT;
	if (on)
		f->f_flags |= O_NONBLOCK;
	else
		f->f_flags &= ~O_NONBLOCK;
	return 0;
}

/* The generic commands: their answer, or 1 when cmd is the file's own (Linux's -ENOIOCTLCMD). */
static long do_vfs_ioctl(struct file *f, int fd, unsigned int cmd, unsigned long arg)
{
	unsigned int type = f->f_inode ? f->f_inode->i_mode & S_IFMT : f->mode & S_IFMT;

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(f, (int *)arg);
	case FIOQSIZE:      /* the bytes the file takes (Linux's inode_get_bytes): its blocks, not its size */
		if ((type != S_IFDIR && type != S_IFREG && type != S_IFLNK) || !f->f_inode)
			return -ENOTTY;
		{
			struct kstat st;
			long long bytes;

			generic_fillattr(f->f_inode, &st);
			bytes = (long long)st.blocks * 512;
			return copy_to_user((void *)arg, &bytes, sizeof(bytes)) ? -EFAULT : 0;
		}
	case FIONREAD:
		if (type != S_IFREG)
			return 1;
		{
			int left = (int)(file_size(f) - f->pos);

			return copy_to_user((int *)arg, &left, sizeof(left)) ? -EFAULT : 0;
		}
	default:
		return 1;
	}
}

/* ioctl(fd, cmd, arg): 0 or what the command answers; -EBADF, -EFAULT, -ENOTTY (no such command here). */
long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_vfs_ioctl(f, fd, (unsigned int)cmd, arg);
	if (ret != 1)
		return ret;
	if (!f->f_op || !f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, (unsigned int)cmd, arg);
}
