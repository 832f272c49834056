/*
 * A process's mappings: mmap, munmap, mprotect, mremap, madvise and brk,
 * with Linux's checks and error numbers. They only edit VMAs (splitting
 * and merging them as Linux does) and clear page-table entries; pages
 * arrive later, on faults (mm/memory.c).
 */
#include "errno.h"
#include "fs.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "mm/mman.h"
#include "mm/page_alloc.h"
#include "mm/vma.h"
#include "sched.h"
#include "syscalls.h"
#include "uaccess.h"

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
}

/*
 * Overcommit, Linux's heuristic mode in one line: refuse a single
 * request larger than all of RAM; anything smaller is promised and paid
 * for page by page at fault time.
 */
static bool too_big(unsigned long len)
{
	return (len >> PAGE_SHIFT) > totalram_pages;
}

/* Make [start, end) begin and end on VMA boundaries. */
static int split_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma && vma->vm_start < addr)
		return split_vma(mm, vma, addr, 0);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *vma, *next;

	if ((start & ~PAGE_MASK) || start >= TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (len == 0)
		return -EINVAL;
	end = start + len;
	if (!find_vma_intersection(mm, start, end))
		return 0;
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = next) {
		next = vma->vm_next;
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		remove_vm_struct(mm, vma);
		vm_area_free(vma);
	}
	return 0;
}

static unsigned long map_new_vma(struct mm_struct *mm, unsigned long addr, unsigned long len,
				 unsigned long vm_flags, struct file *file, unsigned long pgoff,
				 const char *name)
{
	struct vm_area_struct *vma = vm_area_alloc();

	if (!vma)
		return (unsigned long)-ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	vma->vm_name = name;
	if (insert_vm_struct(mm, vma)) {
		vm_area_free(vma);
		return (unsigned long)-ENOMEM;
	}
	vma_merge_neighbours(mm, vma);
	return addr;
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	unsigned long type = flags & MAP_TYPE, vm_flags;

	if (len == 0)
		return (unsigned long)-EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return (unsigned long)-EINVAL;
	len = PAGE_ALIGN(len);
	if (len == 0 || len > TASK_SIZE || too_big(len) || mm->map_count > DEFAULT_MAX_MAP_COUNT)
		return (unsigned long)-ENOMEM;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return (unsigned long)-EINVAL;
		if (addr > TASK_SIZE - len)
			return (unsigned long)-ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
			return (unsigned long)-EEXIST;
		if (do_munmap(mm, addr, len))
			return (unsigned long)-ENOMEM;
	} else {
		addr = get_unmapped_area(mm, addr & PAGE_MASK, len);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	vm_flags = calc_vm_flags(prot, flags);
	if (type != MAP_PRIVATE) {
		if (file && (prot & PROT_WRITE))
			return (unsigned long)-EACCES;  /* the initrd is read-only */
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	}
	addr = map_new_vma(mm, addr, len, vm_flags, file, pgoff, NULL);
	if (!IS_ERR_VALUE(addr) && (flags & MAP_POPULATE)) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		for (unsigned long a = addr; a < addr + len && vma; a += PAGE_SIZE)
			if (handle_mm_fault(mm, vma, a, prot & PROT_WRITE ? FAULT_FLAG_WRITE : 0) & VM_FAULT_OOM)
				break;
	}
	return addr;
}

long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		struct file *f = (int)fd >= 0 && fd < NR_OPEN ? current->files[fd] : NULL;

		if (!f || f->console)
			return -EBADF;
		file = file_for_mapping(f);
		if (!file)
			return -ENFILE;
	}
	return (long)do_mmap(current->mm, file, addr, len, prot, flags, pgoff);
}

long sys_old_mmap(const unsigned long *uargs)
{
	unsigned long a[6];

	if (copy_from_user(a, uargs, sizeof(a)))
		return -EFAULT;
	if (a[5] & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap2(a[0], a[1], a[2], a[3], a[4], a[5] >> PAGE_SHIFT);
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	return do_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, addr;
	struct vm_area_struct *vma;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (len == 0)
		return 0;
	/* the whole range must be mapped, without holes */
	for (addr = start, vma = find_vma(mm, start); addr < end; vma = vma->vm_next) {
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		addr = vma->vm_end;
	}
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long flags = (vma->vm_flags & ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC)) |
				      calc_vm_flags(prot, 0);

		if (vma->vm_file && (vma->vm_flags & VM_SHARED) && (prot & PROT_WRITE))
			return -EACCES;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_get_page_prot(flags);
		change_protection(mm, vma->vm_start, vma->vm_end, flags);
	}
	vma = find_vma(mm, start);
	if (vma)
		vma_merge_neighbours(mm, vma);
	return 0;
}

