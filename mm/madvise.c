/*
 * madvise, as Linux 6.1's mm/madvise.c answers: the advice is checked
 * first (madvise_behavior_valid), then the start's alignment and the
 * length's rounding and wrap (-EINVAL); then the advice is applied VMA by
 * VMA over the mapped parts of the range, and a hole anywhere in it makes
 * the call return -ENOMEM once the rest is done (madvise_walk_vmas).
 *
 * Pagoda has no core dumps, no KSM and no huge pages, so most
 * advice changes nothing here after the checks; what it does change:
 * MADV_DONTNEED and MADV_FREE drop pages, MADV_REMOVE punches a hole in
 * shared memory, MADV_POPULATE_READ/WRITE fault pages in, MADV_PAGEOUT
 * writes private anonymous pages to swap, and
 * MADV_DONTFORK/DOFORK and MADV_WIPEONFORK/KEEPONFORK set or clear the VMA
 * flags fork reads (VM_DONTCOPY, VM_WIPEONFORK), splitting the VMA.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/shmem_fs.h"
#include "linux/swap.h"
#include "linux/syscalls.h"
#include "linux/vma.h"

/*
 * Linux's list, as a kernel with CONFIG_KSM and CONFIG_TRANSPARENT_HUGEPAGE
 * (Debian's) has it; without CONFIG_MEMORY_FAILURE (MADV_HWPOISON and
 * MADV_SOFT_OFFLINE inject hardware errors: nothing to fake here).
 */
static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_DOFORK: case MADV_DONTFORK: case MADV_NORMAL: case MADV_SEQUENTIAL:
	case MADV_RANDOM: case MADV_REMOVE: case MADV_WILLNEED: case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED: case MADV_FREE: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE: case MADV_MERGEABLE:
	case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_COLLAPSE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
		return true;
	default:
		return false;
	}
}

/* A page of a file VMA that starts at or past the end of the file: the fault's SIGBUS. */
static bool beyond_eof(const struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	return vma->vm_file && pgoff >= PAGE_ALIGN(vma->vm_file->size) >> PAGE_SHIFT;
}

/*
 * MADV_POPULATE_READ/WRITE (madvise_populate): fault in every page as a
 * read or a write would, without touching it. A VMA that does not allow
 * the access is -EINVAL (check_vma_flags); a fault that would be SIGBUS is
 * -EFAULT; running out of memory is -ENOMEM.
 */
static long madvise_populate(struct mm_struct *mm, struct vm_area_struct *vma,
			     unsigned long start, unsigned long end, bool write)
{
	if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return -EINVAL;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		int ret;

		if (beyond_eof(vma, addr))
			return -EFAULT;
		ret = handle_mm_fault(mm, vma, addr, write ? FAULT_FLAG_WRITE : 0);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_SIGBUS)
			return -EFAULT;
	}
	return 0;
}

/*
 * MADV_PAGEOUT (Linux's madvise_pageout, anonymous pages only): each
 * private anonymous page of [start, end) that this PTE alone maps and
 * nothing else holds gets a swap slot and the swap cache (add_to_swap),
 * its PTE the swap entry (try_to_unmap), is written (pageout), and
 * is freed (Linux's __remove_mapping). A page already in the swap cache
 * and not written since it came back needs no write. Without a free slot
 * the rest stay, as Linux's reclaim keeps what it cannot swap. Shared
 * pages (fork's, shared memory) and file pages stay; LRU reclaim
 * (mm/vmscan.c) takes the same steps for those too.
 */
static long madvise_pageout(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end)
{
	if (vma->vm_flags & VM_SHARED)
		return 0;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(mm, addr);
		struct page *page;

		if (!pte) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			if (addr + PAGE_SIZE < addr || addr + PAGE_SIZE >= end)
				break;
			continue;
		}
		if (!pte_maps_frame(*pte))
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (page == zero_page || !PageAnon(page) || page_mapcount(page) != 1 ||
		    page_count(page) != 1 + PageSwapCache(page) || PageLocked(page))
			continue;
		if (!PageSwapCache(page) && !add_to_swap(page))
			break;          /* swap is full, or off */
		get_page(page);         /* ours, across the write */
		try_to_unmap(page, 0);        /* this PTE, the only one */
		pageout(page);          /* sleeps; on failure the page stays cached, dirty */
		if (page_count(page) == 2 && !page_mapped(page) && !PageDirty(page) && PageSwapCache(page))
			delete_from_swap_cache(page);
		put_page(page);
	}
	return 0;
}

