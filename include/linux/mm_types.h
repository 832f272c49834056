/*
 * A process's address space: mm_struct, and the vm_area_struct regions
 * (VMAs) it is made of. The VMAs are kept twice, as Linux 2.6 keeps them:
 * in an address-ordered list (vm_next/vm_prev) for walking, and in a
 * red-black tree (mm_rb) for an O(log n) find_vma().
 */
#ifndef PAGODA_MM_MM_TYPES_H
#define PAGODA_MM_MM_TYPES_H

#include <stdint.h>
#include "linux/list.h"
#include "linux/rbtree.h"

struct file;    /* an open initrd file (init/initramfs.c); opaque to mm */

/* vm_flags, Linux's values */
#define VM_READ      0x00000001
#define VM_WRITE     0x00000002
#define VM_EXEC      0x00000004
#define VM_SHARED    0x00000008
#define VM_MAYREAD   0x00000010
#define VM_MAYWRITE  0x00000020
#define VM_MAYEXEC   0x00000040
#define VM_MAYSHARE  0x00000080
#define VM_GROWSDOWN 0x00000100
#define VM_LOCKED    0x00002000         /* mlock: pages stay in memory (mm/mlock.c) */
#define VM_DONTCOPY  0x00020000         /* MADV_DONTFORK: fork leaves this VMA out of the child */
#define VM_ACCOUNT   0x00100000         /* its pages are counted in Committed_AS (mm/util.c) */
#define VM_NORESERVE 0x00200000         /* MAP_NORESERVE: not counted, unless overcommit_memory is 2 */
#define VM_LOCKONFAULT 0x00080000       /* with VM_LOCKED: lock pages as they fault, populate nothing (MLOCK_ONFAULT) */
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)
#define VM_WIPEONFORK 0x02000000        /* MADV_WIPEONFORK: the child gets the VMA, empty */

struct mm_struct;
struct page;
struct vm_area_struct;

/* What a file's VMAs do differently (Linux's struct vm_operations_struct, the part Pagoda has). */
struct vm_operations_struct {
	/*
	 * The page at pgoff (pages) of the VMA's file for a fault, with a
	 * reference, in *pagep: 0, VM_FAULT_MAJOR if it was read in, or
	 * VM_FAULT_SIGBUS/VM_FAULT_OOM (Linux's ->fault; NULL: filemap_fault).
	 */
	int (*fault)(struct vm_area_struct *vma, unsigned long pgoff, struct page **pagep);
};
struct anon_vma;        /* include/linux/rmap.h */

/*
 * What a process's resident pages are, as Linux's rss_stat counts them
 * (/proc/PID/status's RssFile, RssAnon, RssShmem and VmSwap; the OOM
 * killer's anon-rss, file-rss, shmem-rss). Linux 6.1's order and names.
 */
enum {
	MM_FILEPAGES,           /* page-cache pages of mapped files */
	MM_ANONPAGES,           /* anonymous pages: private copies, heap, stack */
	MM_SWAPENTS,            /* swap entries in the page tables: pages out on swap */
	MM_SHMEMPAGES,          /* shmem/tmpfs pages, shared anonymous memory among them */
	NR_MM_COUNTERS
};

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;         /* [vm_start, vm_end), page aligned */
	struct vm_area_struct *vm_next, *vm_prev;       /* sorted by address */
	struct rb_node vm_rb;
	unsigned long vm_flags;
	uint32_t vm_page_prot;                  /* PTE bits for pages of this VMA */
	struct file *vm_file;                   /* NULL: anonymous memory */
	const struct vm_operations_struct *vm_ops;      /* the file's, set by its ->mmap; NULL: the generic ones */
	unsigned long vm_pgoff;                 /* file offset of vm_start, in pages; anon: its birth address >> PAGE_SHIFT */
	const char *vm_name;                    /* "[heap]", "[stack]" or NULL, for maps */
	/*
	 * The reverse map (mm/rmap.c). anon_vma: the family of VMAs whose
	 * anonymous pages this one may map, set at its first anonymous page
	 * (anon_vma_prepare) or inherited at fork; NULL until then. Its VMAs
	 * are linked on anon_vma_node. shared: on the i_mmap list of the
	 * mapped file's address_space. An unlinked node has next == NULL.
	 */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_node;
	struct list_head shared;
};

struct mm_struct {
	struct vm_area_struct *mmap;            /* the list of VMAs */
	struct rb_root mm_rb;                   /* the same VMAs, in a tree */
	int map_count;
	int mm_users;                           /* tasks using it (CLONE_VM, vfork): mmput frees at 0 */
	uint32_t *pgd;                          /* the page directory (kernel virtual) */
	unsigned long mmap_base;                /* where get_unmapped_area starts: TASK_UNMAPPED_BASE */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;                 /* pages mapped by VMAs */
	unsigned long locked_vm;                /* pages of VM_LOCKED VMAs (VmLck) */
	unsigned long def_flags;                /* VM_LOCKED(, VM_LOCKONFAULT) for new VMAs: mlockall(MCL_FUTURE) */
	unsigned long rss_stat[NR_MM_COUNTERS]; /* pages by kind (MM_*): get_mm_rss() adds the resident ones */
	unsigned long hiwater_rss;              /* get_mm_rss()'s high-water mark, brought up to date before rss drops */
	unsigned long min_flt, maj_flt;         /* faults without and with I/O */
	unsigned long flags;                    /* MMF_* bits (MMF_OOM_SKIP) */
};

#endif
