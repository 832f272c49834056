/*
 * Demand paging. A program's VMAs say what may be mapped; nothing is
 * until it is touched. The first touch faults and handle_mm_fault maps:
 *   anonymous, read   -> the shared zero page, read-only;
 *   anonymous, write  -> a fresh zeroed page (from HighMem when it can);
 *   file, any access  -> the page-cache page (read in first: a major
 *                        fault), or for a private write a copy of it;
 *   write to a present read-only page of a writable VMA -> copy-on-write:
 *     away from the zero page or a page fork shares, or (a page only we
 *     hold) just made writable;
 *   a swap entry      -> the page read back from swap (a major fault), or
 *                        found in the swap cache (do_swap_page).
 * At the end: an address space's start and end (mm_alloc, mmput), and
 * fork's copy of it (dup_mm), which shares every page and write-protects
 * the private ones.
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/swap.h"
#include "linux/vma.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

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
 * the entry keeps its frame, marked _PAGE_PROTNONE as Linux marks it. Private writable pages start read-only:
 * the first write is a COW fault, and maybe_mkwrite() decides.
 */
uint32_t vm_get_page_prot(unsigned long vm_flags)
{
	uint32_t prot = _PAGE_USER;

	if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		prot |= _PAGE_PRESENT;
	else
		prot |= _PAGE_PROTNONE;         /* never mistaken for a swap entry */
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

/*
 * A new anonymous page (or a private copy of a file page) on its way into
 * a PTE: swap-backed, on the inactive anon LRU list (Linux's
 * page_add_new_anon_rmap with lru_cache_add_inactive_or_unevictable;
 * set_user_pte mlocks it after, in a VM_LOCKED VMA).
 */
static void page_add_new_anon(struct page *page)
{
	SetPageSwapBacked(page);
	lru_cache_add(page);
}

static void copy_user_highpage(struct page *to, struct page *from)
{
	void *dst = kmap_atomic(to), *src = kmap_atomic(from);

	memcpy(dst, src, PAGE_SIZE);
	kunmap_atomic(src);
	kunmap_atomic(dst);
}

/*
 * Point a user PTE of vma at entry (made by mk_user_pte). The mapcounts
 * follow the PTE here, once for every path (fault, COW, file, zero page):
 * the page it mapped before (if another) loses a mapping, the new one
 * gains one; in a VM_LOCKED VMA its mlock follows too (Linux does both in
 * page_add_*_rmap and page_remove_rmap).
 */
static void set_user_pte(struct vm_area_struct *vma, pte_t *pte, pte_t entry, unsigned long addr)
{
	/* a PROT_NONE entry is not present but still maps its frame; a swap entry maps none */
	if (!pte_maps_frame(*pte) || pte_pfn(*pte) != pte_pfn(entry)) {
		struct page *old = pte_maps_frame(*pte) ? pfn_to_page(pte_pfn(*pte)) : NULL;
		struct page *new = pfn_to_page(pte_pfn(entry));

		if (old)
			page_remove_rmap(old);
		page_add_rmap(new);
		if (vma->vm_flags & VM_LOCKED) {
			if (old && old != zero_page)
				munlock_vma_page(old);
			if (new != zero_page)
				mlock_vma_page(new);
		}
	}
	set_pte(pte, entry);
	__flush_tlb_one(addr);
}

void install_user_page(struct vm_area_struct *vma, pte_t *pte, unsigned long addr, struct page *page, bool write)
{
	set_user_pte(vma, pte, mk_user_pte(vma, page, write), addr);
}

/*
 * Write to a present, read-only page of a writable VMA (Linux's
 * do_wp_page). A shared VMA's pages are writable from the start
 * (vm_page_prot), so only the zero page comes here from one; a private
 * page comes here after fork, or when it was first read. The page is
 * reused when our PTE holds its only reference: Linux 6.1's rule for
 * anonymous pages (page_count, not mapcount: a reference held elsewhere
 * also forbids reuse; we took no lookup reference, so 1 is the PTE's). A
 * page-cache page never passes it (the cache holds a reference), so a
 * private write to a file page always copies. Otherwise copy, and only once the PTE
 * points at the copy does the old page lose our mapping and reference.
 * A page in the swap cache that only we map leaves the cache first (its
 * slot's copy is about to be stale), as Linux's do_wp_page frees the swap.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte, unsigned long addr)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if (old != zero_page && (vma->vm_flags & VM_SHARED)) {
		/* page_mkclean write-protected it: the write dirties it again (Linux's wp_page_shared) */
		if (page_mapping(old))
			set_page_dirty(old);
		set_user_pte(vma, pte, mk_user_pte(vma, old, true), addr);
		return 0;
	}
	if (old != zero_page && PageSwapCache(old) && page_count(old) == 2)
		try_to_free_swap(old);
	if (old != zero_page && page_count(old) == 1) {
		/* Only we hold it: no copy needed (Linux's reuse path). */
		set_user_pte(vma, pte, mk_user_pte(vma, old, true), addr);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	new = alloc_page(GFP_HIGHUSER | __GFP_NOWARN | (old == zero_page ? __GFP_ZERO : 0));
	if (!new)
		return VM_FAULT_OOM;
	if (old != zero_page)
		copy_user_highpage(new, old);
	page_set_anon_rmap(new, vma, addr);
	if (old == zero_page || !PageAnon(old)) {       /* a new anonymous page: from zero, or a file page's copy */
		if (old != zero_page)
			dec_mm_counter(mm, mm_counter_file(old));
		inc_mm_counter(mm, MM_ANONPAGES);
	}
	page_add_new_anon(new);
	set_user_pte(vma, pte, mk_user_pte(vma, new, true), addr);
	if (old != zero_page)
		put_page(old);          /* after the PTE left it: a mapped page is never freed */
	return 0;
	/* LAB 4: END SOLUTION */
}

