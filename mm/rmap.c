/*
 * The reverse map: from a page to the PTEs that map it (Linux's
 * mm/rmap.c). Two ways in, as in Linux:
 *
 *   file page      page->mapping is its address_space; the VMAs mapping
 *                  the file are on mapping->i_mmap, and the page sits in
 *                  each at vm_start + (index - vm_pgoff) pages.
 *   anonymous page page->mapping is its anon_vma | PAGE_MAPPING_ANON; the
 *                  VMAs that may map it are on the anon_vma's list, and
 *                  page->index is its linear offset, so the same formula
 *                  holds (an anonymous VMA's vm_pgoff is its birth
 *                  address in pages, kept when mremap moves it).
 *
 * i_mmap is a plain list, not Linux's interval tree: a VMA joins it once
 * (insert_vm_struct) and leaves it once (vm_area_free), and a split,
 * merge or move that changes its range or offset needs no relinking. The
 * cost is a walk over every VMA of the file rather than only the ones
 * covering the page: few files are mapped by many processes here.
 *
 * Pagoda runs on one CPU and never sleeps in these walks: no lock is
 * taken (Linux takes i_mmap_rwsem or the anon_vma's rwsem).
 */
#include "asm/pgtable.h"
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/rmap.h"
#include "linux/slab.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/vma.h"
#include "linux/writeback.h"

static struct kmem_cache *anon_vma_cachep;

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma;

	if (!anon_vma_cachep)   /* the first fault (or an early test) makes the cache */
		anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0, SLAB_PANIC, NULL);
	anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);
	if (anon_vma)
		INIT_LIST_HEAD(&anon_vma->head);
	return anon_vma;
}

/* The file's page cache vma maps, or NULL (anonymous, or a file without one). */
static struct address_space *vma_mapping(const struct vm_area_struct *vma)
{
	return vma->vm_file ? vma->vm_file->f_mapping : NULL;
}

void vma_link_rmap(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);

	if (mapping && !vma->shared.next)
		list_add_tail(&vma->shared, &mapping->i_mmap);
	if (vma->anon_vma && !vma->anon_vma_node.next)
		list_add_tail(&vma->anon_vma_node, &vma->anon_vma->head);
}

void unlink_vma_rmap(struct vm_area_struct *vma)
{
	if (vma->shared.next) {
		list_del(&vma->shared);
		vma->shared.next = vma->shared.prev = NULL;
	}
	if (vma->anon_vma_node.next) {
		list_del(&vma->anon_vma_node);
		vma->anon_vma_node.next = vma->anon_vma_node.prev = NULL;
		if (list_empty(&vma->anon_vma->head))
			kmem_cache_free(anon_vma_cachep, vma->anon_vma);
		vma->anon_vma = NULL;
	}
}

/*
 * Could a and b (a just below b) become one VMA, but for their
 * protections (Linux's anon_vma_compatible)? Then they may share an
 * anon_vma, and merge later when mprotect makes them alike.
 */
static bool anon_vma_compatible(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	unsigned long ignore = VM_READ | VM_WRITE | VM_EXEC;

	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~ignore) &&
	       a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = NULL;

	if (vma->anon_vma)
		return 0;
	if (vma->vm_next && vma->vm_next->anon_vma && anon_vma_compatible(vma, vma->vm_next))
		anon_vma = vma->vm_next->anon_vma;
	else if (vma->vm_prev && vma->vm_prev->anon_vma && anon_vma_compatible(vma->vm_prev, vma))
		anon_vma = vma->vm_prev->anon_vma;
	if (!anon_vma)
		anon_vma = anon_vma_alloc();
	if (!anon_vma)
		return -ENOMEM;
	vma->anon_vma = anon_vma;
	vma_link_rmap(vma);
	return 0;
}

/* page's offset in vma's file or family, in pages (Linux's linear_page_index). */
static unsigned long linear_page_index(const struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

void page_set_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr)
{
	BUG_ON(!vma->anon_vma);         /* anon_vma_prepare() first */
	BUG_ON(page_mapped(page));      /* a new page */
	page->mapping = (struct address_space *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	page->index = linear_page_index(vma, addr);
}

void swapin_set_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr)
{
	if (PageAnon(page))
		return;
	page_set_anon_rmap(page, vma, addr);
	/* read in from its slot: a new anonymous page for the LRU too (Linux's
	 * read_swap_cache_async puts it on the list as it reads it) */
	SetPageSwapBacked(page);
	if (!PageLRU(page))
		lru_cache_add(page);
}

unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	unsigned long off = page->index - vma->vm_pgoff;

	if (page->index < vma->vm_pgoff || off >= vma_pages(vma))
		return (unsigned long)-EFAULT;
	return vma->vm_start + (off << PAGE_SHIFT);
}

/*
 * The PTE of vma's mm at addr if it maps page, else NULL (Linux's
 * page_vma_mapped_walk for one small page). A PROT_NONE entry is not
 * present but keeps its frame, and counts.
 */
