/*
 * A process's mappings: mmap, munmap and brk (mprotect is in
 * mm/mprotect.c, mremap in mm/mremap.c, madvise in mm/madvise.c), with
 * Linux's checks and error numbers. They only edit VMAs (splitting and
 * merging them as Linux does) and clear page-table entries; pages arrive
 * later, on faults (mm/memory.c).
 */
#include "asm/pgtable.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/shmem_fs.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/vma.h"

unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
}

/*
 * Is a new mapping counted in Committed_AS (Linux's accountable_mapping)?
 * Private writable ones: their pages may all become copies of their own.
 * MAP_NORESERVE's VM_NORESERVE opts out (not under overcommit_memory 2).
 */
static bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* Private, writable and not a stack: what RLIMIT_DATA counts (Linux's is_data_mapping). */
static bool is_data_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

/* Pages of mm in data mappings (Linux keeps this count as mm->data_vm; a walk costs only with a limit set). */
static unsigned long data_vm(const struct mm_struct *mm)
{
	unsigned long pages = 0;

	for (const struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		if (is_data_mapping(vma->vm_flags))
			pages += vma_pages(vma);
	return pages;
}

bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages)
{
	unsigned long data_limit = rlimit(RLIMIT_DATA), data;
	static bool warned;

	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (!is_data_mapping(vm_flags) || data_limit == RLIM_INFINITY)
		return true;
	data = data_vm(mm) + npages;
	if (data <= data_limit >> PAGE_SHIFT)
		return true;
	/* Linux's workaround for Valgrind, which sets a soft limit of 0 */
	if (data_limit == 0 && data <= rlimit_max(RLIMIT_DATA) >> PAGE_SHIFT)
		return true;
	if (!warned) {
		warned = true;
		/* Linux's message, less its advice to boot with ignore_rlimit_data: Pagoda has no such option */
		pr_warn("%s (%d): VmData %lu exceed data ulimit %lu. Update limits.\n",
			current->comm, current->pid, data << PAGE_SHIFT, data_limit);
	}
	return false;
}

/* Pages of mm's mappings inside [addr, end): what a MAP_FIXED mapping replaces (Linux's count_vma_pages_range). */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long addr, unsigned long end)
{
	unsigned long pages = 0;

	for (struct vm_area_struct *vma = find_vma(mm, addr); vma && vma->vm_start < end; vma = vma->vm_next)
		pages += (min(vma->vm_end, end) - max(vma->vm_start, addr)) >> PAGE_SHIFT;
	return pages;
}

/* Make [start, end) begin and end on VMA boundaries. */
int split_at(struct mm_struct *mm, unsigned long addr)
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
		if (vma->vm_flags & VM_ACCOUNT)
			vm_unacct_memory((long)vma_pages(vma));
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= vma_pages(vma);
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		remove_vm_struct(mm, vma);
		vm_area_free(vma);
	}
	return 0;
}

/* A new VMA, not yet in any mm: NULL if no memory. */
static struct vm_area_struct *new_vma(unsigned long addr, unsigned long len, unsigned long vm_flags,
				      struct file *file, unsigned long pgoff, const char *name)
{
	struct vm_area_struct *vma = vm_area_alloc();

	if (!vma)
		return NULL;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_file = file ? get_file(file) : NULL;    /* the VMA's own reference, dropped by vm_area_free */
	vma->vm_pgoff = pgoff;
	vma->vm_name = name;
	return vma;
}

/* Put vma into mm and merge it with alike neighbours: its start, or -ENOMEM (vma freed). */
static unsigned long link_new_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start;

	if (insert_vm_struct(mm, vma)) {
		vm_area_free(vma);
		return (unsigned long)-ENOMEM;
	}
	vma_merge_neighbours(mm, vma);
	return addr;
}

unsigned long map_new_vma(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, struct file *file, unsigned long pgoff,
			  const char *name)
{
	return map_new_vma_anon(mm, addr, len, vm_flags, file, pgoff, name, NULL);
}

unsigned long map_new_vma_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
			       unsigned long vm_flags, struct file *file, unsigned long pgoff,
			       const char *name, struct anon_vma *anon_vma)
{
	struct vm_area_struct *vma = new_vma(addr, len, vm_flags, file, pgoff, name);

	if (!vma)
		return (unsigned long)-ENOMEM;
	vma->anon_vma = anon_vma;       /* set before the merge, which must respect it */
	return link_new_vma(mm, vma);
}

void vma_set_anonymous(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = NULL;
}