static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			     unsigned long addr, bool write)
{
	/* LAB 4: BEGIN SOLUTION */
	struct page *page;

	if (!write) {
		set_user_pte(vma, pte, mk_user_pte(vma, zero_page, false), addr);   /* a write comes back as COW */
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	page_set_anon_rmap(page, vma, addr);
	inc_mm_counter(mm, MM_ANONPAGES);
	page_add_new_anon(page);
	set_user_pte(vma, pte, mk_user_pte(vma, page, true), addr);
	return 0;
	/* LAB 4: END SOLUTION */
}

/*
 * A file without a page cache (f_mapping NULL: a test's file of bytes):
 * each process reads its own copy of a page. A page wholly past the end
 * of the file is not there: SIGBUS, as Linux's filemap_fault() answers.
 */
static int do_uncached_file_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
				 unsigned long addr, unsigned long pgoff, bool write)
{
	struct page *page;
	void *kaddr;

	if (pgoff >= file_size_pages(vma->vm_file))
		return VM_FAULT_SIGBUS;
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	page_set_anon_rmap(page, vma, addr);
	kaddr = kmap_atomic(page);
	file_read_page(vma->vm_file, pgoff, kaddr);
	kunmap_atomic(kaddr);
	inc_mm_counter(mm, mm_counter(page));   /* no cache owns it: an anonymous page */
	page_add_new_anon(page);
	/* A private page read first stays read-only: the write is a COW fault. */
	set_user_pte(vma, pte, mk_user_pte(vma, page, write), addr);
	return VM_FAULT_MAJOR;
}

/*
 * A file page through the page cache (Linux's do_read_fault,
 * do_cow_fault and do_shared_fault). Found in the cache, it is a minor
 * fault; read in by ->readpage, a major one. A read maps the cache page
 * itself: read-only in a private VMA (a write later copies it, in
 * do_wp_page, since the cache's reference keeps page_count above 1), as
 * the VMA allows in a shared one. A write to a private VMA copies at
 * once into an anonymous page; a write to a shared one maps the cache
 * page writable and dirties it. Every process mapping the page maps the
 * same frame.
 */
/*
 * Bytes around a read fault whose cached pages are mapped with it
 * (Linux's fault_around_bytes, 64 KiB): a program reading a file mapping
 * in order takes one fault per 16 pages, not one per page.
 */
#define FAULT_AROUND_BYTES (64 * 1024UL)

/*
 * Map the pages of the fault-around window of addr that are in the cache,
 * uptodate and not locked, where nothing is mapped yet (Linux's
 * do_fault_around and filemap_map_pages). The window is aligned, and kept
 * inside the VMA, one page table and the file. Never reads a page in:
 * these are not faults, and only the faulting page counts as one.
 */