long sys_madvise(unsigned long start, unsigned long len, int behavior)
{
	struct vm_area_struct *vma;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (start + len < start)
		return -EINVAL;
	if (behavior == MADV_DONTNEED) {
		/* anonymous memory reads back as zeroes; file pages are read again */
		for (vma = find_vma(current->mm, start); vma && vma->vm_start < start + len; vma = vma->vm_next)
			zap_page_range(current->mm, max(start, vma->vm_start), min(start + len, vma->vm_end));
	}
	return 0;       /* other advice is accepted and ignored */
}

/*
 * mremap: shrinking unmaps the tail; growing extends the VMA in place when
 * the addresses after it are free, or with MREMAP_MAYMOVE moves the pages'
 * PTEs to a new range (no copying of data).
 */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long dst;

	if ((addr & ~PAGE_MASK) || (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED)))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && (!(flags & MREMAP_MAYMOVE) || (new_addr & ~PAGE_MASK)))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (new_len == 0)
		return -EINVAL;
	/* Linux 6.1 looks up the VMA at addr before anything else: none is
	 * -EFAULT, for a shrink too (never "addr", which may be a kernel address) */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (addr + old_len < addr)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		/* the new range may not overlap the old one; whatever was there goes */
		if (new_addr > TASK_SIZE - new_len ||
		    (new_addr < addr + old_len && addr < new_addr + new_len))
			return -EINVAL;
		if (do_munmap(mm, new_addr, new_len))
			return -ENOMEM;
	} else if (new_len <= old_len) {
		if (new_len < old_len && do_munmap(mm, addr + new_len, old_len - new_len))
			return -ENOMEM;
		return (long)addr;
	}
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || vma->vm_end < addr + old_len)
		return -EFAULT;
	if (too_big(new_len))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED) && vma->vm_end == addr + old_len && addr + new_len <= TASK_SIZE &&
	    !find_vma_intersection(mm, addr + old_len, addr + new_len)) {
		mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
		vma->vm_end = addr + new_len;   /* order in list and tree is unchanged */
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE) || mm->map_count >= DEFAULT_MAX_MAP_COUNT - 3)
		return -ENOMEM;         /* Linux's move_vma keeps room for its splits */
	dst = flags & MREMAP_FIXED ? new_addr : get_unmapped_area(mm, 0, new_len);
	if (IS_ERR_VALUE(dst))
		return (long)dst;
	if (new_len < old_len) {        /* a fixed move that also shrinks: drop the tail first */
		if (do_munmap(mm, addr + new_len, old_len - new_len))
			return -ENOMEM;
		old_len = new_len;
	}
	dst = map_new_vma(mm, dst, new_len, vma->vm_flags, vma->vm_file,
			  vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), vma->vm_name);
	if (IS_ERR_VALUE(dst))
		return (long)dst;
	for (unsigned long off = 0; off < old_len; off += PAGE_SIZE) {
		pte_t *from = user_pte_lookup(mm, addr + off), *to;

		if (!from || !*from)
			continue;
		to = NULL;
		if (handle_mm_fault(mm, find_vma(mm, dst + off), dst + off, 0) & VM_FAULT_OOM)
			return -ENOMEM;
		to = user_pte_lookup(mm, dst + off);
		/* drop what the fault mapped (the zero page or a file page) and take over */
		if (pte_pfn(*to) != page_to_pfn(zero_page)) {
			__free_page(pfn_to_page(pte_pfn(*to)));
			mm->rss--;
		}
		*to = *from;
		*from = 0;
		__flush_tlb_one(addr + off);
		__flush_tlb_one(dst + off);
	}
	do_munmap(mm, addr, old_len);
	return (long)dst;
}

/* brk: move the end of the heap. Failure is reported by returning the old break. */
long sys_brk(unsigned long brk)
{
	/* LAB 5: BEGIN SOLUTION */
	struct mm_struct *mm = current->mm;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return (long)mm->brk;
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return (long)mm->brk;
	} else if (newbrk > oldbrk) {
		/* keep a page of gap below the next mapping (Linux's check) */
		if (too_big(newbrk - oldbrk) ||   /* like one mmap of that size */
		    mm->map_count > DEFAULT_MAX_MAP_COUNT ||
		    find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE))
			return (long)mm->brk;
		if (IS_ERR_VALUE(map_new_vma(mm, oldbrk, newbrk - oldbrk,
					     VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
					     NULL, 0, "[heap]")))
			return (long)mm->brk;
	}
	mm->brk = brk;
	return (long)brk;
	/* LAB 5: END SOLUTION */
}
