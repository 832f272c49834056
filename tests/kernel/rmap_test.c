/*
 * page->_mapcount follows the user PTEs: faults, copy-on-write, the zero
 * page (never counted, as Linux), munmap and the end of an address space.
 * Each case builds its own mm (mm_alloc, do_mmap) and faults it through
 * handle_mm_fault, reads the PTE itself to find the frame, and checks the
 * counts against what it mapped. The page tables are never loaded: the
 * fault paths reach pages through kmap, not through user addresses.
 */
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/slab.h"
#include "linux/vma.h"

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

/* The frame the PTE for addr maps, or NULL. */
static struct page *mapped_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = user_pte_lookup(mm, addr);

	return pte && pte_present(*pte) ? pfn_to_page(pte_pfn(*pte)) : NULL;
}

static int fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	return handle_mm_fault(mm, find_vma(mm, addr), addr, write ? FAULT_FLAG_WRITE : 0);
}

static unsigned long map_anon(struct mm_struct *mm, unsigned long pages)
{
	return do_mmap(mm, NULL, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
}

/* A new address space with pages of anonymous memory mapped at *addr (an assert aborts the case). */
static struct mm_struct *mm_with_anon(struct ktest *t, unsigned long pages, unsigned long *addr)
{
	struct mm_struct *mm = mm_alloc();

	KTEST_ASSERT_TRUE(t, mm != NULL);
	*addr = map_anon(mm, pages);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(*addr));
	return mm;
}

static void write_fault_maps_a_page_once(struct ktest *t)
{
	struct mm_struct *mm;
	struct page *page;
	unsigned long a;

	begin();
	mm = mm_with_anon(t, 2, &a);
	KTEST_EXPECT_EQ(t, fault(mm, a, true) & VM_FAULT_OOM, 0);
	page = mapped_page(mm, a);
	KTEST_ASSERT_TRUE(t, page != NULL && page != zero_page);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_EQ(t, fault(mm, a, true) & VM_FAULT_OOM, 0);      /* spurious: no change */
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_TRUE(t, mapped_page(mm, a + PAGE_SIZE) == NULL);
	mmput(mm);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);   /* freed: the allocator checked -1 too */
	end(t);
}

static void zero_page_is_never_counted(struct ktest *t)
{
	int before = zero_page->_mapcount;
	struct mm_struct *mm;
	unsigned long a;

	begin();
	mm = mm_with_anon(t, 4, &a);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, fault(mm, a + i * PAGE_SIZE, false) & VM_FAULT_OOM, 0);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, mapped_page(mm, a + i * PAGE_SIZE) == zero_page);
	KTEST_EXPECT_EQ(t, zero_page->_mapcount, before);
	mmput(mm);
	KTEST_EXPECT_EQ(t, zero_page->_mapcount, before);
	end(t);
}

/* A read maps the zero page; the write that follows moves the PTE to a new page. */
static void cow_from_the_zero_page_counts_the_new_page(struct ktest *t)
{
	int zero_before = zero_page->_mapcount;
	struct mm_struct *mm;
	struct page *page;
	unsigned long a;

	begin();
	mm = mm_with_anon(t, 1, &a);
	KTEST_EXPECT_EQ(t, fault(mm, a, false) & VM_FAULT_OOM, 0);
	KTEST_EXPECT_EQ(t, fault(mm, a, true) & VM_FAULT_OOM, 0);
	page = mapped_page(mm, a);
	KTEST_ASSERT_TRUE(t, page != NULL && page != zero_page);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_EQ(t, zero_page->_mapcount, zero_before);
	mmput(mm);
	end(t);
}

/* munmap of one page of three: that page is unmapped (and freed), the others stay mapped once. */
static void munmap_unmaps_exactly_its_pages(struct ktest *t)
{
	struct page *pages[3];
	struct mm_struct *mm;
	unsigned long a;

	begin();
	mm = mm_with_anon(t, 3, &a);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, fault(mm, a + i * PAGE_SIZE, true) & VM_FAULT_OOM, 0);
		pages[i] = mapped_page(mm, a + i * PAGE_SIZE);
		KTEST_ASSERT_TRUE(t, pages[i] != NULL);
	}
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, page_mapcount(pages[0]), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(pages[1]), 0);
	KTEST_EXPECT_EQ(t, page_count(pages[1]), 0);
	KTEST_EXPECT_EQ(t, page_mapcount(pages[2]), 1);
	mmput(mm);
	KTEST_EXPECT_EQ(t, page_mapcount(pages[0]), 0);
	KTEST_EXPECT_EQ(t, page_mapcount(pages[2]), 0);
	end(t);
}

static struct ktest_case rmap_cases[] = {
	KTEST_CASE(write_fault_maps_a_page_once),
	KTEST_CASE(zero_page_is_never_counted),
	KTEST_CASE(cow_from_the_zero_page_counts_the_new_page),
	KTEST_CASE(munmap_unmaps_exactly_its_pages),
	{}
};
KTEST_SUITE(rmap, rmap_cases);
