/*
 * The page cache (Linux's include/linux/pagemap.h, mm/filemap.c): the
 * pages of files, found by (mapping, index). A page in the cache holds a
 * reference of its own (the cache's); find_get_page gives the caller
 * another, dropped with put_page. Offsets are bytes unless named index
 * (pages).
 *
 * Step 0 of the page-cache work fixes the interface; mm/filemap.c and
 * mm/truncate.c fill it in.
 */
#ifndef PAGODA_PAGEMAP_H
#define PAGODA_PAGEMAP_H

#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/page.h"

struct vm_fault;
struct iov_iter;

/*
 * The largest file offset + 1 a page cache can index on i386 (Linux's
 * MAX_LFS_FILESIZE, 16 TiB - 4 KiB). Spelt as fs/read_write.c spells it,
 * so a file including both sees one definition.
 */
#define MAX_LFS_FILESIZE (0xffffffffLL << PAGE_SHIFT)

static inline void mapping_init(struct address_space *mapping, struct inode *host,
				const struct address_space_operations *a_ops)
{
	mapping->host = host;
	xa_init(&mapping->i_pages);
	mapping->nrpages = 0;
	mapping->nrdirty = 0;
	mapping->a_ops = a_ops;
	mapping->flags = 0;
	INIT_LIST_HEAD(&mapping->i_mmap);
	INIT_LIST_HEAD(&host->i_io_list);       /* the inode's: mapping_init is where every cached inode starts */
	INIT_LIST_HEAD(&mapping->cached_link);
}

/* A tmpfs/shmem file: every page added is PG_swapbacked and counted in Shmem (set before adding pages). */
static inline void mapping_set_swapbacked(struct address_space *mapping)
{
	mapping->flags |= 1UL << AS_SWAPBACKED;
}

/* The mapping writes its pages back somewhere (Linux's mapping_can_writeback): else Dirty does not count them. */
static inline bool mapping_can_writeback(const struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->writepage;
}

/* The page at index with a reference taken, or NULL (Linux's find_get_page). */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* find_get_page, then lock_page (Linux's find_lock_page). */
struct page *find_lock_page(struct address_space *mapping, unsigned long index);
/*
 * The page at index, locked and referenced; made (zeroed, !PageUptodate)
 * and added if absent. NULL if no memory (Linux's find_or_create_page).
 */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index, gfp_t gfp);
/*
 * Add a new locked page at index (page->mapping, page->index set; the
 * cache takes its reference) and put it on the LRU. 0, -EEXIST (someone
 * added one first) or -ENOMEM (Linux's add_to_page_cache_lru).
 */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index, gfp_t gfp);
/* Take a locked, unmapped page out of its mapping and drop the cache's reference (Linux's delete_from_page_cache). */
void delete_from_page_cache(struct page *page);
/*
 * Drop every cached page from byte lstart on (written-back or not: the
 * caller is truncating), zeroing the tail of a partial page and unmapping
 * them from every process (Linux's truncate_inode_pages).
 */
void truncate_inode_pages(struct address_space *mapping, long long lstart);
/* The page at index, uptodate, read through ->readpage if needed: referenced, or NULL with *err (Linux's read_mapping_page). */
struct page *read_mapping_page(struct address_space *mapping, unsigned long index, struct file *file, int *err);
/* read_mapping_page, and *io (if not NULL) says whether ->readpage had to run: a fault's major or minor. */
struct page *read_cache_page_io(struct address_space *mapping, unsigned long index, struct file *file,
				int *err, bool *io);
/*
 * Unmap the pages of [index, index + nr) (pages of the file; nr 0: to the
 * end) from every VMA that maps them, private copies made by COW included when
 * even_cows (truncate's case). Linux's unmap_mapping_pages (mm/memory.c).
 */
void unmap_mapping_pages(struct address_space *mapping, unsigned long index, unsigned long nr, bool even_cows);

