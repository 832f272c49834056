/*
 * Block devices as the kernel uses them (Linux's block/bdev.c and the
 * submit path of block/blk-core.c, with no request queue): a read or write
 * of sectors relative to a partition becomes one of sectors of the whole
 * disk, handed to the driver, which sleeps the caller until it is done.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmstat.h"

#define BIO_MAX_SECTORS 256     /* one call to the driver: what one LBA28 command moves */

int bdev_rw(struct block_device *bdev, sector_t sector, unsigned int count, void *buf, bool write)
{
	struct gendisk *disk = bdev->bd_disk;

	if (sector >= bdev->bd_nr_sectors || count > bdev->bd_nr_sectors - sector)
		return -EINVAL;
	while (count) {
		unsigned int n = count < BIO_MAX_SECTORS ? count : BIO_MAX_SECTORS;
		int err = disk->fops->rw_sectors(disk, bdev->bd_start_sect + sector, n, buf, write);

		if (err)
			return err;
		count_vm_events(write ? PGPGOUT : PGPGIN, n);  /* sectors, as Linux's submit_bio */
		sector += n;
		count -= n;
		buf = (char *)buf + n * SECTOR_SIZE;
	}
	return 0;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct gendisk *disk = bdev->bd_disk;

	return disk->fops->flush ? disk->fops->flush(disk) : 0;
}

/* A new block device for partition partno of disk (Linux's bdev_alloc): NULL if no memory. */
struct block_device *bdev_alloc(struct gendisk *disk, int partno)
{
	struct block_device *bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);

	if (!bdev)
		return NULL;
	bdev->bd_disk = disk;
	bdev->bd_partno = partno;
	bdev->bd_dev = MKDEV(disk->major, disk->first_minor + (unsigned int)partno);
	if (partno)
		snprintf(bdev->bd_name, sizeof(bdev->bd_name), "%s%d", disk->disk_name, partno);
	else
		strlcpy(bdev->bd_name, disk->disk_name, sizeof(bdev->bd_name));
	return bdev;
}
