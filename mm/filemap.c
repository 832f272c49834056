/*
 * The page cache (Linux's mm/filemap.c): every page of file data the
 * kernel holds is in one address_space, found by its index in the file.
 * read() copies out of these pages, write() into them, and file mappings
 * map them (filemap_fault). A page is brought in
 * through the file system's ->readpage (a NULL one: the pages live only
 * in memory, as tmpfs's, and start zeroed), and written back through
 * ->writepage when dirty (mm/page-writeback.c).
 *
 * References: the cache holds one on each of its pages (taken in
 * add_to_page_cache_lru, dropped in delete_from_page_cache); a lookup
 * takes another for its caller, a PTE one more. PG_locked is held while
 * a page is read in or taken out, and sleepers wait for it on a hashed
 * wait queue, as Linux's folio_wait_table.
 */
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/uio.h"
#include "linux/vmstat.h"
#include "linux/wait.h"

/* --- PG_locked and PG_writeback as sleeping locks ---------------------- */

#define PAGE_WAIT_TABLE_SIZE 64         /* Linux's PAGE_WAIT_TABLE_BITS 8; few sleepers here */

static wait_queue_head_t page_wait_table[PAGE_WAIT_TABLE_SIZE];

/* The queue sleepers on page wait on: shared by the pages that hash alike (Linux's folio_waitqueue). */
static wait_queue_head_t *page_waitqueue(const struct page *page)
{
	wait_queue_head_t *wq = &page_wait_table[page_to_pfn(page) % PAGE_WAIT_TABLE_SIZE];

	if (!wq->head.next)             /* the table is zero at boot: made on first use */
		init_waitqueue_head(wq);
	return wq;
}

bool trylock_page(struct page *page)
{
	if (PageLocked(page))
		return false;
	SetPageLocked(page);            /* one CPU, no kernel preemption: the test and the set are one step */
	return true;
}

void lock_page(struct page *page)
{
	if (trylock_page(page))
		return;
	BUG_ON(!current);               /* nobody to sleep: a lock held at boot was never released */
	wait_event(*page_waitqueue(page), trylock_page(page));
}

void unlock_page(struct page *page)
{
	BUG_ON(!PageLocked(page));      /* unlocking a page nobody locked */
	ClearPageLocked(page);
	wake_up(page_waitqueue(page));
}

/* Sleep until nobody holds the page's lock (Linux's wait_on_page_locked). */
static void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_event(*page_waitqueue(page), !PageLocked(page));
}

void wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		wait_event(*page_waitqueue(page), !PageWriteback(page));
}

/* The file system starts writing page back (Linux's set_page_writeback): counted in NR_WRITEBACK. */
void set_page_writeback(struct page *page)
{
	BUG_ON(PageWriteback(page));
	SetPageWriteback(page);
	inc_node_page_state(NR_WRITEBACK);
}

void end_page_writeback(struct page *page)
{
	BUG_ON(!PageWriteback(page));   /* ended twice, or never started */
	ClearPageWriteback(page);
	dec_node_page_state(NR_WRITEBACK);
	inc_node_page_state(NR_WRITTEN);        /* /proc/vmstat's nr_written (Linux's folio_end_writeback) */
	wake_up(page_waitqueue(page));
}

/* --- finding, adding and removing pages ------------------------------ */

/* Every mapping holding pages: what drop_pagecache walks (Linux walks each super block's inodes). */
LIST_HEAD(cached_mappings);

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = xa_load(&mapping->i_pages, index);

	if (page)
		get_page(page);
	return page;
}

struct page *find_lock_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	for (;;) {
		page = find_get_page(mapping, index);
		if (!page)
			return NULL;
		lock_page(page);
		/* truncated while we slept on the lock: look again */
		if (page->mapping == mapping && page->index == index)
			return page;
		unlock_page(page);
		put_page(page);
	}
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index, gfp_t gfp)
{
	void *old;

	BUG_ON(page->mapping || PageLRU(page));         /* in a cache already */
	if (xa_load(&mapping->i_pages, index))
		return -EEXIST;
	SetPageLocked(page);            /* new, and nobody can find it yet: no need to wait */
	if (mapping->flags & (1UL << AS_SWAPBACKED))
		SetPageSwapBacked(page);
	page->mapping = mapping;
	page->index = index;
	get_page(page);                 /* the cache's own reference */
	old = xa_store(&mapping->i_pages, index, page, gfp);
	if (xa_is_err(old)) {
		page->mapping = NULL;
		ClearPageLocked(page);
		ClearPageSwapBacked(page);
		put_page_testzero(page);        /* the caller still holds its own */
		return xa_err(old);
	}
	if (mapping->nrpages++ == 0)
		list_add_tail(&mapping->cached_link, &cached_mappings);
	inc_node_page_state(NR_FILE_PAGES);
	if (PageSwapBacked(page))
		inc_node_page_state(NR_SHMEM);
	lru_cache_add(page);
	return 0;
}

struct page *find_or_create_page(struct address_space *mapping, unsigned long index, gfp_t gfp)
{
	struct page *page;
	int err;

