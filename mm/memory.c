/*
 * Demand paging. A program's VMAs say what may be mapped; nothing is
 * until it is touched. The first touch faults and handle_mm_fault maps:
 *   anonymous, read   -> the shared zero page, read-only;
 *   anonymous, write  -> a fresh zeroed page (from HighMem when it can);
 *   file, any access  -> a page filled from the initrd (a major fault);
 *   write to a present read-only page of a writable VMA -> copy-on-write:
 *     away from the zero page, or (a page only we hold) just made writable.
 */
#include "arch/io.h"
#include "bug.h"
#include "fs.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/vma.h"
#include "printk.h"
#include "string.h"

struct page *zero_page;

void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!zero_page);
}

pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)        /* the kernel half is the same in every address space */
		memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
		       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	return pgd;
}

void pgd_free(pgd_t *pgd)
{
	free_page((unsigned long)pgd);
}

/* PTE bits for a VMA's pages. Private writable pages start read-only: COW decides. */
uint32_t vm_get_page_prot(unsigned long vm_flags)
{
	uint32_t prot = _PAGE_USER;

	if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		prot |= _PAGE_PRESENT;
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;
	return prot;
}

pte_t *user_pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm->pgd, addr);

	return pgd_present(*pgd) ? pte_offset_kernel(pgd, addr) : NULL;
}

pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm->pgd, addr);

	if (!pgd_present(*pgd)) {
		unsigned long table = get_zeroed_page(GFP_KERNEL);

		if (!table)
			return NULL;
		*pgd = (pgd_t)__pa(table) | _PAGE_TABLE;
	}
	return pte_offset_kernel(pgd, addr);
}

static void copy_user_highpage(struct page *to, struct page *from)
{
	void *dst = kmap_atomic(to), *src = kmap_atomic(from);

	memcpy(dst, src, PAGE_SIZE);
	kunmap_atomic(src);
	kunmap_atomic(dst);
}

/*
 * Point a user PTE at page. The mapcounts follow the PTE here, once for
 * every path (fault, COW, file, zero page): the page it mapped before (if
 * another) loses a mapping, page gains one.
 */
static void set_user_pte(pte_t *pte, struct page *page, uint32_t prot, unsigned long addr)
{
	if (!pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page)) {
		if (pte_present(*pte))
			page_remove_rmap(pfn_to_page(pte_pfn(*pte)));
		page_add_rmap(page);
	}
	set_pte(pte, pfn_pte(page_to_pfn(page), prot | _PAGE_PRESENT | _PAGE_USER));
	__flush_tlb_one(addr);
}

/* Write to a present, read-only page of a writable private VMA. */
static int do_wp_page(struct mm_struct *mm, pte_t *pte, unsigned long addr)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if (old != zero_page && page_count(old) == 1) {
		/* Only we hold it: no copy needed (Linux's reuse path). */
		set_user_pte(pte, old, _PAGE_RW, addr);
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER | __GFP_NOWARN | (old == zero_page ? __GFP_ZERO : 0));
	if (!new)
		return VM_FAULT_OOM;
	if (old != zero_page)
		copy_user_highpage(new, old);
	else
		mm->rss++;
	set_user_pte(pte, new, _PAGE_RW, addr);
	if (old != zero_page)
		__free_page(old);       /* after the PTE left it: a mapped page is never freed */
	return 0;
	/* LAB 4: END SOLUTION */
}

static int do_anonymous_page(struct mm_struct *mm, pte_t *pte, unsigned long addr, bool write)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *page;

	if (!write) {
		set_user_pte(pte, zero_page, 0, addr);  /* read-only: a write comes back as COW */
		return 0;
	}
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	mm->rss++;
	set_user_pte(pte, page, _PAGE_RW, addr);
	return 0;
	/* LAB 4: END SOLUTION */
}

/* No page cache: each process reads its own copy of a file page (a major fault). */
static int do_file_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			unsigned long addr, bool write)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	void *kaddr;

	if (!page)
		return VM_FAULT_OOM;
	kaddr = kmap_atomic(page);
	file_read_page(vma->vm_file, pgoff, kaddr);
	kunmap_atomic(kaddr);
	mm->rss++;
	/* A private page stays read-only until written: the write is a COW fault. */
	set_user_pte(pte, page, write || (vma->vm_flags & VM_SHARED && vma->vm_flags & VM_WRITE) ? _PAGE_RW : 0, addr);
	return VM_FAULT_MAJOR;
}

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, unsigned int flags)
{
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned long addr = address & PAGE_MASK;
	pte_t *pte = pte_alloc(mm, addr);
	int ret;

	if (!pte)
		return VM_FAULT_OOM;
	if (pte_present(*pte)) {
		if (write && !pte_write(*pte))
			ret = do_wp_page(mm, pte, addr);
		else
			ret = 0;        /* another path mapped it already (or a spurious fault) */
	} else if (vma->vm_file) {
		ret = do_file_page(mm, vma, pte, addr, write);
	} else {
		ret = do_anonymous_page(mm, pte, addr, write);
	}
	if (ret & VM_FAULT_MAJOR)
		mm->maj_flt++;
	else if (!(ret & VM_FAULT_OOM))
		mm->min_flt++;
	return ret;
}

/* Unmap [start, end): every page goes back, the page tables stay (free_pgtables). */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(mm, addr);
		struct page *page;

		if (!pte) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;    /* skip the hole */
			if (addr + PAGE_SIZE < addr)
				break;
			continue;
		}
		if (!*pte)      /* a PROT_NONE page is not present but still holds its frame */
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		pte_clear(pte);
		__flush_tlb_one(addr);
		page_remove_rmap(page);
		if (page != zero_page) {
			mm->rss--;
			__free_page(page);
		}
	}
}

/* mprotect: rewrite the PTEs of present pages for the new flags. */
void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long vm_flags)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(mm, addr);
		struct page *page;
		uint32_t prot;

		if (!pte || !*pte)
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
			/* PROT_NONE: keep the page, make the PTE not present (i386 has no
			 * "present but inaccessible"); the frame is remembered in the PTE. */
			set_pte(pte, *pte & ~(uint32_t)_PAGE_PRESENT);
		} else {
			prot = _PAGE_USER | _PAGE_PRESENT;
			/* writable again only if we alone hold a non-zero page */
			if ((vm_flags & VM_WRITE) && page != zero_page && page_count(page) == 1)
				prot |= _PAGE_RW;
			set_pte(pte, (*pte & PAGE_MASK) | prot);
		}
		__flush_tlb_one(addr);
	}
}

void free_pgtables(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		if (pgd_present(mm->pgd[i])) {
			free_page((unsigned long)__va(pgd_page_paddr(mm->pgd[i])));
			mm->pgd[i] = 0;
		}
	}
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	mm_init_vmas(mm);
	mm->mmap_base = TASK_UNMAPPED_BASE;
	return mm;
}

void mmput(struct mm_struct *mm)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		zap_page_range(mm, vma->vm_start, vma->vm_end);
	exit_mmap_vmas(mm);
	free_pgtables(mm);
	pgd_free(mm->pgd);
	kfree(mm);
}