static void do_fault_around(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte, unsigned long addr)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	unsigned long start = addr & ~(FAULT_AROUND_BYTES - 1), end = start + FAULT_AROUND_BYTES;
	unsigned long size_pages = (unsigned long)((mapping->host->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);

	if (start < vma->vm_start)
		start = vma->vm_start;
	if (start < (addr & PGDIR_MASK))
		start = addr & PGDIR_MASK;
	if (end > vma->vm_end || end < start)
		end = vma->vm_end;
	if (end > (addr & PGDIR_MASK) + PGDIR_SIZE && (addr & PGDIR_MASK) + PGDIR_SIZE > addr)
		end = (addr & PGDIR_MASK) + PGDIR_SIZE;
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		unsigned long pgoff = vma->vm_pgoff + ((a - vma->vm_start) >> PAGE_SHIFT);
		pte_t *p = pte + (long)((a >> PAGE_SHIFT) - (addr >> PAGE_SHIFT));
		struct page *page;

		if (a == addr || *p || pgoff >= size_pages)
			continue;
		page = xa_load(&mapping->i_pages, pgoff);
		if (!page || !PageUptodate(page) || PageLocked(page))
			continue;
		get_page(page);
		inc_mm_counter(mm, mm_counter_file(page));
		set_user_pte(vma, p, mk_user_pte(vma, page, false), a);
	}
}

static int do_file_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			unsigned long addr, bool write)
{
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	struct page *page, *copy;
	int ret;

	if (pgoff < vma->vm_pgoff)
		return VM_FAULT_SIGBUS;         /* the offset wrapped */
	if (!vma->vm_file->f_mapping)
		return do_uncached_file_page(mm, vma, pte, addr, pgoff, write);
	if (vma->vm_ops && vma->vm_ops->fault)
		ret = vma->vm_ops->fault(vma, pgoff, &page);    /* tmpfs's: shmem_fault */
	else
		ret = filemap_fault(vma, pgoff, &page);
	if (ret & VM_FAULT_ERROR)
		return ret;
	if (!write)
		do_fault_around(mm, vma, pte, addr);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		copy = anon_vma_prepare(vma) ? NULL : alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		if (!copy) {
			put_page(page);
			return VM_FAULT_OOM;
		}
		copy_user_highpage(copy, page);
		page_set_anon_rmap(copy, vma, addr);
		put_page(page);
		page = copy;
		page_add_new_anon(page);
	} else if (write) {
		set_page_dirty(page);
	}
	inc_mm_counter(mm, mm_counter(page));
	set_user_pte(vma, pte, mk_user_pte(vma, page, write), addr);
	return ret;
}

/*
 * A swap entry where a page was (Linux's do_swap_page): the page comes
 * from the swap cache (a minor fault) or is read into it from its slot
 * (a major one; the task sleeps for the disk). The PTE's use of the slot
 * goes. When no other PTE names the slot and nothing else holds the page
 * (exclusive), a write fault takes the page out of the swap cache and maps
 * it writable, and so does any fault once swap is more than half full
 * (Linux's should_try_to_free_swap); otherwise the page stays cached,
 * mapped read-only, and a write is a COW fault. SIGBUS when the slot
 * cannot be read.
 */
static int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte,
			unsigned long addr, bool write)
{
	pte_t orig = *pte;
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct page *page = lookup_swap_cache(entry);
	bool exclusive, writable;
	int ret = 0, err;

	if (!page || !PageUptodate(page)) {
		if (page)
			put_page(page);
		page = read_swap_cache_async(entry, &err);     /* sleeps */
		if (!page) {
			if (*pte != orig)
				return 0;       /* another task of this mm swapped it in meanwhile */
			return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
		}
		ret = VM_FAULT_MAJOR;
	}
	if (*pte != orig) {             /* changed while we slept: let the access fault again */
		put_page(page);
		return ret;
	}
	if (anon_vma_prepare(vma)) {
		put_page(page);
		return VM_FAULT_OOM;
	}
	dec_mm_counter(mm, MM_SWAPENTS);
	inc_mm_counter(mm, MM_ANONPAGES);
	pte_clear(pte);
	swap_free(entry);
	swapin_set_anon_rmap(page, vma, addr);
	exclusive = !__swap_count(entry) && !page_mapped(page) && page_count(page) == 2;
	if (exclusive && (write || vm_swap_full()))
		try_to_free_swap(page);
	writable = write && page_count(page) == 1;     /* ours alone now: reuse it */
	set_user_pte(vma, pte, mk_user_pte(vma, page, writable), addr);     /* our reference is the PTE's */
	if (write && !writable)
		ret |= do_wp_page(mm, vma, pte, addr);
	return ret;
}

