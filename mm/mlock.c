/*
 * mlock (Linux 6.1's mm/mlock.c): pages of VM_LOCKED VMAs stay in memory.
 * A page mapped into a locked VMA gets PG_mlocked and moves to the
 * unevictable list, where reclaim never looks; page->mlock_count counts
 * its locked mappings, and when the last goes (munlock, munmap, exit, a
 * COW copy replacing it) it returns to an evictable list. As in Linux
 * the count may be low after reclaim had the page isolated: it is a
 * hint, the flag is the rule.
 */
#include "linux/capability.h"
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/mman.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/vma.h"
#include "linux/vmstat.h"

/* PG_mlocked set, counted (Linux's folio_test_set_mlocked + NR_MLOCK). */
static bool test_set_page_mlocked(struct page *page)
{
	if (PageMlocked(page))
		return true;
	SetPageMlocked(page);
	inc_node_page_state(NR_MLOCK);
	count_vm_event(UNEVICTABLE_PGS_MLOCKED);
	return false;
}

void mlock_vma_page(struct page *page)
{
	struct lruvec *lruvec = page_lruvec(page);

	test_set_page_mlocked(page);
	if (!PageLRU(page))
		return;         /* isolated by reclaim: putback sees the flag */
	if (PageUnevictable(page)) {
		page->mlock_count++;
		return;
	}
	del_page_from_lru_list(page, lruvec);
	ClearPageActive(page);
	SetPageUnevictable(page);
	page->mlock_count = 1;
	add_page_to_lru_list(page, lruvec);
	count_vm_event(UNEVICTABLE_PGS_CULLED);
}

void munlock_vma_page(struct page *page)
{
	struct lruvec *lruvec = page_lruvec(page);

	if (!PageMlocked(page))
		return;
	if (PageLRU(page) && PageUnevictable(page) && page->mlock_count > 1) {
		page->mlock_count--;
		return;         /* another locked VMA still maps it */
	}
	ClearPageMlocked(page);
	dec_node_page_state(NR_MLOCK);
	count_vm_event(UNEVICTABLE_PGS_MUNLOCKED);
	if (!PageLRU(page) || !PageUnevictable(page))
		return;
	del_page_from_lru_list(page, lruvec);
	ClearPageUnevictable(page);
	INIT_LIST_HEAD(&page->lru);     /* the word held the count */
	add_page_to_lru_list(page, lruvec);
	count_vm_event(UNEVICTABLE_PGS_RESCUED);
}

/* --- the system calls ----------------------------------------------------- */

/* mlock2's flag, mlockall's (Linux's uapi values) */
#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

/* May this task lock memory at all (Linux's can_do_mlock)? A limit above 0, or CAP_IPC_LOCK. */
bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/*
 * May mm lock len more bytes (Linux's mlock_future_ok)? For mappings
 * made VM_LOCKED at birth: MAP_LOCKED, and everything after
 * mlockall(MCL_FUTURE).
 */
bool mlock_future_ok(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return true;
	return mm->locked_vm + (len >> PAGE_SHIFT) <= rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

/* Give every page [start, end) of vma maps one VM_LOCKED mapping more (lock) or fewer. */
static void mlock_pte_range(struct vm_area_struct *vma, unsigned long start, unsigned long end, bool lock)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(vma->vm_mm, addr);
		struct page *page;

		if (!pte) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;    /* no page table: skip it */
			if (addr + PAGE_SIZE < addr)
				break;
			continue;
		}
		if (!*pte)      /* a PROT_NONE entry still maps its frame: counted as set_user_pte counts it */
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (page == zero_page)
			continue;
		if (lock)
			mlock_vma_page(page);
		else
			munlock_vma_page(page);
	}
}

