/*
 * msync(2) (Linux's mm/msync.c): write a shared file mapping's changes
 * back to its file. The PTEs' dirty bits of the range are moved to their
 * pages first (so Dirty counts them, whatever the flags); MS_SYNC then
 * writes back and waits, through the file's fsync, each shared file VMA
 * in the range. MS_ASYNC has nothing more to do: Linux since 2.6.19 lets
 * write-back pick dirty pages up. MS_INVALIDATE asks that other mappings
 * see the file's data, which they always do here (one page cache).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mman.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/vma.h"

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

/*
 * 0, or the first error in Linux's order: -EINVAL (unknown flags, start
 * not page aligned, MS_ASYNC with MS_SYNC), -ENOMEM (the range wraps, or
 * part of it is not mapped: the rest is still done, unless MS_ASYNC
 * alone), the fsync's error. No mlock, so no -EBUSY for MS_INVALIDATE.
 */
long sys_msync(unsigned long start, unsigned long len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	int error = -EINVAL, unmapped_error = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return error;
	if (start & ~PAGE_MASK)
		return error;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return error;
	len = (len + ~PAGE_MASK) & PAGE_MASK;
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	for (;;) {
		struct file *file;
		long long fstart, fend;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {            /* a hole before this VMA */
			if (flags == MS_ASYNC)
				return -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		file = vma->vm_file;
		fstart = (long long)(start - vma->vm_start) + ((long long)vma->vm_pgoff << PAGE_SHIFT);
		fend = fstart + (long long)(min(end, vma->vm_end) - start) - 1;
		if (file && (vma->vm_flags & VM_SHARED))
			msync_dirty_range(vma, start, min(end, vma->vm_end));
		start = vma->vm_end;
		if ((flags & MS_SYNC) && file && (vma->vm_flags & VM_SHARED)) {
			error = vfs_fsync_range(file, fstart, fend, 1);
			if (error)
				return error;
			if (start >= end)
				return unmapped_error;
			vma = find_vma(mm, start);
		} else {
			if (start >= end)
				return unmapped_error;
			vma = vma->vm_next;
		}
	}
}
