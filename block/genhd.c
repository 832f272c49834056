/*
 * The disks the kernel knows (Linux's block/genhd.c and the partition
 * scan of block/partitions/core.c): each registered gendisk, its whole-disk
 * block device and its partitions, looked up by device number, and listed
 * in /proc/partitions.
 */
#include "linux/backing-dev.h"
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/string.h"

#define MAX_DISKS 26            /* sda to sdz */

static struct gendisk *disks[MAX_DISKS];
static unsigned int nr_disks;

struct block_device *bdev_alloc(struct gendisk *disk, int partno);

struct gendisk *disk_by_index(unsigned int i)
{
	return i < nr_disks ? disks[i] : NULL;
}

/* A partition that a rescan dropped keeps its block_device (open files may point at it), at size 0. */
static bool bdev_present(const struct block_device *bdev)
{
	return bdev && (bdev->bd_partno == 0 || bdev->bd_nr_sectors);
}

struct block_device *bdev_lookup(dev_t dev)
{
	for (unsigned int i = 0; i < nr_disks; i++) {
		struct gendisk *disk = disks[i];

		if (MAJOR(dev) == disk->major && MINOR(dev) >= disk->first_minor &&
		    MINOR(dev) < disk->first_minor + DISK_MAX_PARTS) {
			struct block_device *bdev = disk->part[MINOR(dev) - disk->first_minor];

			return bdev_present(bdev) ? bdev : NULL;
		}
	}
	return NULL;
}

/*
 * Read the partition table and set up partitions 1..15 (Linux's
 * blk_add_partitions): a partition that starts past the end of the disk
 * is dropped, one that runs past it is cut, with Linux's warnings.
 */
int bdev_disk_changed(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);
	sector_t *start, *size;
	char line[200];
	int err;
	size_t len;

	if (!state)
		return -ENOMEM;
	err = msdos_partition(disk, state);
	start = state->from;
	size = state->size;

	snprintf(line, sizeof(line), " %s:", disk->disk_name);
	for (int p = 1; p < DISK_MAX_PARTS; p++) {
		struct block_device *bdev = disk->part[p];

		if (size[p] && start[p] >= disk->capacity) {
			pr_warn("%s: p%d start %llu is beyond EOD, truncated\n", disk->disk_name, p, start[p]);
			size[p] = 0;
		} else if (size[p] && start[p] + size[p] > disk->capacity) {
			pr_warn("%s: p%d size %llu extends beyond EOD, truncated\n", disk->disk_name, p, size[p]);
			size[p] = disk->capacity - start[p];
		}
		if (bdev) {     /* a rescan: the partition keeps its block_device */
			bdev->bd_start_sect = start[p];
			bdev->bd_nr_sectors = size[p];
		} else if (size[p]) {
			bdev = bdev_alloc(disk, p);
			if (!bdev) {
				pr_err("%s: no memory for partition %d\n", disk->disk_name, p);
				continue;
			}
			bdev->bd_start_sect = start[p];
			bdev->bd_nr_sectors = size[p];
			disk->part[p] = bdev;
		}
		len = strlen(line);
		if (size[p])
			snprintf(line + len, sizeof(line) - len, " %s%s", bdev->bd_name,
				 p == state->extended ? " <" : "");
		len = strlen(line);
		if (state->extended && p == DISK_MAX_PARTS - 1)
			snprintf(line + len, sizeof(line) - len, " >");
	}
	if (err == -EIO) {
		len = strlen(line);
		snprintf(line + len, sizeof(line) - len, " unable to read partition table");
	}
	pr_info("%s\n", line);
	kfree(state);
	return err == -EIO ? -EIO : 0;
}

void add_disk(struct gendisk *disk)
{
	struct block_device *whole = bdev_alloc(disk, 0);

	if (!whole || nr_disks == MAX_DISKS)
		panic("add_disk %s: %s", disk->disk_name, whole ? "too many disks" : "no memory");
	whole->bd_nr_sectors = disk->capacity;
	disk->part[0] = whole;
	disks[nr_disks++] = disk;
	disk->bdi = bdi_alloc_register(disk->major, disk->first_minor);        /* and its flusher, flush-8:0 */
	bdev_disk_changed(disk);
	devtmpfs_add_disk(disk);        /* /dev/sda, /dev/sda1 ... */
}

/*
 * /proc/partitions (Linux's show_partition_start and show_partition): each
 * disk and each of its partitions, sizes in 1 KiB blocks; the heading only
 * if there is a disk (with none the file is empty, as on Linux).
 */
int show_partition(struct seq_file *m, void *v)
{
	(void)v;
	if (nr_disks)
		seq_puts(m, "major minor  #blocks  name\n\n");
	for (unsigned int i = 0; i < nr_disks; i++) {
		if (!disks[i]->capacity)
			continue;
		for (int p = 0; p < DISK_MAX_PARTS; p++) {
			struct block_device *bdev = disks[i]->part[p];

			if (bdev_present(bdev))
				seq_printf(m, "%4u  %7u %10llu %s\n", MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev),
					   bdev->bd_nr_sectors >> 1, bdev->bd_name);
		}
	}
	return 0;
}
