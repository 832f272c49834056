/*
 * mincore(2), as Linux 6.1's mm/mincore.c answers it: one byte per page
 * of [start, start + len), bit 0 set when the page is resident. A page
 * mapped in the page table is resident; an unmapped page of a file VMA
 * (shared anonymous memory included: it has a shmem file) is resident
 * when the file's page cache holds it up to date; an unmapped anonymous
 * page is not. Pagoda has no swap, so nothing else can be resident.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "asm/pgtable.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/vma.h"

/* Whether the page cache of mapping holds index up to date (Linux's mincore_page). */
static unsigned char mincore_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = find_get_page(mapping, index);
	unsigned char present = 0;

	if (page) {
		present = PageUptodate(page) ? 1 : 0;
		put_page(page);
	}
	return present;
}

/*
 * Fill vec[0..pages) for the VMA holding addr (Linux's do_mincore): the
 * number of pages done (up to the VMA's end), or -ENOMEM if addr is in no VMA.
 */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, addr);
	unsigned long end, n = 0;

	if (!vma)
		return -ENOMEM;
	end = vma->vm_end - addr < pages * PAGE_SIZE ? vma->vm_end : addr + pages * PAGE_SIZE;
	for (; addr < end; addr += PAGE_SIZE, n++) {
		pte_t *pte = user_pte_lookup(current->mm, addr);

		if (pte && pte_present(*pte))
			vec[n] = 1;
		else if (vma->vm_file)
			vec[n] = mincore_page(vma->vm_file->f_mapping,
					      vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
		else
			vec[n] = 0;
	}
	return (long)n;
}

/*
 * sys_mincore: 0, or -EINVAL (start not page aligned), -ENOMEM (the range
 * is not all user space or has an unmapped page), -EFAULT (vec cannot hold
 * the bytes; a vector outside user space is found before the range is
 * walked, as Linux's access_ok). Mirrors Linux's sys_mincore: a page's
 * worth of answers at a time, each copied out before the next.
 */
long sys_mincore(unsigned long start, unsigned long len, unsigned char *vec)
{
	unsigned long pages;
	unsigned char *tmp;
	long ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_pages(GFP_KERNEL, 0);
	if (!tmp)
		return -EAGAIN;         /* as Linux's */
	while (pages) {
		long got = do_mincore(start, min(pages, (unsigned long)PAGE_SIZE), tmp);

		if (got <= 0) {
			ret = got;
			break;
		}
		if (copy_to_user(vec, tmp, (unsigned long)got)) {
			ret = -EFAULT;
			break;
		}
		pages -= (unsigned long)got;
		vec += got;
		start += (unsigned long)got << PAGE_SHIFT;
	}
	free_pages((unsigned long)tmp, 0);
	return ret;
}