/*
 * The new mapping of do_mmap (Linux's mmap_region): the file's ->mmap
 * sees the VMA before anything else does (/dev/zero makes itself shmem
 * or anonymous there), and a shared anonymous one gets its shmem file
 * (shmem_zero_setup). Returns addr, or a -errno cast to unsigned long.
 */
static unsigned long mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma = new_vma(addr, len, vm_flags, file, pgoff, NULL);
	int err = 0;

	if (!vma)
		return (unsigned long)-ENOMEM;
	if (file)
		err = file->f_op->mmap(file, vma);
	else if (vm_flags & VM_SHARED)
		err = shmem_zero_setup(vma);
	if (err) {
		vm_area_free(vma);
		return (unsigned long)err;
	}
	return link_new_vma(mm, vma);
}

/* Does the file have an mmap operation? Terminals, pipes and directories do not. */
static bool file_has_mmap(const struct file *f)
{
	return f->f_op && f->f_op->mmap;
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	/* anonymous MAP_HUGETLB is a hugetlbfs file on Linux: checked as a file */
	bool hugetlb = !file && (flags & MAP_HUGETLB);
	bool writable = hugetlb || (file && (file->f_flags & O_ACCMODE) == O_RDWR);
	unsigned long vm_flags;

	if (len == 0)
		return (unsigned long)-EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = PAGE_ALIGN(len);
	if (len == 0)
		return (unsigned long)-ENOMEM;
	/* The last page's offset must fit in pgoff: Linux's "offset overflow?" check.
	 * (Its file_mmap_ok() refuses nothing more for a regular file on i386.) */
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return (unsigned long)-EOVERFLOW;
	if (mm->map_count > DEFAULT_MAX_MAP_COUNT)
		return (unsigned long)-ENOMEM;
	/* Linux's get_unmapped_area: for MAP_FIXED, the range must fit before the address is aligned */
	if (flags & MAP_FIXED) {
		if (len > TASK_SIZE || addr > TASK_SIZE - len)
			return (unsigned long)-ENOMEM;
		if (addr & ~PAGE_MASK)
			return (unsigned long)-EINVAL;
		if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
			return (unsigned long)-EEXIST;
	} else {
		addr = get_unmapped_area(mm, addr & PAGE_MASK, len);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	/* mlockall(MCL_FUTURE) locks every new mapping; MAP_LOCKED this one (Linux's do_mmap) */
	vm_flags = calc_vm_flags(prot, flags) | mm->def_flags | (flags & MAP_LOCKED ? VM_LOCKED : 0);
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return (unsigned long)-EPERM;
	if (!mlock_future_ok(mm, vm_flags, len))
		return (unsigned long)-EAGAIN;
	/* MAP_NORESERVE is honoured only while overcommit is allowed */
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;
	if (file || hugetlb) {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			flags &= LEGACY_MAP_MASK;       /* plain MAP_SHARED ignores unknown flags */
			/* fall through */
		case MAP_SHARED_VALIDATE:
			if (flags & ~(unsigned long)LEGACY_MAP_MASK)
				return (unsigned long)-EOPNOTSUPP;
			if ((prot & PROT_WRITE) && !writable)
				return (unsigned long)-EACCES;  /* the initrd is read-only */
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			if (!writable)
				vm_flags &= ~VM_MAYWRITE;       /* so mprotect(PROT_WRITE) is -EACCES too */
			/* fall through */
		case MAP_PRIVATE:
			if (file && (file->f_flags & O_ACCMODE) == O_WRONLY)
				return (unsigned long)-EACCES;  /* every mapping reads: no FMODE_READ, no map */
			if (!hugetlb && !file_has_mmap(file))
				return (unsigned long)-ENODEV;
			if (vm_flags & VM_GROWSDOWN)
				return (unsigned long)-EINVAL;
			break;
		default:
			return (unsigned long)-EINVAL;
		}
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & VM_GROWSDOWN)
				return (unsigned long)-EINVAL;
			pgoff = 0;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			pgoff = addr >> PAGE_SHIFT;     /* what keeps a moved VMA from merging */
			break;
		default:
			return (unsigned long)-EINVAL;
		}
	}
	/* Linux's hugetlb_reserve_pages: Pagoda has no huge pages to reserve
	 * (Linux would accept MAP_NORESERVE here and SIGBUS at the fault). */
	if (hugetlb)
		return (unsigned long)-ENOMEM;
	/* Linux's mmap_region: what a MAP_FIXED mapping replaces does not count twice */
	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT) &&
	    !may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) - count_vma_pages_range(mm, addr, addr + len)))
		return (unsigned long)-ENOMEM;
	/* Only now, with the limits passed, does MAP_FIXED drop what was there
	 * (Linux's mmap_region): a refused call leaves the old mapping intact. */
	if ((flags & MAP_FIXED) && do_munmap(mm, addr, len))
		return (unsigned long)-ENOMEM;
	/*
	 * Then the overcommit policy, as Linux's mmap_region: what was
	 * unmapped gave its charge back first. Shared anonymous memory is
	 * counted whatever its protection: Linux charges the shmem object
	 * behind it (shmem_acct_size, from shmem_zero_setup); here the VMA
	 * carries the charge, so a fork's copy is counted again where Linux
	 * counts the one object once, and a shared mapping of /dev/zero is not
	 * counted (it has a file until its ->mmap runs).
	 */
	if (accountable_mapping(vm_flags) ||
	    (!file && (vm_flags & VM_SHARED) && !(vm_flags & VM_NORESERVE))) {
		if (security_vm_enough_memory_mm(mm, (long)(len >> PAGE_SHIFT)))
			return (unsigned long)-ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	addr = mmap_region(mm, file, addr, len, vm_flags, pgoff);
	if (IS_ERR_VALUE(addr) && (vm_flags & VM_ACCOUNT))
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
	if (!IS_ERR_VALUE(addr) && (vm_flags & VM_LOCKED)) {
		mm->locked_vm += len >> PAGE_SHIFT;
		if (!(vm_flags & VM_LOCKONFAULT))
			mm_populate_locked(addr, addr + len, true);     /* Linux's mm_populate: errors ignored */
	} else if (!IS_ERR_VALUE(addr) && (flags & MAP_POPULATE)) {
		/* the new VMA may have merged with a neighbour: populate just [addr, addr + len) */
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (vma)
			populate_vma_range(mm, vma, addr, addr + len);
	}
	return addr;
}

