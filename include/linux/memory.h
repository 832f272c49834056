/*
 * Linux declares these in <linux/mm.h> (its <linux/memory.h> is memory hotplug); here mm/memory.c's own header.
 *
 * Demand paging (mm/memory.c): page tables of a process, the shared zero
 * page, and handle_mm_fault, which turns a fault on a valid address into
 * a mapped page.
 */
#ifndef PAGODA_MM_MEMORY_H
#define PAGODA_MM_MEMORY_H

#include <stdbool.h>
#include "asm/pgtable.h"
#include "linux/mm_types.h"
#include "linux/page.h"

#define VM_FAULT_OOM    0x0001
#define VM_FAULT_SIGBUS 0x0002
#define VM_FAULT_MAJOR  0x0004
#define VM_FAULT_SIGSEGV 0x0040  /* Linux's values */
#define VM_FAULT_ERROR  (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE 0x01

extern struct page *zero_page;  /* ZERO_PAGE: every untouched anonymous page reads it */

void zero_page_init(void);
pgd_t *pgd_alloc(void);                 /* a page directory sharing the kernel half */
void pgd_free(pgd_t *pgd);
uint32_t vm_get_page_prot(unsigned long vm_flags);
pte_t *user_pte_lookup(struct mm_struct *mm, unsigned long addr);  /* NULL if no page table */
pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr);        /* makes the page table; NULL: no memory */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, unsigned int flags);
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void change_protection(struct vm_area_struct *vma);
void populate_vma_range(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm);
/* Map page at addr of vma through pte (empty), taking its mapping (the caller's reference becomes the PTE's). */
void install_user_page(struct vm_area_struct *vma, pte_t *pte, unsigned long addr, struct page *page, bool write);

void show_maps(const struct mm_struct *mm);     /* fs/proc/task_mmu.c: /proc/PID/maps format, on the console */
/*
 * One /proc/PID/maps line: [start, end) in bytes, the VMA's flags, the
 * file offset in bytes, whether it maps a file (else offset, device and
 * inode print as 0), the file system's device (st_dev, new_encode_dev
 * form: printed MAJOR:MINOR in hex, as Linux's show_map_vma), the file's
 * inode, and the name (file path, [heap] ...).
 */
struct seq_file;
void show_map_line(struct seq_file *m, unsigned long start, unsigned long end, unsigned long vm_flags,
		   unsigned long long offset, bool file, unsigned int dev, unsigned long ino, const char *name);

struct mm_struct *mm_alloc(void);       /* mm_users = 1 */
/* Drop a user; the last one unmaps everything and frees it (Linux's mmput). */
void mmput(struct mm_struct *mm);
static inline void mmget(struct mm_struct *mm)
{
	mm->mm_users++;
}
/*
 * fork without CLONE_VM: a copy of oldmm (kernel/fork.c's dup_mm and
 * dup_mmap, with mm/memory.c's copy_page_range). Every VMA is copied but
 * those marked MADV_DONTFORK (VM_DONTCOPY); a VM_WIPEONFORK one comes
 * empty. Shared mappings get no PTEs: their pages are their file's (shared
 * anonymous memory's too: a shmem file), and the child's faults find them.
 * Private pages are shared too, write-protected in both page tables, for
 * the first write to copy (copy-on-write); oldmm's TLB is flushed. Each
 * copied PTE takes a reference and a mapping on its page. Returns the new
 * mm (mm_users 1, its rss counted, no faults yet), or NULL when memory ran
 * out (nothing leaks; oldmm's pages stay write-protected, which costs one
 * fault each and no copy).
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* A process's count of one kind of page (MM_FILEPAGES...), in pages (Linux's get_mm_counter). */
static inline unsigned long get_mm_counter(const struct mm_struct *mm, int member)
{
	return mm->rss_stat[member];
}

/* Add value (pages, may be negative) to one of mm's counters (Linux's add_mm_counter). */
static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat[member] += (unsigned long)value;
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss_stat[member]++;
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss_stat[member]--;
}

/* Which counter a file page a PTE maps is in: shmem's pages are swap-backed (Linux's mm_counter_file). */
static inline int mm_counter_file(const struct page *page)
{
	return PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* Which counter a page a PTE maps is in (Linux's mm_counter). */
static inline int mm_counter(const struct page *page)
{
	return PageAnon(page) ? MM_ANONPAGES : mm_counter_file(page);
}

/* Pages present in mm's page tables, the zero page not counted: VmRSS (Linux's get_mm_rss). */
static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] + mm->rss_stat[MM_SHMEMPAGES];
}

/*
 * rss's high-water mark, in pages (Linux's hiwater_rss): brought up to
 * date only where rss is about to drop, so the mark is the larger of the two.
 */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	if (mm->hiwater_rss < get_mm_rss(mm))
		mm->hiwater_rss = get_mm_rss(mm);
}

static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	return mm->hiwater_rss > get_mm_rss(mm) ? mm->hiwater_rss : get_mm_rss(mm);
}

#endif
