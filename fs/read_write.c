/*
 * read, write, readv, writev, pread64, pwrite64 and lseek (Linux's
 * fs/read_write.c). Every user buffer goes through an iov_iter
 * (lib/iov_iter.c), so a buffer that runs into an unmapped page gets
 * Linux's short count, or -EFAULT if nothing moved.
 */
#include "linux/console.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/syscalls.h"
#include "linux/tty.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define MAX_LFS_FILESIZE (0xffffffffLL << PAGE_SHIFT)   /* Linux's, where long is 32 bits */

/* Is f a stream (a pipe, a terminal: no position, pread is -ESPIPE)? Linux's FMODE_STREAM. */
static bool is_stream(const struct file *f)
{
	return !f->f_op || !f->f_op->llseek;
}

/*
 * vfs_read's and vfs_write's checks, in Linux's order: the fd, the mode
 * it was opened with (-EBADF), an operation the file lacks (-EINVAL;
 * -EISDIR for a directory, as generic_read_dir), the buffer below
 * TASK_SIZE (-EFAULT), a count negative as ssize_t or an end past 2^63
 * (-EINVAL, rw_verify_area); then the count is clamped to MAX_RW_COUNT.
 */
static long rw_check(struct file *f, bool write, const void *ubuf, unsigned long *count,
		     const long long *ppos)
{
	int acc;

	if (!f)
		return -EBADF;
	acc = f->f_flags & O_ACCMODE;
	if (write ? acc == O_RDONLY : acc == O_WRONLY)
		return -EBADF;
	if (!f->f_op || !(write ? (void *)f->f_op->write : (void *)f->f_op->read))
		return !write && S_ISDIR(f->mode) ? -EISDIR : -EINVAL;
	if (!access_ok(ubuf, *count))
		return -EFAULT;
	if ((long)*count < 0)
		return -EINVAL;
	if (ppos && (long long)((unsigned long long)*ppos + *count) < 0)
		return -EINVAL;         /* the end would not fit a loff_t */
	if (*count > MAX_RW_COUNT)
		*count = MAX_RW_COUNT;
	return 0;
}

static long do_rw(struct file *f, bool write, char *ubuf, unsigned long count, long long *pos)
{
	return write ? f->f_op->write(f, ubuf, count, pos) : f->f_op->read(f, ubuf, count, pos);
}

long sys_read(int fd, char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);
	long err = rw_check(f, false, ubuf, &count, f && !is_stream(f) ? &f->pos : NULL);

	return err ?: do_rw(f, false, ubuf, count, &f->pos);
}

long sys_write(int fd, const char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);
	long err = rw_check(f, true, ubuf, &count, f && !is_stream(f) ? &f->pos : NULL);

	return err ?: do_rw(f, true, (char *)ubuf, count, &f->pos);
}

/*
 * readv and writev: the iovecs are checked first (import_iovec), then the
 * fd's mode; then one read or write per segment until one comes up short
 * (Linux's do_loop_readv_writev). No bytes, no call.
 */
static long do_rw_vector(int fd, const struct iovec *uiov, unsigned long iovcnt, bool write)
{
	struct file *f = fget(fd);
	struct iovec *iov;
	struct iov_iter iter;
	unsigned long dummy = 0;
	long ret, total = 0;

	if (!f)
		return -EBADF;
	ret = import_iovec(uiov, iovcnt, &iov, &iter);
	if (ret < 0)
		return ret;
	{
		long err = rw_check(f, write, NULL, &dummy, NULL);

		if (err) {
			kfree(iov);
			return err;
		}
	}
	if (ret > 0 && (write ? f->f_op->write_iter : f->f_op->read_iter)) {
		total = write ? f->f_op->write_iter(f, &iter, &f->pos) : f->f_op->read_iter(f, &iter, &f->pos);
		kfree(iov);
		return total;
	}
	for (unsigned long i = 0; ret > 0 && i < iter.nr_segs && total < ret; i++) {
		unsigned long len = min(iov[i].iov_len, (unsigned long)(ret - total));
		long nr;

		if (!len)
			continue;
		nr = do_rw(f, write, iov[i].iov_base, len, &f->pos);
		if (nr < 0) {
			if (!total)
				total = nr;
			break;
		}
		total += nr;
		if ((unsigned long)nr != len)
			break;
	}
	kfree(iov);
	return total;
}

