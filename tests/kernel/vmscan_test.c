/*
 * Reclaim of the page cache (mm/vmscan.c) and the LRU lists under it
 * (mm/swap.c), on a file of the test's own whose ->readpage fills pages
 * and whose ->writepage records what it wrote. Linux's second-chance
 * rule, case by case: the inactive list gives up its oldest pages first;
 * a page used twice is active and out of reach until shrink_active_list
 * sends it back; a dirty page is written first and freed on the next
 * pass, or kept a round if it was used; a page someone holds stays. The
 * other file pages are dropped first (drop_pagecache), and each case
 * scans only as far as its own pages, which are the newest.
 */
#include "kunit/test.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/mm_types.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uio.h"
#include "linux/vmstat.h"

#define NPAGES 8

static unsigned long free_before;
static int writepages;
static unsigned long written[NPAGES];

static int fill_readpage(struct file *file, struct page *page)
{
	void *kaddr = kmap_atomic(page);

	(void)file;
	memset(kaddr, (int)page->index + 1, PAGE_SIZE);
	kunmap_atomic(kaddr);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static int recording_writepage(struct page *page, struct writeback_control *wbc)
{
	(void)wbc;
	if (writepages < NPAGES)
		written[writepages] = page->index;
	writepages++;
	set_page_writeback(page);
	unlock_page(page);
	end_page_writeback(page);
	return 0;
}

static const struct address_space_operations disk_aops = {
	.readpage = fill_readpage, .writepage = recording_writepage,
};

struct fake_file {
	struct inode inode;
	struct file file;
};

static struct fake_file *begin(struct ktest *t)
{
	struct fake_file *f;

	drop_pagecache();
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
	writepages = 0;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, f != NULL);
	f->inode.i_mode = S_IFREG | 0644;
	f->inode.i_size = NPAGES * PAGE_SIZE;
	mapping_init(&f->inode.i_data, &f->inode, &disk_aops);
	f->inode.i_mapping = &f->inode.i_data;
	f->file.f_inode = &f->inode;
	f->file.f_mapping = f->inode.i_mapping;
	f->file.count = 1;
	return f;
}

static void end(struct ktest *t, struct fake_file *f)
{
	truncate_inode_pages(f->file.f_mapping, 0);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 0);
	kfree(f);
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
}

/* read() one page of f through the page cache: a use (mark_page_accessed). Its bytes are ->readpage's, or written's. */
static void read_bytes(struct ktest *t, struct fake_file *f, unsigned long index, unsigned char expect)
{
	unsigned char buf[16];
	long long pos = (long long)(index * PAGE_SIZE);
	struct iovec iov;
	struct iov_iter it;

	iov_iter_kvec(&it, &iov, buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, filemap_read(&f->file, &it, &pos), (long)sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0], expect);
}

static void read_page(struct ktest *t, struct fake_file *f, unsigned long index)
{
	read_bytes(t, f, index, (unsigned char)(index + 1));
}

static void write_page(struct ktest *t, struct fake_file *f, unsigned long index)
{
	static unsigned char buf[PAGE_SIZE];
	long long pos = (long long)(index * PAGE_SIZE);
	struct iovec iov;
	struct iov_iter it;

	memset(buf, 0xee, sizeof(buf));
	iov_iter_kvec(&it, &iov, buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, generic_perform_write(&f->file, &it, &pos), (long)PAGE_SIZE);
}

static struct page *cached(struct fake_file *f, unsigned long index)
{
	return xa_load(&f->file.f_mapping->i_pages, index);
}

static unsigned long inactive_file(void)
{
	return global_node_page_state(NR_INACTIVE_FILE);
}

/* Scan the inactive file list up to and including our n oldest pages (ours are the newest). */
static unsigned long scan_ours(unsigned long others, unsigned long n)
{
	struct scan_control sc = { .nr_to_reclaim = ~0UL, .gfp_mask = GFP_KERNEL, .reclaim_idx = ZONE_HIGHMEM,
				   .may_writepage = true };

	return shrink_inactive_list(others + n, page_lruvec(NULL), &sc, LRU_INACTIVE_FILE);
}

