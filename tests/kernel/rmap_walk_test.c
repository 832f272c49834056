/*
 * The reverse map (mm/rmap.c): from a page to every PTE that maps it.
 * Each case builds address spaces (mm_alloc, do_mmap, dup_mm for fork),
 * faults them through handle_mm_fault, and checks that rmap_walk finds
 * exactly the PTEs that map a page (as many as its mapcount, each one
 * once, each really mapping it), that page_referenced counts and clears
 * accessed bits, that try_to_unmap empties every PTE with the rss
 * counters and mapcount following, and that the map stays right through
 * mremap, an mprotect split and merge, munmap of a middle part, and
 * fork+exit churn. The page tables are never loaded: pages are reached
 * through kmap, as in the fork_mm suite.
 */
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/vma.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

static unsigned long free_before;

static void begin(void)
{
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
}

static void end(struct ktest *t)
{
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
}

static pte_t *pte_of(struct mm_struct *mm, unsigned long addr)
{
	return user_pte_lookup(mm, addr);
}

/* The frame addr's entry holds (present or PROT_NONE), or NULL. */
static struct page *frame(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_of(mm, addr);

	return pte && *pte ? pfn_to_page(pte_pfn(*pte)) : NULL;
}

static int fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	return handle_mm_fault(mm, find_vma(mm, addr), addr, write ? FAULT_FLAG_WRITE : 0);
}

/* pages of private anonymous memory, each written (so each has a page of its own). */
static unsigned long anon_written(struct ktest *t, struct mm_struct *mm, unsigned long pages)
{
	unsigned long a = do_mmap(mm, NULL, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, 0);

	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	for (unsigned long i = 0; i < pages; i++)
		KTEST_ASSERT_EQ(t, fault(mm, a + i * PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	return a;
}

/* --- a memory-only file with a page cache, as tmpfs's ---------------------- */

struct cached_file {
	struct inode inode;
	struct file file;
};

static int cached_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	(void)f, (void)vma;
	return 0;
}

static const struct file_operations cached_file_fops = { .mmap = cached_file_mmap };

static struct cached_file *cached_file_aops(struct ktest *t, unsigned long pages,
					    const struct address_space_operations *a_ops)
{
	struct cached_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, f != NULL);
	f->inode.i_mode = S_IFREG | 0644;
	f->inode.i_size = (long long)pages * PAGE_SIZE;
	mapping_init(&f->inode.i_data, &f->inode, a_ops);
	f->inode.i_mapping = &f->inode.i_data;
	f->file.f_inode = &f->inode;
	f->file.f_mapping = f->inode.i_mapping;
	f->file.f_op = &cached_file_fops;
	f->file.f_flags = O_RDWR;
	f->file.count = 1;      /* the test's own; each VMA takes another */
	return f;
}

/* Memory only (no a_ops): nothing to write back. */
static struct cached_file *cached_file(struct ktest *t, unsigned long pages)
{
	return cached_file_aops(t, pages, NULL);
}

static void cached_file_free(struct ktest *t, struct cached_file *f)
{
	KTEST_EXPECT_TRUE(t, list_empty(&f->file.f_mapping->i_mmap));  /* every VMA left it */
	KTEST_EXPECT_EQ(t, f->file.count, 1);
	truncate_inode_pages(f->file.f_mapping, 0);
	kfree(f);
}

static unsigned long map_file(struct ktest *t, struct mm_struct *mm, struct cached_file *f,
			      unsigned long pages, unsigned long flags)
{
	unsigned long a = do_mmap(mm, &f->file, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, flags, 0);

	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	return a;
}

static int list_length(const struct list_head *head)
{
	int n = 0;

	for (const struct list_head *p = head->next; p != head; p = p->next)
		n++;
	return n;
}

/* --- what rmap_walk reports -------------------------------------------------- */

