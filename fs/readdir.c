/*
 * getdents64 and getdents (Linux's fs/readdir.c): the file system's
 * iterate_shared emits entries through an actor that packs them into the
 * user's buffer. Each entry's d_off is the position of the one after it.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

struct getdents_callback {
	struct dir_context ctx;
	char *current_dir;      /* where the next entry goes (user) */
	char *prev;             /* the last entry written, whose d_off is filled in later */
	int count;              /* bytes left */
	int error;
	bool is64;
};

/* Entries are written whole: header and name from a kernel copy. */
static bool filldir_common(struct dir_context *ctx, const char *name, int namlen, long long offset,
			   unsigned long ino, unsigned int d_type)
{
	struct getdents_callback *buf = (struct getdents_callback *)ctx;
	char ent[8 + 8 + 2 + 1 + NAME_MAX + 1 + 8];
	int reclen;

	memset(ent, 0, sizeof(ent));
	if (buf->is64) {
		unsigned long long dino = ino;
		unsigned short r;

		reclen = ALIGN_UP(19 + namlen + 1, 8);
		r = (unsigned short)reclen;
		memcpy(ent, &dino, 8);
		memcpy(ent + 16, &r, 2);
		ent[18] = (char)d_type;
		memcpy(ent + 19, name, (size_t)namlen);
	} else {
		unsigned long dino = ino;
		unsigned short r;

		reclen = ALIGN_UP(10 + namlen + 2, 4);
		r = (unsigned short)reclen;
		memcpy(ent, &dino, 4);
		memcpy(ent + 8, &r, 2);
		memcpy(ent + 10, name, (size_t)namlen);
		ent[reclen - 1] = (char)d_type;
	}
	buf->error = -EINVAL;   /* only used if we bounce */
	if (reclen > buf->count)
		return false;
	if (buf->prev) {
		long long off64 = offset;
		unsigned long off32 = (unsigned long)offset;

		if (buf->is64 ? copy_to_user(buf->prev + 8, &off64, 8) : copy_to_user(buf->prev + 4, &off32, 4))
			goto efault;
	}
	if (copy_to_user(buf->current_dir, ent, (unsigned long)reclen))
		goto efault;
	buf->prev = buf->current_dir;
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
efault:
	buf->error = -EFAULT;
	return false;
}

static long do_getdents(int fd, void *dirent, unsigned int count, bool is64)
{
	struct file *f = fget(fd);
	struct getdents_callback buf = {
		.ctx.actor = filldir_common, .current_dir = dirent, .count = (int)count, .is64 = is64,
	};
	long err;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->iterate_shared)
		return -ENOTDIR;
	if ((int)count < 0)
		buf.count = 0x7fffffff;
	if (!access_ok(dirent, count))
		return -EFAULT;
	buf.ctx.pos = f->pos;
	if (f->f_inode)
		inode_lock_shared(f->f_inode);  /* no name added or removed under the walk (Linux's iterate_dir) */
	err = f->f_op->iterate_shared(f, &buf.ctx);
	if (f->f_inode)
		inode_unlock_shared(f->f_inode);
	f->pos = buf.ctx.pos;
	if (!err)
		err = buf.error;
	if (buf.prev) {
		long long off64 = buf.ctx.pos;
		unsigned long off32 = (unsigned long)buf.ctx.pos;

		if (is64 ? copy_to_user(buf.prev + 8, &off64, 8) : copy_to_user(buf.prev + 4, &off32, 4))
			return -EFAULT;
		return (long)count - buf.count;
	}
	return err;
}

long sys_getdents64(int fd, void *dirent, unsigned int count)
{
	return do_getdents(fd, dirent, count, true);
}

long sys_getdents(int fd, void *dirent, unsigned int count)
{
	return do_getdents(fd, dirent, count, false);
}