/*
 * Give [start, end) of vma the flags new_flags: split off that range and
 * merge it with alike neighbours (Linux's madvise_update_vma). 0, or
 * -EAGAIN when a split runs out of memory or VMAs (Linux turns madvise's
 * -ENOMEM into -EAGAIN: "kernel resources temporarily unavailable").
 */
static long madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			       unsigned long start, unsigned long end, unsigned long new_flags)
{
	if (new_flags == vma->vm_flags)
		return 0;
	if (split_at(mm, start) || split_at(mm, end))
		return -EAGAIN;
	vma = find_vma(mm, start);
	vma->vm_flags = new_flags;
	vma_merge_neighbours(mm, vma);
	return 0;
}

/*
 * MADV_REMOVE: punch [start, end) out of the file behind a shared,
 * writable mapping, so every mapping of it reads zeroes there (Linux's
 * madvise_remove and vfs_fallocate(FALLOC_FL_PUNCH_HOLE)). -EINVAL with
 * no page cache behind it (anonymous memory), -EACCES unless shared and
 * writable, -EOPNOTSUPP for a file system that cannot punch holes (only
 * tmpfs can here: ext2 has no fallocate on Linux either).
 */
static long madvise_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	long long offset = (long long)(start - vma->vm_start) + ((long long)vma->vm_pgoff << PAGE_SHIFT);

	if (!vma->vm_file || !vma->vm_file->f_mapping)
		return -EINVAL;
	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
		return -EACCES;
	if (!shmem_file(vma->vm_file))
		return -EOPNOTSUPP;
	return shmem_punch_hole(vma->vm_file, offset, offset + (long long)(end - start));
}

/* The advice for [start, end), which lies inside vma (madvise_vma_behavior). */
static long madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long start, unsigned long end, int behavior)
{
	bool anon = !vma->vm_file, shared = vma->vm_flags & VM_SHARED;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		/* locked pages stay unless the caller says it knows (Linux's madvise_dontneed_free_valid_vma) */
		if ((vma->vm_flags & VM_LOCKED) && behavior == MADV_DONTNEED)
			return -EINVAL;
		/*
		 * Private anonymous memory reads back as zeroes, a private file
		 * page as the file's bytes; a shared page (shared anonymous
		 * memory's too) stays in its file, and the next touch maps it again.
		 */
		zap_page_range(mm, start, end);         /* DONTNEED: the PTEs go */
		return 0;
	case MADV_FREE:
		/* Only private anonymous memory; Linux frees it lazily, at reclaim: Pagoda at once. */
		if (!anon || shared || (vma->vm_flags & VM_LOCKED))
			return -EINVAL;
		zap_page_range(mm, start, end);
		return 0;
	case MADV_REMOVE:
		return madvise_remove(vma, start, end);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(mm, vma, start, end, behavior == MADV_POPULATE_WRITE);
	case MADV_DONTFORK:
		return madvise_update_vma(mm, vma, start, end, vma->vm_flags | VM_DONTCOPY);
	case MADV_DOFORK:
		return madvise_update_vma(mm, vma, start, end, vma->vm_flags & ~VM_DONTCOPY);
	case MADV_WIPEONFORK:
		/* only private anonymous memory can be wiped: a file's pages would come back */
		if (!anon || shared)
			return -EINVAL;
		return madvise_update_vma(mm, vma, start, end, vma->vm_flags | VM_WIPEONFORK);
	case MADV_KEEPONFORK:
		return madvise_update_vma(mm, vma, start, end, vma->vm_flags & ~VM_WIPEONFORK);
	case MADV_COLLAPSE:
		return -EINVAL;         /* hugepage_vma_check: no huge pages here */
	case MADV_COLD:
	case MADV_PAGEOUT:
		/* locked memory is not for reclaim (Linux's can_madv_lru_vma): -EINVAL, pages stay */
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;
		return behavior == MADV_PAGEOUT ? madvise_pageout(mm, vma, start, end) : 0;
	default:
		return 0;               /* nothing to do on Pagoda (see the top of the file) */
	}
}

long sys_madvise(unsigned long start, unsigned long len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long len, end;
	struct vm_area_struct *vma;
	long unmapped_error = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;         /* rounded up from "small negative" to 0 */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (vma = find_vma(mm, start);; vma = find_vma(mm, start)) {
		unsigned long tmp;
		long error;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = min(vma->vm_end, end);
		error = madvise_vma(mm, vma, start, tmp, behavior);
		if (error)
			return error;
		start = tmp;
		if (start >= end)
			break;
	}
	return unmapped_error;
}
