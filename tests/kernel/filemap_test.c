/*
 * The page cache (mm/filemap.c, mm/truncate.c) on address spaces of the
 * test's own: a fake inode whose ->readpage fills a page with a pattern
 * (or fails) and whose ->writepage records what it was given. Each case
 * checks the pages' flags and references, the mapping's counts, the
 * node counters (/proc/meminfo's Cached, Dirty, Writeback, Mapped) and
 * that every page comes back when the pages are truncated away. The last
 * cases fault the file into an mm of their own through handle_mm_fault.
 */
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/backing-dev.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/time.h"
#include "linux/timer.h"
#include "linux/uio.h"
#include "linux/vma.h"
#include "linux/vmstat.h"

static unsigned long free_before;
static int readpages, writepages, fail_read, fail_write;
static unsigned long written_index[8];

static void begin(void)
{
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
	readpages = writepages = fail_read = fail_write = 0;
}

static void end(struct ktest *t)
{
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
}

/* The byte at offset of page index of the pattern file. */
static unsigned char pattern(unsigned long index, size_t offset)
{
	return (unsigned char)(index * 7 + offset * 13 + 1);
}

static int pattern_readpage(struct file *file, struct page *page)
{
	unsigned char *kaddr;

	(void)file;
	readpages++;
	if (fail_read) {
		SetPageError(page);
		unlock_page(page);
		return 0;       /* the I/O "ran" and failed: the reader finds no PG_uptodate */
	}
	kaddr = kmap_atomic(page);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		kaddr[i] = pattern(page->index, i);
	kunmap_atomic(kaddr);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static int recording_writepage(struct page *page, struct writeback_control *wbc)
{
	(void)wbc;
	if (writepages < 8)
		written_index[writepages] = page->index;
	writepages++;
	set_page_writeback(page);
	unlock_page(page);
	if (fail_write)
		page->mapping->flags |= 1UL << AS_EIO;  /* as end_buffer_async_write records an error */
	end_page_writeback(page);
	return 0;
}

static const struct address_space_operations pattern_aops = { .readpage = pattern_readpage };
static const struct address_space_operations disk_aops = {
	.readpage = pattern_readpage, .writepage = recording_writepage,
};

struct fake_file {
	struct inode inode;
	struct file file;
};

/* A file of size bytes whose cache uses a_ops (NULL: memory only, as tmpfs). */
static struct fake_file *fake_file(struct ktest *t, const struct address_space_operations *a_ops, long long size)
{
	struct fake_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, f != NULL);
	f->inode.i_mode = S_IFREG | 0644;
	f->inode.i_size = size;
	mapping_init(&f->inode.i_data, &f->inode, a_ops);
	f->inode.i_mapping = &f->inode.i_data;
	f->file.f_inode = &f->inode;
	f->file.f_mapping = f->inode.i_mapping;
	f->file.count = 1;      /* the test's own; a VMA over it takes another */
	return f;
}

static void fake_file_free(struct ktest *t, struct fake_file *f)
{
	truncate_inode_pages(f->file.f_mapping, 0);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 0);
	KTEST_EXPECT_TRUE(t, xa_empty(&f->file.f_mapping->i_pages));
	kfree(f);
}

static long kwrite(struct fake_file *f, const void *buf, size_t len, long long pos)
{
	struct iovec iov;
	struct iov_iter it;

	iov_iter_kvec(&it, &iov, (void *)buf, len);
	return generic_perform_write(&f->file, &it, &pos);
}

static long kread(struct fake_file *f, void *buf, size_t len, long long pos)
{
	struct iovec iov;
	struct iov_iter it;

	iov_iter_kvec(&it, &iov, buf, len);
	return filemap_read(&f->file, &it, &pos);
}