/*
 * Count a fault that succeeded, as Linux's mm_account_fault: in the mm
 * (Pagoda's, for the monitor's ps) and in the task that took it, for
 * getrusage (a fault on another mm, as MAP_POPULATE's, counts too). A
 * fault on its own mm also raises the task's maxrss (pages).
 */
static void mm_account_fault(struct mm_struct *mm, int ret)
{
	bool major = ret & VM_FAULT_MAJOR;

	count_vm_event(PGFAULT);
	if (ret & VM_FAULT_ERROR)
		return;
	if (major) {
		count_vm_event(PGMAJFAULT);
		mm->maj_flt++;
	} else {
		mm->min_flt++;
	}
	if (!current)
		return;         /* at boot, before the first task */
	if (major)
		current->maj_flt++;
	else
		current->min_flt++;
	if (current->mm == mm && get_mm_rss(mm) > current->maxrss)
		current->maxrss = get_mm_rss(mm);
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
	} else if (is_swap_pte(*pte)) {
		ret = do_swap_page(mm, vma, pte, addr, write);
	} else if (*pte) {
		ret = VM_FAULT_SIGSEGV; /* a PROT_NONE entry in an accessible VMA: mprotect missed it */
	} else if (vma->vm_file) {
		ret = do_file_page(mm, vma, pte, addr, write);
	} else {
		ret = do_anonymous_page(mm, vma, pte, addr, write);
	}
	mm_account_fault(mm, ret);
	/*
	 * A write through a shared file mapping dirtied a page of the file:
	 * the writer is throttled as write() is (Linux's fault_dirty_shared_page),
	 * else mmap could fill memory with dirty pages past dirty_ratio.
	 * shmem's pages are not written back: nothing to wait for.
	 */
	if (write && !(ret & VM_FAULT_ERROR) && (vma->vm_flags & VM_SHARED) && vma->vm_file &&
	    vma->vm_file->f_mapping && !(vma->vm_file->f_mapping->flags & (1UL << AS_SWAPBACKED)))
		balance_dirty_pages_ratelimited(vma->vm_file->f_mapping);
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

/* A locked VMA loses its mapping of page at addr: one mlock fewer (Linux's page_remove_rmap). */
static void zap_munlock(struct mm_struct *mm, struct page *page, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma && vma->vm_start <= addr && (vma->vm_flags & VM_LOCKED))
		munlock_vma_page(page);
}

/*
 * Unmap [start, end) of mm; with only set, just the pages of that file
 * (not the private copies a write made). The pages lose this reference;
 * the page tables stay (free_pgtables). A page the PTE says was written
 * is dirty in its file (Linux's zap_pte_range). A swap entry gives up its
 * slot (free_swap_and_cache); a swap-cache page no PTE maps any more
 * leaves the cache when no PTE names its slot either.
 */
static void zap_pte_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			  const struct address_space *only)
{
	update_hiwater_rss(mm);         /* rss is about to drop: keep its high-water mark */
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
		if (is_swap_pte(*pte)) {
			swp_entry_t entry = pte_to_swp_entry(*pte);

			if (only)
				continue;       /* a private anonymous page, not the file's */
			pte_clear(pte);
			dec_mm_counter(mm, MM_SWAPENTS);
			free_swap_and_cache(entry);
			continue;
		}
		page = pfn_to_page(pte_pfn(*pte));
		if (only && page_mapping(page) != only)
			continue;
		if ((*pte & _PAGE_DIRTY) && page_mapping(page))
			set_page_dirty(page);
		pte_clear(pte);
		__flush_tlb_one(addr);
		page_remove_rmap(page);
		if (PageMlocked(page))
			zap_munlock(mm, page, addr);
		if (page != zero_page) {
			dec_mm_counter(mm, mm_counter(page));
			if (PageSwapCache(page) && !page_mapped(page))
				try_to_free_swap(page);         /* Linux's free_swap_cache */
			put_page(page);
		}
	}
}

/* Unmap [start, end): every page goes back, the page tables stay (free_pgtables). */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	zap_pte_range(mm, start, end, NULL);
}

/*
 * Call fn on each VMA on mapping's i_mmap list that maps pages of it in
 * [index, last], with the part of it ([start, end), bytes) that does
 * (Linux's vma_interval_tree_foreach over i_mmap; a list here, see
 * mm/rmap.c).
 */