/* PG_locked as a sleeping lock: wait for it, take it; unlock wakes the waiters (Linux's lock_page/unlock_page). */
void lock_page(struct page *page);
bool trylock_page(struct page *page);
void unlock_page(struct page *page);
/* Sleep until PG_writeback is clear; end_page_writeback clears it and wakes (Linux's). */
void wait_on_page_writeback(struct page *page);
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
/* Mark dirty through mapping->a_ops (counts NR_FILE_DIRTY): true if it was clean (Linux's set_page_dirty). */
bool set_page_dirty(struct page *page);
/* Before writing a page back: clear PG_dirty and say whether it was set (Linux's clear_page_dirty_for_io). */
bool clear_page_dirty_for_io(struct page *page);
/* A dirty page leaves mapping without being written (truncated): the counts follow (Linux's folio_account_cleaned). */
void account_page_cleaned(struct address_space *mapping);

/*
 * read()/write() through the cache (Linux's filemap_read and
 * generic_perform_write): bytes done, or -errno (-EFAULT, -EIO, -EFBIG,
 * -ENOSPC). pos is advanced. Writes mark pages dirty and extend i_size.
 */
long filemap_read(struct file *file, struct iov_iter *iter, long long *pos);
long generic_perform_write(struct file *file, struct iov_iter *iter, long long *pos);
/*
 * The f_op slots of a regular file in the page cache: read, readv and
 * pread64 through filemap_read; write, writev and pwrite64 through
 * generic_perform_write, at the end for O_APPEND, waiting for the disk
 * with O_SYNC/O_DSYNC (Linux's generic_file_read_iter/write_iter; the
 * plain ones take one user buffer, as ->read and ->write do).
 */
long generic_file_read_iter(struct file *file, struct iov_iter *iter, long long *pos);
long generic_file_write_iter(struct file *file, struct iov_iter *iter, long long *pos);
long generic_file_read(struct file *file, char *ubuf, unsigned long count, long long *pos);
long generic_file_write(struct file *file, const char *ubuf, unsigned long count, long long *pos);
/*
 * Drop the clean, unlocked, unmapped pages of [start, end] (indices) that
 * nobody else holds: what can be read again (Linux's
 * invalidate_mapping_pages, drop_caches' work). The number dropped.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long end);
/*
 * Every file's clean cached pages dropped (Linux's echo 1 >
 * /proc/sys/vm/drop_caches): the walk is over every mapping that holds
 * pages, so a mapping must be emptied (truncate_inode_pages) before the
 * inode holding it is freed.
 */
void drop_pagecache(void);
/* fs/drop_caches.c: what /proc/sys/vm/drop_caches last took (1, 2, 3, 4), and the drop it asks for */
extern int sysctl_drop_caches;
void drop_caches_run(void);

/*
 * A fault on page pgoff of file VMA vma (Linux's filemap_fault): *pagep
 * the cache page, uptodate and referenced for the PTE. 0 (found: a minor
 * fault), VM_FAULT_MAJOR (->readpage ran), VM_FAULT_SIGBUS (past the end
 * of the file, or the read failed) or VM_FAULT_OOM.
 */
struct vm_area_struct;
int filemap_fault(struct vm_area_struct *vma, unsigned long pgoff, struct page **pagep);

/* The dirty bits of the user PTEs mapping mapping's pages, moved to the pages (fsync's first step; mm/memory.c). */
void mapping_collect_dirty_ptes(struct address_space *mapping);
/* The same for [start, end) (bytes) of one VMA (msync's). */
void msync_dirty_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/* Write back the dirty pages of [start, end] (bytes) and wait for them: 0 or the first -errno (Linux's filemap_write_and_wait_range). */
int filemap_write_and_wait_range(struct address_space *mapping, long long start, long long end);
/* A file's mapping's dirty PTEs collected, then filemap_write_and_wait_range (Linux's file_write_and_wait_range). */
int file_write_and_wait_range(struct file *file, long long start, long long end);
/* The dirty bits of every shared file mapping's PTEs, moved to their pages (sync's first step). */
void collect_all_dirty_ptes(void);
/* Every dirty page of every file, written back (sync(2)'s work; Linux's ksys_sync): fs/fs-writeback.c. */
void sync_all_mappings(void);
/* Start writing back every dirty page of mapping, not waiting (Linux's filemap_fdatawrite): 0 or -errno. */
int filemap_fdatawrite(struct address_space *mapping);

#endif