	for (;;) {
		page = find_lock_page(mapping, index);
		if (page)
			return page;
		page = alloc_page(gfp | __GFP_ZERO);
		if (!page)
			return NULL;
		err = add_to_page_cache_lru(page, mapping, index, gfp);
		if (!err)
			return page;
		put_page(page);
		if (err != -EEXIST)     /* -EEXIST: someone added one while we allocated; find it */
			return NULL;
	}
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	BUG_ON(page_mapped(page));      /* a PTE would map a page no file has: unmap it first */
	BUG_ON(!mapping || xa_load(&mapping->i_pages, page->index) != page);
	xa_erase(&mapping->i_pages, page->index);
	if (--mapping->nrpages == 0)
		list_del_init(&mapping->cached_link);
	dec_node_page_state(NR_FILE_PAGES);
	if (PageSwapBacked(page))
		dec_node_page_state(NR_SHMEM);
	/* its data is being thrown away with the file's (Linux's folio_account_cleaned) */
	if (PageDirty(page)) {
		ClearPageDirty(page);
		mapping->nrdirty--;
		account_page_cleaned(mapping);
	}
	page->mapping = NULL;
	put_page(page);                 /* the cache's reference; the caller holds its own */
}

/* --- reading pages in ------------------------------------------------ */

/* Pages of files come from HighMem when there is some, as Linux's GFP_HIGHUSER_MOVABLE. */
#define MAPPING_GFP GFP_HIGHUSER

/*
 * Fill a locked !PageUptodate page: through ->readpage (which unlocks;
 * then wait for the I/O) or, for a memory-only file, with the zeroes it
 * was allocated with. 0 or -errno (-EIO when the read failed). *io is set
 * when ->readpage was called: a major fault.
 */
static int fill_page(struct address_space *mapping, struct file *file, struct page *page, bool *io)
{
	int err;

	if (!mapping->a_ops || !mapping->a_ops->readpage) {
		SetPageUptodate(page);
		unlock_page(page);
		return 0;
	}
	ClearPageError(page);
	*io = true;
	err = mapping->a_ops->readpage(file, page);
	if (err)
		return err;
	wait_on_page_locked(page);
	return PageUptodate(page) ? 0 : -EIO;
}

/*
 * The page at index, uptodate, with a reference for the caller: found in
 * the cache or read in. NULL with *err -ENOMEM or the file system's
 * error. *io (may be NULL) says whether ->readpage ran. Linux's
 * do_read_cache_page.
 */
struct page *read_cache_page_io(struct address_space *mapping, unsigned long index, struct file *file,
				int *err, bool *io)
{
	bool did_io = false;
	struct page *page;

	for (;;) {
		page = find_get_page(mapping, index);
		if (page && PageUptodate(page))
			break;
		if (!page) {
			page = find_or_create_page(mapping, index, MAPPING_GFP);
			if (!page) {
				*err = -ENOMEM;
				return NULL;
			}
		} else {
			lock_page(page);
			if (page->mapping != mapping) { /* truncated while we waited */
				unlock_page(page);
				put_page(page);
				continue;
			}
			if (PageUptodate(page)) {       /* another reader filled it */
				unlock_page(page);
				break;
			}
		}
		*err = fill_page(mapping, file, page, &did_io);
		if (*err) {
			put_page(page);
			page = NULL;
		}
		break;
	}
	if (io)
		*io = did_io;
	return page;
}

struct page *read_mapping_page(struct address_space *mapping, unsigned long index, struct file *file, int *err)
{
	return read_cache_page_io(mapping, index, file, err, NULL);
}

/* --- read() and write() ---------------------------------------------- */

long filemap_read(struct file *file, struct iov_iter *iter, long long *pos)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	long done = 0;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	while (iter->count && *pos < inode->i_size && *pos < MAX_LFS_FILESIZE) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		size_t offset = (size_t)(*pos & ~PAGE_MASK), n = PAGE_SIZE - offset, copied;
		struct page *page = read_mapping_page(mapping, index, file, &err);
		char *kaddr;

		if (!page)
			break;
		/* i_size may have shrunk while the page was read in: copy only what is still the file's */
		if ((long long)n > inode->i_size - *pos)
			n = (size_t)(inode->i_size - *pos);
		if (n > iter->count)
			n = iter->count;
		kaddr = kmap(page);     /* not kmap_atomic: copying to the user may fault and sleep */
		if (!kaddr) {
			put_page(page);
			err = -ENOMEM;
			break;
		}
		copied = copy_to_iter(kaddr + offset, n, iter);
		kunmap(page);
		/*
		 * A use of the page, for the LRU (Linux's folio_mark_accessed in
		 * filemap_read); not for a read that starts mid-page, which
		 * mostly goes on where the previous one stopped: reading a page
		 * in small pieces is one use, not many (Linux keeps f_ra.prev_pos
		 * for that; Pagoda has no readahead state).
		 */
		if (done || !offset)
			mark_page_accessed(page);
		put_page(page);
		*pos += (long long)copied;
		done += (long)copied;
		if (copied < n) {
			err = -EFAULT;
			break;
		}
	}
	return done ? done : err;
}