static void the_oldest_inactive_pages_go_first(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long others = inactive_file(), steal = vm_events[PGSTEAL_DIRECT];

	for (unsigned long i = 0; i < NPAGES; i++)
		read_page(t, f, i);
	KTEST_EXPECT_EQ(t, inactive_file(), others + NPAGES);
	for (unsigned long i = 0; i < NPAGES; i++)
		KTEST_EXPECT_TRUE(t, cached(f, i) && PageLRU(cached(f, i)) && !PageActive(cached(f, i)) &&
				  PageReferenced(cached(f, i)));
	KTEST_EXPECT_GE(t, scan_ours(others, NPAGES / 2), NPAGES / 2);
	for (unsigned long i = 0; i < NPAGES; i++)
		KTEST_EXPECT_EQ(t, cached(f, i) != NULL, i >= NPAGES / 2);      /* read first, freed first */
	KTEST_EXPECT_GE(t, vm_events[PGSTEAL_DIRECT], steal + NPAGES / 2);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, NPAGES / 2);
	end(t, f);
}

static void a_page_used_twice_is_activated_and_survives(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long others = inactive_file(), active = global_node_page_state(NR_ACTIVE_FILE);
	unsigned long activate = vm_events[PGACTIVATE];

	for (unsigned long i = 0; i < NPAGES; i++)
		read_page(t, f, i);
	for (unsigned long i = 0; i < NPAGES; i += 2)
		read_page(t, f, i);             /* the even pages: a second use */
	KTEST_EXPECT_EQ(t, vm_events[PGACTIVATE], activate + NPAGES / 2);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ACTIVE_FILE), active + NPAGES / 2);
	KTEST_EXPECT_EQ(t, inactive_file(), others + NPAGES / 2);
	scan_ours(others, NPAGES);
	for (unsigned long i = 0; i < NPAGES; i++) {
		struct page *page = cached(f, i);

		KTEST_EXPECT_EQ(t, page != NULL, i % 2 == 0);
		if (page)       /* promoted, its referenced bit spent on the promotion */
			KTEST_EXPECT_TRUE(t, PageActive(page) && PageLRU(page) && !PageReferenced(page));
	}
	end(t, f);
}

static void shrink_active_list_sends_pages_back(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long others = inactive_file(), active = global_node_page_state(NR_ACTIVE_FILE);
	unsigned long deactivate = vm_events[PGDEACTIVATE], refill = vm_events[PGREFILL];
	struct scan_control sc = { .nr_to_reclaim = ~0UL, .gfp_mask = GFP_KERNEL, .reclaim_idx = ZONE_HIGHMEM };

	for (int pass = 0; pass < 2; pass++)
		for (unsigned long i = 0; i < NPAGES; i++)
			read_page(t, f, i);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ACTIVE_FILE), active + NPAGES);
	/* the active list's tail is its oldest: the whole list, to reach ours */
	shrink_active_list(active + NPAGES, page_lruvec(NULL), &sc, LRU_ACTIVE_FILE);
	KTEST_EXPECT_GE(t, vm_events[PGDEACTIVATE], deactivate + NPAGES);
	KTEST_EXPECT_GE(t, vm_events[PGREFILL], refill + NPAGES);
	for (unsigned long i = 0; i < NPAGES; i++)
		KTEST_EXPECT_TRUE(t, !PageActive(cached(f, i)) && PageLRU(cached(f, i)));
	/* back on the inactive list, where a use only marks it again */
	read_page(t, f, 0);
	KTEST_EXPECT_TRUE(t, !PageActive(cached(f, 0)) && PageReferenced(cached(f, 0)));
	scan_ours(others + active, NPAGES);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 0);
	end(t, f);
}

static void a_dirty_page_is_written_then_freed_on_the_next_pass(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long others = inactive_file(), rotated = vm_events[PGROTATED];

	write_page(t, f, 0);
	write_page(t, f, 1);
	read_bytes(t, f, 0, 0xee);      /* page 0 was used: kept a round rather than written */
	KTEST_EXPECT_TRUE(t, PageDirty(cached(f, 0)) && PageDirty(cached(f, 1)));
	scan_ours(others, 2);
	KTEST_EXPECT_EQ(t, writepages, 1);
	KTEST_EXPECT_EQ(t, written[0], 1);
	KTEST_EXPECT_TRUE(t, PageDirty(cached(f, 0)) && !PageReferenced(cached(f, 0)));
	KTEST_EXPECT_TRUE(t, !PageDirty(cached(f, 1)) && PageLRU(cached(f, 1)));
	KTEST_EXPECT_EQ(t, vm_events[PGROTATED], rotated + 1);
	/* page 1 went to the tail: the next pass frees it first, and writes page 0 */
	scan_ours(others, 2);
	KTEST_EXPECT_TRUE(t, cached(f, 1) == NULL && cached(f, 0) != NULL);
	KTEST_EXPECT_EQ(t, writepages, 2);
	KTEST_EXPECT_EQ(t, written[1], 0);
	scan_ours(others, 1);
	KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 0);
	end(t, f);
}