static void walk_mapping_vmas(struct address_space *mapping, unsigned long index, unsigned long last,
			      void (*fn)(struct vm_area_struct *vma, unsigned long start, unsigned long end))
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long first_pg = vma->vm_pgoff, last_pg = vma->vm_pgoff + vma_pages(vma) - 1;

		if (last < first_pg || index > last_pg)
			continue;
		if (first_pg < index)
			first_pg = index;
		if (last_pg > last)
			last_pg = last;
		fn(vma, vma->vm_start + ((first_pg - vma->vm_pgoff) << PAGE_SHIFT),
		   vma->vm_start + ((last_pg - vma->vm_pgoff + 1) << PAGE_SHIFT));
	}
}

static void zap_file_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	zap_pte_range(vma->vm_mm, start, end, NULL);
}

static const struct address_space *zap_only;

static void zap_file_vma_cache_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	zap_pte_range(vma->vm_mm, start, end, zap_only);
}

void unmap_mapping_pages(struct address_space *mapping, unsigned long index, unsigned long nr, bool even_cows)
{
	unsigned long last = nr && index + nr - 1 >= index ? index + nr - 1 : ~0UL;

	zap_only = mapping;
	walk_mapping_vmas(mapping, index, last, even_cows ? zap_file_vma : zap_file_vma_cache_pages);
}

/*
 * The PTEs of [start, end) of vma that the CPU marked dirty: the page is
 * dirty in its file now, and the PTE clean again, so a later write
 * dirties it anew (the part of Linux's page_mkclean that matters with no
 * write-protect tracking: writes are seen when this runs).
 */
void msync_dirty_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(vma->vm_mm, addr);
		struct page *page;

		if (!pte || !pte_present(*pte) || !(*pte & _PAGE_DIRTY))
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (!page_mapping(page))
			continue;       /* a private copy: anonymous */
		set_pte(pte, *pte & ~(pte_t)_PAGE_DIRTY);
		__flush_tlb_one(addr);
		set_page_dirty(page);
	}
}

void mapping_collect_dirty_ptes(struct address_space *mapping)
{
	walk_mapping_vmas(mapping, 0, ~0UL, msync_dirty_range);
}

extern struct list_head cached_mappings;        /* mm/filemap.c */

/* A mapping with mapped pages holds pages: the list of those is enough. */
void collect_all_dirty_ptes(void)
{
	struct address_space *mapping;

	list_for_each_entry(mapping, &cached_mappings, cached_link)
		mapping_collect_dirty_ptes(mapping);
}

/* mprotect: rewrite the entries of vma's mapped pages for its (new) vm_page_prot. */
void change_protection(struct vm_area_struct *vma)
{
	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(vma->vm_mm, addr);
		struct page *page;

		if (!pte || !pte_maps_frame(*pte))
			continue;       /* a swap entry stays: the swap-in uses the new protection */
		page = pfn_to_page(pte_pfn(*pte));
		if ((*pte & _PAGE_DIRTY) && page_mapping(page))
			set_page_dirty(page);   /* the new entry starts clean: keep what the old one saw */
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
	vm_unacct_memory((long)vm_accounted_pages(mm));        /* Linux's exit_mmap */
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		zap_page_range(mm, vma->vm_start, vma->vm_end);
	exit_mmap_vmas(mm);
	free_pgtables(mm);
	pgd_free(mm->pgd);
	kfree(mm);
}

/* --- fork: copying an address space ------------------------------------ */

/* Private, but could be written: its pages are shared copy-on-write after fork (Linux's is_cow_mapping). */
static bool is_cow_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * The child's PTE dst gets the parent's entry *src (Linux's
 * copy_present_pte, which also takes PROT_NONE entries: they still hold
 * their frame). A writable private page becomes read-only in both; the
 * caller flushes the parent's TLB once at the end. The zero page stays
 * the zero page, uncounted. A swap entry is copied as it is, one more
 * user of its slot (Linux's copy_nonpresent_pte). 0, or -ENOMEM when the
 * slot has all the users it can count.
 */
static int copy_one_pte(struct mm_struct *dst_mm, const struct vm_area_struct *vma,
			pte_t *dst, pte_t *src)
{
	pte_t entry = *src;
	struct page *page;

	if (is_swap_pte(entry)) {
		if (swap_duplicate(pte_to_swp_entry(entry)))
			return -ENOMEM;
		inc_mm_counter(dst_mm, MM_SWAPENTS);
		set_pte(dst, entry);
		return 0;
	}
	page = pfn_to_page(pte_pfn(entry));

	if (is_cow_mapping(vma->vm_flags) && pte_write(entry)) {
		entry &= ~(pte_t)_PAGE_RW;
		set_pte(src, entry);
	}
	if (page != zero_page) {
		get_page(page);         /* Linux: get_page + page_dup_rmap */
		inc_mm_counter(dst_mm, mm_counter(page));
	}
	page_add_rmap(page);
	set_pte(dst, entry);
	return 0;
}

/*
 * Copy the PTEs of [addr, end) of vma, which lie in one page table
 * (Linux's copy_pte_range). The child's page table is made at the first
 * entry there is to copy. 0, or -ENOMEM with the entries before the
 * failure copied (mmput of the child undoes them).
 */
static int copy_pte_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			  const struct vm_area_struct *vma, unsigned long addr, unsigned long end)
{
	pte_t *src = user_pte_lookup(src_mm, addr), *dst = NULL;

	if (!src)
		return 0;       /* no page table: nothing was ever mapped here */
	for (; addr < end; addr += PAGE_SIZE, src++) {
		if (!*src)
			continue;
		if (!dst) {
			dst = pte_alloc(dst_mm, addr);
			if (!dst)
				return -ENOMEM;
			dst -= pte_index(addr);         /* the table's first entry */
		}
		if (copy_one_pte(dst_mm, vma, dst + pte_index(addr), src))
			return -ENOMEM;
	}
	return 0;
}

