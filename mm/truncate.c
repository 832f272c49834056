/*
 * Taking pages out of the page cache (Linux's mm/truncate.c): when a file
 * shrinks or goes away, every cached page past the new end is unmapped
 * from the processes that map it and deleted from its mapping; the page
 * that holds the new end keeps its head and gets zeroes after it, so a
 * later extension reads zeroes there, as POSIX wants.
 */
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/string.h"

/* Take one locked page out of mapping, unmapping it first (Linux's truncate_inode_folio). */
static void truncate_inode_page(struct address_space *mapping, struct page *page)
{
	wait_on_page_writeback(page);
	if (page_mapped(page))
		unmap_mapping_pages(mapping, page->index, 1, true);
	delete_from_page_cache(page);
}

/* Zero the bytes of the cached page at index from offset to its end, if it is cached. */
static void truncate_partial_page(struct address_space *mapping, unsigned long index, size_t offset)
{
	struct page *page = find_lock_page(mapping, index);
	char *kaddr;

	if (!page)
		return;         /* not cached: the file system zeroes its own copy */
	wait_on_page_writeback(page);
	kaddr = kmap_atomic(page);
	memset(kaddr + offset, 0, PAGE_SIZE - offset);
	kunmap_atomic(kaddr);
	unlock_page(page);
	put_page(page);
}

void truncate_inode_pages(struct address_space *mapping, long long lstart)
{
	unsigned long start = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT), index = start;
	size_t partial = (size_t)(lstart & ~PAGE_MASK);
	struct page *page;

	if (!mapping->nrpages)
		return;
	/* pages past lstart mapped in a process go first: no PTE may keep one the file lost */
	unmap_mapping_pages(mapping, start, 0, true);   /* 0 pages: to the end */
	for (page = xa_find(&mapping->i_pages, &index, ~0UL); page;
	     page = ++index ? xa_find(&mapping->i_pages, &index, ~0UL) : NULL) {
		get_page(page);
		lock_page(page);
		if (page->mapping == mapping)   /* else someone took it out while we slept */
			truncate_inode_page(mapping, page);
		unlock_page(page);
		put_page(page);
	}
	if (partial)
		truncate_partial_page(mapping, start - 1, partial);
}

unsigned long invalidate_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long end)
{
	unsigned long index = start, dropped = 0;
	struct page *page;

	if (!mapping->a_ops || !mapping->a_ops->readpage)
		return 0;       /* memory only (tmpfs): its pages are the only copy */
	for (page = xa_find(&mapping->i_pages, &index, end); page;
	     page = ++index ? xa_find(&mapping->i_pages, &index, end) : NULL) {
		/* the cache's reference and ours, nothing else: no reader, no PTE */
		if (PageDirty(page) || PageWriteback(page) || page_mapped(page) || !trylock_page(page))
			continue;
		get_page(page);
		if (page_count(page) == 2) {
			delete_from_page_cache(page);
			dropped++;
		}
		unlock_page(page);
		put_page(page);
	}
	return dropped;
}

extern struct list_head cached_mappings;        /* mm/filemap.c */

void drop_pagecache(void)
{
	struct address_space *mapping, *next;

	/* a mapping left with no pages leaves the list: the walk keeps its next */
	list_for_each_entry_safe(mapping, next, &cached_mappings, cached_link)
		invalidate_mapping_pages(mapping, 0, ~0UL);
}
