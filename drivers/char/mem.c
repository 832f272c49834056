/*
 * /dev (Linux's drivers/char/mem.c devlist and a fixed devtmpfs): null,
 * zero, full, random, urandom, and the terminals console and tty, whose
 * file operations are the tty's. /dev is a directory of these alone.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/tty.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

long get_random_bytes_user(char *ubuf, unsigned long count);

/* null_lseek: every position is 0 */
static long long null_lseek(struct file *f, long long offset, int whence)
{
	(void)offset, (void)whence;
	return f->pos = 0;
}

static long read_null(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	(void)f, (void)ubuf, (void)count, (void)pos;
	return 0;
}

static long write_null(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	(void)f, (void)ubuf, (void)pos;
	return (long)count;
}

/* /dev/zero and /dev/full read zeros: a short count at a fault, -EFAULT if none. */
static long read_zero(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	unsigned long left = clear_user(ubuf, count);

	(void)f, (void)pos;
	return left == count && count ? -EFAULT : (long)(count - left);
}

static long write_full(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	(void)f, (void)ubuf, (void)count, (void)pos;
	return -ENOSPC;
}

static long read_random(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	(void)f, (void)pos;
	return get_random_bytes_user(ubuf, count);
}

/* The mm makes an mmap of /dev/zero anonymous memory (file_mmap_anonymous): this says it may. */
static int mmap_zero(struct file *f, struct vm_area_struct *vma)
{
	(void)f, (void)vma;
	return 0;
}

/* The same for a kernel writer (sendfile): every byte taken (Linux's splice_write_null). */
static long write_iter_null(struct file *f, struct iov_iter *from, long long *pos)
{
	size_t n = from->count;

	(void)f, (void)pos;
	from->count = 0;
	return (long)n;
}

static const struct file_operations null_fops = { .llseek = null_lseek, .read = read_null, .write = write_null,
						  .write_iter = write_iter_null };
static const struct file_operations zero_fops = { .llseek = null_lseek, .read = read_zero, .write = write_null,
						  .mmap = mmap_zero };
static const struct file_operations full_fops = { .llseek = null_lseek, .read = read_zero, .write = write_full };
static const struct file_operations random_fops = { .llseek = null_lseek, .read = read_random,
						    .write = write_null };

bool file_mmap_anonymous(const struct file *f)
{
	return f->f_op == &zero_fops;
}

static const struct devlist {
	const char *name;
	unsigned int mode, major, minor;
	const struct file_operations *fops;
} devlist[] = {
	{ "console", S_IFCHR | 0600, 5, 1, &tty_fops },
	{ "full", S_IFCHR | 0666, 1, 7, &full_fops },
	{ "null", S_IFCHR | 0666, 1, 3, &null_fops },
	{ "random", S_IFCHR | 0666, 1, 8, &random_fops },
	{ "tty", S_IFCHR | 0666, 5, 0, &tty_fops },
	{ "urandom", S_IFCHR | 0666, 1, 9, &random_fops },
	{ "zero", S_IFCHR | 0666, 1, 5, &zero_fops },
};
#define NR_DEVS (sizeof(devlist) / sizeof(devlist[0]))
#define DEV_INO_BASE 2          /* /dev itself is 1 */

static const struct inode_operations devtmpfs_dir_iops;
static const struct file_operations devtmpfs_dir_fops;

static struct inode *dev_inode(const char *path, int *err)
{
	struct inode *inode = new_inode(&devtmpfs_sb, path);

	if (!inode)
		*err = -ENOMEM;
	return inode;
}

struct inode *devtmpfs_root(int *err)
{
	struct inode *inode = dev_inode("/dev", err);

	if (inode) {
		inode->i_mode = S_IFDIR | 0755;
		inode->i_ino = 1;
		inode->i_nlink = 2;
		inode->i_op = &devtmpfs_dir_iops;
		inode->i_fop = &devtmpfs_dir_fops;
	}
	return inode;
}

static struct inode *devtmpfs_lookup(struct inode *dir, const char *name, int len, int *err)
{
	(void)dir;
	for (unsigned int i = 0; i < NR_DEVS; i++) {
		const struct devlist *d = &devlist[i];
		char path[32];
		struct inode *inode;

		if ((int)strlen(d->name) != len || memcmp(d->name, name, (size_t)len))
			continue;
		strlcpy(path, "/dev/", sizeof(path));
		strlcpy(path + 5, d->name, sizeof(path) - 5);
		inode = dev_inode(path, err);
		if (inode) {
			inode->i_mode = d->mode;
			inode->i_ino = DEV_INO_BASE + i;
			inode->i_rdev = (d->minor & 0xff) | (d->major << 8);    /* new_encode_dev */
			inode->i_fop = d->fops;
		}
		return inode;
	}
	*err = -ENOENT;
	return NULL;
}

static int devtmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	(void)f;
	for (; ctx->pos < 2 + (long long)NR_DEVS; ctx->pos++) {
		long long i = ctx->pos - 2;
		bool ok = ctx->pos < 2 ? dir_emit(ctx, "..", (int)ctx->pos + 1, 1, DT_DIR)
				       : dir_emit(ctx, devlist[i].name, (int)strlen(devlist[i].name),
						  DEV_INO_BASE + (unsigned long)i, DT_CHR);

		if (!ok)
			break;
	}
	return 0;
}

static const struct inode_operations devtmpfs_dir_iops = { .lookup = devtmpfs_lookup };
static const struct file_operations devtmpfs_dir_fops = { .llseek = dcache_dir_lseek,
							  .iterate_shared = devtmpfs_iterate };