/* Every PTE of vma, one page table at a time (Linux's copy_page_range). 0 or -ENOMEM. */
static int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			   const struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start, next;

	for (; addr < vma->vm_end; addr = next) {
		next = (addr & PGDIR_MASK) + PGDIR_SIZE;
		if (next > vma->vm_end || next < addr)
			next = vma->vm_end;
		if (copy_pte_range(dst_mm, src_mm, vma, addr, next))
			return -ENOMEM;
	}
	return 0;
}

/*
 * One VMA of the parent into the child mm (the body of Linux's dup_mmap
 * loop). The child's VMA holds its own reference to vm_file (get_file).
 * 0 or -ENOMEM.
 */
static int dup_vma(struct mm_struct *mm, struct mm_struct *oldmm, struct vm_area_struct *vma)
{
	struct vm_area_struct *new;

	if (vma->vm_flags & VM_DONTCOPY)
		return 0;
	new = vm_area_alloc();
	if (!new)
		return -ENOMEM;
	new->vm_start = vma->vm_start;
	new->vm_end = vma->vm_end;
	new->vm_flags = vma->vm_flags & ~VM_LOCKED_MASK;       /* memory locks are not inherited */
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
	new->vm_ops = vma->vm_ops;
	new->vm_pgoff = vma->vm_pgoff;
	new->vm_name = vma->vm_name;
	/*
	 * The child's VMA joins the family's anon_vma, so the pages it now
	 * shares are found from it too (Linux's anon_vma_fork; insert links
	 * it). A wiped VMA starts again as if never written (Linux:
	 * tmp->anon_vma = NULL).
	 */
	new->anon_vma = vma->vm_flags & VM_WIPEONFORK ? NULL : vma->anon_vma;
	/* the child's copy is promised memory of its own (Linux's dup_mmap) */
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(oldmm, (long)vma_pages(vma))) {
		vm_area_free(new);
		return -ENOMEM;
	}
	if (insert_vm_struct(mm, new)) {
		if (vma->vm_flags & VM_ACCOUNT)
			vm_unacct_memory((long)vma_pages(vma));
		vm_area_free(new);      /* cannot overlap: oldmm's VMAs do not */
		return -ENOMEM;
	}
	if (vma->vm_flags & VM_WIPEONFORK)
		return 0;               /* the child faults in fresh zeroed pages */
	/* a shared VMA's pages are its page cache's: the child's faults find them there (Linux's vma_needs_copy) */
	if ((vma->vm_flags & VM_SHARED) && vma->vm_file && vma->vm_file->f_mapping)
		return 0;
	return copy_page_range(mm, oldmm, vma);
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	int err = 0;

	if (!mm)
		return NULL;
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	for (struct vm_area_struct *vma = oldmm->mmap; vma && !err; vma = vma->vm_next)
		err = dup_vma(mm, oldmm, vma);
	/* the parent's pages made read-only above (Linux's flush_tlb_mm) */
	__flush_tlb();
	if (err) {
		mmput(mm);      /* drops every reference and mapping taken so far */
		return NULL;
	}
	/* as Linux's memcpy of the mm_struct: the child inherits the mark; its fault counts start at 0 */
	mm->hiwater_rss = get_mm_hiwater_rss(oldmm);
	return mm;
}
