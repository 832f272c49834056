/*
 * Writing dirty inodes back (Linux's fs/fs-writeback.c): the list of
 * dirty inodes each disk keeps, and the flusher thread that empties it.
 *
 * When a mapping gets its first dirty page, its inode goes to the head of
 * its disk's b_dirty list with the time, dirtied_when (Linux's
 * __mark_inode_dirty); when its last dirty page is cleaned it leaves. So
 * the list is in the order inodes were dirtied, the oldest at the tail,
 * and writeback takes inodes from the tail until it meets one that is not
 * old enough.
 *
 * The flusher wakes every dirty_writeback_centisecs (5 s; 0: never by
 * itself) and writes back the inodes dirtied more than
 * dirty_expire_centisecs ago (30 s): Linux's "kupdate" writeback,
 * wb_check_old_data_flush. balance_dirty_pages wakes it early when the
 * dirty pages pass dirty_background_ratio: then it writes the oldest
 * inodes, however young, until they are under it (wb_check_background_flush).
 *
 * The thread: one per disk, "flush-8:0", as Linux 2.6.32 to 3.9 had it.
 * Linux 6.1 runs the same function, wb_workfn, as work items on a
 * workqueue (bdi_wq): a pool of "kworker" threads shared by all the
 * disks, which ps shows as "kworker/u2:1-flush-8:0" while one writes.
 * Pagoda has no workqueues; a dedicated thread shows the same mechanism
 * with one thing less to learn.
 *
 * The flusher only starts the writes (Linux's WB_SYNC_NONE; Pagoda's disk
 * I/O is synchronous anyway); sync, fsync and umount write and wait
 * themselves, in the caller, as before.
 */
#include "linux/backing-dev.h"
#include "linux/fs.h"
#include "linux/kthread.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/wait.h"
#include "linux/writeback.h"

/* umount waits here for writeback to let go of its super block (sb->s_writeback) */
static DECLARE_WAIT_QUEUE_HEAD(sb_writeback_wait);

static unsigned long centisecs_to_jiffies(unsigned int cs)
{
	return (unsigned long)cs * HZ / 100;
}

void __mark_inode_dirty(struct inode *inode)
{
	struct bdi_writeback *wb = &inode_to_bdi(inode)->wb;

	if (!list_empty(&inode->i_io_list))
		return;                 /* dirty already: it keeps the time it was first dirtied */
	inode->dirtied_when = jiffies;
	list_add(&inode->i_io_list, &wb->b_dirty);
}

void inode_io_list_del(struct inode *inode)
{
	list_del_init(&inode->i_io_list);
}

/*
 * Write one inode's dirty pages (and wait for them if wait), keeping the
 * inode and its super block alive meanwhile: an unmount waits for
 * sb->s_writeback to drop to 0 (Linux pins the super block through
 * s_umount). An inode still dirty afterwards -- an error, or pages
 * dirtied again while it was written -- goes back to the head of the list
 * as dirtied now (Linux's requeue_inode and redirty_tail). 0 or -errno.
 */
static int writeback_single_inode(struct bdi_writeback *wb, struct inode *inode, bool wait)
{
	struct super_block *sb = inode->i_sb;
	int err;

	/* A block device's own inode has no super block; it lives while it has pages (invalidate_bdev). */
	if (sb) {
		igrab(inode);
		sb->s_writeback++;
	}
	if (wait)
		err = filemap_write_and_wait_range(inode->i_mapping, 0, MAX_LFS_FILESIZE);
	else
		err = filemap_fdatawrite(inode->i_mapping);
	if (!list_empty(&inode->i_io_list)) {
		inode->dirtied_when = jiffies;
		list_move(&inode->i_io_list, &wb->b_dirty);
	}
	if (sb) {
		iput(inode);
		if (--sb->s_writeback == 0)
			wake_up(&sb_writeback_wait);
	}
	return err;
}

void sb_wait_for_writeback(struct super_block *sb)
{
	struct wait_queue_entry wait = { .task = current };

	for (;;) {
		prepare_to_wait(&sb_writeback_wait, &wait, TASK_UNINTERRUPTIBLE);
		if (!sb->s_writeback)
			break;
		schedule();
	}
	finish_wait(&sb_writeback_wait, &wait);
}

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *p;
	unsigned long n = 0;

	list_for_each(p, head)
		n++;
	return n;
}

/*
 * The flusher's pass over wb's dirty inodes, oldest first (Linux's
 * wb_writeback): those dirtied at or before older_than (all: any), or,
 * for_background, until the dirty pages are under the background
 * threshold. Each inode once at most, so a disk that keeps failing cannot
 * hold the flusher. Returns the inodes written.
 */