long sys_readv(int fd, const struct iovec *uiov, unsigned long iovcnt)
{
	return do_rw_vector(fd, uiov, iovcnt, false);
}

long sys_writev(int fd, const struct iovec *uiov, unsigned long iovcnt)
{
	return do_rw_vector(fd, uiov, iovcnt, true);
}

/*
 * pread64 and pwrite64 (i386 passes the position in two registers): as
 * read and write at that position, which stays where it was. A stream
 * (a pipe, the console) is -ESPIPE. A negative position, or one that a
 * count would carry past 2^63, is -EINVAL.
 */
static long do_prw(int fd, char *ubuf, unsigned long count, unsigned long lo, unsigned long hi,
		   bool write)
{
	long long pos = (long long)(((unsigned long long)hi << 32) | lo);
	struct file *f = fget(fd);
	long err;

	if (pos < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (is_stream(f))
		return -ESPIPE;
	err = rw_check(f, write, ubuf, &count, &pos);
	return err ?: do_rw(f, write, ubuf, count, &pos);
}

long sys_pread64(int fd, char *ubuf, unsigned long count, unsigned long pos_lo, unsigned long pos_hi)
{
	return do_prw(fd, ubuf, count, pos_lo, pos_hi, false);
}

long sys_pwrite64(int fd, const char *ubuf, unsigned long count, unsigned long pos_lo, unsigned long pos_hi)
{
	return do_prw(fd, (char *)ubuf, count, pos_lo, pos_hi, true);
}

/*
 * generic_file_llseek: a position below 0 or above MAX_LFS_FILESIZE (what
 * a 32-bit page cache can index) is -EINVAL; SEEK_DATA and SEEK_HOLE see
 * one extent of data (-ENXIO at or past the end). Returns the new position.
 */
long long generic_file_llseek(struct file *f, long long offset, int whence)
{
	long long pos, size = f->f_inode ? f->f_inode->i_size : (long long)f->size;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = f->pos + offset;
		break;
	case SEEK_END:
		pos = size + offset;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = whence == SEEK_DATA ? offset : size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > MAX_LFS_FILESIZE)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

/* A directory seeks as dcache_dir_lseek: only SEEK_SET and SEEK_CUR, to any position that is not negative. */
long long dcache_dir_lseek(struct file *f, long long offset, int whence)
{
	long long pos;

	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	pos = whence == SEEK_SET ? offset : f->pos + offset;
	if (pos < 0)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

/* vfs_llseek: -ESPIPE for a stream. */
static long long vfs_llseek(struct file *f, long long offset, int whence)
{
	if (is_stream(f))
		return -ESPIPE;
	return f->f_op->llseek(f, offset, whence);
}

/* lseek: a position that does not fit the returned long is set, but the call says -EOVERFLOW (ksys_lseek). */
long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	long long pos;

	if (!f)
		return -EBADF;
	if (whence > SEEK_HOLE)
		return -EINVAL;
	pos = vfs_llseek(f, offset, whence);
	if (pos < 0)
		return (long)pos;
	return pos == (long)pos ? (long)pos : -EOVERFLOW;
}

/* _llseek(fd, high, low, result, whence): the 64-bit lseek of 32-bit Linux; the position goes to *result. */
long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long *result, unsigned int whence)
{
	struct file *f = fget(fd);
	long long pos;

	if (!f)
		return -EBADF;
	if (whence > SEEK_HOLE)
		return -EINVAL;
	pos = vfs_llseek(f, (long long)(((unsigned long long)hi << 32) | lo), (int)whence);
	if (pos < 0)
		return (long)pos;
	return copy_to_user(result, &pos, sizeof(pos)) ? -EFAULT : 0;
}
