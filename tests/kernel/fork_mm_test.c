/*
 * fork's half in memory: dup_mm copies an address space without copying
 * a page, and the write fault copies afterwards (copy-on-write) or reuses
 * a page nobody else holds. Each case builds a parent mm with every kind
 * of mapping, faults it through handle_mm_fault, writes marks into its
 * pages through kmap (the page tables are never loaded), dup_mm()s it,
 * and checks frames, PTE bits, page_count/page_mapcount and the number of
 * free pages.
 */
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vma.h"

/* The parent's mappings, and what was done to each page before dup_mm. */
#define ANON_PAGES   4  /* 0, 1 written; 2 read (the zero page); 3 untouched */
#define FILE_PAGES   2  /* MAP_PRIVATE of a file: 0 read; 1 written (a private copy) */
#define SHARED_PAGES 2  /* MAP_SHARED|MAP_ANONYMOUS (a shmem file): 0 written; 1 untouched */
#define NONE_PAGES   1  /* written, then PROT_NONE: the entry keeps its frame */

struct layout {
	unsigned long anon, file, shared, none;
};

static uint8_t file_bytes[FILE_PAGES * PAGE_SIZE];
/* The mm maps files whose f_op has mmap (as the initramfs's): this one's pages are file_bytes. */
static int test_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	(void)f, (void)vma;
	return 0;
}

static const struct file_operations test_file_fops = { .mmap = test_file_mmap };
static struct file test_file = {
	.name = "fork_mm_test", .data = file_bytes, .size = sizeof(file_bytes), .mode = 0100644,
	.f_op = &test_file_fops,
};

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

static pte_t entry(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = user_pte_lookup(mm, addr);

	return pte ? *pte : 0;
}

/* The frame addr's entry holds, present or PROT_NONE; NULL if none. */
static struct page *frame(struct mm_struct *mm, unsigned long addr)
{
	pte_t e = entry(mm, addr);

	return e ? pfn_to_page(pte_pfn(e)) : NULL;
}

static int fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	return handle_mm_fault(mm, find_vma(mm, addr), addr, write ? FAULT_FLAG_WRITE : 0);
}

/* What a program would store at the start of the page, and read back. */
static void poke(struct page *page, uint32_t v)
{
	uint32_t *p = kmap_atomic(page);

	p[0] = v;
	p[PAGE_SIZE / 4 - 1] = ~v;
	kunmap_atomic(p);
}

static bool holds(struct page *page, uint32_t v)
{
	uint32_t *p = kmap_atomic(page);
	bool ok = p[0] == v && p[PAGE_SIZE / 4 - 1] == ~v;

	kunmap_atomic(p);
	return ok;
}

static bool zeroed(struct page *page)
{
	uint32_t *p = kmap_atomic(page);
	uint32_t any = 0;

	for (unsigned long i = 0; i < PAGE_SIZE / 4; i++)
		any |= p[i];
	kunmap_atomic(p);
	return any == 0;
}

/* The mark page i of a mapping at addr gets: different in every page. */
static uint32_t mark(unsigned long addr, int i)
{
	return (uint32_t)(addr + (unsigned long)i * PAGE_SIZE) ^ 0x5a5a0000u;
}

/* Fault addr in for a write and store its mark there. */
static void write_page(struct ktest *t, struct mm_struct *mm, unsigned long addr, uint32_t v)
{
	KTEST_ASSERT_EQ(t, fault(mm, addr, true) & VM_FAULT_ERROR, 0);
	poke(frame(mm, addr), v);
}

static unsigned long map(struct ktest *t, struct mm_struct *mm, struct file *file, unsigned long pages,
			 unsigned long flags)
{
	unsigned long a = do_mmap(mm, file, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, flags, 0);

	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	return a;
}

/* Take every access away from the VMA at addr, as mprotect(PROT_NONE) does. */
static void protect_none(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	vma->vm_flags &= ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	change_protection(vma);
}

