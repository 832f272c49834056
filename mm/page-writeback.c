/*
 * Dirty pages and writing them back (Linux's mm/page-writeback.c, with
 * mm/filemap.c's filemap_fdatawrite_range and friends): PG_dirty and the
 * counts that follow it (the mapping's nrdirty, Dirty in /proc/meminfo,
 * for mappings that can write back), the list of mappings with dirty
 * pages that sync walks, and the loops that hand dirty pages to
 * ->writepage and wait for them; and the dirty limits: a writer may not
 * run ahead of the disk by more than vm_dirty_ratio percent of the memory
 * the page cache could use (balance_dirty_pages). Pages dirtied below
 * the limits are written back by the flusher threads once old enough
 * (fs/fs-writeback.c), or by fsync, msync, sync, syncfs and umount.
 */
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

/* --- dirty pages --------------------------------------------------------- */

/* The first dirty page of a mapping puts its inode on its disk's dirty list (fs/fs-writeback.c). */
static void account_page_dirtied(struct address_space *mapping)
{
	if (!mapping_can_writeback(mapping))
		return;
	inc_node_page_state(NR_FILE_DIRTY);
	inc_node_page_state(NR_DIRTIED);
	if (mapping->nrdirty == 1)
		__mark_inode_dirty(mapping->host);
}

void account_page_cleaned(struct address_space *mapping)
{
	if (!mapping_can_writeback(mapping))
		return;
	dec_node_page_state(NR_FILE_DIRTY);
	if (mapping->nrdirty == 0)
		inode_io_list_del(mapping->host);
}

/* Linux's __set_page_dirty_nobuffers: the flag, and the counts of the page's mapping. */
static bool __set_page_dirty_nobuffers(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (PageDirty(page))
		return false;
	SetPageDirty(page);
	if (mapping) {                  /* a page truncated meanwhile has none: nothing to count */
		mapping->nrdirty++;
		account_page_dirtied(mapping);
	}
	return true;
}

bool set_page_dirty(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (mapping && mapping->a_ops && mapping->a_ops->set_page_dirty)
		return mapping->a_ops->set_page_dirty(page);
	return __set_page_dirty_nobuffers(page);
}

bool clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	BUG_ON(!PageLocked(page));      /* else a writer could dirty it again unseen */
	/*
	 * Linux's rule: the shared PTEs become clean and read-only first, so
	 * a write during or after the I/O faults and dirties the page anew
	 * (do_wp_page); a write one of them saw is the page's now.
	 */
	if (mapping && mapping_can_writeback(mapping) && page_mkclean(page))
		set_page_dirty(page);
	if (!PageDirty(page))
		return false;
	ClearPageDirty(page);
	if (mapping) {
		mapping->nrdirty--;
		account_page_cleaned(mapping);
	}
	return true;
}

/* --- writing back ------------------------------------------------------ */

/* Test and clear a write-back error the mapping has not reported yet (Linux's filemap_check_errors). */
static int filemap_check_errors(struct address_space *mapping)
{
	int err = 0;

	if (mapping->flags & (1UL << AS_ENOSPC))
		err = -ENOSPC;
	if (mapping->flags & (1UL << AS_EIO))
		err = -EIO;
	mapping->flags &= ~(1UL << AS_ENOSPC | 1UL << AS_EIO);
	return err;
}

/* Start writing back the dirty pages of [start, end] (Linux's __filemap_fdatawrite_range): 0 or -errno. */
static int filemap_fdatawrite_range(struct address_space *mapping, long long start, long long end)
{
	unsigned long index = (unsigned long)(start >> PAGE_SHIFT), last;
	struct page *page;
	int ret = 0;

	if (!mapping_can_writeback(mapping) || !mapping->nrdirty || end < start)
		return 0;
	last = end >= MAX_LFS_FILESIZE ? ~0UL : (unsigned long)(end >> PAGE_SHIFT);
	for (page = xa_find(&mapping->i_pages, &index, last); page;
	     page = ++index ? xa_find(&mapping->i_pages, &index, last) : NULL) {
		int err;

		if (!PageDirty(page))
			continue;
		get_page(page);
		lock_page(page);
		wait_on_page_writeback(page);
		if (page->mapping != mapping || !clear_page_dirty_for_io(page)) {
			unlock_page(page);      /* truncated, or written back by someone else */
			put_page(page);
			continue;
		}
		err = mapping->a_ops->writepage(page, NULL);    /* it unlocks the page */
		if (err && !ret)
			ret = err;
		put_page(page);
	}
	return ret;
}

