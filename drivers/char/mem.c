/*
 * /dev (Linux's drivers/char/mem.c devlist and a fixed devtmpfs): null,
 * zero, full, random, urandom, and the terminals console and tty, whose
 * file operations are the tty's; then the disks and their partitions
 * (sda, sda1, ...: block special files, block/fops.c) the drivers found.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/tty.h"
#include "linux/uaccess.h"

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

static const struct file_operations null_fops = { .llseek = null_lseek, .read = read_null, .write = write_null };
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

const struct file_operations *chrdev_fops(unsigned int rdev)
{
	dev_t dev = new_decode_dev(rdev);

	for (unsigned int i = 0; i < NR_DEVS; i++)
		if (devlist[i].major == MAJOR(dev) && devlist[i].minor == MINOR(dev))
			return devlist[i].fops;
	return NULL;
}
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

/* The n-th block device of all disks, in order (sda, sda1, sda2, sdb ...), or NULL past the last. */
static struct block_device *dev_bdev(unsigned int n)
{
	struct gendisk *disk;

	for (unsigned int i = 0; (disk = disk_by_index(i)); i++)
		for (int p = 0; p < DISK_MAX_PARTS; p++) {
			struct block_device *bdev = disk->part[p];

			if (bdev && (p == 0 || bdev->bd_nr_sectors) && n-- == 0)
				return bdev;
		}
	return NULL;
}

/* /dev/NAME for a disk or partition: a block special file, 0660 as Linux's devtmpfs makes them. */
static struct inode *devtmpfs_lookup_bdev(const char *name, int len, int *err)
{
	struct block_device *bdev;

	for (unsigned int n = 0; (bdev = dev_bdev(n)); n++) {
		char path[48];
		struct inode *inode;

		if ((int)strlen(bdev->bd_name) != len || memcmp(bdev->bd_name, name, (size_t)len))
			continue;
		strlcpy(path, "/dev/", sizeof(path));
		strlcpy(path + 5, bdev->bd_name, sizeof(path) - 5);
		inode = dev_inode(path, err);
		if (inode) {
			inode->i_mode = S_IFBLK | 0660;
			inode->i_ino = DEV_INO_BASE + NR_DEVS + n;
			inode->i_rdev = new_encode_dev(bdev->bd_dev);
			inode->i_fop = &def_blk_fops;
		}
		return inode;
	}
	*err = -ENOENT;
	return NULL;
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
	return devtmpfs_lookup_bdev(name, len, err);
}

static int devtmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	(void)f;
	for (;; ctx->pos++) {
		long long i = ctx->pos - 2;
		struct block_device *bdev = NULL;
		bool ok;

		if (ctx->pos < 2)
			ok = dir_emit(ctx, "..", (int)ctx->pos + 1, 1, DT_DIR);
		else if (i < (long long)NR_DEVS)
			ok = dir_emit(ctx, devlist[i].name, (int)strlen(devlist[i].name),
				      DEV_INO_BASE + (unsigned long)i, DT_CHR);
		else if ((bdev = dev_bdev((unsigned int)(i - NR_DEVS))))
			ok = dir_emit(ctx, bdev->bd_name, (int)strlen(bdev->bd_name),
				      DEV_INO_BASE + (unsigned long)i, DT_BLK);
		else
			break;
		if (!ok)
			break;
	}
	return 0;
}

static const struct inode_operations devtmpfs_dir_iops = { .lookup = devtmpfs_lookup };
static const struct file_operations devtmpfs_dir_fops = { .llseek = dcache_dir_lseek,
							  .iterate_shared = devtmpfs_iterate };
