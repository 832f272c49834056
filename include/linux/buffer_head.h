/*
 * Blocks of a block device in its page cache (Linux's buffer_head, much
 * reduced): a file system's metadata (super block, group descriptors,
 * bitmaps, inode tables, indirect blocks) is read and written as blocks
 * of the device, and those blocks live in the pages of the device's own
 * mapping (bdev->bd_inode->i_mapping), which /proc/meminfo calls
 * "Buffers". A buffer_head here is only a handle on one block inside
 * such a page, held while it is used: Linux keeps one per block attached
 * to the page; Pagoda marks the whole page dirty instead.
 */
#ifndef PAGODA_BUFFER_HEAD_H
#define PAGODA_BUFFER_HEAD_H

#include "linux/blkdev.h"

struct page;

struct buffer_head {
	struct page *b_page;            /* the device page holding the block (a reference, kmapped) */
	char *b_data;                   /* the block's bytes */
	unsigned long b_blocknr;        /* in units of b_size */
	unsigned int b_size;            /* bytes: 1024, 2048 or 4096 */
	struct block_device *b_bdev;
};

/*
 * Block blocknr (of size bytes) of bdev, read from the disk unless cached
 * (Linux's __bread): a new handle, or NULL (-EIO or no memory).
 */
struct buffer_head *__bread(struct block_device *bdev, unsigned long blocknr, unsigned int size);
/*
 * Hold bh still while it is changed (Linux's lock_buffer): the block's
 * page lock, which a write-back of the page holds while the disk copies
 * it, so a change never lands half-way through a write. A page's blocks
 * share its lock: hold one buffer locked at a time.
 */
void lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
/* Done with bh (Linux's brelse): the page stays cached. NULL is allowed. */
void brelse(struct buffer_head *bh);
/* The block was changed: its page is written back later (Linux's mark_buffer_dirty). */
void mark_buffer_dirty(struct buffer_head *bh);
/* Write bh's page now and wait (Linux's sync_dirty_buffer): 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh);
/* The device's page cache (made at the first use): its bd_inode's mapping, or NULL if no memory. */
struct address_space *bdev_mapping(struct block_device *bdev);
/* Write back every dirty block of bdev and wait (Linux's sync_blockdev): 0 or -EIO. */
int sync_blockdev(struct block_device *bdev);
/* Drop bdev's cached blocks, written back first (Linux's invalidate_bdev after sync); its bd_inode too once empty. */
void invalidate_bdev(struct block_device *bdev);
/* Pages in every block device's page cache: /proc/meminfo's "Buffers" (Linux's nr_blockdev_pages). */
unsigned long nr_blockdev_pages(void);
/*
 * A file's block was written to the disk behind the device's cache:
 * bring a cached copy up to date so it never writes stale bytes over it
 * (Linux avoids the alias with clean_bdev_aliases).
 */
void bdev_update_alias(struct block_device *bdev, unsigned long blocknr, unsigned int size, const void *data);

#endif