/* A parent with the layout above (an assert aborts the case). */
static struct mm_struct *build(struct ktest *t, struct layout *l)
{
	struct mm_struct *mm = mm_alloc();

	KTEST_ASSERT_TRUE(t, mm != NULL);
	for (unsigned int i = 0; i < sizeof(file_bytes); i++)
		file_bytes[i] = (uint8_t)(i * 7 + 3);
	l->anon = map(t, mm, NULL, ANON_PAGES, MAP_PRIVATE | MAP_ANONYMOUS);
	l->file = map(t, mm, &test_file, FILE_PAGES, MAP_PRIVATE);
	l->shared = map(t, mm, NULL, SHARED_PAGES, MAP_SHARED | MAP_ANONYMOUS);
	l->none = map(t, mm, NULL, NONE_PAGES, MAP_PRIVATE | MAP_ANONYMOUS);
	write_page(t, mm, l->anon, mark(l->anon, 0));
	write_page(t, mm, l->anon + PAGE_SIZE, mark(l->anon, 1));
	KTEST_ASSERT_EQ(t, fault(mm, l->anon + 2 * PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, fault(mm, l->file, false) & VM_FAULT_ERROR, 0);
	write_page(t, mm, l->file + PAGE_SIZE, mark(l->file, 1));
	write_page(t, mm, l->shared, mark(l->shared, 0));
	write_page(t, mm, l->none, mark(l->none, 0));
	protect_none(mm, l->none);
	mm->start_brk = 0x0804c000;
	mm->brk = 0x0804e000;
	mm->start_stack = 0xbffff000;
	mm->arg_start = 0xbfffe000;
	mm->env_end = 0xbfffe800;
	return mm;
}

static struct mm_struct *dup(struct ktest *t, struct mm_struct *mm)
{
	struct mm_struct *child = dup_mm(mm);

	KTEST_ASSERT_TRUE(t, child != NULL);
	return child;
}

/* The private pages the parent wrote, which fork shares copy-on-write. */
static unsigned long cow_addrs(const struct layout *l, unsigned long *a)
{
	a[0] = l->anon;
	a[1] = l->anon + PAGE_SIZE;
	a[2] = l->file;
	a[3] = l->file + PAGE_SIZE;
	return 4;
}

static unsigned int user_page_tables(const struct mm_struct *mm)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		n += pgd_present(mm->pgd[i]);
	return n;
}

/*
 * dup_mm takes a page directory and page tables, and not one page more:
 * every private frame is shared, and the shared mapping gets no PTEs (its
 * pages are its shmem file's). (A first dup warms the slab caches, so the
 * second is exact.)
 */
static void dup_copies_no_page(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long a[4], n, free;
	struct layout l;

	begin();
	mm = build(t, &l);
	mmput(dup(t, mm));
	free = nr_free_pages_with_pcp();
	child = dup(t, mm);
	KTEST_EXPECT_EQ(t, free - nr_free_pages_with_pcp(), 1 + user_page_tables(child));
	n = cow_addrs(&l, a);
	for (unsigned long i = 0; i < n; i++)
		KTEST_EXPECT_TRUE(t, frame(child, a[i]) == frame(mm, a[i]));
	KTEST_EXPECT_TRUE(t, frame(child, l.shared) == NULL);
	KTEST_EXPECT_TRUE(t, frame(child, l.none) == frame(mm, l.none));
	KTEST_EXPECT_TRUE(t, frame(child, l.anon + 2 * PAGE_SIZE) == zero_page);
	KTEST_EXPECT_TRUE(t, frame(child, l.anon + 3 * PAGE_SIZE) == NULL);
	/* rss counts the frames, not the zero page: 4 private, 1 PROT_NONE; the parent 1 shmem page more */
	KTEST_EXPECT_EQ(t, get_mm_rss(child), 5);
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 6);
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_SHMEMPAGES), 1);
	KTEST_EXPECT_EQ(t, child->map_count, mm->map_count);
	KTEST_EXPECT_EQ(t, child->total_vm, mm->total_vm);
	KTEST_EXPECT_EQ(t, child->brk, mm->brk);
	KTEST_EXPECT_EQ(t, child->start_brk, mm->start_brk);
	KTEST_EXPECT_EQ(t, child->start_stack, mm->start_stack);
	KTEST_EXPECT_EQ(t, child->arg_start, mm->arg_start);
	KTEST_EXPECT_EQ(t, child->env_end, mm->env_end);
	KTEST_EXPECT_EQ(t, child->min_flt + child->maj_flt, 0);
	KTEST_EXPECT_EQ(t, vma_check(child), 0);
	mmput(child);
	mmput(mm);
	end(t);
}

