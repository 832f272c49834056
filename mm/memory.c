/*
 * Demand paging. A program's VMAs say what may be mapped; nothing is
 * until it is touched. The first touch faults and handle_mm_fault maps:
 *   anonymous, read   -> the shared zero page, read-only;
 *   anonymous, write  -> a fresh zeroed page (from HighMem when it can);
 *   file, any access  -> a page filled from the initrd (a major fault);
 *   write to a present read-only page of a writable VMA -> copy-on-write:
 *     away from the zero page, or (a page only we hold) just made writable.
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vma.h"

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

/*
 * The PTE bits for the pages of a VMA with vm_flags: the one place where
 * a protection becomes page-table bits (Linux's vm_get_page_prot()); a
 * VMA keeps the result in vm_page_prot, and every path that installs or
 * rewrites a PTE (fault, populate, mprotect, mremap) starts from it.
 * PROT_NONE is not present (i386 has no "present but inaccessible"), yet
 * the entry keeps its frame. Private writable pages start read-only:
 * the first write is a COW fault, and maybe_mkwrite() decides.
 */
uint32_t vm_get_page_prot(unsigned long vm_flags)
{
	uint32_t prot = _PAGE_USER;

	if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		prot |= _PAGE_PRESENT;
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;
	return prot;
}

/* A write made the page ours alone: writable, if the VMA allows writes (Linux's maybe_mkwrite). */
static pte_t maybe_mkwrite(pte_t pte, const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_WRITE ? pte | _PAGE_RW : pte;
}

/* The PTE mapping page in vma; write: for a write that made the page private to us. */
static pte_t mk_user_pte(const struct vm_area_struct *vma, struct page *page, bool write)
{
	pte_t pte = pfn_pte(page_to_pfn(page), vma->vm_page_prot);

	if (page == zero_page)
		return pte & ~(pte_t)_PAGE_RW;  /* shared by everyone: never written */
	return write ? maybe_mkwrite(pte, vma) : pte;
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
 * Point a user PTE at entry (made by mk_user_pte). The mapcounts follow the
 * PTE here, once for every path (fault, COW, file, zero page): the page it
 * mapped before (if another) loses a mapping, the new one gains one.
 */
static void set_user_pte(pte_t *pte, pte_t entry, unsigned long addr)
{
	/* a PROT_NONE entry is not present but still maps its frame */
	if (!*pte || pte_pfn(*pte) != pte_pfn(entry)) {
		if (*pte)
			page_remove_rmap(pfn_to_page(pte_pfn(*pte)));
		page_add_rmap(pfn_to_page(pte_pfn(entry)));
	}
	set_pte(pte, entry);
	__flush_tlb_one(addr);
}

/* Write to a present, read-only page of a writable private VMA. */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte, unsigned long addr)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if (old != zero_page && page_count(old) == 1) {
		/* Only we hold it: no copy needed (Linux's reuse path). */
		set_user_pte(pte, mk_user_pte(vma, old, true), addr);
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER | __GFP_NOWARN | (old == zero_page ? __GFP_ZERO : 0));
	if (!new)
		return VM_FAULT_OOM;
	if (old != zero_page)
		copy_user_highpage(new, old);
	else
		mm->rss++;
	set_user_pte(pte, mk_user_pte(vma, new, true), addr);
	if (old != zero_page)
		__free_page(old);       /* after the PTE left it: a mapped page is never freed */
	return 0;
	/* LAB 4: END SOLUTION */
}

static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			     unsigned long addr, bool write)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *page;

	if (!write) {
		set_user_pte(pte, mk_user_pte(vma, zero_page, false), addr);   /* a write comes back as COW */
		return 0;
	}
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	mm->rss++;
	set_user_pte(pte, mk_user_pte(vma, page, true), addr);
	return 0;
	/* LAB 4: END SOLUTION */
}

/*
 * No page cache: each process reads its own copy of a file page (a major
 * fault). A page wholly past the end of the file is not there: SIGBUS, as
 * Linux's filemap_fault() answers (the last page's tail reads zeroes).
 */
static int do_file_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			unsigned long addr, bool write)
{
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;
	void *kaddr;

	if (pgoff < vma->vm_pgoff || pgoff >= file_size_pages(vma->vm_file))
		return VM_FAULT_SIGBUS;
	page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	kaddr = kmap_atomic(page);
	file_read_page(vma->vm_file, pgoff, kaddr);
	kunmap_atomic(kaddr);
	mm->rss++;
	/* A private page read first stays read-only: the write is a COW fault. */
	set_user_pte(pte, mk_user_pte(vma, page, write), addr);
	return VM_FAULT_MAJOR;
}

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, unsigned int flags)
{
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned long addr = address & PAGE_MASK;
	pte_t *pte = pte_alloc(mm, addr);
	int ret;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return VM_FAULT_SIGSEGV;        /* PROT_NONE: nothing may be mapped in for it */
	if (write && !(vma->vm_flags & VM_WRITE))
		return VM_FAULT_SIGSEGV;
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_present(*pte)) {
		if (write && !pte_write(*pte))
			ret = do_wp_page(mm, vma, pte, addr);
		else
			ret = 0;        /* another path mapped it already (or a spurious fault) */
	} else if (*pte) {
		ret = VM_FAULT_SIGSEGV; /* a PROT_NONE entry in an accessible VMA: mprotect missed it */
	} else if (vma->vm_file) {
		ret = do_file_page(mm, vma, pte, addr, write);
	} else {
		ret = do_anonymous_page(mm, vma, pte, addr, write);
	}
	/* Linux's anon_vma_prepare: the first private write gives the VMA an anon_vma */
	if (write && !(vma->vm_flags & VM_SHARED) && !(ret & VM_FAULT_ERROR))
		vma->anon_vma = true;
	if (ret & VM_FAULT_MAJOR) {
		mm->maj_flt++;
		current->maj_flt++;     /* getrusage's, per task (Linux's mm_account_fault) */
	} else if (!(ret & VM_FAULT_ERROR)) {
		mm->min_flt++;
		current->min_flt++;
	}
	return ret;
}

/*
 * MAP_POPULATE: fault in [start, end) of vma now, as a first touch would
 * (Linux's populate_vma_page_range): a write fault for a private writable
 * VMA (so COW is broken now), a read fault otherwise. A PROT_NONE VMA gets
 * nothing. Stops at the first fault that fails (out of memory, or past the
 * end of the file); mmap itself still succeeds, as on Linux.
 */
void populate_vma_range(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end)
{
	unsigned int flags = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ? FAULT_FLAG_WRITE : 0;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE)
		if (handle_mm_fault(mm, vma, addr, flags) & VM_FAULT_ERROR)
			break;
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

/* mprotect: rewrite the entries of vma's mapped pages for its (new) vm_page_prot. */
void change_protection(struct vm_area_struct *vma)
{
	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(vma->vm_mm, addr);
		struct page *page;

		if (!pte || !*pte)
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		/* writable again only if we alone hold a page that is not the zero page */
		set_pte(pte, mk_user_pte(vma, page, page_count(page) == 1));
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
	mm->mm_users = 1;
	mm->mmap_base = TASK_UNMAPPED_BASE;
	return mm;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		zap_page_range(mm, vma->vm_start, vma->vm_end);
	exit_mmap_vmas(mm);
	free_pgtables(mm);
	pgd_free(mm->pgd);
	kfree(mm);
}