static void find_or_create_makes_a_locked_zeroed_page(struct ktest *t)
{
	unsigned long cached = global_node_page_state(NR_FILE_PAGES);
	struct fake_file *f;
	struct page *page;
	unsigned char *kaddr;
	bool zero = true;

	begin();
	f = fake_file(t, NULL, 0);
	page = find_or_create_page(f->file.f_mapping, 5, GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	KTEST_EXPECT_FALSE(t, PageUptodate(page));
	KTEST_EXPECT_TRUE(t, PageLRU(page));
	KTEST_EXPECT_EQ(t, page_count(page), 2);        /* ours and the cache's */
	KTEST_EXPECT_TRUE(t, page->mapping == f->file.f_mapping);
	KTEST_EXPECT_EQ(t, page->index, 5);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 1);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_PAGES), cached + 1);
	kaddr = kmap_atomic(page);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		zero &= kaddr[i] == 0;
	kunmap_atomic(kaddr);
	KTEST_EXPECT_TRUE(t, zero);
	unlock_page(page);
	/* a lookup finds the same page and takes a reference */
	KTEST_EXPECT_TRUE(t, find_get_page(f->file.f_mapping, 5) == page);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	put_page(page);
	KTEST_EXPECT_TRUE(t, find_get_page(f->file.f_mapping, 4) == NULL);
	KTEST_EXPECT_TRUE(t, find_lock_page(f->file.f_mapping, 5) == page);
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	unlock_page(page);
	put_page(page);
	put_page(page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);        /* the cache's alone */
	fake_file_free(t, f);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_PAGES), cached);
	end(t);
}

static void add_to_an_index_in_use_is_eexist(struct ktest *t)
{
	struct fake_file *f;
	struct page *first, *second;

	begin();
	f = fake_file(t, NULL, 0);
	first = find_or_create_page(f->file.f_mapping, 0, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, first != NULL);
	unlock_page(first);
	second = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, second != NULL);
	KTEST_EXPECT_EQ(t, add_to_page_cache_lru(second, f->file.f_mapping, 0, GFP_KERNEL), -EEXIST);
	KTEST_EXPECT_TRUE(t, second->mapping == NULL);
	KTEST_EXPECT_FALSE(t, PageLocked(second));
	KTEST_EXPECT_FALSE(t, PageLRU(second));
	KTEST_EXPECT_EQ(t, page_count(second), 1);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 1);
	put_page(second);
	put_page(first);
	fake_file_free(t, f);
	end(t);
}

static void read_mapping_page_reads_once(struct ktest *t)
{
	struct fake_file *f;
	struct page *page, *again;
	unsigned char *kaddr;
	bool io = false, same = true;
	int err = 0;

	begin();
	f = fake_file(t, &pattern_aops, 3 * PAGE_SIZE);
	page = read_cache_page_io(f->file.f_mapping, 2, &f->file, &err, &io);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, io);
	KTEST_EXPECT_EQ(t, readpages, 1);
	KTEST_EXPECT_TRUE(t, PageUptodate(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	kaddr = kmap_atomic(page);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		same &= kaddr[i] == pattern(2, i);
	kunmap_atomic(kaddr);
	KTEST_EXPECT_TRUE(t, same);
	again = read_cache_page_io(f->file.f_mapping, 2, &f->file, &err, &io);
	KTEST_EXPECT_TRUE(t, again == page);
	KTEST_EXPECT_FALSE(t, io);      /* found uptodate: a minor fault's case */
	KTEST_EXPECT_EQ(t, readpages, 1);
	put_page(again);
	put_page(page);
	fake_file_free(t, f);
	end(t);
}

static void a_failed_read_is_eio(struct ktest *t)
{
	struct fake_file *f;
	int err = 0;

	begin();
	f = fake_file(t, &pattern_aops, PAGE_SIZE);
	fail_read = 1;
	KTEST_EXPECT_TRUE(t, read_mapping_page(f->file.f_mapping, 0, &f->file, &err) == NULL);
	KTEST_EXPECT_EQ(t, err, -EIO);
	/* the page stays, not uptodate: the next reader tries the disk again */
	fail_read = 0;
	struct page *page = read_mapping_page(f->file.f_mapping, 0, &f->file, &err);

	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_EQ(t, readpages, 2);
	KTEST_EXPECT_FALSE(t, PageError(page));
	put_page(page);
	fake_file_free(t, f);
	end(t);
}

static void a_memory_only_file_reads_zeroes_without_io(struct ktest *t)
{
	struct fake_file *f;
	struct page *page;
	char buf[100];
	bool io = true;
	int err = 0;

	begin();
	f = fake_file(t, NULL, 2 * PAGE_SIZE);
	page = read_cache_page_io(f->file.f_mapping, 1, &f->file, &err, &io);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_FALSE(t, io);
	KTEST_EXPECT_TRUE(t, PageUptodate(page));
	put_page(page);
	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, kread(f, buf, sizeof(buf), PAGE_SIZE - 50), 100);
	KTEST_EXPECT_TRUE(t, buf[0] == 0 && buf[99] == 0);
	fake_file_free(t, f);
	end(t);
}