/*
 * Linux's ksys_mmap_pgoff: a bad descriptor first; MAP_HUGETLB on a file
 * that is not hugetlbfs, or of a huge page size i386 (2-level paging,
 * 4 MiB pages) has not, is -EINVAL before anything else.
 */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((int)fd);
		if (!file)
			return -EBADF;
		if (flags & MAP_HUGETLB)
			return -EINVAL;
	} else if (flags & MAP_HUGETLB) {
		unsigned long size_log = (flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;

		if (size_log && size_log != PGDIR_SHIFT)
			return -EINVAL;
		len = ALIGN_UP(len, 1UL << PGDIR_SHIFT);
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

/* brk: move the end of the heap. Failure is reported by returning the old break. */
long sys_brk(unsigned long brk)
{
	/* LAB 5: BEGIN SOLUTION */
	struct mm_struct *mm = current->mm;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return (long)mm->brk;
	/* Linux's check_data_rlimit, on the unaligned break and before a shrink too: heap and data segment */
	if (rlimit(RLIMIT_DATA) != RLIM_INFINITY &&
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) > rlimit(RLIMIT_DATA))
		return (long)mm->brk;
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return (long)mm->brk;
	} else if (newbrk > oldbrk) {
		struct vm_area_struct *next = find_vma(mm, oldbrk);

		/* a page of gap below the next mapping, and a stack's guard gap (Linux's check) */
		long pages = (long)((newbrk - oldbrk) >> PAGE_SHIFT);

		if (!may_expand_vm(mm, VM_READ | VM_WRITE, (unsigned long)pages) ||
		    !mlock_future_ok(mm, mm->def_flags, newbrk - oldbrk) ||
		    mm->map_count > DEFAULT_MAX_MAP_COUNT ||
		    (next && newbrk + PAGE_SIZE > vm_start_gap(next)))
			return (long)mm->brk;
		/* the heap is always counted (Linux's do_brk_flags) */
		if (security_vm_enough_memory_mm(mm, pages))
			return (long)mm->brk;
		/* anonymous: vm_pgoff is the address, as do_brk_flags sets it */
		if (IS_ERR_VALUE(map_new_vma(mm, oldbrk, newbrk - oldbrk,
					     VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT |
					     mm->def_flags, NULL, oldbrk >> PAGE_SHIFT, "[heap]"))) {
			vm_unacct_memory(pages);
			return (long)mm->brk;
		}
		if (mm->def_flags & VM_LOCKED) {        /* mlockall(MCL_FUTURE): the heap too */
			mm->locked_vm += (newbrk - oldbrk) >> PAGE_SHIFT;
			if (!(mm->def_flags & VM_LOCKONFAULT))
				mm_populate_locked(oldbrk, newbrk, true);
		}
	}
	mm->brk = brk;
	return (long)brk;
	/* LAB 5: END SOLUTION */
}
