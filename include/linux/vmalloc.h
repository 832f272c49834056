/*
 * vmalloc: virtually contiguous kernel memory built from pages that need
 * not be physically contiguous (and may be highmem), mapped between
 * VMALLOC_START and VMALLOC_END. Each area is one page longer than asked:
 * the last page stays unmapped, so running off the end faults.
 */
#ifndef PAGODA_MM_VMALLOC_H
#define PAGODA_MM_VMALLOC_H

#include <stddef.h>
#include "asm/pgtable.h"
#include "linux/highmem.h"
#include "linux/page.h"

#define VMALLOC_OFFSET  (8UL << 20)     /* the gap after lowmem that catches overruns */
#define VMALLOC_START   ((((unsigned long)high_memory) + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1))
#define VMALLOC_END     (PKMAP_BASE - 2 * PAGE_SIZE)

/* vm_struct flags, Linux's values */
#define VM_IOREMAP  0x00000001
#define VM_ALLOC    0x00000002
#define VM_MAP      0x00000004

struct vm_struct {
	struct vm_struct *next;         /* the area list, sorted by address */
	unsigned long addr, size;       /* size includes the guard page */
	unsigned long flags;
	struct page **pages;            /* VM_ALLOC and VM_MAP */
	unsigned int nr_pages;
	unsigned long phys_addr;        /* VM_IOREMAP */
	unsigned long caller;           /* who asked: shown in vmallocinfo */
};

/* The address-range allocator (mm/vmlist.c): first fit in a sorted list. */
struct vm_list {
	struct vm_struct *head;
	unsigned long start, end;
};
int vmlist_insert(struct vm_list *list, struct vm_struct *area, unsigned long size,
		  unsigned long align);
struct vm_struct *vmlist_remove(struct vm_list *list, unsigned long addr);
struct vm_struct *vmlist_find(const struct vm_list *list, unsigned long addr);
unsigned long vmlist_used(const struct vm_list *list);
unsigned long vmlist_largest_gap(const struct vm_list *list);
int vmlist_check(const struct vm_list *list);    /* invariant violations, printed */

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);
void *ioremap(unsigned long phys_addr, unsigned long size);
void iounmap(volatile void *addr);
struct vm_struct *find_vm_area(const void *addr);

void vmalloc_init(void);
struct seq_file;
/* /proc/vmallocinfo into m; always 0. show_vmallocinfo prints it on the console. */
int vmallocinfo_show(struct seq_file *m, void *v);
void show_vmallocinfo(void);
/* Is any vmalloc, vmap or ioremap area in use? (the monitor says so when none is) */
bool vmalloc_has_areas(void);
void vmalloc_meminfo_rows(void (*row)(const char *name, unsigned long kb));
bool is_vmalloc_addr(const void *addr);

/* i386: copy a missing kernel PDE from swapper_pg_dir into the current directory. */
int vmalloc_fault(unsigned long address);

#endif