static void write_then_read_back(struct ktest *t)
{
	static char out[10000], in[10200];
	unsigned long dirty = global_node_page_state(NR_FILE_DIRTY);
	struct fake_file *f;

	begin();
	f = fake_file(t, NULL, 0);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 31 + 7);
	KTEST_EXPECT_EQ(t, kwrite(f, out, sizeof(out), 100), (long)sizeof(out));
	KTEST_EXPECT_EQ(t, f->inode.i_size, 10100);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 3);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrdirty, 3);
	/* memory-only pages have nowhere to be written: not counted in Dirty (tmpfs's noop_dirty_folio) */
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty);
	memset(in, 'x', sizeof(in));
	KTEST_EXPECT_EQ(t, kread(f, in, sizeof(in), 0), 10100);        /* short: the end of the file */
	KTEST_EXPECT_TRUE(t, in[0] == 0 && in[99] == 0);
	KTEST_EXPECT_EQ(t, memcmp(in + 100, out, sizeof(out)), 0);
	KTEST_EXPECT_EQ(t, kread(f, in, 10, 10100), 0);                 /* at the end */
	KTEST_EXPECT_EQ(t, kread(f, in, 10, 1LL << 40), 0);             /* far past it */
	KTEST_EXPECT_EQ(t, kread(f, in, 10, -1), -EINVAL);
	fake_file_free(t, f);
	end(t);
}

static void shmem_pages_count_as_shmem(struct ktest *t)
{
	unsigned long shmem = global_node_page_state(NR_SHMEM), cached = global_node_page_state(NR_FILE_PAGES);
	unsigned long anon_lru = global_node_page_state(NR_INACTIVE_ANON);
	static char buf[2 * PAGE_SIZE];
	struct fake_file *f;
	struct page *page;

	begin();
	f = fake_file(t, NULL, 0);
	mapping_set_swapbacked(f->file.f_mapping);
	KTEST_EXPECT_EQ(t, kwrite(f, buf, sizeof(buf), 0), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SHMEM), shmem + 2);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_PAGES), cached + 2);    /* Cached includes Shmem, as Linux */
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_INACTIVE_ANON), anon_lru + 2);
	page = find_get_page(f->file.f_mapping, 1);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, PageSwapBacked(page));
	put_page(page);
	/* memory only: nothing to drop, nothing to write */
	KTEST_EXPECT_EQ(t, invalidate_mapping_pages(f->file.f_mapping, 0, ~0UL), 0);
	KTEST_EXPECT_EQ(t, file_write_and_wait_range(&f->file, 0, 1LL << 40), 0);
	fake_file_free(t, f);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SHMEM), shmem);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_INACTIVE_ANON), anon_lru);
	end(t);
}

