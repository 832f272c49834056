/*
 * mremap: resize a mapping, move it, or both, with Linux 6.1's checks,
 * their order and error numbers (mm/mremap.c). Shrinking unmaps the tail.
 * Growing extends the VMA in place when the addresses after it are free;
 * otherwise, with MREMAP_MAYMOVE, a new VMA is made elsewhere and the
 * page-table entries move to it: no data is copied. MREMAP_FIXED names
 * the destination (whatever was there is unmapped first); MREMAP_DONTUNMAP
 * moves the pages but leaves the old VMA in place, empty, so touching it
 * again faults in fresh zeroed pages (or the file's pages).
 *
 * Pagoda has no VM_DONTEXPAND or VM_PFNMAP mappings (Linux's vdso, device
 * memory) and no RLIMIT_AS/RLIMIT_DATA (unlimited by default on Linux), so
 * the checks for those are absent. A MAP_SHARED|MAP_ANONYMOUS mapping is
 * a shmem file like any shared file mapping: after MREMAP_DONTUNMAP the
 * old range faults the same pages back from it, old size 0 maps the same
 * object twice, and pages grown past its size are SIGBUS, as on Linux.
 */
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/vma.h"

/*
 * Move the PTEs of [old_addr, old_addr + len) to new_addr, page by page
 * (Linux's move_page_tables). Returns how many bytes were done: less than
 * len only if a page table for the destination could not be allocated.
 */
static unsigned long move_page_tables(struct mm_struct *mm, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	unsigned long done;

	for (done = 0; done < len; done += PAGE_SIZE) {
		pte_t *from = user_pte_lookup(mm, old_addr + done), *to;

		if (!from || !*from)    /* nothing there (a PROT_NONE page is not 0) */
			continue;
		to = pte_alloc(mm, new_addr + done);
		if (!to)
			break;
		set_pte(to, *from);
		pte_clear(from);
		__flush_tlb_one(old_addr + done);
	}
	return done;
}

/*
 * Give [old_addr, old_addr + old_len) of vma a new home of new_len bytes
 * at new_addr, which is free (Linux's move_vma). The old range is unmapped
 * unless MREMAP_DONTUNMAP. Returns new_addr or a -errno.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long old_addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	unsigned long pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	struct anon_vma *anon_vma = vma->anon_vma;
	const struct vm_operations_struct *vm_ops = vma->vm_ops;
	unsigned long ret, moved;

	/* a move may split the old VMA in three and add one: Linux keeps that room */
	if (mm->map_count >= DEFAULT_MAX_MAP_COUNT - 3)
		return -ENOMEM;
	/* the old range stays mapped with DONTUNMAP: all of new_len is more memory */
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    security_vm_enough_memory_mm(mm, (long)((flags & MREMAP_DONTUNMAP ? new_len : new_len - old_len) >> PAGE_SHIFT)))
		return -ENOMEM;
	/* The new VMA is charged whole: its old_len was already paid for by the
	 * old range, whose unmapping below gives that back (Linux hides
	 * VM_ACCOUNT from that munmap instead). */
	if ((vma->vm_flags & VM_ACCOUNT) && !(flags & MREMAP_DONTUNMAP))
		vm_acct_memory((long)(old_len >> PAGE_SHIFT));
	/* Linux's copy_vma: anonymous memory never written keeps no tie to its old place */
	if (!vma->vm_file && !anon_vma)
		pgoff = new_addr >> PAGE_SHIFT;
	ret = map_new_vma_anon(mm, new_addr, new_len, vma->vm_flags, vma->vm_file, pgoff, vma->vm_name,
			       anon_vma);
	if (IS_ERR_VALUE(ret)) {
		if (vma->vm_flags & VM_ACCOUNT)
			vm_unacct_memory((long)(new_len >> PAGE_SHIFT));
		return (long)ret;
	}
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += new_len >> PAGE_SHIFT; /* the munmap of either range takes its share back */
	find_vma(mm, new_addr)->vm_ops = vm_ops;       /* Linux's copy_vma copies the whole VMA */
	/* vma may have merged with the new one: from here on, addresses only */
	moved = move_page_tables(mm, old_addr, new_addr, old_len);
	if (moved < old_len) {
		/* put back what moved (those page tables exist) and drop the new range */
		move_page_tables(mm, new_addr, old_addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	if (!(flags & MREMAP_DONTUNMAP))
		do_munmap(mm, old_addr, old_len);
	if (new_len > old_len)          /* a locked mapping's new tail is faulted in, as mlock promised */
		mm_populate_locked(new_addr + old_len, new_addr + new_len, true);
	return (long)new_addr;
}

/*
 * May [addr, addr + old_len) of vma become new_len bytes long (Linux's
 * vma_to_resize)? 0, or -EINVAL (duplicating a private mapping, or a file
 * offset that would wrap), -EFAULT (the range runs past the VMA: several
 * VMAs or a hole), -ENOMEM (past RLIMIT_AS or RLIMIT_DATA).
 */
static int vma_to_resize(struct vm_area_struct *vma, unsigned long addr, unsigned long old_len,
			 unsigned long new_len)
{
	unsigned long pgoff;

	/* old_len 0 asks for a second mapping of the same pages: only shared ones have that */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if (old_len > vma->vm_end - addr)
		return -EFAULT;
	if (new_len == old_len)
		return 0;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (new_len > old_len && !mlock_future_ok(vma->vm_mm, vma->vm_flags, new_len - old_len))
		return -EAGAIN;
	if (new_len > old_len && !may_expand_vm(vma->vm_mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

/* Can vma grow by delta bytes where it is (Linux's vma_expandable)? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

/*
 * MREMAP_FIXED or MREMAP_DONTUNMAP: always a move, to new_addr (a hint
 * only without MREMAP_FIXED). Linux's mremap_to, whose order matters: the
 * destination is unmapped and the old range shrunk before the old range
 * is checked, so those happen even when the call then fails.
 */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	long ret;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;         /* the two ranges overlap */
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_lookup(mm, addr);     /* the unmapping may have split or freed it */
	if (!vma)
		return -EFAULT;
	ret = vma_to_resize(vma, addr, old_len, new_len);
	if (ret)
		return ret;
	/* the old pages stay mapped too */
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, new_addr, new_len);
		if (IS_ERR_VALUE(new_addr))
			return (long)new_addr;
	}
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* DONTUNMAP is always a move, and never a resize (compared before rounding) */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	vma = vma_lookup(mm, addr);
	if (!vma)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);

	/* Shrinking always works: it only unmaps the tail, whatever is there. */
	if (old_len >= new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret < 0 && old_len != new_len)
			return ret;
		return (long)addr;
	}

	ret = vma_to_resize(vma, addr, old_len, new_len);
	if (ret)
		return ret;
	/* the range ends where the VMA does: perhaps it can simply grow */
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, new_len - old_len)) {
		if ((vma->vm_flags & VM_ACCOUNT) &&
		    security_vm_enough_memory_mm(mm, (long)((new_len - old_len) >> PAGE_SHIFT)))
			return -ENOMEM;
		mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
		vma->vm_end = addr + new_len;   /* order in list and tree is unchanged */
		if (vma->vm_flags & VM_LOCKED) {
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
			mm_populate_locked(addr + old_len, addr + new_len, true);
		}
		vma_merge_neighbours(mm, vma);
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (IS_ERR_VALUE(new_addr))
		return (long)new_addr;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}
