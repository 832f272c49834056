/*
 * Block devices (Linux's include/linux/blkdev.h and blk_types.h, reduced):
 * a gendisk is one disk as its driver knows it; a block_device is the
 * whole disk or one partition of it, named and numbered as Linux's libata
 * and sd driver do (sda is 8:0, sda1 8:1, sdb 8:16). Sectors are 512
 * bytes.
 *
 * Step 0 of the disk work fixes the interface; block/ and drivers/ata/
 * fill it in.
 */
#ifndef PAGODA_BLKDEV_H
#define PAGODA_BLKDEV_H

#include <stdbool.h>
#include "linux/fs.h"
#include "linux/kdev_t.h"

#define SECTOR_SHIFT 9
#define SECTOR_SIZE  (1U << SECTOR_SHIFT)
#define SCSI_DISK0_MAJOR 8      /* sd: 16 minors per disk, 15 partitions */

typedef unsigned long long sector_t;

struct gendisk;

struct block_device_operations {
	/*
	 * Move count sectors from sector (of the whole disk) to or from buf (a
	 * kernel address); sleeps until done. 0 or -EIO.
	 */
	int (*rw_sectors)(struct gendisk *disk, sector_t sector, unsigned int count, void *buf, bool write);
	/* Make what was written durable (the disk's write cache to the medium): 0 or -EIO. */
	int (*flush)(struct gendisk *disk);
};

#define DISK_MAX_PARTS 16       /* minors per sd disk: the whole disk and 15 partitions */

struct gendisk {
	char disk_name[32];             /* "sda" */
	unsigned int major, first_minor;
	sector_t capacity;              /* sectors */
	const struct block_device_operations *fops;
	void *private_data;             /* the driver's */
	struct block_device *part[DISK_MAX_PARTS];      /* [0] the whole disk, [n] partition n or NULL */
	struct backing_dev_info *bdi;   /* its writeback: dirty inodes and the flusher (NULL: noop's) */
};

struct block_device {
	dev_t bd_dev;                   /* MKDEV(8, 1) for sda1 */
	char bd_name[32];               /* "sda1" */
	struct gendisk *bd_disk;
	sector_t bd_start_sect;         /* where the partition starts on the disk; 0 for the whole disk */
	sector_t bd_nr_sectors;
	int bd_partno;                  /* 0: the whole disk */
	struct inode *bd_inode;         /* its page cache (i_mapping) holds the device's blocks: "Buffers" */
	int bd_openers;                 /* open files of it: their f_mapping is bd_inode's, which must stay */
	void *bd_holder;                /* who has it exclusively: a mounted ext2's super block, a swap area; or NULL */
};

/* The block device numbered dev (kernel dev_t), or NULL: -ENXIO to the caller (Linux's blkdev_get_by_dev). */
struct block_device *bdev_lookup(dev_t dev);
/* Sectors of bdev (relative to its start) to or from a kernel buffer: 0, -EIO, or -EINVAL past its end. */
int bdev_rw(struct block_device *bdev, sector_t sector, unsigned int count, void *buf, bool write);

/* Flush bdev's disk write cache (Linux's blkdev_issue_flush): 0 or -EIO. */
int blkdev_issue_flush(struct block_device *bdev);
/* Bytes in bdev (Linux's bdev_nr_bytes). */
static inline long long bdev_nr_bytes(const struct block_device *bdev)
{
	return (long long)(bdev->bd_nr_sectors << SECTOR_SHIFT);
}

/*
 * Make disk known (Linux's device_add_disk): its whole-disk block device,
 * then its partitions from the partition table, printed as " sda: sda1
 * sda2". The driver has filled disk_name, major, first_minor, capacity,
 * fops. Called at boot; a disk is never removed.
 */
void add_disk(struct gendisk *disk);
/* Read disk's partition table again (BLKRRPART): 0, or -EIO if it cannot be read. */
int bdev_disk_changed(struct gendisk *disk);
/* What a partition table says (Linux's struct parsed_partitions): slot n is partition n, size 0 if none. */
struct parsed_partitions {
	sector_t from[DISK_MAX_PARTS], size[DISK_MAX_PARTS];
	int extended;                   /* the slot of the extended partition (logical ones from 5 on), or 0 */
};
/* block/partitions/msdos.c: fill state (zeroed by the caller) from disk's MBR: 0, -EIO, -ENOMEM. */
int msdos_partition(struct gendisk *disk, struct parsed_partitions *state);
/* The registered disks in order (sda, sdb, ...): the i-th, or NULL past the last. */
struct gendisk *disk_by_index(unsigned int i);

/* What open(2) of a block special file gets (Linux's def_blk_fops, block/fops.c). */
extern const struct file_operations def_blk_fops;

#endif