static void a_partial_write_reads_the_page_first(struct ktest *t)
{
	struct fake_file *f;
	unsigned char buf[40];

	begin();
	f = fake_file(t, &pattern_aops, 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, kwrite(f, "0123456789", 10, PAGE_SIZE + 5), 10);
	KTEST_EXPECT_EQ(t, readpages, 1);
	KTEST_EXPECT_EQ(t, kread(f, buf, sizeof(buf), PAGE_SIZE), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[4], pattern(1, 4));
	KTEST_EXPECT_EQ(t, memcmp(buf + 5, "0123456789", 10), 0);
	KTEST_EXPECT_EQ(t, buf[15], pattern(1, 15));
	/* a whole page written needs no read */
	static char whole[PAGE_SIZE];

	KTEST_EXPECT_EQ(t, kwrite(f, whole, PAGE_SIZE, 0), (long)PAGE_SIZE);
	KTEST_EXPECT_EQ(t, readpages, 1);
	fake_file_free(t, f);
	end(t);
}

static void writeback_cleans_and_counts(struct ktest *t)
{
	unsigned long dirty = global_node_page_state(NR_FILE_DIRTY), wb = global_node_page_state(NR_WRITEBACK);
	static char buf[3 * PAGE_SIZE];
	struct fake_file *f;
	struct page *page;

	begin();
	f = fake_file(t, &disk_aops, 0);
	KTEST_EXPECT_EQ(t, kwrite(f, buf, sizeof(buf), 0), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrdirty, 3);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty + 3);
	KTEST_EXPECT_EQ(t, readpages, 0);
	/* only the range asked for */
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, PAGE_SIZE, 2 * PAGE_SIZE - 1), 0);
	KTEST_EXPECT_EQ(t, writepages, 1);
	KTEST_EXPECT_EQ(t, written_index[0], 1);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrdirty, 2);
	page = find_get_page(f->file.f_mapping, 1);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	put_page(page);
	/* sync takes the rest, in index order */
	sync_all_mappings();
	KTEST_EXPECT_EQ(t, writepages, 3);
	KTEST_EXPECT_TRUE(t, written_index[1] == 0 && written_index[2] == 2);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrdirty, 0);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_WRITEBACK), wb);
	KTEST_EXPECT_TRUE(t, list_empty(&f->file.f_mapping->host->i_io_list));
	/* nothing dirty: nothing written */
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, 1LL << 40), 0);
	KTEST_EXPECT_EQ(t, writepages, 3);
	fake_file_free(t, f);
	end(t);
}

static void a_writeback_error_is_reported_once(struct ktest *t)
{
	struct fake_file *f;

	begin();
	f = fake_file(t, &disk_aops, 0);
	KTEST_EXPECT_EQ(t, kwrite(f, "abc", 3, 0), 3);
	fail_write = 1;
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, 1LL << 40), -EIO);
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, 1LL << 40), 0);
	fake_file_free(t, f);
	end(t);
}

static void truncate_drops_pages_and_zeroes_the_tail(struct ktest *t)
{
	unsigned long dirty_all = global_node_page_state(NR_FILE_DIRTY);
	static char buf[3 * PAGE_SIZE];
	struct fake_file *f;
	struct page *kept, *page;
	unsigned char *kaddr;
	bool head_ok = true, tail_zero = true;

	begin();
	f = fake_file(t, &disk_aops, 0);
	memset(buf, 0xa5, sizeof(buf));
	KTEST_EXPECT_EQ(t, kwrite(f, buf, sizeof(buf), 0), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty_all + 3);
	kept = find_get_page(f->file.f_mapping, 2);     /* a reference the truncate must not free */
	KTEST_ASSERT_TRUE(t, kept != NULL);
	truncate_inode_pages(f->file.f_mapping, PAGE_SIZE + 904);
	f->inode.i_size = PAGE_SIZE + 904;
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 2);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrdirty, 2);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty_all + 2);
	KTEST_EXPECT_TRUE(t, kept->mapping == NULL);
	KTEST_EXPECT_EQ(t, page_count(kept), 1);        /* ours alone now */
	put_page(kept);
	page = find_get_page(f->file.f_mapping, 1);
	KTEST_ASSERT_TRUE(t, page != NULL);
	kaddr = kmap_atomic(page);
	for (size_t i = 0; i < PAGE_SIZE; i++) {
		if (i < 904)
			head_ok &= kaddr[i] == 0xa5;
		else
			tail_zero &= kaddr[i] == 0;
	}
	kunmap_atomic(kaddr);
	put_page(page);
	KTEST_EXPECT_TRUE(t, head_ok);
	KTEST_EXPECT_TRUE(t, tail_zero);
	fake_file_free(t, f);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty_all);
	end(t);
}