struct seen {
	struct mm_struct *mm;   /* the PTE looked for */
	unsigned long addr;
	int n;                  /* PTEs reported */
	int found;              /* of them, (mm, addr) */
	int wrong;              /* reported, yet not mapping the page at that address */
};

static bool record(struct page *page, struct vm_area_struct *vma, unsigned long addr, pte_t *pte, void *arg)
{
	struct seen *s = arg;

	s->n++;
	if (pte != pte_of(vma->vm_mm, addr) || pte_pfn(*pte) != page_to_pfn(page) ||
	    addr < vma->vm_start || addr >= vma->vm_end)
		s->wrong++;
	if (vma->vm_mm == s->mm && addr == s->addr)
		s->found++;
	return true;
}

static struct seen walk(struct page *page, struct mm_struct *mm, unsigned long addr)
{
	struct seen s = { .mm = mm, .addr = addr };
	struct rmap_walk_control rwc = { .arg = &s, .rmap_one = record };

	rmap_walk(page, &rwc);
	return s;
}

/*
 * Every frame the n mms map (but the zero page): the walk reports as many
 * PTEs as its mapcount, this one among them exactly once, and none that
 * does not map it. And each mm's rss counters are what its PTEs hold.
 * Returns the number of PTEs looked at.
 */
static int check_rmap(struct ktest *t, struct mm_struct **mms, int n)
{
	int ptes = 0;

	for (int i = 0; i < n; i++) {
		unsigned long kinds[NR_MM_COUNTERS] = { 0 };

		for (struct vm_area_struct *v = mms[i]->mmap; v; v = v->vm_next) {
			for (unsigned long a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
				struct page *page = frame(mms[i], a);
				struct seen s;

				if (!page || page == zero_page)
					continue;
				ptes++;
				kinds[mm_counter(page)]++;
				s = walk(page, mms[i], a);
				KTEST_EXPECT_MSG(t, s.n == page_mapcount(page) && s.found == 1 && !s.wrong,
						 "mm %d at %lx: %d PTEs found, %d this one, %d wrong; mapcount %d",
						 i, a, s.n, s.found, s.wrong, page_mapcount(page));
			}
		}
		for (int k = 0; k < NR_MM_COUNTERS; k++)
			KTEST_EXPECT_MSG(t, k == MM_SWAPENTS || kinds[k] == get_mm_counter(mms[i], k),
					 "mm %d: counter %d is %lu, its PTEs say %lu", i, k,
					 get_mm_counter(mms[i], k), kinds[k]);
	}
	return ptes;
}

/* --- anonymous pages ---------------------------------------------------------- */

/*
 * A parent, two children and a grandchild share each page after fork: the
 * walk finds it at the same address in all four; a child's write copies
 * the page, and then each copy is found only where it is mapped.
 */
static void anon_pages_are_found_in_every_forked_mm(struct ktest *t)
{
	struct mm_struct *mm[4];
	struct page *page;
	unsigned long a;
	struct seen s;

	begin();
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = anon_written(t, mm[0], 4);
	page = frame(mm[0], a);
	KTEST_EXPECT_TRUE(t, PageAnon(page));
	KTEST_EXPECT_TRUE(t, page_mapping(page) == NULL);
	KTEST_EXPECT_TRUE(t, page_anon_vma(page) == find_vma(mm[0], a)->anon_vma);
	KTEST_EXPECT_EQ(t, frame(mm[0], a + 3 * PAGE_SIZE)->index, (a >> PAGE_SHIFT) + 3);
	mm[1] = dup_mm(mm[0]);
	mm[2] = dup_mm(mm[0]);
	KTEST_ASSERT_TRUE(t, mm[1] && mm[2]);
	mm[3] = dup_mm(mm[1]);
	KTEST_ASSERT_TRUE(t, mm[3] != NULL);
	for (int i = 1; i < 4; i++)
		KTEST_EXPECT_TRUE(t, find_vma(mm[i], a)->anon_vma == find_vma(mm[0], a)->anon_vma);
	KTEST_EXPECT_EQ(t, list_length(&find_vma(mm[0], a)->anon_vma->head), 4);
	for (int i = 0; i < 4; i++) {
		s = walk(page, mm[i], a);
		KTEST_EXPECT_EQ(t, s.n, 4);
		KTEST_EXPECT_EQ(t, s.found, 1);
	}
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 4), 16);
	/* the second child writes page 1: its own copy, found there alone */
	KTEST_EXPECT_EQ(t, fault(mm[2], a + PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(mm[2], a + PAGE_SIZE) != frame(mm[0], a + PAGE_SIZE));
	s = walk(frame(mm[2], a + PAGE_SIZE), mm[2], a + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, s.n, 1);
	KTEST_EXPECT_EQ(t, s.found, 1);
	KTEST_EXPECT_EQ(t, walk(frame(mm[0], a + PAGE_SIZE), mm[0], a + PAGE_SIZE).n, 3);
	check_rmap(t, mm, 4);
	for (int i = 3; i >= 0; i--)
		mmput(mm[i]);
	end(t);
}