/*
 * Make the page at index ready for a write of len bytes at offset:
 * locked, referenced and uptodate unless the write covers it whole
 * (Linux's ->write_begin). NULL with *err.
 */
static struct page *write_begin(struct file *file, struct address_space *mapping, unsigned long index,
				size_t offset, size_t len, int *err)
{
	struct page *page = find_or_create_page(mapping, index, MAPPING_GFP);
	bool io = false;

	if (!page) {
		*err = -ENOMEM;
		return NULL;
	}
	if (PageUptodate(page) || (offset == 0 && len == PAGE_SIZE))
		return page;
	/* a partial write into a page not read yet: read it first, so the rest stays the file's */
	*err = fill_page(mapping, file, page, &io);
	if (*err) {
		put_page(page);
		return NULL;
	}
	lock_page(page);
	return page;
}

long generic_perform_write(struct file *file, struct iov_iter *iter, long long *pos)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	long done = 0;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	if (iter->count && *pos >= MAX_LFS_FILESIZE)
		return -EFBIG;
	while (iter->count) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		size_t offset = (size_t)(*pos & ~PAGE_MASK), n = PAGE_SIZE - offset, copied;
		struct page *page;
		char *kaddr;

		if (n > iter->count)
			n = iter->count;
		if (*pos + (long long)n > MAX_LFS_FILESIZE)
			n = (size_t)(MAX_LFS_FILESIZE - *pos);
		if (!n)
			break;          /* at the largest size: a short write */
		page = write_begin(file, mapping, index, offset, n, &err);
		if (!page)
			break;
		/*
		 * The copy may fault on a mapping of this very page, and that
		 * fault locks it: copy unlocked, holding only a reference.
		 */
		unlock_page(page);
		kaddr = kmap(page);
		if (!kaddr) {
			put_page(page);
			err = -ENOMEM;
			break;
		}
		copied = copy_from_iter(kaddr + offset, n, iter);
		kunmap(page);
		lock_page(page);
		/*
		 * Short, into a page whose rest was never read: the page cannot
		 * be called uptodate, so none of it counts (Linux's
		 * block_write_end); the caller sees a short write.
		 */
		if (copied < n && !PageUptodate(page))
			copied = 0;
		if (copied && page->mapping == mapping) {       /* else truncated meanwhile: the bytes go with it */
			if (copied == PAGE_SIZE)
				SetPageUptodate(page);  /* written whole: nothing left to read */
			if (PageUptodate(page))
				set_page_dirty(page);
		}
		unlock_page(page);
		put_page(page);
		*pos += (long long)copied;
		done += (long)copied;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (copied < n) {
			err = -EFAULT;
			break;
		}
	}
	return done ? done : err;
}

/* --- the file operations a file system in the page cache uses ---------- */

long generic_file_read_iter(struct file *file, struct iov_iter *iter, long long *pos)
{
	return filemap_read(file, iter, pos);
}

/* read(2) on one user buffer (the ->read slot; Linux's new_sync_read into ->read_iter). */
long generic_file_read(struct file *file, char *ubuf, unsigned long count, long long *pos)
{
	struct iovec iov;
	struct iov_iter iter;

	iov_iter_single(&iter, &iov, ubuf, count);
	return filemap_read(file, &iter, pos);
}

long generic_file_write_iter(struct file *file, struct iov_iter *iter, long long *pos)
{
	struct address_space *mapping = file->f_mapping;
	long long start;
	long ret;

	if (IS_SWAPFILE(mapping->host))
		return -ETXTBSY;        /* an active swap file (Linux's generic_write_checks) */
	if (file->f_flags & O_APPEND)
		*pos = mapping->host->i_size;
	start = *pos;
	ret = generic_perform_write(file, iter, pos);
	/* O_SYNC and O_DSYNC: on the disk before write returns (Linux's generic_write_sync) */
	if (ret > 0 && (file->f_flags & O_DSYNC)) {
		int err = filemap_write_and_wait_range(mapping, start, *pos - 1);

		if (err)
			return err;
	}
	return ret;
}

long generic_file_write(struct file *file, const char *ubuf, unsigned long count, long long *pos)
{
	struct iovec iov;
	struct iov_iter iter;

	iov_iter_single(&iter, &iov, (char *)ubuf, count);
	return generic_file_write_iter(file, &iter, pos);
}

/* --- file mappings ------------------------------------------------------- */

int filemap_fault(struct vm_area_struct *vma, unsigned long pgoff, struct page **pagep)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	long long size = mapping->host->i_size;
	bool io = false;
	int err;

	/* a page wholly past the end of the file is not there (the last one's tail reads zeroes) */
	if ((long long)pgoff >= (size + (long long)PAGE_SIZE - 1) >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;
	*pagep = read_cache_page_io(mapping, pgoff, vma->vm_file, &err, &io);
	if (!*pagep)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	return io ? VM_FAULT_MAJOR : 0;
}