static void page_lock_and_writeback_flags(struct ktest *t)
{
	struct page *page;

	begin();
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, trylock_page(page));
	KTEST_EXPECT_FALSE(t, trylock_page(page));
	unlock_page(page);
	lock_page(page);                /* free: taken without sleeping */
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	unlock_page(page);
	set_page_writeback(page);
	KTEST_EXPECT_TRUE(t, PageWriteback(page));
	end_page_writeback(page);
	wait_on_page_writeback(page);   /* returns at once */
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	__free_page(page);
	end(t);
}

static void node_allocation_failure_adds_nothing(struct ktest *t)
{
	struct fake_file *f;
	struct page *page;
	int fails = 0;

	begin();
	f = fake_file(t, NULL, 0);
	/* a far index needs several tree nodes; let the allocations fail one by one */
	for (unsigned long n = 0; n < 8; n++) {
		page = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, page != NULL);
		kmem_cache_shrink_all();
		fail_page_alloc_after(n);
		int err = add_to_page_cache_lru(page, f->file.f_mapping, 0x123456, GFP_KERNEL);

		fail_page_alloc_stop();
		if (err) {
			fails++;
			KTEST_EXPECT_EQ(t, err, -ENOMEM);
			KTEST_EXPECT_TRUE(t, page->mapping == NULL && !PageLocked(page) && !PageLRU(page));
			KTEST_EXPECT_EQ(t, page_count(page), 1);
			KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 0);
		} else {
			unlock_page(page);
			KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 1);
			truncate_inode_pages(f->file.f_mapping, 0);
		}
		put_page(page);
	}
	KTEST_EXPECT_GT(t, fails, 0);
	fake_file_free(t, f);
	end(t);
}

/*
 * A VMA of mm over the first pages of f (flags: VM_SHARED or not), made
 * by hand, as do_mmap would need an open file of a filesystem.
 */
static struct vm_area_struct *file_vma(struct ktest *t, struct mm_struct *mm, struct fake_file *f,
				       unsigned long pages, unsigned long shared)
{
	struct vm_area_struct *vma = vm_area_alloc();

	KTEST_ASSERT_TRUE(t, vma != NULL);
	vma->vm_start = 0x40000000;
	vma->vm_end = vma->vm_start + pages * PAGE_SIZE;
	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | shared | (shared ? VM_MAYSHARE : 0);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_file = get_file(&f->file);
	KTEST_ASSERT_EQ(t, insert_vm_struct(mm, vma), 0);
	return vma;
}

static struct page *mapped_frame(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = user_pte_lookup(mm, addr);

	return pte && pte_present(*pte) ? pfn_to_page(pte_pfn(*pte)) : NULL;
}