/* page_referenced: as many as the PTEs with the accessed bit, which it clears. */
static void page_referenced_counts_and_clears(struct ktest *t)
{
	struct mm_struct *mm[3];
	struct page *page;
	unsigned long a;

	begin();
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = anon_written(t, mm[0], 2);
	mm[1] = dup_mm(mm[0]);
	mm[2] = dup_mm(mm[0]);
	KTEST_ASSERT_TRUE(t, mm[1] && mm[2]);
	page = frame(mm[0], a);
	for (int i = 0; i < 3; i++)
		*pte_of(mm[i], a) &= ~(pte_t)_PAGE_ACCESSED;
	KTEST_EXPECT_EQ(t, page_referenced(page), 0);
	*pte_of(mm[0], a) |= _PAGE_ACCESSED;    /* as the CPU sets it on a use */
	*pte_of(mm[2], a) |= _PAGE_ACCESSED;
	*pte_of(mm[1], a + PAGE_SIZE) |= _PAGE_ACCESSED;        /* another page's */
	KTEST_EXPECT_EQ(t, page_referenced(page), 2);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_FALSE(t, *pte_of(mm[i], a) & _PAGE_ACCESSED);
	KTEST_EXPECT_TRUE(t, *pte_of(mm[1], a + PAGE_SIZE) & _PAGE_ACCESSED);
	KTEST_EXPECT_EQ(t, page_referenced(page), 0);
	KTEST_EXPECT_EQ(t, page_referenced(frame(mm[1], a + PAGE_SIZE)), 1);
	KTEST_EXPECT_EQ(t, page_referenced(zero_page), 0);
	for (int i = 2; i >= 0; i--)
		mmput(mm[i]);
	end(t);
}

/*
 * try_to_unmap of an anonymous page: refused with nowhere to keep its data
 * (no swap yet), everything left as it was; with TTU_MIGRATION every PTE
 * goes, with its rss count, mapcount and reference.
 */
static void try_to_unmap_anon_needs_somewhere_for_the_data(struct ktest *t)
{
	unsigned long anon_mapped = global_node_page_state(NR_ANON_MAPPED);
	struct mm_struct *mm[3];
	struct page *page;
	unsigned long a;

	begin();
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = anon_written(t, mm[0], 2);
	mm[1] = dup_mm(mm[0]);
	mm[2] = dup_mm(mm[1]);
	KTEST_ASSERT_TRUE(t, mm[1] && mm[2]);
	page = frame(mm[0], a);
	get_page(page);                 /* the caller's own, as reclaim's isolation holds one */
	KTEST_EXPECT_FALSE(t, try_to_unmap(page, 0));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 3);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_TRUE(t, frame(mm[i], a) == page);
		KTEST_EXPECT_EQ(t, get_mm_counter(mm[i], MM_ANONPAGES), 2);
	}
	KTEST_EXPECT_TRUE(t, try_to_unmap(page, TTU_MIGRATION));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, *pte_of(mm[i], a), 0);
		KTEST_EXPECT_TRUE(t, frame(mm[i], a + PAGE_SIZE) != NULL);     /* its neighbour stays */
		KTEST_EXPECT_EQ(t, get_mm_counter(mm[i], MM_ANONPAGES), 1);
	}
	check_rmap(t, mm, 3);
	put_page(page);                 /* freed now */
	for (int i = 2; i >= 0; i--)
		mmput(mm[i]);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED), anon_mapped);
	end(t);
}