/* Every VMA comes across with its flags, protection, file, offset, name and anon_vma. */
static void dup_copies_every_vma(struct ktest *t)
{
	struct vm_area_struct *v, *c;
	struct mm_struct *mm, *child;
	struct layout l;

	begin();
	mm = build(t, &l);
	find_vma(mm, l.anon)->vm_name = "[heap]";
	child = dup(t, mm);
	for (v = mm->mmap, c = child->mmap; v && c; v = v->vm_next, c = c->vm_next) {
		KTEST_EXPECT_EQ(t, c->vm_start, v->vm_start);
		KTEST_EXPECT_EQ(t, c->vm_end, v->vm_end);
		KTEST_EXPECT_EQ(t, c->vm_flags, v->vm_flags);
		KTEST_EXPECT_EQ(t, c->vm_page_prot, v->vm_page_prot);
		KTEST_EXPECT_TRUE(t, c->vm_file == v->vm_file);
		KTEST_EXPECT_EQ(t, c->vm_pgoff, v->vm_pgoff);
		KTEST_EXPECT_TRUE(t, c->vm_name == v->vm_name);
		KTEST_EXPECT_TRUE(t, c->anon_vma == v->anon_vma);
		KTEST_EXPECT_TRUE(t, c->vm_mm == child);
	}
	KTEST_EXPECT_TRUE(t, v == NULL && c == NULL);
	KTEST_EXPECT_TRUE(t, find_vma(child, l.anon)->anon_vma);
	mmput(child);
	mmput(mm);
	end(t);
}

/*
 * After dup_mm a private page is read-only in both page tables, held by
 * both (count 2, mapcount 2); a shared page stays writable in the parent,
 * held by its shmem file and the parent's PTE, and the child has no PTE
 * for it; the zero page is still the zero page, uncounted; a PROT_NONE
 * entry keeps its frame, not present, in both.
 */
static void both_ptes_read_only_after(struct ktest *t)
{
	int zero_mapcount = zero_page->_mapcount;
	struct mm_struct *mm, *child;
	unsigned long a[4], n;
	struct layout l;

	begin();
	mm = build(t, &l);
	KTEST_EXPECT_TRUE(t, pte_write(entry(mm, l.anon)));     /* so the next check means something */
	child = dup(t, mm);
	n = cow_addrs(&l, a);
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = frame(mm, a[i]);

		KTEST_EXPECT_TRUE(t, pte_present(entry(mm, a[i])) && !pte_write(entry(mm, a[i])));
		KTEST_EXPECT_TRUE(t, pte_present(entry(child, a[i])) && !pte_write(entry(child, a[i])));
		KTEST_EXPECT_EQ(t, page_count(page), 2);
		KTEST_EXPECT_EQ(t, page_mapcount(page), 2);
	}
	for (int i = 0; i < SHARED_PAGES; i++)
		KTEST_EXPECT_EQ(t, entry(child, l.shared + i * PAGE_SIZE), 0);
	KTEST_EXPECT_TRUE(t, pte_write(entry(mm, l.shared)));
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.shared)), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(frame(mm, l.shared)), 1);
	KTEST_EXPECT_TRUE(t, !pte_present(entry(child, l.none)) && frame(child, l.none) == frame(mm, l.none));
	KTEST_EXPECT_EQ(t, page_mapcount(frame(mm, l.none)), 2);
	KTEST_EXPECT_EQ(t, zero_page->_mapcount, zero_mapcount);
	mmput(child);
	for (unsigned long i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, page_count(frame(mm, a[i])), 1);
		KTEST_EXPECT_EQ(t, page_mapcount(frame(mm, a[i])), 1);
	}
	mmput(mm);
	end(t);
}

