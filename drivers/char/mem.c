/*
 * The character devices (Linux's drivers/char/mem.c devlist): null,
 * zero, full, random, urandom, and the terminals console and tty, whose
 * file operations are the tty's, found by number when a node is opened
 * (chrdev_fops); devtmpfs (fs/super.c) gets a node for each, and one for
 * each disk and partition the drivers found (sda, sda1, ...: block
 * special files, block/fops.c).
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"
#include "linux/mman.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/shmem_fs.h"
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

/*
 * mmap of /dev/zero (Linux's mmap_zero): a shared mapping is shared
 * anonymous memory, a shmem file of its own; a private one is ordinary
 * anonymous memory (vma_set_anonymous). Linux keeps /dev/zero as the
 * private VMA's vm_file, for /proc/PID/maps; Pagoda's anonymous VMAs are
 * the ones without a file, so it drops it. 0, or -ENOMEM.
 */
static int mmap_zero(struct file *f, struct vm_area_struct *vma)
{
	(void)f;
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	vma_set_anonymous(vma);
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

static struct dentry *devtmpfs_root;   /* once devtmpfs is populated: where disks found later get nodes */

/* A node for each block device of disk, 0660 as Linux's devtmpfs makes them (an empty partition slot: none). */
static void devtmpfs_disk_nodes(struct dentry *root, struct gendisk *disk)
{
	for (int p = 0; p < DISK_MAX_PARTS; p++) {
		struct block_device *bdev = disk->part[p];
		struct dentry *dentry;
		int err;

		if (!bdev || (p && !bdev->bd_nr_sectors))
			continue;
		dentry = d_alloc(root, bdev->bd_name, (unsigned int)strlen(bdev->bd_name));
		err = dentry ? vfs_mknod(root->d_inode, dentry, S_IFBLK | 0660, new_encode_dev(bdev->bd_dev))
			     : -ENOMEM;
		if (err)
			printk(KERN_ERR "devtmpfs: cannot make %s: %d\n", bdev->bd_name, err);
		dput(dentry);
	}
}

void devtmpfs_populate(struct dentry *root)
{
	struct gendisk *disk;

	for (unsigned int i = 0; i < NR_DEVS; i++) {
		const struct devlist *d = &devlist[i];
		struct dentry *dentry = d_alloc(root, d->name, (unsigned int)strlen(d->name));
		int err = dentry ? vfs_mknod(root->d_inode, dentry, d->mode,
					     new_encode_dev(MKDEV(d->major, d->minor))) : -ENOMEM;

		if (err)
			printk(KERN_ERR "devtmpfs: cannot make %s: %d\n", d->name, err);
		dput(dentry);
	}
	for (unsigned int i = 0; (disk = disk_by_index(i)); i++)
		devtmpfs_disk_nodes(root, disk);
	devtmpfs_root = root;
}

void devtmpfs_add_disk(struct gendisk *disk)
{
	if (devtmpfs_root)
		devtmpfs_disk_nodes(devtmpfs_root, disk);
}