/* --- file pages ----------------------------------------------------------------- */

/*
 * A file page mapped shared in one mm and its child, privately in a
 * third: the walk goes through i_mmap and finds all three. A private write
 * copies the page; the copy is anonymous, found in its mm only, and the
 * cache page is no longer mapped there.
 */
static void file_pages_are_found_through_i_mmap(struct ktest *t)
{
	struct cached_file *f;
	struct mm_struct *mm[3];
	struct page *page;
	unsigned long s0, p2;

	begin();
	f = cached_file(t, 4);
	mm[0] = mm_alloc();
	mm[2] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] && mm[2]);
	s0 = map_file(t, mm[0], f, 4, MAP_SHARED);
	KTEST_ASSERT_EQ(t, fault(mm[0], s0, false) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm[0], s0 + PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	mm[1] = dup_mm(mm[0]);
	KTEST_ASSERT_TRUE(t, mm[1] != NULL);
	/* fork copies no PTEs of a shared file VMA (Linux's vma_needs_copy): the child faults them */
	KTEST_ASSERT_EQ(t, fault(mm[1], s0, false) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm[1], s0 + PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	p2 = map_file(t, mm[2], f, 4, MAP_PRIVATE);
	KTEST_ASSERT_EQ(t, fault(mm[2], p2, false) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm[2], p2 + PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, list_length(&f->file.f_mapping->i_mmap), 3);
	page = find_get_page(f->file.f_mapping, 0);
	KTEST_ASSERT_TRUE(t, page != NULL);
	put_page(page);
	KTEST_EXPECT_FALSE(t, PageAnon(page));
	KTEST_EXPECT_EQ(t, walk(page, mm[2], p2).n, 3);
	KTEST_EXPECT_EQ(t, walk(page, mm[1], s0).found, 1);
	/* page 1: the shared two, and mm 2's private copy apart */
	KTEST_EXPECT_TRUE(t, PageAnon(frame(mm[2], p2 + PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, walk(frame(mm[0], s0 + PAGE_SIZE), mm[0], s0 + PAGE_SIZE).n, 2);
	KTEST_EXPECT_EQ(t, walk(frame(mm[2], p2 + PAGE_SIZE), mm[2], p2 + PAGE_SIZE).n, 1);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 3), 6);    /* fault-around mapped page 1 in mm 2 before its copy */
	/* truncation walks i_mmap: every mm loses the file's pages, the private copy stays */
	unmap_mapping_pages(f->file.f_mapping, 0, 0, false);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_TRUE(t, frame(mm[i], i == 2 ? p2 : s0) == NULL);
	KTEST_EXPECT_TRUE(t, frame(mm[2], p2 + PAGE_SIZE) != NULL);
	check_rmap(t, mm, 3);
	for (int i = 2; i >= 0; i--)
		mmput(mm[i]);
	cached_file_free(t, f);
	end(t);
}

/*
 * try_to_unmap of a file page: every PTE goes, a PTE's dirty bit reaches
 * the page, the file counters drop. page_mkclean write-protects and
 * cleans the shared PTEs; the next write dirties the page again.
 */
static void try_to_unmap_and_mkclean_a_file_page(struct ktest *t)
{
	unsigned long file_mapped = global_node_page_state(NR_FILE_MAPPED);
	struct cached_file *f;
	struct mm_struct *mm[2];
	struct page *page;
	unsigned long a;
	pte_t *pte;

	begin();
	f = cached_file(t, 2);
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = map_file(t, mm[0], f, 2, MAP_SHARED);
	KTEST_ASSERT_EQ(t, fault(mm[0], a, true) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm[0], a + PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	mm[1] = dup_mm(mm[0]);
	KTEST_ASSERT_TRUE(t, mm[1] != NULL);
	/* fork copies no PTEs of a shared file VMA (Linux's vma_needs_copy): the child faults them */
	KTEST_ASSERT_EQ(t, fault(mm[1], a, false) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm[1], a + PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	page = frame(mm[0], a);
	KTEST_ASSERT_TRUE(t, page != NULL);

	/* page_mkclean: both shared PTEs become clean and read-only */
	*pte_of(mm[1], a) |= _PAGE_DIRTY;
	KTEST_EXPECT_EQ(t, page_mkclean(page), 2);
	for (int i = 0; i < 2; i++) {
		pte = pte_of(mm[i], a);
		KTEST_EXPECT_FALSE(t, *pte & (_PAGE_DIRTY | _PAGE_RW));
		KTEST_EXPECT_TRUE(t, pte_present(*pte));
	}
	KTEST_EXPECT_EQ(t, page_mkclean(page), 0);
	ClearPageDirty(page);           /* as writeback's clear_page_dirty_for_io */
	f->file.f_mapping->nrdirty = 0;
	KTEST_EXPECT_EQ(t, fault(mm[1], a, true) & VM_FAULT_ERROR, 0);        /* the same page, writable */
	KTEST_EXPECT_TRUE(t, frame(mm[1], a) == page);
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm[1], a)));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	check_rmap(t, mm, 2);

	/* try_to_unmap: mm 0's PTE was written since; both go */
	ClearPageDirty(page);
	f->file.f_mapping->nrdirty = 0;
	*pte_of(mm[0], a) |= _PAGE_DIRTY;
	KTEST_EXPECT_TRUE(t, try_to_unmap(page, 0));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, page_count(page), 1);        /* the cache's */
	for (int i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, *pte_of(mm[i], a), 0);
		KTEST_EXPECT_EQ(t, get_mm_counter(mm[i], MM_FILEPAGES), 1);
	}
	check_rmap(t, mm, 2);
	KTEST_EXPECT_TRUE(t, try_to_unmap(page, 0));    /* nothing left to do */
	mmput(mm[1]);
	mmput(mm[0]);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FILE_MAPPED), file_mapped);
	cached_file_free(t, f);
	end(t);
}