/*
 * The child's write copies exactly one page: the copy holds what the
 * parent wrote, the parent's page keeps its frame and its contents, and is
 * now the parent's alone, so the parent's own write then reuses it.
 */
static void child_write_copies_one_page(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct page *old, *copy;
	unsigned long free, a;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	a = l.anon + PAGE_SIZE;
	old = frame(mm, a);
	free = nr_free_pages_with_pcp();
	KTEST_EXPECT_EQ(t, fault(child, a, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, free - nr_free_pages_with_pcp(), 1);
	copy = frame(child, a);
	KTEST_ASSERT_TRUE(t, copy != old && copy != NULL);
	KTEST_EXPECT_TRUE(t, pte_write(entry(child, a)));
	KTEST_EXPECT_TRUE(t, holds(copy, mark(l.anon, 1)));
	KTEST_EXPECT_EQ(t, page_count(copy), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(copy), 1);
	poke(copy, 0xc0ffee);                   /* the child's store */
	KTEST_EXPECT_TRUE(t, frame(mm, a) == old && !pte_write(entry(mm, a)));
	KTEST_EXPECT_TRUE(t, holds(old, mark(l.anon, 1)));
	KTEST_EXPECT_EQ(t, page_count(old), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(old), 1);
	/* all but the shared page, which the child never touched */
	KTEST_EXPECT_EQ(t, get_mm_rss(child) + 1, get_mm_rss(mm));
	/* the other pages are still shared */
	KTEST_EXPECT_TRUE(t, frame(child, l.anon) == frame(mm, l.anon));
	free = nr_free_pages_with_pcp();
	KTEST_EXPECT_EQ(t, fault(mm, a, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free);
	KTEST_EXPECT_TRUE(t, frame(mm, a) == old && pte_write(entry(mm, a)));
	mmput(child);
	mmput(mm);
	end(t);
}

/* A private file page, read by the parent before fork: the child's write copies it, with the file's bytes. */
static void child_write_copies_a_file_page(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long free;
	struct page *old, *copy;
	struct layout l;
	uint8_t *p;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	old = frame(mm, l.file);
	free = nr_free_pages_with_pcp();
	KTEST_EXPECT_EQ(t, fault(child, l.file, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, free - nr_free_pages_with_pcp(), 1);
	copy = frame(child, l.file);
	KTEST_ASSERT_TRUE(t, copy != old && copy != NULL);
	p = kmap_atomic(copy);
	KTEST_EXPECT_EQ(t, memcmp(p, file_bytes, PAGE_SIZE), 0);
	kunmap_atomic(p);
	KTEST_EXPECT_EQ(t, page_count(old), 1);
	/* the written file page is anonymous memory now: it copies like one */
	KTEST_EXPECT_EQ(t, fault(child, l.file + PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(child, l.file + PAGE_SIZE) != frame(mm, l.file + PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, holds(frame(child, l.file + PAGE_SIZE), mark(l.file, 1)));
	mmput(child);
	mmput(mm);
	end(t);
}

/* Reads after fork copy nothing: a present page stays shared, an untouched one gets the zero page. */
static void read_fault_copies_nothing(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long free, a;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	a = l.anon + 3 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, fault(child, l.anon, false) & VM_FAULT_ERROR, 0);   /* warm: no new table later */
	free = nr_free_pages_with_pcp();
	KTEST_EXPECT_EQ(t, fault(child, l.anon, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, fault(child, l.file, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, fault(child, a, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, fault(mm, l.anon + PAGE_SIZE, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free);
	KTEST_EXPECT_TRUE(t, frame(child, l.anon) == frame(mm, l.anon));
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.anon)), 2);
	KTEST_EXPECT_TRUE(t, frame(child, a) == zero_page);
	mmput(child);
	mmput(mm);
	end(t);
}

/*
 * Once the parent is gone, the child holds the only reference: its write
 * reuses the page (no copy, the same frame, made writable), for an
 * anonymous page and for a private file page alike.
 */
static void reuse_after_parent_put(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long a[4], n, free;
	struct page *pages[4];
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	n = cow_addrs(&l, a);
	for (unsigned long i = 0; i < n; i++)
		pages[i] = frame(mm, a[i]);
	mmput(mm);
	free = nr_free_pages_with_pcp();
	for (unsigned long i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, page_count(pages[i]), 1);
		KTEST_EXPECT_EQ(t, fault(child, a[i], true) & VM_FAULT_ERROR, 0);
		KTEST_EXPECT_TRUE(t, frame(child, a[i]) == pages[i]);
		KTEST_EXPECT_TRUE(t, pte_write(entry(child, a[i])));
	}
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free);
	KTEST_EXPECT_TRUE(t, holds(pages[1], mark(l.anon, 1)));
	mmput(child);
	end(t);
}

/*
 * A shared anonymous page is one page of the shmem file both map: what
 * the child stores in a page nobody had touched, the parent's fault
 * finds; the page the parent wrote before fork, the child's fault finds.
 */
static void shared_anon_is_shared(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long s;
	struct layout l;

	begin();
	mm = build(t, &l);
	s = l.shared + PAGE_SIZE;
	KTEST_EXPECT_TRUE(t, frame(mm, s) == NULL);             /* untouched before fork */
	child = dup(t, mm);
	KTEST_EXPECT_EQ(t, fault(child, s, true) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_TRUE(t, frame(child, s) != NULL && frame(child, s) != zero_page);
	poke(frame(child, s), 0xfeed);
	KTEST_EXPECT_EQ(t, fault(mm, s, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(mm, s) == frame(child, s));
	KTEST_EXPECT_TRUE(t, holds(frame(mm, s), 0xfeed));
	KTEST_EXPECT_EQ(t, fault(child, l.shared, false) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(child, l.shared) == frame(mm, l.shared));
	KTEST_EXPECT_TRUE(t, holds(frame(child, l.shared), mark(l.shared, 0)));
	KTEST_EXPECT_EQ(t, get_mm_counter(child, MM_SHMEMPAGES), 2);
	mmput(child);
	mmput(mm);
	end(t);
}

/* mprotect in the child cannot make a page it shares with the parent writable; the write then copies. */
static void mprotect_keeps_shared_pages_read_only(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct vm_area_struct *vma;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	vma = find_vma(child, l.none);
	vma->vm_flags |= VM_READ | VM_WRITE;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	change_protection(vma);
	KTEST_EXPECT_TRUE(t, pte_present(entry(child, l.none)) && !pte_write(entry(child, l.none)));
	KTEST_EXPECT_EQ(t, fault(child, l.none, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, frame(child, l.none) != frame(mm, l.none));
	KTEST_EXPECT_TRUE(t, holds(frame(child, l.none), mark(l.none, 0)));
	KTEST_EXPECT_TRUE(t, !pte_present(entry(mm, l.none)));
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.none)), 1);
	mmput(child);
	mmput(mm);
	end(t);
}

/* munmap and MADV_DONTNEED in one process drop its reference; the other still reads the page. */
static void unmap_in_child_leaves_the_parent_page(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct page *page;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	page = frame(mm, l.anon);
	KTEST_EXPECT_EQ(t, do_munmap(child, l.anon, PAGE_SIZE), 0);
	zap_page_range(child, l.file + PAGE_SIZE, l.file + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_TRUE(t, holds(page, mark(l.anon, 0)));
	KTEST_EXPECT_TRUE(t, holds(frame(mm, l.file + PAGE_SIZE), mark(l.file, 1)));
	KTEST_EXPECT_EQ(t, get_mm_rss(child), 3);      /* of 5: the shared pages are not the child's */
	KTEST_EXPECT_EQ(t, child->hiwater_rss, 6);     /* the parent's mark, inherited */
	mmput(child);
	mmput(mm);
	end(t);
}

/* MADV_DONTFORK's VMA is left out of the child; MADV_WIPEONFORK's comes empty, and the parent's stays writable. */
static void dontcopy_and_wipeonfork(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct vm_area_struct *vma;
	struct layout l;

	begin();
	mm = build(t, &l);
	find_vma(mm, l.file)->vm_flags |= VM_DONTCOPY;
	find_vma(mm, l.anon)->vm_flags |= VM_WIPEONFORK;
	child = dup(t, mm);
	KTEST_EXPECT_TRUE(t, find_vma_intersection(child, l.file, l.file + FILE_PAGES * PAGE_SIZE) == NULL);
	vma = vma_lookup(child, l.anon);
	KTEST_ASSERT_TRUE(t, vma != NULL);
	KTEST_EXPECT_EQ(t, vma->vm_end, l.anon + ANON_PAGES * PAGE_SIZE);
	KTEST_EXPECT_FALSE(t, vma->anon_vma);
	for (int i = 0; i < ANON_PAGES; i++)
		KTEST_EXPECT_EQ(t, entry(child, l.anon + i * PAGE_SIZE), 0);
	KTEST_EXPECT_TRUE(t, pte_write(entry(mm, l.anon)));
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.anon)), 1);
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.file)), 1);
	KTEST_EXPECT_EQ(t, get_mm_rss(child), 1);      /* the PROT_NONE page: the shared pair is the file's */
	KTEST_EXPECT_EQ(t, child->total_vm, mm->total_vm - FILE_PAGES);
	KTEST_EXPECT_EQ(t, fault(child, l.anon, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_TRUE(t, zeroed(frame(child, l.anon)));    /* a fresh page, not the parent's */
	mmput(child);
	mmput(mm);
	end(t);
}

/* Parent and child both written all over, then both put: every page comes back. */
static void mmput_of_both_frees_every_page(struct ktest *t)
{
	struct mm_struct *mm, *child;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	for (int i = 0; i < ANON_PAGES; i++) {
		KTEST_EXPECT_EQ(t, fault(child, l.anon + i * PAGE_SIZE, true) & VM_FAULT_ERROR, 0);
		KTEST_EXPECT_EQ(t, fault(mm, l.anon + i * PAGE_SIZE, i & 1) & VM_FAULT_ERROR, 0);
	}
	KTEST_EXPECT_EQ(t, fault(child, l.file, true) & VM_FAULT_ERROR, 0);
	mmput(mm);
	mmput(child);
	end(t);
}

/*
 * dup_mm when memory runs out at each allocation in turn (pgd, page
 * tables, slab pages): NULL, every page back, and the parent's pages
 * counted as before. The first try fails at once; the last succeeds.
 */
static void dup_failing_half_way_leaks_nothing(struct ktest *t)
{
	struct mm_struct *mm, *child = NULL;
	unsigned long a[4], n, free, failures = 0;
	struct layout l;

	begin();
	mm = build(t, &l);
	mmput(dup(t, mm));      /* warms the slab caches */
	n = cow_addrs(&l, a);
	for (unsigned long after = 0; !child && after < 64; after++) {
		kmem_cache_shrink_all();
		free = nr_free_pages_with_pcp();
		fail_page_alloc_after(after);
		child = dup_mm(mm);
		fail_page_alloc_stop();
		if (child)
			break;
		failures++;
		kmem_cache_shrink_all();
		KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free);
		for (unsigned long i = 0; i < n; i++) {
			KTEST_EXPECT_EQ(t, page_count(frame(mm, a[i])), 1);
			KTEST_EXPECT_EQ(t, page_mapcount(frame(mm, a[i])), 1);
		}
		KTEST_EXPECT_EQ(t, page_count(frame(mm, l.shared)), 2);     /* its PTE's and its file's */
	}
	KTEST_ASSERT_TRUE(t, child != NULL);
	KTEST_EXPECT_GE(t, failures, 2);        /* the page directory and a page table at least */
	KTEST_EXPECT_EQ(t, page_count(frame(mm, l.anon)), 2);
	mmput(child);
	/* the parent's write-protected pages are reused, not copied */
	free = nr_free_pages_with_pcp();
	KTEST_EXPECT_EQ(t, fault(mm, l.anon, true) & VM_FAULT_ERROR, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free);
	mmput(mm);
	end(t);
}

