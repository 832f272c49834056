/*
 * The reverse map (mm/rmap.c): from a page to every user PTE that maps
 * it, for reclaim (page_referenced, try_to_unmap) and writeback
 * (page_mkclean).
 *
 * page->_mapcount is -1 when no user PTE maps the page, and one more for
 * each that does. The shared zero page is never counted (Linux's
 * vm_normal_page() skips it too). Call page_add_rmap() where a user PTE
 * is set to a page, and page_remove_rmap() where it is cleared or pointed
 * elsewhere, before the page is freed: the page allocator reports a freed
 * page that is still mapped ("Bad page state").
 *
 * Which PTEs: a file page's are in the VMAs on its mapping's i_mmap list;
 * an anonymous page's in the VMAs of its anon_vma (page->mapping, tagged
 * PAGE_MAPPING_ANON), at the address its page->index gives in each.
 */
#ifndef PAGODA_MM_RMAP_H
#define PAGODA_MM_RMAP_H

#include "asm/pgtable.h"
#include "linux/bug.h"
#include "linux/list.h"
#include "linux/memory.h"
#include "linux/mm_types.h"
#include "linux/page.h"
#include "linux/vmstat.h"

/*
 * The VMAs whose anonymous pages one page may be: a VMA that made
 * anonymous pages, and every VMA fork copied from it, in every
 * descendant (Linux 2.6.32's anon_vma: one per VMA family). Linux 6.1
 * gives each process's VMA an anon_vma of its own and chains it to its
 * ancestors' (anon_vma_chain), so a page a child made is looked for in
 * that child and its own children only. Given up here: after fork a
 * page is looked for in every VMA of the family, the walk over-searches
 * (the PTE test drops the misses); the answer is the same. Freed with
 * its last VMA: a page still mapped keeps one of them alive.
 */
struct anon_vma {
	struct list_head head;          /* the VMAs, on vm_area_struct.anon_vma_node */
};

/* The anon_vma of an anonymous page; valid only while page_mapped(page). */
static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	return (struct anon_vma *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON);
}

/*
 * A page's first mapping and its last are counted in /proc/meminfo:
 * Mapped (a page-cache page) or AnonPages.
 */
static inline enum node_stat_item page_mapped_item(const struct page *page)
{
	return page_mapping(page) ? NR_FILE_MAPPED : NR_ANON_MAPPED;
}

/* A user PTE now maps page (the mapcount half of Linux's page_add_new_anon_rmap / page_add_file_rmap). */
static inline void page_add_rmap(struct page *page)
{
	if (page != zero_page && ++page->_mapcount == 0)
		inc_node_page_state(page_mapped_item(page));
}

/* A user PTE no longer maps page (Linux's page_remove_rmap). */
static inline void page_remove_rmap(struct page *page)
{
	if (page == zero_page)
		return;
	BUG_ON(page->_mapcount < 0);    /* unmapped more often than mapped */
	if (--page->_mapcount < 0)
		dec_node_page_state(page_mapped_item(page));
}

/*
 * Give vma an anon_vma before its first anonymous page: a neighbour's it
 * could merge with (Linux's find_mergeable_anon_vma), else a new one. 0,
 * or -ENOMEM. Linux's anon_vma_prepare (mm/rmap.c).
 */
int anon_vma_prepare(struct vm_area_struct *vma);

/*
 * page, new and not yet mapped, becomes an anonymous page of vma at addr:
 * page->mapping = its anon_vma | PAGE_MAPPING_ANON, page->index = its
 * linear offset (Linux's __page_set_anon_rmap, the part of
 * page_add_new_anon_rmap that is not the mapcount; page_add_rmap counts
 * the PTE). The caller did anon_vma_prepare(vma).
 */
void page_set_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr);
/*
 * A page from the swap cache is about to be mapped at addr of vma: one
 * read in from its slot has no anon_vma yet and gets vma's; one that never
 * left memory keeps the one it had (Linux's do_swap_page choosing between
 * page_add_new_anon_rmap and page_add_anon_rmap); a page read in also
 * joins the anon LRU list. vma->anon_vma is set: its pages went to swap.
 */
void swapin_set_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr);

/*
 * Take vma off the reverse map (its file's i_mmap and its anon_vma's
 * list; an anon_vma left with no VMA is freed): Linux's unlink_file_vma
 * and unlink_anon_vmas. Called by vm_area_free(); a VMA never linked is
 * fine.
 */
void unlink_vma_rmap(struct vm_area_struct *vma);

/*
 * Where page is in vma: a user address, or -EFAULT (cast) when page's
 * offset falls outside vma (Linux's vma_address).
 */
unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma);

/*
 * How rmap_walk reports each PTE (Linux's struct rmap_walk_control; its
 * rmap_one finds the PTE itself with page_vma_mapped_walk, here the walk
 * passes it). rmap_one returns false to stop the walk.
 */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			 pte_t *pte, void *arg);
};

/*
 * Call rwc->rmap_one for every user PTE that maps page (present, or
 * PROT_NONE: that keeps its frame too), one per mapping: the VMAs of the
 * page's anon_vma, or of its file's i_mmap. Nothing for the zero page, a
 * page no longer mapped, or one with no mapping. Linux's rmap_walk.
 */
void rmap_walk(struct page *page, const struct rmap_walk_control *rwc);

/*
 * Test and clear the accessed bit of every PTE mapping page, flushing
 * each one cleared from the TLB (the CPU sets it again at the next use).
 * Returns how many were set. Linux's folio_referenced.
 */
int page_referenced(struct page *page);

/*
 * try_to_unmap's flags (Linux's enum ttu_flags). TTU_MIGRATION: the
 * caller takes the anonymous page's data elsewhere (migration, issue 15),
 * so its PTEs may simply go; Linux 4.x's value (6.1 has try_to_migrate).
 */
#define TTU_MIGRATION	0x1

/*
 * Remove every user PTE that maps page, as reclaim does (Linux's
 * try_to_unmap): each mapping's dirty bit moves to the page
 * (set_page_dirty), its rss counter, page->_mapcount and the reference
 * the PTE held drop, the TLB entry is flushed. An anonymous page's PTEs
 * become its swap entry (swap_duplicate; MM_ANONPAGES down, MM_SWAPENTS
 * up), so it must be in the swap cache (add_to_swap) first; one that is
 * not is left mapped (false) unless flags has TTU_MIGRATION. The caller
 * holds its own reference. Returns true if page is mapped nowhere now.
 */
bool try_to_unmap(struct page *page, unsigned int flags);

/*
 * Write-protect and clean every PTE of a shared mapping that maps the
 * page-cache page page, so the next write faults and dirties the page
 * again (Linux's folio_mkclean, which writeback calls before writing a
 * page). Returns how many PTEs were dirty or writable.
 */
int page_mkclean(struct page *page);

#endif