/* A file on a "disk": pages read as zeroes, and writes only counted. */
static int writepages;

static int zero_readpage(struct file *file, struct page *page)
{
	void *kaddr = kmap_atomic(page);

	(void)file;
	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static int counting_writepage(struct page *page, struct writeback_control *wbc)
{
	(void)wbc;
	writepages++;
	set_page_writeback(page);
	unlock_page(page);
	end_page_writeback(page);
	return 0;
}

static const struct address_space_operations disk_aops = {
	.readpage = zero_readpage, .writepage = counting_writepage,
};

/*
 * Writeback cleans and write-protects the shared PTEs of the page it
 * writes (page_mkclean in clear_page_dirty_for_io): a write after it
 * faults, dirties the page again, and the next writeback writes it again.
 * A write only a PTE's dirty bit saw is written too.
 */
static void writeback_catches_later_writes(struct ktest *t)
{
	struct cached_file *f;
	struct mm_struct *mm;
	struct page *page;
	unsigned long a;

	begin();
	writepages = 0;
	f = cached_file_aops(t, 1, &disk_aops);
	mm = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = map_file(t, mm, f, 1, MAP_SHARED);
	KTEST_ASSERT_EQ(t, fault(mm, a, true) & VM_FAULT_ERROR, 0);
	page = frame(mm, a);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, MAX_LFS_FILESIZE), 0);
	KTEST_EXPECT_EQ(t, writepages, 1);
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(mm, a)));
	/* the next write: a fault on the same page, which is dirty again */
	KTEST_EXPECT_EQ(t, fault(mm, a, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(mm, a) == page);
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm, a)));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, filemap_write_and_wait_range(f->file.f_mapping, 0, MAX_LFS_FILESIZE), 0);
	KTEST_EXPECT_EQ(t, writepages, 2);
	/* the CPU's dirty bit alone (a PTE made writable by mprotect): written as well */
	*pte_of(mm, a) |= _PAGE_RW | _PAGE_DIRTY;
	lock_page(page);
	KTEST_EXPECT_TRUE(t, clear_page_dirty_for_io(page));
	unlock_page(page);
	KTEST_EXPECT_FALSE(t, *pte_of(mm, a) & (_PAGE_RW | _PAGE_DIRTY));
	mmput(mm);
	cached_file_free(t, f);
	end(t);
}

