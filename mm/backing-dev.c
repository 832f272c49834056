/*
 * Backing devices (Linux's mm/backing-dev.c): a backing_dev_info per
 * disk, made when the disk is added, with its flusher thread; the list of
 * them that sync and the dirty-page throttle walk.
 */
#include "linux/backing-dev.h"
#include "linux/blkdev.h"
#include "linux/fs.h"
#include "linux/kthread.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/writeback.h"

struct backing_dev_info noop_backing_dev_info = {
	.wb.b_dirty = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_dirty),
	.dev_name = "noop",
	.bdi_list = LIST_HEAD_INIT(bdi_list),
};
struct list_head bdi_list = LIST_HEAD_INIT(noop_backing_dev_info.bdi_list);

struct backing_dev_info *bdi_alloc_register(unsigned int major, unsigned int minor)
{
	struct backing_dev_info *bdi = kzalloc(sizeof(*bdi), GFP_KERNEL);

	if (!bdi)
		return NULL;
	INIT_LIST_HEAD(&bdi->wb.b_dirty);
	snprintf(bdi->dev_name, sizeof(bdi->dev_name), "%u:%u", major, minor);
	bdi->wb.task = kthread_run(wb_workfn, &bdi->wb, "flush-%s", bdi->dev_name);
	if (!bdi->wb.task) {
		printk(KERN_ERR "bdi %s: no flusher thread: its pages go back only at sync\n", bdi->dev_name);
		kfree(bdi);
		return NULL;
	}
	list_add_tail(&bdi->bdi_list, &bdi_list);
	return bdi;
}

struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	const struct block_device *bdev;

	if (inode->i_sb && inode->i_sb->s_bdi)
		return inode->i_sb->s_bdi;
	/* A block device's own inode (fs/buffer.c's bdev_mapping) has no super block
	 * here (Linux's lives on the bdev pseudo file system): its disk's bdi (I_BDEV). */
	if (!inode->i_sb && S_ISBLK(inode->i_mode) && inode->i_private) {
		bdev = inode->i_private;
		if (bdev->bd_disk && bdev->bd_disk->bdi)
			return bdev->bd_disk->bdi;
	}
	return &noop_backing_dev_info;
}
