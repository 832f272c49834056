/*
 * sendfile(2) and sendfile64(2): copy from a file in the page cache to
 * another file inside the kernel (Linux's do_sendfile in
 * fs/read_write.c, which moves the data with do_splice_direct from this
 * file). Pagoda has no pipes of pages to splice through: it reads into a
 * kernel page and writes that with the output's ->write_iter (a pipe's
 * too: Linux 6.1 sends to a pipe through splice_file_to_pipe). An input
 * with no page cache, or an output with no ->write_iter (Linux: no
 * ->splice_write), is -EINVAL.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

#define MAX_NON_LFS 0x7fffffffLL        /* sendfile's 32-bit off_t: the largest position it may reach */

static bool may_read(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_WRONLY;
}

static bool may_write(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_RDONLY;
}

/* Copy count bytes from in at *pos to out at its position (Linux's do_splice_direct): bytes, or -errno. */
static long splice_direct(struct file *in, long long *pos, struct file *out, size_t count)
{
	char *buf;
	long done = 0, err = 0;

	if (!in->f_mapping || !out->f_op || !out->f_op->write_iter)
		return -EINVAL;
	/* Linux's do_splice_direct refuses an O_APPEND file; its pipe path (splice_file_to_pipe) has no position to refuse */
	if ((out->f_flags & O_APPEND) && !is_pipe(out))
		return -EINVAL;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while ((size_t)done < count) {
		size_t n = min(count - (size_t)done, (size_t)PAGE_SIZE);
		struct iovec iov;
		struct iov_iter it;
		long got, put;

		iov_iter_kvec(&it, &iov, buf, n);
		got = filemap_read(in, &it, pos);
		if (got <= 0) {
			err = got;
			break;
		}
		iov_iter_kvec(&it, &iov, buf, (size_t)got);
		put = is_pipe(out) ? pipe_splice_write(out, &it) : out->f_op->write_iter(out, &it, &out->pos);
		if (put < 0) {
			*pos -= got;    /* none of it went out */
			err = put;
			break;
		}
		*pos -= got - put;
		done += put;
		if (put < got)
			break;
	}
	kfree(buf);
	return done ? done : err;
}

/*
 * Linux's do_sendfile, its checks in its order: in_fd (-EBADF, not
 * readable -EBADF), an offset on a stream (-ESPIPE), a negative position
 * (-EINVAL), out_fd (-EBADF, not writable -EBADF), past max
 * (-EOVERFLOW). ppos NULL: in's own position moves.
 */
static long do_sendfile(int out_fd, int in_fd, long long *ppos, size_t count, long long max)
{
	struct file *in = fget(in_fd), *out;
	long long pos;
	long ret;

	if (!in || !may_read(in))
		return -EBADF;
	if (ppos) {
		pos = *ppos;
		if (!in->f_op || !in->f_op->llseek)
			return -ESPIPE;         /* no position to read at (Linux's FMODE_PREAD) */
	} else {
		pos = in->pos;
	}
	if (pos < 0 || (long long)((unsigned long long)pos + count) < 0)
		return -EINVAL;         /* rw_verify_area */
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	out = fget(out_fd);
	if (!out || !may_write(out))
		return -EBADF;
	if (!max)
		max = MAX_LFS_FILESIZE;
	if (pos + (long long)count > max) {
		if (pos >= max)
			return -EOVERFLOW;
		count = (size_t)(max - pos);
	}
	ret = splice_direct(in, &pos, out, count);
	if (ppos)
		*ppos = pos;
	else
		in->pos = pos;
	if (ret >= 0 && pos > max)
		return -EOVERFLOW;
	return ret;
}

long sys_sendfile(int out_fd, int in_fd, long *offset, unsigned long count)
{
	long long pos;
	long off, ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_NON_LFS);
	if (copy_from_user(&off, offset, sizeof(off)))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_NON_LFS);
	off = (long)pos;
	if (copy_to_user(offset, &off, sizeof(off)))
		return -EFAULT;
	return ret;
}

long sys_sendfile64(int out_fd, int in_fd, long long *offset, unsigned long count)
{
	long long pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, 0);
	if (copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}
