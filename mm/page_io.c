/*
 * Swap I/O (Linux's mm/page_io.c): a swap-cache page to or from its slot,
 * one page through the block layer: the slot's sector on the area's
 * device (offset * 8 on a disk or partition; a swap file's own map of its
 * blocks otherwise). Synchronous: the caller sleeps until the disk is
 * done, as Linux's swap_readpage with synchronous I/O does.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/pagemap.h"
#include "linux/swap.h"
#include "linux/vmstat.h"

/* Move page to or from its slot: 0 or -EIO. */
static int swap_page_io(struct page *page, bool write)
{
	swp_entry_t entry = page_swap_entry(page);
	struct swap_info_struct *si = swap_info[swp_type(entry)];
	void *kaddr;
	int err;

	BUG_ON(!PageSwapCache(page) || !si);
	kaddr = kmap(page);     /* not atomic: the driver sleeps */
	if (!kaddr)
		return -ENOMEM;
	err = bdev_rw(si->bdev, swap_slot_sector(si, swp_offset(entry)), PAGE_SIZE / SECTOR_SIZE, kaddr, write);
	kunmap(page);
	if (err) {
		SetPageError(page);
		return -EIO;
	}
	ClearPageError(page);
	count_vm_event(write ? PSWPOUT : PSWPIN);
	return 0;
}

int swap_writepage(struct page *page)
{
	return swap_page_io(page, true);
}

int swap_readpage(struct page *page)
{
	int err = swap_page_io(page, false);

	if (!err)
		SetPageUptodate(page);
	unlock_page(page);
	return err;
}