static unsigned long wb_writeback(struct bdi_writeback *wb, bool all, unsigned long older_than,
				  bool for_background)
{
	unsigned long passes = list_length(&wb->b_dirty), done = 0;

	while (passes-- && !list_empty(&wb->b_dirty)) {
		struct inode *inode = list_entry(wb->b_dirty.prev, struct inode, i_io_list);

		if (!all && time_after(inode->dirtied_when, older_than))
			break;          /* the rest are younger still */
		if (for_background && !wb_over_bg_thresh())
			break;
		writeback_single_inode(wb, inode, false);
		done++;
	}
	return done;
}

/* Over dirty_background_ratio: the oldest inodes, whatever their age, until under it (wb_check_background_flush). */
static void wb_check_background_flush(struct bdi_writeback *wb)
{
	wb->start_background = false;
	if (wb_over_bg_thresh())
		wb_writeback(wb, true, 0, true);
}

/* Every dirty_writeback_centisecs: the inodes older than dirty_expire_centisecs (wb_check_old_data_flush). */
static void wb_check_old_data_flush(struct bdi_writeback *wb)
{
	unsigned long expired;

	if (!dirty_writeback_interval)
		return;         /* periodic writeback off */
	expired = wb->last_old_flush + centisecs_to_jiffies(dirty_writeback_interval);
	if (time_before(jiffies, expired))
		return;
	wb->last_old_flush = jiffies;
	/*
	 * Pages written through shared mappings: Linux sees them dirtied at
	 * the first write fault (write-notify); Pagoda only in the PTEs'
	 * dirty bits, moved to the pages here as sync does. Their inodes
	 * count as dirtied now, so they go back one expiry later.
	 */
	collect_all_dirty_ptes();
	wb_writeback(wb, false, jiffies - centisecs_to_jiffies(dirty_expire_interval), false);
}

/* What the flusher does each time it wakes (Linux's wb_do_writeback). */
static void wb_do_writeback(struct bdi_writeback *wb)
{
	if (wb->start_all) {
		wb->start_all = false;
		wb_writeback(wb, true, 0, false);
	}
	wb_check_background_flush(wb);
	wb_check_old_data_flush(wb);
}

int wb_workfn(void *data)
{
	struct bdi_writeback *wb = data;

	wb->last_old_flush = jiffies;
	while (!kthread_should_stop()) {
		long timeout = MAX_SCHEDULE_TIMEOUT;

		wb_do_writeback(wb);
		set_current_state(TASK_INTERRUPTIBLE);
		if (wb->start_background || wb->start_all || kthread_should_stop()) {
			set_current_state(TASK_RUNNING);
			continue;
		}
		/* asleep until the next periodic writeback is due, or until woken (Linux's wb_wakeup_delayed) */
		if (dirty_writeback_interval) {
			unsigned long next = wb->last_old_flush + centisecs_to_jiffies(dirty_writeback_interval);

			timeout = time_after(next, jiffies) ? (long)(next - jiffies) : 1;
		}
		schedule_timeout(timeout);
	}
	return 0;
}

void wb_start_background_writeback(void)
{
	struct backing_dev_info *bdi;

	list_for_each_entry(bdi, &bdi_list, bdi_list)
		if (bdi->wb.task && !list_empty(&bdi->wb.b_dirty) && !bdi->wb.start_background) {
			bdi->wb.start_background = true;
			wake_up_process(bdi->wb.task);
		}
}

void wakeup_flusher_threads(void)
{
	struct backing_dev_info *bdi;

	list_for_each_entry(bdi, &bdi_list, bdi_list)
		if (bdi->wb.task) {
			bdi->wb.start_all = true;
			wake_up_process(bdi->wb.task);
		}
}

/*
 * sync(2)'s walk: every dirty inode of every disk, written and waited
 * for, in the caller (Linux's sync_inodes_sb hands the work to the
 * flusher and waits for it). Only dirty inodes are visited.
 */
void sync_all_mappings(void)
{
	struct backing_dev_info *bdi;

	list_for_each_entry(bdi, &bdi_list, bdi_list) {
		struct bdi_writeback *wb = &bdi->wb;
		unsigned long passes = list_length(&wb->b_dirty);

		while (passes-- && !list_empty(&wb->b_dirty))
			writeback_single_inode(wb, list_entry(wb->b_dirty.prev, struct inode, i_io_list), true);
	}
}