/* --- keeping the map right as VMAs change -------------------------------------------- */

/* Run a system call on mm: a stand-in task is current meanwhile (interrupts off: no switch). */
static struct task_struct stand_in;
static struct task_struct *saved_current;
static unsigned long saved_irq;

static void become(struct mm_struct *mm)
{
	memset(&stand_in, 0, sizeof(stand_in));
	stand_in.mm = mm;
	saved_irq = local_irq_save();
	saved_current = current;
	current = &stand_in;
}

static void unbecome(void)
{
	current = saved_current;
	local_irq_restore(saved_irq);
}

/*
 * 8 written pages, then: an mprotect of pages 2-3 (a split in three)
 * and back (a merge: one anon_vma) and again, mremap of the last part
 * elsewhere, munmap of page 1, a fork, the child's mprotect and write;
 * after each the walk finds exactly every PTE.
 */
static void vma_changes_keep_the_anon_map(struct ktest *t)
{
	struct mm_struct *mm[2];
	struct page *moved;
	unsigned long a, to;
	long ret;

	begin();
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = anon_written(t, mm[0], 8);
	become(mm[0]);
	ret = sys_mprotect(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, mm[0]->map_count, 3);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 1), 8);
	/* back: the three parts share one anon_vma, so they merge again */
	become(mm[0]);
	ret = sys_mprotect(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, mm[0]->map_count, 1);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 1), 8);
	become(mm[0]);
	ret = sys_mprotect(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, 0);
	moved = frame(mm[0], a + 6 * PAGE_SIZE);
	to = a + 64 * PAGE_SIZE;
	become(mm[0]);
	ret = sys_mremap(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, (long)to);
	KTEST_EXPECT_TRUE(t, frame(mm[0], to + 2 * PAGE_SIZE) == moved);
	KTEST_EXPECT_EQ(t, walk(moved, mm[0], to + 2 * PAGE_SIZE).found, 1);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 1), 8);
	KTEST_EXPECT_EQ(t, do_munmap(mm[0], a + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 1), 7);
	mm[1] = dup_mm(mm[0]);
	KTEST_ASSERT_TRUE(t, mm[1] != NULL);
	KTEST_EXPECT_EQ(t, walk(moved, mm[1], to + 2 * PAGE_SIZE).n, 2);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 2), 14);
	/* the child makes pages 2-3 writable again and writes one: its own copy */
	become(mm[1]);
	ret = sys_mprotect(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, fault(mm[1], a + 3 * PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, walk(frame(mm[1], a + 3 * PAGE_SIZE), mm[1], a + 3 * PAGE_SIZE).n, 1);
	check_rmap(t, mm, 2);
	mmput(mm[0]);                   /* the parent exits first: the child's pages are still found */
	KTEST_EXPECT_EQ(t, check_rmap(t, &mm[1], 1), 7);
	mmput(mm[1]);
	end(t);
}