static pte_t *page_check_address(const struct page *page, const struct vm_area_struct *vma,
				 unsigned long addr)
{
	pte_t *pte = user_pte_lookup(vma->vm_mm, addr);

	/* a swap entry's offset bits could read as this page's frame: only a frame counts */
	if (!pte || !pte_maps_frame(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		return NULL;
	return pte;
}

/* One VMA: its PTE for page, if any, to rmap_one. false if the walk must stop. */
static bool rmap_walk_vma(struct page *page, struct vm_area_struct *vma,
			  const struct rmap_walk_control *rwc)
{
	unsigned long addr = vma_address(page, vma);
	pte_t *pte;

	if (IS_ERR_VALUE(addr))
		return true;
	pte = page_check_address(page, vma, addr);
	return !pte || rwc->rmap_one(page, vma, addr, pte, rwc->arg);
}

void rmap_walk(struct page *page, const struct rmap_walk_control *rwc)
{
	struct vm_area_struct *vma, *next;
	struct address_space *mapping;

	if (page == zero_page || !page_mapped(page))
		return;         /* an unmapped page's anon_vma may be gone */
	/* _safe: try_to_unmap may leave a VMA, never free one, but a callback may stop early */
	if (PageAnon(page)) {
		list_for_each_entry_safe(vma, next, &page_anon_vma(page)->head, anon_vma_node)
			if (!rmap_walk_vma(page, vma, rwc))
				return;
		return;
	}
	mapping = page_mapping(page);
	if (!mapping)
		return;         /* truncated from its file while mapped: nothing finds it */
	list_for_each_entry_safe(vma, next, &mapping->i_mmap, shared)
		if (!rmap_walk_vma(page, vma, rwc))
			return;
}

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
				pte_t *pte, void *arg)
{
	int *referenced = arg;

	(void)page, (void)vma;
	if (*pte & _PAGE_ACCESSED) {
		set_pte(pte, *pte & ~(pte_t)_PAGE_ACCESSED);
		/* only the current mm's entries can be cached; another mm's went at its last switch */
		__flush_tlb_one(addr);
		(*referenced)++;
	}
	return true;
}

int page_referenced(struct page *page)
{
	int referenced = 0;
	struct rmap_walk_control rwc = { .arg = &referenced, .rmap_one = page_referenced_one };

	rmap_walk(page, &rwc);
	return referenced;
}

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int flags = *(unsigned int *)arg;
	pte_t entry = *pte;

	if (PageAnon(page) && !(flags & TTU_MIGRATION)) {
		/* the page is in the swap cache (try_to_unmap checked): the PTE names its slot instead */
		swp_entry_t swp = page_swap_entry(page);

		if (swap_duplicate(swp))
			return false;   /* SWAP_MAP_MAX PTEs name it already: the page stays mapped */
		if (entry & _PAGE_DIRTY)
			SetPageDirty(page);     /* the slot's copy is stale */
		set_pte(pte, swp_entry_to_pte(swp));
		inc_mm_counter(mm, MM_SWAPENTS);
	} else {
		/* with TTU_MIGRATION the caller puts its own entry here */
		pte_clear(pte);
		if ((entry & _PAGE_DIRTY) && !PageAnon(page))
			set_page_dirty(page);   /* the write the PTE saw must reach the file */
	}
	/* only the current mm's entries can be cached; another mm's went at its last switch */
	__flush_tlb_one(addr);
	update_hiwater_rss(mm);         /* rss is about to drop */
	dec_mm_counter(mm, mm_counter(page));
	page_remove_rmap(page);
	put_page(page);                 /* the PTE's reference; the caller still holds one */
	return true;
}

bool try_to_unmap(struct page *page, unsigned int flags)
{
	struct rmap_walk_control rwc = { .arg = &flags, .rmap_one = try_to_unmap_one };

	if (PageAnon(page) && !PageSwapCache(page) && !(flags & TTU_MIGRATION))
		return !page_mapped(page);      /* add_to_swap first: nowhere to keep its data */
	rmap_walk(page, &rwc);
	return !page_mapped(page);
}

static bool page_mkclean_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	int *cleaned = arg;

	(void)page;
	if (!(vma->vm_flags & VM_SHARED) || !(*pte & (_PAGE_DIRTY | _PAGE_RW)))
		return true;    /* a private mapping never writes to the file */
	set_pte(pte, *pte & ~(pte_t)(_PAGE_DIRTY | _PAGE_RW));
	__flush_tlb_one(addr);
	(*cleaned)++;
	return true;
}

int page_mkclean(struct page *page)
{
	int cleaned = 0;
	struct rmap_walk_control rwc = { .arg = &cleaned, .rmap_one = page_mkclean_one };

	if (!page_mapping(page))
		return 0;
	rmap_walk(page, &rwc);
	return cleaned;
}
