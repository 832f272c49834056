/*
 * Block special files (Linux's block/fops.c and block/ioctl.c): /dev/sda
 * and /dev/sda1 read and write the bytes of a disk or a partition at any
 * offset through the device's own page cache, the same pages ext2 keeps
 * its metadata in (fs/buffer.c, def_blk_aops): a write is a dirty page
 * that fsync, sync or write-back takes to the disk, and a block ext2 just
 * changed is what a read of the device finds (Linux's blkdev_read_iter
 * and blkdev_write_iter over generic_file_read_iter/write_iter).
 */
#include "linux/blkdev.h"
#include "linux/buffer_head.h"
#include "linux/errno.h"
#include "linux/kdev_t.h"
#include "linux/mm.h"
#include "linux/page.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/uaccess.h"
#include "linux/writeback.h"

#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2

/* ioctl numbers (Linux's include/uapi/linux/fs.h; _IOR's size is i386's: size_t is 4 bytes) */
#define BLKROGET    0x125e      /* _IO(0x12, 94): int, 1 if read-only */
#define BLKRRPART   0x125f      /* _IO(0x12, 95): read the partition table again */
#define BLKGETSIZE  0x1260      /* _IO(0x12, 96): unsigned long, size in sectors */
#define BLKFLSBUF   0x1261      /* _IO(0x12, 97): drop the device's buffers */
#define BLKSSZGET   0x1268      /* _IO(0x12, 104): int, logical sector size */
#define BLKGETSIZE64 0x80041272 /* _IOR(0x12, 114, size_t): u64, size in bytes */

/* Linux's blkdev_open: reads and writes go through the device's mapping, which stays while it is open. */
static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = bdev_lookup(new_decode_dev(inode->i_rdev));

	if (!bdev)
		return -ENXIO;  /* no driver has that device number */
	f->f_mapping = bdev_mapping(bdev);
	if (!f->f_mapping)
		return -ENOMEM;
	f->private_data = bdev;
	bdev->bd_openers++;
	return 0;
}

/*
 * The last close of a device nobody has mounted writes its dirty pages
 * back and drops its cache (Linux's blkdev_put: sync_blockdev and
 * kill_bdev), so another device over the same sectors (sda and sda1) and
 * the disk itself agree once it is closed.
 */
static int blkdev_release(struct inode *inode, struct file *f)
{
	struct block_device *bdev = f->private_data;

	(void)inode;
	if (--bdev->bd_openers == 0)
		invalidate_bdev(bdev);
	return 0;
}

static struct block_device *file_bdev(struct file *f)
{
	return f->private_data;
}

/* Linux's blkdev_llseek (fixed_size_llseek): positions from 0 to the device's size; SEEK_SET, _CUR, _END only. */
static long long blkdev_llseek(struct file *f, long long offset, int whence)
{
	long long size = bdev_nr_bytes(file_bdev(f)), pos;

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
	default:
		return -EINVAL;         /* SEEK_DATA and SEEK_HOLE too, as fixed_size_llseek says */
	}
	if (pos < 0 || pos > size)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

/*
 * There is no page reclaim yet (issue 14): a read of a whole disk would
 * fill memory with the device's clean pages. Until reclaim exists, once
 * the device's cache passes an eighth of memory its clean, unused pages
 * are dropped before more are read (blocks a file system holds, dirty and
 * locked pages stay).
 */
static void bdev_drop_behind(struct address_space *mapping)
{
	if (mapping->nrpages > totalram_pages / 8)
		invalidate_mapping_pages(mapping, 0, ~0UL);
}

/* Linux's blkdev_read_iter: nothing at or past the end; a read that runs past it is cut. */
static long blkdev_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	long long size = bdev_nr_bytes(file_bdev(f));

	if (*pos >= size || count == 0)
		return 0;
	if ((long long)count > size - *pos)
		count = (unsigned long)(size - *pos);
	bdev_drop_behind(f->f_mapping);
	return generic_file_read(f, ubuf, count, pos);
}

/*
 * Linux's blkdev_write_iter: -ENOSPC at or past the end; a write that
 * runs past it is cut. The bytes land in the device's pages (a partial
 * page is read first), dirty; O_SYNC waits for the disk.
 */
static long blkdev_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	long long size = bdev_nr_bytes(file_bdev(f));
	long ret;

	if (IS_SWAPFILE(f->f_mapping->host))
		return -ETXTBSY;        /* an active swap device (Linux's blkdev_write_iter) */
	if (count == 0)
		return 0;
	if (*pos >= size)
		return -ENOSPC;
	if ((long long)count > size - *pos)
		count = (unsigned long)(size - *pos);
	bdev_drop_behind(f->f_mapping);
	ret = generic_file_write(f, ubuf, count, pos);
	if (ret > 0)
		balance_dirty_pages_ratelimited(f->f_mapping);
	return ret;
}

/* Linux's blkdev_fsync: the device's dirty pages in [start, end] to the disk, then its write cache flushed. */
int blkdev_fsync(struct file *f, long long start, long long end, int datasync)
{
	int err = filemap_write_and_wait_range(f->f_mapping, start, end), err2;

	(void)datasync;
	err2 = blkdev_issue_flush(file_bdev(f));
	return err ? err : err2;
}

/* Linux's blkdev_ioctl, the commands that make sense without a page cache or a SCSI layer. */
static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = file_bdev(f);

	switch (cmd) {
	case BLKGETSIZE64:
		return put_user((unsigned long long)bdev_nr_bytes(bdev), (unsigned long long *)arg);
	case BLKGETSIZE:
		/* Linux refuses a size that does not fit an unsigned long */
		if (bdev->bd_nr_sectors > ~0UL)
			return -EFBIG;
		return put_user((unsigned long)bdev->bd_nr_sectors, (unsigned long *)arg);
	case BLKSSZGET:
		return put_user((int)SECTOR_SIZE, (int *)arg);
	case BLKROGET:
		return put_user(0, (int *)arg);
	case BLKFLSBUF:
		/* Linux's: written back, then the clean pages nobody holds dropped */
		sync_blockdev(bdev);
		invalidate_mapping_pages(f->f_mapping, 0, ~0UL);
		return 0;
	case BLKRRPART:
		if (bdev->bd_partno)
			return -EINVAL;
		return bdev_disk_changed(bdev->bd_disk);
	default:
		return -ENOTTY;
	}
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.release = blkdev_release,
	.llseek = blkdev_llseek,
	.read = blkdev_read,
	.write = blkdev_write,
	.unlocked_ioctl = blkdev_ioctl,
	.fsync = blkdev_fsync,
};
