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
#include "linux/uaccess.h"
#include "linux/uio.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define MAX_LFS_FILESIZE (0xffffffffLL << PAGE_SHIFT)   /* Linux's, where long is 32 bits */

/*
 * The console is a terminal: its bytes go through its file operations
 * (tty_fops, drivers/tty/): a write as a whole through write_iter (the
 * tty's 2048-byte chunks run across iovecs), a read one user segment at a
 * time, stopping after the first that got anything (a read returns a line).
 */
static long console_rw_iter(struct file *f, struct iov_iter *it, bool write)
{
	long done = 0;

	if (write && f->f_op->write_iter)
		return f->f_op->write_iter(f, it);

	while (it->count) {
		const struct iovec *v = it->iov;
		char *base = (char *)v->iov_base + it->iov_offset;
		unsigned long len = min(v->iov_len - it->iov_offset, it->count);
		long n = !len ? 0 : write ? f->f_op->write(f, base, len, NULL) : f->f_op->read(f, base, len, NULL);

		if (n < 0)
			return done ? done : n;
		done += n;
		it->count -= (size_t)n;
		it->iov_offset += (size_t)n;
		if (it->iov_offset == v->iov_len) {
			it->iov++;
			it->nr_segs--;
			it->iov_offset = 0;
		}
		if ((unsigned long)n < len || (!write && n))
			break;
	}
	return done;
}

/*
 * What vfs_read does once the buffer and count are checked: a short copy
 * (the buffer runs into an unmapped page) returns the bytes copied and
 * moves the position by them; -EFAULT only when nothing could be copied.
 */
static long do_read_iter(struct file *f, struct iov_iter *to, long long *ppos)
{
	size_t n, copied;

	if (S_ISDIR(f->mode))
		return -EISDIR;         /* generic_read_dir */
	if (f->console)
		return to->count ? console_rw_iter(f, to, false) : 0;
	if (*ppos >= (long long)f->size)
		return 0;
	n = min(to->count, f->size - (size_t)*ppos);
	copied = copy_to_iter(f->data + *ppos, n, to);
	if (n && !copied)
		return -EFAULT;
	*ppos += copied;
	return (long)copied;
}

/*
 * vfs_read's and vfs_write's checks, in Linux's order: the fd, the mode
 * it was opened with (-EBADF), the buffer below TASK_SIZE (-EFAULT), a
 * count negative as ssize_t or an end past 2^63 (-EINVAL, rw_verify_area);
 * then the count is
 * clamped to MAX_RW_COUNT.
 */
static long rw_check(struct file *f, bool write, const void *ubuf, unsigned long *count,
		     const long long *ppos)
{
	if (!f || (write && !f->console))
		return -EBADF;          /* initrd files are opened read-only */
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

long sys_read(int fd, char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);
	struct iovec iov;
	struct iov_iter to;
	long err = rw_check(f, false, ubuf, &count, f && !f->console ? &f->pos : NULL);

	if (err)
		return err;
	iov_iter_single(&to, &iov, ubuf, count);
	return do_read_iter(f, &to, &f->pos);
}

long sys_write(int fd, const char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);
	struct iovec iov;
	struct iov_iter from;
	long err = rw_check(f, true, ubuf, &count, NULL);

	if (err)
		return err;
	iov_iter_single(&from, &iov, (void *)ubuf, count);
	return console_rw_iter(f, &from, true);
}

/* readv and writev: the iovecs are checked first (import_iovec), then the fd's mode; no bytes, no call. */
static long do_rw_vector(int fd, const struct iovec *uiov, unsigned long iovcnt, bool write)
{
	struct file *f = fget(fd);
	struct iovec *iov;
	struct iov_iter iter;
	long ret;

	if (!f)
		return -EBADF;
	ret = import_iovec(uiov, iovcnt, &iov, &iter);
	if (ret < 0)
		return ret;
	if (write && !f->console)
		ret = -EBADF;
	else if (ret > 0)
		ret = write ? console_rw_iter(f, &iter, true) : do_read_iter(f, &iter, &f->pos);
	kfree(iov);
	return ret;
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
 * read and write at that position, which stays where it was. The console
 * is a terminal, opened not seekable: -ESPIPE (nonseekable_open). A
 * negative position, or one that a count would carry past 2^63, is -EINVAL.
 */
static long do_prw(int fd, char *ubuf, unsigned long count, unsigned long lo, unsigned long hi,
		   bool write)
{
	long long pos = (long long)(((unsigned long long)hi << 32) | lo);
	struct file *f = fget(fd);
	struct iovec iov;
	struct iov_iter iter;
	long err;

	if (pos < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (f->console)
		return -ESPIPE;
	err = rw_check(f, write, ubuf, &count, &pos);
	if (err)
		return err;
	/* only the console is open for writing, and it was refused above */
	iov_iter_single(&iter, &iov, ubuf, count);
	return do_read_iter(f, &iter, &pos);
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
 * lseek as generic_file_llseek: a position below 0 or above
 * MAX_LFS_FILESIZE (what a 32-bit page cache can index) is -EINVAL; SEEK_DATA
 * and SEEK_HOLE see one extent of data (-ENXIO at or past the end); a
 * position that does not fit the returned long is set, but the call says
 * -EOVERFLOW (ksys_lseek). A directory seeks as dcache_dir_lseek: only
 * SEEK_SET and SEEK_CUR, to any position that is not negative.
 */
long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	long long pos;

	if (!f)
		return -EBADF;
	if (f->console)
		return -ESPIPE;
	if (S_ISDIR(f->mode) && whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = f->pos + offset;
		break;
	case SEEK_END:
		pos = (long long)f->size + offset;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (offset < 0 || (size_t)offset >= f->size)
			return -ENXIO;
		pos = whence == SEEK_DATA ? offset : (long long)f->size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || (pos > MAX_LFS_FILESIZE && !S_ISDIR(f->mode)))
		return -EINVAL;
	f->pos = pos;
	return pos == (long)pos ? (long)pos : -EOVERFLOW;
}
