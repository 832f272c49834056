/* mmap's PROT_ and MAP_ flags (Linux's values) and the mm/mmap.c entry points. */
#ifndef PAGODA_MM_MMAN_H
#define PAGODA_MM_MMAN_H

#include <stdbool.h>
#include "linux/mm_types.h"

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4
#define PROT_SEM   0x8          /* accepted by mprotect and mmap; nothing to do on x86 */
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP   0x02000000

#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE            0x0f
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_GROWSDOWN       0x0100
#define MAP_DENYWRITE       0x0800
#define MAP_EXECUTABLE      0x1000
#define MAP_NORESERVE       0x4000
#define MAP_POPULATE        0x8000
#define MAP_LOCKED          0x2000
#define MAP_NONBLOCK        0x10000
#define MAP_STACK           0x20000
#define MAP_HUGETLB         0x40000
#define MAP_SYNC            0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED   0x4000000
#define MAP_HUGE_SHIFT      26
#define MAP_HUGE_MASK       0x3f
/* the flags MAP_SHARED_VALIDATE accepts for a file with no mmap_supported_flags */
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | \
			 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2
#define MREMAP_DONTUNMAP 4

/* madvise advice (asm-generic/mman-common.h) */
#define MADV_NORMAL          0
#define MADV_RANDOM          1
#define MADV_SEQUENTIAL      2
#define MADV_WILLNEED        3
#define MADV_DONTNEED        4
#define MADV_FREE            8
#define MADV_REMOVE          9
#define MADV_DONTFORK       10
#define MADV_DOFORK         11
#define MADV_MERGEABLE      12
#define MADV_UNMERGEABLE    13
#define MADV_HUGEPAGE       14
#define MADV_NOHUGEPAGE     15
#define MADV_DONTDUMP       16
#define MADV_DODUMP         17
#define MADV_WIPEONFORK     18
#define MADV_KEEPONFORK     19
#define MADV_COLD           20
#define MADV_PAGEOUT        21
#define MADV_POPULATE_READ  22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE       25

struct file;
/*
 * Linux's do_mmap: map len bytes of file (the descriptor's file; NULL for
 * anonymous memory) from page pgoff, its checks in Linux's order. Returns
 * the address or a -errno cast to unsigned long.
 */
unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);

/* --- overcommit (mm/util.c) --- */
#define OVERCOMMIT_GUESS  0     /* vm.overcommit_memory: refuse only the obviously too big */
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER  2     /* keep Committed_AS under CommitLimit */
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes, sysctl_user_reserve_kbytes, sysctl_admin_reserve_kbytes;
extern long total_swap_pages;
/* Count pages more (or fewer) as promised to VM_ACCOUNT mappings, without a check. */
void vm_acct_memory(long pages);
void vm_unacct_memory(long pages);
/* /proc/meminfo's Committed_AS and CommitLimit, in pages. */
unsigned long vm_memory_committed(void);
unsigned long vm_commit_limit(void);
/* At boot, after memory is known: user_reserve_kbytes and admin_reserve_kbytes, as Linux's initcalls. */
void init_overcommit_reserves(void);
/*
 * May mm be promised pages more (Linux's __vm_enough_memory)? Counts them
 * in Committed_AS and returns 0, or -ENOMEM (counting nothing) when
 * vm.overcommit_memory says no. cap_sys_admin: root may use the admin
 * reserve. security_vm_enough_memory_mm asks capable(CAP_SYS_ADMIN).
 */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin);
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages);
/* The pages of mm's VM_ACCOUNT VMAs: what its end gives back. */
unsigned long vm_accounted_pages(const struct mm_struct *mm);
/*
 * May mm grow by npages pages of a mapping with vm_flags, within the
 * caller's RLIMIT_AS (all mappings) and RLIMIT_DATA (private writable
 * ones, not stacks)? Linux's may_expand_vm, which callers turn into -ENOMEM.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages);
/* The VM_ flags of a mapping with PROT_ bits PROT and MAP_ flags FLAGS (Linux's calc_vm_prot_bits | calc_vm_flag_bits). */
unsigned long calc_vm_flags(unsigned long prot, unsigned long flags);
/* Split the VMA ADDR falls inside so that a VMA starts at ADDR: 0, or split_vma()'s -ENOMEM. */
int split_at(struct mm_struct *mm, unsigned long addr);
/*
 * A new VMA [addr, addr + len) with these flags, file, pgoff (pages) and
 * name, merged with alike neighbours. The range must be free. Returns addr,
 * or -ENOMEM cast to unsigned long.
 */
unsigned long map_new_vma(struct mm_struct *mm, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, struct file *file, unsigned long pgoff,
			  const char *name);
/*
 * Make a VMA that a file's ->mmap was given ordinary anonymous memory
 * (Linux's vma_set_anonymous): Pagoda's anonymous VMAs are those without
 * a file, so the file's reference goes.
 */
void vma_set_anonymous(struct vm_area_struct *vma);
/*
 * map_new_vma() for mremap's move (Linux's copy_vma): the new VMA joins
 * anon_vma (NULL: none), whose pages are about to move into it, so it
 * merges only with neighbours of the same anon_vma or none.
 */
struct anon_vma;
unsigned long map_new_vma_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
			       unsigned long vm_flags, struct file *file, unsigned long pgoff,
			       const char *name, struct anon_vma *anon_vma);

#endif