static void a_shared_mapping_maps_the_cache_page_and_dirties_it(struct ktest *t)
{
	unsigned long dirty = global_node_page_state(NR_FILE_DIRTY), mapped = global_node_page_state(NR_FILE_MAPPED);
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct fake_file *f;
	struct page *cached;
	pte_t *pte;

	begin();
	f = fake_file(t, &disk_aops, 2 * PAGE_SIZE);
	mm = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm != NULL);
	vma = file_vma(t, mm, f, 2, VM_SHARED);
	/* a read fault reads the page in (major), and maps the cache's own frame */
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, vma->vm_start, 0), VM_FAULT_MAJOR);
	cached = find_get_page(f->file.f_mapping, 0);
	KTEST_ASSERT_TRUE(t, cached != NULL);
	KTEST_EXPECT_TRUE(t, mapped_frame(mm, vma->vm_start) == cached);
	KTEST_EXPECT_EQ(t, page_count(cached), 3);      /* the cache's, the PTE's, ours */
	KTEST_EXPECT_EQ(t, page_mapcount(cached), 1);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_MAPPED), mapped + 1);
	KTEST_EXPECT_FALSE(t, PageDirty(cached));
	/* fault-around mapped page 1 too, once it was cached: fault it in, then map page 0 again */
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, vma->vm_start + PAGE_SIZE, 0), VM_FAULT_MAJOR);
	/* a write through the shared mapping dirties the page itself */
	pte = user_pte_lookup(mm, vma->vm_start);
	KTEST_ASSERT_TRUE(t, pte != NULL);
	KTEST_EXPECT_TRUE(t, pte_write(*pte));          /* shared and writable: no fault to take */
	*pte |= _PAGE_DIRTY;                            /* as the CPU does on a write (the tables are never loaded) */
	msync_dirty_range(vma, vma->vm_start, vma->vm_end);
	KTEST_EXPECT_TRUE(t, PageDirty(cached));
	KTEST_EXPECT_FALSE(t, *pte & _PAGE_DIRTY);      /* the PTE starts clean again */
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty + 1);
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, 1LL << 40), 0);
	KTEST_EXPECT_EQ(t, writepages, 1);
	KTEST_EXPECT_FALSE(t, PageDirty(cached));
	/* written again, then unmapped: the dirty bit reaches the page at unmap */
	*pte |= _PAGE_DIRTY;
	mmput(mm);
	KTEST_EXPECT_TRUE(t, PageDirty(cached));
	KTEST_EXPECT_EQ(t, page_mapcount(cached), 0);
	KTEST_EXPECT_EQ(t, page_count(cached), 2);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_MAPPED), mapped);
	put_page(cached);
	fake_file_free(t, f);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_DIRTY), dirty);
	end(t);
}

static void a_private_write_copies_the_cache_page(struct ktest *t)
{
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct fake_file *f;
	struct page *cached, *copy;
	unsigned char *kaddr;
	int ret;

	begin();
	f = fake_file(t, &pattern_aops, PAGE_SIZE);
	mm = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm != NULL);
	vma = file_vma(t, mm, f, 2, 0);
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, vma->vm_start, 0), VM_FAULT_MAJOR);
	cached = find_get_page(f->file.f_mapping, 0);
	KTEST_ASSERT_TRUE(t, cached != NULL);
	KTEST_EXPECT_TRUE(t, mapped_frame(mm, vma->vm_start) == cached);
	KTEST_EXPECT_FALSE(t, pte_write(*user_pte_lookup(mm, vma->vm_start)));   /* private: read-only */
	ret = handle_mm_fault(mm, vma, vma->vm_start, FAULT_FLAG_WRITE);
	KTEST_EXPECT_EQ(t, ret, 0);
	copy = mapped_frame(mm, vma->vm_start);
	KTEST_ASSERT_TRUE(t, copy != NULL && copy != cached);
	KTEST_EXPECT_TRUE(t, PageAnon(copy));    /* anonymous */
	KTEST_EXPECT_EQ(t, page_mapcount(cached), 0);
	kaddr = kmap_atomic(copy);
	KTEST_EXPECT_EQ(t, kaddr[77], pattern(0, 77));
	kunmap_atomic(kaddr);
	/* past the end of the file: SIGBUS, nothing cached */
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, vma, vma->vm_start + PAGE_SIZE, 0), VM_FAULT_SIGBUS);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 1);
	mmput(mm);
	put_page(cached);
	fake_file_free(t, f);
	end(t);
}

