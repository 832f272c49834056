/*
 * Block special files (Linux's block/fops.c). Until the disk driver is
 * here there are no block devices: opening one is -ENXIO, as Linux says
 * for a device number no driver claims.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"

static int blkdev_open(struct inode *inode, struct file *f)
{
	(void)inode, (void)f;
	return -ENXIO;
}

const struct file_operations def_blk_fops = { .open = blkdev_open };

struct block_device *bdev_lookup(dev_t dev)
{
	(void)dev;
	return NULL;
}

int bdev_rw(struct block_device *bdev, sector_t sector, unsigned int count, void *buf, bool write)
{
	(void)bdev, (void)sector, (void)count, (void)buf, (void)write;
	return -ENXIO;
}
