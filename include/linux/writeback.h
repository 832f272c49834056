/*
 * Writing dirty page-cache pages back (Linux's include/linux/writeback.h
 * and mm/page-writeback.c): the knobs of /proc/sys/vm/dirty_*, and the
 * throttle a writer passes after dirtying pages.
 */
#ifndef PAGODA_WRITEBACK_H
#define PAGODA_WRITEBACK_H

#include <stdbool.h>

struct address_space;

/* Linux's defaults: percent of dirtyable memory, and centiseconds */
extern int dirty_background_ratio;              /* 10: background writeback starts */
extern int vm_dirty_ratio;                      /* 20: a writer is made to write back */
extern unsigned int dirty_writeback_interval;   /* 500: how often the flusher looks */
extern unsigned int dirty_expire_interval;      /* 3000: how old a dirty page must be to be written */

/*
 * After a write dirtied pages of mapping: past dirty_background_ratio of
 * dirtyable memory the flusher threads are woken to write back in the
 * background; past vm_dirty_ratio the writer itself writes back (Linux's
 * balance_dirty_pages_ratelimited; Linux makes the writer sleep while the
 * flusher writes, Pagoda's writer does the writing itself, as Linux 2.6's
 * did).
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
/* The thresholds now, in pages (Linux's global_dirty_limits). */
void global_dirty_limits(unsigned long *background, unsigned long *dirty);
/* Are the dirty and writeback pages over the background threshold (Linux's wb_over_bg_thresh)? */
bool wb_over_bg_thresh(void);
/* /proc/sys/vm/dirty_writeback_centisecs was written: a new non-zero interval wakes the flushers (its handler). */
void dirty_writeback_interval_written(void);

/* fs/fs-writeback.c */
struct inode;
struct super_block;
/* The inode's mapping has its first dirty page: onto its disk's b_dirty list, dirtied now (Linux's __mark_inode_dirty). */
void __mark_inode_dirty(struct inode *inode);
/* Its last dirty page was cleaned: off the list (Linux's inode_io_list_del). */
void inode_io_list_del(struct inode *inode);
/* A flusher thread's life: data is its bdi's bdi_writeback; returns 0 when stopped (Linux's wb_workfn). */
int wb_workfn(void *data);
/* Wake the flushers of the disks with dirty inodes to write back in the background (wb_start_background_writeback). */
void wb_start_background_writeback(void);
/* Wake every flusher to write back every dirty inode, old or not (Linux's wakeup_flusher_threads). */
void wakeup_flusher_threads(void);
/* Sleep until no writeback holds sb (umount, before the file system goes). */
void sb_wait_for_writeback(struct super_block *sb);

#endif
