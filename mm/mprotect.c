/*
 * mprotect (Linux's mm/mprotect.c): change the protection of a range of
 * VMAs, splitting and merging them as mm/mmap.c does.
 */
#include "linux/errno.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/vma.h"

/*
 * mprotect, as Linux's do_mprotect_pkey: the checks in its order (both
 * PROT_GROWSDOWN and PROT_GROWSUP, an unaligned start or an unknown bit:
 * -EINVAL; len 0: 0 before len is even rounded; a range that wraps, after
 * rounding: -ENOMEM), then VMA by VMA from the start: each is split and
 * changed before the next is looked at, so a hole (-ENOMEM) or a VMA that
 * may not get the new protection (-EACCES: VM_MAYWRITE ...) stops the call
 * with the VMAs before it already changed. PROT_SEM is accepted and means
 * nothing on x86. PROT_GROWSDOWN extends the range down to the start of a
 * VM_GROWSDOWN VMA; x86 has no VM_GROWSUP, so PROT_GROWSUP is -EINVAL.
 */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, nstart;
	struct vm_area_struct *vma;
	long error = 0;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (vma->vm_start > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL;
	}
	for (nstart = start;;) {
		unsigned long newflags = (vma->vm_flags & ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC)) |
					 (calc_vm_flags(prot, 0) & (VM_READ | VM_WRITE | VM_EXEC));
		unsigned long tmp = min(vma->vm_end, end);

		/* VM_MAYREAD/WRITE/EXEC sit 4 bits above VM_READ/WRITE/EXEC */
		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) {
			error = -EACCES;
			break;
		}
		if (newflags != vma->vm_flags) {
			unsigned long nrpages = (tmp - nstart) >> PAGE_SHIFT;

			/* becoming private writable memory: RLIMIT_DATA (Linux's mprotect_fixup) */
			if ((newflags & VM_WRITE) && !may_expand_vm(mm, newflags, nrpages) &&
			    may_expand_vm(mm, vma->vm_flags, nrpages)) {
				error = -ENOMEM;
				break;
			}
			/* private memory becoming writable is promised from now on (Linux's mprotect_fixup) */
			if ((newflags & VM_WRITE) &&
			    !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
				if (security_vm_enough_memory_mm(mm, (long)nrpages)) {
					error = -ENOMEM;
					break;
				}
				newflags |= VM_ACCOUNT;
			}
			if (split_at(mm, nstart) || split_at(mm, tmp)) {
				if (newflags & ~vma->vm_flags & VM_ACCOUNT)
					vm_unacct_memory((long)nrpages);
				error = -ENOMEM;
				break;
			}
			vma = find_vma(mm, nstart);
			vma->vm_flags = newflags;
			vma->vm_page_prot = vm_get_page_prot(newflags);
			change_protection(vma);
		}
		vma = vma_merge_neighbours(mm, vma);
		nstart = max(tmp, vma->vm_end);
		if (nstart >= end)
			break;
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start != nstart) {
			error = -ENOMEM;
			break;
		}
	}
	return error;
}