static void a_page_someone_holds_stays(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long others = inactive_file();
	struct page *held;

	for (unsigned long i = 0; i < 2; i++)
		read_page(t, f, i);
	held = find_get_page(f->file.f_mapping, 0);     /* a reader's reference */
	KTEST_ASSERT_TRUE(t, held != NULL);
	scan_ours(others, 2);
	KTEST_EXPECT_TRUE(t, cached(f, 0) == held && cached(f, 1) == NULL);
	KTEST_EXPECT_TRUE(t, PageLRU(held));
	put_page(held);
	end(t, f);
}

static void direct_reclaim_frees_a_batch(struct ktest *t)
{
	struct fake_file *f = begin(t);
	unsigned long stalls = vm_events[ALLOCSTALL_HIGH], freed;

	f->inode.i_size = 64 * PAGE_SIZE;
	for (unsigned long i = 0; i < 64; i++)
		read_page(t, f, i);
	if (PageHighMem(cached(f, 0))) {
		/* HighMem pages cannot help a lowmem allocation: reclaim leaves them (pgskip) */
		try_to_free_pages(GFP_KERNEL, 0);
		KTEST_EXPECT_EQ(t, f->file.f_mapping->nrpages, 64);
	}
	freed = try_to_free_pages(GFP_HIGHUSER, 0);
	KTEST_EXPECT_GE(t, freed, 32);
	KTEST_EXPECT_EQ(t, vm_events[ALLOCSTALL_HIGH], stalls + 1);
	KTEST_EXPECT_LE(t, f->file.f_mapping->nrpages, 64 - 32);
	end(t, f);
}

/* Linux's folio_check_references, case by case, from what the PTE walk and PG_referenced say. */
static void page_check_references_decides_as_linux(struct ktest *t)
{
	/* unused since the last look: reclaim it; a file page read once: only if clean */
	KTEST_EXPECT_EQ(t, page_references_decide(0, false, 0, false), PAGEREF_RECLAIM);
	KTEST_EXPECT_EQ(t, page_references_decide(0, false, 0, true), PAGEREF_RECLAIM);
	KTEST_EXPECT_EQ(t, page_references_decide(0, true, 0, false), PAGEREF_RECLAIM_CLEAN);
	KTEST_EXPECT_EQ(t, page_references_decide(0, true, 0, true), PAGEREF_RECLAIM);
	/* one PTE used it: kept a round, anonymous or file */
	KTEST_EXPECT_EQ(t, page_references_decide(1, false, VM_READ | VM_WRITE, true), PAGEREF_KEEP);
	KTEST_EXPECT_EQ(t, page_references_decide(1, false, VM_READ, false), PAGEREF_KEEP);
	/* used twice: through two PTEs, or a PTE and PG_referenced from the last look */
	KTEST_EXPECT_EQ(t, page_references_decide(2, false, VM_READ, true), PAGEREF_ACTIVATE);
	KTEST_EXPECT_EQ(t, page_references_decide(1, true, VM_READ, true), PAGEREF_ACTIVATE);
	KTEST_EXPECT_EQ(t, page_references_decide(1, true, VM_READ, false), PAGEREF_ACTIVATE);
	/* code: one use activates a file page, not an anonymous one in an executable VMA */
	KTEST_EXPECT_EQ(t, page_references_decide(1, false, VM_READ | VM_EXEC, false), PAGEREF_ACTIVATE);
	KTEST_EXPECT_EQ(t, page_references_decide(1, false, VM_READ | VM_EXEC, true), PAGEREF_KEEP);
	/* mapped by an mlocked VMA: activate (putback moves it to the unevictable list) */
	KTEST_EXPECT_EQ(t, page_references_decide(0, false, VM_LOCKED, true), PAGEREF_ACTIVATE);
}

static struct ktest_case vmscan_cases[] = {
	KTEST_CASE(the_oldest_inactive_pages_go_first),
	KTEST_CASE(a_page_used_twice_is_activated_and_survives),
	KTEST_CASE(shrink_active_list_sends_pages_back),
	KTEST_CASE(a_dirty_page_is_written_then_freed_on_the_next_pass),
	KTEST_CASE(a_page_someone_holds_stays),
	KTEST_CASE(direct_reclaim_frees_a_batch),
	KTEST_CASE(page_check_references_decides_as_linux),
	{ 0 },
};

KTEST_SUITE(vmscan, vmscan_cases);