/* Wait for the write-back of [start, end] to end (Linux's filemap_fdatawait_range): 0 or -EIO. */
static int filemap_fdatawait_range(struct address_space *mapping, long long start, long long end)
{
	unsigned long index = (unsigned long)(start >> PAGE_SHIFT), last;
	struct page *page;
	int ret = 0;

	if (end < start)
		return 0;
	last = end >= MAX_LFS_FILESIZE ? ~0UL : (unsigned long)(end >> PAGE_SHIFT);
	for (page = xa_find(&mapping->i_pages, &index, last); page;
	     page = ++index ? xa_find(&mapping->i_pages, &index, last) : NULL) {
		if (!PageWriteback(page))
			continue;
		get_page(page);
		wait_on_page_writeback(page);
		if (PageError(page))
			ret = -EIO;
		put_page(page);
	}
	return ret;
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return filemap_fdatawrite_range(mapping, 0, MAX_LFS_FILESIZE);
}

int filemap_write_and_wait_range(struct address_space *mapping, long long start, long long end)
{
	int err = filemap_fdatawrite_range(mapping, start, end);
	int err2 = filemap_fdatawait_range(mapping, start, end);
	int err3 = filemap_check_errors(mapping);

	return err ? err : err2 ? err2 : err3;
}

int file_write_and_wait_range(struct file *file, long long start, long long end)
{
	struct address_space *mapping = file->f_mapping;

	if (!mapping)
		return 0;
	if (mapping_can_writeback(mapping))
		mapping_collect_dirty_ptes(mapping);
	return filemap_write_and_wait_range(mapping, start, end);
}

/* --- dirty limits ---------------------------------------------------------- */

int dirty_background_ratio = 10;
int vm_dirty_ratio = 20;
unsigned int dirty_writeback_interval = 5 * 100;
unsigned int dirty_expire_interval = 30 * 100;

/* Free pages and file pages: what the page cache could hold (Linux's global_dirtyable_memory). */
static unsigned long global_dirtyable_memory(void)
{
	return nr_free_pages() + global_node_page_state(NR_FILE_PAGES);
}

void global_dirty_limits(unsigned long *background, unsigned long *dirty)
{
	unsigned long available = global_dirtyable_memory();

	*background = available * (unsigned long)dirty_background_ratio / 100;
	*dirty = available * (unsigned long)vm_dirty_ratio / 100;
}

static unsigned long dirty_pages(void)
{
	return global_node_page_state(NR_FILE_DIRTY) + global_node_page_state(NR_WRITEBACK);
}

bool wb_over_bg_thresh(void)
{
	unsigned long background, thresh;

	global_dirty_limits(&background, &thresh);
	return dirty_pages() > background;
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	unsigned long background, thresh, dirty = dirty_pages();

	(void)mapping;
	global_dirty_limits(&background, &thresh);
	if (dirty > background)
		wb_start_background_writeback();        /* the flusher's part */
	if (dirty <= thresh)
		return;
	/* over the limit: this writer pays, writing back everything (under any threshold) */
	sync_all_mappings();
}

/* The interval the flushers were last told of: a write of another non-zero one wakes them. */
static unsigned int seen_writeback_interval = 5 * 100;

void dirty_writeback_interval_written(void)
{
	/* Linux's dirty_writeback_centisecs_handler: "to make the change take effect immediately" */
	if (dirty_writeback_interval && dirty_writeback_interval != seen_writeback_interval)
		wakeup_flusher_threads();
	seen_writeback_interval = dirty_writeback_interval;
}