/*
 * [start, end), inside vma, gets newflags' VM_LOCKED bits (Linux's
 * mlock_fixup): split off, its mapped pages mlocked or munlocked, merged
 * again, locked_vm kept. 0 or -ENOMEM (no memory to split).
 */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	unsigned long oldflags = vma->vm_flags;
	long nr_pages = (long)((end - start) >> PAGE_SHIFT);

	if (newflags == oldflags)
		return 0;
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	vma = find_vma(mm, start);
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;   /* only VM_LOCKONFAULT changes */
	mm->locked_vm += (unsigned long)nr_pages;
	if ((newflags & VM_LOCKED) && !(oldflags & VM_LOCKED)) {
		vma->vm_flags = newflags;
		mlock_pte_range(vma, start, end, true);
	} else if (!(newflags & VM_LOCKED) && (oldflags & VM_LOCKED)) {
		mlock_pte_range(vma, start, end, false);
		vma->vm_flags = newflags;
	} else {
		vma->vm_flags = newflags;
	}
	vma_merge_neighbours(mm, vma);
	return 0;
}

/* Set or clear flags (VM_LOCKED, VM_LOCKONFAULT) on [start, start + len) (Linux's apply_vma_lock_flags): 0, -EINVAL, -ENOMEM. */
static int apply_vma_lock_flags(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart;
	struct vm_area_struct *vma;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (nstart = start;;) {
		unsigned long tmp = min(vma->vm_end, end);
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		int error = mlock_fixup(mm, vma, nstart, tmp, newflags);

		if (error)
			return error;
		nstart = tmp;
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM; /* a hole */
	}
}

/*
 * Fault in the locked VMAs' pages of [start, end) as mlock promises
 * (Linux's __mm_populate). ignore_errors: mlockall's, which goes on past
 * what cannot be populated. 0, -EAGAIN (out of memory), -ENOMEM (a page
 * that is not there: past the end of a file, or PROT_NONE), as Linux's
 * __mlock_posix_error_return turns them.
 */
int mm_populate_locked(unsigned long start, unsigned long end, bool ignore_errors)
{
	struct mm_struct *mm = current->mm;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long s = max(start, vma->vm_start), e = min(end, vma->vm_end);
		unsigned int flags = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ? FAULT_FLAG_WRITE : 0;

		if (!(vma->vm_flags & VM_LOCKED) || (vma->vm_flags & VM_LOCKONFAULT))
			continue;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
			if (ignore_errors)
				continue;
			return -ENOMEM;
		}
		for (unsigned long addr = s; addr < e; addr += PAGE_SIZE) {
			pte_t *pte = user_pte_lookup(mm, addr);
			int ret;

			/* present already, and (for a write) writable: nothing to fault */
			if (pte && pte_present(*pte) && (!flags || pte_write(*pte)))
				continue;
			ret = handle_mm_fault(mm, vma, addr, flags);
			if (!(ret & VM_FAULT_ERROR) || ignore_errors)
				continue;
			return ret & VM_FAULT_OOM ? -EAGAIN : -ENOMEM;
		}
	}
	return 0;
}

/* Linux's do_mlock: mlock and mlock2. */
static long do_mlock(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT, locked;
	int error;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK)) {
		/* what is locked already in the range does not count twice (count_mm_mlocked_page_nr) */
		for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < start + len;
		     vma = vma->vm_next)
			if (vma->vm_flags & VM_LOCKED)
				locked -= (min(vma->vm_end, start + len) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	}
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	error = apply_vma_lock_flags(start, len, flags);
	if (error)
		return error;
	return mm_populate_locked(start, start + len, false);
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, unsigned long len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

long sys_munlock(unsigned long start, unsigned long len)
{
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return apply_vma_lock_flags(start, len, 0);
}

/* Every VMA gets the flags, and (MCL_FUTURE) every VMA made later (Linux's apply_mlockall_flags). */
static void apply_mlockall_flags(int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long to_add = 0;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	for (struct vm_area_struct *vma = mm->mmap, *next; vma; vma = next) {
		next = vma->vm_next;    /* mlock_fixup may merge vma into the one before */
		/* errors ignored, as Linux's: a VMA that cannot be split keeps its flags */
		mlock_fixup(mm, vma, vma->vm_start, vma->vm_end, (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
	}
}

long sys_mlockall(int flags)
{
	unsigned long lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && current->mm->total_vm > lock_limit && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(flags);
	if (flags & MCL_CURRENT)
		mm_populate_locked(0, TASK_SIZE, true);
	return 0;
}

long sys_munlockall(void)
{
	apply_mlockall_flags(0);
	return 0;
}
