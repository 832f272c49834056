/*
 * Overcommit accounting (Linux's mm/util.c __vm_enough_memory and the
 * vm_committed_as counter). Every VMA flagged VM_ACCOUNT -- private
 * writable mappings, brk, the stack (Linux's accountable_mapping), and
 * shared anonymous ones (Linux charges their shmem object) -- has its
 * pages counted in vm_committed_as from the moment it is made or grows
 * until it is unmapped or its mm goes; fork counts the child's copies
 * again. vm.overcommit_memory decides whether a new charge
 * is allowed: 0 refuses only one request larger than RAM + swap, 1 allows
 * everything, 2 refuses what would take vm_committed_as past CommitLimit.
 */
#include "linux/capability.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/ratelimit.h"
#include "linux/sched.h"
#include "linux/vma.h"

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;               /* percent of RAM under OVERCOMMIT_NEVER */
unsigned long sysctl_overcommit_kbytes;         /* if set, it and not the ratio */
/* Linux's init_user_reserve and init_admin_reserve: 3% of RAM, at most 128 MiB and 8 MiB */
unsigned long sysctl_user_reserve_kbytes, sysctl_admin_reserve_kbytes;

/* Pages promised to VM_ACCOUNT mappings (Linux's percpu counter, one CPU here). */
static long vm_committed_as;

void vm_acct_memory(long pages)
{
	vm_committed_as += pages;
}

void vm_unacct_memory(long pages)
{
	vm_committed_as -= pages;
}

unsigned long vm_memory_committed(void)
{
	return vm_committed_as > 0 ? (unsigned long)vm_committed_as : 0;
}

unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	else    /* no huge pages to leave out */
		allowed = (unsigned long)((unsigned long long)totalram_pages * (unsigned int)sysctl_overcommit_ratio / 100);
	return allowed + (unsigned long)total_swap_pages;
}

void init_overcommit_reserves(void)
{
	unsigned long free_kbytes = nr_free_pages() << (PAGE_SHIFT - 10);

	sysctl_user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);
}

int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	static DEFINE_RATELIMIT_STATE(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
	long allowed;

	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if (pages > (long)(totalram_pages + (unsigned long)total_swap_pages))
			goto error;
		return 0;
	}
	allowed = (long)vm_commit_limit();
	if (!cap_sys_admin)     /* some is kept for root to recover with */
		allowed -= (long)(sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10));
	if (mm) {               /* and one process may not take it all */
		long reserve = (long)(sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10));

		allowed -= min((long)(mm->total_vm / 32), reserve);
	}
	if ((long)vm_memory_committed() < allowed)
		return 0;
error:
	if (__ratelimit(&rs))   /* pr_warn_ratelimited */
		pr_warn("__vm_enough_memory: pid: %d, comm: %s, not enough memory for the allocation\n",
			current->pid, current->comm);
	vm_unacct_memory(pages);
	return -ENOMEM;
}

int security_vm_enough_memory_mm(struct mm_struct *mm, long pages)
{
	return __vm_enough_memory(mm, pages, capable(CAP_SYS_ADMIN));
}

unsigned long vm_accounted_pages(const struct mm_struct *mm)
{
	unsigned long pages = 0;

	for (const struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_flags & VM_ACCOUNT)
			pages += vma_pages(vma);
	return pages;
}
