/*
 * The block device's page cache, block by block (Linux's fs/buffer.c and
 * block/fops.c's def_blk_aops, reduced): pages of the device are read and
 * written whole through bdev_rw; a handle names one block inside a page.
 * Pagoda keeps no per-block state: a dirty block dirties its page, and
 * the whole page (four 1 KiB blocks, or one 4 KiB block) is written back.
 */
#include "linux/buffer_head.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/page.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/string.h"

#define SECTORS_PER_PAGE (PAGE_SIZE / SECTOR_SIZE)

/* The sectors of page index that lie inside the device (the last page may be short). */
static unsigned int page_sectors(struct block_device *bdev, unsigned long index)
{
	sector_t first = (sector_t)index * SECTORS_PER_PAGE;

	if (first >= bdev->bd_nr_sectors)
		return 0;
	return bdev->bd_nr_sectors - first < SECTORS_PER_PAGE ? (unsigned int)(bdev->bd_nr_sectors - first)
							      : SECTORS_PER_PAGE;
}

static struct block_device *mapping_bdev(struct address_space *mapping)
{
	return (struct block_device *)mapping->host->i_private;
}

/* Linux's blkdev_readpage: the page's sectors from the disk. */
static int blkdev_readpage(struct file *file, struct page *page)
{
	struct block_device *bdev = mapping_bdev(page->mapping);
	unsigned int n = page_sectors(bdev, page->index);
	char *kaddr = kmap(page);
	int err;

	(void)file;
	if (!kaddr) {
		unlock_page(page);
		return -ENOMEM;
	}
	memset(kaddr, 0, PAGE_SIZE);
	err = n ? bdev_rw(bdev, (sector_t)page->index * SECTORS_PER_PAGE, n, kaddr, false) : 0;
	kunmap(page);
	if (err)
		SetPageError(page);
	else
		SetPageUptodate(page);
	unlock_page(page);
	return err;
}

/* Linux's blkdev_writepage: the page's sectors to the disk (synchronously: the driver sleeps us). */
static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	struct block_device *bdev = mapping_bdev(page->mapping);
	unsigned int n = page_sectors(bdev, page->index);
	char *kaddr;
	int err = 0;

	(void)wbc;
	set_page_writeback(page);
	kaddr = kmap(page);
	if (!kaddr)
		err = -ENOMEM;
	else if (n)
		err = bdev_rw(bdev, (sector_t)page->index * SECTORS_PER_PAGE, n, kaddr, true);
	if (kaddr)
		kunmap(page);
	if (err) {
		SetPageError(page);
		page->mapping->flags |= 1UL << AS_EIO;
		set_page_dirty(page);   /* still not on the disk */
	}
	end_page_writeback(page);
	unlock_page(page);
	return err;
}

static const struct address_space_operations def_blk_aops = {
	.readpage = blkdev_readpage,
	.writepage = blkdev_writepage,
};

struct address_space *bdev_mapping(struct block_device *bdev)
{
	struct inode *inode = bdev->bd_inode;

	if (!inode) {
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
		if (!inode)
			return NULL;
		inode->i_mode = S_IFBLK | 0600;
		inode->i_rdev = bdev->bd_dev;
		inode->i_size = bdev_nr_bytes(bdev);
		inode->i_count = 1;     /* the device's own, for as long as the kernel runs */
		init_rwsem(&inode->i_rwsem);
		inode->i_private = bdev;
		inode->i_mapping = &inode->i_data;
		mapping_init(&inode->i_data, inode, &def_blk_aops);
		bdev->bd_inode = inode;
	}
	return inode->i_mapping;
}

struct buffer_head *__bread(struct block_device *bdev, unsigned long blocknr, unsigned int size)
{
	struct address_space *mapping = bdev_mapping(bdev);
	unsigned long long byte = (unsigned long long)blocknr * size;
	struct buffer_head *bh;
	struct page *page;
	char *kaddr;
	int err;

	if (!mapping || byte + size > (unsigned long long)bdev_nr_bytes(bdev))
		return NULL;
	bh = kmalloc(sizeof(*bh), GFP_KERNEL);
	if (!bh)
		return NULL;
	page = read_mapping_page(mapping, (unsigned long)(byte >> PAGE_SHIFT), NULL, &err);
	if (!page) {
		kfree(bh);
		return NULL;
	}
	kaddr = kmap(page);
	if (!kaddr) {
		put_page(page);
		kfree(bh);
		return NULL;
	}
	bh->b_page = page;
	bh->b_data = kaddr + (byte & ~PAGE_MASK);
	bh->b_blocknr = blocknr;
	bh->b_size = size;
	bh->b_bdev = bdev;
	return bh;
}

void brelse(struct buffer_head *bh)
{
	if (!bh)
		return;
	kunmap(bh->b_page);
	put_page(bh->b_page);
	kfree(bh);
}

void lock_buffer(struct buffer_head *bh)
{
	lock_page(bh->b_page);
}

void unlock_buffer(struct buffer_head *bh)
{
	unlock_page(bh->b_page);
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	set_page_dirty(bh->b_page);
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	long long start = (long long)bh->b_page->index << PAGE_SHIFT;

	return filemap_write_and_wait_range(bh->b_page->mapping, start, start + PAGE_SIZE - 1);
}

int sync_blockdev(struct block_device *bdev)
{
	if (!bdev->bd_inode)
		return 0;
	return filemap_write_and_wait_range(bdev->bd_inode->i_mapping, 0, MAX_LFS_FILESIZE);
}

void invalidate_bdev(struct block_device *bdev)
{
	if (!bdev->bd_inode)
		return;
	sync_blockdev(bdev);
	invalidate_mapping_pages(bdev->bd_inode->i_mapping, 0, ~0UL);
	/* nothing cached and no open file using it: the next user makes it again */
	if (!bdev->bd_inode->i_data.nrpages && !bdev->bd_openers) {
		kfree(bdev->bd_inode);
		bdev->bd_inode = NULL;
	}
}

void bdev_update_alias(struct block_device *bdev, unsigned long blocknr, unsigned int size, const void *data)
{
	unsigned long long byte = (unsigned long long)blocknr * size;
	struct page *page;
	char *kaddr;

	if (!bdev->bd_inode)
		return;
	page = find_get_page(bdev->bd_inode->i_mapping, (unsigned long)(byte >> PAGE_SHIFT));
	if (!page)
		return;
	if (PageUptodate(page)) {
		kaddr = kmap(page);
		if (kaddr) {
			memcpy(kaddr + (byte & ~PAGE_MASK), data, size);
			kunmap(page);
		} else {
			ClearPageUptodate(page);        /* cannot update it: read it again next time */
		}
	}
	put_page(page);
}

unsigned long nr_blockdev_pages(void)
{
	unsigned long pages = 0;
	struct gendisk *disk;

	for (unsigned int i = 0; (disk = disk_by_index(i)); i++)
		for (int p = 0; p < DISK_MAX_PARTS; p++)
			if (disk->part[p] && disk->part[p]->bd_inode)
				pages += disk->part[p]->bd_inode->i_data.nrpages;
	return pages;
}