/* A shared file mapping moved by mremap stays on i_mmap: truncation still reaches its PTEs there. */
static void mremap_keeps_a_file_mapping_on_i_mmap(struct ktest *t)
{
	struct cached_file *f;
	struct mm_struct *mm;
	unsigned long a, to;
	long ret;

	begin();
	f = cached_file(t, 4);
	mm = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = map_file(t, mm, f, 4, MAP_SHARED);
	for (int i = 0; i < 4; i++)
		KTEST_ASSERT_EQ(t, fault(mm, a + i * PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	to = a + 64 * PAGE_SIZE;
	become(mm);
	ret = sys_mremap(a + PAGE_SIZE, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	unbecome();
	KTEST_EXPECT_EQ(t, ret, (long)to);
	KTEST_EXPECT_EQ(t, list_length(&f->file.f_mapping->i_mmap), 3);        /* page 0, the moved two, page 3 */
	KTEST_EXPECT_EQ(t, check_rmap(t, &mm, 1), 4);
	unmap_mapping_pages(f->file.f_mapping, 2, 1, true);     /* file page 2: now at to + PAGE_SIZE */
	KTEST_EXPECT_TRUE(t, frame(mm, to + PAGE_SIZE) == NULL);
	KTEST_EXPECT_TRUE(t, frame(mm, to) != NULL);
	KTEST_EXPECT_TRUE(t, frame(mm, a) != NULL);
	KTEST_EXPECT_EQ(t, check_rmap(t, &mm, 1), 3);
	mmput(mm);
	cached_file_free(t, f);
	end(t);
}

/*
 * Many children fork, write a page and exit: their VMAs leave the
 * anon_vma, which ends with the parent's alone, and every page is mapped
 * once again.
 */
static void fork_exit_churn_leaves_the_parent_alone(struct ktest *t)
{
	struct mm_struct *mm[3];
	unsigned long a;

	begin();
	mm[0] = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm[0] != NULL);
	a = anon_written(t, mm[0], 4);
	for (int round = 0; round < 16; round++) {
		mm[1] = dup_mm(mm[0]);
		KTEST_ASSERT_TRUE(t, mm[1] != NULL);
		mm[2] = dup_mm(mm[1]);
		KTEST_ASSERT_TRUE(t, mm[2] != NULL);
		KTEST_ASSERT_EQ(t, fault(mm[1], a + (round % 4) * PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
		if (round % 4 == 0)
			check_rmap(t, mm, 3);
		/* the child exits before or after the grandchild */
		mmput(mm[1 + round % 2]);
		mmput(mm[2 - round % 2]);
	}
	KTEST_EXPECT_EQ(t, list_length(&find_vma(mm[0], a)->anon_vma->head), 1);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, page_mapcount(frame(mm[0], a + i * PAGE_SIZE)), 1);
	KTEST_EXPECT_EQ(t, check_rmap(t, mm, 1), 4);
	mmput(mm[0]);
	end(t);
}

static struct ktest_case rmap_walk_cases[] = {
	KTEST_CASE(anon_pages_are_found_in_every_forked_mm),
	KTEST_CASE(page_referenced_counts_and_clears),
	KTEST_CASE(try_to_unmap_anon_needs_somewhere_for_the_data),
	KTEST_CASE(file_pages_are_found_through_i_mmap),
	KTEST_CASE(try_to_unmap_and_mkclean_a_file_page),
	KTEST_CASE(writeback_catches_later_writes),
	KTEST_CASE(vma_changes_keep_the_anon_map),
	KTEST_CASE(mremap_keeps_a_file_mapping_on_i_mmap),
	KTEST_CASE(fork_exit_churn_leaves_the_parent_alone),
	{}
};
KTEST_SUITE(rmap_walk, rmap_walk_cases);
