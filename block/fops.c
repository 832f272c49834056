/*
 * Block special files (Linux's block/fops.c and block/ioctl.c): /dev/sda
 * and /dev/sda1 read and write the bytes of a disk or a partition at any
 * offset, through a one-page bounce buffer; a partial sector is read,
 * changed and written back. The page cache will hold these pages later
 * (the device's bd_inode, "Buffers"); until then every read goes to the
 * disk, and a write reaches it before write() returns.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/kdev_t.h"
#include "linux/page.h"
#include "linux/slab.h"
#include "linux/uaccess.h"

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

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = bdev_lookup(new_decode_dev(inode->i_rdev));

	if (!bdev)
		return -ENXIO;  /* no driver has that device number */
	f->private_data = bdev;
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
 * Move count bytes at *pos between ubuf and the device, a page at a time
 * through a bounce buffer. Returns the bytes done; -EFAULT if the user
 * buffer fails before any, -EIO if the disk does.
 */
static long blkdev_rw(struct file *f, char *ubuf, unsigned long count, long long *pos, bool write)
{
	struct block_device *bdev = file_bdev(f);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long done = 0;
	long err = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		unsigned long long p = (unsigned long long)*pos;
		sector_t sector = p >> SECTOR_SHIFT;
		unsigned int off = p & (SECTOR_SIZE - 1);
		unsigned long n = count - done < PAGE_SIZE - off ? count - done : PAGE_SIZE - off;
		unsigned int nsect = (unsigned int)((off + n + SECTOR_SIZE - 1) >> SECTOR_SHIFT);
		unsigned long left;

		/* a write of whole sectors need not read them first */
		bool was_read = !write || off || ((off + n) & (SECTOR_SIZE - 1));

		if (was_read) {
			err = bdev_rw(bdev, sector, nsect, buf, false);
			if (err)
				break;
		}
		left = write ? copy_from_user(buf + off, ubuf + done, n) : copy_to_user(ubuf + done, buf + off, n);
		if (write && left) {
			/* write what arrived: the sectors it touched if they were read first, else whole ones only */
			n -= left;
			nsect = (unsigned int)(was_read ? (off + n + SECTOR_SIZE - 1) >> SECTOR_SHIFT
							: (off + n) >> SECTOR_SHIFT);
			if (!was_read)
				n = nsect * SECTOR_SIZE - off;
		}
		if (write && n) {
			err = bdev_rw(bdev, sector, nsect, buf, true);
			if (err)
				break;
		} else if (!write) {
			n -= left;
		}
		done += n;
		*pos += (long long)n;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	kfree(buf);
	return done ? (long)done : err;
}

/* Linux's blkdev_read_iter: nothing at or past the end; a read that runs past it is cut. */
static long blkdev_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	long long size = bdev_nr_bytes(file_bdev(f));

	if (*pos >= size || count == 0)
		return 0;
	if ((long long)count > size - *pos)
		count = (unsigned long)(size - *pos);
	return blkdev_rw(f, ubuf, count, pos, false);
}

/* Linux's blkdev_write_iter: -ENOSPC at or past the end; a write that runs past it is cut. */
static long blkdev_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	long long size = bdev_nr_bytes(file_bdev(f));

	if (count == 0)
		return 0;
	if (*pos >= size)
		return -ENOSPC;
	if ((long long)count > size - *pos)
		count = (unsigned long)(size - *pos);
	return blkdev_rw(f, (char *)ubuf, count, pos, true);
}

/* Linux's blkdev_fsync: the data is on the disk already; flush the disk's write cache. */
int blkdev_fsync(struct file *f, long long start, long long end, int datasync)
{
	(void)start, (void)end, (void)datasync;
	return blkdev_issue_flush(file_bdev(f));
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
		return 0;       /* no buffers to drop yet */
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
	.llseek = blkdev_llseek,
	.read = blkdev_read,
	.write = blkdev_write,
	.unlocked_ioctl = blkdev_ioctl,
	.fsync = blkdev_fsync,
};