/*
 * A fault counts into the task that took it (min_flt, or maj_flt for a
 * file read), a failed one not at all; a fault on the task's own mm
 * raises its maxrss to the mm's rss; rss's high-water mark survives munmap.
 * A stand-in task is current meanwhile (interrupts off: no switch).
 */
static void faults_count_into_the_task(struct ktest *t)
{
	static struct task_struct fake;
	struct task_struct *saved = current;
	struct mm_struct *mm, *child;
	unsigned long irq, file2;
	struct layout l;

	begin();
	mm = build(t, &l);
	child = dup(t, mm);
	file2 = map(t, mm, &test_file, FILE_PAGES, MAP_PRIVATE);
	memset(&fake, 0, sizeof(fake));
	fake.mm = mm;
	irq = local_irq_save();
	current = &fake;
	fault(mm, l.anon + 3 * PAGE_SIZE, true);
	fault(mm, file2, false);
	fault(mm, l.none, false);               /* PROT_NONE: SIGSEGV, not counted */
	fault(child, l.anon, true);             /* another mm: counted, but not its rss */
	current = saved;
	local_irq_restore(irq);
	KTEST_EXPECT_EQ(t, fake.min_flt, 2);
	KTEST_EXPECT_EQ(t, fake.maj_flt, 1);
	KTEST_EXPECT_EQ(t, fake.maxrss, 8);     /* the 6 pages of build(), and the two faulted here */
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 8);
	KTEST_EXPECT_EQ(t, do_munmap(mm, l.anon, ANON_PAGES * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 5);
	KTEST_EXPECT_EQ(t, get_mm_hiwater_rss(mm), 8);
	mmput(child);
	mmput(mm);
	end(t);
}

static struct ktest_case fork_mm_cases[] = {
	KTEST_CASE(dup_copies_no_page),
	KTEST_CASE(dup_copies_every_vma),
	KTEST_CASE(both_ptes_read_only_after),
	KTEST_CASE(child_write_copies_one_page),
	KTEST_CASE(child_write_copies_a_file_page),
	KTEST_CASE(read_fault_copies_nothing),
	KTEST_CASE(reuse_after_parent_put),
	KTEST_CASE(shared_anon_is_shared),
	KTEST_CASE(mprotect_keeps_shared_pages_read_only),
	KTEST_CASE(unmap_in_child_leaves_the_parent_page),
	KTEST_CASE(dontcopy_and_wipeonfork),
	KTEST_CASE(mmput_of_both_frees_every_page),
	KTEST_CASE(dup_failing_half_way_leaks_nothing),
	KTEST_CASE(faults_count_into_the_task),
	{}
};
KTEST_SUITE(fork_mm, fork_mm_cases);