/*
 * fs/fs-writeback.c's list: the first dirty page puts an inode at the
 * head of its bdi's b_dirty (the noop bdi's: no disk here) with the time;
 * more dirty pages keep its time and place; sync writes the oldest
 * inode first and each leaves the list once clean.
 */
static void dirty_inodes_are_listed_oldest_last(struct ktest *t)
{
	struct list_head *b_dirty = &noop_backing_dev_info.wb.b_dirty;
	static char buf[PAGE_SIZE];
	struct fake_file *a, *b;
	unsigned long when;

	begin();
	a = fake_file(t, &disk_aops, 0);
	b = fake_file(t, &disk_aops, 0);
	KTEST_EXPECT_TRUE(t, inode_to_bdi(&a->inode) == &noop_backing_dev_info);
	KTEST_EXPECT_TRUE(t, list_empty(&a->inode.i_io_list));
	KTEST_EXPECT_EQ(t, kwrite(a, buf, PAGE_SIZE, 0), (long)PAGE_SIZE);
	when = a->inode.dirtied_when;
	KTEST_EXPECT_TRUE(t, b_dirty->next == &a->inode.i_io_list);
	for (unsigned long j = jiffies; jiffies == j;)
		cpu_relax();    /* the tick: b is dirtied later */
	KTEST_EXPECT_EQ(t, kwrite(b, buf, PAGE_SIZE, 0), (long)PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, b_dirty->next == &b->inode.i_io_list);     /* newest first */
	KTEST_EXPECT_TRUE(t, time_after(b->inode.dirtied_when, when));
	KTEST_EXPECT_EQ(t, kwrite(a, buf, PAGE_SIZE, PAGE_SIZE), (long)PAGE_SIZE);
	KTEST_EXPECT_EQ(t, a->inode.dirtied_when, when);         /* dirty already: its first time stays */
	KTEST_EXPECT_TRUE(t, b_dirty->next == &b->inode.i_io_list);
	sync_all_mappings();
	KTEST_EXPECT_EQ(t, writepages, 3);
	/* a's pages 0 and 1 first, then b's page 0 */
	KTEST_EXPECT_TRUE(t, written_index[0] == 0 && written_index[1] == 1 && written_index[2] == 0);
	KTEST_EXPECT_TRUE(t, list_empty(&a->inode.i_io_list) && list_empty(&b->inode.i_io_list));
	fake_file_free(t, a);
	fake_file_free(t, b);
	end(t);
}

static struct ktest_case filemap_cases[] = {
	KTEST_CASE(find_or_create_makes_a_locked_zeroed_page),
	KTEST_CASE(add_to_an_index_in_use_is_eexist),
	KTEST_CASE(read_mapping_page_reads_once),
	KTEST_CASE(a_failed_read_is_eio),
	KTEST_CASE(a_memory_only_file_reads_zeroes_without_io),
	KTEST_CASE(write_then_read_back),
	KTEST_CASE(shmem_pages_count_as_shmem),
	KTEST_CASE(a_partial_write_reads_the_page_first),
	KTEST_CASE(writeback_cleans_and_counts),
	KTEST_CASE(dirty_inodes_are_listed_oldest_last),
	KTEST_CASE(a_writeback_error_is_reported_once),
	KTEST_CASE(truncate_drops_pages_and_zeroes_the_tail),
	KTEST_CASE(page_lock_and_writeback_flags),
	KTEST_CASE(node_allocation_failure_adds_nothing),
	KTEST_CASE(a_shared_mapping_maps_the_cache_page_and_dirties_it),
	KTEST_CASE(a_private_write_copies_the_cache_page),
	{}
};
KTEST_SUITE(filemap, filemap_cases);
