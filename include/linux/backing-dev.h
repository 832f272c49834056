/*
 * Where dirty pages go back to (Linux's include/linux/backing-dev.h and
 * backing-dev-defs.h): one backing_dev_info per disk, and in it the
 * bdi_writeback that lists the disk's dirty inodes, oldest last, and the
 * flusher thread that writes them back (fs/fs-writeback.c).
 */
#ifndef PAGODA_BACKING_DEV_H
#define PAGODA_BACKING_DEV_H

#include <stdbool.h>
#include "linux/list.h"

struct inode;
struct task_struct;

/* The writeback state of one device (Linux's struct bdi_writeback, one per bdi: no cgroups). */
struct bdi_writeback {
	struct list_head b_dirty;       /* dirty inodes (inode->i_io_list), newest first, by dirtied_when */
	unsigned long last_old_flush;   /* jiffies: the last periodic (kupdate) writeback */
	bool start_background;          /* balance_dirty_pages asked: dirty pages over the background threshold */
	bool start_all;                 /* write every dirty inode, old or not (wakeup_flusher_threads) */
	struct task_struct *task;       /* the flusher thread; NULL for noop_backing_dev_info */
};

struct backing_dev_info {
	struct bdi_writeback wb;
	char dev_name[16];              /* "8:0": the flusher is "flush-8:0" */
	struct list_head bdi_list;      /* on bdi_list */
};

/* Every registered bdi, noop_backing_dev_info first (mm/backing-dev.c). */
extern struct list_head bdi_list;
/* For inodes on no disk (Linux's noop_backing_dev_info): its dirty inodes are written only by sync. */
extern struct backing_dev_info noop_backing_dev_info;

/*
 * A new bdi for the disk numbered major:minor, registered, with its
 * flusher thread running (Linux's bdi_alloc and bdi_register). NULL if
 * there is no memory or no thread could be made: its inodes then go on
 * noop_backing_dev_info's list, written back only by sync.
 */
struct backing_dev_info *bdi_alloc_register(unsigned int major, unsigned int minor);

/* The bdi whose list an inode's dirty pages put it on (Linux's inode_to_bdi). */
struct backing_dev_info *inode_to_bdi(struct inode *inode);

#endif
