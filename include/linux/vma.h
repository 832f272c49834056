/*
 * Linux 6.1 declares these in <linux/mm.h> (mm/vma.h from 6.12); its own header so the host tests build mm/vma.c alone.
 *
 * The set of VMAs of one address space (struct mm_struct in
 * include/linux/mm_types.h): lookup, insertion, removal, splitting, merging
 * and the search for a free range. Linux's names and semantics
 * (mm/mmap.c). Pure: mm/vma.c is built into the kernel and into the
 * host tests; the system calls (mmap, munmap, brk, mprotect) and the
 * page-fault handler are built on top of it.
 *
 * None of these take a lock: Pagoda has one CPU and the callers own the mm.
 */
#ifndef PAGODA_MM_VMA_H
#define PAGODA_MM_VMA_H

#include "linux/mm.h"
#include "linux/mm_types.h"

/*
 * Where get_unmapped_area() starts looking when mmap() has no usable
 * hint: a third of the user range, 0x40000000, as i386 Linux.
 */
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE / 3)

/*
 * How far below a stack (a VM_GROWSDOWN VMA) nothing else may be placed,
 * and how close to the mapping below it a stack may grow: 256 pages, as
 * Linux's stack_guard_gap (the CVE-2017-1000364 fix).
 */
extern unsigned long stack_guard_gap;

/* Where vma starts for get_unmapped_area(): a stack's guard gap counts as taken. */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= stack_guard_gap;
		if (start > vma->vm_start)
			start = 0;
	}
	return start;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* An empty address space: no VMAs, mmap_base = TASK_UNMAPPED_BASE. */
void mm_init_vmas(struct mm_struct *mm);
/* Remove and vm_area_free() every VMA (the page tables are not touched). */
void exit_mmap_vmas(struct mm_struct *mm);

/* The first VMA with vm_end > addr: the one holding addr, or the next one above. NULL if none. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The VMA holding addr, or NULL (Linux's vma_lookup). */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}
/* find_vma(), and in *pprev the VMA before its answer (the last VMA if it is NULL; NULL if none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The lowest VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);

/*
 * Link vma ([vm_start, vm_end) set by the caller) into mm's list and tree,
 * and count it in map_count and total_vm. -EEXIST if it overlaps a VMA,
 * -EINVAL if the range is empty, not page aligned or not below TASK_SIZE;
 * nothing changes then.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
/*
 * Put a VMA just linked into its mm on the reverse map: its file's i_mmap
 * list, and its anon_vma's list if it has one (Linux's vma_link does the
 * file part). Idempotent: what is linked already stays as it is. In
 * mm/rmap.c; the host tests bring a stand-in. vm_area_free() unlinks.
 */
void vma_link_rmap(struct vm_area_struct *vma);
/* Unlink vma from mm's list and tree and uncount it; the caller frees it. */
void remove_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);

/*
 * Linux's vm.max_map_count default (USHRT_MAX - 5): a process gets -ENOMEM
 * from mmap, brk, mremap and from any split beyond this many VMAs, rather
 * than filling the kernel's memory with vm_area_structs.
 */
#define DEFAULT_MAX_MAP_COUNT 65530

/*
 * Cut vma in two at addr (page aligned, strictly inside). vma keeps the
 * upper part if new_below, else the lower part; a new VMA with the same
 * flags, protection, file and name takes the other, and vm_pgoff of the
 * upper part moves with its start. 0, -ENOMEM (also at max_map_count), or
 * -EINVAL for a bad addr.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below);

/*
 * Merge vma with the VMA just below and/or just above it when they touch
 * and are alike (flags, protection, file, name; contiguous vm_pgoffs).
 * Returns the VMA that now covers vma's range; the absorbed ones are
 * removed and vm_area_free()d, so vma itself may be gone.
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);

/*
 * A free range of len bytes (rounded up to pages) for mmap(): addr_hint
 * if it is nonzero, page aligned and free; else the lowest free range at
 * or above mm->mmap_base (Linux's legacy bottom-up layout). The guard gap
 * below a stack is not free (vm_start_gap). Below
 * TASK_SIZE; -ENOMEM (or -EINVAL for len 0), cast to unsigned long,
 * if there is none: test with IS_ERR_VALUE().
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr_hint,
				unsigned long len);

/*
 * Check every invariant of mm's VMAs (list and tree agree, sorted, no
 * overlap, aligned, below TASK_SIZE, red-black rules, map_count and
 * total_vm); print each violation and return how many were found.
 */
int vma_check(struct mm_struct *mm);

/*
 * A zeroed VMA, or NULL; and its release. Not in mm/vma.c: the kernel's
 * are in mm/vma_alloc.c (a slab cache), a host test brings its own.
 */
struct vm_area_struct *vm_area_alloc(void);
void vm_area_free(struct vm_area_struct *vma);
/* Create the "vm_area_struct" slab cache; after kmem_cache_init(). */
void vma_cache_init(void);

#endif
